// One annotator's working session on a study file: the seeded, counterbalanced queue and where it resumes, moving
// between comparisons, blinding, refusals to start, and writes that fail while another program holds the file.
// Ratings and undo: tst_annotationratings; comments, flags and error spans: tst_annotationnotes.
#include "model/formats/importer.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "tests/model/annotation/annotationsessionfixture.h"

#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <cstdlib>

using namespace concord;
using namespace concord::annotationtest;

namespace {

// Another program holding the study's write lock (BEGIN IMMEDIATE on its own connection).
class WriteLock
{
public:
    explicit WriteLock(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName());
        db.setDatabaseName(path);
        m_locked = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~WriteLock()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(connectionName(), false);
            if (db.isOpen()) {
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(connectionName());
    }
    WriteLock(const WriteLock &) = delete;
    WriteLock &operator=(const WriteLock &) = delete;
    bool locked() const { return m_locked; }

private:
    static QString connectionName() { return QStringLiteral("test-write-lock"); }
    bool m_locked = false;
};

} // namespace

class TestAnnotationSession : public QObject, private AnnotationSessionFixture
{
    Q_OBJECT

private:
    const FixtureComparison *fixtureOf(qint64 comparisonId) const
    {
        const auto found = std::find_if(m_pairs.begin(), m_pairs.end(),
                                        [&](const FixtureComparison &c) { return c.id == comparisonId; });
        return found == m_pairs.end() ? nullptr : &*found;
    }

    QVector<std::pair<qint64, QVector<qint64>>> queueOf(const AnnotationSession &session) const
    {
        QVector<std::pair<qint64, QVector<qint64>>> queue;
        for (int row = 0; row < session.count(); ++row)
            queue.push_back({session.entry(row).comparisonId, session.entry(row).responseOrder});
        return queue;
    }

private slots:
    void init() { createStudy(); }
    void cleanup() { removeStudy(); }

    // --- the queue -------------------------------------------------------------------------------------------------

    void start_createsTheAnnotatorAndAssignsEveryComparison()
    {
        auto session = startSession();
        QVERIFY(session);
        QVERIFY(session->annotator().id > 0);
        QCOMPARE(session->annotator().name, kAnnotator);
        QVERIFY(!session->annotator().retired);

        auto stored = AnnotatorStore(*m_study).annotatorByName(kAnnotator);
        CONCORD_VERIFY_OK(stored);
        QVERIFY(stored.value().has_value());
        QCOMPARE(stored.value()->id, session->annotator().id);

        auto assignments = AnnotatorStore(*m_study).assignmentsOf(session->annotator().id);
        CONCORD_VERIFY_OK(assignments);
        QCOMPARE(assignments->size(), kPairs);
        QCOMPARE(session->count(), kPairs);
        QSet<qint64> assigned;
        for (int row = 0; row < kPairs; ++row) {
            const Assignment &assignment = assignments->at(row);
            QCOMPARE(assignment.sequence, row + 1);
            QCOMPARE(assignment.seed, qint64(kSeed));
            assigned.insert(assignment.comparisonId);
            const FixtureComparison *fixture = fixtureOf(assignment.comparisonId);
            QVERIFY(fixture);
            QVector<qint64> order = assignment.responseOrder;
            std::sort(order.begin(), order.end());
            QCOMPARE(order, fixture->responses); // a permutation of the comparison's responses

            const QueueEntry &entry = session->entry(row);
            QCOMPARE(entry.assignmentId, assignment.id);
            QCOMPARE(entry.comparisonId, assignment.comparisonId);
            QCOMPARE(entry.sequence, row + 1);
            QCOMPARE(entry.responseOrder, assignment.responseOrder);
            QCOMPARE(entry.caseId, fixture->caseId);
            QCOMPARE(entry.caseExternalId, fixture->caseExternalId);
            QVERIFY(!entry.task.isEmpty());
            QCOMPARE(entry.required, 9);
            QCOMPARE(entry.filled, 0);
            QCOMPARE(toString(entry.progress()), toString(ComparisonProgress::NotStarted));
            QVERIFY(!entry.flagged);
            QCOMPARE(session->rowOfComparison(entry.comparisonId), row);
        }
        QCOMPARE(assigned.size(), kPairs);
        QCOMPARE(session->rowOfComparison(987654), -1);

        QCOMPARE(session->currentRow(), 0);
        QCOMPARE(session->currentComparisonId(), session->entry(0).comparisonId);
        QVector<qint64> shown;
        for (const ResponseRecord &response : session->current().responses)
            shown << response.id;
        QCOMPARE(shown, session->entry(0).responseOrder); // the screen order is the stored one
        QCOMPARE(session->current().caseRecord.id, session->entry(0).caseId);
        QVERIFY(session->current().caseRecord.input.startsWith(QStringLiteral("Question ")));
        QCOMPARE(session->undoStack()->count(), 0);
    }

    void start_trimsTheNameAndFindsTheSameAnnotator()
    {
        auto first = startSession();
        QVERIFY(first);
        const qint64 id = first->annotator().id;
        first.reset();
        auto second = startSession(QStringLiteral("  ") + kAnnotator + QStringLiteral("\t"));
        QVERIFY(second);
        QCOMPARE(second->annotator().id, id);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM annotator")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM assignment")), kPairs);
    }

    void start_sameSeedGivesTheSameOrder()
    {
        auto first = startSession(QStringLiteral("Dr A"), 1234);
        auto second = startSession(QStringLiteral("Dr B"), 1234);
        auto other = startSession(QStringLiteral("Dr C"), 99);
        QVERIFY(first && second && other);
        QCOMPARE(queueOf(*second), queueOf(*first));
        // 8 comparisons: 8! orders; another seed gives another order (fixed for a given standard library).
        QVERIFY(queueOf(*other) != queueOf(*first));
        QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT seed) FROM assignment WHERE annotator_id = ?"),
                        {second->annotator().id}),
                 1);
        QCOMPARE(
            scalar(QStringLiteral("SELECT min(seed) FROM assignment WHERE annotator_id = ?"), {second->annotator().id}),
            1234);
    }

    void start_withoutSeedStoresARandomOneAndKeepsTheAssignments()
    {
        auto session = startSession(kAnnotator, 0);
        QVERIFY(session);
        const qint64 seed = scalar(QStringLiteral("SELECT min(seed) FROM assignment WHERE annotator_id = ?"),
                                   {session->annotator().id});
        QVERIFY(seed != 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(DISTINCT seed) FROM assignment")), 1);
        const auto queue = queueOf(*session);
        session.reset();

        QVERIFY(reopen());
        session = startSession(kAnnotator, 0); // a returning annotator keeps their queue, whatever the seed
        QVERIFY(session);
        QCOMPARE(queueOf(*session), queue);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM assignment")), kPairs);
        QCOMPARE(scalar(QStringLiteral("SELECT min(seed) FROM assignment")), seed);
    }

    void start_counterbalancesTheSidesOfPairs_data()
    {
        QTest::addColumn<quint64>("seed");
        for (quint64 seed : {1ULL, 2ULL, 3ULL, 42ULL, 2024ULL, 9'007'199'254'740'993ULL})
            QTest::addRow("seed %llu", seed) << seed;
    }

    void start_counterbalancesTheSidesOfPairs()
    {
        QFETCH(quint64, seed);
        auto session = startSession(kAnnotator, seed);
        QVERIFY(session);
        int storedFirstLeads = 0;
        for (int row = 0; row < session->count(); ++row) {
            const QueueEntry &entry = session->entry(row);
            const FixtureComparison *fixture = fixtureOf(entry.comparisonId);
            QVERIFY(fixture);
            if (entry.responseOrder.first() == fixture->responses.first())
                ++storedFirstLeads;
        }
        QVERIFY2(
            std::abs(2 * storedFirstLeads - kPairs) <= 1,
            qPrintable(
                QStringLiteral("the first stored response leads %1 of %2 pairs").arg(storedFirstLeads).arg(kPairs)));
    }

    void start_counterbalancesPairsAlsoAmongTriples()
    {
        // Comparisons of three responses between the pairs: each pair's side should still lead about half the time.
        for (int i = 1; i <= kPairs; ++i)
            QVERIFY(addComparison(QStringLiteral("triple-%1").arg(i), 3).id > 0);
        int worst = 0;
        QString worstSeed;
        for (quint64 seed = 1; seed <= 20; ++seed) {
            auto session = startSession(QStringLiteral("Rater %1").arg(seed), seed);
            QVERIFY(session);
            int storedFirstLeads = 0;
            for (int row = 0; row < session->count(); ++row) {
                const QueueEntry &entry = session->entry(row);
                if (const FixtureComparison *pair = fixtureOf(entry.comparisonId)) {
                    if (entry.responseOrder.first() == pair->responses.first())
                        ++storedFirstLeads;
                }
            }
            const int imbalance = std::abs(2 * storedFirstLeads - kPairs);
            if (imbalance > worst) {
                worst = imbalance;
                worstSeed = QStringLiteral("seed %1: the first stored response leads %2 of %3 pairs")
                                .arg(seed)
                                .arg(storedFirstLeads)
                                .arg(kPairs);
            }
        }
        QVERIFY2(worst <= 1, qPrintable(worstSeed));
    }

    void start_queuesImportedSingleResponseCases()
    {
        // A comparison is a case with 1..N of its responses; the session handles one-response
        // comparisons (4 required ratings), but the importer creates comparisons only for two or more responses.
        const QString path = m_dir->filePath(QStringLiteral("single.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"kind":"case","id":"single-1","input":"Is 4 g of paracetamol a day safe?",)"
                   R"("responses":[{"id":"a","system":"Aster","text":"Yes, for most adults."}]})"
                   "\n");
        file.close();
        CONCORD_VERIFY_OK(importFile(*m_study, path, {}));

        auto session = startSession();
        QVERIFY(session);
        QCOMPARE(session->count(), kPairs + 1);
    }

    void start_refusesRetiredAndNamelessAnnotators_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QString() << QStringLiteral("needs a name");
        QTest::newRow("blank") << QStringLiteral(" \t ") << QStringLiteral("needs a name");
        QTest::newRow("retired") << QStringLiteral("Dr Retired") << QStringLiteral("retired");
    }

    void start_refusesRetiredAndNamelessAnnotators()
    {
        QFETCH(QString, name);
        QFETCH(QString, message);
        Annotator retired;
        retired.name = QStringLiteral("Dr Retired");
        retired.retired = true;
        CONCORD_VERIFY_OK(AnnotatorStore(*m_study).insertAnnotator(retired));

        auto started = AnnotationSession::start(*m_study, options(name));
        QVERIFY(!started.ok());
        QVERIFY2(started.errorMessage().contains(message), qPrintable(started.errorMessage()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM annotator")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM assignment")), 0);
    }

    void start_refusesAStudyOpenReadOnly()
    {
        QVERIFY(reopen(Study::Access::ReadOnly));
        auto started = AnnotationSession::start(*m_study, options());
        QVERIFY(!started.ok());
        QVERIFY2(started.errorMessage().contains(QStringLiteral("read-only")), qPrintable(started.errorMessage()));
        QVERIFY(reopen());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM annotator")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM assignment")), 0);
    }

    void start_onAStudyWithoutComparisonsShowsNothing()
    {
        m_study.reset();
        m_path = m_dir->filePath(QStringLiteral("empty.concord"));
        auto created = Study::create(m_path, {.title = QStringLiteral("empty"), .rubric = defaultRubric()});
        CONCORD_VERIFY_OK(created);
        m_study = std::move(created).value();
        auto session = startSession();
        QVERIFY(session);
        QCOMPARE(session->count(), 0);
        QCOMPARE(session->currentRow(), -1);
        QCOMPARE(session->currentComparisonId(), 0);
        QCOMPARE(session->firstUnfinishedRow(), -1);
        QVERIFY(session->requiredKeys().isEmpty());
        QVERIFY(!session->goTo(0).ok());
        QVERIFY(!session->setComment(0, QStringLiteral("nothing to comment on")).ok());
        QVERIFY(!session->setFlagged(true).ok());
    }

    void reopen_resumesAtTheFirstUnfinishedComparison()
    {
        auto session = startSession();
        QVERIFY(session);
        const auto queue = queueOf(*session);
        CONCORD_VERIFY_OK(fillCurrent(*session, 1'000));
        CONCORD_VERIFY_OK(session->goTo(1));
        const RatingKey kept = keyOf(*session, 1, QStringLiteral("risk"));
        const RatingKey undone = keyOf(*session, 0, QStringLiteral("risk"));
        CONCORD_VERIFY_OK(session->setRating(kept, RatingState::ofValue(3)));
        CONCORD_VERIFY_OK(session->setRating(undone, RatingState::ofValue(4)));
        session->undo(); // a 'cleared' event: not counted as filled
        CONCORD_VERIFY_OK(session->goTo(2));
        CONCORD_VERIFY_OK(fillCurrent(*session, 1'000));
        session.reset();

        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QCOMPARE(queueOf(*session), queue);
        QCOMPARE(session->currentRow(), 1);
        QCOMPARE(session->firstUnfinishedRow(), 1);
        QCOMPARE(toString(session->entry(0).progress()), toString(ComparisonProgress::Done));
        QCOMPARE(toString(session->entry(1).progress()), toString(ComparisonProgress::Partial));
        QCOMPARE(session->entry(1).filled, 1);
        QCOMPARE(toString(session->entry(2).progress()), toString(ComparisonProgress::Done));
        QCOMPARE(toString(session->entry(3).progress()), toString(ComparisonProgress::NotStarted));
        QCOMPARE(session->doneCount(), 2);
        QCOMPARE(stateText(session->rating(kept)), stateText(RatingState::ofValue(3)));
        QCOMPARE(stateText(session->rating(undone)), stateText(RatingState{}));
        QCOMPARE(session->missingKeys().size(), 8);
        QCOMPARE(session->undoStack()->count(), 0); // undo does not reach into a past session

        CONCORD_VERIFY_OK(fillCurrent(*session));
        session.reset();
        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QCOMPARE(session->currentRow(), 3);
        QCOMPARE(session->doneCount(), 3);
    }

    void start_whenEverythingIsDoneShowsTheFirstComparison()
    {
        auto session = startSession();
        QVERIFY(session);
        for (int row = 0; row < session->count(); ++row) {
            CONCORD_VERIFY_OK(session->goTo(row));
            CONCORD_VERIFY_OK(fillCurrent(*session, 2'000));
        }
        QCOMPARE(session->doneCount(), kPairs);
        QCOMPARE(session->firstUnfinishedRow(), -1);
        QCOMPARE(session->estimatedSecondsLeft(), std::optional<double>(0.0));
        session.reset();

        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QCOMPARE(session->currentRow(), 0);
        QCOMPARE(session->doneCount(), kPairs);
        QVERIFY(session->missingKeys().isEmpty());
    }

    void goTo_showsTheComparisonAndRestartsTheClock()
    {
        auto session = startSession();
        QVERIFY(session);
        QSignalSpy current(session.get(), &AnnotationSession::currentChanged);
        m_nowMs += 30'000;
        QCOMPARE(session->clock().pending(), 30.0);
        CONCORD_VERIFY_OK(session->goTo(3));
        QCOMPARE(session->currentRow(), 3);
        QCOMPARE(session->currentComparisonId(), session->entry(3).comparisonId);
        QCOMPARE(current.count(), 1);
        QCOMPARE(current.first().first().toInt(), 3);
        QCOMPARE(session->clock().pending(), 0.0);

        for (int bad : {-1, kPairs, kPairs + 5}) {
            QVERIFY(!session->goTo(bad).ok());
            QCOMPARE(session->currentRow(), 3);
        }
        QCOMPARE(current.count(), 1);
    }

    // --- blinding --------------------------------------------------------------------------------------------------

    void current_neverCarriesSystemNames()
    {
        auto responses = CaseStore(*m_study).responses();
        CONCORD_VERIFY_OK(responses);
        for (const ResponseRecord &response : responses.value())
            QVERIFY(!response.system.isEmpty()); // the study knows the systems

        auto session = startSession();
        QVERIFY(session);
        for (int row = 0; row < session->count(); ++row) {
            CONCORD_VERIFY_OK(session->goTo(row));
            const ComparisonContent &content = session->current();
            QCOMPARE(content.responses.size(), 2);
            for (int i = 0; i < content.responses.size(); ++i) {
                const ResponseRecord &response = content.responses[i];
                QCOMPARE(response.id, session->entry(row).responseOrder[i]);
                QCOMPARE(response.system, QString());
                QVERIFY(!response.text.isEmpty());
                for (const QString &system : kSystems) {
                    QVERIFY(!response.text.contains(system));
                    QVERIFY(!response.metadataJson.contains(system));
                    const RatingKey key{session->currentComparisonId(), response.id, axisId(QStringLiteral("risk"))};
                    QVERIFY(!session->describe(key).contains(system));
                }
            }
        }
    }

    // --- failed writes ---------------------------------------------------------------------------------------------

    // A rating waits for the other program and lands afterwards (tst_ratingdurability has more); the other writes
    // fail with saveFailed and leave the screen showing what the file holds.
    void writes_whileAnotherProgramHoldsTheLock_ratingWaitsOthersFailWithSaveFailed()
    {
        auto session = startSession();
        QVERIFY(session);
        const RatingKey key = keyOf(*session, 0, QStringLiteral("risk"));
        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(2)));
        {
            QSqlQuery pragma(m_study->database());
            QVERIFY2(pragma.exec(QStringLiteral("PRAGMA busy_timeout = 0")), qPrintable(pragma.lastError().text()));
        }
        const qint64 events = eventCount();
        QSignalSpy failed(session.get(), &AnnotationSession::saveFailed);
        QSignalSpy saved(session.get(), &AnnotationSession::saved);
        QSignalSpy entryChanged(session.get(), &AnnotationSession::entryChanged);
        {
            WriteLock lock(m_path);
            QVERIFY(lock.locked());

            CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(3)));
            QVERIFY(session->waitingForWriter());
            QCOMPARE(stateText(session->rating(key)), stateText(RatingState::ofValue(3))); // kept, shown
            QCOMPARE(session->undoStack()->count(), 2);
            QVERIFY(!session->setComment(0, QStringLiteral("lost?")).ok());
            QCOMPARE(session->comment(0), QString());
            QVERIFY(!session->setFlagged(true, QStringLiteral("lost?")).ok());
            QVERIFY(!session->flagged());
            QVERIFY(!session->addSpan(key.responseId, 0, 3, QStringLiteral("other"), 1).ok());
            QVERIFY(session->spans(key.responseId).isEmpty());

            QCOMPARE(failed.count(), 3);
            for (const auto &arguments : failed)
                QVERIFY(!arguments.first().toString().isEmpty());
            QCOMPARE(saved.count(), 0);
            QCOMPARE(entryChanged.count(), 1); // the waiting rating
            QCOMPARE(session->entry(0).filled, 1);
            QVERIFY(!session->entry(0).flagged);
            QCOMPARE(eventCount(), events);
        }
        // The lock is gone: the waiting rating lands, the others did not.
        QTRY_VERIFY_WITH_TIMEOUT(!session->waitingForWriter(), 3000);
        QCOMPARE(eventCount(), events + 1);
        QCOMPARE(saved.count(), 1);
        QCOMPARE(lastEvent().value, std::optional<double>(3));
        QCOMPARE(noteCount(), 0);
        QCOMPARE(spanCount(), 0);
    }

    void undo_whileAnotherProgramHoldsTheLock_waitsAndLands()
    {
        auto session = startSession();
        QVERIFY(session);
        const RatingKey key = keyOf(*session, 0, QStringLiteral("risk"));
        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(2)));
        {
            QSqlQuery pragma(m_study->database());
            QVERIFY(pragma.exec(QStringLiteral("PRAGMA busy_timeout = 0")));
        }
        const qint64 events = eventCount();
        QSignalSpy failed(session.get(), &AnnotationSession::saveFailed);
        {
            WriteLock lock(m_path);
            QVERIFY(lock.locked());
            session->undo();
            QVERIFY(session->waitingForWriter());
            QCOMPARE(eventCount(), events);
            QCOMPARE(stateText(session->rating(key)), stateText(RatingState{})); // shown undone
            QVERIFY(session->undoStack()->canRedo());
        }
        QTRY_VERIFY_WITH_TIMEOUT(!session->waitingForWriter(), 3000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(eventCount(), events + 1);
        QCOMPARE(stateText(session->rating(key)), stateText(RatingState{}));
        session->redo();
        QCOMPARE(eventCount(), events + 2);
        QCOMPARE(stateText(session->rating(key)), stateText(RatingState::ofValue(2)));
    }
};

QTEST_GUILESS_MAIN(TestAnnotationSession)
#include "tst_annotationsession.moc"
