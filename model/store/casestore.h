#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/studyfile/sqlutil.h"

#include <QHash>

namespace concord {

class Study;

// A response with its case, for a view that shows both.
struct ResponseWithCase
{
    CaseRecord caseRecord;
    ResponseRecord response;
};

// A row of the table of responses: the response with its case's id and task, and only the start of its text.
struct ResponsePreview
{
    qint64 responseId = 0;
    QString caseExternalId;
    QString task;
    QString system;
    QString textStart;
};

// Every response in case order, with the first textLength characters of its text: enough for a preview, without
// reading every text whole.
Result<QVector<ResponsePreview>> responsePreviews(const Study &study, int textLength);

// How files name a response: its case's external id, its own, and its system.
struct ResponseName
{
    QString caseExternalId;
    QString externalId;
    QString system;
};

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
    Result<QVector<ComparisonRecord>> comparisons(); // by id, each with its responses by position
    Result<std::optional<ResponseWithCase>> responseWithCase(qint64 responseId);
    // What an annotator is shown of a case and of a response: never their metadata, and no system name while the
    // study is blinded (it is not even read then, so nothing on screen can show it).
    Result<std::optional<CaseRecord>> caseShownToAnnotator(qint64 caseId);
    Result<std::optional<ResponseRecord>> responseShownToAnnotator(qint64 responseId, bool blinded);
    Result<qint64> caseCount();
    Result<qint64> responseCount();
    // The comparisons of a case that show two or more responses side by side (those that can hold a preference).
    Result<QVector<qint64>> sideBySideComparisonsOfCase(qint64 caseId);
    // The names files give responses and comparisons, by row id (a comparison is named by its case).
    Result<QHash<qint64, ResponseName>> responseNames();
    Result<QHash<qint64, QString>> comparisonCaseExternalIds();

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
