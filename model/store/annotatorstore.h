#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/studyfile/sqlutil.h"

#include <QStringList>

namespace concord {

class Study;

// An annotator with how much they have been given and done, for the study lead's roster.
struct RosterEntry
{
    Annotator annotator;
    qint64 assignments = 0;
    qint64 ratingEvents = 0;
};

// A comparison as an assignment design hands it out: its responses in screen position order, with their systems.
struct AssignableComparison
{
    qint64 id = 0;
    QVector<qint64> responseIds;
    QStringList systems; // of responseIds, in the same order
};

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
    // Every annotator in name order, with their assignment and rating event counts.
    Result<QVector<RosterEntry>> roster();
    Status setAnnotatorName(qint64 annotatorId, const QString &name);
    Status retireAnnotator(qint64 annotatorId);

    Result<qint64> insertAssignment(Assignment &assignment);
    Result<QVector<Assignment>> assignmentsOf(qint64 annotatorId);
    Result<qint64> assignmentCount();
    Result<qint64> assignmentCountOf(qint64 annotatorId);
    // The comparisons that have responses, in id order: what an assignment design distributes.
    Result<QVector<AssignableComparison>> assignableComparisons();

private:
    Study &m_study;
    PreparedStatement m_insertAnnotator;
    PreparedStatement m_findAnnotator;
    PreparedStatement m_insertAssignment;
};

// The annotator with that uuid, if the file has it; for readers holding a const Study (a package being checked).
Result<std::optional<Annotator>> annotatorByUuid(const Study &study, const QString &uuid);

// An assignment as the annotator's queue lists it: the comparison in its screen order, its case, and whether it is
// a training comparison (one of its responses has a reference value).
struct QueuedAssignment
{
    qint64 assignmentId = 0;
    qint64 comparisonId = 0;
    int sequence = 0;
    QVector<qint64> responseOrder;
    qint64 caseId = 0;
    QString caseExternalId;
    QString task;
    bool repeat = false;
    bool training = false;
};

// The annotator's assignments in their order (sequence, then id).
Result<QVector<QueuedAssignment>> assignmentQueue(const Study &study, qint64 annotatorId);

} // namespace concord
