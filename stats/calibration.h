#pragma once

// Calibration of a judge's probabilities: reliability diagram, expected and maximum calibration error (ECE, MCE;
// Naeini, Cooper & Hauskrecht 2015, "Obtaining well calibrated probabilities using Bayesian binning", AAAI; top-label
// form as in Guo, Pleiss, Sun & Weinberger 2017, "On calibration of modern neural networks", ICML), the Brier score
// (Brier 1950, Monthly Weather Review 78:1-3) with Murphy's (1973, J. Applied Meteorology 12:595-600) reliability,
// resolution and uncertainty over the same bins and the residual of that identity (Stephenson, Coelho & Jolliffe 2008,
// Weather and Forecasting 23:752-757), the share of wrong answers at high confidence with Wilson (1927) intervals, and
// the risk-coverage curve of selective classification (Geifman & El-Yaniv 2017, NeurIPS) with its area, AURC (named
// by Geifman, Uziel & El-Yaniv 2019, ICLR).
//
// Every quantity is computed on forecasts: pairs (confidence c_i in [0, 1], outcome o_i in {0, 1}), i = 0..n-1.
// - Positive-class variant: c_i = p_i, the probability that item i is positive; o_i = y_i, its label.
// - Top-label variant: c_i = probability of the predicted (top) label; o_i = 1 when that label was right
//   (topLabelForecasts() derives these from per-category probabilities).
// "Wrong at high confidence" and the risk-coverage curve need a prediction to be wrong: in the top-label variant they
// use (c_i, o_i) as given; in the positive-class variant they use the binary top label, confidence max(p_i, 1 - p_i)
// and predicted label 1 when p_i > 0.5, else 0 (at p_i = 0.5 the tie goes to the lower category, 0, as in
// topLabelForecasts()), right when it equals y_i. The other quantities always use (c_i, o_i).
//
// Bins (M of them, default 10), for ECE, MCE, the reliability diagram and the Brier decomposition:
// - Equal width: edges e_k = double(k) / M exactly (the double nearest k/M, so 0.3 is an edge for M = 10), k = 0..M;
//   bin k holds the forecasts in (e_k, e_{k+1}] (right-closed), and 0 falls in the first bin. The index is
//   ceil(c·M) - 1, corrected against the edges double(k)/M so that rounding in c·M never moves a value on an edge.
// - Equal mass: sort the n confidences ascending, c_(1) <= … <= c_(n); inner edges e_k = c_(ceil(k·n/M)) for
//   k = 1..M-1, the empirical k/M quantile (type 1 of Hyndman & Fan 1996, inverse of the empirical distribution
//   function), e_0 = 0, e_M = 1; bin k holds (e_k, e_{k+1}], 0 in the first bin, as for equal width. Without ties bin k
//   holds exactly ceil((k+1)·n/M) - ceil(k·n/M) forecasts (sizes differ by at most one). Because the edges are
//   forecast values, equal forecasts always share a bin: a run of ties crossing a nominal split stays whole in the
//   lower bin, so that bin grows, the next shrinks, and a bin is empty (e_k = e_{k+1}) when a run crosses two splits.
//
// With n_k forecasts in bin k, mean confidence f_k and observed frequency of the outcome ō_k (both undefined when
// n_k = 0) and base rate ō = Σ o_i / n:
//   ECE = Σ_k (n_k / n) |f_k - ō_k|,  MCE = max over non-empty bins of |f_k - ō_k|;
//   Brier = Σ_i (c_i - o_i)² / n;
//   reliability = Σ_k n_k (f_k - ō_k)² / n,  resolution = Σ_k n_k (ō_k - ō)² / n,  uncertainty = ō (1 - ō);
//   residual = Brier - (reliability - resolution + uncertainty), which is not zero when forecasts differ within a bin:
//   it equals withinBinVariance - 2·withinBinCovariance, with withinBinVariance = Σ_k Σ_{i in k} (c_i - f_k)² / n and
//   withinBinCovariance = Σ_k Σ_{i in k} (c_i - f_k)(o_i - ō_k) / n (Stephenson et al. 2008); both are reported.
// All of them are defined for any n >= 1, also when every outcome is the same (uncertainty and resolution are then 0).
//
// Wrong at high confidence, for each threshold t (default 0.8, 0.9, 0.95): among the m_t predictions with confidence
// >= t, the share w_t / m_t that were wrong, with a Wilson interval; undefined when m_t = 0.
//
// Risk-coverage: predictions sorted by confidence, highest first; equal confidences are taken in together (a selective
// classifier cannot separate them), so there is one point per distinct confidence value v_1 > v_2 > … > v_G: point g
// covers the m_g predictions with confidence >= v_g, coverage m_g / n, risk r_g = (wrong among them) / m_g.
// AURC = Σ_g ((m_g - m_{g-1}) / n) · r_g with m_0 = 0: the area under the step curve that is r_g on coverage
// (m_{g-1}/n, m_g/n]. Without ties this is (1/n) Σ_{i=1..n} r(i), the mean of the risk over the n coverages i/n, the
// empirical AURC of Geifman, Uziel & El-Yaniv (2019); with ties each tied prediction gets the risk of its whole group,
// so the value does not depend on the order of the input.
//
// Invalid input (lengths that differ, a confidence that is NaN or outside [0, 1], an outcome or label other than 0 or
// 1) or options (no bins, a threshold outside [0, 1], a confidence level not strictly between 0 and 1) make the whole
// result undefined, with a reason naming the first offending item by its 0-based index. Time O(n log n): the
// risk-coverage curve sorts once; equal-mass edges are M - 1 successive selections, O(n log M); binning is O(1) per
// item for equal width and O(log M) for equal mass. Memory O(n + M).
#include "stats/estimate.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace concord::stats {

enum class CalibrationVariant
{
    PositiveClass, // probability that the item is positive, against its 0/1 label
    TopLabel,      // probability of the predicted label, against whether it was right
};

enum class CalibrationBinning
{
    EqualWidth, // edges k/M
    EqualMass,  // edges at the empirical k/M quantiles of the confidences
};

// "positive_class", "top_label".
const char *calibrationVariantName(CalibrationVariant variant);
std::optional<CalibrationVariant> calibrationVariantFromName(std::string_view name);
// "equal_width", "equal_mass".
const char *calibrationBinningName(CalibrationBinning binning);
std::optional<CalibrationBinning> calibrationBinningFromName(std::string_view name);

// Bins above this count are refused: each bin costs memory, and no data set fills more.
inline constexpr std::size_t maximumCalibrationBins = 1'000'000;

struct CalibrationOptions
{
    CalibrationVariant variant = CalibrationVariant::PositiveClass;
    CalibrationBinning binning = CalibrationBinning::EqualWidth;
    std::size_t bins = 10;
    std::vector<double> highConfidenceThresholds{0.8, 0.9, 0.95};
    double confidenceLevel = 0.95; // of the Wilson intervals
};

// Top-label forecasts derived from per-category probabilities.
struct TopLabelForecasts
{
    std::vector<double> confidence;     // probability of the predicted category
    std::vector<int> correct;           // 1 when the predicted category is the true one, else 0
    std::vector<std::size_t> predicted; // predicted category index (argmax; ties go to the lowest index)
    std::string reason;                 // why they could not be derived; empty when they could
    bool valid() const { return reason.empty(); }
};

// `probabilities`: row-major items × `categoryCount` (row i holds item i's probability for categories 0..K-1);
// `trueCategories[i]`: item i's true category index. The predicted category is the argmax of the row, the lowest index
// among equal maxima. Rows are not required to sum to 1 (a judge's probabilities are often rounded); each value must
// lie in [0, 1]. Invalid input (no categories, sizes that do not match, NaN or out-of-range probability, a true
// category outside 0..K-1) gives a reason naming the item and category, and no forecasts.
TopLabelForecasts topLabelForecasts(std::span<const double> probabilities, std::size_t categoryCount,
                                    std::span<const int> trueCategories);

// One bin of the reliability diagram: it holds the confidences in (lower, upper], the first bin also `lower` itself.
struct ReliabilityBin
{
    double lower = 0;
    double upper = 0;
    std::size_t count = 0;
    std::optional<double> meanConfidence;    // f_k; empty for an empty bin
    std::optional<double> observedFrequency; // ō_k, share of outcomes equal to 1; empty for an empty bin
};

struct BrierScore
{
    Estimate brier; // value = mean squared difference; nUnits = nRatings = n, nRaters = 1
    // Murphy's (1973) terms over the bins of the calibration; empty when brier is undefined.
    std::optional<double> reliability;
    std::optional<double> resolution;
    std::optional<double> uncertainty;
    // brier - (reliability - resolution + uncertainty), computed as that difference and never dropped.
    std::optional<double> residual;
    // Its parts (Stephenson et al. 2008): residual = withinBinVariance - 2 · withinBinCovariance up to rounding.
    std::optional<double> withinBinVariance;
    std::optional<double> withinBinCovariance;
};

struct HighConfidenceErrors
{
    double threshold = 0;
    std::size_t confident = 0; // m_t: predictions with confidence >= threshold
    std::size_t wrong = 0;     // w_t: of those, the wrong ones
    // value = wrong / confident with a Wilson interval; nUnits = nRatings = confident. Undefined when confident = 0.
    Estimate share;
};

struct RiskCoveragePoint
{
    double confidence = 0;   // v_g: this point covers every prediction with confidence >= v_g
    std::size_t covered = 0; // m_g
    std::size_t wrong = 0;   // wrong predictions among the covered ones
    double coverage = 0;     // m_g / n
    double risk = 0;         // wrong / m_g
};

struct RiskCoverageCurve
{
    std::vector<RiskCoveragePoint> points; // by decreasing confidence, so increasing coverage; the last has coverage 1
    Estimate aurc;                         // nUnits = nRatings = n, nRaters = 1
};

struct CalibrationResult
{
    CalibrationVariant variant = CalibrationVariant::PositiveClass;
    CalibrationBinning binning = CalibrationBinning::EqualWidth;
    std::size_t n = 0;  // forecasts used
    std::string reason; // why nothing could be computed; empty when the result is defined
    bool defined() const { return reason.empty(); }

    Estimate ece; // nUnits = nRatings = n, nRaters = 1
    Estimate mce;
    std::vector<double> edges;        // M + 1 edges e_0 = 0 … e_M = 1
    std::vector<ReliabilityBin> bins; // M bins, empty ones included
    BrierScore brier;
    std::vector<HighConfidenceErrors> wrongAtHighConfidence; // one per threshold, in the order given
    RiskCoverageCurve riskCoverage;
};

// Everything above. `confidences` and `outcomes` are (p_i, y_i) for the positive-class variant and (confidence,
// correct) for the top-label variant, as options.variant says.
CalibrationResult calibration(std::span<const double> confidences, std::span<const int> outcomes,
                              const CalibrationOptions &options = {});

// The Brier score and its decomposition alone (options.variant and the thresholds do not matter).
BrierScore brierScore(std::span<const double> confidences, std::span<const int> outcomes,
                      const CalibrationOptions &options = {});

// The two selective-prediction summaries on (confidence, correct) pairs of predictions, whatever the variant: to use
// them on positive-class probabilities, convert first (or call calibration(), which does).
std::vector<HighConfidenceErrors> wrongAtHighConfidence(std::span<const double> confidences,
                                                        std::span<const int> correct,
                                                        std::span<const double> thresholds,
                                                        double confidenceLevel = 0.95);
RiskCoverageCurve riskCoverage(std::span<const double> confidences, std::span<const int> correct);

// Index of the equal-width bin (of M) holding confidence c in [0, 1]: bin k is (k/M, (k+1)/M], 0 is in bin 0.
std::size_t equalWidthBinIndex(double confidence, std::size_t bins);

} // namespace concord::stats
