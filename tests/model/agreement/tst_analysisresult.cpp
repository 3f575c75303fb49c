// The typed agreement analysis (model/agreement/analysisresult.h) on a small hand-made axis where every value is
// known without computing: two physicians who agree on every unit and a judge that gives the same scores, so every
// agreement coefficient is 1. Also the one estimate formatting and the order of the judge statistics.
#include "model/agreement/agreementanalysis.h"
#include "model/agreement/analysisjson.h"
#include "model/agreement/estimateformat.h"
#include "model/agreement/judgestatistics.h"

#include <QTest>
#include <atomic>
#include <limits>

using namespace concord;

namespace {

constexpr double NA = std::numeric_limits<double>::quiet_NaN();

// Six units on a four-point ordinal axis, rated alike by Dr A and Dr B; the judge scores them the same.
AxisAgreementData perfectAgreement()
{
    AxisAgreementData data;
    data.axis.key = QStringLiteral("risk");
    data.axis.label = QStringLiteral("Risk");
    data.axis.level = MeasurementLevel::Ordinal;
    for (int v = 1; v <= 4; ++v)
        data.axis.points.push_back(ScalePoint{double(v), QStringLiteral("point %1").arg(v), {}});
    data.axis.binaryView = BinaryView{3, QStringLiteral("unsafe"), QStringLiteral("safe")};
    const std::vector<double> values{1, 2, 3, 4, 2, 3};
    const std::size_t units = values.size();
    data.physicians = {QStringLiteral("Dr A"), QStringLiteral("Dr B")};
    data.ratings = stats::RatingMatrix(units, 2);
    JudgeAxisScores judge;
    judge.runId = 1;
    judge.name = QStringLiteral("judge");
    for (std::size_t u = 0; u < units; ++u) {
        data.responseIds.push_back(qint64(u + 1));
        data.caseIds.push_back(QStringLiteral("c%1").arg(u));
        data.tasks.push_back(u < 3 ? QStringLiteral("task-a") : QStringLiteral("task-b"));
        data.systems.push_back(u % 2 == 0 ? QStringLiteral("system-1") : QStringLiteral("system-2"));
        data.responseWords.push_back(int(10 * (u + 1)));
        data.ratings.set(u, 0, values[u]);
        data.ratings.set(u, 1, values[u]);
        judge.value.push_back(values[u]);
        judge.positiveProbability.push_back(NA);
        judge.confidence.push_back(NA);
    }
    data.judges.push_back(judge);
    return data;
}

AgreementSettings settings(std::size_t bootstrap)
{
    AgreementSettings s;
    s.bootstrap = bootstrap;
    s.seed = 3;
    return s;
}

const AgreementCoefficient *coefficient(const CoefficientBattery &battery, const std::string &name)
{
    for (const AgreementCoefficient &entry : battery) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

} // namespace

class TestAnalysisResult : public QObject
{
    Q_OBJECT

private slots:
    void physiciansInPerfectAgreement_alphaIsOne()
    {
        const auto analysis = analyseAgreement({perfectAgreement()}, settings(0));
        QVERIFY(analysis);
        QCOMPARE(analysis->axes.size(), std::size_t(1));
        const AxisAgreement &axis = analysis->axes[0];
        QCOMPARE(axis.axis.key, QStringLiteral("risk"));
        QVERIFY(axis.weights == stats::WeightKind::Quadratic);
        QCOMPARE(axis.counts.units, std::size_t(6));
        QCOMPARE(axis.counts.unitsWithTwoOrMoreRatings, std::size_t(6));
        QCOMPARE(axis.counts.physicians, std::size_t(2));
        QCOMPARE(axis.counts.ratings, std::size_t(12));
        QCOMPARE(axis.counts.judgeRuns, std::size_t(1));

        const AgreementCoefficient *alpha = coefficient(axis.amongPhysicians.overall, "krippendorff_alpha");
        QVERIFY(alpha);
        QVERIFY(alpha->result.estimate.defined());
        QCOMPARE(*alpha->result.estimate.value, 1.0);
        QVERIFY(!alpha->result.bootstrap); // B = 0: analytic intervals only

        const AgreementCoefficient *pair = coefficient(axis.amongPhysicians.overall, "cohen_kappa:0-1");
        QVERIFY(pair);
        QVERIFY(pair->raters);
        QCOMPARE(pair->raters->first, QStringLiteral("Dr A"));
        QCOMPARE(pair->raters->second, QStringLiteral("Dr B"));

        QVERIFY(axis.amongPhysicians.byTask);
        QCOMPARE(axis.amongPhysicians.byTask->size(), std::size_t(2));
        QCOMPARE(axis.amongPhysicians.byTask->at(0).group, QStringLiteral("task-a"));
        QVERIFY(axis.amongPhysicians.bySystem);
        QCOMPARE(axis.amongPhysicians.bySystem->size(), std::size_t(2));

        QCOMPARE(axis.intraRater.pairs, std::size_t(0));
        QVERIFY(!axis.intraRater.reason.isEmpty());
    }

    void judgeIdenticalToTheConsensus_kappaIsOne()
    {
        const auto analysis = analyseAgreement({perfectAgreement()}, settings(50));
        QVERIFY(analysis);
        const AxisAgreement &axis = analysis->axes[0];
        QCOMPARE(axis.judges.size(), std::size_t(1));
        const JudgeAgreement &judge = axis.judges[0];
        QCOMPARE(judge.name, QStringLiteral("judge"));
        const JudgeVersusConsensus &versus = judge.versusConsensus;
        QCOMPARE(*versus.kappa.kappa.estimate.value, 1.0);
        QVERIFY(versus.kappa.weights == stats::WeightKind::Quadratic);
        QVERIFY(versus.kappa.kappa.bootstrap);
        QCOMPARE(versus.kappa.kappa.bootstrap->requested, std::size_t(50));
        QCOMPARE(*versus.spearman.value, 1.0);
        QVERIFY(versus.confusion.defined());
        QCOMPARE(*versus.confusion.exactAgreement.value, 1.0);
        QVERIFY(versus.criticalMisses);
        QVERIFY(versus.criticalMisses->empty());

        const JudgeStatisticValue sensitivity = judgeStatisticValue(versus, JudgeStatistic::Sensitivity);
        QVERIFY(sensitivity.estimate);
        QCOMPARE(*sensitivity.estimate->value, 1.0);
        QCOMPARE(judgeStatisticValue(versus, JudgeStatistic::Kappa).bootstrap, &*versus.kappa.kappa.bootstrap);

        QCOMPARE(judge.versusPhysicians.size(), std::size_t(2));
        QCOMPARE(judge.versusPhysicians[1].physician, QStringLiteral("Dr B"));
        QCOMPARE(*judge.versusPhysicians[1].kappa.kappa.estimate.value, 1.0);
        QCOMPARE(judge.leaveOneOut.size(), std::size_t(2));
        QCOMPARE(*judge.leaveOneOut[0].physicianVsOthers.kappa.estimate.value, 1.0);
        QCOMPARE(*judge.leaveOneOut[0].judgeVsOthers.kappa.estimate.value, 1.0);

        // The judge gave no probabilities: calibration is there (binary view) with its reason.
        QVERIFY(judge.calibration);
        QVERIFY(!judge.calibration->reason.isEmpty());
        QVERIFY(judge.kappaByTask);
        QCOMPARE(judge.kappaByTask->size(), std::size_t(2));

        QCOMPARE(axis.systems.systems.size(), std::size_t(2));
        QCOMPARE(axis.systems.systems[0].system, QStringLiteral("system-1"));
        QCOMPARE(*axis.systems.systems[0].judgeMeans[0].estimate.value,
                 *axis.systems.systems[0].physicianConsensusMean.value);
        QCOMPARE(axis.lengthBias.judges.size(), std::size_t(1));
        QCOMPARE(*axis.lengthBias.judges[0].estimate.value, *axis.lengthBias.physicians.value);
    }

    void jsonWrappers_giveTheTypedResultsJson()
    {
        const AgreementSettings s = settings(20);
        const auto analysis = analyseAgreement({perfectAgreement()}, s);
        QVERIFY(analysis);
        const QJsonObject json = toJson(*analysis);
        QCOMPARE(agreementAnalysis({perfectAgreement()}, s), json);
        const QJsonObject versus =
            json.value(QStringLiteral("axes"))[0][QStringLiteral("judges")][0][QStringLiteral("versus_consensus")]
                .toObject();
        for (const JudgeStatisticInfo &info : kJudgeStatistics) {
            if (info.place == JudgeStatisticPlace::VersusConsensus)
                QVERIFY2(versus.contains(QLatin1String(info.key)), info.key);
        }
        QCOMPARE(versus.value(QStringLiteral("kappa"))[QStringLiteral("weights")].toString(),
                 QStringLiteral("quadratic"));

        QVector<PreferenceSides> sides(2);
        sides[0].axis.key = QStringLiteral("preference");
        sides[0].left = 3;
        sides[0].right = 1;
        sides[1].axis.key = QStringLiteral("undecided");
        const PositionBias bias = positionBias(sides, 0.95);
        QCOMPARE(bias.physicians.size(), std::size_t(2));
        QCOMPARE(*bias.physicians[0].leftShare.value, 0.75);
        QVERIFY(bias.physicians[0].leftShare.ciMethod == stats::IntervalMethod::Wilson);
        QVERIFY(!bias.physicians[1].leftShare.defined());
        QCOMPARE(toJson(bias), positionBiasJson(sides, 0.95));
    }

    void cancelled_givesNoResult()
    {
        const std::atomic_bool cancel{true};
        AgreementSettings s = settings(0);
        s.cancelled = &cancel;
        QVERIFY(!analyseAgreement({perfectAgreement()}, s));
        QVERIFY(agreementAnalysis({perfectAgreement()}, s).isEmpty());
    }

    void formatEstimate_valueWithTheIntervalShown()
    {
        stats::Estimate estimate;
        estimate.value = 0.6123;
        QCOMPARE(formatEstimate(estimate, 2), QStringLiteral("0.61"));
        estimate.ci = stats::Interval{0.521, 0.7049};
        QCOMPARE(formatEstimate(estimate, 2), QStringLiteral("0.61 [0.52, 0.70]"));
        QCOMPARE(formatEstimate(estimate, 3), QStringLiteral("0.612 [0.521, 0.705]"));

        stats::BootstrapResult bootstrap;
        bootstrap.requested = 200;
        QCOMPARE(formatEstimate(estimate, 2, &bootstrap), QStringLiteral("0.61 [0.52, 0.70]")); // no bounds: analytic
        bootstrap.ci = stats::Interval{0.5, 0.75};
        QCOMPARE(formatEstimate(estimate, 2, &bootstrap), QStringLiteral("0.61 [0.50, 0.75]"));
        QCOMPARE(formatEstimate(BootstrappedEstimate{estimate, bootstrap}, 2), QStringLiteral("0.61 [0.50, 0.75]"));

        QCOMPARE(formatEstimate(stats::Estimate::undefined("too few raters"), 2),
                 QStringLiteral("n/a (too few raters)"));
        QCOMPARE(formatEstimate(stats::Estimate::undefined(""), 2), QStringLiteral("n/a"));
    }

    void judgeStatistics_inTheirOrderWithKeys()
    {
        const QStringList expected{QStringLiteral("kappa"),
                                   QStringLiteral("spearman"),
                                   QStringLiteral("kendall_tau_b"),
                                   QStringLiteral("exact_agreement"),
                                   QStringLiteral("within_one_agreement"),
                                   QStringLiteral("mean_signed_difference"),
                                   QStringLiteral("sensitivity"),
                                   QStringLiteral("specificity"),
                                   QStringLiteral("ppv"),
                                   QStringLiteral("npv"),
                                   QStringLiteral("f1")};
        QStringList keys;
        for (const JudgeStatisticInfo &info : kJudgeStatistics) {
            keys.append(QString::fromLatin1(info.key));
            QVERIFY(qstrlen(info.shortLabel) > 0);
            QVERIFY(qstrlen(info.longLabel) >= qstrlen(info.shortLabel));
            QCOMPARE(judgeStatisticInfo(info.statistic).key, info.key);
        }
        QCOMPARE(keys, expected);
        QCOMPARE(QString::fromUtf8(judgeStatisticInfo(JudgeStatistic::Ppv).longLabel),
                 QStringLiteral("Positive predictive value"));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisResult)
#include "tst_analysisresult.moc"
