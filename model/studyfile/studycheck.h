#pragma once

#include "model/domain/result.h"
#include "model/studyfile/auditlog.h"

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
    QString auditHead; // the last audit entry's hash: keep it (or the report that prints it) to compare later
    // With StudyCheckOptions::expectedHead: the entries written after it, as "id action by actor" lines.
    QStringList entriesAfterExpectedHead;
    QStringList problems; // empty when the file is healthy
    bool healthy() const { return problems.isEmpty(); }
};

struct StudyCheckOptions
{
    // A head the user kept (printed by an earlier check or in a report): the log must still contain it, else its
    // history was rewritten, which no check of the file alone can tell.
    QString expectedHead{};
};

// SQLite integrity and foreign-key checks, the audit hash chain, that every row is covered by the audit log
// (model/studyfile/auditcoverage.h), that the append-only triggers are those the schema created, and domain rules
// (values on their scales).
Result<StudyCheckReport> checkStudy(const Study &study, const StudyCheckOptions &options = {});

} // namespace concord
