#pragma once

#include "model/domain/result.h"
#include "model/domain/rubric.h"

namespace concord {

class Study;

// Stores a rubric version with its axes, scale points and error categories; fills in the ids.
Result<qint64> insertRubric(Study &study, Rubric &rubric);
Result<Rubric> loadRubric(const Study &study, qint64 rubricId);

} // namespace concord
