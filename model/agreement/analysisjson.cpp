#include "model/agreement/analysisjson.h"

#include "model/agreement/estimateformat.h"
#include "model/agreement/judgestatistics.h"
#include "model/statsio/statsjson.h"

#include <QJsonArray>

namespace concord {

namespace {

QJsonObject namedEstimatesJson(const std::vector<NamedEstimate> &estimates)
{
    QJsonObject object;
    for (const NamedEstimate &named : estimates)
        object.insert(named.name, estimateToJson(named.estimate));
    return object;
}

QJsonObject batteryJson(const CoefficientBattery &battery)
{
    QJsonObject coefficients;
    for (const AgreementCoefficient &coefficient : battery) {
        QJsonObject object = toJson(coefficient.result);
        object.insert(QStringLiteral("label"), QString::fromStdString(coefficient.label));
        if (coefficient.raters)
            object.insert(QStringLiteral("physicians"),
                          QJsonArray{coefficient.raters->first, coefficient.raters->second});
        coefficients.insert(QString::fromStdString(coefficient.name), object);
    }
    return coefficients;
}

QJsonObject subgroupsJson(const std::vector<SubgroupAgreement> &groups)
{
    QJsonObject object;
    for (const SubgroupAgreement &group : groups)
        object.insert(group.group, batteryJson(group.coefficients));
    return object;
}

QJsonObject physicianAgreementJson(const PhysicianAgreement &among)
{
    QJsonObject object{{QStringLiteral("overall"), batteryJson(among.overall)}};
    if (among.byTask)
        object.insert(QStringLiteral("by_task"), subgroupsJson(*among.byTask));
    if (among.bySystem)
        object.insert(QStringLiteral("by_system"), subgroupsJson(*among.bySystem));
    return object;
}

QJsonObject intraRaterJson(const IntraRaterAgreement &intra)
{
    if (!intra.reason.isEmpty())
        return QJsonObject{{QStringLiteral("pairs"), qint64(intra.pairs)}, {QStringLiteral("reason"), intra.reason}};
    QJsonObject perPhysician;
    for (const IntraRaterAgreement::Physician &physician : intra.byPhysician) {
        perPhysician.insert(physician.physician,
                            QJsonObject{{QStringLiteral("pairs"), qint64(physician.pairs)},
                                        {QStringLiteral("coefficients"), batteryJson(physician.coefficients)}});
    }
    return QJsonObject{{QStringLiteral("pairs"), qint64(intra.pairs)},
                       {QStringLiteral("physicians"), qint64(intra.physicians)},
                       {QStringLiteral("overall"), batteryJson(intra.overall)},
                       {QStringLiteral("by_physician"), perPhysician}};
}

QJsonObject kappaJson(const KappaAgreement &kappa)
{
    QJsonObject object = toJson(kappa.kappa);
    object.insert(QStringLiteral("weights"), weightName(kappa.weights));
    return object;
}

QJsonObject versusConsensusJson(const JudgeVersusConsensus &versus)
{
    QJsonObject object{{QStringLiteral("consensus"), versus.reference},
                       {QStringLiteral("confusion"), confusionToJson(versus.confusion)}};
    // The statistics of their own (not of the confusion matrix) sit here, under the table's keys.
    for (const JudgeStatisticInfo &info : kJudgeStatistics) {
        if (info.place != JudgeStatisticPlace::VersusConsensus)
            continue;
        const QString key = QString::fromLatin1(info.key);
        if (info.statistic == JudgeStatistic::Kappa)
            object.insert(key, kappaJson(versus.kappa));
        else if (const stats::Estimate *estimate = judgeStatisticValue(versus, info.statistic).estimate)
            object.insert(key, estimateToJson(*estimate));
    }
    if (versus.criticalMisses) {
        QJsonArray misses;
        for (const CriticalMiss &miss : *versus.criticalMisses) {
            misses.append(QJsonObject{{QStringLiteral("response_id"), miss.responseId},
                                      {QStringLiteral("case"), miss.caseId},
                                      {QStringLiteral("task"), miss.task},
                                      {QStringLiteral("consensus"), miss.consensus},
                                      {QStringLiteral("judge"), miss.judge}});
        }
        object.insert(QStringLiteral("critical_misses"), misses);
    }
    return object;
}

QJsonObject calibrationJson(const JudgeCalibration &calibration)
{
    if (!calibration.reason.isEmpty())
        return QJsonObject{{QStringLiteral("reason"), calibration.reason}};
    QJsonObject object = calibrationToJson(calibration.result);
    object.insert(QStringLiteral("positive_class"), calibration.positiveClass);
    return object;
}

QJsonObject judgeJson(const JudgeAgreement &judge)
{
    QJsonArray versusPhysicians, leaveOneOut;
    for (const JudgeVersusPhysician &versus : judge.versusPhysicians) {
        QJsonObject one = kappaJson(versus.kappa);
        one.insert(QStringLiteral("physician"), versus.physician);
        versusPhysicians.append(one);
    }
    for (const LeaveOneOutComparison &comparison : judge.leaveOneOut) {
        leaveOneOut.append(QJsonObject{
            {QStringLiteral("physician"), comparison.physician},
            {QStringLiteral("physician_vs_others"), kappaJson(comparison.physicianVsOthers)},
            {QStringLiteral("judge_vs_others"), kappaJson(comparison.judgeVsOthers)},
        });
    }
    QJsonObject object{{QStringLiteral("name"), judge.name},
                       {QStringLiteral("versus_consensus"), versusConsensusJson(judge.versusConsensus)},
                       {QStringLiteral("versus_physicians"), versusPhysicians},
                       {QStringLiteral("leave_one_out"), leaveOneOut}};
    if (judge.calibration)
        object.insert(QStringLiteral("calibration"), calibrationJson(*judge.calibration));
    if (judge.kappaByTask) {
        QJsonObject byTask;
        for (const TaskKappa &task : *judge.kappaByTask)
            byTask.insert(task.task, kappaJson(task.kappa));
        object.insert(QStringLiteral("kappa_by_task"), byTask);
    }
    return object;
}

QJsonObject systemsJson(const SystemComparison &comparison)
{
    QJsonArray systems;
    for (const SystemMeans &system : comparison.systems) {
        systems.append(
            QJsonObject{{QStringLiteral("system"), system.system},
                        {QStringLiteral("physician_consensus_mean"), estimateToJson(system.physicianConsensusMean)},
                        {QStringLiteral("judge_means"), namedEstimatesJson(system.judgeMeans)}});
    }
    return QJsonObject{{QStringLiteral("systems"), systems},
                       {QStringLiteral("ranking_kendall_tau_b"), namedEstimatesJson(comparison.rankingKendallTauB)}};
}

QJsonObject lengthBiasJson(const LengthBias &bias)
{
    return QJsonObject{
        {QStringLiteral("measure"), QStringLiteral("Spearman's rho of the response's length in words and the score")},
        {QStringLiteral("physicians"), estimateToJson(bias.physicians)},
        {QStringLiteral("judges"), namedEstimatesJson(bias.judges)}};
}

QJsonObject countsJson(const AxisCounts &counts)
{
    return QJsonObject{{QStringLiteral("units"), qint64(counts.units)},
                       {QStringLiteral("units_with_two_or_more_ratings"), qint64(counts.unitsWithTwoOrMoreRatings)},
                       {QStringLiteral("physicians"), qint64(counts.physicians)},
                       {QStringLiteral("ratings"), qint64(counts.ratings)},
                       {QStringLiteral("unable_to_assess"), qint64(counts.unableToAssess)},
                       {QStringLiteral("not_applicable"), qint64(counts.notApplicable)},
                       {QStringLiteral("judge_runs"), qint64(counts.judgeRuns)}};
}

QJsonObject settingsJson(const AnalysisSettingsRecord &settings)
{
    return QJsonObject{
        {QStringLiteral("bootstrap"), qint64(settings.bootstrap)},
        {QStringLiteral("bootstrap_method"), QStringLiteral("percentile, item-level (cluster)")},
        {QStringLiteral("seed"), QString::number(settings.seed)},
        {QStringLiteral("confidence"), settings.confidence},
        {QStringLiteral("calibration_bins"), qint64(settings.calibrationBins)},
        {QStringLiteral("judge_reference"),
         settings.adjudicated ? QStringLiteral("adjudicated") : QStringLiteral("consensus")},
        {QStringLiteral("calibration_binning"), QString::fromLatin1(stats::calibrationBinningName(settings.binning))}};
}

} // namespace

QJsonObject toJson(const BootstrappedEstimate &estimate)
{
    QJsonObject object = estimateToJson(estimate.estimate);
    if (estimate.bootstrap)
        object.insert(QStringLiteral("bootstrap"), bootstrapJson(*estimate.bootstrap));
    return object;
}

QJsonObject toJson(const AxisAgreement &axis)
{
    QJsonArray scale;
    for (const ScalePoint &point : axis.axis.points)
        scale.append(QJsonObject{{QStringLiteral("value"), point.value}, {QStringLiteral("label"), point.label}});
    QJsonObject object{{QStringLiteral("key"), axis.axis.key},
                       {QStringLiteral("label"), axis.axis.label},
                       {QStringLiteral("level"), toString(axis.axis.level)},
                       {QStringLiteral("scale"), scale},
                       {QStringLiteral("weights"), weightName(axis.weights)},
                       {QStringLiteral("consensus"), axis.consensusRule},
                       {QStringLiteral("counts"), countsJson(axis.counts)},
                       {QStringLiteral("among_physicians"), physicianAgreementJson(axis.amongPhysicians)},
                       {QStringLiteral("intra_rater"), intraRaterJson(axis.intraRater)},
                       {QStringLiteral("systems"), systemsJson(axis.systems)},
                       {QStringLiteral("length_bias"), lengthBiasJson(axis.lengthBias)}};
    if (const std::optional<BinaryView> &view = axis.axis.binaryView) {
        object.insert(QStringLiteral("binary_view"), QJsonObject{{QStringLiteral("threshold"), view->threshold},
                                                                 {QStringLiteral("positive"), view->positiveLabel},
                                                                 {QStringLiteral("negative"), view->negativeLabel}});
    }
    QJsonArray judges;
    for (const JudgeAgreement &judge : axis.judges)
        judges.append(judgeJson(judge));
    object.insert(QStringLiteral("judges"), judges);
    return object;
}

QJsonObject toJson(const AgreementAnalysis &analysis)
{
    QJsonArray axes;
    for (const AxisAgreement &axis : analysis.axes)
        axes.append(toJson(axis));
    return QJsonObject{{QStringLiteral("settings"), settingsJson(analysis.settings)}, {QStringLiteral("axes"), axes}};
}

QJsonObject toJson(const PositionBias &bias)
{
    QJsonArray axes;
    for (const PositionBiasAxis &axis : bias.physicians) {
        axes.append(QJsonObject{{QStringLiteral("axis"), axis.axisKey},
                                {QStringLiteral("left"), qint64(axis.left)},
                                {QStringLiteral("right"), qint64(axis.right)},
                                {QStringLiteral("ties"), qint64(axis.ties)},
                                {QStringLiteral("side_unknown"), qint64(axis.sideUnknown)},
                                {QStringLiteral("left_share"), estimateToJson(axis.leftShare)}});
    }
    return QJsonObject{{QStringLiteral("physicians"), axes},
                       {QStringLiteral("judges"), QJsonObject{{QStringLiteral("reason"), bias.judgesReason}}}};
}

QJsonObject toJson(const StudyAgreement &agreement)
{
    QJsonObject object = toJson(agreement.analysis);
    object.insert(QStringLiteral("position_bias"), toJson(agreement.positionBias));
    object.insert(QStringLiteral("study"),
                  QJsonObject{{QStringLiteral("title"), agreement.study.title},
                              {QStringLiteral("uuid"), agreement.study.uuid},
                              {QStringLiteral("schema_version"), agreement.study.schemaVersion}});
    return object;
}

} // namespace concord
