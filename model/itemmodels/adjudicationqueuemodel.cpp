#include "model/itemmodels/adjudicationqueuemodel.h"

#include "model/domain/displaytext.h"

namespace concord {

QString ratingShortText(const PhysicianRating &rating)
{
    switch (rating.status) {
    case RatingStatus::Value:
        return rating.value ? QString::number(*rating.value) : QString();
    case RatingStatus::UnableToAssess:
        return QStringLiteral("unable");
    case RatingStatus::NotApplicable:
        return QStringLiteral("n/a");
    case RatingStatus::Cleared:
        return {};
    }
    return {};
}

QString decisionText(const AdjudicationItem &item)
{
    if (!item.decision)
        return {};
    if (!item.decision->value)
        return QStringLiteral("withdrawn");
    return QStringLiteral("%1, %2").arg(describeValue(item.axis, *item.decision->value), item.decision->reasonCode);
}

AdjudicationQueueModel::AdjudicationQueueModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AdjudicationQueueModel::setItems(QVector<AdjudicationItem> items)
{
    beginResetModel();
    m_items = std::move(items);
    rebuildRows();
    endResetModel();
}

void AdjudicationQueueModel::rebuildRows()
{
    m_rows.clear();
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_filter == Filter::All || !m_items[i].decided())
            m_rows.push_back(i);
    }
}

const AdjudicationItem *AdjudicationQueueModel::itemAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_items[m_rows[row]] : nullptr;
}

int AdjudicationQueueModel::rowOfItem(int itemIndex) const
{
    return int(m_rows.indexOf(itemIndex));
}

int AdjudicationQueueModel::undecidedCount() const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(), [](const auto &item) { return !item.decided(); }));
}

void AdjudicationQueueModel::setFilter(Filter filter)
{
    if (filter == m_filter)
        return;
    beginResetModel();
    m_filter = filter;
    rebuildRows();
    endResetModel();
}

void AdjudicationQueueModel::setShowNames(bool show)
{
    if (show == m_showNames)
        return;
    m_showNames = show;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, RatingsColumn), index(rowCount() - 1, RatingsColumn),
                         {Qt::DisplayRole, Qt::ToolTipRole, Qt::AccessibleTextRole});
}

int AdjudicationQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AdjudicationQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AdjudicationQueueModel::ratingsToolTip(const AdjudicationItem &item, const QString &separator) const
{
    QStringList lines;
    for (const PhysicianRating &rating : item.ratings) {
        QString line = QStringLiteral("%1: %2").arg(physicianLabel(rating, m_showNames),
                                                    rating.value ? describeValue(item.axis, *rating.value)
                                                                 : ratingShortText(rating));
        if (!rating.comment.isEmpty())
            line += QStringLiteral(" — ") + rating.comment;
        lines << line;
    }
    return lines.join(separator);
}

QVariant AdjudicationQueueModel::display(const AdjudicationItem &item, int column) const
{
    switch (column) {
    case CaseColumn:
        return item.caseId;
    case TaskColumn:
        return item.task;
    case AxisColumn:
        return item.axis.label;
    case RatingsColumn: {
        QStringList parts;
        for (const PhysicianRating &rating : item.ratings)
            parts << ratingShortText(rating);
        return parts.join(QStringLiteral(", "));
    }
    case SpreadColumn: {
        const auto spread = item.spread();
        return spread ? QString::number(*spread) : QString();
    }
    case ReasonsColumn:
        return item.reasons.join(QStringLiteral("; "));
    case DecisionColumn:
        return decisionText(item);
    default:
        return {};
    }
}

QVariant AdjudicationQueueModel::rawValue(const AdjudicationItem &item, int column) const
{
    switch (column) {
    case CaseColumn:
        return item.caseId;
    case TaskColumn:
        return item.task;
    case AxisColumn:
        return item.axis.key;
    case RatingsColumn: {
        QVariantList values;
        for (double value : item.values())
            values << value;
        return values;
    }
    case SpreadColumn: {
        const auto spread = item.spread();
        return spread ? QVariant(*spread) : QVariant(QMetaType(QMetaType::Double));
    }
    case ReasonsColumn:
        return item.reasons;
    case DecisionColumn:
        return item.decided() ? QVariant(*item.decision->value) : QVariant(QMetaType(QMetaType::Double));
    default:
        return {};
    }
}

QVariant AdjudicationQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AdjudicationItem &item = m_items[m_rows[index.row()]];
    switch (role) {
    // Texts from the study (case ids, comments, reasons) are shown with their controls visible, and tooltips as
    // plain text: Qt renders a tooltip that looks like markup as rich text.
    case Qt::DisplayRole:
        return visibleControls(display(item, index.column()).toString());
    case Qt::AccessibleTextRole:
        // A screen reader hears who rated what, as the tooltip shows it.
        if (index.column() == RatingsColumn)
            return visibleControls(ratingsToolTip(item, QStringLiteral("; ")));
        return visibleControls(display(item, index.column()).toString());
    case Qt::ToolTipRole:
        if (index.column() == RatingsColumn)
            return plainToolTip(ratingsToolTip(item, QStringLiteral("\n")));
        if (index.column() == ReasonsColumn)
            return plainToolTip(item.reasons.join(QLatin1Char('\n')));
        if (index.column() == DecisionColumn && item.decision && !item.decision->reason.isEmpty())
            return plainToolTip(QStringLiteral("%1 (%2)").arg(decisionText(item), item.decision->reason));
        return plainToolTip(display(item, index.column()).toString());
    case RawValueRole:
        return rawValue(item, index.column());
    case ItemIndexRole:
        return m_rows[index.row()];
    case ResponseIdRole:
        return item.responseId;
    case AxisKeyRole:
        return item.axis.key;
    case DecidedRole:
        return item.decided();
    default:
        return {};
    }
}

QVariant AdjudicationQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CaseColumn:
        return QStringLiteral("Case");
    case TaskColumn:
        return QStringLiteral("Task");
    case AxisColumn:
        return QStringLiteral("Axis");
    case RatingsColumn:
        return QStringLiteral("Ratings");
    case SpreadColumn:
        return QStringLiteral("Spread");
    case ReasonsColumn:
        return QStringLiteral("Why");
    case DecisionColumn:
        return QStringLiteral("Decision");
    default:
        return {};
    }
}

} // namespace concord
