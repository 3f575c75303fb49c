#pragma once

#include "model/entities.h"
#include "model/result.h"

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

// Consensus decisions of the study lead; the latest per (response, axis) is the adjudicated value.
class AdjudicationStore
{
public:
    explicit AdjudicationStore(Study &study)
        : m_study(study)
    {}
    Result<qint64> insert(Adjudication &adjudication);
    Result<QVector<Adjudication>> current(qint64 axisId = 0);

private:
    Study &m_study;
};

} // namespace concord
