// agreement, report and stats: the commands that compute and report agreement.
#include "app/cli/commandline.h"
#include "app/cli/commandsupport.h"
#include "model/agreement/agreementanalysis.h"
#include "model/agreement/analysisjson.h"
#include "model/agreement/estimateformat.h"
#include "model/agreement/judgestatistics.h"
#include "model/agreement/ratingcounts.h"
#include "model/demo/demostudy.h"
#include "model/formats/exporter.h"
#include "model/formats/importer.h"
#include "model/statsio/statsrequest.h"
#include "model/studyfile/schema.h"
#include "model/studyfile/study.h"
#include "model/studyfile/studycheck.h"
#include "model/studyfile/studyfilecheck.h"
#include "model/studyfile/writelock.h"
#include "ui/report/reportexport.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string_view>

namespace concord::cli {

namespace {

// --bootstrap and --seed, shared by `agreement` and `report`.
Result<AgreementSettings> agreementSettings(const QCommandLineParser &parser)
{
    AgreementSettings settings;
    if (parser.isSet(QStringLiteral("bootstrap"))) {
        bool ok = false;
        const int resamples = parser.value(QStringLiteral("bootstrap")).toInt(&ok);
        if (!ok || resamples < 0)
            return Error{QStringLiteral("--bootstrap must be a whole number of resamples (0 for none), not '%1'")
                             .arg(parser.value(QStringLiteral("bootstrap")))};
        settings.bootstrap = std::size_t(resamples);
    }
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        settings.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            return Error{
                QStringLiteral("--seed must be a whole number, not '%1'").arg(parser.value(QStringLiteral("seed")))};
    }
    settings.adjudicated = parser.isSet(QStringLiteral("adjudicated"));
    return settings;
}

int runReport(const QCommandLineParser &parser, const QStringList &args)
{
    const QString target = parser.value(QStringLiteral("out"));
    if (target.isEmpty())
        return fail(QStringLiteral("--out FILE.html|FILE.pdf|FILE.json|FILE.csv is required"), UsageError);
    auto settings = agreementSettings(parser);
    if (!settings.ok())
        return fail(settings.errorMessage(), UsageError);
    if (auto written = exportReport(args[0], target, settings.value()); !written.ok())
        return fail(written.errorMessage());
    out() << "wrote " << target << Qt::endl;
    return Success;
}

// The headline figures of `concord agreement` as text: agreement among physicians and each judge against them.
void printAgreementSummary(const AgreementAnalysis &analysis)
{
    if (analysis.axes.empty())
        return;
    out() << Qt::endl
          << "Agreement (" << analysis.settings.confidence * 100
          << "% intervals; bootstrap B = " << analysis.settings.bootstrap << ", seed "
          << QString::number(analysis.settings.seed) << "; --json for every figure):" << Qt::endl;
    // The coefficients of the battery shown here, in this order; --json has every one.
    const std::array<std::string_view, 4> headline{"krippendorff_alpha", "fleiss_kappa", "gwet_ac1", "gwet_ac2"};
    const JudgeStatisticInfo &kappa = judgeStatisticInfo(JudgeStatistic::Kappa);
    for (const AxisAgreement &axis : analysis.axes) {
        QVector<std::pair<QString, QString>> rows; // label, estimate
        for (const std::string_view name : headline) {
            for (const AgreementCoefficient &coefficient : axis.amongPhysicians.overall) {
                if (coefficient.name == name)
                    rows.push_back({QString::fromStdString(coefficient.label), formatEstimate(coefficient.result, 2)});
            }
        }
        for (const JudgeAgreement &judge : axis.judges) {
            rows.push_back({QStringLiteral("judge %1 vs consensus, %2 (%3)")
                                .arg(judge.name, QString::fromLatin1(kappa.shortLabel),
                                     weightName(judge.versusConsensus.kappa.weights)),
                            formatEstimate(judge.versusConsensus.kappa.kappa, 2)});
        }
        // The estimates line up in one column, after the longest label.
        qsizetype width = 50;
        for (const auto &row : std::as_const(rows))
            width = std::max(width, row.first.size() + 2);
        out() << axis.axis.key << Qt::endl;
        for (const auto &[label, estimate] : std::as_const(rows))
            out() << "  " << label.leftJustified(width) << estimate << Qt::endl;
    }
}

int runAgreement(const QCommandLineParser &parser, const QStringList &args)
{
    auto study = Study::open(args[0], Study::Access::ReadOnly);
    if (!study.ok())
        return fail(study.errorMessage());
    auto counts = axisRatingCounts(*study.value());
    if (!counts.ok())
        return fail(counts.errorMessage());
    const QString onlyAxis = parser.value(QStringLiteral("axis"));
    if (!onlyAxis.isEmpty() && !study.value()->rubric().axis(onlyAxis))
        return fail(QStringLiteral("--axis: unknown axis '%1' (the rubric has %2)")
                        .arg(onlyAxis, study.value()->rubric().axisKeys().join(QStringLiteral(", "))),
                    UsageError);
    QVector<AxisRatingCounts> rows;
    for (const auto &c : counts.value()) {
        if (onlyAxis.isEmpty() || c.axisKey == onlyAxis)
            rows.push_back(c);
    }
    auto parsedSettings = agreementSettings(parser);
    if (!parsedSettings.ok())
        return fail(parsedSettings.errorMessage(), UsageError);
    const AgreementSettings settings = parsedSettings.value();
    // Comparison axes (preferences) have counts but no agreement analysis here.
    const Axis *selected = onlyAxis.isEmpty() ? nullptr : study.value()->rubric().axis(onlyAxis);
    std::optional<StudyAgreement> computed;
    if (!selected || selected->target == AxisTarget::Response) {
        auto result = studyAgreementResult(*study.value(), settings, onlyAxis);
        if (!result.ok())
            return fail(result.errorMessage());
        computed = std::move(result.value());
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject analysis = computed ? toJson(*computed) : QJsonObject{};
        QJsonArray axes;
        for (const auto &c : rows) {
            axes.append(QJsonObject{{QStringLiteral("axis"), c.axisKey},
                                    {QStringLiteral("label"), c.axisLabel},
                                    {QStringLiteral("targets"), c.targets},
                                    {QStringLiteral("targets_rated"), c.targetsRated},
                                    {QStringLiteral("targets_pairable"), c.targetsPairable},
                                    {QStringLiteral("ratings"), c.ratings},
                                    {QStringLiteral("unable_to_assess"), c.unableToAssess},
                                    {QStringLiteral("not_applicable"), c.notApplicable},
                                    {QStringLiteral("annotators"), c.annotators},
                                    {QStringLiteral("assigned_missing"), c.assignedMissing},
                                    {QStringLiteral("judge_scores"), c.judgeScores}});
        }
        analysis.insert(QStringLiteral("file"), args[0]);
        analysis.insert(QStringLiteral("rating_counts"), axes);
        if (!analysis.contains(QStringLiteral("axes")))
            analysis.insert(QStringLiteral("axes"), QJsonArray());
        printJson(analysis);
        return Success;
    }
    out() << "Study \"" << study.value()->info().title << "\" (" << args[0] << ")" << Qt::endl;
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                 .arg(QStringLiteral("axis"), -18)
                 .arg(QStringLiteral("rated"), 15)
                 .arg(QStringLiteral("pairable"), 9)
                 .arg(QStringLiteral("ratings"), 8)
                 .arg(QStringLiteral("unable"), 7)
                 .arg(QStringLiteral("n/a"), 6)
                 .arg(QStringLiteral("raters"), 7)
                 .arg(QStringLiteral("missing"), 8)
                 .arg(QStringLiteral("judge"), 7)
          << Qt::endl;
    for (const auto &c : rows) {
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                     .arg(c.axisKey, -18)
                     .arg(QStringLiteral("%1/%2").arg(c.targetsRated).arg(c.targets), 15)
                     .arg(c.targetsPairable, 9)
                     .arg(c.ratings, 8)
                     .arg(c.unableToAssess, 7)
                     .arg(c.notApplicable, 6)
                     .arg(c.annotators, 7)
                     .arg(c.assignedMissing, 8)
                     .arg(c.judgeScores, 7)
              << Qt::endl;
    }
    out() << "rated: targets with a current rating; pairable: with two or more scale values (usable for agreement);"
          << Qt::endl
          << "missing: assigned to a physician but not rated; unable/n/a: 'unable to assess' and 'not applicable'."
          << Qt::endl;
    if (computed)
        printAgreementSummary(computed->analysis);
    return Success;
}

int runStats(const QCommandLineParser &parser, const QStringList &args)
{
    if (!parser.isSet(QStringLiteral("input")))
        return fail(QStringLiteral("stats: --input FILE.csv is required"), UsageError);
    StatsRequest request;
    request.statistic = args[0];
    request.input = parser.value(QStringLiteral("input"));
    const QString layout = parser.value(QStringLiteral("layout"));
    if (!layout.isEmpty() && layout != QStringLiteral("wide") && layout != QStringLiteral("long"))
        return fail(QStringLiteral("stats: --layout must be wide or long, not '%1'").arg(layout), UsageError);
    request.layout = layout == QStringLiteral("long") ? RatingLayout::Long : RatingLayout::Wide;
    request.level = parser.value(QStringLiteral("level"));
    request.weights = parser.value(QStringLiteral("weights"));
    if (parser.isSet(QStringLiteral("categories")))
        request.categories = parser.value(QStringLiteral("categories")).split(QLatin1Char(','));
    if (parser.isSet(QStringLiteral("definition")))
        request.definition = parser.value(QStringLiteral("definition"));
    if (parser.isSet(QStringLiteral("binning")))
        request.binning = parser.value(QStringLiteral("binning"));
    if (parser.isSet(QStringLiteral("variant")))
        request.variant = parser.value(QStringLiteral("variant"));
    if (parser.isSet(QStringLiteral("bootstrap-method")))
        request.bootstrapMethod = parser.value(QStringLiteral("bootstrap-method"));
    auto bins = parsePositive(parser, QStringLiteral("bins"), 10);
    auto bootstrap = parsePositive(parser, QStringLiteral("bootstrap"), 0);
    auto seed = parsePositive(parser, QStringLiteral("seed"), 1);
    auto confidence = parseNumberOption(parser, QStringLiteral("confidence"), 0.95);
    for (const auto *number : {&bins, &bootstrap, &seed}) {
        if (!number->ok())
            return fail(QStringLiteral("stats: ") + number->errorMessage(), UsageError);
    }
    if (!confidence.ok())
        return fail(QStringLiteral("stats: ") + confidence.errorMessage(), UsageError);
    request.bins = static_cast<int>(std::min<qint64>(bins.value(), 1'000'000));
    request.bootstrap = static_cast<int>(std::min<qint64>(bootstrap.value(), 1'000'000));
    request.seed = static_cast<quint64>(seed.value());
    request.confidence = confidence.value();
    if (parser.isSet(QStringLiteral("threshold"))) {
        auto threshold = parseNumberOption(parser, QStringLiteral("threshold"), 0);
        if (!threshold.ok())
            return fail(QStringLiteral("stats: ") + threshold.errorMessage(), UsageError);
        request.threshold = threshold.value();
    }
    auto result = runStatsRequest(request);
    if (!result.ok())
        return fail(QStringLiteral("stats: ") + result.errorMessage());
    printJson(result.value());
    return Success;
}

// --bootstrap, --seed and --adjudicated, read by agreementSettings(): `agreement` and `report` share them.
void addAgreementSettingOptions(QCommandLineParser &parser)
{
    parser.addOption(option(QStringLiteral("bootstrap"),
                            QStringLiteral("Bootstrap resamples for the intervals (default 2000; 0: none)."),
                            QStringLiteral("B")));
    parser.addOption(
        option(QStringLiteral("seed"), QStringLiteral("Bootstrap seed (default 1)."), QStringLiteral("S")));
    parser.addOption(option(QStringLiteral("adjudicated"),
                            QStringLiteral("Compare the judge with the adjudicated value where the study lead decided "
                                           "one (the physicians' consensus elsewhere).")));
}

} // namespace

void addAnalysisCommands(std::map<QString, Command> &table)
{
    std::map<QString, Command> commands{
        {QStringLiteral("stats"),
         {QStringLiteral(
              "stats STATISTIC --input FILE.csv [--layout wide|long] [--level nominal|ordinal|interval|ratio] "
              "[--weights identity|linear|quadratic|MATRIX.json] [--categories V1,V2,...] "
              "[--definition pairwise|unanimous] [--bins M] [--binning equal_width|equal_mass] "
              "[--variant positive_class|top_label] [--bootstrap B] [--bootstrap-method percentile|bca] "
              "[--seed S] [--confidence 0.95] [--threshold T] [--json]"),
          QStringLiteral("Compute one statistic on a plain CSV file and print it as JSON. STATISTIC is one of: ") +
              statisticNames().join(QStringLiteral(", ")) +
              QStringLiteral(". Ratings: wide CSV (unit,<rater>,<rater>,...; empty cell = missing) or long CSV "
                             "(unit,rater,value); confusion: the reference's column, then the judge's; calibration and "
                             "brier: a CSV "
                             "with prob,label."),
          [](QCommandLineParser &p) {
              p.addOption(option(QStringLiteral("input"), QStringLiteral("The CSV file."), QStringLiteral("FILE")));
              p.addOption(option(QStringLiteral("layout"), QStringLiteral("wide (default) or long."),
                                 QStringLiteral("LAYOUT")));
              p.addOption(option(QStringLiteral("level"),
                                 QStringLiteral("Krippendorff's alpha: nominal (default), ordinal, interval or ratio."),
                                 QStringLiteral("LEVEL")));
              p.addOption(option(QStringLiteral("weights"),
                                 QStringLiteral("identity (default), linear, quadratic or a JSON file with a square "
                                                "matrix over the categories."),
                                 QStringLiteral("WEIGHTS")));
              p.addOption(option(QStringLiteral("categories"),
                                 QStringLiteral("The declared categories in order, comma-separated (used for chance "
                                                "agreement and weights, and to order text values)."),
                                 QStringLiteral("V1,V2,...")));
              p.addOption(option(QStringLiteral("definition"),
                                 QStringLiteral("Percent agreement: pairwise (default) or unanimous."),
                                 QStringLiteral("DEFINITION")));
              p.addOption(option(QStringLiteral("bins"), QStringLiteral("Calibration bins (default 10)."),
                                 QStringLiteral("M")));
              p.addOption(option(QStringLiteral("binning"), QStringLiteral("equal_width (default) or equal_mass."),
                                 QStringLiteral("BINNING")));
              p.addOption(option(QStringLiteral("variant"), QStringLiteral("positive_class (default) or top_label."),
                                 QStringLiteral("VARIANT")));
              p.addOption(option(QStringLiteral("bootstrap"),
                                 QStringLiteral("Item-level bootstrap resamples (default 0: none)."),
                                 QStringLiteral("B")));
              p.addOption(option(QStringLiteral("bootstrap-method"), QStringLiteral("percentile (default) or bca."),
                                 QStringLiteral("METHOD")));
              p.addOption(
                  option(QStringLiteral("seed"), QStringLiteral("Bootstrap seed (default 1)."), QStringLiteral("S")));
              p.addOption(option(QStringLiteral("confidence"), QStringLiteral("Confidence level (default 0.95)."),
                                 QStringLiteral("LEVEL")));
              p.addOption(option(QStringLiteral("threshold"),
                                 QStringLiteral("confusion: values at or above T are 'unsafe' (the positive class) in "
                                                "the binary view."),
                                 QStringLiteral("T")));
              p.addOption(option(QStringLiteral("json"), QStringLiteral("Print JSON (always on).")));
          },
          1, 1, runStats}},
        {QStringLiteral("report"),
         {QStringLiteral("report STUDY.concord --out FILE.html|FILE.pdf|FILE.json|FILE.csv [--bootstrap B] [--seed S] "
                         "[--adjudicated]"),
          QStringLiteral("The agreement report: study summary, agreement among physicians, the judge against them, "
                         "confusion matrices, the judge's place among physicians, calibration, error categories, "
                         "systems, bias checks, a methods paragraph and a reproducibility stamp. HTML is one "
                         "self-contained page, PDF is paginated with the charts, JSON holds every number (the same "
                         "study and seed give the same bytes), CSV every table."),
          [](QCommandLineParser &p) {
              p.addOption(option(QStringLiteral("out"), QStringLiteral("The report file; its suffix sets the format."),
                                 QStringLiteral("FILE")));
              addAgreementSettingOptions(p);
          },
          1, 1, runReport}},
        {QStringLiteral("agreement"),
         {QStringLiteral("agreement STUDY.concord [--axis KEY] [--bootstrap B] [--seed S] [--adjudicated] [--json]"),
          QStringLiteral("Per axis: counts of the current ratings; agreement among physicians (Krippendorff's alpha, "
                         "Fleiss' kappa, Gwet's AC1/AC2, Brennan-Prediger, percent agreement, pairwise Cohen's kappa, "
                         "ICC), overall and by task and system; each judge run against the physicians' consensus "
                         "(weighted kappa, confusion matrix, binary view, critical misses), against each physician "
                         "and among them (leave one out); calibration; systems; length bias; intra-rater agreement "
                         "from blinded repeats. Intervals from an item-level bootstrap."),
          [](QCommandLineParser &p) {
              p.addOption(option(QStringLiteral("axis"), QStringLiteral("Only this axis."), QStringLiteral("KEY")));
              addAgreementSettingOptions(p);
              p.addOption(option(QStringLiteral("json"), QStringLiteral("Print JSON.")));
          },
          1, 1, runAgreement}},
    };
    table.merge(commands);
}

} // namespace concord::cli
