#pragma once

#include "model/domain/result.h"

namespace concord {

class Study;

// What the analysis lock reads of the rating event log: the point it freezes and what came after it. The lock itself
// is kept in the study's meta (analysis_locked_at, analysis_locked_event_id).

// The newest rating event (0 when there is none) and how many events there are.
struct RatingEventExtent
{
    qint64 newestEventId = 0;
    qint64 eventCount = 0;
};
Result<RatingEventExtent> ratingEventExtent(const Study &study);

// How many rating events are newer than eventId: written after the lock.
Result<qint64> ratingEventsAfter(const Study &study, qint64 eventId);

} // namespace concord
