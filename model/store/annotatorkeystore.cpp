#include "model/store/annotatorkeystore.h"

#include "model/studyfile/study.h"

namespace concord {

Result<QString> currentAnnotatorKey(const Study &study, const QString &annotatorUuid)
{
    auto recorded = study.exec(
        QStringLiteral("SELECT public_key FROM annotator_key WHERE annotator_uuid = ? ORDER BY id DESC LIMIT 1"),
        {annotatorUuid});
    if (!recorded.ok())
        return recorded.error();
    return recorded->next() ? recorded->value(0).toString() : QString();
}

Result<std::optional<QString>> annotatorOfKey(const Study &study, const QString &publicKey)
{
    auto owner =
        study.exec(QStringLiteral("SELECT annotator_uuid FROM annotator_key WHERE public_key = ?"), {publicKey});
    if (!owner.ok())
        return owner.error();
    if (!owner->next())
        return std::optional<QString>{};
    return std::optional<QString>(owner->value(0).toString());
}

Status recordAnnotatorKey(Study &study, const QString &annotatorUuid, const QString &publicKey)
{
    auto inserted = study.exec(QStringLiteral("INSERT INTO annotator_key (annotator_uuid, public_key, recorded_at)"
                                              " VALUES (?, ?, ?)"),
                               {annotatorUuid, publicKey, Study::nowUtc()});
    if (!inserted.ok())
        return inserted.error();
    return {};
}

} // namespace concord
