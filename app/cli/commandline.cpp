#include "app/cli/commandline.h"

#include "app/cli/commandsupport.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <map>

namespace concord::cli {

namespace {

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table = [] {
        std::map<QString, Command> commands;
        addStudyFileCommands(commands);
        addAnalysisCommands(commands);
        addStudyLeadCommands(commands);
        return commands;
    }();
    return table;
}

} // namespace

bool isCommand(const QString &name)
{
    return commands().count(name) > 0 || name == QStringLiteral("help");
}

const std::map<QString, Command> &commandTable()
{
    return commands();
}

QString generalHelp()
{
    QString text = QStringLiteral("Usage: concord [STUDY.concord]          open the GUI\n");
    for (const auto &[name, command] : commands())
        text += QStringLiteral("       concord %1\n").arg(command.synopsis);
    text += QStringLiteral("       concord COMMAND --help            help for one command\n"
                           "       concord --version\n");
    return text;
}

int runCommand(const QStringList &arguments)
{
    QString name = arguments.value(0);
    QStringList rest = arguments.mid(1);
    if (name == QStringLiteral("help")) {
        if (rest.isEmpty()) {
            out() << generalHelp() << Qt::flush;
            return Success;
        }
        name = rest.takeFirst();
        rest = {QStringLiteral("--help")};
    }
    const auto found = commands().find(name);
    if (found == commands().end())
        return fail(QStringLiteral("unknown command '%1'; see 'concord --help'").arg(name), UsageError);
    const Command &command = found->second;

    QCommandLineParser parser;
    parser.setApplicationDescription(command.description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    command.declareOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("concord ") + name} + rest))
        return fail(QStringLiteral("%1: %2").arg(name, parser.errorText()), UsageError);
    if (parser.isSet(help)) {
        out() << "Usage: concord " << command.synopsis << "\n\n"
              << command.description << "\n\n"
              << parser.helpText().section(QLatin1Char('\n'), 2) << Qt::flush;
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < command.minPositional ||
        (command.maxPositional >= 0 && positional.size() > command.maxPositional))
        return fail(QStringLiteral("usage: concord %1").arg(command.synopsis), UsageError);
    return command.run(parser, positional);
}

} // namespace concord::cli
