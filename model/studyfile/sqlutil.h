#pragma once

#include "model/domain/result.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <optional>

namespace concord {

class Study;

// A statement prepared once and run many times (bulk imports); bindings are positional.
class PreparedStatement
{
public:
    PreparedStatement(const Study &study, QString sql);
    Result<QSqlQuery *> run(const QVariantList &bindings);
    qint64 lastInsertId() const;

private:
    const Study &m_study;
    QString m_sql;
    std::optional<QSqlQuery> m_query;
};

// A null QString would be bound as SQL NULL; text columns store "" for "no text". An intended NULL is passed as
// QVariant(QMetaType(...)), which stays NULL.
inline QVariant boundValue(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString && !value.isNull() && value.toString().isNull())
        return QVariant(QStringLiteral(""));
    return value;
}

inline QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

inline QVariant nullableDouble(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::Double));
}

inline std::optional<double> optionalDouble(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toDouble();
}

// Writes a consistent copy of the SQLite file at `source`, write-ahead log included, to the new file `target`
// (VACUUM INTO), waiting up to busyTimeoutMs for a writer. The source is read on a connection of its own that never
// writes to it; read-write when the file allows, so that closing it removes the -wal and -shm it may have created (a
// read-only connection would leave them beside the file). The error's message is SQLite's text alone, for the caller
// to word; a file that cannot be opened is ErrorCode::Io.
Status copyDatabaseFile(const QString &source, const QString &target, int busyTimeoutMs);

// SQLite's SQLITE_BUSY ("database is locked"): another connection holds the write lock for longer than the busy
// timeout. Worth waiting for and retrying, unlike any other database error.
inline bool isLockedByAnotherWriter(const Error &error)
{
    return error.code == ErrorCode::Busy;
}

} // namespace concord
