#include "app/commands.h"

#include "app/commandsupport.h"
#include "model/agreement/agreementanalysis.h"
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
#include <functional>
#include <map>

namespace concord::cli {

namespace {

Result<std::unique_ptr<Study>> openForWriting(const QString &path)
{
    return Study::open(path, Study::Access::ReadWrite);
}

int runNew(const QCommandLineParser &parser, const QStringList &args)
{
    Rubric rubric = defaultRubric();
    const QString rubricChoice = parser.value(QStringLiteral("rubric"));
    if (!rubricChoice.isEmpty() && rubricChoice != QStringLiteral("default")) {
        auto loaded = loadRubricFile(rubricChoice);
        if (!loaded.ok())
            return fail(loaded.errorMessage());
        rubric = std::move(loaded).value();
    }
    QString title = parser.value(QStringLiteral("title"));
    if (title.isEmpty())
        title = QFileInfo(args[0]).completeBaseName();
    auto study = Study::create(args[0], {.title = title, .rubric = rubric});
    if (!study.ok())
        return fail(study.errorMessage());
    out() << "Created " << args[0] << ": \"" << title << "\" with rubric \"" << rubric.name << "\" version "
          << rubric.version << " (" << rubric.axes.size() << " axes)" << Qt::endl;
    return Success;
}

int runImport(const QCommandLineParser &parser, const QStringList &args)
{
    ImportOptions options;
    if (parser.isSet(QStringLiteral("format"))) {
        auto format = importFormatFromString(parser.value(QStringLiteral("format")));
        if (!format)
            return fail(QStringLiteral("--format must be jsonl, csv or medval"), UsageError);
        options.format = *format;
    }
    if (parser.isSet(QStringLiteral("what"))) {
        auto content = importContentFromString(parser.value(QStringLiteral("what")));
        if (!content)
            return fail(QStringLiteral("--what must be cases, judge or ratings"), UsageError);
        options.content = *content;
    }
    options.annotator = parser.value(QStringLiteral("annotator"));
    options.judge = parser.value(QStringLiteral("judge"));
    options.actor = QStringLiteral("command line");
    auto study = openForWriting(args[0]);
    if (!study.ok())
        return fail(study.errorMessage());
    if (auto free = waitForOtherWriters(*study.value(), kLongWriteTimeoutSeconds, [&] { warnWaiting(args[0]); });
        !free.ok())
        return fail(free.errorMessage());
    auto summary = importFile(*study.value(), args[1], options);
    if (!summary.ok())
        return fail(summary.errorMessage());
    out() << summary->describe() << Qt::endl;
    return Success;
}

int runExport(const QCommandLineParser &parser, const QStringList &args)
{
    ExportOptions options;
    const QString what = parser.value(QStringLiteral("what"));
    auto content = exportContentFromString(what.isEmpty() ? QStringLiteral("ratings") : what);
    if (!content)
        return fail(QStringLiteral("--what must be ratings, judge, consensus or cases"), UsageError);
    options.content = *content;
    if (parser.isSet(QStringLiteral("rule"))) {
        auto rule = consensusRuleFromString(parser.value(QStringLiteral("rule")));
        if (!rule)
            return fail(QStringLiteral("--rule must be majority, median or mean"), UsageError);
        options.consensus = *rule;
    }
    const QString target = parser.value(QStringLiteral("out"));
    if (target.isEmpty())
        return fail(QStringLiteral("export needs --out FILE.csv or FILE.jsonl"), UsageError);
    options.actor = QStringLiteral("command line");
    auto study = openForWriting(args[0]);
    if (!study.ok())
        return fail(study.errorMessage());
    auto summary = exportFile(*study.value(), target, options);
    if (!summary.ok())
        return fail(summary.errorMessage());
    out() << "Wrote " << summary->rowsWritten << " rows to " << summary->file << Qt::endl;
    return Success;
}

Result<qint64> parsePositive(const QCommandLineParser &parser, const QString &name, qint64 fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < 0)
        return Error{QStringLiteral("--%1 must be a non-negative integer, not '%2'").arg(name, parser.value(name))};
    return value;
}

int runDemo(const QCommandLineParser &parser, const QStringList &args)
{
    DemoOptions options;
    auto cases = parsePositive(parser, QStringLiteral("cases"), options.cases);
    auto raters = parsePositive(parser, QStringLiteral("raters"), options.raters);
    auto seed = parsePositive(parser, QStringLiteral("seed"), static_cast<qint64>(options.seed));
    for (const auto *r : {&cases, &raters, &seed}) {
        if (!r->ok())
            return fail(r->errorMessage(), UsageError);
    }
    options.cases = static_cast<int>(cases.value());
    options.raters = static_cast<int>(raters.value());
    options.seed = static_cast<quint64>(seed.value());
    auto summary = createDemoStudy(args[0], options);
    if (!summary.ok())
        return fail(summary.errorMessage());
    out() << "Created demo study " << args[0] << ": " << summary->cases << " cases, " << summary->responses
          << " responses, " << summary->raters << " simulated physicians, " << summary->ratingEvents
          << " rating events, " << summary->judgeScores << " judge scores (seed " << options.seed << ")" << Qt::endl;
    return Success;
}

int runCheck(const QCommandLineParser &parser, const QStringList &args)
{
    // Every file, at any schema version, is checked before anything is said about it.
    auto file = checkStudyFile(args[0]);
    if (!file.ok())
        return fail(file.errorMessage());
    if (file->schemaVersion < currentSchemaVersion() || !file->healthy()) {
        if (parser.isSet(QStringLiteral("json"))) {
            printJson(QJsonObject{{QStringLiteral("file"), args[0]},
                                  {QStringLiteral("schema_version"), file->schemaVersion},
                                  {QStringLiteral("current_schema_version"), currentSchemaVersion()},
                                  {QStringLiteral("healthy"), file->healthy()},
                                  {QStringLiteral("problems"), QJsonArray::fromStringList(file->problems)}});
        } else {
            for (const auto &problem : file->problems)
                out() << "problem: " << problem << Qt::endl;
            if (file->healthy())
                out() << args[0] << ": schema version " << file->schemaVersion << " (current " << currentSchemaVersion()
                      << "); ok: integrity, foreign keys and the tables of version " << file->schemaVersion
                      << "; it is upgraded the next time it is opened for writing" << Qt::endl;
        }
        if (!file->healthy())
            return fail(QStringLiteral("%1: damaged: %2 problem(s) found").arg(args[0]).arg(file->problems.size()));
        return Success;
    }
    auto study = Study::open(args[0], Study::Access::ReadOnly);
    if (!study.ok())
        return fail(study.errorMessage());
    auto report = checkStudy(*study.value(), {.expectedHead = parser.value(QStringLiteral("expect-head"))});
    if (!report.ok())
        return fail(report.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        printJson(QJsonObject{{QStringLiteral("file"), args[0]},
                              {QStringLiteral("schema_version"), report->schemaVersion},
                              {QStringLiteral("study_uuid"), report->studyUuid},
                              {QStringLiteral("title"), report->title},
                              {QStringLiteral("cases"), report->cases},
                              {QStringLiteral("responses"), report->responses},
                              {QStringLiteral("annotators"), report->annotators},
                              {QStringLiteral("rating_events"), report->ratingEvents},
                              {QStringLiteral("judge_scores"), report->judgeScores},
                              {QStringLiteral("audit_entries"), report->auditEntries},
                              {QStringLiteral("audit_head"), report->auditHead},
                              {QStringLiteral("entries_after_expected_head"),
                               QJsonArray::fromStringList(report->entriesAfterExpectedHead)},
                              {QStringLiteral("healthy"), report->healthy()},
                              {QStringLiteral("problems"), QJsonArray::fromStringList(report->problems)}});
    } else {
        out() << args[0] << ": \"" << report->title << "\", schema version " << report->schemaVersion << ", "
              << report->cases << " cases, " << report->responses << " responses, " << report->annotators
              << " annotators, " << report->ratingEvents << " rating events, " << report->judgeScores
              << " judge scores, " << report->auditEntries << " audit entries" << Qt::endl;
        if (!report->auditHead.isEmpty())
            out() << "audit head: " << report->auditHead << Qt::endl;
        if (parser.isSet(QStringLiteral("expect-head"))) {
            out() << report->entriesAfterExpectedHead.size() << " audit entries after the expected head" << Qt::endl;
            // The first ones are where a forged entry would sit; --json lists them all.
            constexpr qsizetype kListed = 50;
            for (const auto &entry : report->entriesAfterExpectedHead.mid(0, kListed))
                out() << "  entry " << entry << Qt::endl;
            if (report->entriesAfterExpectedHead.size() > kListed)
                out() << "  ... and " << report->entriesAfterExpectedHead.size() - kListed << " more (--json lists all)"
                      << Qt::endl;
        }
        for (const auto &problem : report->problems)
            out() << "problem: " << problem << Qt::endl;
        if (report->healthy())
            out() << "ok: integrity, foreign keys, scale values, audit hash chain, audit coverage of every row and "
                     "append-only triggers"
                  << Qt::endl;
    }
    if (!report->healthy())
        return fail(QStringLiteral("%1: %2 problem(s) found").arg(args[0]).arg(report->problems.size()));
    return Success;
}

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

// "0.61 [0.52, 0.70]" from an estimate's JSON: the bootstrap interval when there is one, else the analytic one.
QString withInterval(const QJsonObject &estimate)
{
    if (estimate.value(QStringLiteral("value")).isNull())
        return QStringLiteral("n/a");
    const QJsonObject boot = estimate.value(QStringLiteral("bootstrap")).toObject();
    const QJsonObject &interval = boot.value(QStringLiteral("ci_lower")).isDouble() ? boot : estimate;
    QString text = QString::number(estimate.value(QStringLiteral("value")).toDouble(), 'f', 2);
    if (interval.value(QStringLiteral("ci_lower")).isDouble()) {
        text += QStringLiteral(" [%1, %2]")
                    .arg(interval.value(QStringLiteral("ci_lower")).toDouble(), 0, 'f', 2)
                    .arg(interval.value(QStringLiteral("ci_upper")).toDouble(), 0, 'f', 2);
    }
    return text;
}

// The headline figures of `concord agreement` as text: agreement among physicians and each judge against them.
void printAgreementSummary(const QJsonObject &analysis)
{
    const QJsonArray axes = analysis.value(QStringLiteral("axes")).toArray();
    if (axes.isEmpty())
        return;
    const QJsonObject settings = analysis.value(QStringLiteral("settings")).toObject();
    out() << Qt::endl
          << "Agreement (" << settings.value(QStringLiteral("confidence")).toDouble() * 100
          << "% intervals; bootstrap B = " << settings.value(QStringLiteral("bootstrap")).toInt() << ", seed "
          << settings.value(QStringLiteral("seed")).toString() << "; --json for every figure):" << Qt::endl;
    for (const auto &value : axes) {
        const QJsonObject axis = value.toObject();
        const QJsonObject among =
            axis.value(QStringLiteral("among_physicians")).toObject().value(QStringLiteral("overall")).toObject();
        out() << axis.value(QStringLiteral("key")).toString() << Qt::endl;
        for (const QString &name : {QStringLiteral("krippendorff_alpha"), QStringLiteral("fleiss_kappa"),
                                    QStringLiteral("gwet_ac1"), QStringLiteral("gwet_ac2")}) {
            if (among.contains(name)) {
                const QJsonObject entry = among.value(name).toObject();
                out() << "  " << QStringLiteral("%1").arg(entry.value(QStringLiteral("label")).toString(), -52)
                      << withInterval(entry) << Qt::endl;
            }
        }
        for (const auto &judgeValue : axis.value(QStringLiteral("judges")).toArray()) {
            const QJsonObject judge = judgeValue.toObject();
            const QJsonObject kappa =
                judge.value(QStringLiteral("versus_consensus")).toObject().value(QStringLiteral("kappa")).toObject();
            out() << "  "
                  << QStringLiteral("judge %1 vs consensus, kappa (%2)")
                         .arg(judge.value(QStringLiteral("name")).toString(),
                              kappa.value(QStringLiteral("weights")).toString())
                         .leftJustified(52)
                  << withInterval(kappa) << Qt::endl;
        }
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
    QJsonObject analysis;
    if (!selected || selected->target == AxisTarget::Response) {
        auto computed = studyAgreement(*study.value(), settings, onlyAxis);
        if (!computed.ok())
            return fail(computed.errorMessage());
        analysis = computed.value();
    }
    if (parser.isSet(QStringLiteral("json"))) {
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
    printAgreementSummary(analysis);
    return Success;
}

Result<double> parseNumberOption(const QCommandLineParser &parser, const QString &name, double fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok)
        return Error{QStringLiteral("--%1 must be a number, not '%2'").arg(name, parser.value(name))};
    return value;
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

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table = [] {
        std::map<QString, Command> commands{
            {QStringLiteral("new"),
             {QStringLiteral("new STUDY.concord [--rubric default|FILE.json] [--title TEXT]"),
              QStringLiteral("Create an empty study with the default rubric or a rubric JSON file."),
              [](QCommandLineParser &p) {
                  p.addOption(option(QStringLiteral("rubric"), QStringLiteral("'default' or a rubric JSON file."),
                                     QStringLiteral("RUBRIC")));
                  p.addOption(option(QStringLiteral("title"), QStringLiteral("Study title."), QStringLiteral("TEXT")));
              },
              1, 1, runNew}},
            {QStringLiteral("import"),
             {QStringLiteral("import STUDY.concord FILE [--format jsonl|csv|medval] [--what cases|judge|ratings] "
                             "[--annotator NAME] [--judge NAME]"),
              QStringLiteral("Import cases, ratings or judge scores in one transaction (all or nothing). "
                             "Formats are described in data/FORMATS.md."),
              [](QCommandLineParser &p) {
                  p.addOption(option(QStringLiteral("format"),
                                     QStringLiteral("jsonl, csv or medval (default: by file)."),
                                     QStringLiteral("FORMAT")));
                  p.addOption(
                      option(QStringLiteral("what"),
                             QStringLiteral("What a tidy CSV holds: cases, judge or ratings (default: by columns)."),
                             QStringLiteral("WHAT")));
                  p.addOption(
                      option(QStringLiteral("annotator"),
                             QStringLiteral("MedVAL: annotator name for the physician grades (default: file name)."),
                             QStringLiteral("NAME")));
                  p.addOption(option(QStringLiteral("judge"), QStringLiteral("Judge run name for judge scores."),
                                     QStringLiteral("NAME")));
              },
              2, 2, runImport}},
            {QStringLiteral("export"),
             {QStringLiteral("export STUDY.concord --what ratings|judge|consensus|cases --out FILE.csv|FILE.jsonl "
                             "[--rule majority|median|mean]"),
              QStringLiteral("Export current ratings, judge scores, the physicians' consensus or the cases."),
              [](QCommandLineParser &p) {
                  p.addOption(option(QStringLiteral("what"), QStringLiteral("ratings, judge, consensus or cases."),
                                     QStringLiteral("WHAT")));
                  p.addOption(option(QStringLiteral("out"), QStringLiteral("Output file (.csv or .jsonl)."),
                                     QStringLiteral("FILE")));
                  p.addOption(
                      option(QStringLiteral("rule"),
                             QStringLiteral("Consensus rule (default: median for ordinal, majority otherwise)."),
                             QStringLiteral("RULE")));
              },
              1, 1, runExport}},
            {QStringLiteral("demo"),
             {QStringLiteral("demo STUDY.concord [--cases N] [--raters R] [--seed S]"),
              QStringLiteral(
                  "Write a synthetic demo study (simulated physicians and LLM judge), deterministic by seed."),
              [](QCommandLineParser &p) {
                  p.addOption(option(QStringLiteral("cases"), QStringLiteral("Number of cases (default 60)."),
                                     QStringLiteral("N")));
                  p.addOption(option(QStringLiteral("raters"), QStringLiteral("Simulated physicians (default 3)."),
                                     QStringLiteral("R")));
                  p.addOption(option(QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S")));
              },
              1, 1, runDemo}},
            {QStringLiteral("check"),
             {QStringLiteral("check STUDY.concord [--expect-head HASH] [--json]"),
              QStringLiteral("Check integrity, foreign keys, scale values, the audit hash chain, that the audit log "
                             "covers every row, and the append-only triggers; print the schema version, counts and "
                             "the audit head (keep it: a later check with --expect-head tells whether the history "
                             "before it was rewritten). A file of an older schema version is checked as it is "
                             "(integrity, foreign keys, the tables of its version) without upgrading it; exit code 1 "
                             "for any damage."),
              [](QCommandLineParser &p) {
                  p.addOption(option(QStringLiteral("json"), QStringLiteral("Print JSON.")));
                  p.addOption(option(QStringLiteral("expect-head"),
                                     QStringLiteral("An audit head kept from an earlier check or a report."),
                                     QStringLiteral("HASH")));
              },
              1, 1, runCheck}},
            {QStringLiteral("stats"),
             {QStringLiteral(
                  "stats STATISTIC --input FILE.csv [--layout wide|long] [--level nominal|ordinal|interval|ratio] "
                  "[--weights identity|linear|quadratic|MATRIX.json] [--categories V1,V2,...] "
                  "[--definition pairwise|unanimous] [--bins M] [--binning equal_width|equal_mass] "
                  "[--variant positive_class|top_label] [--bootstrap B] [--bootstrap-method percentile|bca] "
                  "[--seed S] [--confidence 0.95] [--threshold T] [--json]"),
              QStringLiteral("Compute one statistic on a plain CSV file and print it as JSON. STATISTIC is one of: ") +
                  statisticNames().join(QStringLiteral(", ")) +
                  QStringLiteral(
                      ". Ratings: wide CSV (unit,<rater>,<rater>,...; empty cell = missing) or long CSV "
                      "(unit,rater,value); confusion: the reference's column, then the judge's; calibration and "
                      "brier: a CSV "
                      "with prob,label."),
              [](QCommandLineParser &p) {
                  p.addOption(option(QStringLiteral("input"), QStringLiteral("The CSV file."), QStringLiteral("FILE")));
                  p.addOption(option(QStringLiteral("layout"), QStringLiteral("wide (default) or long."),
                                     QStringLiteral("LAYOUT")));
                  p.addOption(
                      option(QStringLiteral("level"),
                             QStringLiteral("Krippendorff's alpha: nominal (default), ordinal, interval or ratio."),
                             QStringLiteral("LEVEL")));
                  p.addOption(
                      option(QStringLiteral("weights"),
                             QStringLiteral("identity (default), linear, quadratic or a JSON file with a square "
                                            "matrix over the categories."),
                             QStringLiteral("WEIGHTS")));
                  p.addOption(
                      option(QStringLiteral("categories"),
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
                  p.addOption(option(QStringLiteral("variant"),
                                     QStringLiteral("positive_class (default) or top_label."),
                                     QStringLiteral("VARIANT")));
                  p.addOption(option(QStringLiteral("bootstrap"),
                                     QStringLiteral("Item-level bootstrap resamples (default 0: none)."),
                                     QStringLiteral("B")));
                  p.addOption(option(QStringLiteral("bootstrap-method"), QStringLiteral("percentile (default) or bca."),
                                     QStringLiteral("METHOD")));
                  p.addOption(option(QStringLiteral("seed"), QStringLiteral("Bootstrap seed (default 1)."),
                                     QStringLiteral("S")));
                  p.addOption(option(QStringLiteral("confidence"), QStringLiteral("Confidence level (default 0.95)."),
                                     QStringLiteral("LEVEL")));
                  p.addOption(
                      option(QStringLiteral("threshold"),
                             QStringLiteral("confusion: values at or above T are 'unsafe' (the positive class) in "
                                            "the binary view."),
                             QStringLiteral("T")));
                  p.addOption(option(QStringLiteral("json"), QStringLiteral("Print JSON (always on).")));
              },
              1, 1, runStats}},
            {QStringLiteral("report"),
             {QStringLiteral(
                  "report STUDY.concord --out FILE.html|FILE.pdf|FILE.json|FILE.csv [--bootstrap B] [--seed S] "
                  "[--adjudicated]"),
              QStringLiteral("The agreement report: study summary, agreement among physicians, the judge against them, "
                             "confusion matrices, the judge's place among physicians, calibration, error categories, "
                             "systems, bias checks, a methods paragraph and a reproducibility stamp. HTML is one "
                             "self-contained page, PDF is paginated with the charts, JSON holds every number (the same "
                             "study and seed give the same bytes), CSV every table."),
              [](QCommandLineParser &p) {
                  p.addOption(option(QStringLiteral("out"),
                                     QStringLiteral("The report file; its suffix sets the format."),
                                     QStringLiteral("FILE")));
                  addAgreementSettingOptions(p);
              },
              1, 1, runReport}},
            {QStringLiteral("agreement"),
             {QStringLiteral(
                  "agreement STUDY.concord [--axis KEY] [--bootstrap B] [--seed S] [--adjudicated] [--json]"),
              QStringLiteral(
                  "Per axis: counts of the current ratings; agreement among physicians (Krippendorff's alpha, "
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
        addStudyLeadCommands(commands);
        return commands;
    }();
    return table;
}

} // namespace

bool isCommand(const QString &name)
{
    return commands().count(name) > 0 || name == QStringLiteral("help");
}

const std::map<QString, Command> &commandTable()
{
    return commands();
}

QString generalHelp()
{
    QString text = QStringLiteral("Usage: concord [STUDY.concord]          open the GUI\n");
    for (const auto &[name, command] : commands())
        text += QStringLiteral("       concord %1\n").arg(command.synopsis);
    text += QStringLiteral("       concord COMMAND --help            help for one command\n"
                           "       concord --version\n");
    return text;
}

int runCommand(const QStringList &arguments)
{
    QString name = arguments.value(0);
    QStringList rest = arguments.mid(1);
    if (name == QStringLiteral("help")) {
        if (rest.isEmpty()) {
            out() << generalHelp() << Qt::flush;
            return Success;
        }
        name = rest.takeFirst();
        rest = {QStringLiteral("--help")};
    }
    const auto found = commands().find(name);
    if (found == commands().end())
        return fail(QStringLiteral("unknown command '%1'; see 'concord --help'").arg(name), UsageError);
    const Command &command = found->second;

    QCommandLineParser parser;
    parser.setApplicationDescription(command.description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    command.declareOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("concord ") + name} + rest))
        return fail(QStringLiteral("%1: %2").arg(name, parser.errorText()), UsageError);
    if (parser.isSet(help)) {
        out() << "Usage: concord " << command.synopsis << "\n\n"
              << command.description << "\n\n"
              << parser.helpText().section(QLatin1Char('\n'), 2) << Qt::flush;
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < command.minPositional ||
        (command.maxPositional >= 0 && positional.size() > command.maxPositional))
        return fail(QStringLiteral("usage: concord %1").arg(command.synopsis), UsageError);
    return command.run(parser, positional);
}

} // namespace concord::cli
