#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"

namespace concord {

class Study;

// Error spans marked in response text (by an annotator or a judge). Removal is recorded, never deleted.
class ErrorSpanStore
{
public:
    explicit ErrorSpanStore(Study &study)
        : m_study(study)
    {}
    Result<qint64> insert(ErrorSpan &span);
    Status markRemoved(qint64 spanId);
    Result<QVector<ErrorSpan>> spansOf(qint64 responseId, bool includeRemoved = false);

private:
    Study &m_study;
};

} // namespace concord
