#include "stats/chanceagreement.h"

#include "stats/inference.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>

namespace concord::stats {

namespace {

enum class Chance
{
    None,           // percent agreement
    Uniform,        // Brennan–Prediger
    PooledProducts, // Fleiss / Scott
    Gwet,           // AC1 / AC2
};

// Per-unit category counts over the units with at least one rating.
struct UnitCounts
{
    std::size_t q = 0;
    std::vector<double> counts; // n × q
    std::vector<double> totals; // r_i
    std::size_t n = 0;          // units with a rating
    std::size_t n2 = 0;         // units with two or more
    std::size_t empty = 0;      // units without any rating
    std::size_t single = 0;     // units with exactly one
    std::size_t ratings = 0;
};

UnitCounts countUnits(const RatingMatrix &ratings, const std::vector<double> &categories)
{
    UnitCounts c;
    c.q = categories.size();
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        const std::size_t offset = c.counts.size();
        double total = 0;
        c.counts.resize(offset + c.q, 0.0);
        for (double v : ratings.row(u)) {
            if (std::isnan(v))
                continue;
            c.counts[offset + static_cast<std::size_t>(categoryIndex(categories, v))] += 1.0;
            total += 1.0;
        }
        if (total == 0) {
            c.counts.resize(offset);
            ++c.empty;
            continue;
        }
        c.totals.push_back(total);
        c.ratings += static_cast<std::size_t>(total);
        ++c.n;
        if (total >= 2)
            ++c.n2;
        else
            ++c.single;
    }
    return c;
}

void describeExclusions(Estimate &estimate, const UnitCounts &c)
{
    estimate.nUnitsExcluded = c.empty + c.single;
    if (estimate.nUnitsExcluded == 0)
        return;
    estimate.exclusionReason = std::to_string(estimate.nUnitsExcluded) +
                               " units carry no agreement information (" + std::to_string(c.single) +
                               " with one rating, " + std::to_string(c.empty) +
                               " with none); single ratings still count in chance agreement";
}

Estimate coefficient(const RatingMatrix &ratings, const ChanceAgreementOptions &options, Chance chance)
{
    if (!validConfidenceLevel(options.confidence))
        return Estimate::undefined("the confidence level must lie strictly between 0 and 1");
    std::string error;
    const std::vector<double> categories = categoriesFor(ratings, options.categories, error);
    if (!error.empty())
        return Estimate::undefined(error);
    const auto weights = options.weights.over(categories, error);
    if (!weights)
        return Estimate::undefined(error);

    const UnitCounts c = countUnits(ratings, categories);
    const std::size_t q = c.q;
    Estimate estimate;
    estimate.confidenceLevel = options.confidence;
    estimate.nRaters = ratings.activeRaters();
    estimate.nRatings = c.ratings;
    describeExclusions(estimate, c);
    if (c.n2 == 0) {
        estimate.reason = "no unit has two or more ratings"; // no value: undefined, with the counts
        return estimate;
    }
    estimate.nUnits = c.n2;

    // Agreement per unit, and classification probabilities.
    std::vector<double> unitAgreement(c.n, 0.0);
    std::vector<double> pi(q, 0.0);
    double pa = 0;
    for (std::size_t i = 0; i < c.n; ++i) {
        const double *r = &c.counts[i * q];
        const double total = c.totals[i];
        for (std::size_t k = 0; k < q; ++k)
            pi[k] += r[k] / total;
        if (total < 2)
            continue;
        double agreeing = 0;
        for (std::size_t k = 0; k < q; ++k) {
            if (r[k] == 0)
                continue;
            double weighted = 0; // r*_ik
            for (std::size_t l = 0; l < q; ++l)
                weighted += (*weights)(k, l) * r[l];
            agreeing += r[k] * (weighted - 1.0);
        }
        unitAgreement[i] = agreeing / (total * (total - 1.0));
        pa += unitAgreement[i];
    }
    pa /= static_cast<double>(c.n2);
    const double n = static_cast<double>(c.n);
    for (double &p : pi)
        p /= n;

    double weightTotal = 0;
    for (std::size_t k = 0; k < q; ++k) {
        for (std::size_t l = 0; l < q; ++l)
            weightTotal += (*weights)(k, l);
    }
    const double gwetFactor = q >= 2 ? weightTotal / static_cast<double>(q * (q - 1)) : 0.0;
    std::vector<double> pooledWeight(q, 0.0); // π̄_k for Fleiss
    double pe = 0;
    switch (chance) {
    case Chance::None:
        break;
    case Chance::Uniform:
        pe = weightTotal / static_cast<double>(q * q);
        break;
    case Chance::PooledProducts:
        for (std::size_t k = 0; k < q; ++k) {
            for (std::size_t l = 0; l < q; ++l) {
                pe += (*weights)(k, l) * pi[k] * pi[l];
                pooledWeight[k] += ((*weights)(k, l) + (*weights)(l, k)) * pi[l] / 2.0;
            }
        }
        break;
    case Chance::Gwet:
        for (std::size_t k = 0; k < q; ++k)
            pe += pi[k] * (1.0 - pi[k]);
        pe *= gwetFactor;
        break;
    }
    estimate.observedAgreement = pa;
    estimate.chanceAgreement = pe;
    if (1.0 - pe <= 1e-12) {
        estimate.reason = "chance agreement is 1 (every rating is in one category), so the coefficient is undefined";
        return estimate;
    }
    const double value = (pa - pe) / (1.0 - pe);
    estimate.value = value;

    if (c.n >= 2) {
        const double scale = n / static_cast<double>(c.n2);
        double sum = 0;
        for (std::size_t i = 0; i < c.n; ++i) {
            const double *r = &c.counts[i * q];
            const double total = c.totals[i];
            double term = scale * (unitAgreement[i] - (total >= 2 ? pe : 0.0)) / (1.0 - pe);
            double unitChance = pe;
            if (chance == Chance::PooledProducts || chance == Chance::Gwet) {
                unitChance = 0;
                for (std::size_t k = 0; k < q; ++k)
                    unitChance += r[k] * (chance == Chance::Gwet ? gwetFactor * (1.0 - pi[k]) : pooledWeight[k]);
                unitChance /= total;
            }
            term -= 2.0 * (1.0 - value) * (unitChance - pe) / (1.0 - pe);
            sum += (term - value) * (term - value);
        }
        estimate.se = std::sqrt(sum / (n * (n - 1.0)));
        const double lower = chance == Chance::None ? 0.0 : -1.0;
        setStudentInterval(estimate, options.confidence, n - 1.0, lower, 1.0);
        if (*estimate.se > 0) {
            const double t = value / *estimate.se;
            estimate.z = t;
            estimate.pValue = 2.0 * boost::math::cdf(boost::math::complement(
                                        boost::math::students_t_distribution<double>(n - 1.0), std::abs(t)));
        }
    }
    return estimate;
}

Estimate unanimousAgreement(const RatingMatrix &ratings, const ChanceAgreementOptions &options)
{
    if (!validConfidenceLevel(options.confidence))
        return Estimate::undefined("the confidence level must lie strictly between 0 and 1");
    if (options.weights.kind != WeightKind::Identity)
        return Estimate::undefined("unanimous agreement is unweighted; use the pairwise definition with weights");
    std::string error;
    const std::vector<double> categories = categoriesFor(ratings, options.categories, error);
    if (!error.empty())
        return Estimate::undefined(error);
    const UnitCounts c = countUnits(ratings, categories);
    Estimate estimate;
    estimate.confidenceLevel = options.confidence;
    estimate.nRaters = ratings.activeRaters();
    estimate.nRatings = c.ratings;
    describeExclusions(estimate, c);
    if (c.n2 == 0) {
        estimate.reason = "no unit has two or more ratings"; // no value: undefined, with the counts
        return estimate;
    }
    double unanimous = 0;
    for (std::size_t i = 0; i < c.n; ++i) {
        if (c.totals[i] < 2)
            continue;
        const double *r = &c.counts[i * c.q];
        if (std::any_of(r, r + c.q, [&](double count) { return count == c.totals[i]; }))
            unanimous += 1.0;
    }
    const double units = static_cast<double>(c.n2);
    const double p = unanimous / units;
    estimate.value = p;
    estimate.observedAgreement = p;
    estimate.se = std::sqrt(p * (1.0 - p) / units);
    estimate.ci = wilsonInterval(unanimous, units, options.confidence);
    estimate.ciMethod = IntervalMethod::Wilson;
    estimate.nUnits = c.n2;
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
    Estimate estimate = coefficient(ratings, options, Chance::PooledProducts);
    if (!estimate.value || options.weights.kind != WeightKind::Identity)
        return estimate;
    // Fleiss, Nee & Landis (1979) null standard error, for complete data only: the same number of ratings per unit.
    std::size_t m = 0;
    std::size_t units = 0;
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        const std::size_t count = ratings.ratingsOfUnit(u);
        if (count == 0)
            continue;
        if (m == 0)
            m = count;
        if (count != m)
            return estimate;
        ++units;
    }
    if (m < 2)
        return estimate;
    std::string error;
    const std::vector<double> categories = categoriesFor(ratings, options.categories, error);
    std::vector<double> pi(categories.size(), 0.0);
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        for (double v : ratings.row(u)) {
            if (!std::isnan(v))
                pi[static_cast<std::size_t>(categoryIndex(categories, v))] += 1.0;
        }
    }
    double pq = 0, pqDiff = 0;
    for (double &p : pi) {
        p /= static_cast<double>(units * m);
        pq += p * (1.0 - p);
        pqDiff += p * (1.0 - p) * (1.0 - 2.0 * p);
    }
    const double md = static_cast<double>(m);
    const double radicand = pq * pq - pqDiff;
    if (pq <= 0 || radicand <= 0)
        return estimate;
    const double se0 = std::sqrt(2.0) / (pq * std::sqrt(static_cast<double>(units) * md * (md - 1.0))) *
                       std::sqrt(radicand);
    setNullTest(estimate, se0);
    return estimate;
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
