// concord(1), written from the command table, so the manual lists exactly the commands and options the program has.
#include "app/cli/commandline.h"
#include "app/cli/commandsupport.h"

#include <QDate>

namespace concord::cli {

namespace {

// Text as roff reads it literally: backslashes escaped, a leading dot or quote neutralised, minus signs as \-.
QString roff(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\e"));
    escaped.replace(QLatin1Char('-'), QStringLiteral("\\-"));
    if (escaped.startsWith(QLatin1Char('.')) || escaped.startsWith(QLatin1Char('\'')))
        escaped.prepend(QStringLiteral("\\&"));
    return escaped;
}

} // namespace

QString manPage()
{
    QString page = QStringLiteral(".TH CONCORD 1 \"%1\" \"concord %2\" \"User Commands\"\n")
                       .arg(QStringLiteral(CONCORD_RELEASE_DATE), QStringLiteral(CONCORD_VERSION));
    page += QStringLiteral(
        ".SH NAME\nconcord \\- physician ratings of LLM responses and judge\\(enphysician agreement\n"
        ".SH SYNOPSIS\n.B concord\n[\\fISTUDY.concord\\fR]\n.br\n.B concord\n\\fICOMMAND\\fR [\\fIARGUMENTS\\fR]\n"
        ".SH DESCRIPTION\nWithout a command, concord opens its window, on the study file if one is given. "
        "Physicians rate LLM responses side by side on a clinical rubric; study leads assign comparisons, hand out "
        "annotator packages, merge them, adjudicate and export agreement reports. The commands below do the same "
        "work without a window, on the same code.\n"
        ".PP\nExit status: 0 on success, 1 when the command failed, 2 when the command line was wrong; a failure "
        "prints one line on standard error.\n.SH COMMANDS\n");
    for (const auto &[name, command] : commandTable()) {
        page += QStringLiteral(".SS \"concord %1\"\n%2\n").arg(roff(command.synopsis), roff(command.description));
        // QCommandLineParser lists its options only as help text: that part of it, as the program prints it.
        QCommandLineParser parser;
        command.declareOptions(parser);
        const QString help = parser.helpText();
        const qsizetype options = help.indexOf(QStringLiteral("Options:\n"));
        if (options < 0)
            continue;
        page += QStringLiteral(".PP\nOptions:\n.nf\n");
        for (const QString &line : help.mid(options + 9).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            page += roff(line) + QLatin1Char('\n');
        page += QStringLiteral(".fi\n");
    }
    page +=
        QStringLiteral(
            ".SH OPTIONS\n.TP\n\\fB\\-\\-help\\fR\nThe commands and their synopses; \\fBconcord\\fR \\fICOMMAND\\fR "
            "\\fB\\-\\-help\\fR explains one.\n.TP\n\\fB\\-\\-version\\fR\nThe version.\n"
            ".SH FILES\nA study is one SQLite file (\\fI.concord\\fR). Settings are kept per user by Qt under the "
            "application id %1.\n"
            ".SH EXAMPLES\n.nf\nconcord demo demo.concord\nconcord agreement demo.concord \\-\\-json\n"
            "concord report demo.concord \\-\\-out report.html\n.fi\n")
            .arg(QStringLiteral(CONCORD_APP_ID));
    return page;
}

} // namespace concord::cli
