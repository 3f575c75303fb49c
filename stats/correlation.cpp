#include "stats/correlation.h"

#include "stats/inference.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

namespace concord::stats {

namespace {

// The complete pairs of two series, or the reason there is nothing to correlate.
struct Pairs
{
    std::vector<double> x;
    std::vector<double> y;
    std::size_t excluded = 0;
    std::string reason;
};

Pairs completePairs(std::span<const double> x, std::span<const double> y, double confidence)
{
    Pairs pairs;
    if (x.size() != y.size()) {
        pairs.reason = "the two series differ in length (" + std::to_string(x.size()) + " and " +
                       std::to_string(y.size()) + " values)";
        return pairs;
    }
    pairs.x.reserve(x.size());
    pairs.y.reserve(y.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isnan(x[i]) || std::isnan(y[i])) {
            ++pairs.excluded;
            continue;
        }
        pairs.x.push_back(x[i]);
        pairs.y.push_back(y[i]);
    }
    const std::size_t n = pairs.x.size();
    if (!validConfidenceLevel(confidence))
        pairs.reason = "the confidence level must be strictly between 0 and 1";
    else if (n < 2)
        pairs.reason = "a correlation needs at least 2 complete pairs; there are " + std::to_string(n);
    else if (std::all_of(pairs.x.begin(), pairs.x.end(), [&](double v) { return v == pairs.x.front(); }))
        pairs.reason = "the first series has no variation (all " + std::to_string(n) + " values are equal)";
    else if (std::all_of(pairs.y.begin(), pairs.y.end(), [&](double v) { return v == pairs.y.front(); }))
        pairs.reason = "the second series has no variation (all " + std::to_string(n) + " values are equal)";
    return pairs;
}

Estimate withCounts(Estimate estimate, const Pairs &pairs, double confidence)
{
    estimate.confidenceLevel = confidence;
    estimate.nUnits = pairs.x.size();
    estimate.nRaters = pairs.x.empty() ? 0 : 2;
    estimate.nRatings = 2 * pairs.x.size();
    estimate.nUnitsExcluded = pairs.excluded;
    if (pairs.excluded > 0)
        estimate.exclusionReason =
            std::to_string(pairs.excluded) + " pairs with a missing value (NaN) in either series were left out";
    return estimate;
}

// Sums over groups of tied values of t(t − 1)/2, t(t − 1), t(t − 1)(t − 2) and t(t − 1)(2t + 5), for sorted values.
struct TieSums
{
    std::uint64_t tiedPairs = 0;
    double t1 = 0; // Σ t(t − 1)
    double t2 = 0; // Σ t(t − 1)(t − 2)
    double t5 = 0; // Σ t(t − 1)(2t + 5)

    void addGroup(std::uint64_t t)
    {
        if (t < 2)
            return;
        tiedPairs += t * (t - 1) / 2;
        const double d = static_cast<double>(t);
        t1 += d * (d - 1);
        t2 += d * (d - 1) * (d - 2);
        t5 += d * (d - 1) * (2 * d + 5);
    }
};

template <typename Equal> TieSums tieSums(std::size_t n, Equal equalToPrevious)
{
    TieSums sums;
    std::uint64_t run = 1;
    for (std::size_t i = 1; i < n; ++i) {
        if (equalToPrevious(i)) {
            ++run;
        } else {
            sums.addGroup(run);
            run = 1;
        }
    }
    sums.addGroup(run);
    return sums;
}

// Sorts `values` ascending by bottom-up merge sort and returns the number of inversions (pairs i < j with
// values[i] > values[j]); equal values are not inversions.
std::uint64_t sortCountingInversions(std::vector<double> &values)
{
    const std::size_t n = values.size();
    std::vector<double> buffer(n);
    std::uint64_t inversions = 0;
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t left = 0; left < n; left += 2 * width) {
            const std::size_t middle = std::min(left + width, n);
            const std::size_t right = std::min(left + 2 * width, n);
            std::size_t i = left, j = middle, out = left;
            while (i < middle && j < right) {
                if (values[j] < values[i]) {
                    inversions += middle - i; // values[j] precedes every remaining left value
                    buffer[out++] = values[j++];
                } else {
                    buffer[out++] = values[i++];
                }
            }
            while (i < middle)
                buffer[out++] = values[i++];
            while (j < right)
                buffer[out++] = values[j++];
        }
        values.swap(buffer);
    }
    return inversions;
}

} // namespace

std::vector<double> midRanks(std::span<const double> values)
{
    const std::size_t n = values.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(n);
    for (std::size_t start = 0; start < n;) {
        std::size_t end = start + 1;
        while (end < n && values[order[end]] == values[order[start]])
            ++end;
        // Positions start..end−1 hold ranks start+1..end; their mean is (start + 1 + end) / 2.
        const double rank = (static_cast<double>(start) + 1.0 + static_cast<double>(end)) / 2.0;
        for (std::size_t i = start; i < end; ++i)
            ranks[order[i]] = rank;
        start = end;
    }
    return ranks;
}

KendallCounts kendallCounts(std::span<const double> x, std::span<const double> y)
{
    KendallCounts counts;
    const std::size_t n = std::min(x.size(), y.size());
    counts.n = n;
    counts.pairs = static_cast<std::uint64_t>(n) * (n > 0 ? n - 1 : 0) / 2;
    if (n < 2)
        return counts;

    std::vector<std::pair<double, double>> sorted(n);
    for (std::size_t i = 0; i < n; ++i)
        sorted[i] = {x[i], y[i]};
    std::sort(sorted.begin(), sorted.end());

    const TieSums xTies = tieSums(n, [&](std::size_t i) { return sorted[i].first == sorted[i - 1].first; });
    counts.tiedX = xTies.tiedPairs;
    counts.tiedBoth = tieSums(n, [&](std::size_t i) { return sorted[i] == sorted[i - 1]; }).tiedPairs;

    // Ordered by x (ties in x by y), every inversion of the y sequence is a discordant pair.
    std::vector<double> ys(n);
    for (std::size_t i = 0; i < n; ++i)
        ys[i] = sorted[i].second;
    counts.discordant = sortCountingInversions(ys);
    const TieSums yTies = tieSums(n, [&](std::size_t i) { return ys[i] == ys[i - 1]; });
    counts.tiedY = yTies.tiedPairs;

    counts.s = static_cast<std::int64_t>(counts.pairs + counts.tiedBoth - counts.tiedX - counts.tiedY) -
               2 * static_cast<std::int64_t>(counts.discordant);

    const double nn = static_cast<double>(n);
    const double m = nn * (nn - 1);
    double variance = (m * (2 * nn + 5) - xTies.t5 - yTies.t5) / 18 + xTies.t1 * yTies.t1 / (2 * m);
    if (n > 2)
        variance += xTies.t2 * yTies.t2 / (9 * m * (nn - 2));
    counts.varianceS = variance;
    return counts;
}

Estimate spearmanRho(std::span<const double> x, std::span<const double> y, double confidence)
{
    const Pairs pairs = completePairs(x, y, confidence);
    if (!pairs.reason.empty())
        return withCounts(Estimate::undefined(pairs.reason), pairs, confidence);

    const std::vector<double> rx = midRanks(pairs.x);
    const std::vector<double> ry = midRanks(pairs.y);
    const std::size_t n = rx.size();
    const double meanRank = (static_cast<double>(n) + 1) / 2; // the mean of mid-ranks, ties or not
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = rx[i] - meanRank, dy = ry[i] - meanRank;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    const double rho = std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);

    Estimate e;
    e.value = rho;
    const double nn = static_cast<double>(n);
    if (n >= 3) {
        if (std::abs(rho) == 1.0) {
            e.pValue = 0.0;
        } else {
            const double t = rho * std::sqrt((nn - 2) / ((1 + rho) * (1 - rho)));
            e.pValue = 2 * boost::math::cdf(boost::math::complement(
                               boost::math::students_t_distribution<double>(nn - 2), std::abs(t)));
        }
    }
    if (n >= 4 && std::abs(rho) < 1.0) {
        const double z = std::atanh(rho);
        const double half = normalQuantileTwoSided(confidence) / std::sqrt(nn - 3);
        e.ci = Interval{std::tanh(z - half), std::tanh(z + half)};
        e.ciMethod = IntervalMethod::FisherZ;
    }
    return withCounts(std::move(e), pairs, confidence);
}

Estimate kendallTauB(std::span<const double> x, std::span<const double> y, double confidence)
{
    const Pairs pairs = completePairs(x, y, confidence);
    if (!pairs.reason.empty())
        return withCounts(Estimate::undefined(pairs.reason), pairs, confidence);

    const KendallCounts counts = kendallCounts(pairs.x, pairs.y);
    // Both series vary, so n₀ − n₁ and n₀ − n₂ are positive.
    const double denominator = std::sqrt(static_cast<double>(counts.pairs - counts.tiedX)) *
                               std::sqrt(static_cast<double>(counts.pairs - counts.tiedY));
    Estimate e;
    e.value = std::clamp(static_cast<double>(counts.s) / denominator, -1.0, 1.0);
    if (counts.varianceS > 0) {
        e.se0 = std::sqrt(counts.varianceS) / denominator;
        e.z = static_cast<double>(counts.s) / std::sqrt(counts.varianceS);
        e.pValue = normalPValueTwoSided(*e.z);
    }
    return withCounts(std::move(e), pairs, confidence);
}

} // namespace concord::stats
