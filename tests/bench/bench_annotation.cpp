// The annotation workspace on a study of 100,000 responses: the next comparison on screen in under 50 ms
// (p99), a rating committed in under 10 ms (p99), and memory under 250 MB. Prints one JSON object.
//   bench_annotation [--responses N] [--raters R] [--steps N] [--commits N] [--dir DIR] [--keep FILE]
//
// The study: N responses in N/2 cases of two responses each, one comparison per case (both responses), and R other
// annotators who rated every response on every response axis (bench::fillStudy: R x N x 4 events with the default
// rubric), so the rating indexes are as large as in a finished study. It is built by a child process of this program,
// so that this process's peak memory is the workspace's alone: the study opened, one annotator's session started (a
// new annotator, assigned every comparison, then the session reopened as when they come back), and the real
// AnnotationPage shown in a 1280x800 window on the offscreen platform (unless QT_QPA_PLATFORM says otherwise).
//
// "Next comparison on screen": AnnotationPage::showNext() (what Page Down does: saves open comments, then
// AnnotationSession::goTo, which loads the comparison and the page refills itself), then the layout requests it
// posted are sent and the whole window is repainted with QWidget::repaint(), which lays out and paints every widget
// synchronously before it returns; timed from before showNext() to after repaint(). A full repaint is more than the
// event loop would do (it repaints only what changed), so this errs on the slow side.
// "Rating commit": AnnotationSession::setRating, as a rubric row calls it through the page, on every required key of
// the comparison on screen in turn (response axes, then the preference) and then the next comparison; the call
// commits the event and its audit entry (synchronous=FULL) and updates the page's rows, list and progress through
// the session's signals. The page is laid out and repainted after each commit, outside the timing.
//
// The study lives in a temporary subdirectory of DIR, by default the current directory (not /tmp, often a tmpfs
// where fsync costs nothing). With --keep, FILE is built when missing and a copy of it is measured, so the kept
// file stays as built. The exit status is non-zero when the study cannot be built or the workspace fails; missing a
// target is reported in the JSON only.
#include "tests/bench/benchsupport.h"
#include "ui/annotation/annotationpage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <optional>

using namespace concord;

namespace {

constexpr double kTargetNextP99Ms = 50.0;
constexpr double kTargetCommitP99Ms = 10.0;
constexpr double kTargetPeakRssMb = 250.0;
constexpr int kWarmUpSteps = 5;
constexpr quint64 kAssignmentSeed = 20240601;

struct Options
{
    QCommandLineOption responses{QStringLiteral("responses"), QStringLiteral("Responses (default 100000)."),
                                 QStringLiteral("N"), QStringLiteral("100000")};
    QCommandLineOption raters{QStringLiteral("raters"), QStringLiteral("Other annotators (default 3)."),
                              QStringLiteral("R"), QStringLiteral("3")};
    QCommandLineOption steps{QStringLiteral("steps"), QStringLiteral("Timed next-comparison steps (default 500)."),
                             QStringLiteral("N"), QStringLiteral("500")};
    QCommandLineOption commits{QStringLiteral("commits"), QStringLiteral("Timed rating commits (default 1000)."),
                               QStringLiteral("N"), QStringLiteral("1000")};
    QCommandLineOption dir{QStringLiteral("dir"), QStringLiteral("Directory for the study (default: .)."),
                           QStringLiteral("DIR"), QStringLiteral(".")};
    QCommandLineOption keep{QStringLiteral("keep"), QStringLiteral("Study file to reuse, built when missing."),
                            QStringLiteral("FILE")};

    void addTo(QCommandLineParser &parser) const { parser.addOptions({responses, raters, steps, commits, dir, keep}); }
};

// The child: the study with its cases, responses and the other annotators' ratings (bench::fillStudy), then one
// comparison of both responses per case, in one transaction. Judge scores are left out: the workspace never reads
// them.
int buildStudy(const QString &path, int responses, int raters)
{
    QTextStream err(stderr);
    auto created = Study::create(path, {.title = QStringLiteral("bench annotation"), .rubric = defaultRubric()});
    if (!created.ok()) {
        err << created.errorMessage() << Qt::endl;
        return 1;
    }
    Study &study = *created.value();
    const bench::FillOptions fill{
        .responses = responses, .raters = raters, .everyResponseAxis = true, .judgeScores = false};
    if (auto filled = bench::fillStudy(study, fill); !filled.ok()) {
        err << filled.errorMessage() << Qt::endl;
        return 1;
    }
    const Status compared = study.inTransaction([&]() -> Status {
        auto rows = study.exec(QStringLiteral("SELECT case_id, id FROM response ORDER BY case_id, id"));
        if (!rows.ok())
            return rows.error();
        QVector<std::pair<qint64, QVector<qint64>>> cases;
        while (rows->next()) {
            const qint64 caseId = rows->value(0).toLongLong();
            if (cases.isEmpty() || cases.back().first != caseId)
                cases.push_back({caseId, {}});
            cases.back().second.push_back(rows->value(1).toLongLong());
        }
        CaseStore store(study);
        for (const auto &[caseId, responseIds] : std::as_const(cases)) {
            if (responseIds.size() < 2)
                continue; // an odd N leaves a case of one response, with nothing to compare
            ComparisonRecord comparison{0, {}, caseId, responseIds};
            if (auto inserted = store.insertComparison(comparison); !inserted.ok())
                return inserted.error();
        }
        return {};
    });
    if (!compared.ok()) {
        err << compared.errorMessage() << Qt::endl;
        return 1;
    }
    return 0;
}

// Counts the paint events delivered to any widget, to show that each timed step really painted.
class PaintCounter final : public QObject
{
public:
    using QObject::QObject;
    qint64 count = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++count;
        return QObject::eventFilter(watched, event);
    }
};

// A valid rating for a key of the comparison on screen, varied with i: a scale value of a response axis, or a
// preference (the first response, or a tie).
RatingState stateFor(const AnnotationSession &session, const RatingKey &key, int i)
{
    if (key.responseId == 0) {
        const auto &responses = session.current().responses;
        return RatingState::preference(i % 2 || responses.isEmpty() ? 0 : responses.first().id);
    }
    const Axis *axis = session.rubric().axisById(key.axisId);
    return RatingState::ofValue(axis->points[i % axis->points.size()].value);
}

} // namespace

int main(int argc, char **argv)
{
    // The build runs in a child without widgets; everything else needs a QApplication.
    if (const std::optional<int> built = bench::runBuildChild(argc, argv, buildStudy))
        return *built;
    bench::useOffscreenPlatform();
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const Options options;
    options.addTo(parser);
    parser.process(app);
    QTextStream err(stderr);
    const int responses = std::max(2, parser.value(options.responses).toInt());
    const int raters = std::max(0, parser.value(options.raters).toInt());
    const int steps = std::max(1, parser.value(options.steps).toInt());
    const int commits = std::max(1, parser.value(options.commits).toInt());

    const QTemporaryDir dir = bench::scratchDir(parser.value(options.dir));
    if (!dir.isValid())
        return 1;
    const QString fileSystem = bench::fileSystemType(dir.path());
    if (fileSystem == QLatin1String("tmpfs") || fileSystem == QLatin1String("ramfs"))
        err << "bench_annotation: " << dir.path() << " is on " << fileSystem
            << "; fsync costs nothing there, pass --dir on a real disk" << Qt::endl;

    // Build the study in a child process (its memory is not the workspace's).
    const QString path = dir.filePath(QStringLiteral("annotation.concord"));
    const QString built = parser.isSet(options.keep) ? parser.value(options.keep) : path;
    if (!QFileInfo::exists(built) && !bench::buildInChild(built, responses, raters))
        return 1;
    if (built != path && !QFile::copy(built, path)) {
        err << "bench_annotation: cannot copy " << built << " to " << path << Qt::endl;
        return 1;
    }

    QElapsedTimer timer;
    timer.start();
    auto opened = Study::open(path);
    const double openMs = bench::msSince(timer);
    if (!opened.ok()) {
        err << opened.errorMessage() << Qt::endl;
        return 1;
    }
    Study &study = *opened.value();
    auto responseCount = bench::countOf(study, QStringLiteral("response"));
    auto comparisonCount = bench::countOf(study, QStringLiteral("comparison"));
    auto eventsBefore = bench::countOf(study, QStringLiteral("rating_event"));
    if (!responseCount.ok() || !comparisonCount.ok() || !eventsBefore.ok()) {
        err << responseCount.errorMessage() << comparisonCount.errorMessage() << eventsBefore.errorMessage()
            << Qt::endl;
        return 1;
    }
    // A kept file of another size would time a different study than the JSON names.
    if (responseCount.value() != responses || comparisonCount.value() != responses / 2) {
        err << "bench_annotation: the study has " << responseCount.value() << " responses and "
            << comparisonCount.value() << " comparisons, expected " << responses << " and " << responses / 2
            << Qt::endl;
        return 1;
    }

    // The user's settings (text size, idle timeout) must not change what is measured.
    QStandardPaths::setTestModeEnabled(true);

    // A new annotator: the session assigns every comparison; then the session is started again, as when they return.
    const AnnotationSession::Options sessionOptions{.annotatorName = QStringLiteral("Benchmark physician"),
                                                    .assignmentSeed = kAssignmentSeed};
    timer.start();
    {
        auto first = AnnotationSession::start(study, sessionOptions);
        if (!first.ok()) {
            err << first.errorMessage() << Qt::endl;
            return 1;
        }
    }
    const double firstStartMs = bench::msSince(timer);
    timer.start();
    auto started = AnnotationSession::start(study, sessionOptions);
    const double startMs = bench::msSince(timer);
    if (!started.ok()) {
        err << started.errorMessage() << Qt::endl;
        return 1;
    }
    AnnotationSession &session = *started.value();
    if (session.count() != comparisonCount.value()) {
        err << "bench_annotation: the session has " << session.count() << " comparisons, expected "
            << comparisonCount.value() << Qt::endl;
        return 1;
    }

    QWidget window;
    auto *page = new AnnotationPage(&window);
    if (!bench::showInWindow(window, page))
        return 1;
    timer.start();
    page->setSession(&session);
    bench::layOutAndPaint(window);
    const double setSessionMs = bench::msSince(timer);
    QCoreApplication::processEvents();
    if (session.currentRow() != 0 || page->caseView()->toPlainText().isEmpty()) {
        err << "bench_annotation: the page does not show the first comparison" << Qt::endl;
        return 1;
    }

    PaintCounter paints;
    app.installEventFilter(&paints);

    // (1) The next comparison on screen.
    std::vector<double> nextTimes;
    nextTimes.reserve(static_cast<std::size_t>(steps));
    qint64 timedPaints = 0;
    for (int step = 0; step < kWarmUpSteps + steps; ++step) {
        const int expected = session.currentRow() + 1;
        if (expected >= session.count()) {
            err << "bench_annotation: the queue ended after " << step << " steps" << Qt::endl;
            return 1;
        }
        const qint64 paintsBefore = paints.count;
        timer.start();
        page->showNext();
        bench::layOutAndPaint(window);
        const double ms = bench::msSince(timer);
        if (session.currentRow() != expected) {
            err << "bench_annotation: showNext() did not move to comparison " << expected + 1 << Qt::endl;
            return 1;
        }
        if (step >= kWarmUpSteps) {
            nextTimes.push_back(ms);
            timedPaints += paints.count - paintsBefore;
        }
        QCoreApplication::processEvents(); // whatever else the event loop would run between two key presses
    }

    // (2) Rating commits, key by key through the comparisons that follow.
    std::vector<double> commitTimes;
    commitTimes.reserve(static_cast<std::size_t>(commits));
    int comparisonsRated = 0;
    while (int(commitTimes.size()) < commits) {
        page->showNext();
        bench::layOutAndPaint(window);
        QCoreApplication::processEvents();
        ++comparisonsRated;
        const QVector<RatingKey> keys = session.requiredKeys();
        if (keys.isEmpty()) {
            err << "bench_annotation: comparison " << session.currentRow() + 1 << " needs no ratings" << Qt::endl;
            return 1;
        }
        for (const RatingKey &key : keys) {
            if (int(commitTimes.size()) >= commits)
                break;
            const RatingState state = stateFor(session, key, int(commitTimes.size()));
            timer.start();
            const Status set = session.setRating(key, state);
            commitTimes.push_back(bench::msSince(timer));
            if (!set.ok()) {
                err << "bench_annotation: " << set.errorMessage() << Qt::endl;
                return 1;
            }
            bench::layOutAndPaint(window);
            QCoreApplication::processEvents();
        }
    }
    app.removeEventFilter(&paints);
    const double peakRss = bench::peakRssMb();

    auto eventsAfter = bench::countOf(study, QStringLiteral("rating_event"));
    if (!eventsAfter.ok() || eventsAfter.value() != eventsBefore.value() + commits) {
        err << "bench_annotation: expected " << eventsBefore.value() + commits << " rating events after the commits, "
            << "found " << (eventsAfter.ok() ? QString::number(eventsAfter.value()) : eventsAfter.errorMessage())
            << Qt::endl;
        return 1;
    }

    const double nextP99 = bench::percentile(nextTimes, 99);
    const double commitP99 = bench::percentile(commitTimes, 99);
    const bool meetsNext = nextP99 < kTargetNextP99Ms;
    const bool meetsCommit = commitP99 < kTargetCommitP99Ms;
    const bool meetsMemory = peakRss < kTargetPeakRssMb;
    bench::printResult(QJsonObject{
        {QStringLiteral("benchmark"), QStringLiteral("annotation")},
        {QStringLiteral("responses"), responseCount.value()},
        {QStringLiteral("comparisons"), comparisonCount.value()},
        {QStringLiteral("other_annotators"), raters},
        {QStringLiteral("rating_events"), eventsBefore.value()},
        {QStringLiteral("file_mb"), static_cast<double>(QFileInfo(path).size()) / 1048576.0},
        {QStringLiteral("tmp_dir"), QDir(dir.path()).absolutePath()},
        {QStringLiteral("file_system"), fileSystem},
        {QStringLiteral("synchronous"),
         bench::synchronousName(bench::pragmaValue(study, QStringLiteral("synchronous")))},
        {QStringLiteral("journal_mode"), bench::pragmaValue(study, QStringLiteral("journal_mode"))},
        {QStringLiteral("platform"), QGuiApplication::platformName()},
        {QStringLiteral("window"), QStringLiteral("%1x%2").arg(window.width()).arg(window.height())},
        {QStringLiteral("study_open_ms"), openMs},
        {QStringLiteral("session_first_start_ms"), firstStartMs},
        {QStringLiteral("session_start_ms"), startMs},
        {QStringLiteral("set_session_ms"), setSessionMs},
        {QStringLiteral("next_method"),
         QStringLiteral("AnnotationPage::showNext(), posted LayoutRequest events sent, QWidget::repaint() of the "
                        "whole window")},
        {QStringLiteral("next_steps"), steps},
        {QStringLiteral("next_warm_up_steps"), kWarmUpSteps},
        {QStringLiteral("next_paint_events_per_step"), static_cast<double>(timedPaints) / steps},
        {QStringLiteral("next_p50_ms"), bench::percentile(nextTimes, 50)},
        {QStringLiteral("next_p99_ms"), nextP99},
        {QStringLiteral("next_max_ms"), bench::percentile(nextTimes, 100)},
        {QStringLiteral("commit_method"), QStringLiteral("AnnotationSession::setRating with the page attached")},
        {QStringLiteral("commits"), commits},
        {QStringLiteral("commit_comparisons"), comparisonsRated},
        {QStringLiteral("commit_p50_ms"), bench::percentile(commitTimes, 50)},
        {QStringLiteral("commit_p99_ms"), commitP99},
        {QStringLiteral("commit_max_ms"), bench::percentile(commitTimes, 100)},
        {QStringLiteral("peak_rss_mb"), peakRss},
        {QStringLiteral("target_next_p99_ms"), kTargetNextP99Ms},
        {QStringLiteral("target_commit_p99_ms"), kTargetCommitP99Ms},
        {QStringLiteral("target_peak_rss_mb"), kTargetPeakRssMb},
        {QStringLiteral("meets_next_target"), meetsNext},
        {QStringLiteral("meets_commit_target"), meetsCommit},
        {QStringLiteral("meets_memory_target"), meetsMemory},
        {QStringLiteral("meets_target"), meetsNext && meetsCommit && meetsMemory}});
    return 0;
}
