#include "model/annotation/annotationsession.h"

#include "model/package/annotatorpackage.h"
#include "model/store/annotationnotestore.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/errorspanstore.h"
#include "model/store/ratingstore.h"
#include "model/store/trainingreferencestore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"
#include "model/studyfile/writelock.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <algorithm>
#include <numeric>
#include <random>

namespace concord {

namespace {

// Undo of one rating change: undoing or redoing writes a new event (the log is append-only); the change itself was
// committed before the command was pushed, so the first redo does nothing.
class SetRatingCommand final : public QUndoCommand
{
public:
    SetRatingCommand(AnnotationSession &session, RatingKey key, RatingState before, RatingState after,
                     const QString &text)
        : QUndoCommand(text)
        , m_session(session)
        , m_key(key)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {}

    void redo() override
    {
        if (m_alreadyDone) {
            m_alreadyDone = false;
            return;
        }
        // A failure reaches the user through saveFailed(); the screen keeps showing what the file holds.
        static_cast<void>(m_session.writeRating(m_key, m_after));
    }
    void undo() override { static_cast<void>(m_session.writeRating(m_key, m_before)); }

private:
    AnnotationSession &m_session;
    RatingKey m_key;
    RatingState m_before;
    RatingState m_after;
    bool m_alreadyDone = true;
};

RatingState stateOf(const RatingEvent &event)
{
    return RatingState{event.status, event.value, event.preferredResponseId, event.likelihood};
}

} // namespace

AnnotationSession::AnnotationSession(Study &study, Annotator annotator, const Options &options)
    : m_study(study)
    , m_annotator(std::move(annotator))
    , m_clock(options.clock, options.idleTimeoutSeconds)
{
    m_checkpointTimer.setSingleShot(true);
    m_checkpointTimer.setInterval(1000);
    connect(&m_checkpointTimer, &QTimer::timeout, this, &AnnotationSession::checkpoint);
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setInterval(250);
    connect(&m_retryTimer, &QTimer::timeout, this, &AnnotationSession::retryWaiting);
    connect(this, &AnnotationSession::saved, this, &AnnotationSession::scheduleCheckpoint);
}

AnnotationSession::~AnnotationSession()
{
    // The commands refer to this session; drop them before the members they use go away.
    m_undo.clear();
    flushWaiting();
    checkpoint();
    static_cast<void>(setAutomaticCheckpoints(m_study, true)); // SQLite's default
}

Result<std::unique_ptr<AnnotationSession>> AnnotationSession::start(Study &study, const Options &options)
{
    const QString name = options.annotatorName.trimmed();
    if (name.isEmpty())
        return Error{QStringLiteral("an annotator needs a name")};
    if (study.readOnly())
        return Error{QStringLiteral("%1 is open read-only; ratings cannot be saved").arg(study.path())};
    AnnotatorStore annotators(study);
    auto found = annotators.annotatorByName(name);
    if (!found.ok())
        return found.error();
    Annotator annotator;
    if (found.value()) {
        annotator = *found.value();
        if (annotator.retired)
            return Error{QStringLiteral("annotator '%1' has been retired from this study").arg(name)};
    } else {
        annotator.name = name;
        Status created = study.inTransaction([&]() -> Status {
            auto id = annotators.insertAnnotator(annotator);
            if (!id.ok())
                return id.error();
            return appendAudit(study, name, QStringLiteral("add_annotator"),
                               QJsonObject{{QStringLiteral("annotator"), annotator.uuid}});
        });
        if (!created.ok())
            return created.error();
    }
    std::unique_ptr<AnnotationSession> session(new AnnotationSession(study, annotator, options));
    // Copying the write-ahead log into the database (a checkpoint) can take tens of milliseconds with fsyncs; it is
    // moved out of the rating commits to moments without input. Durability does not depend on it: a commit is
    // safe once its log frames are synced (synchronous=FULL).
    if (auto disabled = setAutomaticCheckpoints(study, false); !disabled.ok())
        return disabled.error();
    session->m_checkpointAtOnce = !packageAnnotator(study).isEmpty();
    quint64 seed = options.assignmentSeed;
    if (seed == 0)
        seed = QRandomGenerator::system()->generate64() >> 1; // stored as a signed 64-bit integer
    if (auto assigned = session->ensureAssignments(seed); !assigned.ok())
        return assigned.error();
    if (auto loaded = session->loadQueue(); !loaded.ok())
        return loaded.error();
    session->checkpoint(); // the annotator and assignments just written: is the file alone complete?
    if (session->count() > 0) {
        const int first = session->firstUnfinishedRow();
        if (auto shown = session->goTo(first >= 0 ? first : 0); !shown.ok())
            return shown.error();
    }
    return session;
}

const Rubric &AnnotationSession::rubric() const
{
    return m_study.rubric();
}

Status AnnotationSession::ensureAssignments(quint64 seed)
{
    AnnotatorStore annotators(m_study);
    auto existing = annotators.assignmentCountOf(m_annotator.id);
    if (!existing.ok())
        return existing.error();
    if (existing.value() > 0)
        return {};
    // Comparisons and their responses only: the system names are not read in a physician's session.
    auto stored = CaseStore(m_study).comparisons();
    if (!stored.ok())
        return stored.error();
    QVector<std::pair<qint64, QVector<qint64>>> comparisons;
    for (const ComparisonRecord &comparison : std::as_const(stored.value()))
        comparisons.push_back({comparison.id, comparison.responseIds});
    if (comparisons.isEmpty())
        return {};
    // The order of comparisons is a seeded shuffle; the sides are counterbalanced: among the comparisons of n
    // responses, the j-th in that order shows its responses rotated by j mod n, so each leads equally often.
    std::mt19937_64 random(seed);
    std::shuffle(comparisons.begin(), comparisons.end(), random);
    QHash<qsizetype, qsizetype> seenOfSize;
    return m_study.inTransaction([&]() -> Status {
        for (int k = 0; k < comparisons.size(); ++k) {
            QVector<qint64> order = comparisons[k].second;
            const qsizetype rotation = seenOfSize[order.size()]++ % order.size();
            std::rotate(order.begin(), order.begin() + rotation, order.end());
            Assignment assignment;
            assignment.annotatorId = m_annotator.id;
            assignment.comparisonId = comparisons[k].first;
            assignment.sequence = k + 1;
            assignment.responseOrder = order;
            assignment.seed = qint64(seed);
            if (auto id = annotators.insertAssignment(assignment); !id.ok())
                return id.error();
        }
        return appendAudit(m_study, m_annotator.name, QStringLiteral("assign"),
                           QJsonObject{{QStringLiteral("annotator"), m_annotator.uuid},
                                       {QStringLiteral("design"), QStringLiteral("every comparison")},
                                       {QStringLiteral("comparisons"), int(comparisons.size())},
                                       {QStringLiteral("seed"), QString::number(seed)}});
    });
}

Status AnnotationSession::loadQueue()
{
    auto queue = assignmentQueue(m_study, m_annotator.id);
    if (!queue.ok())
        return queue.error();
    const int responseAxisCount = int(responseAxes().size());
    const int comparisonAxisCount = int(std::count_if(
        rubric().axes.begin(), rubric().axes.end(), [](const Axis &a) { return a.target == AxisTarget::Comparison; }));
    QHash<qint64, int> rowOfResponse;
    for (QueuedAssignment &queued : queue.value()) {
        QueueEntry entry;
        entry.assignmentId = queued.assignmentId;
        entry.comparisonId = queued.comparisonId;
        entry.sequence = queued.sequence;
        entry.responseOrder = std::move(queued.responseOrder);
        entry.caseId = queued.caseId;
        entry.caseExternalId = std::move(queued.caseExternalId);
        entry.task = std::move(queued.task);
        entry.repeat = queued.repeat;
        entry.training = queued.training;
        const int responses = int(entry.responseOrder.size());
        entry.required = responseAxisCount * responses + (responses >= 2 ? comparisonAxisCount : 0);
        const int row = int(m_entries.size());
        m_rowOfShowing.insert(showingKey(entry.comparisonId, entry.repeat), row);
        for (qint64 id : entry.responseOrder)
            rowOfResponse.insert(showingKey(id, entry.repeat), row);
        m_entries.push_back(std::move(entry));
    }

    // The annotator's events in index order; the last of each (axis, target) is the current rating.
    auto events = RatingStore(m_study).eventsOfAnnotator(m_annotator.id);
    if (!events.ok())
        return events.error();
    qint64 lastAxis = -1, lastResponse = -1, lastComparison = -1;
    bool lastRepeat = false;
    int lastRow = -1;
    bool lastSet = false;
    const auto countLast = [&] {
        const Axis *axis = rubric().axisById(lastAxis);
        if (lastRow < 0 || !lastSet || !axis)
            return;
        QueueEntry &entry = m_entries[lastRow];
        const bool counts = axis->target == AxisTarget::Response ? lastResponse > 0 : entry.responseOrder.size() >= 2;
        if (counts)
            ++entry.filled;
    };
    for (const RatingEvent &event : std::as_const(events.value())) {
        const qint64 axis = event.axisId;
        const qint64 response = event.responseId;
        const qint64 comparison = event.comparisonId;
        const bool repeat = event.repeat;
        if (axis != lastAxis || response != lastResponse || comparison != lastComparison || repeat != lastRepeat) {
            countLast();
            lastAxis = axis;
            lastResponse = response;
            lastComparison = comparison;
            lastRepeat = repeat;
            lastRow = response > 0 ? rowOfResponse.value(showingKey(response, repeat), -1)
                                   : m_rowOfShowing.value(showingKey(comparison, repeat), -1);
        }
        lastSet = event.status != RatingStatus::Cleared;
        if (lastRow >= 0)
            m_entries[lastRow].activeSeconds += event.activeSeconds;
    }
    countLast();

    auto noteTime = AnnotationNoteStore(m_study).noteSecondsByShowing(m_annotator.id);
    if (!noteTime.ok())
        return noteTime.error();
    for (const NoteSeconds &showing : std::as_const(noteTime.value())) {
        const int row = rowOfComparison(showing.comparisonId, showing.repeat);
        if (row >= 0)
            m_entries[row].activeSeconds += showing.activeSeconds;
    }
    for (const bool repeat : {false, true}) {
        auto flagged = AnnotationNoteStore(m_study).flaggedComparisons(m_annotator.id, repeat);
        if (!flagged.ok())
            return flagged.error();
        for (qint64 comparisonId : flagged.value()) {
            const int row = rowOfComparison(comparisonId, repeat);
            if (row >= 0)
                m_entries[row].flagged = true;
        }
    }
    for (const QueueEntry &entry : std::as_const(m_entries))
        m_totals.add(entry, +1);
    return {};
}

void AnnotationSession::QueueTotals::add(const QueueEntry &entry, int sign)
{
    if (entry.progress() != ComparisonProgress::Done)
        return;
    done += sign;
    if (entry.activeSeconds > 0) {
        timed += sign;
        timedSeconds += sign * entry.activeSeconds;
    }
}

int AnnotationSession::firstUnfinishedRow() const
{
    for (int row = 0; row < count(); ++row) {
        if (m_entries[row].progress() != ComparisonProgress::Done)
            return row;
    }
    return -1;
}

int AnnotationSession::doneCount() const
{
    return m_totals.done;
}

std::optional<double> AnnotationSession::estimatedSecondsLeft() const
{
    const int left = count() - m_totals.done;
    if (left == 0)
        return 0.0;
    if (m_totals.timed == 0)
        return std::nullopt;
    return m_totals.timedSeconds / m_totals.timed * left;
}

qint64 AnnotationSession::currentComparisonId() const
{
    return m_current >= 0 ? m_entries[m_current].comparisonId : 0;
}

Status AnnotationSession::goTo(int row)
{
    if (row < 0 || row >= count())
        return Error{QStringLiteral("there is no comparison %1 in this queue of %2").arg(row + 1).arg(count())};
    const int previous = m_current;
    m_current = row;
    if (auto loaded = loadCurrent(); !loaded.ok()) {
        m_current = previous;
        if (previous >= 0)
            static_cast<void>(loadCurrent()); // it loaded before; if not, the error below is what the user sees
        return loaded;
    }
    m_clock.restart();
    emit currentChanged(row);
    return {};
}

Status AnnotationSession::loadCurrent()
{
    const QueueEntry &entry = m_entries[m_current];
    ComparisonContent content;
    CaseStore cases(m_study);
    auto caseShown = cases.caseShownToAnnotator(entry.caseId);
    if (!caseShown.ok())
        return caseShown.error();
    if (!caseShown.value())
        return Error{QStringLiteral("case %1 of comparison %2 is missing").arg(entry.caseId).arg(entry.sequence)};
    content.caseRecord = std::move(*caseShown.value());

    QHash<RatingKey, RatingState> ratings;
    QHash<qint64, QVector<ErrorSpan>> spans;
    ErrorSpanStore spanStore(m_study);
    RatingStore ratingStore(m_study);
    const bool blinded = m_study.info().blinded;
    for (qint64 responseId : entry.responseOrder) {
        // While the study is blinded the system name is not even read: nothing the annotator sees can show it.
        auto response = cases.responseShownToAnnotator(responseId, blinded);
        if (!response.ok())
            return response.error();
        if (!response.value())
            return Error{QStringLiteral("response %1 of comparison %2 is missing").arg(responseId).arg(entry.sequence)};
        content.responses.push_back(std::move(*response.value()));

        // Only this showing's: a blinded repeat starts empty, whatever was rated the first time.
        auto events = ratingStore.eventsOnResponse(m_annotator.id, responseId, entry.repeat);
        if (!events.ok())
            return events.error();
        for (const RatingEvent &event : std::as_const(events.value()))
            ratings.insert(RatingKey{entry.comparisonId, event.responseId, event.axisId, entry.repeat}, stateOf(event));
        auto spansOfResponse = spanStore.spansOf(responseId);
        if (!spansOfResponse.ok())
            return spansOfResponse.error();
        QVector<ErrorSpan> own;
        for (const ErrorSpan &span : spansOfResponse.value()) {
            if (span.annotatorId == m_annotator.id && span.repeat == entry.repeat)
                own.push_back(span);
        }
        spans.insert(responseId, own);
    }
    auto preferences = ratingStore.eventsOnComparison(m_annotator.id, entry.comparisonId, entry.repeat);
    if (!preferences.ok())
        return preferences.error();
    for (const RatingEvent &event : std::as_const(preferences.value()))
        ratings.insert(RatingKey{entry.comparisonId, 0, event.axisId, entry.repeat}, stateOf(event));
    QVector<TrainingReference> references;
    if (entry.training) {
        auto rows = TrainingReferenceStore(m_study).referencesOfComparison(entry.comparisonId);
        if (!rows.ok())
            return rows.error();
        for (const TrainingReferenceRow &row : std::as_const(rows.value()))
            references.push_back(TrainingReference{row.responseId, row.axisId, row.value, row.explanation});
    }
    auto notes = AnnotationNoteStore(m_study).currentNotes(m_annotator.id, entry.comparisonId, entry.repeat);
    if (!notes.ok())
        return notes.error();
    m_comments.clear();
    m_flag.reset();
    for (const AnnotationNote &note : notes.value()) {
        if (note.kind == AnnotationNote::Kind::Flag)
            m_flag = note;
        else
            m_comments.insert(note.responseId, note);
    }
    // Ratings still waiting to be saved are shown as made.
    for (const WaitingRating &waiting : std::as_const(m_pending)) {
        if (waiting.key.comparisonId == entry.comparisonId && waiting.key.repeat == entry.repeat)
            ratings.insert(waiting.key, stateOf(waiting.event));
    }
    m_content = std::move(content);
    m_ratings = std::move(ratings);
    m_spans = std::move(spans);
    m_trainingReferences = std::move(references);
    return {};
}

QVector<const Axis *> AnnotationSession::responseAxes() const
{
    QVector<const Axis *> axes;
    for (const Axis &axis : rubric().axes) {
        if (axis.target == AxisTarget::Response)
            axes.push_back(&axis);
    }
    return axes;
}

QVector<const Axis *> AnnotationSession::comparisonAxes() const
{
    QVector<const Axis *> axes;
    if (m_content.responses.size() < 2)
        return axes;
    for (const Axis &axis : rubric().axes) {
        if (axis.target == AxisTarget::Comparison)
            axes.push_back(&axis);
    }
    return axes;
}

QVector<RatingKey> AnnotationSession::requiredKeys() const
{
    QVector<RatingKey> keys;
    for (const ResponseRecord &response : m_content.responses) {
        for (const Axis *axis : responseAxes())
            keys.push_back(keyOnScreen(response.id, axis->id));
    }
    for (const Axis *axis : comparisonAxes())
        keys.push_back(keyOnScreen(0, axis->id));
    return keys;
}

RatingKey AnnotationSession::keyOnScreen(qint64 responseId, qint64 axisId) const
{
    const bool repeat = m_current >= 0 && m_entries[m_current].repeat;
    return RatingKey{currentComparisonId(), responseId, axisId, repeat};
}

QVector<TrainingReference> AnnotationSession::revealedTrainingReferences() const
{
    if (m_current < 0 || m_entries[m_current].progress() != ComparisonProgress::Done)
        return {};
    return m_trainingReferences;
}

QVector<RatingKey> AnnotationSession::missingKeys() const
{
    QVector<RatingKey> missing;
    for (const RatingKey &key : requiredKeys()) {
        if (!rating(key).isSet())
            missing.push_back(key);
    }
    return missing;
}

QString AnnotationSession::describe(const RatingKey &key) const
{
    const Axis *axis = rubric().axisById(key.axisId);
    const QString axisLabel = axis ? axis->label : QStringLiteral("axis %1").arg(key.axisId);
    if (key.responseId == 0)
        return QStringLiteral("Comparison: %1").arg(axisLabel);
    for (int i = 0; i < m_content.responses.size(); ++i) {
        if (m_content.responses[i].id == key.responseId)
            return QStringLiteral("Response %1: %2").arg(responseLetter(i), axisLabel);
    }
    return axisLabel;
}

RatingState AnnotationSession::rating(const RatingKey &key) const
{
    return m_ratings.value(key);
}

int AnnotationSession::countFilled() const
{
    const auto keys = requiredKeys();
    return int(std::count_if(keys.begin(), keys.end(), [this](const RatingKey &key) { return rating(key).isSet(); }));
}

void AnnotationSession::refreshCurrentEntry(double addedSeconds)
{
    QueueEntry &entry = m_entries[m_current];
    m_totals.add(entry, -1); // the totals follow the entry without a walk over the queue
    entry.filled = countFilled();
    entry.activeSeconds += addedSeconds;
    entry.flagged = flagged();
    m_totals.add(entry, +1);
    emit entryChanged(m_current);
}

void AnnotationSession::undo()
{
    m_writeFailed = false;
    m_undo.undo();
    if (m_writeFailed)
        m_undo.redo(); // nothing to write: the file still holds the state the command leads to
}

void AnnotationSession::redo()
{
    m_writeFailed = false;
    m_undo.redo();
    if (m_writeFailed)
        m_undo.undo();
}

Status AnnotationSession::failed(const Error &error)
{
    m_writeFailed = true;
    emit saveFailed(error.message);
    return error;
}

Status AnnotationSession::setRating(const RatingKey &key, const RatingState &state)
{
    // The state before the change is read on the key's own comparison, so undo restores the right value.
    if (key.comparisonId != currentComparisonId() || key.repeat != keyOnScreen(0, 0).repeat) {
        const int row = rowOfComparison(key.comparisonId, key.repeat);
        if (row < 0)
            return failed(Error{QStringLiteral("the rating does not belong to a comparison of this annotator")});
        if (auto shown = goTo(row); !shown.ok())
            return failed(shown.error());
    }
    const RatingState before = rating(key);
    if (before == state)
        return {};
    if (auto written = writeRating(key, state); !written.ok())
        return written;
    m_undo.push(new SetRatingCommand(*this, key, before, state, describe(key)));
    return {};
}

Status AnnotationSession::writeRating(const RatingKey &key, const RatingState &state)
{
    if (key.comparisonId != currentComparisonId() || key.repeat != keyOnScreen(0, 0).repeat) {
        if (auto shown = goTo(rowOfComparison(key.comparisonId, key.repeat)); !shown.ok())
            return failed(shown.error());
    }
    const auto required = requiredKeys();
    if (!required.contains(key))
        return failed(Error{QStringLiteral("the rating does not belong to the comparison on screen")});
    // Undo and redo go through here too: when the file already holds the state (a write of it failed after the
    // screen moved on, or it was set again since), nothing is written, so the stack and the file stay in step.
    if (rating(key) == state)
        return {};
    if (state.isSet() && key.responseId == 0 && state.status == RatingStatus::Value &&
        state.value != (state.preferredResponseId > 0 ? 1.0 : 0.0))
        return failed(Error{QStringLiteral("a preference is 1 with the better response, or 0 for a tie")});
    if (key.responseId > 0 && state.preferredResponseId != 0)
        return failed(Error{QStringLiteral("only a comparison axis names a better response")});
    RatingEvent event;
    event.annotatorId = m_annotator.id;
    event.axisId = key.axisId;
    event.repeat = key.repeat;
    if (key.responseId > 0)
        event.responseId = key.responseId;
    else
        event.comparisonId = key.comparisonId;
    event.status = state.status;
    event.value = state.value;
    event.preferredResponseId = state.preferredResponseId;
    event.likelihood = state.likelihood;
    if (event.status == RatingStatus::Cleared) {
        event.value.reset();
        event.preferredResponseId = 0;
        event.likelihood.clear();
    }
    if (state.preferredResponseId > 0 &&
        std::none_of(m_content.responses.begin(), m_content.responses.end(),
                     [&](const ResponseRecord &r) { return r.id == state.preferredResponseId; }))
        return failed(Error{QStringLiteral("the preferred response is not part of this comparison")});
    const double pendingSeconds = m_clock.pending();
    event.activeSeconds = pendingSeconds;
    auto landed = commitOrWait(key, event);
    if (!landed.ok())
        return failed(landed.error());
    m_clock.take();
    m_ratings.insert(key, stateOf(event));
    refreshCurrentEntry(pendingSeconds);
    emit ratingChanged(key);
    if (landed.value())
        emit saved(QStringLiteral("rating"));
    return {};
}

} // namespace concord
