#pragma once

// Ratings of units by raters, with missing cells: the input of every agreement statistic.
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace concord::stats {

class RatingMatrix
{
public:
    RatingMatrix() = default;
    RatingMatrix(std::size_t units, std::size_t raters);

    std::size_t units() const { return m_units; }
    std::size_t raters() const { return m_raters; }

    void set(std::size_t unit, std::size_t rater, double value) { m_cells[unit * m_raters + rater] = value; }
    void clear(std::size_t unit, std::size_t rater) { m_cells[unit * m_raters + rater] = kMissing; }
    bool has(std::size_t unit, std::size_t rater) const { return !std::isnan(m_cells[unit * m_raters + rater]); }
    // Only meaningful when has(unit, rater).
    double at(std::size_t unit, std::size_t rater) const { return m_cells[unit * m_raters + rater]; }
    std::optional<double> value(std::size_t unit, std::size_t rater) const;

    // One unit's cells (missing ones are NaN; test with std::isnan).
    std::span<const double> row(std::size_t unit) const { return {m_cells.data() + unit * m_raters, m_raters}; }

    std::size_t ratingsOfUnit(std::size_t unit) const;
    std::size_t ratingCount() const;
    // Raters with at least one rating.
    std::size_t activeRaters() const;

    // The rows `units` (with repetition, as a bootstrap sample draws them), in that order.
    RatingMatrix selectUnits(std::span<const std::size_t> units) const;
    // Only the given raters' columns, in that order.
    RatingMatrix selectRaters(std::span<const std::size_t> raters) const;

    // Sorted distinct values present.
    std::vector<double> observedValues() const;

    static constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

private:
    std::size_t m_units = 0;
    std::size_t m_raters = 0;
    std::vector<double> m_cells; // unit-major; NaN marks a missing rating
};

// The categories a statistic works with: the declared ones (a rubric's scale points) when given, so that an unused
// scale point still counts in chance agreement and weights, otherwise the values observed. Sorted and distinct.
// Returns an empty vector with `error` set when a rating is not among the declared categories.
std::vector<double> categoriesFor(const RatingMatrix &ratings, std::span<const double> declared, std::string &error);

// Index of `value` in sorted `categories`, or -1.
int categoryIndex(std::span<const double> categories, double value);

} // namespace concord::stats
