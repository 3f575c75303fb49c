#include "model/studylead/assignmentdesign.h"

#include <QSet>
#include <algorithm>
#include <numeric>
#include <random>
#include <tuple>

namespace concord {
namespace {

using Random = std::mt19937_64;

// splitmix64, so that neighbouring seeds and streams start far apart.
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Independent streams: 0 deals the comparisons, 1 breaks ties between physicians, 2 + i orders physician i's queue.
Random stream(quint64 seed, quint64 salt)
{
    return Random(mix(seed ^ mix(salt)));
}

// Draws written out: std::uniform_int_distribution and std::shuffle differ between standard libraries, the Mersenne
// Twister's output does not.
int below(Random &random, qsizetype n)
{
    return static_cast<int>(random() % static_cast<quint64>(n));
}

template <typename T> void shuffle(QVector<T> &items, Random &random)
{
    for (qsizetype i = items.size() - 1; i > 0; --i)
        std::swap(items[i], items[below(random, i + 1)]);
}

// Deals comparisons to k of n physicians, one at a time. Loads never span more than two adjacent values: a block
// takes every least-loaded physician (or k of them), and if they are fewer than k, fills up from the next load level,
// which has enough members because all others are on it. Among candidates it prefers one who has not yet shared a
// comparison with those already in the block, then the least shared, then the one with most partners still unmet.
class Dealer
{
public:
    Dealer(int n, int k, Random random)
        : m_n(n)
        , m_k(k)
        , m_loads(n, 0)
        , m_shared(n * n, 0)
        , m_unmet(n, n - 1)
        , m_open(n * (n - 1) / 2)
        , m_random(random)
    {}

    bool covered() const { return m_open == 0; }

    void take(const QVector<int> &block)
    {
        for (int a : block) {
            ++m_loads[a];
            for (int b : block) {
                if (a >= b)
                    continue;
                if (shared(a, b) == 0) {
                    --m_open;
                    --m_unmet[a];
                    --m_unmet[b];
                }
                ++m_shared[a * m_n + b];
                ++m_shared[b * m_n + a];
            }
        }
    }

    QVector<int> next()
    {
        const auto level = [this](int load) {
            QVector<int> members;
            for (int a = 0; a < m_n; ++a) {
                if (m_loads[a] == load)
                    members.push_back(a);
            }
            return members;
        };
        const int low = *std::min_element(m_loads.cbegin(), m_loads.cend());
        QVector<int> block, pool = level(low);
        if (pool.size() < m_k) {
            block = pool;
            pool = level(low + 1);
        }
        while (block.size() < m_k) {
            QVector<int> best;
            std::tuple<int, int, int> bestKey;
            for (int c : pool) {
                if (block.contains(c))
                    continue;
                int fresh = 0, together = 0;
                for (int b : block) {
                    fresh += shared(c, b) == 0 ? 1 : 0;
                    together += shared(c, b);
                }
                const auto key = std::tuple(-fresh, together, -m_unmet[c]);
                if (best.isEmpty() || key < bestKey) {
                    best = {c};
                    bestKey = key;
                } else if (key == bestKey) {
                    best.push_back(c);
                }
            }
            block.push_back(best[below(m_random, best.size())]);
        }
        take(block);
        return block;
    }

private:
    int shared(int a, int b) const { return m_shared[a * m_n + b]; }

    int m_n;
    int m_k;
    QVector<int> m_loads;
    QVector<int> m_shared; // n x n
    QVector<int> m_unmet;  // partners not yet met, per physician
    int m_open;            // pairs not yet met
    Random m_random;
};

// Blocks of k physician indices, one per non-training comparison. First a cover in which every pair meets: for k = 2
// every pair once (n(n-1)/2 blocks, no fewer can do, equal loads); for k >= 3 the dealer's own run until all have met
// (tests show it within n(n-1)/2 for n <= 16). The cover's loads differ by at most one, and the dealer keeps it so.
Result<QVector<QVector<int>>> dealBlocks(int n, int k, qsizetype count, quint64 seed)
{
    Dealer dealer(n, k, stream(seed, 1));
    QVector<QVector<int>> blocks;
    if (k == 2) {
        for (int a = 0; a < n; ++a) {
            for (int b = a + 1; b < n; ++b)
                blocks.push_back({a, b});
        }
        for (const auto &block : blocks)
            dealer.take(block);
    }
    const bool meet = k >= 2; // with one physician per comparison no pair can meet
    const qsizetype limit = qsizetype(n) * n * k;
    while (meet && !dealer.covered() && blocks.size() < limit)
        blocks.push_back(dealer.next());
    if (meet && (!dealer.covered() || blocks.size() > count)) {
        const QString needed =
            dealer.covered() ? QString::number(blocks.size()) : QStringLiteral("more than %1").arg(blocks.size());
        return Error{
            QStringLiteral("overlap: for every pair of the %1 physicians to share a comparison with %2 physicians "
                           "per comparison, the design needs %3 non-training comparisons and there are %4; add "
                           "comparisons or raise the overlap")
                .arg(n)
                .arg(k)
                .arg(needed)
                .arg(count)};
    }
    while (blocks.size() < count)
        blocks.push_back(dealer.next());
    return blocks;
}

// Left-to-right order for one physician's comparisons, in the order they are shown. For two responses each pair of
// systems alternates which is left (a tie goes to the system that has been left less overall, then to a draw), so per
// pair the counts differ by at most one and per system by at most the number of systems it meets. For m > 2 responses
// the rotation advances by one per comparison of that size, from a drawn start, so each position leads as often.
class SideBalancer
{
public:
    QVector<qint64> order(const DesignComparison &comparison, Random &random)
    {
        QVector<qint64> order = comparison.responseIds;
        const qsizetype m = order.size();
        if (m == 2) {
            const QString &first = comparison.systems[0];
            const QString &second = comparison.systems[1];
            bool swap = false;
            if (first == second) {
                swap = below(random, 2) == 1;
            } else {
                const bool ordered = first < second;
                int &pairLead = m_pairLead[ordered ? qMakePair(first, second) : qMakePair(second, first)];
                const int lead = ordered ? pairLead : -pairLead; // > 0: first has been left more often against second
                const int overall = m_lead.value(first) - m_lead.value(second);
                swap = lead != 0 ? lead > 0 : overall != 0 ? overall > 0 : below(random, 2) == 1;
                pairLead += ordered != swap ? 1 : -1;
                m_lead[first] += swap ? -1 : 1;
                m_lead[second] += swap ? 1 : -1;
            }
            if (swap)
                std::swap(order[0], order[1]);
        } else if (m > 2) {
            auto rotation = m_rotation.find(m);
            if (rotation == m_rotation.end())
                rotation = m_rotation.insert(m, below(random, m));
            std::rotate(order.begin(), order.begin() + (rotation.value()++ % m), order.end());
        }
        return order;
    }

private:
    QHash<QString, int> m_lead;                     // per system: times left minus times right
    QHash<QPair<QString, QString>, int> m_pairLead; // per (lesser, greater) system: lesser left minus greater left
    QHash<qsizetype, qsizetype> m_rotation;         // per response count: the next rotation
};

// Training first; then the physician's comparisons in a seeded order; the repeats go into the later half. They repeat
// first showings from before the position just ahead of that half, so a repeat never directly follows its original.
void appendQueue(QVector<DesignedAssignment> &out, const DesignRequest &request, int annotator, QVector<int> training,
                 QVector<int> rated)
{
    Random random = stream(request.seed, 2 + quint64(annotator));
    SideBalancer trainingSides, sides;
    const auto show = [&](int index, SideBalancer &balancer) {
        const DesignComparison &comparison = request.comparisons[index];
        DesignedAssignment assignment;
        assignment.annotatorId = request.annotatorIds[annotator];
        assignment.comparisonId = comparison.id;
        assignment.responseOrder = balancer.order(comparison, random);
        assignment.training = comparison.training;
        return assignment;
    };
    QVector<DesignedAssignment> queue;
    shuffle(training, random);
    for (int index : training)
        queue.push_back(show(index, trainingSides));
    shuffle(rated, random);
    QVector<DesignedAssignment> firsts;
    for (int index : rated)
        firsts.push_back(show(index, sides));

    const qsizetype count = firsts.size();
    const qsizetype repeats = count < 2 ? 0 : qRound(request.repeatShare * double(count));
    const qsizetype half = (count + repeats + 1) / 2; // first showings at 0 .. half-1, repeats from half on
    QVector<qsizetype> originals(qMax(half - 1, qsizetype(0)));
    std::iota(originals.begin(), originals.end(), qsizetype(0));
    shuffle(originals, random);
    Q_ASSERT(originals.size() >= repeats); // holds for count >= 2 and a share of at most one half
    originals.resize(repeats);
    QVector<bool> later(count - half, false); // which of the later positions show a repeat
    later += QVector<bool>(repeats, true);
    shuffle(later, random);

    queue += firsts.mid(0, half);
    qsizetype nextFirst = half, nextRepeat = 0;
    for (bool repeat : later) {
        if (repeat) {
            queue.push_back(firsts[originals[nextRepeat++]]);
            queue.back().repeat = true;
        } else {
            queue.push_back(firsts[nextFirst++]);
        }
    }
    for (qsizetype i = 0; i < queue.size(); ++i)
        queue[i].sequence = int(i + 1);
    out += queue;
}

DesignPreview previewOf(const DesignRequest &request, const QVector<DesignedAssignment> &assignments)
{
    const qsizetype n = request.annotatorIds.size();
    QHash<qint64, int> rowOf;
    for (int i = 0; i < n; ++i)
        rowOf.insert(request.annotatorIds[i], i);
    QHash<qint64, const DesignComparison *> comparisonOf;
    for (const auto &comparison : request.comparisons)
        comparisonOf.insert(comparison.id, &comparison);

    DesignPreview preview;
    preview.loadPerAnnotator.fill(0, n);
    preview.overlap.fill(QVector<int>(n, 0), n);
    preview.sidesPerAnnotator.resize(n);
    QHash<qint64, QVector<int>> raters;
    for (const auto &assignment : assignments) {
        const int row = rowOf.value(assignment.annotatorId);
        ++preview.loadPerAnnotator[row];
        if (assignment.training) {
            ++preview.training;
        } else if (assignment.repeat) {
            ++preview.repeats;
        } else {
            raters[assignment.comparisonId].push_back(row);
            if (assignment.responseOrder.size() == 2) {
                const DesignComparison &comparison = *comparisonOf.value(assignment.comparisonId);
                const auto systemOf = [&](qint64 response) {
                    return comparison.systems[comparison.responseIds.indexOf(response)];
                };
                ++preview.sidesPerAnnotator[row][systemOf(assignment.responseOrder[0])].first;
                ++preview.sidesPerAnnotator[row][systemOf(assignment.responseOrder[1])].second;
            }
        }
    }
    for (const auto &rows : std::as_const(raters)) {
        for (int a : rows) {
            for (int b : rows)
                ++preview.overlap[a][b];
        }
    }
    return preview;
}

Status validate(const DesignRequest &request)
{
    if (request.annotatorIds.isEmpty())
        return Error{QStringLiteral("annotators: the design needs at least one physician")};
    QSet<qint64> annotators;
    for (qint64 id : request.annotatorIds) {
        if (annotators.contains(id))
            return Error{QStringLiteral("annotators: physician %1 is listed twice").arg(id)};
        annotators.insert(id);
    }
    if (request.overlap < 0)
        return Error{QStringLiteral("overlap: %1 physicians per comparison; use 0 for all of them or a positive number")
                         .arg(request.overlap)};
    if (!(request.repeatShare >= 0 && request.repeatShare <= 0.5))
        return Error{QStringLiteral("repeat share: %1 is outside 0 to 0.5").arg(request.repeatShare)};
    QSet<qint64> comparisons;
    for (const auto &comparison : request.comparisons) {
        if (comparisons.contains(comparison.id))
            return Error{QStringLiteral("comparisons: comparison %1 is listed twice").arg(comparison.id)};
        comparisons.insert(comparison.id);
        if (comparison.responseIds.isEmpty())
            return Error{QStringLiteral("responses: comparison %1 has none").arg(comparison.id)};
        if (comparison.systems.size() != comparison.responseIds.size())
            return Error{QStringLiteral("systems: comparison %1 names %2 systems for %3 responses")
                             .arg(comparison.id)
                             .arg(comparison.systems.size())
                             .arg(comparison.responseIds.size())};
    }
    return {};
}

} // namespace

Result<AssignmentDesign> designAssignments(const DesignRequest &request)
{
    if (const Status valid = validate(request); !valid.ok())
        return valid.error();
    const int n = int(request.annotatorIds.size());
    const int k = request.overlap == 0 || request.overlap >= n ? n : request.overlap;
    QVector<int> training, studied; // indices into request.comparisons
    for (int i = 0; i < request.comparisons.size(); ++i)
        (request.comparisons[i].training ? training : studied).push_back(i);

    QVector<QVector<int>> rated(n);
    if (k == n) {
        rated.fill(studied);
    } else {
        Random random = stream(request.seed, 0);
        shuffle(studied, random); // which comparison gets which block of physicians
        auto blocks = dealBlocks(n, k, studied.size(), request.seed);
        if (!blocks.ok())
            return blocks.error();
        for (qsizetype i = 0; i < studied.size(); ++i) {
            for (int annotator : blocks.value()[i])
                rated[annotator].push_back(studied[i]);
        }
    }

    AssignmentDesign design;
    for (int annotator = 0; annotator < n; ++annotator)
        appendQueue(design.assignments, request, annotator, training, rated[annotator]);
    design.preview = previewOf(request, design.assignments);
    return design;
}

} // namespace concord
