#pragma once

// The one place the agreement analysis becomes JSON: the form `concord agreement --json`, the report data and the
// golden files hold. Keys are sorted by QJsonObject, so the same result gives the same bytes.
#include "model/agreement/analysisresult.h"

#include <QJsonObject>

namespace concord {

QJsonObject toJson(const AgreementAnalysis &analysis);
QJsonObject toJson(const AxisAgreement &axis);
QJsonObject toJson(const PositionBias &bias);
// The analysis with "position_bias" and "study" added.
QJsonObject toJson(const StudyAgreement &agreement);

// An estimate with its bootstrap interval under "bootstrap" when one was drawn.
QJsonObject toJson(const BootstrappedEstimate &estimate);

} // namespace concord
