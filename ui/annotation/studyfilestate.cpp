#include "ui/annotation/studyfilestate.h"

#include "model/annotation/annotationsession.h"

namespace concord {

StudyFileState::StudyFileState(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setObjectName(QStringLiteral("studyFileState"));
    setAccessibleName(tr("Study file"));
}

QString StudyFileState::waitingText()
{
    return tr("Waiting for another program to finish writing… (your ratings are kept and will be saved)");
}

QString StudyFileState::savingText()
{
    return tr("Saving…");
}

QString StudyFileState::safeToCopyText()
{
    return tr("All ratings are in the study file — safe to copy");
}

void StudyFileState::setSession(AnnotationSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        connect(session, &AnnotationSession::waitingForWriterChanged, this, &StudyFileState::refresh);
        connect(session, &AnnotationSession::allInStudyFileChanged, this, &StudyFileState::refresh);
    }
    refresh();
}

void StudyFileState::refresh()
{
    if (!m_session) {
        clear();
        return;
    }
    if (m_session->waitingForWriter())
        setText(waitingText());
    else if (!m_session->allInStudyFile())
        setText(savingText());
    else
        setText(safeToCopyText());
}

} // namespace concord
