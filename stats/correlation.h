#pragma once

// Rank correlations between two paired series (a judge and a reference, or two raters): Spearman's ρ (Spearman 1904)
// and Kendall's τ-b (Kendall 1945, "The treatment of ties in ranking problems", Biometrika 33:239-251), computed in
// O(n log n) with Knight's (1966, JASA 61:436-439) merge-sort count of discordant pairs.
//
// Spearman's ρ: the Pearson correlation of the mid-ranks (tied values share the mean of the ranks they occupy).
// - p-value (two-sided, as scipy.stats.spearmanr): t = ρ √((n − 2) / ((1 + ρ)(1 − ρ))) on Student's t with n − 2 df;
//   p = 0 when |ρ| = 1; no p-value for n < 3.
// - Interval: Fisher's z transform, tanh(atanh ρ ± z_{1−α/2} / √(n − 3)); the standard error 1/√(n − 3) is the one of
//   Pearson's r on the z scale, a common approximation for ρ (Fieller, Hartley & Pearson 1957 suggest √(1.06/(n − 3)),
//   Bonett & Wright 2000 √((1 + ρ²/2)/(n − 3)); we use the plain one, named FisherZ). No interval for n < 4 or |ρ| = 1
//   (atanh is infinite). Estimate::se is left empty: that 1/√(n − 3) is on the z scale, not the scale of ρ.
//
// Kendall's τ-b = S / √((n₀ − n₁)(n₀ − n₂)), S = concordant − discordant pairs, n₀ = n(n − 1)/2, n₁ and n₂ the pairs
// tied in x and in y. Null test as scipy.stats.kendalltau(variant='b', method='asymptotic') and R's
// cor.test(method='kendall', exact=FALSE, continuity=FALSE): z = S / √var(S) with the tie-corrected variance
//   var(S) = [n(n−1)(2n+5) − Σt(t−1)(2t+5) − Σu(u−1)(2u+5)] / 18 + [Σt(t−1)][Σu(u−1)] / (2n(n−1))
//            + [Σt(t−1)(t−2)][Σu(u−1)(u−2)] / (9n(n−1)(n−2))
// (t, u: sizes of the groups of tied x and tied y values; the last term is 0 for n = 2, where no group of three
// exists), two-sided normal p-value, no continuity correction, never the exact test (scipy's method='auto' uses the
// exact null distribution for n <= 33 without ties). se0 = √var(S) / √((n₀ − n₁)(n₀ − n₂)), so z = τ-b / se0.
// No analytic interval for τ-b (use the bootstrap).
//
// Both: pairs with a NaN in either series are left out and counted (nUnitsExcluded, exclusionReason); infinite values
// are ordered like any other. Undefined, with a reason, for series of different length, fewer than 2 pairs, a series
// with no variation (all its values equal), or a confidence level not strictly between 0 and 1. nUnits = pairs used,
// nRaters = 2, nRatings = 2 · pairs. Time O(n log n), memory O(n).
#include "stats/estimate.h"

#include <cstdint>
#include <span>
#include <vector>

namespace concord::stats {

Estimate spearmanRho(std::span<const double> x, std::span<const double> y, double confidence = 0.95);
Estimate kendallTauB(std::span<const double> x, std::span<const double> y, double confidence = 0.95);

// Building blocks, public so that they can be tested on their own.

// 1-based mid-ranks of `values` (none of them NaN): equal values get the mean of the ranks they occupy.
std::vector<double> midRanks(std::span<const double> values);

// The pair counts behind τ-b for complete pairs (no NaN), by sorting and merge-sort inversion counting.
struct KendallCounts
{
    std::uint64_t n = 0;
    std::uint64_t pairs = 0;      // n₀ = n(n − 1)/2
    std::uint64_t tiedX = 0;      // n₁: pairs with equal x (whatever y)
    std::uint64_t tiedY = 0;      // n₂: pairs with equal y (whatever x)
    std::uint64_t tiedBoth = 0;   // n₃: pairs with equal x and equal y
    std::uint64_t discordant = 0; // pairs ordered one way by x and the other by y
    std::int64_t s = 0;           // concordant − discordant = n₀ − n₁ − n₂ + n₃ − 2 · discordant
    double varianceS = 0;         // tie-corrected var(S) under independence (formula above)
};
KendallCounts kendallCounts(std::span<const double> x, std::span<const double> y);

} // namespace concord::stats
