// First run: the welcome page's guided tours on the demo study (annotation view and dashboard), the tour's keys and
// focus (nothing underneath is rated while it is shown), Help → Guided Tour, the file formats and the About dialog.
#include "model/annotation/annotationsession.h"
#include "model/appinfo/thirdpartycomponents.h"
#include "model/demo/demostudy.h"
#include "model/studyfile/study.h"
#include "ui/aboutdialog.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/shortcuthelp.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/formatsdialog.h"
#include "ui/mainwindow.h"
#include "ui/theme.h"
#include "ui/tour/guidedtour.h"
#include "ui/tour/tours.h"
#include "ui/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFrame>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace concord;

namespace {

QAction *actionNamed(QWidget *window, const QString &text)
{
    for (auto *action : window->findChildren<QAction *>()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

qint64 ratingEvents(const MainWindow &window)
{
    auto count = const_cast<Study *>(window.study())->exec(QStringLiteral("SELECT count(*) FROM rating_event"));
    return count.ok() && count->next() ? count->value(0).toLongLong() : -1;
}

// The first label of the callout whose wrapped text does not fit its height (empty: every line is shown whole).
QString squeezedText(const GuidedTour &tour)
{
    QApplication::processEvents();
    for (QLabel *label : tour.callout()->findChildren<QLabel *>()) {
        if (label->isVisible() && label->wordWrap() && label->height() < label->heightForWidth(label->width()))
            return label->text();
    }
    return {};
}

} // namespace

class TestGuidedTour : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    QString m_demo;
    QStringList m_errors;

    std::unique_ptr<MainWindow> makeWindow()
    {
        m_errors.clear();
        auto window = std::make_unique<MainWindow>();
        window->setErrorReporter([this](const QString &message) { m_errors << message; });
        window->setDemoStudyProvider([this] { return m_demo; });
        window->resize(1280, 800);
        window->show();
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("the window did not become active");
        return window;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
        m_demo = m_dir.filePath(QStringLiteral("demo.concord"));
        QVERIFY(createDemoStudy(m_demo, DemoOptions{.cases = 8, .raters = 2}).ok());
    }

    void annotationTour_opensTheDemoAndPointsAtEachPart()
    {
        auto window = makeWindow();
        auto *button = window->welcomePage()->findChild<QPushButton *>(QStringLiteral("annotationTourButton"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(QLatin1Char('\n'))));
        QVERIFY(window->annotating());
        QCOMPARE(window->currentPage(), window->annotationPage());
        GuidedTour *tour = window->guidedTour();
        QVERIFY(tour);
        QCOMPARE(tour->stepCount(), 8);
        QCOMPARE(tour->currentStep(), 0);
        QCOMPARE(tour->titleLabel()->text(), QStringLiteral("The case"));
        QCOMPARE(tour->titleLabel()->textFormat(), Qt::PlainText);

        // The first step outlines the case, and its callout sits inside the window beside it, not over it.
        QWidget *caseView = window->annotationPage()->caseView();
        const QRect caseRect(caseView->mapTo(tour->parentWidget(), QPoint(0, 0)), caseView->size());
        QVERIFY(tour->highlightedRect().contains(caseRect.intersected(tour->rect())));
        for (int step = 0; step < tour->stepCount(); ++step) {
            tour->showStep(step);
            const QString title = tour->titleLabel()->text();
            QVERIFY2(!tour->highlightedRect().isEmpty(), qPrintable(title));
            QVERIFY2(tour->rect().contains(tour->callout()->geometry()), qPrintable(title));
            QCOMPARE(squeezedText(*tour), QString());
        }
        tour->showStep(0);
        QVERIFY(!tour->callout()->geometry().intersects(tour->highlightedRect()));

        // The rest of the view is dimmed; the case is not.
        const QImage withTour = tour->parentWidget()->grab().toImage();
        tour->hide();
        const QImage without = tour->parentWidget()->grab().toImage();
        tour->show();
        const QPoint listPoint =
            window->annotationPage()->comparisonList()->mapTo(tour->parentWidget(), QPoint(20, 40));
        const QPoint casePoint = caseRect.center();
        QVERIFY(qGray(withTour.pixel(listPoint)) < qGray(without.pixel(listPoint)) - 40);
        QCOMPARE(withTour.pixel(casePoint), without.pixel(casePoint));
    }

    void annotationTour_namesEveryKeyOfTheHelpButTab()
    {
        AnnotationPage page;
        QSet<QString> named;
        for (const TourStep &step : annotationTour(page)) {
            for (const ShortcutHelp &key : step.keys)
                named << key.keys;
        }
        // A key misspelt in the tour would be missing here, as would a key added to the help but not the tour.
        for (const ShortcutHelp &key : annotationShortcuts()) {
            if (key.keys != QStringLiteral("Tab / Shift+Tab"))
                QVERIFY2(named.contains(key.keys), qPrintable(key.keys));
        }
    }

    void tourKeys_moveTheTourAndNeverRateUnderneath()
    {
        auto window = makeWindow();
        QVERIFY(window->startTour(MainWindow::Tour::Annotation));
        GuidedTour *tour = window->guidedTour();
        QVERIFY(tour);
        const qint64 before = ratingEvents(*window);
        QVERIFY(before >= 0);
        QTRY_VERIFY(tour->nextButton()->hasFocus());
        QTest::qWait(50); // nothing the view queued takes the focus back
        QVERIFY(tour->nextButton()->hasFocus());
        QVERIFY(!tour->backButton()->isEnabled());

        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
        QCOMPARE(tour->currentStep(), 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
        QCOMPARE(tour->currentStep(), 2);
        QCOMPARE(tour->shownKeys().size(), 6);
        QVERIFY(tour->shownKeys().first().startsWith(QStringLiteral("Down / Up\t")));
        // The keys of the view underneath (rate, flag, next comparison) do nothing while the tour is shown.
        for (const auto key : {Qt::Key_2, Qt::Key_F, Qt::Key_U, Qt::Key_Equal})
            QTest::keyClick(QApplication::focusWidget(), key);
        QCOMPARE(tour->currentStep(), 2);
        // Enter, with or without Ctrl (the view's "done"), presses Next.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(tour->currentStep(), 3);
        QCOMPARE(ratingEvents(*window), before);
        QVERIFY(!window->annotationPage()->flagBox()->isChecked());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp);
        QCOMPARE(tour->currentStep(), 1);

        // Tab goes round the callout's buttons and never into the view.
        for (int i = 0; i < 5; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QVERIFY(tour->callout()->isAncestorOf(QApplication::focusWidget()));
        }

        QSignalSpy finished(tour, &GuidedTour::finished);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QTRY_VERIFY(!window->guidedTour());
    }

    void lastStep_saysDoneAndCompletes()
    {
        auto window = makeWindow();
        QVERIFY(window->startTour(MainWindow::Tour::Annotation));
        GuidedTour *tour = window->guidedTour();
        QSignalSpy finished(tour, &GuidedTour::finished);
        tour->showStep(tour->stepCount() - 1);
        QCOMPARE(tour->nextButton()->text(), QStringLiteral("Done"));
        QTest::mouseClick(tour->nextButton(), Qt::LeftButton);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QTRY_VERIFY(!window->guidedTour());
    }

    void dashboardTour_opensTheDemoInStudyLeadMode()
    {
        auto window = makeWindow();
        auto *button = window->welcomePage()->findChild<QPushButton *>(QStringLiteral("dashboardTourButton"));
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(QLatin1Char('\n'))));
        QVERIFY(!window->annotating());
        QCOMPARE(window->currentPage(), window->dashboardPage());
        GuidedTour *tour = window->guidedTour();
        QVERIFY(tour);
        QCOMPARE(tour->stepCount(), 6);
        for (int step = 0; step < tour->stepCount(); ++step) {
            tour->showStep(step);
            QVERIFY2(!tour->highlightedRect().isEmpty(), qPrintable(tour->titleLabel()->text()));
            QVERIFY(tour->rect().contains(tour->callout()->geometry()));
            QCOMPARE(squeezedText(*tour), QString());
        }
        tour->showStep(2);
        QWidget *table = window->dashboardPage()->physicianTable();
        QVERIFY(
            tour->highlightedRect().contains(QRect(table->mapTo(tour->parentWidget(), QPoint(0, 0)), table->size())));
    }

    void helpTour_followsTheViewShown()
    {
        auto window = makeWindow();
        QAction *help = actionNamed(window.get(), QStringLiteral("Guided &Tour of This View"));
        QVERIFY(help);
        QVERIFY(!help->isEnabled()); // the welcome page has no tour of its own
        QVERIFY(window->startTour(MainWindow::Tour::Dashboard));
        QVERIFY(help->isEnabled());
        QVERIFY(window->guidedTour());
        // A tour explains one view: showing another closes it.
        window->showAdjudication();
        QTRY_VERIFY(!window->guidedTour());
        QVERIFY(!help->isEnabled());
        window->showDashboard();
        help->trigger();
        QVERIFY(window->guidedTour());
        QCOMPARE(window->guidedTour()->accessibleName(), QStringLiteral("Tour of the dashboard"));
    }

    void fileFormats_showTheFormatsDocument()
    {
        auto window = makeWindow();
        auto *button = window->welcomePage()->findChild<QPushButton *>(QStringLiteral("fileFormatsButton"));
        QTest::mouseClick(button, Qt::LeftButton);
        auto *dialog = window->findChild<FormatsDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        const QString text = dialog->browser()->toPlainText();
        for (const auto &heading : {QStringLiteral("Concord JSONL"), QStringLiteral("Tidy CSV"),
                                    QStringLiteral("MedVAL-Bench CSV"), QStringLiteral("Exports")})
            QVERIFY2(text.contains(heading), qPrintable(heading));
        QVERIFY(!text.contains(QStringLiteral("## "))); // rendered, not shown as Markdown source
    }

    void about_listsTheLibrariesAndOpensTheirLicences()
    {
        AboutDialog about;
        QVERIFY(!applicationIcon().isNull()); // the built-in icon when the desktop's theme has none
        QTableWidget *table = about.componentTable();
        const auto components = thirdPartyComponents();
        QCOMPARE(table->rowCount(), components.size());
        for (int row = 0; row < table->rowCount(); ++row) {
            QCOMPARE(table->item(row, 0)->text(), components[row].name);
            QCOMPARE(table->item(row, 1)->text(), components[row].version);
            QCOMPARE(table->item(row, 2)->text(), components[row].licence);
        }
        QCOMPARE(table->item(0, 1)->text(), QString::fromLatin1(qVersion()));
        const auto sqlite = table->findItems(QStringLiteral("SQLite"), Qt::MatchExactly);
        QCOMPARE(sqlite.size(), 1);
        QCOMPARE(table->item(sqlite.first()->row(), 1)->text(), sqliteVersion());

        table->selectRow(sqlite.first()->row());
        QVERIFY(about.licenceButton()->isEnabled()); // Debian installs every library's copyright file
        QVERIFY(about.showSelectedLicence());
        auto *viewer = about.findChild<QDialog *>(QStringLiteral("licenceViewer"));
        QVERIFY(viewer);
        auto *text = viewer->findChild<QPlainTextEdit *>();
        QVERIFY(text->isReadOnly());
        QVERIFY(text->toPlainText().contains(QStringLiteral("public-domain")));
    }
};

QTEST_MAIN(TestGuidedTour)
#include "tst_guidedtour.moc"
