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
        if (auto renamed = AnnotatorStore(study).setAnnotatorName(annotator->id, newName); !renamed.ok())
            return renamed;
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
            if (auto retired = AnnotatorStore(study).retireAnnotator(annotator->id); !retired.ok())
                return retired;
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
    return AnnotatorStore(study).roster();
}

} // namespace concord
