#pragma once

#include "model/auditlog.h"
#include "model/result.h"

#include <QStringList>

namespace concord {

class Study;

struct StudyCheckReport
{
    int schemaVersion = 0;
    int currentSchemaVersion = 0;
    QString studyUuid;
    QString title;
    qint64 cases = 0;
    qint64 responses = 0;
    qint64 annotators = 0;
    qint64 ratingEvents = 0;
    qint64 judgeScores = 0;
    qint64 auditEntries = 0;
    QStringList problems; // empty when the file is healthy
    bool healthy() const { return problems.isEmpty(); }
};

// SQLite integrity and foreign-key checks, the audit hash chain, and domain rules (values on their scales).
Result<StudyCheckReport> checkStudy(const Study &study);

} // namespace concord
