#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/studyfile/sqlutil.h"

#include <QHash>

namespace concord {

class Study;

// Cases, their responses, and comparisons (the set of responses an annotator sees at once).
class CaseStore
{
public:
    explicit CaseStore(Study &study);

    Result<qint64> insertCase(CaseRecord &record);
    Result<qint64> insertResponse(ResponseRecord &record);
    Result<qint64> insertComparison(ComparisonRecord &record);

    Result<std::optional<CaseRecord>> caseByExternalId(const QString &externalId);
    Result<std::optional<ResponseRecord>> responseByExternalId(qint64 caseId, const QString &externalId);
    Result<QVector<CaseRecord>> cases();
    Result<QVector<ResponseRecord>> responses(); // all, in case order
    Result<QVector<ResponseRecord>> responsesOfCase(qint64 caseId);
    Result<QVector<ComparisonRecord>> comparisons();
    Result<qint64> caseCount();
    Result<qint64> responseCount();

private:
    Study &m_study;
    PreparedStatement m_insertCase;
    PreparedStatement m_insertResponse;
    PreparedStatement m_insertComparison;
    PreparedStatement m_insertComparisonResponse;
    PreparedStatement m_findCase;
    PreparedStatement m_findResponse;
};

} // namespace concord
