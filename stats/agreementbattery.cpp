#include "stats/agreementbattery.h"

#include "stats/chanceagreement.h"
#include "stats/cohenkappa.h"
#include "stats/icc.h"

#include <cmath>
#include <functional>
#include <string>
#include <unordered_map>

namespace concord::stats {

namespace {

// The distinct rows of a rating matrix (as category indices, −1 for missing) and which one each unit has.
struct Patterns
{
    std::size_t raters = 0;
    std::vector<int> codes;            // pattern × rater
    std::vector<double> values;        // pattern × rater, the rating values (NaN for missing)
    std::vector<std::uint32_t> ofUnit; // pattern of each unit
    std::vector<double> counts;        // units per pattern

    std::size_t size() const { return counts.size(); }
    int code(std::size_t p, std::size_t r) const { return codes[p * raters + r]; }
    double value(std::size_t p, std::size_t r) const { return values[p * raters + r]; }
};

Patterns findPatterns(const RatingMatrix &ratings, const std::vector<double> &categories)
{
    Patterns patterns;
    patterns.raters = ratings.raters();
    std::unordered_map<std::string, std::uint32_t> index;
    std::string key(ratings.raters(), '\0');
    patterns.ofUnit.resize(ratings.units());
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        for (std::size_t r = 0; r < ratings.raters(); ++r)
            key[r] = ratings.has(u, r) ? static_cast<char>(categoryIndex(categories, ratings.at(u, r)) + 1) : '\0';
        const auto [it, added] = index.try_emplace(key, static_cast<std::uint32_t>(patterns.counts.size()));
        if (added) {
            patterns.counts.push_back(0);
            for (std::size_t r = 0; r < ratings.raters(); ++r) {
                patterns.codes.push_back(static_cast<int>(static_cast<unsigned char>(key[r])) - 1);
                patterns.values.push_back(ratings.row(u)[r]);
            }
        }
        patterns.ofUnit[u] = it->second;
        patterns.counts[it->second] += 1;
    }
    return patterns;
}

using PatternValue = std::function<std::optional<double>(const std::vector<double> &weights)>;

struct PatternWorkspace final : UnitwiseWorkspace
{
    std::vector<double> weights;
};

// A statistic of the pattern counts, for the bootstrap: a resample only counts how often each pattern was drawn.
class PatternStatistic final : public UnitwiseStatistic
{
public:
    PatternStatistic(const Patterns &patterns, PatternValue value)
        : m_patterns(patterns)
        , m_value(std::move(value))
    {}

    std::size_t unitCount() const override { return m_patterns.ofUnit.size(); }
    std::unique_ptr<UnitwiseWorkspace> makeWorkspace() const override
    {
        auto workspace = std::make_unique<PatternWorkspace>();
        workspace->weights.resize(m_patterns.size());
        return workspace;
    }
    std::optional<double> evaluate(std::span<const std::uint32_t> units, UnitwiseWorkspace *workspace) const override
    {
        auto &weights = static_cast<PatternWorkspace *>(workspace)->weights;
        std::fill(weights.begin(), weights.end(), 0.0);
        for (std::uint32_t u : units)
            weights[m_patterns.ofUnit[u]] += 1.0;
        return m_value(weights);
    }
    // Leaving out a unit is leaving out one unit of its pattern: one evaluation per pattern.
    std::optional<std::vector<std::optional<double>>> jackknifeValues() const override
    {
        std::vector<std::optional<double>> perPattern(m_patterns.size());
        std::vector<double> weights = m_patterns.counts;
        for (std::size_t p = 0; p < weights.size(); ++p) {
            weights[p] -= 1.0;
            perPattern[p] = m_value(weights);
            weights[p] += 1.0;
        }
        std::vector<std::optional<double>> values(m_patterns.ofUnit.size());
        for (std::size_t u = 0; u < values.size(); ++u)
            values[u] = perPattern[m_patterns.ofUnit[u]];
        return values;
    }

private:
    const Patterns &m_patterns;
    PatternValue m_value;
};

enum class Chance
{
    None,
    Uniform,
    PooledProducts,
    Gwet
};

// Gwet's framework (chanceagreement.h) on pattern counts: per pattern its number of ratings r_p, its pairwise
// agreement and its category shares r_pk / r_p, then the weighted sums.
PatternValue gwetFamilyValue(const Patterns &patterns, const WeightMatrix &w, Chance chance)
{
    const std::size_t q = w.size();
    const std::size_t count = patterns.size();
    std::vector<double> total(count), agreement(count), shares(count * q);
    std::vector<double> r(q);
    for (std::size_t p = 0; p < count; ++p) {
        std::fill(r.begin(), r.end(), 0.0);
        for (std::size_t j = 0; j < patterns.raters; ++j)
            if (patterns.code(p, j) >= 0)
                r[static_cast<std::size_t>(patterns.code(p, j))] += 1.0;
        for (std::size_t k = 0; k < q; ++k)
            total[p] += r[k];
        if (total[p] == 0)
            continue;
        for (std::size_t k = 0; k < q; ++k)
            shares[p * q + k] = r[k] / total[p];
        if (total[p] < 2)
            continue;
        double agreeing = 0;
        for (std::size_t k = 0; k < q; ++k) {
            if (r[k] == 0)
                continue;
            double weighted = 0;
            for (std::size_t l = 0; l < q; ++l)
                weighted += w(k, l) * r[l];
            agreeing += r[k] * (weighted - 1.0);
        }
        agreement[p] = agreeing / (total[p] * (total[p] - 1.0));
    }
    double weightTotal = 0;
    for (std::size_t k = 0; k < q; ++k)
        for (std::size_t l = 0; l < q; ++l)
            weightTotal += w(k, l);
    return [=](const std::vector<double> &weights) -> std::optional<double> {
        double n = 0, n2 = 0, pa = 0;
        std::vector<double> pi(q, 0.0);
        for (std::size_t p = 0; p < count; ++p) {
            if (weights[p] == 0 || total[p] == 0)
                continue;
            n += weights[p];
            for (std::size_t k = 0; k < q; ++k)
                pi[k] += weights[p] * shares[p * q + k];
            if (total[p] >= 2) {
                n2 += weights[p];
                pa += weights[p] * agreement[p];
            }
        }
        if (n2 == 0)
            return std::nullopt;
        pa /= n2;
        double pe = 0;
        switch (chance) {
        case Chance::None:
            break;
        case Chance::Uniform:
            pe = weightTotal / static_cast<double>(q * q);
            break;
        case Chance::PooledProducts:
            for (std::size_t k = 0; k < q; ++k)
                for (std::size_t l = 0; l < q; ++l)
                    pe += w(k, l) * (pi[k] / n) * (pi[l] / n);
            break;
        case Chance::Gwet:
            for (std::size_t k = 0; k < q; ++k)
                pe += (pi[k] / n) * (1.0 - pi[k] / n);
            pe *= q >= 2 ? weightTotal / static_cast<double>(q * (q - 1)) : 0.0;
            break;
        }
        if (1.0 - pe <= 1e-12)
            return std::nullopt;
        return (pa - pe) / (1.0 - pe);
    };
}

// Cohen's kappa of raters a and b from the pattern counts.
PatternValue cohenValue(const Patterns &patterns, const WeightMatrix &w, std::size_t a, std::size_t b)
{
    const std::size_t q = w.size();
    return [&patterns, w, q, a, b](const std::vector<double> &weights) -> std::optional<double> {
        std::vector<double> table(q * q), rows(q), cols(q);
        double n = 0;
        for (std::size_t p = 0; p < patterns.size(); ++p) {
            const int i = patterns.code(p, a), j = patterns.code(p, b);
            if (weights[p] == 0 || i < 0 || j < 0)
                continue;
            table[static_cast<std::size_t>(i) * q + static_cast<std::size_t>(j)] += weights[p];
            rows[static_cast<std::size_t>(i)] += weights[p];
            cols[static_cast<std::size_t>(j)] += weights[p];
            n += weights[p];
        }
        if (n == 0)
            return std::nullopt;
        double po = 0, pe = 0;
        for (std::size_t i = 0; i < q; ++i)
            for (std::size_t j = 0; j < q; ++j) {
                po += w(i, j) * table[i * q + j] / n;
                pe += w(i, j) * (rows[i] / n) * (cols[j] / n);
            }
        if (1.0 - pe <= 1e-12)
            return std::nullopt;
        return (po - pe) / (1.0 - pe);
    };
}

// ICC(2,1) of the complete patterns (Shrout & Fleiss 1979), from weighted two-way ANOVA sums.
PatternValue icc2Value(const Patterns &patterns)
{
    const std::size_t k = patterns.raters;
    return [&patterns, k](const std::vector<double> &weights) -> std::optional<double> {
        double n = 0, sum = 0;
        std::vector<double> raterSums(k, 0.0);
        for (std::size_t p = 0; p < patterns.size(); ++p) {
            if (weights[p] == 0)
                continue;
            bool complete = true;
            for (std::size_t j = 0; j < k; ++j)
                complete = complete && patterns.code(p, j) >= 0;
            if (!complete)
                continue;
            n += weights[p];
            for (std::size_t j = 0; j < k; ++j) {
                sum += weights[p] * patterns.value(p, j);
                raterSums[j] += weights[p] * patterns.value(p, j);
            }
        }
        const double kk = static_cast<double>(k);
        if (n < 2 || k < 2)
            return std::nullopt;
        const double grand = sum / (n * kk);
        double ssUnits = 0, ssTotal = 0, ssRaters = 0;
        for (std::size_t p = 0; p < patterns.size(); ++p) {
            if (weights[p] == 0)
                continue;
            double row = 0;
            bool complete = true;
            for (std::size_t j = 0; j < k; ++j) {
                complete = complete && patterns.code(p, j) >= 0;
                row += patterns.value(p, j);
            }
            if (!complete)
                continue;
            ssUnits += weights[p] * kk * (row / kk - grand) * (row / kk - grand);
            for (std::size_t j = 0; j < k; ++j)
                ssTotal += weights[p] * (patterns.value(p, j) - grand) * (patterns.value(p, j) - grand);
        }
        for (double s : raterSums)
            ssRaters += n * (s / n - grand) * (s / n - grand);
        const double bms = ssUnits / (n - 1.0);
        const double jms = ssRaters / (kk - 1.0);
        const double ems = (ssTotal - ssUnits - ssRaters) / ((n - 1.0) * (kk - 1.0));
        const double denominator = bms + (kk - 1.0) * ems + kk * (jms - ems) / n;
        if (!(denominator > 0))
            return std::nullopt;
        return (bms - ems) / denominator;
    };
}

} // namespace

std::vector<BatteryEntry> agreementBattery(const RatingMatrix &ratings, const BatteryOptions &options)
{
    std::vector<BatteryEntry> entries;
    std::string error;
    const std::vector<double> categories = categoriesFor(ratings, options.categories, error);
    const WeightSpec weighted{options.weights, {}};
    const auto weightMatrix = weighted.over(categories, error);
    if (!error.empty() || !weightMatrix) {
        entries.push_back({"battery", "Agreement", Estimate::undefined(error), {}});
        return entries;
    }
    const WeightMatrix identity(WeightKind::Identity, categories);
    const Patterns patterns = findPatterns(ratings, categories);

    BootstrapOptions boot;
    boot.resamples = options.resamples;
    boot.seed = options.seed;
    boot.level = options.confidence;
    boot.method = options.bootstrapMethod;
    boot.threads = options.threads;
    // Every coefficient's statistic, bootstrapped together at the end: one draw of units per replicate for all.
    std::vector<std::unique_ptr<UnitwiseStatistic>> owned;
    std::vector<const UnitwiseStatistic *> statistics;
    auto add = [&](std::string name, std::string label, Estimate estimate, const UnitwiseStatistic &statistic) {
        entries.push_back(BatteryEntry{std::move(name), std::move(label), std::move(estimate), {}});
        statistics.push_back(&statistic);
    };
    auto addPattern = [&](std::string name, std::string label, Estimate estimate, PatternValue value) {
        owned.push_back(std::make_unique<PatternStatistic>(patterns, std::move(value)));
        add(std::move(name), std::move(label), std::move(estimate), *owned.back());
    };

    const std::string levelName = measurementLevelName(options.level);
    const KrippendorffUnitwise alpha(ratings, options.level, categories);
    add("krippendorff_alpha", "Krippendorff's alpha (" + levelName + ")",
        krippendorffAlpha(ratings, {options.level, categories, options.confidence}), alpha);

    ChanceAgreementOptions plain;
    plain.categories = categories;
    plain.confidence = options.confidence;
    ChanceAgreementOptions withWeights = plain;
    withWeights.weights = weighted;
    const std::string weightName = weightKindName(options.weights);
    addPattern("fleiss_kappa", "Fleiss' kappa", fleissKappa(ratings, plain),
               gwetFamilyValue(patterns, identity, Chance::PooledProducts));
    addPattern("gwet_ac1", "Gwet's AC1", gwetAc(ratings, plain), gwetFamilyValue(patterns, identity, Chance::Gwet));
    if (options.weights != WeightKind::Identity) {
        addPattern("gwet_ac2", "Gwet's AC2 (" + weightName + " weights)", gwetAc(ratings, withWeights),
                   gwetFamilyValue(patterns, *weightMatrix, Chance::Gwet));
    }
    addPattern("brennan_prediger", "Brennan-Prediger (" + weightName + " weights)",
               brennanPrediger(ratings, withWeights), gwetFamilyValue(patterns, *weightMatrix, Chance::Uniform));
    addPattern("percent_agreement", "Percent agreement (pairwise)", percentAgreement(ratings, plain),
               gwetFamilyValue(patterns, identity, Chance::None));
    addPattern("icc2", "ICC(2,1)", icc(ratings, IccKind::Icc2, options.confidence), icc2Value(patterns));

    CohenKappaOptions pairOptions;
    pairOptions.weights = weighted;
    pairOptions.categories = categories;
    pairOptions.confidence = options.confidence;
    for (std::size_t a = 0; a < ratings.raters(); ++a) {
        for (std::size_t b = a + 1; b < ratings.raters(); ++b) {
            const std::size_t pair[] = {a, b};
            addPattern("cohen_kappa:" + std::to_string(a) + "-" + std::to_string(b),
                       "Cohen's kappa (" + weightName + " weights), raters " + std::to_string(a + 1) + " and " +
                           std::to_string(b + 1),
                       cohenKappa(ratings.selectRaters(pair), pairOptions), cohenValue(patterns, *weightMatrix, a, b));
        }
    }
    if (options.resamples > 0) {
        const std::vector<BootstrapResult> intervals = bootstrapMany(statistics, boot);
        for (std::size_t i = 0; i < entries.size(); ++i)
            entries[i].bootstrap = intervals[i];
    }
    return entries;
}

} // namespace concord::stats
