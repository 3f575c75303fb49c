#include "model/studylead/trainingreferences.h"

#include "model/domain/messagetext.h"
#include "model/formats/csvreader.h"
#include "model/store/casestore.h"
#include "model/studyfile/study.h"

namespace concord {

namespace {

// The row id of a response named by the external ids of its case and of itself; none when the study has no such one.
Result<std::optional<qint64>> responseOf(CaseStore &cases, const QString &caseId, const QString &responseId)
{
    auto found = cases.caseByExternalId(caseId);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return std::optional<qint64>();
    auto response = cases.responseByExternalId(found.value()->id, responseId);
    if (!response.ok())
        return response.error();
    if (!response.value())
        return std::optional<qint64>();
    return std::optional<qint64>(response.value()->id);
}

} // namespace

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
    CaseStore cases(study);
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
        auto found = responseOf(cases, caseId, responseId);
        if (!found.ok())
            return found.error();
        if (!found.value())
            return fail(QStringLiteral("field 'response_id': the study has no response %1 of case %2")
                            .arg(quotedForMessage(responseId), quotedForMessage(caseId)));
        TrainingReferenceRow row;
        row.responseId = *found.value();
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
    TrainingReferenceStore store(study);
    for (const TrainingReferenceRow &row : rows) {
        auto stored = store.referenceValue(row.responseId, row.axisId);
        if (!stored.ok())
            return stored.error();
        if (stored.value()) {
            if (*stored.value() != row.value)
                return Error{QStringLiteral("response %1 already has another training reference on axis %2; a "
                                            "reference does not change once physicians may have seen it")
                                 .arg(row.responseId)
                                 .arg(row.axisId)};
            continue;
        }
        if (auto inserted = store.insert(row); !inserted.ok())
            return inserted;
    }
    return {};
}

} // namespace concord
