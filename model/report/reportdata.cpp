#include "model/report/reportdata.h"

#include "model/store/analysisreadstore.h"
#include "model/store/judgestore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/contentdigest.h"
#include "model/studyfile/study.h"
#include "model/studylead/analysislock.h"

#include <QJsonArray>
#include <QMap>
#include <QSet>

namespace concord {

namespace {

// Counts by label as an object; a label the study leaves empty is "(none)".
QJsonObject countsBy(const QVector<LabelCount> &labelCounts)
{
    QJsonObject counts;
    for (const LabelCount &labelCount : labelCounts)
        counts.insert(labelCount.label.isEmpty() ? QStringLiteral("(none)") : labelCount.label, labelCount.count);
    return counts;
}

Result<QJsonObject> summaryJson(const Study &study)
{
    auto composition = studyComposition(study);
    if (!composition.ok())
        return composition.error();
    const qint64 cases = composition->cases;
    const qint64 responses = composition->responses;
    qint64 ratings = 0, unable = 0;
    QMap<QString, std::pair<qint64, qint64>> perAxis; // axis -> (ratings, unable)
    QSet<QString> physicianNames;
    // One pass over the current ratings of responses.
    auto current = visitCurrentResponseRatings(study, [&](const NamedResponseRating &rating) -> Status {
        const bool isUnable = rating.status == QLatin1String("unable");
        ++ratings;
        unable += isUnable ? 1 : 0;
        auto &[axisRatings, axisUnable] = perAxis[rating.axisKey];
        ++axisRatings;
        axisUnable += isUnable ? 1 : 0;
        physicianNames.insert(rating.physician);
        return {};
    });
    if (!current.ok())
        return current.error();
    QStringList sortedNames(physicianNames.begin(), physicianNames.end());
    sortedNames.sort();
    QJsonArray names;
    for (const QString &name : std::as_const(sortedNames))
        names.append(name);
    QJsonObject unableShare;
    for (auto it = perAxis.cbegin(); it != perAxis.cend(); ++it)
        unableShare.insert(it.key(), double(it->second) / double(it->first));
    return QJsonObject{
        {QStringLiteral("cases"), cases},
        {QStringLiteral("responses"), responses},
        {QStringLiteral("cases_by_task"), countsBy(composition->casesByTask)},
        {QStringLiteral("responses_by_system"), countsBy(composition->responsesBySystem)},
        {QStringLiteral("physicians"), names},
        {QStringLiteral("ratings"), ratings},
        {QStringLiteral("ratings_per_response"), responses > 0 ? double(ratings) / double(responses) : 0.0},
        {QStringLiteral("unable_to_assess"), unable},
        {QStringLiteral("unable_to_assess_share_by_axis"), unableShare}};
}

// Physicians' error spans by group and severity, and per judge run the share of the physicians' spans of each
// category that the judge also marked (an overlapping span of the same category on the same response).
Result<QJsonObject> errorSpansJson(Study &study)
{
    QMap<QString, QString> groupOf;
    for (const ErrorCategory &category : study.rubric().errorCategories)
        groupOf.insert(category.key, category.group);
    auto physicianSpans = currentPhysicianSpans(study);
    if (!physicianSpans.ok())
        return physicianSpans.error();
    QMap<QString, QMap<QString, qint64>> byGroup;
    const QStringList severities{QStringLiteral("minor"), QStringLiteral("moderate"), QStringLiteral("major")};
    for (const MarkedSpan &span : physicianSpans.value()) {
        byGroup[groupOf.value(span.category, QStringLiteral("other"))]
               [severities.value(span.severity - 1, QStringLiteral("unrated"))] += 1;
    }
    QJsonObject groups;
    for (auto g = byGroup.cbegin(); g != byGroup.cend(); ++g) {
        QJsonObject counts;
        for (auto s = g.value().cbegin(); s != g.value().cend(); ++s)
            counts.insert(s.key(), s.value());
        groups.insert(g.key(), counts);
    }

    // Keyed by the run's name, which is unique: the order the runs are read in does not show.
    auto runs = JudgeStore(study).runs();
    if (!runs.ok())
        return runs.error();
    QJsonObject recall;
    for (const JudgeRun &run : runs.value()) {
        auto judged = currentJudgeSpans(study, run.id);
        if (!judged.ok())
            return judged.error();
        QMultiHash<qint64, MarkedSpan> judgeSpans;
        for (const MarkedSpan &span : judged.value())
            judgeSpans.insert(span.responseId, span);
        if (judgeSpans.isEmpty())
            continue;
        QMap<QString, std::pair<qint64, qint64>> found; // category -> (physician spans, found by the judge)
        for (const MarkedSpan &span : physicianSpans.value()) {
            auto &[total, hits] = found[span.category];
            ++total;
            const auto range = judgeSpans.equal_range(span.responseId);
            for (auto it = range.first; it != range.second; ++it) {
                if (it->category == span.category && it->start < span.end && span.start < it->end) {
                    ++hits;
                    break;
                }
            }
        }
        QJsonObject perCategory;
        for (auto it = found.cbegin(); it != found.cend(); ++it) {
            perCategory.insert(it.key(), QJsonObject{{QStringLiteral("physician_spans"), it.value().first},
                                                     {QStringLiteral("found_by_judge"), it.value().second},
                                                     {QStringLiteral("recall"),
                                                      double(it.value().second) / double(it.value().first)}});
        }
        recall.insert(run.name, perCategory);
    }
    return QJsonObject{{QStringLiteral("physician_spans_by_group_and_severity"), groups},
                       {QStringLiteral("judge_recall_by_category"), recall}};
}

} // namespace

QString methodsParagraph(const QJsonObject &agreement)
{
    const QJsonObject settings = agreement.value(QStringLiteral("settings")).toObject();
    const int resamples = settings.value(QStringLiteral("bootstrap")).toInt();
    const double confidence = settings.value(QStringLiteral("confidence")).toDouble(0.95);
    QStringList consensus;
    for (const auto &value : agreement.value(QStringLiteral("axes")).toArray()) {
        const QJsonObject axis = value.toObject();
        consensus << QStringLiteral("%1: %2").arg(axis.value(QStringLiteral("label")).toString(),
                                                  axis.value(QStringLiteral("consensus")).toString());
    }
    QString text =
        QStringLiteral(
            "Agreement among physicians was estimated per rubric axis with Krippendorff's alpha at the axis' level of "
            "measurement (Krippendorff 2011), Fleiss' kappa (Fleiss 1971), Gwet's AC1 and, on ordered scales, AC2 with "
            "quadratic weights (Gwet 2014), the Brennan-Prediger coefficient, pairwise percent agreement, Cohen's "
            "kappa "
            "for every pair of physicians (Cohen 1968) and ICC(2,1) (Shrout & Fleiss 1979), using the rubric's "
            "declared "
            "scale points for weights and chance agreement. Ratings of 'unable to assess' and 'not applicable' were "
            "left out of the statistics and counted. The judge was compared with the physicians' consensus per "
            "response (%1) by Cohen's kappa (quadratic weights on ordered scales; standard errors after Fleiss, Cohen "
            "& "
            "Everitt 1969), Spearman's rho, Kendall's tau-b, exact and within-one agreement, the mean signed "
            "difference "
            "and, for each axis' binary view, sensitivity, specificity, predictive values and F1 with Wilson "
            "intervals; "
            "its place among physicians was assessed by comparing each physician, and the judge, with the consensus of "
            "the other physicians on the same responses. Where the judge gave probabilities or a confidence, the "
            "probability of the positive class was assessed for calibration with the expected and maximum calibration "
            "error over %2 %3 bins, the Brier score with its decomposition (Murphy 1973), errors at high confidence "
            "and "
            "the risk-coverage curve.")
            .arg(consensus.join(QStringLiteral("; ")))
            .arg(settings.value(QStringLiteral("calibration_bins")).toInt())
            .arg(settings.value(QStringLiteral("calibration_binning"))
                     .toString()
                     .replace(QLatin1Char('_'), QLatin1Char('-')));
    if (resamples > 0) {
        text += QStringLiteral(" Intervals are %1% percentile intervals from %2 item-level (cluster) bootstrap "
                               "resamples of responses (seed %3), alongside the analytic intervals.")
                    .arg(confidence * 100)
                    .arg(resamples)
                    .arg(settings.value(QStringLiteral("seed")).toString());
    } else {
        text += QStringLiteral(" Intervals are %1% analytic intervals.").arg(confidence * 100);
    }
    return text;
}

Result<QJsonObject> buildReportData(Study &study, const AgreementSettings &settings)
{
    if (!study.readOnly()) {
        // Everything in the write-ahead log goes into the file, so a copy of the file holds what the report shows.
        if (auto checkpoint = study.checkpointWriteAheadLog(); !checkpoint.ok())
            return checkpoint.error();
    }
    // Of the content, read through the connection: hashing the file with plain file calls would drop this process's
    // locks on it (see model/studyfile/contentdigest.h).
    auto sha = contentSha256(study);
    if (!sha.ok())
        return sha.error();
    auto asOf = newestAuditTime(study);
    if (!asOf.ok())
        return asOf.error();
    const QString dataAsOf = asOf.value();
    auto summary = summaryJson(study);
    if (!summary.ok())
        return summary.error();
    auto agreement = studyAgreement(study, settings);
    if (!agreement.ok())
        return agreement.error();
    if (agreement->isEmpty())
        return QJsonObject{}; // cancelled
    auto spans = errorSpansJson(study);
    if (!spans.ok())
        return spans.error();
    auto analysis = analysisState(study);
    if (!analysis.ok())
        return analysis.error();
    // The audit head anchors the study's history outside the file: a reader who keeps the report can later run
    // `concord check --expect-head` against it.
    auto chain = verifyAuditChain(study);
    if (!chain.ok())
        return chain.error();
    const QString auditHeadText =
        chain->intact() ? chain->head : QStringLiteral("(audit log broken: %1)").arg(chain->problem);
    const StudyInfo info = study.info();
    return QJsonObject{
        {QStringLiteral("study"), QJsonObject{{QStringLiteral("title"), info.title},
                                              {QStringLiteral("uuid"), info.uuid},
                                              {QStringLiteral("schema_version"), study.schemaVersion()},
                                              {QStringLiteral("content_sha256"), sha.value()},
                                              {QStringLiteral("data_as_of"), dataAsOf},
                                              {QStringLiteral("blinded"), info.blinded}}},
        {QStringLiteral("summary"), summary.value()},
        {QStringLiteral("agreement"), agreement.value()},
        {QStringLiteral("error_spans"), spans.value()},
        {QStringLiteral("methods"), methodsParagraph(agreement.value())},
        {QStringLiteral("reproducibility"),
         QJsonObject{{QStringLiteral("concord_version"), QStringLiteral(CONCORD_VERSION)},
                     {QStringLiteral("study_content_sha256"), sha.value()},
                     {QStringLiteral("schema_version"), study.schemaVersion()},
                     {QStringLiteral("data_as_of"), dataAsOf},
                     {QStringLiteral("audit_head"), auditHeadText},
                     {QStringLiteral("audit_entries"), chain->entries},
                     {QStringLiteral("seed"), QString::number(settings.seed)},
                     {QStringLiteral("bootstrap"), qint64(settings.bootstrap)},
                     {QStringLiteral("analysis_locked_at"), analysis->lockedAt},
                     {QStringLiteral("last_locked_event_id"), analysis->lastLockedEventId},
                     {QStringLiteral("events_after_lock"), analysis->eventsAfterLock},
                     {QStringLiteral("unblinded_at"), analysis->unblindedAt}}},
    };
}

} // namespace concord
