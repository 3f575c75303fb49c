// The agreement report and the live dashboard (targets on a 2-core machine):
// - the report for 10,000 responses x 3 physicians x 6 axes with B = 2000, rendering included: under 10 s;
// - a dashboard refresh for 5,000 responses: under 1 s (p99).
// Prints one JSON object.
//   bench_report [--responses N] [--dashboard-responses N] [--raters R] [--refreshes N] [--dir DIR]
//
// The studies: a rubric of six ordinal response axes (the default rubric's four and two more 1-4 axes with binary
// views) and the default preference axis; N responses in N/2 cases of two responses (systems "Aster" and "Birch",
// four tasks), one comparison per case. Every physician rates every response on every response axis: a latent value
// per response and axis (shared case difficulty, a system effect), plus each physician's own bias and noise, with
// some "unable to assess" and "not applicable"; and states a preference on every comparison, shown in an order of its
// own. One judge run scores every response on every response axis from the same latent value with its own noise,
// with per-point probabilities on the harm axes and the risk axis and a confidence on the others. Each study is built
// in one transaction by a child process of this program, so that this process's memory is the report's and the
// dashboard's alone.
//
// "Report": buildReportData(study, AgreementSettings{}) (B = 2000, seed 1, subgroups by task and system), then
// writeReport() to report.html and to report.pdf, each timed; the target is on their sum. The study is opened before
// the timing starts.
// "Dashboard refresh": the real DashboardPage in a 1280x800 window on the offscreen platform (unless QT_QPA_PLATFORM
// says otherwise) showing the study. Each time, a physician's rating on the first axis is changed through another
// connection to the study (RatingStore::commit, as another window would), then DashboardPage::refresh() is called
// and the event loop runs until the page emits updated() with no computation running; the time is from before
// refresh() to then ("result"), and to after a synchronous repaint of the whole window ("on screen"). The target is on
// the second, the stricter one. Each refresh must change the page's result. While waiting, a 5 ms timer measures the
// longest time the UI thread did not run its event loop ("ui stall": the study is read and analysed on another thread).
//
// The studies live in a temporary subdirectory of DIR, by default the current directory. The exit status is non-zero
// when a study cannot be built or a step fails; missing a target is reported in the JSON only.
#include "model/domain/rubric.h"
#include "model/report/reportdata.h"
#include "tests/bench/benchsupport.h"
#include "tests/bench/reportbenchstudy.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/report/reportwriter.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <optional>

using namespace concord;

namespace {

constexpr double kTargetReportMs = 10000.0;
constexpr double kTargetRefreshP99Ms = 1000.0;
constexpr int kWarmUpRefreshes = 1;
constexpr int kResultTimeoutMs = 10 * 60 * 1000;

struct Options
{
    QCommandLineOption responses{QStringLiteral("responses"),
                                 QStringLiteral("Responses in the report (default 10000)."), QStringLiteral("N"),
                                 QStringLiteral("10000")};
    QCommandLineOption dashboardResponses{QStringLiteral("dashboard-responses"),
                                          QStringLiteral("Responses on the dashboard (default 5000)."),
                                          QStringLiteral("N"), QStringLiteral("5000")};
    QCommandLineOption raters{QStringLiteral("raters"), QStringLiteral("Physicians (default 3)."), QStringLiteral("R"),
                              QStringLiteral("3")};
    QCommandLineOption refreshes{QStringLiteral("refreshes"), QStringLiteral("Timed refreshes (default 20)."),
                                 QStringLiteral("N"), QStringLiteral("20")};
    QCommandLineOption dir{QStringLiteral("dir"), QStringLiteral("Directory for the studies (default: .)."),
                           QStringLiteral("DIR"), QStringLiteral(".")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOptions({responses, dashboardResponses, raters, refreshes, dir});
    }
};

// The study's size, checked against what was asked for.
struct StudySize
{
    qint64 responses = 0;
    qint64 ratingEvents = 0;
    qint64 judgeScores = 0;
    int responseAxes = 0;
};

Result<StudySize> sizeOf(const Study &study, int expectedResponses)
{
    StudySize size;
    for (const Axis &axis : study.rubric().axes)
        size.responseAxes += axis.target == AxisTarget::Response ? 1 : 0;
    auto responses = bench::countOf(study, QStringLiteral("response"));
    auto events = bench::countOf(study, QStringLiteral("rating_event"));
    auto scores = bench::countOf(study, QStringLiteral("judge_score"));
    if (!responses.ok())
        return responses.error();
    if (!events.ok())
        return events.error();
    if (!scores.ok())
        return scores.error();
    if (responses.value() != expectedResponses)
        return Error{
            QStringLiteral("the study has %1 responses, expected %2").arg(responses.value()).arg(expectedResponses)};
    size.responses = responses.value();
    size.ratingEvents = events.value();
    size.judgeScores = scores.value();
    return size;
}

// The number of page objects in a PDF ("/Type /Page", not "/Type /Pages").
int pdfPages(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
    return int(QString::fromLatin1(file.readAll()).count(page));
}

// Runs the event loop until the page has finished a computation (updated() with none running); false on a timeout.
// `longestStallMs` receives the longest time the event loop did not run a 5 ms timer: how long the UI froze.
bool waitForResult(DashboardPage &page, double *longestStallMs = nullptr)
{
    QEventLoop loop;
    bool done = false;
    QElapsedTimer sinceTick;
    sinceTick.start();
    double longest = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&] {
        longest = std::max(longest, double(sinceTick.nsecsElapsed()) / 1e6);
        sinceTick.restart();
    });
    ticker.start();
    const auto connection = QObject::connect(&page, &DashboardPage::updated, &loop, [&] {
        if (!page.computing()) {
            done = true;
            loop.quit();
        }
    });
    QTimer::singleShot(kResultTimeoutMs, &loop, &QEventLoop::quit);
    if (page.computing())
        loop.exec();
    else
        done = true; // nothing to wait for (refresh() found no data or finished synchronously)
    QObject::disconnect(connection);
    if (longestStallMs)
        *longestStallMs = std::max(longest, double(sinceTick.nsecsElapsed()) / 1e6);
    return done;
}

// Changes one physician's rating of a response on an axis to another scale point, through `study`'s connection.
Status changeRating(Study &study, qint64 annotatorId, qint64 responseId, const Axis &axis)
{
    auto current = study.exec(QStringLiteral("SELECT value FROM current_rating WHERE annotator_id = ? AND"
                                             " response_id = ? AND axis_id = ?"),
                              {annotatorId, responseId, axis.id});
    if (!current.ok())
        return current.error();
    int index = -1;
    if (current->next() && !current->value(0).isNull()) {
        const double value = current->value(0).toDouble();
        for (int i = 0; i < axis.points.size(); ++i)
            index = axis.points[i].value == value ? i : index;
    }
    RatingEvent event;
    event.annotatorId = annotatorId;
    event.responseId = responseId;
    event.axisId = axis.id;
    event.value = axis.points[(index + 1) % axis.points.size()].value;
    event.rubricVersion = study.rubric().version;
    RatingStore store(study);
    if (auto committed = store.commit(event, QStringLiteral("bench_report")); !committed.ok())
        return committed.error();
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    // The build runs in a child without widgets; everything else needs a QApplication.
    if (const std::optional<int> built = bench::runBuildChild(argc, argv, bench::buildReportStudy))
        return *built;
    bench::useOffscreenPlatform();
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const Options options;
    options.addTo(parser);
    parser.process(app);
    QTextStream err(stderr);
    const int reportResponses = std::max(2, parser.value(options.responses).toInt());
    const int dashboardResponses = std::max(2, parser.value(options.dashboardResponses).toInt());
    const int raters = std::max(2, parser.value(options.raters).toInt());
    const int refreshes = std::max(1, parser.value(options.refreshes).toInt());
    // The user's settings must not change what is measured.
    QStandardPaths::setTestModeEnabled(true);

    const QTemporaryDir dir = bench::scratchDir(parser.value(options.dir));
    if (!dir.isValid())
        return 1;
    const QString fileSystem = bench::fileSystemType(dir.path());
    const QString reportStudyPath = dir.filePath(QStringLiteral("report.concord"));
    const QString dashboardStudyPath = dir.filePath(QStringLiteral("dashboard.concord"));
    if (!bench::buildInChild(reportStudyPath, reportResponses, raters) ||
        !bench::buildInChild(dashboardStudyPath, dashboardResponses, raters))
        return 1;

    // (1) The report.
    auto reportStudy = Study::open(reportStudyPath);
    if (!reportStudy.ok()) {
        err << reportStudy.errorMessage() << Qt::endl;
        return 1;
    }
    auto reportSize = sizeOf(*reportStudy.value(), reportResponses);
    if (!reportSize.ok()) {
        err << "bench_report: " << reportSize.errorMessage() << Qt::endl;
        return 1;
    }
    const AgreementSettings settings;
    QElapsedTimer timer;
    timer.start();
    auto report = buildReportData(*reportStudy.value(), settings);
    const double dataMs = bench::msSince(timer);
    if (!report.ok()) {
        err << "bench_report: " << report.errorMessage() << Qt::endl;
        return 1;
    }
    const QString htmlPath = dir.filePath(QStringLiteral("report.html"));
    const QString pdfPath = dir.filePath(QStringLiteral("report.pdf"));
    const QString jsonPath = dir.filePath(QStringLiteral("report.json"));
    timer.start();
    const Status html = writeReport(report.value(), htmlPath);
    const double htmlMs = bench::msSince(timer);
    timer.start();
    const Status pdf = writeReport(report.value(), pdfPath);
    const double pdfMs = bench::msSince(timer);
    timer.start();
    const Status json = writeReport(report.value(), jsonPath);
    const double jsonMs = bench::msSince(timer);
    for (const Status &written : {html, pdf, json}) {
        if (!written.ok()) {
            err << "bench_report: " << written.errorMessage() << Qt::endl;
            return 1;
        }
    }
    const double reportMs = dataMs + htmlMs + pdfMs;
    const double reportPeakRss = bench::peakRssMb();
    const int pages = pdfPages(pdfPath);
    const qint64 compactJsonBytes = QJsonDocument(report.value()).toJson(QJsonDocument::Compact).size();
    reportStudy.value().reset();

    // (2) The dashboard: the page on one connection, the changes through another.
    auto pageStudy = Study::open(dashboardStudyPath);
    auto writerStudy = Study::open(dashboardStudyPath);
    if (!pageStudy.ok() || !writerStudy.ok()) {
        err << pageStudy.errorMessage() << writerStudy.errorMessage() << Qt::endl;
        return 1;
    }
    auto dashboardSize = sizeOf(*pageStudy.value(), dashboardResponses);
    if (!dashboardSize.ok()) {
        err << "bench_report: " << dashboardSize.errorMessage() << Qt::endl;
        return 1;
    }
    Study &writer = *writerStudy.value();
    QVector<qint64> responseIds, physicianIds;
    for (auto [sql, ids] : {std::pair{QStringLiteral("SELECT id FROM response ORDER BY id"), &responseIds},
                            std::pair{QStringLiteral("SELECT id FROM annotator ORDER BY id"), &physicianIds}}) {
        auto rows = writer.exec(sql);
        if (!rows.ok()) {
            err << rows.errorMessage() << Qt::endl;
            return 1;
        }
        while (rows->next())
            *ids << rows->value(0).toLongLong();
    }
    const Axis &changedAxis = writer.rubric().axes.first();
    if (responseIds.isEmpty() || physicianIds.isEmpty() || changedAxis.target != AxisTarget::Response) {
        err << "bench_report: the dashboard study has no responses, physicians or response axis" << Qt::endl;
        return 1;
    }

    QWidget window;
    auto *page = new DashboardPage(&window);
    if (!bench::showInWindow(window, page))
        return 1;
    timer.start();
    page->setStudy(pageStudy.value().get());
    if (!waitForResult(*page) || page->result().isEmpty()) {
        err << "bench_report: the dashboard showed no result" << Qt::endl;
        return 1;
    }
    const double firstResultMs = bench::msSince(timer);
    bench::layOutAndPaint(window);

    std::vector<double> resultTimes, screenTimes, stallTimes;
    for (int i = 0; i < kWarmUpRefreshes + refreshes; ++i) {
        const qint64 responseId = responseIds[int((qint64(i) * 7919) % responseIds.size())];
        const qint64 physicianId = physicianIds[i % physicianIds.size()];
        if (auto changed = changeRating(writer, physicianId, responseId, changedAxis); !changed.ok()) {
            err << "bench_report: " << changed.errorMessage() << Qt::endl;
            return 1;
        }
        const QJsonObject before = page->result();
        timer.start();
        page->refresh();
        double stallMs = 0;
        if (!waitForResult(*page, &stallMs)) {
            err << "bench_report: refresh " << i + 1 << " gave no result within " << kResultTimeoutMs << " ms"
                << Qt::endl;
            return 1;
        }
        const double resultMs = bench::msSince(timer);
        bench::layOutAndPaint(window);
        const double screenMs = bench::msSince(timer);
        if (page->result() == before) {
            err << "bench_report: refresh " << i + 1 << " did not change the dashboard's result" << Qt::endl;
            return 1;
        }
        if (i >= kWarmUpRefreshes) {
            resultTimes.push_back(resultMs);
            screenTimes.push_back(screenMs);
            stallTimes.push_back(stallMs);
        }
        QCoreApplication::processEvents(); // whatever else the event loop would run between two changes
    }
    const double peakRss = bench::peakRssMb();

    const double screenP99 = bench::percentile(screenTimes, 99);
    const bool meetsReport = reportMs < kTargetReportMs;
    const bool meetsRefresh = screenP99 < kTargetRefreshP99Ms;
    bench::printResult(QJsonObject{
        {QStringLiteral("benchmark"), QStringLiteral("report")},
        {QStringLiteral("tmp_dir"), QDir(dir.path()).absolutePath()},
        {QStringLiteral("file_system"), fileSystem},
        {QStringLiteral("platform"), QGuiApplication::platformName()},
        {QStringLiteral("report_responses"), reportSize->responses},
        {QStringLiteral("report_response_axes"), reportSize->responseAxes},
        {QStringLiteral("report_physicians"), raters},
        {QStringLiteral("report_rating_events"), reportSize->ratingEvents},
        {QStringLiteral("report_judge_scores"), reportSize->judgeScores},
        {QStringLiteral("report_file_mb"), static_cast<double>(QFileInfo(reportStudyPath).size()) / 1048576.0},
        {QStringLiteral("report_bootstrap"), static_cast<qint64>(settings.bootstrap)},
        {QStringLiteral("report_seed"), static_cast<qint64>(settings.seed)},
        {QStringLiteral("report_data_ms"), dataMs},
        {QStringLiteral("report_html_ms"), htmlMs},
        {QStringLiteral("report_pdf_ms"), pdfMs},
        {QStringLiteral("report_total_ms"), reportMs},
        {QStringLiteral("report_json_write_ms"), jsonMs},
        {QStringLiteral("report_json_bytes"), QFileInfo(jsonPath).size()},
        {QStringLiteral("report_json_compact_bytes"), compactJsonBytes},
        {QStringLiteral("report_html_bytes"), QFileInfo(htmlPath).size()},
        {QStringLiteral("report_pdf_bytes"), QFileInfo(pdfPath).size()},
        {QStringLiteral("report_pdf_pages"), pages},
        {QStringLiteral("report_peak_rss_mb"), reportPeakRss},
        {QStringLiteral("dashboard_responses"), dashboardSize->responses},
        {QStringLiteral("dashboard_response_axes"), dashboardSize->responseAxes},
        {QStringLiteral("dashboard_rating_events"), dashboardSize->ratingEvents},
        {QStringLiteral("dashboard_live_bootstrap"), static_cast<qint64>(DashboardPage::kLiveResamples)},
        {QStringLiteral("dashboard_window"), QStringLiteral("%1x%2").arg(window.width()).arg(window.height())},
        {QStringLiteral("dashboard_first_result_ms"), firstResultMs},
        {QStringLiteral("refresh_method"),
         QStringLiteral("a rating changed through another connection, then DashboardPage::refresh() until updated() "
                        "with no computation running (result), then QWidget::repaint() of the whole window "
                        "(on screen)")},
        {QStringLiteral("refreshes"), refreshes},
        {QStringLiteral("refresh_warm_up"), kWarmUpRefreshes},
        {QStringLiteral("refresh_result_p50_ms"), bench::percentile(resultTimes, 50)},
        {QStringLiteral("refresh_result_p99_ms"), bench::percentile(resultTimes, 99)},
        {QStringLiteral("refresh_result_max_ms"), bench::percentile(resultTimes, 100)},
        {QStringLiteral("refresh_screen_p50_ms"), bench::percentile(screenTimes, 50)},
        {QStringLiteral("refresh_screen_p99_ms"), screenP99},
        {QStringLiteral("refresh_screen_max_ms"), bench::percentile(screenTimes, 100)},
        {QStringLiteral("refresh_ui_stall_p99_ms"), bench::percentile(stallTimes, 99)},
        {QStringLiteral("refresh_ui_stall_max_ms"), bench::percentile(stallTimes, 100)},
        {QStringLiteral("peak_rss_mb"), peakRss},
        {QStringLiteral("target_report_total_ms"), kTargetReportMs},
        {QStringLiteral("target_refresh_p99_ms"), kTargetRefreshP99Ms},
        {QStringLiteral("meets_report_target"), meetsReport},
        {QStringLiteral("meets_refresh_target"), meetsRefresh},
        {QStringLiteral("meets_target"), meetsReport && meetsRefresh}});
    return 0;
}
