// Opening a large study as the app does: Study::open (pragmas, schema check, rubric) and the per-axis rating counts
// of the overview, on 100,000 responses and 300,000 rating events. Each run is a fresh child process, so the page
// cache is warm but nothing in the process is, and its peak memory is its own. Prints one JSON object.
//   bench_open_study [--runs N] [--keep FILE]
#include "model/agreement/ratingcounts.h"
#include "tests/bench/benchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

using namespace concord;

namespace {

constexpr int kResponses = 100'000;
constexpr int kRaters = 3; // one axis: 3 x 100,000 = 300,000 rating events
constexpr double kTargetOpenMs = 300.0;
constexpr double kTargetPeakRssMb = 150.0;

// The child: open, count, print "<milliseconds> <peak RSS MiB> <current ratings counted>".
int openOnce(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    auto study = Study::open(path);
    if (!study.ok()) {
        QTextStream(stderr) << study.errorMessage() << Qt::endl;
        return 1;
    }
    auto counts = axisRatingCounts(*study.value());
    if (!counts.ok()) {
        QTextStream(stderr) << counts.errorMessage() << Qt::endl;
        return 1;
    }
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    qint64 ratings = 0;
    for (const auto &axis : counts.value())
        ratings += axis.ratings;
    QTextStream(stdout) << ms << ' ' << bench::peakRssMb() << ' ' << ratings << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs (default 15)."),
                                        QStringLiteral("N"), QStringLiteral("15"));
    const QCommandLineOption keepOption(
        QStringLiteral("keep"), QStringLiteral("Study file to reuse, created when missing."), QStringLiteral("FILE"));
    const QCommandLineOption childOption(QStringLiteral("open-once"), QStringLiteral("Internal: one timed opening."),
                                         QStringLiteral("FILE"));
    parser.addOptions({runsOption, keepOption, childOption});
    parser.process(app);
    if (parser.isSet(childOption))
        return openOnce(parser.value(childOption));

    QTextStream err(stderr);
    QTemporaryDir dir(QDir::current().filePath(QStringLiteral("bench-XXXXXX")));
    const QString path =
        parser.isSet(keepOption) ? parser.value(keepOption) : dir.filePath(QStringLiteral("open.concord"));
    if (!QFileInfo::exists(path)) {
        auto created = Study::create(path, {.title = QStringLiteral("bench open"), .rubric = defaultRubric()});
        if (!created.ok()) {
            err << created.errorMessage() << Qt::endl;
            return 1;
        }
        const bench::FillOptions fill{
            .responses = kResponses, .raters = kRaters, .everyResponseAxis = false, .judgeScores = false};
        if (auto status = bench::fillStudy(*created.value(), fill); !status.ok()) {
            err << status.errorMessage() << Qt::endl;
            return 1;
        }
    }

    std::vector<double> times;
    double peakRss = 0;
    const int runs = std::max(1, parser.value(runsOption).toInt());
    for (int run = 0; run < runs; ++run) {
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--open-once"), path});
        if (!child.waitForFinished(120'000) || child.exitCode() != 0) {
            err << "bench_open_study: a run failed: " << QString::fromLocal8Bit(child.readAllStandardError())
                << Qt::endl;
            return 1;
        }
        const QStringList parts =
            QString::fromLatin1(child.readAllStandardOutput()).simplified().split(QLatin1Char(' '));
        // Counting fewer ratings than were written would mean the run timed less work than the app does.
        if (parts.size() != 3 || parts[2].toLongLong() != qint64{kResponses} * kRaters) {
            err << "bench_open_study: unexpected child output: " << parts.join(QLatin1Char(' ')) << Qt::endl;
            return 1;
        }
        times.push_back(parts[0].toDouble());
        peakRss = std::max(peakRss, parts[1].toDouble());
    }
    const double p50 = bench::percentile(times, 50);
    bench::printResult(
        QJsonObject{{QStringLiteral("benchmark"), QStringLiteral("open_study")},
                    {QStringLiteral("responses"), kResponses},
                    {QStringLiteral("rating_events"), kResponses * kRaters},
                    {QStringLiteral("file_mb"), static_cast<double>(QFileInfo(path).size()) / 1048576.0},
                    {QStringLiteral("runs"), runs},
                    {QStringLiteral("open_ms_p50"), p50},
                    {QStringLiteral("open_ms_max"), bench::percentile(times, 100)},
                    {QStringLiteral("peak_rss_mb"), peakRss},
                    {QStringLiteral("target_open_ms"), kTargetOpenMs},
                    {QStringLiteral("target_peak_rss_mb"), kTargetPeakRssMb},
                    {QStringLiteral("meets_target"), p50 < kTargetOpenMs && peakRss < kTargetPeakRssMb}});
    return 0;
}
