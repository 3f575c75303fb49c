// What an annotation session keeps besides ratings: comments and flags (AnnotationNoteStore), each annotator's own and
// append-only, and error spans marked in a response's text.
#include "model/store/annotationnotestore.h"
#include "model/store/annotatorstore.h"
#include "model/store/errorspanstore.h"
#include "model/store/judgestore.h"
#include "tests/model/annotation/annotationsessionfixture.h"

#include <QSet>
#include <QSignalSpy>

using namespace concord;
using namespace concord::annotationtest;

class TestAnnotationNotes : public QObject, private AnnotationSessionFixture
{
    Q_OBJECT

private slots:
    void init() { createStudy(); }
    void cleanup() { removeStudy(); }

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
};

QTEST_GUILESS_MAIN(TestAnnotationNotes)
#include "tst_annotationnotes.moc"
