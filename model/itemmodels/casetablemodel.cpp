#include "model/itemmodels/casetablemodel.h"

#include "model/domain/displaytext.h"
#include "model/domain/entities.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"

#include <QHash>
#include <QLocale>

namespace concord {

namespace {

constexpr int kPreviewLength = 120;
constexpr int kTextStartLength = 160; // read of each text: enough for the preview of its first line

// The first non-empty line of a response, whitespace collapsed and shortened for a table cell.
QString previewOf(const QString &text)
{
    const QString line = text.trimmed().section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() <= kPreviewLength)
        return line;
    return line.left(kPreviewLength - 1) + QChar(0x2026);
}

// "1 rating" / "3 ratings": one and many are tr() strings with a %1.
QString counted(int n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(n);
}

} // namespace

CaseTableModel::CaseTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

bool CaseTableModel::load(const Study &study)
{
    QStringList axisKeys, axisLabels, axisQuestions;
    QHash<qint64, int> columnOfAxis; // axis id -> index into the axis columns
    for (const auto &axis : study.rubric().axes) {
        if (axis.target != AxisTarget::Response)
            continue;
        columnOfAxis.insert(axis.id, static_cast<int>(axisKeys.size()));
        axisKeys << axis.key;
        axisLabels << axis.label;
        axisQuestions << axis.question;
    }

    // Only the start of each text is read.
    auto responses = responsePreviews(study, kTextStartLength);
    if (!responses.ok()) {
        m_error = responses.errorMessage();
        return false;
    }
    QVector<Row> rows;
    QHash<qint64, int> rowOfResponse;
    for (ResponsePreview &response : responses.value()) {
        Row row;
        row.responseId = response.responseId;
        row.caseId = std::move(response.caseExternalId);
        row.task = std::move(response.task);
        row.system = std::move(response.system);
        row.preview = previewOf(response.textStart);
        row.counts.resize(axisKeys.size());
        rowOfResponse.insert(row.responseId, static_cast<int>(rows.size()));
        rows.push_back(std::move(row));
    }

    auto ratings = currentResponseRatingCounts(study);
    if (!ratings.ok()) {
        m_error = ratings.errorMessage();
        return false;
    }
    for (const ResponseRatingCounts &counts : std::as_const(ratings.value())) {
        const int row = rowOfResponse.value(counts.responseId, -1);
        const int column = columnOfAxis.value(counts.axisId, -1);
        if (row < 0 || column < 0)
            continue; // a rating against an axis of an older rubric version
        AxisCount &axisCount = rows[row].counts[column];
        axisCount.values += counts.values;
        axisCount.unable += counts.unable;
        axisCount.notApplicable += counts.notApplicable;
    }

    auto judged = judgeScoreCountsByResponse(study);
    if (!judged.ok()) {
        m_error = judged.errorMessage();
        return false;
    }
    for (auto it = judged->cbegin(); it != judged->cend(); ++it) {
        const int row = rowOfResponse.value(it.key(), -1);
        if (row >= 0)
            rows[row].judgeScores = static_cast<int>(it.value());
    }

    beginResetModel();
    m_rows = std::move(rows);
    m_axisKeys = std::move(axisKeys);
    m_axisLabels = std::move(axisLabels);
    m_axisQuestions = std::move(axisQuestions);
    m_error.clear();
    endResetModel();
    return true;
}

void CaseTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_axisKeys.clear();
    m_axisLabels.clear();
    m_axisQuestions.clear();
    m_error.clear();
    endResetModel();
}

int CaseTableModel::axisColumn(const QString &axisKey) const
{
    const qsizetype index = m_axisKeys.indexOf(axisKey);
    return index < 0 ? -1 : FirstAxisColumn + static_cast<int>(index);
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
    return row.counts.value(column - FirstAxisColumn).total();
}

QString CaseTableModel::countToolTip(const Row &row, int column) const
{
    if (column == judgeColumn())
        return counted(row.judgeScores, tr("%1 judge score"), tr("%1 judge scores"));
    const AxisCount count = row.counts.value(column - FirstAxisColumn);
    QString tip = counted(count.total(), tr("%1 current rating"), tr("%1 current ratings"));
    if (count.total() > 0) {
        QStringList parts{tr("%1 on the scale").arg(count.values)};
        if (count.unable > 0)
            parts << tr("%1 unable to assess").arg(count.unable);
        if (count.notApplicable > 0)
            parts << tr("%1 not applicable").arg(count.notApplicable);
        tip += QStringLiteral(": ") + parts.join(QStringLiteral(", "));
    }
    return tip;
}

QVariant CaseTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        // Counts are shown with the locale's digit grouping and sorted on RawValueRole.
        if (column >= FirstAxisColumn)
            return QLocale().toString(rawValue(row, column).toInt());
        return visibleControls(rawValue(row, column).toString()); // texts from the study: controls shown
    case RawValueRole:
        return rawValue(row, column);
    case IdRole:
        return row.responseId;
    case SearchTextRole:
        return QStringList{row.caseId, row.task, row.system, row.preview}.join(QLatin1Char('\n'));
    case Qt::ToolTipRole:
        // Only counts: texts from the study never go into tooltips, which would render them as rich text.
        return column >= FirstAxisColumn ? QVariant(countToolTip(row, column)) : QVariant();
    case Qt::TextAlignmentRole:
        if (column >= FirstAxisColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant CaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section < 0 || section >= columnCount())
        return {};
    const bool axis = section >= FirstAxisColumn && section < judgeColumn();
    if (role == Qt::ToolTipRole) {
        if (section == judgeColumn())
            return tr("Number of LLM-judge scores for the response, over all runs and axes");
        if (axis) {
            // Rubric texts come from the study file: escaped, so that a tag in them is shown, not rendered.
            const int i = section - FirstAxisColumn;
            return plainToolTip(
                tr("%1: number of current ratings\n%2").arg(m_axisLabels.value(i), m_axisQuestions.value(i)));
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
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
        return tr("Judge");
    return visibleControls(m_axisLabels.value(section - FirstAxisColumn));
}

} // namespace concord
