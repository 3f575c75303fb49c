#pragma once

#include "model/result.h"

#include <QJsonObject>
#include <QString>

namespace concord {

class Study;

// Appends one entry to the hash-chained audit log; call inside the transaction of the change it records.
Status appendAudit(Study &study, const QString &actor, const QString &action, const QJsonObject &details);

struct AuditChainReport
{
    qint64 entries = 0;
    qint64 firstBrokenEntry = 0; // 0 when the chain is intact
    QString problem;
    bool intact() const { return firstBrokenEntry == 0; }
};

// Recomputes every hash: an edited, deleted or reordered entry breaks the chain.
Result<AuditChainReport> verifyAuditChain(const Study &study);

} // namespace concord
