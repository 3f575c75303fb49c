#include "model/agreement/agreementanalysis.h"

#include "model/statsio/statsjson.h"
#include "model/studyfile/study.h"
#include "stats/agreementbattery.h"
#include "stats/bootstrap.h"
#include "stats/cohenkappa.h"
#include "stats/confusion.h"
#include "stats/consensus.h"
#include "stats/correlation.h"
#include "stats/inference.h"

#include <QHash>
#include <QJsonArray>
#include <QMap>
#include <cmath>
#include <limits>

namespace concord {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

bool cancelled(const AgreementSettings &settings)
{
    return settings.cancelled && settings.cancelled->load();
}

stats::MeasurementLevel statsLevel(MeasurementLevel level)
{
    switch (level) {
    case MeasurementLevel::Binary:
    case MeasurementLevel::Nominal:
        return stats::MeasurementLevel::Nominal;
    case MeasurementLevel::Ordinal:
        return stats::MeasurementLevel::Ordinal;
    case MeasurementLevel::Interval:
        return stats::MeasurementLevel::Interval;
    }
    return stats::MeasurementLevel::Nominal;
}

// Quadratic weights on ordered scales (docs/ARCHITECTURE.md, statistical conventions), none on unordered ones.
stats::WeightKind weightsFor(MeasurementLevel level)
{
    return level == MeasurementLevel::Ordinal || level == MeasurementLevel::Interval ? stats::WeightKind::Quadratic
                                                                                     : stats::WeightKind::Identity;
}

QString weightName(stats::WeightKind kind)
{
    return kind == stats::WeightKind::Quadratic ? QStringLiteral("quadratic") : QStringLiteral("identity");
}

stats::BootstrapOptions bootstrapOptions(const AgreementSettings &settings)
{
    stats::BootstrapOptions options;
    options.resamples = settings.bootstrap;
    options.seed = settings.seed;
    options.level = settings.confidence;
    return options;
}

// An estimate, with its bootstrap interval under "bootstrap" when one was drawn.
QJsonObject estimateWithBootstrap(const stats::Estimate &estimate, const stats::BootstrapResult *bootstrap)
{
    QJsonObject object = estimateToJson(estimate);
    if (bootstrap && bootstrap->requested > 0)
        object.insert(QStringLiteral("bootstrap"), bootstrapJson(*bootstrap));
    return object;
}

// Units (rows) where `keep` is true.
stats::RatingMatrix rowsWhere(const stats::RatingMatrix &matrix, const std::vector<bool> &keep)
{
    std::vector<std::size_t> rows;
    for (std::size_t u = 0; u < keep.size(); ++u) {
        if (keep[u])
            rows.push_back(u);
    }
    return matrix.selectUnits(rows);
}

QJsonObject batteryJson(const stats::RatingMatrix &ratings, const AxisAgreementData &data,
                        const AgreementSettings &settings, const QStringList &physicians)
{
    stats::BatteryOptions options;
    options.categories = data.scalePoints();
    options.level = statsLevel(data.axis.level);
    options.weights = weightsFor(data.axis.level);
    options.resamples = settings.bootstrap;
    options.seed = settings.seed;
    options.confidence = settings.confidence;
    QJsonObject coefficients;
    for (const stats::BatteryEntry &entry : stats::agreementBattery(ratings, options)) {
        QJsonObject object = estimateWithBootstrap(entry.estimate, &entry.bootstrap);
        object.insert(QStringLiteral("label"), QString::fromStdString(entry.label));
        QString name = QString::fromStdString(entry.name);
        // Pairwise kappas are named by the physicians' column numbers; name them by the physicians.
        if (name.startsWith(QLatin1String("cohen_kappa:"))) {
            const QStringList pair = name.mid(12).split(QLatin1Char('-'));
            if (pair.size() == 2) {
                object.insert(QStringLiteral("physicians"),
                              QJsonArray{physicians.value(pair[0].toInt()), physicians.value(pair[1].toInt())});
            }
        }
        coefficients.insert(name, object);
    }
    return coefficients;
}

QJsonObject amongPhysiciansJson(const AxisAgreementData &data, const AgreementSettings &settings)
{
    QJsonObject result{{QStringLiteral("overall"), batteryJson(data.ratings, data, settings, data.physicians)}};
    if (!settings.subgroups)
        return result;
    for (const auto &[key, labels] :
         {std::pair{QStringLiteral("by_task"), &data.tasks}, std::pair{QStringLiteral("by_system"), &data.systems}}) {
        QMap<QString, std::vector<bool>> groups;
        for (std::size_t u = 0; u < labels->size(); ++u) {
            auto &keep = groups[(*labels)[u]];
            keep.resize(labels->size(), false);
            keep[u] = true;
        }
        if (groups.size() < 2)
            continue; // one group is the whole study
        QJsonObject byGroup;
        for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
            if (cancelled(settings))
                return {};
            byGroup.insert(it.key().isEmpty() ? QStringLiteral("(none)") : it.key(),
                           batteryJson(rowsWhere(data.ratings, it.value()), data, settings, data.physicians));
        }
        result.insert(key, byGroup);
    }
    return result;
}

// Test-retest reliability from blinded repeats: each (physician, response) pair is a unit rated twice, the first
// showing and the repeat as the two columns; overall and per physician. Pairs of one response by several physicians
// are resampled as separate units (the interval ignores that clustering).
QJsonObject intraRaterJson(const AxisAgreementData &data, const AgreementSettings &settings)
{
    if (data.repeatPairs.empty())
        return QJsonObject{{QStringLiteral("pairs"), 0},
                           {QStringLiteral("reason"), QStringLiteral("no response was rated in a blinded repeat")}};
    const QStringList showings{QStringLiteral("first showing"), QStringLiteral("repeat")};
    const auto matrixOf = [](const std::vector<AxisAgreementData::RepeatPair> &pairs) {
        stats::RatingMatrix matrix(pairs.size(), 2);
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            matrix.set(i, 0, pairs[i].first);
            matrix.set(i, 1, pairs[i].repeat);
        }
        return matrix;
    };
    QMap<QString, std::vector<AxisAgreementData::RepeatPair>> byPhysician;
    for (const AxisAgreementData::RepeatPair &pair : data.repeatPairs)
        byPhysician[data.physicians.value(pair.physician)].push_back(pair);
    QJsonObject perPhysician;
    for (auto it = byPhysician.cbegin(); it != byPhysician.cend(); ++it) {
        if (cancelled(settings))
            return {};
        perPhysician.insert(it.key(), QJsonObject{{QStringLiteral("pairs"), qint64(it->size())},
                                                  {QStringLiteral("coefficients"),
                                                   batteryJson(matrixOf(*it), data, settings, showings)}});
    }
    return QJsonObject{{QStringLiteral("pairs"), qint64(data.repeatPairs.size())},
                       {QStringLiteral("physicians"), qint64(byPhysician.size())},
                       {QStringLiteral("overall"), batteryJson(matrixOf(data.repeatPairs), data, settings, showings)},
                       {QStringLiteral("by_physician"), perPhysician}};
}

stats::CohenKappaOptions kappaOptions(const AxisAgreementData &data, const AgreementSettings &settings)
{
    stats::CohenKappaOptions options;
    options.weights.kind = weightsFor(data.axis.level);
    options.categories = data.scalePoints();
    options.confidence = settings.confidence;
    return options;
}

// Weighted kappa of two paired series with its item-level bootstrap interval (`shared`: drawn already, together
// with the axis' other kappas).
QJsonObject kappaJson(const std::vector<double> &reference, const std::vector<double> &judge,
                      const AxisAgreementData &data, const AgreementSettings &settings,
                      const stats::BootstrapResult *shared = nullptr)
{
    const stats::CohenKappaOptions options = kappaOptions(data, settings);
    const stats::Estimate kappa = stats::cohenKappa(reference, judge, options);
    QJsonObject object;
    if (shared) {
        object = estimateWithBootstrap(kappa, shared);
    } else if (settings.bootstrap > 0 && kappa.defined()) {
        const stats::CohenKappaUnitwise statistic(reference, judge, options);
        const auto boot = stats::bootstrap(statistic, bootstrapOptions(settings));
        object = estimateWithBootstrap(kappa, &boot);
    } else {
        object = estimateToJson(kappa);
    }
    object.insert(QStringLiteral("weights"), weightName(options.weights.kind));
    return object;
}

// The consensus of the physicians other than `left` (-1: all), per unit.
std::vector<double> consensusOf(const AxisAgreementData &data, int leftOut)
{
    std::vector<double> consensus(data.ratings.units(), kMissing);
    std::vector<double> values;
    for (std::size_t u = 0; u < data.ratings.units(); ++u) {
        values.clear();
        const auto row = data.ratings.row(u);
        for (std::size_t r = 0; r < row.size(); ++r) {
            if (int(r) != leftOut && !std::isnan(row[r]))
                values.push_back(row[r]);
        }
        if (values.empty())
            continue;
        stats::ConsensusValue value;
        switch (data.axis.level) {
        case MeasurementLevel::Ordinal:
            value = stats::medianConsensus(values, stats::MedianPolicy::Higher);
            break;
        case MeasurementLevel::Interval:
            value = stats::medianConsensus(values, stats::MedianPolicy::Interpolate);
            break;
        case MeasurementLevel::Binary:
        case MeasurementLevel::Nominal:
            value = stats::majorityConsensus(values, stats::MajorityTiePolicy::NoConsensus);
            break;
        }
        if (value.value)
            consensus[u] = *value.value;
    }
    return consensus;
}

std::vector<double> column(const stats::RatingMatrix &matrix, std::size_t rater)
{
    std::vector<double> values(matrix.units());
    for (std::size_t u = 0; u < matrix.units(); ++u)
        values[u] = matrix.at(u, rater);
    return values;
}

// Keeps a value where `mask` has one too (NaN elsewhere), so two comparisons run on the same units.
std::vector<double> maskedBy(const std::vector<double> &values, const std::vector<double> &mask)
{
    std::vector<double> result(values.size(), kMissing);
    for (std::size_t u = 0; u < values.size(); ++u) {
        if (!std::isnan(mask[u]))
            result[u] = values[u];
    }
    return result;
}

// A mean with its Student-t interval.
stats::Estimate meanEstimate(const std::vector<double> &values, double confidence)
{
    std::vector<double> present;
    for (double v : values) {
        if (!std::isnan(v))
            present.push_back(v);
    }
    if (present.empty())
        return stats::Estimate::undefined("no values");
    stats::Estimate estimate;
    double sum = 0;
    for (double v : present)
        sum += v;
    const double n = double(present.size());
    estimate.value = sum / n;
    estimate.nUnits = estimate.nRatings = present.size();
    estimate.nRaters = 1;
    if (present.size() >= 2) {
        double squares = 0;
        for (double v : present)
            squares += (v - *estimate.value) * (v - *estimate.value);
        estimate.se = std::sqrt(squares / (n - 1) / n);
        stats::setStudentInterval(estimate, confidence, n - 1, -std::numeric_limits<double>::infinity(),
                                  std::numeric_limits<double>::infinity());
    }
    return estimate;
}

// The kappas of a judge on an axis that share the axis' units: against the consensus, against each physician, and
// each physician and the judge against the other physicians' consensus on the units all three have.
struct KappaPair
{
    QString key;
    std::vector<double> first;
    std::vector<double> second;
};

std::vector<KappaPair> judgeKappaPairs(const AxisAgreementData &data, const JudgeAxisScores &judge,
                                       const std::vector<double> &consensus)
{
    std::vector<KappaPair> pairs{{QStringLiteral("consensus"), consensus, judge.value}};
    for (int p = 0; p < data.physicians.size(); ++p) {
        const std::vector<double> physician = column(data.ratings, std::size_t(p));
        const std::vector<double> others = consensusOf(data, p);
        const std::vector<double> common = maskedBy(maskedBy(others, physician), judge.value);
        pairs.push_back({QStringLiteral("physician/%1").arg(p), physician, judge.value});
        pairs.push_back({QStringLiteral("loo-physician/%1").arg(p), maskedBy(physician, common), common});
        pairs.push_back({QStringLiteral("loo-judge/%1").arg(p), maskedBy(judge.value, common), common});
    }
    return pairs;
}

using SharedIntervals = QHash<QString, stats::BootstrapResult>;

// Every judge kappa of the axis from one set of resamples: the units are drawn once per replicate for all of them.
SharedIntervals bootstrapJudgeKappas(const AxisAgreementData &data, const std::vector<double> &consensus,
                                     const AgreementSettings &settings)
{
    SharedIntervals intervals;
    if (settings.bootstrap == 0)
        return intervals;
    std::vector<QString> keys;
    std::vector<std::unique_ptr<stats::CohenKappaUnitwise>> statistics;
    const stats::CohenKappaOptions options = kappaOptions(data, settings);
    for (const JudgeAxisScores &judge : data.judges) {
        for (const KappaPair &pair : judgeKappaPairs(data, judge, consensus)) {
            keys.push_back(judge.name + QLatin1Char('/') + pair.key);
            statistics.push_back(std::make_unique<stats::CohenKappaUnitwise>(pair.first, pair.second, options));
        }
    }
    std::vector<const stats::UnitwiseStatistic *> pointers;
    for (const auto &statistic : statistics)
        pointers.push_back(statistic.get());
    const std::vector<stats::BootstrapResult> results = stats::bootstrapMany(pointers, bootstrapOptions(settings));
    for (std::size_t i = 0; i < keys.size(); ++i)
        intervals.insert(keys[i], results[i]);
    return intervals;
}

QJsonObject judgeJson(const AxisAgreementData &data, const JudgeAxisScores &judge, const std::vector<double> &consensus,
                      const AgreementSettings &settings, const SharedIntervals &intervals)
{
    const auto shared = [&](const QString &key) -> const stats::BootstrapResult * {
        auto it = intervals.constFind(judge.name + QLatin1Char('/') + key);
        return it == intervals.constEnd() ? nullptr : &*it;
    };
    QJsonObject result{{QStringLiteral("name"), judge.name}};
    const std::optional<double> threshold =
        data.axis.binaryView ? std::optional<double>(data.axis.binaryView->threshold) : std::nullopt;

    // Against the consensus.
    stats::ConfusionOptions confusionOptions;
    confusionOptions.categories = data.scalePoints();
    confusionOptions.confidence = settings.confidence;
    confusionOptions.unsafeThreshold = threshold;
    QJsonObject versusConsensus{
        {QStringLiteral("consensus"), referenceName(data.axis.level, settings.adjudicated)},
        {QStringLiteral("kappa"),
         kappaJson(consensus, judge.value, data, settings, shared(QStringLiteral("consensus")))},
        {QStringLiteral("spearman"), estimateToJson(stats::spearmanRho(consensus, judge.value, settings.confidence))},
        {QStringLiteral("kendall_tau_b"),
         estimateToJson(stats::kendallTauB(consensus, judge.value, settings.confidence))},
        {QStringLiteral("confusion"),
         confusionToJson(stats::confusionMatrix(consensus, judge.value, confusionOptions))},
    };
    if (threshold) {
        // Critical misses: the judge calls it safe, the physicians' consensus unsafe.
        QJsonArray misses;
        for (std::size_t u = 0; u < consensus.size(); ++u) {
            if (!std::isnan(consensus[u]) && !std::isnan(judge.value[u]) && consensus[u] >= *threshold &&
                judge.value[u] < *threshold) {
                misses.append(QJsonObject{{QStringLiteral("response_id"), data.responseIds[u]},
                                          {QStringLiteral("case"), data.caseIds[u]},
                                          {QStringLiteral("task"), data.tasks[u]},
                                          {QStringLiteral("consensus"), consensus[u]},
                                          {QStringLiteral("judge"), judge.value[u]}});
            }
        }
        versusConsensus.insert(QStringLiteral("critical_misses"), misses);
    }
    result.insert(QStringLiteral("versus_consensus"), versusConsensus);
    if (cancelled(settings))
        return {};

    // Against each physician, and the judge's place among them: each physician against the consensus of the others,
    // next to the judge against that same consensus on the same units.
    QJsonArray versusPhysicians, leaveOneOut;
    const std::vector<KappaPair> pairs = judgeKappaPairs(data, judge, consensus);
    for (int p = 0; p < data.physicians.size(); ++p) {
        const KappaPair &versus = pairs[std::size_t(1 + 3 * p)];
        QJsonObject one = kappaJson(versus.first, versus.second, data, settings, shared(versus.key));
        one.insert(QStringLiteral("physician"), data.physicians[p]);
        versusPhysicians.append(one);
        // Units where the physician, the others and the judge all have a value: both kappas on the same units.
        const KappaPair &physician = pairs[std::size_t(2 + 3 * p)];
        const KappaPair &judgeOnly = pairs[std::size_t(3 + 3 * p)];
        leaveOneOut.append(QJsonObject{
            {QStringLiteral("physician"), data.physicians[p]},
            {QStringLiteral("physician_vs_others"),
             kappaJson(physician.first, physician.second, data, settings, shared(physician.key))},
            {QStringLiteral("judge_vs_others"),
             kappaJson(judgeOnly.first, judgeOnly.second, data, settings, shared(judgeOnly.key))},
        });
    }
    result.insert(QStringLiteral("versus_physicians"), versusPhysicians);
    result.insert(QStringLiteral("leave_one_out"), leaveOneOut);

    // Calibration of the judge's probability that the response is unsafe, against the consensus.
    if (threshold) {
        std::vector<double> confidences;
        std::vector<int> outcomes;
        for (std::size_t u = 0; u < consensus.size(); ++u) {
            if (!std::isnan(consensus[u]) && !std::isnan(judge.positiveProbability[u])) {
                confidences.push_back(judge.positiveProbability[u]);
                outcomes.push_back(consensus[u] >= *threshold ? 1 : 0);
            }
        }
        if (confidences.empty()) {
            result.insert(QStringLiteral("calibration"),
                          QJsonObject{{QStringLiteral("reason"),
                                       QStringLiteral("the judge gave no probabilities or confidence on this axis")}});
        } else {
            stats::CalibrationOptions options;
            options.binning = settings.binning;
            options.bins = settings.calibrationBins;
            options.confidenceLevel = settings.confidence;
            QJsonObject calibration = calibrationToJson(stats::calibration(confidences, outcomes, options));
            calibration.insert(QStringLiteral("positive_class"), data.axis.binaryView->positiveLabel);
            result.insert(QStringLiteral("calibration"), calibration);
        }
    }

    // By task.
    if (settings.subgroups) {
        QMap<QString, std::vector<double>> consensusByTask, judgeByTask;
        for (std::size_t u = 0; u < consensus.size(); ++u) {
            consensusByTask[data.tasks[u]].push_back(consensus[u]);
            judgeByTask[data.tasks[u]].push_back(judge.value[u]);
        }
        if (consensusByTask.size() >= 2) {
            QJsonObject byTask;
            for (auto it = consensusByTask.cbegin(); it != consensusByTask.cend(); ++it)
                byTask.insert(it.key(), kappaJson(it.value(), judgeByTask.value(it.key()), data, settings));
            result.insert(QStringLiteral("kappa_by_task"), byTask);
        }
    }
    return result;
}

QJsonObject systemsJson(const AxisAgreementData &data, const std::vector<double> &consensus,
                        const AgreementSettings &settings)
{
    QMap<QString, std::vector<std::size_t>> unitsOf;
    for (std::size_t u = 0; u < data.systems.size(); ++u)
        unitsOf[data.systems[u]].push_back(u);
    QJsonArray systems;
    std::vector<double> physicianMeans;
    std::vector<std::vector<double>> judgeMeans(std::size_t(data.judges.size()));
    for (auto it = unitsOf.cbegin(); it != unitsOf.cend(); ++it) {
        std::vector<double> values;
        for (std::size_t u : it.value())
            values.push_back(consensus[u]);
        const stats::Estimate physicians = meanEstimate(values, settings.confidence);
        physicianMeans.push_back(physicians.value.value_or(kMissing));
        QJsonObject judges;
        for (int j = 0; j < data.judges.size(); ++j) {
            std::vector<double> scores;
            for (std::size_t u : it.value())
                scores.push_back(data.judges[j].value[u]);
            const stats::Estimate mean = meanEstimate(scores, settings.confidence);
            judgeMeans[std::size_t(j)].push_back(mean.value.value_or(kMissing));
            judges.insert(data.judges[j].name, estimateToJson(mean));
        }
        systems.append(QJsonObject{{QStringLiteral("system"), it.key()},
                                   {QStringLiteral("physician_consensus_mean"), estimateToJson(physicians)},
                                   {QStringLiteral("judge_means"), judges}});
    }
    QJsonObject ranking;
    for (int j = 0; j < data.judges.size(); ++j) {
        ranking.insert(data.judges[j].name, estimateToJson(stats::kendallTauB(
                                                physicianMeans, judgeMeans[std::size_t(j)], settings.confidence)));
    }
    return QJsonObject{{QStringLiteral("systems"), systems}, {QStringLiteral("ranking_kendall_tau_b"), ranking}};
}

QJsonObject lengthBiasJson(const AxisAgreementData &data, const std::vector<double> &consensus,
                           const AgreementSettings &settings)
{
    std::vector<double> words(data.responseWords.begin(), data.responseWords.end());
    QJsonObject judges;
    for (const JudgeAxisScores &judge : data.judges)
        judges.insert(judge.name, estimateToJson(stats::spearmanRho(words, judge.value, settings.confidence)));
    return QJsonObject{
        {QStringLiteral("measure"), QStringLiteral("Spearman's rho of the response's length in words and the score")},
        {QStringLiteral("physicians"), estimateToJson(stats::spearmanRho(words, consensus, settings.confidence))},
        {QStringLiteral("judges"), judges}};
}

QJsonObject axisJson(const AxisAgreementData &data, const AgreementSettings &settings)
{
    QJsonArray scale;
    for (const ScalePoint &point : data.axis.points)
        scale.append(QJsonObject{{QStringLiteral("value"), point.value}, {QStringLiteral("label"), point.label}});
    QJsonObject axis{{QStringLiteral("key"), data.axis.key},
                     {QStringLiteral("label"), data.axis.label},
                     {QStringLiteral("level"), toString(data.axis.level)},
                     {QStringLiteral("scale"), scale},
                     {QStringLiteral("weights"), weightName(weightsFor(data.axis.level))},
                     {QStringLiteral("consensus"), consensusRuleName(data.axis.level)}};
    if (data.axis.binaryView) {
        axis.insert(QStringLiteral("binary_view"),
                    QJsonObject{{QStringLiteral("threshold"), data.axis.binaryView->threshold},
                                {QStringLiteral("positive"), data.axis.binaryView->positiveLabel},
                                {QStringLiteral("negative"), data.axis.binaryView->negativeLabel}});
    }
    std::size_t pairable = 0;
    for (std::size_t u = 0; u < data.ratings.units(); ++u)
        pairable += data.ratings.ratingsOfUnit(u) >= 2 ? 1 : 0;
    axis.insert(QStringLiteral("counts"),
                QJsonObject{{QStringLiteral("units"), qint64(data.ratings.units())},
                            {QStringLiteral("units_with_two_or_more_ratings"), qint64(pairable)},
                            {QStringLiteral("physicians"), qint64(data.physicians.size())},
                            {QStringLiteral("ratings"), qint64(data.ratings.ratingCount())},
                            {QStringLiteral("unable_to_assess"), qint64(data.unableToAssess)},
                            {QStringLiteral("not_applicable"), qint64(data.notApplicable)},
                            {QStringLiteral("judge_runs"), qint64(data.judges.size())}});
    axis.insert(QStringLiteral("among_physicians"), amongPhysiciansJson(data, settings));
    axis.insert(QStringLiteral("intra_rater"), intraRaterJson(data, settings));
    if (cancelled(settings))
        return {};
    const std::vector<double> consensus = judgeReference(data, settings.adjudicated);
    const SharedIntervals intervals = bootstrapJudgeKappas(data, consensus, settings);
    if (cancelled(settings))
        return {};
    QJsonArray judges;
    for (const JudgeAxisScores &judge : data.judges) {
        judges.append(judgeJson(data, judge, consensus, settings, intervals));
        if (cancelled(settings))
            return {};
    }
    axis.insert(QStringLiteral("judges"), judges);
    axis.insert(QStringLiteral("systems"), systemsJson(data, consensus, settings));
    axis.insert(QStringLiteral("length_bias"), lengthBiasJson(data, consensus, settings));
    return axis;
}

} // namespace

QJsonObject positionBiasJson(const QVector<PreferenceSides> &sides, double confidence)
{
    QJsonArray axes;
    for (const PreferenceSides &side : sides) {
        const std::size_t decided = side.left + side.right;
        stats::Estimate share;
        if (decided == 0) {
            share = stats::Estimate::undefined("no preference for one side");
        } else {
            share.value = double(side.left) / double(decided);
            share.confidenceLevel = confidence;
            if (const auto interval = stats::wilsonInterval(double(side.left), double(decided), confidence)) {
                share.ci = *interval;
                share.ciMethod = stats::IntervalMethod::Wilson;
            }
            share.nUnits = share.nRatings = decided;
            share.nRaters = 1;
        }
        axes.append(QJsonObject{{QStringLiteral("axis"), side.axis.key},
                                {QStringLiteral("left"), qint64(side.left)},
                                {QStringLiteral("right"), qint64(side.right)},
                                {QStringLiteral("ties"), qint64(side.ties)},
                                {QStringLiteral("side_unknown"), qint64(side.sideUnknown)},
                                {QStringLiteral("left_share"), estimateToJson(share)}});
    }
    return QJsonObject{{QStringLiteral("physicians"), axes},
                       {QStringLiteral("judges"),
                        QJsonObject{{QStringLiteral("reason"),
                                     QStringLiteral("judge runs score each response on its own; they give "
                                                    "no side-by-side preference that could favour a side")}}}};
}

QString consensusRuleName(MeasurementLevel level)
{
    switch (level) {
    case MeasurementLevel::Ordinal:
        return QStringLiteral("median (the higher middle value for an even count)");
    case MeasurementLevel::Interval:
        return QStringLiteral("median");
    case MeasurementLevel::Binary:
    case MeasurementLevel::Nominal:
        return QStringLiteral("majority (no consensus on a tie)");
    }
    return {};
}

std::vector<double> physicianConsensus(const AxisAgreementData &data)
{
    return consensusOf(data, -1);
}

std::vector<double> judgeReference(const AxisAgreementData &data, bool adjudicated)
{
    std::vector<double> reference = consensusOf(data, -1);
    if (adjudicated) {
        for (std::size_t u = 0; u < reference.size() && u < data.adjudicated.size(); ++u) {
            if (!std::isnan(data.adjudicated[u]))
                reference[u] = data.adjudicated[u];
        }
    }
    return reference;
}

QString referenceName(MeasurementLevel level, bool adjudicated)
{
    return adjudicated
               ? QStringLiteral("adjudicated where the study lead decided, otherwise %1").arg(consensusRuleName(level))
               : consensusRuleName(level);
}

QJsonObject agreementAnalysis(const QVector<AxisAgreementData> &axes, const AgreementSettings &settings)
{
    QJsonArray results;
    for (const AxisAgreementData &data : axes) {
        QJsonObject axis = axisJson(data, settings);
        if (cancelled(settings))
            return {};
        results.append(axis);
        if (settings.axisDone)
            settings.axisDone(std::size_t(results.size()), std::size_t(axes.size()));
    }
    return QJsonObject{
        {QStringLiteral("settings"),
         QJsonObject{{QStringLiteral("bootstrap"), qint64(settings.bootstrap)},
                     {QStringLiteral("bootstrap_method"), QStringLiteral("percentile, item-level (cluster)")},
                     {QStringLiteral("seed"), QString::number(settings.seed)},
                     {QStringLiteral("confidence"), settings.confidence},
                     {QStringLiteral("calibration_bins"), qint64(settings.calibrationBins)},
                     {QStringLiteral("judge_reference"),
                      settings.adjudicated ? QStringLiteral("adjudicated") : QStringLiteral("consensus")},
                     {QStringLiteral("calibration_binning"),
                      QString::fromLatin1(stats::calibrationBinningName(settings.binning))}}},
        {QStringLiteral("axes"), results},
    };
}

Result<QJsonObject> studyAgreement(Study &study, const AgreementSettings &settings, const QString &axisKey)
{
    auto data = loadAgreementData(study, axisKey);
    if (!data.ok())
        return data.error();
    QJsonObject result = agreementAnalysis(data.value(), settings);
    if (cancelled(settings))
        return QJsonObject{};
    auto sides = loadPreferenceSides(study);
    if (!sides.ok())
        return sides.error();
    result.insert(QStringLiteral("position_bias"), positionBiasJson(sides.value(), settings.confidence));
    const StudyInfo info = study.info();
    result.insert(QStringLiteral("study"), QJsonObject{{QStringLiteral("title"), info.title},
                                                       {QStringLiteral("uuid"), info.uuid},
                                                       {QStringLiteral("schema_version"), study.schemaVersion()}});
    return result;
}

} // namespace concord
