#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace concord {

class AxisCountsModel;
class CaseTableModel;
class Study;

// The study lead's overview: what the study holds, per-axis rating counts, and every response with its ratings,
// filterable; the selected response's case and text are shown as plain text. Everything from the study file is
// untrusted and shown as plain text only.
class StudyOverviewPage final : public QWidget
{
    Q_OBJECT
public:
    explicit StudyOverviewPage(QWidget *parent = nullptr);

    // Returns false with an error message when the study cannot be read, and keeps showing what it showed.
    bool showStudy(Study &study, QString *error);
    void clear();
    void focusFilter();

    QLabel *heading() const { return m_heading; }
    QTableView *axisView() const { return m_axisView; }
    QTableView *caseView() const { return m_caseView; }
    QLineEdit *filter() const { return m_filter; }
    QPlainTextEdit *detail() const { return m_detail; }

private:
    void showResponse(const QModelIndex &proxyIndex);
    void updateShownCount();

    Study *m_study = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_facts = nullptr;
    QTableView *m_axisView = nullptr;
    QTableView *m_caseView = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_shownCount = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    AxisCountsModel *m_axisModel = nullptr;
    CaseTableModel *m_caseModel = nullptr;
    QSortFilterProxyModel *m_caseProxy = nullptr;
};

} // namespace concord
