#include "model/studyfile/writelock.h"

#include "model/studyfile/sqlutil.h"
#include "model/studyfile/study.h"

namespace concord {

Result<bool> anotherProgramIsWriting(Study &study)
{
    int usualMs = 5000;
    if (auto current = study.exec(QStringLiteral("PRAGMA busy_timeout")); current.ok() && current->next())
        usualMs = current->value(0).toInt();
    if (auto set = study.exec(QStringLiteral("PRAGMA busy_timeout = 0")); !set.ok())
        return set.error();
    auto begin = study.exec(QStringLiteral("BEGIN IMMEDIATE"));
    const bool locked = !begin.ok() && isLockedByAnotherWriter(begin.error());
    if (begin.ok())
        static_cast<void>(study.exec(QStringLiteral("ROLLBACK")));
    if (auto set = study.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(usualMs)); !set.ok())
        return set.error();
    if (!begin.ok() && !locked)
        return begin.error();
    return locked;
}

Status waitForOtherWriters(Study &study, int timeoutSeconds, const std::function<void()> &onWait)
{
    auto writing = anotherProgramIsWriting(study);
    if (!writing.ok())
        return writing.error();
    if (auto set = study.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(timeoutSeconds * 1000)); !set.ok())
        return set.error();
    if (!writing.value())
        return {};
    if (onWait)
        onWait();
    auto begin = study.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!begin.ok()) {
        if (isLockedByAnotherWriter(begin.error()))
            return Error{QStringLiteral("%1: another program is still writing to it after %2 s; try again later")
                             .arg(study.path())
                             .arg(timeoutSeconds)};
        return begin.error();
    }
    if (auto rollback = study.exec(QStringLiteral("ROLLBACK")); !rollback.ok())
        return rollback.error();
    return {};
}

Result<bool> writeThroughToStudyFile(Study &study)
{
    // The checkpoint's row: busy, log (frames in the log), checkpointed (frames copied into the file).
    auto checkpoint = study.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
    if (!checkpoint.ok())
        return checkpoint.error();
    if (!checkpoint->next())
        return false;
    return checkpoint->value(QStringLiteral("busy")).toInt() == 0 &&
           checkpoint->value(QStringLiteral("log")).toInt() ==
               checkpoint->value(QStringLiteral("checkpointed")).toInt();
}

Result<int> lockWaitMs(Study &study)
{
    auto current = study.exec(QStringLiteral("PRAGMA busy_timeout"));
    if (!current.ok())
        return current.error();
    if (!current->next())
        return Error{QStringLiteral("%1: SQLite did not report its busy timeout").arg(study.path()),
                     ErrorCode::Database};
    return current->value(0).toInt();
}

Status setLockWaitMs(Study &study, int milliseconds)
{
    auto set = study.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(milliseconds));
    if (!set.ok())
        return set.error();
    return {};
}

Status setAutomaticCheckpoints(Study &study, bool on)
{
    auto set = study.exec(on ? QStringLiteral("PRAGMA wal_autocheckpoint = 1000")
                             : QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
    if (!set.ok())
        return set.error();
    return {};
}

} // namespace concord
