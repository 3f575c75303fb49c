// AnnotationSession: ratings made while another program writes to the study, and checkpoints of the write-ahead log
// so that the study file itself holds every saved change within a second.
#include "model/annotation/annotationsession.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/sqlutil.h"
#include "model/studyfile/study.h"
#include "model/studyfile/writelock.h"

namespace concord {

void AnnotationSession::setAllInStudyFile(bool all)
{
    if (m_allInStudyFile == all)
        return;
    m_allInStudyFile = all;
    emit allInStudyFileChanged(all);
}

void AnnotationSession::scheduleCheckpoint()
{
    setAllInStudyFile(false);
    if (m_checkpointAtOnce) {
        checkpoint();
        return;
    }
    // Not restarted by each save: while the physician rates continuously, one checkpoint a second still happens.
    if (!m_checkpointTimer.isActive())
        m_checkpointTimer.start();
}

void AnnotationSession::checkpoint()
{
    // Passive: never waits for readers or writers and never blocks a rating. It reports the frames in the log and
    // those copied into the file; a reader of an older snapshot (the dashboard's worker) can hold some back, so it is
    // tried again shortly.
    auto written = writeThroughToStudyFile(m_study);
    if (written.ok() && written.value() && m_pending.isEmpty()) {
        setAllInStudyFile(true);
        return;
    }
    setAllInStudyFile(false);
    if (!m_checkpointTimer.isActive())
        m_checkpointTimer.start();
}

Status AnnotationSession::commitRating(RatingEvent &event)
{
    int studyWaitMs = 5000;
    if (auto current = lockWaitMs(m_study); current.ok())
        studyWaitMs = current.value();
    static_cast<void>(setLockWaitMs(m_study, m_ratingLockWaitMs));
    auto committed = RatingStore(m_study).commit(event, m_annotator.name);
    static_cast<void>(setLockWaitMs(m_study, studyWaitMs));
    if (!committed.ok())
        return committed.error();
    return {};
}

Result<bool> AnnotationSession::commitOrWait(const RatingKey &key, RatingEvent &event)
{
    const Axis *axis = m_study.rubric().axisById(event.axisId);
    if (!axis)
        return Error{QStringLiteral("rating refers to an axis that is not in the study's current rubric")};
    if (auto valid = validateRatingEvent(*axis, event); !valid.ok())
        return valid.error();
    if (m_pending.isEmpty()) { // otherwise it waits its turn, so that the latest rating stays the latest event
        auto committed = commitRating(event);
        if (committed.ok())
            return true;
        if (!isLockedByAnotherWriter(committed.error()))
            return committed.error();
    }
    m_pending.push_back(WaitingRating{key, event});
    setAllInStudyFile(false);
    if (m_pending.size() == 1)
        emit waitingForWriterChanged(true);
    if (!m_retryTimer.isActive())
        m_retryTimer.start();
    return false;
}

void AnnotationSession::retryWaiting()
{
    bool reload = false;
    while (!m_pending.isEmpty()) {
        WaitingRating &next = m_pending.front();
        auto committed = commitRating(next.event);
        if (!committed.ok() && isLockedByAnotherWriter(committed.error())) {
            m_retryTimer.start();
            return;
        }
        const RatingKey key = next.key;
        m_pending.removeFirst();
        if (!committed.ok()) {
            // Refused for another reason (the file went bad): the user is told, and the screen shows the file.
            reload = reload || key.comparisonId == currentComparisonId();
            emit saveFailed(committed.errorMessage());
            continue;
        }
        emit saved(QStringLiteral("rating"));
    }
    emit waitingForWriterChanged(false);
    if (reload && m_current >= 0 && loadCurrent().ok()) {
        for (const RatingKey &key : requiredKeys())
            emit ratingChanged(key);
        refreshCurrentEntry(0);
    }
}

void AnnotationSession::flushWaiting()
{
    if (m_pending.isEmpty())
        return;
    // The window is closing: wait for the other program (up to a minute per rating) rather than lose a rating.
    m_ratingLockWaitMs = 60000;
    m_retryTimer.stop();
    retryWaiting();
    m_retryTimer.stop();
    if (!m_pending.isEmpty())
        qWarning("%s: %lld rating(s) could not be saved: another program kept the study locked",
                 qPrintable(m_study.path()), static_cast<long long>(m_pending.size()));
}

} // namespace concord
