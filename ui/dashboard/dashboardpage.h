#pragma once

#include "model/agreement/backgroundagreement.h"
#include "model/studyfile/dataversion.h"

#include <QJsonObject>
#include <QWidget>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QTableWidget;
class QTimer;

namespace concord {

class ChartView;
class Study;

// The study lead's agreement dashboard: per axis, agreement among physicians and the judge against them in tables,
// and the charts (coefficients with intervals, the judge-consensus confusion matrix, the reliability diagram, the
// judge among physicians, rating progress, the distribution of values), filterable by task, system and judge run.
// Live: the study file is watched (SQLite's data_version, which changes whenever any connection, window or process
// commits), and the study is read and the figures recomputed off the UI thread (BackgroundAgreement, on a connection
// of its own that reads only what changed) with a quick bootstrap, stale work cancelled.
class DashboardPage final : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPage(QWidget *parent = nullptr);
    ~DashboardPage() override;

    // Shows the study (not owned; nullptr clears). Starts watching it.
    void setStudy(Study *study);
    // Reads the study again and recomputes now, off the UI thread (also what the watch does on a change); updated()
    // follows.
    void refresh();

    // Bootstrap resamples of the live view (the report uses its own, B = 2000 by default).
    static constexpr std::size_t kLiveResamples = 200;

    // For tests and screenshots. The analysis shown (null before the first result), and the same as JSON (toJson()).
    const AgreementAnalysis *analysis() const { return m_result.get(); }
    QJsonObject result() const;
    bool computing() const { return m_pending > 0; }
    QComboBox *axisBox() const { return m_axis; }
    QComboBox *taskBox() const { return m_task; }
    QComboBox *systemBox() const { return m_system; }
    QComboBox *judgeBox() const { return m_judge; }
    QTableWidget *physicianTable() const { return m_physicianTable; }
    QTableWidget *judgeTable() const { return m_judgeTable; }
    QListWidget *drillDown() const { return m_drillDown; }
    ChartView *confusionChart() const { return m_confusion; }
    ChartView *forestChart() const { return m_forest; }
    QListWidget *criticalMissList() const { return m_misses; }
    QLabel *statusLabel() const { return m_status; }
    // Lists the responses of a cell of the confusion matrix (row: consensus category, column: judge category).
    void showConfusionCell(int row, int column);

signals:
    void updated();

private:
    void poll();
    void startComputation();
    void receive(const AgreementSnapshot &snapshot);
    void showResult();
    void fillFilters();
    QString currentAxisKey() const;

    Study *m_study = nullptr;
    std::optional<DataVersion> m_dataVersion; // of the last read; none before the first
    std::unique_ptr<BackgroundAgreement> m_background;
    std::shared_ptr<const QVector<AxisAgreementData>> m_data;
    std::shared_ptr<const AgreementAnalysis> m_result; // as delivered, not copied
    QVector<std::pair<QString, double>> m_progress;    // date, cumulative ratings
    QTimer *m_watch = nullptr;
    int m_pending = 0; // the generation awaited; 0 when the newest result is shown

    QComboBox *m_axis = nullptr;
    QComboBox *m_task = nullptr;
    QComboBox *m_system = nullptr;
    QComboBox *m_judge = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_physicianTable = nullptr;
    QTableWidget *m_judgeTable = nullptr;
    QListWidget *m_drillDown = nullptr;
    QListWidget *m_misses = nullptr;
    ChartView *m_forest = nullptr;
    ChartView *m_confusion = nullptr;
    ChartView *m_reliability = nullptr;
    ChartView *m_leaveOneOut = nullptr;
    ChartView *m_pairwise = nullptr;
    ChartView *m_progressChart = nullptr;
    ChartView *m_distribution = nullptr;
};

} // namespace concord
