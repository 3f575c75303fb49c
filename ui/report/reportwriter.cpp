#include "ui/report/reportwriter.h"

#include "model/domain/displaytext.h"
#include "model/studyfile/owneronlyfile.h"
#include "ui/charts/svgcharts.h"

#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>
#include <cmath>

namespace concord {

namespace {

// Text from the study (names, case ids, tasks, labels) as HTML text: escaped, with its bidirectional controls shown
// as markers (so a right-to-left override cannot make "1\u202E05\u202C mg" read "150 mg"), and isolated in <bdi> so
// that its direction cannot reorder the text around it.
QString esc(const QString &text)
{
    return QStringLiteral("<bdi>%1</bdi>").arg(visibleControls(text).toHtmlEscaped());
}

// The same for a place where no element may stand (the document's <title>).
QString escText(const QString &text)
{
    return visibleControls(text).toHtmlEscaped();
}

QString fixed(const QJsonValue &value, int decimals = 3)
{
    return value.isDouble() ? QString::number(value.toDouble(), 'f', decimals) : QStringLiteral("—");
}

QString interval(const QJsonObject &object)
{
    if (!object.value(QStringLiteral("ci_lower")).isDouble())
        return QStringLiteral("—");
    return QStringLiteral("[%1, %2]")
        .arg(fixed(object.value(QStringLiteral("ci_lower"))), fixed(object.value(QStringLiteral("ci_upper"))));
}

// Value, analytic interval, bootstrap interval and units of an estimate, as table cells; an undefined value shows
// its reason.
QString estimateCells(const QJsonObject &estimate)
{
    if (!estimate.value(QStringLiteral("value")).isDouble()) {
        return QStringLiteral("<td colspan=\"3\" class=\"reason\">%1</td><td>%2</td>")
            .arg(esc(estimate.value(QStringLiteral("reason")).toString(QStringLiteral("undefined"))))
            .arg(estimate.value(QStringLiteral("n_units")).toInteger());
    }
    return QStringLiteral("<td>%1</td><td>%2</td><td>%3</td><td>%4</td>")
        .arg(fixed(estimate.value(QStringLiteral("value"))), interval(estimate),
             interval(estimate.value(QStringLiteral("bootstrap")).toObject()))
        .arg(estimate.value(QStringLiteral("n_units")).toInteger());
}

const QString kEstimateHeader = QStringLiteral("<th>Value</th><th>Analytic CI</th><th>Bootstrap CI</th><th>n</th>");

class Builder
{
public:
    Builder(ChartEmbedding embedding, QStringList *charts)
        : m_embedding(embedding)
        , m_charts(charts)
    {}

    QString chart(const QString &svgText)
    {
        if (m_embedding == ChartEmbedding::InlineSvg)
            return QStringLiteral("<div class=\"chart\">%1</div>").arg(svgText);
        if (!m_charts)
            return {};
        m_charts->append(svgText);
        return QStringLiteral("<p><img src=\"chart:%1\"></p>").arg(m_charts->size() - 1);
    }

private:
    ChartEmbedding m_embedding;
    QStringList *m_charts;
};

QString summarySection(const QJsonObject &report)
{
    const QJsonObject summary = report.value(QStringLiteral("summary")).toObject();
    QString html = QStringLiteral("<h2>1. Study summary</h2><table><tr><th>What</th><th>Count</th></tr>");
    html += QStringLiteral("<tr><td>Cases</td><td>%1</td></tr><tr><td>Responses</td><td>%2</td></tr>")
                .arg(summary.value(QStringLiteral("cases")).toInteger())
                .arg(summary.value(QStringLiteral("responses")).toInteger());
    const QJsonObject byTask = summary.value(QStringLiteral("cases_by_task")).toObject();
    for (auto it = byTask.begin(); it != byTask.end(); ++it)
        html += QStringLiteral("<tr><td>Cases, task %1</td><td>%2</td></tr>").arg(esc(it.key())).arg(it->toInteger());
    const QJsonObject bySystem = summary.value(QStringLiteral("responses_by_system")).toObject();
    for (auto it = bySystem.begin(); it != bySystem.end(); ++it) {
        html +=
            QStringLiteral("<tr><td>Responses, system %1</td><td>%2</td></tr>").arg(esc(it.key())).arg(it->toInteger());
    }
    QStringList physicians;
    for (const auto &name : summary.value(QStringLiteral("physicians")).toArray())
        physicians << esc(name.toString());
    html += QStringLiteral("<tr><td>Physicians</td><td>%1 (%2)</td></tr>")
                .arg(physicians.size())
                .arg(physicians.join(QStringLiteral(", ")));
    html += QStringLiteral("<tr><td>Current ratings per response</td><td>%1</td></tr>")
                .arg(fixed(summary.value(QStringLiteral("ratings_per_response")), 2));
    const QJsonObject unable = summary.value(QStringLiteral("unable_to_assess_share_by_axis")).toObject();
    for (auto it = unable.begin(); it != unable.end(); ++it) {
        html += QStringLiteral("<tr><td>Share \"unable to assess\", %1</td><td>%2%</td></tr>")
                    .arg(esc(it.key()))
                    .arg(QString::number(it->toDouble() * 100, 'f', 1));
    }
    return html + QStringLiteral("</table>");
}

// Test-retest reliability from blinded repeats: Krippendorff's alpha and percent agreement, overall and per physician.
QString intraRaterTable(const QJsonObject &intraRater)
{
    if (intraRater.value(QStringLiteral("pairs")).toInteger() == 0)
        return QStringLiteral("<p>Intra-rater agreement: %1.</p>")
            .arg(esc(intraRater.value(QStringLiteral("reason")).toString()));
    QString html = QStringLiteral("<p>Intra-rater agreement (blinded repeats): %1 responses rated twice by %2 "
                                  "physicians.</p><table><tr><th>Test-retest</th>")
                       .arg(intraRater.value(QStringLiteral("pairs")).toInteger())
                       .arg(intraRater.value(QStringLiteral("physicians")).toInteger()) +
                   kEstimateHeader + QStringLiteral("</tr>");
    const auto rows = [&](const QString &who, const QJsonObject &coefficients) {
        for (const QString &key : {QStringLiteral("krippendorff_alpha"), QStringLiteral("percent_agreement")}) {
            const QJsonObject entry = coefficients.value(key).toObject();
            if (entry.isEmpty())
                continue;
            html += QStringLiteral("<tr><td>%1, %2</td>%3</tr>")
                        .arg(esc(entry.value(QStringLiteral("label")).toString(key)), esc(who), estimateCells(entry));
        }
    };
    rows(QStringLiteral("all physicians"), intraRater.value(QStringLiteral("overall")).toObject());
    const QJsonObject byPhysician = intraRater.value(QStringLiteral("by_physician")).toObject();
    for (auto it = byPhysician.begin(); it != byPhysician.end(); ++it)
        rows(it.key(), it->toObject().value(QStringLiteral("coefficients")).toObject());
    return html + QStringLiteral("</table>");
}

QString reliabilitySection(const QJsonArray &axes, Builder &builder)
{
    QString html = QStringLiteral("<h2>2. Agreement among physicians</h2>");
    for (const auto &value : axes) {
        const QJsonObject axis = value.toObject();
        const QString label = axis.value(QStringLiteral("label")).toString();
        const QJsonObject overall =
            axis.value(QStringLiteral("among_physicians")).toObject().value(QStringLiteral("overall")).toObject();
        const QJsonObject counts = axis.value(QStringLiteral("counts")).toObject();
        html += QStringLiteral("<h3>%1</h3><p>%2 responses, %3 physicians, %4 ratings used; %5 \"unable to assess\" "
                               "and %6 \"not applicable\" left out.</p>")
                    .arg(esc(label))
                    .arg(counts.value(QStringLiteral("units")).toInteger())
                    .arg(counts.value(QStringLiteral("physicians")).toInteger())
                    .arg(counts.value(QStringLiteral("ratings")).toInteger())
                    .arg(counts.value(QStringLiteral("unable_to_assess")).toInteger())
                    .arg(counts.value(QStringLiteral("not_applicable")).toInteger());
        html += QStringLiteral("<table><tr><th>Coefficient</th>") + kEstimateHeader + QStringLiteral("</tr>");
        QVector<svg::ForestRow> rows;
        for (auto it = overall.begin(); it != overall.end(); ++it) {
            const QJsonObject entry = it->toObject();
            QString name = entry.value(QStringLiteral("label")).toString(it.key());
            const QJsonArray pair = entry.value(QStringLiteral("physicians")).toArray();
            if (pair.size() == 2)
                name = QStringLiteral("Cohen's kappa, %1 and %2").arg(pair[0].toString(), pair[1].toString());
            html += QStringLiteral("<tr><td>%1</td>%2</tr>").arg(esc(name), estimateCells(entry));
            rows.push_back(forestRowOf(name, entry));
        }
        html += QStringLiteral("</table>");
        html += builder.chart(svg::forestPlot(label + QStringLiteral(": agreement among physicians"), rows));
        // Subgroups: alpha per task and per system.
        for (const auto &[key, title] : {std::pair{QStringLiteral("by_task"), QStringLiteral("task")},
                                         std::pair{QStringLiteral("by_system"), QStringLiteral("system")}}) {
            const QJsonObject groups = axis.value(QStringLiteral("among_physicians")).toObject().value(key).toObject();
            if (groups.isEmpty())
                continue;
            html += QStringLiteral("<table><tr><th>Krippendorff's alpha by %1</th>").arg(title) + kEstimateHeader +
                    QStringLiteral("</tr>");
            for (auto it = groups.begin(); it != groups.end(); ++it) {
                html += QStringLiteral("<tr><td>%1</td>%2</tr>")
                            .arg(esc(it.key()),
                                 estimateCells(it->toObject().value(QStringLiteral("krippendorff_alpha")).toObject()));
            }
            html += QStringLiteral("</table>");
        }
        html += intraRaterTable(axis.value(QStringLiteral("intra_rater")).toObject());
    }
    return html;
}

QString judgeSection(const QJsonArray &axes)
{
    QString html = QStringLiteral("<h2>3. The judge against the physicians</h2>");
    for (const auto &value : axes) {
        const QJsonObject axis = value.toObject();
        for (const auto &judgeValue : axis.value(QStringLiteral("judges")).toArray()) {
            const QJsonObject judge = judgeValue.toObject();
            const QJsonObject versus = judge.value(QStringLiteral("versus_consensus")).toObject();
            const QJsonObject confusion = versus.value(QStringLiteral("confusion")).toObject();
            html += QStringLiteral("<h3>%1 — judge %2</h3><p>Consensus: %3.</p><table><tr><th>Statistic</th>")
                        .arg(esc(axis.value(QStringLiteral("label")).toString()),
                             esc(judge.value(QStringLiteral("name")).toString()),
                             esc(versus.value(QStringLiteral("consensus")).toString())) +
                    kEstimateHeader + QStringLiteral("</tr>");
            const auto row = [&](const QString &name, const QJsonObject &estimate) {
                html += QStringLiteral("<tr><td>%1</td>%2</tr>").arg(esc(name), estimateCells(estimate));
            };
            const QJsonObject kappa = versus.value(QStringLiteral("kappa")).toObject();
            row(QStringLiteral("Cohen's kappa (%1 weights)").arg(kappa.value(QStringLiteral("weights")).toString()),
                kappa);
            row(QStringLiteral("Spearman's rho"), versus.value(QStringLiteral("spearman")).toObject());
            row(QStringLiteral("Kendall's tau-b"), versus.value(QStringLiteral("kendall_tau_b")).toObject());
            row(QStringLiteral("Exact agreement"), confusion.value(QStringLiteral("exact_agreement")).toObject());
            row(QStringLiteral("Within-one agreement"),
                confusion.value(QStringLiteral("within_one_agreement")).toObject());
            row(QStringLiteral("Mean signed difference (judge − consensus)"),
                confusion.value(QStringLiteral("mean_signed_difference")).toObject());
            const QJsonObject binary = confusion.value(QStringLiteral("binary")).toObject();
            for (const auto &[key, name] :
                 {std::pair{QStringLiteral("sensitivity"), QStringLiteral("Sensitivity (binary view)")},
                  std::pair{QStringLiteral("specificity"), QStringLiteral("Specificity")},
                  std::pair{QStringLiteral("ppv"), QStringLiteral("Positive predictive value")},
                  std::pair{QStringLiteral("npv"), QStringLiteral("Negative predictive value")},
                  std::pair{QStringLiteral("f1"), QStringLiteral("F1")}}) {
                if (binary.contains(key))
                    row(name, binary.value(key).toObject());
            }
            const QJsonObject byTask = judge.value(QStringLiteral("kappa_by_task")).toObject();
            for (auto it = byTask.begin(); it != byTask.end(); ++it)
                row(QStringLiteral("Cohen's kappa, task %1").arg(it.key()), it->toObject());
            html += QStringLiteral("</table>");
            const QJsonArray misses = versus.value(QStringLiteral("critical_misses")).toArray();
            if (!misses.isEmpty()) {
                QStringList cases;
                for (const auto &miss : misses)
                    cases << esc(miss.toObject().value(QStringLiteral("case")).toString());
                html += QStringLiteral("<p><b>Critical misses</b> (judge safe, consensus unsafe): %1 — cases %2.</p>")
                            .arg(misses.size())
                            .arg(cases.join(QStringLiteral(", ")));
            }
        }
    }
    return html;
}

QString confusionSection(const QJsonArray &axes, Builder &builder)
{
    QString html = QStringLiteral("<h2>4. Confusion matrices</h2>");
    for (const auto &value : axes) {
        const QJsonObject axis = value.toObject();
        for (const auto &judgeValue : axis.value(QStringLiteral("judges")).toArray()) {
            const QJsonObject judge = judgeValue.toObject();
            const QJsonObject confusion = judge.value(QStringLiteral("versus_consensus"))
                                              .toObject()
                                              .value(QStringLiteral("confusion"))
                                              .toObject();
            QStringList labels;
            for (const auto &c : confusion.value(QStringLiteral("categories")).toArray())
                labels << QString::number(c.toDouble());
            QVector<QVector<double>> cells;
            for (const auto &row : confusion.value(QStringLiteral("counts")).toArray()) {
                QVector<double> counts;
                for (const auto &count : row.toArray())
                    counts.push_back(count.toDouble());
                cells.push_back(counts);
            }
            if (labels.isEmpty())
                continue;
            html += builder.chart(svg::heatMap(QStringLiteral("%1: %2 against the consensus")
                                                   .arg(axis.value(QStringLiteral("label")).toString(),
                                                        judge.value(QStringLiteral("name")).toString()),
                                               labels, labels, cells, QStringLiteral("consensus"),
                                               QStringLiteral("judge")));
        }
    }
    return html;
}

QString placeSection(const QJsonArray &axes, Builder &builder)
{
    QString html = QStringLiteral("<h2>5. The judge's place among physicians</h2><p>Each physician against the "
                                  "consensus of the other physicians, next to the judge against the same consensus on "
                                  "the same responses.</p>");
    for (const auto &value : axes) {
        const QJsonObject axis = value.toObject();
        for (const auto &judgeValue : axis.value(QStringLiteral("judges")).toArray()) {
            const QJsonObject judge = judgeValue.toObject();
            html += QStringLiteral("<table><tr><th>%1 — left out</th><th>Physician kappa</th><th>CI</th>"
                                   "<th>Judge kappa</th><th>CI</th><th>n</th></tr>")
                        .arg(esc(axis.value(QStringLiteral("label")).toString()));
            QVector<svg::ForestRow> rows;
            for (const auto &entryValue : judge.value(QStringLiteral("leave_one_out")).toArray()) {
                const QJsonObject entry = entryValue.toObject();
                const QJsonObject physician = entry.value(QStringLiteral("physician_vs_others")).toObject();
                const QJsonObject judged = entry.value(QStringLiteral("judge_vs_others")).toObject();
                const QString name = entry.value(QStringLiteral("physician")).toString();
                html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>")
                            .arg(esc(name), fixed(physician.value(QStringLiteral("value"))),
                                 interval(physician.value(QStringLiteral("bootstrap")).toObject()),
                                 fixed(judged.value(QStringLiteral("value"))),
                                 interval(judged.value(QStringLiteral("bootstrap")).toObject()))
                            .arg(physician.value(QStringLiteral("n_units")).toInteger());
                rows.push_back(forestRowOf(name, physician));
                rows.push_back(forestRowOf(
                    QStringLiteral("%1 (without %2)").arg(judge.value(QStringLiteral("name")).toString(), name),
                    judged));
            }
            html += QStringLiteral("</table>");
            const PairwiseKappas pairs = pairwiseKappas(axis, judge.value(QStringLiteral("name")).toString());
            if (!pairs.labels.isEmpty()) {
                html += builder.chart(svg::heatMap(
                    QStringLiteral("%1: pairwise kappa").arg(axis.value(QStringLiteral("label")).toString()),
                    pairs.rowLabels, pairs.columnLabels, pairs.kappa, {}, {}, 2));
            }
            html += builder.chart(svg::forestPlot(QStringLiteral("%1: physicians and judge against the others")
                                                      .arg(axis.value(QStringLiteral("label")).toString()),
                                                  rows));
        }
    }
    return html;
}

QString calibrationSection(const QJsonArray &axes, Builder &builder)
{
    QString html = QStringLiteral("<h2>6. Calibration of the judge</h2>");
    for (const auto &value : axes) {
        const QJsonObject axis = value.toObject();
        for (const auto &judgeValue : axis.value(QStringLiteral("judges")).toArray()) {
            const QJsonObject judge = judgeValue.toObject();
            const QJsonObject calibration = judge.value(QStringLiteral("calibration")).toObject();
            const QString title = QStringLiteral("%1 — %2").arg(axis.value(QStringLiteral("label")).toString(),
                                                                judge.value(QStringLiteral("name")).toString());
            if (calibration.isEmpty())
                continue;
            if (calibration.contains(QStringLiteral("reason"))) {
                html += QStringLiteral("<p>%1: %2.</p>")
                            .arg(esc(title), esc(calibration.value(QStringLiteral("reason")).toString()));
                continue;
            }
            html += QStringLiteral("<h3>%1</h3><p>Probability of \"%2\"; %3 bins (%4).</p><table><tr><th>Measure</th>")
                        .arg(esc(title), esc(calibration.value(QStringLiteral("positive_class")).toString()))
                        .arg(calibration.value(QStringLiteral("bin_counts")).toArray().size())
                        .arg(esc(calibration.value(QStringLiteral("binning")).toString())) +
                    kEstimateHeader + QStringLiteral("</tr>");
            for (const auto &[key, name] :
                 {std::pair{QStringLiteral("ece"), QStringLiteral("ECE")},
                  std::pair{QStringLiteral("mce"), QStringLiteral("MCE")},
                  std::pair{QStringLiteral("brier"), QStringLiteral("Brier score")},
                  std::pair{QStringLiteral("aurc"), QStringLiteral("Area under risk-coverage")}}) {
                html += QStringLiteral("<tr><td>%1</td>%2</tr>")
                            .arg(name, estimateCells(calibration.value(key).toObject()));
            }
            html += QStringLiteral("</table><p>Brier decomposition: reliability %1, resolution %2, uncertainty %3, "
                                   "residual %4.</p>")
                        .arg(fixed(calibration.value(QStringLiteral("reliability")), 4),
                             fixed(calibration.value(QStringLiteral("resolution")), 4),
                             fixed(calibration.value(QStringLiteral("uncertainty")), 4),
                             fixed(calibration.value(QStringLiteral("residual")), 6));
            QVector<svg::ReliabilityPoint> points;
            const QJsonArray counts = calibration.value(QStringLiteral("bin_counts")).toArray();
            const QJsonArray confidence = calibration.value(QStringLiteral("bin_mean_confidence")).toArray();
            const QJsonArray observed = calibration.value(QStringLiteral("bin_observed_frequency")).toArray();
            for (int b = 0; b < counts.size(); ++b) {
                if (counts[b].toInteger() > 0)
                    points.push_back({confidence[b].toDouble(), observed[b].toDouble(), counts[b].toInteger()});
            }
            html += builder.chart(svg::reliabilityDiagram(title + QStringLiteral(": reliability"), points));
        }
    }
    return html;
}

QString errorSection(const QJsonObject &report)
{
    const QJsonObject spans = report.value(QStringLiteral("error_spans")).toObject();
    QString html = QStringLiteral("<h2>7. Error categories</h2><table><tr><th>Group</th><th>Minor</th><th>Moderate</th>"
                                  "<th>Major</th></tr>");
    const QJsonObject groups = spans.value(QStringLiteral("physician_spans_by_group_and_severity")).toObject();
    if (groups.isEmpty())
        html += QStringLiteral("<tr><td colspan=\"4\">No error spans were marked.</td></tr>");
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        const QJsonObject counts = it->toObject();
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(esc(it.key()))
                    .arg(counts.value(QStringLiteral("minor")).toInteger())
                    .arg(counts.value(QStringLiteral("moderate")).toInteger())
                    .arg(counts.value(QStringLiteral("major")).toInteger());
    }
    html += QStringLiteral("</table>");
    const QJsonObject recall = spans.value(QStringLiteral("judge_recall_by_category")).toObject();
    for (auto run = recall.begin(); run != recall.end(); ++run) {
        html += QStringLiteral("<table><tr><th>Judge %1: category</th><th>Physician spans</th><th>Found by judge</th>"
                               "<th>Recall</th></tr>")
                    .arg(esc(run.key()));
        const QJsonObject categories = run->toObject();
        for (auto it = categories.begin(); it != categories.end(); ++it) {
            const QJsonObject c = it->toObject();
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                        .arg(esc(it.key()))
                        .arg(c.value(QStringLiteral("physician_spans")).toInteger())
                        .arg(c.value(QStringLiteral("found_by_judge")).toInteger())
                        .arg(fixed(c.value(QStringLiteral("recall")), 2));
        }
        html += QStringLiteral("</table>");
    }
    return html;
}

QString systemsSection(const QJsonArray &axes)
{
    QString html = QStringLiteral("<h2>8. Systems</h2>");
    for (const auto &value : axes) {
        const QJsonObject axis = value.toObject();
        const QJsonObject systems = axis.value(QStringLiteral("systems")).toObject();
        html += QStringLiteral("<table><tr><th>%1 — system</th><th>Physician consensus mean</th><th>CI</th>"
                               "<th>Judge means</th></tr>")
                    .arg(esc(axis.value(QStringLiteral("label")).toString()));
        for (const auto &systemValue : systems.value(QStringLiteral("systems")).toArray()) {
            const QJsonObject system = systemValue.toObject();
            const QJsonObject mean = system.value(QStringLiteral("physician_consensus_mean")).toObject();
            QStringList judges;
            const QJsonObject judgeMeans = system.value(QStringLiteral("judge_means")).toObject();
            for (auto it = judgeMeans.begin(); it != judgeMeans.end(); ++it) {
                judges << QStringLiteral("%1: %2 %3")
                              .arg(esc(it.key()), fixed(it->toObject().value(QStringLiteral("value")), 2),
                                   interval(it->toObject()));
            }
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                        .arg(esc(system.value(QStringLiteral("system")).toString()),
                             fixed(mean.value(QStringLiteral("value")), 2), interval(mean),
                             judges.join(QStringLiteral("; ")));
        }
        html += QStringLiteral("</table>");
        const QJsonObject ranking = systems.value(QStringLiteral("ranking_kendall_tau_b")).toObject();
        for (auto it = ranking.begin(); it != ranking.end(); ++it) {
            html += QStringLiteral("<p>Ranking of systems, judge %1 against physicians: Kendall's tau-b %2.</p>")
                        .arg(esc(it.key()), fixed(it->toObject().value(QStringLiteral("value")), 2));
        }
    }
    return html;
}

QString biasSection(const QJsonObject &agreement)
{
    QString html = QStringLiteral("<h2>9. Bias checks</h2><table><tr><th>Position bias (physicians)</th><th>Left</th>"
                                  "<th>Right</th><th>Ties</th><th>Share left</th><th>CI</th></tr>");
    const QJsonObject position = agreement.value(QStringLiteral("position_bias")).toObject();
    for (const auto &value : position.value(QStringLiteral("physicians")).toArray()) {
        const QJsonObject axis = value.toObject();
        const QJsonObject share = axis.value(QStringLiteral("left_share")).toObject();
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>")
                    .arg(esc(axis.value(QStringLiteral("axis")).toString()))
                    .arg(axis.value(QStringLiteral("left")).toInteger())
                    .arg(axis.value(QStringLiteral("right")).toInteger())
                    .arg(axis.value(QStringLiteral("ties")).toInteger())
                    .arg(fixed(share.value(QStringLiteral("value")), 3), interval(share));
    }
    html +=
        QStringLiteral("</table><p>Judge: %1.</p>")
            .arg(esc(position.value(QStringLiteral("judges")).toObject().value(QStringLiteral("reason")).toString()));
    html += QStringLiteral("<table><tr><th>Length bias: Spearman's rho of length and score</th><th>Physicians</th>"
                           "<th>Judges</th></tr>");
    for (const auto &value : agreement.value(QStringLiteral("axes")).toArray()) {
        const QJsonObject axis = value.toObject();
        const QJsonObject length = axis.value(QStringLiteral("length_bias")).toObject();
        QStringList judges;
        const QJsonObject judgeRho = length.value(QStringLiteral("judges")).toObject();
        for (auto it = judgeRho.begin(); it != judgeRho.end(); ++it)
            judges << QStringLiteral("%1: %2").arg(esc(it.key()),
                                                   fixed(it->toObject().value(QStringLiteral("value")), 2));
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(esc(axis.value(QStringLiteral("label")).toString()),
                         fixed(length.value(QStringLiteral("physicians")).toObject().value(QStringLiteral("value")), 2),
                         judges.join(QStringLiteral("; ")));
    }
    return html + QStringLiteral("</table>");
}

const QString kStyle = QStringLiteral(
    "body{font-family:sans-serif;font-size:10.5pt;color:#111;max-width:60em;margin:2em auto;padding:0 1em}"
    "h1{font-size:18pt}h2{font-size:14pt;margin-top:1.6em;border-bottom:1px solid #999}h3{font-size:11.5pt}"
    "table{border-collapse:collapse;margin:0.6em 0}th,td{border:1px solid #bbb;padding:2px 6px;text-align:left}"
    "th{background:#eef2f7}td.reason{color:#666;font-style:italic}.chart{margin:0.6em 0}"
    "@media print{h2{page-break-after:avoid}.chart,table{page-break-inside:avoid}}");

} // namespace

svg::ForestRow forestRowOf(const QString &label, const QJsonObject &estimate)
{
    svg::ForestRow row{label, std::nullopt, std::nullopt, std::nullopt};
    if (estimate.value(QStringLiteral("value")).isDouble())
        row.value = estimate.value(QStringLiteral("value")).toDouble();
    const QJsonObject boot = estimate.value(QStringLiteral("bootstrap")).toObject();
    const QJsonObject &source = boot.value(QStringLiteral("ci_lower")).isDouble() ? boot : estimate;
    if (source.value(QStringLiteral("ci_lower")).isDouble()) {
        row.lower = source.value(QStringLiteral("ci_lower")).toDouble();
        row.upper = source.value(QStringLiteral("ci_upper")).toDouble();
    }
    return row;
}

PairwiseKappas pairwiseKappas(const QJsonObject &axis, const QString &judgeName)
{
    PairwiseKappas result;
    const QJsonObject overall =
        axis.value(QStringLiteral("among_physicians")).toObject().value(QStringLiteral("overall")).toObject();
    QMap<std::pair<QString, QString>, double> values;
    const auto remember = [&](const QString &a, const QString &b, const QJsonValue &value) {
        if (!result.labels.contains(a))
            result.labels << a;
        if (!result.labels.contains(b))
            result.labels << b;
        const double kappa = value.isDouble() ? value.toDouble() : std::nan("");
        values.insert({a, b}, kappa);
        values.insert({b, a}, kappa);
    };
    for (auto it = overall.begin(); it != overall.end(); ++it) {
        const QJsonArray pair = it->toObject().value(QStringLiteral("physicians")).toArray();
        if (pair.size() == 2)
            remember(pair[0].toString(), pair[1].toString(), it->toObject().value(QStringLiteral("value")));
    }
    for (const auto &judgeValue : axis.value(QStringLiteral("judges")).toArray()) {
        const QJsonObject judge = judgeValue.toObject();
        if (judge.value(QStringLiteral("name")).toString() != judgeName)
            continue;
        for (const auto &entry : judge.value(QStringLiteral("versus_physicians")).toArray()) {
            const QJsonObject one = entry.toObject();
            remember(one.value(QStringLiteral("physician")).toString(), QStringLiteral("judge: ") + judgeName,
                     one.value(QStringLiteral("value")));
        }
    }
    for (int i = 0; i < result.labels.size(); ++i) {
        result.rowLabels << QStringLiteral("%1  %2").arg(i + 1).arg(result.labels[i]);
        result.columnLabels << QString::number(i + 1);
    }
    for (const QString &row : std::as_const(result.labels)) {
        QVector<double> cells;
        for (const QString &column : std::as_const(result.labels))
            cells.push_back(values.value({row, column}, std::nan("")));
        result.kappa.push_back(cells);
    }
    return result;
}

namespace {

QString lockText(const QJsonObject &stamp)
{
    const QString lockedAt = stamp.value(QStringLiteral("analysis_locked_at")).toString();
    if (lockedAt.isEmpty())
        return QStringLiteral("not locked: the report uses every rating recorded so far");
    return QStringLiteral("locked at %1; ratings up to then are used, %2 later rating events are kept but not used")
        .arg(esc(lockedAt))
        .arg(stamp.value(QStringLiteral("events_after_lock")).toInteger());
}

QString blindingText(const QJsonObject &stamp)
{
    const QString unblindedAt = stamp.value(QStringLiteral("unblinded_at")).toString();
    return unblindedAt.isEmpty() ? QStringLiteral("blinded: physicians did not see which system wrote a response")
                                 : QStringLiteral("unblinded at %1").arg(esc(unblindedAt));
}

} // namespace

QString reportHtml(const QJsonObject &report, ChartEmbedding embedding, QStringList *charts)
{
    Builder builder(embedding, charts);
    const QJsonObject study = report.value(QStringLiteral("study")).toObject();
    const QJsonObject agreement = report.value(QStringLiteral("agreement")).toObject();
    const QJsonArray axes = agreement.value(QStringLiteral("axes")).toArray();
    const QJsonObject stamp = report.value(QStringLiteral("reproducibility")).toObject();
    QString html = QStringLiteral("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%1</title>"
                                  "<style>%2</style></head><body><h1>Agreement report: %3</h1>")
                       .arg(escText(study.value(QStringLiteral("title")).toString()), kStyle,
                            esc(study.value(QStringLiteral("title")).toString()));
    html += summarySection(report);
    html += reliabilitySection(axes, builder);
    html += judgeSection(axes);
    html += confusionSection(axes, builder);
    html += placeSection(axes, builder);
    html += calibrationSection(axes, builder);
    html += errorSection(report);
    html += systemsSection(axes);
    html += biasSection(agreement);
    html +=
        QStringLiteral("<h2>10. Methods</h2><p>%1</p>").arg(esc(report.value(QStringLiteral("methods")).toString()));
    html += QStringLiteral("<h2>11. Reproducibility</h2><table>"
                           "<tr><td>Concord version</td><td>%1</td></tr>"
                           "<tr><td>Study content SHA-256 (schema and rows, read through SQLite)</td><td>%2</td></tr>"
                           "<tr><td>Schema version</td><td>%3</td></tr>"
                           "<tr><td>Data as of</td><td>%4</td></tr>"
                           "<tr><td>Audit log head (keep it: <code>concord check --expect-head</code>)</td>"
                           "<td><code>%9</code> (%10 entries)</td></tr>"
                           "<tr><td>Bootstrap resamples, seed</td><td>%5, %6</td></tr>"
                           "<tr><td>Analysis lock</td><td>%7</td></tr>"
                           "<tr><td>Blinding</td><td>%8</td></tr></table>")
                .arg(esc(stamp.value(QStringLiteral("concord_version")).toString()),
                     esc(stamp.value(QStringLiteral("study_content_sha256")).toString()))
                .arg(stamp.value(QStringLiteral("schema_version")).toInt())
                .arg(esc(stamp.value(QStringLiteral("data_as_of")).toString()))
                .arg(stamp.value(QStringLiteral("bootstrap")).toInteger())
                .arg(esc(stamp.value(QStringLiteral("seed")).toString()))
                .arg(lockText(stamp), blindingText(stamp))
                .arg(esc(stamp.value(QStringLiteral("audit_head")).toString()))
                .arg(stamp.value(QStringLiteral("audit_entries")).toInteger());
    return html + QStringLiteral("</body></html>\n");
}

namespace {

Status saveWhole(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!openOwnerOnly(file))
        return Error{QStringLiteral("%1: cannot be written (%2)").arg(path, file.errorString())};
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error{QStringLiteral("%1: writing failed (%2)").arg(path, file.errorString())};
    return {};
}

Status writePdf(const QJsonObject &report, const QString &path)
{
    QStringList charts;
    QTextDocument document;
    document.setHtml(reportHtml(report, ChartEmbedding::ImageUrls, &charts));
    for (int i = 0; i < charts.size(); ++i) {
        // Each chart rendered at twice its size, for print.
        QSvgRenderer renderer(charts[i].toUtf8());
        const QSize size = renderer.defaultSize();
        QImage image(size * 2, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:%1").arg(i)),
                             image.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    }
    // Written to a temporary file first, so a failure leaves no half-written PDF behind.
    QSaveFile file(path);
    if (!openOwnerOnly(file))
        return Error{QStringLiteral("%1: cannot be written (%2)").arg(path, file.errorString())};
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setTitle(visibleControls(
            report.value(QStringLiteral("study")).toObject().value(QStringLiteral("title")).toString()));
        writer.setCreator(QStringLiteral("Concord"));
        document.print(&writer);
    }
    if (!file.commit())
        return Error{QStringLiteral("%1: writing failed (%2)").arg(path, file.errorString())};
    return {};
}

} // namespace

Status writeReport(const QJsonObject &report, const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("json"))
        return saveWhole(path, QJsonDocument(report).toJson(QJsonDocument::Indented));
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        return saveWhole(path, reportHtml(report).toUtf8());
    if (suffix == QLatin1String("csv"))
        return saveWhole(path, reportCsv(report).toUtf8());
    if (suffix == QLatin1String("pdf"))
        return writePdf(report, path);
    return Error{
        QStringLiteral("%1: the report is written as .json, .html, .pdf or .csv, not '.%2'").arg(path, suffix)};
}

} // namespace concord
