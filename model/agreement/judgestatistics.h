#pragma once

// The statistics of a judge run against the physicians' consensus, in the order every view lists them, each with its
// JSON key and its labels, so the JSON, the dashboard, the report and the command line name them alike.
#include "model/agreement/analysisresult.h"

#include <array>

namespace concord {

enum class JudgeStatistic
{
    Kappa,
    Spearman,
    KendallTauB,
    ExactAgreement,
    WithinOneAgreement,
    MeanSignedDifference,
    Sensitivity,
    Specificity,
    Ppv,
    Npv,
    F1,
};

// Where the statistic's JSON object sits under the judge's "versus_consensus".
enum class JudgeStatisticPlace
{
    VersusConsensus, // "versus_consensus"
    Confusion,       // "versus_consensus" / "confusion"
    BinaryView,      // "versus_consensus" / "confusion" / "binary", on axes with a binary view
};

struct JudgeStatisticInfo
{
    JudgeStatistic statistic;
    JudgeStatisticPlace place;
    const char *key;        // JSON key
    const char *shortLabel; // for a table cell, e.g. "PPV"
    const char *longLabel;  // for the report, e.g. "Positive predictive value"; the kappa's weights are named apart
};

inline constexpr std::array<JudgeStatisticInfo, 11> kJudgeStatistics{{
    {JudgeStatistic::Kappa, JudgeStatisticPlace::VersusConsensus, "kappa", "Cohen's kappa", "Cohen's kappa"},
    {JudgeStatistic::Spearman, JudgeStatisticPlace::VersusConsensus, "spearman", "Spearman's rho", "Spearman's rho"},
    {JudgeStatistic::KendallTauB, JudgeStatisticPlace::VersusConsensus, "kendall_tau_b", "Kendall's tau-b",
     "Kendall's tau-b"},
    {JudgeStatistic::ExactAgreement, JudgeStatisticPlace::Confusion, "exact_agreement", "Exact agreement",
     "Exact agreement"},
    {JudgeStatistic::WithinOneAgreement, JudgeStatisticPlace::Confusion, "within_one_agreement", "Within-one agreement",
     "Within-one agreement"},
    {JudgeStatistic::MeanSignedDifference, JudgeStatisticPlace::Confusion, "mean_signed_difference",
     "Mean signed difference", "Mean signed difference (judge − consensus)"},
    {JudgeStatistic::Sensitivity, JudgeStatisticPlace::BinaryView, "sensitivity", "Sensitivity",
     "Sensitivity (binary view)"},
    {JudgeStatistic::Specificity, JudgeStatisticPlace::BinaryView, "specificity", "Specificity", "Specificity"},
    {JudgeStatistic::Ppv, JudgeStatisticPlace::BinaryView, "ppv", "PPV", "Positive predictive value"},
    {JudgeStatistic::Npv, JudgeStatisticPlace::BinaryView, "npv", "NPV", "Negative predictive value"},
    {JudgeStatistic::F1, JudgeStatisticPlace::BinaryView, "f1", "F1", "F1"},
}};

const JudgeStatisticInfo &judgeStatisticInfo(JudgeStatistic statistic);

// A statistic of the result; `estimate` is null where the result has none (a binary measure without a binary view,
// or a confusion matrix that could not be computed), `bootstrap` where no interval was drawn for it.
struct JudgeStatisticValue
{
    const stats::Estimate *estimate = nullptr;
    const stats::BootstrapResult *bootstrap = nullptr;
};
JudgeStatisticValue judgeStatisticValue(const JudgeVersusConsensus &versus, JudgeStatistic statistic);

} // namespace concord
