#pragma once

// Which rows the hash-chained audit log covers: every audit entry records, for each table whose rows
// changed since the entry before it, a running SHA-256 over the table's rows in row order up to its highest row id
// (tables whose rows are only ever added: ratings, notes, spans, judge scores, cases, responses, adjudications, ...)
// or a digest of the whole table (the few rows that may change: annotators' names, span removals, study settings).
// `check` and `merge` recompute them from the rows, so a row changed, deleted or added without an audit entry of its
// own, or before the entry that recorded it, is found; the chain over the entries then protects the digests.
#include "model/domain/result.h"

#include <QString>
#include <QStringList>

namespace concord {

class Study;

// Whether the file's audit log records coverage (schema 6 and later).
bool auditLogHasCoverage(const Study &study);

// The coverage text for a new audit entry, from the cached digests of the entry before it and the rows added since;
// updates the cache. Call inside the transaction of the change, right before the entry is written.
Result<QString> recordCoverage(Study &study);

// Recomputes every table's digests from its rows, entry by entry; one line per table whose rows differ from what the
// audit log recorded, naming the table and the ids (empty when every row is covered).
Result<QStringList> verifyCoverage(const Study &study);

} // namespace concord
