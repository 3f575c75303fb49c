#include "model/agreement/ratingcounts.h"

#include "model/studyfile/study.h"

#include <QHash>
#include <QSet>

namespace concord {

namespace {

struct Tally
{
    qint64 rated = 0;
    qint64 pairable = 0;
    qint64 values = 0;
    qint64 unable = 0;
    qint64 notApplicable = 0;
    qint64 assignedRated = 0;
    QSet<qint64> annotators;
};

// (annotator, target) pairs; targets are response ids, or negated comparison ids for preference axes.
using Pairs = QSet<QPair<qint64, qint64>>;

Result<Pairs> assignedPairs(const Study &study)
{
    Pairs pairs;
    for (const auto &sql :
         {QStringLiteral("SELECT a.annotator_id, cr.response_id FROM assignment a"
                         " JOIN comparison_response cr ON cr.comparison_id = a.comparison_id WHERE a.is_repeat = 0"),
          QStringLiteral("SELECT annotator_id, -comparison_id FROM assignment WHERE is_repeat = 0")}) {
        auto q = study.exec(sql);
        if (!q.ok())
            return q.error();
        while (q->next())
            pairs.insert({q->value(0).toLongLong(), q->value(1).toLongLong()});
    }
    return pairs;
}

Result<qint64> scalar(const Study &study, const QString &sql)
{
    auto q = study.exec(sql);
    if (!q.ok())
        return q.error();
    q->next();
    return q->value(0).toLongLong();
}

} // namespace

Result<QVector<AxisRatingCounts>> axisRatingCounts(const Study &study)
{
    auto assigned = assignedPairs(study);
    if (!assigned.ok())
        return assigned.error();

    // One pass over the covering index rating_event_by_target: events come grouped by axis and target, each
    // annotator's in id order, so an annotator's current rating is the last event before the annotator changes.
    auto q = study.exec(QStringLiteral("SELECT axis_id, coalesce(response_id, -comparison_id), annotator_id, status"
                                       " FROM rating_event WHERE is_repeat = 0"
                                       " ORDER BY axis_id, response_id, comparison_id, annotator_id, id"));
    if (!q.ok())
        return q.error();
    QHash<qint64, Tally> tallies;
    Tally *tally = nullptr;
    qint64 axis = 0, target = 0, annotator = 0;
    QString status;
    bool pending = false;
    qint64 targetRatings = 0, targetValues = 0;
    auto closeAnnotator = [&] {
        if (!pending || status == QLatin1String("cleared"))
            return;
        ++targetRatings;
        tally->annotators.insert(annotator);
        if (status == QLatin1String("value")) {
            ++targetValues;
            ++tally->values;
        } else if (status == QLatin1String("unable")) {
            ++tally->unable;
        } else if (status == QLatin1String("not_applicable")) {
            ++tally->notApplicable;
        }
        if (assigned->contains({annotator, target}))
            ++tally->assignedRated;
    };
    auto closeTarget = [&] {
        closeAnnotator();
        if (tally && targetRatings > 0)
            ++tally->rated;
        if (tally && targetValues >= 2)
            ++tally->pairable;
        targetRatings = targetValues = 0;
    };
    while (q->next()) {
        const qint64 rowAxis = q->value(0).toLongLong();
        const qint64 rowTarget = q->value(1).toLongLong();
        const qint64 rowAnnotator = q->value(2).toLongLong();
        if (!tally || rowAxis != axis || rowTarget != target) {
            closeTarget();
            tally = &tallies[rowAxis];
            axis = rowAxis;
            target = rowTarget;
        } else if (rowAnnotator != annotator) {
            closeAnnotator();
        }
        annotator = rowAnnotator;
        status = q->value(3).toString();
        pending = true;
    }
    closeTarget();

    QHash<qint64, qint64> judge;
    auto judgeQuery = study.exec(QStringLiteral("SELECT axis_id, count(*) FROM judge_score GROUP BY axis_id"));
    if (!judgeQuery.ok())
        return judgeQuery.error();
    while (judgeQuery->next())
        judge[judgeQuery->value(0).toLongLong()] = judgeQuery->value(1).toLongLong();

    auto responses = scalar(study, QStringLiteral("SELECT count(*) FROM response"));
    auto comparisons = scalar(study, QStringLiteral("SELECT count(*) FROM comparison"));
    auto assignedResponses = scalar(study, QStringLiteral("SELECT count(*) FROM assignment a"
                                                          " JOIN comparison_response cr"
                                                          " ON cr.comparison_id = a.comparison_id"
                                                          " WHERE a.is_repeat = 0"));
    auto assignments = scalar(study, QStringLiteral("SELECT count(*) FROM assignment WHERE is_repeat = 0"));
    for (const auto *r : {&responses, &comparisons, &assignedResponses, &assignments}) {
        if (!r->ok())
            return r->error();
    }

    QVector<AxisRatingCounts> result;
    for (const auto &axisInfo : study.rubric().axes) {
        const Tally t = tallies.value(axisInfo.id);
        AxisRatingCounts counts;
        counts.axisKey = axisInfo.key;
        counts.axisLabel = axisInfo.label;
        const bool preference = axisInfo.target == AxisTarget::Comparison;
        counts.targets = preference ? comparisons.value() : responses.value();
        counts.targetsRated = t.rated;
        counts.targetsPairable = t.pairable;
        counts.ratings = t.values;
        counts.unableToAssess = t.unable;
        counts.notApplicable = t.notApplicable;
        counts.annotators = t.annotators.size();
        counts.assignedMissing = (preference ? assignments.value() : assignedResponses.value()) - t.assignedRated;
        counts.judgeScores = judge.value(axisInfo.id);
        result.push_back(counts);
    }
    return result;
}

} // namespace concord
