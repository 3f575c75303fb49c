#include "model/itemmodels/axiscountsmodel.h"

#include "model/domain/displaytext.h"
#include "model/studyfile/study.h"

#include <QLocale>

namespace concord {

AxisCountsModel::AxisCountsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

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

void AxisCountsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_error.clear();
    endResetModel();
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
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AxisRatingCounts &c = m_rows[index.row()];
    if (role == AxisKeyRole)
        return c.axisKey;
    if (role == Qt::TextAlignmentRole && index.column() != AxisColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == AxisColumn)
        return plainToolTip(tr("Axis key: %1").arg(c.axisKey)); // escaped: study text is never markup
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    const int column = index.column();
    if (column == AxisColumn)
        return role == RawValueRole ? c.axisLabel : visibleControls(c.axisLabel);
    if (column == RatedColumn && role == Qt::DisplayRole)
        return tr("%L1 of %L2").arg(c.targetsRated).arg(c.targets);
    const qint64 raw = rawCount(c, column);
    // Shown with the locale's digit grouping; sorted on the number.
    return role == RawValueRole ? QVariant(raw) : QVariant(QLocale().toString(raw));
}

qint64 AxisCountsModel::rawCount(const AxisRatingCounts &c, int column)
{
    switch (static_cast<Column>(column)) {
    case RatedColumn:
        return c.targetsRated;
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
    case AxisColumn:
    case ColumnCount:
        break;
    }
    return 0;
}

QVariant AxisCountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (static_cast<Column>(section)) {
        case AxisColumn:
            return tr("Rubric axis");
        case RatedColumn:
            return tr("Responses (or comparisons, for a preference) with at least one current rating, of all");
        case PairableColumn:
            return tr("Rated with a scale value by two or more annotators: usable for agreement");
        case RatingsColumn:
            return tr("Current ratings with a scale value");
        case UnableColumn:
            return tr("Current ratings of “unable to assess”");
        case NotApplicableColumn:
            return tr("Current ratings of “not applicable” (e.g. no reasoning shown)");
        case AnnotatorsColumn:
            return tr("Annotators with at least one current rating on the axis");
        case MissingColumn:
            return tr("Assigned to an annotator but not yet rated");
        case JudgeColumn:
            return tr("LLM-judge scores on the axis, over all runs");
        case ColumnCount:
            break;
        }
        return {};
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
