#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/store/annotatorstore.h"

#include <QStringList>

namespace concord {

class Study;

// The study's physicians, as the study lead manages them; each change in one transaction with an audit entry.
// Names are unique; a retired physician keeps every rating but can no longer annotate or be assigned.
// Several names are added or retired all or none.
Status addAnnotators(Study &study, const QStringList &names, const QString &actor);
Status renameAnnotator(Study &study, const QString &name, const QString &newName, const QString &actor);
Status retireAnnotators(Study &study, const QStringList &names, const QString &actor);

// Every annotator in name order, with their assignment and rating event counts.
Result<QVector<RosterEntry>> annotatorRoster(Study &study);

} // namespace concord
