#include "model/studyfile/sqlutil.h"

#include "model/studyfile/study.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QUuid>

namespace concord {

PreparedStatement::PreparedStatement(const Study &study, QString sql)
    : m_study(study)
    , m_sql(std::move(sql))
{}

Result<QSqlQuery *> PreparedStatement::run(const QVariantList &bindings)
{
    if (!m_query) {
        m_query.emplace(m_study.database());
        m_query->setForwardOnly(true);
        if (!m_query->prepare(m_sql)) {
            Error error = databaseError(m_study.path(), *m_query);
            m_query.reset();
            return error;
        }
    }
    for (int i = 0; i < bindings.size(); ++i)
        m_query->bindValue(i, boundValue(bindings[i]));
    if (!m_query->exec())
        return databaseError(m_study.path(), *m_query);
    return &*m_query;
}

qint64 PreparedStatement::lastInsertId() const
{
    return m_query ? m_query->lastInsertId().toLongLong() : 0;
}

Status copyDatabaseFile(const QString &source, const QString &target, int busyTimeoutMs)
{
    const QString name = QStringLiteral("concord-copy-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Status status;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(source);
        if (!QFileInfo(source).isWritable())
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            status = Error{db.lastError().text(), ErrorCode::Io};
        } else {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs)) ||
                !query.prepare(QStringLiteral("VACUUM INTO ?"))) {
                status = Error{query.lastError().text(), errorCodeOf(query.lastError())};
            } else {
                query.addBindValue(target);
                if (!query.exec())
                    status = Error{query.lastError().text(), errorCodeOf(query.lastError())};
            }
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return status;
}

} // namespace concord
