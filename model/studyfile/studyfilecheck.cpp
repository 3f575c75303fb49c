#include "model/studyfile/studyfilecheck.h"

#include "model/studyfile/schema.h"
#include "model/studyfile/study.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <atomic>
#include <functional>
#include <optional>

namespace concord {

namespace {

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("concord-file-check-%1").arg(++counter);
}

// Runs body on a connection of its own to databaseName, removed afterwards.
template <typename Body> auto withConnection(const QString &databaseName, const QString &options, Body &&body)
{
    const QString name = nextConnectionName();
    std::optional<std::invoke_result_t<Body, QSqlDatabase &>> result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databaseName);
        db.setConnectOptions(options);
        result.emplace(body(db));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return std::move(*result);
}

QStringList tableNames(QSqlDatabase &db)
{
    QStringList names;
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                  " ORDER BY name"))) {
        while (query.next())
            names << query.value(0).toString();
    }
    return names;
}

} // namespace

QStringList tablesOfSchemaVersion(int version)
{
    // The migrations run into an empty in-memory database: the one definition of what each version holds.
    return withConnection(QStringLiteral(":memory:"), QString(), [&](QSqlDatabase &db) {
        if (!db.open())
            return QStringList{};
        QSqlQuery query(db);
        for (const auto &migration : schemaMigrations()) {
            if (migration.toVersion > version)
                break;
            for (const auto &statement : migration.statements)
                query.exec(statement);
        }
        return tableNames(db);
    });
}

Result<StudyFileCheck> checkStudyFile(const QString &path)
{
    if (!QFileInfo::exists(path))
        return Error{QStringLiteral("%1: no such file").arg(path), ErrorCode::Io};
    // Read-write with query_only where the file allows it, so that no -wal or -shm is left beside it.
    const bool readWrite = canOpenReadWrite(path);
    return withConnection(
        path, readWrite ? QString() : QStringLiteral("QSQLITE_OPEN_READONLY"),
        [&](QSqlDatabase &db) -> Result<StudyFileCheck> {
            if (!db.open())
                return Error{QStringLiteral("%1: cannot open: %2").arg(path, db.lastError().text()), ErrorCode::Io};
            QSqlQuery query(db);
            query.setForwardOnly(true);
            if (readWrite && !query.exec(QStringLiteral("PRAGMA query_only = 1")))
                return Error{QStringLiteral("%1: cannot open: %2").arg(path, query.lastError().text()), ErrorCode::Io};
            auto pragma = [&](const QString &name) -> Result<int> {
                if (!query.exec(QStringLiteral("PRAGMA %1").arg(name)) || !query.next())
                    return Error{QStringLiteral("%1: not a Concord study (cannot read %2: %3)")
                                     .arg(path, name, query.lastError().text()),
                                 ErrorCode::NotAStudy};
                const int value = query.value(0).toInt();
                query.finish();
                return value;
            };
            auto applicationId = pragma(QStringLiteral("application_id"));
            if (!applicationId.ok())
                return applicationId.error();
            if (applicationId.value() == 0 && tableNames(db).isEmpty())
                return Error{QStringLiteral("%1: not a Concord study (an empty file or database)").arg(path),
                             ErrorCode::NotAStudy};
            if (applicationId.value() != kApplicationId)
                return Error{
                    QStringLiteral("%1: not a Concord study (an SQLite database of another application)").arg(path),
                    ErrorCode::NotAStudy};
            auto version = pragma(QStringLiteral("user_version"));
            if (!version.ok())
                return version.error();
            if (version.value() > currentSchemaVersion())
                return Error{QStringLiteral("%1: schema version %2 is newer than this version of Concord reads (%3)")
                                 .arg(path)
                                 .arg(version.value())
                                 .arg(currentSchemaVersion()),
                             ErrorCode::NewerVersion};

            StudyFileCheck check;
            check.schemaVersion = version.value();
            if (check.schemaVersion < 1) {
                check.problems << QStringLiteral(
                                      "schema version %1: the file has no study in it (left by an interrupted "
                                      "creation?); it cannot be opened or upgraded")
                                      .arg(check.schemaVersion);
                return check;
            }
            if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
                return Error{QStringLiteral("%1: cannot check integrity: %2").arg(path, query.lastError().text()),
                             errorCodeOf(query.lastError())};
            while (query.next()) {
                if (const QString line = query.value(0).toString(); line != QStringLiteral("ok"))
                    check.problems << QStringLiteral("integrity: %1").arg(line);
            }
            const QStringList present = tableNames(db);
            for (const QString &table : tablesOfSchemaVersion(check.schemaVersion)) {
                if (!present.contains(table))
                    check.problems << QStringLiteral("table '%1' of schema version %2 is missing")
                                          .arg(table)
                                          .arg(check.schemaVersion);
            }
            if (!query.exec(QStringLiteral("PRAGMA foreign_key_check")))
                return Error{QStringLiteral("%1: cannot check foreign keys: %2").arg(path, query.lastError().text()),
                             errorCodeOf(query.lastError())};
            // The pragma's columns: table, rowid, parent, fkid.
            while (query.next())
                check.problems << QStringLiteral("foreign key: row %1 of table %2 refers to a missing row of %3")
                                      .arg(query.value(QStringLiteral("rowid")).toString(),
                                           query.value(QStringLiteral("table")).toString(),
                                           query.value(QStringLiteral("parent")).toString());
            return check;
        });
}

} // namespace concord
