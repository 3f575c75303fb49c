#pragma once

#include <QMainWindow>

#include <functional>
#include <memory>

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
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    bool openStudy(const QString &path);
    void closeStudy();
    bool hasStudy() const { return m_study != nullptr; }

    // app/ provides the demo study (created on first use), so ui/ does not know where it lives.
    void setDemoStudyProvider(std::function<QString()> provider) { m_demoProvider = std::move(provider); }
    // Seam for tests: how errors reach the user (a message box by default).
    void setErrorReporter(std::function<void(const QString &)> reporter) { m_reportError = std::move(reporter); }

    StudyOverviewPage *overviewPage() const { return m_overview; }
    WelcomePage *welcomePage() const { return m_welcome; }

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void newStudy();
    void openStudyDialog();
    void openDemoStudy();
    void refreshRecentStudies();
    void showAbout();

    std::unique_ptr<Study> m_study;
    QStackedWidget *m_pages = nullptr;
    WelcomePage *m_welcome = nullptr;
    StudyOverviewPage *m_overview = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_findAction = nullptr;
    std::function<QString()> m_demoProvider;
    std::function<void(const QString &)> m_reportError;
};

} // namespace concord
