// Import of an export gives back the same data: a demo study, with some blinded repeat ratings added, is exported
// (cases, ratings, judge scores) as tidy CSV and as JSONL, imported into a new study, and exported again; the files
// must be identical, and the repeats stay repeats.
#include "model/demo/demostudy.h"
#include "model/formats/exporter.h"
#include "model/formats/importer.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "tests/testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qint64 scalar(Study &study, const QString &sql)
{
    auto query = study.exec(sql);
    return query.ok() && query->next() ? query->value(0).toLongLong() : -1;
}

// Blinded repeats of the first `count` current ratings, each one scale point away where the axis has one.
Status addRepeats(Study &study, int count)
{
    RatingStore store(study);
    auto current = store.currentRatings();
    if (!current.ok())
        return current.error();
    if (current->size() < count)
        return Error{QStringLiteral("too few ratings")};
    return study.inTransaction([&]() -> Status {
        for (int i = 0; i < count; ++i) {
            RatingEvent repeat = current.value()[i];
            repeat.id = 0;
            repeat.uuid.clear(); // a new event: append() gives it its own
            repeat.repeat = true;
            const Axis *axis = study.rubric().axisById(repeat.axisId);
            if (repeat.value && axis && axis->target == AxisTarget::Response && axis->points.size() > 1)
                repeat.value = *repeat.value == axis->points[0].value ? axis->points[1].value : axis->points[0].value;
            if (auto appended = store.append(repeat); !appended.ok())
                return appended.error();
        }
        return {};
    });
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void importOfAnExport_givesBackTheSameData_data()
    {
        QTest::addColumn<QString>("extension");
        QTest::newRow("tidy CSV") << QStringLiteral("csv");
        QTest::newRow("JSONL") << QStringLiteral("jsonl");
    }

    void importOfAnExport_givesBackTheSameData()
    {
        QFETCH(QString, extension);
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("source.concord"));
        auto demo = createDemoStudy(source, DemoOptions{12, 3, 7});
        QVERIFY2(demo.ok(), qPrintable(demo.errorMessage()));
        qint64 firstShowings = 0;
        {
            auto study = Study::open(source);
            QVERIFY(study.ok());
            const Status added = addRepeats(*study.value(), 10);
            QVERIFY2(added.ok(), qPrintable(added.errorMessage()));
            QCOMPARE(scalar(*study.value(), QStringLiteral("SELECT count(*) FROM current_repeat_rating")), 10);
            firstShowings = scalar(*study.value(), QStringLiteral("SELECT count(*) FROM current_rating"));
            QVERIFY(firstShowings > 10);
        }

        const std::pair<ExportContent, QString> parts[] = {{ExportContent::Cases, QStringLiteral("cases")},
                                                           {ExportContent::Ratings, QStringLiteral("ratings")},
                                                           {ExportContent::Judge, QStringLiteral("judge")}};
        auto exportAll = [&](Study &study, const QString &prefix) {
            for (const auto &[content, name] : parts) {
                ExportOptions options;
                options.content = content;
                auto written = exportFile(study, dir.filePath(prefix + name + QLatin1Char('.') + extension), options);
                QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
                QVERIFY(written->rowsWritten > 0);
            }
        };
        {
            auto study = Study::open(source);
            QVERIFY(study.ok());
            exportAll(*study.value(), QStringLiteral("first-"));
        }

        const QString copy = dir.filePath(QStringLiteral("copy.concord"));
        {
            auto study = Study::create(copy, {.title = QStringLiteral("copy"), .rubric = defaultRubric()});
            QVERIFY(study.ok());
            for (const auto &[content, name] : parts) {
                ImportOptions options;
                if (content == ExportContent::Cases)
                    options.content = ImportContent::Cases;
                else if (content == ExportContent::Ratings)
                    options.content = ImportContent::Ratings;
                else
                    options.content = ImportContent::Judge;
                auto imported =
                    importFile(*study.value(),
                               dir.filePath(QStringLiteral("first-") + name + QLatin1Char('.') + extension), options);
                QVERIFY2(imported.ok(), qPrintable(name + QStringLiteral(": ") + imported.errorMessage()));
            }
            exportAll(*study.value(), QStringLiteral("second-"));
            // The repeats came back as repeats: none replaced a first showing's rating.
            QCOMPARE(scalar(*study.value(), QStringLiteral("SELECT count(*) FROM current_repeat_rating")), 10);
            QCOMPARE(scalar(*study.value(), QStringLiteral("SELECT count(*) FROM current_rating")), firstShowings);
        }
        const QByteArray ratings = readAll(dir.filePath(QStringLiteral("first-ratings.") + extension));
        QVERIFY(extension == QStringLiteral("csv")
                    ? ratings.startsWith("case,response,system,annotator,axis,value,"
                                         "likelihood,comment,time,active_seconds,repeat\r\n")
                    : ratings.contains("\"repeat\":true"));
        for (const auto &[content, name] : parts) {
            const QByteArray first =
                readAll(dir.filePath(QStringLiteral("first-") + name + QLatin1Char('.') + extension));
            const QByteArray second =
                readAll(dir.filePath(QStringLiteral("second-") + name + QLatin1Char('.') + extension));
            QVERIFY(!first.isEmpty());
            QVERIFY2(first == second,
                     qPrintable(QStringLiteral("%1.%2 differs after a round trip").arg(name, extension)));
        }
    }

    // Text that a spreadsheet would run as a formula, a leading quote, number-like text, a uint64 id written as a
    // JSON number, bidirectional controls and metadata nested 60 levels deep: all back byte for byte.
    void importOfAnExport_keepsHostileTextByteForByte_data()
    {
        QTest::addColumn<QString>("extension");
        QTest::newRow("tidy CSV") << QStringLiteral("csv");
        QTest::newRow("JSONL") << QStringLiteral("jsonl");
    }

    void importOfAnExport_keepsHostileTextByteForByte()
    {
        QFETCH(QString, extension);
        QTemporaryDir dir;
        QByteArray deep = "{\"level\":0}";
        for (int i = 0; i < 60; ++i)
            deep = "{\"n\":" + deep + "}";
        const QByteArray cases =
            "{\"kind\":\"case\",\"id\":18446744073709551615,\"task\":\"=1+1\",\"input\":\"@SUM(A1:A9)\","
            "\"metadata\":" +
            deep +
            ",\"responses\":[{\"id\":\"=HYPERLINK(\\\"http://x.example\\\",\\\"click\\\")\","
            "\"system\":\"'quoted\",\"text\":\"-1\",\"metadata\":{\"big\":18446744073709551615,\"z\":-0.0}},{\"id\":\"'"
            "'two\",\"system\":\"+plus\","
            "\"text\":\"\\t-tab first\\r\\nthen \\u202egm 501\"}]}\n"
            "{\"kind\":\"case\",\"id\":\"'=already guarded\",\"input\":\"-2+3+cmd|' /C calc'!A0\","
            "\"responses\":[{\"id\":\"-5\",\"text\":\"\\rcarriage\"}]}\n";
        const QByteArray ratings =
            "{\"kind\":\"rating\",\"case\":\"18446744073709551615\",\"response\":\"''two\",\"annotator\":\"@dr\","
            "\"axis\":\"risk\",\"value\":2,\"comment\":\"=HYPERLINK(\\\"http://x.example\\\")\"}\n"
            "{\"kind\":\"rating\",\"case\":\"'=already guarded\",\"response\":\"-5\",\"annotator\":\"@dr\","
            "\"axis\":\"risk\",\"value\":3,\"comment\":\"'\"}\n"
            "{\"kind\":\"rating\",\"case\":\"18446744073709551615\",\"response\":\"''two\",\"annotator\":\"@dr\","
            "\"axis\":\"preference\",\"value\":1,\"comment\":\"-\"}\n";
        const QByteArray judge =
            "{\"kind\":\"judge_score\",\"case\":\"'=already guarded\",\"response\":\"-5\",\"judge\":\"=judge\","
            "\"axis\":\"risk\",\"value\":2,\"rationale\":\"+because\",\"probabilities\":{\"1\":0.25,\"2\":0.75}}\n";
        const QString source = dir.filePath(QStringLiteral("source.concord"));
        {
            auto study = Study::create(source, {.title = QStringLiteral("hostile"), .rubric = defaultRubric()});
            QVERIFY(study.ok());
            for (const auto &[name, content] :
                 {std::pair{"cases", cases}, std::pair{"ratings", ratings}, std::pair{"judge", judge}}) {
                const QString file = dir.filePath(QString::fromLatin1(name) + QStringLiteral("-in.jsonl"));
                QVERIFY(writeFile(file, content));
                auto imported = importFile(*study.value(), file, ImportOptions{});
                QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
            }
            // The uint64 id is stored as its exact digits.
            auto id = study.value()->exec(QStringLiteral("SELECT external_id FROM \"case\" ORDER BY id LIMIT 1"));
            QVERIFY(id.ok() && id->next());
            QCOMPARE(id->value(0).toString(), QStringLiteral("18446744073709551615"));
        }
        const std::pair<ExportContent, ImportContent> parts[] = {{ExportContent::Cases, ImportContent::Cases},
                                                                 {ExportContent::Ratings, ImportContent::Ratings},
                                                                 {ExportContent::Judge, ImportContent::Judge}};
        auto exportAll = [&](const QString &studyPath, const QString &prefix) {
            auto study = Study::open(studyPath);
            QVERIFY(study.ok());
            for (const auto &[content, unused] : parts) {
                ExportOptions options;
                options.content = content;
                const QString out = dir.filePath(prefix + QString::number(int(content)) + QLatin1Char('.') + extension);
                auto written = exportFile(*study.value(), out, options);
                QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
            }
        };
        auto importAll = [&](const QString &studyPath, const QString &prefix) {
            auto study = Study::create(studyPath, {.title = QStringLiteral("copy"), .rubric = defaultRubric()});
            QVERIFY(study.ok());
            for (const auto &[content, what] : parts) {
                ImportOptions options;
                options.content = what;
                const QString in = dir.filePath(prefix + QString::number(int(content)) + QLatin1Char('.') + extension);
                auto imported = importFile(*study.value(), in, options);
                QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
            }
        };
        exportAll(source, QStringLiteral("first-"));
        importAll(dir.filePath(QStringLiteral("copy.concord")), QStringLiteral("first-"));
        exportAll(dir.filePath(QStringLiteral("copy.concord")), QStringLiteral("second-"));
        importAll(dir.filePath(QStringLiteral("copy2.concord")), QStringLiteral("second-"));
        exportAll(dir.filePath(QStringLiteral("copy2.concord")), QStringLiteral("third-"));
        for (const auto &[content, unused] : parts) {
            const QString name = QString::number(int(content)) + QLatin1Char('.') + extension;
            const QByteArray first = readAll(dir.filePath(QStringLiteral("first-") + name));
            QVERIFY(!first.isEmpty());
            QVERIFY2(first == readAll(dir.filePath(QStringLiteral("second-") + name)), qPrintable(name));
            QVERIFY2(first == readAll(dir.filePath(QStringLiteral("third-") + name)), qPrintable(name));
        }
        if (extension == QStringLiteral("csv")) {
            // Formula cells are written with a quote in front; numbers and number-like text are not.
            const QByteArray casesCsv =
                readAll(dir.filePath(QStringLiteral("first-%1.csv").arg(int(ExportContent::Cases))));
            QVERIFY2(casesCsv.contains("\"'=HYPERLINK("), casesCsv.constData());
            QVERIFY2(casesCsv.contains(",'=1+1,'@SUM(A1:A9),"), casesCsv.constData());
            QVERIFY2(casesCsv.contains(",''quoted,-1\r\n"), casesCsv.constData());
            QVERIFY2(casesCsv.contains("''=already guarded,"), casesCsv.constData());
            QVERIFY2(casesCsv.contains(",-5,"), casesCsv.constData());
            const QByteArray ratingsCsv =
                readAll(dir.filePath(QStringLiteral("first-%1.csv").arg(int(ExportContent::Ratings))));
            QVERIFY2(ratingsCsv.contains(",'@dr,"), ratingsCsv.constData());
            QVERIFY2(!ratingsCsv.contains(",@dr,"), ratingsCsv.constData());
        } else {
            // The metadata nested 60 levels deep is exported whole.
            const QByteArray casesJsonl =
                readAll(dir.filePath(QStringLiteral("first-%1.jsonl").arg(int(ExportContent::Cases))));
            QVERIFY(casesJsonl.contains(QByteArray(QByteArray("{\"level\":0}") + QByteArray(60, '}'))));
            // Numbers in metadata keep their exact text (a uint64 would become 18446744073709552000 as a double).
            QVERIFY2(casesJsonl.contains("\"metadata\":{\"big\":18446744073709551615,\"z\":-0.0}"),
                     casesJsonl.constData());
        }
        // The stored text of the copy is the original's.
        auto copy = Study::open(dir.filePath(QStringLiteral("copy2.concord")));
        QVERIFY(copy.ok());
        auto texts = copy.value()->exec(QStringLiteral("SELECT group_concat(text, '|') FROM (SELECT text FROM response "
                                                       "ORDER BY external_id)"));
        QVERIFY(texts.ok() && texts->next());
        QCOMPARE(texts->value(0).toString(), QStringLiteral("\t-tab first\r\nthen \u202egm 501|\rcarriage|-1"));
    }

    void repeatField_refusesAnythingButYesOrNo_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("tidy CSV") << QStringLiteral("ratings.csv")
                                  << QByteArray("case,response,annotator,axis,value,repeat\n"
                                                "c01,a,Dr A,risk,2,1\n"
                                                "c01,a,Dr A,risk,3,2\n");
        QTest::newRow("JSONL") << QStringLiteral("ratings.jsonl")
                               << QByteArray(
                                      "{\"kind\":\"rating\",\"case\":\"c01\",\"response\":\"a\","
                                      "\"annotator\":\"Dr A\",\"axis\":\"risk\",\"value\":2,\"repeat\":true}\n"
                                      "{\"kind\":\"rating\",\"case\":\"c01\",\"response\":\"a\","
                                      "\"annotator\":\"Dr A\",\"axis\":\"risk\",\"value\":3,\"repeat\":\"yes\"}\n");
    }

    void repeatField_refusesAnythingButYesOrNo()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        auto study = Study::create(dir.filePath(QStringLiteral("s.concord")),
                                   {.title = QStringLiteral("x"), .rubric = defaultRubric()});
        QVERIFY(study.ok());
        const QString cases = dir.filePath(QStringLiteral("cases.jsonl"));
        QVERIFY(writeFile(cases, testsupport::twoResponseCasesJsonl(2)));
        QVERIFY(importFile(*study.value(), cases, ImportOptions{}).ok());
        const QString file = dir.filePath(name);
        QVERIFY(writeFile(file, content));
        auto imported = importFile(*study.value(), file, ImportOptions{});
        QVERIFY(!imported.ok());
        // The error names the file, the second line and the field; the first line's rating is not kept either.
        QVERIFY2(imported.errorMessage().startsWith(file + QStringLiteral(":")), qPrintable(imported.errorMessage()));
        QVERIFY2(imported.errorMessage().contains(QStringLiteral("repeat")), qPrintable(imported.errorMessage()));
        QVERIFY2(imported.errorMessage().contains(name.endsWith(QStringLiteral(".csv")) ? QStringLiteral(":3:")
                                                                                        : QStringLiteral(":2:")),
                 qPrintable(imported.errorMessage()));
        QCOMPARE(scalar(*study.value(), QStringLiteral("SELECT count(*) FROM rating_event")), 0);
    }

    void consensusExport_namesTheRuleAndGivesAReasonForTies()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        auto demo = createDemoStudy(path, DemoOptions{10, 2, 3});
        QVERIFY(demo.ok());
        auto study = Study::open(path);
        ExportOptions options;
        options.content = ExportContent::Consensus;
        options.consensus = ConsensusRule::Majority;
        const QString out = dir.filePath(QStringLiteral("consensus.csv"));
        auto written = exportFile(*study.value(), out, options);
        QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
        const QByteArray text = readAll(out);
        QVERIFY(text.startsWith("case,response,axis,rule,value,ratings,reason\r\n"));
        QVERIFY(text.contains(",majority,"));
        // With two raters, some units split 1:1, and a majority then has no value but a reason.
        QVERIFY(text.contains("tie between 2 values"));
    }

    void export_refusesAnUnknownExtension()
    {
        QTemporaryDir dir;
        auto study = Study::create(dir.filePath(QStringLiteral("s.concord")),
                                   {.title = QStringLiteral("x"), .rubric = defaultRubric()});
        auto written = exportFile(*study.value(), dir.filePath(QStringLiteral("out.xlsx")), ExportOptions{});
        QVERIFY(!written.ok());
        QVERIFY(written.errorMessage().contains(QStringLiteral(".xlsx")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.xlsx"))));
    }
};

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_roundtrip.moc"
