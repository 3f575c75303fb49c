#include "ui/mainwindow.h"

#include "model/study.h"
#include "ui/settings.h"
#include "ui/studyoverviewpage.h"
#include "ui/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStackedWidget>
#include <QStatusBar>

namespace concord {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_pages(new QStackedWidget(this))
    , m_welcome(new WelcomePage(m_pages))
    , m_overview(new StudyOverviewPage(m_pages))
{
    m_reportError = [this](const QString &message) { QMessageBox::warning(this, tr("Concord"), message); };
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_overview);
    setCentralWidget(m_pages);
    setAcceptDrops(true);
    setWindowTitle(tr("Concord"));
    resize(1280, 800);
    restoreGeometry(Settings::value(Settings::MainWindowGeometry).toByteArray());
    createActions();

    connect(m_welcome, &WelcomePage::openDemoRequested, this, &MainWindow::openDemoStudy);
    connect(m_welcome, &WelcomePage::newStudyRequested, this, &MainWindow::newStudy);
    connect(m_welcome, &WelcomePage::openStudyRequested, this, &MainWindow::openStudyDialog);
    connect(m_welcome, &WelcomePage::openRecentRequested, this, [this](const QString &path) { openStudy(path); });
    refreshRecentStudies();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *create = file->addAction(tr("&New Study…"), this, &MainWindow::newStudy);
    create->setShortcut(QKeySequence::New);
    QAction *open = file->addAction(tr("&Open Study…"), this, &MainWindow::openStudyDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open the &Demo Study"), this, &MainWindow::openDemoStudy);
    m_closeAction = file->addAction(tr("&Close Study"), this, &MainWindow::closeStudy);
    m_closeAction->setShortcut(QKeySequence::Close);
    m_closeAction->setEnabled(false);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_findAction = view->addAction(tr("&Filter Responses"), this, [this] { m_overview->focusFilter(); });
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setEnabled(false);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Concord"), this, &MainWindow::showAbout);
}

bool MainWindow::openStudy(const QString &path)
{
    auto opened = Study::open(path);
    if (!opened.ok()) {
        m_reportError(opened.errorMessage());
        return false;
    }
    std::unique_ptr<Study> study = std::move(opened).value();
    QString error;
    if (!m_overview->showStudy(*study, &error)) {
        m_reportError(error);
        return false;
    }
    m_study = std::move(study);
    const QString title = m_study->info().title;
    setWindowTitle(tr("%1 — Concord").arg(title.isEmpty() ? QFileInfo(path).fileName() : title));
    m_pages->setCurrentWidget(m_overview);
    m_closeAction->setEnabled(true);
    m_findAction->setEnabled(true);
    Settings::addRecentStudy(path);
    refreshRecentStudies();
    statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(path).absoluteFilePath()), 5000);
    return true;
}

void MainWindow::closeStudy()
{
    m_overview->clear();
    m_study.reset();
    m_pages->setCurrentWidget(m_welcome);
    m_closeAction->setEnabled(false);
    m_findAction->setEnabled(false);
    setWindowTitle(tr("Concord"));
}

void MainWindow::newStudy()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New Study"), QString(),
                                                      tr("Concord studies (*.concord)"));
    if (path.isEmpty())
        return;
    const QString target = path.endsWith(QStringLiteral(".concord")) ? path : path + QStringLiteral(".concord");
    bool ok = false;
    const QString title = QInputDialog::getText(this, tr("New Study"), tr("Study title:"), QLineEdit::Normal,
                                                QFileInfo(target).completeBaseName(), &ok);
    if (!ok)
        return;
    auto created = Study::create(target, {.title = title, .rubric = defaultRubric()});
    if (!created.ok()) {
        m_reportError(created.errorMessage());
        return;
    }
    created.value().reset();
    openStudy(target);
}

void MainWindow::openStudyDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Study"), QString(),
                                                      tr("Concord studies (*.concord);;All files (*)"));
    if (!path.isEmpty())
        openStudy(path);
}

void MainWindow::openDemoStudy()
{
    if (!m_demoProvider) {
        m_reportError(tr("No demo study is available in this build."));
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const QString path = m_demoProvider();
    QApplication::restoreOverrideCursor();
    if (path.isEmpty()) {
        m_reportError(tr("The demo study could not be created."));
        return;
    }
    openStudy(path);
}

void MainWindow::refreshRecentStudies()
{
    const QStringList recent = Settings::recentStudies();
    m_welcome->setRecentStudies(recent);
    m_recentMenu->clear();
    for (const auto &path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openStudy(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Concord"),
                       tr("Concord %1\n\nPhysician annotation of LLM responses and judge–physician agreement.\n\n"
                          "Built with Qt %2 (LGPL-3.0), SQLite (public domain), nlohmann/json (MIT) and Boost.Math "
                          "(BSL-1.0).")
                           .arg(QStringLiteral(CONCORD_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    for (const auto &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && url.toLocalFile().endsWith(QStringLiteral(".concord"))) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const auto &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && url.toLocalFile().endsWith(QStringLiteral(".concord"))) {
            openStudy(url.toLocalFile());
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    Settings::setValue(Settings::MainWindowGeometry, saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace concord
