#pragma once

#include "model/ratingcounts.h"

#include <QAbstractTableModel>

namespace concord {

class Study;

// Per-axis counts of the current ratings (see axisRatingCounts), one row per rubric axis.
class AxisCountsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { AxisColumn, RatedColumn, PairableColumn, RatingsColumn, UnableColumn, NotApplicableColumn,
                  AnnotatorsColumn, MissingColumn, JudgeColumn, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, AxisKeyRole };

    explicit AxisCountsModel(QObject *parent = nullptr);
    bool load(const Study &study);
    QString errorString() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<AxisRatingCounts> m_rows;
    QString m_error;
};

} // namespace concord
