#pragma once

// A judge (or a second rater) against a reference, item by item: the confusion matrix over the declared categories,
// exact and within-one agreement, the mean signed difference (leniency), and for a binary view at an "unsafe" threshold
// sensitivity, specificity, PPV, NPV, accuracy, F1 and macro-F1. Proportions carry Wilson (1927, JASA 22:209-212)
// score intervals. Definitions as in scikit-learn's metrics (confusion_matrix, precision_recall_fscore_support,
// f1_score), except that a measure whose denominator is 0 is undefined with a reason, where scikit-learn returns 0.
//
// - Pairs: item i pairs reference[i] with judge[i]; a pair with a NaN in either is left out and counted. The two spans
//   must have the same length.
// - Categories: the declared ones (sorted, distinct) when given, so an unused scale point is a zero row and column;
//   otherwise the distinct values of both series. A value outside the declared categories makes the whole result
//   undefined with a reason naming it.
// - Matrix: counts[r · q + j] = pairs with the reference in category r and the judge in category j (rows reference,
//   columns judge, as sklearn.metrics.confusion_matrix(y_true = reference, y_pred = judge)).
// - Exact agreement: share of pairs in the same category. Within-one: share with category indices at most one apart
//   (|index(judge) − index(reference)| <= 1, i.e. adjacent scale points of the sorted categories, whatever their
//   numeric spacing). Both with Wilson intervals and the Wald standard error √(p(1 − p)/n) in Estimate::se.
// - Mean signed difference: mean of judge − reference on the values; negative means the judge rates lower than the
//   reference (on a harm scale, more lenient). Standard error s/√n (s the sample standard deviation of the
//   differences), interval mean ± t(n − 1)·SE (Student, not capped), and the paired t test of a zero mean
//   (Estimate::pValue). n = 1: no standard error; s = 0: standard error 0, interval [mean, mean], no p-value.
// - Binary view (when a threshold is given): a value >= threshold is positive ("unsafe"), on both sides.
//   sensitivity = TP/(TP + FN), specificity = TN/(TN + FP), PPV = TP/(TP + FP), NPV = TN/(TN + FN),
//   accuracy = (TP + TN)/n, each with a Wilson interval and Wald SE; F1 = 2TP/(2TP + FP + FN) of the positive class,
//   F1 of the negative class = 2TN/(2TN + FN + FP), macro-F1 = their mean (undefined when either is) — the F1 values
//   have no analytic interval (use the bootstrap). For a measure conditional on a class, Estimate::nUnits is the
//   number of pairs in its denominator.
// - Every Estimate carries nRaters = 2, nRatings = 2 · nUnits, and the count and reason of the pairs left out.
// Time O(n log q) (one binary search per value; O(n log n) when categories are taken from the data), memory O(n + q²).
#include "stats/estimate.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace concord::stats {

struct ConfusionOptions
{
    std::vector<double> categories; // declared categories (the rubric's scale points); empty: the values observed
    double confidence = 0.95;
    std::optional<double> unsafeThreshold; // binary view: a value >= threshold is positive; none: no binary view
};

struct BinaryCounts
{
    std::size_t truePositives = 0;  // both positive
    std::size_t falsePositives = 0; // judge positive, reference negative
    std::size_t trueNegatives = 0;  // both negative
    std::size_t falseNegatives = 0; // judge negative, reference positive

    std::size_t total() const { return truePositives + falsePositives + trueNegatives + falseNegatives; }
};

struct BinaryMeasures
{
    BinaryCounts counts;
    Estimate sensitivity; // recall of the positive class
    Estimate specificity; // recall of the negative class
    Estimate ppv;         // precision of the positive class
    Estimate npv;         // precision of the negative class
    Estimate accuracy;
    Estimate f1;         // positive class; value only
    Estimate f1Negative; // negative class; value only
    Estimate macroF1;    // mean of f1 and f1Negative; value only
};

struct ConfusionResult
{
    std::string reason; // why nothing could be computed; empty otherwise
    std::vector<double> categories;
    std::vector<std::size_t> counts; // q × q, row-major: row = reference category, column = judge category
    std::size_t pairsUsed = 0;
    std::size_t pairsExcluded = 0;
    std::string exclusionReason;

    Estimate exactAgreement;
    Estimate withinOneAgreement;
    Estimate meanSignedDifference; // judge − reference
    std::optional<double> threshold;
    std::optional<BinaryMeasures> binary; // when a threshold was given and the result is defined

    bool defined() const { return reason.empty(); }
    std::size_t count(std::size_t referenceCategory, std::size_t judgeCategory) const
    {
        return counts[referenceCategory * categories.size() + judgeCategory];
    }
};

ConfusionResult confusionMatrix(std::span<const double> reference, std::span<const double> judge,
                                const ConfusionOptions &options = {});

// The binary measures of a 2 × 2 table (public for tests and for callers that already hold the counts). The counts of
// the returned estimates are nUnits (as above), nRaters = 2 and nRatings = 2 · nUnits.
BinaryMeasures binaryMeasures(const BinaryCounts &counts, double confidence = 0.95);

} // namespace concord::stats
