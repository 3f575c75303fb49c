#pragma once

// Training comparisons: responses with reference values on the rubric's response axes. A physician rates a
// training comparison first and is then shown the reference; its ratings never enter the statistics.
#include "model/domain/result.h"
#include "model/store/trainingreferencestore.h" // TrainingReferenceRow, kTrainingResponsesSql

#include <QString>
#include <QVector>

namespace concord {

class Study;

// Reads a training file: CSV with the columns case_id, response_id, axis, value and optionally explanation; the case
// and response are the external ids of an imported response, the axis a response axis of the study's rubric and the
// value a point of its scale. Errors name the file, the line and the field.
Result<QVector<TrainingReferenceRow>> readTrainingReferences(Study &study, const QString &path);

// Stores the references inside the caller's transaction. A reference already stored with the same value is kept; one
// with another value is an error (a reference does not change once physicians may have seen it).
Status storeTrainingReferences(Study &study, const QVector<TrainingReferenceRow> &rows);

} // namespace concord
