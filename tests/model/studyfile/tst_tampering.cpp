// Tampering with a study file: someone with sqlite3 drops the append-only triggers, edits a row and
// re-creates the triggers. checkStudy() must name what was changed; a history rewritten as a whole (the audit chain
// recomputed) is caught against a head the user kept.
#include "model/demo/demostudy.h"
#include "model/report/reportdata.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/studycheck.h"
#include "model/studylead/adjudicationqueue.h"
#include "model/studylead/analysislock.h"
#include "model/studylead/studyroster.h"
#include "tests/model/package/packagestudyfixture.h"

#include <QCryptographicHash>

using namespace concord;
using namespace concord::packagetest;

namespace {

// The audit entry hash as model/studyfile/auditlog.cpp computes it: someone rewriting the chain knows it from the
// source.
QString forgedEntryHash(const QStringList &parts)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &part : parts) {
        const QByteArray bytes = part.toUtf8();
        hash.addData(QByteArray(QByteArray::number(bytes.size()) + ':'));
        hash.addData(bytes);
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

class TestTampering : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;

    // Runs the statements on a connection of its own with every trigger dropped, then re-creates the triggers as
    // they were, as someone covering their tracks would.
    bool tamper(const QStringList &statements, bool recreateTriggers = true)
    {
        RawFile raw(m_path, true);
        if (!raw.isOpen())
            return false;
        const QStringList triggers =
            raw.column(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger'"));
        const QStringList sql = raw.column(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'trigger'"));
        for (const QString &name : triggers) {
            if (!raw.exec(QStringLiteral("DROP TRIGGER ") + name))
                return false;
        }
        for (const QString &statement : statements) {
            if (!raw.exec(statement))
                return false;
        }
        if (recreateTriggers) {
            for (const QString &statement : sql) {
                if (!raw.exec(statement))
                    return false;
            }
        }
        return true;
    }

    StudyCheckReport check(const StudyCheckOptions &options = {})
    {
        auto study = Study::open(m_path, Study::Access::ReadOnly);
        if (!study.ok())
            qFatal("open: %s", qPrintable(study.errorMessage()));
        auto report = checkStudy(*study.value(), options);
        if (!report.ok())
            qFatal("check: %s", qPrintable(report.errorMessage()));
        return report.value();
    }

    // One problem that contains every one of the words.
    static bool reports(const StudyCheckReport &report, const QStringList &words)
    {
        for (const QString &problem : report.problems) {
            if (std::all_of(words.begin(), words.end(), [&](const QString &w) { return problem.contains(w); }))
                return true;
        }
        qWarning("no problem with %s in: %s", qPrintable(words.join(QLatin1Char(','))),
                 qPrintable(report.problems.join(QStringLiteral(" | "))));
        return false;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("study.concord"));
        CONCORD_VERIFY_OK(createDemoStudy(m_path, {.cases = 6, .raters = 2, .seed = 5}));
        auto study = Study::open(m_path);
        CONCORD_VERIFY_OK(study);
        const qint64 response = scalar(*study.value(), QStringLiteral("SELECT min(id) FROM response"));
        const double value = study.value()->rubric().axis(QStringLiteral("risk"))->points.front().value;
        CONCORD_VERIFY_OK(recordAdjudication(*study.value(), response, QStringLiteral("risk"), value,
                                             QStringLiteral("majority"), QString(), QStringLiteral("lead")));
    }
    void cleanup() { m_dir.reset(); }

    void check_studyWrittenByTheAppIsHealthy()
    {
        {
            auto study = Study::open(m_path);
            CONCORD_VERIFY_OK(study);
            CONCORD_VERIFY_OK(renameAnnotator(
                *study.value(), rows(*study.value(), QStringLiteral("SELECT name FROM annotator")).value(0),
                QStringLiteral("Dr Renamed"), QStringLiteral("lead")));
            CONCORD_VERIFY_OK(lockAnalysis(*study.value(), QStringLiteral("lead")));
            CONCORD_VERIFY_OK(unblindStudy(*study.value(), QStringLiteral("lead")));
        }
        const StudyCheckReport report = check();
        QVERIFY2(report.healthy(), qPrintable(report.problems.join(QStringLiteral(" | "))));
        QCOMPARE(report.auditHead.size(), 64);
    }

    void check_detectsChangedRatingEvent()
    {
        QVERIFY(tamper({QStringLiteral("UPDATE rating_event SET value = value + 1 WHERE id = (SELECT min(id) FROM"
                                       " rating_event WHERE status = 'value')")}));
        QVERIFY(reports(check(), {QStringLiteral("rating events"), QStringLiteral("differ from what audit entry")}));
    }

    void check_detectsDeletedRatingEvent()
    {
        QVERIFY(tamper({QStringLiteral("DELETE FROM rating_event WHERE id = 3")}));
        QVERIFY(reports(check(), {QStringLiteral("rating events"), QStringLiteral("ids 1 to")}));
    }

    void check_detectsForgedInsertedRatingEvent()
    {
        QVERIFY(tamper({QStringLiteral(
            "INSERT INTO rating_event (uuid, annotator_id, response_id, axis_id, status, value, rubric_version,"
            " created_at) SELECT 'e0000000-0000-4000-8000-000000000000', annotator_id, response_id, axis_id, status,"
            " value, rubric_version, created_at FROM rating_event WHERE status = 'value' LIMIT 1")}));
        QVERIFY(reports(check(), {QStringLiteral("rating events"), QStringLiteral("without an audit entry")}));
    }

    void check_detectsChangedJudgeScore()
    {
        QVERIFY(tamper({QStringLiteral("UPDATE judge_score SET rationale = 'edited' WHERE id = 2")}));
        QVERIFY(reports(check(), {QStringLiteral("judge scores")}));
    }

    void check_detectsChangedResponseText()
    {
        QVERIFY(tamper({QStringLiteral("UPDATE response SET text = text || ' (edited)' WHERE id = 1")}));
        QVERIFY(reports(check(), {QStringLiteral("responses")}));
    }

    void check_detectsChangedAdjudicatedValue()
    {
        QVERIFY(tamper({QStringLiteral("UPDATE adjudication SET value = value + 1")}));
        QVERIFY(reports(check(), {QStringLiteral("adjudications")}));
    }

    void check_detectsRenamedAnnotator()
    {
        QVERIFY(tamper({QStringLiteral("UPDATE annotator SET name = 'Dr Somebody Else' WHERE id = 1")}));
        QVERIFY(reports(check(), {QStringLiteral("annotators"), QStringLiteral("changed without an audit entry")}));
    }

    void check_detectsUnblindingWithoutAuditEntry()
    {
        QVERIFY(tamper({QStringLiteral("UPDATE meta SET value = '0' WHERE key = 'blinded'")}));
        QVERIFY(reports(check(), {QStringLiteral("study settings")}));
    }

    void check_detectsDeletedLastAuditEntry()
    {
        QVERIFY(tamper({QStringLiteral("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")}));
        const StudyCheckReport report = check();
        QVERIFY(reports(report, {QStringLiteral("audit log: its last entry is not the last one written")}));
        QVERIFY(reports(report, {QStringLiteral("adjudications"), QStringLiteral("without an audit entry")}));
    }

    void check_detectsTriggersLeftDropped()
    {
        QVERIFY(tamper({}, false));
        const StudyCheckReport report = check();
        QVERIFY(reports(report, {QStringLiteral("append-only trigger rating_event_no_update is missing")}));
        QVERIFY(reports(report, {QStringLiteral("append-only trigger audit_log_no_delete is missing")}));
    }

    void check_detectsWeakenedTrigger()
    {
        QVERIFY(tamper({QStringLiteral("CREATE TRIGGER rating_event_no_update BEFORE UPDATE ON rating_event"
                                       " WHEN 0 BEGIN SELECT RAISE(ABORT, 'rating_event is append-only'); END")},
                       false));
        QVERIFY(reports(check(), {QStringLiteral("rating_event_no_update is not the one the schema created")}));
    }

    void check_detectsEditedAuditEntry()
    {
        QVERIFY(tamper({QStringLiteral("UPDATE audit_log SET actor = 'someone else' WHERE id = 2")}));
        QVERIFY(reports(check(), {QStringLiteral("audit entry 2 was altered")}));
    }

    // The whole chain after an edited entry recomputed (and the copy of the head with it): consistent in itself, so
    // only the head the user kept from an earlier check or a report tells.
    void check_detectsChainRecomputedAgainstKeptHead()
    {
        const QString kept = check().auditHead;
        QVERIFY(!kept.isEmpty());
        {
            RawFile raw(m_path, true);
            QVERIFY(raw.exec(QStringLiteral("DROP TRIGGER audit_log_no_update")));
            auto field = [&](const char *column) {
                return raw.column(QStringLiteral("SELECT %1 FROM audit_log ORDER BY id").arg(QLatin1String(column)));
            };
            const QStringList ids = field("id"), uuids = field("uuid"), ats = field("at"), actions = field("action"),
                              details = field("details_json"), coverages = field("coverage");
            QStringList actors = field("actor");
            actors[1] = QStringLiteral("someone else");
            QString previous(64, QLatin1Char('0'));
            for (qsizetype i = 0; i < ids.size(); ++i) {
                QStringList parts{previous, uuids[i], ats[i], actors[i], actions[i], details[i]};
                if (!coverages[i].isEmpty())
                    parts << coverages[i];
                const QString hash = forgedEntryHash(parts);
                QVERIFY(raw.exec(QStringLiteral("UPDATE audit_log SET actor = '%1', prev_hash = '%2', hash = '%3'"
                                                " WHERE id = %4")
                                     .arg(actors[i], previous, hash, ids[i])));
                previous = hash;
            }
            QVERIFY(raw.exec(QStringLiteral("UPDATE meta SET value = '%1' WHERE key = 'audit_head'").arg(previous)));
            QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
                                            "SELECT RAISE(ABORT, 'audit_log is append-only'); END")));
        }
        QVERIFY2(check().healthy(), "a consistent rewrite is invisible without an anchor");
        QVERIFY(reports(check({.expectedHead = kept}), {QStringLiteral("the head you kept"), kept}));
    }

    void check_keptHeadAcceptsLaterWorkAndListsIt()
    {
        const QString kept = check().auditHead;
        {
            auto study = Study::open(m_path);
            CONCORD_VERIFY_OK(study);
            CONCORD_VERIFY_OK(lockAnalysis(*study.value(), QStringLiteral("lead")));
        }
        const StudyCheckReport report = check({.expectedHead = kept});
        QVERIFY2(report.healthy(), qPrintable(report.problems.join(QStringLiteral(" | "))));
        QCOMPARE(report.entriesAfterExpectedHead.size(), 1);
        QVERIFY(report.entriesAfterExpectedHead.front().contains(QStringLiteral("lock_analysis by lead")));
        QVERIFY(report.auditHead != kept);
    }

    // A study of schema 5 gains coverage of the rows it already has in its migration's audit entry.
    void migration_fromV5CoversExistingRows()
    {
        const QString path = m_dir->filePath(QStringLiteral("v5.concord"));
        QVERIFY(QFile::copy(QStringLiteral(CONCORD_SOURCE_DIR "/data/fixtures/schema-v5.concord"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        {
            auto study = Study::open(path);
            CONCORD_VERIFY_OK(study);
            QCOMPARE(study.value()->schemaVersion(), 6);
            const QString coverage = rows(*study.value(), QStringLiteral("SELECT coverage FROM audit_log WHERE"
                                                                         " action = 'migrate' ORDER BY id DESC"))
                                         .value(0);
            QVERIFY2(coverage.contains(QStringLiteral("\"rating_event\"")), qPrintable(coverage));
            auto report = checkStudy(*study.value());
            CONCORD_VERIFY_OK(report);
            QVERIFY2(report->healthy(), qPrintable(report->problems.join(QStringLiteral(" | "))));
        }
        m_path = path;
        QVERIFY(tamper({QStringLiteral("UPDATE rating_event SET comment = 'edited' WHERE id = 1")}));
        QVERIFY(reports(check(), {QStringLiteral("rating events")}));
    }

    void report_printsAuditHead()
    {
        auto study = Study::open(m_path);
        CONCORD_VERIFY_OK(study);
        AgreementSettings settings;
        settings.bootstrap = 0;
        auto data = buildReportData(*study.value(), settings);
        CONCORD_VERIFY_OK(data);
        const QJsonObject stamp = data->value(QStringLiteral("reproducibility")).toObject();
        QCOMPARE(stamp.value(QStringLiteral("audit_head")).toString(), auditHead(*study.value()));
    }
};

QTEST_GUILESS_MAIN(TestTampering)
#include "tst_tampering.moc"
