#pragma once

#include "model/domain/result.h"

#include <QString>

namespace concord {

class Study;

// SHA-256 of a study's content read through its own connection: the schema (every table, index and trigger, by
// type and name) and then every table's rows in rowid order, each value with its type. Two files with the same
// content give the same digest whatever their page layout or write-ahead log state, and nothing reads the file with
// plain file calls (which would drop this process's SQLite locks on it). Named "content SHA-256" wherever shown, as
// it is not the SHA-256 of the file's bytes.
Result<QString> contentSha256(const Study &study);

} // namespace concord
