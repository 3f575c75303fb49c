#pragma once

#include "model/studylead/adjudicationqueue.h"

#include <QAbstractTableModel>

namespace concord {

// The adjudication queue as a table, one row per item shown. Physicians appear as "Physician 1..n" unless the study
// lead chose to show names. Texts are plain strings, never rich text.
class AdjudicationQueueModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        CaseColumn, // the case's external id
        TaskColumn,
        AxisColumn,
        RatingsColumn,  // the physicians' values in physician order, e.g. "1, 3, 3"; tooltip: who, value, comment
        SpreadColumn,   // highest minus lowest value
        ReasonsColumn,  // the rules that matched
        DecisionColumn, // the study lead's value and reason code, or empty
        ColumnCount
    };
    enum Role
    {
        RawValueRole = Qt::UserRole + 1, // case id, task, axis key, values (QVariantList), spread (double or null),
                                         // reasons (QStringList), decided value (double or null)
        ItemIndexRole,                   // index of the item in items(), in every column
        ResponseIdRole,                  // qint64, in every column
        AxisKeyRole,                     // in every column
        DecidedRole,                     // bool, in every column
    };
    enum class Filter
    {
        Undecided,
        All
    };

    explicit AdjudicationQueueModel(QObject *parent = nullptr);

    void setItems(QVector<AdjudicationItem> items);
    const QVector<AdjudicationItem> &items() const { return m_items; }
    // The item shown on `row`, or nullptr.
    const AdjudicationItem *itemAt(int row) const;
    // The row showing items()[itemIndex], or -1 when it is filtered out.
    int rowOfItem(int itemIndex) const;
    int undecidedCount() const;

    void setFilter(Filter filter);
    Filter filter() const { return m_filter; }
    void setShowNames(bool show);
    bool showNames() const { return m_showNames; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const AdjudicationItem &item, int column) const;
    QVariant rawValue(const AdjudicationItem &item, int column) const;
    QString ratingsToolTip(const AdjudicationItem &item, const QString &separator) const;
    void rebuildRows();

    QVector<AdjudicationItem> m_items;
    QVector<int> m_rows; // item indexes shown, in queue order
    Filter m_filter = Filter::Undecided;
    bool m_showNames = false;
};

// The rating as the summary shows it: the value, "unable" or "n/a".
QString ratingShortText(const PhysicianRating &rating);
// The decision in words: "3 (Moderate risk), clinical_judgement", or "withdrawn" for a decision without a value.
QString decisionText(const AdjudicationItem &item);

} // namespace concord
