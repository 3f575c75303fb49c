#include "model/store/casestore.h"

#include "model/studyfile/study.h"

#include <QSqlRecord>

namespace concord {

namespace {

const QString kCaseColumns = QStringLiteral("id, uuid, external_id, task, input, reference, metadata_json");
const QString kResponseColumns = QStringLiteral("id, uuid, case_id, external_id, system, text, metadata_json");

// Where each of kCaseColumns and of kResponseColumns is in a query's result, found by name once per query: the
// readers below run on every row, and a study has tens of thousands of responses.
struct CaseColumns
{
    explicit CaseColumns(const QSqlRecord &record)
        : id(record.indexOf(QStringLiteral("id")))
        , uuid(record.indexOf(QStringLiteral("uuid")))
        , externalId(record.indexOf(QStringLiteral("external_id")))
        , task(record.indexOf(QStringLiteral("task")))
        , input(record.indexOf(QStringLiteral("input")))
        , reference(record.indexOf(QStringLiteral("reference")))
        , metadataJson(record.indexOf(QStringLiteral("metadata_json")))
    {}
    int id, uuid, externalId, task, input, reference, metadataJson;
};

struct ResponseColumns
{
    explicit ResponseColumns(const QSqlRecord &record)
        : id(record.indexOf(QStringLiteral("id")))
        , uuid(record.indexOf(QStringLiteral("uuid")))
        , caseId(record.indexOf(QStringLiteral("case_id")))
        , externalId(record.indexOf(QStringLiteral("external_id")))
        , system(record.indexOf(QStringLiteral("system")))
        , text(record.indexOf(QStringLiteral("text")))
        , metadataJson(record.indexOf(QStringLiteral("metadata_json")))
    {}
    int id, uuid, caseId, externalId, system, text, metadataJson;
};

CaseRecord readCase(const QSqlQuery &q, const CaseColumns &col)
{
    CaseRecord c;
    c.id = q.value(col.id).toLongLong();
    c.uuid = q.value(col.uuid).toString();
    c.externalId = q.value(col.externalId).toString();
    c.task = q.value(col.task).toString();
    c.input = q.value(col.input).toString();
    c.reference = q.value(col.reference).toString();
    c.metadataJson = q.value(col.metadataJson).toString();
    return c;
}

ResponseRecord readResponse(const QSqlQuery &q, const ResponseColumns &col)
{
    ResponseRecord r;
    r.id = q.value(col.id).toLongLong();
    r.uuid = q.value(col.uuid).toString();
    r.caseId = q.value(col.caseId).toLongLong();
    r.externalId = q.value(col.externalId).toString();
    r.system = q.value(col.system).toString();
    r.text = q.value(col.text).toString();
    r.metadataJson = q.value(col.metadataJson).toString();
    return r;
}

} // namespace

Result<QVector<ResponsePreview>> responsePreviews(const Study &study, int textLength)
{
    auto q =
        study.exec(QStringLiteral("SELECT r.id, c.external_id, c.task, r.system, substr(r.text, 1, ?) AS text_start"
                                  " FROM response r JOIN \"case\" c ON c.id = r.case_id ORDER BY c.id, r.id"),
                   {textLength});
    if (!q.ok())
        return q.error();
    // A row per response: each column is found by name once, not on every row.
    const QSqlRecord record = q->record();
    const int id = record.indexOf(QStringLiteral("id")), caseExternalId = record.indexOf(QStringLiteral("external_id")),
              task = record.indexOf(QStringLiteral("task")), system = record.indexOf(QStringLiteral("system")),
              textStart = record.indexOf(QStringLiteral("text_start"));
    QVector<ResponsePreview> previews;
    while (q->next()) {
        ResponsePreview preview;
        preview.responseId = q->value(id).toLongLong();
        preview.caseExternalId = q->value(caseExternalId).toString();
        preview.task = q->value(task).toString();
        preview.system = q->value(system).toString();
        preview.textStart = q->value(textStart).toString();
        previews.push_back(std::move(preview));
    }
    // A read that stops part way (the file went away) is an error, not a shorter table.
    if (q->lastError().isValid())
        return databaseError(study.path(), q.value());
    return previews;
}

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
        found = readCase(*q.value(), CaseColumns(q.value()->record()));
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
        found = readResponse(*q.value(), ResponseColumns(q.value()->record()));
    q.value()->finish();
    return found;
}

Result<QVector<CaseRecord>> CaseStore::cases()
{
    auto q = m_study.exec(QStringLiteral("SELECT ") + kCaseColumns + QStringLiteral(" FROM \"case\" ORDER BY id"));
    if (!q.ok())
        return q.error();
    const CaseColumns columns(q->record());
    QVector<CaseRecord> result;
    while (q->next())
        result.push_back(readCase(q.value(), columns));
    return result;
}

Result<QVector<ResponseRecord>> CaseStore::responses()
{
    auto q = m_study.exec(QStringLiteral("SELECT ") + kResponseColumns +
                          QStringLiteral(" FROM response ORDER BY case_id, id"));
    if (!q.ok())
        return q.error();
    const ResponseColumns columns(q->record());
    QVector<ResponseRecord> result;
    while (q->next())
        result.push_back(readResponse(q.value(), columns));
    return result;
}

Result<QVector<ResponseRecord>> CaseStore::responsesOfCase(qint64 caseId)
{
    auto q = m_study.exec(QStringLiteral("SELECT ") + kResponseColumns +
                              QStringLiteral(" FROM response WHERE case_id = ? ORDER BY id"),
                          {caseId});
    if (!q.ok())
        return q.error();
    const ResponseColumns columns(q->record());
    QVector<ResponseRecord> result;
    while (q->next())
        result.push_back(readResponse(q.value(), columns));
    return result;
}

Result<QVector<ComparisonRecord>> CaseStore::comparisons()
{
    auto q = m_study.exec(QStringLiteral("SELECT c.id, c.uuid, c.case_id, cr.response_id FROM comparison c"
                                         " JOIN comparison_response cr ON cr.comparison_id = c.id"
                                         " ORDER BY c.id, cr.position, cr.response_id"));
    if (!q.ok())
        return q.error();
    // A row per response of every comparison: each column is found by name once, not on every row.
    const QSqlRecord record = q->record();
    const int idColumn = record.indexOf(QStringLiteral("id")), uuidColumn = record.indexOf(QStringLiteral("uuid")),
              caseColumn = record.indexOf(QStringLiteral("case_id")),
              responseColumn = record.indexOf(QStringLiteral("response_id"));
    QVector<ComparisonRecord> result;
    while (q->next()) {
        const qint64 id = q->value(idColumn).toLongLong();
        if (result.isEmpty() || result.back().id != id)
            result.push_back(
                ComparisonRecord{id, q->value(uuidColumn).toString(), q->value(caseColumn).toLongLong(), {}});
        result.back().responseIds.push_back(q->value(responseColumn).toLongLong());
    }
    return result;
}

Result<std::optional<ResponseWithCase>> CaseStore::responseWithCase(qint64 responseId)
{
    auto q =
        m_study.exec(QStringLiteral("SELECT c.id AS case_id, c.uuid AS case_uuid, c.external_id AS case_external_id,"
                                    " c.task, c.input, c.reference, c.metadata_json AS case_metadata_json,"
                                    " r.id, r.uuid, r.external_id, r.system, r.text, r.metadata_json"
                                    " FROM response r JOIN \"case\" c ON c.id = r.case_id WHERE r.id = ?"),
                     {responseId});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return std::optional<ResponseWithCase>{};
    const auto text = [&](const char *column) { return q->value(QLatin1String(column)).toString(); };
    ResponseWithCase found;
    found.caseRecord.id = q->value(QStringLiteral("case_id")).toLongLong();
    found.caseRecord.uuid = text("case_uuid");
    found.caseRecord.externalId = text("case_external_id");
    found.caseRecord.task = text("task");
    found.caseRecord.input = text("input");
    found.caseRecord.reference = text("reference");
    found.caseRecord.metadataJson = text("case_metadata_json");
    found.response.id = q->value(QStringLiteral("id")).toLongLong();
    found.response.uuid = text("uuid");
    found.response.caseId = found.caseRecord.id;
    found.response.externalId = text("external_id");
    found.response.system = text("system");
    found.response.text = text("text");
    found.response.metadataJson = text("metadata_json");
    return std::optional<ResponseWithCase>(std::move(found));
}

Result<std::optional<CaseRecord>> CaseStore::caseShownToAnnotator(qint64 caseId)
{
    auto q = m_study.exec(QStringLiteral("SELECT id, uuid, external_id, task, input, reference FROM \"case\""
                                         " WHERE id = ?"),
                          {caseId});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return std::optional<CaseRecord>{};
    CaseRecord found;
    found.id = q->value(QStringLiteral("id")).toLongLong();
    found.uuid = q->value(QStringLiteral("uuid")).toString();
    found.externalId = q->value(QStringLiteral("external_id")).toString();
    found.task = q->value(QStringLiteral("task")).toString();
    found.input = q->value(QStringLiteral("input")).toString();
    found.reference = q->value(QStringLiteral("reference")).toString();
    return std::optional<CaseRecord>(std::move(found));
}

Result<std::optional<ResponseRecord>> CaseStore::responseShownToAnnotator(qint64 responseId, bool blinded)
{
    auto q = m_study.exec(blinded ? QStringLiteral("SELECT id, uuid, case_id, external_id, text, '' AS system FROM"
                                                   " response WHERE id = ?")
                                  : QStringLiteral("SELECT id, uuid, case_id, external_id, text, system FROM"
                                                   " response WHERE id = ?"),
                          {responseId});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return std::optional<ResponseRecord>{};
    ResponseRecord found;
    found.id = q->value(QStringLiteral("id")).toLongLong();
    found.uuid = q->value(QStringLiteral("uuid")).toString();
    found.caseId = q->value(QStringLiteral("case_id")).toLongLong();
    found.externalId = q->value(QStringLiteral("external_id")).toString();
    found.text = q->value(QStringLiteral("text")).toString();
    found.system = q->value(QStringLiteral("system")).toString();
    return std::optional<ResponseRecord>(std::move(found));
}

Result<QVector<qint64>> CaseStore::sideBySideComparisonsOfCase(qint64 caseId)
{
    auto q = m_study.exec(QStringLiteral("SELECT c.id FROM comparison c WHERE c.case_id = ? AND"
                                         " (SELECT count(*) FROM comparison_response r WHERE r.comparison_id = c.id)"
                                         " >= 2 ORDER BY c.id"),
                          {caseId});
    if (!q.ok())
        return q.error();
    QVector<qint64> ids;
    while (q->next())
        ids << q->value(0).toLongLong();
    return ids;
}

Result<QHash<qint64, ResponseName>> CaseStore::responseNames()
{
    auto q = m_study.exec(QStringLiteral("SELECT r.id AS response_id, c.external_id AS case_external_id,"
                                         " r.external_id AS response_external_id, r.system AS system"
                                         " FROM response r JOIN \"case\" c ON c.id = r.case_id"));
    if (!q.ok())
        return q.error();
    // A row per response: each column is found by name once, not on every row.
    const QSqlRecord record = q->record();
    const int response = record.indexOf(QStringLiteral("response_id")),
              caseExternalId = record.indexOf(QStringLiteral("case_external_id")),
              responseExternalId = record.indexOf(QStringLiteral("response_external_id")),
              system = record.indexOf(QStringLiteral("system"));
    QHash<qint64, ResponseName> names;
    while (q->next())
        names.insert(q->value(response).toLongLong(),
                     ResponseName{q->value(caseExternalId).toString(), q->value(responseExternalId).toString(),
                                  q->value(system).toString()});
    return names;
}

Result<QHash<qint64, QString>> CaseStore::comparisonCaseExternalIds()
{
    auto q = m_study.exec(QStringLiteral("SELECT m.id AS comparison_id, c.external_id AS case_external_id"
                                         " FROM comparison m"
                                         " JOIN \"case\" c ON c.id = m.case_id"));
    if (!q.ok())
        return q.error();
    // A row per comparison: each column is found by name once, not on every row.
    const int comparison = q->record().indexOf(QStringLiteral("comparison_id"));
    const int caseExternalId = q->record().indexOf(QStringLiteral("case_external_id"));
    QHash<qint64, QString> names;
    while (q->next())
        names.insert(q->value(comparison).toLongLong(), q->value(caseExternalId).toString());
    return names;
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
