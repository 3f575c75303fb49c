#include "model/ratingcounts.h"

#include "model/study.h"

#include <QHash>

namespace concord {

namespace {

// Runs a "SELECT axis_id, n ..." statement and stores n per axis.
Status collectPerAxis(const Study &study, const QString &sql, QHash<qint64, qint64> &out)
{
    auto q = study.exec(sql);
    if (!q.ok())
        return q.error();
    while (q->next())
        out[q->value(0).toLongLong()] += q->value(1).toLongLong();
    return {};
}

} // namespace

Result<QVector<AxisRatingCounts>> axisRatingCounts(const Study &study)
{
    // The current ratings are derived once into a temporary table, then counted several ways.
    for (const auto &sql : {QStringLiteral("PRAGMA temp_store = MEMORY"),
                            QStringLiteral("DROP TABLE IF EXISTS temp.current_counts"),
                            QStringLiteral("CREATE TEMP TABLE current_counts AS SELECT annotator_id, axis_id,"
                                           " coalesce(response_id, -comparison_id) AS target, response_id,"
                                           " comparison_id, status FROM current_rating")}) {
        auto q = study.exec(sql);
        if (!q.ok())
            return q.error();
    }

    QHash<qint64, qint64> values, unable, notApplicable, annotators, rated, pairable, assignedRated, judge;
    const std::pair<QString, QHash<qint64, qint64> *> queries[] = {
        {QStringLiteral("SELECT axis_id, sum(status = 'value'), sum(status = 'unable'),"
                        " sum(status = 'not_applicable') FROM current_counts GROUP BY axis_id"),
         nullptr},
        {QStringLiteral("SELECT axis_id, count(DISTINCT annotator_id) FROM current_counts GROUP BY axis_id"),
         &annotators},
        {QStringLiteral("SELECT axis_id, count(DISTINCT target) FROM current_counts GROUP BY axis_id"), &rated},
        {QStringLiteral("SELECT axis_id, count(*) FROM (SELECT axis_id, target FROM current_counts"
                        " WHERE status = 'value' GROUP BY axis_id, target HAVING count(*) >= 2) GROUP BY axis_id"),
         &pairable},
        {QStringLiteral("SELECT c.axis_id, count(*) FROM current_counts c"
                        " JOIN comparison_response cr ON cr.response_id = c.response_id"
                        " JOIN assignment a ON a.comparison_id = cr.comparison_id AND a.annotator_id = c.annotator_id"
                        " GROUP BY c.axis_id"),
         &assignedRated},
        {QStringLiteral("SELECT c.axis_id, count(*) FROM current_counts c"
                        " JOIN assignment a ON a.comparison_id = c.comparison_id AND a.annotator_id = c.annotator_id"
                        " GROUP BY c.axis_id"),
         &assignedRated},
        {QStringLiteral("SELECT axis_id, count(*) FROM judge_score GROUP BY axis_id"), &judge},
    };
    for (const auto &[sql, target] : queries) {
        if (target) {
            if (auto status = collectPerAxis(study, sql, *target); !status.ok())
                return status.error();
            continue;
        }
        auto q = study.exec(sql);
        if (!q.ok())
            return q.error();
        while (q->next()) {
            const qint64 axis = q->value(0).toLongLong();
            values[axis] = q->value(1).toLongLong();
            unable[axis] = q->value(2).toLongLong();
            notApplicable[axis] = q->value(3).toLongLong();
        }
    }
    (void)study.exec(QStringLiteral("DROP TABLE IF EXISTS temp.current_counts"));

    auto scalar = [&](const QString &sql) -> Result<qint64> {
        auto q = study.exec(sql);
        if (!q.ok())
            return q.error();
        q->next();
        return q->value(0).toLongLong();
    };
    auto responses = scalar(QStringLiteral("SELECT count(*) FROM response"));
    auto comparisons = scalar(QStringLiteral("SELECT count(*) FROM comparison"));
    auto assignedResponses = scalar(QStringLiteral("SELECT count(*) FROM assignment a"
                                                   " JOIN comparison_response cr ON cr.comparison_id = a.comparison_id"));
    auto assignments = scalar(QStringLiteral("SELECT count(*) FROM assignment"));
    for (const auto *r : {&responses, &comparisons, &assignedResponses, &assignments}) {
        if (!r->ok())
            return r->error();
    }

    QVector<AxisRatingCounts> result;
    for (const auto &axis : study.rubric().axes) {
        AxisRatingCounts counts;
        counts.axisKey = axis.key;
        counts.axisLabel = axis.label;
        const bool preference = axis.target == AxisTarget::Comparison;
        counts.targets = preference ? comparisons.value() : responses.value();
        counts.targetsRated = rated.value(axis.id);
        counts.targetsPairable = pairable.value(axis.id);
        counts.ratings = values.value(axis.id);
        counts.unableToAssess = unable.value(axis.id);
        counts.notApplicable = notApplicable.value(axis.id);
        counts.annotators = annotators.value(axis.id);
        counts.assignedMissing =
            (preference ? assignments.value() : assignedResponses.value()) - assignedRated.value(axis.id);
        counts.judgeScores = judge.value(axis.id);
        result.push_back(counts);
    }
    return result;
}

} // namespace concord
