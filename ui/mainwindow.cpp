#include "ui/mainwindow.h"

#include "model/annotation/annotationsession.h"
#include "model/domain/displaytext.h"
#include "model/store/adjudicationstore.h"
#include "model/store/annotatorstore.h"
#include "model/studyfile/study.h"
#include "ui/aboutdialog.h"
#include "ui/adjudication/adjudicationpage.h"
#include "ui/annotation/annotationpage.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/filedialogs.h"
#include "ui/formatsdialog.h"
#include "ui/preferencesdialog.h"
#include "ui/report/reportexportjob.h"
#include "ui/settings.h"
#include "ui/studylead/studyleadmenu.h"
#include "ui/studyoverviewpage.h"
#include "ui/theme.h"
#include "ui/tour/tours.h"
#include "ui/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>

namespace concord {

namespace {

const QString kSuffix = QStringLiteral(".concord");

bool isStudyPath(const QString &path)
{
    return path.endsWith(kSuffix, Qt::CaseInsensitive);
}

// The first local .concord file among dropped URLs, or an empty string.
QString droppedStudy(const QMimeData *mime)
{
    for (const auto &url : mime->urls()) {
        if (url.isLocalFile() && isStudyPath(url.toLocalFile()))
            return url.toLocalFile();
    }
    return {};
}

// The platform's bindings for a standard key, with the one Concord documents first (e.g. Ctrl+Q, which some
// platforms do not bind to Quit).
void setShortcuts(QAction *action, QKeySequence::StandardKey key, const QKeySequence &documented)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(key);
    keys.removeAll(documented);
    keys.prepend(documented);
    action->setShortcuts(keys);
}

QString documentsFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_pages(new QStackedWidget(this))
    , m_welcome(new WelcomePage(m_pages))
    , m_overview(new StudyOverviewPage(m_pages))
    , m_annotation(new AnnotationPage(m_pages))
    , m_dashboard(new DashboardPage(m_pages))
    , m_adjudication(new AdjudicationPage(m_pages))
{
    m_reportError = [this](const QString &message) { showError(message); };
    m_prompts.openPath = [this] {
        return filedialogs::openFileName(this, tr("Open Study"), documentsFolder(),
                                         tr("Concord studies (*.concord);;All files (*)"));
    };
    m_prompts.newPath = [this] {
        // Study::create never overwrites, so the dialog need not ask; an existing file is reported instead.
        return filedialogs::saveFileName(this, tr("New Study"), documentsFolder(), tr("Concord studies (*.concord)"),
                                         false);
    };
    m_prompts.newTitle = [this](const QString &suggested) -> std::optional<QString> {
        bool ok = false;
        const QString title =
            QInputDialog::getText(this, tr("New Study"), tr("Study &title:"), QLineEdit::Normal, suggested, &ok);
        return ok ? std::optional<QString>(title.trimmed()) : std::nullopt;
    };
    m_prompts.annotatorName = [this](const QStringList &existing, const QString &suggested) -> std::optional<QString> {
        bool ok = false;
        QStringList names = existing;
        if (!suggested.isEmpty() && !names.contains(suggested))
            names.prepend(suggested);
        // Names are shown with their controls visible; a name picked from the list is the stored one.
        QStringList shown;
        for (const QString &name : std::as_const(names))
            shown << visibleControls(name);
        const QString name = QInputDialog::getItem(this, tr("Annotate"),
                                                   tr("Your &name (every rating records it; a new name is added):"),
                                                   shown, std::max<qsizetype>(0, names.indexOf(suggested)), true, &ok);
        const qsizetype picked = shown.indexOf(name);
        const QString chosen = picked >= 0 ? names[picked] : name.trimmed();
        return ok && !chosen.trimmed().isEmpty() ? std::optional<QString>(chosen) : std::nullopt;
    };

    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_overview);
    m_pages->addWidget(m_annotation);
    m_pages->addWidget(m_dashboard);
    m_pages->addWidget(m_adjudication);
    connect(m_adjudication, &AdjudicationPage::decisionRecorded, this, [this] {
        m_dashboard->refresh(); // the adjudicated value is now the judge's reference there
    });
    connect(m_annotation, &AnnotationPage::errorOccurred, this,
            [this](const QString &message) { m_reportError(tr("The change was not saved: %1").arg(message)); });
    setCentralWidget(m_pages);
    setAcceptDrops(true);
    setWindowTitle(tr("Concord"));
    resize(1280, 800);
    restoreGeometry(Settings::value(Settings::MainWindowGeometry).toByteArray());
    createActions();

    connect(m_welcome, &WelcomePage::openDemoRequested, this, &MainWindow::openDemoStudy);
    connect(m_welcome, &WelcomePage::newStudyRequested, this, &MainWindow::newStudy);
    connect(m_welcome, &WelcomePage::openStudyRequested, this, &MainWindow::openStudyDialog);
    connect(m_welcome, &WelcomePage::openPackageRequested, this, &MainWindow::openStudyDialog);
    connect(m_welcome, &WelcomePage::openRecentRequested, this, [this](const QString &path) { openStudy(path); });
    connect(m_welcome, &WelcomePage::annotationTourRequested, this, [this] { startTour(Tour::Annotation); });
    connect(m_welcome, &WelcomePage::dashboardTourRequested, this, [this] { startTour(Tour::Dashboard); });
    connect(m_welcome, &WelcomePage::fileFormatsRequested, this, &MainWindow::showFileFormats);
    connect(m_pages, &QStackedWidget::currentChanged, this, [this] {
        if (m_tour) // a tour explains one view; it goes when the view does
            m_tour->close();
        m_tourAction->setEnabled(currentPage() == m_annotation || currentPage() == m_dashboard);
    });
    refreshRecentStudies();
}

MainWindow::~MainWindow()
{
    m_annotation->setSession(nullptr);
    m_session.reset();
}

void MainWindow::setPrompts(Prompts prompts)
{
    if (prompts.openPath)
        m_prompts.openPath = std::move(prompts.openPath);
    if (prompts.newPath)
        m_prompts.newPath = std::move(prompts.newPath);
    if (prompts.newTitle)
        m_prompts.newTitle = std::move(prompts.newTitle);
    if (prompts.annotatorName)
        m_prompts.annotatorName = std::move(prompts.annotatorName);
    if (prompts.reportPath)
        m_prompts.reportPath = std::move(prompts.reportPath);
}

QWidget *MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *create = file->addAction(tr("&New Study…"), this, &MainWindow::newStudy);
    setShortcuts(create, QKeySequence::New, QKeySequence(Qt::CTRL | Qt::Key_N));
    QAction *open = file->addAction(tr("&Open Study…"), this, &MainWindow::openStudyDialog);
    setShortcuts(open, QKeySequence::Open, QKeySequence(Qt::CTRL | Qt::Key_O));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QAction *window = file->addAction(tr("New &Window"), this, &MainWindow::newWindow);
    window->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    file->addAction(tr("Open the &Demo Study"), this, &MainWindow::openDemoStudy);
    m_reportAction = file->addAction(tr("Export &Report…"), this, &MainWindow::exportReport);
    m_reportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_closeAction = file->addAction(tr("&Close Study"), this, &MainWindow::closeStudy);
    setShortcuts(m_closeAction, QKeySequence::Close, QKeySequence(Qt::CTRL | Qt::Key_W));
    m_closeAction->setEnabled(false);
    file->addSeparator();
    QAction *preferences = file->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    setShortcuts(quit, QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_findAction = view->addAction(tr("&Filter Responses"), this, [this] { m_overview->focusFilter(); });
    setShortcuts(m_findAction, QKeySequence::Find, QKeySequence(Qt::CTRL | Qt::Key_F));
    m_findAction->setEnabled(false);

    QMenu *mode = menuBar()->addMenu(tr("&Study"));
    m_annotateAction = mode->addAction(tr("&Annotate…"), this, &MainWindow::annotateDialog);
    m_annotateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_studyLeadAction = mode->addAction(tr("Study &Lead Mode"), this, &MainWindow::showStudyLeadMode);
    m_studyLeadAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_dashboardAction = mode->addAction(tr("Agreement &Dashboard"), this, &MainWindow::showDashboard);
    m_dashboardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));

    m_studyLead = new StudyLeadMenu(this);
    menuBar()->addMenu(m_studyLead->menu());
    connect(m_studyLead, &StudyLeadMenu::studyChanged, this, &MainWindow::reloadStudyLeadViews);
    connect(m_studyLead, &StudyLeadMenu::error, this, [this](const QString &text) { m_reportError(text); });
    connect(m_studyLead, &StudyLeadMenu::message, this, &MainWindow::showMessage);
    connect(m_studyLead, &StudyLeadMenu::adjudicationRequested, this, &MainWindow::showAdjudication);

    m_annotateMenu = menuBar()->addMenu(tr("A&nnotation"));
    m_annotateMenu->addActions(m_annotation->annotationActions());
    updateModeActions();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    m_tourAction = help->addAction(tr("Guided &Tour of This View"), this, &MainWindow::startTourOfCurrentView);
    m_tourAction->setEnabled(false);
    help->addAction(tr("&File Formats"), this, &MainWindow::showFileFormats);
    help->addSeparator();
    QAction *about = help->addAction(tr("&About Concord"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

bool MainWindow::openStudy(const QString &path)
{
    auto opened = Study::open(path);
    if (!opened.ok()) {
        // A recent study that has gone away is dropped from the list rather than offered again.
        if (!QFileInfo::exists(path)) {
            Settings::removeRecentStudy(path);
            refreshRecentStudies();
        }
        m_reportError(opened.errorMessage());
        return false;
    }
    std::unique_ptr<Study> study = std::move(opened).value();
    const QString bound = study->meta(QStringLiteral("package_annotator"));
    const QString annotator = bound.isEmpty() ? Settings::lastAnnotator(path) : bound;
    QString error;
    // In annotator mode the overview (which names the systems) is never loaded.
    if (annotator.isEmpty() && !m_overview->showStudy(*study, &error)) {
        m_reportError(error);
        return false;
    }
    m_annotation->setSession(nullptr);
    m_session.reset();
    // The views holding the previous study let go of it before it closes.
    m_dashboard->setStudy(nullptr);
    m_adjudication->setStudy(nullptr);
    m_study = std::move(study);
    Settings::addRecentStudy(path);
    refreshRecentStudies();
    m_closeAction->setEnabled(true);
    if (!annotator.isEmpty()) {
        m_overview->clear();
        if (!startAnnotating(annotator) && !showStudyLeadMode())
            closeStudy();
        return m_study != nullptr;
    }
    m_pages->setCurrentWidget(m_overview);
    updateModeActions();
    updateWindowTitle();
    statusBar()->showMessage(
        visibleControls(tr("Opened %1").arg(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath()))), 5000);
    return true;
}

QString MainWindow::packageAnnotator() const
{
    return m_study ? m_study->meta(QStringLiteral("package_annotator")) : QString();
}

bool MainWindow::startAnnotating(const QString &name)
{
    if (!m_study)
        return false;
    const QString bound = packageAnnotator();
    if (!bound.isEmpty() && name != bound) {
        m_reportError(tr("This annotator package belongs to %1; it can only be annotated under that name.").arg(bound));
        return false;
    }
    auto started = AnnotationSession::start(*m_study, {.annotatorName = name});
    if (!started.ok()) {
        m_reportError(started.errorMessage());
        return false;
    }
    m_annotation->setSession(nullptr);
    m_session = std::move(started).value();
    m_overview->clear();
    m_dashboard->setStudy(nullptr); // blinded: nothing of the study lead's views stays loaded
    m_adjudication->setStudy(nullptr);
    m_annotation->setSession(m_session.get());
    m_pages->setCurrentWidget(m_annotation);
    Settings::setLastAnnotator(m_study->path(), m_session->annotator().name);
    updateModeActions();
    updateWindowTitle();
    return true;
}

bool MainWindow::showStudyLeadMode()
{
    if (!m_study)
        return false;
    if (!packageAnnotator().isEmpty()) {
        m_reportError(tr("An annotator package opens in annotator mode only."));
        return false;
    }
    QString error;
    if (!m_overview->showStudy(*m_study, &error)) {
        m_reportError(error);
        return false;
    }
    m_annotation->setSession(nullptr);
    m_session.reset();
    Settings::setLastAnnotator(m_study->path(), QString());
    m_pages->setCurrentWidget(m_overview);
    updateModeActions();
    updateWindowTitle();
    return true;
}

void MainWindow::annotateDialog()
{
    if (!m_study)
        return;
    const QString bound = packageAnnotator();
    if (!bound.isEmpty()) {
        startAnnotating(bound);
        return;
    }
    QStringList names;
    if (auto annotators = AnnotatorStore(*m_study).annotators(); annotators.ok()) {
        for (const Annotator &annotator : annotators.value()) {
            if (!annotator.retired)
                names << annotator.name;
        }
    }
    const QString suggested = m_session ? m_session->annotator().name : Settings::lastAnnotator(m_study->path());
    if (const auto name = m_prompts.annotatorName(names, suggested))
        startAnnotating(*name);
}

void MainWindow::showDashboard()
{
    if (!m_study || m_session)
        return;
    m_dashboard->setStudy(m_study.get());
    m_pages->setCurrentWidget(m_dashboard);
}

void MainWindow::showAdjudication()
{
    if (!m_study || m_session || !packageAnnotator().isEmpty())
        return;
    m_adjudication->setStudy(m_study.get());
    m_adjudication->refresh();
    m_pages->setCurrentWidget(m_adjudication);
}

void MainWindow::exportReport()
{
    if (!m_study || m_session)
        return;
    if (m_exportJob) { // one export at a time: show the one running
        m_exportJob->dialog()->show();
        m_exportJob->dialog()->raise();
        return;
    }
    if (!m_prompts.reportPath) {
        m_prompts.reportPath = [this](const QString &suggested) {
            return filedialogs::saveFileName(this, tr("Export Report"), suggested,
                                             tr("HTML (*.html);;PDF (*.pdf);;JSON (*.json);;CSV (*.csv)"));
        };
    }
    const QString suggested =
        QFileInfo(m_study->path())
            .dir()
            .filePath(QFileInfo(m_study->path()).completeBaseName() + QStringLiteral("-report.html"));
    const QString path = m_prompts.reportPath(suggested);
    if (path.isEmpty())
        return;
    // The full analysis runs on a worker with its own connection; the window stays usable meanwhile.
    // Once the study lead has adjudicated, the judge is compared with those decisions (the report names the rule).
    AgreementSettings settings;
    settings.bootstrap = std::size_t(std::max(0, Settings::value(Settings::ReportBootstrapResamples).toInt()));
    auto decided = AdjudicationStore(*m_study).anyDecisionWithValue();
    settings.adjudicated = decided.ok() && decided.value();
    m_exportJob = new ReportExportJob(m_study->path(), path, settings, this);
    connect(m_exportJob, &ReportExportJob::finished, this,
            [this](const QString &outPath, const QString &error, bool cancelled) {
                if (cancelled)
                    statusBar()->showMessage(tr("Report export cancelled"), 8000);
                else if (!error.isEmpty())
                    m_reportError(error);
                else
                    statusBar()->showMessage(
                        visibleControls(tr("Report written to %1").arg(QDir::toNativeSeparators(outPath))), 8000);
                emit reportExportFinished(outPath, error.isEmpty() && !cancelled);
            });
    m_exportJob->start();
}

void MainWindow::newWindow()
{
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setDemoStudyProvider(m_demoProvider);
    window->show();
}

void MainWindow::updateModeActions()
{
    const bool annotatingNow = m_session != nullptr;
    const bool leading = m_study != nullptr && !annotatingNow;
    // A package is a physician's file: the study lead's menu acts on the study only.
    m_studyLead->setStudy(leading && packageAnnotator().isEmpty() ? m_study.get() : nullptr);
    m_studyLead->menu()->setEnabled(leading && packageAnnotator().isEmpty());
    m_annotateAction->setEnabled(m_study != nullptr);
    m_dashboardAction->setEnabled(leading);
    m_reportAction->setEnabled(leading);
    m_studyLeadAction->setEnabled(m_study != nullptr && packageAnnotator().isEmpty() && annotatingNow);
    m_findAction->setEnabled(m_study != nullptr && !annotatingNow);
    m_annotateMenu->setEnabled(annotatingNow);
    for (QAction *action : m_annotation->annotationActions())
        action->setVisible(annotatingNow);
}

void MainWindow::reloadStudyLeadViews()
{
    if (!m_study || m_session)
        return;
    QString error;
    if (!m_overview->showStudy(*m_study, &error))
        m_reportError(error);
    if (m_pages->currentWidget() == m_dashboard)
        m_dashboard->refresh();
    updateModeActions();
}

void MainWindow::showMessage(const QString &text)
{
    statusBar()->showMessage(visibleControls(text.section(QLatin1Char('\n'), 0, 0)), 10000);
    if (text.contains(QLatin1Char('\n')) && m_showMessageBoxes) {
        // A summary worth reading (a merge): shown without blocking, as plain text.
        auto *box =
            new QMessageBox(QMessageBox::Information, tr("Concord"), visibleControls(text), QMessageBox::Ok, this);
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->show();
    }
    emit messageShown(text);
}

void MainWindow::updateWindowTitle()
{
    if (!m_study) {
        setWindowTitle(tr("Concord"));
        return;
    }
    QString title = m_study->info().title;
    if (title.isEmpty())
        title = QFileInfo(m_study->path()).completeBaseName();
    // The study's title and the physician's name are shown as stored: controls visible, and a "[*]" in them kept
    // (Qt takes "[*]" in a window title as the place of the modified mark; "[*][*]" shows it).
    const auto shown = [](const QString &text) {
        return visibleControls(text).replace(QStringLiteral("[*]"), QStringLiteral("[*][*]"));
    };
    if (m_session)
        setWindowTitle(tr("%1 — annotating as %2 — Concord").arg(shown(title), shown(m_session->annotator().name)));
    else
        setWindowTitle(tr("%1 — study lead — Concord").arg(shown(title)));
}

void MainWindow::closeStudy()
{
    m_annotation->saveOpenEdits();
    m_annotation->setSession(nullptr);
    m_session.reset();
    m_overview->clear();
    m_dashboard->setStudy(nullptr);
    m_adjudication->setStudy(nullptr);
    m_study.reset();
    m_pages->setCurrentWidget(m_welcome);
    m_closeAction->setEnabled(false);
    updateModeActions();
    updateWindowTitle();
    statusBar()->clearMessage();
}

void MainWindow::newStudy()
{
    const QString path = m_prompts.newPath();
    if (path.isEmpty())
        return;
    const QString target = isStudyPath(path) ? path : path + kSuffix;
    const std::optional<QString> title = m_prompts.newTitle(QFileInfo(target).completeBaseName());
    if (!title)
        return;
    auto created = Study::create(target, {.title = *title, .rubric = defaultRubric()});
    if (!created.ok()) {
        m_reportError(created.errorMessage());
        return;
    }
    created.value().reset(); // closed here and opened again below, through the one path that shows a study
    openStudy(target);
}

void MainWindow::openStudyDialog()
{
    const QString path = m_prompts.openPath();
    if (!path.isEmpty())
        openStudy(path);
}

void MainWindow::openDemoStudy()
{
    openDemo();
}

bool MainWindow::openDemo()
{
    if (!m_demoProvider) {
        m_reportError(tr("No demo study is available in this build."));
        return false;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const QString path = m_demoProvider();
    QApplication::restoreOverrideCursor();
    if (path.isEmpty()) {
        m_reportError(tr("The demo study could not be created."));
        return false;
    }
    return openStudy(path);
}

bool MainWindow::showTourViewOnDemo(Tour tour)
{
    if (!openDemo())
        return false;
    if (tour == Tour::Dashboard) {
        if (annotating() && !showStudyLeadMode())
            return false;
        showDashboard();
        return currentPage() == m_dashboard;
    }
    if (annotating())
        return true;
    auto annotators = AnnotatorStore(*m_study).annotators();
    if (!annotators.ok()) {
        m_reportError(annotators.errorMessage());
        return false;
    }
    for (const Annotator &annotator : annotators.value()) {
        if (!annotator.retired)
            return startAnnotating(annotator.name);
    }
    m_reportError(tr("The demo study has no physician to annotate as."));
    return false;
}

bool MainWindow::startTour(Tour tour)
{
    QWidget *view = tour == Tour::Annotation ? static_cast<QWidget *>(m_annotation) : m_dashboard;
    if (currentPage() != view && !showTourViewOnDemo(tour))
        return false;
    if (m_tour)
        m_tour->close();
    if (tour == Tour::Annotation)
        m_tour = new GuidedTour(m_pages, annotationTour(*m_annotation), tr("Tour of the annotation view"));
    else
        m_tour = new GuidedTour(m_pages, dashboardTour(*m_dashboard), tr("Tour of the dashboard"));
    return true;
}

GuidedTour *MainWindow::guidedTour() const
{
    return m_tour;
}

void MainWindow::startTourOfCurrentView()
{
    if (currentPage() == m_annotation)
        startTour(Tour::Annotation);
    else if (currentPage() == m_dashboard)
        startTour(Tour::Dashboard);
}

void MainWindow::showFileFormats()
{
    auto *dialog = new FormatsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show(); // beside the window, to read while preparing a file
}

void MainWindow::refreshRecentStudies()
{
    const QStringList recent = Settings::recentStudies();
    m_welcome->setRecentStudies(recent);
    m_recentMenu->clear();
    for (const auto &path : recent) {
        // "&" in a file name is shown, not taken as a mnemonic.
        QString text = visibleControls(QDir::toNativeSeparators(path));
        text.replace(QLatin1Char('&'), QStringLiteral("&&"));
        m_recentMenu->addAction(text, this, [this, path] { openStudy(path); });
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear List"), this, [this] {
            Settings::clearRecentStudies();
            refreshRecentStudies();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showError(const QString &message)
{
    // Plain text: messages quote file names and file contents, which are never interpreted as markup.
    QMessageBox box(QMessageBox::Warning, tr("Concord"), visibleControls(message), QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        applyPreferences();
}

void MainWindow::applyPreferences()
{
    applyTheme(Settings::value(Settings::Theme).toString());
    m_annotation->applyPreferences();
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedStudy(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = droppedStudy(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openStudy(path);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_annotation->saveOpenEdits(); // a comment being typed is saved, not lost
    Settings::setValue(Settings::MainWindowGeometry, saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace concord
