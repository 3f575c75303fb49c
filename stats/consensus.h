#pragma once

#include <optional>
#include <span>
#include <string>

namespace concord::stats {

// When several values share the highest count: no consensus, or the lower/higher of the tied values.
// "Higher" is the cautious choice on harm and risk scales, where a higher value is worse.
enum class MajorityTiePolicy
{
    NoConsensus,
    Lower,
    Higher
};
// For an even number of values: the mean of the two middle values (interval data), or the lower/higher one
// (ordinal data, where the mean may fall between scale points).
enum class MedianPolicy
{
    Interpolate,
    Lower,
    Higher
};

struct ConsensusValue
{
    std::optional<double> value;
    std::size_t ratingsUsed = 0;
    std::string reason; // why there is no value; empty when there is one
};

ConsensusValue majorityConsensus(std::span<const double> values, MajorityTiePolicy ties);
ConsensusValue medianConsensus(std::span<const double> values, MedianPolicy policy);
ConsensusValue meanConsensus(std::span<const double> values);

} // namespace concord::stats
