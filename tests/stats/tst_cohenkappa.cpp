// Cohen's kappa, unweighted and weighted, with the Fleiss, Cohen & Everitt (1969) standard errors.
#include "stats/bootstrap.h"
#include "stats/cohenkappa.h"

#include <QTest>
#include <algorithm>
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

    void kappa_matchesSasAgreementStudyExample()
    {
        // SAS/STAT User's Guide, PROC FREQ, Getting Started: "Agreement Study" (two dermatologists, skin condition
        // terrible / poor / marginal / clear, 88 patients): simple kappa 0.3449 with 95% confidence limits
        // (0.2030, 0.4868), printed to 4 places.
        const RatingMatrix m = fromTable({{10, 4, 1, 0}, {5, 10, 12, 2}, {2, 4, 12, 5}, {0, 2, 6, 13}}, {1, 2, 3, 4});
        const Estimate e = cohenKappa(m);
        QVERIFY(near(*e.value, 0.3449, 5e-5));
        QVERIFY(near(e.ci->lower, 0.2030, 5e-5));
        QVERIFY(near(e.ci->upper, 0.4868, 5e-5));
        QCOMPARE(e.nUnits, std::size_t(88));
    }

    void kappa_matchesCohen1968Table1_data()
    {
        QTest::addColumn<std::vector<double>>("disagreement");
        QTest::addColumn<double>("kappa");
        // Cohen (1968), Psychological Bulletin 70:213-220, Table 1: two judges, 200 patients, personality disorder /
        // neurosis / psychosis, proportions [[.44,.07,.09],[.05,.20,.05],[.01,.03,.06]]. Cohen reports kappa = .492,
        // weighted kappa = .348 with disagreement weights 1 (PD-N), 3 (PD-P), 6 (N-P), and .574 with 6 and 1
        // interchanged. His disagreement weights v become agreement weights 1 - v / 6 (kappa_w is unchanged by the
        // rescaling).
        QTest::newRow("unweighted") << std::vector<double>{} << 0.492;
        QTest::newRow("disagreement 1, 3, 6") << std::vector<double>{0, 1, 3, 1, 0, 6, 3, 6, 0} << 0.348;
        QTest::newRow("6 and 1 interchanged") << std::vector<double>{0, 6, 3, 6, 0, 1, 3, 1, 0} << 0.574;
    }

    void kappa_matchesCohen1968Table1()
    {
        QFETCH(std::vector<double>, disagreement);
        QFETCH(double, kappa);
        const RatingMatrix m = fromTable({{88, 14, 18}, {10, 40, 10}, {2, 6, 12}}, {1, 2, 3});
        CohenKappaOptions options;
        if (!disagreement.empty()) {
            options.weights.kind = WeightKind::Custom;
            for (double v : disagreement)
                options.weights.custom.push_back(1.0 - v / 6.0);
        }
        const Estimate e = cohenKappa(m, options);
        QVERIFY2(e.defined(), e.reason.c_str());
        QVERIFY2(near(*e.value, kappa, 5e-4), qPrintable(QString::number(*e.value)));
    }

    void kappa_matchesFleissCohenEveritt1969_data()
    {
        QTest::addColumn<bool>("weighted");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<double>("kappaToMorePlaces");
        QTest::addColumn<double>("se");
        QTest::addColumn<double>("se0");
        // Fleiss, Cohen & Everitt (1969), Psychological Bulletin 72:323-327, Table 1: 200 subjects, 3 categories,
        // counts [[106,10,4],[22,28,10],[2,12,6]]; kappa = .429 and, with their agreement weights (1, 0, .4444 /
        // 0, 1, .6667 / .4444, .6667, 1), weighted kappa = .507. The standard errors are their formulas as
        // statsmodels 0.13.5 cohens_kappa computes them (std_kappa, std_kappa0) on this table; the paper's own
        // printed standard errors were not available to check.
        QTest::newRow("kappa") << false << 0.429 << 0.4285714285714285 << 0.05371100486916735 << 0.05551245493635843;
        QTest::newRow("weighted kappa") << true << 0.507 << 0.5070699648667976 << 0.05699388470325765
                                        << 0.06533588456726369;
    }

    void kappa_matchesFleissCohenEveritt1969()
    {
        QFETCH(bool, weighted);
        QFETCH(double, kappa);
        QFETCH(double, kappaToMorePlaces);
        QFETCH(double, se);
        QFETCH(double, se0);
        const RatingMatrix m = fromTable({{106, 10, 4}, {22, 28, 10}, {2, 12, 6}}, {1, 2, 3});
        CohenKappaOptions options;
        if (weighted)
            options.weights = WeightSpec{WeightKind::Custom, {1, 0, .4444, 0, 1, .6667, .4444, .6667, 1}};
        const Estimate e = cohenKappa(m, options);
        QVERIFY(near(*e.value, kappa, 5e-4));
        QVERIFY(near(*e.value, kappaToMorePlaces, 1e-12));
        QVERIFY(near(*e.se, se, 1e-12));
        QVERIFY(near(*e.se0, se0, 1e-12));
        QVERIFY(near(*e.z, kappaToMorePlaces / se0, 1e-9));
        QCOMPARE(e.ciMethod, IntervalMethod::Normal);
        QVERIFY(near(e.ci->lower, kappaToMorePlaces - 1.959963984540054 * se, 1e-9)); // z(0.975), by hand
    }

    void weightedKappa_matchesScikitLearn_data()
    {
        QTest::addColumn<int>("weights");
        QTest::addColumn<double>("kappa");
        // scikit-learn 1.2.1 (Debian 12 python3-sklearn) sklearn.metrics.cohen_kappa_score on the 12 pairs below,
        // weights=None / 'linear' / 'quadratic'. sklearn weighs by the distance of the labels' ranks; on the equally
        // spaced scale 1-4 that is our weighting by value.
        QTest::newRow("unweighted") << int(WeightKind::Identity) << 0.3076923076923076;
        QTest::newRow("linear") << int(WeightKind::Linear) << 0.5263157894736842;
        QTest::newRow("quadratic") << int(WeightKind::Quadratic) << 0.7272727272727273;
    }

    void weightedKappa_matchesScikitLearn()
    {
        QFETCH(int, weights);
        QFETCH(double, kappa);
        const std::vector<double> a{1, 2, 3, 4, 2, 3, 3, 1, 4, 2, 3, 2};
        const std::vector<double> b{1, 3, 3, 4, 2, 2, 3, 2, 3, 2, 4, 1};
        CohenKappaOptions options;
        options.weights.kind = WeightKind(weights);
        QVERIFY(near(*cohenKappa(a, b, options).value, kappa, 1e-12));
    }

    void customWeights_matchRIrrKappa2_data()
    {
        QTest::addColumn<int>("weights");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<double>("z");
        QTest::addColumn<double>("p");
        // R irr 0.84 kappa2(anxiety[, 2:3], weight) as reproduced in statsmodels' test_inter_rater.py
        // (test_cohens_kappa_irr): kappa, z (kappa over the null SE) and its two-sided p-value. irr weighs by the rank
        // of the levels present (1, 2, 3, 4, 6: five levels), so "equal" and "squared" are custom matrices here:
        // 1 - |i - j| / 4 and 1 - (i - j)^2 / 16 over the level ranks.
        QTest::newRow("unweighted") << 0 << -0.006289308 << -0.0604067 << 0.9518317;
        QTest::newRow("equal") << 1 << 0.1459075 << 1.282472 << 0.1996772;
        QTest::newRow("squared") << 2 << 0.2520325 << 1.437451 << 0.1505898;
    }

    void customWeights_matchRIrrKappa2()
    {
        QFETCH(int, weights);
        QFETCH(double, kappa);
        QFETCH(double, z);
        QFETCH(double, p);
        // The anxiety ratings of irr (20 subjects), raters 2 and 3.
        const std::vector<double> rater2{3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4};
        const std::vector<double> rater3{2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2};
        CohenKappaOptions options;
        if (weights > 0) {
            options.weights.kind = WeightKind::Custom;
            for (int i = 0; i < 5; ++i)
                for (int j = 0; j < 5; ++j)
                    options.weights.custom.push_back(weights == 1 ? 1.0 - std::abs(i - j) / 4.0
                                                                  : 1.0 - (i - j) * (i - j) / 16.0);
        }
        const Estimate e = cohenKappa(rater2, rater3, options);
        QVERIFY(near(*e.value, kappa, 5e-7 * std::abs(kappa))); // 7 significant digits
        QVERIFY(near(*e.z, z, 1e-6 * std::abs(z)));             // 6 or 7 significant digits
        QVERIFY(near(*e.pValue, p, 5e-8));
    }

    void kappa_matchesIrrCacAbstractorsExample_data()
    {
        QTest::addColumn<int>("weights");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<double>("se");
        // irrCAC 1.0 (Gwet) vignettes, kappa2.table(cont3x3abstractors): 0.7964094 (SE 0.05891072) unweighted
        // (overview), 0.8921569 (SE 0.03535151) with quadratic.weights(1:3) (weighting vignette).
        QTest::newRow("unweighted") << int(WeightKind::Identity) << 0.7964094 << 0.05891072;
        QTest::newRow("quadratic") << int(WeightKind::Quadratic) << 0.8921569 << 0.03535151;
    }

    void kappa_matchesIrrCacAbstractorsExample()
    {
        QFETCH(int, weights);
        QFETCH(double, kappa);
        QFETCH(double, se);
        const RatingMatrix m = fromTable({{13, 0, 0}, {0, 20, 7}, {0, 4, 56}}, {1, 2, 3});
        CohenKappaOptions options;
        options.weights.kind = WeightKind(weights);
        const Estimate e = cohenKappa(m, options);
        QVERIFY(near(*e.value, kappa, 5e-8));
        QVERIFY(near(*e.se, se, 5e-9));
        if (weights == int(WeightKind::Identity))
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
        QTest::newRow("weights count every pair as agreeing") << 5;
        QTest::newRow("more than 1000 categories") << 6;
    }

    void kappa_isUndefinedWithAReason()
    {
        QFETCH(int, kind);
        RatingMatrix m(kind == 6 ? 1001 : 2, kind == 3 ? 3 : 2);
        CohenKappaOptions options;
        if (kind == 0) {
            m.set(0, 0, 1);
            m.set(1, 1, 2);
        } else if (kind == 5) {
            m.set(0, 0, 1), m.set(0, 1, 2);
            m.set(1, 0, 2), m.set(1, 1, 1);
            options.weights = WeightSpec{WeightKind::Custom, {1, 1, 1, 1}};
        } else if (kind == 6) {
            for (std::size_t u = 0; u < m.units(); ++u)
                m.set(u, 0, static_cast<double>(u)), m.set(u, 1, static_cast<double>(u));
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
        if (kind == 5)
            QVERIFY(QString::fromStdString(e.reason).contains(QStringLiteral("chance agreement is 1")));
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
            const auto result = bootstrap(
                m, [&options](const RatingMatrix &r) { return cohenKappa(r, options).value; }, boot);
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

    void unitwise_onAllUnitsGivesTheEstimateAndSharedDrawsGiveTheSameIntervals()
    {
        // Seeded random pairs on a 5-point scale with missing values: the unitwise kappa on every unit once equals
        // cohenKappa, and bootstrapMany (one draw per replicate for several statistics) gives exactly the
        // intervals of separate bootstrap() calls with the same seed.
        std::mt19937_64 generator(17);
        std::uniform_int_distribution<int> point(1, 5), noise(-1, 1), missing(0, 9);
        std::vector<double> first(300), second(300), third(300);
        for (std::size_t u = 0; u < first.size(); ++u) {
            first[u] = point(generator);
            second[u] = missing(generator) == 0 ? std::nan("") : std::clamp(first[u] + noise(generator), 1.0, 5.0);
            third[u] = point(generator);
        }
        CohenKappaOptions options;
        options.weights.kind = WeightKind::Quadratic;
        options.categories = {1, 2, 3, 4, 5};
        const CohenKappaUnitwise close(first, second, options), unrelated(first, third, options);
        std::vector<std::uint32_t> all(first.size());
        for (std::uint32_t u = 0; u < all.size(); ++u)
            all[u] = u;
        const auto workspace = close.makeWorkspace();
        QCOMPARE(*close.evaluate(all, workspace.get()), *cohenKappa(first, second, options).value);

        BootstrapOptions boot;
        boot.resamples = 300;
        boot.seed = 5;
        const UnitwiseStatistic *both[] = {&close, &unrelated};
        const std::vector<BootstrapResult> shared = bootstrapMany(both, boot);
        const BootstrapResult alone[] = {bootstrap(close, boot), bootstrap(unrelated, boot)};
        for (int i = 0; i < 2; ++i) {
            QVERIFY(shared[i].ci && alone[i].ci);
            QCOMPARE(shared[i].ci->lower, alone[i].ci->lower);
            QCOMPARE(shared[i].ci->upper, alone[i].ci->upper);
            QCOMPARE(shared[i].used, alone[i].used);
        }
        QVERIFY(shared[0].ci->lower > shared[1].ci->upper); // related pairs agree more than unrelated ones
    }
};

QTEST_APPLESS_MAIN(TestCohenKappa)
#include "tst_cohenkappa.moc"
