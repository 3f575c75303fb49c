#pragma once

// Agreement weights between categories: 1 on the diagonal, in [0, 1] elsewhere (Gwet 2014, ch. 3; Cohen 1968 in
// agreement form).
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace concord::stats {

enum class WeightKind
{
    Identity,  // unweighted: agreement only on the same category
    Linear,    // 1 − |x_k − x_l| / (x_max − x_min)
    Quadratic, // 1 − (x_k − x_l)² / (x_max − x_min)²
    Custom,
};

const char *weightKindName(WeightKind kind);
std::optional<WeightKind> weightKindFromName(std::string_view name);

class WeightMatrix
{
public:
    WeightMatrix() = default;
    // Weights of `kind` (not Custom) over the sorted category values: linear and quadratic weights use the
    // values' distances, so unequally spaced scales are weighted by their spacing.
    WeightMatrix(WeightKind kind, std::span<const double> categories);
    // A custom q×q matrix, row-major. Use validate() before relying on it.
    WeightMatrix(std::size_t q, std::vector<double> rowMajor);

    WeightKind kind() const { return m_kind; }
    std::size_t size() const { return m_q; }
    double operator()(std::size_t k, std::size_t l) const { return m_w[k * m_q + l]; }
    bool isIdentity() const;

    // Empty when the matrix is square, symmetric, has ones on the diagonal and entries in [0, 1]; otherwise why not.
    std::string validate() const;

private:
    WeightKind m_kind = WeightKind::Identity;
    std::size_t m_q = 0;
    std::vector<double> m_w;
};

// What to weight by: a kind, or a custom matrix over the categories (sorted).
struct WeightSpec
{
    WeightKind kind = WeightKind::Identity;
    std::vector<double> custom; // q×q row-major, only for Custom

    // The matrix over `categories`, or an empty optional with `error` set (custom matrix of the wrong size…).
    std::optional<WeightMatrix> over(std::span<const double> categories, std::string &error) const;
};

} // namespace concord::stats
