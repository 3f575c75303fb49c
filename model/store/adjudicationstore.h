#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"

namespace concord {

class Study;

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
