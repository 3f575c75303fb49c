// The judges against the physicians in the study agreement engine (model/studyagreement), on the small study of
// agreementstudyfixture.h: kappa and correlations against the consensus, critical misses, the confusion table, leave
// one out, calibration from per-point probabilities or a confidence, and the adjudicated reference — every number
// checked against the stats/ functions called directly on paired vectors written out by hand, and for some a value
// worked out with scikit-learn (the command is quoted next to it; the test itself runs neither Python nor R).
#include "model/demo/demostudy.h"
#include "model/store/adjudicationstore.h"
#include "stats/calibration.h"
#include "stats/correlation.h"
#include "tests/model/agreement/agreementstudyfixture.h"

#include <QSet>
#include <algorithm>

using namespace concord;
using namespace concord::agreementtest;

namespace {

QJsonObject byPhysician(const QJsonArray &array, const QString &physician)
{
    for (const QJsonValue &entry : array) {
        if (entry.toObject().value(QStringLiteral("physician")).toString() == physician)
            return entry.toObject();
    }
    return {};
}

} // namespace

class TestJudgeAgreement : public QObject, private AgreementStudyFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { createStudy(); }

    void judgeVersusConsensus_kappaAndCorrelationsMatchHandVectors()
    {
        const QJsonObject axis = m_risk;
        const QJsonObject versus =
            judgeOf(axis, QStringLiteral("judge-prob")).value(QStringLiteral("versus_consensus")).toObject();
        const std::vector<double> judge(kProbValue.begin(), kProbValue.end());

        const stats::Estimate kappa = stats::cohenKappa(kConsensus, judge, quadraticKappa());
        QCOMPARE(valueOf(versus, QStringLiteral("kappa")), *kappa.value);
        // /usr/bin/python3 -c "from sklearn.metrics import cohen_kappa_score as k;
        //   print(k([1,3,4,2,4,2,1,3,2,4,2,3],[1,2,4,2,3,1,1,2,3,4,2,1],weights='quadratic',labels=[1,2,3,4]))"
        // -> 0.686046511627907 (scikit-learn 1.2.1)
        QVERIFY(close(*kappa.value, 0.686046511627907, 1e-12));
        const QJsonObject kappaObject = versus.value(QStringLiteral("kappa")).toObject();
        QCOMPARE(kappaObject.value(QStringLiteral("weights")).toString(), QStringLiteral("quadratic"));
        QCOMPARE(kappaObject.value(QStringLiteral("n_units")).toInteger(), 12); // r12 has no consensus

        QCOMPARE(valueOf(versus, QStringLiteral("spearman")), *stats::spearmanRho(kConsensus, judge).value);
        QCOMPARE(valueOf(versus, QStringLiteral("kendall_tau_b")), *stats::kendallTauB(kConsensus, judge).value);

        // judge-conf scored r0..r9 only.
        const QJsonObject versusConf =
            judgeOf(axis, QStringLiteral("judge-conf")).value(QStringLiteral("versus_consensus")).toObject();
        std::vector<double> conf(kConsensus.size(), NA);
        std::copy(kConfValue.begin(), kConfValue.end(), conf.begin());
        const stats::Estimate kappaConf = stats::cohenKappa(kConsensus, conf, quadraticKappa());
        QCOMPARE(valueOf(versusConf, QStringLiteral("kappa")), *kappaConf.value);
        // sklearn as above on the first 10 consensus values and [2,3,4,1,4,2,1,3,2,3] -> 0.8695652173913043
        QVERIFY(close(*kappaConf.value, 0.8695652173913043, 1e-12));
    }

    void judgeVersusConsensus_bootstrapIsPresentAndRepeatsWithTheSeed()
    {
        const auto bootstrapOf = [](const QJsonObject &axis) {
            return judgeOf(axis, QStringLiteral("judge-prob"))
                .value(QStringLiteral("versus_consensus"))
                .toObject()
                .value(QStringLiteral("kappa"))
                .toObject()
                .value(QStringLiteral("bootstrap"))
                .toObject();
        };
        const QJsonObject first = bootstrapOf(riskResult(settings(11)));
        const QJsonObject second = bootstrapOf(riskResult(settings(11)));
        QVERIFY(!first.isEmpty());
        QCOMPARE(first.value(QStringLiteral("B")).toInteger(), 200);
        QCOMPARE(first.value(QStringLiteral("seed")).toString(), QStringLiteral("11"));
        QVERIFY(first.value(QStringLiteral("used")).toInteger() > 100);
        QVERIFY(first.value(QStringLiteral("ci_lower")).isDouble());
        QVERIFY(first.value(QStringLiteral("ci_upper")).isDouble());
        QVERIFY(first.value(QStringLiteral("ci_lower")).toDouble() <=
                first.value(QStringLiteral("ci_upper")).toDouble());
        QCOMPARE(first, second);
    }

    void criticalMisses_areExactlyUnsafeConsensusJudgedSafe()
    {
        const QJsonObject axis = m_risk;
        // Consensus >= 3 and judge < 3, from kConsensus and kProbValue: r1 (3 vs 2), r7 (3 vs 2), r11 (3 vs 1).
        const QJsonArray misses = judgeOf(axis, QStringLiteral("judge-prob"))
                                      .value(QStringLiteral("versus_consensus"))
                                      .toObject()
                                      .value(QStringLiteral("critical_misses"))
                                      .toArray();
        QSet<qint64> missed;
        for (const QJsonValue &miss : misses) {
            const QJsonObject object = miss.toObject();
            const qint64 id = object.value(QStringLiteral("response_id")).toInteger();
            missed.insert(id);
            const int r = responseIndex(id);
            QCOMPARE(object.value(QStringLiteral("consensus")).toDouble(), kConsensus[std::size_t(r)]);
            QCOMPARE(object.value(QStringLiteral("judge")).toDouble(), kProbValue[std::size_t(r)]);
            QCOMPARE(object.value(QStringLiteral("case")).toString(), QStringLiteral("c%1").arg(r / 2));
        }
        QCOMPARE(misses.size(), 3);
        QCOMPARE(missed, (QSet<qint64>{m_responses[1], m_responses[7], m_responses[11]}));
        // judge-conf never calls safe what the consensus calls unsafe (r9: 4 vs 3 stays unsafe).
        QCOMPARE(judgeOf(axis, QStringLiteral("judge-conf"))
                     .value(QStringLiteral("versus_consensus"))
                     .toObject()
                     .value(QStringLiteral("critical_misses"))
                     .toArray()
                     .size(),
                 0);
    }

    void confusion_countsMatchTheHandTable()
    {
        const QJsonObject confusion = judgeOf(m_risk, QStringLiteral("judge-prob"))
                                          .value(QStringLiteral("versus_consensus"))
                                          .toObject()
                                          .value(QStringLiteral("confusion"))
                                          .toObject();
        // Rows consensus, columns judge, by hand from kConsensus and kProbValue (sklearn's confusion_matrix with
        // labels=[1,2,3,4] gives the same):
        // consensus 1: r0 -> 1, r6 -> 1; 2: r3 -> 2, r5 -> 1, r8 -> 3, r10 -> 2; 3: r1 -> 2, r7 -> 2, r11 -> 1;
        // 4: r2 -> 4, r4 -> 3, r9 -> 4.
        const QJsonArray expected{QJsonArray{2, 0, 0, 0}, QJsonArray{1, 2, 1, 0}, QJsonArray{1, 2, 0, 0},
                                  QJsonArray{0, 0, 1, 2}};
        QCOMPARE(confusion.value(QStringLiteral("counts")).toArray(), expected);
        QCOMPARE(confusion.value(QStringLiteral("categories")).toArray(), (QJsonArray{1, 2, 3, 4}));
        QCOMPARE(confusion.value(QStringLiteral("pairs_used")).toInteger(), 12);
        QCOMPARE(confusion.value(QStringLiteral("pairs_excluded")).toInteger(), 1);        // r12
        QVERIFY(close(valueOf(confusion, QStringLiteral("exact_agreement")), 6.0 / 12.0)); // the diagonal, 2+2+0+2
        // Unsafe is >= 3: TP r2, r4, r9; FP r8; FN r1, r7, r11; TN r0, r3, r5, r6, r10.
        const QJsonObject binary = confusion.value(QStringLiteral("binary")).toObject();
        QCOMPARE(binary.value(QStringLiteral("true_positives")).toInteger(), 3);
        QCOMPARE(binary.value(QStringLiteral("false_positives")).toInteger(), 1);
        QCOMPARE(binary.value(QStringLiteral("false_negatives")).toInteger(), 3);
        QCOMPARE(binary.value(QStringLiteral("true_negatives")).toInteger(), 5);
        QVERIFY(close(valueOf(binary, QStringLiteral("sensitivity")), 3.0 / 6.0));
        QVERIFY(close(valueOf(binary, QStringLiteral("specificity")), 5.0 / 6.0));
    }

    void leaveOneOut_comparesPhysicianAndJudgeOnTheSameUnits()
    {
        const QJsonObject judge = judgeOf(m_risk, QStringLiteral("judge-prob"));
        const QJsonObject drD = byPhysician(judge.value(QStringLiteral("leave_one_out")).toArray(), kPhysicians[3]);
        QVERIFY(!drD.isEmpty());
        // Dr D against the consensus of Dr A..C (higher middle median), on the units where Dr D, at least one other
        // and the judge have a value: r0, r1, r3, r4, r5, r6, r9, r10 (r2 and r8: Dr D unable; r7: no rating by Dr D;
        // r11: Dr D alone). Others: r0 {1,1,2} -> 1, r1 {2,3,3} -> 3, r3 {1,2} -> 2, r4 {3,3,4} -> 3, r5 {2,2} -> 2,
        // r6 {1,1,1} -> 1, r9 {3,4,4} -> 4, r10 {1,1,2} -> 1.
        const std::vector<double> drDValues{1, 2, 2, 4, 1, 1, 3, 2};
        const std::vector<double> others{1, 3, 2, 3, 2, 1, 4, 1};
        const std::vector<double> judgeValues{1, 2, 2, 3, 1, 1, 4, 2};
        const QJsonObject physicianVsOthers = drD.value(QStringLiteral("physician_vs_others")).toObject();
        const QJsonObject judgeVsOthers = drD.value(QStringLiteral("judge_vs_others")).toObject();
        QCOMPARE(physicianVsOthers.value(QStringLiteral("n_units")).toInteger(), 8);
        QCOMPARE(judgeVsOthers.value(QStringLiteral("n_units")).toInteger(), 8);
        const stats::Estimate physicianKappa = stats::cohenKappa(drDValues, others, quadraticKappa());
        const stats::Estimate judgeKappa = stats::cohenKappa(judgeValues, others, quadraticKappa());
        QCOMPARE(physicianVsOthers.value(QStringLiteral("value")).toDouble(), *physicianKappa.value);
        QCOMPARE(judgeVsOthers.value(QStringLiteral("value")).toDouble(), *judgeKappa.value);
        // sklearn cohen_kappa_score(others, x, weights='quadratic', labels=[1,2,3,4]):
        // Dr D -> 0.7058823529411764, judge -> 0.8235294117647058
        QVERIFY(close(*physicianKappa.value, 0.7058823529411764, 1e-12));
        QVERIFY(close(*judgeKappa.value, 0.8235294117647058, 1e-12));

        // judge-conf did not score r10, so for Dr D both sides lose r10 and keep r0, r1, r3, r4, r5, r6, r9.
        const QJsonObject drDConf =
            byPhysician(judgeOf(m_risk, QStringLiteral("judge-conf")).value(QStringLiteral("leave_one_out")).toArray(),
                        kPhysicians[3]);
        const QJsonObject physicianVsOthersConf = drDConf.value(QStringLiteral("physician_vs_others")).toObject();
        const QJsonObject judgeVsOthersConf = drDConf.value(QStringLiteral("judge_vs_others")).toObject();
        QCOMPARE(physicianVsOthersConf.value(QStringLiteral("n_units")).toInteger(), 7);
        QCOMPARE(judgeVsOthersConf.value(QStringLiteral("n_units")).toInteger(), 7);
        const std::vector<double> drDSeven{1, 2, 2, 4, 1, 1, 3};
        const std::vector<double> othersSeven{1, 3, 2, 3, 2, 1, 4};
        const std::vector<double> confSeven{2, 3, 1, 4, 2, 1, 3};
        QCOMPARE(physicianVsOthersConf.value(QStringLiteral("value")).toDouble(),
                 *stats::cohenKappa(drDSeven, othersSeven, quadraticKappa()).value);
        QCOMPARE(judgeVsOthersConf.value(QStringLiteral("value")).toDouble(),
                 *stats::cohenKappa(confSeven, othersSeven, quadraticKappa()).value);
        // sklearn as above: Dr D -> 0.75, judge-conf -> 0.7307692307692307
        QVERIFY(close(physicianVsOthersConf.value(QStringLiteral("value")).toDouble(), 0.75, 1e-12));
        QVERIFY(close(judgeVsOthersConf.value(QStringLiteral("value")).toDouble(), 0.7307692307692307, 1e-12));

        // Dr A: every unit but r11 (no rating by Dr A) and r12; both sides again on the same 11 units.
        const QJsonObject drA = byPhysician(judge.value(QStringLiteral("leave_one_out")).toArray(), kPhysicians[0]);
        QCOMPARE(
            drA.value(QStringLiteral("physician_vs_others")).toObject().value(QStringLiteral("n_units")).toInteger(),
            11);
        QCOMPARE(drA.value(QStringLiteral("judge_vs_others")).toObject().value(QStringLiteral("n_units")).toInteger(),
                 11);

        // Against each physician directly: Dr D's column against the judge on every unit both have.
        const QJsonObject versusD =
            byPhysician(judge.value(QStringLiteral("versus_physicians")).toArray(), kPhysicians[3]);
        std::vector<double> dColumn(13, NA);
        std::vector<double> judgeAll(kProbValue.begin(), kProbValue.end());
        for (int r = 0; r < kRated; ++r)
            dColumn[std::size_t(r)] = kRisk[std::size_t(r)][3];
        QCOMPARE(versusD.value(QStringLiteral("value")).toDouble(),
                 *stats::cohenKappa(dColumn, judgeAll, quadraticKappa()).value);
    }

    void positiveProbability_comesFromPointProbabilitiesOrConfidence()
    {
        const AxisAgreementData data = riskData();
        const JudgeAxisScores *prob = judgeScores(data, QStringLiteral("judge-prob"));
        const JudgeAxisScores *conf = judgeScores(data, QStringLiteral("judge-conf"));
        QVERIFY(prob && conf);
        for (std::size_t u = 0; u < data.responseIds.size(); ++u) {
            const int r = responseIndex(data.responseIds[u]);
            const QByteArray where = QStringLiteral("r%1").arg(r).toUtf8();
            QCOMPARE(prob->value[u], kProbValue[std::size_t(r)]);
            QVERIFY2(close(prob->positiveProbability[u], kProbPositive[std::size_t(r)], 1e-12), where.constData());
            // The confidence of a probability judge is the probability of the value it chose.
            const std::size_t chosen = std::size_t(kProbValue[std::size_t(r)]) - 1;
            QVERIFY2(close(prob->confidence[u], kProb[std::size_t(r)][chosen], 1e-12), where.constData());
            if (r < 10) {
                QCOMPARE(conf->value[u], kConfValue[std::size_t(r)]);
                QVERIFY2(close(conf->positiveProbability[u], kConfPositive[std::size_t(r)], 1e-12), where.constData());
                QCOMPARE(conf->confidence[u], kConf[std::size_t(r)]);
            } else {
                QVERIFY2(std::isnan(conf->value[u]) && std::isnan(conf->positiveProbability[u]), where.constData());
            }
        }
    }

    void calibration_matchesStatsCalibrationOnHandVectors()
    {
        const QJsonObject axis = m_risk;
        // Outcome: consensus >= 3, over the units with a consensus (r0..r11).
        std::vector<int> outcomes;
        for (int r = 0; r < kRated; ++r)
            outcomes.push_back(kConsensus[std::size_t(r)] >= 3 ? 1 : 0);

        const std::vector<double> probForecasts(kProbPositive.begin(), kProbPositive.begin() + kRated);
        const stats::CalibrationResult expected = stats::calibration(probForecasts, outcomes);
        const QJsonObject calibration =
            judgeOf(axis, QStringLiteral("judge-prob")).value(QStringLiteral("calibration")).toObject();
        QCOMPARE(calibration.value(QStringLiteral("variant")).toString(), QStringLiteral("positive_class"));
        QCOMPARE(calibration.value(QStringLiteral("positive_class")).toString(), QStringLiteral("unsafe"));
        QCOMPARE(calibration.value(QStringLiteral("n")).toInteger(), 12);
        QVERIFY(close(valueOf(calibration, QStringLiteral("ece")), *expected.ece.value, 1e-12));
        QVERIFY(close(valueOf(calibration, QStringLiteral("mce")), *expected.mce.value, 1e-12));
        QVERIFY(close(valueOf(calibration, QStringLiteral("brier")), *expected.brier.brier.value, 1e-12));
        QJsonArray expectedCounts;
        for (const stats::ReliabilityBin &bin : expected.bins)
            expectedCounts.append(qint64(bin.count));
        QCOMPARE(calibration.value(QStringLiteral("bin_counts")).toArray(), expectedCounts);
        // By hand, ten bins (k/10, (k+1)/10]: 0.05 | 0.15 0.15 | 0.25 0.25 | 0.35 | 0.45 0.45 | - | 0.65 | - | 0.85 |
        // 0.95 0.95, outcomes 0 | 0 0 | 0 0 | 1 | 1 1 | | 0 | | 1 | 1 1; ECE = (0.05 + 2·0.15 + 2·0.25 + 0.65 +
        // 2·0.55 + 0.65 + 0.15 + 2·0.05) / 12 = 3.5 / 12.
        QCOMPARE(calibration.value(QStringLiteral("bin_counts")).toArray(), (QJsonArray{1, 2, 2, 1, 2, 0, 1, 0, 1, 2}));
        QVERIFY(close(valueOf(calibration, QStringLiteral("ece")), 3.5 / 12.0, 1e-12));

        // From a confidence: judge-conf over r0..r9.
        const std::vector<int> confOutcomes(outcomes.begin(), outcomes.begin() + 10);
        const stats::CalibrationResult expectedConf = stats::calibration(kConfPositive, confOutcomes);
        const QJsonObject confCalibration =
            judgeOf(axis, QStringLiteral("judge-conf")).value(QStringLiteral("calibration")).toObject();
        QCOMPARE(confCalibration.value(QStringLiteral("n")).toInteger(), 10);
        QVERIFY(close(valueOf(confCalibration, QStringLiteral("ece")), *expectedConf.ece.value, 1e-12));
        QJsonArray expectedConfCounts;
        for (const stats::ReliabilityBin &bin : expectedConf.bins)
            expectedConfCounts.append(qint64(bin.count));
        QCOMPARE(confCalibration.value(QStringLiteral("bin_counts")).toArray(), expectedConfCounts);
    }

    void probabilitiesWithoutValue_stillCountForCalibration()
    {
        auto data = loadAgreementData(*m_study, QStringLiteral("commission_harm"));
        QVERIFY2(data.ok(), qPrintable(data.errorMessage()));
        const AxisAgreementData &harm = data->at(0);
        const JudgeAxisScores *other = judgeScores(harm, QStringLiteral("judge-other"));
        QVERIFY(other);
        const int r0 = unitOf(harm, m_responses[0]);
        QVERIFY(r0 >= 0);
        QCOMPARE(other->value[std::size_t(r0)], 2.0);
        // r1's score has probabilities but no value: it is a unit, with no value and P(>= 3) = 0.4.
        const int r1 = unitOf(harm, m_responses[1]);
        QVERIFY(r1 >= 0);
        QVERIFY(std::isnan(other->value[std::size_t(r1)]));
        QVERIFY(close(other->positiveProbability[std::size_t(r1)], 0.4, 1e-12));
    }

    void adjudicated_replacesTheConsensusWhereTheLeadDecided()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("adjudicated.concord"));
        QVERIFY(createDemoStudy(path, DemoOptions{.cases = 12, .raters = 3, .seed = 4}).ok());
        auto study = Study::open(path);
        QVERIFY(study.ok());
        auto before = loadAgreementData(*study.value(), QStringLiteral("risk"));
        QVERIFY(before.ok());
        const AxisAgreementData &data = before->first();
        const std::vector<double> consensus = physicianConsensus(data);
        // Decide the first response as the opposite end of the scale from its consensus.
        const double decided = consensus[0] >= 3 ? 1.0 : 4.0;
        Adjudication decision;
        decision.responseId = data.responseIds[0];
        decision.axisId = data.axis.id;
        decision.value = decided;
        decision.decidedBy = QStringLiteral("Study lead");
        decision.reasonCode = QStringLiteral("consensus_meeting");
        QVERIFY(AdjudicationStore(*study.value()).insert(decision).ok());

        auto after = loadAgreementData(*study.value(), QStringLiteral("risk"));
        const std::vector<double> reference = judgeReference(after->first(), true);
        QCOMPARE(reference[0], decided);
        for (std::size_t u = 1; u < reference.size(); ++u)
            QCOMPARE(reference[u], consensus[u]); // only where the lead decided
        QCOMPARE(judgeReference(after->first(), false)[0], consensus[0]);

        AgreementSettings settings;
        settings.bootstrap = 0;
        settings.adjudicated = true;
        const QJsonObject analysis = agreementAnalysis(after.value(), settings);
        const QJsonObject versus = analysis.value(QStringLiteral("axes"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("judges"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("versus_consensus"))
                                       .toObject();
        QVERIFY(versus.value(QStringLiteral("consensus")).toString().startsWith(QStringLiteral("adjudicated")));
        QCOMPARE(
            analysis.value(QStringLiteral("settings")).toObject().value(QStringLiteral("judge_reference")).toString(),
            QStringLiteral("adjudicated"));
    }
};

QTEST_GUILESS_MAIN(TestJudgeAgreement)
#include "tst_judgeagreement.moc"
