#include "stats/cohenkappa.h"

#include "stats/chanceagreement.h"
#include "stats/inference.h"

#include <algorithm>
#include <cmath>

namespace concord::stats {

Estimate cohenKappa(std::span<const double> first, std::span<const double> second, const CohenKappaOptions &options)
{
    if (first.size() != second.size())
        return Estimate::undefined("the two raters' series differ in length");
    if (!validConfidenceLevel(options.confidence))
        return Estimate::undefined("the confidence level must lie strictly between 0 and 1");
    RatingMatrix ratings(first.size(), 2);
    for (std::size_t u = 0; u < first.size(); ++u) {
        if (!std::isnan(first[u]))
            ratings.set(u, 0, first[u]);
        if (!std::isnan(second[u]))
            ratings.set(u, 1, second[u]);
    }
    return cohenKappa(ratings, options);
}

Estimate cohenKappa(const RatingMatrix &ratings, const CohenKappaOptions &options)
{
    if (ratings.raters() != 2)
        return Estimate::undefined("Cohen's kappa needs exactly two raters");
    if (!validConfidenceLevel(options.confidence))
        return Estimate::undefined("the confidence level must lie strictly between 0 and 1");
    const std::vector<double> categories = detail::categoriesOf(ratings, options.categories);
    if (categories.size() > detail::kMaxCategories) {
        return Estimate::undefined(std::to_string(categories.size()) +
                                   " categories: kappa is computed for rating scales of at most " +
                                   std::to_string(detail::kMaxCategories) + " categories");
    }
    std::string error;
    const auto weights = options.weights.over(categories, error);
    if (!weights)
        return Estimate::undefined(error);

    const std::size_t q = categories.size();
    std::vector<double> table(q * q);
    const detail::CategoryLookup lookup(categories);
    std::size_t n = 0, excluded = 0;
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        const auto cells = ratings.row(u); // NaN marks a missing rating
        const bool hasFirst = !std::isnan(cells[0]), hasSecond = !std::isnan(cells[1]);
        const int i = hasFirst ? lookup(cells[0]) : 0;
        const int j = hasSecond ? lookup(cells[1]) : 0;
        if (i < 0 || j < 0) // a rating outside the declared categories
            return Estimate::undefined(detail::undeclaredRating(ratings, options.categories));
        if (!hasFirst || !hasSecond) {
            ++excluded;
            continue;
        }
        table[static_cast<std::size_t>(i) * q + static_cast<std::size_t>(j)] += 1.0;
        ++n;
    }
    Estimate estimate;
    if (n == 0) {
        estimate = Estimate::undefined("no unit was rated by both raters");
    } else {
        const double total = static_cast<double>(n);
        std::vector<double> rows(q), cols(q);
        for (std::size_t i = 0; i < q; ++i) {
            for (std::size_t j = 0; j < q; ++j) {
                table[i * q + j] /= total;
                rows[i] += table[i * q + j];
                cols[j] += table[i * q + j];
            }
        }
        double po = 0, pe = 0;
        std::vector<double> rowWeight(q), colWeight(q); // w̄_i. and w̄_.j
        for (std::size_t i = 0; i < q; ++i) {
            for (std::size_t j = 0; j < q; ++j) {
                const double w = (*weights)(i, j);
                po += w * table[i * q + j];
                pe += w * rows[i] * cols[j];
                rowWeight[i] += cols[j] * w;
                colWeight[j] += rows[i] * w;
            }
        }
        if (1.0 - pe <= 1e-12) {
            estimate =
                Estimate::undefined("chance agreement is 1 (both raters used one and the same category, or the "
                                    "weights count every pair of categories as agreeing), so kappa is undefined");
        } else {
            const double kappa = (po - pe) / (1.0 - pe);
            double sum = 0, sum0 = 0;
            for (std::size_t i = 0; i < q; ++i) {
                for (std::size_t j = 0; j < q; ++j) {
                    const double w = (*weights)(i, j);
                    const double d = w - (rowWeight[i] + colWeight[j]) * (1.0 - kappa);
                    sum += table[i * q + j] * d * d;
                    const double d0 = w - (rowWeight[i] + colWeight[j]);
                    sum0 += rows[i] * cols[j] * d0 * d0;
                }
            }
            const double scale = total * (1.0 - pe) * (1.0 - pe);
            const double centre = kappa - pe * (1.0 - kappa);
            const double variance = (sum - centre * centre) / scale;
            const double variance0 = (sum0 - pe * pe) / scale;
            estimate.value = kappa;
            estimate.observedAgreement = po;
            estimate.chanceAgreement = pe;
            if (variance >= 0)
                estimate.se = std::sqrt(variance);
            setNormalInterval(estimate, options.confidence);
            if (variance0 > 0)
                setNullTest(estimate, std::sqrt(variance0));
        }
    }
    estimate.confidenceLevel = options.confidence;
    estimate.nUnits = n;
    estimate.nRaters = n > 0 ? 2 : 0;
    estimate.nRatings = 2 * n;
    estimate.nUnitsExcluded = excluded;
    if (excluded > 0)
        estimate.exclusionReason = std::to_string(excluded) + " units lack one or both raters' ratings";
    return estimate;
}

namespace {

struct KappaTable final : UnitwiseWorkspace
{
    std::vector<double> cells, rows, cols;
};

} // namespace

CohenKappaUnitwise::CohenKappaUnitwise(std::span<const double> first, std::span<const double> second,
                                       const CohenKappaOptions &options)
{
    if (first.size() != second.size()) {
        m_error = "the two series differ in length";
        return;
    }
    RatingMatrix pairs(first.size(), 2);
    for (std::size_t u = 0; u < first.size(); ++u) {
        pairs.set(u, 0, first[u]);
        pairs.set(u, 1, second[u]);
    }
    const std::vector<double> categories = detail::categoriesOf(pairs, options.categories);
    if (categories.size() > detail::kMaxCategories) {
        m_error = "too many categories";
        return;
    }
    const auto weights = options.weights.over(categories, m_error);
    if (!weights)
        return;
    m_q = categories.size();
    m_weights.resize(m_q * m_q);
    for (std::size_t i = 0; i < m_q; ++i) {
        for (std::size_t j = 0; j < m_q; ++j)
            m_weights[i * m_q + j] = (*weights)(i, j);
    }
    const detail::CategoryLookup lookup(categories);
    m_cells.assign(first.size(), -1);
    for (std::size_t u = 0; u < first.size(); ++u) {
        if (std::isnan(first[u]) || std::isnan(second[u]))
            continue;
        const int i = lookup(first[u]), j = lookup(second[u]);
        if (i < 0 || j < 0) {
            m_error = detail::undeclaredRating(pairs, options.categories);
            m_cells.clear();
            return;
        }
        m_cells[u] = i * int(m_q) + j;
    }
}

std::unique_ptr<UnitwiseWorkspace> CohenKappaUnitwise::makeWorkspace() const
{
    auto table = std::make_unique<KappaTable>();
    table->cells.resize(m_q * m_q);
    table->rows.resize(m_q);
    table->cols.resize(m_q);
    return table;
}

std::optional<double> CohenKappaUnitwise::evaluate(std::span<const std::uint32_t> units,
                                                   UnitwiseWorkspace *workspace) const
{
    if (!m_error.empty() || m_q == 0)
        return std::nullopt;
    auto &table = *static_cast<KappaTable *>(workspace);
    std::fill(table.cells.begin(), table.cells.end(), 0.0);
    std::fill(table.rows.begin(), table.rows.end(), 0.0);
    std::fill(table.cols.begin(), table.cols.end(), 0.0);
    double n = 0;
    for (std::uint32_t unit : units) {
        const int cell = m_cells[unit];
        if (cell >= 0) {
            table.cells[std::size_t(cell)] += 1.0;
            n += 1.0;
        }
    }
    if (n == 0)
        return std::nullopt;
    for (std::size_t i = 0; i < m_q; ++i) {
        for (std::size_t j = 0; j < m_q; ++j) {
            table.rows[i] += table.cells[i * m_q + j] / n;
            table.cols[j] += table.cells[i * m_q + j] / n;
        }
    }
    double po = 0, pe = 0;
    for (std::size_t i = 0; i < m_q; ++i) {
        for (std::size_t j = 0; j < m_q; ++j) {
            po += m_weights[i * m_q + j] * table.cells[i * m_q + j] / n;
            pe += m_weights[i * m_q + j] * table.rows[i] * table.cols[j];
        }
    }
    if (1.0 - pe <= 1e-12)
        return std::nullopt;
    return (po - pe) / (1.0 - pe);
}

} // namespace concord::stats
