#include "model/axiscountsmodel.h"

#include "model/study.h"

namespace concord {

AxisCountsModel::AxisCountsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

bool AxisCountsModel::load(const Study &study)
{
    auto counts = axisRatingCounts(study);
    if (!counts.ok()) {
        m_error = counts.errorMessage();
        return false;
    }
    beginResetModel();
    m_rows = std::move(counts).value();
    m_error.clear();
    endResetModel();
    return true;
}

int AxisCountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AxisCountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AxisCountsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const AxisRatingCounts &c = m_rows[index.row()];
    if (role == AxisKeyRole)
        return c.axisKey;
    if (role == Qt::TextAlignmentRole && index.column() != AxisColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == AxisColumn)
        return c.axisKey;
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case AxisColumn:
        return c.axisLabel;
    case RatedColumn:
        if (role == RawValueRole)
            return c.targetsRated;
        return tr("%1 of %2").arg(c.targetsRated).arg(c.targets);
    case PairableColumn:
        return c.targetsPairable;
    case RatingsColumn:
        return c.ratings;
    case UnableColumn:
        return c.unableToAssess;
    case NotApplicableColumn:
        return c.notApplicable;
    case AnnotatorsColumn:
        return c.annotators;
    case MissingColumn:
        return c.assignedMissing;
    case JudgeColumn:
        return c.judgeScores;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AxisCountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (static_cast<Column>(section)) {
        case RatedColumn:
            return tr("Responses (or comparisons) with at least one current rating");
        case PairableColumn:
            return tr("Rated with a scale value by two or more annotators: usable for agreement");
        case MissingColumn:
            return tr("Assigned to an annotator but not yet rated");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case AxisColumn:
        return tr("Axis");
    case RatedColumn:
        return tr("Rated");
    case PairableColumn:
        return tr("Pairable");
    case RatingsColumn:
        return tr("Ratings");
    case UnableColumn:
        return tr("Unable");
    case NotApplicableColumn:
        return tr("N/A");
    case AnnotatorsColumn:
        return tr("Annotators");
    case MissingColumn:
        return tr("Missing");
    case JudgeColumn:
        return tr("Judge scores");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace concord
