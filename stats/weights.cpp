#include "stats/weights.h"

#include <cmath>
#include <sstream>

namespace concord::stats {

const char *weightKindName(WeightKind kind)
{
    switch (kind) {
    case WeightKind::Identity:
        return "identity";
    case WeightKind::Linear:
        return "linear";
    case WeightKind::Quadratic:
        return "quadratic";
    case WeightKind::Custom:
        return "custom";
    }
    return "identity";
}

std::optional<WeightKind> weightKindFromName(std::string_view name)
{
    for (auto kind : {WeightKind::Identity, WeightKind::Linear, WeightKind::Quadratic, WeightKind::Custom}) {
        if (name == weightKindName(kind))
            return kind;
    }
    if (name == "unweighted" || name == "none")
        return WeightKind::Identity;
    return std::nullopt;
}

WeightMatrix::WeightMatrix(WeightKind kind, std::span<const double> categories)
    : m_kind(kind)
    , m_q(categories.size())
    , m_w(m_q * m_q, 0.0)
{
    const double range = m_q > 1 ? categories.back() - categories.front() : 1.0;
    for (std::size_t k = 0; k < m_q; ++k) {
        for (std::size_t l = 0; l < m_q; ++l) {
            const double d = std::abs(categories[k] - categories[l]) / range;
            double w = k == l ? 1.0 : 0.0;
            if (kind == WeightKind::Linear)
                w = 1.0 - d;
            else if (kind == WeightKind::Quadratic)
                w = 1.0 - d * d;
            m_w[k * m_q + l] = w;
        }
    }
}

WeightMatrix::WeightMatrix(std::size_t q, std::vector<double> rowMajor)
    : m_kind(WeightKind::Custom)
    , m_q(q)
    , m_w(std::move(rowMajor))
{}

bool WeightMatrix::isIdentity() const
{
    for (std::size_t k = 0; k < m_q; ++k) {
        for (std::size_t l = 0; l < m_q; ++l) {
            if ((*this)(k, l) != (k == l ? 1.0 : 0.0))
                return false;
        }
    }
    return true;
}

std::string WeightMatrix::validate() const
{
    std::ostringstream why;
    if (m_w.size() != m_q * m_q) {
        why << "the weight matrix has " << m_w.size() << " entries, not " << m_q << " x " << m_q;
        return why.str();
    }
    for (std::size_t k = 0; k < m_q; ++k) {
        for (std::size_t l = 0; l < m_q; ++l) {
            const double w = (*this)(k, l);
            if (!std::isfinite(w) || w < 0.0 || w > 1.0) {
                why << "weight [" << k << "][" << l << "] = " << w << " is outside [0, 1]";
                return why.str();
            }
            if (k == l && w != 1.0) {
                why << "weight [" << k << "][" << k << "] = " << w << " on the diagonal is not 1";
                return why.str();
            }
            if (w != (*this)(l, k)) {
                why << "the weight matrix is not symmetric at [" << k << "][" << l << "]";
                return why.str();
            }
        }
    }
    return {};
}

std::optional<WeightMatrix> WeightSpec::over(std::span<const double> categories, std::string &error) const
{
    if (kind != WeightKind::Custom)
        return WeightMatrix(kind, categories);
    WeightMatrix matrix(categories.size(), custom);
    if (auto why = matrix.validate(); !why.empty()) {
        std::ostringstream message;
        message << why << " (for " << categories.size() << " categories)";
        error = message.str();
        return std::nullopt;
    }
    return matrix;
}

} // namespace concord::stats
