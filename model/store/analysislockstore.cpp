#include "model/store/analysislockstore.h"

#include "model/studyfile/study.h"

namespace concord {

Result<RatingEventExtent> ratingEventExtent(const Study &study)
{
    auto newest = study.exec(
        QStringLiteral("SELECT coalesce(max(id), 0) AS newest_event_id, count(*) AS event_count FROM rating_event"));
    if (!newest.ok())
        return newest.error();
    newest->next();
    return RatingEventExtent{newest->value(QStringLiteral("newest_event_id")).toLongLong(),
                             newest->value(QStringLiteral("event_count")).toLongLong()};
}

Result<qint64> ratingEventsAfter(const Study &study, qint64 eventId)
{
    auto later = study.exec(QStringLiteral("SELECT count(*) FROM rating_event WHERE id > ?"), {eventId});
    if (!later.ok())
        return later.error();
    later->next();
    return later->value(0).toLongLong();
}

} // namespace concord
