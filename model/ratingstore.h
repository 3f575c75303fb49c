#pragma once

#include "model/entities.h"
#include "model/result.h"
#include "model/rubric.h"
#include "model/sqlutil.h"

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
    Result<QVector<RatingEvent>> history(qint64 annotatorId, qint64 responseId, qint64 comparisonId, qint64 axisId);
    Result<qint64> eventCount();

private:
    Study &m_study;
    PreparedStatement m_insert;
};

RatingEvent readRatingEvent(const QSqlQuery &query); // from the column list kRatingEventColumns
extern const QString kRatingEventColumns;

} // namespace concord
