#pragma once

#include <QObject>
#include <QStringList>
#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace concord {

class Study;

// The study lead's actions on a multi-physician study, in one menu: physicians, the assignment design, annotator
// packages, merging them back, adjudication, the analysis lock and unblinding. The main window only places the menu
// and tells it the study; each action is done by the model layer and reported back in words.
class StudyLeadMenu final : public QObject
{
    Q_OBJECT
public:
    // Seams for tests: the questions asked; an empty answer cancels.
    struct Prompts
    {
        std::function<QString()> packageFolder{};       // where the packages go
        std::function<QStringList()> packagesToMerge{}; // the package files to merge
        std::function<bool(const QString &question)> confirm{};
        // Waits while another program writes to the study (ui/studylead/writerwait.h); false: do not go on.
        std::function<bool(const std::function<bool()> &stillWriting)> waitForOtherWriters{};
    };

    explicit StudyLeadMenu(QWidget *window);

    QMenu *menu() const { return m_menu; }
    void setStudy(Study *study); // nullptr, or a study in study-lead mode
    void setPrompts(Prompts prompts);

    // The actions (also for tests). Each returns false, with the reason reported, when it did not happen.
    void showRoster();
    void showAssign();
    bool createPackages();
    bool mergePackages();
    bool lockAnalysis();
    bool unblind();

signals:
    void studyChanged();          // the study's content changed: views should reload
    void adjudicationRequested(); // show the adjudication page
    void message(const QString &text);
    void error(const QString &text);

private:
    void updateActions();
    // Waits while another program writes to the study; false (reported) when it is still writing or the study lead
    // stopped waiting. `what` names the action in that report.
    bool waitForWriteAccess(const QString &what);

    QWidget *m_window = nullptr;
    Study *m_study = nullptr;
    Prompts m_prompts;
    QMenu *m_menu = nullptr;
    QList<QAction *> m_studyActions;
    QAction *m_lock = nullptr;
    QAction *m_unblind = nullptr;
};

} // namespace concord
