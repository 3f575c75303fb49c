#pragma once

// The multi-physician study the annotator package tests share (tst_annotatorpackage, tst_packagemerge,
// tst_mergerefusals), with its packages annotated offline as the app would, and plain-SQL views of a study that compare
// across files.
//
// The study: six cases with an "Aster" and a "Birch" response each, one side-by-side comparison per case, a judge run
// scoring every response, three physicians assigned two per comparison by designAssignments() (four comparisons
// each), and some work done in the study before packaging (a rating by the first two physicians, a comment by the
// second).
#include "model/annotation/annotationsession.h"
#include "model/package/annotatorpackage.h"
#include "model/store/annotationnotestore.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "model/studylead/assignmentdesign.h"
#include "tests/testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace concord::packagetest {

inline const QStringList kPhysicians{QStringLiteral("Dr Ada Brennan"), QStringLiteral("Dr Bo Lindqvist"),
                                     QStringLiteral("Dr Chiara Esposito")};
inline const QStringList kSystems{QStringLiteral("Aster"), QStringLiteral("Birch")};
inline constexpr int kCases = 6;
inline constexpr quint64 kDesignSeed = 11;

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

inline QStringList rows(const Study &study, const QString &sql, const QVariantList &bindings = {})
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

inline qint64 scalar(const Study &study, const QString &sql, const QVariantList &bindings = {})
{
    const QStringList values = rows(study, sql, bindings);
    return values.isEmpty() ? -1 : values.front().toLongLong();
}

inline QSet<QString> asSet(const QStringList &list)
{
    return QSet<QString>(list.begin(), list.end());
}

// What a merge may change, counted: a refusal must leave every count as it was.
inline QString rowCounts(const Study &study)
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

// The current rating of every (physician, target, axis), in file-independent terms.
inline QMap<QString, QString> currentRatings(const Study &study, const QString &annotatorUuid = {})
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

inline QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

inline bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

// A test class derives from this and calls createStudy() from init() and removeStudy() from cleanup().
class PackageStudyFixture
{
protected:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_studyPath;
    std::unique_ptr<Study> m_study;
    qint64 m_nowMs = 0;

    // The fixture study in a new temporary directory; no warning may be printed while a test runs.
    void createStudy()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        // The physicians' package signing keys, in the test's folder rather than the user's configuration.
        qputenv("CONCORD_SIGNING_KEY_DIR", QFile::encodeName(path(QStringLiteral("keys"))));
        m_studyPath = path(QStringLiteral("study.concord"));
        auto built = buildStudy(m_studyPath, QStringLiteral("Chest pain triage"));
        CONCORD_VERIFY_OK(built);
        m_study = std::move(built).value();
    }

    void removeStudy()
    {
        m_study.reset();
        m_dir.reset();
    }

    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString packagePath(int physician) const { return path(QStringLiteral("package-%1.concord").arg(physician + 1)); }

    QString annotatorUuid(const Study &study, int physician) const
    {
        const QStringList uuids =
            rows(study, QStringLiteral("SELECT uuid FROM annotator WHERE name = ?"), {kPhysicians[physician]});
        return uuids.value(0);
    }

    // The fixture study described at the top of this header.
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

    // One more rating in the package, made through the app (signed with the key in keyFolder).
    static Status rateAgain(const QString &file, const QString &keyFolder = {})
    {
        const QByteArray before = qgetenv("CONCORD_SIGNING_KEY_DIR");
        if (!keyFolder.isEmpty())
            qputenv("CONCORD_SIGNING_KEY_DIR", QFile::encodeName(keyFolder));
        Status status = [&]() -> Status {
            auto package = Study::open(file);
            if (!package.ok())
                return package.error();
            RatingEvent event;
            event.annotatorId = scalar(*package.value(), QStringLiteral("SELECT id FROM annotator"));
            event.responseId = scalar(*package.value(), QStringLiteral("SELECT max(id) FROM response"));
            event.axisId = package.value()->rubric().axis(QStringLiteral("risk"))->id;
            event.value = 1;
            event.comment = QStringLiteral("rated again");
            auto committed = RatingStore(*package.value()).commit(event, packageAnnotator(*package.value()));
            if (!committed.ok())
                return committed.error();
            return {};
        }();
        qputenv("CONCORD_SIGNING_KEY_DIR", before);
        return status;
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
};

} // namespace concord::packagetest
