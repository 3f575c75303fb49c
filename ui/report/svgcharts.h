#pragma once

#include <QString>
#include <QVector>
#include <optional>

namespace concord::svg {

// Small, self-contained SVG charts for the report: deterministic text, every label escaped, no scripts. The report
// embeds them inline in HTML and renders them to images for the PDF.

struct ForestRow
{
    QString label;
    std::optional<double> value;
    std::optional<double> lower;
    std::optional<double> upper;
};

// Estimates with interval bars on a common axis from `minimum` to `maximum`, with a reference line at 0.
QString forestPlot(const QString &title, const QVector<ForestRow> &rows, double minimum = -0.2, double maximum = 1.0);

// A q x q table of counts as a heat map with the counts written in the cells (rows: reference, columns: judge).
QString heatMap(const QString &title, const QStringList &rowLabels, const QStringList &columnLabels,
                const QVector<QVector<double>> &cells, const QString &rowTitle, const QString &columnTitle);

struct ReliabilityPoint
{
    double meanConfidence = 0;
    double observedFrequency = 0;
    qint64 count = 0;
};

// Observed frequency against mean confidence per bin (points sized by count, counts labelled) with the diagonal.
QString reliabilityDiagram(const QString &title, const QVector<ReliabilityPoint> &points);

} // namespace concord::svg
