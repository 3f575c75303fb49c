// Calibration of judge probabilities: equal-width and equal-mass bins, ECE and MCE, the Brier score with Murphy's
// decomposition and its residual, wrong at high confidence, risk-coverage and AURC, top-label forecasts.
#include "stats/calibration.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace concord::stats;

Q_DECLARE_METATYPE(std::vector<double>)
Q_DECLARE_METATYPE(std::vector<int>)
Q_DECLARE_METATYPE(std::vector<std::size_t>)

namespace {

bool near(double actual, double expected, double tolerance = 1e-12)
{
    return std::abs(actual - expected) <= tolerance;
}

#define VERIFY_NEAR(actual, expected)                                                                                  \
    QVERIFY2(near((actual), (expected)), qPrintable(QStringLiteral("%1 is %2, expected %3")                            \
                                                        .arg(QString::fromLatin1(#actual))                             \
                                                        .arg(double(actual), 0, 'g', 17)                               \
                                                        .arg(double(expected), 0, 'g', 17)))

CalibrationOptions options(CalibrationBinning binning, std::size_t bins,
                           CalibrationVariant variant = CalibrationVariant::PositiveClass)
{
    CalibrationOptions o;
    o.binning = binning;
    o.bins = bins;
    o.variant = variant;
    return o;
}

std::vector<std::size_t> binCounts(const CalibrationResult &result)
{
    std::vector<std::size_t> counts;
    for (const ReliabilityBin &bin : result.bins)
        counts.push_back(bin.count);
    return counts;
}

// The 20-item cross-check: probabilities q/1000 with q drawn by numpy (default_rng(20240611).integers(1, 1000, 20),
// multiples of 100 moved up by 4 so that no value sits on a bin edge), labels drawn as Bernoulli(p) from the same
// generator.
const std::vector<double> sklearnProbabilities{0.475, 0.19,  0.507, 0.999, 0.282, 0.587, 0.968, 0.835, 0.244, 0.266,
                                               0.917, 0.113, 0.777, 0.786, 0.156, 0.52,  0.028, 0.936, 0.359, 0.644};
const std::vector<int> sklearnLabels{1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1};

// The hand-computed example of calibration_matchesHandComputedBinsEceMceAndBrier().
const std::vector<double> handProbabilities{0.05, 0.15, 0.15, 0.3, 0.3, 0.25, 0.8, 0.9, 0.9, 1.0};
const std::vector<int> handLabels{0, 0, 1, 1, 0, 0, 1, 1, 0, 1};

} // namespace

class TestCalibration : public QObject
{
    Q_OBJECT

private slots:
    void equalWidthBinIndex_data()
    {
        QTest::addColumn<double>("confidence");
        QTest::addColumn<int>("bins");
        QTest::addColumn<int>("expected");
        // Expected values from the definition: bin k is (k/M, (k+1)/M], 0 in bin 0, edges are double(k)/M.
        QTest::newRow("0 is in the first bin") << 0.0 << 10 << 0;
        QTest::newRow("smallest positive double") << std::numeric_limits<double>::denorm_min() << 10 << 0;
        QTest::newRow("0.1 closes bin 0") << 0.1 << 10 << 0;
        QTest::newRow("0.2 closes bin 1") << 0.2 << 10 << 1;
        QTest::newRow("0.3 closes bin 2 (0.2, 0.3]") << 0.3 << 10 << 2;
        QTest::newRow("0.5 closes bin 4") << 0.5 << 10 << 4;
        QTest::newRow("0.6 closes bin 5") << 0.6 << 10 << 5;
        QTest::newRow("0.7 closes bin 6") << 0.7 << 10 << 6;
        QTest::newRow("1 closes the last bin") << 1.0 << 10 << 9;
        // 0.1 * 3 evaluates to 0.30000000000000004, above the edge double(3)/10 = 0.3, so it opens bin 3.
        QTest::newRow("0.1*3 is above the edge 0.3") << 0.1 * 3 << 10 << 3;
        QTest::newRow("next double above 0.3") << std::nextafter(0.3, 1.0) << 10 << 3;
        QTest::newRow("next double below 0.3") << std::nextafter(0.3, 0.0) << 10 << 2;
        QTest::newRow("inside bin 3") << 0.35 << 10 << 3;
        QTest::newRow("1/3 closes bin 0 of 3") << 1.0 / 3.0 << 3 << 0;
        QTest::newRow("2/3 closes bin 1 of 3") << 2.0 / 3.0 << 3 << 1;
        QTest::newRow("one bin holds everything") << 0.77 << 1 << 0;
    }

    void equalWidthBinIndex()
    {
        QFETCH(double, confidence);
        QFETCH(int, bins);
        QFETCH(int, expected);
        QCOMPARE(concord::stats::equalWidthBinIndex(confidence, static_cast<std::size_t>(bins)),
                 static_cast<std::size_t>(expected));
    }

    void equalWidthBinIndex_putsEveryEdgeInTheBinItCloses()
    {
        // From the definition: for every M and k, the edge double(k)/M closes bin k-1 and the next double above it
        // opens bin k, whatever the rounding of edge·M.
        for (std::size_t bins = 1; bins <= 300; ++bins) {
            for (std::size_t k = 1; k <= bins; ++k) {
                const double edge = static_cast<double>(k) / static_cast<double>(bins);
                QCOMPARE(concord::stats::equalWidthBinIndex(edge, bins), k - 1);
                if (k < bins)
                    QCOMPARE(concord::stats::equalWidthBinIndex(std::nextafter(edge, 2.0), bins), k);
            }
        }
    }

    void calibration_binsTenthsRightClosedWithZeroInTheFirstBin()
    {
        // 0, 0.1, …, 1.0 with M = 10: by definition 0 and 0.1 share bin 0 = [0, 0.1], and k/10 closes bin k-1.
        const std::vector<double> probabilities{0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        const std::vector<int> labels(probabilities.size(), 1);
        const CalibrationResult result = calibration(probabilities, labels);
        QVERIFY(result.defined());
        QCOMPARE(binCounts(result), (std::vector<std::size_t>{2, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
        QCOMPARE(result.edges.size(), std::size_t{11});
        for (std::size_t k = 0; k <= 10; ++k)
            QCOMPARE(result.edges[k], static_cast<double>(k) / 10.0); // exact edges k/M
        QCOMPARE(result.bins[2].lower, 0.2);
        QCOMPARE(result.bins[2].upper, 0.3);
        QCOMPARE(result.bins[2].meanConfidence.value_or(-1), 0.3);  // 0.3 landed in (0.2, 0.3]
        QCOMPARE(result.bins[0].meanConfidence.value_or(-1), 0.05); // (0 + 0.1) / 2
    }

    void calibration_matchesHandComputedBinsEceMceAndBrier()
    {
        // Computed by hand from the definitions (M = 10, equal width):
        //   bin 0 (0, .1]:   .05              labels 0      n=1 f=.05   o=0    |gap|=.05
        //   bin 1 (.1, .2]:  .15 .15          labels 0 1    n=2 f=.15   o=.5   |gap|=.35
        //   bin 2 (.2, .3]:  .3 .3 .25        labels 1 0 0  n=3 f=.85/3 o=1/3  |gap|=.05
        //   bin 7 (.7, .8]:  .8               labels 1      n=1 f=.8    o=1    |gap|=.2
        //   bin 8 (.8, .9]:  .9 .9            labels 1 0    n=2 f=.9    o=.5   |gap|=.4
        //   bin 9 (.9, 1]:   1                labels 1      n=1 f=1     o=1    |gap|=0
        // ECE = (1·.05 + 2·.35 + 3·.05 + 1·.2 + 2·.4 + 0) / 10 = 1.9 / 10 = .19;  MCE = .4.
        // Brier = (.0025 + .0225 + .7225 + .49 + .09 + .0625 + .04 + .01 + .81 + 0) / 10 = 2.25 / 10 = .225.
        // Base rate 5/10: uncertainty = .5 · .5 = .25.
        // Reliability = (1·.0025 + 2·.1225 + 3·.0025 + 1·.04 + 2·.16 + 0) / 10 = .615 / 10 = .0615.
        // Resolution = (1·.25 + 0 + 3·(1/3 - 1/2)² + 1·.25 + 0 + 1·.25) / 10 = (.75 + 1/12) / 10 = 1/12.
        // Residual = .225 - (.0615 - 1/12 + .25) = -19/6000.
        // Within bin 2 (mean .85/3): deviations 1/60, 1/60, -1/30, squares sum 1/600 → variance term 1/6000;
        // covariance term (1/60·2/3 + 1/60·(-1/3) + (-1/30)·(-1/3)) / 10 = (1/60) / 10 = 1/600;
        // 1/6000 - 2/600 = -19/6000, the residual again.
        const CalibrationResult result = calibration(handProbabilities, handLabels);
        QVERIFY2(result.defined(), result.reason.c_str());
        QCOMPARE(result.n, std::size_t{10});
        QCOMPARE(result.variant, CalibrationVariant::PositiveClass);
        QCOMPARE(binCounts(result), (std::vector<std::size_t>{1, 2, 3, 0, 0, 0, 0, 1, 2, 1}));
        QVERIFY(!result.bins[3].meanConfidence && !result.bins[3].observedFrequency); // empty bins have no mean
        VERIFY_NEAR(*result.bins[1].observedFrequency, 0.5);
        VERIFY_NEAR(*result.bins[2].meanConfidence, 0.85 / 3.0);
        VERIFY_NEAR(*result.bins[2].observedFrequency, 1.0 / 3.0);
        VERIFY_NEAR(*result.ece.value, 0.19);
        VERIFY_NEAR(*result.mce.value, 0.4);
        QCOMPARE(result.ece.nUnits, std::size_t{10});
        QCOMPARE(result.ece.nRatings, std::size_t{10});
        QCOMPARE(result.ece.nRaters, std::size_t{1});
        const BrierScore &brier = result.brier;
        VERIFY_NEAR(*brier.brier.value, 0.225);
        VERIFY_NEAR(*brier.reliability, 0.0615);
        VERIFY_NEAR(*brier.resolution, 1.0 / 12.0);
        VERIFY_NEAR(*brier.uncertainty, 0.25);
        VERIFY_NEAR(*brier.residual, -19.0 / 6000.0);
        VERIFY_NEAR(*brier.withinBinVariance, 1.0 / 6000.0);
        VERIFY_NEAR(*brier.withinBinCovariance, 1.0 / 600.0);

        // brierScore() alone gives the same decomposition.
        const BrierScore alone = brierScore(handProbabilities, handLabels);
        QCOMPARE(*alone.brier.value, *brier.brier.value);
        QCOMPARE(*alone.residual, *brier.residual);
    }

    void brierDecomposition_identityHolds_data()
    {
        QTest::addColumn<std::vector<double>>("probabilities");
        QTest::addColumn<std::vector<int>>("labels");
        QTest::addColumn<int>("binning");
        QTest::addColumn<int>("bins");
        const int width = int(CalibrationBinning::EqualWidth);
        const int mass = int(CalibrationBinning::EqualMass);
        QTest::newRow("hand example") << handProbabilities << handLabels << width << 10;
        QTest::newRow("hand example, equal mass") << handProbabilities << handLabels << mass << 4;
        QTest::newRow("20 items") << sklearnProbabilities << sklearnLabels << width << 10;
        QTest::newRow("20 items, 3 bins") << sklearnProbabilities << sklearnLabels << width << 3;
        QTest::newRow("20 items, equal mass") << sklearnProbabilities << sklearnLabels << mass << 5;
        QTest::newRow("one bin") << sklearnProbabilities << sklearnLabels << width << 1;
        QTest::newRow("single class") << std::vector<double>{0.1, 0.4, 0.45, 0.9} << std::vector<int>{0, 0, 0, 0}
                                      << width << 10;
    }

    void brierDecomposition_identityHolds()
    {
        // The identity brier = reliability - resolution + uncertainty + residual holds by the definition of the
        // residual, and residual = withinBinVariance - 2·withinBinCovariance (Stephenson, Coelho & Jolliffe 2008,
        // eq. 8) is an independent check of it; both to rounding.
        QFETCH(std::vector<double>, probabilities);
        QFETCH(std::vector<int>, labels);
        QFETCH(int, binning);
        QFETCH(int, bins);
        const BrierScore score =
            brierScore(probabilities, labels, options(static_cast<CalibrationBinning>(binning), std::size_t(bins)));
        QVERIFY2(score.brier.defined(), score.brier.reason.c_str());
        const double recomposed = *score.reliability - *score.resolution + *score.uncertainty + *score.residual;
        QVERIFY(near(recomposed, *score.brier.value, 1e-15));
        QVERIFY(near(*score.residual, *score.withinBinVariance - 2.0 * *score.withinBinCovariance, 1e-15));
    }

    void calibration_edgeProbabilities_data()
    {
        QTest::addColumn<std::vector<double>>("probabilities");
        QTest::addColumn<std::vector<int>>("labels");
        QTest::addColumn<double>("ece");
        QTest::addColumn<double>("brier");
        QTest::addColumn<double>("reliability");
        QTest::addColumn<double>("resolution");
        QTest::addColumn<double>("uncertainty");
        // All by hand from the definitions.
        // Certain and right: every gap and squared error is 0; one outcome only, so ō(1-ō) = 0 and no resolution.
        QTest::newRow("all 0, all negative")
            << std::vector<double>{0, 0, 0} << std::vector<int>{0, 0, 0} << 0.0 << 0.0 << 0.0 << 0.0 << 0.0;
        QTest::newRow("all 1, all positive")
            << std::vector<double>{1, 1} << std::vector<int>{1, 1} << 0.0 << 0.0 << 0.0 << 0.0 << 0.0;
        // Certain and wrong: gap 1, squared error 1; reliability 1, base rate 0.
        QTest::newRow("1, but negative") << std::vector<double>{1, 1} << std::vector<int>{0, 0} << 1.0 << 1.0 << 1.0
                                         << 0.0 << 0.0;
        // 0.5 on a balanced sample, all in bin 4 (0.4, 0.5]: f = o = .5, Brier .25 = uncertainty .5·.5.
        QTest::newRow("all 0.5, balanced") << std::vector<double>{0.5, 0.5, 0.5, 0.5} << std::vector<int>{1, 0, 1, 0}
                                           << 0.0 << 0.25 << 0.0 << 0.0 << 0.25;
        // 0 and 1, each right: bins 0 and 9, gaps 0; resolution (2·.25 + 2·.25)/4 = .25 = uncertainty.
        QTest::newRow("0 and 1, both right")
            << std::vector<double>{0, 0, 1, 1} << std::vector<int>{0, 0, 1, 1} << 0.0 << 0.0 << 0.0 << 0.25 << 0.25;
        // One item, 0.5 and positive: gap .5, squared error .25, reliability .25, one outcome only.
        QTest::newRow("single item") << std::vector<double>{0.5} << std::vector<int>{1} << 0.5 << 0.25 << 0.25 << 0.0
                                     << 0.0;
    }

    void calibration_edgeProbabilities()
    {
        QFETCH(std::vector<double>, probabilities);
        QFETCH(std::vector<int>, labels);
        QFETCH(double, ece);
        QFETCH(double, brier);
        QFETCH(double, reliability);
        QFETCH(double, resolution);
        QFETCH(double, uncertainty);
        const CalibrationResult result = calibration(probabilities, labels);
        QVERIFY2(result.defined(), result.reason.c_str());
        VERIFY_NEAR(*result.ece.value, ece);
        VERIFY_NEAR(*result.brier.brier.value, brier);
        VERIFY_NEAR(*result.brier.reliability, reliability);
        VERIFY_NEAR(*result.brier.resolution, resolution);
        VERIFY_NEAR(*result.brier.uncertainty, uncertainty);
        VERIFY_NEAR(*result.brier.residual, 0.0); // one forecast value per bin: no within-bin spread
    }

    void equalMassBins_data()
    {
        QTest::addColumn<std::vector<double>>("probabilities");
        QTest::addColumn<int>("bins");
        QTest::addColumn<std::vector<double>>("edges");
        QTest::addColumn<std::vector<std::size_t>>("counts");
        // By hand from the rule: inner edge k = the ceil(k·n/M)-th smallest value, bins (e_k, e_{k+1}].
        // n = 10, M = 4: ranks ceil(2.5) = 3, 5, ceil(7.5) = 8 → edges .3, .5, .8; sizes 3, 2, 3, 2.
        QTest::newRow("no ties") << std::vector<double>{0.7, 0.1, 0.5, 0.3, 0.9, 0.2, 1.0, 0.4, 0.8, 0.6} << 4
                                 << std::vector<double>{0, 0.3, 0.5, 0.8, 1} << std::vector<std::size_t>{3, 2, 3, 2};
        // n = 8, M = 4: ranks 2, 4, 6 → edges .2, .2, .5. The four tied .2 stay together in bin 0, bin 1 = (.2, .2]
        // is empty, bin 2 holds the two .5, bin 3 the rest.
        QTest::newRow("ties kept in the lower bin")
            << std::vector<double>{0.2, 0.9, 0.2, 0.5, 0.2, 0.7, 0.5, 0.2} << 4
            << std::vector<double>{0, 0.2, 0.2, 0.5, 1} << std::vector<std::size_t>{4, 0, 2, 2};
        // n = 5, M = 2: rank ceil(2.5) = 3 → edge .4; the tie .4, .4 crosses the split and stays in bin 0.
        QTest::newRow("tie across one split") << std::vector<double>{0.1, 0.4, 0.4, 0.4, 0.8} << 2
                                              << std::vector<double>{0, 0.4, 1} << std::vector<std::size_t>{4, 1};
        // n = 2, M = 4: ranks 1, 1, 2 → edges .3, .3, .6.
        QTest::newRow("fewer items than bins")
            << std::vector<double>{0.6, 0.3} << 4 << std::vector<double>{0, 0.3, 0.3, 0.6, 1}
            << std::vector<std::size_t>{1, 0, 1, 0};
        // n = 4, M = 2: rank 2 → edge 0; both zeros in bin 0 = [0, 0].
        QTest::newRow("zeros") << std::vector<double>{0, 1, 0, 0.4} << 2 << std::vector<double>{0, 0, 1}
                               << std::vector<std::size_t>{2, 2};
        QTest::newRow("one bin") << std::vector<double>{0.3, 0.1} << 1 << std::vector<double>{0, 1}
                                 << std::vector<std::size_t>{2};
    }

    void equalMassBins()
    {
        QFETCH(std::vector<double>, probabilities);
        QFETCH(int, bins);
        QFETCH(std::vector<double>, edges);
        QFETCH(std::vector<std::size_t>, counts);
        const std::vector<int> labels(probabilities.size(), 0);
        const CalibrationResult result =
            calibration(probabilities, labels, options(CalibrationBinning::EqualMass, std::size_t(bins)));
        QVERIFY2(result.defined(), result.reason.c_str());
        QCOMPARE(result.binning, CalibrationBinning::EqualMass);
        QCOMPARE(result.edges, edges);
        QCOMPARE(binCounts(result), counts);
        for (std::size_t k = 0; k < result.bins.size(); ++k) {
            QCOMPARE(result.bins[k].lower, edges[k]);
            QCOMPARE(result.bins[k].upper, edges[k + 1]);
        }
    }

    void equalMassEdges_matchTheSortedQuantilesOnRandomData()
    {
        // Expected edges straight from the definition (sort, take the ceil(k·n/M)-th smallest), and every forecast in
        // the bin whose (e_k, e_{k+1}] holds it; on seeded data on a 0.05 grid, so ties cross the splits.
        std::mt19937_64 generator(11);
        std::uniform_int_distribution<int> grid(0, 20);
        for (std::size_t n : {1, 2, 7, 100, 1001}) {
            for (std::size_t bins : {1, 3, 10, 50}) {
                std::vector<double> probabilities(n);
                for (double &p : probabilities)
                    p = grid(generator) / 20.0;
                const std::vector<int> labels(n, 1);
                const CalibrationResult result =
                    calibration(probabilities, labels, options(CalibrationBinning::EqualMass, bins));
                QVERIFY2(result.defined(), result.reason.c_str());
                std::vector<double> sorted = probabilities;
                std::sort(sorted.begin(), sorted.end());
                QCOMPARE(result.edges.front(), 0.0);
                QCOMPARE(result.edges.back(), 1.0);
                for (std::size_t k = 1; k < bins; ++k)
                    QCOMPARE(result.edges[k], sorted[(k * n + bins - 1) / bins - 1]);
                std::vector<std::size_t> expected(bins, 0);
                for (double p : probabilities) {
                    std::size_t k = 0;
                    while (k + 1 < bins && p > result.edges[k + 1])
                        ++k;
                    ++expected[k];
                }
                QCOMPARE(binCounts(result), expected);
            }
        }
    }

    void equalMass_matchesHandComputedEceAndMce()
    {
        // Values .1 … 1 with M = 4 (bins of 3, 2, 3, 2 as in equalMassBins "no ties"), computed by hand:
        //   bin 0 .1 .2 .3  labels 0 0 1  f = .2   o = 1/3  gap 2/15
        //   bin 1 .4 .5     labels 0 1    f = .45  o = .5   gap .05
        //   bin 2 .6 .7 .8  labels 1 0 1  f = .7   o = 2/3  gap 1/30
        //   bin 3 .9 1      labels 1 1    f = .95  o = 1    gap .05
        // ECE = (3·2/15 + 2·.05 + 3·1/30 + 2·.05) / 10 = (.4 + .1 + .1 + .1) / 10 = .07;  MCE = 2/15.
        const std::vector<double> probabilities{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        const std::vector<int> labels{0, 0, 1, 0, 1, 1, 0, 1, 1, 1};
        const CalibrationResult result = calibration(probabilities, labels, options(CalibrationBinning::EqualMass, 4));
        QVERIFY2(result.defined(), result.reason.c_str());
        VERIFY_NEAR(*result.ece.value, 0.07);
        VERIFY_NEAR(*result.mce.value, 2.0 / 15.0);
        VERIFY_NEAR(*result.bins[2].observedFrequency, 2.0 / 3.0);
    }

    void brierScore_matchesScikitLearn()
    {
        // sklearn.metrics.brier_score_loss(y, p) on the 20 items: 0.21629125 (scikit-learn 1.2, Debian 12).
        const BrierScore score = brierScore(sklearnProbabilities, sklearnLabels);
        QVERIFY2(score.brier.defined(), score.brier.reason.c_str());
        VERIFY_NEAR(*score.brier.value, 0.21629125);
        QCOMPARE(score.brier.nUnits, std::size_t{20});
    }

    void reliabilityBins_matchScikitLearnCalibrationCurve()
    {
        // sklearn.calibration.calibration_curve(y, p, n_bins=10, strategy="uniform") on the 20 items (scikit-learn
        // 1.2, Debian 12). It returns only the non-empty bins; here all ten are filled, with counts
        // 1, 3, 3, 1, 1, 3, 1, 2, 1, 4 (numpy.searchsorted on its inner edges). scikit-learn 1.2 assigns a value to
        // bin i when edge_i < p <= edge_{i+1}, right-closed like ours, but its edges come from
        // numpy.linspace(0, 1, 11) (edge 3 is 0.30000000000000004, not 0.3), so values on or next to an edge could
        // differ; none of these 20 is on an edge. ECE and MCE weighted by those counts: 0.23835 and 0.835.
        const std::vector<double> prob_true{0.0, 0.0, 0.3333333333333333, 0.0, 1.0, 0.3333333333333333, 1.0, 0.5,
                                            0.0, 0.75};
        const std::vector<double> prob_pred{0.028, 0.153,
                                            0.264, 0.359,
                                            0.475, 0.5379999999999999,
                                            0.644, 0.7815000000000001,
                                            0.835, 0.9550000000000001};
        const CalibrationResult result = calibration(sklearnProbabilities, sklearnLabels);
        QVERIFY2(result.defined(), result.reason.c_str());
        QCOMPARE(binCounts(result), (std::vector<std::size_t>{1, 3, 3, 1, 1, 3, 1, 2, 1, 4}));
        for (std::size_t k = 0; k < 10; ++k) {
            VERIFY_NEAR(*result.bins[k].observedFrequency, prob_true[k]);
            VERIFY_NEAR(*result.bins[k].meanConfidence, prob_pred[k]);
        }
        VERIFY_NEAR(*result.ece.value, 0.23835);
        VERIFY_NEAR(*result.mce.value, 0.835);
    }

    void wrongAtHighConfidence_countsWrongPredictionsWithWilsonIntervals()
    {
        // Top-label data, counted by hand:
        //   t = .8:  .95 .95 .9 .85 .8 .99 → 6 confident, wrong: .95 (2nd), .9, .8 → 3, share .5
        //   t = .9:  .95 .95 .9 .99       → 4 confident, wrong 2, share .5
        //   t = .95: .95 .95 .99          → 3 confident, wrong 1, share 1/3
        // Wilson 95% intervals from statsmodels 0.13.5 proportion_confint(method="wilson") (Debian 12):
        //   3/6: (0.18761630648265054, 0.8123836935173494); 2/4: (0.15003898915214947, 0.8499610108478506);
        //   1/3: (0.06149194472039626, 0.7923403991979523).
        const std::vector<double> confidences{0.95, 0.95, 0.9, 0.85, 0.8, 0.79, 0.99};
        const std::vector<int> correct{1, 0, 0, 1, 0, 0, 1};
        const std::vector<double> thresholds{0.8, 0.9, 0.95};
        const std::vector<HighConfidenceErrors> results = wrongAtHighConfidence(confidences, correct, thresholds);
        QCOMPARE(results.size(), std::size_t{3});
        const std::size_t confident[] = {6, 4, 3};
        const std::size_t wrong[] = {3, 2, 1};
        const Interval wilson[] = {{0.18761630648265054, 0.8123836935173494},
                                   {0.15003898915214947, 0.8499610108478506},
                                   {0.06149194472039626, 0.7923403991979523}};
        for (std::size_t t = 0; t < 3; ++t) {
            QCOMPARE(results[t].threshold, thresholds[t]);
            QCOMPARE(results[t].confident, confident[t]);
            QCOMPARE(results[t].wrong, wrong[t]);
            VERIFY_NEAR(*results[t].share.value, double(wrong[t]) / double(confident[t]));
            QCOMPARE(results[t].share.nUnits, confident[t]);
            QCOMPARE(results[t].share.ciMethod, IntervalMethod::Wilson);
            VERIFY_NEAR(results[t].share.ci->lower, wilson[t].lower);
            VERIFY_NEAR(results[t].share.ci->upper, wilson[t].upper);
        }
    }

    void wrongAtHighConfidence_isUndefinedWithoutConfidentPredictions()
    {
        const std::vector<double> confidences{0.5, 0.6};
        const std::vector<int> correct{1, 0};
        const std::vector<double> thresholds{0.9, 1.5};
        const std::vector<HighConfidenceErrors> results = wrongAtHighConfidence(confidences, correct, thresholds);
        QVERIFY(!results[0].share.defined());
        QCOMPARE(results[0].confident, std::size_t{0});
        QVERIFY(results[0].share.reason.find("no prediction") != std::string::npos);
        QVERIFY(!results[1].share.defined());
        QVERIFY(results[1].share.reason.find("outside [0, 1]") != std::string::npos);
    }

    void calibration_positiveClassUsesTheBinaryTopLabelForSelectivePrediction()
    {
        // p, label → predicted (1 when p > .5), confidence max(p, 1-p), right? (by hand):
        //   .08 1 → 0 .92 wrong;  .97 0 → 1 .97 wrong;  .5 1 → 0 (tie goes to 0) .5 wrong;
        //   .85 1 → 1 .85 right;  .04 0 → 0 .96 right;  .3 0 → 0 .7 right.
        // Wrong at high confidence: t=.8: .92 .97 .85 .96 → 4, 2 wrong; t=.9: .92 .97 .96 → 3, 2 wrong;
        // t=.95: .97 .96 → 2, 1 wrong.
        // Risk-coverage (by decreasing confidence .97 w, .96 r, .92 w, .85 r, .7 r, .5 w): risks 1, 1/2, 2/3, 2/4,
        // 2/5, 3/6; AURC = (1 + 1/2 + 2/3 + 1/2 + 2/5 + 1/2) / 6 = (107/30) / 6 = 107/180.
        const std::vector<double> probabilities{0.08, 0.97, 0.5, 0.85, 0.04, 0.3};
        const std::vector<int> labels{1, 0, 1, 1, 0, 0};
        const CalibrationResult result = calibration(probabilities, labels);
        QVERIFY2(result.defined(), result.reason.c_str());
        QCOMPARE(result.wrongAtHighConfidence.size(), std::size_t{3});
        QCOMPARE(result.wrongAtHighConfidence[0].confident, std::size_t{4});
        QCOMPARE(result.wrongAtHighConfidence[0].wrong, std::size_t{2});
        QCOMPARE(result.wrongAtHighConfidence[1].confident, std::size_t{3});
        QCOMPARE(result.wrongAtHighConfidence[1].wrong, std::size_t{2});
        QCOMPARE(result.wrongAtHighConfidence[2].confident, std::size_t{2});
        QCOMPARE(result.wrongAtHighConfidence[2].wrong, std::size_t{1});
        QCOMPARE(result.riskCoverage.points.size(), std::size_t{6});
        QCOMPARE(result.riskCoverage.points.front().confidence, 0.97);
        QCOMPARE(result.riskCoverage.points.back().confidence, 0.5);
        VERIFY_NEAR(*result.riskCoverage.aurc.value, 107.0 / 180.0);

        // The same forecasts given as top-label pairs give the same selective summaries.
        const std::vector<double> confidences{0.92, 0.97, 0.5, 0.85, 0.96, 0.7};
        const std::vector<int> correct{0, 0, 0, 1, 1, 1};
        const RiskCoverageCurve direct = riskCoverage(confidences, correct);
        VERIFY_NEAR(*direct.aurc.value, 107.0 / 180.0);
    }

    void riskCoverage_takesTiesTogether()
    {
        // By hand: (.9 right), (.8 wrong), (.8 right), (.7 right), (.6 wrong).
        //   v = .9: covers 1, wrong 0, risk 0
        //   v = .8: covers 3, wrong 1, risk 1/3 (both .8 enter together)
        //   v = .7: covers 4, wrong 1, risk 1/4
        //   v = .6: covers 5, wrong 2, risk 2/5
        // AURC = (1·0 + 2·1/3 + 1·1/4 + 1·2/5) / 5 = (79/60) / 5 = 79/300.
        const std::vector<double> confidences{0.8, 0.6, 0.9, 0.7, 0.8};
        const std::vector<int> correct{0, 0, 1, 1, 1};
        const RiskCoverageCurve curve = riskCoverage(confidences, correct);
        QVERIFY2(curve.aurc.defined(), curve.aurc.reason.c_str());
        QCOMPARE(curve.points.size(), std::size_t{4});
        const double expectedRisk[] = {0.0, 1.0 / 3.0, 0.25, 0.4};
        const std::size_t expectedCovered[] = {1, 3, 4, 5};
        for (std::size_t g = 0; g < 4; ++g) {
            QCOMPARE(curve.points[g].covered, expectedCovered[g]);
            VERIFY_NEAR(curve.points[g].coverage, double(expectedCovered[g]) / 5.0);
            VERIFY_NEAR(curve.points[g].risk, expectedRisk[g]);
        }
        QCOMPARE(curve.points[1].confidence, 0.8);
        VERIFY_NEAR(*curve.aurc.value, 79.0 / 300.0);
        QCOMPARE(curve.aurc.nUnits, std::size_t{5});

        // The order of the input, including within the tie, does not matter.
        const std::vector<double> reordered{0.8, 0.8, 0.7, 0.9, 0.6};
        const std::vector<int> reorderedCorrect{1, 0, 1, 1, 0};
        QCOMPARE(*riskCoverage(reordered, reorderedCorrect).aurc.value, *curve.aurc.value);
    }

    void riskCoverage_withoutTiesIsTheMeanRiskOverTheNCoverages()
    {
        // Geifman, Uziel & El-Yaniv (2019) empirical AURC = (1/n) Σ_i risk(i/n); by hand for (.9 wrong), (.7 right),
        // (.5 right): risks 1, 1/2, 1/3 → (1 + 1/2 + 1/3) / 3 = 11/18.
        const std::vector<double> confidences{0.5, 0.9, 0.7};
        const std::vector<int> correct{1, 0, 1};
        VERIFY_NEAR(*riskCoverage(confidences, correct).aurc.value, 11.0 / 18.0);
    }

    void topLabelForecasts_takesTheArgmaxWithTiesToTheLowestIndex()
    {
        // Three items × three categories, by hand:
        //   (.2 .5 .3) true 1 → predicted 1, confidence .5, right
        //   (.4 .4 .2) true 1 → tie between 0 and 1 → predicted 0, confidence .4, wrong
        //   (.1 .1 .8) true 0 → predicted 2, confidence .8, wrong
        const std::vector<double> probabilities{0.2, 0.5, 0.3, 0.4, 0.4, 0.2, 0.1, 0.1, 0.8};
        const std::vector<int> truth{1, 1, 0};
        const TopLabelForecasts forecasts = topLabelForecasts(probabilities, 3, truth);
        QVERIFY2(forecasts.valid(), forecasts.reason.c_str());
        QCOMPARE(forecasts.predicted, (std::vector<std::size_t>{1, 0, 2}));
        QCOMPARE(forecasts.confidence, (std::vector<double>{0.5, 0.4, 0.8}));
        QCOMPARE(forecasts.correct, (std::vector<int>{1, 0, 0}));

        // Top-label calibration on them (M = 10): bins 3 (.4), 4 (.5), 7 (.8) with gaps .4, .5, .8;
        // ECE = (.4 + .5 + .8) / 3 = 1.7/3, MCE = .8 (by hand).
        const CalibrationResult result =
            calibration(forecasts.confidence, forecasts.correct,
                        options(CalibrationBinning::EqualWidth, 10, CalibrationVariant::TopLabel));
        QVERIFY2(result.defined(), result.reason.c_str());
        QCOMPARE(result.variant, CalibrationVariant::TopLabel);
        VERIFY_NEAR(*result.ece.value, 1.7 / 3.0);
        VERIFY_NEAR(*result.mce.value, 0.8);
        // The top-label variant uses the pairs as given for the selective summaries: (.8 wrong) is the only one
        // at or above .8.
        QCOMPARE(result.wrongAtHighConfidence[0].confident, std::size_t{1});
        QCOMPARE(result.wrongAtHighConfidence[0].wrong, std::size_t{1});
    }

    void topLabelForecasts_rejectsInvalidInput_data()
    {
        QTest::addColumn<std::vector<double>>("probabilities");
        QTest::addColumn<int>("categories");
        QTest::addColumn<std::vector<int>>("truth");
        QTest::addColumn<QString>("reason");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("NaN") << std::vector<double>{0.5, 0.5, 0.2, nan} << 2 << std::vector<int>{0, 1}
                             << QStringLiteral("probability of category 1 for the item at index 1 is NaN");
        QTest::newRow("above 1") << std::vector<double>{1.2, 0.5} << 2 << std::vector<int>{0}
                                 << QStringLiteral("probability of category 0 for the item at index 0 is 1.2");
        QTest::newRow("true category out of range") << std::vector<double>{0.5, 0.5} << 2 << std::vector<int>{2}
                                                    << QStringLiteral("true category at index 0 is 2");
        QTest::newRow("sizes differ") << std::vector<double>{0.5, 0.5, 0.1} << 2 << std::vector<int>{0}
                                      << QStringLiteral("3 probabilities for 1 items");
        QTest::newRow("no categories") << std::vector<double>{} << 0 << std::vector<int>{}
                                       << QStringLiteral("no categ");
    }

    void topLabelForecasts_rejectsInvalidInput()
    {
        QFETCH(std::vector<double>, probabilities);
        QFETCH(int, categories);
        QFETCH(std::vector<int>, truth);
        QFETCH(QString, reason);
        const TopLabelForecasts forecasts = topLabelForecasts(probabilities, std::size_t(categories), truth);
        QVERIFY(!forecasts.valid());
        QVERIFY(forecasts.confidence.empty());
        QVERIFY2(forecasts.reason.find(reason.toStdString()) != std::string::npos, forecasts.reason.c_str());
    }

    void calibration_isUndefinedWithAReason_data()
    {
        QTest::addColumn<std::vector<double>>("probabilities");
        QTest::addColumn<std::vector<int>>("labels");
        QTest::addColumn<int>("bins");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<double>("level");
        QTest::addColumn<QString>("reason");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("empty") << std::vector<double>{} << std::vector<int>{} << 10 << 0.9 << 0.95
                               << QStringLiteral("no forecasts");
        QTest::newRow("NaN names its index") << std::vector<double>{0.1, 0.2, nan} << std::vector<int>{0, 1, 0} << 10
                                             << 0.9 << 0.95 << QStringLiteral("probability at index 2 is NaN");
        QTest::newRow("above 1") << std::vector<double>{0.1, 1.5} << std::vector<int>{0, 1} << 10 << 0.9 << 0.95
                                 << QStringLiteral("probability at index 1 is 1.5, outside [0, 1]");
        QTest::newRow("below 0") << std::vector<double>{-0.1} << std::vector<int>{0} << 10 << 0.9 << 0.95
                                 << QStringLiteral("probability at index 0 is -0.1");
        QTest::newRow("label not 0 or 1") << std::vector<double>{0.1, 0.2} << std::vector<int>{0, 2} << 10 << 0.9
                                          << 0.95 << QStringLiteral("label at index 1 is 2, not 0 or 1");
        QTest::newRow("lengths differ") << std::vector<double>{0.1, 0.2} << std::vector<int>{0} << 10 << 0.9 << 0.95
                                        << QStringLiteral("2 probability values but 1 label values");
        QTest::newRow("no bins") << std::vector<double>{0.1} << std::vector<int>{0} << 0 << 0.9 << 0.95
                                 << QStringLiteral("number of bins");
        QTest::newRow("threshold above 1") << std::vector<double>{0.1} << std::vector<int>{0} << 10 << 1.2 << 0.95
                                           << QStringLiteral("threshold 1.2 is outside [0, 1]");
        QTest::newRow("confidence level 1") << std::vector<double>{0.1} << std::vector<int>{0} << 10 << 0.9 << 1.0
                                            << QStringLiteral("confidence level 1");
    }

    void calibration_isUndefinedWithAReason()
    {
        QFETCH(std::vector<double>, probabilities);
        QFETCH(std::vector<int>, labels);
        QFETCH(int, bins);
        QFETCH(double, threshold);
        QFETCH(double, level);
        QFETCH(QString, reason);
        CalibrationOptions o;
        o.bins = std::size_t(bins);
        o.highConfidenceThresholds = {threshold};
        o.confidenceLevel = level;
        const CalibrationResult result = calibration(probabilities, labels, o);
        QVERIFY(!result.defined());
        QVERIFY2(result.reason.find(reason.toStdString()) != std::string::npos, result.reason.c_str());
        QVERIFY(!result.ece.defined() && !result.mce.defined() && !result.brier.brier.defined());
        QVERIFY(!result.riskCoverage.aurc.defined());
        QVERIFY(!result.brier.residual && result.bins.empty());
        QCOMPARE(result.ece.reason, result.reason);
        if (threshold <= 1.0 && level < 1.0) // brierScore() has no thresholds or intervals, only data and bins
            QVERIFY(!brierScore(probabilities, labels, o).brier.defined());
    }

    void names_roundTrip()
    {
        for (CalibrationVariant variant : {CalibrationVariant::PositiveClass, CalibrationVariant::TopLabel})
            QCOMPARE(calibrationVariantFromName(calibrationVariantName(variant)), std::optional(variant));
        for (CalibrationBinning binning : {CalibrationBinning::EqualWidth, CalibrationBinning::EqualMass})
            QCOMPARE(calibrationBinningFromName(calibrationBinningName(binning)), std::optional(binning));
        QCOMPARE(std::string(calibrationVariantName(CalibrationVariant::TopLabel)), std::string("top_label"));
        QCOMPARE(std::string(calibrationBinningName(CalibrationBinning::EqualMass)), std::string("equal_mass"));
        QVERIFY(!calibrationBinningFromName("quantile"));
    }

    void calibration_millionItemsStaySelfConsistent()
    {
        // A seeded million forecasts with labels drawn from them (so calibrated up to noise); both binnings count
        // every forecast once and find it calibrated.
        std::mt19937_64 generator(7);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        const std::size_t n = 1'000'000;
        std::vector<double> probabilities(n);
        std::vector<int> labels(n);
        for (std::size_t i = 0; i < n; ++i) {
            probabilities[i] = std::round(uniform(generator) * 1000.0) / 1000.0; // many ties and edge values
            labels[i] = uniform(generator) < probabilities[i] ? 1 : 0;
        }
        for (CalibrationBinning binning : {CalibrationBinning::EqualWidth, CalibrationBinning::EqualMass}) {
            const CalibrationResult result = calibration(probabilities, labels, options(binning, 15));
            QVERIFY2(result.defined(), result.reason.c_str());
            std::size_t total = 0;
            for (const ReliabilityBin &bin : result.bins)
                total += bin.count;
            QCOMPARE(total, n);
            QVERIFY(*result.ece.value < 0.01); // calibrated by construction
            QCOMPARE(result.riskCoverage.points.back().covered, n);
            // Confidences max(p, 1-p): p above .5 (500 grid values) or the double 1-p (501), at most 1001 distinct.
            QVERIFY(result.riskCoverage.points.size() <= 1001);
            const double recomposed = *result.brier.reliability - *result.brier.resolution + *result.brier.uncertainty +
                                      *result.brier.residual;
            QVERIFY(near(recomposed, *result.brier.brier.value, 1e-14));
        }
    }
};

QTEST_APPLESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
