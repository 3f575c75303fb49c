// Percent agreement, Brennan-Prediger, Fleiss' kappa, Scott's pi and Gwet's AC1/AC2 among several raters with
// missing ratings, against published worked examples.
#include "stats/chanceagreement.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <vector>

using namespace concord::stats;

namespace {

constexpr double NA = RatingMatrix::kMissing;

RatingMatrix fromRows(const std::vector<std::vector<double>> &rows)
{
    RatingMatrix m(rows.size(), rows.front().size());
    for (std::size_t u = 0; u < rows.size(); ++u)
        for (std::size_t r = 0; r < rows[u].size(); ++r)
            if (!std::isnan(rows[u][r]))
                m.set(u, r, rows[u][r]);
    return m;
}

// Gwet's 12 units x 4 raters with missing ratings, categories 1-5: the dataset cac.raw4raters of the R package irrCAC
// (from Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.). No rater rated every unit; unit 12 has one rating.
RatingMatrix gwetFourRaters()
{
    return fromRows({{1, 1, NA, 1},
                     {2, 2, 3, 2},
                     {3, 3, 3, 3},
                     {3, 3, 3, 3},
                     {2, 2, 2, 2},
                     {1, 2, 3, 4},
                     {4, 4, 4, 4},
                     {1, 1, 2, 1},
                     {2, 2, 2, 2},
                     {NA, 5, 5, 5},
                     {NA, NA, 1, 1},
                     {NA, NA, 3, NA}});
}

// Fleiss (1971), Psychological Bulletin 76:378-382, Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses
// (1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other), written out as raw ratings (the order
// of the six ratings within a patient does not matter), as in R irr's `diagnoses` data.
std::vector<std::vector<double>> fleiss1971Rows()
{
    return {{4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5}, {2, 2, 2, 4, 4, 4},
            {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4}, {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5},
            {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4}, {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5},
            {3, 3, 3, 3, 3, 5}, {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
            {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4}, {1, 4, 4, 4, 4, 5},
            {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}};
}

RatingMatrix fleiss1971()
{
    return fromRows(fleiss1971Rows());
}

// irrCAC's distrib.6raters is the distribution of raters over categories for Fleiss's first 15 patients.
RatingMatrix fleiss1971FirstFifteen()
{
    auto rows = fleiss1971Rows();
    rows.resize(15);
    return fromRows(rows);
}

// irrCAC's cont3x3abstractors: two abstractors, 100 cases, table [[13,0,0],[0,20,7],[0,4,56]].
RatingMatrix abstractors()
{
    const int table[3][3] = {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}};
    RatingMatrix m(100, 2);
    std::size_t u = 0;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            for (int c = 0; c < table[i][j]; ++c, ++u) {
                m.set(u, 0, i + 1);
                m.set(u, 1, j + 1);
            }
    return m;
}

bool near(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance;
}

using Coefficient = Estimate (*)(const RatingMatrix &, const ChanceAgreementOptions &);

enum Which
{
    PercentAgreement,
    GwetAc,
    FleissKappa,
    BrennanPrediger,
    ScottPi,
};

Estimate compute(int which, const RatingMatrix &m, const ChanceAgreementOptions &options)
{
    const Coefficient coefficients[] = {percentAgreement, gwetAc, fleissKappa, brennanPrediger, scottPi};
    return coefficients[which](m, options);
}

// A figure printed by irrCAC, compared to the precision it was printed with.
#define QVERIFY_PRINTED(actual, printed, halfUnit)                                                                     \
    QVERIFY2(near((actual), (printed), (halfUnit)), qPrintable(QStringLiteral("%1 = %2, printed %3")                   \
                                                                   .arg(QStringLiteral(#actual))                       \
                                                                   .arg((actual), 0, 'g', 10)                          \
                                                                   .arg(printed)))

constexpr double kNotChecked = std::numeric_limits<double>::quiet_NaN();

} // namespace

class TestChanceAgreement : public QObject
{
    Q_OBJECT

private slots:
    void fleissKappa_matchesFleiss1971WithFleissNeeLandisNullTest()
    {
        // Fleiss (1971), p. 380: kappa = .430 for Table 1. To more places, and the Fleiss-Nee-Landis (1979) z under
        // the null: R irr 0.84 kappam.fleiss(diagnoses) prints kappa 0.4302445 and z 17.65183 (as reproduced in
        // statsmodels' test_inter_rater.py, test_fleiss_kappa_irr), so SE0 = 0.4302445 / 17.65183 = 0.0243742.
        // (Fleiss's 1971 paper has its own null variance, which Fleiss, Nee & Landis 1979 corrected; its figure is
        // not reproduced here.)
        const Estimate e = fleissKappa(fleiss1971());
        QVERIFY_PRINTED(*e.value, 0.430, 5e-4);
        QVERIFY_PRINTED(*e.value, 0.4302445, 5e-8);
        QVERIFY_PRINTED(*e.z, 17.65183, 5e-6);
        QVERIFY_PRINTED(*e.se0, 0.4302445 / 17.65183, 5e-9);
        QVERIFY(*e.pValue < 1e-60); // two-sided normal p of z = 17.65
        QCOMPARE(e.nUnits, std::size_t(30));
        QCOMPARE(e.nRaters, std::size_t(6));
        QCOMPARE(e.nRatings, std::size_t(180));
        QCOMPARE(e.nUnitsExcluded, std::size_t(0));
        QCOMPARE(e.ciMethod, IntervalMethod::StudentT);
    }

    void coefficients_matchIrrCacOnGwetsFourRaters_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<int>("weights");
        QTest::addColumn<double>("pa");
        QTest::addColumn<double>("pe");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("se");
        QTest::addColumn<double>("lower");
        QTest::addColumn<double>("p");
        // irrCAC 1.0 (Gwet), cac.raw4raters. Unweighted: pa.coeff.raw, gwet.ac1.raw, fleiss.kappa.raw, bp.coeff.raw
        // in the package README and overview vignette. Quadratic weights: the same functions with
        // weights = "quadratic" in the vignette "Weighted Chance-corrected Agreement Coefficients". Printed: pa and pe
        // to 7 places, the coefficient and its SE to 5, the interval to 3 (its upper end is 1 in every case), the
        // two-sided p-value from t with 11 degrees of freedom to 7 significant digits.
        const int identity = int(WeightKind::Identity), quadratic = int(WeightKind::Quadratic);
        QTest::newRow("percent agreement")
            << int(PercentAgreement) << identity << 0.8181818 << 0.0 << 0.8181818 << 0.12561 << 0.542 << 4.345373e-05;
        QTest::newRow("AC1") << int(GwetAc) << identity << 0.8181818 << 0.1903212 << 0.77544 << 0.14295 << 0.461
                             << 0.000208721;
        QTest::newRow("Fleiss' kappa") << int(FleissKappa) << identity << 0.8181818 << 0.2387153 << 0.76117 << 0.15302
                                       << 0.424 << 0.000419173;
        QTest::newRow("Brennan-Prediger")
            << int(BrennanPrediger) << identity << 0.8181818 << 0.2 << 0.77273 << 0.14472 << 0.454 << 0.0002375609;
        QTest::newRow("quadratic percent agreement")
            << int(PercentAgreement) << quadratic << 0.9753788 << 0.0 << 0.9753788 << 0.09062 << 0.776 << 3.526377e-07;
        QTest::newRow("AC2, quadratic") << int(GwetAc) << quadratic << 0.9753788 << 0.7137044 << 0.914 << 0.10396
                                        << 0.685 << 2.634438e-06;
        QTest::newRow("quadratic Fleiss' kappa")
            << int(FleissKappa) << quadratic << 0.9753788 << 0.8177083 << 0.86494 << 0.14603 << 0.544 << 9.976081e-05;
        QTest::newRow("quadratic Brennan-Prediger")
            << int(BrennanPrediger) << quadratic << 0.9753788 << 0.75 << 0.90152 << 0.11089 << 0.657 << 5.60548e-06;
    }

    void coefficients_matchIrrCacOnGwetsFourRaters()
    {
        QFETCH(int, which);
        QFETCH(int, weights);
        QFETCH(double, pa);
        QFETCH(double, pe);
        QFETCH(double, value);
        QFETCH(double, se);
        QFETCH(double, lower);
        QFETCH(double, p);
        ChanceAgreementOptions options;
        options.weights.kind = WeightKind(weights);
        const Estimate e = compute(which, gwetFourRaters(), options);
        QVERIFY2(e.defined(), e.reason.c_str());
        QVERIFY_PRINTED(*e.observedAgreement, pa, 5e-8);
        QVERIFY_PRINTED(*e.chanceAgreement, pe, 5e-8);
        QVERIFY_PRINTED(*e.value, value, 5e-6);
        QVERIFY_PRINTED(*e.se, se, 5e-6);
        QCOMPARE(e.ciMethod, IntervalMethod::StudentT);
        QVERIFY_PRINTED(e.ci->lower, lower, 5e-4);
        QCOMPARE(e.ci->upper, 1.0); // capped at the coefficient's range
        QVERIFY_PRINTED(*e.pValue, p, 1e-6 * p);
        QVERIFY(!e.se0); // unit 1 and units 10-12 have fewer ratings: no Fleiss-Nee-Landis test
        // The counts: unit 12 has one rating, which still counts in chance agreement (by hand from the data).
        QCOMPARE(e.nUnits, std::size_t(11));
        QCOMPARE(e.nUnitsExcluded, std::size_t(1));
        QVERIFY(!e.exclusionReason.empty());
        QCOMPARE(e.nRatings, std::size_t(41));
        QCOMPARE(e.nRaters, std::size_t(4));
    }

    void coefficients_matchIrrCacOnFleiss1971FirstFifteen_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<int>("weights");
        QTest::addColumn<double>("pe");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("se");
        QTest::addColumn<double>("lower");
        QTest::addColumn<double>("upper");
        QTest::addColumn<double>("p");
        // irrCAC 1.0, distrib.6raters (Fleiss's first 15 patients): gwet.ac1.dist, fleiss.kappa.dist, bp.coeff.dist
        // in the README (unweighted) and with quadratic.weights(1:5) in the weighting vignette; pa = 0.5511111
        // unweighted, 0.8544444 quadratic. Printed: coefficient, SE, pa and pe to 7 digits, interval to 3 places,
        // p-value to 7 significant digits. The unweighted Fleiss p-value is not compared: complete data, so ours
        // is the Fleiss-Nee-Landis test, not irrCAC's t test (0.0001622724).
        const int identity = int(WeightKind::Identity), quadratic = int(WeightKind::Quadratic);
        QTest::newRow("AC1") << int(GwetAc) << identity << 0.1914815 << 0.4448007 << 0.08418757 << 0.264 << 0.625
                             << 0.0001155927;
        QTest::newRow("Fleiss' kappa") << int(FleissKappa) << identity << 0.2340741 << 0.4139265 << 0.08119291 << 0.24
                                       << 0.588 << kNotChecked;
        QTest::newRow("Brennan-Prediger")
            << int(BrennanPrediger) << identity << 0.2 << 0.4388889 << 0.08312142 << 0.261 << 0.617 << 0.0001163;
        QTest::newRow("AC2, quadratic") << int(GwetAc) << quadratic << 0.7180556 << 0.4837438 << 0.1058227 << 0.257
                                        << 0.711 << 0.0004356618;
        QTest::newRow("quadratic Fleiss' kappa")
            << int(FleissKappa) << quadratic << 0.8056173 << 0.2511909 << 0.1457381 << -0.061 << 0.564 << 0.1067865;
        QTest::newRow("quadratic Brennan-Prediger")
            << int(BrennanPrediger) << quadratic << 0.75 << 0.4177778 << 0.1067493 << 0.189 << 0.647 << 0.001559352;
    }

    void coefficients_matchIrrCacOnFleiss1971FirstFifteen()
    {
        QFETCH(int, which);
        QFETCH(int, weights);
        QFETCH(double, pe);
        QFETCH(double, value);
        QFETCH(double, se);
        QFETCH(double, lower);
        QFETCH(double, upper);
        QFETCH(double, p);
        ChanceAgreementOptions options;
        options.weights.kind = WeightKind(weights);
        const Estimate e = compute(which, fleiss1971FirstFifteen(), options);
        QVERIFY2(e.defined(), e.reason.c_str());
        QVERIFY_PRINTED(*e.observedAgreement, weights == int(WeightKind::Identity) ? 0.5511111 : 0.8544444, 5e-8);
        QVERIFY_PRINTED(*e.chanceAgreement, pe, 5e-8);
        QVERIFY_PRINTED(*e.value, value, 5e-8);
        QVERIFY_PRINTED(*e.se, se, 5e-7 * se); // 7 significant digits
        QVERIFY_PRINTED(e.ci->lower, lower, 5e-4);
        QVERIFY_PRINTED(e.ci->upper, upper, 5e-4);
        if (!std::isnan(p))
            QVERIFY_PRINTED(*e.pValue, p, 1e-6 * p);
        QCOMPARE(e.nUnits, std::size_t(15));
    }

    void twoRaterCoefficients_matchIrrCacTableFunctions_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<int>("weights");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("tableSe");
        // irrCAC 1.0 overview vignette, cont3x3abstractors: scott2.table, gwet.ac1.table, bp2.table, pa2.table;
        // with quadratic.weights(1:3) in the weighting vignette. Printed to 7 significant digits.
        const int identity = int(WeightKind::Identity), quadratic = int(WeightKind::Quadratic);
        QTest::newRow("Scott's pi") << int(ScottPi) << identity << 0.7962397 << 0.05905473;
        QTest::newRow("Gwet's AC1") << int(GwetAc) << identity << 0.8493305 << 0.04321747;
        QTest::newRow("Brennan-Prediger") << int(BrennanPrediger) << identity << 0.835 << 0.04693346;
        QTest::newRow("percent agreement") << int(PercentAgreement) << identity << 0.89 << 0.03128898;
        QTest::newRow("quadratic Scott's pi") << int(ScottPi) << quadratic << 0.8921093 << 0.03539506;
        QTest::newRow("AC2, quadratic") << int(GwetAc) << quadratic << 0.9402369 << 0.01792019;
        QTest::newRow("quadratic Brennan-Prediger") << int(BrennanPrediger) << quadratic << 0.9175 << 0.02346673;
        QTest::newRow("quadratic percent agreement") << int(PercentAgreement) << quadratic << 0.9725 << 0.007822244;
    }

    void twoRaterCoefficients_matchIrrCacTableFunctions()
    {
        QFETCH(int, which);
        QFETCH(int, weights);
        QFETCH(double, value);
        QFETCH(double, tableSe);
        ChanceAgreementOptions options;
        options.weights.kind = WeightKind(weights);
        const Estimate e = compute(which, abstractors(), options);
        // Two raters who rated every case: the multi-rater estimators are the two-rater ones (Scott's pi is
        // Scott's 1955 pi here).
        QVERIFY_PRINTED(*e.value, value, 5e-8);
        // Gwet's contingency-table variance divides the sum of squared unit terms by n^2, the raw-ratings form used
        // here (irrCAC's *.raw functions) by n(n - 1): the SEs differ by exactly sqrt(n / (n - 1)) with n = 100.
        QVERIFY_PRINTED(*e.se, tableSe * std::sqrt(100.0 / 99.0), 5e-8 * std::sqrt(100.0 / 99.0));
    }

    void scottPi_equalsFleissKappaWithoutTheNullTest()
    {
        // The same estimator (Gwet 2014, ch. 2); only Fleiss' kappa carries the Fleiss-Nee-Landis test.
        for (const RatingMatrix &m : {gwetFourRaters(), fleiss1971()}) {
            const Estimate scott = scottPi(m), fleiss = fleissKappa(m);
            QCOMPARE(*scott.value, *fleiss.value);
            QCOMPARE(*scott.se, *fleiss.se);
            QVERIFY(!scott.se0);
        }
    }

    void fleissNullTest_needsCompleteData()
    {
        // The Fleiss-Nee-Landis null SE assumes every unit has the same number of ratings; without it the t test
        // of Gwet's SE stands (irrCAC's p-value 0.000419173, see above).
        const Estimate incomplete = fleissKappa(gwetFourRaters());
        QVERIFY(!incomplete.se0);
        QVERIFY(incomplete.pValue);
        QVERIFY(fleissKappa(fleiss1971()).se0);
        // Units without any rating do not make the data incomplete.
        auto rows = fleiss1971Rows();
        rows.push_back({NA, NA, NA, NA, NA, NA});
        const Estimate withEmptyUnit = fleissKappa(fromRows(rows));
        QVERIFY_PRINTED(*withEmptyUnit.se0, *fleissKappa(fleiss1971()).se0, 1e-15);
        QCOMPARE(withEmptyUnit.nUnitsExcluded, std::size_t(1));
        // Weighted: no null test either.
        ChanceAgreementOptions linear;
        linear.weights.kind = WeightKind::Linear;
        QVERIFY(!fleissKappa(fleiss1971(), linear).se0);
    }

    void unanimous_countsUnitsWhereAllRatersAgree()
    {
        // cac.raw4raters: of the 11 units with two or more ratings, units 1, 3, 4, 5, 7, 9, 10, 11 are unanimous
        // (8 of 11, by hand). Wilson 95% interval for 8/11: (0.4343547, 0.9025394), statsmodels 0.13.5
        // proportion_confint(8, 11, method='wilson'); binomial SE sqrt(p(1 - p)/11) by hand.
        ChanceAgreementOptions options;
        options.definition = PercentAgreementDefinition::Unanimous;
        const Estimate e = percentAgreement(gwetFourRaters(), options);
        QVERIFY(near(*e.value, 8.0 / 11.0, 1e-12));
        QVERIFY(near(*e.se, std::sqrt(8.0 / 11.0 * 3.0 / 11.0 / 11.0), 1e-12));
        QCOMPARE(e.ciMethod, IntervalMethod::Wilson);
        QVERIFY_PRINTED(e.ci->lower, 0.4343547, 5e-8);
        QVERIFY_PRINTED(e.ci->upper, 0.9025394, 5e-8);
        QCOMPARE(e.nUnits, std::size_t(11));
        QCOMPARE(e.nUnitsExcluded, std::size_t(1));
        QVERIFY(!e.pValue);
        options.weights.kind = WeightKind::Linear;
        const Estimate weighted = percentAgreement(gwetFourRaters(), options);
        QVERIFY(!weighted.defined());
        QVERIFY(!weighted.reason.empty());
    }

    void unusedDeclaredCategory_changesChanceAgreement()
    {
        // A declared 6th category nobody used: q = 6, so Brennan-Prediger's p_e = 1/6 instead of 1/5, and AC1's
        // p_e = Σ π_k (1 - π_k) / 5 instead of / 4 (by hand from the definitions); Fleiss' kappa, whose p_e only
        // involves the π_k, is unchanged.
        ChanceAgreementOptions declared;
        declared.categories = {1, 2, 3, 4, 5, 6};
        const RatingMatrix m = gwetFourRaters();
        QVERIFY(near(*brennanPrediger(m, declared).chanceAgreement, 1.0 / 6.0, 1e-12));
        QVERIFY(near(*brennanPrediger(m).chanceAgreement, 1.0 / 5.0, 1e-12));
        QVERIFY(near(*gwetAc(m, declared).chanceAgreement, *gwetAc(m).chanceAgreement * 4.0 / 5.0, 1e-12));
        QVERIFY(near(*fleissKappa(m, declared).value, *fleissKappa(m).value, 1e-12));
        // Linear weights take the declared range: 1 and 5 are no longer the ends, so their weight is 1 - 4/5.
        ChanceAgreementOptions linear;
        linear.weights.kind = WeightKind::Linear;
        ChanceAgreementOptions linearDeclared = linear;
        linearDeclared.categories = {1, 2, 3, 4, 5, 6};
        QVERIFY(*percentAgreement(m, linearDeclared).value > *percentAgreement(m, linear).value);
    }

    void oneCategoryOnly_leavesAc1DefinedAndKappaUndefined()
    {
        // Every rater puts every unit in the same category: p_e = 1 for Fleiss' kappa and Brennan-Prediger (q = 1),
        // which are undefined with that reason; AC1's chance agreement is 0 for q = 1 (and for the declared
        // two-category scale, Σ π_k (1 - π_k) = 0), so AC1 = p_a = 1 (by hand from the definitions).
        const RatingMatrix same = fromRows({{1, 1, 1}, {1, 1, 1}, {1, 1, NA}});
        for (const Estimate &undefined : {fleissKappa(same), brennanPrediger(same), scottPi(same)}) {
            QVERIFY(!undefined.defined());
            QVERIFY(QString::fromStdString(undefined.reason).contains(QStringLiteral("chance agreement is 1")));
            QCOMPARE(undefined.nUnits, std::size_t(3)); // the counts stay
            QCOMPARE(undefined.nRatings, std::size_t(8));
            QVERIFY(undefined.observedAgreement && undefined.chanceAgreement);
        }
        const Estimate ac1 = gwetAc(same);
        QVERIFY2(ac1.defined(), ac1.reason.c_str());
        QCOMPARE(*ac1.value, 1.0);
        QCOMPARE(*ac1.chanceAgreement, 0.0);
        QCOMPARE(*ac1.se, 0.0); // every unit term equals the coefficient
        ChanceAgreementOptions twoCategories;
        twoCategories.categories = {0, 1};
        QCOMPARE(*gwetAc(same, twoCategories).value, 1.0);
        // Declared, Brennan-Prediger is defined: p_e = 1/2, p_a = 1, BP = 1.
        QCOMPARE(*brennanPrediger(same, twoCategories).value, 1.0);
        QCOMPARE(*percentAgreement(same).value, 1.0);
    }

    void degenerateInputs_areUndefinedWithReasonsAndCounts_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("excluded");
        QTest::newRow("all ratings missing") << 0 << 2;
        QTest::newRow("every unit has one rating") << 1 << 2;
        QTest::newRow("no units") << 2 << 0;
        QTest::newRow("rating outside the declared categories") << 3 << 0;
        QTest::newRow("custom weights of the wrong size") << 4 << 0;
        QTest::newRow("confidence level of 1") << 5 << 0;
    }

    void degenerateInputs_areUndefinedWithReasonsAndCounts()
    {
        QFETCH(int, kind);
        QFETCH(int, excluded);
        RatingMatrix m = gwetFourRaters();
        ChanceAgreementOptions options;
        if (kind == 0)
            m = fromRows({{NA, NA}, {NA, NA}});
        else if (kind == 1)
            m = fromRows({{1, NA}, {NA, 2}});
        else if (kind == 2)
            m = RatingMatrix(0, 3);
        else if (kind == 3)
            options.categories = {1, 2, 3}; // 4 and 5 occur
        else if (kind == 4)
            options.weights = WeightSpec{WeightKind::Custom, {1, 0, 0, 1}};
        else
            options.confidence = 1.0;
        for (int which : {PercentAgreement, GwetAc, FleissKappa, BrennanPrediger, ScottPi}) {
            const Estimate e = compute(which, m, options);
            QVERIFY(!e.defined());
            QVERIFY(!e.reason.empty());
            QVERIFY(!e.se && !e.ci && !e.pValue);
            QCOMPARE(e.nUnitsExcluded, std::size_t(excluded));
            if (kind == 3)
                QVERIFY(QString::fromStdString(e.reason).contains(QStringLiteral("the rating 4")));
            if (kind == 4)
                QVERIFY(QString::fromStdString(e.reason).contains(QStringLiteral("5 categories")));
        }
    }

    void oneUnit_hasAValueButNoStandardError()
    {
        // One unit rated 1 and 2: p_a = 0; AC1 p_e = 2 · (1/2 · 1/2) / 1 = 1/2, so AC1 = -1 (by hand); no variance
        // from one unit.
        const Estimate e = gwetAc(fromRows({{1, 2}}));
        QVERIFY(e.defined());
        QCOMPARE(*e.value, -1.0);
        QVERIFY(!e.se && !e.ci && !e.pValue);
        QCOMPARE(e.nUnits, std::size_t(1));
    }

    void interval_isCappedAtTheCoefficientsRange()
    {
        // Quadratic Brennan-Prediger on the declared scale 1-3: T_w = 3 + 4 · 3/4, p_e = 6/9, so the coefficient
        // ranges over [-p_e / (1 - p_e), 1] = [-2, 1] (by hand). Raters mostly at opposite ends put it near -2;
        // the lower end of the interval stops at -2 and the interval still holds the estimate.
        std::vector<std::vector<double>> rows(20, {1, 3});
        rows[0] = {1, 2};
        rows[1] = {2, 3};
        ChanceAgreementOptions options;
        options.weights.kind = WeightKind::Quadratic;
        options.categories = {1, 2, 3};
        const Estimate e = brennanPrediger(fromRows(rows), options);
        QVERIFY(near(*e.chanceAgreement, 6.0 / 9.0, 1e-12));
        QVERIFY(near(*e.value, (0.075 - 6.0 / 9.0) / (3.0 / 9.0), 1e-12)); // p_a = 2 · 3/4 / 20
        QVERIFY(*e.value < -1.0);
        QVERIFY(near(e.ci->lower, -2.0, 1e-12));
        QVERIFY(e.ci->lower <= *e.value && *e.value <= e.ci->upper);

        // Percent agreement stays within [0, 1]: 1 agreeing pair of 20, p_a = 0.05 with SE 0.05 (by hand), so
        // 0.05 - t(19) · 0.05 < 0 is cut at 0.
        std::vector<std::vector<double>> pairs(20, {1, 2});
        pairs[0] = {1, 1};
        const Estimate pa = percentAgreement(fromRows(pairs));
        QVERIFY(near(*pa.se, 0.05, 1e-12));
        QCOMPARE(pa.ci->lower, 0.0);
        QVERIFY(!std::signbit(pa.ci->lower));
    }

    void weightedCoefficients_creditNearMisses()
    {
        ChanceAgreementOptions linear;
        linear.weights.kind = WeightKind::Linear;
        const RatingMatrix m = gwetFourRaters();
        QVERIFY(*percentAgreement(m, linear).value > *percentAgreement(m).value);
        QVERIFY(*brennanPrediger(m, linear).observedAgreement > *brennanPrediger(m).observedAgreement);
    }

    void largeStudy_hasEstimateAndStandardError()
    {
        // 100,000 units x 5 raters with 10% missing; bench_stats measures the time, this checks the result exists.
        RatingMatrix m(100000, 5);
        std::uint64_t state = 42;
        auto next = [&state] { return (state = state * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
        for (std::size_t u = 0; u < m.units(); ++u) {
            const double truth = static_cast<double>(next() % 5 + 1);
            for (std::size_t r = 0; r < m.raters(); ++r) {
                if (next() % 10 != 0)
                    m.set(u, r, next() % 3 == 0 ? static_cast<double>(next() % 5 + 1) : truth);
            }
        }
        ChanceAgreementOptions quadratic;
        quadratic.weights.kind = WeightKind::Quadratic;
        const Estimate e = gwetAc(m, quadratic);
        QVERIFY(e.defined() && e.se);
        std::size_t pairable = 0; // units with two or more ratings carry agreement; the rest are counted as left out
        for (std::size_t u = 0; u < m.units(); ++u) {
            std::size_t ratings = 0;
            for (std::size_t r = 0; r < m.raters(); ++r)
                ratings += m.has(u, r) ? 1 : 0;
            pairable += ratings >= 2 ? 1 : 0;
        }
        QCOMPARE(e.nUnits, pairable);
        QCOMPARE(e.nUnits + e.nUnitsExcluded, m.units());
    }
};

QTEST_APPLESS_MAIN(TestChanceAgreement)
#include "tst_chanceagreement.moc"
