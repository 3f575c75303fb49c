// The agreement battery of one axis: every coefficient, and bootstrap intervals whose pattern-count fast path
// resamples exactly the statistic the estimate reports.
#include "stats/agreementbattery.h"

#include <QTest>
#include <cmath>
#include <random>

using namespace concord::stats;

namespace {

RatingMatrix simulated(std::size_t units, std::size_t raters, std::uint64_t seed, double missingShare)
{
    std::mt19937_64 engine(seed);
    auto uniform = [&engine] { return static_cast<double>(engine() >> 11) * 0x1.0p-53; };
    RatingMatrix m(units, raters);
    for (std::size_t u = 0; u < units; ++u) {
        const int truth = static_cast<int>(uniform() * 4.0);
        for (std::size_t r = 0; r < raters; ++r) {
            if (uniform() < missingShare)
                continue;
            const double noise = uniform();
            m.set(u, r, std::clamp(truth + (noise < 0.2 ? -1 : noise > 0.8 ? 1 : 0), 0, 3) + 1);
        }
    }
    return m;
}

} // namespace

class TestAgreementBattery : public QObject
{
    Q_OBJECT

private slots:
    void battery_listsEveryCoefficientAndRaterPair()
    {
        const auto entries = agreementBattery(simulated(200, 3, 1, 0.1), {.categories = {1, 2, 3, 4}, .resamples = 0});
        QStringList names;
        for (const auto &entry : entries)
            names << QString::fromStdString(entry.name);
        QCOMPARE(names, (QStringList{QStringLiteral("krippendorff_alpha"), QStringLiteral("fleiss_kappa"),
                                     QStringLiteral("gwet_ac1"), QStringLiteral("gwet_ac2"),
                                     QStringLiteral("brennan_prediger"), QStringLiteral("percent_agreement"),
                                     QStringLiteral("icc2"), QStringLiteral("cohen_kappa:0-1"),
                                     QStringLiteral("cohen_kappa:0-2"), QStringLiteral("cohen_kappa:1-2")}));
        for (const auto &entry : entries) {
            QVERIFY2(entry.estimate.defined(), entry.name.c_str());
            QVERIFY(!entry.bootstrap.defined()); // no resamples asked for
        }
    }

    void fastPath_reproducesEachEstimateOnAllUnits_data()
    {
        QTest::addColumn<double>("missingShare");
        QTest::addColumn<int>("weights");
        QTest::newRow("complete, quadratic") << 0.0 << int(WeightKind::Quadratic);
        QTest::newRow("15% missing, quadratic") << 0.15 << int(WeightKind::Quadratic);
        QTest::newRow("15% missing, linear") << 0.15 << int(WeightKind::Linear);
    }

    void fastPath_reproducesEachEstimateOnAllUnits()
    {
        QFETCH(double, missingShare);
        QFETCH(int, weights);
        const RatingMatrix m = simulated(300, 4, 7, missingShare);
        const auto entries = agreementBattery(
            m, {.categories = {1, 2, 3, 4}, .weights = WeightKind(weights), .resamples = 200, .seed = 3});
        for (const auto &entry : entries) {
            QVERIFY2(entry.bootstrap.estimate.has_value(), entry.name.c_str());
            // BootstrapResult::estimate is the pattern-count statistic evaluated on every unit once.
            QVERIFY2(std::abs(*entry.bootstrap.estimate - *entry.estimate.value) < 1e-12, entry.name.c_str());
            QVERIFY2(entry.bootstrap.defined(), entry.name.c_str());
            QVERIFY(entry.bootstrap.ci->lower <= *entry.estimate.value + 0.05);
            QVERIFY(entry.bootstrap.ci->upper >= *entry.estimate.value - 0.05);
        }
    }

    void bootstrap_isTheSameForAnyThreadCount()
    {
        const RatingMatrix m = simulated(150, 3, 11, 0.1);
        BatteryOptions one{.categories = {1, 2, 3, 4}, .resamples = 300, .seed = 5, .threads = 1};
        BatteryOptions four = one;
        four.threads = 4;
        const auto a = agreementBattery(m, one);
        const auto b = agreementBattery(m, four);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].bootstrap.ci->lower, b[i].bootstrap.ci->lower);
            QCOMPARE(a[i].bootstrap.ci->upper, b[i].bootstrap.ci->upper);
        }
    }

    void ratingOffTheScale_isReportedOnce()
    {
        const auto entries = agreementBattery(simulated(20, 2, 1, 0.0), {.categories = {1, 2, 3}, .resamples = 0});
        QCOMPARE(entries.size(), std::size_t(1));
        QVERIFY(!entries.front().estimate.defined());
        QVERIFY(!entries.front().estimate.reason.empty());
    }
};

QTEST_APPLESS_MAIN(TestAgreementBattery)
#include "tst_agreementbattery.moc"
