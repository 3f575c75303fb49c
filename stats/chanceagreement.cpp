#include "stats/chanceagreement.h"

#include "stats/inference.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace concord::stats {

namespace detail {

CategoryLookup::CategoryLookup(std::size_t capacity)
{
    std::size_t size = 16; // a power of two, at least 4 × capacity: probes stay short
    m_shift = 60;          // 64 − log2(size)
    while (size < 4 * capacity) {
        size *= 2;
        --m_shift;
    }
    m_mask = size - 1;
    m_keys.assign(size, 0);
    m_index.assign(size, -1);
}

CategoryLookup::CategoryLookup(std::span<const double> categories)
    : CategoryLookup(categories.size())
{
    for (std::size_t k = 0; k < categories.size(); ++k)
        insert(categories[k], static_cast<int>(k));
}

bool CategoryLookup::insert(double value, int index)
{
    const std::uint64_t key = keyOf(value);
    const std::size_t slot = find(key);
    if (m_index[slot] >= 0)
        return false;
    m_keys[slot] = key;
    m_index[slot] = index;
    return true;
}

std::vector<double> categoriesOf(const RatingMatrix &ratings, std::span<const double> declared)
{
    if (!declared.empty()) {
        std::vector<double> categories(declared.begin(), declared.end());
        std::sort(categories.begin(), categories.end());
        categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
        return categories;
    }
    // A rating scale has a handful of points; past this many distinct values the shared sort-based path is used.
    constexpr std::size_t kShortScale = 64;
    CategoryLookup seen(kShortScale);
    std::vector<double> values;
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        for (double v : ratings.row(u)) {
            if (std::isnan(v) || seen(v) >= 0)
                continue;
            if (values.size() == kShortScale)
                return ratings.observedValues();
            seen.insert(v, static_cast<int>(values.size()));
            values.push_back(v + 0.0);
        }
    }
    std::sort(values.begin(), values.end());
    return values;
}

std::string undeclaredRating(const RatingMatrix &ratings, std::span<const double> declared)
{
    std::string error;
    categoriesFor(ratings, declared, error);
    return error.empty() ? "a rating is not one of the declared categories" : error;
}

} // namespace detail

namespace {

using detail::categoriesOf;
using detail::kMaxCategories;
using detail::undeclaredRating;

enum class Chance
{
    None,           // percent agreement
    Uniform,        // Brennan–Prediger
    PooledProducts, // Fleiss / Scott
    Gwet,           // AC1 / AC2
};

// Everything the coefficients need from one pass over the ratings.
struct Tally
{
    std::vector<std::uint32_t> ratingCategory; // category index of every rating, unit after unit
    std::vector<std::uint32_t> unitRatings;    // r_i of every unit with at least one rating
    std::vector<double> unitAgreement;         // p_a|i (0 for a unit with one rating)
    std::vector<double> pi;                    // π_k
    double pa = 0;
    std::size_t n = 0;      // units with a rating
    std::size_t n2 = 0;     // units with two or more
    std::size_t empty = 0;  // units without any rating
    std::size_t single = 0; // units with exactly one
    std::size_t unanimous = 0;
    std::size_t ratings = 0;
    std::size_t commonRatings = 0; // r_i shared by every rated unit, 0 when they differ
    bool undeclared = false;       // a rating is not among the declared categories: nothing else is filled
};

Tally tally(const RatingMatrix &ratings, const std::vector<double> &categories, const WeightMatrix &weights)
{
    const std::size_t q = categories.size();
    const bool identity = weights.isIdentity();
    Tally t;
    t.pi.assign(q, 0.0);
    t.unitRatings.reserve(ratings.units());
    t.unitAgreement.reserve(ratings.units());
    t.ratingCategory.resize(ratings.units() * ratings.raters());
    std::uint32_t *category = t.ratingCategory.data();
    std::vector<std::uint32_t> count(q, 0);
    std::vector<std::uint32_t> present; // with weights, the categories of the current unit
    present.reserve(ratings.raters());
    const detail::CategoryLookup lookup(categories);
    bool common = true;
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        std::uint32_t *const first = category;
        std::uint64_t squares = 0; // Σ_k r_ik², kept as the counts grow
        for (double v : ratings.row(u)) {
            if (std::isnan(v))
                continue;
            const int index = lookup(v);
            if (index < 0) {
                t.undeclared = true;
                return t;
            }
            const auto k = static_cast<std::uint32_t>(index);
            const std::uint32_t before = count[k]++;
            squares += 2 * before + 1;
            if (!identity && before == 0)
                present.push_back(k);
            *category++ = k;
        }
        const auto total = static_cast<std::uint32_t>(category - first);
        if (total == 0) {
            ++t.empty;
            continue;
        }
        if (t.n == 0)
            t.commonRatings = total;
        common = common && total == t.commonRatings;
        ++t.n;
        t.ratings += total;
        t.unitRatings.push_back(total);
        const double r = total;
        // Σ_k r_ik (r*_ik − 1): with identity weights Σ_k r_ik² − r_i.
        double agreeing = static_cast<double>(squares) - r;
        if (!identity) {
            agreeing = 0;
            for (std::uint32_t k : present) {
                double weighted = 0; // r*_ik = Σ_l w_kl r_il over the categories present
                for (std::uint32_t l : present)
                    weighted += weights(k, l) * count[l];
                agreeing += count[k] * (weighted - 1.0);
            }
            present.clear();
        }
        const double share = 1.0 / r;
        for (const std::uint32_t *k = first; k != category; ++k) {
            t.pi[*k] += share;
            count[*k] = 0;
        }
        if (total >= 2) {
            t.unitAgreement.push_back(agreeing / (r * (r - 1.0)));
            t.pa += t.unitAgreement.back();
            ++t.n2;
            if (squares == std::uint64_t{total} * total) // a single category
                ++t.unanimous;
        } else {
            t.unitAgreement.push_back(0.0);
            ++t.single;
        }
    }
    t.ratingCategory.resize(t.ratings);
    if (t.n2 > 0)
        t.pa /= static_cast<double>(t.n2);
    if (t.n > 0) {
        for (double &p : t.pi)
            p /= static_cast<double>(t.n);
    }
    if (!common)
        t.commonRatings = 0;
    return t;
}

void describe(Estimate &estimate, const RatingMatrix &ratings, const Tally &t, double confidence)
{
    estimate.confidenceLevel = confidence;
    estimate.nUnits = t.n2;
    estimate.nRaters = ratings.activeRaters();
    estimate.nRatings = t.ratings;
    estimate.nUnitsExcluded = t.empty + t.single;
    if (estimate.nUnitsExcluded > 0) {
        estimate.exclusionReason = std::to_string(estimate.nUnitsExcluded) + " units carry no agreement information (" +
                                   std::to_string(t.single) + " with one rating, " + std::to_string(t.empty) +
                                   " with none); single ratings still count in chance agreement";
    }
}

// Fleiss, Nee & Landis (1979) standard error of Fleiss' kappa under the null, for m ratings on each of n units.
double fleissNeeLandisSe0(const std::vector<double> &pi, std::size_t n, std::size_t m)
{
    double spread = 0, skew = 0;
    for (double p : pi) {
        spread += p * (1.0 - p);
        skew += p * (1.0 - p) * (1.0 - 2.0 * p);
    }
    const double radicand = spread * spread - skew;
    if (!(spread > 0) || !(radicand > 0))
        return 0.0;
    const double md = static_cast<double>(m);
    return std::sqrt(2.0 * radicand / (static_cast<double>(n) * md * (md - 1.0))) / spread;
}

Estimate coefficient(const RatingMatrix &ratings, const ChanceAgreementOptions &options, Chance chance,
                     bool nullTestWhenComplete = false)
{
    if (!validConfidenceLevel(options.confidence))
        return Estimate::undefined("the confidence level must lie strictly between 0 and 1");
    const std::vector<double> categories = categoriesOf(ratings, options.categories);
    if (categories.size() > kMaxCategories) {
        return Estimate::undefined(std::to_string(categories.size()) +
                                   " categories: these coefficients are for rating scales of at most " +
                                   std::to_string(kMaxCategories) + " categories");
    }
    std::string error;
    const auto weights = options.weights.over(categories, error);
    if (!weights)
        return Estimate::undefined(error);

    const std::size_t q = categories.size();
    const Tally t = tally(ratings, categories, *weights);
    if (t.undeclared)
        return Estimate::undefined(undeclaredRating(ratings, options.categories));
    Estimate estimate;
    describe(estimate, ratings, t, options.confidence);
    if (t.n2 == 0) {
        estimate.reason = "no unit has two or more ratings"; // no value: undefined, with the counts
        return estimate;
    }

    double weightTotal = 0; // T_w
    for (std::size_t k = 0; k < q; ++k) {
        for (std::size_t l = 0; l < q; ++l)
            weightTotal += (*weights)(k, l);
    }
    // A unit's share of chance agreement is Σ_k r_ik·unitChanceWeight[k] / r_i for Fleiss and Gwet.
    std::vector<double> unitChanceWeight;
    double pe = 0;
    switch (chance) {
    case Chance::None:
        break;
    case Chance::Uniform:
        pe = weightTotal / static_cast<double>(q * q);
        break;
    case Chance::PooledProducts:
        unitChanceWeight.assign(q, 0.0); // π̄_k = Σ_l (w_kl + w_lk) π_l / 2
        for (std::size_t k = 0; k < q; ++k) {
            for (std::size_t l = 0; l < q; ++l) {
                pe += (*weights)(k, l) * t.pi[k] * t.pi[l];
                unitChanceWeight[k] += ((*weights)(k, l) + (*weights)(l, k)) * t.pi[l] / 2.0;
            }
        }
        break;
    case Chance::Gwet: {
        const double factor = q >= 2 ? weightTotal / static_cast<double>(q * (q - 1)) : 0.0;
        unitChanceWeight.assign(q, 0.0);
        for (std::size_t k = 0; k < q; ++k) {
            pe += t.pi[k] * (1.0 - t.pi[k]);
            unitChanceWeight[k] = factor * (1.0 - t.pi[k]);
        }
        pe *= factor;
        break;
    }
    }
    estimate.observedAgreement = t.pa;
    estimate.chanceAgreement = pe;
    if (1.0 - pe <= 1e-12) {
        estimate.reason = "chance agreement is 1 (every rating is in one category, or the weights count every pair "
                          "of categories as agreeing), so the coefficient is undefined";
        return estimate;
    }
    const double value = (t.pa - pe) / (1.0 - pe);
    estimate.value = value;
    if (t.n < 2)
        return estimate; // one unit: no variance

    // Gwet's linearized variance: var = Σ_i (c_i − c)² / (n (n − 1)) over the units with a rating.
    const double n = static_cast<double>(t.n);
    const double scale = n / static_cast<double>(t.n2);
    double sum = 0;
    const std::uint32_t *category = t.ratingCategory.data();
    for (std::size_t i = 0; i < t.n; ++i) {
        const std::uint32_t total = t.unitRatings[i];
        double term = scale * (t.unitAgreement[i] - (total >= 2 ? pe : 0.0)) / (1.0 - pe);
        if (!unitChanceWeight.empty()) {
            double unitChance = 0;
            for (std::uint32_t j = 0; j < total; ++j)
                unitChance += unitChanceWeight[category[j]];
            unitChance /= total;
            term -= 2.0 * (1.0 - value) * (unitChance - pe) / (1.0 - pe);
        }
        category += total;
        sum += (term - value) * (term - value);
    }
    estimate.se = std::sqrt(sum / (n * (n - 1.0)));
    // The coefficient ranges over [−p_e / (1 − p_e), 1] as p_a goes from 0 to 1.
    const double lowest = pe > 0 ? -pe / (1.0 - pe) : 0.0;
    setStudentInterval(estimate, options.confidence, n - 1.0, lowest, 1.0);
    if (*estimate.se > 0) {
        const double tStatistic = value / *estimate.se;
        estimate.z = tStatistic;
        estimate.pValue = 2.0 * boost::math::cdf(boost::math::complement(
                                    boost::math::students_t_distribution<double>(n - 1.0), std::abs(tStatistic)));
    }
    if (nullTestWhenComplete && t.commonRatings >= 2 && weights->isIdentity()) {
        const double se0 = fleissNeeLandisSe0(t.pi, t.n, t.commonRatings);
        if (se0 > 0)
            setNullTest(estimate, se0);
    }
    return estimate;
}

Estimate unanimousAgreement(const RatingMatrix &ratings, const ChanceAgreementOptions &options)
{
    if (!validConfidenceLevel(options.confidence))
        return Estimate::undefined("the confidence level must lie strictly between 0 and 1");
    if (options.weights.kind != WeightKind::Identity)
        return Estimate::undefined("unanimous agreement is unweighted; use the pairwise definition with weights");
    const std::vector<double> categories = categoriesOf(ratings, options.categories);
    if (categories.size() > kMaxCategories) {
        return Estimate::undefined(std::to_string(categories.size()) +
                                   " categories: agreement is computed for rating scales of at most " +
                                   std::to_string(kMaxCategories) + " categories");
    }
    const Tally t = tally(ratings, categories, WeightMatrix(WeightKind::Identity, categories));
    if (t.undeclared)
        return Estimate::undefined(undeclaredRating(ratings, options.categories));
    Estimate estimate;
    describe(estimate, ratings, t, options.confidence);
    if (t.n2 == 0) {
        estimate.reason = "no unit has two or more ratings"; // no value: undefined, with the counts
        return estimate;
    }
    const double units = static_cast<double>(t.n2);
    const double p = static_cast<double>(t.unanimous) / units;
    estimate.value = p;
    estimate.observedAgreement = p;
    estimate.se = std::sqrt(p * (1.0 - p) / units);
    estimate.ci = wilsonInterval(static_cast<double>(t.unanimous), units, options.confidence);
    estimate.ciMethod = IntervalMethod::Wilson;
    return estimate;
}

} // namespace

std::optional<PercentAgreementDefinition> percentAgreementDefinitionFromName(std::string_view name)
{
    if (name == "pairwise")
        return PercentAgreementDefinition::Pairwise;
    if (name == "unanimous")
        return PercentAgreementDefinition::Unanimous;
    return std::nullopt;
}

Estimate percentAgreement(const RatingMatrix &ratings, const ChanceAgreementOptions &options)
{
    if (options.definition == PercentAgreementDefinition::Unanimous)
        return unanimousAgreement(ratings, options);
    return coefficient(ratings, options, Chance::None);
}

Estimate brennanPrediger(const RatingMatrix &ratings, const ChanceAgreementOptions &options)
{
    return coefficient(ratings, options, Chance::Uniform);
}

Estimate fleissKappa(const RatingMatrix &ratings, const ChanceAgreementOptions &options)
{
    return coefficient(ratings, options, Chance::PooledProducts, true);
}

Estimate scottPi(const RatingMatrix &ratings, const ChanceAgreementOptions &options)
{
    return coefficient(ratings, options, Chance::PooledProducts);
}

Estimate gwetAc(const RatingMatrix &ratings, const ChanceAgreementOptions &options)
{
    return coefficient(ratings, options, Chance::Gwet);
}

} // namespace concord::stats
