// new, import, export, demo and check: the commands on one study file.
#include "app/cli/commandline.h"
#include "app/cli/commandsupport.h"
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

} // namespace

void addStudyFileCommands(std::map<QString, Command> &table)
{
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
              p.addOption(option(QStringLiteral("format"), QStringLiteral("jsonl, csv or medval (default: by file)."),
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
              p.addOption(option(QStringLiteral("rule"),
                                 QStringLiteral("Consensus rule (default: median for ordinal, majority otherwise)."),
                                 QStringLiteral("RULE")));
          },
          1, 1, runExport}},
        {QStringLiteral("demo"),
         {QStringLiteral("demo STUDY.concord [--cases N] [--raters R] [--seed S]"),
          QStringLiteral("Write a synthetic demo study (simulated physicians and LLM judge), deterministic by seed."),
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
    };
    table.merge(commands);
}

} // namespace concord::cli
