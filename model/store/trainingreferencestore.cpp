#include "model/store/trainingreferencestore.h"

#include "model/studyfile/study.h"

namespace concord {

const QString kTrainingResponsesSql = QStringLiteral(
    "SELECT response_id FROM training_reference UNION SELECT beside.response_id FROM training_reference t"
    " JOIN comparison_response cr ON cr.response_id = t.response_id"
    " JOIN comparison_response beside ON beside.comparison_id = cr.comparison_id");

Result<QSet<qint64>> trainingResponseIds(const Study &study)
{
    auto rows = study.exec(kTrainingResponsesSql);
    if (!rows.ok())
        return rows.error();
    QSet<qint64> ids;
    while (rows->next())
        ids.insert(rows->value(0).toLongLong());
    return ids;
}

TrainingReferenceStore::TrainingReferenceStore(Study &study)
    : m_study(study)
    , m_findValue(study, QStringLiteral("SELECT value FROM training_reference WHERE response_id = ? AND axis_id = ?"))
    , m_insert(study, QStringLiteral("INSERT INTO training_reference (uuid, response_id, axis_id, value, explanation,"
                                     " created_at) VALUES (?, ?, ?, ?, ?, ?)"))
{}

Result<QSet<qint64>> TrainingReferenceStore::referencedResponseIds()
{
    auto rows = m_study.exec(QStringLiteral("SELECT DISTINCT response_id FROM training_reference"));
    if (!rows.ok())
        return rows.error();
    QSet<qint64> ids;
    while (rows->next())
        ids.insert(rows->value(0).toLongLong());
    return ids;
}

Result<std::optional<double>> TrainingReferenceStore::referenceValue(qint64 responseId, qint64 axisId)
{
    auto row = m_findValue.run({responseId, axisId});
    if (!row.ok())
        return row.error();
    std::optional<double> value;
    if (row.value()->next())
        value = row.value()->value(0).toDouble();
    row.value()->finish();
    return value;
}

Result<QVector<TrainingReferenceRow>> TrainingReferenceStore::referencesOfComparison(qint64 comparisonId)
{
    auto rows = m_study.exec(QStringLiteral("SELECT t.response_id, t.axis_id, t.value, t.explanation FROM"
                                            " training_reference t JOIN comparison_response cr ON"
                                            " cr.response_id = t.response_id WHERE cr.comparison_id = ?"
                                            " ORDER BY cr.position, t.axis_id"),
                             {comparisonId});
    if (!rows.ok())
        return rows.error();
    QVector<TrainingReferenceRow> references;
    while (rows->next())
        references.push_back(TrainingReferenceRow{rows->value(QStringLiteral("response_id")).toLongLong(),
                                                  rows->value(QStringLiteral("axis_id")).toLongLong(),
                                                  rows->value(QStringLiteral("value")).toDouble(),
                                                  rows->value(QStringLiteral("explanation")).toString()});
    return references;
}

Status TrainingReferenceStore::insert(const TrainingReferenceRow &row)
{
    auto inserted =
        m_insert.run({Study::newUuid(), row.responseId, row.axisId, row.value, row.explanation, Study::nowUtc()});
    if (!inserted.ok())
        return inserted.error();
    return {};
}

} // namespace concord
