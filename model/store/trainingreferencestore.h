#pragma once

#include "model/domain/result.h"
#include "model/studyfile/sqlutil.h"

#include <QSet>
#include <QString>
#include <optional>

namespace concord {

class Study;

// A reference value of a training comparison's response on a response axis, with the explanation shown after it.
struct TrainingReferenceRow
{
    qint64 responseId = 0;
    qint64 axisId = 0;
    double value = 0;
    QString explanation;
};

// The responses of training comparisons (those with a reference and the others shown beside them), as SQL returning
// one response_id per row: statistics and adjudication leave them out, inside their own statements.
extern const QString kTrainingResponsesSql;

// The responses of training comparisons (kTrainingResponsesSql) as a set.
Result<QSet<qint64>> trainingResponseIds(const Study &study);

// The training references (training_reference): written once, never changed.
class TrainingReferenceStore
{
public:
    explicit TrainingReferenceStore(Study &study);

    // The responses that have a reference (not those shown beside them).
    Result<QSet<qint64>> referencedResponseIds();
    // The value stored for the response on the axis; none when it has no reference there.
    Result<std::optional<double>> referenceValue(qint64 responseId, qint64 axisId);
    // The references of a comparison's responses, by the responses' position in it, then by axis.
    Result<QVector<TrainingReferenceRow>> referencesOfComparison(qint64 comparisonId);
    // Inside the caller's transaction; a new uuid and the time now.
    Status insert(const TrainingReferenceRow &row);

private:
    Study &m_study;
    PreparedStatement m_findValue;
    PreparedStatement m_insert;
};

} // namespace concord
