#pragma once

#include "model/domain/result.h"

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
// Where failure and warning lines go: stderr, or the capture's text.
QTextStream &errors();

// While one exists, what the commands print goes to strings instead of stdout and stderr: tests run commands in the
// process this way. Not nested.
class OutputCapture
{
public:
    OutputCapture();
    ~OutputCapture();
    OutputCapture(const OutputCapture &) = delete;
    OutputCapture &operator=(const OutputCapture &) = delete;
    QString output() const { return m_output; }
    QString errorOutput() const { return m_errors; }

private:
    QString m_output;
    QString m_errors;
    QTextStream m_outputStream{&m_output};
    QTextStream m_errorStream{&m_errors};
};
// Prints "concord: MESSAGE" on stderr and returns `code` (1: the command failed, 2: the command line was wrong).
int fail(const QString &message, int code = 1);
// Prints "concord: warning: MESSAGE" on stderr; the command goes on.
void warn(const QString &message);
// Says on stderr that the command waits for another program writing to the study.
void warnWaiting(const QString &studyPath);
void printJson(const QJsonObject &object);
QCommandLineOption option(const QString &name, const QString &description, const QString &valueName = {});
// The value of --NAME, or `fallback` when it is not given; refused when it is not a number of that kind.
Result<qint64> parsePositive(const QCommandLineParser &parser, const QString &name, qint64 fallback);
Result<double> parseNumberOption(const QCommandLineParser &parser, const QString &name, double fallback);

struct Command
{
    QString synopsis;
    QString description;
    std::function<void(QCommandLineParser &)> declareOptions;
    int minPositional = 1;
    int maxPositional = 1; // -1: no upper limit
    std::function<int(const QCommandLineParser &, const QStringList &)> run;
};

// The command families, one file each: new, import, export, demo, check (studyfilecommands.cpp); agreement, report,
// stats (analysiscommands.cpp); the multi-physician study's annotators, assign, package, merge, adjudicate, lock,
// unblind (studyleadcommands.cpp).
void addStudyFileCommands(std::map<QString, Command> &table);
void addAnalysisCommands(std::map<QString, Command> &table);
void addStudyLeadCommands(std::map<QString, Command> &table);

// Every command by name, as `concord --help` lists them.
const std::map<QString, Command> &commandTable();

} // namespace concord::cli
