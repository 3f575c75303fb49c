// The study file: creation, pragmas, migrations of every past schema version, refusal of foreign files,
// append-only events, the current rating, the audit hash chain and each entity's store.
#include "model/store/adjudicationstore.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/errorspanstore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/schema.h"
#include "model/studyfile/study.h"
#include "model/studyfile/studycheck.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

// Runs raw SQL on a file outside the Study API (to simulate other programs, tampering, newer versions).
void rawSql(const QString &path, const QStringList &statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const auto &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

struct SmallStudy
{
    std::unique_ptr<Study> study;
    qint64 responseA = 0;
    qint64 responseB = 0;
    qint64 comparison = 0;
    qint64 annotator = 0;
};

SmallStudy makeStudy(const QString &path)
{
    SmallStudy s;
    auto created = Study::create(path, {.title = QStringLiteral("Test study"), .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    s.study = std::move(created).value();
    CaseStore cases(*s.study);
    CaseRecord c;
    c.externalId = QStringLiteral("c1");
    c.input = QStringLiteral("What dose of paracetamol is safe for an adult?");
    (void)cases.insertCase(c);
    ResponseRecord a{0, {}, c.id, QStringLiteral("r1"), QStringLiteral("Aster"), QStringLiteral("Up to 4 g a day.")};
    ResponseRecord b{0, {}, c.id, QStringLiteral("r2"), QStringLiteral("Birch"), QStringLiteral("Up to 8 g a day.")};
    (void)cases.insertResponse(a);
    (void)cases.insertResponse(b);
    ComparisonRecord comparison{0, {}, c.id, {a.id, b.id}};
    (void)cases.insertComparison(comparison);
    auto annotator = AnnotatorStore(*s.study).ensureAnnotator(QStringLiteral("Dr Okafor"));
    s.responseA = a.id;
    s.responseB = b.id;
    s.comparison = comparison.id;
    s.annotator = annotator->id;
    return s;
}

} // namespace

class TestStudyFile : public QObject
{
    Q_OBJECT

private slots:
    void create_setsPragmasApplicationIdAndVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.concord"));
        auto study = Study::create(path, {.title = QStringLiteral("Pragmas"), .rubric = defaultRubric()});
        QVERIFY2(study.ok(), qPrintable(study.errorMessage()));
        auto value = [&](const QString &pragma) {
            auto q = study.value()->exec(QStringLiteral("PRAGMA ") + pragma);
            q->next();
            return q->value(0);
        };
        QCOMPARE(value(QStringLiteral("application_id")).toInt(), kApplicationId);
        QCOMPARE(value(QStringLiteral("user_version")).toInt(), currentSchemaVersion());
        QCOMPARE(value(QStringLiteral("journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(value(QStringLiteral("foreign_keys")).toInt(), 1);
        QCOMPARE(value(QStringLiteral("synchronous")).toInt(), 2); // FULL
        QCOMPARE(study.value()->info().title, QStringLiteral("Pragmas"));
        QVERIFY(study.value()->info().blinded);
        QCOMPARE(study.value()->rubric().axisKeys(),
                 (QStringList{QStringLiteral("commission_harm"), QStringLiteral("omission_harm"),
                              QStringLiteral("risk"), QStringLiteral("reasoning"), QStringLiteral("preference")}));
    }

    void create_refusesToOverwriteAnExistingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("exists.concord"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("keep me");
        file.close();
        auto study = Study::create(path, {.title = QStringLiteral("x"), .rubric = defaultRubric()});
        QVERIFY(!study.ok());
        QVERIFY(study.errorMessage().contains(QStringLiteral("already exists")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep me"));
    }

    void open_reopensWhatWasWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("reopen.concord"));
        {
            SmallStudy s = makeStudy(path);
            RatingEvent e;
            e.annotatorId = s.annotator;
            e.responseId = s.responseB;
            e.axisId = s.study->rubric().axis(QStringLiteral("risk"))->id;
            e.value = 4;
            QVERIFY(RatingStore(*s.study).commit(e, QStringLiteral("Dr Okafor")).ok());
        }
        auto study = Study::open(path);
        QVERIFY2(study.ok(), qPrintable(study.errorMessage()));
        auto ratings = RatingStore(*study.value()).currentRatings();
        QCOMPARE(ratings->size(), 1);
        QCOMPARE(ratings->front().value.value_or(-1), 4.0);
        auto report = checkStudy(*study.value());
        QVERIFY2(report->healthy(), qPrintable(report->problems.join(QStringLiteral("; "))));
    }

    void open_migratesEveryPastSchemaFixture_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("version");
        const QDir folder(QStringLiteral(CONCORD_SOURCE_DIR "/data/fixtures"));
        for (int version = 1; version <= currentSchemaVersion(); ++version) {
            const QString name = QStringLiteral("schema-v%1.concord").arg(version);
            QVERIFY2(folder.exists(name), qPrintable(QStringLiteral("missing fixture %1").arg(name)));
            QTest::newRow(qPrintable(name)) << folder.filePath(name) << version;
        }
    }

    void open_migratesEveryPastSchemaFixture()
    {
        QFETCH(QString, fixture);
        QFETCH(int, version);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fixture.concord"));
        QVERIFY(QFile::copy(fixture, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(Study::peekSchemaVersion(path).value(), version);

        auto study = Study::open(path);
        QVERIFY2(study.ok(), qPrintable(study.errorMessage()));
        QCOMPARE(study.value()->schemaVersion(), currentSchemaVersion());
        // The data of the old version survives the migration.
        QCOMPARE(CaseStore(*study.value()).caseCount().value(), 3);
        QCOMPARE(CaseStore(*study.value()).responseCount().value(), 6);
        QCOMPARE(RatingStore(*study.value()).currentRatings()->size(), 6);
        auto report = checkStudy(*study.value());
        QVERIFY2(report->healthy(), qPrintable(report->problems.join(QStringLiteral("; "))));
        // Tables of later versions now exist and work.
        JudgeStore judges(*study.value());
        QVERIFY(judges.ensureRun(QStringLiteral("after migration")).ok());
        if (version < currentSchemaVersion()) {
            auto migrations =
                study.value()->exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'migrate'"));
            migrations->next();
            QCOMPARE(migrations->value(0).toInt(), currentSchemaVersion() - version);
        }
    }

    void open_failedMigrationIsRolledBackAndLeavesTheOldVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.concord"));
        QVERIFY(QFile::copy(QStringLiteral(CONCORD_SOURCE_DIR "/data/fixtures/schema-v1.concord"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        // A table that migration 2 wants to create already exists: the migration must fail as a whole.
        rawSql(path, {QStringLiteral("CREATE TABLE judge_score (x INTEGER)")});
        const QByteArray before = fileHash(path);
        auto study = Study::open(path);
        QVERIFY(!study.ok());
        QVERIFY2(study.errorMessage().contains(QStringLiteral("rolled back")), qPrintable(study.errorMessage()));
        QCOMPARE(Study::peekSchemaVersion(path).value(), 1);
        QCOMPARE(fileHash(path), before);
        // No half-made table of migration 2 is left behind.
        auto again = Study::peekSchemaVersion(path);
        QCOMPARE(again.value(), 1);
    }

    void open_refusesFilesThatAreNotStudiesAndLeavesThemUntouched_data()
    {
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text file") << QByteArray("text") << QStringLiteral("not an SQLite database");
        QTest::newRow("empty file") << QByteArray("empty") << QStringLiteral("the file is empty");
        QTest::newRow("other SQLite database") << QByteArray("sqlite") << QStringLiteral("another application");
        QTest::newRow("newer Concord version") << QByteArray("newer") << QStringLiteral("newer version of Concord");
        QTest::newRow("missing file") << QByteArray("missing") << QStringLiteral("no such file");
    }

    void open_refusesFilesThatAreNotStudiesAndLeavesThemUntouched()
    {
        QFETCH(QByteArray, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.concord"));
        if (kind == "text") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("case,response\nc1,r1\n");
        } else if (kind == "empty") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
        } else if (kind == "sqlite") {
            rawSql(path, {QStringLiteral("CREATE TABLE notes (body TEXT)"),
                          QStringLiteral("INSERT INTO notes VALUES ('hello')")});
        } else if (kind == "newer") {
            {
                (void)Study::create(path, {.title = QStringLiteral("x"), .rubric = defaultRubric()});
            }
            rawSql(path, {QStringLiteral("PRAGMA user_version = 99")});
        }
        const QByteArray before = fileHash(path);
        auto study = Study::open(path);
        QVERIFY(!study.ok());
        QVERIFY2(study.errorMessage().contains(expected), qPrintable(study.errorMessage()));
        QVERIFY2(study.errorMessage().contains(path), qPrintable(study.errorMessage()));
        QCOMPARE(fileHash(path), before);
        QCOMPARE(QFile::exists(path + QStringLiteral("-wal")), false);
    }

    void ratingEvents_areAppendOnly()
    {
        QTemporaryDir dir;
        SmallStudy s = makeStudy(dir.filePath(QStringLiteral("append.concord")));
        RatingEvent e;
        e.annotatorId = s.annotator;
        e.responseId = s.responseA;
        e.axisId = s.study->rubric().axis(QStringLiteral("risk"))->id;
        e.value = 2;
        QVERIFY(RatingStore(*s.study).commit(e, QStringLiteral("t")).ok());
        auto update = s.study->exec(QStringLiteral("UPDATE rating_event SET value = 3"));
        QVERIFY(!update.ok());
        QVERIFY(update.errorMessage().contains(QStringLiteral("append-only")));
        QVERIFY(!s.study->exec(QStringLiteral("DELETE FROM rating_event")).ok());
        QVERIFY(!s.study->exec(QStringLiteral("DELETE FROM audit_log")).ok());
    }

    void currentRating_isTheLatestEventAndClearingWithdrawsIt()
    {
        QTemporaryDir dir;
        SmallStudy s = makeStudy(dir.filePath(QStringLiteral("current.concord")));
        RatingStore ratings(*s.study);
        const qint64 risk = s.study->rubric().axis(QStringLiteral("risk"))->id;
        auto rate = [&](RatingStatus status, std::optional<double> value, qint64 response) {
            RatingEvent e;
            e.annotatorId = s.annotator;
            e.responseId = response;
            e.axisId = risk;
            e.status = status;
            e.value = value;
            auto id = ratings.commit(e, QStringLiteral("t"));
            QVERIFY2(id.ok(), qPrintable(id.errorMessage()));
        };
        rate(RatingStatus::Value, 2, s.responseA);
        rate(RatingStatus::Value, 3, s.responseA);
        rate(RatingStatus::Value, 1, s.responseB);
        auto current = ratings.currentRatings(risk);
        QCOMPARE(current->size(), 2);
        QCOMPARE(current->at(0).value.value_or(0), 3.0);        // the later event for response A wins
        rate(RatingStatus::Cleared, std::nullopt, s.responseA); // an undo: withdrawn, not deleted
        QCOMPARE(ratings.currentRatings(risk)->size(), 1);
        QCOMPARE(ratings.history(s.annotator, s.responseA, 0, risk)->size(), 3);
        QCOMPARE(ratings.eventCount().value(), 4);
        rate(RatingStatus::UnableToAssess, std::nullopt, s.responseA);
        QCOMPARE(ratings.currentRatings(risk)->size(), 2);
    }

    void ratingStore_rejectsValuesTheAxisDoesNotAllow_data()
    {
        QTest::addColumn<QString>("axis");
        QTest::addColumn<int>("status");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("likelihood");
        QTest::addColumn<QString>("expected");
        QTest::newRow("off scale") << "risk" << int(RatingStatus::Value) << 7.0 << QString() << "not on the scale";
        QTest::newRow("unable not allowed") << "reasoning" << int(RatingStatus::UnableToAssess) << -1.0 << QString()
                                            << "does not allow 'unable to assess'";
        QTest::newRow("n/a not offered") << "risk" << int(RatingStatus::NotApplicable) << -1.0 << QString()
                                         << "no 'not applicable'";
        QTest::newRow("unknown likelihood")
            << "commission_harm" << int(RatingStatus::Value) << 1.0 << QStringLiteral("certain") << "likelihood";
        QTest::newRow("likelihood on axis without one")
            << "risk" << int(RatingStatus::Value) << 1.0 << QStringLiteral("low") << "no likelihood modifier";
    }

    void ratingStore_rejectsValuesTheAxisDoesNotAllow()
    {
        QFETCH(QString, axis);
        QFETCH(int, status);
        QFETCH(double, value);
        QFETCH(QString, likelihood);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        SmallStudy s = makeStudy(dir.filePath(QStringLiteral("reject.concord")));
        RatingEvent e;
        e.annotatorId = s.annotator;
        e.responseId = s.responseA;
        e.axisId = s.study->rubric().axis(axis)->id;
        e.status = static_cast<RatingStatus>(status);
        if (value >= 0)
            e.value = value;
        e.likelihood = likelihood;
        auto id = RatingStore(*s.study).commit(e, QStringLiteral("t"));
        QVERIFY(!id.ok());
        QVERIFY2(id.errorMessage().contains(expected), qPrintable(id.errorMessage()));
        QCOMPARE(RatingStore(*s.study).eventCount().value(), 0);
    }

    void preference_isStoredAgainstResponseIdsNotScreenSides()
    {
        QTemporaryDir dir;
        SmallStudy s = makeStudy(dir.filePath(QStringLiteral("pref.concord")));
        RatingEvent e;
        e.annotatorId = s.annotator;
        e.comparisonId = s.comparison;
        e.axisId = s.study->rubric().axis(QStringLiteral("preference"))->id;
        e.value = 1;
        e.preferredResponseId = s.responseA;
        QVERIFY(RatingStore(*s.study).commit(e, QStringLiteral("t")).ok());
        auto current = RatingStore(*s.study).currentRatings(e.axisId);
        QCOMPARE(current->front().preferredResponseId, s.responseA);
        QCOMPARE(current->front().responseId, 0);
        // A preference cannot be recorded against a single response.
        RatingEvent wrong = e;
        wrong.comparisonId = 0;
        wrong.responseId = s.responseB;
        QVERIFY(!RatingStore(*s.study).commit(wrong, QStringLiteral("t")).ok());
    }

    void auditChain_isIntactAndDetectsTampering()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.concord"));
        {
            SmallStudy s = makeStudy(path);
            for (double v : {1.0, 2.0, 3.0}) {
                RatingEvent e;
                e.annotatorId = s.annotator;
                e.responseId = s.responseA;
                e.axisId = s.study->rubric().axis(QStringLiteral("risk"))->id;
                e.value = v;
                QVERIFY(RatingStore(*s.study).commit(e, QStringLiteral("t")).ok());
            }
            auto report = verifyAuditChain(*s.study);
            QVERIFY(report->intact());
            QCOMPARE(report->entries, 4); // created + three ratings
        }
        // Someone edits the log behind Concord's back (dropping the guard first).
        rawSql(path, {QStringLiteral("DROP TRIGGER audit_log_no_update"),
                      QStringLiteral("UPDATE audit_log SET actor = 'someone else' WHERE id = 3")});
        auto study = Study::open(path);
        QVERIFY(study.ok());
        auto report = verifyAuditChain(*study.value());
        QVERIFY(!report->intact());
        QCOMPARE(report->firstBrokenEntry, 3);
        QVERIFY(!checkStudy(*study.value())->healthy());
    }

    void stores_roundTripEveryEntity()
    {
        QTemporaryDir dir;
        SmallStudy s = makeStudy(dir.filePath(QStringLiteral("entities.concord")));
        const qint64 risk = s.study->rubric().axis(QStringLiteral("risk"))->id;

        AnnotatorStore annotators(*s.study);
        Assignment assignment;
        assignment.annotatorId = s.annotator;
        assignment.comparisonId = s.comparison;
        assignment.sequence = 7;
        assignment.responseOrder = {s.responseB, s.responseA};
        assignment.seed = 42;
        QVERIFY(annotators.insertAssignment(assignment).ok());
        auto assignments = annotators.assignmentsOf(s.annotator);
        QCOMPARE(assignments->size(), 1);
        QCOMPARE(assignments->front().responseOrder, (QVector<qint64>{s.responseB, s.responseA}));
        QCOMPARE(assignments->front().seed, 42);

        JudgeStore judges(*s.study);
        auto run = judges.ensureRun(QStringLiteral("judge-a"), QStringLiteral("scores.jsonl"));
        QVERIFY(run.ok());
        QCOMPARE(judges.ensureRun(QStringLiteral("judge-a"))->id, run->id);
        JudgeScore score;
        score.judgeRunId = run->id;
        score.responseId = s.responseA;
        score.axisId = risk;
        score.value = 2;
        score.probabilities = {{1, 0.1}, {2, 0.7}, {3, 0.15}, {4, 0.05}};
        score.confidence = 0.7;
        score.rationale = QStringLiteral("Dose is within limits.");
        QVERIFY(validateJudgeScore(*s.study->rubric().axis(QStringLiteral("risk")), score).ok());
        QVERIFY(judges.insertScore(score).ok());
        auto scores = judges.scores(run->id, risk);
        QCOMPARE(scores->size(), 1);
        QCOMPARE(scores->front().probabilities.size(), 4);
        QCOMPARE(scores->front().probabilities[1].second, 0.7);
        QCOMPARE(scores->front().confidence.value_or(0), 0.7);
        QVERIFY(!judges.insertScore(score).ok()); // one score per run, response and axis

        ErrorSpanStore spans(*s.study);
        ErrorSpan span;
        span.responseId = s.responseB;
        span.annotatorId = s.annotator;
        span.start = 6;
        span.end = 14;
        span.category = QStringLiteral("incorrect_recommendation");
        span.severity = 3;
        QVERIFY(spans.insert(span).ok());
        QCOMPARE(spans.spansOf(s.responseB)->size(), 1);
        QVERIFY(spans.markRemoved(span.id).ok());
        QCOMPARE(spans.spansOf(s.responseB)->size(), 0);
        QCOMPARE(spans.spansOf(s.responseB, true)->size(), 1);
        ErrorSpan empty = span;
        empty.end = empty.start;
        QVERIFY(!spans.insert(empty).ok());

        AdjudicationStore adjudications(*s.study);
        Adjudication first{0,
                           {},
                           s.responseB,
                           risk,
                           3,
                           QStringLiteral("lead"),
                           QStringLiteral("disagreement"),
                           QStringLiteral("dose error is clinically significant"),
                           {1, 2},
                           {}};
        QVERIFY(adjudications.insert(first).ok());
        Adjudication second = first;
        second.id = 0;
        second.uuid.clear();
        second.value = 4;
        QVERIFY(adjudications.insert(second).ok());
        auto current = adjudications.current(risk);
        QCOMPARE(current->size(), 1);
        QCOMPARE(current->front().value.value_or(0), 4.0);
        QCOMPARE(current->front().consideredEventIds, (QVector<qint64>{1, 2}));
    }
};

QTEST_GUILESS_MAIN(TestStudyFile)
#include "tst_studyfile.moc"
