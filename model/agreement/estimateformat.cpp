#include "model/agreement/estimateformat.h"

namespace concord {

QString formatEstimate(const stats::Estimate &estimate, int decimals, const stats::BootstrapResult *bootstrap)
{
    if (!estimate.value) {
        return estimate.reason.empty() ? QStringLiteral("n/a")
                                       : QStringLiteral("n/a (%1)").arg(QString::fromStdString(estimate.reason));
    }
    QString text = QString::number(*estimate.value, 'f', decimals);
    const std::optional<stats::Interval> &interval = bootstrap && bootstrap->ci ? bootstrap->ci : estimate.ci;
    if (interval) {
        text +=
            QStringLiteral(" [%1, %2]")
                .arg(QString::number(interval->lower, 'f', decimals), QString::number(interval->upper, 'f', decimals));
    }
    return text;
}

QString formatEstimate(const BootstrappedEstimate &estimate, int decimals)
{
    return formatEstimate(estimate.estimate, decimals, estimate.bootstrap ? &*estimate.bootstrap : nullptr);
}

QString weightName(stats::WeightKind kind)
{
    return kind == stats::WeightKind::Quadratic ? QStringLiteral("quadratic") : QStringLiteral("identity");
}

} // namespace concord
