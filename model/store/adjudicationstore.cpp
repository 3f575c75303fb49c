#include "model/store/adjudicationstore.h"

#include "model/studyfile/sqlutil.h"
#include "model/studyfile/study.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace concord {

Result<qint64> AdjudicationStore::insert(Adjudication &adjudication)
{
    if (adjudication.uuid.isEmpty())
        adjudication.uuid = Study::newUuid();
    if (adjudication.createdAt.isEmpty())
        adjudication.createdAt = Study::nowUtc();
    QJsonArray considered;
    for (qint64 id : adjudication.consideredEventIds)
        considered.append(id);
    auto q = m_study.exec(
        QStringLiteral("INSERT INTO adjudication (uuid, response_id, axis_id, value, decided_by,"
                       " reason_code, reason, considered_event_ids_json, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {adjudication.uuid, adjudication.responseId, adjudication.axisId, nullableDouble(adjudication.value),
         adjudication.decidedBy, adjudication.reasonCode, adjudication.reason,
         QString::fromUtf8(QJsonDocument(considered).toJson(QJsonDocument::Compact)), adjudication.createdAt});
    if (!q.ok())
        return q.error();
    adjudication.id = q->lastInsertId().toLongLong();
    return adjudication.id;
}

Result<QVector<Adjudication>> AdjudicationStore::current(qint64 axisId)
{
    auto q = m_study.exec(QStringLiteral("SELECT a.id, a.uuid, a.response_id, a.axis_id, a.value, a.decided_by,"
                                         " a.reason_code, a.reason, a.considered_event_ids_json, a.created_at"
                                         " FROM adjudication a JOIN (SELECT max(id) AS id FROM adjudication"
                                         " GROUP BY response_id, axis_id) latest ON latest.id = a.id"
                                         " WHERE (? = 0 OR a.axis_id = ?) ORDER BY a.id"),
                          {axisId, axisId});
    if (!q.ok())
        return q.error();
    QVector<Adjudication> result;
    while (q->next()) {
        Adjudication a;
        a.id = q->value(0).toLongLong();
        a.uuid = q->value(1).toString();
        a.responseId = q->value(2).toLongLong();
        a.axisId = q->value(3).toLongLong();
        a.value = optionalDouble(q->value(4));
        a.decidedBy = q->value(5).toString();
        a.reasonCode = q->value(6).toString();
        a.reason = q->value(7).toString();
        for (const auto &v : QJsonDocument::fromJson(q->value(8).toString().toUtf8()).array())
            a.consideredEventIds.push_back(v.toInteger());
        a.createdAt = q->value(9).toString();
        result.push_back(a);
    }
    return result;
}

} // namespace concord
