#pragma once

#include "model/domain/result.h"

#include <QString>

namespace concord {

class Study;

// The analysis lock freezes the ratings the analysis uses: the agreement engine, the dashboard and the report read
// only rating events up to the newest one at the moment of locking. Later events are kept (nothing is ever deleted)
// and counted as "after the lock". Unblinding (system names no longer hidden from physicians, the judge's scores
// shown in adjudication) is allowed only once the analysis is locked. Both are recorded in the audit log.
struct AnalysisState
{
    bool locked = false;
    QString lockedAt;             // UTC, ISO 8601
    qint64 lastLockedEventId = 0; // the newest rating event the analysis uses
    qint64 eventsAfterLock = 0;
    bool blinded = true;
    QString unblindedAt;
};

Result<AnalysisState> analysisState(Study &study);
Status lockAnalysis(Study &study, const QString &actor);
Status unblindStudy(Study &study, const QString &actor);

} // namespace concord
