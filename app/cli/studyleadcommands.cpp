// The multi-physician study on the command line: physicians, the assignment design, the analysis lock and unblinding
// (packages, merge and adjudication are added beside them).
#include "app/cli/commandsupport.h"
#include "model/package/annotatorpackage.h"
#include "model/package/packagemerge.h"
#include "model/store/casestore.h"
#include "model/studyfile/study.h"
#include "model/studyfile/writelock.h"
#include "model/studylead/adjudicationqueue.h"
#include "model/studylead/analysislock.h"
#include "model/studylead/assignmentplan.h"
#include "model/studylead/studyroster.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace concord::cli {

namespace {

const QString kActor = QStringLiteral("command line");

int runAnnotators(const QCommandLineParser &parser, const QStringList &args)
{
    const QString action = args.value(1, QStringLiteral("list"));
    const QStringList names = args.mid(2);
    auto study =
        Study::open(args[0], action == QLatin1String("list") ? Study::Access::ReadOnly : Study::Access::ReadWrite);
    if (!study.ok())
        return fail(study.errorMessage());
    if (action == QLatin1String("list")) {
        if (!names.isEmpty())
            return fail(QStringLiteral("annotators: 'list' takes no names"), 2);
        auto roster = annotatorRoster(*study.value());
        if (!roster.ok())
            return fail(roster.errorMessage());
        QJsonArray rows;
        for (const RosterEntry &entry : roster.value()) {
            rows.append(QJsonObject{{QStringLiteral("name"), entry.annotator.name},
                                    {QStringLiteral("retired"), entry.annotator.retired},
                                    {QStringLiteral("assignments"), entry.assignments},
                                    {QStringLiteral("rating_events"), entry.ratingEvents}});
            if (!parser.isSet(QStringLiteral("json")))
                out() << entry.annotator.name << (entry.annotator.retired ? " (retired)" : "") << ": "
                      << entry.assignments << " assignments, " << entry.ratingEvents << " rating events" << Qt::endl;
        }
        if (parser.isSet(QStringLiteral("json")))
            printJson(QJsonObject{{QStringLiteral("annotators"), rows}});
        return 0;
    }
    if (action == QLatin1String("add") || action == QLatin1String("retire")) {
        if (names.isEmpty())
            return fail(QStringLiteral("annotators: '%1' needs at least one NAME").arg(action), 2);
        // All or nothing: every name is checked and changed in one transaction.
        const Status changed = action == QLatin1String("add") ? addAnnotators(*study.value(), names, kActor)
                                                              : retireAnnotators(*study.value(), names, kActor);
        if (!changed.ok())
            return fail(changed.errorMessage());
        out() << (action == QLatin1String("add") ? "added " : "retired ") << names.join(QStringLiteral(", "))
              << Qt::endl;
        return 0;
    }
    if (action == QLatin1String("rename")) {
        if (names.size() != 2)
            return fail(QStringLiteral("annotators: 'rename' takes the current NAME and the NEW_NAME"), 2);
        if (auto renamed = renameAnnotator(*study.value(), names[0], names[1], kActor); !renamed.ok())
            return fail(renamed.errorMessage());
        out() << "renamed " << names[0] << " to " << names[1] << Qt::endl;
        return 0;
    }
    return fail(QStringLiteral("annotators: unknown action '%1'; use list, add, rename or retire").arg(action), 2);
}

void printPreview(const QJsonObject &preview)
{
    out() << preview.value(QStringLiteral("comparisons")).toInteger() << " comparisons, "
          << preview.value(QStringLiteral("overlap")).toInt() << " physicians each, seed "
          << preview.value(QStringLiteral("seed")).toString() << Qt::endl;
    out() << "  blinded repeats: " << preview.value(QStringLiteral("repeats")).toInt()
          << ", training showings: " << preview.value(QStringLiteral("training")).toInt() << Qt::endl;
    const QJsonArray physicians = preview.value(QStringLiteral("physicians")).toArray();
    const QJsonArray matrix = preview.value(QStringLiteral("overlap_matrix")).toArray();
    for (int i = 0; i < physicians.size(); ++i) {
        const QJsonObject physician = physicians[i].toObject();
        QStringList shared;
        for (const auto &count : matrix[i].toArray())
            shared << QString::number(count.toInt());
        out() << "  " << physician.value(QStringLiteral("name")).toString() << ": "
              << physician.value(QStringLiteral("load")).toInt()
              << " comparisons; shared with each: " << shared.join(QLatin1Char(' ')) << Qt::endl;
    }
}

int runAssign(const QCommandLineParser &parser, const QStringList &args)
{
    AssignmentPlanOptions options;
    options.annotators = parser.value(QStringLiteral("annotators")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &name : options.annotators)
        name = name.trimmed();
    if (options.annotators.isEmpty())
        return fail(QStringLiteral("assign: --annotators A,B,C is required"), 2);
    bool ok = true;
    if (parser.isSet(QStringLiteral("overlap")))
        options.overlap = parser.value(QStringLiteral("overlap")).toInt(&ok);
    if (!ok || options.overlap < 0)
        return fail(QStringLiteral("assign: --overlap must be a whole number of physicians per comparison (0: all), "
                                   "not '%1'")
                        .arg(parser.value(QStringLiteral("overlap"))),
                    2);
    if (parser.isSet(QStringLiteral("seed"))) {
        options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok || options.seed == 0 || options.seed > quint64(std::numeric_limits<qint64>::max()))
            return fail(QStringLiteral("assign: --seed must be a positive whole number, not '%1'")
                            .arg(parser.value(QStringLiteral("seed"))),
                        2);
    }
    if (parser.isSet(QStringLiteral("repeat-share"))) {
        options.repeatShare = parser.value(QStringLiteral("repeat-share")).toDouble(&ok);
        if (!ok || !(options.repeatShare >= 0 && options.repeatShare <= 0.5))
            return fail(QStringLiteral("assign: --repeat-share must be a share from 0 to 0.5, not '%1'")
                            .arg(parser.value(QStringLiteral("repeat-share"))),
                        2);
    }
    options.trainingFile = parser.value(QStringLiteral("training"));
    const bool preview = parser.isSet(QStringLiteral("preview"));
    auto study = Study::open(args[0], preview ? Study::Access::ReadOnly : Study::Access::ReadWrite);
    if (!study.ok())
        return fail(study.errorMessage());
    auto plan = planAssignments(*study.value(), options);
    if (!plan.ok())
        return fail(QStringLiteral("assign: ") + plan.errorMessage());
    QJsonObject result = assignmentPreviewJson(plan.value());
    if (!preview) {
        if (auto applied = applyAssignmentPlan(*study.value(), plan.value(), kActor); !applied.ok())
            return fail(QStringLiteral("assign: ") + applied.errorMessage());
    }
    result.insert(QStringLiteral("applied"), !preview);
    if (parser.isSet(QStringLiteral("json"))) {
        printJson(result);
    } else {
        printPreview(result);
        out() << (preview ? "preview only: nothing was written" : "assigned") << Qt::endl;
    }
    return 0;
}

int runPackage(const QCommandLineParser &parser, const QStringList &args)
{
    const QString name = parser.value(QStringLiteral("annotator"));
    const bool all = parser.isSet(QStringLiteral("all"));
    const QString outPath = parser.value(QStringLiteral("out"));
    if (all == !name.isEmpty() || outPath.isEmpty())
        return fail(QStringLiteral("package: give --annotator NAME --out FILE.concord, or --all --out FOLDER"), 2);
    auto study = Study::open(args[0]);
    if (!study.ok())
        return fail(study.errorMessage());
    QStringList names{name};
    if (all) {
        auto roster = annotatorRoster(*study.value());
        if (!roster.ok())
            return fail(roster.errorMessage());
        names.clear();
        for (const RosterEntry &entry : roster.value()) {
            if (!entry.annotator.retired && entry.assignments > 0)
                names << entry.annotator.name;
        }
        if (names.isEmpty())
            return fail(
                QStringLiteral("package: no physician of %1 has assignments; run 'concord assign' first").arg(args[0]));
        if (!QDir().mkpath(outPath))
            return fail(QStringLiteral("package: cannot create the folder %1").arg(outPath));
    }
    QJsonArray packages;
    for (const QString &physician : std::as_const(names)) {
        QString path = outPath;
        if (all) {
            QString safeName = physician;
            safeName.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
            path = QDir(outPath).filePath(
                QStringLiteral("%1-%2.concord").arg(QFileInfo(args[0]).completeBaseName(), safeName));
        }
        auto package = createAnnotatorPackage(*study.value(), physician, path, kActor);
        if (!package.ok())
            return fail(QStringLiteral("package: ") + package.errorMessage());
        packages.append(QJsonObject{{QStringLiteral("annotator"), physician},
                                    {QStringLiteral("file"), path},
                                    {QStringLiteral("comparisons"), package->comparisons},
                                    {QStringLiteral("responses"), package->responses},
                                    {QStringLiteral("rating_events"), package->ratingEvents}});
        if (!parser.isSet(QStringLiteral("json")))
            out() << "wrote " << path << " for " << physician << ": " << package->comparisons << " comparisons"
                  << Qt::endl;
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(QJsonObject{{QStringLiteral("packages"), packages}});
    return 0;
}

int runMerge(const QCommandLineParser &parser, const QStringList &args)
{
    auto study = Study::open(args[0]);
    if (!study.ok())
        return fail(study.errorMessage());
    if (auto free = waitForOtherWriters(*study.value(), kLongWriteTimeoutSeconds, [&] { warnWaiting(args[0]); });
        !free.ok())
        return fail(free.errorMessage());
    // Each package is merged whole or not at all; the first refused one stops the command (those before it stay
    // merged, which is safe: merging is idempotent, so the same command can simply be run again).
    QJsonArray merged;
    for (const QString &path : args.mid(1)) {
        auto summary = mergePackage(*study.value(), path, kActor, parser.isSet(QStringLiteral("accept-new-key")));
        if (!summary.ok())
            return fail(QStringLiteral("merge: ") + summary.errorMessage());
        merged.append(QJsonObject{{QStringLiteral("package"), path},
                                  {QStringLiteral("annotator"), summary->annotator},
                                  {QStringLiteral("new_events"), summary->newEvents},
                                  {QStringLiteral("new_notes"), summary->newNotes},
                                  {QStringLiteral("new_spans"), summary->newSpans},
                                  {QStringLiteral("already_present"), summary->alreadyPresent},
                                  {QStringLiteral("conflicts"), summary->conflicts},
                                  {QStringLiteral("warnings"), QJsonArray::fromStringList(summary->warnings)}});
        for (const QString &warning : std::as_const(summary->warnings))
            warn(QStringLiteral("%1: %2").arg(path, warning));
        if (!parser.isSet(QStringLiteral("json")))
            out() << summary->package << " (" << summary->annotator << "): " << summary->newEvents
                  << " new rating events, " << summary->newNotes << " new notes, " << summary->newSpans
                  << " new error spans, " << summary->alreadyPresent << " already present; " << summary->conflicts
                  << " disagreements to adjudicate" << Qt::endl;
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(QJsonObject{{QStringLiteral("merged"), merged}});
    return 0;
}

Result<AdjudicationRules> adjudicationRules(const QCommandLineParser &parser)
{
    AdjudicationRules rules;
    if (!parser.isSet(QStringLiteral("rules")))
        return rules;
    rules.anyDisagreement = false;
    for (const QString &rule : parser.value(QStringLiteral("rules")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (rule == QLatin1String("disagreement")) {
            rules.anyDisagreement = true;
        } else if (rule.startsWith(QLatin1String("spread="))) {
            bool ok = false;
            rules.minSpread = rule.mid(7).toDouble(&ok);
            if (!ok || rules.minSpread <= 0)
                return Error{QStringLiteral("--rules: spread=N needs a positive number of points, not '%1'").arg(rule)};
        } else if (rule == QLatin1String("split")) {
            rules.safeUnsafeSplit = true;
        } else if (rule == QLatin1String("critical")) {
            rules.criticalMisses = true;
        } else {
            return Error{
                QStringLiteral("--rules: unknown rule '%1'; use disagreement, spread=N, split or critical").arg(rule)};
        }
    }
    rules.judgeRun = parser.value(QStringLiteral("judge"));
    return rules;
}

Result<qint64> responseByExternalIds(Study &study, const QString &caseId, const QString &responseId)
{
    const Error missing{QStringLiteral("%1 has no response '%2' of case '%3'").arg(study.path(), responseId, caseId)};
    CaseStore cases(study);
    auto found = cases.caseByExternalId(caseId);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return missing;
    auto response = cases.responseByExternalId(found.value()->id, responseId);
    if (!response.ok())
        return response.error();
    if (!response.value())
        return missing;
    return response.value()->id;
}

int recordDecision(const QCommandLineParser &parser, Study &study)
{
    for (const QString &required :
         {QStringLiteral("case"), QStringLiteral("response"), QStringLiteral("axis"), QStringLiteral("code")}) {
        if (!parser.isSet(required))
            return fail(QStringLiteral("adjudicate: recording a decision needs --case, --response, --axis, --value "
                                       "(or --withdraw) and --code; --%1 is missing")
                            .arg(required),
                        2);
    }
    std::optional<double> value;
    if (!parser.isSet(QStringLiteral("withdraw"))) {
        bool ok = false;
        value = parser.value(QStringLiteral("value")).toDouble(&ok);
        if (!ok)
            return fail(QStringLiteral("adjudicate: --value must be a scale point, not '%1'")
                            .arg(parser.value(QStringLiteral("value"))),
                        2);
    }
    auto response =
        responseByExternalIds(study, parser.value(QStringLiteral("case")), parser.value(QStringLiteral("response")));
    if (!response.ok())
        return fail(QStringLiteral("adjudicate: ") + response.errorMessage());
    auto recorded =
        recordAdjudication(study, response.value(), parser.value(QStringLiteral("axis")), value,
                           parser.value(QStringLiteral("code")), parser.value(QStringLiteral("reason")), kActor);
    if (!recorded.ok())
        return fail(QStringLiteral("adjudicate: ") + recorded.errorMessage());
    out() << "recorded the decision for case " << parser.value(QStringLiteral("case")) << ", response "
          << parser.value(QStringLiteral("response")) << ", axis " << parser.value(QStringLiteral("axis")) << Qt::endl;
    return 0;
}

int runAdjudicate(const QCommandLineParser &parser, const QStringList &args)
{
    const bool recording = parser.isSet(QStringLiteral("value")) || parser.isSet(QStringLiteral("withdraw"));
    auto study = Study::open(args[0], recording ? Study::Access::ReadWrite : Study::Access::ReadOnly);
    if (!study.ok())
        return fail(study.errorMessage());
    if (recording)
        return recordDecision(parser, *study.value());
    auto rules = adjudicationRules(parser);
    if (!rules.ok())
        return fail(QStringLiteral("adjudicate: ") + rules.errorMessage(), 2);
    auto queue = adjudicationQueue(*study.value(), rules.value(), parser.value(QStringLiteral("axis")));
    if (!queue.ok())
        return fail(QStringLiteral("adjudicate: ") + queue.errorMessage());
    const bool names = parser.isSet(QStringLiteral("names"));
    QJsonArray items;
    for (const AdjudicationItem &item : queue.value()) {
        if (item.decided() && !parser.isSet(QStringLiteral("all")))
            continue;
        QJsonArray ratings;
        QStringList shown;
        for (const PhysicianRating &rating : item.ratings) {
            const QString value = rating.value ? QString::number(*rating.value) : toString(rating.status);
            ratings.append(
                QJsonObject{{QStringLiteral("physician"), physicianLabel(rating, names)},
                            {QStringLiteral("value"), rating.value ? QJsonValue(*rating.value) : QJsonValue()},
                            {QStringLiteral("status"), toString(rating.status)},
                            {QStringLiteral("comment"), rating.comment}});
            shown << QStringLiteral("%1 %2").arg(physicianLabel(rating, names), value);
        }
        QJsonArray judges;
        for (const ItemJudgeScore &judge : item.judges)
            judges.append(QJsonObject{{QStringLiteral("run"), judge.run}, {QStringLiteral("value"), judge.value}});
        QJsonObject entry{{QStringLiteral("case"), item.caseId},
                          {QStringLiteral("response_id"), item.responseId},
                          {QStringLiteral("axis"), item.axis.key},
                          {QStringLiteral("ratings"), ratings},
                          {QStringLiteral("judges"), judges},
                          {QStringLiteral("judge_hidden"), item.judgeHidden},
                          {QStringLiteral("reasons"), QJsonArray::fromStringList(item.reasons)}};
        if (item.decided())
            entry.insert(QStringLiteral("decision"), *item.decision->value);
        items.append(entry);
        if (!parser.isSet(QStringLiteral("json")))
            out() << item.caseId << " · " << item.axis.key << ": " << shown.join(QStringLiteral(", ")) << " — "
                  << item.reasons.join(QStringLiteral("; ")) << Qt::endl;
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(QJsonObject{{QStringLiteral("items"), items}});
    else
        out() << items.size() << " items" << Qt::endl;
    return 0;
}

int runLock(const QCommandLineParser &, const QStringList &args)
{
    auto study = Study::open(args[0]);
    if (!study.ok())
        return fail(study.errorMessage());
    if (auto locked = lockAnalysis(*study.value(), kActor); !locked.ok())
        return fail(locked.errorMessage());
    out() << "analysis locked at " << study.value()->meta(QStringLiteral("analysis_locked_at")) << Qt::endl;
    return 0;
}

int runUnblind(const QCommandLineParser &, const QStringList &args)
{
    auto study = Study::open(args[0]);
    if (!study.ok())
        return fail(study.errorMessage());
    if (auto unblinded = unblindStudy(*study.value(), kActor); !unblinded.ok())
        return fail(unblinded.errorMessage());
    out() << "unblinded at " << study.value()->meta(QStringLiteral("unblinded_at")) << Qt::endl;
    return 0;
}

} // namespace

void addStudyLeadCommands(std::map<QString, Command> &table)
{
    table.emplace(
        QStringLiteral("annotators"),
        Command{
            QStringLiteral("annotators STUDY.concord [list|add NAME...|rename NAME NEW_NAME|retire NAME...] [--json]"),
            QStringLiteral("List the study's physicians with their assignments and rating events, or add, rename "
                           "or retire them (a retired physician keeps every rating but is no longer assigned). "
                           "Each change is recorded in the audit log."),
            [](QCommandLineParser &p) { p.addOption(option(QStringLiteral("json"), QStringLiteral("Print JSON."))); },
            1, -1, runAnnotators});
    table.emplace(
        QStringLiteral("assign"),
        Command{QStringLiteral("assign STUDY.concord --annotators A,B,C [--overlap K] [--repeat-share P] "
                               "[--training FILE.csv] [--seed S] [--preview] [--json]"),
                QStringLiteral("Design who rates which comparison: each comparison by K physicians (default: all), "
                               "loads balanced and every pair of physicians sharing comparisons, each physician's "
                               "order randomised and left/right sides counterbalanced, from a stored seed. A share P "
                               "of each physician's comparisons comes back later as a blinded repeat (test-retest, "
                               "reported as intra-rater agreement). The training file (case_id, response_id, axis, "
                               "value[, explanation]) makes the comparisons of those responses training ones: every "
                               "physician rates them first, then sees the reference; they stay out of the "
                               "statistics. --preview shows the load per physician and the overlap matrix without "
                               "writing anything."),
                [](QCommandLineParser &p) {
                    p.addOption(option(QStringLiteral("annotators"), QStringLiteral("The physicians, comma-separated."),
                                       QStringLiteral("A,B,C")));
                    p.addOption(option(QStringLiteral("overlap"),
                                       QStringLiteral("Physicians per comparison (default 0: all of them)."),
                                       QStringLiteral("K")));
                    p.addOption(option(QStringLiteral("repeat-share"),
                                       QStringLiteral("Share of comparisons repeated, blinded (0 to 0.5; default 0)."),
                                       QStringLiteral("P")));
                    p.addOption(option(QStringLiteral("training"),
                                       QStringLiteral("CSV of reference values for training comparisons."),
                                       QStringLiteral("FILE")));
                    p.addOption(option(QStringLiteral("seed"), QStringLiteral("The design's seed (default: random)."),
                                       QStringLiteral("S")));
                    p.addOption(option(QStringLiteral("preview"), QStringLiteral("Show the design; write nothing.")));
                    p.addOption(option(QStringLiteral("json"), QStringLiteral("Print JSON.")));
                },
                1, 1, runAssign});
    table.emplace(
        QStringLiteral("package"),
        Command{
            QStringLiteral("package STUDY.concord --annotator NAME --out FILE.concord | --all --out FOLDER [--json]"),
            QStringLiteral("Write an annotator package: a study file with only that physician's comparisons, "
                           "cases, responses (no system names) and the rubric; no judge scores and nothing of "
                           "other physicians. It opens in annotator mode and is merged back with 'concord merge'. "
                           "--all writes one per physician with assignments into FOLDER. Files are never "
                           "overwritten."),
            [](QCommandLineParser &p) {
                p.addOption(
                    option(QStringLiteral("annotator"), QStringLiteral("The physician."), QStringLiteral("NAME")));
                p.addOption(option(QStringLiteral("all"), QStringLiteral("Every physician with assignments.")));
                p.addOption(option(QStringLiteral("out"), QStringLiteral("The package file, or the folder with --all."),
                                   QStringLiteral("PATH")));
                p.addOption(option(QStringLiteral("json"), QStringLiteral("Print JSON.")));
            },
            1, 1, runPackage});
    table.emplace(
        QStringLiteral("merge"),
        Command{
            QStringLiteral("merge STUDY.concord PACKAGE.concord... [--accept-new-key] [--json]"),
            QStringLiteral("Merge annotated packages back into the study: every rating event, note and error span "
                           "the study does not have yet is added (nothing is overwritten), each package whole or "
                           "not at all; merging the same package again changes nothing. Refused: a package of "
                           "another study, with an unknown rubric, tampered with, not signed by the physician's key "
                           "(recorded at their first merge), or a file that is not a package."),
            [](QCommandLineParser &p) {
                p.addOption(option(QStringLiteral("accept-new-key"),
                                   QStringLiteral("Accept packages signed with a physician's new key (a new computer, "
                                                  "confirmed with them) and record it.")));
                p.addOption(option(QStringLiteral("json"), QStringLiteral("Print JSON.")));
            },
            2, -1, runMerge});
    table.emplace(
        QStringLiteral("adjudicate"),
        Command{
            QStringLiteral("adjudicate STUDY.concord [--rules R1,R2] [--judge RUN] [--axis KEY] [--all] [--names] "
                           "[--json] | --case ID --response ID --axis KEY --value V|--withdraw --code CODE "
                           "[--reason TEXT]"),
            QStringLiteral("List the responses needing the study lead's decision (rules: disagreement, spread=N, "
                           "split for a safe/unsafe split, critical for a judge's critical miss; default "
                           "disagreement), physicians unnamed unless --names; or record a decision: the consensus "
                           "value, a reason code (majority, clinical_judgement, guideline, rater_error, other) "
                           "and a reason. Decisions become the judge's reference with --adjudicated."),
            [](QCommandLineParser &p) {
                p.addOption(option(QStringLiteral("rules"), QStringLiteral("Which rules select items."),
                                   QStringLiteral("R1,R2")));
                p.addOption(option(QStringLiteral("judge"), QStringLiteral("The judge run for critical misses."),
                                   QStringLiteral("RUN")));
                p.addOption(option(QStringLiteral("axis"), QStringLiteral("Only this axis."), QStringLiteral("KEY")));
                p.addOption(option(QStringLiteral("all"), QStringLiteral("Also list decided items.")));
                p.addOption(option(QStringLiteral("names"), QStringLiteral("Name the physicians.")));
                p.addOption(option(QStringLiteral("json"), QStringLiteral("Print JSON.")));
                p.addOption(option(QStringLiteral("case"), QStringLiteral("The case's id."), QStringLiteral("ID")));
                p.addOption(option(QStringLiteral("response"), QStringLiteral("The response's id within the case."),
                                   QStringLiteral("ID")));
                p.addOption(
                    option(QStringLiteral("value"), QStringLiteral("The consensus value."), QStringLiteral("V")));
                p.addOption(option(QStringLiteral("withdraw"), QStringLiteral("Withdraw the decision.")));
                p.addOption(option(QStringLiteral("code"), QStringLiteral("The reason code."), QStringLiteral("CODE")));
                p.addOption(
                    option(QStringLiteral("reason"), QStringLiteral("The reason in words."), QStringLiteral("TEXT")));
            },
            1, 1, runAdjudicate});
    table.emplace(QStringLiteral("lock"),
                  Command{QStringLiteral("lock STUDY.concord"),
                          QStringLiteral("Lock the analysis: the agreement figures and the report use the ratings "
                                         "recorded until now; later rating events are kept but not used."),
                          [](QCommandLineParser &) {}, 1, 1, runLock});
    table.emplace(QStringLiteral("unblind"),
                  Command{QStringLiteral("unblind STUDY.concord"),
                          QStringLiteral("Unblind a study whose analysis is locked: system names are no longer hidden "
                                         "and adjudication shows the judge's scores. Recorded in the audit log."),
                          [](QCommandLineParser &) {}, 1, 1, runUnblind});
}

} // namespace concord::cli
