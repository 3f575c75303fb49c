#include "model/store/rubricstore.h"

#include "model/studyfile/study.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace concord {

Result<qint64> insertRubric(Study &study, Rubric &rubric)
{
    if (rubric.uuid.isEmpty())
        rubric.uuid = Study::newUuid();
    auto inserted = study.exec(QStringLiteral("INSERT INTO rubric (uuid, name, version, description, definition_json,"
                                              " created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                               {rubric.uuid, rubric.name, rubric.version, rubric.description,
                                QString::fromUtf8(rubricToJson(rubric)), Study::nowUtc()});
    if (!inserted.ok())
        return inserted.error();
    rubric.id = inserted->lastInsertId().toLongLong();

    for (int position = 0; position < rubric.axes.size(); ++position) {
        Axis &axis = rubric.axes[position];
        QVariant threshold;
        QVariant positive;
        QVariant negative;
        if (axis.binaryView) {
            threshold = axis.binaryView->threshold;
            positive = axis.binaryView->positiveLabel;
            negative = axis.binaryView->negativeLabel;
        }
        const QString likelihood = QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(axis.likelihoodLevels)).toJson(QJsonDocument::Compact));
        auto axisRow = study.exec(
            QStringLiteral("INSERT INTO axis (rubric_id, position, key, label, question, target, level, allows_unable,"
                           " not_applicable_label, likelihood_json, binary_threshold, binary_positive, binary_negative)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {rubric.id, position, axis.key, axis.label, axis.question, toString(axis.target), toString(axis.level),
             axis.allowsUnableToAssess ? 1 : 0, axis.notApplicableLabel, likelihood, threshold, positive, negative});
        if (!axisRow.ok())
            return axisRow.error();
        axis.id = axisRow->lastInsertId().toLongLong();
        for (int p = 0; p < axis.points.size(); ++p) {
            const auto &point = axis.points[p];
            auto pointRow =
                study.exec(QStringLiteral("INSERT INTO scale_point (axis_id, position, value, label, anchor)"
                                          " VALUES (?, ?, ?, ?, ?)"),
                           {axis.id, p, point.value, point.label, point.anchor});
            if (!pointRow.ok())
                return pointRow.error();
        }
    }
    for (const auto &category : rubric.errorCategories) {
        auto row =
            study.exec(QStringLiteral("INSERT INTO error_category (rubric_id, key, label, grp) VALUES (?, ?, ?, ?)"),
                       {rubric.id, category.key, category.label, category.group});
        if (!row.ok())
            return row.error();
    }
    return rubric.id;
}

Result<Rubric> loadRubric(const Study &study, qint64 rubricId)
{
    auto header =
        study.exec(QStringLiteral("SELECT uuid, name, version, description FROM rubric WHERE id = ?"), {rubricId});
    if (!header.ok())
        return header.error();
    if (!header->next())
        return Error{QStringLiteral("%1: the study has no rubric %2").arg(study.path()).arg(rubricId)};
    Rubric rubric;
    rubric.id = rubricId;
    rubric.uuid = header->value(QStringLiteral("uuid")).toString();
    rubric.name = header->value(QStringLiteral("name")).toString();
    rubric.version = header->value(QStringLiteral("version")).toInt();
    rubric.description = header->value(QStringLiteral("description")).toString();

    auto axes = study.exec(QStringLiteral("SELECT id, key, label, question, target, level, allows_unable,"
                                          " not_applicable_label, likelihood_json, binary_threshold, binary_positive,"
                                          " binary_negative FROM axis WHERE rubric_id = ? ORDER BY position"),
                           {rubricId});
    if (!axes.ok())
        return axes.error();
    // By name on every row: a rubric has a few axes, each with a few points and categories.
    while (axes->next()) {
        const auto column = [&](const char *name) { return axes->value(QLatin1String(name)); };
        Axis axis;
        axis.id = column("id").toLongLong();
        axis.key = column("key").toString();
        axis.label = column("label").toString();
        axis.question = column("question").toString();
        axis.target =
            column("target").toString() == QStringLiteral("comparison") ? AxisTarget::Comparison : AxisTarget::Response;
        axis.level = measurementLevelFromString(column("level").toString()).value_or(MeasurementLevel::Nominal);
        axis.allowsUnableToAssess = column("allows_unable").toInt() != 0;
        axis.notApplicableLabel = column("not_applicable_label").toString();
        for (const auto &level : QJsonDocument::fromJson(column("likelihood_json").toString().toUtf8()).array())
            axis.likelihoodLevels << level.toString();
        if (const QVariant threshold = column("binary_threshold"); !threshold.isNull())
            axis.binaryView = BinaryView{threshold.toDouble(), column("binary_positive").toString(),
                                         column("binary_negative").toString()};
        rubric.axes.push_back(axis);
    }
    for (auto &axis : rubric.axes) {
        auto points = study.exec(
            QStringLiteral("SELECT value, label, anchor FROM scale_point WHERE axis_id = ? ORDER BY position"),
            {axis.id});
        if (!points.ok())
            return points.error();
        while (points->next())
            axis.points.push_back(ScalePoint{points->value(QStringLiteral("value")).toDouble(),
                                             points->value(QStringLiteral("label")).toString(),
                                             points->value(QStringLiteral("anchor")).toString()});
    }
    auto categories = study.exec(
        QStringLiteral("SELECT key, label, grp FROM error_category WHERE rubric_id = ? ORDER BY id"), {rubricId});
    if (!categories.ok())
        return categories.error();
    while (categories->next())
        rubric.errorCategories.push_back(ErrorCategory{categories->value(QStringLiteral("key")).toString(),
                                                       categories->value(QStringLiteral("label")).toString(),
                                                       categories->value(QStringLiteral("grp")).toString()});
    return rubric;
}

} // namespace concord
