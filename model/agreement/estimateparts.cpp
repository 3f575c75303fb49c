#include "model/agreement/estimateformat.h"

namespace concord {

QString formatValue(const stats::Estimate &estimate, int decimals)
{
    // Without a value formatEstimate() is the value alone: "n/a" and the reason.
    return estimate.value ? QString::number(*estimate.value, 'f', decimals) : formatEstimate(estimate, decimals);
}

QString formatInterval(const stats::Estimate &estimate, int decimals, const stats::BootstrapResult *bootstrap)
{
    // The interval formatEstimate() shows: the bootstrap one when it has bounds, else the analytic one.
    const std::optional<stats::Interval> &interval = bootstrap && bootstrap->ci ? bootstrap->ci : estimate.ci;
    if (!interval)
        return {};
    return QStringLiteral("[%1, %2]")
        .arg(QString::number(interval->lower, 'f', decimals), QString::number(interval->upper, 'f', decimals));
}

} // namespace concord
