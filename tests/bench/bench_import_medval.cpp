// Importing a MedVAL-Bench CSV as `concord import --format medval` does: 100,000 rows (about 100 MB, with quoted
// multi-line fields), physician grades as ratings and LM grades as judge scores, in one transaction. Prints one JSON
// object. The study and the CSV live in the current directory.
//   bench_import_medval [--rows N]
#include "model/formats/importer.h"
#include "tests/bench/benchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace concord;

namespace {

constexpr double kTargetSeconds = 10.0;

QByteArray quoted(const QByteArray &text)
{
    QByteArray out = text;
    out.replace('"', "\"\"");
    return '"' + out + '"';
}

// Rows of about 1 KB: a clinical-style input, a reference and an output, every tenth row unlabelled by the physician
// and every fifth with a multi-line error assessment.
bool writeMedvalCsv(const QString &path, int rows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray tasks[] = {"report2simplified", "dialogue2note", "medication2answer", "query2question"};
    const QByteArray inputFiller = QByteArray("Vital signs stable, afebrile, tolerating oral intake, \"no\" new "
                                              "symptoms since the last review. ")
                                       .repeated(4);
    const QByteArray outputFiller =
        QByteArray("The findings are explained in plain words, with what to watch for and when to seek help. ")
            .repeated(3);
    file.write("#,id,task,input,reference_output,output,physician_error_assessment,physician_risk_grade,"
               "lm_reasoning,lm_error_assessment,lm_risk_grade\n");
    for (int i = 0; i < rows; ++i) {
        const QByteArray n = QByteArray::number(i);
        const QByteArray grade = i % 10 == 9 ? QByteArray("-1") : QByteArray::number(i % 4 + 1);
        const QByteArray assessment =
            i % 5 == 0 ? QByteArray("Omission: the dose change is not mentioned.\nCommission: none.") : QByteArray();
        QByteArray row;
        row.reserve(1200);
        row += n + ",bench-" + n + ',' + tasks[i % 4] + ',' + quoted("Case " + n + ". " + inputFiller) + ',' +
               quoted("Reference for case " + n + ". " + outputFiller) + ',' +
               quoted("Output for case " + n + ". " + outputFiller) + ',' + quoted(assessment) + ',' + grade + ',' +
               quoted("The output matches the reference in substance.") + ",," + QByteArray::number((i + 1) % 4 + 1) +
               '\n';
        if (file.write(row) != row.size())
            return false;
    }
    return file.flush();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows (default 100000)."),
                                        QStringLiteral("N"), QStringLiteral("100000"));
    parser.addOption(rowsOption);
    parser.process(app);
    QTextStream err(stderr);
    const int rows = std::max(1, parser.value(rowsOption).toInt());

    QTemporaryDir dir(QDir::current().filePath(QStringLiteral("bench-XXXXXX")));
    const QString csvPath = dir.filePath(QStringLiteral("medval-bench.csv"));
    if (!dir.isValid() || !writeMedvalCsv(csvPath, rows)) {
        err << "bench_import_medval: cannot write " << csvPath << Qt::endl;
        return 1;
    }
    auto created = Study::create(dir.filePath(QStringLiteral("import.concord")),
                                 {.title = QStringLiteral("bench import"), .rubric = defaultRubric()});
    if (!created.ok()) {
        err << created.errorMessage() << Qt::endl;
        return 1;
    }

    ImportOptions options;
    options.format = ImportFormat::Medval;
    options.annotator = QStringLiteral("Physician A");
    options.judge = QStringLiteral("medval judge");
    QElapsedTimer timer;
    timer.start();
    auto summary = importFile(*created.value(), csvPath, options);
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (!summary.ok()) {
        err << summary.errorMessage() << Qt::endl;
        return 1;
    }
    // A fast import that skipped rows would be no result: every row is a case, all but the unlabelled tenth a rating,
    // and every row a judge score.
    const qint64 expectedRatings = rows - rows / 10;
    if (summary->casesAdded != rows || summary->ratingEventsAdded != expectedRatings ||
        summary->judgeScoresAdded != rows) {
        err << "bench_import_medval: imported " << summary->casesAdded << " cases, " << summary->ratingEventsAdded
            << " ratings and " << summary->judgeScoresAdded << " judge scores; expected " << rows << ", "
            << expectedRatings << " and " << rows << Qt::endl;
        return 1;
    }
    const double fileMb = static_cast<double>(QFileInfo(csvPath).size()) / 1048576.0;
    bench::printResult(QJsonObject{{QStringLiteral("benchmark"), QStringLiteral("import_medval")},
                                   {QStringLiteral("rows"), rows},
                                   {QStringLiteral("file_mb"), fileMb},
                                   {QStringLiteral("cases_added"), summary->casesAdded},
                                   {QStringLiteral("rating_events_added"), summary->ratingEventsAdded},
                                   {QStringLiteral("judge_scores_added"), summary->judgeScoresAdded},
                                   {QStringLiteral("seconds"), seconds},
                                   {QStringLiteral("rows_per_second"), rows / seconds},
                                   {QStringLiteral("peak_rss_mb"), bench::peakRssMb()},
                                   {QStringLiteral("target_seconds"), kTargetSeconds},
                                   {QStringLiteral("meets_target"), seconds < kTargetSeconds}});
    return 0;
}
