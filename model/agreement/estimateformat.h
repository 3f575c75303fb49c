#pragma once

// An estimate as one line of text, the same in every view: "0.61 [0.52, 0.70]".
#include "model/agreement/analysisresult.h"

#include <QString>

namespace concord {

// The value with `decimals` decimals and its interval: the bootstrap one when one was drawn and has bounds, else the
// analytic one, else none ("0.61"). Without a value, "n/a" and the reason: "n/a (too few raters)".
QString formatEstimate(const stats::Estimate &estimate, int decimals,
                       const stats::BootstrapResult *bootstrap = nullptr);
QString formatEstimate(const BootstrappedEstimate &estimate, int decimals);
// The two parts of formatEstimate(), for a table with a column for each: the value ("0.61", or "n/a" and the
// reason) and the interval ("[0.52, 0.70]", empty when there is none). Defined in estimateparts.cpp.
QString formatValue(const stats::Estimate &estimate, int decimals);
QString formatInterval(const stats::Estimate &estimate, int decimals,
                       const stats::BootstrapResult *bootstrap = nullptr);
// The weights of a kappa as the output names them: "identity" or "quadratic".
QString weightName(stats::WeightKind kind);

} // namespace concord
