#include "ui/adjudication/adjudicationpage.h"

#include "model/domain/displaytext.h"
#include "model/itemmodels/adjudicationqueuemodel.h"
#include "model/store/judgestore.h"
#include "model/studyfile/study.h"
#include "ui/adjudication/adjudicationdetail.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace concord {

AdjudicationPage::AdjudicationPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new AdjudicationQueueModel(this))
{
    auto *left = new QWidget(this);
    m_filter = new QComboBox(left);
    m_filter->setAccessibleName(tr("Show items"));
    m_filter->addItem(tr("Undecided"), int(AdjudicationQueueModel::Filter::Undecided));
    m_filter->addItem(tr("All"), int(AdjudicationQueueModel::Filter::All));
    m_axis = new QComboBox(left);
    m_axis->setAccessibleName(tr("Axis"));
    m_disagreement = new QCheckBox(tr("Any &disagreement"), left);
    m_disagreement->setChecked(true);
    m_spread = new QSpinBox(left);
    m_spread->setAccessibleName(tr("Spread of at least, in points (0: off)"));
    m_spread->setRange(0, 1000);
    m_spread->setSpecialValueText(tr("off"));
    m_split = new QCheckBox(tr("Safe/unsafe &split"), left);
    m_critical = new QCheckBox(tr("C&ritical misses (judge safe, physicians unsafe)"), left);
    m_judgeRun = new QComboBox(left);
    m_judgeRun->setAccessibleName(tr("Judge run for critical misses and judge scores"));
    m_showNames = new QCheckBox(tr("Show physician &names"), left);
    m_count = new QLabel(left);
    m_count->setTextFormat(Qt::PlainText);
    m_count->setObjectName(QStringLiteral("adjudicationCount"));

    m_view = new QTableView(left);
    m_view->setObjectName(QStringLiteral("adjudicationQueue"));
    m_view->setAccessibleName(tr("Adjudication queue"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);

    auto *rules = new QFormLayout;
    auto *showLabel = new QLabel(tr("Sho&w"), left);
    showLabel->setBuddy(m_filter);
    rules->addRow(showLabel, m_filter);
    auto *axisLabel = new QLabel(tr("A&xis"), left);
    axisLabel->setBuddy(m_axis);
    rules->addRow(axisLabel, m_axis);
    rules->addRow(m_disagreement);
    auto *spreadLabel = new QLabel(tr("Spread &at least"), left);
    spreadLabel->setBuddy(m_spread);
    rules->addRow(spreadLabel, m_spread);
    rules->addRow(m_split);
    rules->addRow(m_critical);
    auto *judgeLabel = new QLabel(tr("&Judge run"), left);
    judgeLabel->setBuddy(m_judgeRun);
    rules->addRow(judgeLabel, m_judgeRun);
    rules->addRow(m_showNames);
    auto *queueLabel = new QLabel(tr("&Queue"), left);
    queueLabel->setBuddy(m_view);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(rules);
    leftLayout->addWidget(queueLabel);
    leftLayout->addWidget(m_view, 1);
    leftLayout->addWidget(m_count);

    m_detail = new AdjudicationDetail(this);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(left);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_detail->showItem(m_model->itemAt(current.row())); });
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        const AdjudicationItem *shown = m_model->itemAt(m_view->currentIndex().row());
        const std::pair<qint64, qint64> key =
            shown ? std::pair{shown->responseId, shown->axis.id} : std::pair{0LL, 0LL};
        m_model->setFilter(AdjudicationQueueModel::Filter(m_filter->currentData().toInt()));
        selectItem(key.first, key.second);
    });
    connect(m_showNames, &QCheckBox::toggled, this, [this](bool show) {
        m_model->setShowNames(show);
        m_detail->setShowNames(show);
    });
    for (QCheckBox *rule : {m_disagreement, m_split, m_critical})
        connect(rule, &QCheckBox::toggled, this, &AdjudicationPage::refresh);
    connect(m_spread, &QSpinBox::valueChanged, this, &AdjudicationPage::refresh);
    connect(m_axis, &QComboBox::currentIndexChanged, this, &AdjudicationPage::refresh);
    connect(m_judgeRun, &QComboBox::currentIndexChanged, this, &AdjudicationPage::refresh);
    connect(m_detail, &AdjudicationDetail::recordRequested, this, &AdjudicationPage::recordDecision);
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *record = new QShortcut(keys, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(record, &QShortcut::activated, this, &AdjudicationPage::recordDecision);
    }
    setStudy(nullptr);
}

void AdjudicationPage::setStudy(Study *study)
{
    m_study = study;
    fillStudyChoices();
    refresh();
}

void AdjudicationPage::fillStudyChoices()
{
    const QSignalBlocker axisBlocker(m_axis);
    const QSignalBlocker runBlocker(m_judgeRun);
    m_axis->clear();
    m_axis->addItem(tr("All axes"), QString());
    m_judgeRun->clear();
    m_judgeRun->addItem(tr("Any judge run"), QString());
    if (!m_study)
        return;
    for (const Axis &axis : m_study->rubric().axes) {
        if (axis.target == AxisTarget::Response)
            m_axis->addItem(visibleControls(axis.label), axis.key);
    }
    auto runs = JudgeStore(*m_study).runs();
    if (!runs.ok()) {
        m_detail->showMessage(runs.errorMessage(), true);
        return;
    }
    for (const JudgeRun &run : runs.value())
        m_judgeRun->addItem(visibleControls(run.name), run.name);
}

AdjudicationRules AdjudicationPage::rules() const
{
    return AdjudicationRules{.anyDisagreement = m_disagreement->isChecked(),
                             .minSpread = double(m_spread->value()),
                             .safeUnsafeSplit = m_split->isChecked(),
                             .criticalMisses = m_critical->isChecked(),
                             .judgeRun = m_judgeRun->currentData().toString()};
}

void AdjudicationPage::refresh()
{
    const AdjudicationItem *shown = m_model->itemAt(m_view->currentIndex().row());
    const std::pair<qint64, qint64> key = shown ? std::pair{shown->responseId, shown->axis.id} : std::pair{0LL, 0LL};
    if (!m_study) {
        m_model->setItems({});
        selectRow(-1);
        updateCount();
        return;
    }
    auto queue = adjudicationQueue(*m_study, rules(), m_axis->currentData().toString());
    if (!queue.ok()) {
        // Keeps showing what it showed; the message says why it could not be read.
        m_count->setText(visibleControls(tr("Could not read the queue: %1").arg(queue.errorMessage())));
        return;
    }
    m_model->setItems(std::move(queue).value());
    selectItem(key.first, key.second);
    updateCount();
}

void AdjudicationPage::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_view->clearSelection();
        m_view->setCurrentIndex({});
        m_detail->showItem(nullptr);
        return;
    }
    const QModelIndex index = m_model->index(row, 0);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    m_detail->showItem(m_model->itemAt(row)); // also when the row was already current before a reset
}

void AdjudicationPage::selectItem(qint64 responseId, qint64 axisId)
{
    const QVector<AdjudicationItem> &items = m_model->items();
    for (int i = 0; i < items.size(); ++i) {
        if (items[i].responseId == responseId && items[i].axis.id == axisId && m_model->rowOfItem(i) >= 0) {
            selectRow(m_model->rowOfItem(i));
            return;
        }
    }
    selectRow(m_model->rowCount() > 0 ? 0 : -1);
}

void AdjudicationPage::recordDecision()
{
    const int row = m_view->currentIndex().row();
    const AdjudicationItem *item = m_model->itemAt(row);
    const AdjudicationDetail::Choice choice = m_detail->choice();
    if (!m_study || !item || !choice.problem.isEmpty()) {
        m_detail->showMessage(choice.problem.isEmpty() ? tr("Select an item of the queue first.") : choice.problem,
                              true);
        return;
    }
    const qint64 responseId = item->responseId;
    const qint64 axisId = item->axis.id;
    const QString what = QStringLiteral("%1 · %2").arg(item->caseId, item->axis.label);
    const int itemIndex = m_model->data(m_model->index(row, 0), AdjudicationQueueModel::ItemIndexRole).toInt();
    auto recorded = recordAdjudication(*m_study, responseId, item->axis.key, choice.value, choice.reasonCode,
                                       choice.reason, m_decidedBy);
    if (!recorded.ok()) {
        m_detail->showMessage(recorded.errorMessage(), true);
        return;
    }
    emit decisionRecorded(recorded.value());
    refresh();

    // The next undecided item after the one just decided (the queue keeps its order), wrapping around.
    const QVector<AdjudicationItem> &items = m_model->items();
    int from = itemIndex;
    for (int i = 0; i < items.size(); ++i) {
        if (items[i].responseId == responseId && items[i].axis.id == axisId)
            from = i;
    }
    int next = -1;
    for (int step = 1; step <= items.size() && next < 0; ++step) {
        const int i = int((from + step) % items.size());
        if (!items[i].decided() && m_model->rowOfItem(i) >= 0)
            next = i;
    }
    if (next >= 0) {
        selectRow(m_model->rowOfItem(next));
        m_detail->focusForm();
        m_detail->showMessage(tr("Recorded the decision on %1.").arg(what), false);
    } else {
        selectItem(responseId, axisId);
        m_detail->showMessage(tr("Recorded the decision on %1. Every item in the queue is decided.").arg(what), false);
    }
}

void AdjudicationPage::updateCount()
{
    const int all = int(m_model->items().size());
    m_count->setText(tr("%1 items, %2 undecided").arg(all).arg(m_model->undecidedCount()));
}

} // namespace concord
