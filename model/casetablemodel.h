#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

namespace concord {

class Study;

// One row per response: case, task, system, the response's first line, current ratings per response axis and
// judge scores. Texts are returned as plain strings for item views (never rich text).
class CaseTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum FixedColumn { CaseColumn, TaskColumn, SystemColumn, ResponseColumn, FirstAxisColumn };
    enum Role { RawValueRole = Qt::UserRole + 1, ResponseIdRole };

    explicit CaseTableModel(QObject *parent = nullptr);

    // Loads everything in a few aggregate queries; returns false with errorString() set on failure.
    bool load(const Study &study);
    QString errorString() const { return m_error; }
    int judgeColumn() const { return FirstAxisColumn + static_cast<int>(m_axisIds.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        qint64 responseId = 0;
        QString caseId;
        QString task;
        QString system;
        QString preview;
        QVector<int> ratingCounts; // per axis column
        int judgeScores = 0;
    };

    QVariant rawValue(const Row &row, int column) const;

    QVector<Row> m_rows;
    QVector<qint64> m_axisIds;
    QStringList m_axisLabels;
    QString m_error;
};

} // namespace concord
