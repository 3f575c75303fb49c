#include "model/writelock.h"

#include "model/sqlutil.h"
#include "model/study.h"

namespace concord {

Status waitForOtherWriters(Study &study, int timeoutSeconds, const std::function<void()> &onWait)
{
    auto setTimeout = [&](int milliseconds) {
        return study.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(milliseconds));
    };
    if (auto set = setTimeout(0); !set.ok())
        return set.error();
    auto begin = study.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!begin.ok()) {
        if (!isLockedByAnotherWriter(begin.error())) {
            static_cast<void>(setTimeout(5000));
            return begin.error();
        }
        if (onWait)
            onWait();
        if (auto set = setTimeout(timeoutSeconds * 1000); !set.ok())
            return set.error();
        begin = study.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!begin.ok()) {
            if (isLockedByAnotherWriter(begin.error()))
                return Error{QStringLiteral("%1: another program is still writing to it after %2 s; try again later")
                                 .arg(study.path())
                                 .arg(timeoutSeconds)};
            return begin.error();
        }
    } else if (auto set = setTimeout(timeoutSeconds * 1000); !set.ok()) {
        static_cast<void>(study.exec(QStringLiteral("ROLLBACK")));
        return set.error();
    }
    if (auto rollback = study.exec(QStringLiteral("ROLLBACK")); !rollback.ok())
        return rollback.error();
    return {};
}

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

Status writeThroughToStudyFile(Study &study)
{
    if (auto checkpoint = study.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")); !checkpoint.ok())
        return checkpoint.error();
    return {};
}

} // namespace concord
