// A judge against a reference: confusion matrix over declared categories, exact and within-one agreement, mean signed
// difference, and the binary view (sensitivity, specificity, PPV, NPV, accuracy, F1, macro-F1) with Wilson intervals;
// against hand-computed tables, scikit-learn, statsmodels and SciPy, and the cases where a measure is undefined.
#include "stats/confusion.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <vector>

using namespace concord::stats;

Q_DECLARE_METATYPE(std::vector<double>)

namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

bool near(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance;
}

#define VERIFY_NEAR(actual, expected, tolerance)                                                                       \
    QVERIFY2(near((actual), (expected), (tolerance)), qPrintable(QStringLiteral("%1 is %2, expected %3")               \
                                                                     .arg(QString::fromLatin1(#actual))                \
                                                                     .arg(double(actual), 0, 'g', 17)                  \
                                                                     .arg(double(expected), 0, 'g', 17)))

#define VERIFY_ESTIMATE(estimate, expectedValue, expectedLower, expectedUpper)                                         \
    do {                                                                                                               \
        const Estimate &e_ = (estimate);                                                                               \
        QVERIFY2(e_.defined(), e_.reason.c_str());                                                                     \
        VERIFY_NEAR(*e_.value, (expectedValue), 1e-12);                                                                \
        QVERIFY(e_.ci.has_value());                                                                                    \
        VERIFY_NEAR(e_.ci->lower, (expectedLower), 1e-12);                                                             \
        VERIFY_NEAR(e_.ci->upper, (expectedUpper), 1e-12);                                                             \
    } while (false)

// Harm ratings 0–3 on a declared 0–4 scale (4 unused) of 20 items by a reference and a judge. Expected values below
// come from these lists with scikit-learn 1.2.1, statsmodels 0.13.5 and SciPy 1.10.1 (Debian 12), printed with repr().
const std::vector<double> referenceRatings{0, 0, 1, 1, 2, 2, 3, 3, 1, 0, 2, 3, 1, 0, 2, 1, 3, 0, 2, 1};
const std::vector<double> judgeRatings{0, 1, 1, 0, 2, 1, 3, 1, 1, 0, 3, 3, 0, 0, 1, 1, 3, 1, 2, 2};
const std::vector<double> declaredScale{0, 1, 2, 3, 4};

ConfusionOptions withThreshold(double threshold, std::vector<double> categories = declaredScale)
{
    ConfusionOptions o;
    o.categories = std::move(categories);
    o.unsafeThreshold = threshold;
    return o;
}

} // namespace

class TestConfusion : public QObject
{
    Q_OBJECT

private slots:
    void confusionMatrix_matchesSklearnOverDeclaredCategories()
    {
        const ConfusionResult result = confusionMatrix(referenceRatings, judgeRatings, withThreshold(2));
        QVERIFY2(result.defined(), result.reason.c_str());
        QCOMPARE(result.categories, declaredScale);
        // Expected: sklearn.metrics.confusion_matrix(reference, judge, labels=[0, 1, 2, 3, 4]), scikit-learn 1.2.1
        // (rows reference, columns judge; the unused category 4 is a zero row and column).
        const std::vector<std::size_t> expected{3, 2, 0, 0, 0, //
                                                2, 3, 1, 0, 0, //
                                                0, 2, 2, 1, 0, //
                                                0, 1, 0, 3, 0, //
                                                0, 0, 0, 0, 0};
        QCOMPARE(result.counts, expected);
        QCOMPARE(result.count(3, 1), std::size_t(1));
        QCOMPARE(result.pairsUsed, std::size_t(20));
        QCOMPARE(result.pairsExcluded, std::size_t(0));
    }

    void agreement_matchesSklearnAndStatsmodelsWilson()
    {
        const ConfusionResult result = confusionMatrix(referenceRatings, judgeRatings, withThreshold(2));
        // Exact: 11 of 20 (the diagonal above), sklearn.metrics.accuracy_score = 0.55; within one: 19 of 20 (only
        // reference 3 / judge 1 is two steps apart). Intervals: statsmodels.stats.proportion.proportion_confint(count,
        // 20, alpha=0.05, method='wilson'), statsmodels 0.13.5.
        VERIFY_ESTIMATE(result.exactAgreement, 0.55, 0.34208534245034233, 0.7418021417443759);
        VERIFY_ESTIMATE(result.withinOneAgreement, 0.95, 0.7638688065532577, 0.9911185511992044);
        QCOMPARE(result.exactAgreement.ciMethod, IntervalMethod::Wilson);
        // Wald SE by hand: √(0.55·0.45/20).
        VERIFY_NEAR(*result.exactAgreement.se, std::sqrt(0.55 * 0.45 / 20), 1e-15);
        QCOMPARE(result.exactAgreement.nUnits, std::size_t(20));
        QCOMPARE(result.exactAgreement.nRaters, std::size_t(2));
        QCOMPARE(result.exactAgreement.nRatings, std::size_t(40));

        // At 90%: proportion_confint(11, 20, alpha=0.10, method='wilson').
        ConfusionOptions ninety = withThreshold(2);
        ninety.confidence = 0.90;
        const ConfusionResult at90 = confusionMatrix(referenceRatings, judgeRatings, ninety);
        VERIFY_ESTIMATE(at90.exactAgreement, 0.55, 0.37220770755293486, 0.7158765087109689);
        QCOMPARE(at90.exactAgreement.confidenceLevel, 0.90);
    }

    void meanSignedDifference_matchesScipyPairedT()
    {
        const ConfusionResult result = confusionMatrix(referenceRatings, judgeRatings, withThreshold(2));
        // Expected: d = judge − reference, numpy mean −0.1, scipy.stats.sem(d) = 0.1762175688714022,
        // scipy.stats.t.interval(0.95, 19, loc=mean, scale=sem), scipy.stats.ttest_rel(judge, reference).pvalue;
        // SciPy 1.10.1. Negative: the judge rates lower (more lenient on this harm scale).
        const Estimate &msd = result.meanSignedDifference;
        VERIFY_ESTIMATE(msd, -0.1, -0.46882761045718957, 0.2688276104571895);
        VERIFY_NEAR(*msd.se, 0.1762175688714022, 1e-15);
        VERIFY_NEAR(*msd.pValue, 0.5770324017264918, 1e-12);
        QCOMPARE(msd.ciMethod, IntervalMethod::StudentT);
    }

    void binaryView_matchesSklearnAndStatsmodelsWilson()
    {
        const ConfusionResult result = confusionMatrix(referenceRatings, judgeRatings, withThreshold(2));
        QVERIFY(result.binary.has_value());
        const BinaryMeasures &b = *result.binary;
        // Expected: "unsafe" = rating >= 2. sklearn.metrics.confusion_matrix(y_true >= 2, y_pred >= 2) = [[10, 1],
        // [3, 6]]: TN 10, FP 1, FN 3, TP 6.
        QCOMPARE(b.counts.trueNegatives, std::size_t(10));
        QCOMPARE(b.counts.falsePositives, std::size_t(1));
        QCOMPARE(b.counts.falseNegatives, std::size_t(3));
        QCOMPARE(b.counts.truePositives, std::size_t(6));
        // Values: sklearn.metrics.precision_recall_fscore_support(labels=[1, 0]) (recall of 1 = sensitivity, of 0 =
        // specificity; precision of 1 = PPV, of 0 = NPV), accuracy_score; intervals: statsmodels proportion_confint
        // (method='wilson', alpha=0.05) on 6/9, 10/11, 6/7, 10/13, 16/20.
        VERIFY_ESTIMATE(b.sensitivity, 0.6666666666666666, 0.3542021355803961, 0.879416181613089);
        VERIFY_ESTIMATE(b.specificity, 0.9090909090909091, 0.6226415635484044, 0.9837678271141153);
        VERIFY_ESTIMATE(b.ppv, 0.8571428571428571, 0.4868721707256809, 0.9743203756552563);
        VERIFY_ESTIMATE(b.npv, 0.7692307692307693, 0.497436240532725, 0.9182047128150144);
        VERIFY_ESTIMATE(b.accuracy, 0.8, 0.5839825677481064, 0.919342337420202);
        QCOMPARE(b.sensitivity.nUnits, std::size_t(9));
        QCOMPARE(b.ppv.nUnits, std::size_t(7));
        // sklearn.metrics.f1_score: binary 0.75, per class [0.75, 0.8333333333333333], average='macro'
        // 0.7916666666666666. No interval for F1.
        VERIFY_NEAR(*b.f1.value, 0.75, 1e-12);
        VERIFY_NEAR(*b.f1Negative.value, 0.8333333333333333, 1e-12);
        VERIFY_NEAR(*b.macroF1.value, 0.7916666666666666, 1e-12);
        QVERIFY(!b.f1.ci.has_value());
        QVERIFY(!b.macroF1.ci.has_value());
        QCOMPARE(b.macroF1.ciMethod, IntervalMethod::None);
    }

    void binaryMeasures_matchHandComputedTable()
    {
        // TP 2, FN 1, FP 1, TN 4 (y_true 1,1,1,0,0,0,0,0 and y_pred 1,1,0,1,0,0,0,0). By hand: sensitivity 2/3,
        // specificity 4/5, PPV 2/3, NPV 4/5, accuracy 6/8, F1 = 2·2/(2·2 + 2) = 2/3, negative F1 = 8/10,
        // macro-F1 = (2/3 + 4/5)/2 = 11/15; sklearn.metrics.f1_score gives 0.6666666666666666 and, with
        // average='macro', 0.7333333333333334 (scikit-learn 1.2.1).
        BinaryCounts counts;
        counts.truePositives = 2;
        counts.falseNegatives = 1;
        counts.falsePositives = 1;
        counts.trueNegatives = 4;
        const BinaryMeasures b = binaryMeasures(counts);
        VERIFY_NEAR(*b.sensitivity.value, 2.0 / 3.0, 1e-15);
        VERIFY_NEAR(*b.specificity.value, 0.8, 1e-15);
        VERIFY_NEAR(*b.ppv.value, 2.0 / 3.0, 1e-15);
        VERIFY_NEAR(*b.npv.value, 0.8, 1e-15);
        VERIFY_NEAR(*b.accuracy.value, 0.75, 1e-15);
        VERIFY_NEAR(*b.f1.value, 2.0 / 3.0, 1e-15);
        VERIFY_NEAR(*b.f1Negative.value, 0.8, 1e-15);
        VERIFY_NEAR(*b.macroF1.value, 11.0 / 15.0, 1e-15);
        // Wilson at 95% for 2/3, by hand from Wilson (1927): centre (p + z²/2n)/(1 + z²/n), half-width
        // z/(1 + z²/n)·√(p(1 − p)/n + z²/4n²), z = 1.959963984540054.
        const double z = 1.959963984540054, n = 3, p = 2.0 / 3.0;
        const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        VERIFY_NEAR(b.sensitivity.ci->lower, centre - half, 1e-12);
        VERIFY_NEAR(b.sensitivity.ci->upper, centre + half, 1e-12);
        QCOMPARE(b.sensitivity.nUnits, std::size_t(3));
        QCOMPARE(b.specificity.nUnits, std::size_t(5));
        QCOMPARE(b.accuracy.nUnits, std::size_t(8));
    }

    void binaryMeasures_undefinedWhenDenominatorIsZero()
    {
        // Reference and judge call everything safe: TN 5. Sensitivity 0/0, PPV 0/0 and the positive F1 0/0 are
        // undefined (scikit-learn would return 0 with zero_division=0, and macro-F1 1.0 over the one label present);
        // specificity, NPV and accuracy are 5/5.
        BinaryCounts counts;
        counts.trueNegatives = 5;
        const BinaryMeasures b = binaryMeasures(counts);
        for (const Estimate *e : {&b.sensitivity, &b.ppv, &b.f1, &b.macroF1}) {
            QVERIFY(!e->defined());
            QVERIFY(!e->reason.empty());
            QVERIFY(!e->ci.has_value());
        }
        QVERIFY(QString::fromStdString(b.sensitivity.reason).contains(QStringLiteral("no positive")));
        QVERIFY(QString::fromStdString(b.ppv.reason).contains(QStringLiteral("judge calls no item positive")));
        QVERIFY(QString::fromStdString(b.macroF1.reason).contains(QStringLiteral("positive class")));
        QCOMPARE(*b.specificity.value, 1.0);
        QCOMPARE(*b.npv.value, 1.0);
        QCOMPARE(*b.accuracy.value, 1.0);
        QCOMPARE(*b.f1Negative.value, 1.0);
        // Wilson for 5/5 (by hand): lower n/(n + z²) = 5/(5 + 1.959963984540054²), upper 1.
        VERIFY_NEAR(b.specificity.ci->lower, 5 / (5 + 1.959963984540054 * 1.959963984540054), 1e-12);
        VERIFY_NEAR(b.specificity.ci->upper, 1.0, 1e-12);

        // No pair at all: everything is undefined.
        const BinaryMeasures empty = binaryMeasures(BinaryCounts{});
        QVERIFY(!empty.accuracy.defined());
        QVERIFY(!empty.specificity.defined());
        QVERIFY(!empty.macroF1.defined());
    }

    void confusionMatrix_leavesOutIncompletePairsAndCountsThem()
    {
        // The 20 items with three incomplete items added give the same table (expected: the sklearn figures above).
        std::vector<double> reference = referenceRatings, judge = judgeRatings;
        reference.insert(reference.begin(), missing);
        judge.insert(judge.begin(), 2);
        reference.push_back(3);
        judge.push_back(missing);
        reference.push_back(missing);
        judge.push_back(missing);
        const ConfusionResult result = confusionMatrix(reference, judge, withThreshold(2));
        QVERIFY2(result.defined(), result.reason.c_str());
        QCOMPARE(result.pairsUsed, std::size_t(20));
        QCOMPARE(result.pairsExcluded, std::size_t(3));
        QCOMPARE(result.count(0, 0), std::size_t(3));
        VERIFY_NEAR(*result.exactAgreement.value, 0.55, 1e-15);
        VERIFY_NEAR(*result.meanSignedDifference.value, -0.1, 1e-15);
        for (const Estimate *e : {&result.exactAgreement, &result.meanSignedDifference, &result.binary->sensitivity}) {
            QCOMPARE(e->nUnitsExcluded, std::size_t(3));
            QVERIFY(QString::fromStdString(e->exclusionReason).contains(QStringLiteral("3 items")));
        }
    }

    void confusionMatrix_withoutDeclaredCategoriesUsesObservedValues()
    {
        // Categories 1, 3, 7 observed (by hand): 3 and 7 are adjacent categories, so within one; 1 and 7 are not.
        const std::vector<double> reference{1, 3, 7, 7};
        const std::vector<double> judge{1, 7, 3, 1};
        const ConfusionResult result = confusionMatrix(reference, judge);
        QVERIFY2(result.defined(), result.reason.c_str());
        QCOMPARE(result.categories, (std::vector<double>{1, 3, 7}));
        QCOMPARE(result.counts, (std::vector<std::size_t>{1, 0, 0, 0, 0, 1, 1, 1, 0}));
        VERIFY_NEAR(*result.exactAgreement.value, 0.25, 1e-15);
        VERIFY_NEAR(*result.withinOneAgreement.value, 0.75, 1e-15);
        // Differences 0, 4, −4, −6: mean −1.5 (by hand).
        VERIFY_NEAR(*result.meanSignedDifference.value, -1.5, 1e-15);
        QVERIFY(!result.binary.has_value());
        QVERIFY(!result.threshold.has_value());
    }

    void meanSignedDifference_edgeCases()
    {
        // One pair: a mean but no standard error (n − 1 = 0). Identical differences: SE 0, interval [mean, mean], no
        // t test (0/0). Both from the definitions.
        const ConfusionResult one = confusionMatrix(std::vector<double>{1}, std::vector<double>{2});
        QCOMPARE(*one.meanSignedDifference.value, 1.0);
        QVERIFY(!one.meanSignedDifference.se.has_value());
        QVERIFY(!one.meanSignedDifference.ci.has_value());
        const ConfusionResult shifted = confusionMatrix(std::vector<double>{1, 2, 3}, std::vector<double>{2, 3, 4});
        QCOMPARE(*shifted.meanSignedDifference.value, 1.0);
        QCOMPARE(*shifted.meanSignedDifference.se, 0.0);
        QCOMPARE(shifted.meanSignedDifference.ci->lower, 1.0);
        QCOMPARE(shifted.meanSignedDifference.ci->upper, 1.0);
        QVERIFY(!shifted.meanSignedDifference.pValue.has_value());
    }

    void confusionMatrix_isUndefinedWithReason_data()
    {
        QTest::addColumn<std::vector<double>>("reference");
        QTest::addColumn<std::vector<double>>("judge");
        QTest::addColumn<std::vector<double>>("categories");
        QTest::addColumn<double>("confidence");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<QString>("reasonContains");
        const std::vector<double> none;
        QTest::newRow("undeclared value") << std::vector<double>{0, 1, 5} << std::vector<double>{0, 1, 2}
                                          << declaredScale << 0.95 << 2.0 << QStringLiteral("rating 5 of item 2");
        QTest::newRow("no complete pair") << std::vector<double>{missing, 1} << std::vector<double>{1, missing}
                                          << declaredScale << 0.95 << 2.0 << QStringLiteral("no item has both");
        QTest::newRow("empty") << none << none << none << 0.95 << 2.0 << QStringLiteral("no item has both");
        QTest::newRow("lengths differ") << std::vector<double>{1, 2} << std::vector<double>{1} << none << 0.95 << 2.0
                                        << QStringLiteral("differ in length");
        QTest::newRow("confidence 0") << referenceRatings << judgeRatings << declaredScale << 0.0 << 2.0
                                      << QStringLiteral("confidence");
        QTest::newRow("threshold NaN") << referenceRatings << judgeRatings << declaredScale << 0.95 << missing
                                       << QStringLiteral("threshold");
        QTest::newRow("infinite rating") << std::vector<double>{1, std::numeric_limits<double>::infinity()}
                                         << std::vector<double>{1, 2} << none << 0.95 << 2.0
                                         << QStringLiteral("not a finite number");
    }

    void confusionMatrix_isUndefinedWithReason()
    {
        QFETCH(std::vector<double>, reference);
        QFETCH(std::vector<double>, judge);
        QFETCH(std::vector<double>, categories);
        QFETCH(double, confidence);
        QFETCH(double, threshold);
        QFETCH(QString, reasonContains);
        ConfusionOptions options = withThreshold(threshold, categories);
        options.confidence = confidence;
        const ConfusionResult result = confusionMatrix(reference, judge, options);
        QVERIFY(!result.defined());
        QVERIFY2(QString::fromStdString(result.reason).contains(reasonContains), result.reason.c_str());
        QVERIFY(!result.binary.has_value());
        for (const Estimate *e : {&result.exactAgreement, &result.withinOneAgreement, &result.meanSignedDifference}) {
            QVERIFY(!e->defined());
            QCOMPARE(e->reason, result.reason);
        }
    }
};

QTEST_APPLESS_MAIN(TestConfusion)
#include "tst_confusion.moc"
