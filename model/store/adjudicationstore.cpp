#include "model/store/adjudicationstore.h"

#include "model/store/trainingreferencestore.h"
#include "model/studyfile/sqlutil.h"
#include "model/studyfile/study.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>

namespace concord {

AdjudicationStore::AdjudicationStore(Study &study)
    : m_study(study)
    , m_responseToAdjudicate(study, QStringLiteral("SELECT c.id AS case_row_id, c.external_id AS case_external_id,"
                                                   " c.task, c.input, r.text FROM response r"
                                                   " JOIN \"case\" c ON c.id = r.case_id WHERE r.id = ?"))
{}

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
    // Columns by name, looked up once: one row per adjudicated (response, axis).
    const QSqlRecord record = q->record();
    const int idColumn = record.indexOf(QStringLiteral("id"));
    const int uuidColumn = record.indexOf(QStringLiteral("uuid"));
    const int responseColumn = record.indexOf(QStringLiteral("response_id"));
    const int axisColumn = record.indexOf(QStringLiteral("axis_id"));
    const int valueColumn = record.indexOf(QStringLiteral("value"));
    const int decidedByColumn = record.indexOf(QStringLiteral("decided_by"));
    const int reasonCodeColumn = record.indexOf(QStringLiteral("reason_code"));
    const int reasonColumn = record.indexOf(QStringLiteral("reason"));
    const int consideredColumn = record.indexOf(QStringLiteral("considered_event_ids_json"));
    const int createdAtColumn = record.indexOf(QStringLiteral("created_at"));
    QVector<Adjudication> result;
    while (q->next()) {
        Adjudication a;
        a.id = q->value(idColumn).toLongLong();
        a.uuid = q->value(uuidColumn).toString();
        a.responseId = q->value(responseColumn).toLongLong();
        a.axisId = q->value(axisColumn).toLongLong();
        a.value = optionalDouble(q->value(valueColumn));
        a.decidedBy = q->value(decidedByColumn).toString();
        a.reasonCode = q->value(reasonCodeColumn).toString();
        a.reason = q->value(reasonColumn).toString();
        for (const auto &v : QJsonDocument::fromJson(q->value(consideredColumn).toString().toUtf8()).array())
            a.consideredEventIds.push_back(v.toInteger());
        a.createdAt = q->value(createdAtColumn).toString();
        result.push_back(a);
    }
    return result;
}

Result<bool> AdjudicationStore::anyDecisionWithValue()
{
    auto decided = m_study.exec(QStringLiteral("SELECT count(*) FROM adjudication WHERE value IS NOT NULL"));
    if (!decided.ok())
        return decided.error();
    return decided->next() && decided->value(0).toLongLong() > 0;
}

Result<QVector<AdjudicationRating>> AdjudicationStore::ratingsToAdjudicate()
{
    auto q = m_study.exec(QStringLiteral("SELECT id, annotator_id, response_id, axis_id, status, value,"
                                         " likelihood, comment FROM current_rating"
                                         " WHERE response_id IS NOT NULL AND response_id NOT IN (") +
                          kTrainingResponsesSql + QStringLiteral(") ORDER BY annotator_id"));
    if (!q.ok())
        return q.error();
    // Columns by name, looked up once: the loop runs once per current rating.
    const QSqlRecord record = q->record();
    const int idColumn = record.indexOf(QStringLiteral("id"));
    const int annotatorColumn = record.indexOf(QStringLiteral("annotator_id"));
    const int responseColumn = record.indexOf(QStringLiteral("response_id"));
    const int axisColumn = record.indexOf(QStringLiteral("axis_id"));
    const int statusColumn = record.indexOf(QStringLiteral("status"));
    const int valueColumn = record.indexOf(QStringLiteral("value"));
    const int likelihoodColumn = record.indexOf(QStringLiteral("likelihood"));
    const int commentColumn = record.indexOf(QStringLiteral("comment"));
    QVector<AdjudicationRating> ratings;
    while (q->next()) {
        AdjudicationRating rating;
        rating.eventId = q->value(idColumn).toLongLong();
        rating.annotatorId = q->value(annotatorColumn).toLongLong();
        rating.responseId = q->value(responseColumn).toLongLong();
        rating.axisId = q->value(axisColumn).toLongLong();
        rating.status = ratingStatusFromString(q->value(statusColumn).toString()).value_or(RatingStatus::Value);
        rating.value = optionalDouble(q->value(valueColumn));
        rating.likelihood = q->value(likelihoodColumn).toString();
        rating.comment = q->value(commentColumn).toString();
        ratings.push_back(rating);
    }
    return ratings;
}

Result<QVector<AdjudicationJudgeScore>> AdjudicationStore::judgeScoresToAdjudicate(const QString &judgeRun)
{
    auto q = m_study.exec(QStringLiteral("SELECT s.axis_id, s.response_id, r.name AS run, s.value FROM judge_score s"
                                         " JOIN judge_run r ON r.id = s.judge_run_id"
                                         " WHERE s.value IS NOT NULL AND (? = '' OR r.name = ?)"
                                         " ORDER BY r.id"),
                          {judgeRun, judgeRun});
    if (!q.ok())
        return q.error();
    // Columns by name, looked up once: the loop runs once per score.
    const QSqlRecord record = q->record();
    const int axisColumn = record.indexOf(QStringLiteral("axis_id"));
    const int responseColumn = record.indexOf(QStringLiteral("response_id"));
    const int runColumn = record.indexOf(QStringLiteral("run"));
    const int valueColumn = record.indexOf(QStringLiteral("value"));
    QVector<AdjudicationJudgeScore> scores;
    while (q->next())
        scores.push_back(AdjudicationJudgeScore{q->value(axisColumn).toLongLong(),
                                                q->value(responseColumn).toLongLong(), q->value(runColumn).toString(),
                                                q->value(valueColumn).toDouble()});
    return scores;
}

Result<std::optional<AdjudicationResponse>> AdjudicationStore::responseToAdjudicate(qint64 responseId)
{
    auto row = m_responseToAdjudicate.run({responseId});
    if (!row.ok())
        return row.error();
    QSqlQuery &q = *row.value();
    if (!q.next())
        return std::optional<AdjudicationResponse>();
    return std::optional<AdjudicationResponse>(AdjudicationResponse{
        q.value(QStringLiteral("case_row_id")).toLongLong(), q.value(QStringLiteral("case_external_id")).toString(),
        q.value(QStringLiteral("task")).toString(), q.value(QStringLiteral("input")).toString(),
        q.value(QStringLiteral("text")).toString()});
}

Result<std::optional<DecisionBasis>> AdjudicationStore::decisionBasis(qint64 responseId, qint64 axisId)
{
    auto response = m_study.exec(QStringLiteral("SELECT uuid FROM response WHERE id = ?"), {responseId});
    if (!response.ok())
        return response.error();
    if (!response->next())
        return std::optional<DecisionBasis>();
    DecisionBasis basis;
    basis.responseUuid = response->value(0).toString();
    auto considered = m_study.exec(QStringLiteral("SELECT id FROM current_rating WHERE response_id = ?"
                                                  " AND axis_id = ? ORDER BY id"),
                                   {responseId, axisId});
    if (!considered.ok())
        return considered.error();
    while (considered->next())
        basis.consideredEventIds.push_back(considered->value(0).toLongLong());
    return std::optional<DecisionBasis>(std::move(basis));
}

} // namespace concord
