#pragma once

// Intraclass correlation in the six forms of Shrout & Fleiss (1979, "Intraclass correlations: uses in assessing rater
// reliability", Psychological Bulletin 86:420-428), named as in R psych::ICC: ICC1 = ICC(1,1), ICC2 = ICC(2,1),
// ICC3 = ICC(3,1), ICC1k = ICC(1,k), ICC2k = ICC(2,k), ICC3k = ICC(3,k). Each comes with the F test of "ICC = 0" and a
// confidence interval from the F distribution as Shrout & Fleiss (1979) and McGraw & Wong (1996, Psychological Methods
// 1:30-46) give it, computed exactly as psych::ICC (lmer = FALSE) does, so its numbers can be reproduced there.
//
// From the two-way ANOVA of n units (targets) × k raters (judges) on complete units, with unit means m_i, rater means
// m_j and grand mean m:
//   BMS = k Σ_i (m_i − m)² / (n − 1)                  between units, df n − 1
//   JMS = n Σ_j (m_j − m)² / (k − 1)                  between raters, df k − 1
//   EMS = Σ_ij (x_ij − m_i − m_j + m)² / ((n−1)(k−1)) residual, df (n − 1)(k − 1)
//   WMS = (SS_raters + SS_residual) / (n (k − 1))     within units (one-way ANOVA), df n (k − 1)
// the forms are
//   ICC1  = (BMS − WMS) / (BMS + (k−1) WMS)                       ICC1k = (BMS − WMS) / BMS
//   ICC2  = (BMS − EMS) / (BMS + (k−1) EMS + k (JMS − EMS) / n)   ICC2k = (BMS − EMS) / (BMS + (JMS − EMS) / n)
//   ICC3  = (BMS − EMS) / (BMS + (k−1) EMS)                       ICC3k = (BMS − EMS) / BMS
// F tests: ICC1 and ICC1k use F = BMS / WMS on (n − 1, n (k − 1)) df; the others F = BMS / EMS on
// (n − 1, (n − 1)(k − 1)) df; p = P(F' > F) from Boost's fisher_f.
// Intervals at level 1 − α, with F_q(a, b) the upper α/2 quantile of F(a, b):
//   ICC1, ICC3 (df as for their F):  F_L = F / F_q(df1, df2), F_U = F · F_q(df2, df1), bounds (F_X − 1) / (F_X + k −
//   1); ICC1k, ICC3k: bounds 1 − 1 / F_X; ICC2: with F_J = JMS / EMS and Satterthwaite's degrees of freedom
//     v = (k−1)(n−1) (k ρ F_J + n (1 + (k−1) ρ) − k ρ)² / ((n−1) k² ρ² F_J² + (n (1 + (k−1) ρ) − k ρ)²), ρ = ICC2,
//     F* = F_q(n − 1, v), F** = F_q(v, n − 1),
//     lower = n (BMS − F* EMS) / (F* (k JMS + (kn − k − n) EMS) + n BMS),
//     upper = n (F** BMS − EMS) / (k JMS + (kn − k − n) EMS + n F** BMS);
//   ICC2k: the ICC2 bounds stepped up by Spearman–Brown, b k / (1 + (k − 1) b).
//
// Conventions:
// - A rater (column) with no rating at all is ignored; then a unit missing any remaining rater's rating is left out and
//   counted (nUnitsExcluded, exclusionReason), as the ANOVA needs a complete design.
// - The whole result is undefined (every form carries the reason) with fewer than 2 complete units or 2 raters, when
//   all ratings used are equal (no variation), or for a confidence level not strictly between 0 and 1.
// - A sum of squares below 1e-13 of the total sum of squares is rounding and is taken as exactly 0.
// - ICC1k and ICC3k are undefined when BMS = 0 (no variation between unit means); ICC2k when BMS + (JMS − EMS)/n <= 0
//   (ICC2 at or below −1/(k − 1)); ICC2 when its denominator is 0.
// - When the error mean square of a form's F test is 0 (WMS for ICC1/ICC1k, EMS for the others) while BMS > 0, F is
//   infinite: the value is reported, but F, p and the interval are not, and IccForm::note says why.
// - Estimate::se is not filled (Shrout & Fleiss give no standard error); pValue is the F test's p-value.
// Time O(n k) in two passes over the ratings; memory O(n + k).
#include "stats/estimate.h"
#include "stats/ratingmatrix.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace concord::stats {

enum class IccKind
{
    Icc1,  // ICC(1,1): one-way random, single rater
    Icc2,  // ICC(2,1): two-way random, absolute agreement, single rater
    Icc3,  // ICC(3,1): two-way mixed, consistency, single rater
    Icc1k, // ICC(1,k): mean of k raters
    Icc2k, // ICC(2,k)
    Icc3k, // ICC(3,k)
};

// "ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k".
const char *iccKindName(IccKind kind);

struct IccForm
{
    std::string name; // as iccKindName()
    // Value, FisherF interval, p-value of the F test and the counts (nUnits complete units, nRaters, nRatings, units
    // excluded and why).
    Estimate estimate;
    std::optional<double> f; // F statistic; absent when infinite or when the form is undefined
    double df1 = 0;
    double df2 = 0;
    std::string note; // why F, p or the interval is missing while the value is defined; empty otherwise
};

// The two-way ANOVA the forms are computed from (complete units only).
struct IccAnova
{
    std::size_t units = 0;  // n
    std::size_t raters = 0; // k
    double bms = 0;         // between units
    double wms = 0;         // within units
    double jms = 0;         // between raters (judges)
    double ems = 0;         // residual
};

struct IccResult
{
    std::array<IccForm, 6> forms; // in IccKind order
    std::optional<IccAnova> anova;
    std::string reason; // why nothing could be computed; empty otherwise

    const IccForm &form(IccKind kind) const { return forms[static_cast<std::size_t>(kind)]; }
};

// All six forms at the given confidence level.
IccResult iccAll(const RatingMatrix &ratings, double confidence = 0.95);

// One form's estimate (for the bootstrap and for callers that need only one).
Estimate icc(const RatingMatrix &ratings, IccKind kind, double confidence = 0.95);

} // namespace concord::stats
