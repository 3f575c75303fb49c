// One annotator's working session on a study file: the seeded, counterbalanced queue and where it resumes, ratings
// as append-only events with their active seconds, undo and redo as further events, what the rubric allows,
// progress and the time estimate, comments and flags (AnnotationNoteStore), error spans, blinding, refusals and
// failed writes.
#include "model/annotationextrasstore.h"
#include "model/annotationnotestore.h"
#include "model/annotationsession.h"
#include "model/annotatorstore.h"
#include "model/casestore.h"
#include "model/importer.h"
#include "model/judgestore.h"
#include "model/ratingstore.h"
#include "model/study.h"
#include "tests/testsupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>

using namespace concord;

namespace {

const QString kAnnotator = QStringLiteral("Dr Amara Okafor");
const QStringList kSystems{QStringLiteral("Aster"), QStringLiteral("Birch"), QStringLiteral("Cedar")};
constexpr quint64 kSeed = 20240601;
constexpr int kPairs = 8;
constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

// A comparison of the fixture, its responses in their stored (not screen) order.
struct FixtureComparison
{
    qint64 id = 0;
    qint64 caseId = 0;
    QString caseExternalId;
    QVector<qint64> responses;
};

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

// A readable form of a rating state, for comparisons with useful failure messages.
QString stateText(const RatingState &state)
{
    switch (state.status) {
    case RatingStatus::Cleared:
        return QStringLiteral("cleared");
    case RatingStatus::UnableToAssess:
        return QStringLiteral("unable");
    case RatingStatus::NotApplicable:
        return QStringLiteral("not applicable");
    case RatingStatus::Value:
        break;
    }
    QString text = state.value ? QStringLiteral("value %1").arg(*state.value) : QStringLiteral("value missing");
    if (state.preferredResponseId > 0)
        text += QStringLiteral(" preferring %1").arg(state.preferredResponseId);
    if (!state.likelihood.isEmpty())
        text += QStringLiteral(" (%1)").arg(state.likelihood);
    return text;
}

RatingState validStateFor(const Axis &axis)
{
    return axis.target == AxisTarget::Comparison ? RatingState::preference(0)
                                                 : RatingState::ofValue(axis.points.first().value);
}

} // namespace

class TestAnnotationSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Study> m_study;
    QVector<FixtureComparison> m_pairs;
    qint64 m_nowMs = 0;

    qint64 axisId(const QString &key) const { return m_study->rubric().axis(key)->id; }

    FixtureComparison addComparison(const QString &externalId, int responseCount)
    {
        CaseStore cases(*m_study);
        FixtureComparison added;
        CaseRecord record;
        record.externalId = externalId;
        record.task =
            externalId.endsWith(QLatin1Char('2')) ? QStringLiteral("note_summary") : QStringLiteral("patient_question");
        record.input = QStringLiteral("Question %1: can I take ibuprofen while on warfarin?").arg(externalId);
        record.reference = QStringLiteral("Avoid ibuprofen; paracetamol is safer.");
        if (auto inserted = cases.insertCase(record); !inserted.ok()) {
            qWarning("%s", qPrintable(inserted.errorMessage()));
            return added;
        }
        added.caseId = record.id;
        added.caseExternalId = externalId;
        for (int i = 0; i < responseCount; ++i) {
            ResponseRecord response;
            response.caseId = record.id;
            response.externalId = QStringLiteral("r%1").arg(i + 1);
            response.system = kSystems[i % kSystems.size()];
            response.text = QStringLiteral("Answer %1 to %2: avoid ibuprofen and take paracetamol instead.")
                                .arg(i + 1)
                                .arg(externalId);
            if (auto inserted = cases.insertResponse(response); !inserted.ok()) {
                qWarning("%s", qPrintable(inserted.errorMessage()));
                return added;
            }
            added.responses << response.id;
        }
        ComparisonRecord comparison{0, {}, record.id, added.responses};
        if (auto inserted = cases.insertComparison(comparison); !inserted.ok()) {
            qWarning("%s", qPrintable(inserted.errorMessage()));
            return added;
        }
        added.id = comparison.id;
        return added;
    }

    AnnotationSession::Options options(const QString &name = kAnnotator, quint64 seed = kSeed,
                                       double idleTimeoutSeconds = 60.0)
    {
        return {.annotatorName = name,
                .clock = [this] { return m_nowMs; },
                .idleTimeoutSeconds = idleTimeoutSeconds,
                .assignmentSeed = seed};
    }

    std::unique_ptr<AnnotationSession> startSession(const QString &name = kAnnotator, quint64 seed = kSeed,
                                                    double idleTimeoutSeconds = 60.0)
    {
        auto started = AnnotationSession::start(*m_study, options(name, seed, idleTimeoutSeconds));
        if (!started.ok()) {
            qWarning("start: %s", qPrintable(started.errorMessage()));
            return {};
        }
        return std::move(started).value();
    }

    // Closes and reopens the study file; sessions on it must be gone.
    bool reopen(Study::Access access = Study::Access::ReadWrite)
    {
        m_study.reset();
        auto opened = Study::open(m_path, access);
        if (!opened.ok()) {
            qWarning("reopen: %s", qPrintable(opened.errorMessage()));
            return false;
        }
        m_study = std::move(opened).value();
        return true;
    }

    qint64 scalar(const QString &sql, const QVariantList &bindings = {}) const
    {
        auto query = m_study->exec(sql, bindings);
        if (!query.ok() || !query->next()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.errorMessage()));
            return -1;
        }
        return query->value(0).toLongLong();
    }

    qint64 eventCount() const { return scalar(QStringLiteral("SELECT count(*) FROM rating_event")); }
    qint64 noteCount() const { return scalar(QStringLiteral("SELECT count(*) FROM annotation_note")); }
    qint64 spanCount() const { return scalar(QStringLiteral("SELECT count(*) FROM error_span")); }

    RatingEvent lastEvent() const
    {
        auto query = m_study->exec(QStringLiteral("SELECT ") + kRatingEventColumns +
                                   QStringLiteral(" FROM rating_event ORDER BY id DESC LIMIT 1"));
        if (!query.ok() || !query->next())
            return {};
        return readRatingEvent(query.value());
    }

    // The key of an axis of the comparison on screen: of its screenIndex-th response, or (-1) of the comparison.
    RatingKey keyOf(const AnnotationSession &session, int screenIndex, const QString &axis) const
    {
        return RatingKey{session.currentComparisonId(),
                         screenIndex < 0 ? 0 : session.current().responses.value(screenIndex).id, axisId(axis)};
    }

    const FixtureComparison *fixtureOf(qint64 comparisonId) const
    {
        const auto found = std::find_if(m_pairs.begin(), m_pairs.end(),
                                        [&](const FixtureComparison &c) { return c.id == comparisonId; });
        return found == m_pairs.end() ? nullptr : &*found;
    }

    // Sets every rating the comparison on screen still needs, each after stepMs of activity.
    Status fillCurrent(AnnotationSession &session, qint64 stepMs = 0)
    {
        for (const RatingKey &key : session.missingKeys()) {
            m_nowMs += stepMs;
            if (auto set = session.setRating(key, validStateFor(*m_study->rubric().axisById(key.axisId))); !set.ok())
                return set;
        }
        return {};
    }

    QVector<std::pair<qint64, QVector<qint64>>> queueOf(const AnnotationSession &session) const
    {
        QVector<std::pair<qint64, QVector<qint64>>> queue;
        for (int row = 0; row < session.count(); ++row)
            queue.push_back({session.entry(row).comparisonId, session.entry(row).responseOrder});
        return queue;
    }

private slots:
    void init()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("session.concord"));
        auto created = Study::create(m_path, {.title = QStringLiteral("Session test"), .rubric = defaultRubric()});
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        m_study = std::move(created).value();
        m_nowMs = 5'000'000;
        m_pairs.clear();
        CONCORD_VERIFY_OK(m_study->inTransaction([&]() -> Status {
            for (int i = 1; i <= kPairs; ++i) {
                m_pairs << addComparison(QStringLiteral("case-%1").arg(i), 2);
                if (m_pairs.back().id <= 0)
                    return Error{QStringLiteral("the fixture's comparison %1 was not added").arg(i)};
            }
            return {};
        }));
    }

    void cleanup()
    {
        m_study.reset();
        m_dir.reset();
    }

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
        // DESIGN.md: a comparison is a case with 1..N of its responses; the session handles one-response
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

    // --- ratings ---------------------------------------------------------------------------------------------------

    void setRating_writesOneEventWithActiveSeconds_data()
    {
        QTest::addColumn<double>("idleTimeout");
        QTest::addColumn<QList<qint64>>("gapsMs"); // input after each gap but the last; then the rating
        QTest::addColumn<double>("activeSeconds");

        QTest::newRow("at once") << 60.0 << QList<qint64>{0} << 0.0;
        QTest::newRow("12 s of reading") << 60.0 << QList<qint64>{12'000} << 12.0;
        QTest::newRow("idle for 5 min: capped at the timeout") << 60.0 << QList<qint64>{300'000} << 60.0;
        QTest::newRow("scrolling every 50 s for 150 s") << 60.0 << QList<qint64>{50'000, 50'000, 50'000} << 150.0;
        QTest::newRow("idle, back, 10 s") << 60.0 << QList<qint64>{200'000, 10'000} << 70.0;
        QTest::newRow("30 s timeout caps a 100 s pause") << 30.0 << QList<qint64>{100'000} << 30.0;
    }

    void setRating_writesOneEventWithActiveSeconds()
    {
        QFETCH(double, idleTimeout);
        QFETCH(QList<qint64>, gapsMs);
        QFETCH(double, activeSeconds);

        auto session = startSession(kAnnotator, kSeed, idleTimeout);
        QVERIFY(session);
        QSignalSpy saved(session.get(), &AnnotationSession::saved);
        QSignalSpy entryChanged(session.get(), &AnnotationSession::entryChanged);
        QSignalSpy failed(session.get(), &AnnotationSession::saveFailed);
        QSignalSpy changed(session.get(), &AnnotationSession::ratingChanged);

        for (int i = 0; i < gapsMs.size(); ++i) {
            m_nowMs += gapsMs[i];
            if (i + 1 < gapsMs.size())
                session->clock().noteActivity();
        }
        const qint64 before = eventCount();
        const RatingKey key = keyOf(*session, 0, QStringLiteral("risk"));
        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(2)));

        QCOMPARE(eventCount(), before + 1);
        const RatingEvent event = lastEvent();
        QCOMPARE(event.annotatorId, session->annotator().id);
        QCOMPARE(event.responseId, key.responseId);
        QCOMPARE(event.comparisonId, 0);
        QCOMPARE(event.axisId, axisId(QStringLiteral("risk")));
        QCOMPARE(toString(event.status), toString(RatingStatus::Value));
        QCOMPARE(event.value, std::optional<double>(2.0));
        QCOMPARE(event.activeSeconds, activeSeconds);
        QCOMPARE(event.rubricVersion, m_study->rubric().version);
        QVERIFY(!event.uuid.isEmpty());
        QVERIFY(!event.createdAt.isEmpty());

        QCOMPARE(stateText(session->rating(key)), stateText(RatingState::ofValue(2)));
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.first().first().toString(), QStringLiteral("rating"));
        QCOMPARE(entryChanged.count(), 1);
        QCOMPARE(entryChanged.first().first().toInt(), 0);
        QCOMPARE(changed.count(), 1);
        QVERIFY(changed.first().first().value<RatingKey>() == key);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(session->entry(0).filled, 1);
        QCOMPARE(session->entry(0).activeSeconds, activeSeconds);
        QCOMPARE(session->undoStack()->count(), 1);
        QCOMPARE(session->undoStack()->undoText(), QStringLiteral("Response A: Safety / risk"));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'rating'")), 1);

        // The next rating right away: the time was handed over with the first.
        CONCORD_VERIFY_OK(session->setRating(keyOf(*session, 1, QStringLiteral("risk")), RatingState::ofValue(1)));
        QCOMPARE(lastEvent().activeSeconds, 0.0);
        QCOMPARE(session->entry(0).activeSeconds, activeSeconds);
    }

    void setRating_toTheSameStateWritesNothing()
    {
        auto session = startSession();
        QVERIFY(session);
        const RatingKey key = keyOf(*session, 0, QStringLiteral("commission_harm"));
        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(1, QStringLiteral("low"))));
        const qint64 events = eventCount();
        QSignalSpy saved(session.get(), &AnnotationSession::saved);
        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(1, QStringLiteral("low"))));
        CONCORD_VERIFY_OK(session->setRating(keyOf(*session, 1, QStringLiteral("risk")), RatingState{}));
        QCOMPARE(eventCount(), events);
        QCOMPARE(saved.count(), 0);
        QCOMPARE(session->undoStack()->count(), 1);
    }

    void setRating_storesWhatTheAxisAllows_data()
    {
        QTest::addColumn<QString>("axis");
        QTest::addColumn<int>("status"); // RatingStatus
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("likelihood");
        QTest::addColumn<QString>("storedStatus");

        const int value = int(RatingStatus::Value);
        QTest::newRow("risk value") << QStringLiteral("risk") << value << 4.0 << QString() << QStringLiteral("value");
        QTest::newRow("harm of 0") << QStringLiteral("omission_harm") << value << 0.0 << QString()
                                   << QStringLiteral("value");
        QTest::newRow("harm with likelihood")
            << QStringLiteral("commission_harm") << value << 3.0 << QStringLiteral("high") << QStringLiteral("value");
        QTest::newRow("unable on commission harm")
            << QStringLiteral("commission_harm") << int(RatingStatus::UnableToAssess) << kNoValue << QString()
            << QStringLiteral("unable");
        QTest::newRow("unable on risk") << QStringLiteral("risk") << int(RatingStatus::UnableToAssess) << kNoValue
                                        << QString() << QStringLiteral("unable");
        QTest::newRow("not applicable on reasoning") << QStringLiteral("reasoning") << int(RatingStatus::NotApplicable)
                                                     << kNoValue << QString() << QStringLiteral("not_applicable");
        QTest::newRow("reasoning value") << QStringLiteral("reasoning") << value << 2.0 << QString()
                                         << QStringLiteral("value");
    }

    void setRating_storesWhatTheAxisAllows()
    {
        QFETCH(QString, axis);
        QFETCH(int, status);
        QFETCH(double, value);
        QFETCH(QString, likelihood);
        QFETCH(QString, storedStatus);

        RatingState state;
        state.status = RatingStatus(status);
        if (!std::isnan(value))
            state.value = value;
        state.likelihood = likelihood;

        auto session = startSession();
        QVERIFY(session);
        const RatingKey key = keyOf(*session, 1, axis);
        CONCORD_VERIFY_OK(session->setRating(key, state));
        QCOMPARE(stateText(session->rating(key)), stateText(state));
        {
            auto query = m_study->exec(QStringLiteral("SELECT status, value, likelihood FROM rating_event"
                                                      " WHERE response_id = ? AND axis_id = ?"),
                                       {key.responseId, key.axisId});
            CONCORD_VERIFY_OK(query);
            QVERIFY(query->next());
            QCOMPARE(query->value(0).toString(), storedStatus);
            QCOMPARE(query->value(1).isNull(), std::isnan(value));
            if (!std::isnan(value))
                QCOMPARE(query->value(1).toDouble(), value);
            QCOMPARE(query->value(2).toString(), likelihood);
            QVERIFY(!query->next());
        }
        QCOMPARE(session->entry(0).filled, 1); // unable and not applicable count as answered
        session.reset();

        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QCOMPARE(session->currentRow(), 0);
        QCOMPARE(stateText(session->rating(key)), stateText(state));
        QCOMPARE(session->entry(0).filled, 1);
    }

    void setRating_refusesWhatTheAxisDoesNotAllow_data()
    {
        QTest::addColumn<QString>("axis");
        QTest::addColumn<int>("screenIndex"); // -1: the comparison; 9: a response of another comparison
        QTest::addColumn<int>("status");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("likelihood");
        QTest::addColumn<bool>("preferOtherComparison");
        QTest::addColumn<QString>("message");

        const int value = int(RatingStatus::Value);
        QTest::newRow("unable on reasoning")
            << QStringLiteral("reasoning") << 0 << int(RatingStatus::UnableToAssess) << kNoValue << QString() << false
            << QStringLiteral("does not allow 'unable to assess'");
        QTest::newRow("unable on preference")
            << QStringLiteral("preference") << -1 << int(RatingStatus::UnableToAssess) << kNoValue << QString() << false
            << QStringLiteral("does not allow 'unable to assess'");
        QTest::newRow("not applicable on risk")
            << QStringLiteral("risk") << 0 << int(RatingStatus::NotApplicable) << kNoValue << QString() << false
            << QStringLiteral("no 'not applicable' option");
        QTest::newRow("off the scale") << QStringLiteral("risk") << 0 << value << 7.0 << QString() << false
                                       << QStringLiteral("not on the scale");
        QTest::newRow("0 on a 1-4 scale")
            << QStringLiteral("risk") << 1 << value << 0.0 << QString() << false << QStringLiteral("not on the scale");
        QTest::newRow("value missing") << QStringLiteral("risk") << 0 << value << kNoValue << QString() << false
                                       << QStringLiteral("'value' is missing");
        QTest::newRow("likelihood on an axis without one")
            << QStringLiteral("risk") << 0 << value << 2.0 << QStringLiteral("high") << false
            << QStringLiteral("no likelihood modifier");
        QTest::newRow("unknown likelihood") << QStringLiteral("commission_harm") << 0 << value << 2.0
                                            << QStringLiteral("certain") << false << QStringLiteral("not one of");
        QTest::newRow("preference about one response") << QStringLiteral("preference") << 0 << value << 0.0 << QString()
                                                       << false << QStringLiteral("does not belong");
        QTest::newRow("response axis about the comparison")
            << QStringLiteral("risk") << -1 << value << 2.0 << QString() << false << QStringLiteral("does not belong");
        QTest::newRow("response of another comparison")
            << QStringLiteral("risk") << 9 << value << 2.0 << QString() << false << QStringLiteral("does not belong");
        QTest::newRow("preferring a response of another comparison")
            << QStringLiteral("preference") << -1 << value << 1.0 << QString() << true
            << QStringLiteral("not part of this comparison");
    }

    void setRating_refusesWhatTheAxisDoesNotAllow()
    {
        QFETCH(QString, axis);
        QFETCH(int, screenIndex);
        QFETCH(int, status);
        QFETCH(double, value);
        QFETCH(QString, likelihood);
        QFETCH(bool, preferOtherComparison);
        QFETCH(QString, message);

        auto session = startSession();
        QVERIFY(session);
        const FixtureComparison *other = nullptr;
        for (const FixtureComparison &pair : m_pairs) {
            if (pair.id != session->currentComparisonId())
                other = &pair;
        }
        QVERIFY(other);
        RatingKey key = keyOf(*session, screenIndex == 9 ? 0 : screenIndex, axis);
        if (screenIndex == 9)
            key.responseId = other->responses.first();
        RatingState state;
        state.status = RatingStatus(status);
        if (!std::isnan(value))
            state.value = value;
        state.likelihood = likelihood;
        if (preferOtherComparison)
            state.preferredResponseId = other->responses.first();

        QSignalSpy saved(session.get(), &AnnotationSession::saved);
        QSignalSpy failed(session.get(), &AnnotationSession::saveFailed);
        QSignalSpy entryChanged(session.get(), &AnnotationSession::entryChanged);
        const qint64 events = eventCount();
        const Status set = session->setRating(key, state);
        QVERIFY(!set.ok());
        QVERIFY2(set.errorMessage().contains(message), qPrintable(set.errorMessage()));
        QCOMPARE(eventCount(), events);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().toString(), set.errorMessage());
        QCOMPARE(saved.count(), 0);
        QCOMPARE(entryChanged.count(), 0);
        QCOMPARE(session->undoStack()->count(), 0);
        QVERIFY(!session->rating(key).isSet());
        QCOMPARE(session->entry(0).filled, 0);
        QCOMPARE(session->currentRow(), 0);
    }

    void setRating_ofAnUnknownComparisonIsRefused()
    {
        auto session = startSession();
        QVERIFY(session);
        const qint64 events = eventCount();
        QVERIFY(
            !session->setRating(RatingKey{987654, 0, axisId(QStringLiteral("preference"))}, RatingState::preference(0))
                 .ok());
        QCOMPARE(eventCount(), events);
        QCOMPARE(session->currentRow(), 0);
    }

    void preference_isStoredAgainstResponseIds()
    {
        auto session = startSession(kAnnotator, 2); // any seed; the stored id must not depend on the side
        QVERIFY(session);
        const RatingKey key = keyOf(*session, -1, QStringLiteral("preference"));
        QCOMPARE(key.responseId, 0);
        const qint64 right = session->current().responses[1].id;

        CONCORD_VERIFY_OK(session->setRating(key, RatingState::preference(right)));
        RatingEvent event = lastEvent();
        QCOMPARE(event.comparisonId, session->currentComparisonId());
        QCOMPARE(event.responseId, 0);
        QCOMPARE(event.preferredResponseId, right);
        QCOMPARE(event.value, std::optional<double>(1.0));
        QCOMPARE(session->rating(key).preferredResponseId, right);
        QCOMPARE(stateText(session->rating(key)), stateText(RatingState::preference(right)));

        CONCORD_VERIFY_OK(session->setRating(key, RatingState::preference(0)));
        event = lastEvent();
        QCOMPARE(event.preferredResponseId, 0);
        QCOMPARE(event.value, std::optional<double>(0.0));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM rating_event WHERE id = ? AND response_id IS NULL"
                                       " AND preferred_response_id IS NULL"),
                        {event.id}),
                 1);
        QCOMPARE(session->entry(0).filled, 1);

        const qint64 left = session->current().responses[0].id;
        CONCORD_VERIFY_OK(session->setRating(key, RatingState::preference(left)));
        session.reset();
        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QCOMPARE(session->rating(key).preferredResponseId, left);
        QCOMPARE(stateText(session->rating(key)), stateText(RatingState::preference(left)));
    }

    void preference_inconsistentWithItsResponseIsRefused_data()
    {
        QTest::addColumn<QString>("axis");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("namesAResponse");
        // The importer refuses these ("a preference has value 1 for a preferred response or 0 for a tie").
        QTest::newRow("better, but which?") << QStringLiteral("preference") << 1.0 << false;
        QTest::newRow("a tie naming a response") << QStringLiteral("preference") << 0.0 << true;
        QTest::newRow("a preferred response on a response axis") << QStringLiteral("risk") << 2.0 << true;
    }

    void preference_inconsistentWithItsResponseIsRefused()
    {
        QFETCH(QString, axis);
        QFETCH(double, value);
        QFETCH(bool, namesAResponse);
        auto session = startSession();
        QVERIFY(session);
        const RatingKey key = keyOf(*session, axis == QStringLiteral("preference") ? -1 : 0, axis);
        RatingState state = RatingState::ofValue(value);
        if (namesAResponse)
            state.preferredResponseId = session->current().responses[1].id;
        const qint64 events = eventCount();
        const Status set = session->setRating(key, state);
        QVERIFY(!set.ok());
        QCOMPARE(eventCount(), events);
    }

    void requiredKeys_areFourPerResponseAndOnePreference_data()
    {
        QTest::addColumn<int>("responses");
        QTest::addColumn<int>("required");
        QTest::newRow("one response: no preference") << 1 << 4;
        QTest::newRow("a pair") << 2 << 9;
        QTest::newRow("three responses") << 3 << 13;
    }

    void requiredKeys_areFourPerResponseAndOnePreference()
    {
        QFETCH(int, responses);
        QFETCH(int, required);
        const FixtureComparison added = addComparison(QStringLiteral("extra"), responses);
        QVERIFY(added.id > 0);
        auto session = startSession();
        QVERIFY(session);
        const int row = session->rowOfComparison(added.id);
        QVERIFY(row >= 0);
        CONCORD_VERIFY_OK(session->goTo(row));

        const QVector<RatingKey> keys = session->requiredKeys();
        QCOMPARE(keys.size(), required);
        QCOMPARE(session->entry(row).required, required);
        QCOMPARE(session->responseAxes().size(), 4);
        QCOMPARE(session->comparisonAxes().size(), responses >= 2 ? 1 : 0);
        const QStringList responseAxes{QStringLiteral("commission_harm"), QStringLiteral("omission_harm"),
                                       QStringLiteral("risk"), QStringLiteral("reasoning")};
        int k = 0;
        for (int screen = 0; screen < responses; ++screen) {
            for (const QString &axis : responseAxes) {
                QVERIFY(keys[k] == keyOf(*session, screen, axis));
                ++k;
            }
        }
        if (responses >= 2) {
            QVERIFY(keys[k] == keyOf(*session, -1, QStringLiteral("preference")));
            QCOMPARE(session->describe(keys[k]), QStringLiteral("Comparison: Overall preference"));
        }
        QCOMPARE(session->describe(keys[0]), QStringLiteral("Response A: Commission harm"));
        QCOMPARE(session->describe(keys[responses * 4 - 1]),
                 QStringLiteral("Response %1: Reasoning").arg(QChar(u'A' + responses - 1)));
        QCOMPARE(session->missingKeys(), keys);

        CONCORD_VERIFY_OK(session->setRating(keys[1], RatingState::ofValue(0)));
        const QVector<RatingKey> missing = session->missingKeys();
        QCOMPARE(missing.size(), required - 1);
        QVERIFY(!missing.contains(keys[1]));
        QCOMPARE(session->entry(row).filled, 1);
    }

    void progress_movesFromNotStartedThroughPartialToDone()
    {
        auto session = startSession();
        QVERIFY(session);
        QCOMPARE(toString(session->entry(0).progress()), toString(ComparisonProgress::NotStarted));
        QCOMPARE(session->doneCount(), 0);
        QVERIFY(!session->estimatedSecondsLeft()); // no pace before the first finished comparison

        const QVector<RatingKey> keys = session->requiredKeys();
        m_nowMs += 10'000;
        CONCORD_VERIFY_OK(session->setRating(keys[0], RatingState::ofValue(1)));
        QCOMPARE(toString(session->entry(0).progress()), toString(ComparisonProgress::Partial));
        QCOMPARE(session->entry(0).filled, 1);
        QVERIFY(!session->estimatedSecondsLeft());

        CONCORD_VERIFY_OK(fillCurrent(*session, 10'000));
        QCOMPARE(toString(session->entry(0).progress()), toString(ComparisonProgress::Done));
        QCOMPARE(session->entry(0).filled, 9);
        QCOMPARE(session->entry(0).activeSeconds, 90.0);
        QCOMPARE(session->doneCount(), 1);
        QCOMPARE(session->firstUnfinishedRow(), 1);
        QCOMPARE(session->estimatedSecondsLeft(), std::optional<double>(90.0 * (kPairs - 1)));

        // Clearing a rating reopens the comparison.
        CONCORD_VERIFY_OK(session->setRating(keys[4], RatingState{}));
        QCOMPARE(toString(lastEvent().status), toString(RatingStatus::Cleared));
        QCOMPARE(toString(session->entry(0).progress()), toString(ComparisonProgress::Partial));
        QCOMPARE(session->entry(0).filled, 8);
        QCOMPARE(session->doneCount(), 0);
        QCOMPARE(session->missingKeys(), QVector<RatingKey>{keys[4]});
        CONCORD_VERIFY_OK(fillCurrent(*session));
        QCOMPARE(session->doneCount(), 1);

        // The estimate is the mean of finished comparisons times those left.
        CONCORD_VERIFY_OK(session->goTo(1));
        CONCORD_VERIFY_OK(fillCurrent(*session, 5'000));
        QCOMPARE(session->entry(1).activeSeconds, 45.0);
        QCOMPARE(session->estimatedSecondsLeft(), std::optional<double>((90.0 + 45.0) / 2 * (kPairs - 2)));
        session.reset();

        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QCOMPARE(session->entry(0).activeSeconds, 90.0);
        QCOMPARE(session->entry(1).activeSeconds, 45.0);
        QCOMPARE(session->estimatedSecondsLeft(), std::optional<double>((90.0 + 45.0) / 2 * (kPairs - 2)));
    }

    // --- undo ------------------------------------------------------------------------------------------------------

    void undo_writesARestoringEventAndRedoAnother()
    {
        auto session = startSession();
        QVERIFY(session);
        QUndoStack *undo = session->undoStack();
        const RatingKey key = keyOf(*session, 0, QStringLiteral("risk"));
        const qint64 start = eventCount();
        QVector<qint64> ids;

        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(2)));
        ids << lastEvent().id;
        QCOMPARE(eventCount(), start + 1);

        QSignalSpy saved(session.get(), &AnnotationSession::saved);
        m_nowMs += 4'000;
        undo->undo();
        QCOMPARE(eventCount(), start + 2);
        RatingEvent event = lastEvent();
        ids << event.id;
        QCOMPARE(toString(event.status),
                 toString(RatingStatus::Cleared)); // there was nothing before: a 'cleared' event
        QVERIFY(!event.value);
        QCOMPARE(event.responseId, key.responseId);
        QCOMPARE(event.axisId, key.axisId);
        QCOMPARE(event.activeSeconds, 4.0);
        QVERIFY(!session->rating(key).isSet());
        QCOMPARE(toString(session->entry(0).progress()), toString(ComparisonProgress::NotStarted));
        QCOMPARE(saved.count(), 1);

        undo->redo();
        QCOMPARE(eventCount(), start + 3);
        event = lastEvent();
        ids << event.id;
        QCOMPARE(toString(event.status), toString(RatingStatus::Value));
        QCOMPARE(event.value, std::optional<double>(2.0));
        QCOMPARE(stateText(session->rating(key)), stateText(RatingState::ofValue(2)));

        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(3)));
        ids << lastEvent().id;
        undo->undo();
        event = lastEvent();
        ids << event.id;
        QCOMPARE(eventCount(), start + 5);
        QCOMPARE(event.value, std::optional<double>(2.0)); // the previous value, not 'cleared'
        QCOMPARE(stateText(session->rating(key)), stateText(RatingState::ofValue(2)));
        QCOMPARE(undo->count(), 2);
        QCOMPARE(undo->index(), 1);

        // Nothing was deleted or changed: every event is still there, and the history reads as it happened.
        auto history = RatingStore(*m_study).history(session->annotator().id, key.responseId, 0, key.axisId);
        CONCORD_VERIFY_OK(history);
        QCOMPARE(history->size(), 5);
        QStringList states;
        for (int i = 0; i < history->size(); ++i) {
            QCOMPARE(history->at(i).id, ids[i]);
            states << toString(history->at(i).status) + QString::number(history->at(i).value.value_or(-1));
        }
        QCOMPARE(states, (QStringList{QStringLiteral("value2"), QStringLiteral("cleared-1"), QStringLiteral("value2"),
                                      QStringLiteral("value3"), QStringLiteral("value2")}));
    }

    void undo_ofARatingOfAnEarlierComparisonGoesBackToIt()
    {
        auto session = startSession();
        QVERIFY(session);
        const RatingKey key = keyOf(*session, 1, QStringLiteral("omission_harm"));
        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(3, QStringLiteral("medium"))));
        CONCORD_VERIFY_OK(session->goTo(4));

        QSignalSpy current(session.get(), &AnnotationSession::currentChanged);
        session->undo();
        QCOMPARE(session->currentRow(), 0);
        QCOMPARE(current.count(), 1);
        QCOMPARE(current.first().first().toInt(), 0);
        QVERIFY(!session->rating(key).isSet());
        QCOMPARE(toString(lastEvent().status), toString(RatingStatus::Cleared));
        QCOMPARE(lastEvent().responseId, key.responseId);
        QCOMPARE(session->entry(0).filled, 0);

        CONCORD_VERIFY_OK(session->goTo(6));
        session->redo();
        QCOMPARE(session->currentRow(), 0);
        QCOMPARE(stateText(session->rating(key)), stateText(RatingState::ofValue(3, QStringLiteral("medium"))));
        QCOMPARE(session->entry(0).filled, 1);
    }

    void undo_afterRatingAnotherComparisonRestoresItsPreviousRating()
    {
        // setRating() accepts a key of a comparison that is not on screen (it shows it first), but takes the
        // 'before' state for the undo command from the comparison on screen.
        auto session = startSession();
        QVERIFY(session);
        const RatingKey key = keyOf(*session, 0, QStringLiteral("risk"));
        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(2)));
        CONCORD_VERIFY_OK(session->goTo(1));

        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(3)));
        QCOMPARE(session->currentRow(), 0);
        QCOMPARE(stateText(session->rating(key)), stateText(RatingState::ofValue(3)));
        session->undo();
        QCOMPARE(stateText(session->rating(key)), stateText(RatingState::ofValue(2)));
    }

    // --- comments and flags ----------------------------------------------------------------------------------------

    void comments_roundTripThroughReopening()
    {
        auto session = startSession();
        QVERIFY(session);
        const qint64 comparison = session->currentComparisonId();
        const qint64 left = session->current().responses[0].id;
        const qint64 right = session->current().responses[1].id;
        const QString overall = QStringLiteral("Both miss the renal dose adjustment.");
        const QString aboutLeft = QStringLiteral("States 8 g a day – twice the maximum.");

        QSignalSpy notes(session.get(), &AnnotationSession::notesChanged);
        QSignalSpy saved(session.get(), &AnnotationSession::saved);
        m_nowMs += 5'000;
        CONCORD_VERIFY_OK(session->setComment(0, overall));
        CONCORD_VERIFY_OK(session->setComment(left, aboutLeft));
        QCOMPARE(session->comment(0), overall);
        QCOMPARE(session->comment(left), aboutLeft);
        QCOMPARE(session->comment(right), QString());
        QCOMPARE(notes.count(), 2);
        QCOMPARE(saved.count(), 2);
        QCOMPARE(saved.first().first().toString(), QStringLiteral("comment"));
        QCOMPARE(session->entry(0).activeSeconds, 5.0); // comment time counts
        QCOMPARE(toString(session->entry(0).progress()), toString(ComparisonProgress::NotStarted));

        CONCORD_VERIFY_OK(session->setComment(left, aboutLeft)); // unchanged: nothing written
        QCOMPARE(noteCount(), 2);
        QCOMPARE(notes.count(), 2);

        auto current = AnnotationNoteStore(*m_study).currentNotes(session->annotator().id, comparison);
        CONCORD_VERIFY_OK(current);
        QCOMPARE(current->size(), 2);
        for (const AnnotationNote &note : current.value()) {
            QCOMPARE(toString(note.kind), toString(AnnotationNote::Kind::Comment));
            QCOMPARE(note.comparisonId, comparison);
            QVERIFY(note.raised);
            QCOMPARE(note.text, note.responseId == 0 ? overall : aboutLeft);
        }
        session.reset();

        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QCOMPARE(session->currentComparisonId(), comparison);
        QCOMPARE(session->comment(0), overall);
        QCOMPARE(session->comment(left), aboutLeft);
        QCOMPARE(session->entry(0).activeSeconds, 5.0);

        // An empty comment withdraws it; the earlier note stays in the file.
        CONCORD_VERIFY_OK(session->setComment(left, QString()));
        QCOMPARE(session->comment(left), QString());
        QCOMPARE(noteCount(), 3);
        current = AnnotationNoteStore(*m_study).currentNotes(session->annotator().id, comparison);
        CONCORD_VERIFY_OK(current);
        QCOMPARE(current->size(), 1);
        QCOMPARE(current->first().responseId, 0);
        session.reset();

        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QCOMPARE(session->comment(left), QString());
        QCOMPARE(session->comment(0), overall);
    }

    void setComment_onAResponseNotOnScreenIsRefused()
    {
        auto session = startSession();
        QVERIFY(session);
        const qint64 shown = session->currentComparisonId();
        const FixtureComparison *other = nullptr;
        for (const FixtureComparison &pair : m_pairs) {
            if (pair.id != shown)
                other = &pair;
        }
        QVERIFY(other);
        const Status set = session->setComment(other->responses.first(), QStringLiteral("meant for another case"));
        QVERIFY(!set.ok());
        QCOMPARE(noteCount(), 0);
    }

    void flag_roundTripsAndCanBeLowered()
    {
        auto session = startSession();
        QVERIFY(session);
        const qint64 comparison = session->currentComparisonId();
        const qint64 annotator = session->annotator().id;
        QSignalSpy entryChanged(session.get(), &AnnotationSession::entryChanged);
        QSignalSpy saved(session.get(), &AnnotationSession::saved);

        CONCORD_VERIFY_OK(session->setFlagged(true, QStringLiteral("The case text is cut off.")));
        QVERIFY(session->flagged());
        QCOMPARE(session->flagReason(), QStringLiteral("The case text is cut off."));
        QVERIFY(session->entry(0).flagged);
        QCOMPARE(entryChanged.count(), 1);
        QCOMPARE(saved.first().first().toString(), QStringLiteral("flag"));
        auto flagged = AnnotationNoteStore(*m_study).flaggedComparisons(annotator);
        CONCORD_VERIFY_OK(flagged);
        QCOMPARE(flagged.value(), QSet<qint64>{comparison});

        CONCORD_VERIFY_OK(session->setFlagged(true, QStringLiteral("The case text is cut off.")));
        QCOMPARE(noteCount(), 1);
        CONCORD_VERIFY_OK(session->setFlagged(true, QStringLiteral("Input is truncated after line 3.")));
        QCOMPARE(noteCount(), 2);
        QCOMPARE(session->flagReason(), QStringLiteral("Input is truncated after line 3."));
        session.reset();

        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QCOMPARE(session->currentComparisonId(), comparison);
        QVERIFY(session->flagged());
        QCOMPARE(session->flagReason(), QStringLiteral("Input is truncated after line 3."));
        QVERIFY(session->entry(0).flagged);
        QVERIFY(!session->entry(1).flagged);

        CONCORD_VERIFY_OK(session->setFlagged(false));
        QVERIFY(!session->flagged());
        QCOMPARE(session->flagReason(), QString());
        QVERIFY(!session->entry(0).flagged);
        QCOMPARE(noteCount(), 3);
        flagged = AnnotationNoteStore(*m_study).flaggedComparisons(annotator);
        CONCORD_VERIFY_OK(flagged);
        QVERIFY(flagged->isEmpty());
        auto current = AnnotationNoteStore(*m_study).currentNotes(annotator, comparison);
        CONCORD_VERIFY_OK(current);
        QVERIFY(current->isEmpty());
        CONCORD_VERIFY_OK(session->setFlagged(false)); // already lowered: nothing written
        QCOMPARE(noteCount(), 3);
        session.reset();

        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QVERIFY(!session->flagged());
        QVERIFY(!session->entry(0).flagged);
    }

    void notes_ofAnotherAnnotatorAreNotLoaded()
    {
        auto first = startSession(QStringLiteral("Dr A"));
        QVERIFY(first);
        const qint64 comparison = first->currentComparisonId();
        CONCORD_VERIFY_OK(first->setComment(0, QStringLiteral("mine")));
        CONCORD_VERIFY_OK(first->setFlagged(true, QStringLiteral("mine too")));

        auto second = startSession(QStringLiteral("Dr B"));
        QVERIFY(second);
        CONCORD_VERIFY_OK(second->goTo(second->rowOfComparison(comparison)));
        QCOMPARE(second->comment(0), QString());
        QVERIFY(!second->flagged());
        QVERIFY(!second->entry(second->currentRow()).flagged);
        auto flagged = AnnotationNoteStore(*m_study).flaggedComparisons(second->annotator().id);
        CONCORD_VERIFY_OK(flagged);
        QVERIFY(flagged->isEmpty());
        auto notes = AnnotationNoteStore(*m_study).currentNotes(second->annotator().id, comparison);
        CONCORD_VERIFY_OK(notes);
        QVERIFY(notes->isEmpty());
    }

    void noteStore_refusesIncompleteNotes_data()
    {
        QTest::addColumn<bool>("withAnnotator");
        QTest::addColumn<bool>("withComparison");
        QTest::addColumn<double>("activeSeconds");
        QTest::addColumn<QString>("message");
        QTest::newRow("no annotator") << false << true << 0.0 << QStringLiteral("needs an annotator");
        QTest::newRow("no comparison") << true << false << 0.0 << QStringLiteral("needs an annotator");
        QTest::newRow("negative time") << true << true << -1.0 << QStringLiteral("must not be negative");
    }

    void noteStore_refusesIncompleteNotes()
    {
        QFETCH(bool, withAnnotator);
        QFETCH(bool, withComparison);
        QFETCH(double, activeSeconds);
        QFETCH(QString, message);
        auto annotator = AnnotatorStore(*m_study).ensureAnnotator(kAnnotator);
        CONCORD_VERIFY_OK(annotator);
        AnnotationNote note;
        note.annotatorId = withAnnotator ? annotator->id : 0;
        note.comparisonId = withComparison ? m_pairs.first().id : 0;
        note.text = QStringLiteral("a comment");
        note.activeSeconds = activeSeconds;
        auto committed = AnnotationNoteStore(*m_study).commit(note, kAnnotator);
        QVERIFY(!committed.ok());
        QVERIFY2(committed.errorMessage().contains(message), qPrintable(committed.errorMessage()));
        QCOMPARE(note.id, 0);
        QCOMPARE(noteCount(), 0);
    }

    void noteStore_keepsTheLatestNotePerTargetAndKind()
    {
        auto annotator = AnnotatorStore(*m_study).ensureAnnotator(kAnnotator);
        CONCORD_VERIFY_OK(annotator);
        AnnotationNoteStore store(*m_study);
        const FixtureComparison &first = m_pairs[0];
        const FixtureComparison &second = m_pairs[1];
        const auto commit = [&](qint64 comparison, qint64 response, AnnotationNote::Kind kind, const QString &text,
                                bool raised) {
            AnnotationNote note;
            note.annotatorId = annotator->id;
            note.comparisonId = comparison;
            note.responseId = response;
            note.kind = kind;
            note.text = text;
            note.raised = raised;
            auto committed = store.commit(note, kAnnotator);
            if (!committed.ok())
                qWarning("%s", qPrintable(committed.errorMessage()));
            return note;
        };
        const AnnotationNote comment = commit(first.id, 0, AnnotationNote::Kind::Comment, QStringLiteral("old"), false);
        QVERIFY(comment.id > 0);
        QVERIFY(!comment.uuid.isEmpty());
        QVERIFY(!comment.createdAt.isEmpty());
        QVERIFY(comment.raised); // comments are always 'raised'
        commit(first.id, 0, AnnotationNote::Kind::Comment, QStringLiteral("new"), true);
        commit(first.id, first.responses[0], AnnotationNote::Kind::Comment, QStringLiteral("on a response"), true);
        commit(first.id, 0, AnnotationNote::Kind::Flag, QStringLiteral("look"), true);
        commit(second.id, 0, AnnotationNote::Kind::Flag, QStringLiteral("look too"), true);
        commit(second.id, 0, AnnotationNote::Kind::Flag, QString(), false);
        QCOMPARE(noteCount(), 6);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action IN ('comment', 'flag')")), 6);

        auto notes = store.currentNotes(annotator->id, first.id);
        CONCORD_VERIFY_OK(notes);
        QStringList texts;
        for (const AnnotationNote &note : notes.value())
            texts << toString(note.kind) + QLatin1Char(':') + note.text;
        QCOMPARE(texts, (QStringList{QStringLiteral("comment:new"), QStringLiteral("comment:on a response"),
                                     QStringLiteral("flag:look")}));
        auto flagged = store.flaggedComparisons(annotator->id);
        CONCORD_VERIFY_OK(flagged);
        QCOMPARE(flagged.value(), QSet<qint64>{first.id});

        // Append-only: a note cannot be changed or deleted behind the store's back.
        QVERIFY(!m_study->exec(QStringLiteral("UPDATE annotation_note SET text = 'edited'")).ok());
        QVERIFY(!m_study->exec(QStringLiteral("DELETE FROM annotation_note")).ok());
        QCOMPARE(noteCount(), 6);
    }

    // --- error spans -----------------------------------------------------------------------------------------------

    void addSpan_refusesInvalidSpans_data()
    {
        QTest::addColumn<bool>("onScreen");
        QTest::addColumn<int>("start");
        QTest::addColumn<int>("end"); // negative: counted back from one past the end of the text
        QTest::addColumn<QString>("category");
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("message");

        const QString fabricated = QStringLiteral("fabricated_claim");
        QTest::newRow("negative start") << true << -1 << 5 << fabricated << 2 << QStringLiteral("must cover text");
        QTest::newRow("empty range") << true << 5 << 5 << fabricated << 2 << QStringLiteral("must cover text");
        QTest::newRow("reversed") << true << 6 << 5 << fabricated << 2 << QStringLiteral("must cover text");
        QTest::newRow("past the end") << true << 0 << -1 << fabricated << 2 << QStringLiteral("must cover text");
        QTest::newRow("unknown category")
            << true << 0 << 5 << QStringLiteral("made_up") << 2 << QStringLiteral("not an error category");
        QTest::newRow("category label instead of key")
            << true << 0 << 5 << QStringLiteral("Fabricated claim") << 2 << QStringLiteral("not an error category");
        QTest::newRow("severity 0") << true << 0 << 5 << fabricated << 0 << QStringLiteral("severity");
        QTest::newRow("severity 4") << true << 0 << 5 << fabricated << 4 << QStringLiteral("severity");
        QTest::newRow("response not on screen")
            << false << 0 << 5 << fabricated << 2 << QStringLiteral("not part of the comparison");
    }

    void addSpan_refusesInvalidSpans()
    {
        QFETCH(bool, onScreen);
        QFETCH(int, start);
        QFETCH(int, end);
        QFETCH(QString, category);
        QFETCH(int, severity);
        QFETCH(QString, message);

        auto session = startSession();
        QVERIFY(session);
        const ResponseRecord shown = session->current().responses[0];
        qint64 responseId = shown.id;
        if (!onScreen) {
            CONCORD_VERIFY_OK(session->goTo(1));
            QVERIFY(session->current().responses[0].id != responseId);
        }
        if (end < 0)
            end = int(shown.text.size()) + 1 + (end + 1);
        QSignalSpy spansChanged(session.get(), &AnnotationSession::spansChanged);
        QSignalSpy failed(session.get(), &AnnotationSession::saveFailed);
        auto added = session->addSpan(responseId, start, end, category, severity);
        QVERIFY(!added.ok());
        QVERIFY2(added.errorMessage().contains(message), qPrintable(added.errorMessage()));
        QCOMPARE(spanCount(), 0);
        QVERIFY(session->spans(responseId).isEmpty());
        QCOMPARE(spansChanged.count(), 0);
        QCOMPARE(failed.count(), 1);
    }

    void addSpan_storesTheAnnotatorsSpanAndReloadsIt()
    {
        auto session = startSession();
        QVERIFY(session);
        const ResponseRecord response = session->current().responses[1];
        const int length = int(response.text.size());
        QSignalSpy spansChanged(session.get(), &AnnotationSession::spansChanged);
        QSignalSpy saved(session.get(), &AnnotationSession::saved);

        auto whole = session->addSpan(response.id, 0, length, QStringLiteral("incorrect_recommendation"), 3);
        CONCORD_VERIFY_OK(whole);
        auto early = session->addSpan(response.id, 10, 12, QStringLiteral("missing_context"), 1);
        CONCORD_VERIFY_OK(early);
        auto first = session->addSpan(response.id, 0, 1, QStringLiteral("other"), 2);
        CONCORD_VERIFY_OK(first);
        QVERIFY(whole.value() > 0);
        QCOMPARE(spansChanged.count(), 3);
        QCOMPARE(spansChanged.first().first().toLongLong(), response.id);
        QCOMPARE(saved.first().first().toString(), QStringLiteral("error span"));
        QCOMPARE(spanCount(), 3);

        const auto check = [&](const QVector<ErrorSpan> &spans) {
            QCOMPARE(spans.size(), 3);
            // In text order: by start, then by id.
            QCOMPARE(spans[0].id, whole.value());
            QCOMPARE(spans[1].id, first.value());
            QCOMPARE(spans[2].id, early.value());
            QCOMPARE(spans[0].start, 0);
            QCOMPARE(spans[0].end, length);
            QCOMPARE(spans[0].category, QStringLiteral("incorrect_recommendation"));
            QCOMPARE(spans[0].severity, 3);
            QCOMPARE(spans[2].start, 10);
            QCOMPARE(spans[2].end, 12);
            for (const ErrorSpan &span : spans) {
                QCOMPARE(span.annotatorId, session->annotator().id);
                QCOMPARE(span.responseId, response.id);
            }
        };
        check(session->spans(response.id));
        if (QTest::currentTestFailed())
            return;
        QVERIFY(session->spans(session->current().responses[0].id).isEmpty());
        session.reset();

        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        check(session->spans(response.id));
    }

    void spans_ofOtherAnnotatorsAndJudgesAreNotLoaded()
    {
        const qint64 responseId = m_pairs.first().responses.first();
        auto other = AnnotatorStore(*m_study).ensureAnnotator(QStringLiteral("Dr Other"));
        CONCORD_VERIFY_OK(other);
        ErrorSpan theirs;
        theirs.responseId = responseId;
        theirs.annotatorId = other->id;
        theirs.start = 0;
        theirs.end = 6;
        theirs.category = QStringLiteral("fabricated_claim");
        theirs.severity = 3;
        CONCORD_VERIFY_OK(ErrorSpanStore(*m_study).insert(theirs));
        auto judge = JudgeStore(*m_study).ensureRun(QStringLiteral("judge"));
        CONCORD_VERIFY_OK(judge);
        ErrorSpan judges = theirs;
        judges.uuid.clear();
        judges.annotatorId = 0;
        judges.judgeRunId = judge->id;
        CONCORD_VERIFY_OK(ErrorSpanStore(*m_study).insert(judges));

        auto session = startSession();
        QVERIFY(session);
        CONCORD_VERIFY_OK(session->goTo(session->rowOfComparison(m_pairs.first().id)));
        QVERIFY(session->spans(responseId).isEmpty());
        auto mine = session->addSpan(responseId, 2, 8, QStringLiteral("missing_claim"), 1);
        CONCORD_VERIFY_OK(mine);
        QCOMPARE(session->spans(responseId).size(), 1);
        QCOMPARE(session->spans(responseId).first().id, mine.value());

        // Not theirs to remove either.
        QVERIFY(!session->removeSpan(responseId, theirs.id).ok());
        auto all = ErrorSpanStore(*m_study).spansOf(responseId);
        CONCORD_VERIFY_OK(all);
        QCOMPARE(all->size(), 3);
    }

    void removeSpan_marksItRemovedAndKeepsTheRow()
    {
        auto session = startSession();
        QVERIFY(session);
        const qint64 responseId = session->current().responses[0].id;
        auto kept = session->addSpan(responseId, 0, 4, QStringLiteral("other"), 1);
        auto removed = session->addSpan(responseId, 5, 9, QStringLiteral("false_comparison"), 2);
        CONCORD_VERIFY_OK(kept);
        CONCORD_VERIFY_OK(removed);
        QSignalSpy spansChanged(session.get(), &AnnotationSession::spansChanged);

        CONCORD_VERIFY_OK(session->removeSpan(responseId, removed.value()));
        QCOMPARE(spansChanged.count(), 1);
        QCOMPARE(session->spans(responseId).size(), 1);
        QCOMPARE(session->spans(responseId).first().id, kept.value());
        QCOMPARE(spanCount(), 2);
        auto all = ErrorSpanStore(*m_study).spansOf(responseId, true);
        CONCORD_VERIFY_OK(all);
        QCOMPARE(all->size(), 2);
        for (const ErrorSpan &span : all.value())
            QCOMPARE(span.removedAt.isEmpty(), span.id == kept.value());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'remove_error_span'")), 1);

        QSignalSpy failed(session.get(), &AnnotationSession::saveFailed);
        QVERIFY(!session->removeSpan(responseId, removed.value()).ok()); // already removed
        QVERIFY(!session->removeSpan(responseId, 987654).ok());
        QCOMPARE(failed.count(), 2);
        session.reset();

        QVERIFY(reopen());
        session = startSession();
        QVERIFY(session);
        QCOMPARE(session->spans(responseId).size(), 1);
        QCOMPARE(session->spans(responseId).first().id, kept.value());
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

    void writes_whileAnotherProgramHoldsTheLockFailWithSaveFailed()
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

            QVERIFY(!session->setRating(key, RatingState::ofValue(3)).ok());
            QCOMPARE(stateText(session->rating(key)), stateText(RatingState::ofValue(2))); // what the file holds
            QCOMPARE(session->undoStack()->count(), 1);
            QVERIFY(!session->setComment(0, QStringLiteral("lost?")).ok());
            QCOMPARE(session->comment(0), QString());
            QVERIFY(!session->setFlagged(true, QStringLiteral("lost?")).ok());
            QVERIFY(!session->flagged());
            QVERIFY(!session->addSpan(key.responseId, 0, 3, QStringLiteral("other"), 1).ok());
            QVERIFY(session->spans(key.responseId).isEmpty());

            QCOMPARE(failed.count(), 4);
            for (const auto &arguments : failed)
                QVERIFY(!arguments.first().toString().isEmpty());
            QCOMPARE(saved.count(), 0);
            QCOMPARE(entryChanged.count(), 0);
            QCOMPARE(session->entry(0).filled, 1);
            QVERIFY(!session->entry(0).flagged);
        }
        QCOMPARE(eventCount(), events);
        QCOMPARE(noteCount(), 0);
        QCOMPARE(spanCount(), 0);

        // The lock is gone: the same change goes through.
        CONCORD_VERIFY_OK(session->setRating(key, RatingState::ofValue(3)));
        QCOMPARE(eventCount(), events + 1);
        QCOMPARE(saved.count(), 1);
    }

    void undo_thatFailsToSaveKeepsTheStackInStepWithTheFile()
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
        }
        QCOMPARE(failed.count(), 1);
        QCOMPARE(eventCount(), events);
        QCOMPARE(stateText(session->rating(key)), stateText(RatingState::ofValue(2))); // the file still holds 2

        QVERIFY(session->undoStack()->canUndo());
        session->redo();
        QCOMPARE(eventCount(), events);
    }
};

QTEST_GUILESS_MAIN(TestAnnotationSession)
#include "tst_annotationsession.moc"
