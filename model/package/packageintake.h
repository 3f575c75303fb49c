#pragma once

// How `merge` reads an annotator package and what it warns about: the package is read only through
// SQLite, never with plain file calls (this process may have it open; a plain close() would drop SQLite's locks).
#include "model/domain/result.h"

#include <QString>
#include <QStringList>

namespace concord {

class Study;

// Writes a consistent copy of the package at `source`, write-ahead log included, to the new file `target` with
// SQLite's VACUUM INTO. The source is read on a connection of its own that never writes to it; the connection is
// read-write when the file allows, so that closing it removes the -wal and -shm it may have created (a read-only
// connection would leave them beside the package).
Status copyPackageThroughSqlite(const QString &source, const QString &target);

// The times a package records: when it was made, and its latest rating event (empty when none).
struct PackageTimes
{
    QString createdAt;
    QString lastEventAt;
};
Result<PackageTimes> packageTimes(const Study &package);

// Warnings about a package that merges but may not be what the study lead meant to merge, one line each:
// - a `-wal` beside it: it was copied (or is still open) while Concord had it open, and its latest ratings
//   may be only in that log;
// - it is older than the last package merged for the same physician (by its creation time, or by its latest rating,
//   against what the audit log recorded at that merge);
// Asked before the merge is recorded; `walBeside` is found by the caller before reading the package.
Result<QStringList> packageWarnings(const Study &study, const QString &annotatorUuid, const PackageTimes &times,
                                    bool walBeside);
// After the merge: the package held no rating event the study did not have.
QString noNewEventsWarning();

// A write-ahead log beside the file at `path` (stat only; it may be empty but still says the file is or was open).
bool hasWriteAheadLogBeside(const QString &path);

} // namespace concord
