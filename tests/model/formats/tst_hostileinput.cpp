// Input built to crash, stall or mislead: every such file is refused with one line naming the
// file, the line and the field, quickly, with the file's text escaped in the message, and nothing is half imported.
#include "model/domain/messagetext.h"
#include "model/domain/rubric.h"
#include "model/formats/csvcell.h"
#include "model/formats/csvreader.h"
#include "model/formats/importer.h"
#include "model/studyfile/study.h"
#include "tests/testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

qint64 scalar(Study &study, const QString &sql)
{
    auto query = study.exec(sql);
    return query.ok() && query->next() ? query->value(0).toLongLong() : -1;
}

bool hasControlCharacters(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Format)
            return true;
    }
    return false;
}

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_studyPath = m_dir.filePath(QStringLiteral("s%1.concord").arg(++m_count));
        auto study = Study::create(m_studyPath, {.title = QStringLiteral("hostile"), .rubric = defaultRubric()});
        QVERIFY(study.ok());
        const QString cases = m_dir.filePath(QStringLiteral("cases.jsonl"));
        QVERIFY(writeFile(cases, testsupport::twoResponseCasesJsonl(2)));
        QVERIFY(importFile(*study.value(), cases, {}).ok());
    }

    void import_refusesInputBuiltToCrashOrMislead_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expectLine");
        QTest::addColumn<QString>("expectField");
        QTest::addColumn<QString>("expectText");

        QTest::newRow("metadata nested 100,000 levels deep")
            << "deep.jsonl"
            << "{\"kind\":\"case\",\"id\":\"c9\",\"input\":\"q\",\"metadata\":{\"x\":" + nested(100000) + "}}\n"
            << ":1:"
            << "'metadata'"
            << "nested deeper than 64 levels";
        QTest::newRow("response metadata nested too deep")
            << "deep.jsonl"
            << "{\"kind\":\"case\",\"id\":\"c9\",\"input\":\"q\",\"responses\":[{\"id\":\"a\",\"text\":\"t\","
               "\"metadata\":{\"x\":" +
                   nested(70) + "}}]}\n"
            << ":1:"
            << "'responses'"
            << "nested deeper than 64 levels";
        QTest::newRow("a number beyond double")
            << "big.jsonl"
            << QByteArray("{\"kind\":\"judge_score\",\"case\":\"c01\",\"response\":"
                          "\"a\",\"judge\":\"j\",\"axis\":\"risk\",\"value\":1e400}\n")
            << ":1:"
            << ""
            << "not valid JSON";
        QTest::newRow("an escaped NUL in a text field")
            << "nul.jsonl" << QByteArray("{\"kind\":\"case\",\"id\":\"c9\",\"input\":\"before\\u0000after\"}\n")
            << ":1:"
            << "'input'"
            << "NUL character";
        QTest::newRow("two probabilities for one scale value (JSONL)")
            << "judge.jsonl"
            << QByteArray("{\"kind\":\"judge_score\",\"case\":\"c01\",\"response\":\"a\",\"judge\":\"j\",\"axis\":"
                          "\"risk\",\"value\":1,\"probabilities\":{\"1\":0.5,\"1.0\":0.5}}\n")
            << ":1:"
            << "'probabilities.1.0'"
            << "scale value 1 already has a probability";
        QTest::newRow("a key twice in one object")
            << "judge.jsonl"
            << QByteArray("{\"kind\":\"judge_score\",\"case\":\"c01\",\"response\":\"a\",\"judge\":\"j\",\"axis\":"
                          "\"risk\",\"value\":1,\"probabilities\":{\"1\":0.5,\"1\":0.5}}\n")
            << ":1:"
            << "'probabilities'"
            << "the key '1' appears twice";
        QTest::newRow("two probabilities for one scale value (CSV)")
            << "judge.csv" << QByteArray("case,response,judge,axis,value,p_1,p_1.0\nc01,a,j,risk,1,0.5,0.5\n") << ":1:"
            << "'p_1.0'"
            << "scale value 1 already has the column 'p_1'";
        QTest::newRow("a preference on a one-response case of the same file")
            << "one.jsonl"
            << QByteArray("{\"kind\":\"case\",\"id\":\"solo\",\"input\":\"q\",\"responses\":[{\"id\":\"a\",\"text\":"
                          "\"t\"}]}\n{\"kind\":\"rating\",\"case\":\"solo\",\"response\":\"a\",\"annotator\":\"A\","
                          "\"axis\":\"preference\",\"value\":1}\n")
            << ":2:"
            << "'case'"
            << "case 'solo' has no side-by-side comparison";
    }

    void import_refusesInputBuiltToCrashOrMislead()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, expectLine);
        QFETCH(QString, expectField);
        QFETCH(QString, expectText);
        const QString input = m_dir.filePath(fileName);
        QVERIFY(writeFile(input, content));
        auto study = Study::open(m_studyPath);
        QVERIFY(study.ok());
        const qint64 casesBefore = scalar(*study.value(), QStringLiteral("SELECT count(*) FROM \"case\""));
        auto imported = importFile(*study.value(), input, {});
        QVERIFY(!imported.ok());
        const QString message = imported.errorMessage();
        QVERIFY2(message.startsWith(input + expectLine), qPrintable(message));
        if (!expectField.isEmpty())
            QVERIFY2(message.contains(QStringLiteral("field ") + expectField), qPrintable(message));
        QVERIFY2(message.contains(expectText), qPrintable(message));
        QVERIFY2(!hasControlCharacters(message), qPrintable(message));
        QVERIFY2(message.size() < 600, qPrintable(message));
        QCOMPARE(scalar(*study.value(), QStringLiteral("SELECT count(*) FROM \"case\"")), casesBefore);
        QCOMPARE(scalar(*study.value(), QStringLiteral("SELECT count(*) FROM rating_event")), 0);
    }

    void import_readsAHundredThousandColumnHeaderInLinearTime()
    {
        QByteArray header = "case,response,annotator,axis,value";
        QByteArray row = "c01,a,Dr A,risk,2";
        for (int i = 0; i < 100000; ++i) {
            header += ",extra" + QByteArray::number(i);
            row += ",x";
        }
        const QString input = m_dir.filePath(QStringLiteral("wide.csv"));
        QVERIFY(writeFile(input, header + '\n' + row + '\n'));
        auto study = Study::open(m_studyPath);
        QVERIFY(study.ok());
        QElapsedTimer timer;
        timer.start();
        auto imported = importFile(*study.value(), input, {});
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(imported->ratingEventsAdded, 1);
        // The summary names a few ignored columns, not 100,000.
        QVERIFY2(imported->describe().size() < 1000, qPrintable(imported->describe().left(2000)));
        QVERIFY(imported->describe().contains(QStringLiteral("and 99980 more")));

        // The same header with its first name again at the end: refused, as fast.
        QVERIFY(writeFile(input, header + ",case\n" + row + ",x\n"));
        timer.restart();
        auto twice = importFile(*study.value(), input, {});
        QVERIFY(!twice.ok());
        QVERIFY2(twice.errorMessage().contains(QStringLiteral("names column 'case' twice")),
                 qPrintable(twice.errorMessage()));
        QVERIFY(timer.elapsed() < 5000);
    }

    void errorMessages_escapeNewlinesControlsAndTerminalSequences()
    {
        // A case id that would set the terminal's title, clear the screen and start a new line.
        const QByteArray hostile = "\x1b]0;pwned\x07\x1b[2J\nFAKE: all fine\r\xe2\x80\xae"
                                   "kcatta";
        const QString input = m_dir.filePath(QStringLiteral("ratings.csv"));
        QVERIFY(writeFile(input, "case,response,annotator,axis,value\n\"" + hostile + "\",a,Dr A,risk,2\n"));
        auto study = Study::open(m_studyPath);
        auto imported = importFile(*study.value(), input, {});
        QVERIFY(!imported.ok());
        const QString message = imported.errorMessage();
        QVERIFY2(!hasControlCharacters(message), qPrintable(message));
        QVERIFY2(message.contains(
                     QStringLiteral("unknown case '\\x1b]0;pwned\\x07\\x1b[2J\\nFAKE: all fine\\r\\u202ekcatta'")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral(":2: field 'case'")), qPrintable(message));

        // A JSON key with escapes names the field escaped too.
        const QString jsonl = m_dir.filePath(QStringLiteral("kind.jsonl"));
        QVERIFY(writeFile(jsonl, "{\"kind\":\"\\u001b[31mred\\u202e\"}\n"));
        auto refused = importFile(*study.value(), jsonl, {});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(QStringLiteral("unknown kind '\\x1b[31mred\\u202e'")),
                 qPrintable(refused.errorMessage()));
    }

    void quotedForMessage_escapesQuotesAndCutsLongValues()
    {
        QCOMPARE(quotedForMessage(QStringLiteral("it's a \\ test")), QStringLiteral("'it\\'s a \\\\ test'"));
        QCOMPARE(quotedForMessage(QStringLiteral("tab\there")), QStringLiteral("'tab\\there'"));
        QCOMPARE(quotedForMessage(QStringLiteral("\u2067iso\u2069 \u200b")),
                 QStringLiteral("'\\u2067iso\\u2069 \\u200b'"));
        // A character beyond the BMP is kept whole; an unpaired surrogate is escaped.
        QCOMPARE(quotedForMessage(QStringLiteral("\U0001F600")), QStringLiteral("'\U0001F600'"));
        QCOMPARE(quotedForMessage(QString(QChar(0xd800))), QStringLiteral("'\\ud800'"));
        const QString longValue(10000, QLatin1Char('x'));
        const QString quoted = quotedForMessage(longValue);
        QVERIFY(quoted.size() < 120);
        QVERIFY(quoted.endsWith(QStringLiteral("… (10000 characters)")));
        QCOMPARE(quotedForMessage(QString(80, QLatin1Char('y'))),
                 QLatin1Char('\'') + QString(80, QLatin1Char('y')) + QLatin1Char('\''));
    }

    void rubric_refusesOverflowingNumbersAndDeepNestingWithALine()
    {
        const QByteArray overflowing =
            "{\"name\":\"r\",\"axes\":[{\"key\":\"a\",\"label\":\"A\",\"level\":\"ordinal\",\"points\":"
            "[{\"value\":1e400,\"label\":\"x\"},{\"value\":2,\"label\":\"y\"}]}]}";
        auto parsed = parseRubric(overflowing, QStringLiteral("r.json"));
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.errorMessage().startsWith(QStringLiteral("r.json: not valid JSON")),
                 qPrintable(parsed.errorMessage()));
        QVERIFY2(parsed.errorMessage().contains(QStringLiteral("1e400")), qPrintable(parsed.errorMessage()));

        auto deep = parseRubric("{\"name\":\"r\",\"axes\":" + nested(100000) + "}", QStringLiteral("r.json"));
        QVERIFY(!deep.ok());
        QVERIFY2(deep.errorMessage().contains(QStringLiteral("field 'axes' nested deeper than 64 levels")),
                 qPrintable(deep.errorMessage()));

        auto version = parseRubric("{\"name\":\"r\",\"version\":4294967297,\"axes\":[]}", QStringLiteral("r.json"));
        QVERIFY(!version.ok());
        QVERIFY2(version.errorMessage().contains(QStringLiteral("'version' must be a positive integer")),
                 qPrintable(version.errorMessage()));
    }

    void csvCells_guardFormulasAndReadBackEveryString_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("written");
        QTest::newRow("formula") << "=HYPERLINK(\"http://x\",\"y\")"
                                 << "'=HYPERLINK(\"http://x\",\"y\")";
        QTest::newRow("plus") << "+1+1"
                              << "'+1+1";
        QTest::newRow("minus formula") << "-2+3+cmd|' /C calc'!A0"
                                       << "'-2+3+cmd|' /C calc'!A0";
        QTest::newRow("at") << "@SUM(A1)"
                            << "'@SUM(A1)";
        QTest::newRow("tab") << "\tx"
                             << "'\tx";
        QTest::newRow("carriage return") << "\rx"
                                         << "'\rx";
        QTest::newRow("a leading quote") << "'tis"
                                         << "''tis";
        QTest::newRow("a quote and a formula") << "'=x"
                                               << "''=x";
        QTest::newRow("a lone quote") << "'"
                                      << "''";
        QTest::newRow("a lone minus") << "-"
                                      << "'-";
        QTest::newRow("negative number") << "-1"
                                         << "-1";
        QTest::newRow("signed decimal") << "+0.25"
                                        << "+0.25";
        QTest::newRow("exponent") << "-2.5e-3"
                                  << "-2.5e-3";
        QTest::newRow("plain text") << "no risk"
                                    << "no risk";
        QTest::newRow("empty") << ""
                               << "";
    }

    void csvCells_guardFormulasAndReadBackEveryString()
    {
        QFETCH(QString, cell);
        QFETCH(QString, written);
        QCOMPARE(csvCellGuarded(cell), written);
        QCOMPARE(csvCellUnguarded(csvCellGuarded(cell)), cell);
        // And through the reader, as an import reads an export.
        QString quoted = written;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        auto reader = CsvReader::fromBytes("h\n\"" + quoted.toUtf8() + "\"\n", QStringLiteral("x.csv"));
        QVERIFY(reader.ok());
        auto record = reader.value()->next();
        QVERIFY(record.ok());
        if (cell.isEmpty())
            return; // a blank line
        QVERIFY(record.value());
        QCOMPARE(record.value()->fields.front(), cell);
    }

private:
    QTemporaryDir m_dir;
    QString m_studyPath;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
