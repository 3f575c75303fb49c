#pragma once

// The agreement analysis as typed data: what analyseAgreement() computes, field by field, so that its readers use
// names checked by the compiler instead of JSON keys. toJson() (analysisjson.h) is the one place it becomes JSON;
// the comments name the JSON key of each field where it differs from the field's name.
#include "model/domain/rubric.h"
#include "stats/bootstrap.h"
#include "stats/calibration.h"
#include "stats/confusion.h"
#include "stats/estimate.h"
#include "stats/weights.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace concord {

// An estimate with its item-level bootstrap interval, when one was drawn (B > 0): the analytic interval stays on the
// estimate, so both can be shown.
struct BootstrappedEstimate
{
    stats::Estimate estimate;
    std::optional<stats::BootstrapResult> bootstrap;
};

// One estimate of a named thing (a judge run, a system): kept in the order computed, as the JSON objects are filled.
struct NamedEstimate
{
    QString name;
    stats::Estimate estimate;
};

// One coefficient of the battery (stats/agreementbattery.h) among a set of raters.
struct AgreementCoefficient
{
    std::string name;  // JSON key, e.g. "krippendorff_alpha", "cohen_kappa:0-1"
    std::string label; // e.g. "Krippendorff's alpha (ordinal)"
    BootstrappedEstimate result;
    // For a pairwise Cohen's kappa: the two raters it compares, by name (JSON "physicians").
    std::optional<std::pair<QString, QString>> raters;
};
using CoefficientBattery = std::vector<AgreementCoefficient>; // in the battery's order

// The battery on the units of one task or one system.
struct SubgroupAgreement
{
    QString group; // "(none)" for units without a task or system
    CoefficientBattery coefficients;
};

// Agreement among physicians (JSON "among_physicians").
struct PhysicianAgreement
{
    CoefficientBattery overall;
    // By task and by system, each only when subgroups were asked for and there are two groups or more.
    std::optional<std::vector<SubgroupAgreement>> byTask;
    std::optional<std::vector<SubgroupAgreement>> bySystem;
};

// Test-retest agreement from blinded repeats (JSON "intra_rater").
struct IntraRaterAgreement
{
    struct Physician
    {
        QString physician;
        std::size_t pairs = 0;
        CoefficientBattery coefficients; // first showing against the repeat
    };
    std::size_t pairs = 0;
    QString reason; // why there is nothing to assess (no repeats); the other fields are then empty
    std::size_t physicians = 0;
    CoefficientBattery overall;
    std::vector<Physician> byPhysician; // by name
};

// A weighted Cohen's kappa with its weights.
struct KappaAgreement
{
    BootstrappedEstimate kappa;
    stats::WeightKind weights = stats::WeightKind::Identity;
};

// A unit the physicians' consensus calls unsafe and the judge safe, at the axis' binary threshold.
struct CriticalMiss
{
    qint64 responseId = 0;
    QString caseId; // JSON "case"
    QString task;
    double consensus = 0;
    double judge = 0;
};

// A judge run against the physicians' consensus (or the adjudicated value) on the axis' units.
struct JudgeVersusConsensus
{
    QString reference; // the consensus rule, or the adjudicated value (JSON "consensus")
    KappaAgreement kappa;
    stats::Estimate spearman;
    stats::Estimate kendallTauB;
    stats::ConfusionResult confusion;                        // with the binary view on axes that have one
    std::optional<std::vector<CriticalMiss>> criticalMisses; // on axes with a binary view
};

struct JudgeVersusPhysician
{
    QString physician;
    KappaAgreement kappa;
};

// The judge's place among the physicians: the physician and the judge, each against the consensus of the other
// physicians, on the units all three have.
struct LeaveOneOutComparison
{
    QString physician;
    KappaAgreement physicianVsOthers;
    KappaAgreement judgeVsOthers;
};

// Calibration of the judge's probability of the positive (unsafe) side of the binary view, against the consensus.
struct JudgeCalibration
{
    QString reason;                  // why there is nothing to calibrate; `result` and `positiveClass` are then unset
    stats::CalibrationResult result; // which may itself be undefined, with its reason
    QString positiveClass;
};

struct TaskKappa
{
    QString task;
    KappaAgreement kappa;
};

// One judge run on one axis.
struct JudgeAgreement
{
    QString name;
    JudgeVersusConsensus versusConsensus;
    std::vector<JudgeVersusPhysician> versusPhysicians; // in the physicians' column order
    std::vector<LeaveOneOutComparison> leaveOneOut;     // in the physicians' column order
    std::optional<JudgeCalibration> calibration;        // on axes with a binary view
    std::optional<std::vector<TaskKappa>> kappaByTask;  // with subgroups and two tasks or more; by task
};

// The mean score each system got from the physicians' consensus and from each judge run.
struct SystemMeans
{
    QString system;
    stats::Estimate physicianConsensusMean;
    std::vector<NamedEstimate> judgeMeans; // by judge run, in the axis' order
};

struct SystemComparison
{
    std::vector<SystemMeans> systems; // by system
    // Kendall's tau-b of each judge run's ranking of the systems with the physicians' (JSON "ranking_kendall_tau_b").
    std::vector<NamedEstimate> rankingKendallTauB;
};

// Spearman's rho of the response's length in words and the score.
struct LengthBias
{
    stats::Estimate physicians; // of the consensus
    std::vector<NamedEstimate> judges;
};

// How many units, physicians and ratings the axis has (JSON "counts").
struct AxisCounts
{
    std::size_t units = 0;
    std::size_t unitsWithTwoOrMoreRatings = 0;
    std::size_t physicians = 0;
    std::size_t ratings = 0;
    std::size_t unableToAssess = 0;
    std::size_t notApplicable = 0;
    std::size_t judgeRuns = 0;
};

// Everything about one response axis. The axis (key, label, level, scale, binary view) is the rubric's.
struct AxisAgreement
{
    Axis axis;
    stats::WeightKind weights = stats::WeightKind::Identity;
    QString consensusRule;
    AxisCounts counts;
    PhysicianAgreement amongPhysicians;
    IntraRaterAgreement intraRater;
    std::vector<JudgeAgreement> judges; // in the axis' order of judge runs
    SystemComparison systems;
    LengthBias lengthBias;
};

// The settings the analysis ran with, as the output records them.
struct AnalysisSettingsRecord
{
    std::size_t bootstrap = 0;
    quint64 seed = 0;
    double confidence = 0.95;
    std::size_t calibrationBins = 0;
    stats::CalibrationBinning binning = stats::CalibrationBinning::EqualWidth;
    bool adjudicated = false; // the judge's reference (JSON "judge_reference": "adjudicated" or "consensus")
};

struct AgreementAnalysis
{
    AnalysisSettingsRecord settings;
    std::vector<AxisAgreement> axes; // in the order the axes were given
};

// Position bias of the physicians on one comparison axis: the share of decided preferences for the left response.
struct PositionBiasAxis
{
    QString axisKey; // JSON "axis"
    std::size_t left = 0;
    std::size_t right = 0;
    std::size_t ties = 0;
    std::size_t sideUnknown = 0;
    stats::Estimate leftShare; // Wilson interval; undefined when no preference chose a side
};

struct PositionBias
{
    std::vector<PositionBiasAxis> physicians;
    QString judgesReason; // why judges have no position bias (JSON "judges": {"reason"})
};

struct StudyIdentity
{
    QString title;
    QString uuid;
    int schemaVersion = 0;
};

// The analysis of a study as studyAgreementResult() reads and computes it.
struct StudyAgreement
{
    AgreementAnalysis analysis;
    PositionBias positionBias;
    StudyIdentity study;
};

} // namespace concord
