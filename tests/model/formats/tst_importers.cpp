// Imports of well-formed files: the CSV reader's quoting rules, and each format read back through the stores.
#include "model/formats/csvreader.h"
#include "model/formats/importer.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

QString sample(const QString &name)
{
    return QStringLiteral(CONCORD_SOURCE_DIR "/data/samples/") + name;
}

std::unique_ptr<Study> newStudy(QTemporaryDir &dir)
{
    auto study = Study::create(dir.filePath(QStringLiteral("s.concord")),
                               {.title = QStringLiteral("imports"), .rubric = defaultRubric()});
    if (!study.ok())
        qFatal("%s", qPrintable(study.errorMessage()));
    return std::move(study).value();
}

void write(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

} // namespace

class TestImporters : public QObject
{
    Q_OBJECT

private slots:
    void csvReader_handlesQuotesCommasNewlinesCrlfAndBom()
    {
        const QByteArray text = "\xEF\xBB\xBF"
                                "a, b ,c\r\n"
                                "1,\"two, with comma\",\"three\r\nlines\nhere\"\r\n"
                                "\"say \"\"hi\"\"\",,\"\"\n"
                                "\n"
                                "x,y,z";
        auto reader = CsvReader::fromBytes(text, QStringLiteral("t.csv"));
        QVERIFY2(reader.ok(), qPrintable(reader.errorMessage()));
        QCOMPARE(reader.value()->header(),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        auto first = reader.value()->next();
        QCOMPARE(first.value()->line, 2);
        QCOMPARE(first.value()->fields, (QStringList{QStringLiteral("1"), QStringLiteral("two, with comma"),
                                                     QStringLiteral("three\r\nlines\nhere")}));
        auto second = reader.value()->next();
        QCOMPARE(second.value()->line, 5); // the quoted field spanned lines 2 to 4
        QCOMPARE(second.value()->fields, (QStringList{QStringLiteral("say \"hi\""), QString(), QString()}));
        auto third = reader.value()->next(); // the blank line is skipped; no final newline is needed
        QCOMPARE(third.value()->line, 7);
        QCOMPARE(third.value()->fields.last(), QStringLiteral("z"));
        QVERIFY(!reader.value()->next().value());
    }

    void csvReader_rejectsDuplicateAndEmptyHeaderNames()
    {
        QVERIFY(CsvReader::fromBytes("a,b,a\n1,2,3\n", QStringLiteral("t.csv"))
                    .errorMessage()
                    .contains(QStringLiteral("names column 'a' twice")));
        QVERIFY(CsvReader::fromBytes("a,,c\n", QStringLiteral("t.csv"))
                    .errorMessage()
                    .contains(QStringLiteral("empty column name")));
    }

    void jsonlAndTidyCsv_importTheSamples()
    {
        QTemporaryDir dir;
        auto study = newStudy(dir);
        auto cases = importFile(*study, sample(QStringLiteral("cases.jsonl")), {});
        QVERIFY2(cases.ok(), qPrintable(cases.errorMessage()));
        QCOMPARE(cases->casesAdded, 3);
        QCOMPARE(cases->responsesAdded, 6);
        auto ratings = importFile(*study, sample(QStringLiteral("ratings.csv")), {});
        QVERIFY2(ratings.ok(), qPrintable(ratings.errorMessage()));
        QCOMPARE(ratings->ratingEventsAdded, 11);
        QCOMPARE(ratings->annotatorsAdded, 2);
        auto judgeCsv = importFile(*study, sample(QStringLiteral("judge.csv")), {});
        QVERIFY2(judgeCsv.ok(), qPrintable(judgeCsv.errorMessage()));
        QCOMPARE(judgeCsv->judgeScoresAdded, 6);
        auto judgeJsonl = importFile(*study, sample(QStringLiteral("judge.jsonl")), {});
        QVERIFY2(judgeJsonl.ok(), qPrintable(judgeJsonl.errorMessage()));
        QCOMPARE(judgeJsonl->judgeScoresAdded, 3);

        CaseStore store(*study);
        auto pq = store.caseByExternalId(QStringLiteral("pq-001"));
        QVERIFY(pq.value());
        QCOMPARE(pq.value()->task, QStringLiteral("patient_question"));
        QVERIFY(pq.value()->metadataJson.contains(QStringLiteral("sample")));
        QCOMPARE(store.comparisons()->size(), 3); // one per case with two responses

        const Rubric &rubric = study->rubric();
        auto current = RatingStore(*study).currentRatings();
        int preferences = 0;
        int unable = 0;
        int notApplicable = 0;
        for (const auto &e : current.value()) {
            if (e.axisId == rubric.axis(QStringLiteral("preference"))->id) {
                ++preferences;
                QVERIFY(e.comparisonId > 0);
            }
            unable += e.status == RatingStatus::UnableToAssess;
            notApplicable += e.status == RatingStatus::NotApplicable;
            if (e.axisId == rubric.axis(QStringLiteral("commission_harm"))->id) {
                QCOMPARE(e.likelihood, QStringLiteral("high"));
                QCOMPARE(e.comment, QStringLiteral("Recommends ibuprofen, 400 mg, with warfarin"));
                QCOMPARE(e.createdAt, QStringLiteral("2026-03-02T09:14:52.000Z"));
                QCOMPARE(e.activeSeconds, 12.0);
            }
        }
        QCOMPARE(preferences, 2);
        QCOMPARE(unable, 1);
        QCOMPARE(notApplicable, 1);

        JudgeStore judges(*study);
        auto run = judges.runByName(QStringLiteral("judge-claude"));
        QVERIFY(run.value());
        QCOMPARE(run.value()->promptVersion, QStringLiteral("v2"));
        auto scores = judges.scores(run.value()->id);
        QCOMPARE(scores->size(), 3);
        QCOMPARE(scores->at(1).probabilities.size(), 4);
        QVERIFY(!scores->at(1).value); // probabilities only
        auto gpt = judges.runByName(QStringLiteral("judge-gpt"));
        auto gptScores = judges.scores(gpt.value()->id);
        QCOMPARE(gptScores->at(1).confidence.value_or(0), 0.6);
        QCOMPARE(gptScores->at(1).probabilities.at(2), (std::pair<double, double>{3, 0.25}));
    }

    void tidyCsv_acceptsColumnsInAnyOrderAndListsIgnoredOnes()
    {
        QTemporaryDir dir;
        auto study = newStudy(dir);
        QVERIFY(importFile(*study, sample(QStringLiteral("cases.jsonl")), {}).ok());
        const QString path = dir.filePath(QStringLiteral("shuffled.csv"));
        write(path, "value,shift,axis,annotator,response,case\n2,night,risk,Dr X,a,pq-001\n");
        auto imported = importFile(*study, path, {});
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        QCOMPARE(imported->ratingEventsAdded, 1);
        QCOMPARE(imported->ignoredColumns, QStringList{QStringLiteral("shift")});
        QVERIFY(imported->describe().contains(QStringLiteral("Ignored columns: 'shift'")));
    }

    void tidyCsv_importsCasesWithResponsesOnSeparateRows()
    {
        QTemporaryDir dir;
        auto study = newStudy(dir);
        const QString path = dir.filePath(QStringLiteral("cases.csv"));
        write(path, "case,task,input,response,system,text\n"
                    "k1,note_summary,\"A note,\nwith two lines\",a,Aster,\"Summary A\"\n"
                    "k2,note_summary,Other note,a,Aster,Summary\n"
                    "k1,note_summary,\"A note,\nwith two lines\",b,Birch,Summary B\n");
        auto imported = importFile(*study, path, {});
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        QCOMPARE(imported->casesAdded, 2);
        QCOMPARE(imported->responsesAdded, 3);
        auto k1 = CaseStore(*study).caseByExternalId(QStringLiteral("k1"));
        QCOMPARE(k1.value()->input, QStringLiteral("A note,\nwith two lines"));
        QCOMPARE(CaseStore(*study).responsesOfCase(k1.value()->id)->size(), 2);
        // One comparison per case: k1's two responses side by side, k2's single response on its own.
        const auto comparisons = CaseStore(*study).comparisons();
        QCOMPARE(comparisons->size(), 2);
        QCOMPARE(comparisons->at(0).responseIds.size(), 2);
        QCOMPARE(comparisons->at(1).responseIds.size(), 1);
    }

    void medval_importsCasesRatingsAndJudgeScoresKeepingDoubleAnnotations()
    {
        QTemporaryDir dir;
        auto study = newStudy(dir);
        auto imported = importFile(*study, sample(QStringLiteral("medval.csv")), {});
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        QCOMPARE(imported->format, QStringLiteral("MedVAL-Bench CSV"));
        QCOMPARE(imported->rowsRead, 5);
        QCOMPARE(imported->casesAdded, 4);        // mv-3 appears twice
        QCOMPARE(imported->ratingEventsAdded, 4); // mv-4 is unlabelled (-1)
        QCOMPARE(imported->rowsUnlabelled, 1);
        QCOMPARE(imported->judgeScoresAdded, 4); // mv-3's repeated judge grade is scored once

        AnnotatorStore annotators(*study);
        auto first = annotators.annotatorByName(QStringLiteral("medval"));
        auto second = annotators.annotatorByName(QStringLiteral("medval #2"));
        QVERIFY(first.value());
        QVERIFY(second.value());
        auto mv3 = CaseStore(*study).caseByExternalId(QStringLiteral("mv-3"));
        QCOMPARE(mv3.value()->task, QStringLiteral("dialogue2note"));
        QCOMPARE(mv3.value()->reference,
                 QStringLiteral("Three days of dysuria without fever or flank pain; likely uncomplicated cystitis."));
        const qint64 response = CaseStore(*study).responsesOfCase(mv3.value()->id)->front().id;
        QVector<double> values;
        for (const auto &e : RatingStore(*study).currentRatings().value()) {
            if (e.responseId == response)
                values << e.value.value_or(0);
        }
        QCOMPARE(values, (QVector<double>{3, 4})); // both physicians' grades are kept

        auto run = JudgeStore(*study).runByName(QStringLiteral("medval judge"));
        QVERIFY(run.value());
        auto scores = JudgeStore(*study).scores(run.value()->id);
        QCOMPARE(scores->size(), 4);
        QVERIFY(scores->at(1).rationale.contains(QStringLiteral("Errors: Missing claim")));
    }

    void medval_namesAnnotatorAndJudgeFromOptions()
    {
        QTemporaryDir dir;
        auto study = newStudy(dir);
        ImportOptions options;
        options.annotator = QStringLiteral("Dr Rivera");
        options.judge = QStringLiteral("gpt-4o judge");
        QVERIFY(importFile(*study, sample(QStringLiteral("medval.csv")), options).ok());
        QVERIFY(AnnotatorStore(*study).annotatorByName(QStringLiteral("Dr Rivera")).value());
        QVERIFY(AnnotatorStore(*study).annotatorByName(QStringLiteral("Dr Rivera #2")).value());
        QVERIFY(JudgeStore(*study).runByName(QStringLiteral("gpt-4o judge")).value());
    }

    void medval_reusesItemsImportedBeforeButRefusesASecondScoreFromTheSameJudge()
    {
        QTemporaryDir dir;
        auto study = newStudy(dir);
        QVERIFY(importFile(*study, sample(QStringLiteral("medval.csv")), {}).ok());
        ImportOptions other;
        other.annotator = QStringLiteral("second reader");
        other.judge = QStringLiteral("another judge");
        auto again = importFile(*study, sample(QStringLiteral("medval.csv")), other);
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QCOMPARE(again->casesAdded, 0);
        QCOMPARE(again->ratingEventsAdded, 4);
        auto sameJudge = importFile(*study, sample(QStringLiteral("medval.csv")), {});
        QVERIFY(!sameJudge.ok());
        QVERIFY2(sameJudge.errorMessage().contains(QStringLiteral("already has a score")),
                 qPrintable(sameJudge.errorMessage()));
    }

    void import_recordsOneAuditEntry()
    {
        QTemporaryDir dir;
        auto study = newStudy(dir);
        QVERIFY(importFile(*study, sample(QStringLiteral("cases.jsonl")), {}).ok());
        auto q =
            study->exec(QStringLiteral("SELECT count(*), max(details_json) FROM audit_log WHERE action = 'import'"));
        q->next();
        QCOMPARE(q->value(0).toInt(), 1);
        QVERIFY(q->value(1).toString().contains(QStringLiteral("cases.jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestImporters)
#include "tst_importers.moc"
