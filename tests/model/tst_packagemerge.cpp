// Annotator packages and their merge (model/annotatorpackage, model/packagemerge): a package holds one physician's part
// of the study and nothing else (read back with plain SQL), is annotated offline through the model API, and merges
// back exactly once, in any order, with every refusal leaving the study as it was; the ratings CSV import into a
// package takes only its physician's rows.
//
// The study: six cases with an "Aster" and a "Birch" response each, one side-by-side comparison per case, a judge run
// scoring every response, three physicians assigned two per comparison by designAssignments() (four comparisons
// each), and some work done in the study before packaging (a rating by the first two physicians, a comment by the
// second).
#include "model/annotationnotestore.h"
#include "model/annotationsession.h"
#include "model/annotatorpackage.h"
#include "model/annotatorstore.h"
#include "model/assignmentdesign.h"
#include "model/auditlog.h"
#include "model/casestore.h"
#include "model/importer.h"
#include "model/judgestore.h"
#include "model/packagemerge.h"
#include "model/ratingstore.h"
#include "model/study.h"
#include "tests/testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace concord;

namespace {

const QStringList kPhysicians{QStringLiteral("Dr Ada Brennan"), QStringLiteral("Dr Bo Lindqvist"),
                              QStringLiteral("Dr Chiara Esposito")};
const QStringList kSystems{QStringLiteral("Aster"), QStringLiteral("Birch")};
constexpr int kCases = 6;
constexpr quint64 kDesignSeed = 11;

// Another program reading (or, for tampering, writing) the file with plain SQL on its own connection.
class RawFile
{
public:
    explicit RawFile(const QString &path, bool writable = false)
        : m_name(QStringLiteral("raw-") + Study::newUuid())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        if (!writable)
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        m_open = db.open();
        if (!m_open)
            qWarning("%s: %s", qPrintable(path), qPrintable(db.lastError().text()));
    }
    ~RawFile()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawFile(const RawFile &) = delete;
    RawFile &operator=(const RawFile &) = delete;

    bool exec(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
            return false;
        }
        return true;
    }
    qint64 scalar(const QString &sql) const
    {
        const QStringList values = column(sql);
        return values.isEmpty() ? -1 : values.front().toLongLong();
    }
    // The first column of every row, the columns of a row joined by '|'.
    QStringList column(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        QStringList values;
        if (!query.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
            return values;
        }
        while (query.next()) {
            QStringList fields;
            for (int i = 0; i < query.record().count(); ++i)
                fields << query.value(i).toString();
            values << fields.join(QLatin1Char('|'));
        }
        return values;
    }
    bool isOpen() const { return m_open; }

private:
    QString m_name;
    bool m_open = false;
};

QStringList rows(const Study &study, const QString &sql, const QVariantList &bindings = {})
{
    QStringList values;
    auto query = study.exec(sql, bindings);
    if (!query.ok()) {
        qWarning("%s", qPrintable(query.errorMessage()));
        return values;
    }
    while (query->next()) {
        QStringList fields;
        for (int i = 0; i < query->record().count(); ++i)
            fields << query->value(i).toString();
        values << fields.join(QLatin1Char('|'));
    }
    return values;
}

qint64 scalar(const Study &study, const QString &sql, const QVariantList &bindings = {})
{
    const QStringList values = rows(study, sql, bindings);
    return values.isEmpty() ? -1 : values.front().toLongLong();
}

QSet<QString> asSet(const QStringList &list)
{
    return QSet<QString>(list.begin(), list.end());
}

// What a merge may change, counted: a refusal must leave every count as it was.
QString rowCounts(const Study &study)
{
    QStringList counts;
    for (const char *table : {"rating_event", "annotation_note", "error_span", "audit_log", "annotator", "response"})
        counts << QStringLiteral("%1=%2")
                      .arg(QLatin1String(table))
                      .arg(scalar(study, QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table)));
    counts << QStringLiteral("removed=%1")
                  .arg(scalar(study, QStringLiteral("SELECT count(*) FROM error_span WHERE removed_at IS NOT NULL")));
    return counts.join(QLatin1Char(' '));
}

// Every rating event as uuid and digest (the digest covers the whole content in file-independent terms).
QSet<QString> eventRows(const Study &study)
{
    QSet<QString> result;
    auto events = portableRatingEvents(study);
    if (!events.ok()) {
        qWarning("%s", qPrintable(events.errorMessage()));
        return result;
    }
    for (const PortableRatingEvent &event : events.value())
        result.insert(event.uuid + QLatin1Char(':') + ratingEventDigest(event));
    return result;
}

QSet<QString> noteRows(const Study &study)
{
    return asSet(rows(study, QStringLiteral("SELECT n.uuid, a.uuid, c.uuid, coalesce(r.uuid, ''), n.kind, n.text,"
                                            " n.raised, n.created_at, n.active_seconds FROM annotation_note n"
                                            " JOIN annotator a ON a.id = n.annotator_id"
                                            " JOIN comparison c ON c.id = n.comparison_id"
                                            " LEFT JOIN response r ON r.id = n.response_id")));
}

QSet<QString> spanRows(const Study &study)
{
    return asSet(rows(study, QStringLiteral("SELECT s.uuid, a.uuid, r.uuid, s.start_offset, s.end_offset, s.category,"
                                            " s.severity, s.created_at, coalesce(s.removed_at, '') FROM error_span s"
                                            " JOIN annotator a ON a.id = s.annotator_id"
                                            " JOIN response r ON r.id = s.response_id")));
}

// The current rating of every (physician, target, axis), in file-independent terms.
QMap<QString, QString> currentRatings(const Study &study, const QString &annotatorUuid = {})
{
    QMap<QString, QString> result;
    const QStringList list =
        rows(study,
             QStringLiteral("SELECT a.uuid, coalesce(r.uuid, c.uuid), ax.key, e.status, coalesce(e.value, ''),"
                            " coalesce(p.uuid, ''), e.likelihood, e.comment FROM current_rating e"
                            " JOIN annotator a ON a.id = e.annotator_id JOIN axis ax ON ax.id = e.axis_id"
                            " LEFT JOIN response r ON r.id = e.response_id"
                            " LEFT JOIN comparison c ON c.id = e.comparison_id"
                            " LEFT JOIN response p ON p.id = e.preferred_response_id"
                            " WHERE ? = '' OR a.uuid = ?"),
             {annotatorUuid, annotatorUuid});
    for (const QString &row : list) {
        const QStringList fields = row.split(QLatin1Char('|'));
        result.insert(fields.mid(0, 3).join(QLatin1Char('/')), fields.mid(3).join(QLatin1Char('|')));
    }
    return result;
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

} // namespace

class TestPackageMerge : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_studyPath;
    std::unique_ptr<Study> m_study;
    qint64 m_nowMs = 0;
    int m_reads = 0;

    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString packagePath(int physician) const { return path(QStringLiteral("package-%1.concord").arg(physician + 1)); }

    QString annotatorUuid(const Study &study, int physician) const
    {
        const QStringList uuids =
            rows(study, QStringLiteral("SELECT uuid FROM annotator WHERE name = ?"), {kPhysicians[physician]});
        return uuids.value(0);
    }

    // The fixture study described at the top of the file.
    Result<std::unique_ptr<Study>> buildStudy(const QString &file, const QString &title)
    {
        auto created = Study::create(file, {.title = title, .rubric = defaultRubric()});
        if (!created.ok())
            return created.error();
        std::unique_ptr<Study> study = std::move(created).value();
        Status status = study->inTransaction([&]() -> Status {
            CaseStore cases(*study);
            JudgeStore judges(*study);
            JudgeRun run;
            run.name = QStringLiteral("judge-x");
            run.model = QStringLiteral("judge-model");
            if (auto r = judges.insertRun(run); !r.ok())
                return r.error();
            DesignRequest request;
            request.overlap = 2;
            request.seed = kDesignSeed;
            for (int c = 1; c <= kCases; ++c) {
                CaseRecord record;
                record.externalId = QStringLiteral("case-%1").arg(c);
                record.task = QStringLiteral("triage");
                record.input = QStringLiteral("Case %1: chest pain after a long flight; what should I do?").arg(c);
                // The first case's metadata names a system: it must not travel in a package.
                record.metadataJson = c == 1 ? QStringLiteral("{\"drafted_with\":\"aster\"}")
                                             : QStringLiteral("{\"ward\":\"cardiology\"}");
                if (auto r = cases.insertCase(record); !r.ok())
                    return r.error();
                DesignComparison comparison;
                for (int s = 0; s < kSystems.size(); ++s) {
                    ResponseRecord response;
                    response.caseId = record.id;
                    response.externalId = QStringLiteral("r%1").arg(s + 1);
                    response.system = kSystems[s];
                    response.text =
                        QStringLiteral("Answer %1 to case %2: seek urgent care; a clot is possible.").arg(s + 1).arg(c);
                    response.metadataJson = QStringLiteral("{\"model\":\"%1 2.1\"}").arg(kSystems[s]);
                    if (auto r = cases.insertResponse(response); !r.ok())
                        return r.error();
                    comparison.responseIds << response.id;
                    comparison.systems << response.system;
                    JudgeScore score;
                    score.judgeRunId = run.id;
                    score.responseId = response.id;
                    score.axisId = study->rubric().axis(QStringLiteral("risk"))->id;
                    score.value = 2;
                    if (auto r = judges.insertScore(score); !r.ok())
                        return r.error();
                }
                ComparisonRecord stored{0, {}, record.id, comparison.responseIds};
                if (auto r = cases.insertComparison(stored); !r.ok())
                    return r.error();
                comparison.id = stored.id;
                request.comparisons << comparison;
            }
            AnnotatorStore annotators(*study);
            for (const QString &name : kPhysicians) {
                Annotator annotator;
                annotator.name = name;
                if (auto r = annotators.insertAnnotator(annotator); !r.ok())
                    return r.error();
                request.annotatorIds << annotator.id;
            }
            auto design = designAssignments(request);
            if (!design.ok())
                return design.error();
            for (const DesignedAssignment &designed : design->assignments) {
                Assignment assignment;
                assignment.annotatorId = designed.annotatorId;
                assignment.comparisonId = designed.comparisonId;
                assignment.sequence = designed.sequence;
                assignment.responseOrder = designed.responseOrder;
                assignment.seed = qint64(kDesignSeed);
                if (auto r = annotators.insertAssignment(assignment); !r.ok())
                    return r.error();
            }
            return {};
        });
        if (!status.ok())
            return status.error();

        // Work done in the study before packaging: a rating each by the first two physicians, a comment by the second.
        const qint64 risk = study->rubric().axis(QStringLiteral("risk"))->id;
        for (int physician : {0, 1}) {
            auto assignments = AnnotatorStore(*study).assignmentsOf(physicianId(*study, physician));
            if (!assignments.ok() || assignments->isEmpty())
                return Error{QStringLiteral("no assignments for %1").arg(kPhysicians[physician])};
            const Assignment &first = assignments->front();
            RatingEvent event;
            event.annotatorId = first.annotatorId;
            event.responseId = first.responseOrder.front();
            event.axisId = risk;
            event.value = 3;
            event.comment = QStringLiteral("rated in the study");
            if (auto r = RatingStore(*study).commit(event, kPhysicians[physician]); !r.ok())
                return r.error();
            if (physician == 1) {
                AnnotationNote note;
                note.annotatorId = first.annotatorId;
                note.comparisonId = first.comparisonId;
                note.text = QStringLiteral("Both answers skip the anticoagulation question.");
                if (auto r = AnnotationNoteStore(*study).commit(note, kPhysicians[physician]); !r.ok())
                    return r.error();
            }
        }
        return study;
    }

    static qint64 physicianId(const Study &study, int physician)
    {
        return scalar(study, QStringLiteral("SELECT id FROM annotator WHERE name = ?"), {kPhysicians[physician]});
    }

    Result<PackageSummary> makePackage(int physician)
    {
        return createAnnotatorPackage(*m_study, kPhysicians[physician], packagePath(physician), QStringLiteral("lead"));
    }

    // A rating for the key, different between physicians on some responses (so merges produce conflicts).
    static RatingState stateFor(const AnnotationSession &session, const RatingKey &key, int physician, int shift = 0)
    {
        const Axis *axis = session.rubric().axisById(key.axisId);
        if (axis->target == AxisTarget::Comparison) {
            if (physician == 0)
                return RatingState::preference(0);
            return RatingState::preference(session.current().responses.value(physician % 2).id);
        }
        const qint64 index = (key.responseId + key.axisId + physician + shift) % axis->points.size();
        return RatingState::ofValue(axis->points[index].value);
    }

    // The physician rates every comparison of their package, corrects one rating, comments, flags one comparison and
    // marks an error span — all through AnnotationSession, as the app does.
    Status annotatePackage(int physician)
    {
        auto opened = Study::open(packagePath(physician));
        if (!opened.ok())
            return opened.error();
        std::unique_ptr<Study> package = std::move(opened).value();
        auto started = AnnotationSession::start(
            *package, {.annotatorName = kPhysicians[physician], .clock = [this] { return m_nowMs; }});
        if (!started.ok())
            return started.error();
        std::unique_ptr<AnnotationSession> session = std::move(started).value();
        for (int row = 0; row < session->count(); ++row) {
            if (auto shown = session->goTo(row); !shown.ok())
                return shown;
            for (const RatingKey &key : session->requiredKeys()) {
                m_nowMs += 1500;
                if (auto set = session->setRating(key, stateFor(*session, key, physician)); !set.ok())
                    return set;
            }
        }
        if (auto shown = session->goTo(0); !shown.ok())
            return shown;
        const RatingKey corrected = session->requiredKeys().front();
        m_nowMs += 4000;
        if (auto set = session->setRating(corrected, stateFor(*session, corrected, physician, 1)); !set.ok())
            return set;
        m_nowMs += 2000;
        if (auto commented = session->setComment(session->current().responses.front().id,
                                                 QStringLiteral("Misses the Wells score (%1).").arg(physician + 1));
            !commented.ok())
            return commented;
        if (auto flagged = session->setFlagged(true, QStringLiteral("Is the patient pregnant?")); !flagged.ok())
            return flagged;
        if (auto span =
                session->addSpan(session->current().responses.back().id, 0, 6, QStringLiteral("fabricated_claim"), 2);
            !span.ok())
            return span.error();
        return {};
    }

    // Copies a package and changes it with plain SQL, as someone tampering with it would.
    QString tamperedCopy(const QString &source, const QString &name, const QStringList &statements)
    {
        const QString copy = path(name);
        if (!QFile::copy(source, copy)) {
            qWarning("cannot copy %s", qPrintable(source));
            return {};
        }
        RawFile raw(copy, true);
        for (const QString &statement : statements) {
            if (!raw.exec(statement))
                return {};
        }
        return copy;
    }

    // Packages for every physician, each annotated.
    Status packageAndAnnotateAll()
    {
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            if (auto made = makePackage(physician); !made.ok())
                return made.error();
            if (auto annotated = annotatePackage(physician); !annotated.ok())
                return annotated;
        }
        return {};
    }

    // Reads a package through a copy, so that the test's own reading leaves nothing beside the package.
    Result<std::unique_ptr<Study>> openPackage(int physician)
    {
        const QString copy = path(QStringLiteral("read-%1-%2.concord").arg(physician).arg(++m_reads));
        if (!QFile::copy(packagePath(physician), copy))
            return Error{QStringLiteral("cannot copy %1").arg(packagePath(physician))};
        return Study::open(copy, Study::Access::ReadOnly);
    }

private slots:
    void init()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_studyPath = path(QStringLiteral("study.concord"));
        auto built = buildStudy(m_studyPath, QStringLiteral("Chest pain triage"));
        CONCORD_VERIFY_OK(built);
        m_study = std::move(built).value();
    }

    void cleanup()
    {
        m_study.reset();
        m_dir.reset();
    }

    void digest_changesWithEveryField()
    {
        PortableRatingEvent base;
        base.uuid = QStringLiteral("u");
        base.annotatorUuid = QStringLiteral("a");
        base.responseUuid = QStringLiteral("r");
        base.rubricUuid = QStringLiteral("rb");
        base.axisKey = QStringLiteral("risk");
        base.status = QStringLiteral("value");
        base.value = 2;
        base.rubricVersion = 1;
        base.createdAt = QStringLiteral("2026-01-01T00:00:00.000Z");
        base.activeSeconds = 1.5;
        const QString digest = ratingEventDigest(base);
        QCOMPARE(digest.size(), 64);
        QCOMPARE(ratingEventDigest(base), digest);
        QVector<PortableRatingEvent> changed(14, base);
        changed[0].uuid += QLatin1Char('x');
        changed[1].annotatorUuid += QLatin1Char('x');
        changed[2].responseUuid.clear();
        changed[3].comparisonUuid = QStringLiteral("c");
        changed[4].preferredResponseUuid = QStringLiteral("p");
        changed[5].rubricUuid += QLatin1Char('x');
        changed[6].axisKey = QStringLiteral("reasoning");
        changed[7].status = QStringLiteral("unable");
        changed[8].value = 2.0000000000000004;
        changed[9].likelihood = QStringLiteral("low");
        changed[10].comment = QStringLiteral("c");
        changed[11].rubricVersion = 2;
        changed[12].activeSeconds = 1.25;
        changed[13].id = 99; // the row id is not content
        for (int i = 0; i < 13; ++i)
            QVERIFY2(ratingEventDigest(changed[i]) != digest, qPrintable(QString::number(i)));
        QCOMPARE(ratingEventDigest(changed[13]), digest);
        // Moving text from one field to the next changes the digest.
        PortableRatingEvent moved = base;
        moved.likelihood = QStringLiteral("ab");
        PortableRatingEvent movedOther = base;
        movedOther.likelihood = QStringLiteral("a");
        movedOther.comment = QStringLiteral("b");
        QVERIFY(ratingEventDigest(moved) != ratingEventDigest(movedOther));
    }

    void commit_recordsTheDigestOfTheStoredEvent()
    {
        const QStringList entries = rows(*m_study, QStringLiteral("SELECT details_json FROM audit_log"
                                                                  " WHERE action = 'rating' ORDER BY id"));
        QCOMPARE(entries.size(), 2);
        auto events = portableRatingEvents(*m_study);
        CONCORD_VERIFY_OK(events);
        QCOMPARE(events->size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject details = QJsonDocument::fromJson(entries[i].toUtf8()).object();
            QCOMPARE(details.value(QStringLiteral("event")).toString(), events->at(i).uuid);
            QCOMPARE(details.value(QStringLiteral("digest")).toString(), ratingEventDigest(events->at(i)));
        }
    }

    void package_holdsOnlyThePhysiciansPart()
    {
        const QString studyUuid = m_study->info().uuid;
        const Rubric &rubric = m_study->rubric();
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            const QString name = kPhysicians[physician];
            const qint64 id = physicianId(*m_study, physician);
            auto made = makePackage(physician);
            CONCORD_VERIFY_OK(made);
            QCOMPARE(made->annotator, name);
            QCOMPARE(made->path, packagePath(physician));
            QCOMPARE(made->comparisons, 4); // 6 comparisons x 2 physicians / 3
            QCOMPARE(made->cases, 4);
            QCOMPARE(made->responses, 8);
            QCOMPARE(made->ratingEvents, physician < 2 ? 1 : 0);

            RawFile raw(packagePath(physician));
            QVERIFY(raw.isOpen());
            for (const char *table : {"judge_run", "judge_score", "adjudication"})
                QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table)), 0);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM response WHERE system <> ''")), 0);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM response WHERE metadata_json <> '{}'")), 0);
            QCOMPARE(raw.column(QStringLiteral("SELECT uuid, name FROM annotator")),
                     QStringList{annotatorUuid(*m_study, physician) + QLatin1Char('|') + name});
            // The system named in a case's metadata stays behind; other metadata travels.
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM \"case\" WHERE metadata_json LIKE '%aster%'")), 0);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM \"case\" WHERE external_id <> 'case-1'"
                                               " AND metadata_json <> '{\"ward\":\"cardiology\"}'")),
                     0);

            // The right comparisons, each with its responses in the stored order, and the assignments as designed.
            QCOMPARE(asSet(raw.column(QStringLiteral("SELECT c.uuid, r.uuid, cr.position FROM comparison c"
                                                     " JOIN comparison_response cr ON cr.comparison_id = c.id"
                                                     " JOIN response r ON r.id = cr.response_id"))),
                     asSet(rows(*m_study,
                                QStringLiteral("SELECT c.uuid, r.uuid, cr.position FROM assignment a"
                                               " JOIN comparison c ON c.id = a.comparison_id"
                                               " JOIN comparison_response cr ON cr.comparison_id = c.id"
                                               " JOIN response r ON r.id = cr.response_id WHERE a.annotator_id = ?"),
                                {id})));
            auto orderAsUuids = [](const QStringList &assignmentRows, auto responseUuid) {
                QSet<QString> result;
                for (const QString &row : assignmentRows) {
                    QStringList fields = row.split(QLatin1Char('|'));
                    QStringList order;
                    for (const auto &value : QJsonDocument::fromJson(fields.takeLast().toUtf8()).array())
                        order << responseUuid(value.toInteger());
                    result.insert(fields.join(QLatin1Char('|')) + QLatin1Char('|') + order.join(QLatin1Char(',')));
                }
                return result;
            };
            const QString assignmentSql = QStringLiteral("SELECT a.uuid, c.uuid, a.sequence, a.seed,"
                                                         " a.response_order_json FROM assignment a"
                                                         " JOIN comparison c ON c.id = a.comparison_id");
            const QSet<QString> packaged = orderAsUuids(raw.column(assignmentSql), [&](qint64 responseId) {
                return raw.column(QStringLiteral("SELECT uuid FROM response WHERE id = %1").arg(responseId)).value(0);
            });
            const QSet<QString> designed = orderAsUuids(
                rows(*m_study, assignmentSql + QStringLiteral(" WHERE a.annotator_id = ?"), {id}),
                [&](qint64 responseId) {
                    return rows(*m_study, QStringLiteral("SELECT uuid FROM response WHERE id = ?"), {responseId})
                        .value(0);
                });
            QCOMPARE(packaged.size(), 4);
            QCOMPARE(packaged, designed);

            // Only their own ratings and notes, with the same uuids.
            QCOMPARE(
                asSet(raw.column(QStringLiteral("SELECT uuid FROM rating_event"))),
                asSet(rows(*m_study, QStringLiteral("SELECT uuid FROM rating_event WHERE annotator_id = ?"), {id})));
            QCOMPARE(
                asSet(raw.column(QStringLiteral("SELECT uuid FROM annotation_note"))),
                asSet(rows(*m_study, QStringLiteral("SELECT uuid FROM annotation_note WHERE annotator_id = ?"), {id})));
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM annotation_note")), physician == 1 ? 1 : 0);

            // The same rubric version, and what the package says about itself.
            QCOMPARE(raw.column(QStringLiteral("SELECT uuid, version FROM rubric")),
                     QStringList{rubric.uuid + QLatin1Char('|') + QString::number(rubric.version)});
            auto meta = [&](const char *key) {
                return raw.column(QStringLiteral("SELECT value FROM meta WHERE key = '%1'").arg(QLatin1String(key)))
                    .value(0);
            };
            QCOMPARE(meta("package_annotator"), name);
            QCOMPARE(meta("package_annotator_uuid"), annotatorUuid(*m_study, physician));
            QCOMPARE(meta("package_study_uuid"), studyUuid);
            QCOMPARE(meta("package_study_title"), QStringLiteral("Chest pain triage"));
            QVERIFY(!meta("package_created_at").isEmpty());
            QCOMPARE(meta("blinded"), QStringLiteral("1"));
            QVERIFY(meta("study_uuid") != studyUuid);
            QCOMPARE(raw.column(QStringLiteral("SELECT action FROM audit_log ORDER BY id")),
                     (QStringList{QStringLiteral("create study"), QStringLiteral("package")}));
            QCOMPARE(raw.column(QStringLiteral("PRAGMA journal_mode")), QStringList{QStringLiteral("delete")});
        }
        // The study records each package; nothing half-written is left in the folder.
        const QStringList recorded = rows(*m_study, QStringLiteral("SELECT details_json FROM audit_log"
                                                                   " WHERE action = 'package' ORDER BY id"));
        QCOMPARE(recorded.size(), 3);
        for (int physician = 0; physician < 3; ++physician) {
            const QJsonObject details = QJsonDocument::fromJson(recorded[physician].toUtf8()).object();
            QCOMPARE(details.value(QStringLiteral("annotator")).toString(), kPhysicians[physician]);
            QCOMPARE(details.value(QStringLiteral("file")).toString(),
                     QStringLiteral("package-%1.concord").arg(physician + 1));
            QCOMPARE(details.value(QStringLiteral("comparisons")).toInt(), 4);
            QCOMPARE(details.value(QStringLiteral("rating_events")).toInt(), physician < 2 ? 1 : 0);
        }
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral("partial")),
                 QStringList{});
        auto chain = verifyAuditChain(*m_study);
        CONCORD_VERIFY_OK(chain);
        QVERIFY(chain->intact());
    }

    void package_refusesWhatItCannotPackage()
    {
        const qint64 auditBefore = scalar(*m_study, QStringLiteral("SELECT count(*) FROM audit_log"));
        const QString out = path(QStringLiteral("refused.concord"));

        auto unknown = createAnnotatorPackage(*m_study, QStringLiteral("Dr Nobody"), out, QStringLiteral("lead"));
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.errorMessage().contains(QStringLiteral("no annotator named 'Dr Nobody'")),
                 qPrintable(unknown.errorMessage()));

        Annotator late;
        late.name = QStringLiteral("Dr Late");
        CONCORD_VERIFY_OK(AnnotatorStore(*m_study).insertAnnotator(late));
        auto unassigned = createAnnotatorPackage(*m_study, late.name, out, QStringLiteral("lead"));
        QVERIFY(!unassigned.ok());
        QVERIFY2(unassigned.errorMessage().contains(QStringLiteral("assign comparisons first")),
                 qPrintable(unassigned.errorMessage()));
        QVERIFY(!QFile::exists(out));

        QVERIFY(writeFile(out, "keep me"));
        auto existing = createAnnotatorPackage(*m_study, kPhysicians[0], out, QStringLiteral("lead"));
        QVERIFY(!existing.ok());
        QVERIFY2(existing.errorMessage().contains(out) && existing.errorMessage().contains(QStringLiteral("already")),
                 qPrintable(existing.errorMessage()));
        QFile kept(out);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("keep me"));
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM audit_log")), auditBefore);

        CONCORD_VERIFY_OK(makePackage(0));
        auto opened = Study::open(packagePath(0));
        CONCORD_VERIFY_OK(opened);
        auto nested = createAnnotatorPackage(*opened.value(), kPhysicians[0], path(QStringLiteral("nested.concord")),
                                             QStringLiteral("lead"));
        QVERIFY(!nested.ok());
        QVERIFY2(nested.errorMessage().contains(QStringLiteral("itself the annotator package")),
                 qPrintable(nested.errorMessage()));
        QVERIFY(!QFile::exists(path(QStringLiteral("nested.concord"))));
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral("partial")),
                 QStringList{});
    }

    void merge_bringsBackEveryPhysiciansWorkOnce()
    {
        CONCORD_VERIFY_OK(packageAndAnnotateAll());
        struct Expected
        {
            QSet<QString> events, notes, spans;
            QMap<QString, QString> current;
            QSet<QString> newPairs; // (response uuid, axis key) of events the study does not have yet
            qint64 carried = 0;     // events and notes the study already has
        };
        QVector<Expected> expected(kPhysicians.size());
        const QSet<QString> studyEventsBefore = asSet(rows(*m_study, QStringLiteral("SELECT uuid FROM rating_event")));
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            auto package = openPackage(physician);
            CONCORD_VERIFY_OK(package);
            Expected &e = expected[physician];
            e.events = eventRows(*package.value());
            e.notes = noteRows(*package.value());
            e.spans = spanRows(*package.value());
            e.current = currentRatings(*package.value());
            for (const QString &row :
                 rows(*package.value(), QStringLiteral("SELECT e.uuid, coalesce(r.uuid, ''), ax.key FROM rating_event e"
                                                       " LEFT JOIN response r ON r.id = e.response_id"
                                                       " JOIN axis ax ON ax.id = e.axis_id"))) {
                const QStringList fields = row.split(QLatin1Char('|'));
                if (!studyEventsBefore.contains(fields[0]) && !fields[1].isEmpty())
                    e.newPairs.insert(fields[1] + QLatin1Char('/') + fields[2]);
            }
            e.carried = physician == 0 ? 1 : physician == 1 ? 2 : 0;
            // Every required rating (4 comparisons x (2 responses x 4 axes + a preference)) and one correction; a
            // comment, a flag and a span.
            QCOMPARE(scalar(*package.value(), QStringLiteral("SELECT count(*) FROM (SELECT DISTINCT axis_id,"
                                                             " response_id, comparison_id FROM rating_event)")),
                     36);
            QVERIFY(e.events.size() >= 37);
            QCOMPARE(e.notes.size(), 2 + (physician == 1 ? 1 : 0));
            QCOMPARE(e.spans.size(), 1);
        }

        const QByteArray packageHash = fileHash(packagePath(0));
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            auto merged = mergePackage(*m_study, packagePath(physician), QStringLiteral("lead"));
            CONCORD_VERIFY_OK(merged);
            const Expected &e = expected[physician];
            QCOMPARE(merged->annotator, kPhysicians[physician]);
            QCOMPARE(merged->package, QStringLiteral("package-%1.concord").arg(physician + 1));
            QCOMPARE(merged->newEvents + merged->newNotes + merged->newSpans + merged->alreadyPresent,
                     qint64(e.events.size() + e.notes.size() + e.spans.size()));
            QCOMPARE(merged->alreadyPresent, e.carried);
            QCOMPARE(merged->newSpans, 1);
            // The conflicts, counted independently through the current_rating view.
            qint64 conflicts = 0;
            for (const QString &row :
                 rows(*m_study,
                      QStringLiteral("SELECT r.uuid, ax.key FROM current_rating e"
                                     " JOIN response r ON r.id = e.response_id JOIN axis ax ON ax.id = e.axis_id"
                                     " WHERE e.status = 'value' GROUP BY e.response_id, e.axis_id"
                                     " HAVING count(DISTINCT e.value) >= 2"))) {
                if (e.newPairs.contains(row.split(QLatin1Char('|')).join(QLatin1Char('/'))))
                    ++conflicts;
            }
            QCOMPARE(merged->conflicts, conflicts);
            if (physician > 0)
                QVERIFY(merged->conflicts > 0); // the design makes every pair of physicians meet
        }
        QCOMPARE(fileHash(packagePath(0)), packageHash); // the package is never modified
        QVERIFY(!QFile::exists(packagePath(0) + QStringLiteral("-wal")));

        // Each physician's events, notes and spans are in the study under their own uuid, with equal current ratings.
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            const Expected &e = expected[physician];
            const QString uuid = annotatorUuid(*m_study, physician);
            QCOMPARE(scalar(*m_study,
                            QStringLiteral("SELECT count(*) FROM rating_event e JOIN annotator a"
                                           " ON a.id = e.annotator_id WHERE a.uuid = ?"),
                            {uuid}),
                     qint64(e.events.size()));
            QVERIFY(eventRows(*m_study).contains(e.events));
            QVERIFY(noteRows(*m_study).contains(e.notes));
            QVERIFY(spanRows(*m_study).contains(e.spans));
            QCOMPARE(currentRatings(*m_study, uuid), e.current);
        }
        auto owners = portableRatingEvents(*m_study);
        CONCORD_VERIFY_OK(owners);
        for (const PortableRatingEvent &event : owners.value()) {
            int owner = -1;
            for (int physician = 0; physician < kPhysicians.size(); ++physician) {
                if (expected[physician].events.contains(event.uuid + QLatin1Char(':') + ratingEventDigest(event)))
                    owner = physician;
            }
            QVERIFY2(owner >= 0, qPrintable(event.uuid));
            QCOMPARE(event.annotatorUuid, annotatorUuid(*m_study, owner));
        }

        // Merging again changes nothing but the audit log, which records the merge with nothing new.
        const QString countsBefore = rowCounts(*m_study);
        const QMap<QString, QString> currentBefore = currentRatings(*m_study);
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            auto again = mergePackage(*m_study, packagePath(physician), QStringLiteral("lead"));
            CONCORD_VERIFY_OK(again);
            QCOMPARE(again->newEvents, 0);
            QCOMPARE(again->newNotes, 0);
            QCOMPARE(again->newSpans, 0);
            QCOMPARE(again->spansRemoved, 0);
            QCOMPARE(again->alreadyPresent,
                     qint64(expected[physician].events.size() + expected[physician].notes.size() +
                            expected[physician].spans.size()));
        }
        QCOMPARE(rowCounts(*m_study).replace(QRegularExpression(QStringLiteral("audit_log=\\d+")), QString()),
                 QString(countsBefore).replace(QRegularExpression(QStringLiteral("audit_log=\\d+")), QString()));
        QCOMPARE(currentRatings(*m_study), currentBefore);
        const QStringList merges = rows(*m_study, QStringLiteral("SELECT details_json FROM audit_log"
                                                                 " WHERE action = 'merge' ORDER BY id"));
        QCOMPARE(merges.size(), 6);
        const QJsonObject last = QJsonDocument::fromJson(merges.back().toUtf8()).object();
        QCOMPARE(last.value(QStringLiteral("file")).toString(), QStringLiteral("package-3.concord"));
        QCOMPARE(last.value(QStringLiteral("new_events")).toInt(), 0);
        QCOMPARE(last.value(QStringLiteral("sha256")).toString().size(), 64);
        QCOMPARE(last.value(QStringLiteral("annotator")).toString(), kPhysicians[2]);
        auto chain = verifyAuditChain(*m_study);
        CONCORD_VERIFY_OK(chain);
        QVERIFY(chain->intact());
    }

    void merge_orderDoesNotMatter()
    {
        CONCORD_VERIFY_OK(packageAndAnnotateAll());
        m_study.reset();
        const QString copyPath = path(QStringLiteral("study-copy.concord"));
        QVERIFY(QFile::copy(m_studyPath, copyPath));
        auto first = Study::open(m_studyPath);
        CONCORD_VERIFY_OK(first);
        auto second = Study::open(copyPath);
        CONCORD_VERIFY_OK(second);
        for (int physician : {0, 1, 2})
            CONCORD_VERIFY_OK(mergePackage(*first.value(), packagePath(physician), QStringLiteral("lead")));
        for (int physician : {2, 0, 1})
            CONCORD_VERIFY_OK(mergePackage(*second.value(), packagePath(physician), QStringLiteral("lead")));
        QCOMPARE(eventRows(*second.value()), eventRows(*first.value()));
        QCOMPARE(noteRows(*second.value()), noteRows(*first.value()));
        QCOMPARE(spanRows(*second.value()), spanRows(*first.value()));
        QCOMPARE(currentRatings(*second.value()), currentRatings(*first.value()));
        QCOMPARE(currentRatings(*first.value()).size(), 3 * 36);
    }

    void merge_spanRemovedLaterIsRecorded()
    {
        CONCORD_VERIFY_OK(makePackage(2));
        CONCORD_VERIFY_OK(annotatePackage(2));
        CONCORD_VERIFY_OK(mergePackage(*m_study, packagePath(2), QStringLiteral("lead")));
        {
            auto package = Study::open(packagePath(2));
            CONCORD_VERIFY_OK(package);
            auto session = AnnotationSession::start(*package.value(), {.annotatorName = kPhysicians[2]});
            CONCORD_VERIFY_OK(session);
            CONCORD_VERIFY_OK(session.value()->goTo(0));
            const qint64 response = session.value()->current().responses.back().id;
            QCOMPARE(session.value()->spans(response).size(), 1);
            CONCORD_VERIFY_OK(session.value()->removeSpan(response, session.value()->spans(response).front().id));
        }
        auto merged = mergePackage(*m_study, packagePath(2), QStringLiteral("lead"));
        CONCORD_VERIFY_OK(merged);
        QCOMPARE(merged->spansRemoved, 1);
        QCOMPARE(merged->newSpans, 0);
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM error_span WHERE removed_at IS NOT NULL")), 1);
    }

    void merge_refusesAndChangesNothing()
    {
        CONCORD_VERIFY_OK(makePackage(0));
        CONCORD_VERIFY_OK(annotatePackage(0));
        const QString good = packagePath(0);

        // A study with the same design but another identity, and its package of the same physician.
        const QString otherPath = path(QStringLiteral("other.concord"));
        {
            auto other = buildStudy(otherPath, QStringLiteral("Another study"));
            CONCORD_VERIFY_OK(other);
            CONCORD_VERIFY_OK(createAnnotatorPackage(*other.value(), kPhysicians[0],
                                                     path(QStringLiteral("foreign.concord")), QStringLiteral("lead")));
        }
        const QString noise = path(QStringLiteral("noise.concord"));
        {
            QRandomGenerator random(7);
            QByteArray bytes(4096, '\0');
            for (char &byte : bytes)
                byte = char(random.bounded(256));
            QVERIFY(writeFile(noise, bytes));
        }
        // A package that reuses the uuid of another physician's event in the study for its own, new rating.
        const QString reused = path(QStringLiteral("reused.concord"));
        QVERIFY(QFile::copy(good, reused));
        {
            const QString othersEvent = rows(*m_study,
                                             QStringLiteral("SELECT e.uuid FROM rating_event e JOIN annotator"
                                                            " a ON a.id = e.annotator_id WHERE a.name = ?"),
                                             {kPhysicians[1]})
                                            .value(0);
            QVERIFY(!othersEvent.isEmpty());
            auto package = Study::open(reused);
            CONCORD_VERIFY_OK(package);
            RatingEvent event;
            event.uuid = othersEvent;
            event.annotatorId = scalar(*package.value(), QStringLiteral("SELECT id FROM annotator"));
            event.responseId = scalar(*package.value(), QStringLiteral("SELECT max(id) FROM response"));
            event.axisId = package.value()->rubric().axis(QStringLiteral("reasoning"))->id;
            event.value = 4;
            CONCORD_VERIFY_OK(RatingStore(*package.value()).commit(event, kPhysicians[0]));
        }

        const QString riskAxis = QStringLiteral("(SELECT id FROM axis WHERE key = 'risk')");
        struct Case
        {
            QString file;
            QString reason;
        };
        const QVector<Case> cases{
            {path(QStringLiteral("foreign.concord")), QStringLiteral("package of another study ('Another study')")},
            {otherPath, QStringLiteral("not an annotator package")},
            {noise, QStringLiteral("not a Concord study")},
            {path(QStringLiteral("missing.concord")), QStringLiteral("no such file")},
            {tamperedCopy(good, QStringLiteral("rubric.concord"),
                          {QStringLiteral("UPDATE rubric SET uuid = 'f0000000-0000-4000-8000-000000000000'")}),
             QStringLiteral("which this study does not have")},
            {tamperedCopy(good, QStringLiteral("value.concord"),
                          {QStringLiteral("DROP TRIGGER rating_event_no_update"),
                           QStringLiteral("UPDATE rating_event SET value = CASE WHEN value = 1 THEN 2 ELSE 1 END"
                                          " WHERE id = (SELECT max(id) FROM rating_event WHERE axis_id = %1"
                                          " AND status = 'value')")
                               .arg(riskAxis)}),
             QStringLiteral("tampered with: rating event")},
            {tamperedCopy(good, QStringLiteral("extra.concord"),
                          {QStringLiteral("INSERT INTO rating_event (uuid, annotator_id, response_id, axis_id, status,"
                                          " value, rubric_version, created_at) SELECT 'e0000000-0000-4000-8000-"
                                          "000000000000', annotator_id, response_id, axis_id, status, value,"
                                          " rubric_version, created_at FROM rating_event WHERE axis_id = %1"
                                          " AND status = 'value' LIMIT 1")
                               .arg(riskAxis)}),
             QStringLiteral("has no audit entry with its digest")},
            {tamperedCopy(good, QStringLiteral("audit.concord"),
                          {QStringLiteral("DROP TRIGGER audit_log_no_update"),
                           QStringLiteral("UPDATE audit_log SET details_json = replace(details_json, '\"value\"',"
                                          " '\"unable\"') WHERE id = (SELECT max(id) FROM audit_log"
                                          " WHERE action = 'rating')")}),
             QStringLiteral("tampered with: audit entry")},
            {tamperedCopy(good, QStringLiteral("annotator.concord"),
                          {QStringLiteral("UPDATE annotator SET uuid = 'a0000000-0000-4000-8000-000000000000'"),
                           QStringLiteral("UPDATE meta SET value = 'a0000000-0000-4000-8000-000000000000'"
                                          " WHERE key = 'package_annotator_uuid'")}),
             QStringLiteral("is not in this study")},
            {tamperedCopy(good, QStringLiteral("response.concord"),
                          {QStringLiteral("UPDATE response SET uuid = 'b0000000-0000-4000-8000-000000000000'"
                                          " WHERE id = (SELECT min(id) FROM response)")}),
             QStringLiteral("response b0000000-0000-4000-8000-000000000000, which is not in this study")},
            {reused, QStringLiteral("already in the study with different content")},
        };
        const QString countsBefore = rowCounts(*m_study);
        const QMap<QString, QString> currentBefore = currentRatings(*m_study);
        for (const Case &refused : cases) {
            QVERIFY(!refused.file.isEmpty());
            const QByteArray hashBefore = fileHash(refused.file);
            auto merged = mergePackage(*m_study, refused.file, QStringLiteral("lead"));
            QVERIFY2(!merged.ok(), qPrintable(refused.file));
            const QString message = merged.errorMessage();
            QVERIFY2(message.startsWith(refused.file + QStringLiteral(": not merged: ")), qPrintable(message));
            QVERIFY2(message.contains(refused.reason), qPrintable(message));
            QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
            QCOMPARE(rowCounts(*m_study), countsBefore);
            QCOMPARE(currentRatings(*m_study), currentBefore);
            QCOMPARE(fileHash(refused.file), hashBefore);
        }
        // The untouched package still merges.
        auto merged = mergePackage(*m_study, good, QStringLiteral("lead"));
        CONCORD_VERIFY_OK(merged);
        QVERIFY(merged->newEvents > 0);
    }

    void csvImport_intoPackageTakesOnlyItsPhysician()
    {
        CONCORD_VERIFY_OK(makePackage(0));
        const QString target = rows(*m_study,
                                    QStringLiteral("SELECT c.external_id, r.external_id FROM assignment a"
                                                   " JOIN comparison m ON m.id = a.comparison_id"
                                                   " JOIN \"case\" c ON c.id = m.case_id"
                                                   " JOIN response r ON r.case_id = c.id"
                                                   " WHERE a.annotator_id = ? ORDER BY a.sequence, r.id"),
                                    {physicianId(*m_study, 0)})
                                   .value(0);
        const QStringList ids = target.split(QLatin1Char('|'));
        QCOMPARE(ids.size(), 2);
        const QString row = ids[0] + QLatin1Char(',') + ids[1] + QLatin1Char(',');
        const QString own = path(QStringLiteral("own.csv"));
        QVERIFY(writeFile(own, QStringLiteral("case,response,annotator,axis,value\n%1%2,reasoning,2\n")
                                   .arg(row, kPhysicians[0])
                                   .toUtf8()));
        const QString mixed = path(QStringLiteral("mixed.csv"));
        QVERIFY(writeFile(mixed, QStringLiteral("case,response,annotator,axis,value\n%1%2,omission_harm,1\n"
                                                "%1%3,omission_harm,2\n")
                                     .arg(row, kPhysicians[0], kPhysicians[1])
                                     .toUtf8()));
        ImportOptions options;
        options.content = ImportContent::Ratings;
        {
            auto package = Study::open(packagePath(0));
            CONCORD_VERIFY_OK(package);
            const qint64 before = scalar(*package.value(), QStringLiteral("SELECT count(*) FROM rating_event"));
            auto refused = importFile(*package.value(), mixed, options);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.errorMessage().startsWith(mixed + QStringLiteral(":3: field 'annotator'")),
                     qPrintable(refused.errorMessage()));
            QVERIFY2(refused.errorMessage().contains(kPhysicians[1]), qPrintable(refused.errorMessage()));
            QCOMPARE(scalar(*package.value(), QStringLiteral("SELECT count(*) FROM rating_event")), before);
            QCOMPARE(scalar(*package.value(), QStringLiteral("SELECT count(*) FROM annotator")), 1);

            auto imported = importFile(*package.value(), own, options);
            CONCORD_VERIFY_OK(imported);
            QCOMPARE(imported->ratingEventsAdded, 1);
            // The same file imports into the study itself, where every physician's rows are welcome.
            CONCORD_VERIFY_OK(importFile(*m_study, mixed, options));
        }
        // The imported rating is recorded with its digest, so the package still merges.
        auto merged = mergePackage(*m_study, packagePath(0), QStringLiteral("lead"));
        CONCORD_VERIFY_OK(merged);
        QCOMPARE(merged->newEvents, 1);
        QCOMPARE(merged->alreadyPresent, 1);
    }
};

QTEST_GUILESS_MAIN(TestPackageMerge)
#include "tst_packagemerge.moc"
