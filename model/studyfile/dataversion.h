#pragma once

#include <QtGlobal>

namespace concord {

// Whether a study has changed since it was last looked at (Study::dataVersion()): SQLite's data_version moves when
// another connection (another window, an import, another process) commits, but not on this connection's own commits;
// the newest rating event id catches those. Cheap enough to ask every second.
struct DataVersion
{
    qint64 otherConnectionsCommits = 0; // PRAGMA data_version
    qint64 newestRatingEventId = 0;     // 0 for a study without events

    friend bool operator==(const DataVersion &, const DataVersion &) = default;
};

// Whether the rows of one table have changed since it was last read (Study::tableStamp()): for tables whose rows are
// added and seldom removed, a change moves the row count or the newest id.
struct TableStamp
{
    qint64 rows = 0;
    qint64 newestId = 0; // 0 for an empty table

    friend bool operator==(const TableStamp &, const TableStamp &) = default;
};

} // namespace concord
