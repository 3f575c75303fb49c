#pragma once

#include "model/agreement/agreementdata.h"
#include "model/agreement/analysisresult.h"
#include "stats/calibration.h"

#include <QJsonObject>
#include <atomic>
#include <functional>
#include <optional>

namespace concord {

class Study;

struct AgreementSettings
{
    std::size_t bootstrap = 2000; // item-level resamples for every interval; 0: analytic intervals only
    quint64 seed = 1;
    double confidence = 0.95;
    std::size_t calibrationBins = 10;
    stats::CalibrationBinning binning = stats::CalibrationBinning::EqualWidth;
    bool subgroups = true; // the same figures by task and by system
    // The judge is compared with the adjudicated value where the study lead decided one, and with the physicians'
    // consensus elsewhere; named in the output.
    bool adjudicated = false;
    // Set from another thread to stop early (a newer request replaces this one); the result is then empty.
    const std::atomic_bool *cancelled = nullptr;
    // Called on the computing thread after each axis (axes done, axes in all): the progress of a long analysis.
    std::function<void(std::size_t done, std::size_t total)> axisDone{};
};

// The consensus of the physicians on a unit, by the axis' level: the median (the higher middle value for an even
// count, the cautious side of a harm scale) on ordinal axes, the median on interval axes, the majority (no consensus
// on a tie) on binary and nominal ones. Named in the output.
QString consensusRuleName(MeasurementLevel level);
std::vector<double> physicianConsensus(const AxisAgreementData &data);
// The reference the judge is compared with: the consensus, or the adjudicated value where there is one.
std::vector<double> judgeReference(const AxisAgreementData &data, bool adjudicated);
QString referenceName(MeasurementLevel level, bool adjudicated);

// The study's agreement: per axis, agreement among physicians (every coefficient with analytic and bootstrap
// intervals, overall and by task and system), each judge run against the physicians' consensus, against each
// physician and among them (leave one physician out), its calibration where it gave probabilities or a confidence,
// the systems' mean scores and ranking, and the bias checks. Plain data in and out (the same data and seed give the
// same result); runs on any thread. Empty when cancelled.
std::optional<AgreementAnalysis> analyseAgreement(const QVector<AxisAgreementData> &axes,
                                                  const AgreementSettings &settings);
// The same as JSON (toJson of the above; keys sorted, so the same data and seed give the same bytes); an empty
// object when cancelled.
QJsonObject agreementAnalysis(const QVector<AxisAgreementData> &axes, const AgreementSettings &settings);

// Position bias of the physicians: per comparison axis, how often the preferred response was the one on the left,
// among preferences that were not ties (Wilson interval; 0.5 means no bias). The judge gives no side-by-side
// preferences, so its position bias is reported as not available, with the reason.
PositionBias positionBias(const QVector<PreferenceSides> &sides, double confidence);
QJsonObject positionBiasJson(const QVector<PreferenceSides> &sides, double confidence);

// Reads the study (on the caller's thread) and analyses it; `axisKey` limits it to one axis. Empty when cancelled
// (an empty object for the JSON form).
Result<std::optional<StudyAgreement>> studyAgreementResult(Study &study, const AgreementSettings &settings,
                                                           const QString &axisKey = {});
Result<QJsonObject> studyAgreement(Study &study, const AgreementSettings &settings, const QString &axisKey = {});

} // namespace concord
