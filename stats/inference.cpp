#include "stats/inference.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace concord::stats {

const char *intervalMethodName(IntervalMethod method)
{
    switch (method) {
    case IntervalMethod::None:
        return "none";
    case IntervalMethod::Normal:
        return "normal";
    case IntervalMethod::StudentT:
        return "student_t";
    case IntervalMethod::FisherF:
        return "fisher_f";
    case IntervalMethod::FisherZ:
        return "fisher_z";
    case IntervalMethod::Wilson:
        return "wilson";
    case IntervalMethod::BootstrapPercentile:
        return "bootstrap_percentile";
    case IntervalMethod::BootstrapBca:
        return "bootstrap_bca";
    }
    return "none";
}

bool validConfidenceLevel(double level)
{
    return std::isfinite(level) && level > 0.0 && level < 1.0;
}

double normalQuantileTwoSided(double level)
{
    return boost::math::quantile(boost::math::normal_distribution<double>(), 0.5 + level / 2.0);
}

double studentQuantileTwoSided(double level, double df)
{
    return boost::math::quantile(boost::math::students_t_distribution<double>(df), 0.5 + level / 2.0);
}

double normalPValueTwoSided(double z)
{
    return 2.0 * boost::math::cdf(boost::math::complement(boost::math::normal_distribution<double>(), std::abs(z)));
}

void setNormalInterval(Estimate &estimate, double level)
{
    estimate.confidenceLevel = level;
    if (!estimate.value || !estimate.se)
        return;
    const double half = normalQuantileTwoSided(level) * *estimate.se;
    estimate.ci = Interval{*estimate.value - half, *estimate.value + half};
    estimate.ciMethod = IntervalMethod::Normal;
}

void setStudentInterval(Estimate &estimate, double level, double df, double lowerBound, double upperBound)
{
    estimate.confidenceLevel = level;
    if (!estimate.value || !estimate.se || !(df > 0))
        return;
    const double half = studentQuantileTwoSided(level, df) * *estimate.se;
    estimate.ci = Interval{std::max(lowerBound, *estimate.value - half), std::min(upperBound, *estimate.value + half)};
    estimate.ciMethod = IntervalMethod::StudentT;
}

void setNullTest(Estimate &estimate, double se0)
{
    if (!estimate.value || !(se0 > 0) || !std::isfinite(se0))
        return;
    estimate.se0 = se0;
    estimate.z = *estimate.value / se0;
    estimate.pValue = normalPValueTwoSided(*estimate.z);
}

std::optional<Interval> wilsonInterval(double successes, double trials, double level)
{
    if (!(trials > 0))
        return std::nullopt;
    const double z = normalQuantileTwoSided(level);
    const double p = successes / trials;
    const double z2n = z * z / trials;
    const double centre = (p + z2n / 2.0) / (1.0 + z2n);
    const double half = z / (1.0 + z2n) * std::sqrt(p * (1.0 - p) / trials + z2n / (4.0 * trials));
    return Interval{std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

} // namespace concord::stats
