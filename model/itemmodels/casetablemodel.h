#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <QVector>

namespace concord {

class Study;

// One row per response: case, task, system, the response's first line, the number of current ratings per
// response axis of the study's rubric (preference axes rate comparisons and have no column here), and the number
// of judge scores. Texts come back as plain strings for item views, never as rich text. Sorting (on RawValueRole)
// and filtering (on SearchTextRole) belong to a QSortFilterProxyModel in the view.
class CaseTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The axis columns follow ResponseColumn, one per response axis; the judge column comes last (judgeColumn()).
    enum Column
    {
        CaseColumn,
        TaskColumn,
        SystemColumn,
        ResponseColumn,
        FirstAxisColumn
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // unformatted value, for sorting
        IdRole,                          // the response id (qint64), in every column
        SearchTextRole,                  // case, task, system and first line, in every column: what a filter matches
    };

    explicit CaseTableModel(QObject *parent = nullptr);

    // Reads the whole table in three aggregate queries; on failure returns false with errorString() set and leaves
    // the model as it was.
    bool load(const Study &study);
    void clear();
    QString errorString() const { return m_error; }

    int axisCount() const { return static_cast<int>(m_axisKeys.size()); }
    int axisColumn(const QString &axisKey) const; // -1 when the rubric has no such response axis
    int judgeColumn() const { return FirstAxisColumn + axisCount(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // Current ratings of one response on one axis, by status.
    struct AxisCount
    {
        int values = 0;
        int unable = 0;
        int notApplicable = 0;
        int total() const { return values + unable + notApplicable; }
    };
    struct Row
    {
        qint64 responseId = 0;
        QString caseId;
        QString task;
        QString system;
        QString preview;
        QVector<AxisCount> counts; // per axis column
        int judgeScores = 0;
    };

    QVariant rawValue(const Row &row, int column) const;
    QString countToolTip(const Row &row, int column) const;

    QVector<Row> m_rows;
    QStringList m_axisKeys;
    QStringList m_axisLabels;
    QStringList m_axisQuestions;
    QString m_error;
};

} // namespace concord
