#include "ui/dashboard/dashboardpage.h"

#include "model/agreement/agreementanalysis.h"
#include "model/agreement/analysisjson.h"
#include "model/agreement/estimateformat.h"
#include "model/agreement/judgestatistics.h"
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
#include <QLabel>
#include <QListWidget>
#include <QMap>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

namespace concord {

namespace {

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

void addRow(QTableWidget *table, const QString &name, const stats::Estimate &estimate,
            const stats::BootstrapResult *bootstrap = nullptr)
{
    const int row = table->rowCount();
    table->insertRow(row);
    const QString interval = formatInterval(estimate, 3, bootstrap);
    const QStringList cells{name, formatValue(estimate, 3), interval.isEmpty() ? QStringLiteral("—") : interval,
                            QString::number(estimate.nUnits)};
    for (int c = 0; c < cells.size(); ++c)
        table->setItem(row, c, new QTableWidgetItem(visibleControls(cells[c]))); // plain text, controls shown
}

void addRow(QTableWidget *table, const QString &name, const BootstrappedEstimate &estimate)
{
    addRow(table, name, estimate.estimate, estimate.bootstrap ? &*estimate.bootstrap : nullptr);
}

// The value and the interval the tables show: the bootstrap one when it has bounds, else the analytic one.
svg::ForestRow forestRow(const QString &label, const BootstrappedEstimate &estimate)
{
    svg::ForestRow row{label, estimate.estimate.value, std::nullopt, std::nullopt};
    const std::optional<stats::Interval> &interval =
        estimate.bootstrap && estimate.bootstrap->ci ? estimate.bootstrap->ci : estimate.estimate.ci;
    if (interval) {
        row.lower = interval->lower;
        row.upper = interval->upper;
    }
    return row;
}

const AxisAgreement *axisResult(const AgreementAnalysis *analysis, const QString &key)
{
    if (!analysis)
        return nullptr;
    for (const AxisAgreement &axis : analysis->axes) {
        if (axis.axis.key == key)
            return &axis;
    }
    return nullptr;
}

const JudgeAgreement *judgeResult(const AxisAgreement &axis, const QString &name)
{
    for (const JudgeAgreement &judge : axis.judges) {
        if (judge.name == name)
            return &judge;
    }
    return nullptr;
}

// The report's pairwise heat map (pairwiseKappas()) from the typed result: pairwise kappa among the physicians and
// the judge, NaN on the diagonal and where a pair is undefined.
PairwiseKappas pairwiseKappasOf(const AxisAgreement &axis, const QString &judgeName)
{
    PairwiseKappas result;
    QMap<std::pair<QString, QString>, double> values;
    const auto remember = [&](const QString &a, const QString &b, const stats::Estimate &kappa) {
        for (const QString &label : {a, b}) {
            if (!result.labels.contains(label))
                result.labels << label;
        }
        const double value = kappa.value.value_or(std::nan(""));
        values.insert({a, b}, value);
        values.insert({b, a}, value);
    };
    for (const AgreementCoefficient &coefficient : axis.amongPhysicians.overall) {
        if (coefficient.raters)
            remember(coefficient.raters->first, coefficient.raters->second, coefficient.result.estimate);
    }
    if (const JudgeAgreement *judge = judgeResult(axis, judgeName)) {
        for (const JudgeVersusPhysician &versus : judge->versusPhysicians)
            remember(versus.physician, QStringLiteral("judge: ") + judgeName, versus.kappa.kappa.estimate);
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

QJsonObject DashboardPage::result() const
{
    return m_result ? toJson(*m_result) : QJsonObject{};
}

void DashboardPage::setStudy(Study *study)
{
    m_study = study;
    m_dataVersion.reset();
    m_data.reset();
    m_result.reset();
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
    const AxisAgreement *axis = axisResult(m_result.get(), currentAxisKey());
    if (!axis) {
        if (m_pending == 0)
            m_status->setText(m_study ? QStringLiteral("No ratings yet.") : QString());
        return;
    }
    const QString label = axis->axis.label;
    QVector<svg::ForestRow> rows;
    for (const AgreementCoefficient &coefficient : axis->amongPhysicians.overall) {
        const QString name =
            coefficient.raters
                ? QStringLiteral("Cohen's kappa, %1 and %2").arg(coefficient.raters->first, coefficient.raters->second)
                : QString::fromStdString(coefficient.label);
        addRow(m_physicianTable, name, coefficient.result);
        rows.push_back(forestRow(name, coefficient.result));
    }
    m_physicianTable->resizeColumnsToContents();
    m_forest->setSvg(svg::forestPlot(label + QStringLiteral(": agreement among physicians"), rows),
                     QStringLiteral("Coefficients with intervals"));

    if (const JudgeAgreement *judge = judgeResult(*axis, m_judge->currentData().toString())) {
        const JudgeVersusConsensus &versus = judge->versusConsensus;
        const stats::ConfusionResult &confusion = versus.confusion;
        for (const JudgeStatisticInfo &info : kJudgeStatistics) {
            const JudgeStatisticValue value = judgeStatisticValue(versus, info.statistic);
            const QString name = QString::fromUtf8(info.shortLabel);
            if (value.estimate)
                addRow(m_judgeTable, name, *value.estimate, value.bootstrap);
            else if (info.place == JudgeStatisticPlace::Confusion) // no matrix: listed with its reason
                addRow(m_judgeTable, name, stats::Estimate::undefined(confusion.reason));
            // The binary measures are listed only on axes with a binary view.
        }
        const stats::CalibrationResult *calibration =
            judge->calibration && judge->calibration->reason.isEmpty() && judge->calibration->result.defined()
                ? &judge->calibration->result
                : nullptr;
        if (calibration) {
            addRow(m_judgeTable, QStringLiteral("ECE"), calibration->ece);
            addRow(m_judgeTable, QStringLiteral("Brier score"), calibration->brier.brier);
        }
        m_judgeTable->resizeColumnsToContents();
        if (versus.criticalMisses) {
            for (const CriticalMiss &miss : *versus.criticalMisses) {
                m_misses->addItem(visibleControls(QStringLiteral("%1 (%2): consensus %3, judge %4")
                                                      .arg(miss.caseId, miss.task)
                                                      .arg(miss.consensus)
                                                      .arg(miss.judge)));
            }
        }

        QStringList categories;
        QVector<QVector<double>> cells;
        if (confusion.defined()) {
            for (double c : confusion.categories)
                categories << QString::number(c);
            for (std::size_t r = 0; r < confusion.categories.size(); ++r) {
                QVector<double> counts;
                for (std::size_t c = 0; c < confusion.categories.size(); ++c)
                    counts.push_back(double(confusion.count(r, c)));
                cells.push_back(counts);
            }
        }
        m_confusion->setSvg(svg::heatMap(QStringLiteral("%1: judge against consensus").arg(label), categories,
                                         categories, cells, QStringLiteral("consensus"), QStringLiteral("judge")),
                            QStringLiteral("Confusion matrix (click a cell to list its responses)"));

        QVector<svg::ReliabilityPoint> points;
        if (calibration) {
            for (const stats::ReliabilityBin &bin : calibration->bins) {
                if (bin.count > 0)
                    points.push_back(
                        {bin.meanConfidence.value_or(0), bin.observedFrequency.value_or(0), qint64(bin.count)});
            }
        }
        m_reliability->setSvg(svg::reliabilityDiagram(QStringLiteral("%1: reliability").arg(label), points),
                              QStringLiteral("Reliability diagram"));

        QVector<svg::ForestRow> place;
        for (const LeaveOneOutComparison &comparison : judge->leaveOneOut) {
            place.push_back(forestRow(comparison.physician, comparison.physicianVsOthers.kappa));
            place.push_back(forestRow(QStringLiteral("judge (without %1)").arg(comparison.physician),
                                      comparison.judgeVsOthers.kappa));
        }
        m_leaveOneOut->setSvg(svg::forestPlot(QStringLiteral("%1: judge among physicians").arg(label), place),
                              QStringLiteral("The judge among physicians"));
        const PairwiseKappas pairs = pairwiseKappasOf(*axis, m_judge->currentData().toString());
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
