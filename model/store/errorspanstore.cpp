#include "model/store/errorspanstore.h"

#include "model/studyfile/sqlutil.h"
#include "model/studyfile/study.h"

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
        s.id = q->value(QStringLiteral("id")).toLongLong();
        s.uuid = q->value(QStringLiteral("uuid")).toString();
        s.responseId = q->value(QStringLiteral("response_id")).toLongLong();
        s.annotatorId = q->value(QStringLiteral("annotator_id")).toLongLong();
        s.judgeRunId = q->value(QStringLiteral("judge_run_id")).toLongLong();
        s.start = q->value(QStringLiteral("start_offset")).toInt();
        s.end = q->value(QStringLiteral("end_offset")).toInt();
        s.category = q->value(QStringLiteral("category")).toString();
        s.severity = q->value(QStringLiteral("severity")).toInt();
        s.createdAt = q->value(QStringLiteral("created_at")).toString();
        s.removedAt = q->value(QStringLiteral("removed_at")).toString();
        s.repeat = q->value(QStringLiteral("is_repeat")).toBool();
        result.push_back(s);
    }
    return result;
}

} // namespace concord
