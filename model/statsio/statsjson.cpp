#include "model/statsio/statsjson.h"

#include "stats/bootstrap.h"
#include "stats/calibration.h"
#include "stats/confusion.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QString>

namespace concord {

namespace {

void putOptional(QJsonObject &object, const QString &key, const std::optional<double> &value)
{
    if (value)
        object.insert(key, *value);
}

} // namespace

QJsonObject estimateToJson(const stats::Estimate &estimate)
{
    QJsonObject object;
    object.insert(QStringLiteral("value"), estimate.value ? QJsonValue(*estimate.value) : QJsonValue());
    if (!estimate.value)
        object.insert(QStringLiteral("reason"), QString::fromStdString(estimate.reason));
    putOptional(object, QStringLiteral("se"), estimate.se);
    if (estimate.ci) {
        object.insert(QStringLiteral("ci_lower"), estimate.ci->lower);
        object.insert(QStringLiteral("ci_upper"), estimate.ci->upper);
        object.insert(QStringLiteral("ci_method"), QString::fromLatin1(stats::intervalMethodName(estimate.ciMethod)));
        object.insert(QStringLiteral("confidence"), estimate.confidenceLevel);
    }
    putOptional(object, QStringLiteral("se0"), estimate.se0);
    putOptional(object, QStringLiteral("z"), estimate.z);
    putOptional(object, QStringLiteral("p_value"), estimate.pValue);
    putOptional(object, QStringLiteral("p_o"), estimate.observedAgreement);
    putOptional(object, QStringLiteral("p_e"), estimate.chanceAgreement);
    object.insert(QStringLiteral("n_units"), static_cast<qint64>(estimate.nUnits));
    object.insert(QStringLiteral("n_raters"), static_cast<qint64>(estimate.nRaters));
    object.insert(QStringLiteral("n_ratings"), static_cast<qint64>(estimate.nRatings));
    if (estimate.nUnitsExcluded > 0) {
        object.insert(QStringLiteral("n_units_excluded"), static_cast<qint64>(estimate.nUnitsExcluded));
        object.insert(QStringLiteral("exclusion_reason"), QString::fromStdString(estimate.exclusionReason));
    }
    return object;
}

QJsonObject bootstrapJson(const stats::BootstrapResult &result)
{
    QJsonObject object{{QStringLiteral("B"), static_cast<qint64>(result.requested)},
                       {QStringLiteral("used"), static_cast<qint64>(result.used)},
                       {QStringLiteral("seed"), QString::number(result.seed)},
                       {QStringLiteral("method"), QString::fromLatin1(stats::intervalMethodName(result.method))},
                       {QStringLiteral("confidence"), result.level}};
    if (result.ci) {
        object.insert(QStringLiteral("ci_lower"), result.ci->lower);
        object.insert(QStringLiteral("ci_upper"), result.ci->upper);
    } else {
        object.insert(QStringLiteral("ci_lower"), QJsonValue());
        object.insert(QStringLiteral("ci_upper"), QJsonValue());
        object.insert(QStringLiteral("reason"), QString::fromStdString(result.reason));
    }
    if (result.se)
        object.insert(QStringLiteral("se"), *result.se);
    return object;
}

QJsonObject binaryToJson(const stats::BinaryMeasures &binary)
{
    return QJsonObject{
        {QStringLiteral("true_positives"), qint64(binary.counts.truePositives)},
        {QStringLiteral("false_positives"), qint64(binary.counts.falsePositives)},
        {QStringLiteral("true_negatives"), qint64(binary.counts.trueNegatives)},
        {QStringLiteral("false_negatives"), qint64(binary.counts.falseNegatives)},
        {QStringLiteral("sensitivity"), estimateToJson(binary.sensitivity)},
        {QStringLiteral("specificity"), estimateToJson(binary.specificity)},
        {QStringLiteral("ppv"), estimateToJson(binary.ppv)},
        {QStringLiteral("npv"), estimateToJson(binary.npv)},
        {QStringLiteral("accuracy"), estimateToJson(binary.accuracy)},
        {QStringLiteral("f1"), estimateToJson(binary.f1)},
        {QStringLiteral("macro_f1"), estimateToJson(binary.macroF1)},
    };
}

QJsonObject confusionToJson(const stats::ConfusionResult &confusion)
{
    if (!confusion.defined())
        return QJsonObject{{QStringLiteral("reason"), QString::fromStdString(confusion.reason)}};
    QJsonArray categories, rows;
    for (double c : confusion.categories)
        categories.append(c);
    for (std::size_t r = 0; r < confusion.categories.size(); ++r) {
        QJsonArray row;
        for (std::size_t c = 0; c < confusion.categories.size(); ++c)
            row.append(qint64(confusion.count(r, c)));
        rows.append(row);
    }
    QJsonObject object{{QStringLiteral("categories"), categories},
                       {QStringLiteral("counts"), rows}, // rows: consensus; columns: judge
                       {QStringLiteral("pairs_used"), qint64(confusion.pairsUsed)},
                       {QStringLiteral("pairs_excluded"), qint64(confusion.pairsExcluded)},
                       {QStringLiteral("exact_agreement"), estimateToJson(confusion.exactAgreement)},
                       {QStringLiteral("within_one_agreement"), estimateToJson(confusion.withinOneAgreement)},
                       {QStringLiteral("mean_signed_difference"), estimateToJson(confusion.meanSignedDifference)}};
    if (confusion.binary)
        object.insert(QStringLiteral("binary"), binaryToJson(*confusion.binary));
    return object;
}

QJsonObject calibrationToJson(const stats::CalibrationResult &result)
{
    if (!result.defined())
        return QJsonObject{{QStringLiteral("reason"), QString::fromStdString(result.reason)}};
    QJsonArray counts, meanConfidence, observed, edges, wrongAtHigh, curve;
    for (const stats::ReliabilityBin &bin : result.bins) {
        counts.append(qint64(bin.count));
        meanConfidence.append(bin.meanConfidence ? QJsonValue(*bin.meanConfidence) : QJsonValue());
        observed.append(bin.observedFrequency ? QJsonValue(*bin.observedFrequency) : QJsonValue());
    }
    for (double edge : result.edges)
        edges.append(edge);
    for (const stats::HighConfidenceErrors &errors : result.wrongAtHighConfidence) {
        QJsonObject share = estimateToJson(errors.share);
        share.insert(QStringLiteral("threshold"), errors.threshold);
        share.insert(QStringLiteral("confident"), qint64(errors.confident));
        share.insert(QStringLiteral("wrong"), qint64(errors.wrong));
        wrongAtHigh.append(share);
    }
    for (const stats::RiskCoveragePoint &point : result.riskCoverage.points)
        curve.append(QJsonArray{point.coverage, point.risk});
    const auto optional = [](const std::optional<double> &value) { return value ? QJsonValue(*value) : QJsonValue(); };
    return QJsonObject{
        {QStringLiteral("variant"), QString::fromLatin1(stats::calibrationVariantName(result.variant))},
        {QStringLiteral("binning"), QString::fromLatin1(stats::calibrationBinningName(result.binning))},
        {QStringLiteral("n"), qint64(result.n)},
        {QStringLiteral("ece"), estimateToJson(result.ece)},
        {QStringLiteral("mce"), estimateToJson(result.mce)},
        {QStringLiteral("bin_edges"), edges},
        {QStringLiteral("bin_counts"), counts},
        {QStringLiteral("bin_mean_confidence"), meanConfidence},
        {QStringLiteral("bin_observed_frequency"), observed},
        {QStringLiteral("brier"), estimateToJson(result.brier.brier)},
        {QStringLiteral("reliability"), optional(result.brier.reliability)},
        {QStringLiteral("resolution"), optional(result.brier.resolution)},
        {QStringLiteral("uncertainty"), optional(result.brier.uncertainty)},
        {QStringLiteral("residual"), optional(result.brier.residual)},
        {QStringLiteral("wrong_at_high_confidence"), wrongAtHigh},
        {QStringLiteral("risk_coverage"), curve}, // (coverage, risk) by decreasing confidence
        {QStringLiteral("aurc"), estimateToJson(result.riskCoverage.aurc)},
    };
}

} // namespace concord
