#include "model/studyfile/bulkload.h"

#include "model/studyfile/newstudyfile.h"
#include "model/studyfile/study.h"

#include <QStringList>

namespace concord {

Status writeAsBulkLoad(NewStudyFile &file, const std::function<Status()> &body)
{
    Study &study = file.study();
    QString previousCache;
    if (auto query = study.exec(QStringLiteral("PRAGMA cache_size")); query.ok() && query->next()) {
        previousCache = query->value(0).toString();
        query->finish();
    }
    const QStringList bulkLoad{QStringLiteral("PRAGMA cache_size = -524288"),
                               QStringLiteral("PRAGMA foreign_keys = OFF"),
                               QStringLiteral("PRAGMA journal_mode = MEMORY")};
    QStringList restore{QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("PRAGMA foreign_keys = ON")};
    if (!previousCache.isEmpty())
        restore << QStringLiteral("PRAGMA cache_size = %1").arg(previousCache.toLongLong());
    auto runPragmas = [&](const QStringList &pragmas) -> Status {
        for (const auto &pragma : pragmas) {
            auto query = study.exec(pragma);
            if (!query.ok())
                return query.error();
            query->finish();
        }
        return {};
    };
    Status status = runPragmas(bulkLoad);
    if (status.ok())
        status = study.inTransaction(body);
    if (Status restored = runPragmas(restore); status.ok() && !restored.ok())
        status = restored;
    return status;
}

} // namespace concord
