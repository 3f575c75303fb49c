#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/studyfile/sqlutil.h"

namespace concord {

class Study;

// Annotators and their assignments (annotator x comparison, with the stored screen order).
class AnnotatorStore
{
public:
    explicit AnnotatorStore(Study &study);

    Result<qint64> insertAnnotator(Annotator &annotator);
    // Returns the annotator of that name, creating it when missing.
    Result<Annotator> ensureAnnotator(const QString &name);
    Result<std::optional<Annotator>> annotatorByName(const QString &name);
    Result<QVector<Annotator>> annotators();

    Result<qint64> insertAssignment(Assignment &assignment);
    Result<QVector<Assignment>> assignmentsOf(qint64 annotatorId);
    Result<qint64> assignmentCount();

private:
    Study &m_study;
    PreparedStatement m_insertAnnotator;
    PreparedStatement m_findAnnotator;
    PreparedStatement m_insertAssignment;
};

} // namespace concord
