#pragma once

// Shared by the benchmark programs: a synthetic study of a given size, percentiles, peak memory and JSON output; a
// study built in a child process; and, for the programs that link the widgets, the window a page is measured in.
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <sys/resource.h>
#include <vector>

// Only the programs that link Qt6::Widgets get its headers (most bench programs link concord_model alone).
#ifdef QT_WIDGETS_LIB
#include <QGuiApplication>
#include <QVBoxLayout>
#include <QWidget>
#include <QWindow>
#endif

namespace concord::bench {

// The file system's name as `stat -f` reports it (e.g. "ext2/ext3", "tmpfs"), or "unknown".
inline QString fileSystemType(const QString &dir)
{
    QProcess stat;
    stat.start(QStringLiteral("stat"), {QStringLiteral("-f"), QStringLiteral("-c"), QStringLiteral("%T"), dir});
    if (!stat.waitForFinished(5000) || stat.exitCode() != 0)
        return QStringLiteral("unknown");
    return QString::fromLatin1(stat.readAllStandardOutput()).trimmed();
}

// A pragma as the study's connection has it, so the JSON reports the durability actually measured.
inline QString pragmaValue(const Study &study, const QString &pragma)
{
    auto q = study.exec(QStringLiteral("PRAGMA ") + pragma);
    if (!q.ok() || !q->next())
        return QStringLiteral("unknown");
    return q->value(0).toString();
}

// SQLite's synchronous level by name (PRAGMA synchronous returns a number).
inline QString synchronousName(const QString &level)
{
    const QStringList names{QStringLiteral("OFF"), QStringLiteral("NORMAL"), QStringLiteral("FULL"),
                            QStringLiteral("EXTRA")};
    bool isNumber = false;
    const int index = level.toInt(&isNumber);
    return isNumber && index >= 0 && index < names.size() ? names[index] : level;
}

// Nearest-rank percentile (p in [0, 100]) of the samples.
inline double percentile(std::vector<double> samples, double p)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
    return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}

// Peak resident memory of this process so far, in MiB (Linux reports ru_maxrss in KiB).
inline double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

inline void printResult(const QJsonObject &result)
{
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
}

struct FillOptions
{
    int responses = 100'000;
    int raters = 3;
    bool everyResponseAxis = true; // otherwise only the first response axis is rated
    bool judgeScores = true;
};

// Cases of two responses each; every rater rates every response on the chosen axes, in one transaction.
inline Status fillStudy(Study &study, const FillOptions &options)
{
    QVector<qint64> axes;
    for (const auto &axis : study.rubric().axes) {
        if (axis.target == AxisTarget::Response && (options.everyResponseAxis || axes.isEmpty()))
            axes << axis.id;
    }
    return study.inTransaction([&]() -> Status {
        CaseStore cases(study);
        AnnotatorStore annotators(study);
        RatingStore ratings(study);
        JudgeStore judges(study);
        auto run = judges.ensureRun(QStringLiteral("judge"));
        if (!run.ok())
            return run.error();
        QVector<qint64> raterIds;
        for (int r = 0; r < options.raters; ++r) {
            auto annotator = annotators.ensureAnnotator(QStringLiteral("Physician %1").arg(r + 1));
            if (!annotator.ok())
                return annotator.error();
            raterIds << annotator->id;
        }
        const QString body = QStringLiteral("More of the response. ").repeated(80);
        for (int c = 0; c < (options.responses + 1) / 2; ++c) {
            CaseRecord record;
            record.externalId = QStringLiteral("case-%1").arg(c + 1, 6, 10, QLatin1Char('0'));
            record.task = c % 2 ? QStringLiteral("triage") : QStringLiteral("summary");
            record.input = QStringLiteral("The case as the rater reads it. ").repeated(20);
            if (auto inserted = cases.insertCase(record); !inserted.ok())
                return inserted.error();
            for (int k = 0; k < 2 && 2 * c + k < options.responses; ++k) {
                ResponseRecord response;
                response.caseId = record.id;
                response.externalId = QStringLiteral("r%1").arg(k + 1);
                response.system = k ? QStringLiteral("Birch") : QStringLiteral("Aster");
                response.text = QStringLiteral("First line of response %1 to case %2.\n").arg(k + 1).arg(c + 1) + body;
                if (auto inserted = cases.insertResponse(response); !inserted.ok())
                    return inserted.error();
                for (qint64 axis : axes) {
                    for (qint64 rater : raterIds) {
                        RatingEvent event;
                        event.annotatorId = rater;
                        event.responseId = response.id;
                        event.axisId = axis;
                        event.value = (c + rater) % 4 + 1;
                        event.rubricVersion = study.rubric().version;
                        if (auto appended = ratings.append(event); !appended.ok())
                            return appended.error();
                    }
                    if (!options.judgeScores)
                        continue;
                    JudgeScore score;
                    score.judgeRunId = run->id;
                    score.responseId = response.id;
                    score.axisId = axis;
                    score.value = c % 4 + 1;
                    if (auto inserted = judges.insertScore(score); !inserted.ok())
                        return inserted.error();
                }
            }
        }
        return {};
    });
}

inline double msSince(const QElapsedTimer &timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

inline Result<qint64> countOf(const Study &study, const QString &table)
{
    auto q = study.exec(QStringLiteral("SELECT count(*) FROM ") + table);
    if (!q.ok())
        return q.error();
    if (!q->next())
        return Error{QStringLiteral("cannot count %1").arg(table)};
    return q->value(0).toLongLong();
}

// A new subdirectory of `parent` for the program's study files, removed on exit. When it cannot be made, it is not
// valid and a message says so.
inline QTemporaryDir scratchDir(const QString &parent)
{
    QTemporaryDir dir(QDir(parent).filePath(QStringLiteral("bench-XXXXXX")));
    if (!dir.isValid())
        QTextStream(stderr) << QCoreApplication::applicationName() << ": cannot create a directory in " << parent
                            << Qt::endl;
    return dir;
}

// The argument that makes a program the child of buildInChild().
inline constexpr const char *kBuildFlag = "--build";

// Builds the study at `path` in a child process, this program run with kBuildFlag, so that this process's peak memory
// is what it measures alone; false (with a message) when that fails.
inline bool buildInChild(const QString &path, int responses, int raters)
{
    QTextStream err(stderr);
    const QString program = QCoreApplication::applicationName();
    QElapsedTimer timer;
    timer.start();
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
                {QString::fromLatin1(kBuildFlag), path, QStringLiteral("--responses"), QString::number(responses),
                 QStringLiteral("--raters"), QString::number(raters)});
    if (!child.waitForFinished(60 * 60 * 1000) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        err << program << ": the study " << path << " could not be built" << Qt::endl;
        return false;
    }
    err << program << ": built " << path << " in " << timer.elapsed() << " ms" << Qt::endl;
    return true;
}

// The child's side of buildInChild(): when the arguments hold kBuildFlag, builds the study with
// buildStudy(path, responses, raters), without widgets, and gives its exit status; otherwise nothing.
inline std::optional<int> runBuildChild(int argc, char **argv,
                                        int (*buildStudy)(const QString &path, int responses, int raters))
{
    if (std::none_of(argv + 1, argv + argc, [](const char *arg) { return std::strcmp(arg, kBuildFlag) == 0; }))
        return std::nullopt;
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption build(QString::fromLatin1(kBuildFlag + 2), QStringLiteral("Build the study FILE."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption responses(QStringLiteral("responses"), QStringLiteral("Responses."), QStringLiteral("N"));
    const QCommandLineOption raters(QStringLiteral("raters"), QStringLiteral("Raters."), QStringLiteral("R"));
    parser.addOptions({build, responses, raters});
    parser.process(app);
    return buildStudy(parser.value(build), parser.value(responses).toInt(), parser.value(raters).toInt());
}

#ifdef QT_WIDGETS_LIB

inline constexpr int kWindowWidth = 1280;
inline constexpr int kWindowHeight = 800;

namespace detail {
inline QtMessageHandler previousMessageHandler = nullptr;
} // namespace detail

// Before the QApplication: the offscreen platform unless QT_QPA_PLATFORM names another. The offscreen platform warns
// each time a window's minimum size changes; that is not an error of the page measured, so the warning is dropped.
inline void useOffscreenPlatform()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    detail::previousMessageHandler =
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
            if (message == QLatin1String("This plugin does not support propagateSizeHints()"))
                return;
            if (detail::previousMessageHandler)
                detail::previousMessageHandler(type, context, message);
        });
}

// Shows `page` (a child of `window`) filling a kWindowWidth x kWindowHeight window and waits until the window is
// exposed; false (with a message) when it never is.
inline bool showInWindow(QWidget &window, QWidget *page)
{
    window.setWindowTitle(QCoreApplication::applicationName());
    auto *layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(page);
    window.resize(kWindowWidth, kWindowHeight);
    window.show();
    for (int i = 0; i < 100 && !(window.windowHandle() && window.windowHandle()->isExposed()); ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!window.windowHandle() || !window.windowHandle()->isExposed()) {
        QTextStream(stderr) << QCoreApplication::applicationName() << ": the window was not exposed on "
                            << QGuiApplication::platformName() << Qt::endl;
        return false;
    }
    return true;
}

// What the event loop does before the screen shows a change: lays out what changed size, then paints. Here the
// whole window is painted, synchronously.
inline void layOutAndPaint(QWidget &window)
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    window.repaint();
}

#endif // QT_WIDGETS_LIB

} // namespace concord::bench
