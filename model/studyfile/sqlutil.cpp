#include "model/studyfile/sqlutil.h"

#include "model/studyfile/study.h"

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

} // namespace concord
