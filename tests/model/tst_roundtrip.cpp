// Import of an export gives back the same data: a demo study is exported (cases, ratings, judge scores) as
// tidy CSV and as JSONL, imported into a new study, and exported again; the files must be identical.
#include "model/demostudy.h"
#include "model/exporter.h"
#include "model/importer.h"
#include "model/ratingstore.h"
#include "model/study.h"

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
                auto imported = importFile(*study.value(),
                                           dir.filePath(QStringLiteral("first-") + name + QLatin1Char('.') + extension),
                                           options);
                QVERIFY2(imported.ok(), qPrintable(name + QStringLiteral(": ") + imported.errorMessage()));
            }
            exportAll(*study.value(), QStringLiteral("second-"));
        }
        for (const auto &[content, name] : parts) {
            const QByteArray first = readAll(dir.filePath(QStringLiteral("first-") + name + QLatin1Char('.') + extension));
            const QByteArray second =
                readAll(dir.filePath(QStringLiteral("second-") + name + QLatin1Char('.') + extension));
            QVERIFY(!first.isEmpty());
            QVERIFY2(first == second, qPrintable(QStringLiteral("%1.%2 differs after a round trip").arg(name, extension)));
        }
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
