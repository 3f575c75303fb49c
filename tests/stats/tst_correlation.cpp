// Spearman's ρ and Kendall's τ-b: values and p-values against SciPy and R on small and tie-heavy data, the Fisher-z
// interval, the merge-sort pair counts against a brute-force count, missing pairs, undefined cases and large n.
#include "stats/correlation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace concord::stats;

Q_DECLARE_METATYPE(std::vector<double>)

namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

bool near(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance;
}

bool nearRelative(double actual, double expected, double relative)
{
    return std::abs(actual - expected) <= relative * std::abs(expected);
}

#define VERIFY_NEAR(actual, expected, tolerance)                                                                       \
    QVERIFY2(near((actual), (expected), (tolerance)), qPrintable(QStringLiteral("%1 is %2, expected %3")               \
                                                                     .arg(QString::fromLatin1(#actual))                \
                                                                     .arg(double(actual), 0, 'g', 17)                  \
                                                                     .arg(double(expected), 0, 'g', 17)))

#define VERIFY_NEAR_RELATIVE(actual, expected, relative)                                                               \
    QVERIFY2(nearRelative((actual), (expected), (relative)), qPrintable(QStringLiteral("%1 is %2, expected %3")        \
                                                                            .arg(QString::fromLatin1(#actual))         \
                                                                            .arg(double(actual), 0, 'g', 17)           \
                                                                            .arg(double(expected), 0, 'g', 17)))

// The two columns of a wide numeric CSV of tests/reference/data (header "unit,r1,r2"; empty cell = missing).
std::pair<std::vector<double>, std::vector<double>> readReferencePairs(const QString &relativePath)
{
    QFile file(QStringLiteral(CONCORD_SOURCE_DIR "/tests/reference/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    std::pair<std::vector<double>, std::vector<double>> columns;
    for (qsizetype line = 1; line < lines.size(); ++line) {
        const QStringList cells = lines[line].trimmed().split(QLatin1Char(','));
        const auto cell = [&](qsizetype i) {
            return i < cells.size() && !cells[i].trimmed().isEmpty() ? cells[i].toDouble() : missing;
        };
        columns.first.push_back(cell(1));
        columns.second.push_back(cell(2));
    }
    return columns;
}

QJsonArray referenceEntries(const QString &statistic)
{
    QFile file(QStringLiteral(CONCORD_SOURCE_DIR "/tests/reference/expected.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    QJsonArray selected;
    for (const QJsonValue &entry : QJsonDocument::fromJson(file.readAll()).array())
        if (entry[QStringLiteral("statistic")].toString() == statistic)
            selected.append(entry);
    return selected;
}

// The definition, pair by pair, O(n²).
KendallCounts bruteForceCounts(const std::vector<double> &x, const std::vector<double> &y)
{
    KendallCounts c;
    c.n = x.size();
    for (std::size_t i = 0; i < x.size(); ++i) {
        for (std::size_t j = i + 1; j < x.size(); ++j) {
            ++c.pairs;
            const bool tx = x[i] == x[j], ty = y[i] == y[j];
            c.tiedX += tx;
            c.tiedY += ty;
            c.tiedBoth += tx && ty;
            if (!tx && !ty) {
                const bool concordant = (x[i] < x[j]) == (y[i] < y[j]);
                c.s += concordant ? 1 : -1;
                c.discordant += !concordant;
            }
        }
    }
    return c;
}

// Small data sets of tst_correlation; the expected values below were computed from them with
// scipy.stats.spearmanr(x, y) and scipy.stats.kendalltau(x, y, variant='b', method='asymptotic'), scipy 1.10.1
// (Debian 12 python3-scipy), printed with repr().
const std::vector<double> smallX{1, 2, 2, 3, 4, 4, 4, 5, 6, 7, 8};
const std::vector<double> smallY{2, 1, 3, 3, 5, 4, 4, 6, 5, 8, 7};
const std::vector<double> noTiesX{3.1, 0.5, 2.2, 4.8, 1.7, 3.9, 0.9, 2.6};
const std::vector<double> noTiesY{2.0, 1.1, 2.9, 3.5, 0.4, 4.2, 1.5, 1.9};
// Three categories, 20 pairs: every value is tied with at least five others.
const std::vector<double> heavyTiesX{1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 1, 2, 3, 1, 2};
const std::vector<double> heavyTiesY{1, 2, 1, 1, 2, 3, 2, 2, 1, 3, 3, 2, 3, 3, 1, 1, 1, 3, 2, 2};
const std::vector<double> negativeX{1, 2, 3, 4, 5, 6};
const std::vector<double> negativeY{6, 5, 5, 3, 2, 1};

} // namespace

class TestCorrelation : public QObject
{
    Q_OBJECT

private slots:
    void correlations_matchScipy_data()
    {
        QTest::addColumn<std::vector<double>>("x");
        QTest::addColumn<std::vector<double>>("y");
        QTest::addColumn<double>("rho");
        QTest::addColumn<double>("rhoP");
        QTest::addColumn<double>("rhoLower");
        QTest::addColumn<double>("rhoUpper");
        QTest::addColumn<double>("tau");
        QTest::addColumn<double>("tauP");
        // ρ, its p, τ-b and its p: scipy.stats.spearmanr/kendalltau 1.10 (1.10.1), Debian 12 (see the data above).
        // Interval: computed in Python from the definition, tanh(atanh ρ ± Φ⁻¹(0.975)/√(n − 3)) with scipy's ρ and
        // scipy.stats.norm.ppf. Without ties the values are also those of the textbook formulas, checked by hand:
        // ρ = 1 − 6·14/(8·63) = 5/6 and τ = S/n₀ = 18/28 for noTies.
        QTest::newRow("small with ties") << smallX << smallY << 0.9421397263457512 << 1.4512860308441192e-05
                                         << 0.7871159491349118 << 0.9852083804470577 << 0.8349908101841637
                                         << 0.0006130777615963258;
        QTest::newRow("no ties") << noTiesX << noTiesY << 0.8333333333333335 << 0.01017554012345675 << 0.311698057183441
                                 << 0.9689892088919871 << 0.6428571428571428 << 0.02595245602237448;
        QTest::newRow("heavy ties") << heavyTiesX << heavyTiesY << 0.6179205409974642 << 0.0036902786102418097
                                    << 0.24141214228473246 << 0.8327358104762886 << 0.5714285714285714
                                    << 0.005143476708969625;
        QTest::newRow("negative") << negativeX << negativeY << -0.9856107606091623 << 0.0003090856678496699
                                  << -0.9984935192581313 << -0.8697409124976132 << -0.9660917830792959
                                  << 0.007410254402604282;
    }

    void correlations_matchScipy()
    {
        QFETCH(std::vector<double>, x);
        QFETCH(std::vector<double>, y);
        QFETCH(double, rho);
        QFETCH(double, rhoP);
        QFETCH(double, rhoLower);
        QFETCH(double, rhoUpper);
        QFETCH(double, tau);
        QFETCH(double, tauP);

        const Estimate s = spearmanRho(x, y);
        QVERIFY2(s.defined(), s.reason.c_str());
        VERIFY_NEAR(*s.value, rho, 1e-12);
        VERIFY_NEAR_RELATIVE(*s.pValue, rhoP, 1e-9);
        QCOMPARE(s.ciMethod, IntervalMethod::FisherZ);
        VERIFY_NEAR(s.ci->lower, rhoLower, 1e-12);
        VERIFY_NEAR(s.ci->upper, rhoUpper, 1e-12);
        QVERIFY(!s.se.has_value());
        QCOMPARE(s.nUnits, x.size());
        QCOMPARE(s.nRaters, std::size_t(2));
        QCOMPARE(s.nRatings, 2 * x.size());
        QCOMPARE(s.nUnitsExcluded, std::size_t(0));

        const Estimate k = kendallTauB(x, y);
        QVERIFY2(k.defined(), k.reason.c_str());
        VERIFY_NEAR(*k.value, tau, 1e-12);
        VERIFY_NEAR_RELATIVE(*k.pValue, tauP, 1e-9);
        VERIFY_NEAR(*k.z, *k.value / *k.se0, 1e-12);
        QCOMPARE(k.ciMethod, IntervalMethod::None);
        QCOMPARE(k.nUnits, x.size());
    }

    void correlations_matchScipyAndROnReferenceData_data()
    {
        QTest::addColumn<QString>("statistic");
        QTest::addColumn<QJsonObject>("entry");
        // Expected: tests/reference/expected.json, entries "spearman" and "kendall_tau_b" — scipy.stats.spearmanr,
        // scipy.stats.kendalltau(variant='b', method='asymptotic') (scipy 1.10.1) and R 4.2.2 stats::cor.test
        // (exact = FALSE, continuity = FALSE), Debian 12, on seeded data with ties and missing ratings.
        for (const QString &statistic : {QStringLiteral("spearman"), QStringLiteral("kendall_tau_b")}) {
            const QJsonArray entries = referenceEntries(statistic);
            QVERIFY(!entries.isEmpty());
            for (const QJsonValue &entry : entries)
                QTest::addRow("%s %s %s", qPrintable(statistic), qPrintable(entry[QStringLiteral("input")].toString()),
                              entry[QStringLiteral("source")].toString().startsWith(QStringLiteral("scipy")) ? "scipy"
                                                                                                             : "R")
                    << statistic << entry.toObject();
        }
    }

    void correlations_matchScipyAndROnReferenceData()
    {
        QFETCH(QString, statistic);
        QFETCH(QJsonObject, entry);
        const auto [x, y] = readReferencePairs(entry[QStringLiteral("input")].toString());
        const Estimate e = statistic == QStringLiteral("spearman") ? spearmanRho(x, y) : kendallTauB(x, y);
        QVERIFY2(e.defined(), e.reason.c_str());
        const QJsonObject expected = entry[QStringLiteral("expected")].toObject();
        const double tolerance = entry[QStringLiteral("tolerance")].toDouble();
        VERIFY_NEAR(*e.value, expected[QStringLiteral("value")].toDouble(), tolerance);
        VERIFY_NEAR(*e.pValue, expected[QStringLiteral("p_value")].toDouble(), tolerance);
        VERIFY_NEAR_RELATIVE(*e.pValue, expected[QStringLiteral("p_value")].toDouble(), 1e-9);
    }

    void correlations_leaveOutPairsWithMissingValuesAndCountThem()
    {
        // The small data set with three incomplete pairs inserted must give scipy's values for the small data set
        // (scipy 1.10.1, as in correlations_matchScipy) and count the three.
        std::vector<double> x = smallX, y = smallY;
        x.insert(x.begin() + 3, missing);
        y.insert(y.begin() + 3, 4);
        x.push_back(2);
        y.push_back(missing);
        x.push_back(missing);
        y.push_back(missing);
        for (const Estimate &e : {spearmanRho(x, y), kendallTauB(x, y)}) {
            QVERIFY2(e.defined(), e.reason.c_str());
            QCOMPARE(e.nUnits, smallX.size());
            QCOMPARE(e.nRatings, 2 * smallX.size());
            QCOMPARE(e.nUnitsExcluded, std::size_t(3));
            QVERIFY(QString::fromStdString(e.exclusionReason).contains(QStringLiteral("3 pairs")));
        }
        VERIFY_NEAR(*spearmanRho(x, y).value, 0.9421397263457512, 1e-12);
        VERIFY_NEAR(*kendallTauB(x, y).value, 0.8349908101841637, 1e-12);
    }

    void correlations_areUndefinedWithReason_data()
    {
        QTest::addColumn<std::vector<double>>("x");
        QTest::addColumn<std::vector<double>>("y");
        QTest::addColumn<double>("confidence");
        QTest::addColumn<QString>("reasonContains");
        // From the definitions: a constant series has zero rank variance (ρ and τ-b are 0/0); one pair has no
        // pairs of pairs.
        QTest::newRow("constant x") << std::vector<double>{2, 2, 2, 2} << std::vector<double>{1, 2, 3, 4} << 0.95
                                    << QStringLiteral("first series has no variation");
        QTest::newRow("constant y") << std::vector<double>{1, 2, 3, 4} << std::vector<double>{5, 5, 5, 5} << 0.95
                                    << QStringLiteral("second series has no variation");
        QTest::newRow("constant after dropping NaN")
            << std::vector<double>{1, 2, 1, 1} << std::vector<double>{5, missing, 6, 7} << 0.95
            << QStringLiteral("first series has no variation");
        QTest::newRow("one pair") << std::vector<double>{1} << std::vector<double>{2} << 0.95
                                  << QStringLiteral("at least 2");
        QTest::newRow("empty") << std::vector<double>{} << std::vector<double>{} << 0.95
                               << QStringLiteral("at least 2");
        QTest::newRow("all missing") << std::vector<double>{missing, 1} << std::vector<double>{1, missing} << 0.95
                                     << QStringLiteral("at least 2");
        QTest::newRow("lengths differ") << std::vector<double>{1, 2, 3} << std::vector<double>{1, 2} << 0.95
                                        << QStringLiteral("differ in length");
        QTest::newRow("confidence 1") << noTiesX << noTiesY << 1.0 << QStringLiteral("confidence");
    }

    void correlations_areUndefinedWithReason()
    {
        QFETCH(std::vector<double>, x);
        QFETCH(std::vector<double>, y);
        QFETCH(double, confidence);
        QFETCH(QString, reasonContains);
        for (const Estimate &e : {spearmanRho(x, y, confidence), kendallTauB(x, y, confidence)}) {
            QVERIFY(!e.defined());
            QVERIFY2(QString::fromStdString(e.reason).contains(reasonContains), e.reason.c_str());
            QVERIFY(!e.pValue.has_value());
            QVERIFY(!e.ci.has_value());
        }
    }

    void correlations_smallSamplesHaveNoIntervalOrTest()
    {
        // Two pairs: ρ = τ = 1 from the definitions, Student's t would have 0 df, Fisher's z needs n >= 4.
        const Estimate s2 = spearmanRho(std::vector<double>{1, 2}, std::vector<double>{3, 4});
        QCOMPARE(*s2.value, 1.0);
        QVERIFY(!s2.pValue.has_value());
        QVERIFY(!s2.ci.has_value());
        // Kendall's var(S) for n = 2 without ties: 2·9/18 = 1, so z = S = 1 (by hand from the formula).
        const Estimate k2 = kendallTauB(std::vector<double>{1, 2}, std::vector<double>{3, 4});
        QCOMPARE(*k2.value, 1.0);
        VERIFY_NEAR(*k2.z, 1.0, 1e-15);
        // Three pairs (1,1), (2,3), (3,2): d² = 0 + 1 + 1, ρ = 1 − 6·2/(3·8) = 0.5 (by hand); a p-value with 1 df,
        // t = 0.5·√(1/0.75) = 1/√3, p = 1 − 2·atan(1/√3)/π = 2/3 (Cauchy), but no interval.
        const Estimate s3 = spearmanRho(std::vector<double>{1, 2, 3}, std::vector<double>{1, 3, 2});
        VERIFY_NEAR(*s3.value, 0.5, 1e-15);
        VERIFY_NEAR(*s3.pValue, 2.0 / 3.0, 1e-12);
        QVERIFY(!s3.ci.has_value());
    }

    void spearman_perfectMonotoneHasZeroPValueAndNoInterval()
    {
        // ρ = 1 for any increasing relation (definition); scipy 1.10.1 spearmanr gives p = 0.0 for it; atanh(1) is
        // infinite, so there is no Fisher-z interval.
        const std::vector<double> x{1, 2, 3, 4, 5, 6}, y{1, 4, 9, 16, 25, 36};
        const Estimate s = spearmanRho(x, y);
        QCOMPARE(*s.value, 1.0);
        QCOMPARE(*s.pValue, 0.0);
        QVERIFY(!s.ci.has_value());
        QCOMPARE(s.ciMethod, IntervalMethod::None);
        QCOMPARE(*kendallTauB(x, y).value, 1.0);
    }

    void midRanks_averageTiedPositions()
    {
        // By hand: sorted 1, 2, 2, 5, 5, 5, 9 take ranks 1, (2+3)/2, (4+5+6)/3, 7.
        const std::vector<double> ranks = midRanks(std::vector<double>{5, 2, 9, 5, 1, 2, 5});
        QCOMPARE(ranks, (std::vector<double>{5, 2.5, 7, 5, 1, 2.5, 5}));
        QVERIFY(midRanks(std::vector<double>{}).empty());
    }

    void kendallCounts_matchBruteForce_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("levels");
        QTest::addColumn<int>("seed");
        // Expected: the O(n²) count over all pairs from the definitions (bruteForceCounts above) on seeded data, from
        // heavy ties (2 levels) to almost none; sizes that are not powers of two exercise the merge's ragged ends.
        QTest::newRow("2 levels, n 37") << 37 << 2 << 1;
        QTest::newRow("3 levels, n 100") << 100 << 3 << 2;
        QTest::newRow("5 levels, n 257") << 257 << 5 << 3;
        QTest::newRow("1000 levels, n 513") << 513 << 1000 << 4;
        QTest::newRow("n 2") << 2 << 3 << 5;
        QTest::newRow("n 3") << 3 << 2 << 6;
    }

    void kendallCounts_matchBruteForce()
    {
        QFETCH(int, n);
        QFETCH(int, levels);
        QFETCH(int, seed);
        std::mt19937 generator(static_cast<unsigned>(seed));
        std::uniform_int_distribution<int> draw(1, levels);
        std::vector<double> x(static_cast<std::size_t>(n)), y(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            x[static_cast<std::size_t>(i)] = draw(generator);
            // Related to x, so that S is far from 0.
            y[static_cast<std::size_t>(i)] = (draw(generator) + x[static_cast<std::size_t>(i)]) / 2;
        }
        const KendallCounts fast = kendallCounts(x, y);
        const KendallCounts slow = bruteForceCounts(x, y);
        QCOMPARE(fast.n, slow.n);
        QCOMPARE(fast.pairs, slow.pairs);
        QCOMPARE(fast.tiedX, slow.tiedX);
        QCOMPARE(fast.tiedY, slow.tiedY);
        QCOMPARE(fast.tiedBoth, slow.tiedBoth);
        QCOMPARE(fast.discordant, slow.discordant);
        QCOMPARE(fast.s, slow.s);
    }

    void correlations_largeInputCountsEveryPair()
    {
        // 200,000 pairs on a 5-point scale (heavy ties): the O(n log n) count handles them; its speed is measured in
        // tests/bench (bench_stats), not here. y = x + noise keeps τ-b well above 0 (checked for sign and range).
        const std::size_t n = 200000;
        std::mt19937_64 generator(11);
        std::uniform_int_distribution<int> draw(1, 5);
        std::vector<double> x(n), y(n);
        for (std::size_t i = 0; i < n; ++i) {
            x[i] = draw(generator);
            y[i] = std::min(5.0, x[i] + (draw(generator) > 3 ? 1 : 0));
        }
        const Estimate k = kendallTauB(x, y);
        const Estimate s = spearmanRho(x, y);
        QVERIFY(*k.value > 0.5 && *k.value <= 1.0);
        QVERIFY(*s.value > 0.5 && *s.value <= 1.0);
        QCOMPARE(k.nUnits, n);
    }
};

QTEST_APPLESS_MAIN(TestCorrelation)
#include "tst_correlation.moc"
