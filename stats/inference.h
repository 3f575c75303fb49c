#pragma once

// Quantiles, p-values and interval helpers shared by the statistics (Boost.Math distributions).
#include "stats/estimate.h"

namespace concord::stats {

// z such that P(|Z| <= z) = level for a standard normal Z (1.959964 for 0.95).
double normalQuantileTwoSided(double level);
// t such that P(|T| <= t) = level for Student's t with `df` degrees of freedom.
double studentQuantileTwoSided(double level, double df);
// Two-sided p-value of a standard normal statistic.
double normalPValueTwoSided(double z);

// value ± z·se, named Normal.
void setNormalInterval(Estimate &estimate, double level);
// value ± t(df)·se, capped at [lower, upper], named StudentT (Gwet 2014 for the agreement coefficients).
void setStudentInterval(Estimate &estimate, double level, double df, double lowerBound, double upperBound);
// se0, z = value / se0 and its two-sided p-value.
void setNullTest(Estimate &estimate, double se0);

// Wilson score interval for `successes` of `trials` (an empty optional when trials is 0).
std::optional<Interval> wilsonInterval(double successes, double trials, double level);

// Whether `level` is a usable confidence level (strictly between 0 and 1).
bool validConfidenceLevel(double level);

} // namespace concord::stats
