#pragma once

#include "model/domain/result.h"

#include <QPair>
#include <QSet>
#include <QString>
#include <QVector>
#include <functional>
#include <optional>

namespace concord {

class Study;

// The reads of the agreement analysis, the per-axis rating counts and the report: rows of several tables in the
// shapes they are counted in, lighter than the entities. Reads that grow with the rating events or the responses hand
// each row to a visitor instead of holding them all, so a large study is read in one pass at little memory; a
// visitor's error stops the read and is what the read returns.
//
// A rating target as one number: the response id, or the comparison id negated (preference axes rate comparisons).

// A rating event as the agreement data keeps it.
struct AnalysisRatingEvent
{
    qint64 id = 0;
    qint64 axisId = 0;
    qint64 responseId = 0; // 0 when the target is a comparison (a preference)
    qint64 annotatorId = 0;
    QString status; // as stored: "value", "unable", "not_applicable" or "cleared"
    std::optional<double> value;
    QString day; // the UTC date the event was made, yyyy-mm-dd
    bool repeat = false;
};
// The events with afterId < id <= upToId, in id order.
Status visitRatingEvents(const Study &study, qint64 afterId, qint64 upToId,
                         const std::function<Status(const AnalysisRatingEvent &)> &visit);

// A first-showing rating event (not of a blinded repeat) by its target.
struct TargetRatingEvent
{
    qint64 axisId = 0;
    qint64 target = 0; // response id, or negated comparison id
    qint64 annotatorId = 0;
    QString status; // as stored
};
// Every first-showing event, grouped by axis and target with each annotator's events in id order (one pass over the
// covering index rating_event_by_target): an annotator's current rating is the last event before the annotator
// changes.
Status visitFirstShowingEventsByTarget(const Study &study,
                                       const std::function<Status(const TargetRatingEvent &)> &visit);

// The (annotator, target) pairs of the first-showing assignments: each response of an assigned comparison, and the
// comparison itself (negated id).
Result<QSet<QPair<qint64, qint64>>> assignedTargets(const Study &study);

// How many targets there are to rate, and how many (annotator, target) pairs are assigned in first showings.
struct RatingTargetCounts
{
    qint64 responses = 0;
    qint64 comparisons = 0;
    qint64 assignedResponses = 0;   // (annotator, response) pairs over the responses of assigned comparisons
    qint64 assignedComparisons = 0; // first-showing assignments
};
Result<RatingTargetCounts> ratingTargetCounts(const Study &study);

// A response as a unit of the analysis: its case, task and system, and its text.
struct AnalysisResponse
{
    qint64 responseId = 0;
    QString caseExternalId;
    QString task;
    QString system;
    QString text;
};
// Every response, in no particular order.
Status visitAnalysisResponses(const Study &study, const std::function<Status(const AnalysisResponse &)> &visit);

// A physician's current preference on a comparison axis, with where the physician's assignment showed the responses.
struct CurrentPreference
{
    qint64 preferredResponseId = 0; // 0 for a tie
    QVector<qint64> shownOrder;     // response ids left to right; empty without a first-showing assignment
};
// The current first-showing preferences on the axis that are values (the latest event per comparison and physician).
Result<QVector<CurrentPreference>> currentPreferences(const Study &study, qint64 axisId);

// A label with its count; a label the study leaves empty (or NULL) is the empty string.
struct LabelCount
{
    QString label;
    qint64 count = 0;
};
// What the study holds: cases and responses, counted and by task and system.
struct StudyComposition
{
    qint64 cases = 0;
    qint64 responses = 0;
    QVector<LabelCount> casesByTask;       // by task
    QVector<LabelCount> responsesBySystem; // by system
};
Result<StudyComposition> studyComposition(const Study &study);

// A current rating of a response, named.
struct NamedResponseRating
{
    QString axisKey;
    QString status; // as stored, never "cleared"
    QString physician;
};
// The current first-showing ratings of responses, cleared ones left out (the latest event per axis, response and
// physician, found on the covering index rather than through the current_rating view), in no particular order.
Status visitCurrentResponseRatings(const Study &study, const std::function<Status(const NamedResponseRating &)> &visit);

// Where an error span lies and what it marks.
struct MarkedSpan
{
    qint64 responseId = 0;
    int start = 0; // character offsets into the response text, end exclusive
    int end = 0;
    QString category;
    int severity = 0;
};
// The physicians' error spans that are not removed, in id order.
Result<QVector<MarkedSpan>> currentPhysicianSpans(const Study &study);
// The judge run's error spans that are not removed, in no particular order.
Result<QVector<MarkedSpan>> currentJudgeSpans(const Study &study, qint64 judgeRunId);

} // namespace concord
