// Import of an export gives back the same data: a demo study, with some blinded repeat ratings added, is exported
// (cases, ratings, judge scores) as tidy CSV and as JSONL, imported into a new study, and exported again; the files
// must be identical, and the repeats stay repeats.
#include "model/demostudy.h"
#include "model/exporter.h"
#include "model/importer.h"
#include "model/ratingstore.h"
#include "model/study.h"
#include "tests/testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qint64 scalar(Study &study, const QString &sql)
{
    auto query = study.exec(sql);
    return query.ok() && query->next() ? query->value(0).toLongLong() : -1;
}

// Blinded repeats of the first `count` current ratings, each one scale point away where the axis has one.
Status addRepeats(Study &study, int count)
{
    RatingStore store(study);
    auto current = store.currentRatings();
    if (!current.ok())
        return current.error();
    if (current->size() < count)
        return Error{QStringLiteral("too few ratings")};
    return study.inTransaction([&]() -> Status {
        for (int i = 0; i < count; ++i) {
            RatingEvent repeat = current.value()[i];
            repeat.id = 0;
            repeat.uuid.clear(); // a new event: append() gives it its own
            repeat.repeat = true;
            const Axis *axis = study.rubric().axisById(repeat.axisId);
            if (repeat.value && axis && axis->target == AxisTarget::Response && axis->points.size() > 1)
                repeat.value = *repeat.value == axis->points[0].value ? axis->points[1].value : axis->points[0].value;
            if (auto appended = store.append(repeat); !appended.ok())
                return appended.error();
        }
        return {};
    });
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void importOfAnExport_givesBackTheSameData_data()
    {
        QTest::addColumn<QString>("extension");
        QTest::newRow("tidy CSV") << QStringLiteral("csv");
        QTest::newRow("JSONL") << QStringLiteral("jsonl");
    }

    void importOfAnExport_givesBackTheSameData()
    {
        QFETCH(QString, extension);
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("source.concord"));
        auto demo = createDemoStudy(source, DemoOptions{12, 3, 7});
        QVERIFY2(demo.ok(), qPrintable(demo.errorMessage()));
        qint64 firstShowings = 0;
        {
            auto study = Study::open(source);
            QVERIFY(study.ok());
            const Status added = addRepeats(*study.value(), 10);
            QVERIFY2(added.ok(), qPrintable(added.errorMessage()));
            QCOMPARE(scalar(*study.value(), QStringLiteral("SELECT count(*) FROM current_repeat_rating")), 10);
            firstShowings = scalar(*study.value(), QStringLiteral("SELECT count(*) FROM current_rating"));
            QVERIFY(firstShowings > 10);
        }

        const std::pair<ExportContent, QString> parts[] = {{ExportContent::Cases, QStringLiteral("cases")},
                                                           {ExportContent::Ratings, QStringLiteral("ratings")},
                                                           {ExportContent::Judge, QStringLiteral("judge")}};
        auto exportAll = [&](Study &study, const QString &prefix) {
            for (const auto &[content, name] : parts) {
                ExportOptions options;
                options.content = content;
                auto written = exportFile(study, dir.filePath(prefix + name + QLatin1Char('.') + extension), options);
                QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
                QVERIFY(written->rowsWritten > 0);
            }
        };
        {
            auto study = Study::open(source);
            QVERIFY(study.ok());
            exportAll(*study.value(), QStringLiteral("first-"));
        }

        const QString copy = dir.filePath(QStringLiteral("copy.concord"));
        {
            auto study = Study::create(copy, {.title = QStringLiteral("copy"), .rubric = defaultRubric()});
            QVERIFY(study.ok());
            for (const auto &[content, name] : parts) {
                ImportOptions options;
                if (content == ExportContent::Cases)
                    options.content = ImportContent::Cases;
                else if (content == ExportContent::Ratings)
                    options.content = ImportContent::Ratings;
                else
                    options.content = ImportContent::Judge;
                auto imported =
                    importFile(*study.value(),
                               dir.filePath(QStringLiteral("first-") + name + QLatin1Char('.') + extension), options);
                QVERIFY2(imported.ok(), qPrintable(name + QStringLiteral(": ") + imported.errorMessage()));
            }
            exportAll(*study.value(), QStringLiteral("second-"));
            // The repeats came back as repeats: none replaced a first showing's rating.
            QCOMPARE(scalar(*study.value(), QStringLiteral("SELECT count(*) FROM current_repeat_rating")), 10);
            QCOMPARE(scalar(*study.value(), QStringLiteral("SELECT count(*) FROM current_rating")), firstShowings);
        }
        const QByteArray ratings = readAll(dir.filePath(QStringLiteral("first-ratings.") + extension));
        QVERIFY(extension == QStringLiteral("csv")
                    ? ratings.startsWith("case,response,system,annotator,axis,value,"
                                         "likelihood,comment,time,active_seconds,repeat\r\n")
                    : ratings.contains("\"repeat\":true"));
        for (const auto &[content, name] : parts) {
            const QByteArray first =
                readAll(dir.filePath(QStringLiteral("first-") + name + QLatin1Char('.') + extension));
            const QByteArray second =
                readAll(dir.filePath(QStringLiteral("second-") + name + QLatin1Char('.') + extension));
            QVERIFY(!first.isEmpty());
            QVERIFY2(first == second,
                     qPrintable(QStringLiteral("%1.%2 differs after a round trip").arg(name, extension)));
        }
    }

    void repeatField_refusesAnythingButYesOrNo_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("tidy CSV") << QStringLiteral("ratings.csv")
                                  << QByteArray("case,response,annotator,axis,value,repeat\n"
                                                "c01,a,Dr A,risk,2,1\n"
                                                "c01,a,Dr A,risk,3,2\n");
        QTest::newRow("JSONL") << QStringLiteral("ratings.jsonl")
                               << QByteArray(
                                      "{\"kind\":\"rating\",\"case\":\"c01\",\"response\":\"a\","
                                      "\"annotator\":\"Dr A\",\"axis\":\"risk\",\"value\":2,\"repeat\":true}\n"
                                      "{\"kind\":\"rating\",\"case\":\"c01\",\"response\":\"a\","
                                      "\"annotator\":\"Dr A\",\"axis\":\"risk\",\"value\":3,\"repeat\":\"yes\"}\n");
    }

    void repeatField_refusesAnythingButYesOrNo()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        auto study = Study::create(dir.filePath(QStringLiteral("s.concord")),
                                   {.title = QStringLiteral("x"), .rubric = defaultRubric()});
        QVERIFY(study.ok());
        const QString cases = dir.filePath(QStringLiteral("cases.jsonl"));
        QVERIFY(writeFile(cases, testsupport::twoResponseCasesJsonl(2)));
        QVERIFY(importFile(*study.value(), cases, ImportOptions{}).ok());
        const QString file = dir.filePath(name);
        QVERIFY(writeFile(file, content));
        auto imported = importFile(*study.value(), file, ImportOptions{});
        QVERIFY(!imported.ok());
        // The error names the file, the second line and the field; the first line's rating is not kept either.
        QVERIFY2(imported.errorMessage().startsWith(file + QStringLiteral(":")), qPrintable(imported.errorMessage()));
        QVERIFY2(imported.errorMessage().contains(QStringLiteral("repeat")), qPrintable(imported.errorMessage()));
        QVERIFY2(imported.errorMessage().contains(name.endsWith(QStringLiteral(".csv")) ? QStringLiteral(":3:")
                                                                                        : QStringLiteral(":2:")),
                 qPrintable(imported.errorMessage()));
        QCOMPARE(scalar(*study.value(), QStringLiteral("SELECT count(*) FROM rating_event")), 0);
    }

    void consensusExport_namesTheRuleAndGivesAReasonForTies()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        auto demo = createDemoStudy(path, DemoOptions{10, 2, 3});
        QVERIFY(demo.ok());
        auto study = Study::open(path);
        ExportOptions options;
        options.content = ExportContent::Consensus;
        options.consensus = ConsensusRule::Majority;
        const QString out = dir.filePath(QStringLiteral("consensus.csv"));
        auto written = exportFile(*study.value(), out, options);
        QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
        const QByteArray text = readAll(out);
        QVERIFY(text.startsWith("case,response,axis,rule,value,ratings,reason\r\n"));
        QVERIFY(text.contains(",majority,"));
        // With two raters, some units split 1:1, and a majority then has no value but a reason.
        QVERIFY(text.contains("tie between 2 values"));
    }

    void export_refusesAnUnknownExtension()
    {
        QTemporaryDir dir;
        auto study = Study::create(dir.filePath(QStringLiteral("s.concord")),
                                   {.title = QStringLiteral("x"), .rubric = defaultRubric()});
        auto written = exportFile(*study.value(), dir.filePath(QStringLiteral("out.xlsx")), ExportOptions{});
        QVERIFY(!written.ok());
        QVERIFY(written.errorMessage().contains(QStringLiteral(".xlsx")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.xlsx"))));
    }
};

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_roundtrip.moc"
