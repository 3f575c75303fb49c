#include "model/store/annotationnotestore.h"

#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

#include <QJsonObject>
#include <QSqlRecord>

namespace concord {

namespace {

const QString kNoteColumns = QStringLiteral(
    "id, uuid, annotator_id, comparison_id, response_id, kind, text, raised, created_at, active_seconds, is_repeat");

// Where a query over kNoteColumns has each column, looked up once per query rather than once per row.
struct NoteColumns
{
    explicit NoteColumns(const QSqlRecord &record)
        : id(record.indexOf(QStringLiteral("id")))
        , uuid(record.indexOf(QStringLiteral("uuid")))
        , annotatorId(record.indexOf(QStringLiteral("annotator_id")))
        , comparisonId(record.indexOf(QStringLiteral("comparison_id")))
        , responseId(record.indexOf(QStringLiteral("response_id")))
        , kind(record.indexOf(QStringLiteral("kind")))
        , text(record.indexOf(QStringLiteral("text")))
        , raised(record.indexOf(QStringLiteral("raised")))
        , createdAt(record.indexOf(QStringLiteral("created_at")))
        , activeSeconds(record.indexOf(QStringLiteral("active_seconds")))
        , isRepeat(record.indexOf(QStringLiteral("is_repeat")))
    {}
    int id, uuid, annotatorId, comparisonId, responseId, kind, text, raised, createdAt, activeSeconds, isRepeat;
};

AnnotationNote readNote(const QSqlQuery &q, const NoteColumns &columns)
{
    AnnotationNote note;
    note.id = q.value(columns.id).toLongLong();
    note.uuid = q.value(columns.uuid).toString();
    note.annotatorId = q.value(columns.annotatorId).toLongLong();
    note.comparisonId = q.value(columns.comparisonId).toLongLong();
    note.responseId = q.value(columns.responseId).toLongLong();
    note.kind = q.value(columns.kind).toString() == QLatin1String("flag") ? AnnotationNote::Kind::Flag
                                                                          : AnnotationNote::Kind::Comment;
    note.text = q.value(columns.text).toString();
    note.raised = q.value(columns.raised).toInt() != 0;
    note.createdAt = q.value(columns.createdAt).toString();
    note.activeSeconds = q.value(columns.activeSeconds).toDouble();
    note.repeat = q.value(columns.isRepeat).toBool();
    return note;
}

// The latest note of each (comparison, showing, response, kind) among those the query returned in id order.
const QString kLatestNotes =
    QStringLiteral(" FROM annotation_note n WHERE n.id IN (SELECT max(id) FROM annotation_note WHERE annotator_id = ?%1"
                   " GROUP BY comparison_id, is_repeat, response_id, kind)");

} // namespace

QString toString(AnnotationNote::Kind kind)
{
    return kind == AnnotationNote::Kind::Flag ? QStringLiteral("flag") : QStringLiteral("comment");
}

AnnotationNoteStore::AnnotationNoteStore(Study &study)
    : m_study(study)
    , m_insert(
          study,
          QStringLiteral("INSERT INTO annotation_note (uuid, annotator_id, comparison_id, response_id, kind,"
                         " text, raised, created_at, active_seconds, is_repeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
{}

Result<qint64> AnnotationNoteStore::commit(AnnotationNote &note, const QString &actor)
{
    if (note.annotatorId <= 0 || note.comparisonId <= 0)
        return Error{QStringLiteral("a note needs an annotator and a comparison")};
    if (note.kind == AnnotationNote::Kind::Comment)
        note.raised = true;
    if (note.activeSeconds < 0)
        return Error{QStringLiteral("field 'active_seconds' must not be negative")};
    if (note.uuid.isEmpty())
        note.uuid = Study::newUuid();
    if (note.createdAt.isEmpty())
        note.createdAt = Study::nowUtc();
    Status status = m_study.inTransaction([&]() -> Status {
        auto q = m_insert.run({note.uuid, note.annotatorId, note.comparisonId, nullableId(note.responseId),
                               toString(note.kind), note.text, note.raised ? 1 : 0, note.createdAt, note.activeSeconds,
                               note.repeat ? 1 : 0});
        if (!q.ok())
            return q.error();
        note.id = m_insert.lastInsertId();
        return appendAudit(m_study, actor, toString(note.kind),
                           QJsonObject{{QStringLiteral("note"), note.uuid}, {QStringLiteral("raised"), note.raised}});
    });
    if (!status.ok()) {
        note.id = 0;
        return status.error();
    }
    return note.id;
}

Result<QVector<AnnotationNote>> AnnotationNoteStore::currentNotes(qint64 annotatorId, qint64 comparisonId, bool repeat)
{
    auto q = m_study.exec(QStringLiteral("SELECT ") + kNoteColumns +
                              kLatestNotes.arg(QStringLiteral(" AND comparison_id = ? AND is_repeat = ?")) +
                              QStringLiteral(" ORDER BY n.id"),
                          {annotatorId, comparisonId, repeat ? 1 : 0});
    if (!q.ok())
        return q.error();
    const NoteColumns columns(q->record());
    QVector<AnnotationNote> notes;
    while (q->next()) {
        AnnotationNote note = readNote(q.value(), columns);
        const bool withdrawn = note.kind == AnnotationNote::Kind::Comment ? note.text.isEmpty() : !note.raised;
        if (!withdrawn)
            notes.push_back(note);
    }
    return notes;
}

Result<QSet<qint64>> AnnotationNoteStore::flaggedComparisons(qint64 annotatorId, bool repeat)
{
    auto q = m_study.exec(QStringLiteral("SELECT n.comparison_id") +
                              kLatestNotes.arg(QStringLiteral(" AND kind = 'flag' AND is_repeat = ?")) +
                              QStringLiteral(" AND n.raised = 1"),
                          {annotatorId, repeat ? 1 : 0});
    if (!q.ok())
        return q.error();
    QSet<qint64> flagged;
    while (q->next())
        flagged.insert(q->value(0).toLongLong());
    return flagged;
}

Result<QVector<NoteSeconds>> AnnotationNoteStore::noteSecondsByShowing(qint64 annotatorId)
{
    auto q = m_study.exec(QStringLiteral("SELECT comparison_id, is_repeat, sum(active_seconds) AS seconds FROM"
                                         " annotation_note WHERE annotator_id = ? GROUP BY comparison_id, is_repeat"),
                          {annotatorId});
    if (!q.ok())
        return q.error();
    QVector<NoteSeconds> result;
    while (q->next())
        result.push_back(NoteSeconds{q->value(QStringLiteral("comparison_id")).toLongLong(),
                                     q->value(QStringLiteral("is_repeat")).toBool(),
                                     q->value(QStringLiteral("seconds")).toDouble()});
    return result;
}

} // namespace concord
