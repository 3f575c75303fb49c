#include "ui/charts/svgcharts.h"

#include "model/domain/displaytext.h"

#include <algorithm>
#include <cmath>

namespace concord::svg {

namespace {

QString number(double value)
{
    return QString::number(value, 'f', 1);
}

QString text(double x, double y, const QString &content, const QString &anchor = QStringLiteral("start"), int size = 11,
             const QString &extra = {})
{
    return QStringLiteral("<text x=\"%1\" y=\"%2\" font-size=\"%3\" text-anchor=\"%4\" font-family=\"sans-serif\"%5>"
                          "%6</text>")
        .arg(number(x), number(y))
        .arg(size)
        .arg(anchor, extra, visibleControls(content).toHtmlEscaped()); // untrusted names: escaped, controls shown
}

QString line(double x1, double y1, double x2, double y2, const QString &stroke, double width = 1,
             const QString &extra = {})
{
    return QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\" stroke=\"%5\" stroke-width=\"%6\"%7/>")
        .arg(number(x1), number(y1), number(x2), number(y2), stroke, number(width), extra);
}

QString open(double width, double height, const QString &title)
{
    return QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\" "
                          "role=\"img\" aria-label=\"%3\"><rect width=\"%1\" height=\"%2\" fill=\"white\"/>")
               .arg(number(width), number(height), visibleControls(title).toHtmlEscaped()) +
           text(width / 2, 16, title, QStringLiteral("middle"), 13, QStringLiteral(" font-weight=\"bold\""));
}

} // namespace

QString forestPlot(const QString &title, const QVector<ForestRow> &rows, double minimum, double maximum)
{
    const double labelWidth = 250, plotWidth = 360, rowHeight = 22, top = 30;
    const double width = labelWidth + plotWidth + 70, height = top + rowHeight * double(rows.size()) + 34;
    const auto x = [&](double v) {
        return labelWidth + (std::clamp(v, minimum, maximum) - minimum) / (maximum - minimum) * plotWidth;
    };
    QString svg = open(width, height, title);
    const double bottom = top + rowHeight * double(rows.size());
    for (double tick = std::ceil(minimum * 5) / 5; tick <= maximum + 1e-9; tick += 0.2) {
        svg += line(x(tick), top, x(tick), bottom, QStringLiteral("#dddddd"));
        svg += text(x(tick), bottom + 14, QString::number(tick, 'f', 1), QStringLiteral("middle"), 10);
    }
    if (minimum < 0 && maximum > 0)
        svg += line(x(0), top, x(0), bottom, QStringLiteral("#888888"), 1, QStringLiteral(" stroke-dasharray=\"4 3\""));
    for (int i = 0; i < rows.size(); ++i) {
        const ForestRow &row = rows[i];
        const double y = top + rowHeight * (i + 0.5);
        svg += text(labelWidth - 8, y + 4, row.label, QStringLiteral("end"));
        if (!row.value) {
            svg += text(labelWidth + 4, y + 4, QStringLiteral("undefined"), QStringLiteral("start"), 10,
                        QStringLiteral(" fill=\"#888888\""));
            continue;
        }
        if (row.lower && row.upper)
            svg += line(x(*row.lower), y, x(*row.upper), y, QStringLiteral("#1f5fa8"), 2);
        svg += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"4\" fill=\"#1f5fa8\"/>")
                   .arg(number(x(*row.value)), number(y));
        svg +=
            text(labelWidth + plotWidth + 8, y + 4, QString::number(*row.value, 'f', 2), QStringLiteral("start"), 10);
    }
    return svg + QStringLiteral("</svg>");
}

QString heatMap(const QString &title, const QStringList &rowLabels, const QStringList &columnLabels,
                const QVector<QVector<double>> &cells, const QString &rowTitle, const QString &columnTitle,
                int decimals)
{
    const HeatMapGeometry geometry;
    qsizetype longest = 0;
    for (const QString &label : rowLabels)
        longest = std::max(longest, label.size());
    // Wider on the left for long row labels (names); short ones keep the geometry clicks are mapped with.
    const double cell = geometry.cell, top = geometry.top, left = std::max(geometry.left, 16.0 + 6.5 * double(longest));
    const double width = left + cell * double(columnLabels.size()) + 20;
    const double height = top + cell * double(rowLabels.size()) + 20;
    double largest = decimals > 0 ? 1.0 : 0.0; // values are shaded on [0, 1], counts on [0, the largest]
    for (const auto &row : cells) {
        for (double v : row) {
            if (!std::isnan(v))
                largest = std::max(largest, v);
        }
    }
    QString svg = open(width, height, title);
    svg += text(left + cell * double(columnLabels.size()) / 2, 34, columnTitle, QStringLiteral("middle"), 11);
    svg += text(12, top + cell * double(rowLabels.size()) / 2, rowTitle, QStringLiteral("start"), 11);
    for (int c = 0; c < columnLabels.size(); ++c)
        svg += text(left + cell * (c + 0.5), top - 6, columnLabels[c], QStringLiteral("middle"), 10);
    for (int r = 0; r < rowLabels.size(); ++r) {
        svg += text(left - 6, top + cell * (r + 0.5) + 4, rowLabels[r], QStringLiteral("end"), 10);
        for (int c = 0; c < columnLabels.size(); ++c) {
            const double v = cells.value(r).value(c);
            const double share = largest > 0 && !std::isnan(v) ? std::clamp(v / largest, 0.0, 1.0) : 0;
            // White to blue; the count is written in white on dark cells.
            const int red = int(255 - 224 * share), green = int(255 - 160 * share), blue = int(255 - 87 * share);
            svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%3\" fill=\"rgb(%4,%5,%6)\" "
                                  "stroke=\"#999999\"/>")
                       .arg(number(left + cell * c), number(top + cell * r), number(cell))
                       .arg(red)
                       .arg(green)
                       .arg(blue);
            const QString written = std::isnan(v)  ? QString()
                                    : decimals > 0 ? QString::number(v, 'f', decimals)
                                                   : QString::number(qint64(v));
            svg += text(left + cell * (c + 0.5), top + cell * (r + 0.5) + 4, written, QStringLiteral("middle"), 11,
                        share > 0.6 ? QStringLiteral(" fill=\"white\"") : QStringLiteral(" fill=\"black\""));
        }
    }
    return svg + QStringLiteral("</svg>");
}

QString reliabilityDiagram(const QString &title, const QVector<ReliabilityPoint> &points)
{
    const double left = 50, top = 30, size = 260;
    const double width = left + size + 30, height = top + size + 44;
    const auto x = [&](double v) { return left + v * size; };
    const auto y = [&](double v) { return top + (1 - v) * size; };
    QString svg = open(width, height, title);
    svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%3\" fill=\"none\" stroke=\"#999999\"/>")
               .arg(number(left), number(top), number(size));
    for (double tick = 0; tick <= 1.0001; tick += 0.2) {
        svg += text(x(tick), top + size + 14, QString::number(tick, 'f', 1), QStringLiteral("middle"), 10);
        svg += text(left - 6, y(tick) + 4, QString::number(tick, 'f', 1), QStringLiteral("end"), 10);
    }
    svg += line(x(0), y(0), x(1), y(1), QStringLiteral("#888888"), 1, QStringLiteral(" stroke-dasharray=\"4 3\""));
    svg +=
        text(left + size / 2, top + size + 32, QStringLiteral("mean predicted probability"), QStringLiteral("middle"));
    qint64 largest = 1;
    for (const ReliabilityPoint &point : points)
        largest = std::max(largest, point.count);
    for (const ReliabilityPoint &point : points) {
        const double radius = 3 + 7 * std::sqrt(double(point.count) / double(largest));
        svg += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"%3\" fill=\"#1f5fa8\" fill-opacity=\"0.7\"/>")
                   .arg(number(x(point.meanConfidence)), number(y(point.observedFrequency)), number(radius));
        svg += text(x(point.meanConfidence) + radius + 2, y(point.observedFrequency) - 2,
                    QStringLiteral("n=%1").arg(point.count), QStringLiteral("start"), 9);
    }
    return svg + QStringLiteral("</svg>");
}

QString barChart(const QString &title, const QStringList &series, const QVector<Bar> &bars)
{
    const double left = 50, top = 40, plotHeight = 180, groupWidth = std::max(40.0, 18.0 * double(series.size()) + 16);
    const double width = left + groupWidth * double(bars.size()) + 20, height = top + plotHeight + 40;
    double largest = 0;
    for (const Bar &bar : bars) {
        for (double v : bar.values)
            largest = std::max(largest, v);
    }
    if (largest <= 0)
        largest = 1;
    static const QStringList colours{QStringLiteral("#1f5fa8"), QStringLiteral("#d9822b"), QStringLiteral("#3a9d5d"),
                                     QStringLiteral("#8e44ad")};
    QString svg = open(std::max(width, 260.0), height, title);
    for (int s = 0; s < series.size(); ++s) {
        svg += QStringLiteral("<rect x=\"%1\" y=\"24\" width=\"10\" height=\"10\" fill=\"%2\"/>")
                   .arg(number(left + 110.0 * s), colours[s % colours.size()]);
        svg += text(left + 110.0 * s + 14, 33, series[s], QStringLiteral("start"), 10);
    }
    svg += line(left, top + plotHeight, left + groupWidth * double(bars.size()), top + plotHeight,
                QStringLiteral("#999999"));
    for (int b = 0; b < bars.size(); ++b) {
        const double x0 = left + groupWidth * b + 8;
        for (int s = 0; s < bars[b].values.size(); ++s) {
            const double v = bars[b].values[s];
            const double h = v / largest * plotHeight;
            svg +=
                QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"16\" height=\"%3\" fill=\"%4\"/>")
                    .arg(number(x0 + 18.0 * s), number(top + plotHeight - h), number(h), colours[s % colours.size()]);
            svg += text(x0 + 18.0 * s + 8, top + plotHeight - h - 3, QString::number(v, 'g', 3),
                        QStringLiteral("middle"), 8);
        }
        svg += text(left + groupWidth * (b + 0.5), top + plotHeight + 14, bars[b].label, QStringLiteral("middle"), 10);
    }
    return svg + QStringLiteral("</svg>");
}

QString lineChart(const QString &title, const QVector<LinePoint> &points, const QString &valueTitle)
{
    const double left = 60, top = 34, plotWidth = 420, plotHeight = 170;
    QString svg = open(left + plotWidth + 30, top + plotHeight + 50, title);
    double largest = 1;
    for (const LinePoint &point : points)
        largest = std::max(largest, point.value);
    const auto x = [&](int i) {
        return left + (points.size() > 1 ? plotWidth * i / double(points.size() - 1) : plotWidth / 2);
    };
    const auto y = [&](double v) { return top + plotHeight - v / largest * plotHeight; };
    svg += line(left, top + plotHeight, left + plotWidth, top + plotHeight, QStringLiteral("#999999"));
    svg += line(left, top, left, top + plotHeight, QStringLiteral("#999999"));
    svg += text(left - 6, top + 4, QString::number(largest, 'g', 6), QStringLiteral("end"), 10);
    svg += text(left - 6, top + plotHeight, QStringLiteral("0"), QStringLiteral("end"), 10);
    svg += text(left + plotWidth / 2, top + plotHeight + 36, valueTitle, QStringLiteral("middle"), 10);
    QString path;
    for (int i = 0; i < points.size(); ++i)
        path += QStringLiteral("%1%2,%3 ")
                    .arg(i == 0 ? QStringLiteral("M") : QStringLiteral("L"), number(x(i)), number(y(points[i].value)));
    if (!path.isEmpty()) {
        svg +=
            QStringLiteral("<path d=\"%1\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>").arg(path.trimmed());
        svg += text(x(0), top + plotHeight + 16, points.first().label, QStringLiteral("start"), 9);
        if (points.size() > 1)
            svg +=
                text(x(int(points.size()) - 1), top + plotHeight + 16, points.last().label, QStringLiteral("end"), 9);
    }
    return svg + QStringLiteral("</svg>");
}

} // namespace concord::svg
