#pragma once

#include <QWidget>

class QListWidget;

namespace concord {

// Shown when no study is open: the demo study, a new study, an existing one, or a recent one.
class WelcomePage final : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);
    void setRecentStudies(const QStringList &paths);

signals:
    void openDemoRequested();
    void newStudyRequested();
    void openStudyRequested();
    void openRecentRequested(const QString &path);

private:
    QListWidget *m_recent = nullptr;
};

} // namespace concord
