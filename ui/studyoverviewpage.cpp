#include "ui/studyoverviewpage.h"

#include "model/axiscountsmodel.h"
#include "model/casetablemodel.h"
#include "model/study.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace concord {

StudyOverviewPage::StudyOverviewPage(QWidget *parent)
    : QWidget(parent)
    , m_axisModel(new AxisCountsModel(this))
    , m_caseModel(new CaseTableModel(this))
    , m_caseProxy(new QSortFilterProxyModel(this))
{
    m_heading = new QLabel(this);
    m_heading->setTextFormat(Qt::PlainText);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.5);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_facts = new QLabel(this);
    m_facts->setTextFormat(Qt::PlainText);
    m_facts->setWordWrap(true);

    m_axisView = new QTableView(this);
    m_axisView->setObjectName(QStringLiteral("axisCounts"));
    m_axisView->setModel(m_axisModel);
    m_axisView->verticalHeader()->hide();
    m_axisView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_axisView->horizontalHeader()->setStretchLastSection(true);
    m_axisView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_axisView->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_axisView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("caseFilter"));
    m_filter->setPlaceholderText(tr("Filter responses by case, task, system or text (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_caseProxy->setSourceModel(m_caseModel);
    m_caseProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_caseProxy->setFilterKeyColumn(-1);
    m_caseProxy->setSortRole(CaseTableModel::RawValueRole);
    connect(m_filter, &QLineEdit::textChanged, m_caseProxy, &QSortFilterProxyModel::setFilterFixedString);

    m_caseView = new QTableView(this);
    m_caseView->setObjectName(QStringLiteral("caseTable"));
    m_caseView->setModel(m_caseProxy);
    m_caseView->setSortingEnabled(true);
    m_caseView->sortByColumn(CaseTableModel::CaseColumn, Qt::AscendingOrder);
    m_caseView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_caseView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_caseView->verticalHeader()->hide();
    m_caseView->setWordWrap(false);
    m_caseView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    connect(m_caseView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showResponse(current); });

    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("responseDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a response to read its case and text."));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *tablePane = new QWidget(splitter);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_filter);
    tableLayout->addWidget(m_caseView);
    splitter->addWidget(tablePane);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_facts);
    layout->addWidget(m_axisView);
    layout->addWidget(splitter, 1);
}

bool StudyOverviewPage::showStudy(Study &study, QString *error)
{
    if (!m_axisModel->load(study)) {
        *error = m_axisModel->errorString();
        return false;
    }
    if (!m_caseModel->load(study)) {
        *error = m_caseModel->errorString();
        return false;
    }
    m_study = &study;
    const StudyInfo info = study.info();
    const Rubric &rubric = study.rubric();
    m_heading->setText(info.title.isEmpty() ? QFileInfo(study.path()).completeBaseName() : info.title);
    m_facts->setText(tr("%1 · rubric “%2” version %3 · %4 responses · %5")
                         .arg(QFileInfo(study.path()).fileName(), rubric.name)
                         .arg(rubric.version)
                         .arg(m_caseModel->rowCount())
                         .arg(info.blinded ? tr("blinded") : tr("unblinded")));
    m_caseView->resizeColumnsToContents();
    m_caseView->setColumnWidth(CaseTableModel::ResponseColumn, 420);
    m_detail->clear();
    return true;
}

void StudyOverviewPage::clear()
{
    m_study = nullptr;
    m_heading->clear();
    m_facts->clear();
    m_detail->clear();
    m_filter->clear();
}

void StudyOverviewPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void StudyOverviewPage::showResponse(const QModelIndex &proxyIndex)
{
    if (!m_study || !proxyIndex.isValid()) {
        m_detail->clear();
        return;
    }
    const qint64 responseId = proxyIndex.data(CaseTableModel::ResponseIdRole).toLongLong();
    auto row = m_study->exec(QStringLiteral("SELECT c.external_id, c.task, c.input, c.reference, r.external_id, r.text"
                                            " FROM response r JOIN \"case\" c ON c.id = r.case_id WHERE r.id = ?"),
                             {responseId});
    if (!row.ok() || !row->next()) {
        m_detail->setPlainText(tr("Cannot read this response: %1").arg(row.errorMessage()));
        return;
    }
    // Plain text only: case inputs and responses are untrusted and never interpreted as markup.
    QString text = tr("Case %1 (%2)\n\n%3").arg(row->value(0).toString(), row->value(1).toString(), row->value(2).toString());
    if (!row->value(3).toString().isEmpty())
        text += tr("\n\nReference answer\n%1").arg(row->value(3).toString());
    text += tr("\n\nResponse %1\n%2").arg(row->value(4).toString(), row->value(5).toString());
    m_detail->setPlainText(text);
}

} // namespace concord
