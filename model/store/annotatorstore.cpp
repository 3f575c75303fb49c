#include "model/store/annotatorstore.h"

#include "model/studyfile/study.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>

namespace concord {

AnnotatorStore::AnnotatorStore(Study &study)
    : m_study(study)
    , m_insertAnnotator(study,
                        QStringLiteral("INSERT INTO annotator (uuid, name, retired, created_at) VALUES (?, ?, ?, ?)"))
    , m_findAnnotator(study, QStringLiteral("SELECT id, uuid, name, retired FROM annotator WHERE name = ?"))
    , m_insertAssignment(study, QStringLiteral("INSERT INTO assignment (uuid, annotator_id, comparison_id, sequence,"
                                               " response_order_json, seed, is_repeat) VALUES (?, ?, ?, ?, ?, ?, ?)"))
{}

Result<qint64> AnnotatorStore::insertAnnotator(Annotator &annotator)
{
    if (annotator.name.trimmed().isEmpty())
        return Error{QStringLiteral("an annotator needs a non-empty name")};
    if (annotator.uuid.isEmpty())
        annotator.uuid = Study::newUuid();
    auto q = m_insertAnnotator.run({annotator.uuid, annotator.name, annotator.retired ? 1 : 0, Study::nowUtc()});
    if (!q.ok())
        return q.error();
    annotator.id = m_insertAnnotator.lastInsertId();
    return annotator.id;
}

Result<std::optional<Annotator>> AnnotatorStore::annotatorByName(const QString &name)
{
    auto q = m_findAnnotator.run({name});
    if (!q.ok())
        return q.error();
    std::optional<Annotator> found;
    QSqlQuery &query = *q.value();
    if (query.next())
        found = Annotator{
            query.value(QStringLiteral("id")).toLongLong(), query.value(QStringLiteral("uuid")).toString(),
            query.value(QStringLiteral("name")).toString(), query.value(QStringLiteral("retired")).toInt() != 0};
    query.finish();
    return found;
}

Result<Annotator> AnnotatorStore::ensureAnnotator(const QString &name)
{
    auto existing = annotatorByName(name);
    if (!existing.ok())
        return existing.error();
    if (existing.value())
        return *existing.value();
    Annotator annotator;
    annotator.name = name;
    auto id = insertAnnotator(annotator);
    if (!id.ok())
        return id.error();
    return annotator;
}

Result<QVector<Annotator>> AnnotatorStore::annotators()
{
    auto q = m_study.exec(QStringLiteral("SELECT id, uuid, name, retired FROM annotator ORDER BY id"));
    if (!q.ok())
        return q.error();
    QVector<Annotator> result;
    while (q->next())
        result.push_back(
            Annotator{q->value(QStringLiteral("id")).toLongLong(), q->value(QStringLiteral("uuid")).toString(),
                      q->value(QStringLiteral("name")).toString(), q->value(QStringLiteral("retired")).toInt() != 0});
    return result;
}

Result<std::optional<Annotator>> annotatorByUuid(const Study &study, const QString &uuid)
{
    auto q = study.exec(QStringLiteral("SELECT id, uuid, name, retired FROM annotator WHERE uuid = ?"), {uuid});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return std::optional<Annotator>{};
    return std::optional<Annotator>(
        Annotator{q->value(QStringLiteral("id")).toLongLong(), q->value(QStringLiteral("uuid")).toString(),
                  q->value(QStringLiteral("name")).toString(), q->value(QStringLiteral("retired")).toInt() != 0});
}

Result<QVector<QueuedAssignment>> assignmentQueue(const Study &study, qint64 annotatorId)
{
    auto q = study.exec(QStringLiteral("SELECT a.id, a.comparison_id, a.sequence, a.response_order_json,"
                                       " c.id AS case_id, c.external_id AS case_external_id, c.task, a.is_repeat,"
                                       " EXISTS (SELECT 1 FROM comparison_response cr JOIN training_reference t ON"
                                       " t.response_id = cr.response_id WHERE cr.comparison_id = m.id) AS training"
                                       " FROM assignment a"
                                       " JOIN comparison m ON m.id = a.comparison_id"
                                       " JOIN \"case\" c ON c.id = m.case_id"
                                       " WHERE a.annotator_id = ? ORDER BY a.sequence, a.id"),
                        {annotatorId});
    if (!q.ok())
        return q.error();
    // Columns by name, looked up once: an annotator can have thousands of assignments.
    const QSqlRecord record = q->record();
    const int idColumn = record.indexOf(QStringLiteral("id"));
    const int comparisonColumn = record.indexOf(QStringLiteral("comparison_id"));
    const int sequenceColumn = record.indexOf(QStringLiteral("sequence"));
    const int orderColumn = record.indexOf(QStringLiteral("response_order_json"));
    const int caseColumn = record.indexOf(QStringLiteral("case_id"));
    const int caseExternalIdColumn = record.indexOf(QStringLiteral("case_external_id"));
    const int taskColumn = record.indexOf(QStringLiteral("task"));
    const int repeatColumn = record.indexOf(QStringLiteral("is_repeat"));
    const int trainingColumn = record.indexOf(QStringLiteral("training"));
    QVector<QueuedAssignment> queue;
    while (q->next()) {
        QueuedAssignment entry;
        entry.assignmentId = q->value(idColumn).toLongLong();
        entry.comparisonId = q->value(comparisonColumn).toLongLong();
        entry.sequence = q->value(sequenceColumn).toInt();
        const QString order = q->value(orderColumn).toString();
        for (const auto &id : QJsonDocument::fromJson(order.toUtf8()).array())
            entry.responseOrder.push_back(id.toInteger());
        entry.caseId = q->value(caseColumn).toLongLong();
        entry.caseExternalId = q->value(caseExternalIdColumn).toString();
        entry.task = q->value(taskColumn).toString();
        entry.repeat = q->value(repeatColumn).toBool();
        entry.training = q->value(trainingColumn).toBool();
        queue.push_back(std::move(entry));
    }
    return queue;
}

Result<QVector<RosterEntry>> AnnotatorStore::roster()
{
    auto rows = m_study.exec(
        QStringLiteral("SELECT n.id, n.uuid, n.name, n.retired,"
                       " (SELECT count(*) FROM assignment a WHERE a.annotator_id = n.id) AS assignments,"
                       " (SELECT count(*) FROM rating_event e WHERE e.annotator_id = n.id) AS rating_events"
                       " FROM annotator n ORDER BY n.name"));
    if (!rows.ok())
        return rows.error();
    QVector<RosterEntry> roster;
    while (rows->next()) {
        RosterEntry entry;
        entry.annotator =
            Annotator{rows->value(QStringLiteral("id")).toLongLong(), rows->value(QStringLiteral("uuid")).toString(),
                      rows->value(QStringLiteral("name")).toString(), rows->value(QStringLiteral("retired")).toBool()};
        entry.assignments = rows->value(QStringLiteral("assignments")).toLongLong();
        entry.ratingEvents = rows->value(QStringLiteral("rating_events")).toLongLong();
        roster.push_back(entry);
    }
    return roster;
}

Status AnnotatorStore::setAnnotatorName(qint64 annotatorId, const QString &name)
{
    auto renamed = m_study.exec(QStringLiteral("UPDATE annotator SET name = ? WHERE id = ?"), {name, annotatorId});
    if (!renamed.ok())
        return renamed.error();
    return {};
}

Status AnnotatorStore::retireAnnotator(qint64 annotatorId)
{
    auto retired = m_study.exec(QStringLiteral("UPDATE annotator SET retired = 1 WHERE id = ?"), {annotatorId});
    if (!retired.ok())
        return retired.error();
    return {};
}

Result<qint64> AnnotatorStore::insertAssignment(Assignment &assignment)
{
    if (assignment.uuid.isEmpty())
        assignment.uuid = Study::newUuid();
    QJsonArray order;
    for (qint64 id : assignment.responseOrder)
        order.append(id);
    auto q =
        m_insertAssignment.run({assignment.uuid, assignment.annotatorId, assignment.comparisonId, assignment.sequence,
                                QString::fromUtf8(QJsonDocument(order).toJson(QJsonDocument::Compact)), assignment.seed,
                                assignment.repeat ? 1 : 0});
    if (!q.ok())
        return q.error();
    assignment.id = m_insertAssignment.lastInsertId();
    return assignment.id;
}

Result<QVector<Assignment>> AnnotatorStore::assignmentsOf(qint64 annotatorId)
{
    auto q = m_study.exec(QStringLiteral("SELECT id, uuid, annotator_id, comparison_id, sequence, response_order_json,"
                                         " seed, is_repeat FROM assignment WHERE annotator_id = ? ORDER BY sequence"),
                          {annotatorId});
    if (!q.ok())
        return q.error();
    // Columns by name, looked up once: an annotator can have thousands of assignments.
    const QSqlRecord record = q->record();
    const int idColumn = record.indexOf(QStringLiteral("id"));
    const int uuidColumn = record.indexOf(QStringLiteral("uuid"));
    const int annotatorColumn = record.indexOf(QStringLiteral("annotator_id"));
    const int comparisonColumn = record.indexOf(QStringLiteral("comparison_id"));
    const int sequenceColumn = record.indexOf(QStringLiteral("sequence"));
    const int orderColumn = record.indexOf(QStringLiteral("response_order_json"));
    const int seedColumn = record.indexOf(QStringLiteral("seed"));
    const int repeatColumn = record.indexOf(QStringLiteral("is_repeat"));
    QVector<Assignment> result;
    while (q->next()) {
        Assignment a;
        a.id = q->value(idColumn).toLongLong();
        a.uuid = q->value(uuidColumn).toString();
        a.annotatorId = q->value(annotatorColumn).toLongLong();
        a.comparisonId = q->value(comparisonColumn).toLongLong();
        a.sequence = q->value(sequenceColumn).toInt();
        for (const auto &v : QJsonDocument::fromJson(q->value(orderColumn).toString().toUtf8()).array())
            a.responseOrder.push_back(v.toInteger());
        a.seed = q->value(seedColumn).toLongLong();
        a.repeat = q->value(repeatColumn).toBool();
        result.push_back(a);
    }
    return result;
}

Result<qint64> AnnotatorStore::assignmentCount()
{
    auto q = m_study.exec(QStringLiteral("SELECT count(*) FROM assignment"));
    if (!q.ok())
        return q.error();
    q->next();
    return q->value(0).toLongLong();
}

Result<qint64> AnnotatorStore::assignmentCountOf(qint64 annotatorId)
{
    auto q = m_study.exec(QStringLiteral("SELECT count(*) FROM assignment WHERE annotator_id = ?"), {annotatorId});
    if (!q.ok())
        return q.error();
    q->next();
    return q->value(0).toLongLong();
}

Result<QVector<AssignableComparison>> AnnotatorStore::assignableComparisons()
{
    auto rows =
        m_study.exec(QStringLiteral("SELECT cr.comparison_id, cr.response_id, r.system FROM comparison_response cr"
                                    " JOIN response r ON r.id = cr.response_id"
                                    " ORDER BY cr.comparison_id, cr.position, cr.response_id"));
    if (!rows.ok())
        return rows.error();
    // Columns by name, looked up once: the loop runs once per response shown in a comparison.
    const QSqlRecord record = rows->record();
    const int comparisonColumn = record.indexOf(QStringLiteral("comparison_id"));
    const int responseColumn = record.indexOf(QStringLiteral("response_id"));
    const int systemColumn = record.indexOf(QStringLiteral("system"));
    QVector<AssignableComparison> comparisons;
    while (rows->next()) {
        const qint64 comparisonId = rows->value(comparisonColumn).toLongLong();
        if (comparisons.isEmpty() || comparisons.back().id != comparisonId)
            comparisons.push_back(AssignableComparison{comparisonId, {}, {}});
        comparisons.back().responseIds.push_back(rows->value(responseColumn).toLongLong());
        comparisons.back().systems.push_back(rows->value(systemColumn).toString());
    }
    return comparisons;
}

} // namespace concord
