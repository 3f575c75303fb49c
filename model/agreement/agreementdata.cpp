#include "model/agreement/agreementdata.h"

#include "model/agreement/agreementdatacache.h"
#include "model/store/analysisreadstore.h"
#include "model/studyfile/study.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace concord {

std::vector<double> AxisAgreementData::scalePoints() const
{
    std::vector<double> points;
    for (const ScalePoint &point : axis.points)
        points.push_back(point.value);
    return points;
}

Result<QVector<PreferenceSides>> loadPreferenceSides(Study &study)
{
    QVector<PreferenceSides> result;
    for (const Axis &axis : study.rubric().axes) {
        if (axis.target != AxisTarget::Comparison)
            continue;
        auto preferences = currentPreferences(study, axis.id);
        if (!preferences.ok())
            return preferences.error();
        PreferenceSides sides;
        sides.axis = axis;
        for (const CurrentPreference &preference : preferences.value()) {
            const qint64 preferred = preference.preferredResponseId;
            const QVector<qint64> &order = preference.shownOrder;
            if (preferred == 0) {
                ++sides.ties;
            } else if (order.size() != 2) {
                ++sides.sideUnknown;
            } else if (order.at(0) == preferred) {
                ++sides.left;
            } else if (order.at(1) == preferred) {
                ++sides.right;
            } else {
                ++sides.sideUnknown;
            }
        }
        result.push_back(sides);
    }
    return result;
}

Result<QVector<AxisAgreementData>> loadAgreementData(Study &study, const QString &axisKey)
{
    return AgreementDataCache().read(study, axisKey);
}

AxisAgreementData subsetOf(const AxisAgreementData &data, const QString &task, const QString &system)
{
    std::vector<std::size_t> keep;
    for (std::size_t u = 0; u < data.responseIds.size(); ++u) {
        if ((task.isEmpty() || data.tasks[u] == task) && (system.isEmpty() || data.systems[u] == system))
            keep.push_back(u);
    }
    AxisAgreementData subset;
    subset.axis = data.axis;
    subset.physicians = data.physicians;
    subset.ratings = data.ratings.selectUnits(keep);
    subset.unableToAssess = data.unableToAssess;
    subset.notApplicable = data.notApplicable;
    const auto pick = [&](const auto &values) {
        std::decay_t<decltype(values)> picked;
        for (std::size_t u : keep)
            picked.push_back(values[u]);
        return picked;
    };
    subset.responseIds = pick(data.responseIds);
    subset.caseIds = pick(data.caseIds);
    subset.tasks = pick(data.tasks);
    subset.systems = pick(data.systems);
    subset.responseWords = pick(data.responseWords);
    subset.adjudicated = pick(data.adjudicated);
    std::vector<std::size_t> newIndex(data.responseIds.size(), data.responseIds.size());
    for (std::size_t k = 0; k < keep.size(); ++k)
        newIndex[keep[k]] = k;
    for (AxisAgreementData::RepeatPair pair : data.repeatPairs) {
        if (newIndex[pair.unit] == data.responseIds.size())
            continue;
        pair.unit = newIndex[pair.unit];
        subset.repeatPairs.push_back(pair);
    }
    for (const JudgeAxisScores &judge : data.judges) {
        JudgeAxisScores part = judge;
        part.value = pick(judge.value);
        part.positiveProbability = pick(judge.positiveProbability);
        part.confidence = pick(judge.confidence);
        subset.judges.push_back(part);
    }
    return subset;
}

} // namespace concord
