// Malformed imports: every kind fails with one line naming the file, the line and the field, and leaves the
// study file byte-for-byte unchanged (all-or-nothing: one transaction per import).
#include "model/formats/importer.h"
#include "model/studyfile/study.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

const QByteArray kCases =
    "{\"kind\":\"case\",\"id\":\"c1\",\"input\":\"Is 4 g of paracetamol a day safe?\","
    "\"responses\":[{\"id\":\"r1\",\"text\":\"Yes, for most adults.\"},{\"id\":\"r2\",\"text\":\"No.\"}]}\n"
    "{\"kind\":\"case\",\"id\":\"c2\",\"input\":\"Can I stop my statin?\","
    "\"responses\":[{\"id\":\"r1\",\"text\":\"Ask your doctor first.\"}]}\n";

const QByteArray kRatingsHeader = "case,response,annotator,axis,value\n";
const QByteArray kMedvalHeader =
    "#,id,task,input,reference_output,output,physician_error_assessment,physician_risk_grade\n";

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

} // namespace

class TestMalformedInput : public QObject
{
    Q_OBJECT

private slots:
    void import_rejectsMalformedFilesAndLeavesTheStudyUnchanged_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("what"); // forced --what, or empty
        QTest::addColumn<QString>("expectLine");
        QTest::addColumn<QString>("expectField");
        QTest::addColumn<QString>("expectText");

        QTest::newRow("unterminated quote")
            << "ratings.csv" << kRatingsHeader + "c1,r1,Dr A,risk,2\nc1,r2,\"Dr B,risk,3\nc2,r1,Dr A,risk,1\n"
            << ""
            << ":3:"
            << ""
            << "unterminated quote";
        QTest::newRow("missing required column")
            << "ratings.csv" << QByteArray("case,response,annotator,value\nc1,r1,Dr A,2\n") << ""
            << ":1:"
            << "'axis'"
            << "required column is missing";
        QTest::newRow("unknown axis") << "ratings.csv" << kRatingsHeader + "c1,r1,Dr A,risk,2\nc1,r2,Dr A,saftey,2\n"
                                      << ""
                                      << ":3:"
                                      << "'axis'"
                                      << "unknown axis 'saftey'";
        QTest::newRow("value off the scale") << "ratings.csv" << kRatingsHeader + "c1,r1,Dr A,risk,7\n"
                                             << ""
                                             << ":2:"
                                             << "'value'"
                                             << "not on the scale of axis 'risk'";
        QTest::newRow("value not a number") << "ratings.csv" << kRatingsHeader + "c1,r1,Dr A,risk,high\n"
                                            << ""
                                            << ":2:"
                                            << "'value'"
                                            << "is not a number";
        QTest::newRow("empty value") << "ratings.csv" << kRatingsHeader + "c1,r1,Dr A,risk,\n"
                                     << ""
                                     << ":2:"
                                     << "'value'"
                                     << "is empty";
        QTest::newRow("duplicate case ids")
            << "cases.jsonl"
            << QByteArray("{\"kind\":\"case\",\"id\":\"c3\",\"input\":\"a\"}\n{\"kind\":\"case\",\"id\":\"c4\","
                          "\"input\":\"b\"}\n{\"kind\":\"case\",\"id\":\"c3\",\"input\":\"again\"}\n")
            << ""
            << ":3:"
            << "'id'"
            << "duplicate case id 'c3' (first on line 1)";
        QTest::newRow("case already in the study")
            << "cases.jsonl" << QByteArray("{\"kind\":\"case\",\"id\":\"c2\",\"input\":\"again\"}\n") << ""
            << ":1:"
            << "'id'"
            << "case 'c2' already exists in the study";
        QTest::newRow("duplicate ratings")
            << "ratings.csv" << kRatingsHeader + "c1,r1,Dr A,risk,2\nc1,r2,Dr A,risk,1\nc1,r1,Dr A,risk,3\n"
            << ""
            << ":4:"
            << ""
            << "duplicate rating";
        QTest::newRow("invalid UTF-8") << "ratings.csv" << kRatingsHeader + "c1,r1,Dr \xC3\x28,risk,2\n"
                                       << ""
                                       << ":2:"
                                       << ""
                                       << "invalid UTF-8";
        QTest::newRow("empty file") << "ratings.csv" << QByteArray() << ""
                                    << ":1:"
                                    << ""
                                    << "empty";
        QTest::newRow("wrong delimiter") << "ratings.csv"
                                         << QByteArray("case;response;annotator;axis;value\nc1;r1;A;risk;2\n") << ""
                                         << ":1:"
                                         << ""
                                         << "seems to use ';' as delimiter";
        QTest::newRow("ragged row") << "ratings.csv" << kRatingsHeader + "c1,r1,Dr A,risk,2\nc1,r2,Dr A,risk\n"
                                    << ""
                                    << ":3:"
                                    << ""
                                    << "4 fields, but the header has 5";
        QTest::newRow("probability outside [0,1]")
            << "judge.csv"
            << QByteArray("case,response,judge,axis,value,p_1,p_2,p_3,p_4\nc1,r1,j,risk,2,0.1,1.4,-0.5,0\n") << ""
            << ":2:"
            << "'p_2'"
            << "outside [0, 1]";
        QTest::newRow("probabilities not summing to 1")
            << "judge.csv"
            << QByteArray("case,response,judge,axis,value,p_1,p_2,p_3,p_4\nc1,r1,j,risk,2,0.1,0.2,0.2,0.1\n") << ""
            << ":2:"
            << "'probabilities'"
            << "sum to 0.6";
        QTest::newRow("confidence outside [0,1]")
            << "scores.jsonl"
            << QByteArray(
                   "{\"kind\":\"judge_score\",\"case\":\"c1\",\"response\":\"r1\",\"judge\":\"j\",\"axis\":\"risk\","
                   "\"value\":2,\"confidence\":1.7}\n")
            << ""
            << ":1:"
            << "'confidence'"
            << "1.7 is outside [0, 1]";
        QTest::newRow("unknown case") << "ratings.csv" << kRatingsHeader + "c9,r1,Dr A,risk,2\n"
                                      << ""
                                      << ":2:"
                                      << "'case'"
                                      << "unknown case 'c9'";
        QTest::newRow("unknown response") << "ratings.csv" << kRatingsHeader + "c1,r7,Dr A,risk,2\n"
                                          << ""
                                          << ":2:"
                                          << "'response'"
                                          << "unknown response 'r7'";
        QTest::newRow("unknown JSONL kind") << "x.jsonl" << QByteArray("{\"kind\":\"verdict\"}\n") << ""
                                            << ":1:"
                                            << "'kind'"
                                            << "unknown kind 'verdict'";
        QTest::newRow("invalid JSON") << "x.jsonl" << QByteArray("{\"kind\":\"case\",\"id\":\"c9\",\n") << ""
                                      << ":1:"
                                      << ""
                                      << "not valid JSON";
        QTest::newRow("MedVAL grade off the scale")
            << "medval.csv" << kMedvalHeader + "0,m1,t,in,ref,out,,2\n1,m2,t,in2,ref,out2,,7\n"
            << ""
            << ":3:"
            << "'physician_risk_grade'"
            << "7 is not on the scale";
        QTest::newRow("MedVAL duplicate id with other content")
            << "medval.csv" << kMedvalHeader + "0,m1,t,in,ref,out,,2\n1,m1,t,in,ref,different,,3\n"
            << ""
            << ":3:"
            << "'id'"
            << "duplicate id 'm1'";
        QTest::newRow("ratings without an annotator column")
            << "r.csv" << QByteArray("case,response,axis,value\nc1,r1,risk,2\n") << "ratings"
            << ":1:"
            << "'annotator'"
            << "required column is missing";
        QTest::newRow("unsupported extension") << "ratings.xlsx" << kRatingsHeader << ""
                                               << "ratings.xlsx"
                                               << ""
                                               << "cannot tell the format";
        QTest::newRow("unable where not allowed") << "ratings.csv" << kRatingsHeader + "c1,r1,Dr A,reasoning,unable\n"
                                                  << ""
                                                  << ":2:"
                                                  << "'value'"
                                                  << "does not allow 'unable to assess'";
        QTest::newRow("quote inside unquoted field") << "ratings.csv" << kRatingsHeader + "c1,r1,Dr \"A\",risk,2\n"
                                                     << ""
                                                     << ":2:"
                                                     << ""
                                                     << "quote inside an unquoted field";
        QTest::newRow("bad time") << "ratings.csv"
                                  << QByteArray("case,response,annotator,axis,value,time\nc1,r1,A,risk,2,yesterday\n")
                                  << ""
                                  << ":2:"
                                  << "'time'"
                                  << "ISO 8601";
    }

    void import_rejectsMalformedFilesAndLeavesTheStudyUnchanged()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, what);
        QFETCH(QString, expectLine);
        QFETCH(QString, expectField);
        QFETCH(QString, expectText);
        QTemporaryDir dir;
        const QString studyPath = dir.filePath(QStringLiteral("study.concord"));
        prepareStudy(dir, studyPath);
        const QString input = dir.filePath(fileName);
        writeFile(input, content);
        checkRejected(studyPath, input, what, expectLine, expectField, expectText);
    }

    // A binary file: random bytes with NULs.
    void import_rejectsABinaryFile()
    {
        QTemporaryDir dir;
        const QString studyPath = dir.filePath(QStringLiteral("study.concord"));
        prepareStudy(dir, studyPath);
        QByteArray bytes(4096, '\0');
        QRandomGenerator generator(42);
        for (int i = 0; i < bytes.size(); i += 3)
            bytes[i] = static_cast<char>(generator.bounded(256));
        const QString input = dir.filePath(QStringLiteral("photo.csv"));
        writeFile(input, bytes);
        checkRejected(studyPath, input, {}, QStringLiteral(":1:"), {}, QStringLiteral("binary file"));
    }

    // One 100 MB field: refused as too long, quickly, without taking it into memory as text.
    void import_rejectsAHundredMegabyteLine()
    {
        QTemporaryDir dir;
        const QString studyPath = dir.filePath(QStringLiteral("study.concord"));
        prepareStudy(dir, studyPath);
        const QString input = dir.filePath(QStringLiteral("huge.csv"));
        {
            QFile file(input);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(kRatingsHeader);
            file.write("c1,r1,Dr A,risk,");
            const QByteArray chunk(1024 * 1024, 'x');
            for (int i = 0; i < 100; ++i)
                file.write(chunk);
            file.write("\n");
        }
        checkRejected(studyPath, input, {}, QStringLiteral(":2:"), {}, QStringLiteral("longer than 16 MiB"));
    }

    // The last row of a large valid file is bad: nothing from the rows before it may remain.
    void import_failureOnTheLastRowKeepsNothingFromEarlierRows()
    {
        QTemporaryDir dir;
        const QString studyPath = dir.filePath(QStringLiteral("study.concord"));
        prepareStudy(dir, studyPath);
        QByteArray content = kMedvalHeader;
        for (int i = 0; i < 5000; ++i)
            content +=
                QStringLiteral("%1,item-%1,t,\"input, %1\",ref,\"output\n%1\",,%2\n").arg(i).arg(1 + i % 4).toUtf8();
        content += "5000,item-5000,t,in,ref,out,,9\n";
        const QString input = dir.filePath(QStringLiteral("big-medval.csv"));
        writeFile(input, content);
        // Line numbers count the line breaks inside quoted fields: each row takes two physical lines.
        checkRejected(studyPath, input, {}, QStringLiteral(":10002:"), QStringLiteral("'physician_risk_grade'"),
                      QStringLiteral("9 is not on the scale"));
        auto study = Study::open(studyPath);
        auto cases = study.value()->exec(QStringLiteral("SELECT count(*) FROM \"case\""));
        cases->next();
        QCOMPARE(cases->value(0).toInt(), 2); // only the two cases of the preparation
    }

private:
    static void writeFile(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    static void prepareStudy(QTemporaryDir &dir, const QString &studyPath)
    {
        auto study = Study::create(studyPath, {.title = QStringLiteral("malformed"), .rubric = defaultRubric()});
        QVERIFY(study.ok());
        const QString cases = dir.filePath(QStringLiteral("setup-cases.jsonl"));
        writeFile(cases, kCases);
        auto imported = importFile(*study.value(), cases, {});
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
    }

    static void checkRejected(const QString &studyPath, const QString &input, const QString &what,
                              const QString &expectLine, const QString &expectField, const QString &expectText)
    {
        const QByteArray before = fileHash(studyPath);
        QVERIFY(!before.isEmpty());
        {
            auto study = Study::open(studyPath);
            QVERIFY2(study.ok(), qPrintable(study.errorMessage()));
            ImportOptions options;
            if (!what.isEmpty())
                options.content = *importContentFromString(what);
            auto imported = importFile(*study.value(), input, options);
            QVERIFY(!imported.ok());
            const QString message = imported.errorMessage();
            QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
            QVERIFY2(message.startsWith(input), qPrintable(message));
            QVERIFY2(message.contains(expectLine), qPrintable(message));
            if (!expectField.isEmpty())
                QVERIFY2(message.contains(QStringLiteral("field ") + expectField), qPrintable(message));
            QVERIFY2(message.contains(expectText), qPrintable(message));
        }
        QCOMPARE(fileHash(studyPath), before);
    }
};

QTEST_GUILESS_MAIN(TestMalformedInput)
#include "tst_malformedinput.moc"
