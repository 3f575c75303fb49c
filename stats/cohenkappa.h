#pragma once

// Cohen's kappa for two raters, unweighted or weighted (Cohen 1960; Cohen 1968, "Weighted kappa", Psychological
// Bulletin 70:213-220), in agreement-weight form: with the q×q table of proportions p_ij over the units both raters
// rated, margins p_i. and p_.j and agreement weights w_ij (1 on the diagonal),
//   p_o = Σ w_ij p_ij,  p_e = Σ w_ij p_i. p_.j,  κ = (p_o − p_e) / (1 − p_e).
// The table runs over the declared categories when given (an unused category is a zero row and column), so linear
// and quadratic weights use the declared scale's range.
//
// Standard errors after Fleiss, Cohen & Everitt (1969, "Large sample standard errors of kappa and weighted kappa",
// Psychological Bulletin 72:323-327), with w̄_i. = Σ_j p_.j w_ij and w̄_.j = Σ_i p_i. w_ij:
//   var(κ)  = [Σ p_ij (w_ij − (w̄_i. + w̄_.j)(1 − κ))² − (κ − p_e(1 − κ))²] / (n (1 − p_e)²),
//   var0(κ) = [Σ p_i. p_.j (w_ij − (w̄_i. + w̄_.j))² − p_e²] / (n (1 − p_e)²)   (under κ = 0);
// the interval is κ ± z·SE (normal, not capped), the test z = κ / SE0 with a two-sided normal p-value. These are the
// formulas of statsmodels' cohens_kappa and of SAS PROC FREQ (its "ASE" and "ASE under H0").
//
// Undefined, with the reason, when no unit has both ratings, when p_e = 1 (both raters used one and the same
// category), for a rating outside the declared categories, an invalid weight matrix or confidence level, or more than
// 1000 categories. Time is linear in the units (one hashed look-up per rating) plus O(q²) for the table.
#include "stats/bootstrap.h"
#include "stats/estimate.h"
#include "stats/ratingmatrix.h"
#include "stats/weights.h"

#include <span>
#include <vector>

namespace concord::stats {

struct CohenKappaOptions
{
    WeightSpec weights;
    std::vector<double> categories; // declared; empty: the values observed
    double confidence = 0.95;
};

// Raters in columns 0 and 1; units missing either rating are left out and counted.
Estimate cohenKappa(const RatingMatrix &ratings, const CohenKappaOptions &options = {});
// The same on two paired series (NaN marks a missing value), e.g. a judge against the physicians' consensus.
Estimate cohenKappa(std::span<const double> first, std::span<const double> second,
                    const CohenKappaOptions &options = {});

// Kappa of two paired series for the bootstrap: each unit is reduced once to its cell of the q x q table (or to
// nothing when a value is missing), so a resample only counts cells and computes kappa from the table, O(units + q²)
// with no allocation. On all units once it gives cohenKappa's value (tested).
class CohenKappaUnitwise final : public UnitwiseStatistic
{
public:
    CohenKappaUnitwise(std::span<const double> first, std::span<const double> second,
                       const CohenKappaOptions &options = {});

    // Why kappa cannot be computed on these series at all (a value outside the categories...); empty otherwise.
    const std::string &error() const { return m_error; }

    std::size_t unitCount() const override { return m_cells.size(); }
    std::unique_ptr<UnitwiseWorkspace> makeWorkspace() const override;
    std::optional<double> evaluate(std::span<const std::uint32_t> units, UnitwiseWorkspace *workspace) const override;

private:
    std::size_t m_q = 0;
    std::vector<int> m_cells;      // i * q + j, or -1 when a value is missing
    std::vector<double> m_weights; // q x q agreement weights
    std::string m_error;
};

} // namespace concord::stats
