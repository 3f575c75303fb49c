// Speed of the statistics engine on large rating matrices (issue targets on a 2-core machine):
// - Krippendorff's alpha (ordinal) on 100,000 units x 5 raters: under 50 ms;
// - a 2,000-resample bootstrap interval of alpha on 10,000 units x 5 raters: under 1 s;
// - the full battery (every coefficient with bootstrap intervals, B = 2000) for 6 axes x 10,000 units x 3 raters:
//   under 3 s;
// - coverage: the 95% bootstrap intervals of Cohen's kappa and Krippendorff's alpha cover the true value in 93-97% of
//   1,000 simulated studies of 200 items;
// and the peak memory of the process. Prints one JSON object.
//   bench_stats [--studies N]
#include "stats/agreementbattery.h"
#include "stats/bootstrap.h"
#include "stats/cohenkappa.h"
#include "stats/krippendorff.h"
#include "tests/bench/benchsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <random>

using namespace concord;
using concord::stats::BootstrapOptions;
using concord::stats::BootstrapResult;
using concord::stats::RatingMatrix;

namespace {

constexpr double kTargetAlphaMs = 50.0;
constexpr double kTargetBootstrapMs = 1000.0;
constexpr double kTargetBatteryMs = 3000.0;

// Ratings on a 1-4 scale scattered around a latent severity per unit, with 5% missing.
RatingMatrix simulatedRatings(std::size_t units, std::size_t raters, std::uint64_t seed)
{
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    RatingMatrix ratings(units, raters);
    for (std::size_t u = 0; u < units; ++u) {
        const int truth = static_cast<int>(uniform(engine) * 4.0);
        for (std::size_t r = 0; r < raters; ++r) {
            if (uniform(engine) < 0.05)
                continue;
            const double noise = uniform(engine);
            const int value = std::clamp(truth + (noise < 0.15 ? -1 : noise > 0.85 ? 1 : 0), 0, 3) + 1;
            ratings.set(u, r, value);
        }
    }
    return ratings;
}

// Two raters copy each item's true category (prevalences 0.5, 0.3, 0.2) with probability lambda, else draw one at
// random from the prevalences: both raters' marginals are the prevalences, so kappa = alpha = lambda^2 = 0.6 in the
// population (derived by hand; the same model as tests/stats/tst_bootstrap.cpp).
struct Coverage
{
    int studies = 0;
    int kappaCovered = 0;
    int alphaCovered = 0;
};

Coverage simulateCoverage(int studies, std::size_t items, std::size_t resamples)
{
    constexpr double kTrue = 0.6;
    const double lambda = std::sqrt(kTrue);
    std::mt19937_64 engine(2026);
    auto uniform = [&engine] { return static_cast<double>(engine() >> 11) * 0x1.0p-53; };
    auto draw = [&] {
        const double u = uniform();
        return u < 0.5 ? 0.0 : u < 0.8 ? 1.0 : 2.0;
    };
    Coverage coverage;
    for (int study = 0; study < studies; ++study) {
        RatingMatrix ratings(items, 2);
        for (std::size_t item = 0; item < items; ++item) {
            const double truth = draw();
            for (std::size_t rater = 0; rater < 2; ++rater)
                ratings.set(item, rater, uniform() < lambda ? truth : draw());
        }
        BootstrapOptions options;
        options.resamples = resamples;
        options.seed = stats::replicateSeed(99, static_cast<std::uint64_t>(study));
        const std::vector<double> categories{0, 1, 2};
        stats::CohenKappaOptions kappaOptions;
        kappaOptions.categories = categories;
        const auto kappa = stats::bootstrap(
            ratings, [&kappaOptions](const RatingMatrix &m) { return stats::cohenKappa(m, kappaOptions).value; },
            options);
        const auto alpha = stats::bootstrap(
            stats::KrippendorffUnitwise(ratings, stats::MeasurementLevel::Nominal, categories), options);
        ++coverage.studies;
        coverage.kappaCovered += kappa.ci && kappa.ci->lower <= kTrue && kTrue <= kappa.ci->upper;
        coverage.alphaCovered += alpha.ci && alpha.ci->lower <= kTrue && kTrue <= alpha.ci->upper;
    }
    return coverage;
}

double millisecondsOf(const std::function<void()> &work, int repeats)
{
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    return bench::percentile(times, 50);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const std::vector<double> scale{1, 2, 3, 4};

    const RatingMatrix large = simulatedRatings(100'000, 5, 1);
    double alphaValue = 0;
    const double alphaMs = millisecondsOf(
        [&] {
            alphaValue =
                stats::krippendorffAlpha(large, {stats::MeasurementLevel::Ordinal, scale, 0.95}).value.value_or(0);
        },
        7);

    const RatingMatrix medium = simulatedRatings(10'000, 5, 2);
    BootstrapResult boot;
    const double bootstrapMs = millisecondsOf(
        [&] {
            const stats::KrippendorffUnitwise alpha(medium, stats::MeasurementLevel::Ordinal, scale);
            BootstrapOptions options;
            options.resamples = 2000;
            options.seed = 7;
            boot = stats::bootstrap(alpha, options);
        },
        5);

    std::vector<RatingMatrix> axes;
    for (std::uint64_t axis = 0; axis < 6; ++axis)
        axes.push_back(simulatedRatings(10'000, 3, 10 + axis));
    stats::BatteryOptions batteryOptions;
    batteryOptions.categories = scale;
    batteryOptions.resamples = 2000;
    batteryOptions.seed = 11;
    std::size_t results = 0;
    const double batteryMs = millisecondsOf(
        [&] {
            results = 0;
            for (const auto &axis : axes)
                results += stats::agreementBattery(axis, batteryOptions).size();
        },
        3);

    int studies = 1000;
    const QStringList arguments = QCoreApplication::arguments();
    if (const auto at = arguments.indexOf(QStringLiteral("--studies")); at >= 0)
        studies = std::max(1, arguments.value(at + 1).toInt());
    QElapsedTimer coverageTimer;
    coverageTimer.start();
    const Coverage coverage = simulateCoverage(studies, 200, 2000);
    const double coverageSeconds = static_cast<double>(coverageTimer.elapsed()) / 1000.0;
    const double kappaShare = static_cast<double>(coverage.kappaCovered) / coverage.studies;
    const double alphaShare = static_cast<double>(coverage.alphaCovered) / coverage.studies;
    const bool coverageOk = kappaShare >= 0.93 && kappaShare <= 0.97 && alphaShare >= 0.93 && alphaShare <= 0.97;

    const bool meets =
        coverageOk && alphaMs < kTargetAlphaMs && bootstrapMs < kTargetBootstrapMs && batteryMs < kTargetBatteryMs;
    bench::printResult(QJsonObject{{QStringLiteral("benchmark"), QStringLiteral("stats")},
                                   {QStringLiteral("alpha_ordinal_100000x5_ms"), alphaMs},
                                   {QStringLiteral("alpha_value"), alphaValue},
                                   {QStringLiteral("bootstrap_alpha_10000x5_B2000_ms"), bootstrapMs},
                                   {QStringLiteral("bootstrap_used"), static_cast<qint64>(boot.used)},
                                   {QStringLiteral("battery_6x10000x3_B2000_ms"), batteryMs},
                                   {QStringLiteral("battery_results"), static_cast<qint64>(results)},
                                   {QStringLiteral("coverage_studies"), coverage.studies},
                                   {QStringLiteral("coverage_kappa"), kappaShare},
                                   {QStringLiteral("coverage_alpha"), alphaShare},
                                   {QStringLiteral("coverage_seconds"), coverageSeconds},
                                   {QStringLiteral("target_coverage"), QStringLiteral("0.93-0.97")},
                                   {QStringLiteral("peak_rss_mb"), bench::peakRssMb()},
                                   {QStringLiteral("target_alpha_ms"), kTargetAlphaMs},
                                   {QStringLiteral("target_bootstrap_ms"), kTargetBootstrapMs},
                                   {QStringLiteral("target_battery_ms"), kTargetBatteryMs},
                                   {QStringLiteral("meets_target"), meets}});
    return 0;
}
