#pragma once

// Item-level (cluster) bootstrap: units are drawn with replacement, each with all of its ratings, and a statistic is
// recomputed on every resample; percentile and BCa intervals (Efron & Tibshirani 1993, An Introduction to the
// Bootstrap, ch. 13-14; BCa: Efron 1987, JASA 82:171-185). Seeded, multi-threaded, and identical whatever the thread
// count: replicate b draws from its own generator seeded from (seed, b), so it does not matter which thread runs it.
#include "stats/estimate.h"
#include "stats/ratingmatrix.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace concord::stats {

// Scratch memory a statistic reuses between evaluations; one per thread.
struct UnitwiseWorkspace
{
    virtual ~UnitwiseWorkspace() = default;
};

// A statistic that can be evaluated on a multiset of units without building a new rating matrix: it summarizes each
// unit once (its sufficient statistics) and a resample only sums the summaries of the units drawn.
class UnitwiseStatistic
{
public:
    virtual ~UnitwiseStatistic() = default;

    // Units that can be drawn (the rows of the rating matrix); indices run from 0 to unitCount() - 1.
    virtual std::size_t unitCount() const = 0;
    virtual std::unique_ptr<UnitwiseWorkspace> makeWorkspace() const { return nullptr; }
    // The statistic on the units listed (each below unitCount(); repetitions count, order does not matter); empty
    // where it is undefined.
    // Called concurrently from several threads, each with its own workspace from makeWorkspace().
    virtual std::optional<double> evaluate(std::span<const std::uint32_t> units,
                                           UnitwiseWorkspace *workspace) const = 0;
    // The leave-one-unit-out values (entry i without unit i), when the statistic has a faster way than unitCount()
    // evaluations; empty to let the bootstrap evaluate them one by one.
    virtual std::optional<std::vector<std::optional<double>>> jackknifeValues() const { return std::nullopt; }
};

// Any statistic of a rating matrix. It must be safe to call from several threads at once.
using MatrixStatistic = std::function<std::optional<double>(const RatingMatrix &)>;

// Adapts a MatrixStatistic: each evaluation copies the drawn rows into the thread's own matrix (no allocation after
// the first). Use a UnitwiseStatistic of its own where a statistic has one, as it avoids the copy.
class MatrixUnitwiseStatistic final : public UnitwiseStatistic
{
public:
    // Keeps a reference to `ratings`, which must outlive this object.
    MatrixUnitwiseStatistic(const RatingMatrix &ratings, MatrixStatistic statistic);

    std::size_t unitCount() const override { return m_ratings.units(); }
    std::unique_ptr<UnitwiseWorkspace> makeWorkspace() const override;
    std::optional<double> evaluate(std::span<const std::uint32_t> units, UnitwiseWorkspace *workspace) const override;

private:
    const RatingMatrix &m_ratings;
    MatrixStatistic m_statistic;
};

struct BootstrapOptions
{
    std::size_t resamples = 2000;
    std::uint64_t seed = 1;
    double level = 0.95;
    IntervalMethod method = IntervalMethod::BootstrapPercentile; // or BootstrapBca
    unsigned threads = 0;                                        // 0: std::thread::hardware_concurrency()
    // Below this share of replicates with a defined value the interval is undefined: dropping many replicates would
    // bias it towards the resamples where the statistic happens to exist.
    double minimumDefinedShare = 0.5;
};

struct BootstrapResult
{
    std::optional<double> estimate; // the statistic on all units
    std::optional<Interval> ci;
    IntervalMethod method = IntervalMethod::None;
    std::size_t requested = 0; // B asked for
    std::size_t used = 0;      // replicates where the statistic was defined (the others are dropped)
    std::uint64_t seed = 0;
    double level = 0.95;
    std::optional<double> se;             // standard deviation of the defined replicates
    std::optional<double> biasCorrection; // BCa z0
    std::optional<double> acceleration;   // BCa a
    std::string reason;                   // why there is no interval; empty when there is one

    bool defined() const { return ci.has_value(); }
    std::size_t dropped() const { return requested - used; }
};

// The interval of `statistic` from `options.resamples` resamples of its units.
BootstrapResult bootstrap(const UnitwiseStatistic &statistic, const BootstrapOptions &options = {});
// The intervals of several statistics of the same units from the same resamples: each replicate's draw is made once
// and every statistic is evaluated on it. Each result equals what bootstrap() gives for that statistic alone with the
// same options (the draws depend only on the seed and the replicate number); only the drawing is shared.
std::vector<BootstrapResult> bootstrapMany(std::span<const UnitwiseStatistic *const> statistics,
                                           const BootstrapOptions &options = {});
// The same for any statistic of the rating matrix; its units are the matrix rows.
BootstrapResult bootstrap(const RatingMatrix &ratings, const MatrixStatistic &statistic,
                          const BootstrapOptions &options = {});

// Puts the bootstrap interval (with its method and level) on `estimate`, keeping its value and analytic standard
// error. Returns false, leaving `estimate` unchanged, when the bootstrap gave no interval.
bool attachBootstrap(Estimate &estimate, const BootstrapResult &result);

// Building blocks, public so that their exact, platform-independent behaviour can be tested.

// The seed of replicate `replicate`: splitmix64 (Steele, Lea & Flood 2014) of seed and replicate index.
std::uint64_t replicateSeed(std::uint64_t seed, std::uint64_t replicate);
// `count` unit indices in [0, unitCount) drawn with replacement by std::mt19937_64 seeded with `seed`, each from 32
// bits of its output by Lemire's (2019) unbiased multiply-and-reject method: fully specified, so the same on every
// standard library (unlike std::uniform_int_distribution). unitCount must be at least 1.
void drawUnits(std::uint64_t seed, std::uint32_t unitCount, std::size_t count, std::vector<std::uint32_t> &out);
// The p-quantile of sorted values, interpolating linearly between order statistics (Hyndman & Fan 1996 type 7,
// R's default).
double sortedQuantile(std::span<const double> sorted, double p);
// Percentile interval of the replicate values (sorted or not).
std::optional<Interval> percentileInterval(std::vector<double> replicates, double level);
// BCa interval: z0 = Φ⁻¹(share of replicates below the estimate, ties counted half), acceleration a from the
// leave-one-unit-out (jackknife) values (Efron & Tibshirani 1993, eq. 14.15).
struct BcaInterval
{
    std::optional<Interval> ci;
    std::optional<double> biasCorrection; // z0
    std::optional<double> acceleration;   // a
    std::string reason;                   // why there is no interval
};
BcaInterval bcaInterval(std::vector<double> replicates, double estimate, std::span<const double> jackknife,
                        double level);

} // namespace concord::stats
