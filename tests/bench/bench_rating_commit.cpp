// Committing one rating as the annotation workspace does: RatingStore::commit writes the event and its audit entry
// in one transaction, with synchronous=FULL, so each commit waits for the disk. 2,000 commits; prints p50, p99 and
// the maximum as one JSON object. The study lives in a temporary subdirectory of DIR, by default the current
// directory (not /tmp, often a tmpfs where fsync costs nothing); "tmp_dir" and "file_system" in the output say where
// it was, and "synchronous" and "journal_mode" are read back from the study, not assumed.
//   bench_rating_commit [--commits N] [--dir DIR]
#include "tests/bench/benchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

using namespace concord;

namespace {

constexpr double kTargetP99Ms = 10.0;

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption commitsOption(QStringLiteral("commits"), QStringLiteral("Commits (default 2000)."),
                                           QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Directory for the study (default: .)."),
                                       QStringLiteral("DIR"), QStringLiteral("."));
    parser.addOptions({commitsOption, dirOption});
    parser.process(app);
    QTextStream err(stderr);

    QTemporaryDir dir(QDir(parser.value(dirOption)).filePath(QStringLiteral("bench-XXXXXX")));
    if (!dir.isValid()) {
        err << "bench_rating_commit: cannot create a directory in " << parser.value(dirOption) << Qt::endl;
        return 1;
    }
    auto created = Study::create(dir.filePath(QStringLiteral("commit.concord")),
                                 {.title = QStringLiteral("bench commit"), .rubric = defaultRubric()});
    if (!created.ok()) {
        err << created.errorMessage() << Qt::endl;
        return 1;
    }
    Study &study = *created.value();
    const QString fileSystem = bench::fileSystemType(dir.path());
    if (fileSystem == QLatin1String("tmpfs") || fileSystem == QLatin1String("ramfs"))
        err << "bench_rating_commit: " << dir.path() << " is on " << fileSystem
            << "; fsync costs nothing there, pass --dir on a real disk" << Qt::endl;
    // A study of realistic size for one physician's session, so that index maintenance is part of each commit.
    if (auto status = bench::fillStudy(study, {.responses = 2000, .raters = 3}); !status.ok()) {
        err << status.errorMessage() << Qt::endl;
        return 1;
    }
    QVector<qint64> responseIds;
    auto responseQuery = study.exec(QStringLiteral("SELECT id FROM response ORDER BY id"));
    if (!responseQuery.ok()) {
        err << responseQuery.errorMessage() << Qt::endl;
        return 1;
    }
    while (responseQuery->next())
        responseIds << responseQuery->value(0).toLongLong();
    auto annotator = AnnotatorStore(study).ensureAnnotator(QStringLiteral("Benchmark physician"));
    if (!annotator.ok()) {
        err << annotator.errorMessage() << Qt::endl;
        return 1;
    }
    QVector<qint64> axes;
    for (const auto &axis : study.rubric().axes) {
        if (axis.target == AxisTarget::Response)
            axes << axis.id;
    }

    RatingStore ratings(study);
    const int commits = std::max(1, parser.value(commitsOption).toInt());
    std::vector<double> times;
    times.reserve(static_cast<std::size_t>(commits));
    QElapsedTimer timer;
    for (int i = 0; i < commits; ++i) {
        RatingEvent event;
        event.annotatorId = annotator->id;
        event.responseId = responseIds[(i / axes.size()) % responseIds.size()];
        event.axisId = axes[i % axes.size()];
        event.value = i % 4 + 1;
        event.rubricVersion = study.rubric().version;
        event.activeSeconds = 30;
        timer.start();
        auto committed = ratings.commit(event, QStringLiteral("Benchmark physician"));
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        if (!committed.ok()) {
            err << committed.errorMessage() << Qt::endl;
            return 1;
        }
    }
    const double p99 = bench::percentile(times, 99);
    bench::printResult(
        QJsonObject{{QStringLiteral("benchmark"), QStringLiteral("rating_commit")},
                    {QStringLiteral("count"), commits},
                    {QStringLiteral("synchronous"),
                     bench::synchronousName(bench::pragmaValue(study, QStringLiteral("synchronous")))},
                    {QStringLiteral("journal_mode"), bench::pragmaValue(study, QStringLiteral("journal_mode"))},
                    {QStringLiteral("tmp_dir"), QDir(dir.path()).absolutePath()},
                    {QStringLiteral("file_system"), fileSystem},
                    {QStringLiteral("p50_ms"), bench::percentile(times, 50)},
                    {QStringLiteral("p99_ms"), p99},
                    {QStringLiteral("max_ms"), bench::percentile(times, 100)},
                    {QStringLiteral("target_p99_ms"), kTargetP99Ms},
                    {QStringLiteral("meets_target"), p99 < kTargetP99Ms}});
    return 0;
}
