#include "model/agreement/judgestatistics.h"

namespace concord {

namespace {

// The table is indexed by the enum's value; this keeps the two in step.
constexpr bool tableInEnumOrder()
{
    for (std::size_t i = 0; i < kJudgeStatistics.size(); ++i) {
        if (static_cast<std::size_t>(kJudgeStatistics[i].statistic) != i)
            return false;
    }
    return true;
}
static_assert(tableInEnumOrder());

} // namespace

const JudgeStatisticInfo &judgeStatisticInfo(JudgeStatistic statistic)
{
    return kJudgeStatistics[static_cast<std::size_t>(statistic)];
}

JudgeStatisticValue judgeStatisticValue(const JudgeVersusConsensus &versus, JudgeStatistic statistic)
{
    const stats::ConfusionResult &confusion = versus.confusion;
    const stats::BinaryMeasures *binary = confusion.binary ? &*confusion.binary : nullptr;
    const auto confusionValue = [&](const stats::Estimate &estimate) {
        return confusion.defined() ? JudgeStatisticValue{&estimate, nullptr} : JudgeStatisticValue{};
    };
    const auto binaryValue = [&](const stats::Estimate stats::BinaryMeasures::*member) {
        return binary ? JudgeStatisticValue{&(binary->*member), nullptr} : JudgeStatisticValue{};
    };
    switch (statistic) {
    case JudgeStatistic::Kappa:
        return {&versus.kappa.kappa.estimate, versus.kappa.kappa.bootstrap ? &*versus.kappa.kappa.bootstrap : nullptr};
    case JudgeStatistic::Spearman:
        return {&versus.spearman, nullptr};
    case JudgeStatistic::KendallTauB:
        return {&versus.kendallTauB, nullptr};
    case JudgeStatistic::ExactAgreement:
        return confusionValue(confusion.exactAgreement);
    case JudgeStatistic::WithinOneAgreement:
        return confusionValue(confusion.withinOneAgreement);
    case JudgeStatistic::MeanSignedDifference:
        return confusionValue(confusion.meanSignedDifference);
    case JudgeStatistic::Sensitivity:
        return binaryValue(&stats::BinaryMeasures::sensitivity);
    case JudgeStatistic::Specificity:
        return binaryValue(&stats::BinaryMeasures::specificity);
    case JudgeStatistic::Ppv:
        return binaryValue(&stats::BinaryMeasures::ppv);
    case JudgeStatistic::Npv:
        return binaryValue(&stats::BinaryMeasures::npv);
    case JudgeStatistic::F1:
        return binaryValue(&stats::BinaryMeasures::f1);
    }
    return {};
}

} // namespace concord
