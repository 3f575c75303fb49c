// Committing one rating as the annotation workspace does: RatingStore::commit writes the event and its audit entry
// in one transaction, with synchronous=FULL, so each commit waits for the disk. 2,000 commits; prints p50, p99 and
// the maximum as one JSON object. The study lives in the current directory (not /tmp, often a tmpfs where fsync
// costs nothing).
//   bench_rating_commit [--commits N] [--dir DIR]
#include "tests/bench/benchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

using namespace concord;

namespace {

constexpr double kTargetP99Ms = 10.0;

QString fileSystemType(const QString &dir)
{
    QProcess stat;
    stat.start(QStringLiteral("stat"), {QStringLiteral("-f"), QStringLiteral("-c"), QStringLiteral("%T"), dir});
    stat.waitForFinished(5000);
    return QString::fromLatin1(stat.readAllStandardOutput()).trimmed();
}

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
    auto created =
        Study::create(dir.filePath(QStringLiteral("commit.concord")), {.title = QStringLiteral("bench commit"),
                                                                       .rubric = defaultRubric()});
    if (!created.ok()) {
        err << created.errorMessage() << Qt::endl;
        return 1;
    }
    Study &study = *created.value();
    // A study of realistic size for one physician's session, so that index maintenance is part of each commit.
    if (auto status = bench::fillStudy(study, {.responses = 2000, .raters = 3}); !status.ok()) {
        err << status.errorMessage() << Qt::endl;
        return 1;
    }
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
        event.responseId = 1 + (i / axes.size()) % 2000;
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
    bench::printResult(QJsonObject{{QStringLiteral("benchmark"), QStringLiteral("rating_commit")},
                                   {QStringLiteral("commits"), commits},
                                   {QStringLiteral("synchronous"), QStringLiteral("FULL")},
                                   {QStringLiteral("file_system"), fileSystemType(dir.path())},
                                   {QStringLiteral("p50_ms"), bench::percentile(times, 50)},
                                   {QStringLiteral("p99_ms"), p99},
                                   {QStringLiteral("max_ms"), bench::percentile(times, 100)},
                                   {QStringLiteral("target_p99_ms"), kTargetP99Ms},
                                   {QStringLiteral("meets_target"), p99 < kTargetP99Ms}});
    return 0;
}
