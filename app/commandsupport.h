#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>
#include <functional>
#include <map>

namespace concord::cli {

// What every command shares: its output streams, its failure line and its description for the command table.
QTextStream &out();
// Prints "concord: MESSAGE" on stderr and returns `code` (1: the command failed, 2: the command line was wrong).
int fail(const QString &message, int code = 1);
// Prints "concord: warning: MESSAGE" on stderr; the command goes on.
void warn(const QString &message);
// Says on stderr that the command waits for another program writing to the study.
void warnWaiting(const QString &studyPath);
void printJson(const QJsonObject &object);
QCommandLineOption option(const QString &name, const QString &description, const QString &valueName = {});

struct Command
{
    QString synopsis;
    QString description;
    std::function<void(QCommandLineParser &)> declareOptions;
    int minPositional = 1;
    int maxPositional = 1; // -1: no upper limit
    std::function<int(const QCommandLineParser &, const QStringList &)> run;
};

// The multi-physician study's commands (app/studyleadcommands.cpp): annotators, assign, package, merge, adjudicate,
// lock, unblind.
void addStudyLeadCommands(std::map<QString, Command> &table);

// Every command by name, as `concord --help` lists them.
const std::map<QString, Command> &commandTable();

} // namespace concord::cli
