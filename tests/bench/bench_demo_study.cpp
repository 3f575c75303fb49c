// Writing the demo study: the default size (60 cases x 3 raters) and a large one (100,000 cases x 3 raters).
// Prints one JSON object.
//   bench_demo_study [--cases N] [--raters R] [--seed S] [--keep FILE]
#include "model/demo/demostudy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

using namespace concord;

namespace {

constexpr double kTargetSeconds = 60.0;

QJsonObject timeDemo(const QString &path, const DemoOptions &options, bool &ok)
{
    QElapsedTimer timer;
    timer.start();
    auto summary = createDemoStudy(path, options);
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (!summary.ok()) {
        QTextStream(stderr) << summary.errorMessage() << Qt::endl;
        ok = false;
        return {};
    }
    return QJsonObject{{QStringLiteral("cases"), summary->cases},
                       {QStringLiteral("raters"), summary->raters},
                       {QStringLiteral("responses"), summary->responses},
                       {QStringLiteral("rating_events"), summary->ratingEvents},
                       {QStringLiteral("judge_scores"), summary->judgeScores},
                       {QStringLiteral("file_mb"), static_cast<double>(QFileInfo(path).size()) / (1024.0 * 1024.0)},
                       {QStringLiteral("seconds"), seconds}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("cases"), QStringLiteral("Cases of the large study."), QStringLiteral("N"),
                      QStringLiteral("100000")});
    parser.addOption({QStringLiteral("raters"), QStringLiteral("Raters."), QStringLiteral("R"), QStringLiteral("3")});
    parser.addOption(
        {QStringLiteral("seed"), QStringLiteral("Seed."), QStringLiteral("S"), QStringLiteral("20261122")});
    parser.addOption(
        {QStringLiteral("keep"), QStringLiteral("Write the large study here and keep it."), QStringLiteral("FILE")});
    parser.process(app);

    QTemporaryDir dir;
    if (!dir.isValid()) {
        QTextStream(stderr) << "bench_demo_study: cannot create a temporary directory" << Qt::endl;
        return 1;
    }
    const int raters = parser.value(QStringLiteral("raters")).toInt();
    const quint64 seed = parser.value(QStringLiteral("seed")).toULongLong();
    const QString largePath = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep"))
                                                                   : dir.filePath(QStringLiteral("large.concord"));

    bool ok = true;
    const QJsonObject small =
        timeDemo(dir.filePath(QStringLiteral("small.concord")), DemoOptions{60, raters, seed}, ok);
    const QJsonObject large =
        timeDemo(largePath, DemoOptions{parser.value(QStringLiteral("cases")).toInt(), raters, seed}, ok);
    if (!ok)
        return 1;
    const double seconds = large.value(QStringLiteral("seconds")).toDouble();
    const QJsonObject result{{QStringLiteral("benchmark"), QStringLiteral("demo_study")},
                             {QStringLiteral("small"), small},
                             {QStringLiteral("large"), large},
                             {QStringLiteral("target_seconds"), kTargetSeconds},
                             {QStringLiteral("meets_target"), seconds < kTargetSeconds}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}
