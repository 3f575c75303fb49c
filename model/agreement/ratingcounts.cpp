#include "model/agreement/ratingcounts.h"

#include "model/store/analysisreadstore.h"
#include "model/store/judgestore.h"
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

} // namespace

Result<QVector<AxisRatingCounts>> axisRatingCounts(const Study &study)
{
    // Targets are response ids, or negated comparison ids for preference axes.
    auto assigned = assignedTargets(study);
    if (!assigned.ok())
        return assigned.error();

    // Events come grouped by axis and target, each annotator's in id order, so an annotator's current rating is the
    // last event before the annotator changes.
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
    auto events = visitFirstShowingEventsByTarget(study, [&](const TargetRatingEvent &event) -> Status {
        if (!tally || event.axisId != axis || event.target != target) {
            closeTarget();
            tally = &tallies[event.axisId];
            axis = event.axisId;
            target = event.target;
        } else if (event.annotatorId != annotator) {
            closeAnnotator();
        }
        annotator = event.annotatorId;
        status = event.status;
        pending = true;
        return {};
    });
    if (!events.ok())
        return events.error();
    closeTarget();

    auto judge = judgeScoreCountsByAxis(study);
    if (!judge.ok())
        return judge.error();
    auto targets = ratingTargetCounts(study);
    if (!targets.ok())
        return targets.error();

    QVector<AxisRatingCounts> result;
    for (const auto &axisInfo : study.rubric().axes) {
        const Tally t = tallies.value(axisInfo.id);
        AxisRatingCounts counts;
        counts.axisKey = axisInfo.key;
        counts.axisLabel = axisInfo.label;
        const bool preference = axisInfo.target == AxisTarget::Comparison;
        counts.targets = preference ? targets->comparisons : targets->responses;
        counts.targetsRated = t.rated;
        counts.targetsPairable = t.pairable;
        counts.ratings = t.values;
        counts.unableToAssess = t.unable;
        counts.notApplicable = t.notApplicable;
        counts.annotators = t.annotators.size();
        counts.assignedMissing =
            (preference ? targets->assignedComparisons : targets->assignedResponses) - t.assignedRated;
        counts.judgeScores = judge->value(axisInfo.id);
        result.push_back(counts);
    }
    return result;
}

} // namespace concord
