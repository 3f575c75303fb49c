#include "model/studylead/studyroster.h"

#include "model/store/annotatorstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

#include <QJsonObject>

namespace concord {

namespace {

Result<Annotator> existing(Study &study, const QString &name)
{
    auto found = AnnotatorStore(study).annotatorByName(name);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return Error{QStringLiteral("%1 has no annotator named '%2'").arg(study.path(), name)};
    return *found.value();
}

Status checkName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return Error{QStringLiteral("an annotator needs a name")};
    if (name != name.trimmed())
        return Error{QStringLiteral("the annotator name '%1' starts or ends with spaces").arg(name)};
    return {};
}

} // namespace

Status addAnnotators(Study &study, const QStringList &names, const QString &actor)
{
    AnnotatorStore store(study);
    return study.inTransaction([&]() -> Status {
        for (const QString &name : names) {
            if (auto valid = checkName(name); !valid.ok())
                return valid;
            auto found = store.annotatorByName(name);
            if (!found.ok())
                return found.error();
            if (found.value())
                return Error{QStringLiteral("%1 already has an annotator named '%2'").arg(study.path(), name)};
            Annotator annotator;
            annotator.name = name;
            if (auto id = store.insertAnnotator(annotator); !id.ok())
                return id.error();
            if (auto audited = appendAudit(
                    study, actor, QStringLiteral("add_annotator"),
                    QJsonObject{{QStringLiteral("annotator"), annotator.uuid}, {QStringLiteral("name"), name}});
                !audited.ok())
                return audited;
        }
        return {};
    });
}

Status renameAnnotator(Study &study, const QString &name, const QString &newName, const QString &actor)
{
    if (auto valid = checkName(newName); !valid.ok())
        return valid;
    auto annotator = existing(study, name);
    if (!annotator.ok())
        return annotator.error();
    auto clash = AnnotatorStore(study).annotatorByName(newName);
    if (!clash.ok())
        return clash.error();
    if (clash.value())
        return Error{QStringLiteral("%1 already has an annotator named '%2'").arg(study.path(), newName)};
    return study.inTransaction([&]() -> Status {
        if (auto renamed =
                study.exec(QStringLiteral("UPDATE annotator SET name = ? WHERE id = ?"), {newName, annotator->id});
            !renamed.ok())
            return renamed.error();
        return appendAudit(study, actor, QStringLiteral("rename_annotator"),
                           QJsonObject{{QStringLiteral("annotator"), annotator->uuid},
                                       {QStringLiteral("from"), name},
                                       {QStringLiteral("to"), newName}});
    });
}

Status retireAnnotators(Study &study, const QStringList &names, const QString &actor)
{
    return study.inTransaction([&]() -> Status {
        for (const QString &name : names) {
            auto annotator = existing(study, name);
            if (!annotator.ok())
                return annotator.error();
            if (annotator->retired)
                return Error{QStringLiteral("annotator '%1' is already retired").arg(name)};
            if (auto retired =
                    study.exec(QStringLiteral("UPDATE annotator SET retired = 1 WHERE id = ?"), {annotator->id});
                !retired.ok())
                return retired.error();
            if (auto audited = appendAudit(
                    study, actor, QStringLiteral("retire_annotator"),
                    QJsonObject{{QStringLiteral("annotator"), annotator->uuid}, {QStringLiteral("name"), name}});
                !audited.ok())
                return audited;
        }
        return {};
    });
}

Result<QVector<RosterEntry>> annotatorRoster(Study &study)
{
    auto rows = study.exec(QStringLiteral("SELECT n.id, n.uuid, n.name, n.retired,"
                                          " (SELECT count(*) FROM assignment a WHERE a.annotator_id = n.id),"
                                          " (SELECT count(*) FROM rating_event e WHERE e.annotator_id = n.id)"
                                          " FROM annotator n ORDER BY n.name"));
    if (!rows.ok())
        return rows.error();
    QVector<RosterEntry> roster;
    while (rows->next()) {
        RosterEntry entry;
        entry.annotator = Annotator{rows->value(0).toLongLong(), rows->value(1).toString(), rows->value(2).toString(),
                                    rows->value(3).toBool()};
        entry.assignments = rows->value(4).toLongLong();
        entry.ratingEvents = rows->value(5).toLongLong();
        roster.push_back(entry);
    }
    return roster;
}

} // namespace concord
