#include "model/package/annotatorpackage.h"

#include "model/store/annotatorstore.h"
#include "model/store/ratingstore.h"
#include "model/store/rubricstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/newstudyfile.h"
#include "model/studyfile/study.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlRecord>
#include <memory>

namespace concord {

namespace {

void removeStudyFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

// Whether the text names one of the study's systems as a word of its own (case-insensitive): such text must not
// travel in a blinded package.
class SystemNames
{
public:
    SystemNames() = default;
    explicit SystemNames(const QStringList &systems)
    {
        for (const QString &system : systems)
            m_patterns.push_back(
                QRegularExpression(QStringLiteral("(?<!\\w)%1(?!\\w)").arg(QRegularExpression::escape(system)),
                                   QRegularExpression::CaseInsensitiveOption));
    }
    bool occurIn(const QString &text) const
    {
        for (const QRegularExpression &pattern : m_patterns) {
            if (pattern.match(text).hasMatch())
                return true;
        }
        return false;
    }

private:
    QVector<QRegularExpression> m_patterns;
};

QString compactJson(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

// Copies one physician's part of the source study into the (new, empty) package, inside the package's transaction.
class PackageWriter
{
public:
    PackageWriter(Study &source, Study &package, const Annotator &annotator, PackageSummary &summary)
        : m_source(source)
        , m_package(package)
        , m_annotator(annotator)
        , m_summary(summary)
    {}

    Status write(const QVector<Assignment> &assignments, const QString &actor)
    {
        for (const Assignment &assignment : assignments)
            m_comparisonIds.insert(assignment.comparisonId);
        Status status = copyComparisons();
        if (status.ok())
            status = copyAnnotator();
        if (status.ok())
            status = copyAssignments(assignments);
        if (status.ok())
            status = copyRatingEvents();
        if (status.ok())
            status = copyNotes();
        if (status.ok())
            status = copySpans();
        if (status.ok())
            status = copyTrainingReferences();
        if (status.ok())
            status = describe(actor);
        return status;
    }

private:
    Status copyComparisons();
    Status copyCase(qint64 sourceId);
    Status copyResponse(qint64 sourceId);
    Status copyAnnotator();
    Status copyAssignments(const QVector<Assignment> &assignments);
    Result<qint64> packageAxis(qint64 sourceAxisId);
    Status copyRatingEvents();
    Status copyNotes();
    Status copySpans();
    Status copyTrainingReferences();
    Status describe(const QString &actor);

    Study &m_source;
    Study &m_package;
    const Annotator &m_annotator;
    PackageSummary &m_summary;
    qint64 m_annotatorId = 0; // in the package
    QSet<qint64> m_comparisonIds;
    SystemNames m_systems;
    // Source row id -> package row id.
    QHash<qint64, qint64> m_cases, m_responses, m_comparisons, m_axes;
    qint64 m_notes = 0, m_spans = 0;
};

Status PackageWriter::copyComparisons()
{
    auto systemRows = m_source.exec(QStringLiteral("SELECT DISTINCT system FROM response WHERE system <> ''"));
    if (!systemRows.ok())
        return systemRows.error();
    QStringList systems;
    while (systemRows->next())
        systems << systemRows->value(0).toString();
    m_systems = SystemNames(systems);

    auto rows = m_source.exec(QStringLiteral("SELECT c.id AS comparison_id, c.uuid AS comparison_uuid, c.case_id,"
                                             " cr.response_id, cr.position"
                                             " FROM comparison c JOIN comparison_response cr ON cr.comparison_id = c.id"
                                             " ORDER BY c.id, cr.position"));
    if (!rows.ok())
        return rows.error();
    // Each column is found by name once, not on every row: the loop can run over many rows.
    const QSqlRecord record = rows->record();
    const struct
    {
        int comparisonId, comparisonUuid, caseId, responseId, position;
    } col{.comparisonId = record.indexOf(QStringLiteral("comparison_id")),
          .comparisonUuid = record.indexOf(QStringLiteral("comparison_uuid")),
          .caseId = record.indexOf(QStringLiteral("case_id")),
          .responseId = record.indexOf(QStringLiteral("response_id")),
          .position = record.indexOf(QStringLiteral("position"))};
    while (rows->next()) {
        const qint64 comparisonId = rows->value(col.comparisonId).toLongLong();
        if (!m_comparisonIds.contains(comparisonId))
            continue;
        const qint64 caseId = rows->value(col.caseId).toLongLong();
        const qint64 responseId = rows->value(col.responseId).toLongLong();
        if (!m_cases.contains(caseId)) {
            if (Status status = copyCase(caseId); !status.ok())
                return status;
        }
        if (!m_responses.contains(responseId)) {
            if (Status status = copyResponse(responseId); !status.ok())
                return status;
        }
        if (!m_comparisons.contains(comparisonId)) {
            auto inserted = m_package.exec(QStringLiteral("INSERT INTO comparison (uuid, case_id) VALUES (?, ?)"),
                                           {rows->value(col.comparisonUuid).toString(), m_cases.value(caseId)});
            if (!inserted.ok())
                return inserted.error();
            m_comparisons.insert(comparisonId, inserted->lastInsertId().toLongLong());
            ++m_summary.comparisons;
        }
        auto linked = m_package.exec(
            QStringLiteral("INSERT INTO comparison_response (comparison_id, response_id, position) VALUES (?, ?, ?)"),
            {m_comparisons.value(comparisonId), m_responses.value(responseId), rows->value(col.position).toInt()});
        if (!linked.ok())
            return linked.error();
    }
    return {};
}

Status PackageWriter::copyCase(qint64 sourceId)
{
    auto row = m_source.exec(QStringLiteral("SELECT uuid, external_id, task, input, reference, metadata_json"
                                            " FROM \"case\" WHERE id = ?"),
                             {sourceId});
    if (!row.ok())
        return row.error();
    if (!row->next())
        return Error{QStringLiteral("%1: case %2 of a comparison is missing").arg(m_source.path()).arg(sourceId)};
    // Case metadata stays (task details, sources), unless it names a system.
    QString metadata = row->value(QStringLiteral("metadata_json")).toString();
    if (m_systems.occurIn(metadata))
        metadata = QStringLiteral("{}");
    auto inserted = m_package.exec(
        QStringLiteral("INSERT INTO \"case\" (uuid, external_id, task, input, reference,"
                       " metadata_json) VALUES (?, ?, ?, ?, ?, ?)"),
        {row->value(QStringLiteral("uuid")).toString(), row->value(QStringLiteral("external_id")).toString(),
         row->value(QStringLiteral("task")).toString(), row->value(QStringLiteral("input")).toString(),
         row->value(QStringLiteral("reference")).toString(), metadata});
    if (!inserted.ok())
        return inserted.error();
    m_cases.insert(sourceId, inserted->lastInsertId().toLongLong());
    ++m_summary.cases;
    return {};
}

Status PackageWriter::copyResponse(qint64 sourceId)
{
    auto row =
        m_source.exec(QStringLiteral("SELECT uuid, case_id, external_id, text FROM response WHERE id = ?"), {sourceId});
    if (!row.ok())
        return row.error();
    if (!row->next())
        return Error{QStringLiteral("%1: response %2 of a comparison is missing").arg(m_source.path()).arg(sourceId)};
    const QString uuid = row->value(QStringLiteral("uuid")).toString();
    // The system and the metadata stay behind (blinding); an id that names the system is replaced by a neutral one.
    QString externalId = row->value(QStringLiteral("external_id")).toString();
    if (m_systems.occurIn(externalId))
        externalId = QStringLiteral("response-") + uuid.left(8);
    auto inserted = m_package.exec(QStringLiteral("INSERT INTO response (uuid, case_id, external_id, system, text,"
                                                  " metadata_json) VALUES (?, ?, ?, '', ?, '{}')"),
                                   {uuid, m_cases.value(row->value(QStringLiteral("case_id")).toLongLong()), externalId,
                                    row->value(QStringLiteral("text")).toString()});
    if (!inserted.ok())
        return inserted.error();
    m_responses.insert(sourceId, inserted->lastInsertId().toLongLong());
    ++m_summary.responses;
    return {};
}

Status PackageWriter::copyAnnotator()
{
    auto row =
        m_source.exec(QStringLiteral("SELECT retired, created_at FROM annotator WHERE id = ?"), {m_annotator.id});
    if (!row.ok())
        return row.error();
    if (!row->next())
        return Error{QStringLiteral("%1: annotator '%2' is missing").arg(m_source.path(), m_annotator.name)};
    auto inserted =
        m_package.exec(QStringLiteral("INSERT INTO annotator (uuid, name, retired, created_at) VALUES (?, ?, ?, ?)"),
                       {m_annotator.uuid, m_annotator.name, row->value(QStringLiteral("retired")).toInt(),
                        row->value(QStringLiteral("created_at")).toString()});
    if (!inserted.ok())
        return inserted.error();
    m_annotatorId = inserted->lastInsertId().toLongLong();
    return {};
}

Status PackageWriter::copyAssignments(const QVector<Assignment> &assignments)
{
    for (const Assignment &assignment : assignments) {
        QJsonArray order;
        for (qint64 responseId : assignment.responseOrder)
            order.append(m_responses.value(responseId));
        auto inserted =
            m_package.exec(QStringLiteral("INSERT INTO assignment (uuid, annotator_id, comparison_id,"
                                          " sequence, response_order_json, seed, is_repeat)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?)"),
                           {assignment.uuid, m_annotatorId, m_comparisons.value(assignment.comparisonId),
                            assignment.sequence, compactJson(order), assignment.seed, assignment.repeat ? 1 : 0});
        if (!inserted.ok())
            return inserted.error();
    }
    return {};
}

// The package's axis of the same rubric version (by rubric uuid) and key; an older rubric version that the
// physician's earlier ratings used is copied in on first use.
Result<qint64> PackageWriter::packageAxis(qint64 sourceAxisId)
{
    if (auto it = m_axes.constFind(sourceAxisId); it != m_axes.constEnd())
        return *it;
    auto row = m_source.exec(QStringLiteral("SELECT a.key, r.id AS rubric_id, r.uuid AS rubric_uuid"
                                            " FROM axis a JOIN rubric r ON r.id = a.rubric_id"
                                            " WHERE a.id = ?"),
                             {sourceAxisId});
    if (!row.ok())
        return row.error();
    if (!row->next())
        return Error{QStringLiteral("%1: axis %2 of a rating is missing").arg(m_source.path()).arg(sourceAxisId)};
    const QString key = row->value(QStringLiteral("key")).toString();
    const qint64 sourceRubricId = row->value(QStringLiteral("rubric_id")).toLongLong();
    const QString rubricUuid = row->value(QStringLiteral("rubric_uuid")).toString();
    auto known = m_package.exec(QStringLiteral("SELECT id FROM rubric WHERE uuid = ?"), {rubricUuid});
    if (!known.ok())
        return known.error();
    if (!known->next()) {
        auto rubric = loadRubric(m_source, sourceRubricId);
        if (!rubric.ok())
            return rubric.error();
        Rubric copy = rubric.value();
        if (auto inserted = insertRubric(m_package, copy); !inserted.ok())
            return inserted.error();
    }
    auto axis = m_package.exec(QStringLiteral("SELECT a.id FROM axis a JOIN rubric r ON r.id = a.rubric_id"
                                              " WHERE r.uuid = ? AND a.key = ?"),
                               {rubricUuid, key});
    if (!axis.ok())
        return axis.error();
    if (!axis->next())
        return Error{QStringLiteral("%1: axis '%2' could not be copied into the package").arg(m_source.path(), key)};
    const qint64 id = axis->value(0).toLongLong();
    m_axes.insert(sourceAxisId, id);
    return id;
}

Status PackageWriter::copyRatingEvents()
{
    auto rows = m_source.exec(QStringLiteral("SELECT ") + kRatingEventColumns +
                                  QStringLiteral(" FROM rating_event WHERE annotator_id = ? ORDER BY id"),
                              {m_annotator.id});
    if (!rows.ok())
        return rows.error();
    const RatingEventColumns columns(rows->record());
    RatingStore store(m_package);
    while (rows->next()) {
        RatingEvent event = readRatingEvent(rows.value(), columns);
        // Ratings of targets outside the physician's comparisons stay in the study; they are not theirs to revise.
        if ((event.responseId > 0 && !m_responses.contains(event.responseId)) ||
            (event.comparisonId > 0 && !m_comparisons.contains(event.comparisonId)) ||
            (event.preferredResponseId > 0 && !m_responses.contains(event.preferredResponseId)))
            continue;
        auto axis = packageAxis(event.axisId);
        if (!axis.ok())
            return axis.error();
        event.id = 0;
        event.annotatorId = m_annotatorId;
        event.axisId = axis.value();
        event.responseId = m_responses.value(event.responseId);
        event.comparisonId = m_comparisons.value(event.comparisonId);
        event.preferredResponseId = m_responses.value(event.preferredResponseId);
        if (auto appended = store.append(event); !appended.ok())
            return appended.error();
        ++m_summary.ratingEvents;
    }
    return {};
}

Status PackageWriter::copyNotes()
{
    auto rows = m_source.exec(QStringLiteral("SELECT uuid, comparison_id, response_id, kind, text, raised, created_at,"
                                             " active_seconds, is_repeat FROM annotation_note WHERE annotator_id = ?"
                                             " ORDER BY id"),
                              {m_annotator.id});
    if (!rows.ok())
        return rows.error();
    // Each column is found by name once, not on every row: the loop can run over many rows.
    const QSqlRecord record = rows->record();
    const struct
    {
        int uuid, comparisonId, responseId, kind, text, raised, createdAt, activeSeconds, repeat;
    } col{.uuid = record.indexOf(QStringLiteral("uuid")),
          .comparisonId = record.indexOf(QStringLiteral("comparison_id")),
          .responseId = record.indexOf(QStringLiteral("response_id")),
          .kind = record.indexOf(QStringLiteral("kind")),
          .text = record.indexOf(QStringLiteral("text")),
          .raised = record.indexOf(QStringLiteral("raised")),
          .createdAt = record.indexOf(QStringLiteral("created_at")),
          .activeSeconds = record.indexOf(QStringLiteral("active_seconds")),
          .repeat = record.indexOf(QStringLiteral("is_repeat"))};
    while (rows->next()) {
        const qint64 comparisonId = rows->value(col.comparisonId).toLongLong();
        const qint64 responseId = rows->value(col.responseId).toLongLong();
        if (!m_comparisons.contains(comparisonId) || (responseId > 0 && !m_responses.contains(responseId)))
            continue;
        auto inserted = m_package.exec(
            QStringLiteral("INSERT INTO annotation_note (uuid, annotator_id, comparison_id, response_id, kind, text,"
                           " raised, created_at, active_seconds, is_repeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {rows->value(col.uuid).toString(), m_annotatorId, m_comparisons.value(comparisonId),
             nullableId(m_responses.value(responseId)), rows->value(col.kind).toString(),
             rows->value(col.text).toString(), rows->value(col.raised).toInt(), rows->value(col.createdAt).toString(),
             rows->value(col.activeSeconds).toDouble(), rows->value(col.repeat).toInt()});
        if (!inserted.ok())
            return inserted.error();
        ++m_notes;
    }
    return {};
}

Status PackageWriter::copySpans()
{
    auto rows = m_source.exec(QStringLiteral("SELECT uuid, response_id, start_offset, end_offset, category, severity,"
                                             " created_at, removed_at, is_repeat FROM error_span WHERE annotator_id = ?"
                                             " ORDER BY id"),
                              {m_annotator.id});
    if (!rows.ok())
        return rows.error();
    // Each column is found by name once, not on every row: the loop can run over many rows.
    const QSqlRecord record = rows->record();
    const struct
    {
        int uuid, responseId, start, end, category, severity, createdAt, removedAt, repeat;
    } col{.uuid = record.indexOf(QStringLiteral("uuid")),
          .responseId = record.indexOf(QStringLiteral("response_id")),
          .start = record.indexOf(QStringLiteral("start_offset")),
          .end = record.indexOf(QStringLiteral("end_offset")),
          .category = record.indexOf(QStringLiteral("category")),
          .severity = record.indexOf(QStringLiteral("severity")),
          .createdAt = record.indexOf(QStringLiteral("created_at")),
          .removedAt = record.indexOf(QStringLiteral("removed_at")),
          .repeat = record.indexOf(QStringLiteral("is_repeat"))};
    while (rows->next()) {
        const qint64 responseId = rows->value(col.responseId).toLongLong();
        if (!m_responses.contains(responseId))
            continue;
        auto inserted = m_package.exec(
            QStringLiteral("INSERT INTO error_span (uuid, response_id, annotator_id, start_offset, end_offset,"
                           " category, severity, created_at, removed_at, is_repeat)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {rows->value(col.uuid).toString(), m_responses.value(responseId), m_annotatorId,
             rows->value(col.start).toInt(), rows->value(col.end).toInt(), rows->value(col.category).toString(),
             rows->value(col.severity).toInt(), rows->value(col.createdAt).toString(),
             nullableText(rows->value(col.removedAt).toString()), rows->value(col.repeat).toInt()});
        if (!inserted.ok())
            return inserted.error();
        ++m_spans;
    }
    return {};
}

// Training comparisons show their reference after the physician rates, offline too: the package carries it.
Status PackageWriter::copyTrainingReferences()
{
    auto rows = m_source.exec(QStringLiteral("SELECT uuid, response_id, axis_id, value, explanation, created_at"
                                             " FROM training_reference ORDER BY id"));
    if (!rows.ok())
        return rows.error();
    // Each column is found by name once, not on every row: the loop can run over many rows.
    const QSqlRecord record = rows->record();
    const struct
    {
        int uuid, responseId, axisId, value, explanation, createdAt;
    } col{.uuid = record.indexOf(QStringLiteral("uuid")),
          .responseId = record.indexOf(QStringLiteral("response_id")),
          .axisId = record.indexOf(QStringLiteral("axis_id")),
          .value = record.indexOf(QStringLiteral("value")),
          .explanation = record.indexOf(QStringLiteral("explanation")),
          .createdAt = record.indexOf(QStringLiteral("created_at"))};
    while (rows->next()) {
        const qint64 responseId = rows->value(col.responseId).toLongLong();
        if (!m_responses.contains(responseId))
            continue;
        auto axis = packageAxis(rows->value(col.axisId).toLongLong());
        if (!axis.ok())
            return axis.error();
        auto inserted = m_package.exec(
            QStringLiteral("INSERT INTO training_reference (uuid, response_id, axis_id, value, explanation, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?)"),
            {rows->value(col.uuid).toString(), m_responses.value(responseId), axis.value(),
             rows->value(col.value).toDouble(), rows->value(col.explanation).toString(),
             rows->value(col.createdAt).toString()});
        if (!inserted.ok())
            return inserted.error();
    }
    return {};
}

Status PackageWriter::describe(const QString &actor)
{
    const StudyInfo source = m_source.info();
    for (const auto &[key, value] : {std::pair{QString(kPackageAnnotatorMeta), m_annotator.name},
                                     std::pair{QString(kPackageAnnotatorUuidMeta), m_annotator.uuid},
                                     std::pair{QString(kPackageStudyUuidMeta), source.uuid},
                                     std::pair{QString(kPackageStudyTitleMeta), source.title},
                                     std::pair{QString(kPackageCreatedAtMeta), Study::nowUtc()},
                                     std::pair{QString(kPackageStudyHeadMeta), auditHead(m_source)}}) {
        if (Status status = m_package.setMeta(key, value); !status.ok())
            return status;
    }
    // The ratings carried over from the study have no "rating" entry in this file: their digests are recorded here,
    // so that merge can check every rating of the package against its audit log.
    auto carried = portableRatingEvents(m_package);
    if (!carried.ok())
        return carried.error();
    QJsonArray events;
    for (const PortableRatingEvent &event : carried.value())
        events.append(
            QJsonObject{{QStringLiteral("event"), event.uuid}, {QStringLiteral("digest"), ratingEventDigest(event)}});
    return appendAudit(m_package, actor, QStringLiteral("package"),
                       QJsonObject{{QStringLiteral("study"), source.uuid},
                                   {QStringLiteral("study_title"), source.title},
                                   {QStringLiteral("annotator"), m_annotator.name},
                                   {QStringLiteral("annotator_uuid"), m_annotator.uuid},
                                   {QStringLiteral("comparisons"), m_summary.comparisons},
                                   {QStringLiteral("cases"), m_summary.cases},
                                   {QStringLiteral("responses"), m_summary.responses},
                                   {QStringLiteral("rating_events"), m_summary.ratingEvents},
                                   {QStringLiteral("notes"), m_notes},
                                   {QStringLiteral("spans"), m_spans},
                                   {QStringLiteral("events"), events}});
}

// Builds the whole package under a temporary name beside path and puts it in place as one self-contained file,
// never replacing a file that appeared at path meanwhile.
Status writePackageFile(Study &source, const Annotator &annotator, const QVector<Assignment> &assignments,
                        const QString &path, const QString &actor, PackageSummary &summary)
{
    Study::CreateOptions options;
    options.title = source.info().title;
    options.rubric = source.rubric(); // same uuid and version: merge checks the rubric by them
    options.actor = actor;
    auto created = NewStudyFile::create(path, options);
    if (!created.ok())
        return created.error();
    NewStudyFile &file = *created.value();
    Study &package = file.study();
    Status status = package.inTransaction(
        [&]() -> Status { return PackageWriter(source, package, annotator, summary).write(assignments, actor); });
    if (status.ok()) {
        // A rollback journal instead of a write-ahead log: the package travels as one file, with no -wal beside it.
        if (auto journal = package.exec(QStringLiteral("PRAGMA journal_mode = DELETE")); !journal.ok())
            status = journal.error();
        summary.auditHead = auditHead(package);
    }
    if (status.ok())
        status = file.publish();
    if (!status.ok())
        return Error{status.errorMessage().replace(file.temporaryPath(), path)};
    return {};
}

} // namespace

QString packageAnnotator(const Study &study)
{
    return study.meta(QString(kPackageAnnotatorMeta));
}

Result<PackageSummary> createAnnotatorPackage(Study &study, const QString &annotatorName, const QString &outPath,
                                              const QString &actor)
{
    const QString name = annotatorName.trimmed();
    if (const QString owner = packageAnnotator(study); !owner.isEmpty())
        return Error{
            QStringLiteral("%1: this file is itself the annotator package of '%2'; make packages from the study")
                .arg(study.path(), owner)};
    if (study.readOnly())
        return Error{
            QStringLiteral("%1: open read-only; the package must be recorded in its audit log").arg(study.path())};
    if (QFileInfo::exists(outPath))
        return Error{QStringLiteral("%1: already exists; a package never overwrites a file").arg(outPath)};

    // Held from the first read to the audit entry: the package is one consistent snapshot, and the study records
    // it only once the file is in place.
    Study::Transaction transaction(study);
    if (!transaction.begun())
        return transaction.beginError();
    AnnotatorStore annotators(study);
    auto found = annotators.annotatorByName(name);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return Error{QStringLiteral("%1: there is no annotator named '%2' in the study").arg(study.path(), name)};
    const Annotator annotator = *found.value();
    auto assignments = annotators.assignmentsOf(annotator.id);
    if (!assignments.ok())
        return assignments.error();
    if (assignments->isEmpty())
        return Error{QStringLiteral("%1: annotator '%2' has no comparisons assigned; assign comparisons first")
                         .arg(study.path(), name)};

    const QFileInfo target(outPath);
    PackageSummary summary;
    summary.annotator = annotator.name;
    summary.path = outPath;
    if (Status written = writePackageFile(study, annotator, assignments.value(), outPath, actor, summary);
        !written.ok())
        return Error{QStringLiteral("%1: the package was not written: %2").arg(outPath, written.errorMessage())};
    Status recorded = appendAudit(study, actor, QStringLiteral("package"),
                                  QJsonObject{{QStringLiteral("annotator"), annotator.name},
                                              {QStringLiteral("annotator_uuid"), annotator.uuid},
                                              {QStringLiteral("file"), target.fileName()},
                                              {QStringLiteral("comparisons"), summary.comparisons},
                                              {QStringLiteral("cases"), summary.cases},
                                              {QStringLiteral("responses"), summary.responses},
                                              {QStringLiteral("rating_events"), summary.ratingEvents},
                                              {QStringLiteral("package_head"), summary.auditHead}});
    if (recorded.ok())
        recorded = transaction.commit();
    if (!recorded.ok()) {
        removeStudyFiles(outPath);
        return Error{QStringLiteral("%1: the package was removed because the study could not record it: %2")
                         .arg(outPath, recorded.errorMessage())};
    }
    return summary;
}

} // namespace concord
