#include "model/studylead/adjudicationqueue.h"

#include "model/agreement/agreementanalysis.h"
#include "model/agreement/agreementdata.h"
#include "model/store/adjudicationstore.h"
#include "model/store/annotatorstore.h"
#include "model/store/judgestore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

#include <QHash>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace concord {

namespace {

using Target = std::pair<qint64, qint64>; // (axis id, response id)

Result<QVector<const Axis *>> responseAxesOf(const Rubric &rubric, const QString &axisKey)
{
    QVector<const Axis *> axes;
    QStringList keys;
    for (const Axis &axis : rubric.axes) {
        if (axis.target != AxisTarget::Response)
            continue;
        keys << axis.key;
        if (axisKey.isEmpty() || axis.key == axisKey)
            axes.push_back(&axis);
    }
    if (axes.isEmpty())
        return Error{QStringLiteral("axis '%1' is not a response axis of the study's rubric (%2)")
                         .arg(axisKey, keys.join(QStringLiteral(", ")))};
    return axes;
}

QString number(double value)
{
    return QString::number(value);
}

QString joinValues(const QVector<double> &values)
{
    QStringList parts;
    for (double value : values)
        parts << number(value);
    return parts.join(QStringLiteral(", "));
}

// Everything the rules look at, read once for the whole queue.
struct QueueInput
{
    QHash<qint64, std::pair<int, QString>> annotators;                 // id -> (number, name)
    QHash<qint64, std::map<qint64, QVector<PhysicianRating>>> ratings; // axis -> response -> ratings
    std::map<Target, QVector<ItemJudgeScore>> judges;
    std::map<Target, Adjudication> decisions;
};

Status checkJudgeRun(Study &study, const QString &run)
{
    if (run.isEmpty())
        return {};
    auto known = JudgeStore(study).runs();
    if (!known.ok())
        return known.error();
    QStringList runs;
    for (const JudgeRun &one : std::as_const(known.value()))
        runs << one.name;
    if (runs.contains(run))
        return {};
    return Error{QStringLiteral("judge run '%1' is not in the study (%2)")
                     .arg(run, runs.isEmpty() ? QStringLiteral("it has no judge runs")
                                              : QStringLiteral("runs: ") + runs.join(QStringLiteral(", ")))};
}

Result<QueueInput> readInput(Study &study, AdjudicationStore &store, const AdjudicationRules &rules)
{
    QueueInput input;
    auto annotators = AnnotatorStore(study).annotators();
    if (!annotators.ok())
        return annotators.error();
    for (const Annotator &annotator : std::as_const(annotators.value()))
        input.annotators.insert(annotator.id, {int(input.annotators.size()) + 1, annotator.name});

    auto ratings = store.ratingsToAdjudicate();
    if (!ratings.ok())
        return ratings.error();
    for (const AdjudicationRating &current : std::as_const(ratings.value())) {
        PhysicianRating rating;
        rating.eventId = current.eventId;
        rating.annotatorId = current.annotatorId;
        const auto [number, name] = input.annotators.value(rating.annotatorId);
        rating.number = number;
        rating.name = name;
        rating.status = current.status;
        rating.value = current.value;
        rating.likelihood = current.likelihood;
        rating.comment = current.comment;
        input.ratings[current.axisId][current.responseId].push_back(rating);
    }

    auto scores = store.judgeScoresToAdjudicate(rules.judgeRun);
    if (!scores.ok())
        return scores.error();
    for (const AdjudicationJudgeScore &score : std::as_const(scores.value()))
        input.judges[{score.axisId, score.responseId}].push_back(ItemJudgeScore{score.run, score.value});

    auto decisions = store.current();
    if (!decisions.ok())
        return decisions.error();
    for (const Adjudication &decision : decisions.value())
        input.decisions[{decision.axisId, decision.responseId}] = decision;
    return input;
}

// The physicians' consensus of each response of the axis, by the agreement engine's own rule, so a critical miss
// here is one in the report.
QHash<qint64, double> consensusOf(const Axis &axis, const std::map<qint64, QVector<PhysicianRating>> &ratings,
                                  int physicians)
{
    AxisAgreementData data;
    data.axis = axis;
    data.ratings = stats::RatingMatrix(ratings.size(), std::size_t(std::max(physicians, 1)));
    for (const auto &[responseId, shown] : ratings) {
        data.responseIds.push_back(responseId);
        for (const PhysicianRating &rating : shown) {
            if (rating.value && rating.number > 0)
                data.ratings.set(data.responseIds.size() - 1, std::size_t(rating.number - 1), *rating.value);
        }
    }
    const std::vector<double> consensus = physicianConsensus(data);
    QHash<qint64, double> result;
    for (std::size_t u = 0; u < consensus.size(); ++u)
        result.insert(data.responseIds[u], consensus[u]);
    return result;
}

// The rules that select the item, in words; empty when none does.
QStringList matchingRules(const AdjudicationRules &rules, const Axis &axis, const QVector<double> &values,
                          double consensus, const QVector<ItemJudgeScore> &judges, bool blinded)
{
    QStringList reasons;
    const auto [low, high] = std::minmax_element(values.cbegin(), values.cend());
    const bool several = values.size() >= 2;
    if (rules.anyDisagreement && several && *low != *high)
        reasons << QStringLiteral("physicians disagree (%1)").arg(joinValues(values));
    if (rules.minSpread > 0 && several && *high - *low >= rules.minSpread) {
        reasons << QStringLiteral("spread of %1 point%2 (%3 to %4)")
                       .arg(number(*high - *low), *high - *low == 1 ? QString() : QStringLiteral("s"), number(*low),
                            number(*high));
    }
    if (!axis.binaryView)
        return reasons;
    const BinaryView &view = *axis.binaryView;
    if (rules.safeUnsafeSplit && several) {
        const auto positive =
            std::count_if(values.cbegin(), values.cend(), [&](double v) { return v >= view.threshold; });
        if (positive > 0 && positive < values.size()) {
            reasons << QStringLiteral("split between %1 and %2 (%3 of %4 at %5 or above)")
                           .arg(view.positiveLabel, view.negativeLabel)
                           .arg(positive)
                           .arg(values.size())
                           .arg(number(view.threshold));
        }
    }
    if (rules.criticalMisses && !std::isnan(consensus) && consensus >= view.threshold) {
        bool hiddenMiss = false;
        for (const ItemJudgeScore &judge : judges) {
            if (judge.value >= view.threshold)
                continue;
            if (blinded) {
                hiddenMiss = true;
                continue;
            }
            reasons << QStringLiteral("critical miss: judge '%1' scored %2 (%3), physicians' consensus %4 (%5)")
                           .arg(judge.run, number(judge.value), view.negativeLabel, number(consensus),
                                view.positiveLabel);
        }
        if (hiddenMiss)
            reasons << QStringLiteral("critical miss (judge hidden while blinded)");
    }
    return reasons;
}

Result<QVector<AdjudicationItem>> readQueue(Study &study, const AdjudicationRules &rules,
                                            const QVector<const Axis *> &axes)
{
    if (auto known = checkJudgeRun(study, rules.judgeRun); !known.ok())
        return known.error();
    AdjudicationStore store(study);
    auto input = readInput(study, store, rules);
    if (!input.ok())
        return input.error();
    const bool blinded = study.info().blinded;

    struct Pending
    {
        qint64 caseRow;
        int axisPosition;
        AdjudicationItem item;
    };
    std::vector<Pending> pending;
    QHash<qint64, AdjudicationResponse> facts;
    for (const Axis *axis : axes) {
        const auto &ratings = input->ratings[axis->id];
        const QHash<qint64, double> consensus = consensusOf(*axis, ratings, int(input->annotators.size()));
        for (const auto &[responseId, shown] : ratings) {
            AdjudicationItem item;
            item.ratings = shown;
            const Target target{axis->id, responseId};
            const QVector<ItemJudgeScore> judges =
                input->judges.count(target) ? input->judges.at(target) : QVector<ItemJudgeScore>();
            item.reasons =
                matchingRules(rules, *axis, item.values(), consensus.value(responseId, std::nan("")), judges, blinded);
            if (item.reasons.isEmpty())
                continue;
            if (!facts.contains(responseId)) {
                auto row = store.responseToAdjudicate(responseId);
                if (!row.ok())
                    return row.error();
                if (!row.value())
                    return Error{QStringLiteral("response %1 has ratings but is not in the study").arg(responseId)};
                facts.insert(responseId, *row.value());
            }
            const AdjudicationResponse &response = facts[responseId];
            item.responseId = responseId;
            item.caseId = response.caseExternalId;
            item.task = response.task;
            item.caseInput = response.caseInput;
            item.responseText = response.responseText;
            item.axis = *axis;
            item.judgeHidden = blinded && !judges.isEmpty();
            if (!blinded)
                item.judges = judges;
            if (input->decisions.count(target))
                item.decision = input->decisions.at(target);
            pending.push_back(
                Pending{response.caseRowId, int(axis - study.rubric().axes.constData()), std::move(item)});
        }
    }
    std::sort(pending.begin(), pending.end(), [](const Pending &a, const Pending &b) {
        return std::tie(a.caseRow, a.item.responseId, a.axisPosition) <
               std::tie(b.caseRow, b.item.responseId, b.axisPosition);
    });
    QVector<AdjudicationItem> items;
    items.reserve(qsizetype(pending.size()));
    for (Pending &one : pending)
        items.push_back(std::move(one.item));
    return items;
}

} // namespace

QVector<double> AdjudicationItem::values() const
{
    QVector<double> result;
    for (const PhysicianRating &rating : ratings) {
        if (rating.status == RatingStatus::Value && rating.value)
            result.push_back(*rating.value);
    }
    return result;
}

std::optional<double> AdjudicationItem::spread() const
{
    const QVector<double> all = values();
    if (all.size() < 2)
        return std::nullopt;
    const auto [low, high] = std::minmax_element(all.cbegin(), all.cend());
    return *high - *low;
}

const QVector<AdjudicationReasonCode> &adjudicationReasonCodes()
{
    static const QVector<AdjudicationReasonCode> codes{
        {QStringLiteral("majority"), QStringLiteral("Majority of physicians")},
        {QStringLiteral("clinical_judgement"), QStringLiteral("Clinical judgement")},
        {QStringLiteral("guideline"), QStringLiteral("Guideline or reference")},
        {QStringLiteral("rater_error"), QStringLiteral("Rater error")},
        {QStringLiteral("other"), QStringLiteral("Other (say why)")},
    };
    return codes;
}

QString physicianLabel(const PhysicianRating &rating, bool showNames)
{
    return showNames ? rating.name : QStringLiteral("Physician %1").arg(rating.number);
}

QString describeValue(const Axis &axis, double value)
{
    const ScalePoint *point = axis.point(value);
    return point ? QStringLiteral("%1 (%2)").arg(number(value), point->label) : number(value);
}

Result<QVector<AdjudicationItem>> adjudicationQueue(Study &study, const AdjudicationRules &rules,
                                                    const QString &axisKey)
{
    auto axes = responseAxesOf(study.rubric(), axisKey);
    if (!axes.ok())
        return axes.error();
    return study.inReadSnapshot([&] { return readQueue(study, rules, axes.value()); });
}

Result<qint64> recordAdjudication(Study &study, qint64 responseId, const QString &axisKey, std::optional<double> value,
                                  const QString &reasonCode, const QString &reason, const QString &decidedBy)
{
    if (study.readOnly())
        return Error{
            QStringLiteral("%1 is open read-only; open it for writing to record a decision").arg(study.path())};
    if (axisKey.isEmpty())
        return Error{QStringLiteral("a decision needs an axis")};
    auto axes = responseAxesOf(study.rubric(), axisKey);
    if (!axes.ok())
        return axes.error();
    const Axis &axis = *axes->first();
    if (value && !axis.hasPoint(*value))
        return Error{QStringLiteral("value %1 is not a scale point of axis '%2' (%3)")
                         .arg(number(*value), axis.key, axis.describePoints())};
    const auto &codes = adjudicationReasonCodes();
    if (std::none_of(codes.cbegin(), codes.cend(), [&](const auto &known) { return known.code == reasonCode; })) {
        QStringList names;
        for (const AdjudicationReasonCode &known : codes)
            names << known.code;
        return Error{
            QStringLiteral("reason code '%1' is not one of %2").arg(reasonCode, names.join(QStringLiteral(", ")))};
    }
    if (reasonCode == QStringLiteral("other") && reason.trimmed().isEmpty())
        return Error{QStringLiteral("reason code 'other' needs a reason text")};
    if (decidedBy.trimmed().isEmpty())
        return Error{QStringLiteral("a decision needs the name of who decided it")};

    Adjudication decision;
    decision.responseId = responseId;
    decision.axisId = axis.id;
    decision.value = value;
    decision.decidedBy = decidedBy.trimmed();
    decision.reasonCode = reasonCode;
    decision.reason = reason.trimmed();
    const Status stored = study.inTransaction([&]() -> Status {
        AdjudicationStore store(study);
        // The physicians' current events on this target: what the lead saw when deciding.
        auto basis = store.decisionBasis(responseId, axis.id);
        if (!basis.ok())
            return basis.error();
        if (!basis.value())
            return Error{QStringLiteral("response %1 is not in the study").arg(responseId)};
        const QString responseUuid = basis.value()->responseUuid;
        decision.consideredEventIds = basis.value()->consideredEventIds;
        if (auto inserted = store.insert(decision); !inserted.ok())
            return inserted.error();
        return appendAudit(study, decision.decidedBy, QStringLiteral("adjudicate"),
                           QJsonObject{{QStringLiteral("adjudication"), decision.uuid},
                                       {QStringLiteral("response"), responseUuid},
                                       {QStringLiteral("axis"), axis.key},
                                       {QStringLiteral("value"), value ? QJsonValue(*value) : QJsonValue()},
                                       {QStringLiteral("reason_code"), reasonCode},
                                       {QStringLiteral("considered_events"), decision.consideredEventIds.size()}});
    });
    if (!stored.ok())
        return stored.error();
    return decision.id;
}

} // namespace concord
