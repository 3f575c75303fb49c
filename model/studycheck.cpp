#include "model/studycheck.h"

#include "model/schema.h"
#include "model/study.h"

namespace concord {

Result<StudyCheckReport> checkStudy(const Study &study)
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
    while (foreignKeys->next())
        report.problems << QStringLiteral("foreign key: row %1 of table %2 refers to a missing row of %3")
                               .arg(foreignKeys->value(1).toString(), foreignKeys->value(0).toString(),
                                    foreignKeys->value(2).toString());

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
    if (!audit->intact())
        report.problems << QStringLiteral("audit log: %1").arg(audit->problem);

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
