#include "ui/studyoverviewpage.h"

#include "model/domain/displaytext.h"
#include "model/itemmodels/axiscountsmodel.h"
#include "model/itemmodels/casetablemodel.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/studyfile/study.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace concord {

namespace {

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

// Rows as tall as a line of text plus a little air, so that many fit.
void makeCompact(QTableView *view)
{
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->setWordWrap(false);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
}

QString countOf(qint64 n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(n);
}

} // namespace

StudyOverviewPage::StudyOverviewPage(QWidget *parent)
    : QWidget(parent)
    , m_axisModel(new AxisCountsModel(this))
    , m_caseModel(new CaseTableModel(this))
    , m_caseProxy(new QSortFilterProxyModel(this))
{
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("studyHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.5);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_facts = new QLabel(this);
    m_facts->setObjectName(QStringLiteral("studyFacts"));
    m_facts->setTextFormat(Qt::PlainText);
    m_facts->setWordWrap(true);

    auto *axisLabel = sectionLabel(tr("Current ratings per axis"), this);
    m_axisView = new QTableView(this);
    m_axisView->setObjectName(QStringLiteral("axisCounts"));
    m_axisView->setModel(m_axisModel);
    makeCompact(m_axisView);
    m_axisView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // As large as its contents: a rubric has a handful of axes.
    m_axisView->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_axisView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_axisView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_axisView->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Maximum);
    axisLabel->setBuddy(m_axisView);

    auto *caseLabel = sectionLabel(tr("Responses"), this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("caseFilter"));
    m_filter->setPlaceholderText(tr("Filter by case, task, system or first line of the response (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_shownCount = new QLabel(this);
    m_shownCount->setObjectName(QStringLiteral("shownCount"));
    m_caseProxy->setSourceModel(m_caseModel);
    m_caseProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    // The filter matches texts only (SearchTextRole, the same in every column), never the counts.
    m_caseProxy->setFilterKeyColumn(CaseTableModel::CaseColumn);
    m_caseProxy->setFilterRole(CaseTableModel::SearchTextRole);
    m_caseProxy->setSortRole(CaseTableModel::RawValueRole);
    connect(m_filter, &QLineEdit::textChanged, m_caseProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_caseProxy, &QAbstractItemModel::rowsInserted, this, &StudyOverviewPage::updateShownCount);
    connect(m_caseProxy, &QAbstractItemModel::rowsRemoved, this, &StudyOverviewPage::updateShownCount);
    connect(m_caseProxy, &QAbstractItemModel::modelReset, this, &StudyOverviewPage::updateShownCount);
    connect(m_caseProxy, &QAbstractItemModel::layoutChanged, this, &StudyOverviewPage::updateShownCount);

    m_caseView = new QTableView(this);
    m_caseView->setObjectName(QStringLiteral("caseTable"));
    m_caseView->setModel(m_caseProxy);
    makeCompact(m_caseView);
    // Unsorted (the study's case order) until the user clicks a header.
    m_caseView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_caseView->setSortingEnabled(true);
    m_caseView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_caseView->horizontalHeader()->setMinimumSectionSize(48);
    // The response's first line takes the width the other columns leave.
    m_caseView->horizontalHeader()->setSectionResizeMode(CaseTableModel::ResponseColumn, QHeaderView::Stretch);
    caseLabel->setBuddy(m_caseView);
    connect(m_caseView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showResponse(current); });

    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("responseDetail"));
    m_detail->setReadOnly(true);
    m_detail->setTabChangesFocus(true);
    m_detail->setPlaceholderText(tr("Select a response to read its case and text."));

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_shownCount);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    auto *tablePane = new QWidget(splitter);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(caseLabel);
    tableLayout->addLayout(filterRow);
    tableLayout->addWidget(m_caseView);
    splitter->addWidget(tablePane);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_facts);
    layout->addSpacing(8);
    layout->addWidget(axisLabel);
    layout->addWidget(m_axisView, 0, Qt::AlignLeft);
    layout->addSpacing(8);
    layout->addWidget(splitter, 1);
    updateShownCount();
}

bool StudyOverviewPage::showStudy(Study &study, QString *error)
{
    auto caseCount = CaseStore(study).caseCount();
    auto annotators = AnnotatorStore(study).annotators();
    auto judgeRuns = JudgeStore(study).runs();
    const bool loaded =
        caseCount.ok() && annotators.ok() && judgeRuns.ok() && m_axisModel->load(study) && m_caseModel->load(study);
    if (!loaded) {
        for (const QString &message : {caseCount.errorMessage(), annotators.errorMessage(), judgeRuns.errorMessage(),
                                       m_axisModel->errorString(), m_caseModel->errorString()}) {
            if (!message.isEmpty()) {
                *error = message;
                break;
            }
        }
        // Keep showing the study that was open (or nothing), not a part of the one that failed.
        if (!m_study || !m_axisModel->load(*m_study) || !m_caseModel->load(*m_study))
            clear();
        return false;
    }
    m_study = &study;
    const StudyInfo info = study.info();
    const Rubric &rubric = study.rubric();
    m_heading->setText(visibleControls(info.title.isEmpty() ? QFileInfo(study.path()).completeBaseName() : info.title));
    // One arg() call: texts from the study may contain "%1" and must not be substituted into.
    const QString facts = tr("%1 · rubric “%2”, version %3 · %4 · %5 · %6 · %7 · %8")
                              .arg(QFileInfo(study.path()).fileName(), rubric.name, QString::number(rubric.version),
                                   countOf(caseCount.value(), tr("%L1 case"), tr("%L1 cases")),
                                   countOf(m_caseModel->rowCount(), tr("%L1 response"), tr("%L1 responses")),
                                   countOf(annotators->size(), tr("%L1 annotator"), tr("%L1 annotators")),
                                   countOf(judgeRuns->size(), tr("%L1 judge run"), tr("%L1 judge runs")),
                                   info.blinded ? tr("blinded") : tr("unblinded"));
    m_facts->setText(visibleControls(facts));
    m_filter->clear();
    // Wide enough for "N of N responses", so that the filter does not jump while the user types.
    const int rows = m_caseModel->rowCount();
    m_shownCount->setMinimumWidth(
        m_shownCount->fontMetrics().horizontalAdvance(tr("%L1 of %L2 responses").arg(rows).arg(rows)) + 8);
    m_caseView->resizeColumnsToContents();
    m_detail->clear();
    updateShownCount();
    return true;
}

void StudyOverviewPage::clear()
{
    m_study = nullptr;
    m_axisModel->clear();
    m_caseModel->clear();
    m_heading->clear();
    m_facts->clear();
    m_detail->clear();
    m_filter->clear();
    updateShownCount();
}

void StudyOverviewPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void StudyOverviewPage::updateShownCount()
{
    const int total = m_caseModel->rowCount();
    const int shown = m_caseProxy->rowCount();
    m_shownCount->setText(shown == total ? countOf(total, tr("%L1 response"), tr("%L1 responses"))
                                         : tr("%L1 of %L2 responses").arg(shown).arg(total));
}

void StudyOverviewPage::showResponse(const QModelIndex &proxyIndex)
{
    if (!m_study || !proxyIndex.isValid()) {
        m_detail->clear();
        return;
    }
    const qint64 responseId = proxyIndex.data(CaseTableModel::IdRole).toLongLong();
    auto found = CaseStore(*m_study).responseWithCase(responseId);
    if (!found.ok() || !found.value()) {
        m_detail->setPlainText(visibleControls(tr("Cannot read this response: %1").arg(found.errorMessage())));
        return;
    }
    const CaseRecord &shownCase = found.value()->caseRecord;
    const ResponseRecord &response = found.value()->response;
    // Plain text only: case inputs and responses are untrusted and never interpreted as markup. Each arg() call
    // fills all of its placeholders at once, so a "%1" in the study's text stays as it is.
    QString text = tr("Case %1 (%2)\n\n%3").arg(shownCase.externalId, shownCase.task, shownCase.input);
    if (!shownCase.reference.isEmpty())
        text += tr("\n\nReference answer\n%1").arg(shownCase.reference);
    text += tr("\n\nResponse %1 (%2)\n%3").arg(response.externalId, response.system, response.text);
    m_detail->setPlainText(visibleControls(text)); // controls shown: a dose reads as it is stored
}

} // namespace concord
