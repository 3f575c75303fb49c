#include "stats/ratingmatrix.h"

#include <algorithm>
#include <sstream>

namespace concord::stats {

RatingMatrix::RatingMatrix(std::size_t units, std::size_t raters)
    : m_units(units)
    , m_raters(raters)
    , m_cells(units * raters, kMissing)
{}

std::optional<double> RatingMatrix::value(std::size_t unit, std::size_t rater) const
{
    if (!has(unit, rater))
        return std::nullopt;
    return at(unit, rater);
}

std::size_t RatingMatrix::ratingsOfUnit(std::size_t unit) const
{
    const auto cells = row(unit);
    return static_cast<std::size_t>(std::count_if(cells.begin(), cells.end(), [](double v) { return !std::isnan(v); }));
}

std::size_t RatingMatrix::ratingCount() const
{
    return static_cast<std::size_t>(
        std::count_if(m_cells.begin(), m_cells.end(), [](double v) { return !std::isnan(v); }));
}

std::size_t RatingMatrix::activeRaters() const
{
    std::size_t active = 0;
    for (std::size_t r = 0; r < m_raters; ++r) {
        for (std::size_t u = 0; u < m_units; ++u) {
            if (has(u, r)) {
                ++active;
                break;
            }
        }
    }
    return active;
}

RatingMatrix RatingMatrix::selectUnits(std::span<const std::size_t> units) const
{
    RatingMatrix out(units.size(), m_raters);
    for (std::size_t i = 0; i < units.size(); ++i)
        std::copy_n(m_cells.begin() + static_cast<std::ptrdiff_t>(units[i] * m_raters), m_raters,
                    out.m_cells.begin() + static_cast<std::ptrdiff_t>(i * m_raters));
    return out;
}

RatingMatrix RatingMatrix::selectRaters(std::span<const std::size_t> raters) const
{
    RatingMatrix out(m_units, raters.size());
    for (std::size_t u = 0; u < m_units; ++u) {
        for (std::size_t j = 0; j < raters.size(); ++j)
            out.m_cells[u * raters.size() + j] = m_cells[u * m_raters + raters[j]];
    }
    return out;
}

std::vector<double> RatingMatrix::observedValues() const
{
    std::vector<double> values;
    for (double v : m_cells) {
        if (!std::isnan(v))
            values.push_back(v);
    }
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

std::vector<double> categoriesFor(const RatingMatrix &ratings, std::span<const double> declared, std::string &error)
{
    std::vector<double> observed = ratings.observedValues();
    if (declared.empty())
        return observed;
    std::vector<double> categories(declared.begin(), declared.end());
    std::sort(categories.begin(), categories.end());
    categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
    for (double v : observed) {
        if (categoryIndex(categories, v) < 0) {
            std::ostringstream message;
            message << "the rating " << v << " is not one of the declared categories";
            error = message.str();
            return {};
        }
    }
    return categories;
}

int categoryIndex(std::span<const double> categories, double value)
{
    const auto it = std::lower_bound(categories.begin(), categories.end(), value);
    if (it == categories.end() || *it != value)
        return -1;
    return static_cast<int>(it - categories.begin());
}

} // namespace concord::stats
