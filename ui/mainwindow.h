#pragma once

#include <QMainWindow>
#include <QPointer>
#include <functional>
#include <memory>
#include <optional>

class QMenu;
class QStackedWidget;

namespace concord {

class AdjudicationPage;
class AnnotationPage;
class DashboardPage;
class GuidedTour;
class AnnotationSession;
class ReportExportJob;
class Study;
class StudyLeadMenu;
class StudyOverviewPage;
class WelcomePage;

// Composes the pages and wires the actions; the work is done by the pages and the model layer.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    // Seams for tests: the questions the window asks. The defaults are file dialogs and an input dialog; an empty
    // path or std::nullopt means the user cancelled.
    struct Prompts
    {
        std::function<QString()> openPath{};
        std::function<QString()> newPath{};
        std::function<std::optional<QString>(const QString &suggestedTitle)> newTitle{};
        // Who is annotating: the names already in the study are offered; a new name adds an annotator.
        std::function<std::optional<QString>(const QStringList &existing, const QString &suggested)> annotatorName{};
        std::function<QString(const QString &suggested)> reportPath{}; // where to export the report
    };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the study: an annotator package, or a study last annotated on this computer, in annotator mode under
    // that name; any other study in study-lead mode (its overview). On failure reports the error and keeps what was
    // shown before.
    bool openStudy(const QString &path);
    // Annotator mode: the annotation workspace for `name` (blinded). False, with the error reported, on failure.
    bool startAnnotating(const QString &name);
    // Study-lead mode: the study's overview. Refused for an annotator package.
    bool showStudyLeadMode();
    bool annotating() const { return m_session != nullptr; }
    void closeStudy();
    bool hasStudy() const { return m_study != nullptr; }
    const Study *study() const { return m_study.get(); }

    // app/ provides the demo study (created on first use), so ui/ does not know where it lives. The provider
    // returns the path of the demo study, or an empty string when it could not be created.
    void setDemoStudyProvider(std::function<QString()> provider) { m_demoProvider = std::move(provider); }
    // Seam for tests: how errors reach the user (a plain-text message box by default).
    void setErrorReporter(std::function<void(const QString &)> reporter) { m_reportError = std::move(reporter); }
    void setPrompts(Prompts prompts);

    StudyOverviewPage *overviewPage() const { return m_overview; }
    AnnotationPage *annotationPage() const { return m_annotation; }
    DashboardPage *dashboardPage() const { return m_dashboard; }
    AdjudicationPage *adjudicationPage() const { return m_adjudication; }
    WelcomePage *welcomePage() const { return m_welcome; }
    StudyLeadMenu *studyLeadMenu() const { return m_studyLead; }
    // Tests read messages from messageShown() instead of message boxes.
    void setShowMessageBoxes(bool show) { m_showMessageBoxes = show; }
    QWidget *currentPage() const;
    // The tour shown, if any.
    GuidedTour *guidedTour() const;

    enum class Tour
    {
        Annotation,
        Dashboard
    };

public slots:
    void newStudy();
    void openStudyDialog();
    void openDemoStudy();
    void annotateDialog();
    // Study-lead mode: the live agreement dashboard.
    void showDashboard();
    // Study-lead mode: the queue of disagreements for the study lead's decision.
    void showAdjudication();
    // Study-lead mode: the report in the format the chosen file's suffix names (.html, .pdf, .json, .csv), written in
    // the background with progress and Cancel; reportExportFinished() follows.
    void exportReport();
    // Applies what the Preferences dialog stored: theme, text size, idle pause, report bootstrap.
    void applyPreferences();
    // A guided tour of the annotation view or the dashboard: on the view shown, or else on the demo study (the
    // welcome page's first-run tours). False, with the error reported, when the view cannot be shown.
    bool startTour(Tour tour);
    // Help → Guided Tour: the tour of the view shown (annotation or dashboard).
    void startTourOfCurrentView();
    void showFileFormats();
    void showAbout();
    // Another window of the app, e.g. to annotate in one and watch the dashboard in the other.
    void newWindow();

signals:
    void reportExportFinished(const QString &path, bool written);
    void messageShown(const QString &text);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void refreshRecentStudies();
    void showPreferences();
    // Opens the demo study (created on first use); false, with the error reported, when it cannot be.
    bool openDemo();
    // Shows `tour`'s view on the demo study, as the first physician or in study-lead mode.
    bool showTourViewOnDemo(Tour tour);
    void showError(const QString &message);
    void updateModeActions();
    void updateWindowTitle();
    void reloadStudyLeadViews();
    void showMessage(const QString &text);
    // The name an annotator package is bound to, or an empty string for a study.
    QString packageAnnotator() const;

    std::unique_ptr<Study> m_study;
    std::unique_ptr<AnnotationSession> m_session; // destroyed before the study it works on
    QStackedWidget *m_pages = nullptr;
    WelcomePage *m_welcome = nullptr;
    StudyOverviewPage *m_overview = nullptr;
    AnnotationPage *m_annotation = nullptr;
    DashboardPage *m_dashboard = nullptr;
    AdjudicationPage *m_adjudication = nullptr;
    QAction *m_dashboardAction = nullptr;
    QAction *m_reportAction = nullptr;
    QMenu *m_annotateMenu = nullptr;
    QAction *m_annotateAction = nullptr;
    QAction *m_studyLeadAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_tourAction = nullptr;
    QPointer<GuidedTour> m_tour;
    std::function<QString()> m_demoProvider;
    std::function<void(const QString &)> m_reportError;
    Prompts m_prompts;
    QPointer<ReportExportJob> m_exportJob; // the export running, if any
    StudyLeadMenu *m_studyLead = nullptr;
    bool m_showMessageBoxes = true;
};

} // namespace concord
