#include "model/studyfile/studycheck.h"

#include "model/package/annotatorpackage.h"
#include "model/package/packagesigning.h"
#include "model/studyfile/auditcoverage.h"
#include "model/studyfile/schema.h"
#include "model/studyfile/study.h"

namespace concord {

namespace {

// The append-only triggers must be those the schema created: a trigger dropped (or weakened) lets rows be changed.
Status checkTriggers(const Study &study, QStringList &problems)
{
    for (const auto &[name, sql] : appendOnlyTriggers()) {
        auto stored =
            study.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"), {name});
        if (!stored.ok())
            return stored.error();
        if (!stored->next())
            problems << QStringLiteral("append-only trigger %1 is missing: rows it protects can be changed").arg(name);
        else if (stored->value(0).toString() != sql)
            problems << QStringLiteral("append-only trigger %1 is not the one the schema created").arg(name);
    }
    return {};
}

Status checkExpectedHead(const Study &study, const QString &expected, StudyCheckReport &report)
{
    auto found = study.exec(QStringLiteral("SELECT id FROM audit_log WHERE hash = ?"), {expected.trimmed()});
    if (!found.ok())
        return found.error();
    if (!found->next()) {
        report.problems << QStringLiteral("audit log: the head you kept (%1) is not in it: its history was rewritten,"
                                          " or this is another study")
                               .arg(expected.trimmed());
        return {};
    }
    auto after = study.exec(QStringLiteral("SELECT id, action, actor FROM audit_log WHERE id > ? ORDER BY id"),
                            {found->value(0).toLongLong()});
    if (!after.ok())
        return after.error();
    while (after->next())
        report.entriesAfterExpectedHead << QStringLiteral("%1 %2 by %3")
                                               .arg(after->value(QStringLiteral("id")).toLongLong())
                                               .arg(after->value(QStringLiteral("action")).toString(),
                                                    after->value(QStringLiteral("actor")).toString());
    return {};
}

// A package's own signature (whose key it is, only the study that merges it can tell).
Status checkPackageSignature(const Study &package, const QString &head, QStringList &problems)
{
    const QString signature = package.meta(QString(kPackageSignatureMeta));
    if (signature.isEmpty()) {
        auto later =
            package.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE id > (SELECT coalesce(max(id), 0)"
                                        " FROM audit_log WHERE action = 'package')"));
        if (!later.ok())
            return later.error();
        if (later->next() && later->value(0).toLongLong() > 0)
            problems << QStringLiteral("package: it holds work written after it was made, but no signature");
        return {};
    }
    const QByteArray message = packageSignedMessage(package.meta(QString(kPackageStudyUuidMeta)),
                                                    package.meta(QString(kPackageAnnotatorUuidMeta)), head);
    if (!verifyDetached(QByteArray::fromBase64(package.meta(QString(kPackageSigningKeyMeta)).toLatin1()), message,
                        QByteArray::fromBase64(signature.toLatin1())))
        problems << QStringLiteral(
            "package: its signature does not match its audit head (changed after it was signed)");
    return {};
}

} // namespace

Result<StudyCheckReport> checkStudy(const Study &study, const StudyCheckOptions &options)
{
    StudyCheckReport report;
    report.schemaVersion = study.schemaVersion();
    report.currentSchemaVersion = currentSchemaVersion();
    const StudyInfo info = study.info();
    report.studyUuid = info.uuid;
    report.title = info.title;

    auto integrity = study.exec(QStringLiteral("PRAGMA integrity_check"));
    if (!integrity.ok())
        return integrity.error();
    while (integrity->next()) {
        const QString line = integrity->value(0).toString();
        if (line != QStringLiteral("ok"))
            report.problems << QStringLiteral("integrity: %1").arg(line);
    }
    auto foreignKeys = study.exec(QStringLiteral("PRAGMA foreign_key_check"));
    if (!foreignKeys.ok())
        return foreignKeys.error();
    // The pragma's columns: table, rowid, parent, fkid.
    while (foreignKeys->next())
        report.problems << QStringLiteral("foreign key: row %1 of table %2 refers to a missing row of %3")
                               .arg(foreignKeys->value(QStringLiteral("rowid")).toString(),
                                    foreignKeys->value(QStringLiteral("table")).toString(),
                                    foreignKeys->value(QStringLiteral("parent")).toString());

    const std::pair<QString, QString> domainRules[] = {
        {QStringLiteral("SELECT count(*) FROM rating_event e WHERE e.status = 'value' AND NOT EXISTS"
                        " (SELECT 1 FROM scale_point p WHERE p.axis_id = e.axis_id AND p.value = e.value)"),
         QStringLiteral("%1 rating events have a value that is not on their axis' scale")},
        {QStringLiteral("SELECT count(*) FROM judge_score s WHERE s.value IS NOT NULL AND NOT EXISTS"
                        " (SELECT 1 FROM scale_point p WHERE p.axis_id = s.axis_id AND p.value = s.value)"),
         QStringLiteral("%1 judge scores have a value that is not on their axis' scale")},
        {QStringLiteral("SELECT count(*) FROM rating_event e JOIN axis a ON a.id = e.axis_id"
                        " WHERE (a.target = 'response') <> (e.response_id IS NOT NULL)"),
         QStringLiteral("%1 rating events target a response on a comparison axis or the other way round")},
    };
    for (const auto &[sql, message] : domainRules) {
        auto q = study.exec(sql);
        if (!q.ok())
            return q.error();
        q->next();
        if (const qint64 n = q->value(0).toLongLong(); n > 0)
            report.problems << message.arg(n);
    }

    auto audit = verifyAuditChain(study);
    if (!audit.ok())
        return audit.error();
    report.auditEntries = audit->entries;
    report.auditHead = audit->head;
    if (!audit->intact())
        report.problems << QStringLiteral("audit log: %1").arg(audit->problem);
    if (report.schemaVersion == report.currentSchemaVersion) {
        if (Status triggers = checkTriggers(study, report.problems); !triggers.ok())
            return triggers.error();
    }
    if (auditLogHasCoverage(study)) {
        auto coverage = verifyCoverage(study);
        if (!coverage.ok())
            return coverage.error();
        report.problems << coverage.value();
        const QString recordedHead = study.meta(QString(kAuditHeadMeta));
        const QString lastHash = auditHead(study);
        if (recordedHead != lastHash)
            report.problems << QStringLiteral("audit log: its last entry is not the last one written (entries were"
                                              " deleted at its end, or the copy of its head was changed)");
        if (!packageAnnotator(study).isEmpty()) {
            if (Status signature = checkPackageSignature(study, lastHash, report.problems); !signature.ok())
                return signature.error();
        }
    }
    if (!options.expectedHead.isEmpty()) {
        if (Status expected = checkExpectedHead(study, options.expectedHead, report); !expected.ok())
            return expected.error();
    }

    const std::pair<QString, qint64 *> counts[] = {
        {QStringLiteral("SELECT count(*) FROM \"case\""), &report.cases},
        {QStringLiteral("SELECT count(*) FROM response"), &report.responses},
        {QStringLiteral("SELECT count(*) FROM annotator"), &report.annotators},
        {QStringLiteral("SELECT count(*) FROM rating_event"), &report.ratingEvents},
        {QStringLiteral("SELECT count(*) FROM judge_score"), &report.judgeScores},
    };
    for (const auto &[sql, target] : counts) {
        auto q = study.exec(sql);
        if (!q.ok())
            return q.error();
        q->next();
        *target = q->value(0).toLongLong();
    }
    return report;
}

} // namespace concord
