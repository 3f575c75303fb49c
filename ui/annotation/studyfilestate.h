#pragma once

#include <QLabel>
#include <QPointer>

namespace concord {

class AnnotationSession;

// Says where the physician's work is: waiting for another program to finish writing to the study (the ratings are
// kept and saved as soon as it is done), being saved into the study file, or all in the study file, so that a copy
// of the file alone holds it (safe to copy or send). Plain text.
class StudyFileState final : public QLabel
{
    Q_OBJECT
public:
    explicit StudyFileState(QWidget *parent = nullptr);
    void setSession(AnnotationSession *session);

    static QString waitingText();
    static QString savingText();
    static QString safeToCopyText();

private:
    void refresh();

    QPointer<AnnotationSession> m_session;
};

} // namespace concord
