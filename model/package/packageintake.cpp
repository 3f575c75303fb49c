#include "model/package/packageintake.h"

#include "model/package/annotatorpackage.h"
#include "model/studyfile/study.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace concord {

Status copyPackageThroughSqlite(const QString &source, const QString &target)
{
    const QString name = QStringLiteral("concord-package-read-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Status status;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(source);
        if (!QFileInfo(source).isWritable())
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            status = Error{QStringLiteral("cannot read it: %1").arg(db.lastError().text()), ErrorCode::Io};
        } else {
            QSqlQuery query(db);
            // A busy writer (the physician's app still saving) is waited for; the copy is one consistent snapshot.
            if (!query.exec(QStringLiteral("PRAGMA busy_timeout = 30000")) ||
                !query.prepare(QStringLiteral("VACUUM INTO ?"))) {
                status = Error{QStringLiteral("cannot read it: %1").arg(query.lastError().text()),
                               errorCodeOf(query.lastError())};
            } else {
                query.addBindValue(target);
                if (!query.exec())
                    status = Error{QStringLiteral("cannot read it: %1").arg(query.lastError().text()),
                                   errorCodeOf(query.lastError())};
            }
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return status;
}

Result<PackageTimes> packageTimes(const Study &package)
{
    PackageTimes times;
    times.createdAt = package.meta(QString(kPackageCreatedAtMeta));
    auto last = package.exec(QStringLiteral("SELECT max(created_at) FROM rating_event"));
    if (!last.ok())
        return last.error();
    if (last->next())
        times.lastEventAt = last->value(0).toString();
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
    auto previous =
        study.exec(QStringLiteral("SELECT at, json_extract(details_json, '$.package_created_at'),"
                                  " json_extract(details_json, '$.package_last_event_at') FROM audit_log"
                                  " WHERE action = 'merge' AND json_extract(details_json, '$.annotator_uuid') = ?"
                                  " ORDER BY id DESC LIMIT 1"),
                   {annotatorUuid});
    if (!previous.ok())
        return previous.error();
    if (previous->next()) {
        const QString mergedAt = previous->value(0).toString();
        const QString previousCreated = previous->value(1).toString();
        const QString previousLastEvent = previous->value(2).toString();
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
