// `concord report` from the command line isolates and marks what the study's text holds, as the GUI's export does:
// a right-to-left override in a system name and a case id reaches the HTML report only as a visible ⟨RLO⟩, inside
// <bdi>, and markup in them is escaped.
#include "tests/cli/clisupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace concord;
using namespace concord::clitest;

class TestReportControls : public QObject
{
    Q_OBJECT

private slots:
    void report_marksAndIsolatesBidiControlsFromTheStudy()
    {
        QTemporaryDir dir;
        const QString study = dir.filePath(QStringLiteral("bidi.concord"));
        const QString cases = dir.filePath(QStringLiteral("cases.jsonl"));
        // JSON escapes: U+202E (right-to-left override) and U+202C (pop directional formatting).
        QVERIFY(writeFile(cases, "{\"kind\":\"case\",\"id\":\"c1\",\"task\":\"dose \\u202e05\\u202c\",\"input\":\"Q\","
                                 "\"responses\":[{\"id\":\"a\",\"system\":\"<b>Sys</b> 1\\u202e05\\u202c mg\","
                                 "\"text\":\"Give 1\\u202e05\\u202c mg\"}]}\n"));
        Run run = runConcord({QStringLiteral("new"), study});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = runConcord({QStringLiteral("import"), study, cases});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString out = dir.filePath(QStringLiteral("report.html"));
        run = runConcord({QStringLiteral("report"), study, QStringLiteral("--out"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(file.readAll());
        QVERIFY(!html.contains(QChar(u'\u202E')));
        QVERIFY(!html.contains(QChar(u'\u202C')));
        QVERIFY(!html.contains(QStringLiteral("<b>Sys")));
        QVERIFY2(html.contains(QStringLiteral("<bdi>&lt;b&gt;Sys&lt;/b&gt; 1⟨RLO⟩05⟨PDF⟩ mg</bdi>")), qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("<bdi>dose ⟨RLO⟩05⟨PDF⟩</bdi>")));
    }
};

QTEST_GUILESS_MAIN(TestReportControls)
#include "tst_reportcontrols.moc"
