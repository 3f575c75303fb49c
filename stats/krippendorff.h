#pragma once

// Krippendorff's alpha, α = 1 − D_o / D_e, through the coincidence matrix at the nominal, ordinal, interval and ratio
// levels of measurement, with missing ratings (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability",
// Annenberg School for Communication, University of Pennsylvania). Units with fewer than two ratings cannot be paired:
// they are left out and counted. Standard error after Gwet (2014, Handbook of Inter-Rater Reliability, 4th ed.), as in
// irrCAC's krippen.alpha.raw, with agreement weights 1 − δ²/max δ²; Student-t interval with n − 1 degrees of freedom
// (n: units with two or more ratings) capped at [−1, 1].
//
// Time is linear in the number of ratings: each unit is reduced once to its (category, count) pairs, and D_o and D_e
// are sums over those pairs and over the category marginals. The ordinal metric of Krippendorff (2011),
// δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², equals the squared difference of the categories' mid-ranks
// t_c = Σ_{g<c} n_g + n_c/2, so ordinal α is interval α on mid-ranks; an unused declared category (n_g = 0) changes
// neither. Only the ratio level needs a pass over pairs of distinct values (O(q²) for q values in use).
#include "stats/bootstrap.h"
#include "stats/estimate.h"
#include "stats/ratingmatrix.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace concord::stats {

enum class MeasurementLevel
{
    Nominal,  // δ² = 0 for equal values, 1 otherwise
    Ordinal,  // δ² from the ranks of the values in use (Krippendorff 2011)
    Interval, // δ² = (c − k)²
    Ratio,    // δ² = ((c − k) / (c + k))², for values of zero or more
};

// "nominal", "ordinal", "interval", "ratio".
const char *measurementLevelName(MeasurementLevel level);
std::optional<MeasurementLevel> measurementLevelFromName(std::string_view name);

struct KrippendorffOptions
{
    MeasurementLevel level = MeasurementLevel::Nominal;
    // The rubric's scale points. α itself depends only on the values in use (an unused category has no pairs and no
    // marginal); the declared set checks the ratings and sets the range of the agreement weights behind the reported
    // p_a and p_e (as irrCAC's categ.labels does).
    std::vector<double> declaredCategories;
    double confidenceLevel = 0.95;
};

// α with Gwet's (2014) standard error and interval (named StudentT). observedAgreement and chanceAgreement are Gwet's
// weighted p_a and p_e with agreement weights 1 − δ²/max δ² over the categories.
Estimate krippendorffAlpha(const RatingMatrix &ratings, const KrippendorffOptions &options = {});

// α alone, without standard error or counts; empty where krippendorffAlpha() is undefined.
std::optional<double> krippendorffAlphaValue(const RatingMatrix &ratings, MeasurementLevel level,
                                             std::span<const double> declaredCategories = {});

// α for the bootstrap. Each unit (matrix row) is reduced once to its pattern of (category, count) pairs, identical
// units sharing one; a resample only counts how often each pattern was drawn, so it costs one pass over the drawn
// indices plus a pass over the distinct patterns. Gives the same values as krippendorffAlphaValue() on the resampled
// matrix (up to rounding).
class KrippendorffUnitwise final : public UnitwiseStatistic
{
public:
    KrippendorffUnitwise(const RatingMatrix &ratings, MeasurementLevel level,
                         std::span<const double> declaredCategories = {});
    ~KrippendorffUnitwise() override;

    // Why α cannot be computed on these ratings at all (a rating outside the declared categories…); empty otherwise.
    const std::string &error() const;
    // Distinct rating patterns among the units with two or more ratings.
    std::size_t patternCount() const;

    std::size_t unitCount() const override;
    std::unique_ptr<UnitwiseWorkspace> makeWorkspace() const override;
    std::optional<double> evaluate(std::span<const std::uint32_t> units, UnitwiseWorkspace *workspace) const override;
    // One evaluation per distinct pattern rather than per unit.
    std::optional<std::vector<std::optional<double>>> jackknifeValues() const override;

private:
    struct Data;
    std::unique_ptr<const Data> m_data;
};

} // namespace concord::stats
