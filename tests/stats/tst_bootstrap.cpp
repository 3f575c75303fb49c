// Item-level bootstrap: pinned, platform-independent draws; the same interval whatever the thread count; percentile
// and BCa intervals against hand computations; dropped replicates; coverage of α intervals in simulated studies.
#include "stats/bootstrap.h"
#include "stats/krippendorff.h"

#include <QTest>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

using namespace concord::stats;

namespace {

// One rater, one value per unit: the statistics below are functions of a single column.
RatingMatrix column(const std::vector<double> &values)
{
    RatingMatrix ratings(values.size(), 1);
    for (std::size_t u = 0; u < values.size(); ++u)
        ratings.set(u, 0, values[u]);
    return ratings;
}

std::optional<double> meanOfColumn(const RatingMatrix &ratings)
{
    if (ratings.units() == 0)
        return std::nullopt;
    double sum = 0;
    for (std::size_t u = 0; u < ratings.units(); ++u)
        sum += ratings.at(u, 0);
    return sum / static_cast<double>(ratings.units());
}

// Seeded ratings of `raters` raters with missing cells, agreeing more than by chance.
RatingMatrix agreementData(std::size_t units, std::size_t raters, std::uint64_t seed)
{
    std::mt19937_64 engine(seed);
    RatingMatrix ratings(units, raters);
    for (std::size_t u = 0; u < units; ++u) {
        const double latent = static_cast<double>(1 + engine() % 5);
        for (std::size_t r = 0; r < raters; ++r) {
            if (engine() % 10 < 2)
                continue;
            ratings.set(u, r, engine() % 3 == 0 ? static_cast<double>(1 + engine() % 5) : latent);
        }
    }
    return ratings;
}

bool sameInterval(const BootstrapResult &a, const BootstrapResult &b)
{
    return a.ci && b.ci && a.ci->lower == b.ci->lower && a.ci->upper == b.ci->upper && a.used == b.used;
}

// A uniform double in [0, 1) from the top 53 bits of a 64-bit output: the same on every platform, unlike
// std::uniform_real_distribution.
double uniform01(std::mt19937_64 &engine)
{
    return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

} // namespace

// Coverage simulation, reusable by a benchmark (the full version: 1,000 studies of 200 items, B = 2000).
//
// Two raters classify each item into one of three categories with prevalences p = (0.5, 0.3, 0.2). Each rater
// independently copies the item's true category with probability λ and otherwise draws a category from p. Both raters'
// ratings then follow p, agree with probability P_o = λ² + (1 − λ²)·Σp², and chance agreement from the pooled
// marginals is P_e = Σp², so the population value of α (nominal; Scott's π for two raters with equal marginals) is
// (P_o − P_e)/(1 − P_e) = λ², derived by hand from this model. λ² = 0.6 here.
namespace coverage {

struct Summary
{
    std::size_t studies = 0;
    std::size_t bootstrapCovered = 0;
    std::size_t analyticCovered = 0; // Gwet's (2014) Student-t interval, for comparison
    std::size_t withoutInterval = 0;
    double trueAlpha = 0;

    double bootstrapShare() const { return static_cast<double>(bootstrapCovered) / static_cast<double>(studies); }
    double analyticShare() const { return static_cast<double>(analyticCovered) / static_cast<double>(studies); }
};

Summary simulateAlphaCoverage(std::size_t studies, std::size_t items, std::size_t resamples, std::uint64_t seed,
                              IntervalMethod method, double level = 0.95, unsigned threads = 0)
{
    const double prevalence[3] = {0.5, 0.3, 0.2};
    const double lambda2 = 0.6;
    const double lambda = std::sqrt(lambda2);
    auto drawCategory = [&](std::mt19937_64 &engine) {
        const double u = uniform01(engine);
        return u < prevalence[0] ? 0.0 : u < prevalence[0] + prevalence[1] ? 1.0 : 2.0;
    };

    Summary summary;
    summary.trueAlpha = lambda2;
    std::mt19937_64 engine(seed);
    for (std::size_t study = 0; study < studies; ++study) {
        RatingMatrix ratings(items, 2);
        for (std::size_t item = 0; item < items; ++item) {
            const double truth = drawCategory(engine);
            for (std::size_t rater = 0; rater < 2; ++rater)
                ratings.set(item, rater, uniform01(engine) < lambda ? truth : drawCategory(engine));
        }
        const KrippendorffUnitwise alpha(ratings, MeasurementLevel::Nominal);
        BootstrapOptions options;
        options.resamples = resamples;
        options.seed = replicateSeed(seed, study);
        options.level = level;
        options.method = method;
        options.threads = threads;
        const BootstrapResult result = bootstrap(alpha, options);
        ++summary.studies;
        if (!result.ci)
            ++summary.withoutInterval;
        else if (result.ci->lower <= lambda2 && lambda2 <= result.ci->upper)
            ++summary.bootstrapCovered;
        const Estimate analytic = krippendorffAlpha(ratings, {MeasurementLevel::Nominal, {}, level});
        if (analytic.ci && analytic.ci->lower <= lambda2 && lambda2 <= analytic.ci->upper)
            ++summary.analyticCovered;
    }
    return summary;
}

} // namespace coverage

class TestBootstrap : public QObject
{
    Q_OBJECT

private slots:
    void replicateSeed_isSplitMix64()
    {
        // splitmix64 (Steele, Lea & Flood 2014; Vigna's reference splitmix64.c) started at 1234567 outputs
        // 6457827717110365317, 3203168211198807973, 9817491932198370423 (also reproduced by an independent Python
        // script).
        QCOMPARE(replicateSeed(1234567, 0), std::uint64_t{6457827717110365317ull});
        QCOMPARE(replicateSeed(1234567, 1), std::uint64_t{3203168211198807973ull});
        QCOMPARE(replicateSeed(1234567, 2), std::uint64_t{9817491932198370423ull});
    }

    void drawUnits_isPinnedToItsSpecification()
    {
        // Expected draws from an independent Python implementation of std::mt19937_64 (checked against the C++
        // standard's 10000th output, 9981545732273789042) and of Lemire's method on the low then high 32 bits of
        // each output. Any standard library must give these.
        std::vector<std::uint32_t> draws;
        drawUnits(replicateSeed(1, 0), 10, 12, draws);
        QCOMPARE(draws, (std::vector<std::uint32_t>{5, 5, 1, 8, 6, 8, 3, 5, 8, 1, 9, 2}));
        drawUnits(replicateSeed(42, 7), 1000, 6, draws);
        QCOMPARE(draws, (std::vector<std::uint32_t>{19, 131, 113, 120, 749, 619}));
        drawUnits(0, 3, 10, draws);
        QCOMPARE(draws, (std::vector<std::uint32_t>{2, 0, 0, 2, 2, 0, 2, 1, 0, 1}));
    }

    void drawUnits_isUniform()
    {
        // 60,000 draws over 6 units: each count within 4 standard deviations (√(60000·1/6·5/6) ≈ 91) of 10,000.
        std::vector<std::uint32_t> draws;
        drawUnits(99, 6, 60000, draws);
        std::vector<int> counts(6, 0);
        for (std::uint32_t unit : draws)
            ++counts[unit];
        for (int count : counts)
            QVERIFY(std::abs(count - 10000) < 4 * 91);
    }

    void sortedQuantile_interpolatesBetweenOrderStatistics()
    {
        // Hyndman & Fan (1996) type 7 by hand: h = (n − 1)p; for 1..100, p = 0.025 gives h = 2.475, so
        // 3 + 0.475 = 3.475; p = 0.975 gives h = 96.525, so 97.525.
        std::vector<double> values(100);
        std::iota(values.begin(), values.end(), 1.0);
        QVERIFY(std::abs(sortedQuantile(values, 0.025) - 3.475) < 1e-12);
        QVERIFY(std::abs(sortedQuantile(values, 0.975) - 97.525) < 1e-12);
        QCOMPARE(sortedQuantile(values, 0.0), 1.0);
        QCOMPARE(sortedQuantile(values, 1.0), 100.0);
        std::reverse(values.begin(), values.end());
        const auto interval = percentileInterval(values, 0.95); // sorts its copy
        QVERIFY(interval && std::abs(interval->lower - 3.475) < 1e-12 && std::abs(interval->upper - 97.525) < 1e-12);
    }

    void percentileInterval_ofMeanOfTwoUnitsIsTheirRange()
    {
        // By hand: resampling two units {0, 1} gives means 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4, so the 2.5%
        // and 97.5% percentiles of 2000 replicates are 0 and 1.
        BootstrapOptions options;
        options.seed = 11;
        const BootstrapResult result = bootstrap(column({0, 1}), meanOfColumn, options);
        QVERIFY(result.ci);
        QCOMPARE(result.ci->lower, 0.0);
        QCOMPARE(result.ci->upper, 1.0);
        QCOMPARE(*result.estimate, 0.5);
    }

    void percentileInterval_ofMeanMatchesARecomputationFromTheDraws()
    {
        // The engine's interval equals one computed here step by step: replicate b's units from
        // drawUnits(replicateSeed(seed, b)), their mean, then type-7 percentiles of the sorted means.
        const std::vector<double> values{2.1, 3.5, 0.4, 8.8, 5.0, 1.2, 7.7, 3.3, 9.1, 4.4, 0.9, 6.6, 2.2,
                                         5.5, 3.9, 7.0, 1.8, 4.1, 6.2, 2.8, 8.0, 0.2, 5.9, 3.1, 4.8};
        BootstrapOptions options;
        options.resamples = 999;
        options.seed = 2024;
        options.level = 0.90;
        const BootstrapResult result = bootstrap(column(values), meanOfColumn, options);

        std::vector<double> means;
        std::vector<std::uint32_t> units;
        for (std::size_t b = 0; b < options.resamples; ++b) {
            drawUnits(replicateSeed(options.seed, b), static_cast<std::uint32_t>(values.size()), values.size(), units);
            double sum = 0;
            for (std::uint32_t unit : units)
                sum += values[unit];
            means.push_back(sum / static_cast<double>(values.size()));
        }
        std::sort(means.begin(), means.end());
        // 90%: p = 0.05 and 0.95 over 999 values, h = 998p = 49.9 and 948.1.
        const double lower = means[49] + 0.9 * (means[50] - means[49]);
        const double upper = means[948] + 0.1 * (means[949] - means[948]);
        QVERIFY(result.ci);
        QVERIFY(std::abs(result.ci->lower - lower) < 1e-12);
        QVERIFY(std::abs(result.ci->upper - upper) < 1e-12);
        QCOMPARE(result.method, IntervalMethod::BootstrapPercentile);
        QCOMPARE(result.requested, std::size_t{999});
        QCOMPARE(result.used, std::size_t{999});
        QCOMPARE(result.seed, std::uint64_t{2024});
        QCOMPARE(result.level, 0.90);
        QVERIFY(result.reason.empty());
    }

    void bootstrap_givesTheSameIntervalForAnyThreadCount_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("percentile") << int(IntervalMethod::BootstrapPercentile);
        QTest::newRow("BCa") << int(IntervalMethod::BootstrapBca);
    }

    void bootstrap_givesTheSameIntervalForAnyThreadCount()
    {
        QFETCH(int, method);
        const RatingMatrix ratings = agreementData(300, 4, 5);
        const KrippendorffUnitwise alpha(ratings, MeasurementLevel::Ordinal);
        BootstrapOptions options;
        options.resamples = 500;
        options.seed = 77;
        options.method = static_cast<IntervalMethod>(method);
        std::vector<BootstrapResult> results;
        for (unsigned threads : {1u, 2u, 4u}) {
            options.threads = threads;
            results.push_back(bootstrap(alpha, options));
        }
        QVERIFY(results[0].ci);
        QVERIFY(sameInterval(results[0], results[1]));
        QVERIFY(sameInterval(results[0], results[2]));
        QCOMPARE(results[0].se, results[2].se);

        // The generic path too, on a statistic of the whole matrix.
        const MatrixStatistic ordinalAlpha = [](const RatingMatrix &m) {
            return krippendorffAlphaValue(m, MeasurementLevel::Ordinal);
        };
        options.resamples = 200;
        options.threads = 1;
        const BootstrapResult one = bootstrap(ratings, ordinalAlpha, options);
        options.threads = 3;
        QVERIFY(sameInterval(one, bootstrap(ratings, ordinalAlpha, options)));
    }

    void bootstrap_sameSeedGivesTheSameInterval_anotherSeedADifferentOne()
    {
        const KrippendorffUnitwise alpha(agreementData(200, 3, 9), MeasurementLevel::Nominal);
        BootstrapOptions options;
        options.resamples = 400;
        options.seed = 5;
        const BootstrapResult first = bootstrap(alpha, options);
        QVERIFY(sameInterval(first, bootstrap(alpha, options)));
        options.seed = 6;
        const BootstrapResult other = bootstrap(alpha, options);
        QVERIFY(other.ci);
        QVERIFY(first.ci->lower != other.ci->lower || first.ci->upper != other.ci->upper);
    }

    void unitwiseAlpha_givesTheIntervalOfTheGenericPath_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("level");
        for (int level = 0; level < 4; ++level) {
            const std::string name = measurementLevelName(static_cast<MeasurementLevel>(level));
            QTest::newRow((name + ", percentile").c_str()) << int(IntervalMethod::BootstrapPercentile) << level;
            QTest::newRow((name + ", BCa").c_str()) << int(IntervalMethod::BootstrapBca) << level;
        }
    }

    void unitwiseAlpha_givesTheIntervalOfTheGenericPath()
    {
        // Same draws, so the same replicates up to rounding; the BCa jackknife is by pattern in the fast path and
        // unit by unit in the generic one.
        QFETCH(int, method);
        QFETCH(int, level);
        const auto measurement = static_cast<MeasurementLevel>(level);
        const RatingMatrix ratings = agreementData(120, 3, 21);
        BootstrapOptions options;
        options.resamples = 300;
        options.seed = 3;
        options.method = static_cast<IntervalMethod>(method);
        const BootstrapResult fast = bootstrap(KrippendorffUnitwise(ratings, measurement), options);
        const BootstrapResult generic = bootstrap(
            ratings, [&](const RatingMatrix &m) { return krippendorffAlphaValue(m, measurement); }, options);
        QVERIFY2(fast.ci && generic.ci, fast.reason.c_str());
        QVERIFY(std::abs(fast.ci->lower - generic.ci->lower) < 1e-12);
        QVERIFY(std::abs(fast.ci->upper - generic.ci->upper) < 1e-12);
        QCOMPARE(fast.used, generic.used);
        if (fast.acceleration)
            QVERIFY(std::abs(*fast.acceleration - *generic.acceleration) < 1e-12);
    }

    void bca_onTheMeanOfRightSkewedDataLiesAboveThePercentileInterval()
    {
        // Efron & Tibshirani (1993, ch. 14): for right-skewed data the jackknife gives a positive acceleration
        // (a = Σ(x_i − x̄)³ / (6 (Σ(x_i − x̄)²)^{3/2}) for the mean) and the median replicate lies below the estimate
        // (z0 > 0), so both BCa limits move up relative to the percentile ones.
        std::vector<double> values;
        for (int i = 1; i <= 40; ++i)
            values.push_back(std::pow(i / 40.0, 4.0));
        BootstrapOptions options;
        options.seed = 8;
        const BootstrapResult percentile = bootstrap(column(values), meanOfColumn, options);
        options.method = IntervalMethod::BootstrapBca;
        const BootstrapResult bca = bootstrap(column(values), meanOfColumn, options);
        QVERIFY2(percentile.ci && bca.ci, bca.reason.c_str());
        QCOMPARE(bca.method, IntervalMethod::BootstrapBca);
        QVERIFY(*bca.acceleration > 0);
        QVERIFY(*bca.biasCorrection > 0);
        QVERIFY(bca.ci->lower > percentile.ci->lower);
        QVERIFY(bca.ci->upper > percentile.ci->upper);

        // The acceleration of the mean, by hand from the formula above.
        const double mean = std::accumulate(values.begin(), values.end(), 0.0) / 40.0;
        double squares = 0;
        double cubes = 0;
        for (double x : values) {
            squares += (x - mean) * (x - mean);
            cubes += (x - mean) * (x - mean) * (x - mean);
        }
        QVERIFY(std::abs(*bca.acceleration - cubes / (6 * std::pow(squares, 1.5))) < 1e-12);
    }

    void bcaInterval_withoutBiasOrSkewIsThePercentileInterval()
    {
        // Replicates 1..100 around an estimate of 50.5 (half below: z0 = 0) and a symmetric jackknife (a = 0): the
        // adjusted shares are the nominal 2.5% and 97.5%, so the limits are 3.475 and 97.525 as computed above.
        std::vector<double> replicates(100);
        std::iota(replicates.begin(), replicates.end(), 1.0);
        const std::vector<double> jackknife{-1, 0, 1};
        const BcaInterval bca = bcaInterval(replicates, 50.5, jackknife, 0.95);
        QVERIFY(bca.ci);
        QCOMPARE(*bca.biasCorrection, 0.0);
        QCOMPARE(*bca.acceleration, 0.0);
        QVERIFY(std::abs(bca.ci->lower - 3.475) < 1e-9);
        QVERIFY(std::abs(bca.ci->upper - 97.525) < 1e-9);
    }

    void bcaInterval_isUndefinedWhenEveryReplicateIsOnOneSide()
    {
        const std::vector<double> replicates{1, 2, 3};
        const std::vector<double> jackknife{1, 2};
        const BcaInterval bca = bcaInterval(replicates, 5.0, jackknife, 0.95);
        QVERIFY(!bca.ci);
        QVERIFY(bca.reason.find("same side") != std::string::npos);
    }

    void bootstrap_dropsAndCountsReplicatesWhereTheStatisticIsUndefined()
    {
        // Undefined when unit 0 (the only 0) is drawn twice or more: about 1 − 0.9¹⁰ − 10·0.1·0.9⁹ ≈ 26% of
        // resamples of 10 units.
        const MatrixStatistic meanUnlessZeroRepeats = [](const RatingMatrix &m) -> std::optional<double> {
            std::size_t zeros = 0;
            for (std::size_t u = 0; u < m.units(); ++u)
                zeros += m.at(u, 0) == 0 ? 1 : 0;
            if (zeros >= 2)
                return std::nullopt;
            return meanOfColumn(m);
        };
        BootstrapOptions options;
        options.seed = 4;
        const BootstrapResult result =
            bootstrap(column({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), meanUnlessZeroRepeats, options);
        QVERIFY(result.ci);
        QCOMPARE(result.requested, std::size_t{2000});
        QVERIFY(result.used < 2000 * 0.8 && result.used > 2000 * 0.68);
        QCOMPARE(result.dropped(), result.requested - result.used);
    }

    void bootstrap_isUndefinedWhenTooFewReplicatesAreDefined()
    {
        // Defined on the data itself (units in order) and on a resample only when unit 0, the only 0, is drawn
        // twice or more: about 26% of resamples (see above), below the default minimum of 50%.
        const MatrixStatistic definedRarely = [](const RatingMatrix &m) -> std::optional<double> {
            std::size_t zeros = 0;
            bool inOrder = true;
            for (std::size_t u = 0; u < m.units(); ++u) {
                zeros += m.at(u, 0) == 0 ? 1 : 0;
                inOrder = inOrder && m.at(u, 0) == static_cast<double>(u);
            }
            if (inOrder || zeros >= 2)
                return static_cast<double>(zeros);
            return std::nullopt;
        };
        const auto values = column({0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        BootstrapOptions options;
        options.resamples = 1000;
        const BootstrapResult result = bootstrap(values, definedRarely, options);
        QVERIFY(!result.ci);
        QVERIFY(result.reason.find("defined in only") != std::string::npos);
        QVERIFY(result.used > 0 && result.used < 500);
        options.minimumDefinedShare = 0.1;
        QVERIFY(bootstrap(values, definedRarely, options).ci);
    }

    void bootstrap_isUndefinedWhenTheStatisticIsUndefinedOnTheData()
    {
        RatingMatrix ratings(5, 2);
        for (std::size_t u = 0; u < 5; ++u) {
            ratings.set(u, 0, 3);
            ratings.set(u, 1, 3);
        }
        const BootstrapResult result = bootstrap(KrippendorffUnitwise(ratings, MeasurementLevel::Nominal));
        QVERIFY(!result.ci && !result.estimate);
        QVERIFY(result.reason.find("undefined on the data") != std::string::npos);
        QCOMPARE(result.used, std::size_t{0});
    }

    void bootstrap_rejectsInvalidOptions_data()
    {
        QTest::addColumn<double>("level");
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("resamples");
        QTest::addColumn<double>("minimumShare");
        QTest::addColumn<QString>("reason");
        const int percentile = int(IntervalMethod::BootstrapPercentile);
        QTest::newRow("level 0") << 0.0 << percentile << 100 << 0.5 << "confidence level";
        QTest::newRow("level 1") << 1.0 << percentile << 100 << 0.5 << "confidence level";
        QTest::newRow("normal method") << 0.95 << int(IntervalMethod::Normal) << 100 << 0.5 << "percentile or BCa";
        QTest::newRow("no resamples") << 0.95 << percentile << 0 << 0.5 << "no resamples";
        QTest::newRow("share above 1") << 0.95 << percentile << 100 << 1.5 << "minimum share";
    }

    void bootstrap_rejectsInvalidOptions()
    {
        QFETCH(double, level);
        QFETCH(int, method);
        QFETCH(int, resamples);
        QFETCH(double, minimumShare);
        QFETCH(QString, reason);
        BootstrapOptions options;
        options.level = level;
        options.method = static_cast<IntervalMethod>(method);
        options.resamples = static_cast<std::size_t>(resamples);
        options.minimumDefinedShare = minimumShare;
        const BootstrapResult result = bootstrap(column({1, 2, 3}), meanOfColumn, options);
        QVERIFY(!result.ci);
        QVERIFY2(result.reason.find(reason.toStdString()) != std::string::npos, result.reason.c_str());
    }

    void bootstrap_ofNoUnitsGivesAReason()
    {
        const BootstrapResult result = bootstrap(RatingMatrix(), meanOfColumn);
        QVERIFY(!result.ci);
        QVERIFY(result.reason.find("no units") != std::string::npos);
    }

    void attachBootstrap_replacesTheIntervalAndKeepsTheStandardError()
    {
        const RatingMatrix ratings = agreementData(150, 3, 13);
        Estimate alpha = krippendorffAlpha(ratings, {MeasurementLevel::Interval, {}, 0.95});
        const double analyticSe = *alpha.se;
        BootstrapOptions options;
        options.resamples = 300;
        options.level = 0.90;
        const BootstrapResult result = bootstrap(KrippendorffUnitwise(ratings, MeasurementLevel::Interval), options);
        QVERIFY(attachBootstrap(alpha, result));
        QCOMPARE(alpha.ciMethod, IntervalMethod::BootstrapPercentile);
        QCOMPARE(alpha.confidenceLevel, 0.90);
        QCOMPARE(alpha.ci->lower, result.ci->lower);
        QCOMPARE(*alpha.se, analyticSe);
        QCOMPARE(*result.estimate, *alpha.value);

        Estimate unchanged = alpha;
        QVERIFY(!attachBootstrap(unchanged, BootstrapResult{}));
        QCOMPARE(unchanged.ci->lower, alpha.ci->lower);
    }

    void coverage_ofAlphaIntervalsIsNearTheNominalLevel()
    {
        // Short version: 200 studies of 200 items, B = 1000. With 200 studies the observed share has a standard error
        // of about 1.5 points around 95%, so 89-99% is the plausible range.
        const coverage::Summary summary =
            coverage::simulateAlphaCoverage(200, 200, 1000, 31, IntervalMethod::BootstrapPercentile);
        qInfo("alpha = %.2f: percentile bootstrap covers in %.1f%%, Gwet's t interval in %.1f%% of %zu studies",
              summary.trueAlpha, 100 * summary.bootstrapShare(), 100 * summary.analyticShare(), summary.studies);
        QCOMPARE(summary.withoutInterval, std::size_t{0});
        QVERIFY(summary.bootstrapShare() >= 0.89 && summary.bootstrapShare() <= 0.99);
        QVERIFY(summary.analyticShare() >= 0.89 && summary.analyticShare() <= 0.99);
    }
};

QTEST_APPLESS_MAIN(TestBootstrap)
#include "tst_bootstrap.moc"
