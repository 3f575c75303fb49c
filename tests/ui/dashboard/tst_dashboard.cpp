// The agreement dashboard, offscreen: it shows the analysis, updates when another connection (another window, an
// import) adds ratings, drills into a confusion cell, and filters by task.
#include "model/demo/demostudy.h"
#include "model/store/annotatorstore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "ui/annotation/annotationpage.h"
#include "ui/charts/chartview.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/mainwindow.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

const AxisAgreement &axisOf(const DashboardPage &page, const QString &key)
{
    static const AxisAgreement none{};
    if (const AgreementAnalysis *analysis = page.analysis()) {
        for (const AxisAgreement &axis : analysis->axes) {
            if (axis.axis.key == key)
                return axis;
        }
    }
    return none;
}

std::size_t ratingsUsed(const DashboardPage &page, const QString &axis)
{
    return axisOf(page, axis).counts.ratings;
}

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        m_path = m_dir.filePath(QStringLiteral("demo.concord"));
        QVERIFY(createDemoStudy(m_path, DemoOptions{.cases = 24, .raters = 3, .seed = 2}).ok());
    }

    void dashboard_showsTablesAndChartsAndUpdatesLiveFromAnotherConnection()
    {
        auto study = Study::open(m_path);
        QVERIFY(study.ok());
        DashboardPage page;
        page.resize(1400, 900);
        page.show();
        page.setStudy(study.value().get());
        QTRY_VERIFY_WITH_TIMEOUT(!page.computing() && page.analysis(), 60000);
        page.axisBox()->setCurrentText(QStringLiteral("risk"));
        emit page.axisBox()->activated(page.axisBox()->currentIndex());
        QVERIFY(page.physicianTable()->rowCount() >= 7);
        QVERIFY(page.judgeTable()->rowCount() >= 5);
        QVERIFY(page.confusionChart()->svg().contains(QStringLiteral("<svg")));
        const std::size_t before = ratingsUsed(page, QStringLiteral("risk"));

        // Another window (another connection to the file) records ratings: the dashboard follows within seconds.
        {
            auto other = Study::open(m_path);
            QVERIFY(other.ok());
            auto annotator = AnnotatorStore(*other.value()).ensureAnnotator(QStringLiteral("Dr Late"));
            auto responses = other.value()->exec(QStringLiteral("SELECT id FROM response ORDER BY id LIMIT 5"));
            const Axis *risk = other.value()->rubric().axis(QStringLiteral("risk"));
            while (responses->next()) {
                RatingEvent event;
                event.annotatorId = annotator->id;
                event.responseId = responses->value(0).toLongLong();
                event.axisId = risk->id;
                event.value = 2;
                QVERIFY(RatingStore(*other.value()).commit(event, QStringLiteral("Dr Late")).ok());
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(ratingsUsed(page, QStringLiteral("risk")) == before + 5, 30000);
        QVERIFY(page.statusLabel()->text().startsWith(QStringLiteral("Updated")));
    }

    void confusionCell_listsItsResponses()
    {
        auto study = Study::open(m_path);
        DashboardPage page;
        page.show();
        page.setStudy(study.value().get());
        QTRY_VERIFY_WITH_TIMEOUT(!page.computing() && page.analysis(), 60000);
        page.axisBox()->setCurrentText(QStringLiteral("risk"));
        emit page.axisBox()->activated(page.axisBox()->currentIndex());
        const AxisAgreement &risk = axisOf(page, QStringLiteral("risk"));
        QVERIFY(!risk.judges.empty());
        const stats::ConfusionResult &confusion = risk.judges.front().versusConsensus.confusion;
        QVERIFY(confusion.defined());
        const std::size_t size = confusion.categories.size();
        for (std::size_t row = 0; row < size; ++row) {
            for (std::size_t column = 0; column < size; ++column) {
                page.showConfusionCell(int(row), int(column));
                QCOMPARE(std::size_t(page.drillDown()->count()), confusion.count(row, column));
            }
        }
    }

    void taskFilter_narrowsTheUnits()
    {
        auto study = Study::open(m_path);
        DashboardPage page;
        page.show();
        page.setStudy(study.value().get());
        QTRY_VERIFY_WITH_TIMEOUT(!page.computing() && page.analysis(), 60000);
        const std::size_t all = axisOf(page, QStringLiteral("risk")).counts.units;
        QVERIFY(page.taskBox()->count() >= 3); // "All tasks" and the demo's tasks
        page.taskBox()->setCurrentIndex(1);
        emit page.taskBox()->activated(1);
        QTRY_VERIFY_WITH_TIMEOUT(!page.computing(), 60000);
        const std::size_t filtered = axisOf(page, QStringLiteral("risk")).counts.units;
        QVERIFY2(filtered > 0 && filtered < all, qPrintable(QStringLiteral("%1 of %2").arg(filtered).arg(all)));
    }

    void mainWindow_showsTheDashboardAndExportsTheReport()
    {
        MainWindow window;
        QStringList errors;
        window.setErrorReporter([&](const QString &message) { errors << message; });
        const QString out = m_dir.filePath(QStringLiteral("exported.html"));
        window.setPrompts({.reportPath = [&](const QString &suggested) {
            return suggested.endsWith(QStringLiteral("-report.html")) ? out : QString();
        }});
        QVERIFY(window.openStudy(m_path));
        window.showDashboard();
        QCOMPARE(window.currentPage(), static_cast<QWidget *>(window.dashboardPage()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.dashboardPage()->computing() && window.dashboardPage()->analysis(), 60000);
        QSignalSpy exported(&window, &MainWindow::reportExportFinished);
        window.exportReport();
        // The export runs in the background: the window's event loop keeps running meanwhile.
        QVERIFY(exported.wait(120000));
        QCOMPARE(exported.at(0).at(1).toBool(), true);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QFile report(out);
        QVERIFY(report.open(QIODevice::ReadOnly));
        QVERIFY(report.readAll().contains("Agreement report"));
        // In annotator mode the dashboard is emptied and cannot be opened: it names systems and the judge.
        window.setPrompts({.annotatorName = [](const QStringList &, const QString &) {
            return std::optional<QString>(QStringLiteral("Dr Blind"));
        }});
        window.annotateDialog();
        QVERIFY(window.annotating());
        QVERIFY(!window.dashboardPage()->analysis());
        window.showDashboard();
        QCOMPARE(window.currentPage(), static_cast<QWidget *>(window.annotationPage()));
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
