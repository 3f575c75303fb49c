#pragma once

// The assignment design of a multi-physician study: who rates which comparison, in which order, with which
// response on which side, which comparisons come back as blinded repeats and which are training. A pure function of
// the request, so the study lead can preview it before it is written; the caller stores the seed with it.
#include "model/domain/result.h"

#include <QHash>
#include <QPair>
#include <QString>
#include <QVector>

namespace concord {

struct DesignComparison
{
    qint64 id = 0;
    QVector<qint64> responseIds; // in the study's order
    QVector<QString> systems;    // the system of each response, same length
    bool training = false;       // every physician rates it first and then sees the reference; never in statistics
};

struct DesignRequest
{
    QVector<qint64> annotatorIds; // physicians, in a stable order: the rows of the preview
    QVector<DesignComparison> comparisons;
    int overlap = 0;        // physicians per non-training comparison; 0 or >= the number of physicians: all of them
    double repeatShare = 0; // 0..0.5: share of each physician's comparisons shown once more, later, blinded
    quint64 seed = 1;
};

struct DesignedAssignment
{
    qint64 annotatorId = 0;
    qint64 comparisonId = 0;
    int sequence = 0;              // 1-based and contiguous per physician
    QVector<qint64> responseOrder; // left to right on screen
    bool repeat = false;           // the second showing of a comparison, with the first showing's sides
    bool training = false;

    bool operator==(const DesignedAssignment &) const = default;
};

struct DesignPreview
{
    QVector<int> loadPerAnnotator; // assignments per physician: training, comparisons and repeats
    // [i][j]: non-training comparisons physicians i and j both rate; [i][i]: those physician i rates.
    QVector<QVector<int>> overlap;
    // Per physician, system -> (times left, times right) over first showings of non-training two-response comparisons.
    QVector<QHash<QString, QPair<int, int>>> sidesPerAnnotator;
    int repeats = 0;  // repeat assignments, all physicians together
    int training = 0; // training assignments, all physicians together
};

struct AssignmentDesign
{
    QVector<DesignedAssignment> assignments; // by physician in request order, then by sequence
    DesignPreview preview;
};

// Guarantees (proofs beside the code):
// - each non-training comparison goes to exactly min(overlap, physicians) distinct physicians, each training
//   comparison to all of them, first in their order;
// - comparison counts per physician (repeats and training aside) differ by at most one;
// - with 2 <= overlap < physicians every pair of physicians shares a comparison, or the result is an error that says
//   how many comparisons that needs (n(n-1)/2 for overlap 2, the least possible; fewer for larger overlaps);
// - in each physician's first showings each pair of systems puts either system on the left as often as the other, to
//   within one, so a system's left and right counts differ by at most the number of systems it meets;
//   comparisons of m > 2 responses rotate so that each position of the given order leads as often as any, to within
//   one;
// - the same request gives the same design on every platform.
Result<AssignmentDesign> designAssignments(const DesignRequest &request);

} // namespace concord
