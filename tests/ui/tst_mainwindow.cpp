// The main window offscreen: the welcome page, opening a study into the overview, the filter, errors through the
// reporting seam, untrusted text shown literally, new study, recent studies, drag and drop, and the shortcuts.
#include "model/store/casestore.h"
#include "model/studyfile/study.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/studyoverviewpage.h"
#include "ui/welcomepage.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace concord;

namespace {

const QString kMarkup = QStringLiteral("<b>bold</b><script>alert(1)</script>");

struct CaseSpec
{
    QString id;
    QString task;
    QString input;
    QStringList systems;
};

QString makeStudy(const QTemporaryDir &dir, const QString &name, const QString &title, const QList<CaseSpec> &specs)
{
    const QString path = dir.filePath(name);
    auto created = Study::create(path, {.title = title, .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    CaseStore cases(*created.value());
    for (const auto &spec : specs) {
        CaseRecord record;
        record.externalId = spec.id;
        record.task = spec.task;
        record.input = spec.input;
        if (!cases.insertCase(record).ok())
            qFatal("cannot insert case");
        int n = 0;
        for (const auto &system : spec.systems) {
            ResponseRecord response;
            response.caseId = record.id;
            response.externalId = QStringLiteral("r%1").arg(++n);
            response.system = system;
            response.text = QStringLiteral("Answer of %1 to %2").arg(system, spec.id);
            if (!cases.insertResponse(response).ok())
                qFatal("cannot insert response");
        }
    }
    return path;
}

QAction *actionNamed(QWidget *window, const QString &text)
{
    for (auto *action : window->findChildren<QAction *>()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    QString m_study;  // "Sepsis pilot": 3 cases, 5 responses
    QString m_tagged; // a study whose title and case input contain markup
    QStringList m_errors;

    // A window whose errors are collected instead of shown in a message box.
    std::unique_ptr<MainWindow> makeWindow()
    {
        m_errors.clear();
        auto window = std::make_unique<MainWindow>();
        window->setErrorReporter([this](const QString &message) { m_errors << message; });
        return window;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid() && m_config.isValid());
        // The settings registry must not touch the user's own settings.
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
        m_study = makeStudy(
            m_dir, QStringLiteral("sepsis.concord"), QStringLiteral("Sepsis pilot"),
            {{QStringLiteral("case-1"),
              QStringLiteral("triage"),
              QStringLiteral("Fever."),
              {QStringLiteral("Aster"), QStringLiteral("Birch")}},
             {QStringLiteral("case-2"),
              QStringLiteral("summary"),
              QStringLiteral("Cough."),
              {QStringLiteral("Aster"), QStringLiteral("Birch")}},
             {QStringLiteral("case-3"), QStringLiteral("triage"), QStringLiteral("Rash."), {QStringLiteral("Aster")}}});
        m_tagged = makeStudy(m_dir, QStringLiteral("tagged.concord"), kMarkup,
                             {{QStringLiteral("t-1"), QStringLiteral("triage"), kMarkup, {QStringLiteral("Aster")}}});
    }

    void init() { Settings::clearRecentStudies(); }

    void settings_areNamedAfterTheApplicationId()
    {
        QCOMPARE(Settings::organizationDomain(), QStringLiteral("concord.org"));
        QCOMPARE(Settings::applicationName(), QStringLiteral("Concord"));
    }

    void welcomePage_isShownWhenNothingIsOpen()
    {
        auto window = makeWindow();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QCOMPARE(window->currentPage(), window->welcomePage());
        QCOMPARE(window->windowTitle(), QStringLiteral("Concord"));
        QVERIFY(!window->hasStudy());
        for (const auto &name :
             {QStringLiteral("openDemoButton"), QStringLiteral("newStudyButton"), QStringLiteral("openStudyButton")})
            QVERIFY2(window->welcomePage()->findChild<QPushButton *>(name), qPrintable(name));
        QVERIFY(!actionNamed(window.get(), QStringLiteral("&Close Study"))->isEnabled());
        QVERIFY(m_errors.isEmpty());
    }

    void openStudy_showsOverviewWithRowsAndTitle()
    {
        auto window = makeWindow();
        QVERIFY(window->openStudy(m_study));
        QVERIFY(m_errors.isEmpty());
        QCOMPARE(window->currentPage(), window->overviewPage());
        QCOMPARE(window->windowTitle(), QStringLiteral("Sepsis pilot — study lead — Concord"));
        StudyOverviewPage *page = window->overviewPage();
        QCOMPARE(page->heading()->text(), QStringLiteral("Sepsis pilot"));
        QCOMPARE(page->caseView()->model()->rowCount(), 5);
        QCOMPARE(page->axisView()->model()->rowCount(), 5); // every axis of the default rubric
        const QString facts = page->findChild<QLabel *>(QStringLiteral("studyFacts"))->text();
        QVERIFY2(facts.contains(QStringLiteral("Concord clinical rubric")) &&
                     facts.contains(QStringLiteral("version 1")) && facts.contains(QStringLiteral("3 cases")) &&
                     facts.contains(QStringLiteral("5 responses")),
                 qPrintable(facts));
        QVERIFY(actionNamed(window.get(), QStringLiteral("&Close Study"))->isEnabled());
        QCOMPARE(Settings::recentStudies(), QStringList{QFileInfo(m_study).absoluteFilePath()});
    }

    void filter_narrowsRowsToMatchingTexts()
    {
        auto window = makeWindow();
        QVERIFY(window->openStudy(m_study));
        StudyOverviewPage *page = window->overviewPage();
        QAbstractItemModel *rows = page->caseView()->model();
        QTest::keyClicks(page->filter(), QStringLiteral("birch"));
        QCOMPARE(rows->rowCount(), 2); // case-insensitive, on the system
        page->filter()->clear();
        QTest::keyClicks(page->filter(), QStringLiteral("case-3"));
        QCOMPARE(rows->rowCount(), 1);
        QCOMPARE(rows->index(0, 0).data().toString(), QStringLiteral("case-3"));
        QCOMPARE(page->findChild<QLabel *>(QStringLiteral("shownCount"))->text(), QStringLiteral("1 of 5 responses"));
        page->filter()->clear();
        QTest::keyClicks(page->filter(), QStringLiteral("0")); // counts are not searched: no text has a 0
        QCOMPARE(rows->rowCount(), 0);
        page->filter()->clear();
        QCOMPARE(rows->rowCount(), 5);
        QCOMPARE(page->findChild<QLabel *>(QStringLiteral("shownCount"))->text(), QStringLiteral("5 responses"));
    }

    void sorting_usesRawValuesAndStartsInStudyOrder()
    {
        auto window = makeWindow();
        QVERIFY(window->openStudy(m_study));
        QTableView *view = window->overviewPage()->caseView();
        QCOMPARE(view->model()->index(0, 2).data().toString(), QStringLiteral("Aster"));
        QCOMPARE(view->model()->index(1, 2).data().toString(), QStringLiteral("Birch"));
        view->sortByColumn(2, Qt::DescendingOrder);
        QCOMPARE(view->model()->index(0, 2).data().toString(), QStringLiteral("Birch"));
        QCOMPARE(view->model()->index(1, 2).data().toString(), QStringLiteral("Birch"));
    }

    void openStudy_reportsNonStudyFileAndKeepsWelcomePage()
    {
        const QString path = m_dir.filePath(QStringLiteral("notes.concord"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("These are my notes, not a study.\n");
        file.close();

        auto window = makeWindow();
        QVERIFY(!window->openStudy(path));
        QCOMPARE(m_errors.size(), 1);
        QVERIFY2(m_errors.first().contains(QStringLiteral("not a Concord study")), qPrintable(m_errors.first()));
        QVERIFY(m_errors.first().contains(path));
        QCOMPARE(window->currentPage(), window->welcomePage());
        QVERIFY(!window->hasStudy());
        QVERIFY(Settings::recentStudies().isEmpty());
        QCOMPARE(window->windowTitle(), QStringLiteral("Concord"));
    }

    void openStudy_failureKeepsTheOpenStudy()
    {
        auto window = makeWindow();
        QVERIFY(window->openStudy(m_study));
        QVERIFY(!window->openStudy(m_dir.filePath(QStringLiteral("missing.concord"))));
        QCOMPARE(m_errors.size(), 1);
        QVERIFY(m_errors.first().contains(QStringLiteral("no such file")));
        QCOMPARE(window->currentPage(), window->overviewPage());
        QCOMPARE(window->windowTitle(), QStringLiteral("Sepsis pilot — study lead — Concord"));
        QCOMPARE(window->overviewPage()->caseView()->model()->rowCount(), 5);
    }

    void untrustedText_isShownLiterally()
    {
        auto window = makeWindow();
        QVERIFY(window->openStudy(m_tagged));
        StudyOverviewPage *page = window->overviewPage();
        QCOMPARE(page->heading()->textFormat(), Qt::PlainText);
        QCOMPARE(page->heading()->text(), kMarkup);
        QVERIFY(window->windowTitle().startsWith(kMarkup));
        for (auto *label : page->findChildren<QLabel *>()) {
            if (label->text().contains(QLatin1Char('<')))
                QCOMPARE(label->textFormat(), Qt::PlainText);
        }
        QTableView *view = page->caseView();
        view->selectRow(0);
        const QString detail = page->detail()->toPlainText();
        QVERIFY2(detail.contains(kMarkup), qPrintable(detail));
        QVERIFY(detail.contains(QStringLiteral("Answer of Aster to t-1")));
    }

    void closeStudy_returnsToWelcomePageWithTheStudyInRecent()
    {
        auto window = makeWindow();
        QVERIFY(window->openStudy(m_study));
        window->closeStudy();
        QCOMPARE(window->currentPage(), window->welcomePage());
        QVERIFY(!window->hasStudy());
        QCOMPARE(window->windowTitle(), QStringLiteral("Concord"));
        QCOMPARE(window->overviewPage()->caseView()->model()->rowCount(), 0);
        QListWidget *recent = window->welcomePage()->recentList();
        QCOMPARE(recent->count(), 1);
        QCOMPARE(recent->item(0)->data(Qt::UserRole).toString(), QFileInfo(m_study).absoluteFilePath());
        // Activating the entry opens the study again.
        emit recent->itemActivated(recent->item(0));
        QCOMPARE(window->currentPage(), window->overviewPage());
    }

    void recentStudies_dropAFileThatHasGone()
    {
        const QString path = makeStudy(m_dir, QStringLiteral("gone.concord"), QStringLiteral("Gone"), {});
        auto window = makeWindow();
        QVERIFY(window->openStudy(path));
        window->closeStudy();
        QVERIFY(QFile::remove(path));
        QListWidget *recent = window->welcomePage()->recentList();
        QCOMPARE(recent->count(), 1);
        emit recent->itemActivated(recent->item(0));
        QCOMPARE(m_errors.size(), 1);
        QCOMPARE(recent->count(), 0);
        QVERIFY(Settings::recentStudies().isEmpty());
    }

    void newStudy_createsWithTheDefaultRubricAndOpensIt()
    {
        auto window = makeWindow();
        const QString path = m_dir.filePath(QStringLiteral("fresh")); // the suffix is added
        QString suggested;
        window->setPrompts({.openPath = {},
                            .newPath = [&] { return path; },
                            .newTitle = [&](const QString &suggestion) -> std::optional<QString> {
                                suggested = suggestion;
                                return QStringLiteral("Fresh study");
                            }});
        window->newStudy();
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(QLatin1Char('\n'))));
        QCOMPARE(suggested, QStringLiteral("fresh"));
        QVERIFY(QFile::exists(path + QStringLiteral(".concord")));
        QCOMPARE(window->currentPage(), window->overviewPage());
        QCOMPARE(window->windowTitle(), QStringLiteral("Fresh study — study lead — Concord"));
        QCOMPARE(window->study()->rubric().name, defaultRubric().name);
        QCOMPARE(window->overviewPage()->caseView()->model()->rowCount(), 0);

        // Creating it again is refused (never overwritten) and reported.
        window->newStudy();
        QCOMPARE(m_errors.size(), 1);
        QVERIFY2(m_errors.first().contains(QStringLiteral("already exists")), qPrintable(m_errors.first()));
    }

    void newStudy_cancelledDoesNothing()
    {
        auto window = makeWindow();
        const QString path = m_dir.filePath(QStringLiteral("cancelled.concord"));
        window->setPrompts({.openPath = {},
                            .newPath = [&] { return path; },
                            .newTitle = [](const QString &) -> std::optional<QString> { return std::nullopt; }});
        window->newStudy();
        QVERIFY(!QFile::exists(path));
        QVERIFY(m_errors.isEmpty());
        QCOMPARE(window->currentPage(), window->welcomePage());
    }

    void openStudyButton_usesTheOpenPrompt()
    {
        auto window = makeWindow();
        window->setPrompts({.openPath = [this] { return m_study; }, .newPath = {}, .newTitle = {}});
        QTest::mouseClick(window->welcomePage()->findChild<QPushButton *>(QStringLiteral("openStudyButton")),
                          Qt::LeftButton);
        QCOMPARE(window->currentPage(), window->overviewPage());
    }

    void demoButton_opensTheProvidedStudy()
    {
        auto window = makeWindow();
        auto *demo = window->welcomePage()->findChild<QPushButton *>(QStringLiteral("openDemoButton"));
        QTest::mouseClick(demo, Qt::LeftButton); // no provider: reported, not ignored
        QCOMPARE(m_errors.size(), 1);
        QCOMPARE(window->currentPage(), window->welcomePage());

        int calls = 0;
        window->setDemoStudyProvider([&] {
            ++calls;
            return m_study;
        });
        QTest::mouseClick(demo, Qt::LeftButton);
        QCOMPARE(calls, 1);
        QCOMPARE(window->currentPage(), window->overviewPage());

        window->closeStudy();
        window->setDemoStudyProvider([] { return QString(); }); // could not be created
        QTest::mouseClick(demo, Qt::LeftButton);
        QCOMPARE(m_errors.size(), 2);
        QCOMPARE(window->currentPage(), window->welcomePage());
    }

    void dropOfAStudyFile_opensIt()
    {
        auto window = makeWindow();
        QVERIFY(window->acceptDrops());
        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("notes.txt")))});
        QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.get(), &refused);
        QVERIFY(!refused.isAccepted());

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_study)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.get(), &drop);
        QCOMPARE(window->currentPage(), window->overviewPage());
        QCOMPARE(window->windowTitle(), QStringLiteral("Sepsis pilot — study lead — Concord"));
    }

    void shortcuts_reachEveryAction()
    {
        auto window = makeWindow();
        // The documented shortcut is the first (shown in the menu), whatever the platform binds.
        const QList<std::pair<QString, QKeySequence>> expected{
            {QStringLiteral("&New Study…"), QKeySequence(Qt::CTRL | Qt::Key_N)},
            {QStringLiteral("&Open Study…"), QKeySequence(Qt::CTRL | Qt::Key_O)},
            {QStringLiteral("&Close Study"), QKeySequence(Qt::CTRL | Qt::Key_W)},
            {QStringLiteral("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q)},
            {QStringLiteral("&Filter Responses"), QKeySequence(Qt::CTRL | Qt::Key_F)},
        };
        for (const auto &[text, keys] : expected) {
            QAction *action = actionNamed(window.get(), text);
            QVERIFY2(action, qPrintable(text));
            QCOMPARE(action->shortcut(), keys);
        }

        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QApplication::setActiveWindow(window.get());
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QVERIFY(window->openStudy(m_study));
        window->overviewPage()->caseView()->setFocus();
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), window->overviewPage()->filter());
        QTest::keyClick(window.get(), Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(window->currentPage(), window->welcomePage());
        QVERIFY(!window->hasStudy());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
