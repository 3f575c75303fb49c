// An annotation session's ratings: each one an append-only event with its active seconds, what the rubric allows, the
// preference stored against response ids, the required ratings, progress and the time estimate, and undo and redo as
// further events.
#include "model/store/ratingstore.h"
#include "tests/model/annotation/annotationsessionfixture.h"

#include <QSignalSpy>
#include <cmath>
#include <limits>

using namespace concord;
using namespace concord::annotationtest;

namespace {

constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

} // namespace

class TestAnnotationRatings : public QObject, private AnnotationSessionFixture
{
    Q_OBJECT

private slots:
    void init() { createStudy(); }
    void cleanup() { removeStudy(); }

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
};

QTEST_GUILESS_MAIN(TestAnnotationRatings)
#include "tst_annotationratings.moc"
