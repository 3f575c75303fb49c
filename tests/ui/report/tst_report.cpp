// The agreement report: its numbers are concord_stats' on the study's ratings, hostile text from the study is
// shown as text in HTML and PDF, the PDF has several pages and every chart, and the JSON is byte-identical for a
// fixed seed; the export runs on a worker thread with progress and Cancel.
#include "model/demo/demostudy.h"
#include "model/report/reportdata.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "stats/chanceagreement.h"
#include "stats/krippendorff.h"
#include "ui/report/reportexport.h"
#include "ui/report/reportexportjob.h"
#include "ui/report/reportwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QtConcurrent>
#include <cmath>
#include <map>

using namespace concord;

namespace {

const QString kScript = QStringLiteral("<script>alert('x')</script>");
const QString kImage = QStringLiteral("<img src=x onerror=alert(1)>");

QJsonObject axisNamed(const QJsonObject &report, const QString &key)
{
    for (const auto &axis :
         report.value(QStringLiteral("agreement")).toObject().value(QStringLiteral("axes")).toArray()) {
        if (axis.toObject().value(QStringLiteral("key")).toString() == key)
            return axis.toObject();
    }
    return {};
}

// A small study whose names carry markup: title, task, system, physician and judge.
QString hostileStudy(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("hostile.concord"));
    auto created = Study::create(path, {.title = kScript, .rubric = defaultRubric()});
    Study &study = *created.value();
    const Status filled = study.inTransaction([&]() -> Status {
        CaseStore cases(study);
        RatingStore ratings(study);
        JudgeStore judges(study);
        auto run = judges.ensureRun(kImage);
        const Axis *risk = study.rubric().axis(QStringLiteral("risk"));
        QVector<qint64> physicians;
        for (const QString &name : {kImage, QStringLiteral("Dr <b>Bold</b>")})
            physicians << AnnotatorStore(study).ensureAnnotator(name)->id;
        for (int c = 0; c < 12; ++c) {
            CaseRecord record;
            record.externalId = QStringLiteral("case-%1").arg(c);
            record.task = c % 2 ? kScript : QStringLiteral("plain task");
            if (auto r = cases.insertCase(record); !r.ok())
                return r.error();
            ResponseRecord response;
            response.caseId = record.id;
            response.externalId = QStringLiteral("r");
            response.system = c % 3 ? kImage : QStringLiteral("System & <Co>");
            response.text = kScript;
            if (auto r = cases.insertResponse(response); !r.ok())
                return r.error();
            for (int p = 0; p < physicians.size(); ++p) {
                RatingEvent event;
                event.annotatorId = physicians[p];
                event.responseId = response.id;
                event.axisId = risk->id;
                event.value = 1 + (c + p * (c % 3 == 0)) % 4;
                if (auto r = ratings.append(event); !r.ok())
                    return r.error();
            }
            JudgeScore score;
            score.judgeRunId = run->id;
            score.responseId = response.id;
            score.axisId = risk->id;
            score.value = 1 + c % 4;
            score.confidence = 0.6 + 0.03 * c;
            if (auto r = judges.insertScore(score); !r.ok())
                return r.error();
        }
        return {};
    });
    if (!filled.ok())
        qFatal("%s", qPrintable(filled.errorMessage()));
    return path;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void numbers_equalConcordStatsOnTheStudysRatings()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.concord"));
        QVERIFY(createDemoStudy(path, DemoOptions{.cases = 30, .raters = 3, .seed = 11}).ok());
        auto study = Study::open(path);
        auto report = buildReportData(*study.value(), AgreementSettings{.bootstrap = 0});
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));

        // The current ratings of the risk axis, read with RatingStore (not the report's loader), as a matrix.
        const Axis *risk = study.value()->rubric().axis(QStringLiteral("risk"));
        auto current = RatingStore(*study.value()).currentRatings(risk->id);
        std::map<qint64, std::size_t> unitOf, raterOf;
        for (const RatingEvent &event : current.value()) {
            if (event.status != RatingStatus::Value)
                continue;
            unitOf.emplace(event.responseId, unitOf.size());
            raterOf.emplace(event.annotatorId, raterOf.size());
        }
        stats::RatingMatrix matrix(unitOf.size(), raterOf.size());
        for (const RatingEvent &event : current.value()) {
            if (event.status == RatingStatus::Value)
                matrix.set(unitOf[event.responseId], raterOf[event.annotatorId], *event.value);
        }
        const std::vector<double> scale{1, 2, 3, 4};
        const stats::Estimate alpha = stats::krippendorffAlpha(matrix, {stats::MeasurementLevel::Ordinal, scale, 0.95});
        stats::ChanceAgreementOptions options;
        options.categories = scale;
        const stats::Estimate fleiss = stats::fleissKappa(matrix, options);

        const QJsonObject overall = axisNamed(report.value(), QStringLiteral("risk"))
                                        .value(QStringLiteral("among_physicians"))
                                        .toObject()
                                        .value(QStringLiteral("overall"))
                                        .toObject();
        QCOMPARE(
            overall.value(QStringLiteral("krippendorff_alpha")).toObject().value(QStringLiteral("value")).toDouble(),
            *alpha.value);
        QCOMPARE(overall.value(QStringLiteral("fleiss_kappa")).toObject().value(QStringLiteral("value")).toDouble(),
                 *fleiss.value);
        QCOMPARE(
            overall.value(QStringLiteral("krippendorff_alpha")).toObject().value(QStringLiteral("n_units")).toInt(),
            int(alpha.nUnits));
    }

    void json_isByteIdenticalForAFixedSeed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.concord"));
        QVERIFY(createDemoStudy(path, DemoOptions{.cases = 20, .raters = 3, .seed = 3}).ok());
        QByteArray first;
        for (int run = 0; run < 2; ++run) {
            auto study = Study::open(path);
            auto report = buildReportData(*study.value(), AgreementSettings{.bootstrap = 100, .seed = 42});
            QVERIFY(report.ok());
            const QString out = dir.filePath(QStringLiteral("report-%1.json").arg(run));
            QVERIFY(writeReport(report.value(), out).ok());
            QFile file(out);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            if (run == 0)
                first = bytes;
            else
                QCOMPARE(bytes, first);
        }
        // Everything the report promises is there.
        const QJsonObject report = QJsonDocument::fromJson(first).object();
        for (const QString &key :
             {QStringLiteral("study"), QStringLiteral("summary"), QStringLiteral("agreement"),
              QStringLiteral("error_spans"), QStringLiteral("methods"), QStringLiteral("reproducibility")})
            QVERIFY2(report.contains(key), qPrintable(key));
        QCOMPARE(report.value(QStringLiteral("reproducibility"))
                     .toObject()
                     .value(QStringLiteral("study_content_sha256"))
                     .toString()
                     .size(),
                 64);
        QVERIFY(report.value(QStringLiteral("methods")).toString().contains(QStringLiteral("seed 42")));
    }

    void hostileText_isEscapedInHtmlAndShownAsTextInPdf()
    {
        QTemporaryDir dir;
        const QString path = hostileStudy(dir);
        auto study = Study::open(path);
        auto report = buildReportData(*study.value(), AgreementSettings{.bootstrap = 50});
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));

        const QString html = reportHtml(report.value());
        QVERIFY(!html.contains(QStringLiteral("<script>")));
        QVERIFY(!html.contains(QStringLiteral("<img src=x")));
        QVERIFY(!html.contains(QStringLiteral("<b>Bold")));
        QVERIFY(html.contains(kScript.toHtmlEscaped()));
        QVERIFY(html.contains(kImage.toHtmlEscaped()));
        QVERIFY(html.contains(QStringLiteral("<svg")));

        // The PDF is laid out from the same HTML by QTextDocument: the markup is text there too.
        QStringList charts;
        QTextDocument document;
        document.setHtml(reportHtml(report.value(), ChartEmbedding::ImageUrls, &charts));
        const QString text = document.toPlainText();
        QVERIFY(text.contains(kScript));
        QVERIFY(text.contains(kImage));
        QVERIFY(text.contains(QStringLiteral("Dr <b>Bold</b>")));
        for (const QString &chart : charts) {
            QVERIFY(!chart.contains(QStringLiteral("<script")));
            QVERIFY(!chart.contains(QStringLiteral("<img")));
        }
    }

    void pdf_hasSeveralPagesAndEveryChart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.concord"));
        QVERIFY(createDemoStudy(path, DemoOptions{.cases = 30, .raters = 3, .seed = 5}).ok());
        auto study = Study::open(path);
        auto report = buildReportData(*study.value(), AgreementSettings{.bootstrap = 50});
        QVERIFY(report.ok());
        QStringList charts;
        reportHtml(report.value(), ChartEmbedding::ImageUrls, &charts);
        // Per response axis (4): the forest plot, and for the demo's one judge a confusion heat map, the pairwise
        // kappa heat map and the leave-one-out plot; a reliability diagram on the three axes with a binary view.
        QCOMPARE(charts.size(), 4 * 4 + 3);
        const QString out = dir.filePath(QStringLiteral("report.pdf"));
        QVERIFY(writeReport(report.value(), out).ok());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pdf = file.readAll();
        QVERIFY(pdf.startsWith("%PDF"));
        QVERIFY2(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page ") > 1,
                 "the PDF should have more than one page");
        QVERIFY(pdf.count("/Subtype /Image") >= charts.size());
    }

    void exportReport_inTheBackground_reportsProgressAndWritesTheSameBytes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.concord"));
        QVERIFY(createDemoStudy(path, DemoOptions{.cases = 12, .raters = 3, .seed = 5}).ok());
        const AgreementSettings settings{.bootstrap = 50, .seed = 9};
        // Directly, on this thread.
        const QString direct = dir.filePath(QStringLiteral("direct.json"));
        {
            auto study = Study::open(path);
            auto report = buildReportData(*study.value(), settings);
            QVERIFY(report.ok());
            QVERIFY(writeReport(report.value(), direct).ok());
        }
        // On a worker thread with a connection of its own, while this thread keeps the study open.
        auto open = Study::open(path);
        QVERIFY(open.ok());
        const QString background = dir.filePath(QStringLiteral("background.json"));
        ExportProgress progress;
        QVector<int> seen;
        auto future = QtConcurrent::run([&] { return exportReport(path, background, settings, &progress); });
        while (!future.isFinished()) {
            if (seen.isEmpty() || seen.back() != progress.percent())
                seen << progress.percent();
            QTest::qWait(1);
        }
        QVERIFY2(future.result().ok(), qPrintable(future.result().errorMessage()));
        QCOMPARE(progress.percent(), 100);
        QCOMPARE(progress.step(), QStringLiteral("Done"));
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QFile a(direct), b(background);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(b.readAll(), a.readAll());
    }

    void exportReport_cancelled_writesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.concord"));
        QVERIFY(createDemoStudy(path, DemoOptions{.cases = 12, .raters = 3, .seed = 5}).ok());
        const QString out = dir.filePath(QStringLiteral("report.html"));
        ExportProgress progress;
        progress.cancel();
        const Status status = exportReport(path, out, AgreementSettings{.bootstrap = 50}, &progress);
        QVERIFY(!status.ok());
        QVERIFY2(status.errorMessage().contains(QStringLiteral("cancelled")), qPrintable(status.errorMessage()));
        QVERIFY(!QFile::exists(out));

        // The same through the job's Cancel button, pressed while the full analysis runs.
        QWidget window;
        auto *job = new ReportExportJob(path, out, AgreementSettings{.bootstrap = 100000}, &window);
        QSignalSpy finished(job, &ReportExportJob::finished);
        job->start();
        QTest::qWait(100);
        emit job->dialog()->canceled();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(2).toBool(), true);
        QVERIFY(!QFile::exists(out));
    }

    void writeReport_refusesAnUnknownFormatAndLeavesNothing()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("report.docx"));
        const Status written = writeReport(QJsonObject{}, out);
        QVERIFY(!written.ok());
        QVERIFY(written.errorMessage().contains(QStringLiteral("report.docx")));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
