#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/domain/rubric.h"

#include <QStringList>
#include <QVector>
#include <optional>

namespace concord {

class Study;

// Which (response, axis) pairs need the study lead's decision. An item is listed when any enabled rule matches; with
// no rule enabled the queue is empty. Only physicians' values count ("unable to assess" and "not applicable" are
// shown but never disagree).
struct AdjudicationRules
{
    bool anyDisagreement = true;  // at least two different values
    double minSpread = 0;         // highest minus lowest value at least this (0: off; e.g. 2)
    bool safeUnsafeSplit = false; // axes with a binary view: values on both sides of the threshold
    // Axes with a binary view: a judge run scored the response safe (below the threshold) while the physicians'
    // consensus (the agreement engine's rule, physicianConsensus()) is unsafe, as the report's critical misses.
    bool criticalMisses = false;
    QString judgeRun{}; // the run critical misses and shown judge scores come from; empty: any run
};

// One physician's current rating of the item. `number` is the physician's place among the study's annotators (by
// when they were added), the same across the queue, so "Physician 2" is one person everywhere while names are hidden.
struct PhysicianRating
{
    qint64 annotatorId = 0;
    int number = 0;
    QString name;
    RatingStatus status = RatingStatus::Value;
    std::optional<double> value;
    QString likelihood;
    QString comment;
    qint64 eventId = 0;
};

struct ItemJudgeScore
{
    QString run;
    double value = 0;
};

struct AdjudicationItem
{
    qint64 responseId = 0;
    QString caseId; // the case's external id
    QString task;
    QString caseInput;    // untrusted: show as plain text
    QString responseText; // untrusted: show as plain text
    Axis axis;
    QVector<PhysicianRating> ratings; // in physician number order
    // Judge runs' scores (only rules.judgeRun when set), in run order; empty while the study is blinded.
    QVector<ItemJudgeScore> judges;
    bool judgeHidden = false;             // the study is blinded and a judge scored the item
    QStringList reasons;                  // the rules that matched, in words
    std::optional<Adjudication> decision; // the latest, if any

    QVector<double> values() const;       // the physicians' values, in physician order
    std::optional<double> spread() const; // highest minus lowest value; none with fewer than two values
    // A decision with a value; a decision without one withdrew an earlier one.
    bool decided() const { return decision && decision->value.has_value(); }
};

// A reason code the study lead gives for a decision, stored in adjudication.reason_code.
struct AdjudicationReasonCode
{
    QString code;
    QString label;
};
// majority (went with most physicians), clinical_judgement (the lead's own reading of the case), guideline (a
// guideline or reference decides), rater_error (a physician misread the case or mis-clicked), other (says why in the
// reason text, which is then required).
const QVector<AdjudicationReasonCode> &adjudicationReasonCodes();

// "Physician 3", or the physician's name when the study lead chose to show names.
QString physicianLabel(const PhysicianRating &rating, bool showNames);
// A value with its scale label: "3 (Moderate risk)".
QString describeValue(const Axis &axis, double value);

// The queue over the response axes of the study's rubric (or only `axisKey`: an unknown key is an error naming the
// keys there are), from the physicians' current ratings. Ordered by case (in import order), response, axis position.
// Decided items stay listed with their decision. Judge scores are in the items only when the study is unblinded;
// while blinded, critical misses are still found but the reason says the judge is hidden.
Result<QVector<AdjudicationItem>> adjudicationQueue(Study &study, const AdjudicationRules &rules,
                                                    const QString &axisKey = {});

// Records the study lead's consensus value for a response on an axis, with the physicians' current events it
// considered and an "adjudicate" audit entry, in one transaction. The value must be a scale point of the axis; no
// value withdraws an earlier decision (the physicians' consensus applies again). The reason code must be one of
// adjudicationReasonCodes(); "other" needs a reason text.
Result<qint64> recordAdjudication(Study &study, qint64 responseId, const QString &axisKey, std::optional<double> value,
                                  const QString &reasonCode, const QString &reason, const QString &decidedBy);

} // namespace concord
