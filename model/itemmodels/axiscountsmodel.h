#pragma once

#include "model/agreement/ratingcounts.h"

#include <QAbstractTableModel>

namespace concord {

class Study;

// Per-axis counts of the current ratings (see axisRatingCounts), one row per rubric axis.
class AxisCountsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        AxisColumn,
        RatedColumn, // "12 of 40" targets; the raw value is the number rated
        PairableColumn,
        RatingsColumn,
        UnableColumn,
        NotApplicableColumn,
        AnnotatorsColumn,
        MissingColumn,
        JudgeColumn,
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // unformatted value (qint64 counts, the label for AxisColumn), for sorting;
                                         // DisplayRole has the counts as text with the locale's digit grouping
        AxisKeyRole,                     // the axis key, in every column
    };

    explicit AxisCountsModel(QObject *parent = nullptr);
    // On failure returns false with errorString() set and leaves the model as it was.
    bool load(const Study &study);
    void clear();
    QString errorString() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static qint64 rawCount(const AxisRatingCounts &counts, int column);

    QVector<AxisRatingCounts> m_rows;
    QString m_error;
};

} // namespace concord
