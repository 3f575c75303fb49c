// Krippendorff's alpha at four levels of measurement, with missing ratings: published worked examples, Gwet's (2014)
// standard error, a brute-force coincidence-matrix computation, the resampling fast path and the undefined cases.
#include "stats/krippendorff.h"

#include <QTest>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

using namespace concord::stats;

Q_DECLARE_METATYPE(concord::stats::MeasurementLevel)
Q_DECLARE_METATYPE(std::vector<double>)

namespace {

constexpr double kMissing = RatingMatrix::kMissing;

// Rows are units, columns raters; NaN marks a missing rating.
RatingMatrix matrixOf(const std::vector<std::vector<double>> &rows)
{
    RatingMatrix ratings(rows.size(), rows.empty() ? 0 : rows.front().size());
    for (std::size_t u = 0; u < rows.size(); ++u) {
        for (std::size_t r = 0; r < rows[u].size(); ++r)
            ratings.set(u, r, rows[u][r]);
    }
    return ratings;
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": the worked example for nominal data with any
// number of observers and missing data, which the paper carries on with the ordinal, interval and ratio metrics:
// observers A-D (columns) rate units 1-12 (rows) on values 1-5. The same table is cac.raw4raters in Gwet (2014, p. 120)
// and irrCAC, and the "C" data of R's irr/DescTools kripp.alpha example. Unit 12 has a single rating (3), listed here
// under observer C as in cac.raw4raters (some transcriptions list it under B); it cannot be paired either way.
RatingMatrix krippendorff2011Data()
{
    const double x = kMissing;
    return matrixOf({
        // A  B  C  D
        {1, 1, x, 1}, // unit 1
        {2, 2, 3, 2}, // unit 2
        {3, 3, 3, 3}, // unit 3
        {3, 3, 3, 3}, // unit 4
        {2, 2, 2, 2}, // unit 5
        {1, 2, 3, 4}, // unit 6
        {4, 4, 4, 4}, // unit 7
        {1, 1, 2, 1}, // unit 8
        {2, 2, 2, 2}, // unit 9
        {x, 5, 5, 5}, // unit 10
        {x, x, 1, 1}, // unit 11
        {x, x, 3, x}, // unit 12
    });
}

// Seeded data with missing cells and some single-rating units; values drawn from `values`.
RatingMatrix randomData(std::size_t units, std::size_t raters, const std::vector<double> &values, double missingShare,
                        std::uint64_t seed)
{
    std::mt19937_64 engine(seed);
    RatingMatrix ratings(units, raters);
    for (std::size_t u = 0; u < units; ++u) {
        // A latent value per unit makes raters agree more than by chance, so α is away from 0.
        const std::size_t latent = engine() % values.size();
        for (std::size_t r = 0; r < raters; ++r) {
            if (static_cast<double>(engine() % 1000) < missingShare * 1000)
                continue;
            const std::size_t index = engine() % 3 == 0 ? engine() % values.size() : latent;
            ratings.set(u, r, values[index]);
        }
    }
    return ratings;
}

// α from its definition, independently of the library: the coincidence matrix built from every ordered pair of
// ratings within a unit (weight 1/(m_u − 1)), and the δ² of Krippendorff (2011) written out term by term (the ordinal
// one as the cumulative sum of category frequencies, not as mid-ranks).
std::optional<double> naiveAlpha(const RatingMatrix &ratings, MeasurementLevel level)
{
    const std::vector<double> values = ratings.observedValues();
    const std::size_t q = values.size();
    std::vector<double> coincidence(q * q, 0.0);
    std::size_t pairableUnits = 0;
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        std::vector<std::size_t> indices;
        for (std::size_t r = 0; r < ratings.raters(); ++r) {
            if (ratings.has(u, r))
                indices.push_back(static_cast<std::size_t>(categoryIndex(values, ratings.at(u, r))));
        }
        if (indices.size() < 2)
            continue;
        ++pairableUnits;
        for (std::size_t i = 0; i < indices.size(); ++i) {
            for (std::size_t j = 0; j < indices.size(); ++j) {
                if (i != j)
                    coincidence[indices[i] * q + indices[j]] += 1.0 / (static_cast<double>(indices.size()) - 1.0);
            }
        }
    }
    std::vector<double> marginal(q, 0.0);
    for (std::size_t c = 0; c < q; ++c) {
        for (std::size_t k = 0; k < q; ++k)
            marginal[c] += coincidence[c * q + k];
    }
    const double n = std::accumulate(marginal.begin(), marginal.end(), 0.0);
    auto delta2 = [&](std::size_t c, std::size_t k) {
        switch (level) {
        case MeasurementLevel::Nominal:
            return c == k ? 0.0 : 1.0;
        case MeasurementLevel::Ordinal: {
            const std::size_t low = std::min(c, k);
            const std::size_t high = std::max(c, k);
            double sum = 0;
            for (std::size_t g = low; g <= high; ++g)
                sum += marginal[g];
            const double d = sum - (marginal[c] + marginal[k]) / 2.0;
            return d * d;
        }
        case MeasurementLevel::Interval:
            return (values[c] - values[k]) * (values[c] - values[k]);
        case MeasurementLevel::Ratio: {
            const double sum = values[c] + values[k];
            return sum == 0 ? 0.0 : std::pow((values[c] - values[k]) / sum, 2);
        }
        }
        return 0.0;
    };
    double observed = 0;
    double expected = 0;
    for (std::size_t c = 0; c < q; ++c) {
        for (std::size_t k = 0; k < q; ++k) {
            observed += coincidence[c * q + k] * delta2(c, k);
            expected += marginal[c] * marginal[k] * delta2(c, k);
        }
    }
    if (pairableUnits < 2 || !(expected > 0))
        return std::nullopt;
    return 1.0 - (n - 1.0) * observed / expected;
}

const std::vector<MeasurementLevel> kLevels{MeasurementLevel::Nominal, MeasurementLevel::Ordinal,
                                            MeasurementLevel::Interval, MeasurementLevel::Ratio};

} // namespace

class TestKrippendorff : public QObject
{
    Q_OBJECT

private slots:
    void alpha_matchesKrippendorff2011Example_data()
    {
        QTest::addColumn<MeasurementLevel>("level");
        QTest::addColumn<double>("published"); // to three decimals
        QTest::addColumn<double>("exact");
        // published: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the nominal, ordinal, interval
        // and ratio α of the 4 observers × 12 units table (the same figures appear in the test suites of irrCAC's
        // Python port and of fast-krippendorff).
        // exact: computed by hand from the definitions in the same paper with an independent script (pairs of
        // ratings within units); nominal: 1 − (40 − 1)·8 / (40² − 384) = 113/152.
        QTest::newRow("nominal") << MeasurementLevel::Nominal << 0.743 << 113.0 / 152.0;
        QTest::newRow("ordinal") << MeasurementLevel::Ordinal << 0.815 << 0.8153875037548814;
        QTest::newRow("interval") << MeasurementLevel::Interval << 0.849 << 0.8491071428571428;
        QTest::newRow("ratio") << MeasurementLevel::Ratio << 0.797 << 0.7974027747116121;
    }

    void alpha_matchesKrippendorff2011Example()
    {
        QFETCH(MeasurementLevel, level);
        QFETCH(double, published);
        QFETCH(double, exact);
        const Estimate alpha = krippendorffAlpha(krippendorff2011Data(), {level, {}, 0.95});
        QVERIFY2(alpha.defined(), alpha.reason.c_str());
        QVERIFY(std::abs(*alpha.value - published) <= 0.0005);
        QVERIFY(std::abs(*alpha.value - exact) < 1e-12);
        QCOMPARE(krippendorffAlphaValue(krippendorff2011Data(), level).value_or(-9), *alpha.value);
        // 11 units have two or more ratings, 40 ratings in all (Krippendorff 2011: n = 40); unit 12 is left out.
        QCOMPARE(alpha.nUnits, std::size_t{11});
        QCOMPARE(alpha.nRatings, std::size_t{40});
        QCOMPARE(alpha.nRaters, std::size_t{4});
        QCOMPARE(alpha.nUnitsExcluded, std::size_t{1});
        QVERIFY(alpha.exclusionReason.find("1 with one rating") != std::string::npos);
    }

    void alpha_matchesKrippendorff2011BinaryExample()
    {
        // Krippendorff (2011), the first worked example (binary data, two observers, ten units, no missing data):
        // α = 0.095. By hand: n = 20 values, 14 zeros and 6 ones, 4 units with one 0 and one 1, so
        // α = 1 − (20 − 1)·(2·4)/(2·14·6) = 2/21.
        const RatingMatrix ratings =
            matrixOf({{0, 1}, {1, 1}, {0, 1}, {0, 0}, {0, 0}, {0, 1}, {0, 0}, {0, 0}, {1, 0}, {0, 0}});
        const Estimate alpha = krippendorffAlpha(ratings);
        QVERIFY(alpha.defined());
        QVERIFY(std::abs(*alpha.value - 0.095) <= 0.0005);
        QVERIFY(std::abs(*alpha.value - 2.0 / 21.0) < 1e-12);
    }

    void gwetStandardError_matchesIrrCac_data()
    {
        QTest::addColumn<MeasurementLevel>("level");
        QTest::addColumn<double>("se");          // Gwet's formula, computed exactly (see below)
        QTest::addColumn<double>("publishedSe"); // irrCAC, three decimals
        QTest::addColumn<double>("pa");
        QTest::addColumn<double>("pe");
        QTest::addColumn<double>("lower");
        // published: the test suite of irrCAC's Python port (afergadis/irrCAC, test/unit/irrCAC/raw/
        // test_krippendorff.py) on cac.raw4raters, the table above: unweighted (nominal), "quadratic" weights (the
        // interval metric) and "ratio" weights (the ratio metric), each as p_a, p_e, SE and the lower bound of the
        // 95% interval (the upper one is capped at 1). The port centres each unit's term on p_a where irrCAC's R
        // krippen.alpha.raw (2021) uses p_a', which moves the standard error in the fourth decimal, so the published
        // SE and lower bound are compared to ±0.001 and the exact SE is checked separately.
        // se: Gwet (2014) variance as written in irrCAC's R krippen.alpha.raw, computed with an independent script
        // from the per-unit agreement counts.
        QTest::newRow("nominal") << MeasurementLevel::Nominal << 0.1454787172221992 << 0.146 << 0.805 << 0.240 << 0.419;
        QTest::newRow("interval") << MeasurementLevel::Interval << 0.1290511999442268 << 0.129 << 0.974 << 0.825
                                  << 0.561;
        QTest::newRow("ratio") << MeasurementLevel::Ratio << 0.14036038507487808 << 0.140 << 0.951 << 0.757 << 0.484;
    }

    void gwetStandardError_matchesIrrCac()
    {
        QFETCH(MeasurementLevel, level);
        QFETCH(double, se);
        QFETCH(double, publishedSe);
        QFETCH(double, pa);
        QFETCH(double, pe);
        QFETCH(double, lower);
        // irrCAC takes its categories from the ratings, 1 to 5 here.
        const Estimate alpha = krippendorffAlpha(krippendorff2011Data(), {level, {1, 2, 3, 4, 5}, 0.95});
        QVERIFY(alpha.se && alpha.ci && alpha.observedAgreement && alpha.chanceAgreement);
        QVERIFY(std::abs(*alpha.se - se) < 1e-9);
        QVERIFY(std::abs(*alpha.se - publishedSe) <= 0.001);
        QVERIFY(std::abs(*alpha.observedAgreement - pa) <= 0.0005);
        QVERIFY(std::abs(*alpha.chanceAgreement - pe) <= 0.0005);
        QVERIFY(std::abs(alpha.ci->lower - lower) <= 0.001);
        QCOMPARE(alpha.ci->upper, 1.0);
        QCOMPARE(alpha.ciMethod, IntervalMethod::StudentT);
        QCOMPARE(alpha.confidenceLevel, 0.95);
    }

    void gwetInterval_usesStudentTWithUnitsMinusOneDegreesOfFreedom()
    {
        // 11 pairable units: t(10) two-sided 95% quantile 2.228139 (standard tables), so the lower bound of the
        // nominal interval is 113/152 − 2.228139 × SE.
        const Estimate alpha = krippendorffAlpha(krippendorff2011Data());
        QVERIFY(alpha.se && alpha.ci);
        QVERIFY(std::abs(alpha.ci->lower - (113.0 / 152.0 - 2.228139 * *alpha.se)) < 1e-6);
    }

    void alpha_matchesBruteForceCoincidences_data()
    {
        QTest::addColumn<MeasurementLevel>("level");
        QTest::addColumn<std::vector<double>>("values");
        QTest::addColumn<double>("missingShare");
        const std::vector<double> likert{1, 2, 3, 4, 5};
        const std::vector<double> uneven{0, 0.5, 2, 7, 7.5, 30};
        for (MeasurementLevel level : kLevels) {
            const std::string name = measurementLevelName(level);
            QTest::newRow((name + ", 1-5, 30% missing").c_str()) << level << likert << 0.3;
            QTest::newRow((name + ", uneven scale, 50% missing").c_str()) << level << uneven << 0.5;
            QTest::newRow((name + ", complete").c_str()) << level << likert << 0.0;
        }
    }

    void alpha_matchesBruteForceCoincidences()
    {
        QFETCH(MeasurementLevel, level);
        QFETCH(std::vector<double>, values);
        QFETCH(double, missingShare);
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            const RatingMatrix ratings = randomData(60, 5, values, missingShare, seed);
            const auto expected = naiveAlpha(ratings, level);
            QVERIFY(expected);
            const Estimate alpha = krippendorffAlpha(ratings, {level, {}, 0.95});
            QVERIFY2(alpha.defined(), alpha.reason.c_str());
            QVERIFY(std::abs(*alpha.value - *expected) < 1e-12);
            QVERIFY(alpha.se && *alpha.se > 0);
            const KrippendorffUnitwise unitwise(ratings, level);
            std::vector<std::uint32_t> all(ratings.units());
            std::iota(all.begin(), all.end(), 0u);
            QVERIFY(std::abs(unitwise.evaluate(all, nullptr).value_or(-9) - *expected) < 1e-12);
        }
    }

    void unitwise_matchesAlphaOfTheResampledMatrix()
    {
        const RatingMatrix ratings = randomData(80, 4, {1, 2, 3, 4}, 0.35, 42);
        std::mt19937_64 engine(7);
        for (MeasurementLevel level : kLevels) {
            const KrippendorffUnitwise unitwise(ratings, level);
            QVERIFY(unitwise.error().empty());
            QVERIFY(unitwise.patternCount() < ratings.units()); // identical units share a pattern
            const auto workspace = unitwise.makeWorkspace();
            for (int trial = 0; trial < 20; ++trial) {
                std::vector<std::uint32_t> units(ratings.units());
                for (auto &unit : units)
                    unit = static_cast<std::uint32_t>(engine() % ratings.units());
                const std::vector<std::size_t> rows(units.begin(), units.end());
                const auto direct = krippendorffAlphaValue(ratings.selectUnits(rows), level);
                const auto fast = unitwise.evaluate(units, workspace.get());
                QCOMPARE(fast.has_value(), direct.has_value());
                if (direct)
                    QVERIFY(std::abs(*fast - *direct) < 1e-12);
            }
        }
    }

    void unitwise_jackknifeLeavesEachUnitOut()
    {
        RatingMatrix ratings = randomData(30, 3, {1, 2, 3}, 0.3, 3);
        for (MeasurementLevel level : kLevels) {
            const KrippendorffUnitwise unitwise(ratings, level);
            const auto jackknife = unitwise.jackknifeValues();
            QVERIFY(jackknife);
            QCOMPARE(jackknife->size(), ratings.units());
            for (std::size_t left = 0; left < ratings.units(); ++left) {
                std::vector<std::size_t> rows;
                for (std::size_t u = 0; u < ratings.units(); ++u) {
                    if (u != left)
                        rows.push_back(u);
                }
                const auto direct = krippendorffAlphaValue(ratings.selectUnits(rows), level);
                QCOMPARE((*jackknife)[left].has_value(), direct.has_value());
                if (direct)
                    QVERIFY(std::abs(*(*jackknife)[left] - *direct) < 1e-12);
            }
        }
    }

    void alpha_isOneUnderPerfectAgreement_data()
    {
        QTest::addColumn<MeasurementLevel>("level");
        for (MeasurementLevel level : kLevels)
            QTest::newRow(measurementLevelName(level)) << level;
    }

    void alpha_isOneUnderPerfectAgreement()
    {
        QFETCH(MeasurementLevel, level);
        // By definition: no observed disagreement, D_o = 0, α = 1.
        const RatingMatrix ratings = matrixOf({{1, 1, 1}, {2, 2, kMissing}, {4, 4, 4}, {0, 0, 0}});
        const Estimate alpha = krippendorffAlpha(ratings, {level, {}, 0.95});
        QCOMPARE(alpha.value.value_or(-9), 1.0);
    }

    void ratioLevel_treatsTwoZerosAsAgreement()
    {
        // δ²(0, 0) = 0 although (c − k)/(c + k) is 0/0; same case as the fast-krippendorff test "ratio metric with
        // zeros" (α = 1).
        const RatingMatrix ratings = matrixOf({{0, 0}, {1, 1}, {2, 2}});
        QCOMPARE(krippendorffAlpha(ratings, {MeasurementLevel::Ratio, {}, 0.95}).value.value_or(-9), 1.0);
    }

    void alpha_isUndefinedWithoutVariation()
    {
        const RatingMatrix ratings = matrixOf({{3, 3, 3}, {3, 3, kMissing}, {3, kMissing, kMissing}});
        for (MeasurementLevel level : kLevels) {
            const Estimate alpha = krippendorffAlpha(ratings, {level, {}, 0.95});
            QVERIFY(!alpha.defined());
            QVERIFY(alpha.reason.find("no variation") != std::string::npos);
            QVERIFY(!alpha.se && !alpha.ci);
            QCOMPARE(alpha.nUnits, std::size_t{2});
            QCOMPARE(alpha.nRatings, std::size_t{5});
            QCOMPARE(alpha.nUnitsExcluded, std::size_t{1});
            QVERIFY(!krippendorffAlphaValue(ratings, level));
        }
    }

    void alpha_isUndefinedForOneUnit()
    {
        // One unit always gives α = 0 by the formula (its coincidences are its own marginals), which says nothing.
        const Estimate alpha = krippendorffAlpha(matrixOf({{1, 2, 2}}));
        QVERIFY(!alpha.defined());
        QVERIFY(alpha.reason.find("only one unit") != std::string::npos);
        QCOMPARE(alpha.nUnits, std::size_t{1});
        QCOMPARE(alpha.nRatings, std::size_t{3});
    }

    void alpha_isUndefinedWhenAllRatingsAreMissing()
    {
        const Estimate alpha = krippendorffAlpha(RatingMatrix(3, 2));
        QVERIFY(!alpha.defined());
        QVERIFY(alpha.reason.find("no unit has two or more ratings") != std::string::npos);
        QCOMPARE(alpha.nUnits, std::size_t{0});
        QCOMPARE(alpha.nRatings, std::size_t{0});
        QCOMPARE(alpha.nUnitsExcluded, std::size_t{3});
        QVERIFY(alpha.exclusionReason.find("3 with none") != std::string::npos);
        QVERIFY(!krippendorffAlpha(RatingMatrix()).defined());
    }

    void alpha_leavesOutAndCountsUnitsWithFewerThanTwoRatings()
    {
        // Krippendorff's table plus an empty unit and one more single rating: α unchanged (113/152, computed above),
        // three units left out.
        const RatingMatrix base = krippendorff2011Data();
        RatingMatrix ratings(base.units() + 2, base.raters());
        for (std::size_t u = 0; u < base.units(); ++u) {
            for (std::size_t r = 0; r < base.raters(); ++r)
                ratings.set(u, r, base.row(u)[r]);
        }
        ratings.set(base.units() + 1, 0, 4.0);
        const Estimate alpha = krippendorffAlpha(ratings);
        QVERIFY(std::abs(alpha.value.value_or(-9) - 113.0 / 152.0) < 1e-12);
        QCOMPARE(alpha.nUnits, std::size_t{11});
        QCOMPARE(alpha.nUnitsExcluded, std::size_t{3});
        QCOMPARE(alpha.exclusionReason,
                 std::string("3 units have fewer than two ratings and cannot be paired (2 with one rating, 1 with "
                             "none)"));
    }

    void declaredCategories_unusedOnesLeaveAlphaUnchanged_data()
    {
        QTest::addColumn<MeasurementLevel>("level");
        for (MeasurementLevel level : kLevels)
            QTest::newRow(measurementLevelName(level)) << level;
    }

    void declaredCategories_unusedOnesLeaveAlphaUnchanged()
    {
        QFETCH(MeasurementLevel, level);
        // An unused scale point has no pairs and no marginal (n_g = 0), so it adds nothing to D_o or D_e, including
        // in the ordinal metric's cumulative frequencies (Krippendorff 2011, ordinal metric).
        const RatingMatrix ratings = krippendorff2011Data();
        const Estimate observed = krippendorffAlpha(ratings, {level, {}, 0.95});
        const Estimate declared = krippendorffAlpha(ratings, {level, {0, 1, 2, 3, 4, 5, 6, 7}, 0.95});
        QVERIFY(observed.defined() && declared.defined());
        QVERIFY(std::abs(*declared.value - *observed.value) < 1e-12);
        QVERIFY(std::abs(*declared.se - *observed.se) < 1e-12);
    }

    void declaredCategories_widenTheWeightsOfTheReportedAgreement()
    {
        // Interval weights 1 − (c − k)²/M: declaring 0-9 instead of 1-5 raises M from 16 to 81, so p_e rises.
        const RatingMatrix ratings = krippendorff2011Data();
        const Estimate narrow = krippendorffAlpha(ratings, {MeasurementLevel::Interval, {}, 0.95});
        const Estimate wide =
            krippendorffAlpha(ratings, {MeasurementLevel::Interval, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0.95});
        QVERIFY(*wide.chanceAgreement > *narrow.chanceAgreement);
        // 1 − p_e scales with 1/M: (1 − 0.825)·16/81, from irrCAC's p_e above.
        QVERIFY(std::abs((1 - *wide.chanceAgreement) - (1 - *narrow.chanceAgreement) * 16.0 / 81.0) < 1e-12);
    }

    void declaredCategories_ratingOutsideThemMakesAlphaUndefined()
    {
        const Estimate alpha =
            krippendorffAlpha(krippendorff2011Data(), {MeasurementLevel::Ordinal, {1, 2, 3, 4}, 0.95});
        QVERIFY(!alpha.defined());
        QCOMPARE(alpha.reason, std::string("the rating 5 is not one of the declared categories"));
        QVERIFY(!krippendorffAlphaValue(krippendorff2011Data(), MeasurementLevel::Ordinal, std::vector<double>{1, 2}));
        const KrippendorffUnitwise unitwise(krippendorff2011Data(), MeasurementLevel::Ordinal, std::vector<double>{1});
        QVERIFY(!unitwise.error().empty());
    }

    void ratioLevel_rejectsNegativeValues()
    {
        const Estimate alpha = krippendorffAlpha(matrixOf({{-1, 2}, {3, 3}}), {MeasurementLevel::Ratio, {}, 0.95});
        QVERIFY(!alpha.defined());
        QVERIFY(alpha.reason.find("zero or more") != std::string::npos);
    }

    void invalidConfidenceLevel_givesAReason()
    {
        const Estimate alpha = krippendorffAlpha(krippendorff2011Data(), {MeasurementLevel::Nominal, {}, 1.5});
        QVERIFY(!alpha.defined());
        QVERIFY(alpha.reason.find("confidence level") != std::string::npos);
    }

    void confidenceLevel_isUsedForTheInterval()
    {
        const Estimate at90 = krippendorffAlpha(krippendorff2011Data(), {MeasurementLevel::Interval, {}, 0.90});
        const Estimate at95 = krippendorffAlpha(krippendorff2011Data(), {MeasurementLevel::Interval, {}, 0.95});
        QCOMPARE(at90.confidenceLevel, 0.90);
        QVERIFY(at90.ci->lower > at95.ci->lower);
    }

    void measurementLevelNames_roundTrip()
    {
        for (MeasurementLevel level : kLevels)
            QCOMPARE(measurementLevelFromName(measurementLevelName(level)), std::optional<MeasurementLevel>(level));
        QCOMPARE(std::string(measurementLevelName(MeasurementLevel::Ordinal)), std::string("ordinal"));
        QVERIFY(!measurementLevelFromName("Ordinal"));
        QVERIFY(!measurementLevelFromName(""));
    }
};

QTEST_APPLESS_MAIN(TestKrippendorff)
#include "tst_krippendorff.moc"
