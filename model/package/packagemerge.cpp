#include "model/package/packagemerge.h"

#include "model/domain/displaytext.h"
#include "model/package/annotatorpackage.h"
#include "model/package/packageintake.h"
#include "model/package/packagetrust.h"
#include "model/store/annotatorstore.h"
#include "model/store/ratingstore.h"
#include "model/store/rubricstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/contentdigest.h"
#include "model/studyfile/schema.h"
#include "model/studyfile/sqlutil.h"
#include "model/studyfile/study.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <memory>

namespace concord {

namespace {

// Notes and spans in file-independent terms, like PortableRatingEvent. The raw reference ids are kept only to tell
// "no response" from a reference that does not resolve (a damaged file).
struct PortableNote
{
    qint64 id = 0;
    QString uuid, annotatorUuid, comparisonUuid, responseUuid;
    bool hasResponse = false;
    QString kind, text;
    bool raised = true;
    QString createdAt;
    double activeSeconds = 0;
    bool repeat = false;

    bool sameContent(const PortableNote &o) const
    {
        return uuid == o.uuid && annotatorUuid == o.annotatorUuid && comparisonUuid == o.comparisonUuid &&
               responseUuid == o.responseUuid && kind == o.kind && text == o.text && raised == o.raised &&
               createdAt == o.createdAt && activeSeconds == o.activeSeconds && repeat == o.repeat;
    }
};

struct PortableSpan
{
    qint64 id = 0;
    QString uuid, responseUuid, annotatorUuid;
    bool fromJudge = false;
    int start = 0, end = 0;
    QString category;
    int severity = 0;
    QString createdAt, removedAt;
    bool repeat = false;

    // Removal is the one change a span may go through after it was made; it is not part of its identity.
    bool sameContent(const PortableSpan &o) const
    {
        return uuid == o.uuid && responseUuid == o.responseUuid && annotatorUuid == o.annotatorUuid &&
               fromJudge == o.fromJudge && start == o.start && end == o.end && category == o.category &&
               severity == o.severity && createdAt == o.createdAt && repeat == o.repeat;
    }
};

const QString kNoteSelect = QStringLiteral(
    "SELECT n.id, n.uuid, a.uuid AS annotator_uuid, c.uuid AS comparison_uuid, r.uuid AS response_uuid,"
    " n.response_id IS NOT NULL AS has_response, n.kind, n.text, n.raised, n.created_at, n.active_seconds,"
    " n.is_repeat FROM annotation_note n LEFT JOIN annotator a ON a.id = n.annotator_id"
    " LEFT JOIN comparison c ON c.id = n.comparison_id LEFT JOIN response r ON r.id = n.response_id");

const QString kSpanSelect = QStringLiteral(
    "SELECT s.id, s.uuid, r.uuid AS response_uuid, a.uuid AS annotator_uuid, s.judge_run_id IS NOT NULL AS from_judge,"
    " s.start_offset, s.end_offset, s.category, s.severity, s.created_at, s.removed_at, s.is_repeat"
    " FROM error_span s LEFT JOIN response r ON r.id = s.response_id LEFT JOIN annotator a ON a.id = s.annotator_id");

// The columns of kNoteSelect and kSpanSelect, found by name once per query rather than on every row.
struct NoteColumns
{
    explicit NoteColumns(const QSqlRecord &record)
        : id(record.indexOf(QStringLiteral("id")))
        , uuid(record.indexOf(QStringLiteral("uuid")))
        , annotatorUuid(record.indexOf(QStringLiteral("annotator_uuid")))
        , comparisonUuid(record.indexOf(QStringLiteral("comparison_uuid")))
        , responseUuid(record.indexOf(QStringLiteral("response_uuid")))
        , hasResponse(record.indexOf(QStringLiteral("has_response")))
        , kind(record.indexOf(QStringLiteral("kind")))
        , text(record.indexOf(QStringLiteral("text")))
        , raised(record.indexOf(QStringLiteral("raised")))
        , createdAt(record.indexOf(QStringLiteral("created_at")))
        , activeSeconds(record.indexOf(QStringLiteral("active_seconds")))
        , repeat(record.indexOf(QStringLiteral("is_repeat")))
    {}
    int id, uuid, annotatorUuid, comparisonUuid, responseUuid, hasResponse, kind, text, raised, createdAt,
        activeSeconds, repeat;
};

struct SpanColumns
{
    explicit SpanColumns(const QSqlRecord &record)
        : id(record.indexOf(QStringLiteral("id")))
        , uuid(record.indexOf(QStringLiteral("uuid")))
        , responseUuid(record.indexOf(QStringLiteral("response_uuid")))
        , annotatorUuid(record.indexOf(QStringLiteral("annotator_uuid")))
        , fromJudge(record.indexOf(QStringLiteral("from_judge")))
        , start(record.indexOf(QStringLiteral("start_offset")))
        , end(record.indexOf(QStringLiteral("end_offset")))
        , category(record.indexOf(QStringLiteral("category")))
        , severity(record.indexOf(QStringLiteral("severity")))
        , createdAt(record.indexOf(QStringLiteral("created_at")))
        , removedAt(record.indexOf(QStringLiteral("removed_at")))
        , repeat(record.indexOf(QStringLiteral("is_repeat")))
    {}
    int id, uuid, responseUuid, annotatorUuid, fromJudge, start, end, category, severity, createdAt, removedAt, repeat;
};

PortableNote readNote(const QSqlQuery &q, const NoteColumns &col)
{
    PortableNote n;
    n.id = q.value(col.id).toLongLong();
    n.uuid = q.value(col.uuid).toString();
    n.annotatorUuid = q.value(col.annotatorUuid).toString();
    n.comparisonUuid = q.value(col.comparisonUuid).toString();
    n.responseUuid = q.value(col.responseUuid).toString();
    n.hasResponse = q.value(col.hasResponse).toInt() != 0;
    n.kind = q.value(col.kind).toString();
    n.text = q.value(col.text).toString();
    n.raised = q.value(col.raised).toInt() != 0;
    n.createdAt = q.value(col.createdAt).toString();
    n.activeSeconds = q.value(col.activeSeconds).toDouble();
    n.repeat = q.value(col.repeat).toBool();
    return n;
}

PortableSpan readSpan(const QSqlQuery &q, const SpanColumns &col)
{
    PortableSpan s;
    s.id = q.value(col.id).toLongLong();
    s.uuid = q.value(col.uuid).toString();
    s.responseUuid = q.value(col.responseUuid).toString();
    s.annotatorUuid = q.value(col.annotatorUuid).toString();
    s.fromJudge = q.value(col.fromJudge).toInt() != 0;
    s.start = q.value(col.start).toInt();
    s.end = q.value(col.end).toInt();
    s.category = q.value(col.category).toString();
    s.severity = q.value(col.severity).toInt();
    s.createdAt = q.value(col.createdAt).toString();
    s.removedAt = q.value(col.removedAt).toString();
    s.repeat = q.value(col.repeat).toBool();
    return s;
}

template <typename T, typename Columns>
Result<QVector<T>> readAll(const Study &study, const QString &sql, T (*read)(const QSqlQuery &, const Columns &))
{
    auto q = study.exec(sql);
    if (!q.ok())
        return q.error();
    const Columns columns(q->record());
    QVector<T> rows;
    while (q->next())
        rows.push_back(read(q.value(), columns));
    return rows;
}

template <typename T, typename Columns>
Result<std::optional<T>> readOne(const Study &study, const QString &sql, const QString &uuid,
                                 T (*read)(const QSqlQuery &, const Columns &))
{
    auto q = study.exec(sql, {uuid});
    if (!q.ok())
        return q.error();
    std::optional<T> row;
    if (q->next())
        row = read(q.value(), Columns(q->record()));
    return row;
}

// The digests recorded for rating events in the package's audit log: by a "rating" entry (one event), or by an
// "import" or "package" entry (the events it added). Event uuid -> digests.
Result<QHash<QString, QStringList>> recordedDigests(const Study &package)
{
    auto entries =
        auditEntriesOf(package, {QStringLiteral("rating"), QStringLiteral("import"), QStringLiteral("package")});
    if (!entries.ok())
        return entries.error();
    QHash<QString, QStringList> digests;
    for (const AuditEntryDetails &auditEntry : entries.value()) {
        const QJsonObject &details = auditEntry.details;
        if (auditEntry.action == QStringLiteral("rating")) {
            const QString digest = details.value(QStringLiteral("digest")).toString();
            if (!digest.isEmpty())
                digests[details.value(QStringLiteral("event")).toString()] << digest;
            continue;
        }
        for (const auto &entry : details.value(QStringLiteral("events")).toArray()) {
            const QJsonObject event = entry.toObject();
            digests[event.value(QStringLiteral("event")).toString()]
                << event.value(QStringLiteral("digest")).toString();
        }
    }
    return digests;
}

class Merger
{
public:
    Merger(Study &study, Study &package, QString path)
        : m_study(study)
        , m_package(package)
        , m_path(std::move(path))
    {}

    // Every refusal that does not need the study's rows of the same uuids; nothing is written.
    Status check();
    // Inside the study's transaction.
    Status apply(MergeSummary &summary);

    const QString &annotatorName() const { return m_annotatorName; }
    const QString &annotatorUuid() const { return m_annotatorUuid; }
    const PackageTrust &trust() const { return m_trust; }
    void setAcceptNewKey(bool accept, bool *newKeyRefused)
    {
        m_acceptNewKey = accept;
        m_newKeyRefused = newKeyRefused;
    }

private:
    // One line, whatever the package's text quoted in the reason holds.
    Error refuse(const QString &reason) const
    {
        return Error{inOneLine(QStringLiteral("%1: not merged: %2").arg(m_path, reason))};
    }
    Error tampered(const QString &what) const { return refuse(QStringLiteral("it has been tampered with: ") + what); }
    Status checkIdentity();
    Status checkAnnotator();
    Result<QHash<QString, qint64>> mapRows(const QString &table, const QString &what);
    Status checkRubrics();
    Status checkEvents();
    Status checkNotesAndSpans();
    Status applyEvents(MergeSummary &summary, QSet<std::pair<qint64, qint64>> &touched);
    Status applyNotes(MergeSummary &summary);
    Status applySpans(MergeSummary &summary);
    Result<qint64> countConflicts(const QSet<std::pair<qint64, qint64>> &touched);

    Study &m_study;
    Study &m_package;
    QString m_path;
    QString m_annotatorName, m_annotatorUuid;
    qint64 m_annotatorId = 0;                          // in the study
    QHash<QString, qint64> m_responses, m_comparisons; // uuid -> study row id
    QHash<QString, Rubric> m_rubrics;                  // the study's rubric versions the package's events use
    QVector<PortableRatingEvent> m_events;
    QVector<RatingEvent> m_mappedEvents; // the same, with the study's row ids
    QVector<PortableNote> m_notes;
    QVector<PortableSpan> m_spans;
    PackageTrust m_trust;
    bool m_acceptNewKey = false;
    bool *m_newKeyRefused = nullptr;
};

Status Merger::check()
{
    if (Status status = checkIdentity(); !status.ok())
        return status;
    if (Status status = checkAnnotator(); !status.ok())
        return status;
    if (Status status = checkRubrics(); !status.ok())
        return status;
    auto responses = mapRows(QStringLiteral("response"), QStringLiteral("response"));
    if (!responses.ok())
        return responses.error();
    m_responses = responses.value();
    auto comparisons = mapRows(QStringLiteral("comparison"), QStringLiteral("comparison"));
    if (!comparisons.ok())
        return comparisons.error();
    m_comparisons = comparisons.value();
    if (Status status = checkEvents(); !status.ok())
        return status;
    if (Status status = checkNotesAndSpans(); !status.ok())
        return status;
    // Made here for this physician, every row covered by its audit log, and signed with the physician's key.
    auto trust =
        verifyPackageTrust(m_study, m_package, m_annotatorUuid, m_annotatorName, m_acceptNewKey, m_newKeyRefused);
    if (!trust.ok())
        return refuse(trust.errorMessage());
    m_trust = trust.value();
    return {};
}

Status Merger::checkIdentity()
{
    m_annotatorName = packageAnnotator(m_package);
    if (m_annotatorName.isEmpty())
        return refuse(QStringLiteral("it is a Concord study, not an annotator package"));
    const StudyInfo study = m_study.info();
    const QString origin = m_package.meta(QString(kPackageStudyUuidMeta));
    if (origin != study.uuid)
        return refuse(QStringLiteral("it is a package of another study ('%1'), not of '%2'")
                          .arg(m_package.meta(QString(kPackageStudyTitleMeta)), study.title));
    auto chain = verifyAuditChain(m_package);
    if (!chain.ok())
        return refuse(QStringLiteral("its audit log cannot be read (%1)").arg(chain.errorMessage()));
    if (!chain->intact())
        return tampered(chain->problem);
    return {};
}

Status Merger::checkAnnotator()
{
    m_annotatorUuid = m_package.meta(QString(kPackageAnnotatorUuidMeta));
    auto rows = m_package.exec(QStringLiteral("SELECT uuid, name FROM annotator ORDER BY id"));
    if (!rows.ok())
        return rows.error();
    bool found = false;
    while (rows->next()) {
        if (rows->value(QStringLiteral("uuid")).toString() != m_annotatorUuid ||
            rows->value(QStringLiteral("name")).toString() != m_annotatorName)
            return refuse(QStringLiteral("it holds another annotator ('%1') besides its physician '%2'")
                              .arg(rows->value(QStringLiteral("name")).toString(), m_annotatorName));
        found = true;
    }
    if (!found)
        return tampered(QStringLiteral("its annotator '%1' is missing").arg(m_annotatorName));
    auto known = annotatorByUuid(m_study, m_annotatorUuid);
    if (!known.ok())
        return known.error();
    if (!known.value())
        return refuse(QStringLiteral("its annotator '%1' is not in this study").arg(m_annotatorName));
    m_annotatorId = known.value()->id;
    return {};
}

Result<QHash<QString, qint64>> Merger::mapRows(const QString &table, const QString &what)
{
    // The table name is one of two constants, never user input.
    auto rows = m_package.exec(QStringLiteral("SELECT uuid FROM %1 ORDER BY id").arg(table));
    if (!rows.ok())
        return rows.error();
    PreparedStatement find(m_study, QStringLiteral("SELECT id FROM %1 WHERE uuid = ?").arg(table));
    QHash<QString, qint64> ids;
    while (rows->next()) {
        const QString uuid = rows->value(0).toString();
        auto found = find.run({uuid});
        if (!found.ok())
            return found.error();
        QSqlQuery &query = *found.value();
        if (!query.next())
            return refuse(QStringLiteral("it holds %1 %2, which is not in this study").arg(what, uuid));
        ids.insert(uuid, query.value(0).toLongLong());
        query.finish();
    }
    return ids;
}

Status Merger::checkRubrics()
{
    auto used = m_package.exec(QStringLiteral("SELECT DISTINCT rb.uuid, rb.version, rb.name FROM rating_event e"
                                              " LEFT JOIN axis ax ON ax.id = e.axis_id"
                                              " LEFT JOIN rubric rb ON rb.id = ax.rubric_id"));
    if (!used.ok())
        return used.error();
    while (used->next()) {
        const QString uuid = used->value(QStringLiteral("uuid")).toString();
        const int version = used->value(QStringLiteral("version")).toInt();
        if (uuid.isEmpty())
            return tampered(QStringLiteral("its ratings refer to an axis it does not define"));
        auto known =
            m_study.exec(QStringLiteral("SELECT id FROM rubric WHERE uuid = ? AND version = ?"), {uuid, version});
        if (!known.ok())
            return known.error();
        if (!known->next())
            return refuse(QStringLiteral("its ratings use rubric '%1' version %2 (%3), which this study does not have")
                              .arg(used->value(QStringLiteral("name")).toString())
                              .arg(version)
                              .arg(uuid));
        auto rubric = loadRubric(m_study, known->value(0).toLongLong());
        if (!rubric.ok())
            return rubric.error();
        m_rubrics.insert(uuid, rubric.value());
    }
    return {};
}

Status Merger::checkEvents()
{
    auto events = portableRatingEvents(m_package);
    if (!events.ok())
        return events.error();
    m_events = events.value();
    auto digests = recordedDigests(m_package);
    if (!digests.ok())
        return digests.error();
    for (const PortableRatingEvent &e : std::as_const(m_events)) {
        if (e.annotatorUuid != m_annotatorUuid)
            return refuse(QStringLiteral("rating event %1 is not by its physician '%2'").arg(e.uuid, m_annotatorName));
        const QStringList recorded = digests->value(e.uuid);
        if (recorded.isEmpty())
            return tampered(QStringLiteral("rating event %1 has no audit entry with its digest").arg(e.uuid));
        if (!recorded.contains(ratingEventDigest(e)))
            return tampered(QStringLiteral("rating event %1 differs from its audit entry").arg(e.uuid));

        RatingEvent mapped;
        mapped.uuid = e.uuid;
        mapped.annotatorId = m_annotatorId;
        if (e.responseUuid.isEmpty() == e.comparisonUuid.isEmpty())
            return tampered(QStringLiteral("rating event %1 has no single target").arg(e.uuid));
        mapped.responseId = m_responses.value(e.responseUuid);
        mapped.comparisonId = m_comparisons.value(e.comparisonUuid);
        mapped.preferredResponseId = m_responses.value(e.preferredResponseUuid);
        const auto rubric = m_rubrics.constFind(e.rubricUuid);
        const Axis *axis = rubric == m_rubrics.constEnd() ? nullptr : rubric->axis(e.axisKey);
        if (!axis)
            return refuse(QStringLiteral("rating event %1 uses axis '%2', which the study's rubric does not have")
                              .arg(e.uuid, e.axisKey));
        mapped.axisId = axis->id;
        const auto status = ratingStatusFromString(e.status);
        if (!status)
            return tampered(QStringLiteral("rating event %1 has the unknown status '%2'").arg(e.uuid, e.status));
        mapped.status = *status;
        mapped.value = e.value;
        mapped.likelihood = e.likelihood;
        mapped.comment = e.comment;
        mapped.rubricVersion = e.rubricVersion;
        mapped.createdAt = e.createdAt;
        mapped.activeSeconds = e.activeSeconds;
        mapped.repeat = e.repeat;
        if (auto valid = validateRatingEvent(*axis, mapped); !valid.ok())
            return refuse(QStringLiteral("rating event %1: %2").arg(e.uuid, valid.errorMessage()));
        m_mappedEvents.push_back(mapped);
    }
    return {};
}

Status Merger::checkNotesAndSpans()
{
    auto notes = readAll<PortableNote>(m_package, kNoteSelect + QStringLiteral(" ORDER BY n.id"), readNote);
    if (!notes.ok())
        return notes.error();
    m_notes = notes.value();
    for (const PortableNote &n : std::as_const(m_notes)) {
        if (n.annotatorUuid != m_annotatorUuid)
            return refuse(QStringLiteral("note %1 is not by its physician '%2'").arg(n.uuid, m_annotatorName));
        if (!m_comparisons.contains(n.comparisonUuid) || (n.hasResponse && !m_responses.contains(n.responseUuid)))
            return tampered(QStringLiteral("note %1 refers to a comparison or response it does not hold").arg(n.uuid));
    }
    auto spans = readAll<PortableSpan>(m_package, kSpanSelect + QStringLiteral(" ORDER BY s.id"), readSpan);
    if (!spans.ok())
        return spans.error();
    m_spans = spans.value();
    for (const PortableSpan &s : std::as_const(m_spans)) {
        if (s.fromJudge || s.annotatorUuid != m_annotatorUuid)
            return refuse(QStringLiteral("error span %1 is not by its physician '%2'").arg(s.uuid, m_annotatorName));
        if (!m_responses.contains(s.responseUuid))
            return tampered(QStringLiteral("error span %1 refers to a response it does not hold").arg(s.uuid));
    }
    return {};
}

Status Merger::apply(MergeSummary &summary)
{
    QSet<std::pair<qint64, qint64>> touched;
    if (Status status = applyEvents(summary, touched); !status.ok())
        return status;
    if (Status status = applyNotes(summary); !status.ok())
        return status;
    if (Status status = applySpans(summary); !status.ok())
        return status;
    auto conflicts = countConflicts(touched);
    if (!conflicts.ok())
        return conflicts.error();
    summary.conflicts = conflicts.value();
    return {};
}

Status Merger::applyEvents(MergeSummary &summary, QSet<std::pair<qint64, qint64>> &touched)
{
    RatingStore store(m_study);
    PortableRatingEventFinder studyEvents(m_study);
    for (qsizetype i = 0; i < m_events.size(); ++i) {
        const PortableRatingEvent &e = m_events[i];
        auto existing = studyEvents.find(e.uuid);
        if (!existing.ok())
            return existing.error();
        if (existing.value()) {
            if (ratingEventDigest(*existing.value()) != ratingEventDigest(e))
                return refuse(QStringLiteral("rating event %1 is already in the study with different content (a "
                                             "reused or forged identifier)")
                                  .arg(e.uuid));
            ++summary.alreadyPresent;
            continue;
        }
        RatingEvent event = m_mappedEvents[i];
        if (auto appended = store.append(event); !appended.ok())
            return appended.error();
        ++summary.newEvents;
        if (event.responseId > 0)
            touched.insert({event.responseId, event.axisId});
    }
    return {};
}

Status Merger::applyNotes(MergeSummary &summary)
{
    for (const PortableNote &n : std::as_const(m_notes)) {
        auto existing =
            readOne<PortableNote>(m_study, kNoteSelect + QStringLiteral(" WHERE n.uuid = ?"), n.uuid, readNote);
        if (!existing.ok())
            return existing.error();
        if (existing.value()) {
            if (!existing.value()->sameContent(n))
                return refuse(QStringLiteral("note %1 is already in the study with different content (a reused or "
                                             "forged identifier)")
                                  .arg(n.uuid));
            ++summary.alreadyPresent;
            continue;
        }
        auto inserted = m_study.exec(
            QStringLiteral("INSERT INTO annotation_note (uuid, annotator_id, comparison_id, response_id, kind, text,"
                           " raised, created_at, active_seconds, is_repeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {n.uuid, m_annotatorId, m_comparisons.value(n.comparisonUuid),
             nullableId(n.hasResponse ? m_responses.value(n.responseUuid) : 0), n.kind, n.text, n.raised ? 1 : 0,
             n.createdAt, n.activeSeconds, n.repeat ? 1 : 0});
        if (!inserted.ok())
            return inserted.error();
        ++summary.newNotes;
    }
    return {};
}

Status Merger::applySpans(MergeSummary &summary)
{
    for (const PortableSpan &s : std::as_const(m_spans)) {
        auto existing =
            readOne<PortableSpan>(m_study, kSpanSelect + QStringLiteral(" WHERE s.uuid = ?"), s.uuid, readSpan);
        if (!existing.ok())
            return existing.error();
        if (existing.value()) {
            if (!existing.value()->sameContent(s))
                return refuse(QStringLiteral("error span %1 is already in the study with different content (a reused "
                                             "or forged identifier)")
                                  .arg(s.uuid));
            if (existing.value()->removedAt.isEmpty() && !s.removedAt.isEmpty()) {
                // Removed by the physician after an earlier merge: record the removal, keeping its time.
                auto removed = m_study.exec(
                    QStringLiteral("UPDATE error_span SET removed_at = ? WHERE id = ? AND removed_at IS NULL"),
                    {s.removedAt, existing.value()->id});
                if (!removed.ok())
                    return removed.error();
                ++summary.spansRemoved;
            } else {
                ++summary.alreadyPresent;
            }
            continue;
        }
        auto inserted = m_study.exec(
            QStringLiteral("INSERT INTO error_span (uuid, response_id, annotator_id, start_offset, end_offset,"
                           " category, severity, created_at, removed_at, is_repeat)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {s.uuid, m_responses.value(s.responseUuid), m_annotatorId, s.start, s.end, s.category, s.severity,
             s.createdAt, s.removedAt.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s.removedAt),
             s.repeat ? 1 : 0});
        if (!inserted.ok())
            return inserted.error();
        ++summary.newSpans;
    }
    return {};
}

// A pair is a conflict when the current values of at least two physicians differ; "unable to assess" and "not
// applicable" are not values and leave the decision to the physicians who gave one.
Result<qint64> Merger::countConflicts(const QSet<std::pair<qint64, qint64>> &touched)
{
    PreparedStatement distinctValues(
        m_study,
        QStringLiteral("SELECT count(DISTINCT e.value) FROM rating_event e"
                       " WHERE e.response_id = ? AND e.axis_id = ? AND e.status = 'value' AND e.is_repeat = 0"
                       " AND e.id = (SELECT max(x.id) FROM rating_event x WHERE x.annotator_id = e.annotator_id"
                       " AND x.axis_id = e.axis_id AND x.response_id = e.response_id AND x.is_repeat = 0)"));
    qint64 conflicts = 0;
    for (const auto &[responseId, axisId] : touched) {
        auto q = distinctValues.run({responseId, axisId});
        if (!q.ok())
            return q.error();
        QSqlQuery &query = *q.value();
        if (query.next() && query.value(0).toLongLong() >= 2)
            ++conflicts;
        query.finish();
    }
    return conflicts;
}

QString withoutPrefix(QString message, const QString &path)
{
    const QString prefix = path + QStringLiteral(": ");
    if (message.startsWith(prefix))
        message.remove(0, prefix.size());
    return message;
}

} // namespace

Result<MergeSummary> mergePackage(Study &study, const QString &packagePath, const QString &actor, bool acceptNewKey,
                                  bool *newKeyRefused)
{
    if (newKeyRefused)
        *newKeyRefused = false;
    auto refuse = [&](const QString &reason) {
        return Error{inOneLine(QStringLiteral("%1: not merged: %2").arg(packagePath, reason))};
    };
    if (study.readOnly())
        return refuse(QStringLiteral("%1 is open read-only").arg(study.path()));
    if (const QString owner = packageAnnotator(study); !owner.isEmpty())
        return refuse(QStringLiteral("%1 is itself an annotator package (of '%2'); merge into the study")
                          .arg(study.path(), owner));
    if (!QFileInfo(packagePath).isFile())
        return refuse(QStringLiteral("no such file"));

    // The package is read from a private copy made through SQLite: opening it, even read-only, could leave a
    // write-ahead log beside the original, and plain file calls on it could drop this process's locks on it.
    const bool walBeside = hasWriteAheadLogBeside(packagePath);
    auto version = Study::peekSchemaVersion(packagePath);
    if (!version.ok())
        return refuse(withoutPrefix(version.errorMessage(), packagePath));
    if (version.value() >= 1 && version.value() < currentSchemaVersion())
        return refuse(QStringLiteral("it is a Concord study of an older version, not an annotator package"));
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return refuse(QStringLiteral("no temporary folder for reading it (%1)").arg(scratch.errorString()));
    const QString copy = scratch.filePath(QStringLiteral("package.concord"));
    if (Status copied = copyPackageThroughSqlite(packagePath, copy); !copied.ok())
        return refuse(copied.errorMessage());
    auto opened = Study::open(copy, Study::Access::ReadOnly);
    if (!opened.ok())
        return refuse(withoutPrefix(opened.errorMessage(), copy).replace(copy, packagePath));
    std::unique_ptr<Study> package = std::move(opened).value();
    // Of the content merged, read through SQLite (model/studyfile/contentdigest.h).
    auto digest = contentSha256(*package);
    if (!digest.ok())
        return refuse(withoutPrefix(digest.errorMessage(), copy));
    auto times = packageTimes(*package);
    if (!times.ok())
        return refuse(withoutPrefix(times.errorMessage(), copy));

    // A database error while reading names the private copy; the user knows the package by its own name.
    auto named = [&](const Error &error) {
        if (error.message.startsWith(packagePath + QStringLiteral(": ")))
            return error;
        return refuse(withoutPrefix(error.message, copy).replace(copy, packagePath));
    };
    Merger merger(study, *package, packagePath);
    merger.setAcceptNewKey(acceptNewKey, newKeyRefused);
    if (Status checked = merger.check(); !checked.ok())
        return named(checked.error());
    auto warnings = packageWarnings(study, merger.annotatorUuid(), times.value(), walBeside);
    if (!warnings.ok())
        return named(warnings.error());
    MergeSummary summary;
    summary.warnings = std::move(warnings).value();
    summary.annotator = merger.annotatorName();
    summary.package = QFileInfo(packagePath).fileName();
    Status merged = study.inTransaction([&]() -> Status {
        if (Status applied = merger.apply(summary); !applied.ok())
            return applied;
        if (merger.trust().recordKey) {
            if (Status recorded = recordPackageKey(study, merger.annotatorUuid(), merger.trust().publicKey);
                !recorded.ok())
                return recorded;
        }
        return appendAudit(study, actor, QStringLiteral("merge"),
                           QJsonObject{{QStringLiteral("file"), summary.package},
                                       {QStringLiteral("signing_key"), merger.trust().publicKey},
                                       {QStringLiteral("signing_key_recorded"), merger.trust().recordKey},
                                       {QStringLiteral("signing_key_replaced"), merger.trust().replacedKey},
                                       {QStringLiteral("content_sha256"), digest.value()},
                                       {QStringLiteral("package_created_at"), times->createdAt},
                                       {QStringLiteral("package_last_event_at"), times->lastEventAt},
                                       {QStringLiteral("annotator"), summary.annotator},
                                       {QStringLiteral("annotator_uuid"), merger.annotatorUuid()},
                                       {QStringLiteral("new_events"), summary.newEvents},
                                       {QStringLiteral("new_notes"), summary.newNotes},
                                       {QStringLiteral("new_spans"), summary.newSpans},
                                       {QStringLiteral("spans_removed"), summary.spansRemoved},
                                       {QStringLiteral("already_present"), summary.alreadyPresent},
                                       {QStringLiteral("conflicts"), summary.conflicts}});
    });
    if (!merged.ok())
        return named(merged.error());
    if (summary.newEvents == 0)
        summary.warnings << noNewEventsWarning();
    return summary;
}

} // namespace concord
