#pragma once

#include <QWidget>

class QLabel;
class QListWidget;

namespace concord {

// Shown when no study is open: the demo study, a new study, an existing one, or a recent one; for a first-time
// user, the guided tours and the file formats.
class WelcomePage final : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);
    // Absolute paths, most recent first.
    void setRecentStudies(const QStringList &paths);
    QListWidget *recentList() const { return m_recent; }

signals:
    void openDemoRequested();
    void newStudyRequested();
    void openStudyRequested();
    // A package opens like a study; the file says it is a package and the window opens it in annotator mode.
    void openPackageRequested();
    void openRecentRequested(const QString &path);
    // First run: the guided tours (on the demo study) and the description of the file formats.
    void annotationTourRequested();
    void dashboardTourRequested();
    void fileFormatsRequested();

private:
    QListWidget *m_recent = nullptr;
    QLabel *m_noRecent = nullptr;
};

} // namespace concord
