#include "model/package/packageintake.h"

#include "model/package/annotatorpackage.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/sqlutil.h"
#include "model/studyfile/study.h"

#include <QFileInfo>

namespace concord {

Status copyPackageThroughSqlite(const QString &source, const QString &target)
{
    // A busy writer (the physician's app still saving) is waited for; the copy is one consistent snapshot.
    constexpr int kBusyTimeoutMs = 30000;
    if (Status copied = copyDatabaseFile(source, target, kBusyTimeoutMs); !copied.ok())
        return Error{QStringLiteral("cannot read it: %1").arg(copied.error().message), copied.error().code};
    return {};
}

Result<PackageTimes> packageTimes(const Study &package)
{
    PackageTimes times;
    times.createdAt = package.meta(QString(kPackageCreatedAtMeta));
    auto last = latestRatingEventAt(package);
    if (!last.ok())
        return last.error();
    times.lastEventAt = last.value();
    return times;
}

bool hasWriteAheadLogBeside(const QString &path)
{
    return QFileInfo::exists(path + QStringLiteral("-wal"));
}

Result<QStringList> packageWarnings(const Study &study, const QString &annotatorUuid, const PackageTimes &times,
                                    bool walBeside)
{
    QStringList warnings;
    if (walBeside)
        warnings << QStringLiteral("a write-ahead log (-wal) lies beside it: it was copied while Concord had it open, "
                                   "so its latest ratings may be missing; ask for a copy made after closing Concord");
    // The latest earlier merge of this physician's package, as the audit log recorded it.
    auto previous = latestAuditedMerge(study, annotatorUuid);
    if (!previous.ok())
        return previous.error();
    if (previous.value()) {
        const QString mergedAt = previous.value()->at;
        const QString previousCreated = previous.value()->packageCreatedAt;
        const QString previousLastEvent = previous.value()->packageLastEventAt;
        // ISO 8601 UTC timestamps of one format compare as text.
        if (!times.createdAt.isEmpty() && !previousCreated.isEmpty() && times.createdAt < previousCreated)
            warnings << QStringLiteral("it is older than the package of this physician merged at %1 (made %2; that "
                                       "one was made %3)")
                            .arg(mergedAt, times.createdAt, previousCreated);
        else if (!previousLastEvent.isEmpty() && times.lastEventAt < previousLastEvent)
            warnings << QStringLiteral("it is older than the package of this physician merged at %1 (its latest "
                                       "rating is from %2; that one had ratings up to %3)")
                            .arg(mergedAt, times.lastEventAt.isEmpty() ? QStringLiteral("none") : times.lastEventAt,
                                 previousLastEvent);
    }
    return warnings;
}

QString noNewEventsWarning()
{
    return QStringLiteral("it holds no new rating events");
}

} // namespace concord
