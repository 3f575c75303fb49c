#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace concord {

class AnnotationSession;

// The annotator's queue of comparisons with their progress, one row per comparison in assigned order. Follows the
// session: a rating, comment or flag updates its row.
class ComparisonListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        PositionColumn, // 1-based place in the annotator's order
        CaseColumn,     // the case's external id
        TaskColumn,
        StatusColumn, // not started, partial (n of m), done; "flagged" and "training" added
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // position (int), case id, task, progress (ComparisonProgress as int)
        ProgressRole,                    // "not started", "partial", "done" in every column, for filtering
        FlaggedRole,                     // bool, in every column
        CurrentRole,                     // bool: the comparison on screen
    };

    explicit ComparisonListModel(QObject *parent = nullptr);
    // Shows the session's queue (nullptr: empty). The model does not own the session.
    void setSession(AnnotationSession *session);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rowChanged(int row);

    QPointer<AnnotationSession> m_session;
    int m_shownRow = -1;
};

} // namespace concord
