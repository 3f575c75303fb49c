#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/studyfile/sqlutil.h"

#include <QSet>

namespace concord {

class Study;

// The active time an annotator spent on the notes of one showing of a comparison.
struct NoteSeconds
{
    qint64 comparisonId = 0;
    bool repeat = false;
    double activeSeconds = 0;
};

// Annotators' comments and flags, append-only: a change is a new note, the latest per (annotator, comparison,
// response, kind) is current.
class AnnotationNoteStore
{
public:
    explicit AnnotationNoteStore(Study &study);

    // Appends the note and its audit entry in one transaction, before the caller moves on.
    Result<qint64> commit(AnnotationNote &note, const QString &actor);
    // The current notes of one annotator on one showing of a comparison (the first, or the blinded repeat);
    // withdrawn ones (empty comment, lowered flag) left out.
    Result<QVector<AnnotationNote>> currentNotes(qint64 annotatorId, qint64 comparisonId, bool repeat = false);
    // The comparisons the annotator has flagged in that showing and not lowered since.
    Result<QSet<qint64>> flaggedComparisons(qint64 annotatorId, bool repeat = false);
    // The annotator's active time on notes, summed per showing of each comparison they wrote notes on.
    Result<QVector<NoteSeconds>> noteSecondsByShowing(qint64 annotatorId);

private:
    Study &m_study;
    PreparedStatement m_insert;
};

QString toString(AnnotationNote::Kind kind);

} // namespace concord
