#pragma once

#include "model/domain/result.h"
#include "ui/charts/svgcharts.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace concord {

// The agreement report (buildReportData()) as a document. Every text that comes from the study (titles, names, case
// ids, tasks, systems) is escaped: a response or a name containing markup shows as text.
enum class ChartEmbedding
{
    InlineSvg, // HTML: the charts are <svg> elements in the page
    ImageUrls, // for QTextDocument (PDF): <img src="chart:N">, N indexing `charts`
};

// The report as one self-contained HTML page (inline CSS). With ImageUrls, the SVG of each chart is appended to
// `charts` in the order of their "chart:N" references.
QString reportHtml(const QJsonObject &report, ChartEmbedding embedding = ChartEmbedding::InlineSvg,
                   QStringList *charts = nullptr);

// Every table of the report in one long CSV: table, axis, group, name, statistic, value, ci_lower, ci_upper, n_units.
QString reportCsv(const QJsonObject &report);

// An estimate's JSON as a row of a forest plot: the value and the bootstrap interval, or the analytic one.
svg::ForestRow forestRowOf(const QString &label, const QJsonObject &estimate);

// Pairwise weighted kappa among the physicians and the judge `judgeName` on one axis of the analysis, for the
// pairwise heat map (NaN on the diagonal and where a pair is undefined).
struct PairwiseKappas
{
    QStringList labels;       // the physicians and the judge
    QStringList rowLabels;    // "1  Physician 1", ...: numbered, for the rows of the heat map
    QStringList columnLabels; // "1", "2", ...: short enough for the columns
    QVector<QVector<double>> kappa;
};
PairwiseKappas pairwiseKappas(const QJsonObject &axis, const QString &judgeName);

// Writes the report to `path` in the format its suffix names: .json, .html, .pdf or .csv. The file is written whole
// or not at all (a temporary file renamed into place); the error names the file.
Status writeReport(const QJsonObject &report, const QString &path);

} // namespace concord
