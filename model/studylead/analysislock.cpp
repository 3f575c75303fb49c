#include "model/studylead/analysislock.h"

#include "model/store/analysislockstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

#include <QJsonObject>

namespace concord {

Result<AnalysisState> analysisState(Study &study)
{
    AnalysisState state;
    state.lockedAt = study.meta(QStringLiteral("analysis_locked_at"));
    state.locked = !state.lockedAt.isEmpty();
    state.lastLockedEventId = study.meta(QStringLiteral("analysis_locked_event_id"), QStringLiteral("0")).toLongLong();
    state.blinded = study.info().blinded;
    state.unblindedAt = study.meta(QStringLiteral("unblinded_at"));
    if (state.locked) {
        auto later = ratingEventsAfter(study, state.lastLockedEventId);
        if (!later.ok())
            return later.error();
        state.eventsAfterLock = later.value();
    }
    return state;
}

Status lockAnalysis(Study &study, const QString &actor)
{
    if (!study.meta(QStringLiteral("package_annotator")).isEmpty())
        return Error{
            QStringLiteral("%1 is an annotator package; the analysis is locked in the study").arg(study.path())};
    return study.inTransaction([&]() -> Status {
        if (!study.meta(QStringLiteral("analysis_locked_at")).isEmpty())
            return Error{QStringLiteral("the analysis of %1 is already locked (since %2)")
                             .arg(study.path(), study.meta(QStringLiteral("analysis_locked_at")))};
        auto newest = ratingEventExtent(study);
        if (!newest.ok())
            return newest.error();
        const qint64 lastEvent = newest->newestEventId;
        const QString now = Study::nowUtc();
        for (const auto &[key, value] :
             {std::pair{QStringLiteral("analysis_locked_at"), now},
              std::pair{QStringLiteral("analysis_locked_event_id"), QString::number(lastEvent)}}) {
            if (auto saved = study.setMeta(key, value); !saved.ok())
                return saved;
        }
        return appendAudit(study, actor, QStringLiteral("lock_analysis"),
                           QJsonObject{{QStringLiteral("last_event_id"), lastEvent},
                                       {QStringLiteral("rating_events"), newest->eventCount}});
    });
}

Status unblindStudy(Study &study, const QString &actor)
{
    if (study.meta(QStringLiteral("analysis_locked_at")).isEmpty())
        return Error{QStringLiteral("lock the analysis of %1 before unblinding it, so that no rating is made knowing "
                                    "the systems")
                         .arg(study.path())};
    if (!study.info().blinded)
        return Error{QStringLiteral("%1 is already unblinded (since %2)")
                         .arg(study.path(), study.meta(QStringLiteral("unblinded_at")))};
    return study.inTransaction([&]() -> Status {
        const QString now = Study::nowUtc();
        for (const auto &[key, value] : {std::pair{QStringLiteral("blinded"), QStringLiteral("0")},
                                         std::pair{QStringLiteral("unblinded_at"), now}}) {
            if (auto saved = study.setMeta(key, value); !saved.ok())
                return saved;
        }
        return appendAudit(study, actor, QStringLiteral("unblind"), QJsonObject{{QStringLiteral("at"), now}});
    });
}

} // namespace concord
