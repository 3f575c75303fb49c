#include "model/store/analysisreadstore.h"

#include "model/studyfile/sqlutil.h"
#include "model/studyfile/study.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>

namespace concord {

namespace {

// Reads that run over many rows find each column by name once, not on every row.
int column(const QSqlQuery &query, const QString &name)
{
    return query.record().indexOf(name);
}

Result<qint64> countOf(const Study &study, const QString &sql)
{
    auto q = study.exec(sql);
    if (!q.ok())
        return q.error();
    q->next();
    return q->value(0).toLongLong();
}

Result<QVector<LabelCount>> labelCounts(const Study &study, const QString &sql)
{
    auto q = study.exec(sql);
    if (!q.ok())
        return q.error();
    QVector<LabelCount> counts;
    while (q->next())
        counts.push_back(
            {q->value(QStringLiteral("label")).toString(), q->value(QStringLiteral("label_count")).toLongLong()});
    return counts;
}

Result<QVector<MarkedSpan>> markedSpans(const Study &study, const QString &sql, const QVariantList &bindings = {})
{
    auto q = study.exec(sql, bindings);
    if (!q.ok())
        return q.error();
    const int response = column(q.value(), QStringLiteral("response_id")),
              start = column(q.value(), QStringLiteral("start_offset")),
              end = column(q.value(), QStringLiteral("end_offset")),
              category = column(q.value(), QStringLiteral("category")),
              severity = column(q.value(), QStringLiteral("severity"));
    QVector<MarkedSpan> spans;
    while (q->next()) {
        spans.push_back({q->value(response).toLongLong(), q->value(start).toInt(), q->value(end).toInt(),
                         q->value(category).toString(), q->value(severity).toInt()});
    }
    return spans;
}

} // namespace

Status visitRatingEvents(const Study &study, qint64 afterId, qint64 upToId,
                         const std::function<Status(const AnalysisRatingEvent &)> &visit)
{
    auto q = study.exec(QStringLiteral("SELECT id, axis_id, response_id, annotator_id, status, value,"
                                       " substr(created_at, 1, 10) AS day, is_repeat FROM rating_event"
                                       " WHERE id > ? AND id <= ?"
                                       " ORDER BY id"),
                        {afterId, upToId});
    if (!q.ok())
        return q.error();
    const int id = column(q.value(), QStringLiteral("id")), axis = column(q.value(), QStringLiteral("axis_id")),
              response = column(q.value(), QStringLiteral("response_id")),
              annotator = column(q.value(), QStringLiteral("annotator_id")),
              status = column(q.value(), QStringLiteral("status")), value = column(q.value(), QStringLiteral("value")),
              day = column(q.value(), QStringLiteral("day")), repeat = column(q.value(), QStringLiteral("is_repeat"));
    AnalysisRatingEvent event;
    while (q->next()) {
        event.id = q->value(id).toLongLong();
        event.axisId = q->value(axis).toLongLong();
        event.responseId = q->value(response).toLongLong();
        event.annotatorId = q->value(annotator).toLongLong();
        event.status = q->value(status).toString();
        event.value = optionalDouble(q->value(value));
        event.day = q->value(day).toString();
        event.repeat = q->value(repeat).toBool();
        if (Status visited = visit(event); !visited.ok())
            return visited;
    }
    return {};
}

Status visitFirstShowingEventsByTarget(const Study &study,
                                       const std::function<Status(const TargetRatingEvent &)> &visit)
{
    auto q = study.exec(QStringLiteral("SELECT axis_id, coalesce(response_id, -comparison_id) AS target, annotator_id,"
                                       " status FROM rating_event WHERE is_repeat = 0"
                                       " ORDER BY axis_id, response_id, comparison_id, annotator_id, id"));
    if (!q.ok())
        return q.error();
    const int axis = column(q.value(), QStringLiteral("axis_id")), target = column(q.value(), QStringLiteral("target")),
              annotator = column(q.value(), QStringLiteral("annotator_id")),
              status = column(q.value(), QStringLiteral("status"));
    TargetRatingEvent event;
    while (q->next()) {
        event.axisId = q->value(axis).toLongLong();
        event.target = q->value(target).toLongLong();
        event.annotatorId = q->value(annotator).toLongLong();
        event.status = q->value(status).toString();
        if (Status visited = visit(event); !visited.ok())
            return visited;
    }
    return {};
}

Result<QSet<QPair<qint64, qint64>>> assignedTargets(const Study &study)
{
    QSet<QPair<qint64, qint64>> pairs;
    for (const auto &sql :
         {QStringLiteral("SELECT a.annotator_id AS annotator_id, cr.response_id AS target FROM assignment a"
                         " JOIN comparison_response cr ON cr.comparison_id = a.comparison_id WHERE a.is_repeat = 0"),
          QStringLiteral("SELECT annotator_id, -comparison_id AS target FROM assignment WHERE is_repeat = 0")}) {
        auto q = study.exec(sql);
        if (!q.ok())
            return q.error();
        const int annotator = column(q.value(), QStringLiteral("annotator_id")),
                  target = column(q.value(), QStringLiteral("target"));
        while (q->next())
            pairs.insert({q->value(annotator).toLongLong(), q->value(target).toLongLong()});
    }
    return pairs;
}

Result<RatingTargetCounts> ratingTargetCounts(const Study &study)
{
    auto responses = countOf(study, QStringLiteral("SELECT count(*) FROM response"));
    if (!responses.ok())
        return responses.error();
    auto comparisons = countOf(study, QStringLiteral("SELECT count(*) FROM comparison"));
    if (!comparisons.ok())
        return comparisons.error();
    auto assignedResponses = countOf(study, QStringLiteral("SELECT count(*) FROM assignment a"
                                                           " JOIN comparison_response cr"
                                                           " ON cr.comparison_id = a.comparison_id"
                                                           " WHERE a.is_repeat = 0"));
    if (!assignedResponses.ok())
        return assignedResponses.error();
    auto assignedComparisons = countOf(study, QStringLiteral("SELECT count(*) FROM assignment WHERE is_repeat = 0"));
    if (!assignedComparisons.ok())
        return assignedComparisons.error();
    return RatingTargetCounts{responses.value(), comparisons.value(), assignedResponses.value(),
                              assignedComparisons.value()};
}

Status visitAnalysisResponses(const Study &study, const std::function<Status(const AnalysisResponse &)> &visit)
{
    auto q = study.exec(QStringLiteral("SELECT r.id AS response_id, c.external_id AS case_external_id, c.task AS task,"
                                       " r.system AS system, r.text AS text FROM response r"
                                       " JOIN \"case\" c ON c.id = r.case_id"));
    if (!q.ok())
        return q.error();
    const int id = column(q.value(), QStringLiteral("response_id")),
              caseId = column(q.value(), QStringLiteral("case_external_id")),
              task = column(q.value(), QStringLiteral("task")), system = column(q.value(), QStringLiteral("system")),
              text = column(q.value(), QStringLiteral("text"));
    AnalysisResponse response;
    while (q->next()) {
        response.responseId = q->value(id).toLongLong();
        response.caseExternalId = q->value(caseId).toString();
        response.task = q->value(task).toString();
        response.system = q->value(system).toString();
        response.text = q->value(text).toString();
        if (Status visited = visit(response); !visited.ok())
            return visited;
    }
    return {};
}

Result<QVector<CurrentPreference>> currentPreferences(const Study &study, qint64 axisId)
{
    auto q = study.exec(QStringLiteral("SELECT e.preferred_response_id AS preferred_response_id,"
                                       " a.response_order_json AS response_order_json FROM rating_event e"
                                       " LEFT JOIN assignment a ON a.annotator_id = e.annotator_id"
                                       " AND a.comparison_id = e.comparison_id AND a.is_repeat = 0"
                                       " WHERE e.id IN (SELECT max(id) FROM rating_event WHERE axis_id = ?"
                                       " AND comparison_id IS NOT NULL AND is_repeat = 0"
                                       " GROUP BY comparison_id, annotator_id)"
                                       " AND e.status = 'value'"),
                        {axisId});
    if (!q.ok())
        return q.error();
    const int preferred = column(q.value(), QStringLiteral("preferred_response_id")),
              shownOrder = column(q.value(), QStringLiteral("response_order_json"));
    QVector<CurrentPreference> preferences;
    while (q->next()) {
        CurrentPreference preference;
        preference.preferredResponseId = q->value(preferred).toLongLong();
        // Without an assignment the order is NULL, which reads as no order at all.
        const QJsonArray order = QJsonDocument::fromJson(q->value(shownOrder).toString().toUtf8()).array();
        for (const auto &responseId : order)
            preference.shownOrder.push_back(responseId.toInteger());
        preferences.push_back(std::move(preference));
    }
    return preferences;
}

Result<StudyComposition> studyComposition(const Study &study)
{
    StudyComposition composition;
    auto byTask = labelCounts(
        study,
        QStringLiteral("SELECT task AS label, count(*) AS label_count FROM \"case\" GROUP BY task ORDER BY task"));
    if (!byTask.ok())
        return byTask.error();
    composition.casesByTask = std::move(byTask).value();
    auto bySystem = labelCounts(
        study, QStringLiteral(
                   "SELECT system AS label, count(*) AS label_count FROM response GROUP BY system ORDER BY system"));
    if (!bySystem.ok())
        return bySystem.error();
    composition.responsesBySystem = std::move(bySystem).value();
    // Both totals in one statement, so they are counted at the same moment.
    auto totals = study.exec(QStringLiteral("SELECT (SELECT count(*) FROM \"case\") AS cases,"
                                            " (SELECT count(*) FROM response) AS responses"));
    if (!totals.ok())
        return totals.error();
    totals->next();
    composition.cases = totals->value(QStringLiteral("cases")).toLongLong();
    composition.responses = totals->value(QStringLiteral("responses")).toLongLong();
    return composition;
}

Status visitCurrentResponseRatings(const Study &study, const std::function<Status(const NamedResponseRating &)> &visit)
{
    auto q = study.exec(
        QStringLiteral("SELECT x.key AS axis_key, e.status AS status, n.name AS physician FROM rating_event e"
                       " JOIN axis x ON x.id = e.axis_id JOIN annotator n ON n.id = e.annotator_id"
                       " WHERE e.id IN (SELECT max(id) FROM rating_event WHERE response_id IS NOT NULL"
                       " AND is_repeat = 0 GROUP BY axis_id, response_id, annotator_id) AND e.status <> 'cleared'"));
    if (!q.ok())
        return q.error();
    const int axis = column(q.value(), QStringLiteral("axis_key")),
              status = column(q.value(), QStringLiteral("status")),
              physician = column(q.value(), QStringLiteral("physician"));
    NamedResponseRating rating;
    while (q->next()) {
        rating.axisKey = q->value(axis).toString();
        rating.status = q->value(status).toString();
        rating.physician = q->value(physician).toString();
        if (Status visited = visit(rating); !visited.ok())
            return visited;
    }
    return {};
}

Result<QVector<MarkedSpan>> currentPhysicianSpans(const Study &study)
{
    return markedSpans(study, QStringLiteral("SELECT response_id, start_offset, end_offset, category, severity"
                                             " FROM error_span WHERE annotator_id IS NOT NULL"
                                             " AND removed_at IS NULL ORDER BY id"));
}

Result<QVector<MarkedSpan>> currentJudgeSpans(const Study &study, qint64 judgeRunId)
{
    return markedSpans(study,
                       QStringLiteral("SELECT response_id, start_offset, end_offset, category, severity FROM error_span"
                                      " WHERE judge_run_id = ? AND removed_at IS NULL"),
                       {judgeRunId});
}

} // namespace concord
