#pragma once

#include "model/domain/result.h"

#include <QJsonObject>
#include <QLatin1String>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

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
// The latest time an entry records (the study's last recorded change); empty for an empty log.
Result<QString> newestAuditTime(const Study &study);

// The reads below take the log as stored, unverified: callers check the chain first where it matters.

struct AuditEntryDetails
{
    qint64 id = 0;
    QString action;
    QJsonObject details; // empty when the stored details are not a JSON object
};
// The entries recording any of `actions`, in log order.
Result<QVector<AuditEntryDetails>> auditEntriesOf(const Study &study, const QStringList &actions);

// Whether an entry of the log has this hash (a head recorded elsewhere, such as in a package).
Result<bool> auditLogHoldsHash(const Study &study, const QString &hash);
// The id of the latest entry whose hash is one of `hashes`; 0 when none is.
Result<qint64> latestAuditEntryWithHash(const Study &study, const QSet<QString> &hashes);
// The id of the latest entry recording `action`; 0 when there is none.
Result<qint64> latestAuditEntryOf(const Study &study, const QString &action);
// How many entries were written after the entry `entryId`.
Result<qint64> auditEntriesAfter(const Study &study, qint64 entryId);

// What the "merge" entry of the latest merge of a physician's package recorded.
struct AuditedMerge
{
    QString at;
    QString packageCreatedAt;   // empty when the entry does not record it
    QString packageLastEventAt; // empty when the entry does not record it, or the package held no rating
};
Result<std::optional<AuditedMerge>> latestAuditedMerge(const Study &study, const QString &annotatorUuid);

} // namespace concord
