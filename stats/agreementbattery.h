#pragma once

// Agreement among physicians on one rubric axis: every coefficient Concord reports, with its analytic interval and an
// item-level bootstrap interval, all bootstrap intervals from the same resamples of units.
//
// Units are resampled whole (all their ratings), B times (default 2000). To make that fast, the units are reduced to
// their distinct rating patterns (a 3-rater, 4-point axis has at most 125), a resample only counts how often each
// pattern was drawn, and each coefficient is computed from the pattern counts. On all units with count 1 each, these
// pattern computations give exactly the coefficients' own values (tested), so the bootstrap resamples the same
// statistic the estimate reports.
#include "stats/bootstrap.h"
#include "stats/estimate.h"
#include "stats/krippendorff.h"
#include "stats/ratingmatrix.h"
#include "stats/weights.h"

#include <cstdint>
#include <string>
#include <vector>

namespace concord::stats {

struct BatteryOptions
{
    std::vector<double> categories; // the axis' scale points
    MeasurementLevel level = MeasurementLevel::Ordinal;
    WeightKind weights = WeightKind::Quadratic; // for AC2, weighted Brennan–Prediger and weighted Cohen's kappa
    std::size_t resamples = 2000;               // 0: no bootstrap
    std::uint64_t seed = 1;
    double confidence = 0.95;
    IntervalMethod bootstrapMethod = IntervalMethod::BootstrapPercentile;
    unsigned threads = 0;
};

struct BatteryEntry
{
    std::string name;  // e.g. "krippendorff_alpha", "gwet_ac2", "cohen_kappa:0-1"
    std::string label; // e.g. "Krippendorff's alpha (ordinal)"
    Estimate estimate;
    BootstrapResult bootstrap;
};

// Krippendorff's alpha at the options' level; Fleiss' kappa; Gwet's AC1, and AC2 with the options' weights;
// Brennan–Prediger (weighted); pairwise percent agreement; ICC(2,1) on the units every rater rated; weighted Cohen's
// kappa for every pair of raters. An entry "battery" with a reason replaces them all when the ratings do not fit the
// declared categories.
std::vector<BatteryEntry> agreementBattery(const RatingMatrix &ratings, const BatteryOptions &options = {});

} // namespace concord::stats
