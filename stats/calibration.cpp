#include "stats/calibration.h"

#include "stats/inference.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <utility>

namespace concord::stats {

namespace {

std::string formatNumber(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

// Empty when c is a usable probability, else why not (naming `what` and the index).
std::string probabilityProblem(double c, std::size_t index, const char *what)
{
    if (std::isnan(c))
        return std::string(what) + " at index " + std::to_string(index) + " is NaN";
    if (c < 0.0 || c > 1.0)
        return std::string(what) + " at index " + std::to_string(index) + " is " + formatNumber(c) + ", outside [0, 1]";
    return {};
}

std::string forecastsProblem(std::span<const double> confidences, std::span<const int> outcomes,
                             const char *confidenceWord, const char *outcomeWord)
{
    if (confidences.size() != outcomes.size())
        return std::to_string(confidences.size()) + " " + confidenceWord + " values but " +
               std::to_string(outcomes.size()) + " " + outcomeWord + " values";
    if (confidences.empty())
        return "no forecasts";
    for (std::size_t i = 0; i < confidences.size(); ++i) {
        if (std::string problem = probabilityProblem(confidences[i], i, confidenceWord); !problem.empty())
            return problem;
        if (outcomes[i] != 0 && outcomes[i] != 1)
            return std::string(outcomeWord) + " at index " + std::to_string(i) + " is " + std::to_string(outcomes[i]) +
                   ", not 0 or 1";
    }
    return {};
}

std::string thresholdProblem(double threshold)
{
    if (std::isnan(threshold) || threshold < 0.0 || threshold > 1.0)
        return "high-confidence threshold " + formatNumber(threshold) + " is outside [0, 1]";
    return {};
}

std::string binsProblem(std::size_t bins)
{
    if (bins == 0)
        return "the number of bins must be at least 1";
    if (bins > maximumCalibrationBins)
        return "the number of bins " + std::to_string(bins) + " is above the limit of " +
               std::to_string(maximumCalibrationBins);
    return {};
}

Estimate countedEstimate(double value, std::size_t n)
{
    Estimate estimate;
    estimate.value = value;
    estimate.nUnits = n;
    estimate.nRaters = 1;
    estimate.nRatings = n;
    return estimate;
}

// Maps a confidence to its bin under either binning, with the edges e_0..e_M.
class BinAssigner
{
public:
    BinAssigner(std::span<const double> confidences, CalibrationBinning binning, std::size_t bins)
        : m_binning(binning)
        , m_bins(bins)
        , m_edges(bins + 1)
    {
        const double m = static_cast<double>(bins);
        if (binning == CalibrationBinning::EqualWidth) {
            for (std::size_t k = 0; k <= bins; ++k)
                m_edges[k] = static_cast<double>(k) / m;
            return;
        }
        // Inner edge k is the ceil(k·n/M)-th smallest confidence (1-based), the type-1 empirical k/M quantile. The
        // ranks increase with k, so each selection only partitions what lies above the previous one: O(n log M).
        std::vector<double> values(confidences.begin(), confidences.end());
        const std::size_t n = values.size();
        m_edges.front() = 0.0;
        m_edges.back() = 1.0;
        std::size_t selectedFrom = 0; // values[0, selectedFrom) are placed and no larger than what follows
        for (std::size_t k = 1; k < bins; ++k) {
            const std::size_t position = (k * n + bins - 1) / bins - 1; // ceil(k·n/M) - 1; ceil(k·n/M) >= 1
            if (position >= selectedFrom) {
                std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(selectedFrom),
                                 values.begin() + static_cast<std::ptrdiff_t>(position), values.end());
                selectedFrom = position + 1;
            }
            m_edges[k] = values[position];
        }
    }

    std::size_t index(double c) const
    {
        if (m_binning == CalibrationBinning::EqualWidth)
            return equalWidthBinIndex(c, m_bins);
        // First inner edge >= c: bin k is (e_k, e_{k+1}]; above every inner edge, the last bin.
        const auto innerBegin = m_edges.begin() + 1;
        const auto innerEnd = m_edges.end() - 1;
        return static_cast<std::size_t>(std::lower_bound(innerBegin, innerEnd, c) - innerBegin);
    }

    const std::vector<double> &edges() const { return m_edges; }

private:
    CalibrationBinning m_binning;
    std::size_t m_bins;
    std::vector<double> m_edges;
};

struct BinnedSummary
{
    std::vector<ReliabilityBin> bins;
    double ece = 0;
    std::optional<double> mce; // empty only if no bin is filled, which cannot happen for n >= 1
    BrierScore brier;
};

// Reliability bins, ECE, MCE and the Brier decomposition over the bins, for validated forecasts (n >= 1).
BinnedSummary summarizeBins(std::span<const double> confidences, std::span<const int> outcomes,
                            const BinAssigner &assigner)
{
    const std::vector<double> &edges = assigner.edges();
    const std::size_t binCount = edges.size() - 1;
    const std::size_t n = confidences.size();
    const double nd = static_cast<double>(n);

    std::vector<double> sumConfidence(binCount, 0.0);
    std::vector<double> sumOutcome(binCount, 0.0);
    std::vector<std::size_t> counts(binCount, 0);
    double squaredErrors = 0;
    double positives = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = assigner.index(confidences[i]);
        const double c = confidences[i];
        const double o = static_cast<double>(outcomes[i]);
        ++counts[k];
        sumConfidence[k] += c;
        sumOutcome[k] += o;
        squaredErrors += (c - o) * (c - o);
        positives += o;
    }

    BinnedSummary summary;
    summary.bins.resize(binCount);
    const double baseRate = positives / nd;
    double reliability = 0;
    double resolution = 0;
    for (std::size_t k = 0; k < binCount; ++k) {
        ReliabilityBin &bin = summary.bins[k];
        bin.lower = edges[k];
        bin.upper = edges[k + 1];
        bin.count = counts[k];
        if (counts[k] == 0)
            continue;
        const double nk = static_cast<double>(counts[k]);
        const double meanConfidence = sumConfidence[k] / nk;
        const double frequency = sumOutcome[k] / nk;
        bin.meanConfidence = meanConfidence;
        bin.observedFrequency = frequency;
        const double gap = std::abs(meanConfidence - frequency);
        summary.ece += nk / nd * gap;
        summary.mce = std::max(summary.mce.value_or(0.0), gap);
        reliability += nk * (meanConfidence - frequency) * (meanConfidence - frequency);
        resolution += nk * (frequency - baseRate) * (frequency - baseRate);
    }

    // Second pass for the within-bin terms, around the bin means (not from raw sums, which would cancel).
    double withinVariance = 0;
    double withinCovariance = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const ReliabilityBin &bin = summary.bins[assigner.index(confidences[i])];
        const double dc = confidences[i] - *bin.meanConfidence;
        withinVariance += dc * dc;
        withinCovariance += dc * (static_cast<double>(outcomes[i]) - *bin.observedFrequency);
    }

    BrierScore &brier = summary.brier;
    brier.brier = countedEstimate(squaredErrors / nd, n);
    brier.reliability = reliability / nd;
    brier.resolution = resolution / nd;
    brier.uncertainty = baseRate * (1.0 - baseRate);
    brier.residual = *brier.brier.value - (*brier.reliability - *brier.resolution + *brier.uncertainty);
    brier.withinBinVariance = withinVariance / nd;
    brier.withinBinCovariance = withinCovariance / nd;
    return summary;
}

// The binary top label of positive-class forecasts: predicted 1 when p > 0.5, else 0 (the tie at 0.5 goes to the
// lower category); confidence max(p, 1 - p); right when the prediction equals the label.
void binaryTopLabel(std::span<const double> probabilities, std::span<const int> labels, std::vector<double> &confidence,
                    std::vector<int> &correct)
{
    confidence.resize(probabilities.size());
    correct.resize(probabilities.size());
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
        const double p = probabilities[i];
        const int predicted = p > 0.5 ? 1 : 0;
        confidence[i] = predicted == 1 ? p : 1.0 - p;
        correct[i] = predicted == labels[i] ? 1 : 0;
    }
}

std::vector<HighConfidenceErrors> countHighConfidenceErrors(std::span<const double> confidences,
                                                            std::span<const int> correct,
                                                            std::span<const double> thresholds, double level)
{
    std::vector<HighConfidenceErrors> results(thresholds.size());
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        HighConfidenceErrors &result = results[t];
        result.threshold = thresholds[t];
        for (std::size_t i = 0; i < confidences.size(); ++i) {
            if (confidences[i] >= result.threshold) {
                ++result.confident;
                if (correct[i] == 0)
                    ++result.wrong;
            }
        }
        if (result.confident == 0) {
            result.share =
                Estimate::undefined("no prediction with confidence at or above " + formatNumber(result.threshold));
            continue;
        }
        const double wrong = static_cast<double>(result.wrong);
        const double confident = static_cast<double>(result.confident);
        result.share = countedEstimate(wrong / confident, result.confident);
        result.share.confidenceLevel = level;
        result.share.ci = wilsonInterval(wrong, confident, level);
        result.share.ciMethod = IntervalMethod::Wilson;
    }
    return results;
}

RiskCoverageCurve buildRiskCoverage(std::span<const double> confidences, std::span<const int> correct)
{
    // Right and wrong predictions are sorted apart, as plain numbers (faster than sorting pairs), then merged from the
    // top: each step takes in every prediction, right or wrong, at the next lower confidence value.
    const std::size_t n = confidences.size();
    std::vector<double> rightConfidences;
    std::vector<double> wrongConfidences;
    for (std::size_t i = 0; i < n; ++i)
        (correct[i] == 0 ? wrongConfidences : rightConfidences).push_back(confidences[i]);
    std::sort(rightConfidences.begin(), rightConfidences.end(), std::greater<>());
    std::sort(wrongConfidences.begin(), wrongConfidences.end(), std::greater<>());

    RiskCoverageCurve curve;
    const double nd = static_cast<double>(n);
    std::size_t right = 0;
    std::size_t wrong = 0;
    double area = 0;
    while (right + wrong < n) {
        double value = -1.0; // below every confidence
        if (right < rightConfidences.size())
            value = rightConfidences[right];
        if (wrong < wrongConfidences.size())
            value = std::max(value, wrongConfidences[wrong]);
        const std::size_t coveredBefore = right + wrong;
        while (right < rightConfidences.size() && rightConfidences[right] == value)
            ++right;
        while (wrong < wrongConfidences.size() && wrongConfidences[wrong] == value)
            ++wrong;
        RiskCoveragePoint point;
        point.confidence = value;
        point.covered = right + wrong;
        point.wrong = wrong;
        point.coverage = static_cast<double>(point.covered) / nd;
        point.risk = static_cast<double>(wrong) / static_cast<double>(point.covered);
        area += static_cast<double>(point.covered - coveredBefore) * point.risk;
        curve.points.push_back(point);
    }
    curve.aurc = countedEstimate(area / nd, n);
    return curve;
}

} // namespace

const char *calibrationVariantName(CalibrationVariant variant)
{
    switch (variant) {
    case CalibrationVariant::PositiveClass:
        return "positive_class";
    case CalibrationVariant::TopLabel:
        return "top_label";
    }
    return "";
}

std::optional<CalibrationVariant> calibrationVariantFromName(std::string_view name)
{
    for (CalibrationVariant variant : {CalibrationVariant::PositiveClass, CalibrationVariant::TopLabel})
        if (name == calibrationVariantName(variant))
            return variant;
    return std::nullopt;
}

const char *calibrationBinningName(CalibrationBinning binning)
{
    switch (binning) {
    case CalibrationBinning::EqualWidth:
        return "equal_width";
    case CalibrationBinning::EqualMass:
        return "equal_mass";
    }
    return "";
}

std::optional<CalibrationBinning> calibrationBinningFromName(std::string_view name)
{
    for (CalibrationBinning binning : {CalibrationBinning::EqualWidth, CalibrationBinning::EqualMass})
        if (name == calibrationBinningName(binning))
            return binning;
    return std::nullopt;
}

std::size_t equalWidthBinIndex(double confidence, std::size_t bins)
{
    if (bins <= 1 || !(confidence > 0.0))
        return 0;
    const double m = static_cast<double>(bins);
    const double scaled = std::ceil(confidence * m) - 1.0;
    std::size_t k = scaled <= 0.0 ? 0 : std::min(static_cast<std::size_t>(scaled), bins - 1);
    // c·M may round across an edge; the edges themselves are double(k)/M, so compare against those.
    while (k > 0 && confidence <= static_cast<double>(k) / m)
        --k;
    while (k + 1 < bins && confidence > static_cast<double>(k + 1) / m)
        ++k;
    return k;
}

TopLabelForecasts topLabelForecasts(std::span<const double> probabilities, std::size_t categoryCount,
                                    std::span<const int> trueCategories)
{
    TopLabelForecasts result;
    if (categoryCount == 0) {
        result.reason = "no categories";
        return result;
    }
    const std::size_t items = trueCategories.size();
    if (probabilities.size() != items * categoryCount) {
        result.reason = std::to_string(probabilities.size()) + " probabilities for " + std::to_string(items) +
                        " items × " + std::to_string(categoryCount) + " categories";
        return result;
    }
    result.confidence.resize(items);
    result.correct.resize(items);
    result.predicted.resize(items);
    for (std::size_t i = 0; i < items; ++i) {
        const std::span<const double> row = probabilities.subspan(i * categoryCount, categoryCount);
        std::size_t best = 0;
        for (std::size_t j = 0; j < categoryCount; ++j) {
            const double p = row[j];
            if (std::isnan(p) || p < 0.0 || p > 1.0) {
                result = {};
                result.reason = "probability of category " + std::to_string(j) + " for the item at index " +
                                std::to_string(i) +
                                (std::isnan(p) ? " is NaN" : " is " + formatNumber(p) + ", outside [0, 1]");
                return result;
            }
            if (p > row[best]) // strictly greater: among equal maxima the lowest index stays
                best = j;
        }
        const int truth = trueCategories[i];
        if (truth < 0 || static_cast<std::size_t>(truth) >= categoryCount) {
            result = {};
            result.reason = "true category at index " + std::to_string(i) + " is " + std::to_string(truth) +
                            ", not between 0 and " + std::to_string(categoryCount - 1);
            return result;
        }
        result.confidence[i] = row[best];
        result.predicted[i] = best;
        result.correct[i] = static_cast<std::size_t>(truth) == best ? 1 : 0;
    }
    return result;
}

CalibrationResult calibration(std::span<const double> confidences, std::span<const int> outcomes,
                              const CalibrationOptions &options)
{
    CalibrationResult result;
    result.variant = options.variant;
    result.binning = options.binning;
    const bool positiveClass = options.variant == CalibrationVariant::PositiveClass;

    std::string problem = binsProblem(options.bins);
    for (std::size_t t = 0; problem.empty() && t < options.highConfidenceThresholds.size(); ++t)
        problem = thresholdProblem(options.highConfidenceThresholds[t]);
    if (problem.empty() && !validConfidenceLevel(options.confidenceLevel))
        problem = "confidence level " + formatNumber(options.confidenceLevel) + " is not between 0 and 1";
    if (problem.empty())
        problem = positiveClass ? forecastsProblem(confidences, outcomes, "probability", "label")
                                : forecastsProblem(confidences, outcomes, "confidence", "correct");
    if (!problem.empty()) {
        result.reason = problem;
        result.ece = Estimate::undefined(problem);
        result.mce = Estimate::undefined(problem);
        result.brier.brier = Estimate::undefined(problem);
        result.riskCoverage.aurc = Estimate::undefined(problem);
        return result;
    }

    const std::size_t n = confidences.size();
    result.n = n;
    const BinAssigner assigner(confidences, options.binning, options.bins);
    BinnedSummary summary = summarizeBins(confidences, outcomes, assigner);
    result.edges = assigner.edges();
    result.bins = std::move(summary.bins);
    result.ece = countedEstimate(summary.ece, n);
    result.mce = countedEstimate(summary.mce.value_or(0.0), n);
    result.brier = std::move(summary.brier);

    std::vector<double> predictionConfidence;
    std::vector<int> predictionCorrect;
    std::span<const double> selectiveConfidence = confidences;
    std::span<const int> selectiveCorrect = outcomes;
    if (positiveClass) {
        binaryTopLabel(confidences, outcomes, predictionConfidence, predictionCorrect);
        selectiveConfidence = predictionConfidence;
        selectiveCorrect = predictionCorrect;
    }
    result.wrongAtHighConfidence = countHighConfidenceErrors(selectiveConfidence, selectiveCorrect,
                                                             options.highConfidenceThresholds, options.confidenceLevel);
    result.riskCoverage = buildRiskCoverage(selectiveConfidence, selectiveCorrect);
    return result;
}

BrierScore brierScore(std::span<const double> confidences, std::span<const int> outcomes,
                      const CalibrationOptions &options)
{
    std::string problem = binsProblem(options.bins);
    if (problem.empty())
        problem = forecastsProblem(confidences, outcomes, "probability", "outcome");
    if (!problem.empty()) {
        BrierScore score;
        score.brier = Estimate::undefined(problem);
        return score;
    }
    const BinAssigner assigner(confidences, options.binning, options.bins);
    return summarizeBins(confidences, outcomes, assigner).brier;
}

std::vector<HighConfidenceErrors> wrongAtHighConfidence(std::span<const double> confidences,
                                                        std::span<const int> correct,
                                                        std::span<const double> thresholds, double confidenceLevel)
{
    std::string problem = forecastsProblem(confidences, correct, "confidence", "correct");
    if (problem.empty() && !validConfidenceLevel(confidenceLevel))
        problem = "confidence level " + formatNumber(confidenceLevel) + " is not between 0 and 1";
    if (problem.empty()) {
        std::vector<HighConfidenceErrors> results =
            countHighConfidenceErrors(confidences, correct, thresholds, confidenceLevel);
        for (HighConfidenceErrors &result : results) {
            if (std::string thresholdIssue = thresholdProblem(result.threshold); !thresholdIssue.empty()) {
                result.confident = 0;
                result.wrong = 0;
                result.share = Estimate::undefined(thresholdIssue);
            }
        }
        return results;
    }
    std::vector<HighConfidenceErrors> results(thresholds.size());
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        results[t].threshold = thresholds[t];
        results[t].share = Estimate::undefined(problem);
    }
    return results;
}

RiskCoverageCurve riskCoverage(std::span<const double> confidences, std::span<const int> correct)
{
    if (std::string problem = forecastsProblem(confidences, correct, "confidence", "correct"); !problem.empty()) {
        RiskCoverageCurve curve;
        curve.aurc = Estimate::undefined(problem);
        return curve;
    }
    return buildRiskCoverage(confidences, correct);
}

} // namespace concord::stats
