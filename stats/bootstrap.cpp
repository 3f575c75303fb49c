#include "stats/bootstrap.h"

#include "stats/inference.h"

#include <algorithm>
#include <atomic>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <numeric>
#include <random>
#include <sstream>
#include <thread>

namespace concord::stats {

namespace {

constexpr double kUndefinedReplicate = std::numeric_limits<double>::quiet_NaN();

// Runs body(state, i) for i in [0, count) on `threads` threads (the caller's included), each with its own state from
// makeState(). Indices are handed out in small chunks, so the split between threads varies from run to run: the body
// must not depend on which thread runs it.
template <typename MakeState, typename Body>
void parallelFor(std::size_t count, unsigned threads, const MakeState &makeState, const Body &body)
{
    constexpr std::size_t kChunk = 8;
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto work = [&] {
        try {
            auto state = makeState();
            for (;;) {
                const std::size_t begin = next.fetch_add(kChunk);
                if (begin >= count)
                    break;
                const std::size_t end = std::min(count, begin + kChunk);
                for (std::size_t i = begin; i < end; ++i)
                    body(state, i);
            }
        } catch (...) {
            const std::lock_guard lock(failureMutex);
            if (!failure)
                failure = std::current_exception();
            next.store(count);
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &thread : pool)
        thread.join();
    if (failure)
        std::rethrow_exception(failure);
}

unsigned threadCount(unsigned requested, std::size_t jobs)
{
    unsigned threads = requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
    if (jobs < threads)
        threads = static_cast<unsigned>(std::max<std::size_t>(1, jobs));
    return threads;
}

bool usable(const std::optional<double> &value)
{
    return value && std::isfinite(*value);
}

// The thread's resampled matrix, for statistics of a whole matrix.
struct MatrixWorkspace final : UnitwiseWorkspace
{
    RatingMatrix resample;
};

struct WorkerState
{
    std::unique_ptr<UnitwiseWorkspace> workspace;
    std::vector<std::uint32_t> units;
};

double normalCdf(double z)
{
    return boost::math::cdf(boost::math::normal_distribution<double>(), z);
}

double normalQuantile(double p)
{
    return boost::math::quantile(boost::math::normal_distribution<double>(), p);
}

// The leave-one-unit-out values, computed one unit at a time where the statistic has no faster way.
std::vector<std::optional<double>> leaveOneOutValues(const UnitwiseStatistic &statistic, unsigned threads)
{
    if (auto fast = statistic.jackknifeValues())
        return std::move(*fast);
    const std::size_t n = statistic.unitCount();
    std::vector<std::optional<double>> values(n);
    parallelFor(
        n, threadCount(threads, n),
        [&] {
            WorkerState state{statistic.makeWorkspace(), {}};
            state.units.resize(n - 1);
            return state;
        },
        [&](WorkerState &state, std::size_t left) {
            std::size_t k = 0;
            for (std::size_t u = 0; u < n; ++u) {
                if (u != left)
                    state.units[k++] = static_cast<std::uint32_t>(u);
            }
            values[left] = statistic.evaluate(state.units, state.workspace.get());
        });
    return values;
}

} // namespace

MatrixUnitwiseStatistic::MatrixUnitwiseStatistic(const RatingMatrix &ratings, MatrixStatistic statistic)
    : m_ratings(ratings)
    , m_statistic(std::move(statistic))
{}

std::unique_ptr<UnitwiseWorkspace> MatrixUnitwiseStatistic::makeWorkspace() const
{
    return std::make_unique<MatrixWorkspace>();
}

std::optional<double> MatrixUnitwiseStatistic::evaluate(std::span<const std::uint32_t> units,
                                                        UnitwiseWorkspace *workspace) const
{
    MatrixWorkspace local;
    auto *scratch = workspace ? static_cast<MatrixWorkspace *>(workspace) : &local;
    RatingMatrix &resample = scratch->resample;
    const std::size_t raters = m_ratings.raters();
    if (resample.units() != units.size() || resample.raters() != raters)
        resample = RatingMatrix(units.size(), raters);
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto row = m_ratings.row(units[i]);
        for (std::size_t r = 0; r < raters; ++r)
            resample.set(i, r, row[r]);
    }
    return m_statistic(resample);
}

std::uint64_t replicateSeed(std::uint64_t seed, std::uint64_t replicate)
{
    // Output number `replicate` (from 0) of a splitmix64 generator whose state starts at `seed`.
    std::uint64_t z = seed + (replicate + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void drawUnits(std::uint64_t seed, std::uint32_t unitCount, std::size_t count, std::vector<std::uint32_t> &out)
{
    out.resize(count);
    std::mt19937_64 engine(seed);
    std::uint64_t word = 0;
    bool highHalfLeft = false;
    // Each 64-bit output gives two 32-bit draws, the low half first.
    auto next32 = [&]() -> std::uint32_t {
        if (highHalfLeft) {
            highHalfLeft = false;
            return static_cast<std::uint32_t>(word >> 32);
        }
        word = engine();
        highHalfLeft = true;
        return static_cast<std::uint32_t>(word);
    };
    // Lemire (2019), "Fast random integer generation in an interval": x·n / 2³² is uniform on [0, n) once the
    // products whose low half falls below (2³² − n) mod n are rejected.
    const std::uint32_t threshold = static_cast<std::uint32_t>(0u - unitCount) % unitCount;
    for (std::uint32_t &unit : out) {
        std::uint64_t product = std::uint64_t{next32()} * unitCount;
        while (static_cast<std::uint32_t>(product) < threshold)
            product = std::uint64_t{next32()} * unitCount;
        unit = static_cast<std::uint32_t>(product >> 32);
    }
}

double sortedQuantile(std::span<const double> sorted, double p)
{
    if (sorted.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const double h = static_cast<double>(sorted.size() - 1) * std::clamp(p, 0.0, 1.0);
    const auto below = static_cast<std::size_t>(std::floor(h));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (h - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

std::optional<Interval> percentileInterval(std::vector<double> replicates, double level)
{
    if (replicates.empty() || !validConfidenceLevel(level))
        return std::nullopt;
    std::sort(replicates.begin(), replicates.end());
    return Interval{sortedQuantile(replicates, (1.0 - level) / 2.0), sortedQuantile(replicates, (1.0 + level) / 2.0)};
}

BcaInterval bcaInterval(std::vector<double> replicates, double estimate, std::span<const double> jackknife,
                        double level)
{
    BcaInterval bca;
    if (replicates.empty() || !validConfidenceLevel(level)) {
        bca.reason = "no replicates, or an invalid confidence level";
        return bca;
    }
    std::sort(replicates.begin(), replicates.end());
    // Ties with the estimate count half, so that a statistic with few distinct values is not biased by them.
    const auto firstNotBelow = std::lower_bound(replicates.begin(), replicates.end(), estimate);
    const auto firstAbove = std::upper_bound(replicates.begin(), replicates.end(), estimate);
    const double below =
        static_cast<double>(firstNotBelow - replicates.begin()) + 0.5 * static_cast<double>(firstAbove - firstNotBelow);
    const double share = below / static_cast<double>(replicates.size());
    if (!(share > 0.0 && share < 1.0)) {
        bca.reason = "every replicate lies on the same side of the estimate, so the BCa bias correction is infinite";
        return bca;
    }
    const double z0 = normalQuantile(share);
    bca.biasCorrection = z0;

    if (jackknife.size() < 2) {
        bca.reason = "the BCa acceleration needs the statistic without each unit in turn, and fewer than two of "
                     "those values are defined";
        return bca;
    }
    const double jackMean =
        std::accumulate(jackknife.begin(), jackknife.end(), 0.0) / static_cast<double>(jackknife.size());
    double sumSquares = 0;
    double sumCubes = 0;
    for (double value : jackknife) {
        const double d = jackMean - value;
        sumSquares += d * d;
        sumCubes += d * d * d;
    }
    // Every unit equally influential: no skewness to correct for.
    const double a = sumSquares > 0 ? sumCubes / (6.0 * std::pow(sumSquares, 1.5)) : 0.0;
    bca.acceleration = a;

    auto adjustedShare = [&](double z) -> std::optional<double> {
        const double denominator = 1.0 - a * (z0 + z);
        if (!(denominator > 0))
            return std::nullopt;
        return normalCdf(z0 + (z0 + z) / denominator);
    };
    const auto lowerShare = adjustedShare(normalQuantile((1.0 - level) / 2.0));
    const auto upperShare = adjustedShare(normalQuantile((1.0 + level) / 2.0));
    if (!lowerShare || !upperShare) {
        bca.reason = "the BCa acceleration is too large for the requested confidence level";
        return bca;
    }
    bca.ci = Interval{sortedQuantile(replicates, *lowerShare), sortedQuantile(replicates, *upperShare)};
    return bca;
}

namespace {

// The checks and the estimate on all units, before any resample; false (with result.reason) when there is no interval.
bool prepare(const UnitwiseStatistic &statistic, const BootstrapOptions &options, BootstrapResult &result)
{
    result.requested = options.resamples;
    result.seed = options.seed;
    result.level = options.level;
    result.method = options.method;

    const std::size_t n = statistic.unitCount();
    if (!validConfidenceLevel(options.level)) {
        result.reason = "the confidence level must be strictly between 0 and 1";
        return false;
    }
    if (options.method != IntervalMethod::BootstrapPercentile && options.method != IntervalMethod::BootstrapBca) {
        result.reason = "the bootstrap interval method must be percentile or BCa";
        return false;
    }
    if (options.resamples == 0) {
        result.reason = "no resamples were requested";
        return false;
    }
    if (!(options.minimumDefinedShare >= 0.0 && options.minimumDefinedShare <= 1.0)) {
        result.reason = "the minimum share of defined replicates must be between 0 and 1";
        return false;
    }
    if (n == 0) {
        result.reason = "there are no units to resample";
        return false;
    }
    if (n > std::numeric_limits<std::uint32_t>::max()) {
        result.reason = "too many units to resample (at most 2^32 - 1)";
        return false;
    }
    std::vector<std::uint32_t> all(n);
    std::iota(all.begin(), all.end(), 0u);
    const auto workspace = statistic.makeWorkspace();
    const auto estimate = statistic.evaluate(all, workspace.get());
    if (!usable(estimate)) {
        result.reason = "the statistic is undefined on the data, so it has no bootstrap interval";
        return false;
    }
    result.estimate = estimate;
    return true;
}

// The interval from the replicates (NaN where the statistic was undefined).
void finish(const UnitwiseStatistic &statistic, const BootstrapOptions &options, const std::vector<double> &replicates,
            BootstrapResult &result)
{
    std::vector<double> defined;
    defined.reserve(replicates.size());
    for (double value : replicates) {
        if (!std::isnan(value))
            defined.push_back(value);
    }
    result.used = defined.size();
    if (defined.size() >= 2) {
        const double mean = std::accumulate(defined.begin(), defined.end(), 0.0) / static_cast<double>(defined.size());
        double sumSquares = 0;
        for (double value : defined)
            sumSquares += (value - mean) * (value - mean);
        result.se = std::sqrt(sumSquares / static_cast<double>(defined.size() - 1));
    }
    const double needed = std::max(2.0, options.minimumDefinedShare * static_cast<double>(options.resamples));
    if (static_cast<double>(defined.size()) < needed) {
        std::ostringstream why;
        why << "the statistic was defined in only " << defined.size() << " of " << options.resamples
            << " resamples, too few for an interval";
        result.reason = why.str();
        return;
    }

    if (options.method == IntervalMethod::BootstrapPercentile) {
        result.ci = percentileInterval(std::move(defined), options.level);
        return;
    }

    std::vector<double> jackknifeDefined;
    for (const auto &value : leaveOneOutValues(statistic, options.threads)) {
        if (usable(value))
            jackknifeDefined.push_back(*value);
    }
    BcaInterval bca = bcaInterval(std::move(defined), *result.estimate, jackknifeDefined, options.level);
    result.ci = bca.ci;
    result.biasCorrection = bca.biasCorrection;
    result.acceleration = bca.acceleration;
    result.reason = std::move(bca.reason);
}

struct SharedWorkerState
{
    std::vector<std::unique_ptr<UnitwiseWorkspace>> workspaces;
    std::vector<std::uint32_t> units;
};

} // namespace

BootstrapResult bootstrap(const UnitwiseStatistic &statistic, const BootstrapOptions &options)
{
    const UnitwiseStatistic *one[] = {&statistic};
    return bootstrapMany(one, options).front();
}

std::vector<BootstrapResult> bootstrapMany(std::span<const UnitwiseStatistic *const> statistics,
                                           const BootstrapOptions &options)
{
    std::vector<BootstrapResult> results(statistics.size());
    std::vector<std::size_t> active; // the statistics with an estimate, to be resampled
    for (std::size_t s = 0; s < statistics.size(); ++s) {
        if (!prepare(*statistics[s], options, results[s]))
            continue;
        if (!active.empty() && statistics[s]->unitCount() != statistics[active.front()]->unitCount()) {
            results[s].reason = "the statistics resampled together must have the same units";
            continue;
        }
        active.push_back(s);
    }
    if (active.empty())
        return results;

    const std::size_t n = statistics[active.front()]->unitCount();
    const auto unitCount = static_cast<std::uint32_t>(n);
    std::vector<std::vector<double>> replicates(active.size(),
                                                std::vector<double>(options.resamples, kUndefinedReplicate));
    parallelFor(
        options.resamples, threadCount(options.threads, options.resamples),
        [&] {
            SharedWorkerState state;
            for (std::size_t s : active)
                state.workspaces.push_back(statistics[s]->makeWorkspace());
            return state;
        },
        [&](SharedWorkerState &state, std::size_t b) {
            // One draw of units per replicate serves every statistic (the draw depends only on seed and b).
            drawUnits(replicateSeed(options.seed, b), unitCount, n, state.units);
            for (std::size_t a = 0; a < active.size(); ++a) {
                const auto value = statistics[active[a]]->evaluate(state.units, state.workspaces[a].get());
                if (usable(value))
                    replicates[a][b] = *value;
            }
        });
    for (std::size_t a = 0; a < active.size(); ++a)
        finish(*statistics[active[a]], options, replicates[a], results[active[a]]);
    return results;
}

BootstrapResult bootstrap(const RatingMatrix &ratings, const MatrixStatistic &statistic,
                          const BootstrapOptions &options)
{
    const MatrixUnitwiseStatistic unitwise(ratings, statistic);
    return bootstrap(unitwise, options);
}

bool attachBootstrap(Estimate &estimate, const BootstrapResult &result)
{
    if (!result.ci)
        return false;
    estimate.ci = result.ci;
    estimate.ciMethod = result.method;
    estimate.confidenceLevel = result.level;
    return true;
}

} // namespace concord::stats
