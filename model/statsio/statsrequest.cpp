#include "model/statsio/statsrequest.h"

#include "model/statsio/statsjson.h"
#include "stats/bootstrap.h"
#include "stats/calibration.h"
#include "stats/chanceagreement.h"
#include "stats/cohenkappa.h"
#include "stats/confusion.h"
#include "stats/correlation.h"
#include "stats/icc.h"
#include "stats/krippendorff.h"
#include "stats/weights.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <functional>
#include <map>

namespace concord {

namespace {

using stats::Estimate;
using stats::RatingMatrix;

// What a rating statistic needs besides the ratings, parsed and checked once.
struct RatingSetup
{
    StatsRatings data;
    stats::WeightSpec weights;
    stats::MeasurementLevel level = stats::MeasurementLevel::Nominal;
    double confidence = 0.95;
    QString definition;
};

using EstimateFunction = std::function<Estimate(const RatingMatrix &)>;

struct RatingStatistic
{
    // Builds the function computing the estimate on a rating matrix (the whole input, or a bootstrap resample).
    std::function<Result<EstimateFunction>(const RatingSetup &)> make;
    int raters = 0;                // exact number of rater columns needed; 0: any number (two or more)
    bool usesWeights = false;      // --weights applies
    bool usesLevel = false;        // --level applies
    bool orderedByDefault = false; // numbers are read as ordered values even without --level
};

Error optionError(const QString &option, const QString &what)
{
    return Error{QStringLiteral("--%1: %2").arg(option, what)};
}

Result<stats::WeightSpec> parseWeights(const QString &text)
{
    stats::WeightSpec spec;
    if (text.isEmpty())
        return spec;
    if (auto kind = stats::weightKindFromName(text.toStdString()); kind && *kind != stats::WeightKind::Custom) {
        spec.kind = *kind;
        return spec;
    }
    QFile file(text);
    if (!file.open(QIODevice::ReadOnly))
        return optionError(
            QStringLiteral("weights"),
            QStringLiteral("'%1' is neither identity, linear, quadratic nor a readable JSON file").arg(text));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return optionError(
            QStringLiteral("weights"),
            QStringLiteral("%1: offset %2: %3").arg(text).arg(parseError.offset).arg(parseError.errorString()));
    if (!document.isArray())
        return optionError(QStringLiteral("weights"), QStringLiteral("%1: expected an array of rows").arg(text));
    const QJsonArray rows = document.array();
    spec.kind = stats::WeightKind::Custom;
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QJsonArray row = rows[r].toArray();
        if (row.size() != rows.size())
            return optionError(QStringLiteral("weights"), QStringLiteral("%1: row %2 has %3 entries; a %4 x %4 matrix "
                                                                         "is needed")
                                                              .arg(text)
                                                              .arg(r + 1)
                                                              .arg(row.size())
                                                              .arg(rows.size()));
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (!row[c].isDouble())
                return optionError(
                    QStringLiteral("weights"),
                    QStringLiteral("%1: row %2, column %3 is not a number").arg(text).arg(r + 1).arg(c + 1));
            spec.custom.push_back(row[c].toDouble());
        }
    }
    return spec;
}

stats::BootstrapOptions bootstrapOptions(const StatsRequest &request)
{
    stats::BootstrapOptions options;
    options.resamples = static_cast<std::size_t>(request.bootstrap);
    options.seed = request.seed;
    options.level = request.confidence;
    options.method = request.bootstrapMethod == QStringLiteral("bca") ? stats::IntervalMethod::BootstrapBca
                                                                      : stats::IntervalMethod::BootstrapPercentile;
    return options;
}

// The two raters' columns, missing cells as NaN (the correlations leave out incomplete pairs and count them).
std::pair<std::vector<double>, std::vector<double>> raterColumns(const RatingMatrix &m)
{
    std::vector<double> x(m.units()), y(m.units());
    for (std::size_t u = 0; u < m.units(); ++u) {
        x[u] = m.row(u)[0];
        y[u] = m.row(u)[1];
    }
    return {std::move(x), std::move(y)};
}

stats::ChanceAgreementOptions chanceOptions(const RatingSetup &setup)
{
    stats::ChanceAgreementOptions options;
    options.weights = setup.weights;
    options.categories = setup.data.declaredCategories;
    options.confidence = setup.confidence;
    options.definition = setup.definition == QStringLiteral("unanimous") ? stats::PercentAgreementDefinition::Unanimous
                                                                         : stats::PercentAgreementDefinition::Pairwise;
    return options;
}

// A coefficient of Gwet's framework, with the options of the request.
RatingStatistic chanceCoefficient(Estimate (*coefficient)(const RatingMatrix &, const stats::ChanceAgreementOptions &))
{
    return {[coefficient](const RatingSetup &setup) -> Result<EstimateFunction> {
                const auto options = chanceOptions(setup);
                return EstimateFunction(
                    [coefficient, options](const RatingMatrix &m) { return coefficient(m, options); });
            },
            0, true, false, false};
}

const std::map<QString, RatingStatistic> &ratingStatistics()
{
    static const std::map<QString, RatingStatistic> table{
        {QStringLiteral("cohen_kappa"),
         {[](const RatingSetup &setup) -> Result<EstimateFunction> {
              stats::CohenKappaOptions options;
              options.weights = setup.weights;
              options.categories = setup.data.declaredCategories;
              options.confidence = setup.confidence;
              return EstimateFunction([options](const RatingMatrix &m) { return stats::cohenKappa(m, options); });
          },
          2, true, false, false}},
        {QStringLiteral("scott_pi"), chanceCoefficient(stats::scottPi)},
        {QStringLiteral("fleiss_kappa"), chanceCoefficient(stats::fleissKappa)},
        {QStringLiteral("gwet_ac1"), chanceCoefficient(stats::gwetAc)},
        {QStringLiteral("brennan_prediger"), chanceCoefficient(stats::brennanPrediger)},
        {QStringLiteral("percent_agreement"), chanceCoefficient(stats::percentAgreement)},
        {QStringLiteral("krippendorff_alpha"),
         {[](const RatingSetup &setup) -> Result<EstimateFunction> {
              stats::KrippendorffOptions options;
              options.level = setup.level;
              options.declaredCategories = setup.data.declaredCategories;
              options.confidenceLevel = setup.confidence;
              return EstimateFunction(
                  [options](const RatingMatrix &m) { return stats::krippendorffAlpha(m, options); });
          },
          0, false, true, false}},
        {QStringLiteral("spearman"),
         {[](const RatingSetup &setup) -> Result<EstimateFunction> {
              const double level = setup.confidence;
              return EstimateFunction([level](const RatingMatrix &m) {
                  const auto [x, y] = raterColumns(m);
                  return stats::spearmanRho(x, y, level);
              });
          },
          2, false, false, true}},
        {QStringLiteral("kendall_tau_b"),
         {[](const RatingSetup &setup) -> Result<EstimateFunction> {
              const double level = setup.confidence;
              return EstimateFunction([level](const RatingMatrix &m) {
                  const auto [x, y] = raterColumns(m);
                  return stats::kendallTauB(x, y, level);
              });
          },
          2, false, false, true}},
    };
    return table;
}

Result<QJsonObject> runRatingStatistic(const StatsRequest &request, const RatingStatistic &statistic)
{
    auto data = readStatsRatings(request.input, request.layout, request.categories);
    if (!data.ok())
        return data.error();
    RatingSetup setup;
    setup.data = std::move(data.value());
    setup.confidence = request.confidence;
    setup.definition = request.definition;

    const std::size_t raters = setup.data.matrix.raters();
    if (statistic.raters > 0 && raters != static_cast<std::size_t>(statistic.raters))
        return Error{QStringLiteral("%1 needs exactly %2 raters; %3 has %4")
                         .arg(request.statistic)
                         .arg(statistic.raters)
                         .arg(request.input)
                         .arg(raters)};
    if (!request.weights.isEmpty() && !statistic.usesWeights)
        return optionError(QStringLiteral("weights"), QStringLiteral("does not apply to %1").arg(request.statistic));
    if (!request.level.isEmpty() && !statistic.usesLevel)
        return optionError(QStringLiteral("level"), QStringLiteral("does not apply to %1").arg(request.statistic));
    auto weights = parseWeights(request.weights);
    if (!weights.ok())
        return weights.error();
    setup.weights = weights.value();
    if (!request.level.isEmpty()) {
        const auto level = stats::measurementLevelFromName(request.level.toStdString());
        if (!level)
            return optionError(QStringLiteral("level"),
                               QStringLiteral("'%1' is not nominal, ordinal, interval or ratio").arg(request.level));
        setup.level = *level;
    }
    // Text ratings have an order only when --categories gives it.
    const bool ordered = setup.weights.kind != stats::WeightKind::Identity ||
                         (statistic.usesLevel && setup.level != stats::MeasurementLevel::Nominal) ||
                         statistic.orderedByDefault;
    if (ordered && !setup.data.labels.isEmpty() && request.categories.isEmpty())
        return Error{QStringLiteral("%1: the ratings are text, so %2 needs --categories to give their order")
                         .arg(request.input, request.statistic)};

    auto make = statistic.make(setup);
    if (!make.ok())
        return make.error();
    const EstimateFunction estimateOf = make.value();
    Estimate estimate = estimateOf(setup.data.matrix);
    QJsonObject result = estimateToJson(estimate);
    if (request.bootstrap > 0) {
        const auto options = bootstrapOptions(request);
        stats::BootstrapResult boot;
        if (request.statistic == QStringLiteral("krippendorff_alpha")) {
            // α has a fast path: units are summarized once and a resample only sums their summaries.
            stats::KrippendorffUnitwise unitwise(setup.data.matrix, setup.level, setup.data.declaredCategories);
            boot = stats::bootstrap(unitwise, options);
        } else {
            boot = stats::bootstrap(
                setup.data.matrix, [&estimateOf](const RatingMatrix &m) { return estimateOf(m).value; }, options);
        }
        result.insert(QStringLiteral("bootstrap"), bootstrapJson(boot));
    }
    if (statistic.usesWeights)
        result.insert(QStringLiteral("weights"),
                      request.weights.isEmpty() ? QStringLiteral("identity") : request.weights);
    if (request.statistic == QStringLiteral("gwet_ac1"))
        result.insert(QStringLiteral("coefficient"), setup.weights.kind == stats::WeightKind::Identity
                                                         ? QStringLiteral("AC1")
                                                         : QStringLiteral("AC2"));
    if (request.statistic == QStringLiteral("percent_agreement"))
        result.insert(QStringLiteral("definition"), request.definition);
    if (statistic.usesLevel)
        result.insert(QStringLiteral("level"), QString::fromLatin1(stats::measurementLevelName(setup.level)));
    if (!setup.data.labels.isEmpty())
        result.insert(QStringLiteral("categories"), QJsonArray::fromStringList(setup.data.labels));
    return result;
}

QJsonArray toJsonArray(const std::vector<double> &values)
{
    QJsonArray array;
    for (double v : values)
        array.append(v);
    return array;
}

Result<QJsonObject> runCalibration(const StatsRequest &request, bool brierOnly)
{
    auto data = readProbabilityLabels(request.input);
    if (!data.ok())
        return data.error();
    stats::CalibrationOptions options;
    const auto variant = stats::calibrationVariantFromName(request.variant.toStdString());
    if (!variant)
        return optionError(QStringLiteral("variant"),
                           QStringLiteral("'%1' is not positive_class or top_label").arg(request.variant));
    const auto binning = stats::calibrationBinningFromName(request.binning.toStdString());
    if (!binning)
        return optionError(QStringLiteral("binning"),
                           QStringLiteral("'%1' is not equal_width or equal_mass").arg(request.binning));
    if (request.bins < 1)
        return optionError(QStringLiteral("bins"), QStringLiteral("must be at least 1"));
    options.variant = *variant;
    options.binning = *binning;
    options.bins = static_cast<std::size_t>(request.bins);
    options.confidenceLevel = request.confidence;

    std::vector<double> confidences = data->probabilities;
    std::vector<int> outcomes = data->labels;
    if (options.variant == stats::CalibrationVariant::TopLabel) {
        // A probability of the positive class, as the two-category distribution (1 - p, p).
        std::vector<double> distribution;
        distribution.reserve(2 * confidences.size());
        for (double p : data->probabilities) {
            distribution.push_back(1.0 - p);
            distribution.push_back(p);
        }
        auto top = stats::topLabelForecasts(distribution, 2, data->labels);
        if (!top.reason.empty())
            return Error{QStringLiteral("%1: %2").arg(request.input, QString::fromStdString(top.reason))};
        confidences = std::move(top.confidence);
        outcomes = std::move(top.correct);
    }
    const stats::CalibrationResult calibration = stats::calibration(confidences, outcomes, options);
    QJsonObject result{{QStringLiteral("variant"), request.variant},
                       {QStringLiteral("binning"), request.binning},
                       {QStringLiteral("bins"), request.bins},
                       {QStringLiteral("n"), static_cast<qint64>(calibration.n)}};
    if (!calibration.defined()) {
        result.insert(brierOnly ? QStringLiteral("brier") : QStringLiteral("ece"), QJsonValue());
        result.insert(QStringLiteral("reason"), QString::fromStdString(calibration.reason));
        return result;
    }
    const auto optionalJson = [](const std::optional<double> &v) { return v ? QJsonValue(*v) : QJsonValue(); };
    const auto &brier = calibration.brier;
    result.insert(QStringLiteral("brier"), optionalJson(brier.brier.value));
    result.insert(QStringLiteral("reliability"), optionalJson(brier.reliability));
    result.insert(QStringLiteral("resolution"), optionalJson(brier.resolution));
    result.insert(QStringLiteral("uncertainty"), optionalJson(brier.uncertainty));
    result.insert(QStringLiteral("residual"), optionalJson(brier.residual));
    if (!brierOnly) {
        result.insert(QStringLiteral("ece"), optionalJson(calibration.ece.value));
        result.insert(QStringLiteral("mce"), optionalJson(calibration.mce.value));
        QJsonArray counts, meanConfidence, observed;
        for (const auto &bin : calibration.bins) {
            counts.append(static_cast<qint64>(bin.count));
            meanConfidence.append(optionalJson(bin.meanConfidence));
            observed.append(optionalJson(bin.observedFrequency));
        }
        result.insert(QStringLiteral("bin_edges"), toJsonArray(calibration.edges));
        result.insert(QStringLiteral("bin_counts"), counts);
        result.insert(QStringLiteral("bin_mean_confidence"), meanConfidence);
        result.insert(QStringLiteral("bin_observed_frequency"), observed);
        QJsonArray high;
        for (const auto &h : calibration.wrongAtHighConfidence) {
            QJsonObject entry = estimateToJson(h.share);
            entry.insert(QStringLiteral("threshold"), h.threshold);
            entry.insert(QStringLiteral("confident"), static_cast<qint64>(h.confident));
            entry.insert(QStringLiteral("wrong"), static_cast<qint64>(h.wrong));
            high.append(entry);
        }
        result.insert(QStringLiteral("wrong_at_high_confidence"), high);
        result.insert(QStringLiteral("aurc"), optionalJson(calibration.riskCoverage.aurc.value));
        QJsonArray coverage, risk;
        for (const auto &point : calibration.riskCoverage.points) {
            coverage.append(point.coverage);
            risk.append(point.risk);
        }
        result.insert(QStringLiteral("risk_coverage"),
                      QJsonObject{{QStringLiteral("coverage"), coverage}, {QStringLiteral("risk"), risk}});
    }
    if (request.bootstrap > 0) {
        // Items are the units: a two-column matrix (confidence, outcome) per item, resampled whole.
        RatingMatrix items(confidences.size(), 2);
        for (std::size_t i = 0; i < confidences.size(); ++i) {
            items.set(i, 0, confidences[i]);
            items.set(i, 1, outcomes[i]);
        }
        const auto statistic = [options, brierOnly](const RatingMatrix &m) -> std::optional<double> {
            std::vector<double> c(m.units());
            std::vector<int> o(m.units());
            for (std::size_t i = 0; i < m.units(); ++i) {
                c[i] = m.at(i, 0);
                o[i] = static_cast<int>(m.at(i, 1));
            }
            if (brierOnly)
                return stats::brierScore(c, o, options).brier.value;
            return stats::calibration(c, o, options).ece.value;
        };
        result.insert(QStringLiteral("bootstrap"),
                      bootstrapJson(stats::bootstrap(items, statistic, bootstrapOptions(request))));
    }
    return result;
}

QJsonObject iccFormJson(const stats::IccForm &form)
{
    QJsonObject object = estimateToJson(form.estimate);
    if (form.f) {
        object.insert(QStringLiteral("F"), *form.f);
        object.insert(QStringLiteral("df1"), form.df1);
        object.insert(QStringLiteral("df2"), form.df2);
    }
    if (!form.note.empty())
        object.insert(QStringLiteral("note"), QString::fromStdString(form.note));
    return object;
}

// The first rater column is the reference (e.g. the physicians' consensus), the second the judge.
Result<QJsonObject> runConfusion(const StatsRequest &request)
{
    if (!request.weights.isEmpty() || !request.level.isEmpty())
        return optionError(request.weights.isEmpty() ? QStringLiteral("level") : QStringLiteral("weights"),
                           QStringLiteral("does not apply to confusion"));
    auto data = readStatsRatings(request.input, request.layout, request.categories);
    if (!data.ok())
        return data.error();
    if (data->matrix.raters() != 2)
        return Error{QStringLiteral("confusion needs exactly 2 raters (reference, then judge); %1 has %2")
                         .arg(request.input)
                         .arg(data->matrix.raters())};
    if (!data->labels.isEmpty() && request.categories.isEmpty())
        return Error{QStringLiteral("%1: the ratings are text, so confusion needs --categories to give their order")
                         .arg(request.input)};
    std::vector<double> reference(data->matrix.units()), judge(data->matrix.units());
    for (std::size_t u = 0; u < data->matrix.units(); ++u) {
        reference[u] = data->matrix.row(u)[0];
        judge[u] = data->matrix.row(u)[1];
    }
    stats::ConfusionOptions options;
    options.categories = data->declaredCategories;
    options.confidence = request.confidence;
    options.unsafeThreshold = request.threshold;
    const stats::ConfusionResult confusion = stats::confusionMatrix(reference, judge, options);
    QJsonObject result{{QStringLiteral("reference"), data->raters.value(0)},
                       {QStringLiteral("judge"), data->raters.value(1)}};
    if (!confusion.defined()) {
        result.insert(QStringLiteral("value"), QJsonValue());
        result.insert(QStringLiteral("reason"), QString::fromStdString(confusion.reason));
        return result;
    }
    QJsonArray matrix;
    const std::size_t q = confusion.categories.size();
    for (std::size_t i = 0; i < q; ++i) {
        QJsonArray row;
        for (std::size_t j = 0; j < q; ++j)
            row.append(static_cast<qint64>(confusion.count(i, j)));
        matrix.append(row);
    }
    result.insert(QStringLiteral("categories"), data->labels.isEmpty() ? toJsonArray(confusion.categories)
                                                                       : QJsonArray::fromStringList(data->labels));
    result.insert(QStringLiteral("matrix"), matrix);
    result.insert(QStringLiteral("n_units"), static_cast<qint64>(confusion.pairsUsed));
    if (confusion.pairsExcluded > 0) {
        result.insert(QStringLiteral("n_units_excluded"), static_cast<qint64>(confusion.pairsExcluded));
        result.insert(QStringLiteral("exclusion_reason"), QString::fromStdString(confusion.exclusionReason));
    }
    result.insert(QStringLiteral("exact_agreement"), estimateToJson(confusion.exactAgreement));
    result.insert(QStringLiteral("within_one_agreement"), estimateToJson(confusion.withinOneAgreement));
    result.insert(QStringLiteral("mean_signed_difference"), estimateToJson(confusion.meanSignedDifference));
    if (confusion.binary) {
        const auto &b = *confusion.binary;
        result.insert(QStringLiteral("threshold"), *confusion.threshold);
        result.insert(QStringLiteral("binary"),
                      QJsonObject{{QStringLiteral("true_positives"), static_cast<qint64>(b.counts.truePositives)},
                                  {QStringLiteral("false_positives"), static_cast<qint64>(b.counts.falsePositives)},
                                  {QStringLiteral("true_negatives"), static_cast<qint64>(b.counts.trueNegatives)},
                                  {QStringLiteral("false_negatives"), static_cast<qint64>(b.counts.falseNegatives)},
                                  {QStringLiteral("sensitivity"), estimateToJson(b.sensitivity)},
                                  {QStringLiteral("specificity"), estimateToJson(b.specificity)},
                                  {QStringLiteral("ppv"), estimateToJson(b.ppv)},
                                  {QStringLiteral("npv"), estimateToJson(b.npv)},
                                  {QStringLiteral("accuracy"), estimateToJson(b.accuracy)},
                                  {QStringLiteral("f1"), estimateToJson(b.f1)},
                                  {QStringLiteral("macro_f1"), estimateToJson(b.macroF1)}});
    }
    return result;
}

Result<QJsonObject> runIcc(const StatsRequest &request)
{
    if (!request.weights.isEmpty() || !request.level.isEmpty())
        return optionError(request.weights.isEmpty() ? QStringLiteral("level") : QStringLiteral("weights"),
                           QStringLiteral("does not apply to icc"));
    auto data = readStatsRatings(request.input, request.layout, request.categories);
    if (!data.ok())
        return data.error();
    if (!data->labels.isEmpty() && request.categories.isEmpty())
        return Error{QStringLiteral("%1: the ratings are text, so icc needs --categories to give their order")
                         .arg(request.input)};
    const stats::IccResult icc = stats::iccAll(data->matrix, request.confidence);
    QJsonObject result;
    if (!icc.reason.empty())
        result.insert(QStringLiteral("reason"), QString::fromStdString(icc.reason));
    for (const auto &form : icc.forms)
        result.insert(QString::fromStdString(form.name), iccFormJson(form));
    if (request.bootstrap > 0) {
        QJsonObject intervals;
        for (const auto kind : {stats::IccKind::Icc1, stats::IccKind::Icc2, stats::IccKind::Icc3, stats::IccKind::Icc1k,
                                stats::IccKind::Icc2k, stats::IccKind::Icc3k}) {
            const double level = request.confidence;
            const auto boot = stats::bootstrap(
                data->matrix, [kind, level](const RatingMatrix &m) { return stats::icc(m, kind, level).value; },
                bootstrapOptions(request));
            intervals.insert(QString::fromLatin1(stats::iccKindName(kind)), bootstrapJson(boot));
        }
        result.insert(QStringLiteral("bootstrap"), intervals);
    }
    return result;
}

} // namespace

QStringList statisticNames()
{
    QStringList names;
    for (const auto &[name, statistic] : ratingStatistics())
        names << name;
    names << QStringLiteral("icc") << QStringLiteral("confusion") << QStringLiteral("calibration")
          << QStringLiteral("brier");
    return names;
}

Result<QJsonObject> runStatsRequest(const StatsRequest &request)
{
    if (!(request.confidence > 0.0 && request.confidence < 1.0))
        return optionError(QStringLiteral("confidence"), QStringLiteral("must be strictly between 0 and 1"));
    if (request.bootstrap < 0)
        return optionError(QStringLiteral("bootstrap"), QStringLiteral("must be 0 or more resamples"));
    if (request.bootstrapMethod != QStringLiteral("percentile") && request.bootstrapMethod != QStringLiteral("bca"))
        return optionError(QStringLiteral("bootstrap-method"),
                           QStringLiteral("'%1' is not percentile or bca").arg(request.bootstrapMethod));
    if (request.definition != QStringLiteral("pairwise") && request.definition != QStringLiteral("unanimous"))
        return optionError(QStringLiteral("definition"),
                           QStringLiteral("'%1' is not pairwise or unanimous").arg(request.definition));

    Result<QJsonObject> result = Error{};
    if (request.statistic == QStringLiteral("calibration") || request.statistic == QStringLiteral("brier")) {
        result = runCalibration(request, request.statistic == QStringLiteral("brier"));
    } else if (request.statistic == QStringLiteral("confusion")) {
        result = runConfusion(request);
    } else if (request.statistic == QStringLiteral("icc")) {
        result = runIcc(request);
    } else {
        const auto found = ratingStatistics().find(request.statistic);
        if (found == ratingStatistics().end())
            return Error{QStringLiteral("unknown statistic '%1'; one of: %2")
                             .arg(request.statistic, statisticNames().join(QStringLiteral(", ")))};
        result = runRatingStatistic(request, found->second);
    }
    if (!result.ok())
        return result;
    QJsonObject object = result.value();
    object.insert(QStringLiteral("statistic"), request.statistic);
    object.insert(QStringLiteral("input"), request.input);
    return object;
}

} // namespace concord
