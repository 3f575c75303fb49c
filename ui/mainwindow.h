#pragma once

#include <QMainWindow>
#include <functional>
#include <memory>
#include <optional>

class QMenu;
class QStackedWidget;

namespace concord {

class Study;
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
        std::function<QString()> openPath;
        std::function<QString()> newPath;
        std::function<std::optional<QString>(const QString &suggestedTitle)> newTitle;
    };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the study and shows its overview; on failure reports the error and keeps what was shown before.
    bool openStudy(const QString &path);
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
    WelcomePage *welcomePage() const { return m_welcome; }
    QWidget *currentPage() const;

public slots:
    void newStudy();
    void openStudyDialog();
    void openDemoStudy();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void refreshRecentStudies();
    void showAbout();
    void showError(const QString &message);

    std::unique_ptr<Study> m_study;
    QStackedWidget *m_pages = nullptr;
    WelcomePage *m_welcome = nullptr;
    StudyOverviewPage *m_overview = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_findAction = nullptr;
    std::function<QString()> m_demoProvider;
    std::function<void(const QString &)> m_reportError;
    Prompts m_prompts;
};

} // namespace concord
