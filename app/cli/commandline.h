#pragma once

#include <QStringList>

namespace concord::cli {

// Exit codes: 0 success, 1 the command failed (one line on stderr), 2 the command line was wrong.
enum ExitCode
{
    Success = 0,
    Failure = 1,
    UsageError = 2
};

bool isCommand(const QString &name);
// arguments: the command name followed by its arguments (without the program name).
int runCommand(const QStringList &arguments);
QString generalHelp();
// The manual page concord(1) in roff, from the same command table (the build installs it).
QString manPage();

} // namespace concord::cli
