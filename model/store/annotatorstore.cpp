#include "model/store/annotatorstore.h"

#include "model/studyfile/study.h"

#include <QJsonArray>
#include <QJsonDocument>

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
        found = Annotator{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                          query.value(3).toInt() != 0};
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
        result.push_back(Annotator{q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
                                   q->value(3).toInt() != 0});
    return result;
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
    QVector<Assignment> result;
    while (q->next()) {
        Assignment a;
        a.id = q->value(0).toLongLong();
        a.uuid = q->value(1).toString();
        a.annotatorId = q->value(2).toLongLong();
        a.comparisonId = q->value(3).toLongLong();
        a.sequence = q->value(4).toInt();
        for (const auto &v : QJsonDocument::fromJson(q->value(5).toString().toUtf8()).array())
            a.responseOrder.push_back(v.toInteger());
        a.seed = q->value(6).toLongLong();
        a.repeat = q->value(7).toBool();
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

} // namespace concord
