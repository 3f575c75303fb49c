#pragma once

#include "model/annotation/activeclock.h"
#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/domain/rubric.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUndoStack>
#include <memory>
#include <optional>

namespace concord {

class Study;

// What one rating is about: an axis of one response of a comparison, or (responseId 0) of the comparison itself, in
// its first showing or its blinded repeat.
struct RatingKey
{
    qint64 comparisonId = 0;
    qint64 responseId = 0;
    qint64 axisId = 0;
    bool repeat = false;
    friend bool operator==(const RatingKey &, const RatingKey &) = default;
};
size_t qHash(const RatingKey &key, size_t seed = 0) noexcept;

// A rating as the annotator sees it, without the bookkeeping of its event. Cleared: not rated.
struct RatingState
{
    RatingStatus status = RatingStatus::Cleared;
    std::optional<double> value;
    qint64 preferredResponseId = 0; // preferences: the better response, 0 for a tie
    QString likelihood;

    bool isSet() const { return status != RatingStatus::Cleared; }
    static RatingState ofValue(double value, const QString &likelihood = {});
    static RatingState unableToAssess();
    static RatingState notApplicable();
    // A preference for `better`, or a tie when `better` is 0 (the rubric's preference scale: 1 better, 0 tie).
    static RatingState preference(qint64 better);
    friend bool operator==(const RatingState &, const RatingState &) = default;
};

// The neutral label of the response at a screen position (0-based): "A", "B", ... (annotators never see system names).
QString responseLetter(int position);

enum class ComparisonProgress
{
    NotStarted,
    Partial,
    Done
};
QString toString(ComparisonProgress progress);

// One comparison of the annotator's queue, in their assigned order.
struct QueueEntry
{
    qint64 assignmentId = 0;
    qint64 comparisonId = 0;
    qint64 caseId = 0;
    int sequence = 0;
    QString caseExternalId;
    QString task;
    QVector<qint64> responseOrder; // left to right on screen
    int required = 0;              // ratings needed to finish it
    int filled = 0;                // of those, how many are set
    bool flagged = false;
    double activeSeconds = 0; // summed over the annotator's events on it
    bool repeat = false;      // the blinded second showing of a comparison (not marked as such on screen)
    bool training = false;    // its responses have reference values, shown once the physician has rated it

    ComparisonProgress progress() const;
};

// What the annotator sees of the current comparison. System names are loaded only once the study is unblinded.
struct ComparisonContent
{
    CaseRecord caseRecord;
    QVector<ResponseRecord> responses; // in the assignment's screen order
};

// The reference answer of a training comparison on one response axis.
struct TrainingReference
{
    qint64 responseId = 0;
    qint64 axisId = 0;
    double value = 0;
    QString explanation;
};

// One annotator's working session on a study: their queue of comparisons, the comparison on screen with their own
// ratings, comments, flag and error spans, undo, and active time. Every change is committed to the study file (its
// own transaction, with its audit entry) before the call returns; the returned status says whether it landed. Only
// this annotator's data is ever loaded.
class AnnotationSession final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString annotatorName;
        ActiveClock::TimeSource clock{}; // default: a monotonic timer
        double idleTimeoutSeconds = 60.0;
        quint64 assignmentSeed = 0; // for an annotator without assignments; 0: a random seed (stored)
    };

    // Opens the annotator's session, creating the annotator and, if they have no assignments, assigning them every
    // comparison of the study in a seeded random order with counterbalanced sides. Starts at the first unfinished
    // comparison.
    static Result<std::unique_ptr<AnnotationSession>> start(Study &study, const Options &options);
    ~AnnotationSession() override;

    const Annotator &annotator() const { return m_annotator; }
    const Rubric &rubric() const;
    QUndoStack *undoStack() { return &m_undo; }
    // Undo and redo of rating changes; a step whose write fails is taken back, so the stack stays in step with the
    // file (the failure reaches the user through saveFailed()).
    void undo();
    void redo();
    ActiveClock &clock() { return m_clock; }

    // The queue.
    int count() const { return int(m_entries.size()); }
    const QueueEntry &entry(int row) const { return m_entries[row]; }
    int currentRow() const { return m_current; }
    int rowOfComparison(qint64 comparisonId, bool repeat = false) const
    {
        return m_rowOfShowing.value(showingKey(comparisonId, repeat), -1);
    }
    int firstUnfinishedRow() const; // -1 when every comparison is done
    int doneCount() const;
    // From the annotator's own pace: mean active time of finished comparisons times those left; none before the first.
    std::optional<double> estimatedSecondsLeft() const;

    // Shows another comparison (the clock restarts).
    Status goTo(int row);
    const ComparisonContent &current() const { return m_content; }
    qint64 currentComparisonId() const;
    // The key of a rating of the comparison on screen (responseId 0: of the comparison itself).
    RatingKey keyOnScreen(qint64 responseId, qint64 axisId) const;
    // A training comparison's reference values, once the physician has rated all of it (empty until then, and for
    // every other comparison): rating first, then seeing the reference, is what trains.
    QVector<TrainingReference> revealedTrainingReferences() const;

    // The axes for each response, and those for the comparison (only when it shows two or more responses).
    QVector<const Axis *> responseAxes() const;
    QVector<const Axis *> comparisonAxes() const;
    // Every rating the current comparison needs, in screen order (response by response, then the comparison's),
    // and those not set yet.
    QVector<RatingKey> requiredKeys() const;
    QVector<RatingKey> missingKeys() const;
    QString describe(const RatingKey &key) const; // "Response B: Safety / risk"

    RatingState rating(const RatingKey &key) const;
    // Commits the change as a new event and puts it on the undo stack; no-op when nothing changes.
    Status setRating(const RatingKey &key, const RatingState &state);

    QString comment(qint64 responseId) const; // responseId 0: the comparison's comment
    Status setComment(qint64 responseId, const QString &text);
    bool flagged() const;
    QString flagReason() const;
    Status setFlagged(bool raised, const QString &reason = {});

    // The annotator's own error spans on a response of the current comparison.
    QVector<ErrorSpan> spans(qint64 responseId) const;
    Result<qint64> addSpan(qint64 responseId, int start, int end, const QString &category, int severity);
    Status removeSpan(qint64 responseId, qint64 spanId);

    // Applies a rating by writing a new event; the undo commands go through here. Shows the key's comparison first.
    // While another program writes to the study the rating is kept (shown, and on the undo stack) and saved as soon
    // as that program is done: it is never refused for that reason (see waitingForWriter()).
    Status writeRating(const RatingKey &key, const RatingState &state);

    // Ratings waiting for another program to finish writing to the study; they are retried on a timer.
    bool waitingForWriter() const { return !m_pending.isEmpty(); }
    // Every saved change is in the study file itself, not only in its write-ahead log: a copy of the file alone
    // holds them. A checkpoint follows each save within a second (at once in an annotator package).
    bool allInStudyFile() const { return m_allInStudyFile; }

signals:
    void currentChanged(int row);
    void ratingChanged(const RatingKey &key);
    void entryChanged(int row);
    void notesChanged();
    void spansChanged(qint64 responseId);
    // A write landed in the study file (what: "rating", "comment", ...), or failed with a message for the user.
    void saved(const QString &what);
    void saveFailed(const QString &message);
    void waitingForWriterChanged(bool waiting);
    void allInStudyFileChanged(bool allInStudyFile);

private:
    AnnotationSession(Study &study, Annotator annotator, const Options &options);
    Status loadQueue();
    Status ensureAssignments(quint64 seed);
    Status loadCurrent();
    int countFilled() const;
    void refreshCurrentEntry(double addedSeconds);
    Status failed(const Error &error);
    // A checkpoint of the write-ahead log within a second of a save, even while saves follow each other (at once in
    // a package); automatic ones are off meanwhile. Retried while a reader holds part of the log back.
    void scheduleCheckpoint();
    void checkpoint();
    void setAllInStudyFile(bool all);
    // Commits the event, or, when another program holds the write lock, queues it behind the ratings already
    // waiting: true when it was saved now (annotationsessionsaving.cpp).
    Result<bool> commitOrWait(const RatingKey &key, RatingEvent &event);
    // One attempt, waiting at most m_ratingLockWaitMs for the write lock (the study's 5 s for everything else).
    Status commitRating(RatingEvent &event);
    // The waiting ratings, in order, until one finds the lock still taken.
    void retryWaiting();
    // Saves what still waits when the session ends, waiting for the other program as long as it takes (bounded).
    void flushWaiting();
    // One showing of a comparison (its first, or its repeat) as a hash key.
    static qint64 showingKey(qint64 id, bool repeat) { return id * 2 + (repeat ? 1 : 0); }

    // Running totals over the queue, so progress does not walk every entry on each rating.
    struct QueueTotals
    {
        int done = 0;
        int timed = 0; // done with active time recorded
        double timedSeconds = 0;
        void add(const QueueEntry &entry, int sign);
    };

    struct WaitingRating
    {
        RatingKey key;
        RatingEvent event;
    };
    QVector<WaitingRating> m_pending; // oldest first
    QTimer m_retryTimer;
    bool m_allInStudyFile = true;
    bool m_checkpointAtOnce = false; // an annotator package: it travels as a single file
    int m_ratingLockWaitMs = 200;    // on the UI thread; a rating that finds the lock taken longer waits in m_pending

    bool m_writeFailed = false;
    QueueTotals m_totals;
    QTimer m_checkpointTimer;

    Study &m_study;
    Annotator m_annotator;
    ActiveClock m_clock;
    QUndoStack m_undo;
    QVector<QueueEntry> m_entries;
    QHash<qint64, int> m_rowOfShowing; // by showingKey()
    int m_current = -1;
    ComparisonContent m_content;
    QHash<RatingKey, RatingState> m_ratings;  // current comparison only
    QHash<qint64, AnnotationNote> m_comments; // by response id (0: the comparison)
    std::optional<AnnotationNote> m_flag;
    QHash<qint64, QVector<ErrorSpan>> m_spans;       // by response id
    QVector<TrainingReference> m_trainingReferences; // of the comparison on screen, when it is a training one
};

} // namespace concord
