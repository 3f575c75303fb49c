#pragma once

// Plain CSV inputs of `concord stats`, so that anyone can check a statistic against R or Python on the same file:
// ratings in wide layout (`unit,<rater>,<rater>,…`, empty cell = missing) or long layout (`unit,rater,value`), and
// probabilities with labels (`prob,label`) for calibration and the Brier score.
#include "model/domain/result.h"
#include "stats/ratingmatrix.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace concord {

enum class RatingLayout
{
    Wide,
    Long
};

struct StatsRatings
{
    stats::RatingMatrix matrix;
    QStringList units;
    QStringList raters;
    // Empty when every value is a number. Otherwise the values were text: each is coded by its index in
    // `labels` (the declared categories in their given order, else the distinct texts sorted).
    QStringList labels;
    // The declared categories as numbers (codes for text values), for weights and chance agreement.
    std::vector<double> declaredCategories;
};

// `categories`: the --categories list (may be empty). Text values need it to have an order; without it they are
// sorted and fit only nominal statistics (the caller decides). Errors name the file, line and column.
Result<StatsRatings> readStatsRatings(const QString &path, RatingLayout layout, const QStringList &categories);

struct ProbabilityLabels
{
    std::vector<double> probabilities;
    std::vector<int> labels; // 0 or 1
};

Result<ProbabilityLabels> readProbabilityLabels(const QString &path);

} // namespace concord
