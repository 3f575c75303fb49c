#include "model/itemmodels/comparisonlistmodel.h"

#include "model/annotation/annotationsession.h"
#include "model/domain/displaytext.h"

#include <QFont>

namespace concord {

namespace {

// The text of a cell, as stored: the case id and task come from the study file.
QString shownText(const QueueEntry &entry, int row, int column)
{
    switch (column) {
    case ComparisonListModel::PositionColumn:
        return QString::number(row + 1);
    case ComparisonListModel::CaseColumn:
        return entry.caseExternalId;
    case ComparisonListModel::TaskColumn:
        return entry.task;
    case ComparisonListModel::StatusColumn: {
        QString status = entry.progress() == ComparisonProgress::Partial
                             ? QStringLiteral("partial (%1 of %2)").arg(entry.filled).arg(entry.required)
                             : toString(entry.progress());
        if (entry.flagged)
            status += QStringLiteral(", flagged");
        if (entry.training)
            status += QStringLiteral(", training"); // repeats are not marked: they are blinded
        return status;
    }
    default:
        return {};
    }
}

} // namespace

ComparisonListModel::ComparisonListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ComparisonListModel::setSession(AnnotationSession *session)
{
    beginResetModel();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_shownRow = session ? session->currentRow() : -1;
    if (session) {
        connect(session, &AnnotationSession::entryChanged, this, &ComparisonListModel::rowChanged);
        connect(session, &AnnotationSession::currentChanged, this, [this](int row) {
            const int previous = m_shownRow;
            m_shownRow = row;
            rowChanged(previous);
            rowChanged(row);
        });
        connect(session, &QObject::destroyed, this, [this] { setSession(nullptr); });
    }
    endResetModel();
}

void ComparisonListModel::rowChanged(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int ComparisonListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_session ? 0 : m_session->count();
}

int ComparisonListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComparisonListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_session)
        return {};
    const QueueEntry &entry = m_session->entry(index.row());
    switch (role) {
    case ProgressRole:
        return toString(entry.progress());
    case FlaggedRole:
        return entry.flagged;
    case CurrentRole:
        return index.row() == m_session->currentRow();
    case Qt::FontRole:
        if (index.row() == m_session->currentRow()) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return visibleControls(shownText(entry, index.row(), index.column()));
    case Qt::ToolTipRole:
        // Plain text whatever the case id holds: Qt renders a tooltip that looks like markup as rich text.
        return plainToolTip(shownText(entry, index.row(), index.column()));
    case RawValueRole:
        switch (index.column()) {
        case PositionColumn:
            return index.row() + 1;
        case CaseColumn:
            return entry.caseExternalId;
        case TaskColumn:
            return entry.task;
        case StatusColumn:
            return int(entry.progress());
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ComparisonListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PositionColumn:
        return QStringLiteral("#");
    case CaseColumn:
        return QStringLiteral("Case");
    case TaskColumn:
        return QStringLiteral("Task");
    case StatusColumn:
        return QStringLiteral("Status");
    default:
        return {};
    }
}

} // namespace concord
