#include "model/casetablemodel.h"

#include "model/study.h"

namespace concord {

namespace {

// The first line of a response, shortened for a table cell.
QString previewOf(const QString &text)
{
    QString line = text.section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() > 120)
        line = line.left(119) + QChar(0x2026);
    return line;
}

} // namespace

CaseTableModel::CaseTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

bool CaseTableModel::load(const Study &study)
{
    QVector<Row> rows;
    QVector<qint64> axisIds;
    QStringList axisLabels;
    for (const auto &axis : study.rubric().axes) {
        if (axis.target == AxisTarget::Response) {
            axisIds << axis.id;
            axisLabels << axis.label;
        }
    }
    auto responses = study.exec(QStringLiteral("SELECT r.id, c.external_id, c.task, r.system, substr(r.text, 1, 400)"
                                               " FROM response r JOIN \"case\" c ON c.id = r.case_id"
                                               " ORDER BY c.id, r.id"));
    if (!responses.ok()) {
        m_error = responses.errorMessage();
        return false;
    }
    QHash<qint64, int> rowOfResponse;
    while (responses->next()) {
        Row row;
        row.responseId = responses->value(0).toLongLong();
        row.caseId = responses->value(1).toString();
        row.task = responses->value(2).toString();
        row.system = responses->value(3).toString();
        row.preview = previewOf(responses->value(4).toString());
        row.ratingCounts.fill(0, axisIds.size());
        rowOfResponse.insert(row.responseId, static_cast<int>(rows.size()));
        rows.push_back(std::move(row));
    }
    auto counts = study.exec(QStringLiteral("SELECT response_id, axis_id, count(*) FROM current_rating"
                                            " WHERE response_id IS NOT NULL AND status = 'value'"
                                            " GROUP BY response_id, axis_id"));
    if (!counts.ok()) {
        m_error = counts.errorMessage();
        return false;
    }
    while (counts->next()) {
        const int row = rowOfResponse.value(counts->value(0).toLongLong(), -1);
        const qsizetype column = axisIds.indexOf(counts->value(1).toLongLong());
        if (row >= 0 && column >= 0)
            rows[row].ratingCounts[column] = counts->value(2).toInt();
    }
    auto judged = study.exec(QStringLiteral("SELECT response_id, count(*) FROM judge_score GROUP BY response_id"));
    if (!judged.ok()) {
        m_error = judged.errorMessage();
        return false;
    }
    while (judged->next()) {
        const int row = rowOfResponse.value(judged->value(0).toLongLong(), -1);
        if (row >= 0)
            rows[row].judgeScores = judged->value(1).toInt();
    }
    beginResetModel();
    m_rows = std::move(rows);
    m_axisIds = std::move(axisIds);
    m_axisLabels = std::move(axisLabels);
    m_error.clear();
    endResetModel();
    return true;
}

int CaseTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CaseTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : judgeColumn() + 1;
}

QVariant CaseTableModel::rawValue(const Row &row, int column) const
{
    switch (column) {
    case CaseColumn:
        return row.caseId;
    case TaskColumn:
        return row.task;
    case SystemColumn:
        return row.system;
    case ResponseColumn:
        return row.preview;
    default:
        break;
    }
    if (column == judgeColumn())
        return row.judgeScores;
    return row.ratingCounts.value(column - FirstAxisColumn);
}

QVariant CaseTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= columnCount())
        return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case RawValueRole:
        return rawValue(row, index.column());
    case ResponseIdRole:
        return row.responseId;
    case Qt::TextAlignmentRole:
        if (index.column() >= FirstAxisColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant CaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CaseColumn:
        return tr("Case");
    case TaskColumn:
        return tr("Task");
    case SystemColumn:
        return tr("System");
    case ResponseColumn:
        return tr("Response");
    default:
        break;
    }
    if (section == judgeColumn())
        return tr("Judge scores");
    return m_axisLabels.value(section - FirstAxisColumn);
}

} // namespace concord
