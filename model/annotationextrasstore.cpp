#include "model/annotationextrasstore.h"

#include "model/sqlutil.h"
#include "model/study.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace concord {

Result<qint64> ErrorSpanStore::insert(ErrorSpan &span)
{
    if (span.start < 0 || span.end <= span.start)
        return Error{QStringLiteral("field 'end': an error span must cover at least one character (start %1, end %2)")
                         .arg(span.start)
                         .arg(span.end)};
    if (span.uuid.isEmpty())
        span.uuid = Study::newUuid();
    if (span.createdAt.isEmpty())
        span.createdAt = Study::nowUtc();
    auto q = m_study.exec(QStringLiteral("INSERT INTO error_span (uuid, response_id, annotator_id, judge_run_id,"
                                         " start_offset, end_offset, category, severity, created_at, is_repeat)"
                                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                          {span.uuid, span.responseId, nullableId(span.annotatorId), nullableId(span.judgeRunId),
                           span.start, span.end, span.category, span.severity, span.createdAt, span.repeat ? 1 : 0});
    if (!q.ok())
        return q.error();
    span.id = q->lastInsertId().toLongLong();
    return span.id;
}

Status ErrorSpanStore::markRemoved(qint64 spanId)
{
    auto q = m_study.exec(QStringLiteral("UPDATE error_span SET removed_at = ? WHERE id = ? AND removed_at IS NULL"),
                          {Study::nowUtc(), spanId});
    if (!q.ok())
        return q.error();
    return {};
}

Result<QVector<ErrorSpan>> ErrorSpanStore::spansOf(qint64 responseId, bool includeRemoved)
{
    auto q =
        m_study.exec(QStringLiteral("SELECT id, uuid, response_id, annotator_id, judge_run_id, start_offset,"
                                    " end_offset, category, severity, created_at, removed_at, is_repeat FROM error_span"
                                    " WHERE response_id = ? AND (? OR removed_at IS NULL) ORDER BY start_offset, id"),
                     {responseId, includeRemoved ? 1 : 0});
    if (!q.ok())
        return q.error();
    QVector<ErrorSpan> result;
    while (q->next()) {
        ErrorSpan s;
        s.id = q->value(0).toLongLong();
        s.uuid = q->value(1).toString();
        s.responseId = q->value(2).toLongLong();
        s.annotatorId = q->value(3).toLongLong();
        s.judgeRunId = q->value(4).toLongLong();
        s.start = q->value(5).toInt();
        s.end = q->value(6).toInt();
        s.category = q->value(7).toString();
        s.severity = q->value(8).toInt();
        s.createdAt = q->value(9).toString();
        s.removedAt = q->value(10).toString();
        s.repeat = q->value(11).toBool();
        result.push_back(s);
    }
    return result;
}

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
