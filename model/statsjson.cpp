#include "model/statsjson.h"

#include "stats/bootstrap.h"

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

} // namespace concord
