#pragma once

#include "model/domain/result.h"

#include <QString>
#include <QVector>

namespace concord {

class Study;

// Per-axis counts of the current ratings: what the agreement statistics will have to work with.
struct AxisRatingCounts
{
    QString axisKey;
    QString axisLabel;
    qint64 targets = 0;         // responses (or comparisons, for preference axes) in the study
    qint64 targetsRated = 0;    // with at least one current rating of any kind
    qint64 targetsPairable = 0; // with at least two scale values: usable for agreement
    qint64 ratings = 0;         // current ratings with a scale value
    qint64 unableToAssess = 0;
    qint64 notApplicable = 0;
    qint64 annotators = 0;      // who gave at least one current rating on the axis
    qint64 assignedMissing = 0; // assigned (annotator, target) pairs without a current rating
    qint64 judgeScores = 0;
};

Result<QVector<AxisRatingCounts>> axisRatingCounts(const Study &study);

} // namespace concord
