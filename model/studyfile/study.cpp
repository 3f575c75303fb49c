#include "model/studyfile/study.h"

#include "model/store/rubricstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/newstudyfile.h"
#include "model/studyfile/schema.h"
#include "model/studyfile/sqlutil.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSqlError>
#include <QUuid>
#include <atomic>
#include <optional>

namespace concord {

namespace {

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("concord-study-%1").arg(++counter);
}

struct HeaderFields
{
    int applicationId = 0;
    int userVersion = 0;
};

// Reads the identifying pragmas through SQLite, never with plain file calls: this process may have the study open
// on another connection, and a plain open() and close() of the file would drop every POSIX lock SQLite holds on it
// (another process would then take itself for the last user and delete the write-ahead log). The connection is
// read-write when the file allows it (query_only), so that closing it removes the -wal and -shm it created, as a
// read-only connection would leave them behind; a pending write-ahead log is seen either way.

Result<HeaderFields> readHeaderFields(const QString &path)
{
    const QFileInfo file(path);
    if (!file.exists())
        return Error{QStringLiteral("%1: no such file").arg(path), ErrorCode::Io};
    if (!file.isFile())
        return Error{QStringLiteral("%1: not a Concord study (not a file)").arg(path), ErrorCode::NotAStudy};
    if (file.size() == 0)
        return Error{QStringLiteral("%1: not a Concord study (the file is empty)").arg(path), ErrorCode::NotAStudy};
    const QString name = nextConnectionName();
    Result<HeaderFields> result = HeaderFields{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!canOpenReadWrite(path))
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            result = Error{QStringLiteral("%1: cannot open: %2").arg(path, db.lastError().text()), ErrorCode::Io};
        } else {
            QSqlQuery query(db);
            auto scalar = [&](const QString &pragma) -> std::optional<int> {
                if (!query.exec(pragma) || !query.next())
                    return std::nullopt;
                const int value = query.value(0).toInt();
                query.finish();
                return value;
            };
            const auto queryOnly = scalar(QStringLiteral("PRAGMA query_only = 1"));
            static_cast<void>(queryOnly); // returns no row; a failure shows in the next statement
            const auto applicationId = scalar(QStringLiteral("PRAGMA application_id"));
            const auto userVersion = applicationId ? scalar(QStringLiteral("PRAGMA user_version")) : std::nullopt;
            if (!applicationId || !userVersion) {
                const QSqlError error = query.lastError();
                if (errorCodeOf(error) == ErrorCode::NotAStudy)
                    result = Error{QStringLiteral("%1: not a Concord study (not an SQLite database)").arg(path),
                                   ErrorCode::NotAStudy};
                else
                    result = Error{QStringLiteral("%1: not a Concord study (%2)").arg(path, error.text()),
                                   ErrorCode::NotAStudy};
            } else {
                result = HeaderFields{*applicationId, *userVersion};
            }
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

QString sqlError(const QSqlQuery &query)
{
    const QString text = query.lastError().text();
    return text.isEmpty() ? QStringLiteral("unknown database error") : text;
}

ErrorCode errorCodeOf(const QSqlError &error)
{
    // Qt's SQLite driver reports SQLite's extended result code; its low byte is the primary code.
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric);
    if (!numeric)
        return ErrorCode::Database;
    constexpr int constraintPrimaryKey = 1555, constraintUnique = 2067;
    if (code == constraintPrimaryKey || code == constraintUnique)
        return ErrorCode::Duplicate;
    switch (code & 0xff) {
    case 19: // SQLITE_CONSTRAINT
        return ErrorCode::Constraint;
    case 5: // SQLITE_BUSY ("database is locked")
        return ErrorCode::Busy;
    case 8:  // SQLITE_READONLY
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL
    case 14: // SQLITE_CANTOPEN
        return ErrorCode::Io;
    case 26: // SQLITE_NOTADB
        return ErrorCode::NotAStudy;
    default:
        return ErrorCode::Database;
    }
}

Error databaseError(const QString &path, const QSqlQuery &query)
{
    return Error{QStringLiteral("%1: database error: %2").arg(path, sqlError(query)), errorCodeOf(query.lastError())};
}

Study::Study(QString path, QString connectionName, Access access)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_access(access)
{}

Study::~Study()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString Study::newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString Study::nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString Study::sqliteLibraryVersion()
{
    // An in-memory database of its own: no study need be open to ask.
    const QString connection = QStringLiteral("concord-sqlite-version");
    QString version;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        database.setDatabaseName(QStringLiteral(":memory:"));
        if (database.open()) {
            QSqlQuery query(database);
            if (query.exec(QStringLiteral("SELECT sqlite_version()")) && query.next())
                version = query.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return version;
}

QSqlDatabase Study::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QSqlQuery Study::prepare(const QString &sql) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(sql);
    return query;
}

Result<QSqlQuery> Study::exec(const QString &sql, const QVariantList &bindings) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return databaseError(m_path, query);
    for (const auto &value : bindings)
        query.addBindValue(boundValue(value));
    if (!query.exec())
        return databaseError(m_path, query);
    return query;
}

int Study::schemaVersion() const
{
    auto query = exec(QStringLiteral("PRAGMA user_version"));
    if (query.ok() && query->next())
        return query->value(0).toInt();
    return -1;
}

Result<DataVersion> Study::dataVersion() const
{
    auto version = exec(QStringLiteral("PRAGMA data_version"));
    if (!version.ok())
        return version.error();
    if (!version->next())
        return databaseError(m_path, version.value());
    auto events = exec(QStringLiteral("SELECT max(id) FROM rating_event"));
    if (!events.ok())
        return events.error();
    if (!events->next())
        return databaseError(m_path, events.value());
    return DataVersion{version->value(0).toLongLong(), events->value(0).toLongLong()};
}

Result<TableStamp> Study::tableStamp(const QString &table) const
{
    // Quoted, so that a table named by a keyword ("case") works too.
    auto q =
        exec(QStringLiteral("SELECT count(*) AS row_count, coalesce(max(id), 0) AS newest_id FROM \"%1\"").arg(table));
    if (!q.ok())
        return q.error();
    if (!q->next())
        return databaseError(m_path, q.value());
    return TableStamp{q->value(QStringLiteral("row_count")).toLongLong(),
                      q->value(QStringLiteral("newest_id")).toLongLong()};
}

Status Study::checkpointWriteAheadLog()
{
    if (auto checkpoint = exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); !checkpoint.ok())
        return checkpoint.error();
    return {};
}

QString Study::meta(const QString &key, const QString &fallback) const
{
    auto query = exec(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key});
    if (query.ok() && query->next())
        return query->value(0).toString();
    return fallback;
}

Status Study::setMeta(const QString &key, const QString &value)
{
    auto query = exec(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"
                                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                      {key, value});
    if (!query.ok())
        return query.error();
    return {};
}

StudyInfo Study::info() const
{
    StudyInfo info;
    info.uuid = meta(QStringLiteral("study_uuid"));
    info.title = meta(QStringLiteral("title"));
    info.createdAt = meta(QStringLiteral("created_at"));
    info.blinded = meta(QStringLiteral("blinded"), QStringLiteral("1")) == QStringLiteral("1");
    return info;
}

Status Study::reloadRubric()
{
    const qint64 rubricId = meta(QStringLiteral("current_rubric_id")).toLongLong();
    auto rubric = loadRubric(*this, rubricId);
    if (!rubric.ok())
        return rubric.error();
    m_rubric = std::move(rubric).value();
    return {};
}

Status Study::configureConnection()
{
    QSqlQuery query(database());
    QStringList pragmas{QStringLiteral("PRAGMA foreign_keys = ON"), QStringLiteral("PRAGMA busy_timeout = 5000")};
    if (m_access == Access::ReadOnly)
        pragmas << QStringLiteral("PRAGMA query_only = 1");
    if (m_access == Access::ReadWrite) {
        // FULL: a committed rating survives power loss, not just a crash of the process.
        pragmas << QStringLiteral("PRAGMA journal_mode = WAL") << QStringLiteral("PRAGMA synchronous = FULL");
    }
    for (const auto &pragma : pragmas) {
        if (!query.exec(pragma))
            return Error{
                QStringLiteral("%1: cannot configure the database (%2): %3").arg(m_path, pragma, sqlError(query)),
                errorCodeOf(query.lastError())};
    }
    return {};
}

Status Study::migrate(const QString &actor, int targetVersion, bool audited)
{
    const int from = schemaVersion();
    std::vector<const Migration *> steps;
    for (const auto &migration : schemaMigrations()) {
        if (migration.toVersion > from && migration.toVersion <= targetVersion)
            steps.push_back(&migration);
    }
    if (steps.empty())
        return {};
    // All steps in one transaction: a process killed during an upgrade leaves the file at its old version, never
    // at one in between.
    int failedStep = 0;
    Status status = inTransaction([&]() -> Status {
        int version = from;
        for (const Migration *migration : steps) {
            failedStep = migration->toVersion;
            for (const auto &statement : migration->statements) {
                auto result = exec(statement);
                if (!result.ok())
                    return result.error();
            }
            auto bump = exec(QStringLiteral("PRAGMA user_version = %1").arg(migration->toVersion));
            if (!bump.ok())
                return bump.error();
            if (audited && version >= 1) {
                QJsonObject details{{QStringLiteral("from"), version},
                                    {QStringLiteral("to"), migration->toVersion},
                                    {QStringLiteral("description"), migration->description}};
                if (auto logged = appendAudit(*this, actor, QStringLiteral("migrate"), details); !logged.ok())
                    return logged;
            }
            version = migration->toVersion;
        }
        return {};
    });
    if (!status.ok()) {
        return Error{QStringLiteral("%1: the upgrade from schema version %2 to %3 failed at version %4 and was "
                                    "rolled back; the file is still at version %2 (%5)")
                         .arg(m_path)
                         .arg(from)
                         .arg(steps.back()->toVersion)
                         .arg(failedStep)
                         .arg(status.errorMessage())};
    }
    return {};
}

Result<std::unique_ptr<Study>> Study::create(const QString &path, const CreateOptions &options)
{
    auto file = NewStudyFile::create(path, options);
    if (!file.ok())
        return file.error();
    if (auto published = file.value()->publish(); !published.ok())
        return published.error();
    return openCreated(path);
}

Result<std::unique_ptr<Study>> Study::openCreated(const QString &path)
{
    const QString name = nextConnectionName();
    std::unique_ptr<Study> study(new Study(path, name, Access::ReadWrite));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            return Error{QStringLiteral("%1: cannot open: %2").arg(path, db.lastError().text()), ErrorCode::Io};
    }
    if (auto status = study->configureConnection(); !status.ok())
        return status.error();
    if (auto status = study->reloadRubric(); !status.ok())
        return status.error();
    return study;
}

Result<std::unique_ptr<Study>> Study::initialise(const QString &path, const CreateOptions &options)
{
    const int target = options.schemaVersion > 0 ? options.schemaVersion : currentSchemaVersion();
    if (target > currentSchemaVersion())
        return Error{QStringLiteral("schema version %1 is not known to this build").arg(target)};

    const QString name = nextConnectionName();
    std::unique_ptr<Study> study(new Study(path, name, Access::ReadWrite));
    std::optional<Error> openError;
    {
        // Scoped so that no QSqlDatabase handle outlives the Study that owns the connection.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            openError = Error{QStringLiteral("%1: cannot create: %2").arg(path, db.lastError().text()), ErrorCode::Io};
    }
    // The caller owns the file and removes it; nothing here removes a file.
    auto fail = [&](const Error &error) -> Result<std::unique_ptr<Study>> {
        study.reset();
        return error;
    };
    if (openError)
        return fail(*openError);
    {
        QSqlQuery query(study->database());
        if (!query.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)))
            return fail(Error{QStringLiteral("%1: cannot create: %2").arg(path, sqlError(query)),
                              errorCodeOf(query.lastError())});
    }
    if (auto status = study->configureConnection(); !status.ok())
        return fail(status.error());
    if (auto status = study->migrate(options.actor, target, false); !status.ok())
        return fail(status.error());

    Status status = study->inTransaction([&]() -> Status {
        const QString uuid = options.uuid.isEmpty() ? newUuid() : options.uuid;
        for (const auto &[key, value] :
             {std::pair{QStringLiteral("study_uuid"), uuid}, std::pair{QStringLiteral("title"), options.title},
              std::pair{QStringLiteral("created_at"), nowUtc()},
              std::pair{QStringLiteral("blinded"), QStringLiteral("1")}}) {
            if (auto s = study->setMeta(key, value); !s.ok())
                return s;
        }
        Rubric rubric = options.rubric;
        auto rubricId = insertRubric(*study, rubric);
        if (!rubricId.ok())
            return rubricId.error();
        if (auto s = study->setMeta(QStringLiteral("current_rubric_id"), QString::number(rubricId.value())); !s.ok())
            return s;
        return appendAudit(*study, options.actor, QStringLiteral("create study"),
                           QJsonObject{{QStringLiteral("title"), options.title},
                                       {QStringLiteral("rubric"), rubric.name},
                                       {QStringLiteral("rubric_version"), rubric.version},
                                       {QStringLiteral("schema_version"), target}});
    });
    if (!status.ok())
        return fail(status.error());
    if (auto s = study->reloadRubric(); !s.ok())
        return fail(s.error());
    return study;
}

Result<int> Study::peekSchemaVersion(const QString &path)
{
    auto fields = readHeaderFields(path);
    if (!fields.ok())
        return fields.error();
    if (fields->applicationId != kApplicationId)
        return Error{QStringLiteral("%1: not a Concord study (an SQLite database of another application)").arg(path),
                     ErrorCode::NotAStudy};
    return fields->userVersion;
}

Result<std::unique_ptr<Study>> Study::open(const QString &path, Access access)
{
    auto version = peekSchemaVersion(path);
    if (!version.ok())
        return version.error();
    if (version.value() > currentSchemaVersion()) {
        return Error{QStringLiteral("%1: written by a newer version of Concord (schema version %2; this version "
                                    "reads up to %3); the file was not changed")
                         .arg(path)
                         .arg(version.value())
                         .arg(currentSchemaVersion()),
                     ErrorCode::NewerVersion};
    }
    if (version.value() < 1)
        return Error{QStringLiteral("%1: not a Concord study (no schema)").arg(path), ErrorCode::NotAStudy};
    if (access == Access::ReadOnly && version.value() < currentSchemaVersion()) {
        return Error{QStringLiteral("%1: uses schema version %2 and must be upgraded; open it for writing first")
                         .arg(path)
                         .arg(version.value()),
                     ErrorCode::NeedsUpgrade};
    }

    const QString name = nextConnectionName();
    std::unique_ptr<Study> study(new Study(path, name, access));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        // Read-only access reads through query_only where it can (canOpenReadWrite).
        if (access == Access::ReadOnly && !canOpenReadWrite(path))
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            return Error{QStringLiteral("%1: cannot open: %2").arg(path, db.lastError().text()), ErrorCode::Io};
    }
    if (auto status = study->configureConnection(); !status.ok())
        return status.error();
    if (access == Access::ReadWrite) {
        if (auto status = study->migrate(QStringLiteral("concord"), currentSchemaVersion(), true); !status.ok())
            return status.error();
    }
    if (auto status = study->reloadRubric(); !status.ok())
        return status.error();
    return study;
}

bool canOpenReadWrite(const QString &path)
{
    const QFileInfo file(path);
    return file.isWritable() && QFileInfo(file.absolutePath()).isWritable();
}

Study::Transaction::Transaction(Study &study)
    : m_study(study)
{
    auto begin = m_study.exec(QStringLiteral("BEGIN IMMEDIATE"));
    m_begun = begin.ok();
    if (!m_begun)
        m_beginError = begin.error();
}

Study::Transaction::~Transaction()
{
    if (m_begun && !m_done)
        (void)m_study.exec(QStringLiteral("ROLLBACK"));
}

Status Study::Transaction::commit()
{
    m_done = true;
    auto result = m_study.exec(QStringLiteral("COMMIT"));
    if (!result.ok()) {
        (void)m_study.exec(QStringLiteral("ROLLBACK"));
        return result.error();
    }
    return {};
}

Status Study::beginReadSnapshot() const
{
    if (auto begun = exec(QStringLiteral("SAVEPOINT read_snapshot")); !begun.ok())
        return begun.error();
    return {};
}

Status Study::endReadSnapshot() const
{
    if (auto released = exec(QStringLiteral("RELEASE read_snapshot")); !released.ok())
        return released.error();
    return {};
}

} // namespace concord
