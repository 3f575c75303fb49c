#pragma once

#include "model/domain/result.h"

#include <functional>

namespace concord {

class NewStudyFile;

// Runs body in one transaction on a new study file that is not yet put in place, set up as a bulk load (the demo's
// thousands of rows):
// - a large page cache keeps the randomly inserted UUID index pages in memory until the commit instead of
//   spilling them again and again (a per-connection limit, not an allocation);
// - foreign keys are not checked row by row (the writer links only rows it has just written; `concord check`
//   and the tests run PRAGMA foreign_key_check on the result);
// - a rollback journal in memory instead of the WAL, so that the pages are written once, not to the WAL and
//   then again into the file (a kill during the commit can damage only the temporary file, which is never put
//   in place).
// The file is switched back to WAL and the settings restored afterwards, whether body succeeded or not; the first
// error is returned (body's before the restoring's).
Status writeAsBulkLoad(NewStudyFile &file, const std::function<Status()> &body);

} // namespace concord
