// Cohen's kappa, unweighted and weighted, with the Fleiss, Cohen & Everitt (1969) standard errors.
#include "stats/bootstrap.h"
#include "stats/cohenkappa.h"

#include <QTest>

#include <cmath>
#include <random>
#include <vector>

using namespace concord::stats;

namespace {

// Units from a contingency table: counts[i][j] units rated category i by the first rater and j by the second.
RatingMatrix fromTable(const std::vector<std::vector<int>> &counts, const std::vector<double> &values)
{
    std::size_t units = 0;
    for (const auto &row : counts)
        for (int c : row)
            units += static_cast<std::size_t>(c);
    RatingMatrix m(units, 2);
    std::size_t u = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        for (std::size_t j = 0; j < counts[i].size(); ++j) {
            for (int c = 0; c < counts[i][j]; ++c, ++u) {
                m.set(u, 0, values[i]);
                m.set(u, 1, values[j]);
            }
        }
    }
    return m;
}

bool near(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance;
}

} // namespace

class TestCohenKappa : public QObject
{
    Q_OBJECT

private slots:
    void kappa_matchesSasProcFreqPrintout_data()
    {
        QTest::addColumn<int>("weights");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<double>("ase");
        QTest::addColumn<double>("lower");
        QTest::addColumn<double>("upper");
        QTest::addColumn<double>("ase0");
        QTest::addColumn<double>("z");
        QTest::addColumn<double>("p");
        // SAS PROC FREQ printout (AGREE option) for the 3 x 3 table [[0,4,1],[0,8,0],[0,1,5]], as reproduced in
        // statsmodels' test_inter_rater.py (TestUnweightedCohens, TestWeightedCohens); SAS's weighted kappa uses
        // Cicchetti-Allison weights 1 - |i - j| / (q - 1), our linear weights on scores 0, 1, 2. Printed to 4 places.
        QTest::newRow("simple kappa") << int(WeightKind::Identity) << 0.4842 << 0.1380 << 0.2137 << 0.7547 << 0.1484
                                      << 3.2626 << 0.0011;
        QTest::newRow("weighted kappa") << int(WeightKind::Linear) << 0.4701 << 0.1457 << 0.1845 << 0.7558 << 0.1426
                                        << 3.2971 << 0.0010;
    }

    void kappa_matchesSasProcFreqPrintout()
    {
        QFETCH(int, weights);
        QFETCH(double, kappa);
        QFETCH(double, ase);
        QFETCH(double, lower);
        QFETCH(double, upper);
        QFETCH(double, ase0);
        QFETCH(double, z);
        QFETCH(double, p);
        const RatingMatrix m = fromTable({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}}, {0, 1, 2});
        CohenKappaOptions options;
        options.weights.kind = WeightKind(weights);
        const Estimate e = cohenKappa(m, options);
        QVERIFY(e.defined());
        QVERIFY(near(*e.value, kappa, 5e-5));
        QVERIFY(near(*e.se, ase, 5e-5));
        QVERIFY(near(e.ci->lower, lower, 5e-5));
        QVERIFY(near(e.ci->upper, upper, 5e-5));
        QCOMPARE(e.ciMethod, IntervalMethod::Normal);
        QVERIFY(near(*e.se0, ase0, 5e-5));
        QVERIFY(near(*e.z, z, 5e-5));
        QVERIFY(near(*e.pValue, p, 5e-5));
        QCOMPARE(e.nUnits, std::size_t(19));
    }

    void kappa_matchesIrrCacAbstractorsExample()
    {
        // irrCAC overview vignette (Gwet), kappa2.table(cont3x3abstractors): kappa 0.7964094, SE 0.05891072.
        const RatingMatrix m = fromTable({{13, 0, 0}, {0, 20, 7}, {0, 4, 56}}, {1, 2, 3});
        const Estimate e = cohenKappa(m);
        QVERIFY(near(*e.value, 0.7964094, 5e-8));
        QVERIFY(near(*e.se, 0.05891072, 5e-9));
        QVERIFY(near(*e.observedAgreement, 0.89, 1e-12)); // (13 + 20 + 56) / 100
    }

    void kappa_leavesOutUnitsMissingARating()
    {
        RatingMatrix m(5, 2);
        m.set(0, 0, 1), m.set(0, 1, 1);
        m.set(1, 0, 2), m.set(1, 1, 2);
        m.set(2, 0, 1), m.set(2, 1, 2);
        m.set(3, 0, 2);
        const Estimate e = cohenKappa(m);
        // By hand on the 3 complete units: p_o = 2/3, margins (2/3, 1/3) and (1/3, 2/3), p_e = 4/9, kappa = 0.4.
        QVERIFY(near(*e.value, 0.4, 1e-12));
        QCOMPARE(e.nUnits, std::size_t(3));
        QCOMPARE(e.nUnitsExcluded, std::size_t(2));
        QVERIFY(!e.exclusionReason.empty());
    }

    void kappa_usesDeclaredCategoriesForWeights()
    {
        // An unused declared end category widens the range of linear weights: 1 and 2 are one step of three apart
        // rather than of one, so their disagreement is partly credited.
        const RatingMatrix m = fromTable({{3, 1}, {1, 3}}, {1, 2});
        CohenKappaOptions observed;
        observed.weights.kind = WeightKind::Linear;
        CohenKappaOptions declared = observed;
        declared.categories = {1, 2, 3, 4};
        const double kObserved = *cohenKappa(m, observed).value;
        const double kDeclared = *cohenKappa(m, declared).value;
        // Observed: weights are the identity on two categories, kappa = (0.75 - 0.5) / 0.5 = 0.5 (by hand).
        QVERIFY(near(kObserved, 0.5, 1e-12));
        // Declared 1-4: w(1,2) = 2/3; p_o = 0.75 + 0.25 * 2/3 = 0.91667, p_e = 0.5 + 0.5 * 2/3 = 0.83333, kappa = 0.5.
        QVERIFY(near(kDeclared, 0.5, 1e-12));
        QVERIFY(near(*cohenKappa(m, declared).observedAgreement, 0.75 + 0.25 * 2.0 / 3.0, 1e-12));
    }

    void kappa_isUndefinedWithAReason_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("no complete unit") << 0;
        QTest::newRow("one category only") << 1;
        QTest::newRow("rating off the declared scale") << 2;
        QTest::newRow("three raters") << 3;
        QTest::newRow("bad confidence level") << 4;
    }

    void kappa_isUndefinedWithAReason()
    {
        QFETCH(int, kind);
        RatingMatrix m(2, kind == 3 ? 3 : 2);
        CohenKappaOptions options;
        if (kind == 0) {
            m.set(0, 0, 1);
            m.set(1, 1, 2);
        } else {
            for (std::size_t u = 0; u < 2; ++u)
                for (std::size_t r = 0; r < m.raters(); ++r)
                    m.set(u, r, 1);
        }
        if (kind == 2)
            options.categories = {2, 3};
        if (kind == 4)
            options.confidence = 1.5;
        const Estimate e = cohenKappa(m, options);
        QVERIFY(!e.defined());
        QVERIFY(!e.reason.empty());
        QVERIFY(!e.se && !e.ci);
    }

    void bootstrapIntervals_coverTheTrueKappaNearTheNominalRate()
    {
        // Short version of the coverage study in bench_stats: 100 studies of 200 items, B = 500. Two raters copy the
        // item's true category (prevalences 0.5, 0.3, 0.2) with probability lambda, else draw one from the
        // prevalences; both marginals equal the prevalences, so the population kappa is lambda^2 = 0.6 (by hand).
        // With 100 studies the share's SE is about 2.2 points around 95%: 88-100% is the plausible range.
        const double truth = 0.6;
        const double lambda = std::sqrt(truth);
        std::mt19937_64 engine(17);
        auto uniform = [&engine] { return static_cast<double>(engine() >> 11) * 0x1.0p-53; };
        auto draw = [&] {
            const double u = uniform();
            return u < 0.5 ? 0.0 : u < 0.8 ? 1.0 : 2.0;
        };
        int covered = 0;
        const int studies = 100;
        CohenKappaOptions options;
        options.categories = {0, 1, 2};
        for (int study = 0; study < studies; ++study) {
            RatingMatrix m(200, 2);
            for (std::size_t item = 0; item < 200; ++item) {
                const double category = draw();
                for (std::size_t rater = 0; rater < 2; ++rater)
                    m.set(item, rater, uniform() < lambda ? category : draw());
            }
            BootstrapOptions boot;
            boot.resamples = 500;
            boot.seed = replicateSeed(5, static_cast<std::uint64_t>(study));
            const auto result =
                bootstrap(m, [&options](const RatingMatrix &r) { return cohenKappa(r, options).value; }, boot);
            covered += result.ci && result.ci->lower <= truth && truth <= result.ci->upper;
        }
        const double share = static_cast<double>(covered) / studies;
        qInfo("kappa = 0.6: percentile bootstrap covers in %.0f%% of %d studies", 100 * share, studies);
        QVERIFY(share >= 0.88);
    }

    void kappa_onPairedSeriesEqualsTheMatrixForm()
    {
        const std::vector<double> a{1, 2, 3, 3, 2, 1, NAN, 4};
        const std::vector<double> b{1, 2, 2, 3, 2, 2, 3, 4};
        CohenKappaOptions options;
        options.weights.kind = WeightKind::Quadratic;
        const Estimate series = cohenKappa(a, b, options);
        RatingMatrix m(a.size(), 2);
        for (std::size_t u = 0; u < a.size(); ++u) {
            if (!std::isnan(a[u]))
                m.set(u, 0, a[u]);
            m.set(u, 1, b[u]);
        }
        const Estimate matrix = cohenKappa(m, options);
        QCOMPARE(*series.value, *matrix.value);
        QCOMPARE(series.nUnitsExcluded, std::size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestCohenKappa)
#include "tst_cohenkappa.moc"
