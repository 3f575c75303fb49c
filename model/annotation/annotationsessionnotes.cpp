// What an annotator writes besides ratings (annotationsession.h): comments, the flag for the study lead, and error
// spans. Each is committed with its audit entry before the call returns.
#include "model/annotation/annotationsession.h"
#include "model/store/annotationnotestore.h"
#include "model/store/errorspanstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

#include <QJsonObject>
#include <algorithm>

namespace concord {

QString AnnotationSession::comment(qint64 responseId) const
{
    return m_comments.value(responseId).text;
}

Status AnnotationSession::setComment(qint64 responseId, const QString &text)
{
    if (m_current < 0)
        return failed(Error{QStringLiteral("no comparison is on screen")});
    if (responseId != 0 && std::none_of(m_content.responses.begin(), m_content.responses.end(),
                                        [&](const ResponseRecord &r) { return r.id == responseId; }))
        return failed(Error{QStringLiteral("the response is not part of the comparison on screen")});
    if (comment(responseId) == text)
        return {};
    AnnotationNote note;
    note.annotatorId = m_annotator.id;
    note.comparisonId = currentComparisonId();
    note.repeat = keyOnScreen(0, 0).repeat;
    note.responseId = responseId;
    note.kind = AnnotationNote::Kind::Comment;
    note.text = text;
    note.activeSeconds = m_clock.pending();
    if (auto committed = AnnotationNoteStore(m_study).commit(note, m_annotator.name); !committed.ok())
        return failed(committed.error());
    m_clock.take();
    if (text.isEmpty())
        m_comments.remove(responseId);
    else
        m_comments.insert(responseId, note);
    refreshCurrentEntry(note.activeSeconds);
    emit notesChanged();
    emit saved(QStringLiteral("comment"));
    return {};
}

bool AnnotationSession::flagged() const
{
    return m_flag.has_value();
}

QString AnnotationSession::flagReason() const
{
    return m_flag ? m_flag->text : QString();
}

Status AnnotationSession::setFlagged(bool raised, const QString &reason)
{
    if (m_current < 0)
        return failed(Error{QStringLiteral("no comparison is on screen")});
    if (raised == flagged() && (!raised || reason == flagReason()))
        return {};
    AnnotationNote note;
    note.annotatorId = m_annotator.id;
    note.comparisonId = currentComparisonId();
    note.repeat = keyOnScreen(0, 0).repeat;
    note.kind = AnnotationNote::Kind::Flag;
    note.raised = raised;
    note.text = raised ? reason : QString();
    note.activeSeconds = m_clock.pending();
    if (auto committed = AnnotationNoteStore(m_study).commit(note, m_annotator.name); !committed.ok())
        return failed(committed.error());
    m_clock.take();
    if (raised)
        m_flag = note;
    else
        m_flag.reset();
    refreshCurrentEntry(note.activeSeconds);
    emit notesChanged();
    emit saved(QStringLiteral("flag"));
    return {};
}

QVector<ErrorSpan> AnnotationSession::spans(qint64 responseId) const
{
    return m_spans.value(responseId);
}

Result<qint64> AnnotationSession::addSpan(qint64 responseId, int start, int end, const QString &category, int severity)
{
    const auto response = std::find_if(m_content.responses.begin(), m_content.responses.end(),
                                       [&](const ResponseRecord &r) { return r.id == responseId; });
    if (response == m_content.responses.end())
        return failed(Error{QStringLiteral("the response is not part of the comparison on screen")}).error();
    if (start < 0 || end <= start || end > response->text.size())
        return failed(Error{QStringLiteral("an error span must cover text of the response (characters %1 to %2 of %3)")
                                .arg(start)
                                .arg(end)
                                .arg(response->text.size())})
            .error();
    if (std::none_of(rubric().errorCategories.begin(), rubric().errorCategories.end(),
                     [&](const ErrorCategory &c) { return c.key == category; }))
        return failed(Error{QStringLiteral("'%1' is not an error category of this rubric").arg(category)}).error();
    if (severity < 1 || severity > 3)
        return failed(Error{QStringLiteral("an error span's severity is 1 (minor), 2 (moderate) or 3 (major)")})
            .error();
    ErrorSpan span;
    span.responseId = responseId;
    span.annotatorId = m_annotator.id;
    span.start = start;
    span.end = end;
    span.category = category;
    span.severity = severity;
    span.repeat = keyOnScreen(0, 0).repeat;
    Status status = m_study.inTransaction([&]() -> Status {
        if (auto id = ErrorSpanStore(m_study).insert(span); !id.ok())
            return id.error();
        return appendAudit(m_study, m_annotator.name, QStringLiteral("error_span"),
                           QJsonObject{{QStringLiteral("span"), span.uuid}, {QStringLiteral("category"), category}});
    });
    if (!status.ok())
        return failed(status.error()).error();
    auto &list = m_spans[responseId];
    list.push_back(span);
    std::sort(list.begin(), list.end(), [](const ErrorSpan &a, const ErrorSpan &b) {
        return std::pair(a.start, a.id) < std::pair(b.start, b.id);
    });
    emit spansChanged(responseId);
    emit saved(QStringLiteral("error span"));
    return span.id;
}

Status AnnotationSession::removeSpan(qint64 responseId, qint64 spanId)
{
    auto &list = m_spans[responseId];
    const auto found = std::find_if(list.begin(), list.end(), [&](const ErrorSpan &s) { return s.id == spanId; });
    if (found == list.end())
        return failed(Error{QStringLiteral("the error span is not one of yours on this response")});
    Status status = m_study.inTransaction([&]() -> Status {
        if (auto removed = ErrorSpanStore(m_study).markRemoved(spanId); !removed.ok())
            return removed;
        return appendAudit(m_study, m_annotator.name, QStringLiteral("remove_error_span"),
                           QJsonObject{{QStringLiteral("span"), found->uuid}});
    });
    if (!status.ok())
        return failed(status.error());
    list.erase(found);
    emit spansChanged(responseId);
    emit saved(QStringLiteral("error span"));
    return {};
}

} // namespace concord
