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

// The study lead's overview: what the study holds, per-axis rating counts, and every response with its
// ratings, filterable; the selected response's case and text are shown as plain text.
class StudyOverviewPage final : public QWidget
{
    Q_OBJECT
public:
    explicit StudyOverviewPage(QWidget *parent = nullptr);

    // Returns false with an error message when the study cannot be read.
    bool showStudy(Study &study, QString *error);
    void clear();
    void focusFilter();

    QTableView *caseView() const { return m_caseView; }
    QLineEdit *filter() const { return m_filter; }
    QPlainTextEdit *detail() const { return m_detail; }

private:
    void showResponse(const QModelIndex &proxyIndex);

    Study *m_study = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_facts = nullptr;
    QTableView *m_axisView = nullptr;
    QTableView *m_caseView = nullptr;
    QLineEdit *m_filter = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    AxisCountsModel *m_axisModel = nullptr;
    CaseTableModel *m_caseModel = nullptr;
    QSortFilterProxyModel *m_caseProxy = nullptr;
};

} // namespace concord
