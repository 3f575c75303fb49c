#include "stats/krippendorff.h"

#include "stats/inference.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <unordered_map>

namespace concord::stats {

const char *measurementLevelName(MeasurementLevel level)
{
    switch (level) {
    case MeasurementLevel::Nominal:
        return "nominal";
    case MeasurementLevel::Ordinal:
        return "ordinal";
    case MeasurementLevel::Interval:
        return "interval";
    case MeasurementLevel::Ratio:
        return "ratio";
    }
    return "nominal";
}

std::optional<MeasurementLevel> measurementLevelFromName(std::string_view name)
{
    for (MeasurementLevel level :
         {MeasurementLevel::Nominal, MeasurementLevel::Ordinal, MeasurementLevel::Interval, MeasurementLevel::Ratio}) {
        if (name == measurementLevelName(level))
            return level;
    }
    return std::nullopt;
}

namespace {

constexpr std::uint32_t kNoPattern = std::numeric_limits<std::uint32_t>::max();
// Beyond this many distinct values, sorting all ratings once is cheaper than inserting into a sorted list.
constexpr std::size_t kSmallScale = 64;

struct CategoryCount
{
    std::uint32_t category;
    std::uint32_t count;
};

// The ratings of units with two or more ratings, each as (category, count) pairs sorted by category.
struct Patterns
{
    std::vector<std::uint32_t> offsets{0};
    std::vector<CategoryCount> entries;
    std::vector<std::uint32_t> ratings; // m_u, the pattern's number of ratings

    std::size_t size() const { return ratings.size(); }
    std::span<const CategoryCount> of(std::size_t p) const
    {
        return {entries.data() + offsets[p], entries.data() + offsets[p + 1]};
    }
    void add(std::span<const CategoryCount> pattern, std::uint32_t m)
    {
        entries.insert(entries.end(), pattern.begin(), pattern.end());
        offsets.push_back(static_cast<std::uint32_t>(entries.size()));
        ratings.push_back(m);
    }
};

struct Summary
{
    std::vector<double> categories; // sorted
    Patterns units;                 // one pattern per unit with two or more ratings, in row order
    std::vector<std::uint32_t> rowOfUnit;
    std::size_t singleRatingUnits = 0;
    std::size_t emptyUnits = 0;
    std::size_t activeRaters = 0;
    std::string error;
};

std::vector<double> distinctValues(const RatingMatrix &ratings)
{
    std::vector<double> distinct;
    double last = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        for (double v : ratings.row(u)) {
            if (std::isnan(v) || v == last)
                continue;
            last = v;
            const auto it = std::lower_bound(distinct.begin(), distinct.end(), v);
            if (it != distinct.end() && *it == v)
                continue;
            if (distinct.size() >= kSmallScale)
                return ratings.observedValues();
            distinct.insert(it, v);
        }
    }
    return distinct;
}

std::string describe(double value)
{
    std::ostringstream text;
    text << value;
    return text.str();
}

// One pass over the ratings: categories, and each unit's (category, count) pairs.
Summary summarize(const RatingMatrix &ratings, MeasurementLevel level, std::span<const double> declared)
{
    Summary summary;
    if (declared.empty()) {
        summary.categories = distinctValues(ratings);
    } else {
        summary.categories.assign(declared.begin(), declared.end());
        std::sort(summary.categories.begin(), summary.categories.end());
        summary.categories.erase(std::unique(summary.categories.begin(), summary.categories.end()),
                                 summary.categories.end());
    }
    for (double c : summary.categories) {
        if (!std::isfinite(c)) {
            summary.error = "categories and ratings must be finite numbers";
            return summary;
        }
        if (level == MeasurementLevel::Ratio && c < 0) {
            summary.error = "the ratio level needs values of zero or more, and " + describe(c) + " is negative";
            return summary;
        }
    }
    if (summary.categories.size() >= kNoPattern) {
        summary.error = "too many distinct values";
        return summary;
    }

    const std::span<const double> categories = summary.categories;
    std::vector<std::uint32_t> counter(categories.size(), 0);
    std::vector<std::uint32_t> touched;
    std::vector<CategoryCount> pattern;
    std::vector<char> raterUsed(ratings.raters(), 0);
    double lastValue = std::numeric_limits<double>::quiet_NaN();
    int lastIndex = -1;
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        const auto row = ratings.row(u);
        touched.clear();
        std::uint32_t m = 0;
        for (double v : row) {
            if (std::isnan(v))
                continue;
            if (v != lastValue) {
                lastIndex = categoryIndex(categories, v);
                lastValue = v;
            }
            if (lastIndex < 0) {
                summary.error = "the rating " + describe(v) + " is not one of the declared categories";
                return summary;
            }
            const auto index = static_cast<std::uint32_t>(lastIndex);
            if (counter[index]++ == 0)
                touched.push_back(index);
            ++m;
        }
        if (m < 2) {
            ++(m == 0 ? summary.emptyUnits : summary.singleRatingUnits);
            for (std::uint32_t index : touched)
                counter[index] = 0;
            continue;
        }
        std::sort(touched.begin(), touched.end());
        pattern.clear();
        for (std::uint32_t index : touched) {
            pattern.push_back({index, counter[index]});
            counter[index] = 0;
        }
        summary.units.add(pattern, m);
        summary.rowOfUnit.push_back(static_cast<std::uint32_t>(u));
        for (std::size_t r = 0; r < row.size(); ++r) {
            if (!std::isnan(row[r]))
                raterUsed[r] = 1;
        }
    }
    summary.activeRaters = static_cast<std::size_t>(std::count(raterUsed.begin(), raterUsed.end(), 1));
    return summary;
}

// Per-evaluation scratch memory, reused between resamples.
struct Scratch
{
    std::vector<double> marginal;   // n_c: pairable values in category c
    std::vector<double> coordinate; // interval: the value; ordinal: the mid-rank
    std::vector<std::uint32_t> used;
};

// The squared difference δ² between categories under a level. For the ordinal level it depends on the marginals.
class Metric
{
public:
    Metric(MeasurementLevel level, std::span<const double> categories, Scratch &scratch)
        : m_level(level)
        , m_values(categories)
        , m_coordinate(scratch.coordinate)
    {
        if (level == MeasurementLevel::Interval) {
            m_coordinate.assign(categories.begin(), categories.end());
        } else if (level == MeasurementLevel::Ordinal) {
            m_coordinate.resize(categories.size());
            double below = 0;
            for (std::size_t c = 0; c < categories.size(); ++c) {
                m_coordinate[c] = below + scratch.marginal[c] / 2.0;
                below += scratch.marginal[c];
            }
        }
    }

    MeasurementLevel level() const { return m_level; }
    double coordinate(std::uint32_t c) const { return m_coordinate[c]; }

    double delta2(std::uint32_t c, std::uint32_t k) const
    {
        switch (m_level) {
        case MeasurementLevel::Nominal:
            return c == k ? 0.0 : 1.0;
        case MeasurementLevel::Ordinal:
        case MeasurementLevel::Interval: {
            const double d = m_coordinate[c] - m_coordinate[k];
            return d * d;
        }
        case MeasurementLevel::Ratio: {
            const double sum = m_values[c] + m_values[k];
            if (sum == 0)
                return 0.0;
            const double d = (m_values[c] - m_values[k]) / sum;
            return d * d;
        }
        }
        return 0.0;
    }

    // The largest δ² between any two categories (declared or observed): the scale of the agreement weights.
    double largest() const
    {
        const auto first = 0u;
        const auto last = static_cast<std::uint32_t>(m_values.size() - 1);
        return m_level == MeasurementLevel::Nominal ? 1.0 : delta2(first, last);
    }

private:
    MeasurementLevel m_level;
    std::span<const double> m_values;
    std::vector<double> &m_coordinate;
};

// Σ_{c,k} o_uck δ²_ck for one unit: its pairs of ratings weighted 1/(m_u − 1).
double unitDisagreement(std::span<const CategoryCount> pattern, std::uint32_t m, const Metric &metric)
{
    double sum = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        for (std::size_t j = i + 1; j < pattern.size(); ++j)
            sum += 2.0 * pattern[i].count * pattern[j].count * metric.delta2(pattern[i].category, pattern[j].category);
    }
    return sum / (m - 1.0);
}

// What α is made of. α = 1 − (N − 1) · observed / expected.
struct AlphaParts
{
    double units = 0;    // units with two or more ratings
    double values = 0;   // N, their ratings
    double observed = 0; // Σ_c Σ_k o_ck δ²_ck
    double expected = 0; // Σ_c Σ_k n_c n_k δ²_ck
    std::size_t categoriesInUse = 0;

    bool enoughUnits() const { return units >= 2; }
    bool varies() const { return categoriesInUse >= 2 && expected > 0; }
    std::optional<double> alpha() const
    {
        if (!enoughUnits() || !varies())
            return std::nullopt;
        return 1.0 - (values - 1.0) * observed / expected;
    }
};

double expectedDisagreement(const Metric &metric, const Scratch &scratch, double values)
{
    const auto &n = scratch.marginal;
    switch (metric.level()) {
    case MeasurementLevel::Nominal: {
        double sumSquares = 0;
        for (std::uint32_t c : scratch.used)
            sumSquares += n[c] * n[c];
        return values * values - sumSquares;
    }
    case MeasurementLevel::Ordinal:
    case MeasurementLevel::Interval: {
        // Σ_c Σ_k n_c n_k (x_c − x_k)² = 2 N Σ_c n_c (x_c − x̄)², centred for accuracy.
        double mean = 0;
        for (std::uint32_t c : scratch.used)
            mean += n[c] * metric.coordinate(c);
        mean /= values;
        double spread = 0;
        for (std::uint32_t c : scratch.used) {
            const double d = metric.coordinate(c) - mean;
            spread += n[c] * d * d;
        }
        return 2.0 * values * spread;
    }
    case MeasurementLevel::Ratio: {
        double sum = 0;
        for (std::size_t i = 0; i < scratch.used.size(); ++i) {
            for (std::size_t j = i + 1; j < scratch.used.size(); ++j) {
                const std::uint32_t c = scratch.used[i];
                const std::uint32_t k = scratch.used[j];
                sum += 2.0 * n[c] * n[k] * metric.delta2(c, k);
            }
        }
        return sum;
    }
    }
    return 0.0;
}

// α's parts over the patterns, pattern p taken timesOf(p) times.
template <typename TimesOf>
AlphaParts alphaParts(const Patterns &patterns, const TimesOf &timesOf, MeasurementLevel level,
                      std::span<const double> categories, Scratch &scratch)
{
    AlphaParts parts;
    scratch.marginal.assign(categories.size(), 0.0);
    for (std::size_t p = 0; p < patterns.size(); ++p) {
        const double times = timesOf(p);
        if (times == 0)
            continue;
        parts.units += times;
        parts.values += times * patterns.ratings[p];
        for (const CategoryCount &entry : patterns.of(p))
            scratch.marginal[entry.category] += times * entry.count;
    }
    scratch.used.clear();
    for (std::size_t c = 0; c < categories.size(); ++c) {
        if (scratch.marginal[c] > 0)
            scratch.used.push_back(static_cast<std::uint32_t>(c));
    }
    parts.categoriesInUse = scratch.used.size();
    if (!parts.enoughUnits() || parts.categoriesInUse < 2)
        return parts;

    const Metric metric(level, categories, scratch);
    parts.expected = expectedDisagreement(metric, scratch, parts.values);
    for (std::size_t p = 0; p < patterns.size(); ++p) {
        const double times = timesOf(p);
        if (times != 0)
            parts.observed += times * unitDisagreement(patterns.of(p), patterns.ratings[p], metric);
    }
    return parts;
}

const auto kOnce = [](std::size_t) { return 1.0; };

// Gwet (2014): the variance of α as the variance of per-unit linearized terms, written here in disagreement form
// (δ² instead of agreement weights 1 − δ²/M; the scale M cancels). With r̄ the mean number of ratings per unit,
// E = Σ π_c π_k δ²_ck, D̄ = observed / N, α' = 1 − D̄/E, e_c = Σ_k π_k δ²_ck, and for unit i with r_i ratings and
// disagreement o_i: a_i = (E − o_i/r̄ + D̄ (r_i − r̄)/r̄) / E, g_i = Σ_c r_ic e_c / r̄,
// a*_i = a_i − 2 (1 − α') (E r_i/r̄ − g_i) / E, and var = Σ (a*_i − α')² / (n (n − 1)).
double gwetVariance(const Patterns &units, const AlphaParts &parts, MeasurementLevel level,
                    std::span<const double> categories, Scratch &scratch)
{
    const Metric metric(level, categories, scratch);
    const double n = parts.units;
    const double values = parts.values;
    const double meanRatings = values / n;
    const double chance = parts.expected / (values * values);
    const double observedMean = parts.observed / values;
    const double alphaPrime = 1.0 - observedMean / chance;

    std::vector<double> chanceOf(categories.size(), 0.0); // e_c
    if (level == MeasurementLevel::Nominal) {
        for (std::uint32_t c : scratch.used)
            chanceOf[c] = 1.0 - scratch.marginal[c] / values;
    } else if (level == MeasurementLevel::Ratio) {
        for (std::uint32_t c : scratch.used) {
            for (std::uint32_t k : scratch.used)
                chanceOf[c] += scratch.marginal[k] / values * metric.delta2(c, k);
        }
    } else {
        double mean = 0;
        for (std::uint32_t c : scratch.used)
            mean += scratch.marginal[c] / values * metric.coordinate(c);
        double variance = 0;
        for (std::uint32_t c : scratch.used)
            variance += scratch.marginal[c] / values * (metric.coordinate(c) - mean) * (metric.coordinate(c) - mean);
        for (std::uint32_t c : scratch.used)
            chanceOf[c] = (metric.coordinate(c) - mean) * (metric.coordinate(c) - mean) + variance;
    }

    double sumSquares = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto pattern = units.of(i);
        const double ratings = units.ratings[i];
        double chanceTerm = 0;
        for (const CategoryCount &entry : pattern)
            chanceTerm += entry.count * chanceOf[entry.category];
        chanceTerm /= meanRatings;
        const double disagreement = unitDisagreement(pattern, units.ratings[i], metric) / meanRatings;
        const double relativeSize = (ratings - meanRatings) / meanRatings;
        const double term = (chance - disagreement + observedMean * relativeSize) / chance;
        const double linearized =
            term - 2.0 * (1.0 - alphaPrime) * (chance * ratings / meanRatings - chanceTerm) / chance;
        sumSquares += (linearized - alphaPrime) * (linearized - alphaPrime);
    }
    return sumSquares / (n * (n - 1.0));
}

std::string exclusionReason(const Summary &summary)
{
    const std::size_t excluded = summary.singleRatingUnits + summary.emptyUnits;
    if (excluded == 0)
        return {};
    std::ostringstream why;
    why << excluded << (excluded == 1 ? " unit has" : " units have") << " fewer than two ratings and cannot be paired ("
        << summary.singleRatingUnits << " with one rating, " << summary.emptyUnits << " with none)";
    return why.str();
}

} // namespace

Estimate krippendorffAlpha(const RatingMatrix &ratings, const KrippendorffOptions &options)
{
    if (!validConfidenceLevel(options.confidenceLevel))
        return Estimate::undefined("the confidence level must be strictly between 0 and 1");
    const Summary summary = summarize(ratings, options.level, options.declaredCategories);
    if (!summary.error.empty())
        return Estimate::undefined(summary.error);

    Scratch scratch;
    const AlphaParts parts = alphaParts(summary.units, kOnce, options.level, summary.categories, scratch);

    Estimate estimate;
    if (!parts.enoughUnits()) {
        estimate = Estimate::undefined(
            parts.units == 0 ? "no unit has two or more ratings, so there are no pairs of ratings to compare"
                             : "only one unit has two or more ratings; α needs at least two such units");
    } else if (!parts.varies()) {
        estimate = Estimate::undefined("no variation: every paired rating has the same value, so the expected "
                                       "disagreement is 0");
    } else {
        estimate.value = parts.alpha();
    }
    estimate.confidenceLevel = options.confidenceLevel;
    estimate.nUnits = summary.units.size();
    estimate.nRaters = summary.activeRaters;
    estimate.nRatings = static_cast<std::size_t>(parts.values);
    estimate.nUnitsExcluded = summary.singleRatingUnits + summary.emptyUnits;
    estimate.exclusionReason = exclusionReason(summary);
    if (!estimate.value)
        return estimate;

    // Gwet's p_a and p_e with agreement weights 1 − δ²/M, M the largest δ² between categories.
    const Metric metric(options.level, summary.categories, scratch);
    const double largest = metric.largest();
    if (largest > 0) {
        const double agreementPrime = 1.0 - parts.observed / parts.values / largest;
        estimate.observedAgreement = (1.0 - 1.0 / parts.values) * agreementPrime + 1.0 / parts.values;
        estimate.chanceAgreement = 1.0 - parts.expected / (parts.values * parts.values) / largest;
    }

    const double variance = gwetVariance(summary.units, parts, options.level, summary.categories, scratch);
    if (std::isfinite(variance) && variance >= 0) {
        estimate.se = std::sqrt(variance);
        setStudentInterval(estimate, options.confidenceLevel, parts.units - 1.0, -1.0, 1.0);
    }
    return estimate;
}

std::optional<double> krippendorffAlphaValue(const RatingMatrix &ratings, MeasurementLevel level,
                                             std::span<const double> declaredCategories)
{
    const Summary summary = summarize(ratings, level, declaredCategories);
    if (!summary.error.empty())
        return std::nullopt;
    Scratch scratch;
    return alphaParts(summary.units, kOnce, level, summary.categories, scratch).alpha();
}

struct KrippendorffUnitwise::Data
{
    MeasurementLevel level = MeasurementLevel::Nominal;
    std::vector<double> categories;
    Patterns patterns;                        // distinct patterns
    std::vector<std::uint32_t> patternOfUnit; // kNoPattern for units with fewer than two ratings
    std::vector<std::uint32_t> unitsWithPattern;
    std::string error;
};

namespace {

struct PatternKeyHash
{
    std::size_t operator()(const std::vector<std::uint32_t> &key) const
    {
        std::uint64_t hash = 14695981039346656037ull; // FNV-1a
        for (std::uint32_t word : key) {
            hash ^= word;
            hash *= 1099511628211ull;
        }
        return static_cast<std::size_t>(hash);
    }
};

struct AlphaWorkspace final : UnitwiseWorkspace
{
    std::vector<std::uint32_t> times; // how often each pattern was drawn
    Scratch scratch;
};

} // namespace

KrippendorffUnitwise::KrippendorffUnitwise(const RatingMatrix &ratings, MeasurementLevel level,
                                           std::span<const double> declaredCategories)
{
    auto data = std::make_unique<Data>();
    data->level = level;
    data->patternOfUnit.assign(ratings.units(), kNoPattern);
    Summary summary = summarize(ratings, level, declaredCategories);
    data->error = summary.error;
    data->categories = std::move(summary.categories);
    if (data->error.empty()) {
        std::unordered_map<std::vector<std::uint32_t>, std::uint32_t, PatternKeyHash> patternOfKey;
        std::vector<std::uint32_t> key;
        for (std::size_t i = 0; i < summary.units.size(); ++i) {
            const auto pattern = summary.units.of(i);
            key.clear();
            for (const CategoryCount &entry : pattern) {
                key.push_back(entry.category);
                key.push_back(entry.count);
            }
            auto [it, inserted] = patternOfKey.try_emplace(key, static_cast<std::uint32_t>(data->patterns.size()));
            if (inserted) {
                data->patterns.add(pattern, summary.units.ratings[i]);
                data->unitsWithPattern.push_back(0);
            }
            data->patternOfUnit[summary.rowOfUnit[i]] = it->second;
            ++data->unitsWithPattern[it->second];
        }
    }
    m_data = std::move(data);
}

KrippendorffUnitwise::~KrippendorffUnitwise() = default;

const std::string &KrippendorffUnitwise::error() const
{
    return m_data->error;
}

std::size_t KrippendorffUnitwise::patternCount() const
{
    return m_data->patterns.size();
}

std::size_t KrippendorffUnitwise::unitCount() const
{
    return m_data->patternOfUnit.size();
}

std::unique_ptr<UnitwiseWorkspace> KrippendorffUnitwise::makeWorkspace() const
{
    return std::make_unique<AlphaWorkspace>();
}

std::optional<double> KrippendorffUnitwise::evaluate(std::span<const std::uint32_t> units,
                                                     UnitwiseWorkspace *workspace) const
{
    if (!m_data->error.empty())
        return std::nullopt;
    AlphaWorkspace local;
    auto *scratch = workspace ? static_cast<AlphaWorkspace *>(workspace) : &local;
    scratch->times.assign(m_data->patterns.size(), 0);
    for (std::uint32_t unit : units) {
        const std::uint32_t pattern = m_data->patternOfUnit[unit];
        if (pattern != kNoPattern)
            ++scratch->times[pattern];
    }
    const auto timesOf = [&](std::size_t p) { return static_cast<double>(scratch->times[p]); };
    return alphaParts(m_data->patterns, timesOf, m_data->level, m_data->categories, scratch->scratch).alpha();
}

std::optional<std::vector<std::optional<double>>> KrippendorffUnitwise::jackknifeValues() const
{
    std::vector<std::optional<double>> values(unitCount());
    if (!m_data->error.empty())
        return values;
    std::vector<std::uint32_t> times = m_data->unitsWithPattern;
    Scratch scratch;
    const auto timesOf = [&](std::size_t p) { return static_cast<double>(times[p]); };
    const std::optional<double> all =
        alphaParts(m_data->patterns, timesOf, m_data->level, m_data->categories, scratch).alpha();
    std::vector<std::optional<double>> withoutOne(m_data->patterns.size());
    for (std::size_t p = 0; p < withoutOne.size(); ++p) {
        --times[p];
        withoutOne[p] = alphaParts(m_data->patterns, timesOf, m_data->level, m_data->categories, scratch).alpha();
        ++times[p];
    }
    for (std::size_t u = 0; u < values.size(); ++u) {
        const std::uint32_t pattern = m_data->patternOfUnit[u];
        values[u] = pattern == kNoPattern ? all : withoutOne[pattern];
    }
    return values;
}

} // namespace concord::stats
