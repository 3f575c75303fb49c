#include "model/auditlog.h"

#include "model/study.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace concord {

namespace {

const QString kGenesis = QString(64, QLatin1Char('0'));

QString entryHash(const QString &previousHash, const QString &uuid, const QString &at, const QString &actor,
                  const QString &action, const QString &details)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &part : {previousHash, uuid, at, actor, action, details}) {
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
    const QString hash = entryHash(previous, uuid, at, actor, action, detailsText);
    auto inserted = study.exec(QStringLiteral("INSERT INTO audit_log (uuid, at, actor, action, details_json, prev_hash,"
                                              " hash) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                               {uuid, at, actor, action, detailsText, previous, hash});
    if (!inserted.ok())
        return inserted.error();
    return {};
}

Result<AuditChainReport> verifyAuditChain(const Study &study)
{
    auto rows = study.exec(QStringLiteral("SELECT id, uuid, at, actor, action, details_json, prev_hash, hash"
                                          " FROM audit_log ORDER BY id"));
    if (!rows.ok())
        return rows.error();
    AuditChainReport report;
    QString previous = kGenesis;
    while (rows->next()) {
        ++report.entries;
        const qint64 id = rows->value(0).toLongLong();
        if (rows->value(6).toString() != previous) {
            report.firstBrokenEntry = id;
            report.problem = QStringLiteral("audit entry %1 does not follow the entry before it").arg(id);
            break;
        }
        const QString expected = entryHash(previous, rows->value(1).toString(), rows->value(2).toString(),
                                           rows->value(3).toString(), rows->value(4).toString(),
                                           rows->value(5).toString());
        if (expected != rows->value(7).toString()) {
            report.firstBrokenEntry = id;
            report.problem = QStringLiteral("audit entry %1 was altered after it was written").arg(id);
            break;
        }
        previous = expected;
    }
    return report;
}

} // namespace concord
