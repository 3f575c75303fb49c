#include "model/studylead/trainingreferences.h"

#include "model/domain/messagetext.h"
#include "model/formats/csvreader.h"
#include "model/studyfile/sqlutil.h"
#include "model/studyfile/study.h"

namespace concord {

const QString kTrainingResponsesSql = QStringLiteral(
    "SELECT response_id FROM training_reference UNION SELECT beside.response_id FROM training_reference t"
    " JOIN comparison_response cr ON cr.response_id = t.response_id"
    " JOIN comparison_response beside ON beside.comparison_id = cr.comparison_id");

Result<QVector<TrainingReferenceRow>> readTrainingReferences(Study &study, const QString &path)
{
    auto reader = CsvReader::open(path);
    if (!reader.ok())
        return reader.error();
    CsvReader &csv = *reader.value();
    const QStringList required{QStringLiteral("case_id"), QStringLiteral("response_id"), QStringLiteral("axis"),
                               QStringLiteral("value")};
    for (const QString &column : required) {
        if (csv.column(column) < 0)
            return Error{QStringLiteral("%1: line 1: the header has no column '%2' (a training file needs %3)")
                             .arg(path, column, required.join(QStringLiteral(", ")))};
    }
    const qsizetype explanationColumn = csv.column(QStringLiteral("explanation"));
    PreparedStatement findResponse(study, QStringLiteral("SELECT r.id FROM response r JOIN \"case\" c ON c.id ="
                                                         " r.case_id WHERE c.external_id = ? AND r.external_id = ?"));
    QVector<TrainingReferenceRow> rows;
    QSet<std::pair<qint64, qint64>> seen;
    for (;;) {
        auto record = csv.next();
        if (!record.ok())
            return record.error();
        if (!record.value())
            break;
        const qint64 line = record.value()->line;
        const QStringList &fields = record.value()->fields;
        const auto field = [&](const QString &name) { return fields.value(csv.column(name)).trimmed(); };
        const auto fail = [&](const QString &what) {
            return Error{QStringLiteral("%1: line %2: %3").arg(path).arg(line).arg(what)};
        };
        const QString caseId = field(QStringLiteral("case_id"));
        const QString responseId = field(QStringLiteral("response_id"));
        auto found = findResponse.run({caseId, responseId});
        if (!found.ok())
            return found.error();
        if (!found.value()->next())
            return fail(QStringLiteral("field 'response_id': the study has no response %1 of case %2")
                            .arg(quotedForMessage(responseId), quotedForMessage(caseId)));
        TrainingReferenceRow row;
        row.responseId = found.value()->value(0).toLongLong();
        const QString axisKey = field(QStringLiteral("axis"));
        const Axis *axis = study.rubric().axis(axisKey);
        if (!axis || axis->target != AxisTarget::Response)
            return fail(QStringLiteral("field 'axis': %1 is not a response axis of the study's rubric")
                            .arg(quotedForMessage(axisKey)));
        row.axisId = axis->id;
        bool isNumber = false;
        row.value = field(QStringLiteral("value")).toDouble(&isNumber);
        if (!isNumber || !axis->hasPoint(row.value))
            return fail(QStringLiteral("field 'value': %1 is not on the scale of axis '%2' (%3)")
                            .arg(quotedForMessage(field(QStringLiteral("value"))), axis->key, axis->describePoints()));
        if (explanationColumn >= 0)
            row.explanation = fields.value(explanationColumn).trimmed();
        if (seen.contains({row.responseId, row.axisId}))
            return fail(QStringLiteral("response %1 of case %2 has a second reference on axis '%3'")
                            .arg(quotedForMessage(responseId), quotedForMessage(caseId), axis->key));
        seen.insert({row.responseId, row.axisId});
        rows.push_back(row);
    }
    if (rows.isEmpty())
        return Error{QStringLiteral("%1: the training file holds no reference values").arg(path)};
    return rows;
}

Status storeTrainingReferences(Study &study, const QVector<TrainingReferenceRow> &rows)
{
    PreparedStatement existing(study, QStringLiteral("SELECT value FROM training_reference WHERE response_id = ?"
                                                     " AND axis_id = ?"));
    PreparedStatement insert(study, QStringLiteral("INSERT INTO training_reference (uuid, response_id, axis_id, value,"
                                                   " explanation, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const TrainingReferenceRow &row : rows) {
        auto stored = existing.run({row.responseId, row.axisId});
        if (!stored.ok())
            return stored.error();
        if (stored.value()->next()) {
            if (stored.value()->value(0).toDouble() != row.value)
                return Error{QStringLiteral("response %1 already has another training reference on axis %2; a "
                                            "reference does not change once physicians may have seen it")
                                 .arg(row.responseId)
                                 .arg(row.axisId)};
            continue;
        }
        auto inserted =
            insert.run({Study::newUuid(), row.responseId, row.axisId, row.value, row.explanation, Study::nowUtc()});
        if (!inserted.ok())
            return inserted.error();
    }
    return {};
}

} // namespace concord
