// The concord executable: a command (see `concord --help`) or the GUI on an optional study file.
#include "app/cli/commandline.h"
#include "model/demo/demostudy.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/theme.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QStandardPaths>
#include <QTextStream>

namespace {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationDomain(QStringLiteral("concord.org"));
    QCoreApplication::setOrganizationName(QStringLiteral("Concord"));
    QCoreApplication::setApplicationName(QStringLiteral("Concord"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONCORD_VERSION));
}

// The demo study the welcome page opens: created on first use in the user's data folder.
QString demoStudyPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    const QString path = folder + QStringLiteral("/demo.concord");
    if (!QFileInfo::exists(path)) {
        auto created = concord::createDemoStudy(path, concord::DemoOptions{});
        // Another Concord starting at the same time may have put its demo in place first; that one is as good.
        if (!created.ok() && !QFileInfo::exists(path))
            return {};
    }
    return path;
}

int runGui(int argc, char **argv, const QStringList &arguments)
{
    QApplication app(argc, argv);
    setApplicationIdentity();
    QApplication::setDesktopFileName(QStringLiteral(CONCORD_APP_ID));
    QApplication::setWindowIcon(concord::applicationIcon());
    concord::applyTheme(concord::Settings::value(concord::Settings::Theme).toString());
    concord::MainWindow window;
    window.setDemoStudyProvider(demoStudyPath);
    window.show();
    if (!arguments.isEmpty())
        window.openStudy(arguments.first());
    return QApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    const QString first = arguments.value(0);
    if (first == QStringLiteral("--version") || first == QStringLiteral("-v")) {
        QTextStream(stdout) << "concord " << CONCORD_VERSION << Qt::endl;
        return 0;
    }
    if (first == QStringLiteral("--manpage")) { // for the build, which installs it as concord(1)
        QTextStream(stdout) << concord::cli::manPage() << Qt::flush;
        return 0;
    }
    if (first == QStringLiteral("--help") || first == QStringLiteral("-h")) {
        QTextStream(stdout) << concord::cli::generalHelp() << Qt::flush;
        return 0;
    }
    if (first == QLatin1String("report")) {
        // Rendering the charts and the PDF needs a GUI application; without a display it runs offscreen.
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
            qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        setApplicationIdentity();
        return concord::cli::runCommand(arguments);
    }
    if (concord::cli::isCommand(first)) {
        QCoreApplication app(argc, argv);
        setApplicationIdentity();
        return concord::cli::runCommand(arguments);
    }
    if (first.startsWith(QLatin1Char('-')) || arguments.size() > 1) {
        QTextStream(stderr) << "concord: unknown option or command '" << first << "'; see 'concord --help'" << Qt::endl;
        return concord::cli::UsageError;
    }
    // A mistyped command is not taken for a study to open in the GUI (which, without a display, cannot start).
    if (!first.isEmpty() && !QFileInfo::exists(first)) {
        QTextStream(stderr) << "concord: '" << first << "' is neither a command nor a study file; see 'concord --help'"
                            << Qt::endl;
        return concord::cli::UsageError;
    }
    return runGui(argc, argv, arguments);
}
