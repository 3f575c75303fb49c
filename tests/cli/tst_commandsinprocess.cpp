// The command line as a library: commands run inside the test process through concord::cli::runCommand, their
// output captured, and compared with what the built executable prints for the same arguments.
#include "app/cli/commandline.h"
#include "app/cli/commandsupport.h"
#include "tests/cli/clisupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace concord;
using namespace concord::clitest;

namespace {

Run runInProcess(const QStringList &arguments)
{
    cli::OutputCapture capture;
    const int exitCode = cli::runCommand(arguments);
    return Run{exitCode, capture.output(), capture.errorOutput()};
}

} // namespace

class TestCommandsInProcess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void demoCheckAndAgreementMatchTheExecutable()
    {
        const QString study = m_dir.filePath(QStringLiteral("demo.concord"));
        const Run demo = runInProcess({QStringLiteral("demo"), study, QStringLiteral("--seed"), QStringLiteral("7")});
        QCOMPARE(demo.exitCode, int(cli::Success));
        QVERIFY2(demo.out.startsWith(QStringLiteral("Created demo study ")), qPrintable(demo.out));
        QVERIFY(demo.err.isEmpty());

        const Run check = runInProcess({QStringLiteral("check"), study});
        QCOMPARE(check.exitCode, int(cli::Success));
        QCOMPARE(check.out, runConcord({QStringLiteral("check"), study}).out);

        const QStringList agreement{QStringLiteral("agreement"), study,
                                    QStringLiteral("--json"),    QStringLiteral("--bootstrap"),
                                    QStringLiteral("50"),        QStringLiteral("--seed"),
                                    QStringLiteral("1")};
        const Run inProcess = runInProcess(agreement);
        const Run executable = runConcord(agreement);
        QCOMPARE(inProcess.exitCode, int(cli::Success));
        QCOMPARE(executable.exitCode, int(cli::Success));
        QVERIFY(!inProcess.json().isEmpty());
        QCOMPARE(inProcess.out, executable.out);
    }

    // The text summary: each judge's kappa and the physicians' coefficients, estimates after the labels with a gap.
    void agreementSummaryListsTheHeadlineFigures()
    {
        const QString study = m_dir.filePath(QStringLiteral("summary.concord"));
        QCOMPARE(runInProcess({QStringLiteral("demo"), study, QStringLiteral("--seed"), QStringLiteral("7")}).exitCode,
                 int(cli::Success));
        const Run run =
            runInProcess({QStringLiteral("agreement"), study, QStringLiteral("--bootstrap"), QStringLiteral("20")});
        QCOMPARE(run.exitCode, int(cli::Success));
        const QRegularExpression judgeLine(QStringLiteral(
            "^  judge .+ vs consensus, Cohen's kappa \\((quadratic|identity)\\)  +(-?\\d\\.\\d\\d|n/a)"));
        const QRegularExpression alphaLine(
            QStringLiteral("^  Krippendorff's alpha \\([a-z]+\\)  +(-?\\d\\.\\d\\d \\[|n/a)"));
        int judges = 0;
        int alphas = 0;
        for (const QString &line : run.out.split(QLatin1Char('\n'))) {
            judges += judgeLine.match(line).hasMatch() ? 1 : 0;
            alphas += alphaLine.match(line).hasMatch() ? 1 : 0;
        }
        QVERIFY2(judges >= 3, qPrintable(run.out));
        QVERIFY2(alphas >= 3, qPrintable(run.out));
    }

    void aFailureIsOneLineOnTheErrorStream()
    {
        const QString missing = m_dir.filePath(QStringLiteral("absent.concord"));
        const Run check = runInProcess({QStringLiteral("check"), missing});
        QCOMPARE(check.exitCode, int(cli::Failure));
        QVERIFY(check.out.isEmpty());
        QVERIFY2(check.err.startsWith(QStringLiteral("concord: ")), qPrintable(check.err));
        QCOMPARE(check.err.count(QLatin1Char('\n')), 1);
        QCOMPARE(check.err, runConcord({QStringLiteral("check"), missing}).err);
    }

    void usageErrorsExitWithTwo()
    {
        const Run unknown = runInProcess({QStringLiteral("nonsense")});
        QCOMPARE(unknown.exitCode, int(cli::UsageError));
        QCOMPARE(unknown.err, QStringLiteral("concord: unknown command 'nonsense'; see 'concord --help'\n"));

        const Run badSeed = runInProcess({QStringLiteral("demo"), m_dir.filePath(QStringLiteral("x.concord")),
                                          QStringLiteral("--seed"), QStringLiteral("-3")});
        QCOMPARE(badSeed.exitCode, int(cli::UsageError));
        QCOMPARE(badSeed.err, QStringLiteral("concord: --seed must be a non-negative integer, not '-3'\n"));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("x.concord"))));

        const Run tooMany = runInProcess({QStringLiteral("check"), QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(tooMany.exitCode, int(cli::UsageError));
        QVERIFY(tooMany.err.startsWith(QStringLiteral("concord: usage: concord check ")));
    }

    void everyCommandHasHelp()
    {
        for (const auto &[name, command] : cli::commandTable()) {
            const Run help = runInProcess({QStringLiteral("help"), name});
            QCOMPARE(help.exitCode, int(cli::Success));
            QVERIFY2(help.out.startsWith(QStringLiteral("Usage: concord ") + command.synopsis), qPrintable(name));
            QVERIFY(help.err.isEmpty());
        }
        QVERIFY(cli::isCommand(QStringLiteral("agreement")));
        QVERIFY(!cli::isCommand(QStringLiteral("nonsense")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestCommandsInProcess)
#include "tst_commandsinprocess.moc"
