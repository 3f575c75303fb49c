#include "model/studyfile/auditlog.h"

#include "model/package/annotatorpackage.h"
#include "model/package/packagesigning.h"
#include "model/studyfile/auditcoverage.h"
#include "model/studyfile/study.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlRecord>

namespace concord {

namespace {

const QString kGenesis = QString(64, QLatin1Char('0'));

QString entryHash(const QString &previousHash, const QString &uuid, const QString &at, const QString &actor,
                  const QString &action, const QString &details, const QString &coverage)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList parts{previousHash, uuid, at, actor, action, details};
    // Entries written before coverage existed keep their hashes.
    if (!coverage.isEmpty())
        parts << coverage;
    for (const QString &part : std::as_const(parts)) {
        const QByteArray bytes = part.toUtf8();
        // Length-prefix each part so that moving text between fields changes the hash.
        hash.addData(QByteArray(QByteArray::number(bytes.size()) + ':'));
        hash.addData(bytes);
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

Status appendAudit(Study &study, const QString &actor, const QString &action, const QJsonObject &details)
{
    auto last = study.exec(QStringLiteral("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    if (!last.ok())
        return last.error();
    const QString previous = last->next() ? last->value(0).toString() : kGenesis;
    const QString uuid = Study::newUuid();
    const QString at = Study::nowUtc();
    const QString detailsText = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
    const bool covered = auditLogHasCoverage(study);
    QString coverage;
    if (covered) {
        auto recorded = recordCoverage(study);
        if (!recorded.ok())
            return recorded.error();
        coverage = recorded.value();
    }
    const QString hash = entryHash(previous, uuid, at, actor, action, detailsText, coverage);
    auto inserted =
        covered ? study.exec(QStringLiteral("INSERT INTO audit_log (uuid, at, actor, action, details_json, prev_hash,"
                                            " hash, coverage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                             {uuid, at, actor, action, detailsText, previous, hash, coverage})
                : study.exec(QStringLiteral("INSERT INTO audit_log (uuid, at, actor, action, details_json, prev_hash,"
                                            " hash) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                             {uuid, at, actor, action, detailsText, previous, hash});
    if (!inserted.ok())
        return inserted.error();
    if (!covered)
        return {};
    // A copy of the head outside the log: an entry deleted at the end no longer goes unnoticed by itself.
    if (Status status = study.setMeta(QString(kAuditHeadMeta), hash); !status.ok())
        return status;
    // In a package, what the physician writes is signed on their machine; the lead's "package" entry is not theirs.
    if (!packageAnnotator(study).isEmpty() && action != QStringLiteral("package"))
        return signPackageHead(study, hash);
    return {};
}

Result<AuditChainReport> verifyAuditChain(const Study &study)
{
    const bool covered = auditLogHasCoverage(study);
    auto rows = study.exec(covered ? QStringLiteral("SELECT id, uuid, at, actor, action, details_json, prev_hash, hash,"
                                                    " coverage FROM audit_log ORDER BY id")
                                   : QStringLiteral("SELECT id, uuid, at, actor, action, details_json, prev_hash, hash,"
                                                    " '' AS coverage FROM audit_log ORDER BY id"));
    if (!rows.ok())
        return rows.error();
    // Columns by name, looked up once: the loop runs once per audit entry.
    const QSqlRecord record = rows->record();
    const int idColumn = record.indexOf(QStringLiteral("id"));
    const int uuidColumn = record.indexOf(QStringLiteral("uuid"));
    const int atColumn = record.indexOf(QStringLiteral("at"));
    const int actorColumn = record.indexOf(QStringLiteral("actor"));
    const int actionColumn = record.indexOf(QStringLiteral("action"));
    const int detailsColumn = record.indexOf(QStringLiteral("details_json"));
    const int previousHashColumn = record.indexOf(QStringLiteral("prev_hash"));
    const int hashColumn = record.indexOf(QStringLiteral("hash"));
    const int coverageColumn = record.indexOf(QStringLiteral("coverage"));
    AuditChainReport report;
    QString previous = kGenesis;
    while (rows->next()) {
        ++report.entries;
        const qint64 id = rows->value(idColumn).toLongLong();
        if (rows->value(previousHashColumn).toString() != previous) {
            report.firstBrokenEntry = id;
            report.problem = QStringLiteral("audit entry %1 does not follow the entry before it").arg(id);
            break;
        }
        const QString expected =
            entryHash(previous, rows->value(uuidColumn).toString(), rows->value(atColumn).toString(),
                      rows->value(actorColumn).toString(), rows->value(actionColumn).toString(),
                      rows->value(detailsColumn).toString(), rows->value(coverageColumn).toString());
        if (expected != rows->value(hashColumn).toString()) {
            report.firstBrokenEntry = id;
            report.problem = QStringLiteral("audit entry %1 was altered after it was written").arg(id);
            break;
        }
        previous = expected;
    }
    if (report.intact())
        report.head = previous;
    return report;
}

QString auditHead(const Study &study)
{
    auto last = study.exec(QStringLiteral("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    return last.ok() && last->next() ? last->value(0).toString() : QString();
}

Result<QString> newestAuditTime(const Study &study)
{
    auto newest = study.exec(QStringLiteral("SELECT max(at) FROM audit_log"));
    if (!newest.ok())
        return newest.error();
    newest->next();
    return newest->value(0).toString();
}

Result<QVector<AuditEntryDetails>> auditEntriesOf(const Study &study, const QStringList &actions)
{
    QStringList placeholders;
    QVariantList bindings;
    for (const QString &action : actions) {
        placeholders << QStringLiteral("?");
        bindings << action;
    }
    auto rows = study.exec(QStringLiteral("SELECT id, action, details_json FROM audit_log WHERE action IN (%1)"
                                          " ORDER BY id")
                               .arg(placeholders.join(QStringLiteral(", "))),
                           bindings);
    if (!rows.ok())
        return rows.error();
    QVector<AuditEntryDetails> entries;
    while (rows->next()) {
        AuditEntryDetails entry;
        entry.id = rows->value(QStringLiteral("id")).toLongLong();
        entry.action = rows->value(QStringLiteral("action")).toString();
        entry.details =
            QJsonDocument::fromJson(rows->value(QStringLiteral("details_json")).toString().toUtf8()).object();
        entries.push_back(entry);
    }
    return entries;
}

Result<bool> auditLogHoldsHash(const Study &study, const QString &hash)
{
    auto known = study.exec(QStringLiteral("SELECT 1 FROM audit_log WHERE hash = ?"), {hash});
    if (!known.ok())
        return known.error();
    return known->next();
}

Result<qint64> latestAuditEntryWithHash(const Study &study, const QSet<QString> &hashes)
{
    if (hashes.isEmpty())
        return 0;
    // SQLite finds the entry; the log (one entry per rating) is not read row by row into the program.
    QStringList placeholders;
    QVariantList bindings;
    for (const QString &hash : hashes) {
        placeholders << QStringLiteral("?");
        bindings << hash;
    }
    auto latest = study.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM audit_log WHERE hash IN (%1)")
                                 .arg(placeholders.join(QStringLiteral(", "))),
                             bindings);
    if (!latest.ok())
        return latest.error();
    return latest->next() ? latest->value(0).toLongLong() : 0;
}

Result<qint64> latestAuditEntryOf(const Study &study, const QString &action)
{
    auto latest = study.exec(QStringLiteral("SELECT max(id) FROM audit_log WHERE action = ?"), {action});
    if (!latest.ok())
        return latest.error();
    return latest->next() ? latest->value(0).toLongLong() : 0;
}

Result<qint64> auditEntriesAfter(const Study &study, qint64 entryId)
{
    auto later = study.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE id > ?"), {entryId});
    if (!later.ok())
        return later.error();
    return later->next() ? later->value(0).toLongLong() : 0;
}

Result<std::optional<AuditedMerge>> latestAuditedMerge(const Study &study, const QString &annotatorUuid)
{
    auto latest = study.exec(
        QStringLiteral("SELECT at, json_extract(details_json, '$.package_created_at') AS package_created_at,"
                       " json_extract(details_json, '$.package_last_event_at') AS package_last_event_at"
                       " FROM audit_log WHERE action = 'merge' AND json_extract(details_json, '$.annotator_uuid') = ?"
                       " ORDER BY id DESC LIMIT 1"),
        {annotatorUuid});
    if (!latest.ok())
        return latest.error();
    if (!latest->next())
        return std::optional<AuditedMerge>{};
    AuditedMerge merge;
    merge.at = latest->value(QStringLiteral("at")).toString();
    merge.packageCreatedAt = latest->value(QStringLiteral("package_created_at")).toString();
    merge.packageLastEventAt = latest->value(QStringLiteral("package_last_event_at")).toString();
    return std::optional<AuditedMerge>(merge);
}

} // namespace concord
