#include "model/store/casestore.h"

#include "model/studyfile/study.h"

namespace concord {

namespace {

const QString kCaseColumns = QStringLiteral("id, uuid, external_id, task, input, reference, metadata_json");
const QString kResponseColumns = QStringLiteral("id, uuid, case_id, external_id, system, text, metadata_json");

CaseRecord readCase(const QSqlQuery &q)
{
    CaseRecord c;
    c.id = q.value(0).toLongLong();
    c.uuid = q.value(1).toString();
    c.externalId = q.value(2).toString();
    c.task = q.value(3).toString();
    c.input = q.value(4).toString();
    c.reference = q.value(5).toString();
    c.metadataJson = q.value(6).toString();
    return c;
}

ResponseRecord readResponse(const QSqlQuery &q)
{
    ResponseRecord r;
    r.id = q.value(0).toLongLong();
    r.uuid = q.value(1).toString();
    r.caseId = q.value(2).toLongLong();
    r.externalId = q.value(3).toString();
    r.system = q.value(4).toString();
    r.text = q.value(5).toString();
    r.metadataJson = q.value(6).toString();
    return r;
}

} // namespace

CaseStore::CaseStore(Study &study)
    : m_study(study)
    , m_insertCase(study,
                   QStringLiteral("INSERT INTO \"case\" (uuid, external_id, task, input, reference, metadata_json)"
                                  " VALUES (?, ?, ?, ?, ?, ?)"))
    , m_insertResponse(study, QStringLiteral("INSERT INTO response (uuid, case_id, external_id, system, text,"
                                             " metadata_json) VALUES (?, ?, ?, ?, ?, ?)"))
    , m_insertComparison(study, QStringLiteral("INSERT INTO comparison (uuid, case_id) VALUES (?, ?)"))
    , m_insertComparisonResponse(study, QStringLiteral("INSERT INTO comparison_response (comparison_id, response_id,"
                                                       " position) VALUES (?, ?, ?)"))
    , m_findCase(study,
                 QStringLiteral("SELECT ") + kCaseColumns + QStringLiteral(" FROM \"case\" WHERE external_id = ?"))
    , m_findResponse(study, QStringLiteral("SELECT ") + kResponseColumns +
                                QStringLiteral(" FROM response WHERE case_id = ? AND external_id = ?"))
{}

Result<qint64> CaseStore::insertCase(CaseRecord &record)
{
    if (record.uuid.isEmpty())
        record.uuid = Study::newUuid();
    auto q = m_insertCase.run(
        {record.uuid, record.externalId, record.task, record.input, record.reference, record.metadataJson});
    if (!q.ok())
        return q.error();
    record.id = m_insertCase.lastInsertId();
    return record.id;
}

Result<qint64> CaseStore::insertResponse(ResponseRecord &record)
{
    if (record.uuid.isEmpty())
        record.uuid = Study::newUuid();
    auto q = m_insertResponse.run(
        {record.uuid, record.caseId, record.externalId, record.system, record.text, record.metadataJson});
    if (!q.ok())
        return q.error();
    record.id = m_insertResponse.lastInsertId();
    return record.id;
}

Result<qint64> CaseStore::insertComparison(ComparisonRecord &record)
{
    if (record.uuid.isEmpty())
        record.uuid = Study::newUuid();
    auto q = m_insertComparison.run({record.uuid, record.caseId});
    if (!q.ok())
        return q.error();
    record.id = m_insertComparison.lastInsertId();
    for (int i = 0; i < record.responseIds.size(); ++i) {
        auto link = m_insertComparisonResponse.run({record.id, record.responseIds[i], i});
        if (!link.ok())
            return link.error();
    }
    return record.id;
}

Result<std::optional<CaseRecord>> CaseStore::caseByExternalId(const QString &externalId)
{
    auto q = m_findCase.run({externalId});
    if (!q.ok())
        return q.error();
    std::optional<CaseRecord> found;
    if (q.value()->next())
        found = readCase(*q.value());
    q.value()->finish();
    return found;
}

Result<std::optional<ResponseRecord>> CaseStore::responseByExternalId(qint64 caseId, const QString &externalId)
{
    auto q = m_findResponse.run({caseId, externalId});
    if (!q.ok())
        return q.error();
    std::optional<ResponseRecord> found;
    if (q.value()->next())
        found = readResponse(*q.value());
    q.value()->finish();
    return found;
}

Result<QVector<CaseRecord>> CaseStore::cases()
{
    auto q = m_study.exec(QStringLiteral("SELECT ") + kCaseColumns + QStringLiteral(" FROM \"case\" ORDER BY id"));
    if (!q.ok())
        return q.error();
    QVector<CaseRecord> result;
    while (q->next())
        result.push_back(readCase(q.value()));
    return result;
}

Result<QVector<ResponseRecord>> CaseStore::responses()
{
    auto q = m_study.exec(QStringLiteral("SELECT ") + kResponseColumns +
                          QStringLiteral(" FROM response ORDER BY case_id, id"));
    if (!q.ok())
        return q.error();
    QVector<ResponseRecord> result;
    while (q->next())
        result.push_back(readResponse(q.value()));
    return result;
}

Result<QVector<ResponseRecord>> CaseStore::responsesOfCase(qint64 caseId)
{
    auto q = m_study.exec(QStringLiteral("SELECT ") + kResponseColumns +
                              QStringLiteral(" FROM response WHERE case_id = ? ORDER BY id"),
                          {caseId});
    if (!q.ok())
        return q.error();
    QVector<ResponseRecord> result;
    while (q->next())
        result.push_back(readResponse(q.value()));
    return result;
}

Result<QVector<ComparisonRecord>> CaseStore::comparisons()
{
    auto q = m_study.exec(QStringLiteral("SELECT c.id, c.uuid, c.case_id, cr.response_id FROM comparison c"
                                         " JOIN comparison_response cr ON cr.comparison_id = c.id"
                                         " ORDER BY c.id, cr.position"));
    if (!q.ok())
        return q.error();
    QVector<ComparisonRecord> result;
    while (q->next()) {
        const qint64 id = q->value(0).toLongLong();
        if (result.isEmpty() || result.back().id != id)
            result.push_back(ComparisonRecord{id, q->value(1).toString(), q->value(2).toLongLong(), {}});
        result.back().responseIds.push_back(q->value(3).toLongLong());
    }
    return result;
}

Result<qint64> CaseStore::caseCount()
{
    auto q = m_study.exec(QStringLiteral("SELECT count(*) FROM \"case\""));
    if (!q.ok())
        return q.error();
    q->next();
    return q->value(0).toLongLong();
}

Result<qint64> CaseStore::responseCount()
{
    auto q = m_study.exec(QStringLiteral("SELECT count(*) FROM response"));
    if (!q.ok())
        return q.error();
    q->next();
    return q->value(0).toLongLong();
}

} // namespace concord
