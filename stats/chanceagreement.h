#pragma once

// Agreement among any number of raters with missing ratings, in Gwet's (2014, Handbook of Inter-Rater Reliability,
// 4th ed., ch. 2-5) framework and as irrCAC's *.raw functions compute it: percent agreement, Brennan–Prediger,
// Fleiss' kappa (Gwet's generalized Scott's pi, irrCAC's fleiss.kappa.raw), Scott's pi (the same estimator: for two
// raters who rated every unit it is Scott's 1955 pi) and Gwet's AC1 (AC2 with weights).
//
// Units are the rows with at least one rating (n of them; rows without any are left out); r_ik raters put unit i in
// category k, r_i = Σ_k r_ik, and r*_ik = Σ_l w_kl r_il with agreement weights w (1 on the diagonal). The units with
// r_i >= 2 (n2 of them) carry agreement:
//   p_a = (1/n2) Σ_{r_i>=2} Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1)).
// Classification probabilities use every rating, a unit's single rating included: π_k = (1/n) Σ_i r_ik / r_i.
// Chance agreement, with T_w = Σ_kl w_kl over the q categories:
//   percent agreement p_e = 0;  Brennan–Prediger p_e = T_w / q²;  Fleiss / Scott p_e = Σ_kl w_kl π_k π_l;
//   AC1/AC2 p_e = T_w / (q (q − 1)) Σ_k π_k (1 − π_k)  (0 when q = 1, so AC1 is 1 when every rating agrees);
// coefficient = (p_a − p_e) / (1 − p_e), undefined when p_e = 1. The categories are the declared ones when given (an
// unused declared category counts in q, in the weights' range and in π), otherwise the values observed.
//
// Variance (Gwet 2014, linearization, finite-population correction f = 0): per unit with a rating
//   c_i = (n/n2)(p_a|i − p_e·[r_i >= 2]) / (1 − p_e) − 2 (1 − c)(p_e|i − p_e) / (1 − p_e),
// where p_a|i is the unit's term of p_a (0 when r_i = 1) and p_e|i its share of chance agreement (Fleiss:
// Σ_k r_ik π̄_k / r_i with π̄_k = Σ_l (w_kl + w_lk) π_l / 2; AC: T_w/(q(q−1)) Σ_k r_ik (1 − π_k) / r_i; the constant
// p_e for percent agreement and Brennan–Prediger, whose second term vanishes), and var = Σ_i (c_i − c)² / (n (n − 1)).
// Interval: c ± t(n − 1)·SE capped at the coefficient's range at the estimated chance agreement, [−p_e/(1 − p_e), 1]
// (the values for p_a = 0 and 1; [0, 1] for percent agreement); irrCAC caps only the upper end at 1. Test of zero:
// t = c / SE with a two-sided p-value from Student's t with n − 1 degrees of freedom, reported as z, as irrCAC 1.0
// prints it (later irrCAC versions print the one-sided p-value). No SE with a single unit.
//
// Fleiss' kappa also gets the Fleiss, Nee & Landis (1979, Psychological Bulletin 86:974-977) standard error under the
// null when every rated unit has the same number m >= 2 of ratings and the weights are the identity:
//   SE0 = √(2 ((Σ_k π_k (1 − π_k))² − Σ_k π_k (1 − π_k)(1 − 2π_k)) / (n m (m − 1))) / Σ_k π_k (1 − π_k),
// with z = κ / SE0 and a two-sided normal p-value, which then replace the t test above. With incomplete data (or
// weights) se0 stays empty and the t test stands.
//
// Unanimous percent agreement: the share of the units with r_i >= 2 on which every rating is the same category
// (unweighted only), with a Wilson interval and the binomial SE √(p(1 − p)/n2); no test.
//
// Cost: one pass over the ratings and one over the units with a rating, each rating looked up by hashing; the work
// per unit is bounded by its ratings (by min(r_i, q)² with weights), plus O(q²) for the weights.
#include "stats/estimate.h"
#include "stats/ratingmatrix.h"
#include "stats/weights.h"

#include <bit>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace concord::stats {

enum class PercentAgreementDefinition
{
    Pairwise,  // share of agreeing rater pairs within a unit, averaged over units (the default)
    Unanimous, // share of units on which all raters agree
};

std::optional<PercentAgreementDefinition> percentAgreementDefinitionFromName(std::string_view name);

struct ChanceAgreementOptions
{
    WeightSpec weights;
    std::vector<double> categories; // declared; empty: the values observed
    double confidence = 0.95;
    PercentAgreementDefinition definition = PercentAgreementDefinition::Pairwise;
};

Estimate percentAgreement(const RatingMatrix &ratings, const ChanceAgreementOptions &options = {});
Estimate brennanPrediger(const RatingMatrix &ratings, const ChanceAgreementOptions &options = {});
Estimate fleissKappa(const RatingMatrix &ratings, const ChanceAgreementOptions &options = {});
Estimate scottPi(const RatingMatrix &ratings, const ChanceAgreementOptions &options = {});
// AC1 with identity weights, AC2 with any other.
Estimate gwetAc(const RatingMatrix &ratings, const ChanceAgreementOptions &options = {});

namespace detail {

// Shared with cohenkappa.cpp: finding a rating's category is the inner loop of every coefficient here.

// More distinct values than this and the ratings are not categories (the q × q weights would not fit); the
// coefficients are then undefined with a reason.
inline constexpr std::size_t kMaxCategories = 1000;

// Index of a value among the categories by open-addressing hashing (−0 and +0 are the same value).
class CategoryLookup
{
public:
    // Room for `capacity` values, none present yet.
    explicit CategoryLookup(std::size_t capacity);
    // The categories, each found at its position.
    explicit CategoryLookup(std::span<const double> categories);

    // The index of `value`, or −1.
    int operator()(double value) const { return m_index[find(keyOf(value))]; }
    // Adds `value` with `index` unless it is present (at most `capacity` values); whether it was added.
    bool insert(double value, int index);

private:
    static std::uint64_t keyOf(double value) { return std::bit_cast<std::uint64_t>(value + 0.0); }
    // The slot holding `key`, or the empty slot where it would go.
    std::size_t find(std::uint64_t key) const
    {
        std::size_t slot = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> m_shift);
        while (m_index[slot] >= 0 && m_keys[slot] != key)
            slot = (slot + 1) & m_mask;
        return slot;
    }

    std::vector<std::uint64_t> m_keys;
    std::vector<int> m_index; // −1 marks an empty slot
    std::size_t m_mask = 0;
    int m_shift = 0;
};

// The categories as categoriesFor() defines them, without its sort of every rating: the declared ones (sorted,
// distinct) when given, else the values observed, found by hashing for short scales. Declared categories are not
// checked against the ratings here; the caller's lookup meets every rating anyway, and on a miss
// undeclaredRating() gives the reason.
std::vector<double> categoriesOf(const RatingMatrix &ratings, std::span<const double> declared);
// Why the ratings do not fit the declared categories, naming the first rating that is not one.
std::string undeclaredRating(const RatingMatrix &ratings, std::span<const double> declared);

} // namespace detail

} // namespace concord::stats
