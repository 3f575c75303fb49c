// The study agreement engine (model/agreement/agreementdata, model/agreement/agreementanalysis) on the small study of
// agreementstudyfixture.h: what it loads, the agreement among physicians and their consensus, the subgroups,
// determinism and errors — every number checked against the stats/ functions called directly on a rating matrix written
// out by hand, and for some a value worked out by hand (the command is quoted next to it; the test itself runs neither
// Python nor R). The judges against the physicians: tst_judgeagreement.
#include "stats/chanceagreement.h"
#include "stats/krippendorff.h"
#include "stats/ratingmatrix.h"
#include "tests/model/agreement/agreementstudyfixture.h"

#include <QJsonDocument>
#include <QSet>
#include <atomic>

using namespace concord;
using namespace concord::agreementtest;

namespace {

// The hand matrix of the rows given (physicians in the order Dr A..Dr D).
stats::RatingMatrix handMatrix(const std::vector<int> &rows)
{
    stats::RatingMatrix matrix(rows.size(), 4);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t p = 0; p < 4; ++p) {
            const double value = kRisk[std::size_t(rows[i])][p];
            if (!std::isnan(value))
                matrix.set(i, p, value);
        }
    }
    return matrix;
}

std::vector<int> allRated()
{
    std::vector<int> rows;
    for (int r = 0; r < kRated; ++r)
        rows.push_back(r);
    return rows;
}

// Every bootstrap interval in the result, in document order.
void collectBootstrapIntervals(const QJsonValue &value, std::vector<double> &out)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectBootstrapIntervals(item, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == QLatin1String("bootstrap")) {
                const QJsonObject boot = it.value().toObject();
                out.push_back(boot.value(QStringLiteral("ci_lower")).toDouble(NA));
                out.push_back(boot.value(QStringLiteral("ci_upper")).toDouble(NA));
            } else {
                collectBootstrapIntervals(it.value(), out);
            }
        }
    }
}

} // namespace

class TestStudyAgreement : public QObject, private AgreementStudyFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { createStudy(); }

    void load_holdsCurrentValuesPerPhysicianAndOnlyJudgesOfTheAxis()
    {
        const AxisAgreementData data = riskData();
        QCOMPARE(data.axis.key, QStringLiteral("risk"));
        QCOMPARE(data.scalePoints(), kScale);
        // Units: r0..r11 (rated) and r12 (judged only); r13 has nothing but "unable to assess".
        QCOMPARE(data.responseIds.size(), std::size_t(13));
        QCOMPARE(unitOf(data, m_responses[13]), -1);
        QCOMPARE(QSet<QString>(data.physicians.begin(), data.physicians.end()),
                 QSet<QString>(kPhysicians.begin(), kPhysicians.end()));
        QCOMPARE(data.ratings.units(), std::size_t(13));
        QCOMPARE(data.ratings.raters(), std::size_t(4));
        for (std::size_t u = 0; u < data.responseIds.size(); ++u) {
            const int r = responseIndex(data.responseIds[u]);
            QVERIFY(r >= 0 && r <= 12);
            QCOMPARE(data.caseIds[u], QStringLiteral("c%1").arg(r / 2));
            QCOMPARE(data.systems[u], r % 2 == 0 ? QStringLiteral("Aster") : QStringLiteral("Birch"));
            QCOMPARE(data.tasks[u], (r >= 6 && r <= 11) ? QStringLiteral("medication") : QStringLiteral("triage"));
            QCOMPARE(data.responseWords[u], r + 3);
            for (int p = 0; p < 4; ++p) {
                const std::size_t column = std::size_t(data.physicians.indexOf(kPhysicians[p]));
                const double expected = r < kRated ? kRisk[std::size_t(r)][std::size_t(p)] : NA;
                QVERIFY2(data.ratings.has(u, column) == !std::isnan(expected),
                         qPrintable(QStringLiteral("r%1, %2").arg(r).arg(kPhysicians[p])));
                if (!std::isnan(expected))
                    QCOMPARE(data.ratings.at(u, column), expected);
            }
        }
        // judge-other scored only commission_harm, so it is not a judge of risk.
        QCOMPARE(data.judges.size(), 2);
        QVERIFY(judgeScores(data, QStringLiteral("judge-prob")));
        QVERIFY(judgeScores(data, QStringLiteral("judge-conf")));
        QVERIFY(!judgeScores(data, QStringLiteral("judge-other")));
    }

    void unableToAssess_isCountedAndLeftOutOfTheMatrix()
    {
        const AxisAgreementData data = riskData();
        QCOMPARE(data.unableToAssess, std::size_t(6));
        QCOMPARE(data.notApplicable, std::size_t(0));
        const QJsonObject counts = m_risk.value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("unable_to_assess")).toInteger(), 6);
        QCOMPARE(counts.value(QStringLiteral("not_applicable")).toInteger(), 0);
        // 39 values in kRisk (4+4+3+3+4+3+4+3+2+4+4+1); the six "unable" and the cleared rating are not among them.
        QCOMPARE(counts.value(QStringLiteral("ratings")).toInteger(), 39);
        QCOMPARE(qint64(data.ratings.ratingCount()), 39);
        QCOMPARE(counts.value(QStringLiteral("units")).toInteger(), 13);
        QCOMPARE(counts.value(QStringLiteral("units_with_two_or_more_ratings")).toInteger(), 11); // all but r11, r12
        QCOMPARE(counts.value(QStringLiteral("physicians")).toInteger(), 4);
        QCOMPARE(counts.value(QStringLiteral("judge_runs")).toInteger(), 2);

        // Dr B's r5 ("unable" after a value) and Dr D's r8 are missing cells, not values.
        const int r5 = unitOf(data, m_responses[5]);
        const int r8 = unitOf(data, m_responses[8]);
        QVERIFY(!data.ratings.has(std::size_t(r5), std::size_t(data.physicians.indexOf(kPhysicians[1]))));
        QVERIFY(!data.ratings.has(std::size_t(r8), std::size_t(data.physicians.indexOf(kPhysicians[3]))));

        // "Not applicable" on the reasoning axis is counted the same way.
        auto reasoning = loadAgreementData(*m_study, QStringLiteral("reasoning"));
        QVERIFY2(reasoning.ok(), qPrintable(reasoning.errorMessage()));
        QCOMPARE(reasoning->at(0).notApplicable, std::size_t(1));
        QCOMPARE(reasoning->at(0).ratings.ratingCount(), std::size_t(1));
    }

    void amongPhysicians_equalsStatsOnTheHandMatrix()
    {
        const QJsonObject overall =
            m_risk.value(QStringLiteral("among_physicians")).toObject().value(QStringLiteral("overall")).toObject();
        const stats::RatingMatrix hand = handMatrix(allRated());

        const stats::Estimate alpha = stats::krippendorffAlpha(hand, {stats::MeasurementLevel::Ordinal, kScale, 0.95});
        QVERIFY(alpha.defined());
        QCOMPARE(valueOf(overall, QStringLiteral("krippendorff_alpha")), *alpha.value);
        // By hand (Krippendorff 2011: coincidence matrix o_ck = Σ_u Σ_{i≠j} [c, k] / (m_u − 1), ordinal δ² from the
        // marginals n_c, α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck), exact in fractions, with this script
        // (/usr/bin/python3, the standard library only), which prints 1472741/1932984, 2531/9251 and 1721/5753:
        //   from fractions import Fraction as F
        //   M=[[1,1,2,1],[2,3,3,2],[4,4,3],[1,2,2],[3,3,4,4],[2,2,1],[1,1,1,1],[3,2,3],[2,2],[4,3,4,3],[1,2,1,2],[3]]
        //   C=[1,2,3,4]; o={(c,k):F(0) for c in C for k in C}
        //   for u in M:
        //     for i in range(len(u)):
        //       for j in range(len(u)):
        //         if i!=j: o[u[i],u[j]]+=F(1,len(u)-1)
        //   n={c:sum(o[c,k] for k in C) for c in C}; N=sum(n.values())
        //   d=lambda c,k:(sum(n[g] for g in C if min(c,k)<=g<=max(c,k))-(n[c]+n[k])/2)**2
        //   print(1-(N-1)*sum(o[c,k]*d(c,k) for c in C for k in C)/sum(n[c]*n[k]*d(c,k) for c in C for k in C))
        //   p=[{c:F(u.count(c),len(u)) for c in C} for u in M]; pi={c:sum(x[c] for x in p)/len(M) for c in C}
        //   pa=sum(sum(F(u.count(c)*(u.count(c)-1),len(u)*(len(u)-1)) for c in C) for u in M if len(u)>1)/sum(
        //      len(u)>1 for u in M)
        //   for pe in (sum(pi[c]**2 for c in C), sum(pi[c]*(1-pi[c]) for c in C)/3): print((pa-pe)/(1-pe))
        // α = 1472741/1932984 = 0.7619002537010136.
        QVERIFY(close(*alpha.value, 1472741.0 / 1932984.0, 1e-12));

        stats::ChanceAgreementOptions plain;
        plain.categories = kScale;
        const stats::Estimate fleiss = stats::fleissKappa(hand, plain);
        const stats::Estimate ac1 = stats::gwetAc(hand, plain);
        QCOMPARE(valueOf(overall, QStringLiteral("fleiss_kappa")), *fleiss.value);
        QCOMPARE(valueOf(overall, QStringLiteral("gwet_ac1")), *ac1.value);
        // By hand with the formulas of Gwet (2014) / irrCAC's *.raw functions (stats/chanceagreement.h), the last
        // lines of the script above: p_a = 31/66 over the 11 units with two or more ratings; π_k = mean of r_ik / r_i
        // over the 12 rated units; Fleiss p_e = Σ π_k², AC1 p_e = Σ π_k (1 − π_k) / (q − 1):
        // Fleiss' κ = 2531/9251 = 0.2735920441033402, AC1 = 1721/5753 = 0.29914827046758213.
        QVERIFY(close(*fleiss.value, 2531.0 / 9251.0, 1e-12));
        QVERIFY(close(*ac1.value, 1721.0 / 5753.0, 1e-12));

        stats::ChanceAgreementOptions weighted = plain;
        weighted.weights.kind = stats::WeightKind::Quadratic;
        QCOMPARE(valueOf(overall, QStringLiteral("gwet_ac2")), *stats::gwetAc(hand, weighted).value);

        // Each coefficient carries a bootstrap interval with the requested B and seed.
        const QJsonObject boot = overall.value(QStringLiteral("krippendorff_alpha"))
                                     .toObject()
                                     .value(QStringLiteral("bootstrap"))
                                     .toObject();
        QCOMPARE(boot.value(QStringLiteral("B")).toInteger(), 200);
        QCOMPARE(boot.value(QStringLiteral("seed")).toString(), QStringLiteral("7"));
        QVERIFY(boot.value(QStringLiteral("ci_lower")).isDouble());
        QVERIFY(boot.value(QStringLiteral("ci_upper")).isDouble());
    }

    void consensus_isTheHigherMiddleMedianOnOrdinalAxes()
    {
        const AxisAgreementData data = riskData();
        const std::vector<double> consensus = physicianConsensus(data);
        QCOMPARE(consensus.size(), data.responseIds.size());
        for (std::size_t u = 0; u < consensus.size(); ++u) {
            const int r = responseIndex(data.responseIds[u]);
            const double expected = kConsensus[std::size_t(r)];
            if (std::isnan(expected))
                QVERIFY2(std::isnan(consensus[u]), qPrintable(QStringLiteral("r%1").arg(r)));
            else
                QCOMPARE(consensus[u], expected);
        }
        const QJsonObject judge = judgeOf(m_risk, QStringLiteral("judge-prob"));
        QCOMPARE(judge.value(QStringLiteral("versus_consensus")).toObject().value(QStringLiteral("consensus")),
                 QJsonValue(QStringLiteral("median (the higher middle value for an even count)")));
    }

    void consensus_isTheMajorityWithoutConsensusOnATieOnNominalAxes()
    {
        AxisAgreementData data;
        data.axis.level = MeasurementLevel::Nominal;
        data.ratings = stats::RatingMatrix(3, 4);
        // {1,1,2}: majority 1; {1,1,2,2}: a tie, no consensus; {3,3,3,1}: 3.
        const double rows[3][4] = {{1, 1, 2, NA}, {1, 1, 2, 2}, {3, 3, 3, 1}};
        for (std::size_t u = 0; u < 3; ++u) {
            for (std::size_t p = 0; p < 4; ++p) {
                if (!std::isnan(rows[u][p]))
                    data.ratings.set(u, p, rows[u][p]);
            }
        }
        const std::vector<double> consensus = physicianConsensus(data);
        QCOMPARE(consensus[0], 1.0);
        QVERIFY(std::isnan(consensus[1]));
        QCOMPARE(consensus[2], 3.0);
    }

    void determinism_sameSeedSameBytesOtherSeedOtherInterval()
    {
        auto data = loadAgreementData(*m_study);
        QVERIFY2(data.ok(), qPrintable(data.errorMessage()));
        QCOMPARE(data->size(), 4); // the response axes of the default rubric
        const QByteArray first = QJsonDocument(agreementAnalysis(data.value(), settings(7))).toJson();
        const QByteArray second = QJsonDocument(agreementAnalysis(data.value(), settings(7))).toJson();
        QCOMPARE(first, second);
        auto again = studyAgreement(*m_study, settings(7));
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        auto onceMore = studyAgreement(*m_study, settings(7));
        QCOMPARE(QJsonDocument(again.value()).toJson(), QJsonDocument(onceMore.value()).toJson());

        const QJsonObject seven = agreementAnalysis(data.value(), settings(7));
        const QJsonObject eight = agreementAnalysis(data.value(), settings(8));
        std::vector<double> intervalsSeven, intervalsEight;
        collectBootstrapIntervals(seven, intervalsSeven);
        collectBootstrapIntervals(eight, intervalsEight);
        QVERIFY(intervalsSeven.size() > 10);
        QCOMPARE(intervalsSeven.size(), intervalsEight.size());
        bool differs = false;
        for (std::size_t i = 0; i < intervalsSeven.size(); ++i) {
            const double a = intervalsSeven[i], b = intervalsEight[i];
            if (!(std::isnan(a) && std::isnan(b)) && a != b)
                differs = true;
        }
        QVERIFY(differs);
        QCOMPARE(eight.value(QStringLiteral("settings")).toObject().value(QStringLiteral("seed")).toString(),
                 QStringLiteral("8"));
    }

    void subgroups_haveOneEntryPerTaskAndSystem()
    {
        const QJsonObject axis = m_risk;
        const QJsonObject among = axis.value(QStringLiteral("among_physicians")).toObject();
        const QJsonObject byTask = among.value(QStringLiteral("by_task")).toObject();
        const QJsonObject bySystem = among.value(QStringLiteral("by_system")).toObject();
        QCOMPARE(byTask.keys(), (QStringList{QStringLiteral("medication"), QStringLiteral("triage")}));
        QCOMPARE(bySystem.keys(), (QStringList{QStringLiteral("Aster"), QStringLiteral("Birch")}));

        // Each group's coefficients are the same statistics on the group's rows of the hand matrix.
        const auto alphaOf = [](const std::vector<int> &rows) {
            return *stats::krippendorffAlpha(handMatrix(rows), {stats::MeasurementLevel::Ordinal, kScale, 0.95}).value;
        };
        const auto fleissOf = [](const std::vector<int> &rows) {
            stats::ChanceAgreementOptions plain;
            plain.categories = kScale;
            return *stats::fleissKappa(handMatrix(rows), plain).value;
        };
        const std::vector<int> triage{0, 1, 2, 3, 4, 5}; // and r12, which has no rating
        const std::vector<int> medication{6, 7, 8, 9, 10, 11};
        const std::vector<int> aster{0, 2, 4, 6, 8, 10};
        const std::vector<int> birch{1, 3, 5, 7, 9, 11};
        const auto group = [](const QJsonObject &by, const char *key) {
            return by.value(QLatin1String(key)).toObject();
        };
        QCOMPARE(valueOf(group(byTask, "triage"), QStringLiteral("krippendorff_alpha")), alphaOf(triage));
        QCOMPARE(valueOf(group(byTask, "medication"), QStringLiteral("krippendorff_alpha")), alphaOf(medication));
        QCOMPARE(valueOf(group(bySystem, "Aster"), QStringLiteral("krippendorff_alpha")), alphaOf(aster));
        QCOMPARE(valueOf(group(bySystem, "Birch"), QStringLiteral("krippendorff_alpha")), alphaOf(birch));
        QCOMPARE(valueOf(group(byTask, "medication"), QStringLiteral("fleiss_kappa")), fleissOf(medication));
        QCOMPARE(valueOf(group(bySystem, "Birch"), QStringLiteral("fleiss_kappa")), fleissOf(birch));

        // The judge's kappa by task: the consensus and judge values of the task's units.
        const QJsonObject kappaByTask =
            judgeOf(axis, QStringLiteral("judge-prob")).value(QStringLiteral("kappa_by_task")).toObject();
        QCOMPARE(kappaByTask.keys(), (QStringList{QStringLiteral("medication"), QStringLiteral("triage")}));
        std::vector<double> consensusMedication, judgeMedication;
        for (int r : medication) {
            consensusMedication.push_back(kConsensus[std::size_t(r)]);
            judgeMedication.push_back(kProbValue[std::size_t(r)]);
        }
        QCOMPARE(kappaByTask.value(QStringLiteral("medication")).toObject().value(QStringLiteral("value")).toDouble(),
                 *stats::cohenKappa(consensusMedication, judgeMedication, quadraticKappa()).value);

        // One task only: no breakdown by task, the one by system stays.
        AxisAgreementData oneTask = riskData();
        for (QString &task : oneTask.tasks)
            task = QStringLiteral("triage");
        const QJsonObject single = axisOf(agreementAnalysis({oneTask}, settings()), QStringLiteral("risk"));
        const QJsonObject singleAmong = single.value(QStringLiteral("among_physicians")).toObject();
        QVERIFY(!singleAmong.contains(QStringLiteral("by_task")));
        QVERIFY(singleAmong.contains(QStringLiteral("by_system")));
        QVERIFY(!judgeOf(single, QStringLiteral("judge-prob")).contains(QStringLiteral("kappa_by_task")));
    }

    void systems_meanConsensusPerSystem()
    {
        const QJsonArray systems =
            m_risk.value(QStringLiteral("systems")).toObject().value(QStringLiteral("systems")).toArray();
        QCOMPARE(systems.size(), 2);
        // Aster: r0, r2, r4, r6, r8, r10 -> (1+4+4+1+2+2)/6 (r12 has no consensus); Birch: r1..r11 odd ->
        // (3+2+2+3+4+3)/6.
        for (const QJsonValue &system : systems) {
            const QJsonObject object = system.toObject();
            const double expected =
                object.value(QStringLiteral("system")).toString() == QLatin1String("Aster") ? 14.0 / 6.0 : 17.0 / 6.0;
            QVERIFY(close(valueOf(object, QStringLiteral("physician_consensus_mean")), expected, 1e-12));
        }
    }

    void unknownAxis_isAnErrorNamingTheAxis()
    {
        auto data = loadAgreementData(*m_study, QStringLiteral("bogus_axis"));
        QVERIFY(!data.ok());
        QVERIFY2(data.errorMessage().contains(QLatin1String("bogus_axis")), qPrintable(data.errorMessage()));
        QVERIFY2(data.errorMessage().contains(QLatin1String("risk")), qPrintable(data.errorMessage()));
        auto result = studyAgreement(*m_study, settings(), QStringLiteral("bogus_axis"));
        QVERIFY(!result.ok());
        QVERIFY(result.errorMessage().contains(QLatin1String("bogus_axis")));
    }

    void comparisonAxis_isRefused()
    {
        auto data = loadAgreementData(*m_study, QStringLiteral("preference"));
        QVERIFY(!data.ok());
        QVERIFY2(data.errorMessage().contains(QLatin1String("preference")), qPrintable(data.errorMessage()));
    }

    void cancelled_givesAnEmptyObject()
    {
        std::atomic_bool cancel{true};
        AgreementSettings s = settings();
        s.cancelled = &cancel;
        QVERIFY(agreementAnalysis({riskData()}, s).isEmpty());

        auto result = studyAgreement(*m_study, s, QStringLiteral("risk"));
        QVERIFY(result.ok());
        QVERIFY(result->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStudyAgreement)
#include "tst_agreementanalysis.moc"
