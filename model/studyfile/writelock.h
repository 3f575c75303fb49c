#pragma once

#include "model/domain/result.h"

#include <functional>

namespace concord {

class Study;

// For a long write (an import, a merge): waits for another program's write to the study to finish, for up to
// `timeoutSeconds` rather than the 5 s every connection waits by default, calling `onWait` once when it has to wait
// (the command line says so). The connection keeps that timeout for the writes that follow.
Status waitForOtherWriters(Study &study, int timeoutSeconds, const std::function<void()> &onWait);

inline constexpr int kLongWriteTimeoutSeconds = 600;

// Whether another program holds the study's write lock right now (asked without waiting), for a caller that waits
// on its own terms, as the GUI does with a window it keeps responsive. The connection keeps its usual timeout.
Result<bool> anotherProgramIsWriting(Study &study);

// Copies what the write-ahead log holds into the study file itself, so that a copy of the file alone (sent by mail,
// taken to a USB stick) holds what was just saved; a PASSIVE checkpoint, which never waits for readers or writers.
// True when the file now holds everything; false when a reader of an older snapshot held some back (try again).
Result<bool> writeThroughToStudyFile(Study &study);

// How long this connection waits for another program's write lock before a write fails with ErrorCode::Busy
// (PRAGMA busy_timeout), and setting it, for a caller that waits less (or longer) for a while.
Result<int> lockWaitMs(Study &study);
Status setLockWaitMs(Study &study, int milliseconds);

// Whether SQLite checkpoints the write-ahead log on its own when a commit finds it long (at 1000 pages, its
// default); off for a caller that checkpoints at moments of its choosing (writeThroughToStudyFile).
Status setAutomaticCheckpoints(Study &study, bool on);

} // namespace concord
