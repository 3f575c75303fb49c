#include "model/annotation/annotationsession.h"

#include "model/package/annotatorpackage.h"
#include "model/store/annotationnotestore.h"
#include "model/store/annotatorstore.h"
#include "model/store/errorspanstore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

#include <QJsonArray>
#include <QJsonDocument>
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
    static_cast<void>(m_study.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 1000"))); // SQLite's default
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
    if (auto disabled = study.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0")); !disabled.ok())
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
    auto existing =
        m_study.exec(QStringLiteral("SELECT count(*) FROM assignment WHERE annotator_id = ?"), {m_annotator.id});
    if (!existing.ok())
        return existing.error();
    existing->next();
    if (existing->value(0).toLongLong() > 0)
        return {};
    auto rows = m_study.exec(QStringLiteral("SELECT comparison_id, response_id FROM comparison_response"
                                            " ORDER BY comparison_id, position, response_id"));
    if (!rows.ok())
        return rows.error();
    QVector<std::pair<qint64, QVector<qint64>>> comparisons;
    while (rows->next()) {
        const qint64 comparisonId = rows->value(0).toLongLong();
        if (comparisons.isEmpty() || comparisons.back().first != comparisonId)
            comparisons.push_back({comparisonId, {}});
        comparisons.back().second.push_back(rows->value(1).toLongLong());
    }
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
    auto q = m_study.exec(QStringLiteral("SELECT a.id, a.comparison_id, a.sequence, a.response_order_json, c.id,"
                                         " c.external_id, c.task, a.is_repeat, EXISTS (SELECT 1 FROM"
                                         " comparison_response cr JOIN training_reference t ON"
                                         " t.response_id = cr.response_id WHERE cr.comparison_id = m.id)"
                                         " FROM assignment a"
                                         " JOIN comparison m ON m.id = a.comparison_id"
                                         " JOIN \"case\" c ON c.id = m.case_id"
                                         " WHERE a.annotator_id = ? ORDER BY a.sequence, a.id"),
                          {m_annotator.id});
    if (!q.ok())
        return q.error();
    const int responseAxisCount = int(responseAxes().size());
    const int comparisonAxisCount = int(std::count_if(
        rubric().axes.begin(), rubric().axes.end(), [](const Axis &a) { return a.target == AxisTarget::Comparison; }));
    QHash<qint64, int> rowOfResponse;
    while (q->next()) {
        QueueEntry entry;
        entry.assignmentId = q->value(0).toLongLong();
        entry.comparisonId = q->value(1).toLongLong();
        entry.sequence = q->value(2).toInt();
        for (const auto &id : QJsonDocument::fromJson(q->value(3).toString().toUtf8()).array())
            entry.responseOrder.push_back(id.toInteger());
        entry.caseId = q->value(4).toLongLong();
        entry.caseExternalId = q->value(5).toString();
        entry.task = q->value(6).toString();
        entry.repeat = q->value(7).toBool();
        entry.training = q->value(8).toBool();
        const int responses = int(entry.responseOrder.size());
        entry.required = responseAxisCount * responses + (responses >= 2 ? comparisonAxisCount : 0);
        const int row = int(m_entries.size());
        m_rowOfShowing.insert(showingKey(entry.comparisonId, entry.repeat), row);
        for (qint64 id : entry.responseOrder)
            rowOfResponse.insert(showingKey(id, entry.repeat), row);
        m_entries.push_back(std::move(entry));
    }

    // The annotator's events in index order; the last of each (axis, target) is the current rating.
    auto events = m_study.exec(QStringLiteral("SELECT axis_id, response_id, comparison_id, status, active_seconds,"
                                              " is_repeat FROM rating_event WHERE annotator_id = ?"
                                              " ORDER BY is_repeat, axis_id, response_id, comparison_id, id"),
                               {m_annotator.id});
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
    while (events->next()) {
        const qint64 axis = events->value(0).toLongLong();
        const qint64 response = events->value(1).toLongLong();
        const qint64 comparison = events->value(2).toLongLong();
        const bool repeat = events->value(5).toBool();
        if (axis != lastAxis || response != lastResponse || comparison != lastComparison || repeat != lastRepeat) {
            countLast();
            lastAxis = axis;
            lastResponse = response;
            lastComparison = comparison;
            lastRepeat = repeat;
            lastRow = response > 0 ? rowOfResponse.value(showingKey(response, repeat), -1)
                                   : m_rowOfShowing.value(showingKey(comparison, repeat), -1);
        }
        lastSet = events->value(3).toString() != toString(RatingStatus::Cleared);
        if (lastRow >= 0)
            m_entries[lastRow].activeSeconds += events->value(4).toDouble();
    }
    countLast();

    auto noteTime = m_study.exec(QStringLiteral("SELECT comparison_id, is_repeat, sum(active_seconds) FROM"
                                                " annotation_note WHERE annotator_id = ? GROUP BY comparison_id,"
                                                " is_repeat"),
                                 {m_annotator.id});
    if (!noteTime.ok())
        return noteTime.error();
    while (noteTime->next()) {
        const int row = rowOfComparison(noteTime->value(0).toLongLong(), noteTime->value(1).toBool());
        if (row >= 0)
            m_entries[row].activeSeconds += noteTime->value(2).toDouble();
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
    auto caseQuery = m_study.exec(QStringLiteral("SELECT id, uuid, external_id, task, input, reference FROM \"case\""
                                                 " WHERE id = ?"),
                                  {entry.caseId});
    if (!caseQuery.ok())
        return caseQuery.error();
    if (!caseQuery->next())
        return Error{QStringLiteral("case %1 of comparison %2 is missing").arg(entry.caseId).arg(entry.sequence)};
    content.caseRecord.id = caseQuery->value(0).toLongLong();
    content.caseRecord.uuid = caseQuery->value(1).toString();
    content.caseRecord.externalId = caseQuery->value(2).toString();
    content.caseRecord.task = caseQuery->value(3).toString();
    content.caseRecord.input = caseQuery->value(4).toString();
    content.caseRecord.reference = caseQuery->value(5).toString();

    QHash<RatingKey, RatingState> ratings;
    QHash<qint64, QVector<ErrorSpan>> spans;
    ErrorSpanStore spanStore(m_study);
    const bool blinded = m_study.info().blinded;
    for (qint64 responseId : entry.responseOrder) {
        // While the study is blinded the system name is not even read: nothing the annotator sees can show it.
        auto r = m_study.exec(blinded ? QStringLiteral("SELECT id, uuid, case_id, external_id, text, '' FROM response"
                                                       " WHERE id = ?")
                                      : QStringLiteral("SELECT id, uuid, case_id, external_id, text, system FROM"
                                                       " response WHERE id = ?"),
                              {responseId});
        if (!r.ok())
            return r.error();
        if (!r->next())
            return Error{QStringLiteral("response %1 of comparison %2 is missing").arg(responseId).arg(entry.sequence)};
        ResponseRecord response;
        response.id = r->value(0).toLongLong();
        response.uuid = r->value(1).toString();
        response.caseId = r->value(2).toLongLong();
        response.externalId = r->value(3).toString();
        response.text = r->value(4).toString();
        response.system = r->value(5).toString();
        content.responses.push_back(response);

        // Only this showing's: a blinded repeat starts empty, whatever was rated the first time.
        auto events = m_study.exec(QStringLiteral("SELECT ") + kRatingEventColumns +
                                       QStringLiteral(" FROM rating_event WHERE response_id = ? AND annotator_id = ?"
                                                      " AND is_repeat = ? ORDER BY id"),
                                   {responseId, m_annotator.id, entry.repeat ? 1 : 0});
        if (!events.ok())
            return events.error();
        while (events->next()) {
            const RatingEvent event = readRatingEvent(events.value());
            ratings.insert(RatingKey{entry.comparisonId, event.responseId, event.axisId, entry.repeat}, stateOf(event));
        }
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
    auto preferences = m_study.exec(QStringLiteral("SELECT ") + kRatingEventColumns +
                                        QStringLiteral(" FROM rating_event WHERE comparison_id = ? AND annotator_id = ?"
                                                       " AND is_repeat = ? ORDER BY id"),
                                    {entry.comparisonId, m_annotator.id, entry.repeat ? 1 : 0});
    if (!preferences.ok())
        return preferences.error();
    while (preferences->next()) {
        const RatingEvent event = readRatingEvent(preferences.value());
        ratings.insert(RatingKey{entry.comparisonId, 0, event.axisId, entry.repeat}, stateOf(event));
    }
    QVector<TrainingReference> references;
    if (entry.training) {
        auto rows = m_study.exec(QStringLiteral("SELECT t.response_id, t.axis_id, t.value, t.explanation FROM"
                                                " training_reference t JOIN comparison_response cr ON"
                                                " cr.response_id = t.response_id WHERE cr.comparison_id = ?"
                                                " ORDER BY cr.position, t.axis_id"),
                                 {entry.comparisonId});
        if (!rows.ok())
            return rows.error();
        while (rows->next())
            references.push_back(TrainingReference{rows->value(0).toLongLong(), rows->value(1).toLongLong(),
                                                   rows->value(2).toDouble(), rows->value(3).toString()});
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
