#pragma once

#include "model/domain/result.h"
#include "model/domain/rubric.h"
#include "model/studyfile/dataversion.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <memory>

namespace concord {

struct StudyInfo
{
    QString uuid;
    QString title;
    QString createdAt;
    bool blinded = true;
};

// Whether a connection that only reads may open `path` read-write (with query_only): when the file and its folder
// allow it. Closing such a connection removes the -wal and -shm that opening created; a read-only one leaves them.
bool canOpenReadWrite(const QString &path);

// One open study file: owns a named SQLite connection for the thread that opened it.
// Entity access lives in the stores (CaseStore, RatingStore, ...), which take a Study&.
class Study
{
public:
    struct CreateOptions
    {
        QString title{};
        Rubric rubric{};
        QString actor = QStringLiteral("concord");
        QString uuid{}; // empty: a random one
        // For fixtures of past schema versions only: stop migrating at this version.
        int schemaVersion = 0;
    };

    enum class Access
    {
        ReadWrite,
        ReadOnly
    };

    // Refuses to overwrite an existing file. The file is built under a temporary name and appears complete or not
    // at all (see NewStudyFile); a file created meanwhile by another program is left as it is and reported.
    static Result<std::unique_ptr<Study>> create(const QString &path, const CreateOptions &options);
    // Refuses files that are not Concord studies or are from a newer version, leaving them untouched;
    // migrates older versions, all steps in one transaction (a file is never left between two versions).
    static Result<std::unique_ptr<Study>> open(const QString &path, Access access = Access::ReadWrite);
    // Reads the schema version without changing anything; fails for files that are not studies.
    static Result<int> peekSchemaVersion(const QString &path);

    ~Study();
    Study(const Study &) = delete;
    Study &operator=(const Study &) = delete;

    QSqlDatabase database() const;
    QString path() const { return m_path; }
    bool readOnly() const { return m_access == Access::ReadOnly; }
    int schemaVersion() const;
    StudyInfo info() const;
    Status setMeta(const QString &key, const QString &value);
    QString meta(const QString &key, const QString &fallback = {}) const;

    // Whether the study has changed: compare with the version of the last read (see DataVersion).
    Result<DataVersion> dataVersion() const;
    // The row count and newest id of `table`, one of the study's tables with an integer id column.
    Result<TableStamp> tableStamp(const QString &table) const;
    // Copies everything in the write-ahead log into the main file and empties the log, so a copy of the file holds
    // every commit. Fails only when the statement does (a checkpoint another connection holds up is not reported).
    Status checkpointWriteAheadLog();

    // The rubric version that new ratings are recorded against.
    const Rubric &rubric() const { return m_rubric; }
    Status reloadRubric();

    // Prepares (and caches) a statement; values are always bound, never concatenated.
    QSqlQuery prepare(const QString &sql) const;
    // Runs a statement with positional bindings; the error names the statement's purpose.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &bindings = {}) const;

    // BEGIN IMMEDIATE ... COMMIT; rolled back when the body fails or when the guard goes out of scope.
    class Transaction
    {
    public:
        explicit Transaction(Study &study);
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;
        bool begun() const { return m_begun; }
        const Error &beginError() const { return m_beginError; }
        Status commit();

    private:
        Study &m_study;
        bool m_begun = false;
        bool m_done = false;
        Error m_beginError;
    };

    // Runs `read` (returning a Result) inside one read transaction, a savepoint, so every table is seen at the same
    // moment; it also works inside a caller's transaction. Nothing is written. The read's error comes first.
    template <typename Read> auto inReadSnapshot(Read &&read) const -> decltype(read())
    {
        if (Status begun = beginReadSnapshot(); !begun.ok())
            return begun.error();
        auto result = read();
        const Status released = endReadSnapshot();
        if (!result.ok() || released.ok())
            return result;
        return released.error();
    }
    Status beginReadSnapshot() const;
    Status endReadSnapshot() const;

    // Runs body inside one transaction; all-or-nothing.
    template <typename Body> Status inTransaction(Body &&body)
    {
        Transaction transaction(*this);
        if (!transaction.begun())
            return transaction.beginError();
        Status status = body();
        if (!status.ok())
            return status;
        return transaction.commit();
    }

    static QString newUuid();
    static QString nowUtc();
    // The version of the SQLite library Qt's driver runs on, as SQLite reports it; empty when it cannot be asked.
    static QString sqliteLibraryVersion();

private:
    friend class NewStudyFile;

    Study(QString path, QString connectionName, Access access);
    // Builds a new study in the file at path, which exists and is empty (made by NewStudyFile).
    static Result<std::unique_ptr<Study>> initialise(const QString &path, const CreateOptions &options);
    // The file create() has just put in place, opened as it is (a fixture stays at its schema version).
    static Result<std::unique_ptr<Study>> openCreated(const QString &path);
    Status configureConnection();
    Status migrate(const QString &actor, int targetVersion, bool audited);
    Status storeRubric(const Rubric &rubric, const QString &actor);

    QString m_path;
    QString m_connectionName;
    Access m_access;
    Rubric m_rubric;
};

// The text of a statement's error, never empty.
QString sqlError(const QSqlQuery &query);
// What kind of failure an SQLite error is.
ErrorCode errorCodeOf(const QSqlError &error);
// A failed statement on the study at `path` as an error ("PATH: database error: TEXT") with its code.
Error databaseError(const QString &path, const QSqlQuery &query);

} // namespace concord
