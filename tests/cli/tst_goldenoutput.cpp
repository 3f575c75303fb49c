// The analysis a user gets from the command line does not change behind their back: `concord agreement --json` and
// `concord report --out r.json` of the seeded demo study match the committed golden files byte for byte. A change
// that is meant to alter them regenerates the files (CONCORD_UPDATE_GOLDEN=1) and shows the difference in review.
//
// Only what names this particular copy of the study is masked: when it was written (timestamps, and so the audit
// chain's head and the content digest). Everything else — every estimate, interval, count, label and key order — is
// compared as text.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString goldenDir = QStringLiteral(CONCORD_SOURCE_DIR "/tests/golden");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

// Runs in `workingDir` so the study is named by a relative path, as the report records it.
Run runIn(const QString &workingDir, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(workingDir);
    process.start(QStringLiteral(CONCORD_EXECUTABLE), arguments);
    process.waitForFinished(300000);
    return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
               QString::fromUtf8(process.readAllStandardError())};
}

QByteArray maskCopySpecificFields(QByteArray json)
{
    static const QRegularExpression field(
        QStringLiteral("\"(data_as_of|audit_head|study_content_sha256|content_sha256)\": \"[^\"]*\""));
    return QString::fromUtf8(json).replace(field, QStringLiteral("\"\\1\": \"(this copy)\"")).toUtf8();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Compares with the golden file, or rewrites it when asked to. On a difference, names the first line that differs.
void compareWithGolden(const QByteArray &actual, const QString &goldenName)
{
    const QString goldenPath = QDir(goldenDir).filePath(goldenName);
    if (qEnvironmentVariableIsSet("CONCORD_UPDATE_GOLDEN")) {
        QFile file(goldenPath);
        QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(goldenPath));
        QCOMPARE(file.write(actual), actual.size());
        return;
    }
    const QByteArray golden = readAll(goldenPath);
    QVERIFY2(!golden.isEmpty(), qPrintable(QStringLiteral("missing golden file %1").arg(goldenPath)));
    if (actual == golden)
        return;
    const QList<QByteArray> actualLines = actual.split('\n');
    const QList<QByteArray> goldenLines = golden.split('\n');
    qsizetype line = 0;
    while (line < actualLines.size() && line < goldenLines.size() && actualLines[line] == goldenLines[line])
        ++line;
    QFAIL(qPrintable(QStringLiteral("%1 differs first at line %2:\n  golden: %3\n  now:    %4")
                         .arg(goldenName)
                         .arg(line + 1)
                         .arg(QString::fromUtf8(goldenLines.value(line)), QString::fromUtf8(actualLines.value(line)))));
}

} // namespace

class TestGoldenOutput : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const Run run = runIn(m_dir.path(), {QStringLiteral("demo"), QStringLiteral("demo.concord"),
                                             QStringLiteral("--seed"), QStringLiteral("7")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void agreementJson_matchesGolden()
    {
        const Run run = runIn(m_dir.path(), {QStringLiteral("agreement"), QStringLiteral("demo.concord"),
                                             QStringLiteral("--json"), QStringLiteral("--bootstrap"),
                                             QStringLiteral("200"), QStringLiteral("--seed"), QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        compareWithGolden(maskCopySpecificFields(run.out), QStringLiteral("agreement-demo-seed7.json"));
    }

    void reportJson_matchesGolden()
    {
        const Run run =
            runIn(m_dir.path(), {QStringLiteral("report"), QStringLiteral("demo.concord"), QStringLiteral("--out"),
                                 QStringLiteral("r.json"), QStringLiteral("--seed"), QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        compareWithGolden(maskCopySpecificFields(readAll(m_dir.filePath(QStringLiteral("r.json")))),
                          QStringLiteral("report-demo-seed7.json"));
    }
};

QTEST_GUILESS_MAIN(TestGoldenOutput)
#include "tst_goldenoutput.moc"
