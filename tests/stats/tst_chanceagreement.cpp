// Percent agreement, Brennan-Prediger, Fleiss' kappa, Scott's pi and Gwet's AC1/AC2 among several raters with
// missing ratings, against published worked examples.
#include "stats/chanceagreement.h"

#include <QTest>

#include <cmath>
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

// Gwet's (2014) 12 units x 4 raters with missing ratings, categories 1-5: the dataset cac.raw4raters of irrCAC.
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

// Fleiss (1971): 30 patients, 6 psychiatrists each, 5 diagnoses (1 depression, 2 personality disorder,
// 3 schizophrenia, 4 neurosis, 5 other), as the raw ratings of R irr's `diagnoses` data.
RatingMatrix fleiss1971()
{
    return fromRows({{4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5}, {2, 2, 2, 4, 4, 4},
                     {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4}, {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5},
                     {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4}, {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5},
                     {3, 3, 3, 3, 3, 5}, {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
                     {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4}, {1, 4, 4, 4, 4, 5},
                     {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}});
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

} // namespace

class TestChanceAgreement : public QObject
{
    Q_OBJECT

private slots:
    void fleissKappa_matchesFleiss1971()
    {
        // Fleiss (1971), Psychological Bulletin 76:378-382: kappa = .430 for the 30 x 6 diagnoses. To more places and
        // the Fleiss-Nee-Landis z: R irr 0.84 kappam.fleiss(diagnoses), kappa 0.4302445, z 17.65183, as reproduced in
        // statsmodels' test_inter_rater.py (test_fleiss_kappa_irr).
        const Estimate e = fleissKappa(fleiss1971());
        QVERIFY(near(*e.value, 0.430, 5e-4));
        QVERIFY(near(*e.value, 0.4302445, 5e-8));
        QVERIFY(near(*e.z, 17.65183, 5e-6));
        QVERIFY(*e.pValue < 1e-60);
        QCOMPARE(e.nUnits, std::size_t(30));
        QCOMPARE(e.nRaters, std::size_t(6));
        QCOMPARE(e.nRatings, std::size_t(180));
        QCOMPARE(e.ciMethod, IntervalMethod::StudentT);
    }

    void gwetAc1_matchesHandbookExampleWithMissingRatings()
    {
        // irrCAC documentation for cac.raw4raters (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.):
        // AC1 = 0.77544, p_a = 0.81818, p_e = 0.19032; quadratic AC2 = 0.914, p_a = 0.97538, p_e = 0.7137.
        const RatingMatrix m = gwetFourRaters();
        const Estimate ac1 = gwetAc(m);
        QVERIFY(near(*ac1.value, 0.77544, 5e-6));
        QVERIFY(near(*ac1.observedAgreement, 0.81818, 5e-6));
        QVERIFY(near(*ac1.chanceAgreement, 0.19032, 5e-6));
        QCOMPARE(ac1.nUnits, std::size_t(11)); // unit 12 has one rating
        QCOMPARE(ac1.nUnitsExcluded, std::size_t(1));
        QCOMPARE(ac1.nRatings, std::size_t(41)); // the single rating of unit 12 counts in chance agreement
        QVERIFY(ac1.ci->upper <= 1.0); // capped at the coefficient's range

        ChanceAgreementOptions quadratic;
        quadratic.weights.kind = WeightKind::Quadratic;
        const Estimate ac2 = gwetAc(m, quadratic);
        QVERIFY(near(*ac2.value, 0.914, 5e-4));
        QVERIFY(near(*ac2.observedAgreement, 0.97538, 5e-6));
        QVERIFY(near(*ac2.chanceAgreement, 0.7137, 5e-5));
    }

    void brennanPredigerAndPercentAgreement_onHandbookExample()
    {
        // p_a = 0.81818 as for AC1 (irrCAC documentation, cac.raw4raters); Brennan-Prediger p_e = 1/q = 1/5, so
        // BP = (0.818182 - 0.2) / 0.8 = 0.772727 (by hand from the definition).
        const RatingMatrix m = gwetFourRaters();
        const Estimate bp = brennanPrediger(m);
        QVERIFY(near(*bp.value, (9.0 / 11.0 - 0.2) / 0.8, 1e-12));
        const Estimate pa = percentAgreement(m);
        QVERIFY(near(*pa.value, 9.0 / 11.0, 1e-12));
        QCOMPARE(*pa.chanceAgreement, 0.0);
        QVERIFY(pa.ci->lower >= 0.0 && pa.ci->upper <= 1.0);
    }

    void twoRaterCoefficients_matchIrrCacTableFunctions_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("tableSe");
        // irrCAC overview vignette, cont3x3abstractors: scott2.table 0.7962397 (SE 0.05905473), gwet.ac1.table
        // 0.8493305 (0.04321747), bp2.table 0.835 (0.04693346), pa2.table 0.89 (0.03128898).
        QTest::newRow("Scott's pi") << 0 << 0.7962397 << 0.05905473;
        QTest::newRow("Gwet's AC1") << 1 << 0.8493305 << 0.04321747;
        QTest::newRow("Brennan-Prediger") << 2 << 0.835 << 0.04693346;
        QTest::newRow("percent agreement") << 3 << 0.89 << 0.03128898;
    }

    void twoRaterCoefficients_matchIrrCacTableFunctions()
    {
        QFETCH(int, which);
        QFETCH(double, value);
        QFETCH(double, tableSe);
        const Coefficient coefficients[] = {scottPi, gwetAc, brennanPrediger, percentAgreement};
        const Estimate e = coefficients[which](abstractors(), {});
        QVERIFY(near(*e.value, value, 5e-8));
        // Gwet's contingency-table variance divides the sum of squared unit terms by n^2, the raw-ratings form used
        // here (irrCAC's *.raw functions) by n(n - 1): the SEs differ by exactly sqrt(n / (n - 1)) with n = 100.
        QVERIFY2(near(*e.se, tableSe * std::sqrt(100.0 / 99.0), 5e-8), qPrintable(QString::number(*e.se, 'g', 10)));
    }

    void scottPi_equalsFleissKappa()
    {
        const RatingMatrix m = gwetFourRaters();
        QCOMPARE(*scottPi(m).value, *fleissKappa(m).value);
    }

    void fleissNullTest_needsCompleteData()
    {
        // The Fleiss-Nee-Landis null SE assumes every unit has the same number of ratings.
        QVERIFY(!fleissKappa(gwetFourRaters()).se0);
        QVERIFY(fleissKappa(fleiss1971()).se0);
    }

    void unanimous_countsUnitsWhereAllAgree()
    {
        // cac.raw4raters: of the 11 units with two or more ratings, units 1, 3, 4, 5, 7, 9, 10, 11 are unanimous
        // (8 of 11, by hand).
        ChanceAgreementOptions options;
        options.definition = PercentAgreementDefinition::Unanimous;
        const Estimate e = percentAgreement(gwetFourRaters(), options);
        QVERIFY(near(*e.value, 8.0 / 11.0, 1e-12));
        QCOMPARE(e.ciMethod, IntervalMethod::Wilson);
        QVERIFY(e.ci->lower < *e.value && *e.value < e.ci->upper);
        options.weights.kind = WeightKind::Linear;
        QVERIFY(!percentAgreement(gwetFourRaters(), options).defined());
    }

    void unusedDeclaredCategory_changesBrennanPredigerChance()
    {
        // With a declared 6th category q = 6, so p_e = 1/6 instead of 1/5 (by hand).
        ChanceAgreementOptions options;
        options.categories = {1, 2, 3, 4, 5, 6};
        const Estimate bp = brennanPrediger(gwetFourRaters(), options);
        QVERIFY(near(*bp.chanceAgreement, 1.0 / 6.0, 1e-12));
    }

    void edgeCases_areUndefinedWithReasonsOrDefinedWhereSensible()
    {
        // Every rater puts every unit in the same category: Fleiss' kappa has p_e = 1 and is undefined; AC1 with
        // the declared two-category scale is 1 (p_e = 0, as Gwet's coefficient is built for this case).
        const RatingMatrix same = fromRows({{1, 1, 1}, {1, 1, 1}, {1, 1, 1}});
        const Estimate kappa = fleissKappa(same);
        QVERIFY(!kappa.defined());
        QVERIFY(!kappa.reason.empty());
        ChanceAgreementOptions twoCategories;
        twoCategories.categories = {0, 1};
        QVERIFY(near(*gwetAc(same, twoCategories).value, 1.0, 1e-12));

        const RatingMatrix oneUnit = fromRows({{1, 2}});
        const Estimate single = gwetAc(oneUnit);
        QVERIFY(single.defined());
        QVERIFY(!single.se); // one unit: no variance

        const RatingMatrix allMissing = fromRows({{NA, NA}, {NA, NA}});
        QVERIFY(!gwetAc(allMissing).defined());
        QVERIFY(!percentAgreement(allMissing).defined());

        const RatingMatrix singles = fromRows({{1, NA}, {NA, 2}});
        const Estimate e = brennanPrediger(singles);
        QVERIFY(!e.defined());
        QCOMPARE(e.nUnitsExcluded, std::size_t(2));

        ChanceAgreementOptions offScale;
        offScale.categories = {1, 2, 3};
        QVERIFY(!gwetAc(gwetFourRaters(), offScale).defined()); // 4 and 5 are not declared

        ChanceAgreementOptions badWeights;
        badWeights.weights.kind = WeightKind::Custom;
        badWeights.weights.custom = {1, 0, 0, 1};
        const Estimate wrongSize = gwetAc(gwetFourRaters(), badWeights);
        QVERIFY(!wrongSize.defined());
        QVERIFY(QString::fromStdString(wrongSize.reason).contains(QStringLiteral("5 categories")));
    }

    void weightedCoefficients_creditNearMisses()
    {
        ChanceAgreementOptions linear;
        linear.weights.kind = WeightKind::Linear;
        const RatingMatrix m = gwetFourRaters();
        QVERIFY(*percentAgreement(m, linear).value > *percentAgreement(m).value);
        QVERIFY(*brennanPrediger(m, linear).observedAgreement > *brennanPrediger(m).observedAgreement);
    }
};

QTEST_APPLESS_MAIN(TestChanceAgreement)
#include "tst_chanceagreement.moc"
