#pragma once

// JSON forms of statistics results, shared by `concord stats`, `concord agreement --json` and the report data.
// Keys follow the command-line reference: value, se, se0, z, p_value, ci_lower, ci_upper, p_o, p_e, n_units,
// n_raters, n_ratings; an undefined value is null with a "reason".
#include "stats/estimate.h"

namespace concord::stats {
struct BootstrapResult;
struct BinaryMeasures;
struct ConfusionResult;
struct CalibrationResult;
} // namespace concord::stats

#include <QJsonObject>

namespace concord {

QJsonObject estimateToJson(const stats::Estimate &estimate);
// A bootstrap interval, put next to the analytic one under "bootstrap": B, used, seed, method, confidence, ci_lower,
// ci_upper (null with a reason when there is none), se.
QJsonObject bootstrapJson(const stats::BootstrapResult &result);
// The agreement engine's and the report's forms (rows of the confusion matrix: reference; columns: judge). `concord
// stats` keeps its own flatter layout for the command-line reference.
QJsonObject binaryToJson(const stats::BinaryMeasures &binary);
QJsonObject confusionToJson(const stats::ConfusionResult &confusion);
QJsonObject calibrationToJson(const stats::CalibrationResult &result);

} // namespace concord
