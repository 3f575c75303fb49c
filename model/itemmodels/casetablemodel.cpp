#include "model/itemmodels/casetablemodel.h"

#include "model/domain/displaytext.h"
#include "model/domain/entities.h"
#include "model/studyfile/study.h"

#include <QHash>
#include <QLocale>
#include <QSqlError>

namespace concord {

namespace {

constexpr int kPreviewLength = 120;

// The first non-empty line of a response, whitespace collapsed and shortened for a table cell.
QString previewOf(const QString &text)
{
    const QString line = text.trimmed().section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() <= kPreviewLength)
        return line;
    return line.left(kPreviewLength - 1) + QChar(0x2026);
}

// A statement that failed while its rows were read (e.g. the file went away), as exec() words its errors.
QString readError(const Study &study, const QSqlQuery &query)
{
    return QStringLiteral("%1: database error: %2").arg(study.path(), sqlError(query));
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

    // Only the start of each text is read: enough for its first line (the preview is 120 characters).
    auto responses = study.exec(QStringLiteral("SELECT r.id, c.external_id, c.task, r.system, substr(r.text, 1, 160)"
                                               " FROM response r JOIN \"case\" c ON c.id = r.case_id"
                                               " ORDER BY c.id, r.id"));
    if (!responses.ok()) {
        m_error = responses.errorMessage();
        return false;
    }
    QVector<Row> rows;
    QHash<qint64, int> rowOfResponse;
    while (responses->next()) {
        Row row;
        row.responseId = responses->value(0).toLongLong();
        row.caseId = responses->value(1).toString();
        row.task = responses->value(2).toString();
        row.system = responses->value(3).toString();
        row.preview = previewOf(responses->value(4).toString());
        row.counts.resize(axisKeys.size());
        rowOfResponse.insert(row.responseId, static_cast<int>(rows.size()));
        rows.push_back(std::move(row));
    }
    if (responses->lastError().isValid()) {
        m_error = readError(study, responses.value());
        return false;
    }

    // Current ratings by the definition of the current_rating view (the latest event per annotator, axis and
    // response, unless it clears the rating), computed in one ordered pass: grouping the view costs twice as much on
    // a large study (1.2 million events: 1.3 s against 0.6 s).
    auto events = study.exec(
        QStringLiteral("SELECT response_id, axis_id, annotator_id,"
                       " CASE status WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 ELSE 3 END"
                       " FROM rating_event WHERE response_id IS NOT NULL AND is_repeat = 0"
                       " ORDER BY response_id, axis_id, annotator_id, id"),
        {toString(RatingStatus::Value), toString(RatingStatus::UnableToAssess), toString(RatingStatus::NotApplicable)});
    if (!events.ok()) {
        m_error = events.errorMessage();
        return false;
    }
    struct Latest
    {
        qint64 response = 0;
        qint64 axis = 0;
        qint64 annotator = 0;
        int status = -1; // -1: none yet
    } latest;
    qint64 cachedResponse = 0;
    int cachedRow = -1;
    auto count = [&] {
        if (latest.status < 0)
            return;
        if (latest.response != cachedResponse) {
            cachedResponse = latest.response;
            cachedRow = rowOfResponse.value(latest.response, -1);
        }
        const int column = columnOfAxis.value(latest.axis, -1);
        if (cachedRow < 0 || column < 0)
            return; // a rating against an axis of an older rubric version
        AxisCount &axisCount = rows[cachedRow].counts[column];
        switch (latest.status) {
        case 0:
            ++axisCount.values;
            break;
        case 1:
            ++axisCount.unable;
            break;
        case 2:
            ++axisCount.notApplicable;
            break;
        default:
            break; // cleared
        }
    };
    while (events->next()) {
        const qint64 response = events->value(0).toLongLong();
        const qint64 axis = events->value(1).toLongLong();
        const qint64 annotator = events->value(2).toLongLong();
        if (response != latest.response || axis != latest.axis || annotator != latest.annotator)
            count(); // the previous target's last event was its latest
        latest = {response, axis, annotator, events->value(3).toInt()};
    }
    count();
    if (events->lastError().isValid()) {
        m_error = readError(study, events.value());
        return false;
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
    if (judged->lastError().isValid()) {
        m_error = readError(study, judged.value());
        return false;
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
