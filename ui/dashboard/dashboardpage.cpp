#include "ui/dashboard/dashboardpage.h"

#include "model/agreement/agreementanalysis.h"
#include "model/domain/displaytext.h"
#include "model/studyfile/study.h"
#include "ui/charts/chartview.h"
#include "ui/charts/svgcharts.h"
#include "ui/report/reportwriter.h"
#include "ui/settings.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

namespace concord {

namespace {

QString fixed(const QJsonValue &value, int decimals = 3)
{
    return value.isDouble() ? QString::number(value.toDouble(), 'f', decimals) : QStringLiteral("—");
}

// The interval shown: the bootstrap one when there is one, else the analytic one.
QString interval(const QJsonObject &estimate)
{
    const QJsonObject boot = estimate.value(QStringLiteral("bootstrap")).toObject();
    const QJsonObject &source = boot.value(QStringLiteral("ci_lower")).isDouble() ? boot : estimate;
    if (!source.value(QStringLiteral("ci_lower")).isDouble())
        return QStringLiteral("—");
    return QStringLiteral("[%1, %2]")
        .arg(fixed(source.value(QStringLiteral("ci_lower"))), fixed(source.value(QStringLiteral("ci_upper"))));
}

QTableWidget *makeTable(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setAccessibleName(name);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void addRow(QTableWidget *table, const QString &name, const QJsonObject &estimate)
{
    const int row = table->rowCount();
    table->insertRow(row);
    const QString value = estimate.value(QStringLiteral("value")).isDouble()
                              ? fixed(estimate.value(QStringLiteral("value")))
                              : estimate.value(QStringLiteral("reason")).toString(QStringLiteral("undefined"));
    const QStringList cells{name, value, interval(estimate),
                            QString::number(estimate.value(QStringLiteral("n_units")).toInteger())};
    for (int c = 0; c < cells.size(); ++c)
        table->setItem(row, c, new QTableWidgetItem(visibleControls(cells[c]))); // plain text, controls shown
}

QJsonObject axisResult(const QJsonObject &result, const QString &key)
{
    for (const auto &axis : result.value(QStringLiteral("axes")).toArray()) {
        if (axis.toObject().value(QStringLiteral("key")).toString() == key)
            return axis.toObject();
    }
    return {};
}

QJsonObject judgeResult(const QJsonObject &axis, const QString &name)
{
    for (const auto &judge : axis.value(QStringLiteral("judges")).toArray()) {
        if (judge.toObject().value(QStringLiteral("name")).toString() == name)
            return judge.toObject();
    }
    return {};
}

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent)
    , m_watch(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    const auto combo = [&](const QString &label, const QString &name) {
        auto *title = new QLabel(label, this);
        auto *box = new QComboBox(this);
        box->setAccessibleName(name);
        title->setBuddy(box);
        bar->addWidget(title);
        bar->addWidget(box);
        return box;
    };
    m_axis = combo(QStringLiteral("&Axis:"), QStringLiteral("Axis"));
    m_task = combo(QStringLiteral("&Task:"), QStringLiteral("Task filter"));
    m_system = combo(QStringLiteral("S&ystem:"), QStringLiteral("System filter"));
    m_judge = combo(QStringLiteral("&Judge:"), QStringLiteral("Judge run"));
    bar->addStretch();
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(QStringLiteral("Dashboard status"));
    bar->addWidget(m_status);
    layout->addLayout(bar);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *tables = new QWidget(splitter);
    auto *tablesLayout = new QVBoxLayout(tables);
    tablesLayout->setContentsMargins(0, 0, 0, 0);
    const QStringList headers{QStringLiteral("Statistic"), QStringLiteral("Value"), QStringLiteral("Interval"),
                              QStringLiteral("n")};
    tablesLayout->addWidget(new QLabel(QStringLiteral("Among physicians"), tables));
    m_physicianTable = makeTable(headers, QStringLiteral("Agreement among physicians"), tables);
    tablesLayout->addWidget(m_physicianTable, 3);
    tablesLayout->addWidget(new QLabel(QStringLiteral("Judge against the physicians' consensus"), tables));
    m_judgeTable = makeTable(headers, QStringLiteral("Judge against physicians"), tables);
    tablesLayout->addWidget(m_judgeTable, 3);
    tablesLayout->addWidget(new QLabel(QStringLiteral("Critical misses (judge safe, consensus unsafe)"), tables));
    m_misses = new QListWidget(tables);
    m_misses->setAccessibleName(QStringLiteral("Critical misses"));
    tablesLayout->addWidget(m_misses, 1);
    tablesLayout->addWidget(new QLabel(QStringLiteral("Selected responses"), tables));
    m_drillDown = new QListWidget(tables);
    m_drillDown->setAccessibleName(QStringLiteral("Responses of the selected cell"));
    tablesLayout->addWidget(m_drillDown, 1);

    auto *scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    auto *charts = new QWidget(scroll);
    auto *grid = new QGridLayout(charts);
    m_forest = new ChartView(charts);
    m_confusion = new ChartView(charts);
    m_reliability = new ChartView(charts);
    m_leaveOneOut = new ChartView(charts);
    m_pairwise = new ChartView(charts);
    m_progressChart = new ChartView(charts);
    m_distribution = new ChartView(charts);
    grid->addWidget(m_forest, 0, 0, 1, 2);
    grid->addWidget(m_confusion, 1, 0);
    grid->addWidget(m_reliability, 1, 1);
    grid->addWidget(m_leaveOneOut, 2, 0);
    grid->addWidget(m_pairwise, 2, 1);
    grid->addWidget(m_distribution, 3, 0);
    grid->addWidget(m_progressChart, 3, 1);
    scroll->setWidget(charts);
    splitter->addWidget(tables);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({480, 800}); // the tables' intervals in full at 1280 px
    layout->addWidget(splitter, 1);

    connect(m_confusion, &ChartView::clicked, this, [this](QPointF point) {
        const svg::HeatMapGeometry geometry;
        const int column = int(std::floor((point.x() - geometry.left) / geometry.cell));
        const int row = int(std::floor((point.y() - geometry.top) / geometry.cell));
        showConfusionCell(row, column);
    });
    connect(m_misses, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        m_drillDown->clear();
        m_drillDown->addItem(item->text());
    });
    for (QComboBox *box : {m_task, m_system})
        connect(box, &QComboBox::activated, this, [this] { startComputation(); });
    for (QComboBox *box : {m_axis, m_judge})
        connect(box, &QComboBox::activated, this, [this] { showResult(); });
    m_watch->setInterval(1000);
    connect(m_watch, &QTimer::timeout, this, &DashboardPage::poll);
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::setStudy(Study *study)
{
    m_study = study;
    m_dataVersion.reset();
    m_data.reset();
    m_result = {};
    m_progress.clear();
    m_pending = 0;
    m_background.reset(); // cancels what runs for the previous study
    if (!study) {
        m_watch->stop();
        showResult();
        return;
    }
    m_background = std::make_unique<BackgroundAgreement>(study->path());
    connect(m_background.get(), &BackgroundAgreement::finished, this, &DashboardPage::receive);
    refresh();
    m_watch->start();
}

void DashboardPage::poll()
{
    if (!m_study || !isVisible())
        return;
    auto version = m_study->dataVersion();
    if (!version.ok())
        return; // asked again at the next tick
    if (version.value() != m_dataVersion)
        refresh();
}

void DashboardPage::refresh()
{
    if (!m_study)
        return;
    if (auto version = m_study->dataVersion(); version.ok())
        m_dataVersion = version.value();
    startComputation();
}

void DashboardPage::fillFilters()
{
    const auto refill = [](QComboBox *box, const QStringList &items, const QString &all) {
        // Shown with controls visible; the stored name is the item's data, which the page works with.
        const QVariant current = box->currentData();
        box->clear();
        if (!all.isEmpty())
            box->addItem(all, QString());
        for (const QString &item : items)
            box->addItem(visibleControls(item), item);
        const int index = box->findData(current);
        box->setCurrentIndex(index >= 0 ? index : 0);
    };
    QStringList axes, tasks, systems, judges;
    for (const AxisAgreementData &data : *m_data) {
        axes << data.axis.key;
        for (const QString &task : data.tasks) {
            if (!tasks.contains(task))
                tasks << task;
        }
        for (const QString &system : data.systems) {
            if (!systems.contains(system))
                systems << system;
        }
        for (const JudgeAxisScores &judge : data.judges) {
            if (!judges.contains(judge.name))
                judges << judge.name;
        }
    }
    tasks.sort();
    systems.sort();
    refill(m_axis, axes, {});
    refill(m_task, tasks, QStringLiteral("All tasks"));
    refill(m_system, systems, QStringLiteral("All systems"));
    refill(m_judge, judges, {});
}

void DashboardPage::startComputation()
{
    if (!m_background)
        return;
    AgreementRequest request;
    request.settings.bootstrap = kLiveResamples;
    request.settings.subgroups = false;
    request.task = m_task->currentData().toString();
    request.system = m_system->currentData().toString();
    m_pending = m_background->request(request);
    m_status->setText(QStringLiteral("Computing…"));
}

void DashboardPage::receive(const AgreementSnapshot &snapshot)
{
    if (snapshot.generation != m_pending)
        return; // stale: a newer computation is on its way
    m_pending = 0;
    if (!snapshot.error.isEmpty()) {
        m_status->setText(visibleControls(QStringLiteral("Could not read the study: %1").arg(snapshot.error)));
        return;
    }
    m_data = snapshot.data;
    m_result = snapshot.result;
    m_progress = snapshot.progress;
    fillFilters();
    showResult();
}

QString DashboardPage::currentAxisKey() const
{
    return m_axis->currentData().toString();
}

void DashboardPage::showResult()
{
    m_physicianTable->setRowCount(0);
    m_judgeTable->setRowCount(0);
    m_misses->clear();
    const QJsonObject axis = axisResult(m_result, currentAxisKey());
    if (axis.isEmpty()) {
        if (m_pending == 0)
            m_status->setText(m_study ? QStringLiteral("No ratings yet.") : QString());
        return;
    }
    const QString label = axis.value(QStringLiteral("label")).toString();
    const QJsonObject overall =
        axis.value(QStringLiteral("among_physicians")).toObject().value(QStringLiteral("overall")).toObject();
    QVector<svg::ForestRow> rows;
    for (auto it = overall.begin(); it != overall.end(); ++it) {
        const QJsonObject entry = it->toObject();
        QString name = entry.value(QStringLiteral("label")).toString(it.key());
        const QJsonArray pair = entry.value(QStringLiteral("physicians")).toArray();
        if (pair.size() == 2)
            name = QStringLiteral("Cohen's kappa, %1 and %2").arg(pair[0].toString(), pair[1].toString());
        addRow(m_physicianTable, name, entry);
        rows.push_back(forestRowOf(name, entry));
    }
    m_physicianTable->resizeColumnsToContents();
    m_forest->setSvg(svg::forestPlot(label + QStringLiteral(": agreement among physicians"), rows),
                     QStringLiteral("Coefficients with intervals"));

    const QJsonObject judge = judgeResult(axis, m_judge->currentData().toString());
    const QJsonObject versus = judge.value(QStringLiteral("versus_consensus")).toObject();
    const QJsonObject confusion = versus.value(QStringLiteral("confusion")).toObject();
    if (!judge.isEmpty()) {
        addRow(m_judgeTable, QStringLiteral("Cohen's kappa vs consensus"),
               versus.value(QStringLiteral("kappa")).toObject());
        addRow(m_judgeTable, QStringLiteral("Spearman's rho"), versus.value(QStringLiteral("spearman")).toObject());
        addRow(m_judgeTable, QStringLiteral("Exact agreement"),
               confusion.value(QStringLiteral("exact_agreement")).toObject());
        addRow(m_judgeTable, QStringLiteral("Within-one agreement"),
               confusion.value(QStringLiteral("within_one_agreement")).toObject());
        addRow(m_judgeTable, QStringLiteral("Mean signed difference"),
               confusion.value(QStringLiteral("mean_signed_difference")).toObject());
        const QJsonObject binary = confusion.value(QStringLiteral("binary")).toObject();
        for (const auto &[key, name] : {std::pair{QStringLiteral("sensitivity"), QStringLiteral("Sensitivity")},
                                        std::pair{QStringLiteral("specificity"), QStringLiteral("Specificity")},
                                        std::pair{QStringLiteral("ppv"), QStringLiteral("PPV")},
                                        std::pair{QStringLiteral("npv"), QStringLiteral("NPV")},
                                        std::pair{QStringLiteral("f1"), QStringLiteral("F1")}}) {
            if (binary.contains(key))
                addRow(m_judgeTable, name, binary.value(key).toObject());
        }
        const QJsonObject calibration = judge.value(QStringLiteral("calibration")).toObject();
        for (const auto &[key, name] : {std::pair{QStringLiteral("ece"), QStringLiteral("ECE")},
                                        std::pair{QStringLiteral("brier"), QStringLiteral("Brier score")}}) {
            if (calibration.contains(key))
                addRow(m_judgeTable, name, calibration.value(key).toObject());
        }
        m_judgeTable->resizeColumnsToContents();
        for (const auto &missValue : versus.value(QStringLiteral("critical_misses")).toArray()) {
            const QJsonObject miss = missValue.toObject();
            m_misses->addItem(visibleControls(
                QStringLiteral("%1 (%2): consensus %3, judge %4")
                    .arg(miss.value(QStringLiteral("case")).toString(), miss.value(QStringLiteral("task")).toString())
                    .arg(miss.value(QStringLiteral("consensus")).toDouble())
                    .arg(miss.value(QStringLiteral("judge")).toDouble())));
        }

        QStringList categories;
        for (const auto &c : confusion.value(QStringLiteral("categories")).toArray())
            categories << QString::number(c.toDouble());
        QVector<QVector<double>> cells;
        for (const auto &row : confusion.value(QStringLiteral("counts")).toArray()) {
            QVector<double> counts;
            for (const auto &count : row.toArray())
                counts.push_back(count.toDouble());
            cells.push_back(counts);
        }
        m_confusion->setSvg(svg::heatMap(QStringLiteral("%1: judge against consensus").arg(label), categories,
                                         categories, cells, QStringLiteral("consensus"), QStringLiteral("judge")),
                            QStringLiteral("Confusion matrix (click a cell to list its responses)"));

        QVector<svg::ReliabilityPoint> points;
        const QJsonArray counts = calibration.value(QStringLiteral("bin_counts")).toArray();
        const QJsonArray meanConfidence = calibration.value(QStringLiteral("bin_mean_confidence")).toArray();
        const QJsonArray observed = calibration.value(QStringLiteral("bin_observed_frequency")).toArray();
        for (int b = 0; b < counts.size(); ++b) {
            if (counts[b].toInteger() > 0)
                points.push_back({meanConfidence[b].toDouble(), observed[b].toDouble(), counts[b].toInteger()});
        }
        m_reliability->setSvg(svg::reliabilityDiagram(QStringLiteral("%1: reliability").arg(label), points),
                              QStringLiteral("Reliability diagram"));

        QVector<svg::ForestRow> place;
        for (const auto &entryValue : judge.value(QStringLiteral("leave_one_out")).toArray()) {
            const QJsonObject entry = entryValue.toObject();
            const QString physician = entry.value(QStringLiteral("physician")).toString();
            place.push_back(forestRowOf(physician, entry.value(QStringLiteral("physician_vs_others")).toObject()));
            place.push_back(forestRowOf(QStringLiteral("judge (without %1)").arg(physician),
                                        entry.value(QStringLiteral("judge_vs_others")).toObject()));
        }
        m_leaveOneOut->setSvg(svg::forestPlot(QStringLiteral("%1: judge among physicians").arg(label), place),
                              QStringLiteral("The judge among physicians"));
        const PairwiseKappas pairs = pairwiseKappas(axis, m_judge->currentData().toString());
        m_pairwise->setSvg(svg::heatMap(QStringLiteral("%1: pairwise kappa").arg(label), pairs.rowLabels,
                                        pairs.columnLabels, pairs.kappa, {}, {}, 2),
                           QStringLiteral("Pairwise agreement of physicians and judge"));
    }

    // Distribution of values: physicians' ratings and the judge's scores per scale point.
    for (const AxisAgreementData &data : m_data ? *m_data : QVector<AxisAgreementData>{}) { // shared, not copied
        if (data.axis.key != currentAxisKey())
            continue;
        QVector<svg::Bar> bars;
        for (const ScalePoint &point : data.axis.points) {
            double physicians = 0, judged = 0;
            for (std::size_t u = 0; u < data.ratings.units(); ++u) {
                for (double v : data.ratings.row(u))
                    physicians += v == point.value ? 1 : 0;
            }
            for (const JudgeAxisScores &scores : data.judges) {
                if (scores.name != m_judge->currentData().toString())
                    continue;
                for (double v : scores.value)
                    judged += v == point.value ? 1 : 0;
            }
            bars.push_back({QString::number(point.value), {physicians, judged}});
        }
        m_distribution->setSvg(svg::barChart(QStringLiteral("%1: values").arg(label),
                                             {QStringLiteral("physicians"), QStringLiteral("judge")}, bars),
                               QStringLiteral("Distribution of values"));
    }
    QVector<svg::LinePoint> progress;
    for (const auto &[day, count] : std::as_const(m_progress))
        progress.push_back({day, count});
    m_progressChart->setSvg(
        svg::lineChart(QStringLiteral("Rating progress"), progress, QStringLiteral("rating events")),
        QStringLiteral("Rating progress over time"));
    if (m_pending == 0)
        m_status->setText(QStringLiteral("Updated %1 · live intervals from %2 resamples; the report uses B = %3")
                              .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")))
                              .arg(kLiveResamples)
                              .arg(Settings::value(Settings::ReportBootstrapResamples).toInt()));
    emit updated();
}

void DashboardPage::showConfusionCell(int row, int column)
{
    m_drillDown->clear();
    if (!m_data)
        return;
    for (const AxisAgreementData &data : *m_data) {
        if (data.axis.key != currentAxisKey())
            continue;
        const QString task = m_task->currentData().toString(), system = m_system->currentData().toString();
        const AxisAgreementData shown = task.isEmpty() && system.isEmpty() ? data : subsetOf(data, task, system);
        const std::vector<double> points = shown.scalePoints();
        if (row < 0 || column < 0 || row >= int(points.size()) || column >= int(points.size()))
            return;
        const std::vector<double> consensus = physicianConsensus(shown);
        for (const JudgeAxisScores &judge : shown.judges) {
            if (judge.name != m_judge->currentData().toString())
                continue;
            for (std::size_t u = 0; u < consensus.size(); ++u) {
                if (consensus[u] == points[std::size_t(row)] && judge.value[u] == points[std::size_t(column)])
                    m_drillDown->addItem(
                        visibleControls(QStringLiteral("%1 (%2)").arg(shown.caseIds[u], shown.tasks[u])));
            }
        }
    }
}

} // namespace concord
