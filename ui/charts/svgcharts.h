#pragma once

#include <QString>
#include <QVector>
#include <optional>

namespace concord::svg {

// The charts of the dashboard and the report, behind one small interface: each is a function from plain data to a
// self-contained SVG document (deterministic text, every label escaped, no scripts). The report embeds them in HTML
// and renders them to images for the PDF; the dashboard shows them in a ChartView. Replacing the drawing (Qt Charts
// is deprecated in newer Qt) means replacing this file only.

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
// `decimals` > 0 writes values (e.g. kappas, shaded from 0 to 1) instead of counts; NaN cells stay blank.
QString heatMap(const QString &title, const QStringList &rowLabels, const QStringList &columnLabels,
                const QVector<QVector<double>> &cells, const QString &rowTitle, const QString &columnTitle,
                int decimals = 0);

struct ReliabilityPoint
{
    double meanConfidence = 0;
    double observedFrequency = 0;
    qint64 count = 0;
};

// Observed frequency against mean confidence per bin (points sized by count, counts labelled) with the diagonal.
QString reliabilityDiagram(const QString &title, const QVector<ReliabilityPoint> &points);

struct Bar
{
    QString label;
    QVector<double> values; // one per series
};

// Grouped bars: one group per label, one bar per series (e.g. physicians and judge), with a legend.
QString barChart(const QString &title, const QStringList &series, const QVector<Bar> &bars);

struct LinePoint
{
    QString label; // e.g. a date
    double value = 0;
};

// A cumulative line over ordered labels (e.g. ratings per day).
QString lineChart(const QString &title, const QVector<LinePoint> &points, const QString &valueTitle);

// Where the heat map drew cell (row, column), in the SVG's own coordinates, for hit-testing clicks.
struct HeatMapGeometry
{
    double left = 110;
    double top = 56;
    double cell = 44;
};

} // namespace concord::svg
