#include "model/agreement/agreementanalysis.h"

#include "model/agreement/analysisjson.h"
#include "model/studyfile/study.h"
#include "stats/agreementbattery.h"
#include "stats/bootstrap.h"
#include "stats/cohenkappa.h"
#include "stats/confusion.h"
#include "stats/consensus.h"
#include "stats/correlation.h"
#include "stats/inference.h"

#include <QHash>
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

stats::BootstrapOptions bootstrapOptions(const AgreementSettings &settings)
{
    stats::BootstrapOptions options;
    options.resamples = settings.bootstrap;
    options.seed = settings.seed;
    options.level = settings.confidence;
    return options;
}

// An estimate, with its bootstrap interval when one was drawn.
BootstrappedEstimate withBootstrap(const stats::Estimate &estimate, const stats::BootstrapResult *bootstrap)
{
    BootstrappedEstimate result{estimate, std::nullopt};
    if (bootstrap && bootstrap->requested > 0)
        result.bootstrap = *bootstrap;
    return result;
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

CoefficientBattery battery(const stats::RatingMatrix &ratings, const AxisAgreementData &data,
                           const AgreementSettings &settings, const QStringList &raters)
{
    stats::BatteryOptions options;
    options.categories = data.scalePoints();
    options.level = statsLevel(data.axis.level);
    options.weights = weightsFor(data.axis.level);
    options.resamples = settings.bootstrap;
    options.seed = settings.seed;
    options.confidence = settings.confidence;
    CoefficientBattery coefficients;
    for (const stats::BatteryEntry &entry : stats::agreementBattery(ratings, options)) {
        AgreementCoefficient coefficient{entry.name, entry.label, withBootstrap(entry.estimate, &entry.bootstrap),
                                         std::nullopt};
        const QString name = QString::fromStdString(entry.name);
        // Pairwise kappas are named by the raters' column numbers; name them by the raters.
        if (name.startsWith(QLatin1String("cohen_kappa:"))) {
            const QStringList pair = name.mid(12).split(QLatin1Char('-'));
            if (pair.size() == 2)
                coefficient.raters = std::pair{raters.value(pair[0].toInt()), raters.value(pair[1].toInt())};
        }
        coefficients.push_back(std::move(coefficient));
    }
    return coefficients;
}

// Stops early when cancelled; the caller then drops the partial result.
PhysicianAgreement amongPhysicians(const AxisAgreementData &data, const AgreementSettings &settings)
{
    PhysicianAgreement result{battery(data.ratings, data, settings, data.physicians), std::nullopt, std::nullopt};
    if (!settings.subgroups)
        return result;
    for (const auto &[target, labels] :
         {std::pair{&result.byTask, &data.tasks}, std::pair{&result.bySystem, &data.systems}}) {
        QMap<QString, std::vector<bool>> groups;
        for (std::size_t u = 0; u < labels->size(); ++u) {
            auto &keep = groups[(*labels)[u]];
            keep.resize(labels->size(), false);
            keep[u] = true;
        }
        if (groups.size() < 2)
            continue; // one group is the whole study
        std::vector<SubgroupAgreement> byGroup;
        for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
            if (cancelled(settings))
                return result;
            byGroup.push_back({it.key().isEmpty() ? QStringLiteral("(none)") : it.key(),
                               battery(rowsWhere(data.ratings, it.value()), data, settings, data.physicians)});
        }
        *target = std::move(byGroup);
    }
    return result;
}

// Test-retest reliability from blinded repeats: each (physician, response) pair is a unit rated twice, the first
// showing and the repeat as the two columns; overall and per physician. Pairs of one response by several physicians
// are resampled as separate units (the interval ignores that clustering).
IntraRaterAgreement intraRater(const AxisAgreementData &data, const AgreementSettings &settings)
{
    IntraRaterAgreement result;
    if (data.repeatPairs.empty()) {
        result.reason = QStringLiteral("no response was rated in a blinded repeat");
        return result;
    }
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
    for (auto it = byPhysician.cbegin(); it != byPhysician.cend(); ++it) {
        if (cancelled(settings))
            return result;
        result.byPhysician.push_back({it.key(), it->size(), battery(matrixOf(*it), data, settings, showings)});
    }
    result.pairs = data.repeatPairs.size();
    result.physicians = std::size_t(byPhysician.size());
    result.overall = battery(matrixOf(data.repeatPairs), data, settings, showings);
    return result;
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
KappaAgreement kappaOf(const std::vector<double> &reference, const std::vector<double> &judge,
                       const AxisAgreementData &data, const AgreementSettings &settings,
                       const stats::BootstrapResult *shared = nullptr)
{
    const stats::CohenKappaOptions options = kappaOptions(data, settings);
    const stats::Estimate kappa = stats::cohenKappa(reference, judge, options);
    KappaAgreement result{withBootstrap(kappa, nullptr), options.weights.kind};
    if (shared) {
        result.kappa = withBootstrap(kappa, shared);
    } else if (settings.bootstrap > 0 && kappa.defined()) {
        const stats::CohenKappaUnitwise statistic(reference, judge, options);
        const auto boot = stats::bootstrap(statistic, bootstrapOptions(settings));
        result.kappa = withBootstrap(kappa, &boot);
    }
    return result;
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

// Stops early when cancelled; the caller then drops the partial result.
JudgeAgreement judgeAgreement(const AxisAgreementData &data, const JudgeAxisScores &judge,
                              const std::vector<double> &consensus, const AgreementSettings &settings,
                              const SharedIntervals &intervals)
{
    const auto shared = [&](const QString &key) -> const stats::BootstrapResult * {
        auto it = intervals.constFind(judge.name + QLatin1Char('/') + key);
        return it == intervals.constEnd() ? nullptr : &*it;
    };
    JudgeAgreement result;
    result.name = judge.name;
    const std::optional<double> threshold =
        data.axis.binaryView ? std::optional<double>(data.axis.binaryView->threshold) : std::nullopt;

    // Against the consensus.
    stats::ConfusionOptions confusionOptions;
    confusionOptions.categories = data.scalePoints();
    confusionOptions.confidence = settings.confidence;
    confusionOptions.unsafeThreshold = threshold;
    JudgeVersusConsensus &versus = result.versusConsensus;
    versus.reference = referenceName(data.axis.level, settings.adjudicated);
    versus.kappa = kappaOf(consensus, judge.value, data, settings, shared(QStringLiteral("consensus")));
    versus.spearman = stats::spearmanRho(consensus, judge.value, settings.confidence);
    versus.kendallTauB = stats::kendallTauB(consensus, judge.value, settings.confidence);
    versus.confusion = stats::confusionMatrix(consensus, judge.value, confusionOptions);
    if (threshold) {
        // Critical misses: the judge calls it safe, the physicians' consensus unsafe.
        std::vector<CriticalMiss> misses;
        for (std::size_t u = 0; u < consensus.size(); ++u) {
            if (!std::isnan(consensus[u]) && !std::isnan(judge.value[u]) && consensus[u] >= *threshold &&
                judge.value[u] < *threshold)
                misses.push_back({data.responseIds[u], data.caseIds[u], data.tasks[u], consensus[u], judge.value[u]});
        }
        versus.criticalMisses = std::move(misses);
    }
    if (cancelled(settings))
        return result;

    // Against each physician, and the judge's place among them: each physician against the consensus of the others,
    // next to the judge against that same consensus on the same units.
    const std::vector<KappaPair> pairs = judgeKappaPairs(data, judge, consensus);
    for (int p = 0; p < data.physicians.size(); ++p) {
        const KappaPair &one = pairs[std::size_t(1 + 3 * p)];
        result.versusPhysicians.push_back(
            {data.physicians[p], kappaOf(one.first, one.second, data, settings, shared(one.key))});
        // Units where the physician, the others and the judge all have a value: both kappas on the same units.
        const KappaPair &physician = pairs[std::size_t(2 + 3 * p)];
        const KappaPair &judgeOnly = pairs[std::size_t(3 + 3 * p)];
        result.leaveOneOut.push_back(
            {data.physicians[p], kappaOf(physician.first, physician.second, data, settings, shared(physician.key)),
             kappaOf(judgeOnly.first, judgeOnly.second, data, settings, shared(judgeOnly.key))});
    }

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
        JudgeCalibration calibration;
        if (confidences.empty()) {
            calibration.reason = QStringLiteral("the judge gave no probabilities or confidence on this axis");
        } else {
            stats::CalibrationOptions options;
            options.binning = settings.binning;
            options.bins = settings.calibrationBins;
            options.confidenceLevel = settings.confidence;
            calibration.result = stats::calibration(confidences, outcomes, options);
            calibration.positiveClass = data.axis.binaryView->positiveLabel;
        }
        result.calibration = std::move(calibration);
    }

    // By task.
    if (settings.subgroups) {
        QMap<QString, std::vector<double>> consensusByTask, judgeByTask;
        for (std::size_t u = 0; u < consensus.size(); ++u) {
            consensusByTask[data.tasks[u]].push_back(consensus[u]);
            judgeByTask[data.tasks[u]].push_back(judge.value[u]);
        }
        if (consensusByTask.size() >= 2) {
            std::vector<TaskKappa> byTask;
            for (auto it = consensusByTask.cbegin(); it != consensusByTask.cend(); ++it)
                byTask.push_back({it.key(), kappaOf(it.value(), judgeByTask.value(it.key()), data, settings)});
            result.kappaByTask = std::move(byTask);
        }
    }
    return result;
}

SystemComparison systemComparison(const AxisAgreementData &data, const std::vector<double> &consensus,
                                  const AgreementSettings &settings)
{
    QMap<QString, std::vector<std::size_t>> unitsOf;
    for (std::size_t u = 0; u < data.systems.size(); ++u)
        unitsOf[data.systems[u]].push_back(u);
    SystemComparison result;
    std::vector<double> physicianMeans;
    std::vector<std::vector<double>> judgeMeans(std::size_t(data.judges.size()));
    for (auto it = unitsOf.cbegin(); it != unitsOf.cend(); ++it) {
        std::vector<double> values;
        for (std::size_t u : it.value())
            values.push_back(consensus[u]);
        SystemMeans system{it.key(), meanEstimate(values, settings.confidence), {}};
        physicianMeans.push_back(system.physicianConsensusMean.value.value_or(kMissing));
        for (int j = 0; j < data.judges.size(); ++j) {
            std::vector<double> scores;
            for (std::size_t u : it.value())
                scores.push_back(data.judges[j].value[u]);
            const stats::Estimate mean = meanEstimate(scores, settings.confidence);
            judgeMeans[std::size_t(j)].push_back(mean.value.value_or(kMissing));
            system.judgeMeans.push_back({data.judges[j].name, mean});
        }
        result.systems.push_back(std::move(system));
    }
    for (int j = 0; j < data.judges.size(); ++j) {
        result.rankingKendallTauB.push_back(
            {data.judges[j].name, stats::kendallTauB(physicianMeans, judgeMeans[std::size_t(j)], settings.confidence)});
    }
    return result;
}

LengthBias lengthBias(const AxisAgreementData &data, const std::vector<double> &consensus,
                      const AgreementSettings &settings)
{
    std::vector<double> words(data.responseWords.begin(), data.responseWords.end());
    LengthBias result{stats::spearmanRho(words, consensus, settings.confidence), {}};
    for (const JudgeAxisScores &judge : data.judges)
        result.judges.push_back({judge.name, stats::spearmanRho(words, judge.value, settings.confidence)});
    return result;
}

std::optional<AxisAgreement> axisAgreement(const AxisAgreementData &data, const AgreementSettings &settings)
{
    AxisAgreement axis;
    axis.axis = data.axis;
    axis.weights = weightsFor(data.axis.level);
    axis.consensusRule = consensusRuleName(data.axis.level);
    std::size_t pairable = 0;
    for (std::size_t u = 0; u < data.ratings.units(); ++u)
        pairable += data.ratings.ratingsOfUnit(u) >= 2 ? 1 : 0;
    axis.counts = AxisCounts{
        data.ratings.units(), pairable,           std::size_t(data.physicians.size()), data.ratings.ratingCount(),
        data.unableToAssess,  data.notApplicable, std::size_t(data.judges.size())};
    axis.amongPhysicians = amongPhysicians(data, settings);
    axis.intraRater = intraRater(data, settings);
    if (cancelled(settings))
        return std::nullopt;
    const std::vector<double> consensus = judgeReference(data, settings.adjudicated);
    const SharedIntervals intervals = bootstrapJudgeKappas(data, consensus, settings);
    if (cancelled(settings))
        return std::nullopt;
    for (const JudgeAxisScores &judge : data.judges) {
        axis.judges.push_back(judgeAgreement(data, judge, consensus, settings, intervals));
        if (cancelled(settings))
            return std::nullopt;
    }
    axis.systems = systemComparison(data, consensus, settings);
    axis.lengthBias = lengthBias(data, consensus, settings);
    return axis;
}

} // namespace

PositionBias positionBias(const QVector<PreferenceSides> &sides, double confidence)
{
    PositionBias result;
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
        result.physicians.push_back({side.axis.key, side.left, side.right, side.ties, side.sideUnknown, share});
    }
    result.judgesReason = QStringLiteral("judge runs score each response on its own; they give no side-by-side "
                                         "preference that could favour a side");
    return result;
}

QJsonObject positionBiasJson(const QVector<PreferenceSides> &sides, double confidence)
{
    return toJson(positionBias(sides, confidence));
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

std::optional<AgreementAnalysis> analyseAgreement(const QVector<AxisAgreementData> &axes,
                                                  const AgreementSettings &settings)
{
    AgreementAnalysis result;
    result.settings = AnalysisSettingsRecord{settings.bootstrap,       settings.seed,    settings.confidence,
                                             settings.calibrationBins, settings.binning, settings.adjudicated};
    for (const AxisAgreementData &data : axes) {
        std::optional<AxisAgreement> axis = axisAgreement(data, settings);
        if (!axis || cancelled(settings))
            return std::nullopt;
        result.axes.push_back(std::move(*axis));
        if (settings.axisDone)
            settings.axisDone(result.axes.size(), std::size_t(axes.size()));
    }
    return result;
}

QJsonObject agreementAnalysis(const QVector<AxisAgreementData> &axes, const AgreementSettings &settings)
{
    const std::optional<AgreementAnalysis> analysis = analyseAgreement(axes, settings);
    return analysis ? toJson(*analysis) : QJsonObject{};
}

Result<std::optional<StudyAgreement>> studyAgreementResult(Study &study, const AgreementSettings &settings,
                                                           const QString &axisKey)
{
    auto data = loadAgreementData(study, axisKey);
    if (!data.ok())
        return data.error();
    std::optional<AgreementAnalysis> analysis = analyseAgreement(data.value(), settings);
    if (!analysis || cancelled(settings))
        return std::optional<StudyAgreement>{};
    auto sides = loadPreferenceSides(study);
    if (!sides.ok())
        return sides.error();
    const StudyInfo info = study.info();
    return std::optional<StudyAgreement>{StudyAgreement{std::move(*analysis),
                                                        positionBias(sides.value(), settings.confidence),
                                                        StudyIdentity{info.title, info.uuid, study.schemaVersion()}}};
}

Result<QJsonObject> studyAgreement(Study &study, const AgreementSettings &settings, const QString &axisKey)
{
    auto result = studyAgreementResult(study, settings, axisKey);
    if (!result.ok())
        return result.error();
    return result.value() ? toJson(*result.value()) : QJsonObject{};
}

} // namespace concord
