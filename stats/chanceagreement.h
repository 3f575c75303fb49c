#pragma once

// Agreement among any number of raters with missing ratings, in Gwet's (2014, Handbook of Inter-Rater Reliability,
// 4th ed., ch. 2-5) framework and as irrCAC's *.raw functions compute it: percent agreement, Brennan–Prediger,
// Fleiss' kappa (Gwet's generalized Scott's pi), Scott's pi (the same estimator; for two raters without missing
// ratings it is Scott's 1955 pi) and Gwet's AC1 (AC2 with weights).
//
// Units are the rows with at least one rating (n); r_ik raters put unit i in category k, r_i = Σ_k r_ik, and
// r*_ik = Σ_l w_kl r_il with agreement weights w. Units with r_i >= 2 (n2 of them) carry agreement:
//   p_a = (1/n2) Σ_{r_i>=2} Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1)).
// Classification probabilities use every rating: π_k = (1/n) Σ_i r_ik / r_i. Chance agreement, with T_w = Σ_kl w_kl:
//   percent agreement p_e = 0;  Brennan–Prediger p_e = T_w / q²;  Fleiss / Scott p_e = Σ_kl w_kl π_k π_l;
//   AC1/AC2 p_e = T_w / (q (q − 1)) Σ_k π_k (1 − π_k)  (q = 1: 0);
// coefficient = (p_a − p_e) / (1 − p_e), over the declared categories when given (q counts an unused category).
//
// Variance (Gwet 2014, linearization; finite-population correction 0): per unit
//   c_i = (n/n2)(p_a|i − p_e·[r_i >= 2]) / (1 − p_e) − 2 (1 − c)(p_e|i − p_e) / (1 − p_e),
// where p_e|i is the unit's share of chance agreement (Fleiss: Σ_k r_ik π̄_k / r_i with π̄_k = Σ_l (w_kl + w_lk) π_l / 2;
// AC: T_w/(q(q−1)) Σ_k r_ik (1 − π_k) / r_i; constant p_e for percent agreement and Brennan–Prediger, whose second
// term vanishes), and var = Σ_i (c_i − c)² / (n (n − 1)). Interval: c ± t(n − 1)·SE capped at [−1, 1] ([0, 1] for
// percent agreement); test: t = c / SE with a two-sided p-value from Student's t with n − 1 degrees of freedom
// (reported as z), as irrCAC does.
//
// Fleiss' kappa also gets the Fleiss, Nee & Landis (1979, Psychological Bulletin 86:974-977) standard error under the
// null when every unit has the same number m >= 2 of ratings and the weights are the identity:
//   SE0 = √2 / (Σ_k π_k (1 − π_k) √(n m (m − 1))) · √((Σ π_k(1 − π_k))² − Σ π_k (1 − π_k)(1 − 2π_k)),
// with z = κ / SE0 and a two-sided normal p-value (replacing the t test above).
//
// Unanimous percent agreement: the share of units with r_i >= 2 on which every rating is the same category
// (unweighted), with a Wilson interval and the binomial SE √(p(1 − p)/n2).
#include "stats/estimate.h"
#include "stats/ratingmatrix.h"
#include "stats/weights.h"

#include <optional>
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

} // namespace concord::stats
