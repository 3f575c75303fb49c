#pragma once

#include "model/domain/result.h"

#include <QJsonObject>
#include <QLatin1String>
#include <QString>

namespace concord {

class Study;

// Meta key holding a copy of the latest entry's hash (schema 6 on); `check` compares it with the log.
inline constexpr QLatin1String kAuditHeadMeta{"audit_head"};

// Appends one entry to the hash-chained audit log; call inside the transaction of the change it records.
Status appendAudit(Study &study, const QString &actor, const QString &action, const QJsonObject &details);

struct AuditChainReport
{
    qint64 entries = 0;
    qint64 firstBrokenEntry = 0; // 0 when the chain is intact
    QString problem;
    QString head; // the last entry's hash when the chain is intact (what a report prints and a user keeps)
    bool intact() const { return firstBrokenEntry == 0; }
};

// Recomputes every hash: an edited, deleted or reordered entry breaks the chain.
// Entries written since schema 6 also hash the coverage they record (model/studyfile/auditcoverage.h).
Result<AuditChainReport> verifyAuditChain(const Study &study);

// The hash of the last audit entry as stored (empty for an empty log); not verified.
QString auditHead(const Study &study);

} // namespace concord
