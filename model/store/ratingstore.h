#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/domain/rubric.h"
#include "model/studyfile/sqlutil.h"

class QSqlRecord;

namespace concord {

class Study;

// Checks an event against its axis: value on the declared scale, "unable to assess" only where allowed, etc.
// The message names the field ("value", "likelihood", ...) but not the file; importers add that.
Status validateRatingEvent(const Axis &axis, const RatingEvent &event);

// The append-only rating event log. The current rating is derived (latest event per annotator, target, axis).
class RatingStore
{
public:
    explicit RatingStore(Study &study);

    // Appends one event inside the caller's transaction (bulk imports).
    Result<qint64> append(RatingEvent &event);
    // Commits one event in its own transaction with its audit entry, before the caller moves on (the GUI path).
    Result<qint64> commit(RatingEvent &event, const QString &actor);

    // Current ratings, optionally of one axis (axisId 0: all), in event order.
    Result<QVector<RatingEvent>> currentRatings(qint64 axisId = 0);
    // Current ratings of the blinded repeat showings, in event order (kept apart from the first showings').
    Result<QVector<RatingEvent>> currentRepeatRatings();
    // The events of one target in one showing (the first, or the blinded repeat).
    Result<QVector<RatingEvent>> history(qint64 annotatorId, qint64 responseId, qint64 comparisonId, qint64 axisId,
                                         bool repeat = false);
    // Every event of one annotator, grouped by showing (first, then repeat), axis and target, oldest first in each
    // group: the last of a group is that target's current rating.
    Result<QVector<RatingEvent>> eventsOfAnnotator(qint64 annotatorId);
    // One annotator's events on a response, and those on a comparison, in one showing, in event order.
    Result<QVector<RatingEvent>> eventsOnResponse(qint64 annotatorId, qint64 responseId, bool repeat);
    Result<QVector<RatingEvent>> eventsOnComparison(qint64 annotatorId, qint64 comparisonId, bool repeat);
    Result<qint64> eventCount();

private:
    Result<QVector<RatingEvent>> readEvents(const QString &fromWhere, const QVariantList &bindings = {});

    Study &m_study;
    PreparedStatement m_insert;
};

// The current ratings of one response on one axis, first showings only, by status.
struct ResponseRatingCounts
{
    qint64 responseId = 0;
    qint64 axisId = 0;
    int values = 0;
    int unable = 0;
    int notApplicable = 0;
};

// The current ratings of every response, by response and axis in that order; a pair whose ratings are all cleared is
// left out. Computed in one ordered pass over the events, for a table of every response.
Result<QVector<ResponseRatingCounts>> currentResponseRatingCounts(const Study &study);

// The columns of a rating event row, for "SELECT " + kRatingEventColumns + " FROM rating_event ...", or from a view
// over it.
extern const QString kRatingEventColumns;

// Where each of kRatingEventColumns is in a query's result. Found by name once per query and passed to
// readRatingEvent for every row: events are read by the hundred thousand.
struct RatingEventColumns
{
    explicit RatingEventColumns(const QSqlRecord &record);
    int id = -1, uuid = -1, annotatorId = -1, responseId = -1, comparisonId = -1, axisId = -1, status = -1, value = -1,
        preferredResponseId = -1, likelihood = -1, comment = -1, rubricVersion = -1, createdAt = -1, activeSeconds = -1,
        repeat = -1;
};

// The event on the query's current row.
RatingEvent readRatingEvent(const QSqlQuery &query, const RatingEventColumns &columns);
// The same for a query read for one row: finds the columns itself.
RatingEvent readRatingEvent(const QSqlQuery &query);

// A rating event in the terms every copy of a study shares (uuids and keys instead of row ids): what annotator
// packages carry, what merge compares, and what the digest in the event's audit entry covers.
struct PortableRatingEvent
{
    qint64 id = 0; // row id in the file it was read from; not part of the content
    QString uuid;
    QString annotatorUuid;
    QString responseUuid;          // empty when the target is a comparison
    QString comparisonUuid;        // empty when the target is a response
    QString preferredResponseUuid; // empty for a tie or when not a preference
    QString rubricUuid;            // of the axis' rubric version
    QString axisKey;
    QString status;
    std::optional<double> value;
    QString likelihood;
    QString comment;
    int rubricVersion = 0;
    QString createdAt;
    double activeSeconds = 0;
    bool repeat = false;
};

// Hex SHA-256 over a canonical text of the event's content (everything above but the row id). The "rating" audit
// entry records it, so a copy of the event in another file (a package being merged) can be checked against it.
QString ratingEventDigest(const PortableRatingEvent &event);
// Every event of the file in id order; references that do not resolve read as empty uuids.
Result<QVector<PortableRatingEvent>> portableRatingEvents(const Study &study);
// The event with that uuid, if the file has it.
Result<std::optional<PortableRatingEvent>> portableRatingEvent(const Study &study, const QString &uuid);

// The id of the file's latest rating event; 0 when it has none (what an import adds comes after it).
Result<qint64> latestRatingEventId(const Study &study);
// When the file's latest rating event was made (the greatest created_at); empty when it has none.
Result<QString> latestRatingEventAt(const Study &study);

// Where each column of the statements that read portable events is in a query's result, found by name once.
struct PortableRatingEventColumns
{
    explicit PortableRatingEventColumns(const QSqlRecord &record);
    int id = -1, uuid = -1, annotatorUuid = -1, responseUuid = -1, comparisonUuid = -1, preferredResponseUuid = -1,
        rubricUuid = -1, axisKey = -1, status = -1, value = -1, likelihood = -1, comment = -1, rubricVersion = -1,
        createdAt = -1, activeSeconds = -1, repeat = -1;
};

// Looks events up by uuid with one statement prepared once: a merge looks up every event of a package.
class PortableRatingEventFinder
{
public:
    explicit PortableRatingEventFinder(const Study &study);
    Result<std::optional<PortableRatingEvent>> find(const QString &uuid);

private:
    PreparedStatement m_select;
    std::optional<PortableRatingEventColumns> m_columns; // of m_select, found on its first run
};

} // namespace concord
