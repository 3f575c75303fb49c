#pragma once

#include "model/studylead/adjudicationqueue.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QTableView;

namespace concord {

class AdjudicationDetail;
class AdjudicationQueueModel;
class Study;

// The study lead's adjudication: on the left the queue of items needing a decision (rules, filter, whether
// physicians are named), on the right the selected item and the decision form. Recording a decision (Ctrl+Return)
// commits it and moves to the next undecided item.
class AdjudicationPage final : public QWidget
{
    Q_OBJECT
public:
    explicit AdjudicationPage(QWidget *parent = nullptr);

    // Shows the study's queue (nullptr: nothing). The page does not own the study; set nullptr before closing it.
    void setStudy(Study *study);
    // Reads the queue again with the rules shown, keeping the selected item when it is still listed.
    void refresh();
    // Who decisions are recorded as (the audit log's actor and adjudication.decided_by).
    void setDecidedBy(const QString &name) { m_decidedBy = name; }
    AdjudicationRules rules() const;

    QTableView *queueView() const { return m_view; }
    AdjudicationQueueModel *model() const { return m_model; }
    QComboBox *filterBox() const { return m_filter; }
    QComboBox *axisBox() const { return m_axis; }
    QCheckBox *disagreementBox() const { return m_disagreement; }
    QSpinBox *spreadBox() const { return m_spread; }
    QCheckBox *splitBox() const { return m_split; }
    QCheckBox *criticalMissBox() const { return m_critical; }
    QComboBox *judgeRunBox() const { return m_judgeRun; }
    QCheckBox *showNamesBox() const { return m_showNames; }
    QLabel *countLabel() const { return m_count; }
    AdjudicationDetail *detail() const { return m_detail; }

signals:
    // A decision was stored: views of the agreement may want to read the study again.
    void decisionRecorded(qint64 adjudicationId);

private:
    void fillStudyChoices();
    void selectRow(int row);
    void selectItem(qint64 responseId, qint64 axisId);
    void recordDecision();
    void updateCount();

    Study *m_study = nullptr;
    QString m_decidedBy = QStringLiteral("study lead");
    AdjudicationQueueModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_filter = nullptr;
    QComboBox *m_axis = nullptr;
    QCheckBox *m_disagreement = nullptr;
    QSpinBox *m_spread = nullptr;
    QCheckBox *m_split = nullptr;
    QCheckBox *m_critical = nullptr;
    QComboBox *m_judgeRun = nullptr;
    QCheckBox *m_showNames = nullptr;
    QLabel *m_count = nullptr;
    AdjudicationDetail *m_detail = nullptr;
};

} // namespace concord
