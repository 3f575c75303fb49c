// Per-axis counts of current ratings: rated, pairable, unable/n.a., annotators, missing assigned ratings.
#include "model/agreement/ratingcounts.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"

#include <QTemporaryDir>
#include <QTest>

using namespace concord;

class TestRatingCounts : public QObject
{
    Q_OBJECT

private slots:
    void counts_reflectCurrentRatingsAssignmentsAndJudgeScores()
    {
        QTemporaryDir dir;
        auto created = Study::create(dir.filePath(QStringLiteral("c.concord")),
                                     {.title = QStringLiteral("counts"), .rubric = defaultRubric()});
        QVERIFY(created.ok());
        Study &study = *created.value();
        CaseStore cases(study);
        AnnotatorStore annotators(study);
        RatingStore ratings(study);
        // Two cases with two responses each, one comparison per case; two annotators assigned to both.
        QVector<qint64> responses;
        QVector<qint64> comparisons;
        for (int i = 0; i < 2; ++i) {
            CaseRecord c;
            c.externalId = QStringLiteral("c%1").arg(i);
            QVERIFY(cases.insertCase(c).ok());
            QVector<qint64> ids;
            for (int j = 0; j < 2; ++j) {
                ResponseRecord r;
                r.caseId = c.id;
                r.externalId = QStringLiteral("r%1").arg(j);
                QVERIFY(cases.insertResponse(r).ok());
                ids << r.id;
                responses << r.id;
            }
            ComparisonRecord m{0, {}, c.id, ids};
            QVERIFY(cases.insertComparison(m).ok());
            comparisons << m.id;
        }
        const qint64 a = annotators.ensureAnnotator(QStringLiteral("A"))->id;
        const qint64 b = annotators.ensureAnnotator(QStringLiteral("B"))->id;
        for (qint64 annotator : {a, b}) {
            for (qint64 comparison : comparisons) {
                Assignment assignment;
                assignment.annotatorId = annotator;
                assignment.comparisonId = comparison;
                QVERIFY(annotators.insertAssignment(assignment).ok());
            }
        }
        const qint64 risk = study.rubric().axis(QStringLiteral("risk"))->id;
        auto rate = [&](qint64 annotator, qint64 response, RatingStatus status, std::optional<double> value) {
            RatingEvent e;
            e.annotatorId = annotator;
            e.responseId = response;
            e.axisId = risk;
            e.status = status;
            e.value = value;
            QVERIFY(ratings.commit(e, QStringLiteral("t")).ok());
        };
        rate(a, responses[0], RatingStatus::Value, 1);
        rate(b, responses[0], RatingStatus::Value, 2);
        rate(a, responses[1], RatingStatus::Value, 3);
        rate(b, responses[1], RatingStatus::UnableToAssess, std::nullopt);
        rate(a, responses[2], RatingStatus::Value, 4);
        rate(a, responses[2], RatingStatus::Value, 3); // a correction: still one current rating
        JudgeStore judges(study);
        auto run = judges.ensureRun(QStringLiteral("j"));
        JudgeScore score;
        score.judgeRunId = run->id;
        score.responseId = responses[0];
        score.axisId = risk;
        score.value = 1;
        QVERIFY(judges.insertScore(score).ok());

        auto counts = axisRatingCounts(study);
        QVERIFY2(counts.ok(), qPrintable(counts.errorMessage()));
        QCOMPARE(counts->size(), 5);
        const AxisRatingCounts *riskCounts = nullptr;
        for (const auto &c : counts.value()) {
            if (c.axisKey == QStringLiteral("risk"))
                riskCounts = &c;
        }
        QVERIFY(riskCounts);
        QCOMPARE(riskCounts->targets, 4);
        QCOMPARE(riskCounts->targetsRated, 3);
        QCOMPARE(riskCounts->targetsPairable, 1); // only response 0 has two scale values
        QCOMPARE(riskCounts->ratings, 4);
        QCOMPARE(riskCounts->unableToAssess, 1);
        QCOMPARE(riskCounts->notApplicable, 0);
        QCOMPARE(riskCounts->annotators, 2);
        QCOMPARE(riskCounts->assignedMissing, 8 - 5); // 2 annotators x 4 responses assigned, 5 rated
        QCOMPARE(riskCounts->judgeScores, 1);
        for (const auto &c : counts.value()) {
            if (c.axisKey == QStringLiteral("preference")) {
                QCOMPARE(c.targets, 2);
                QCOMPARE(c.assignedMissing, 4);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestRatingCounts)
#include "tst_ratingcounts.moc"
