#pragma once

// The result every statistic returns: a value with its uncertainty and what it was computed from, or no value
// and the reason why. Never a silent 0, 1 or NaN.
#include <cstddef>
#include <optional>
#include <string>

namespace concord::stats {

struct Interval
{
    double lower = 0;
    double upper = 0;
};

// How an interval was obtained, named in every output so a reader can reproduce it.
enum class IntervalMethod
{
    None,     // no interval (undefined value or standard error)
    Normal,   // value ± z·SE
    StudentT, // value ± t(n−1)·SE, capped at the coefficient's range (Gwet 2014)
    FisherF,  // from the F distribution (ICC, Shrout & Fleiss 1979)
    FisherZ,  // through Fisher's z transform (correlations)
    Wilson,   // Wilson score interval (proportions)
    BootstrapPercentile,
    BootstrapBca,
};

const char *intervalMethodName(IntervalMethod method);

struct Estimate
{
    std::optional<double> value;
    std::string reason; // why there is no value; empty when there is one

    std::optional<double> se;
    std::optional<Interval> ci;
    IntervalMethod ciMethod = IntervalMethod::None;
    double confidenceLevel = 0.95;

    // Test of "no agreement beyond chance" (or no association), where the statistic has one.
    std::optional<double> se0; // standard error under the null hypothesis
    std::optional<double> z;
    std::optional<double> pValue; // two-sided

    // Observed and chance agreement, for chance-corrected agreement coefficients.
    std::optional<double> observedAgreement;
    std::optional<double> chanceAgreement;

    std::size_t nUnits = 0;   // units that entered the computation
    std::size_t nRaters = 0;  // raters with at least one rating used
    std::size_t nRatings = 0; // ratings used
    std::size_t nUnitsExcluded = 0;
    std::string exclusionReason; // why units were left out, when any were

    bool defined() const { return value.has_value(); }

    static Estimate undefined(std::string why)
    {
        Estimate e;
        e.reason = std::move(why);
        return e;
    }
};

} // namespace concord::stats
