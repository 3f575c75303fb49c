#pragma once

#include "model/result.h"

#include <functional>

namespace concord {

class Study;

// For a long write (an import, a merge): waits for another program's write to the study to finish, for up to
// `timeoutSeconds` rather than the 5 s every connection waits by default, calling `onWait` once when it has to wait
// (the command line says so). The connection keeps that timeout for the writes that follow.
Status waitForOtherWriters(Study &study, int timeoutSeconds, const std::function<void()> &onWait);

inline constexpr int kLongWriteTimeoutSeconds = 600;

} // namespace concord
