#include "stats/consensus.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <vector>

namespace concord::stats {

namespace {

ConsensusValue noRatings()
{
    return ConsensusValue{std::nullopt, 0, "no ratings"};
}

} // namespace

ConsensusValue majorityConsensus(std::span<const double> values, MajorityTiePolicy ties)
{
    if (values.empty())
        return noRatings();
    std::map<double, std::size_t> counts;
    for (double v : values)
        ++counts[v];
    std::size_t best = 0;
    for (const auto &[value, count] : counts)
        best = std::max(best, count);
    std::vector<double> leaders;
    for (const auto &[value, count] : counts) {
        if (count == best)
            leaders.push_back(value); // ascending, since std::map is ordered
    }
    ConsensusValue result;
    result.ratingsUsed = values.size();
    if (leaders.size() == 1) {
        result.value = leaders.front();
        return result;
    }
    switch (ties) {
    case MajorityTiePolicy::NoConsensus:
        result.reason =
            "tie between " + std::to_string(leaders.size()) + " values with " + std::to_string(best) + " ratings each";
        break;
    case MajorityTiePolicy::Lower:
        result.value = leaders.front();
        break;
    case MajorityTiePolicy::Higher:
        result.value = leaders.back();
        break;
    }
    return result;
}

ConsensusValue medianConsensus(std::span<const double> values, MedianPolicy policy)
{
    if (values.empty())
        return noRatings();
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    ConsensusValue result;
    result.ratingsUsed = n;
    if (n % 2 == 1) {
        result.value = sorted[n / 2];
        return result;
    }
    const double lower = sorted[n / 2 - 1];
    const double upper = sorted[n / 2];
    switch (policy) {
    case MedianPolicy::Interpolate:
        result.value = (lower + upper) / 2.0;
        break;
    case MedianPolicy::Lower:
        result.value = lower;
        break;
    case MedianPolicy::Higher:
        result.value = upper;
        break;
    }
    return result;
}

ConsensusValue meanConsensus(std::span<const double> values)
{
    if (values.empty())
        return noRatings();
    ConsensusValue result;
    result.ratingsUsed = values.size();
    result.value = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    return result;
}

} // namespace concord::stats
