#include "stats/confusion.h"

#include "stats/inference.h"
#include "stats/ratingmatrix.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <sstream>

namespace concord::stats {

namespace {

void setCounts(Estimate &e, std::size_t units)
{
    e.nUnits = units;
    e.nRaters = units > 0 ? 2 : 0;
    e.nRatings = 2 * units;
}

// successes / trials with a Wilson interval and the Wald standard error; undefined (with `whenEmpty`) for no trials.
Estimate proportion(std::size_t successes, std::size_t trials, double confidence, const std::string &whenEmpty)
{
    Estimate e = trials == 0 ? Estimate::undefined(whenEmpty) : Estimate{};
    e.confidenceLevel = confidence;
    setCounts(e, trials);
    if (trials == 0)
        return e;
    const double n = static_cast<double>(trials);
    const double p = static_cast<double>(successes) / n;
    e.value = p;
    e.se = std::sqrt(p * (1 - p) / n);
    e.ci = wilsonInterval(static_cast<double>(successes), n, confidence);
    e.ciMethod = IntervalMethod::Wilson;
    return e;
}

// numerator / denominator without an interval (the F1 scores).
Estimate ratio(double numerator, double denominator, std::size_t units, double confidence, const std::string &whenZero)
{
    Estimate e = denominator > 0 ? Estimate{} : Estimate::undefined(whenZero);
    e.confidenceLevel = confidence;
    setCounts(e, units);
    if (denominator > 0)
        e.value = numerator / denominator;
    return e;
}

std::string describe(double value)
{
    std::ostringstream text;
    text << value;
    return text.str();
}

void markExclusions(Estimate &e, const ConfusionResult &result)
{
    e.nUnitsExcluded = result.pairsExcluded;
    e.exclusionReason = result.exclusionReason;
}

} // namespace

BinaryMeasures binaryMeasures(const BinaryCounts &c, double confidence)
{
    BinaryMeasures m;
    m.counts = c;
    const std::size_t positives = c.truePositives + c.falseNegatives; // by the reference
    const std::size_t negatives = c.trueNegatives + c.falsePositives;
    const std::size_t predictedPositives = c.truePositives + c.falsePositives; // by the judge
    const std::size_t predictedNegatives = c.trueNegatives + c.falseNegatives;
    m.sensitivity = proportion(c.truePositives, positives, confidence,
                               "sensitivity is undefined: the reference has no positive (unsafe) item");
    m.specificity = proportion(c.trueNegatives, negatives, confidence,
                               "specificity is undefined: the reference has no negative (safe) item");
    m.ppv = proportion(c.truePositives, predictedPositives, confidence,
                       "PPV is undefined: the judge calls no item positive (unsafe)");
    m.npv = proportion(c.trueNegatives, predictedNegatives, confidence,
                       "NPV is undefined: the judge calls no item negative (safe)");
    m.accuracy = proportion(c.truePositives + c.trueNegatives, c.total(), confidence, "there are no pairs");

    const double tp = static_cast<double>(c.truePositives), tn = static_cast<double>(c.trueNegatives);
    const double errors = static_cast<double>(c.falsePositives + c.falseNegatives);
    m.f1 = ratio(2 * tp, 2 * tp + errors, c.total(), confidence,
                 "F1 of the positive class is undefined: neither the judge nor the reference has a positive item");
    m.f1Negative =
        ratio(2 * tn, 2 * tn + errors, c.total(), confidence,
              "F1 of the negative class is undefined: neither the judge nor the reference has a negative item");
    if (m.f1.defined() && m.f1Negative.defined()) {
        m.macroF1 = ratio(*m.f1.value + *m.f1Negative.value, 2, c.total(), confidence, {});
    } else {
        m.macroF1 =
            Estimate::undefined("macro-F1 is undefined: " + (m.f1.defined() ? m.f1Negative.reason : m.f1.reason));
        m.macroF1.confidenceLevel = confidence;
        setCounts(m.macroF1, c.total());
    }
    return m;
}

ConfusionResult confusionMatrix(std::span<const double> reference, std::span<const double> judge,
                                const ConfusionOptions &options)
{
    ConfusionResult result;
    result.threshold = options.unsafeThreshold;
    const double confidence = options.confidence;
    auto undefinedAll = [&](const std::string &why) {
        result.reason = why;
        for (Estimate *e : {&result.exactAgreement, &result.withinOneAgreement, &result.meanSignedDifference}) {
            *e = Estimate::undefined(why);
            e->confidenceLevel = confidence;
            setCounts(*e, result.pairsUsed);
            markExclusions(*e, result);
        }
        result.binary.reset();
        return result;
    };

    if (reference.size() != judge.size())
        return undefinedAll("the reference and the judge differ in length (" + std::to_string(reference.size()) +
                            " and " + std::to_string(judge.size()) + " values)");
    if (!validConfidenceLevel(confidence))
        return undefinedAll("the confidence level must be strictly between 0 and 1");
    if (options.unsafeThreshold && !std::isfinite(*options.unsafeThreshold))
        return undefinedAll("the unsafe threshold must be a finite number");

    for (std::size_t i = 0; i < reference.size(); ++i) {
        if (std::isnan(reference[i]) || std::isnan(judge[i]))
            ++result.pairsExcluded;
    }
    result.pairsUsed = reference.size() - result.pairsExcluded;
    if (result.pairsExcluded > 0)
        result.exclusionReason = std::to_string(result.pairsExcluded) +
                                 " items lack the reference's or the judge's rating (NaN) and were left out";

    // Categories: declared (sorted, distinct) or those observed.
    std::vector<double> &categories = result.categories;
    if (!options.categories.empty()) {
        categories = options.categories;
        if (std::any_of(categories.begin(), categories.end(), [](double v) { return !std::isfinite(v); }))
            return undefinedAll("a declared category is not a finite number");
    } else {
        categories.reserve(2 * result.pairsUsed);
        for (std::size_t i = 0; i < reference.size(); ++i) {
            if (!std::isnan(reference[i]) && !std::isnan(judge[i])) {
                categories.push_back(reference[i]);
                categories.push_back(judge[i]);
            }
        }
    }
    std::sort(categories.begin(), categories.end());
    categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
    categories.shrink_to_fit();
    const std::size_t q = categories.size();

    if (result.pairsUsed == 0)
        return undefinedAll("no item has both a reference and a judge rating");

    result.counts.assign(q * q, 0);
    std::size_t exact = 0, withinOne = 0;
    BinaryCounts binary;
    double differenceSum = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const double r = reference[i], j = judge[i];
        if (std::isnan(r) || std::isnan(j))
            continue;
        if (!std::isfinite(r) || !std::isfinite(j)) {
            result.counts.clear();
            return undefinedAll("the " + std::string(std::isfinite(r) ? "judge" : "reference") + " rating of item " +
                                std::to_string(i) + " (0-based) is not a finite number");
        }
        const int ri = categoryIndex(categories, r), ji = categoryIndex(categories, j);
        if (ri < 0 || ji < 0) {
            result.counts.clear();
            return undefinedAll("the " + std::string(ri < 0 ? "reference" : "judge") + " rating " +
                                describe(ri < 0 ? r : j) + " of item " + std::to_string(i) +
                                " (0-based) is not one of the declared categories");
        }
        ++result.counts[static_cast<std::size_t>(ri) * q + static_cast<std::size_t>(ji)];
        exact += ri == ji;
        withinOne += std::abs(ri - ji) <= 1;
        differenceSum += j - r;
        if (options.unsafeThreshold) {
            const bool referencePositive = r >= *options.unsafeThreshold;
            const bool judgePositive = j >= *options.unsafeThreshold;
            if (referencePositive)
                ++(judgePositive ? binary.truePositives : binary.falseNegatives);
            else
                ++(judgePositive ? binary.falsePositives : binary.trueNegatives);
        }
    }

    const std::size_t n = result.pairsUsed;
    result.exactAgreement = proportion(exact, n, confidence, {});
    result.withinOneAgreement = proportion(withinOne, n, confidence, {});

    // Mean signed difference, second pass for the variance (numerically safer than the sum of squares).
    Estimate &msd = result.meanSignedDifference;
    msd.confidenceLevel = confidence;
    const double nn = static_cast<double>(n);
    const double mean = differenceSum / nn;
    msd.value = mean;
    setCounts(msd, n);
    if (n >= 2) {
        double squares = 0;
        for (std::size_t i = 0; i < reference.size(); ++i) {
            if (!std::isnan(reference[i]) && !std::isnan(judge[i])) {
                const double d = judge[i] - reference[i] - mean;
                squares += d * d;
            }
        }
        const double se = std::sqrt(squares / (nn - 1) / nn);
        msd.se = se;
        setStudentInterval(msd, confidence, nn - 1, -std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::infinity());
        if (se > 0) {
            const double t = mean / se;
            msd.pValue = 2 * boost::math::cdf(boost::math::complement(
                                 boost::math::students_t_distribution<double>(nn - 1), std::abs(t)));
        }
    }

    if (options.unsafeThreshold)
        result.binary = binaryMeasures(binary, confidence);

    for (Estimate *e : {&result.exactAgreement, &result.withinOneAgreement, &result.meanSignedDifference})
        markExclusions(*e, result);
    if (result.binary) {
        for (Estimate *e :
             {&result.binary->sensitivity, &result.binary->specificity, &result.binary->ppv, &result.binary->npv,
              &result.binary->accuracy, &result.binary->f1, &result.binary->f1Negative, &result.binary->macroF1})
            markExclusions(*e, result);
    }
    return result;
}

} // namespace concord::stats
