#pragma once

#include "model/domain/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace concord {

enum class MeasurementLevel
{
    Binary,
    Nominal,
    Ordinal,
    Interval
};
// What a rating on the axis is about: one response, or the comparison as a whole (a preference).
enum class AxisTarget
{
    Response,
    Comparison
};

QString toString(MeasurementLevel level);
std::optional<MeasurementLevel> measurementLevelFromString(const QString &text);
QString toString(AxisTarget target);

struct ScalePoint
{
    double value = 0;
    QString label;
    QString anchor;
};

// The binary view of an ordinal axis: values >= threshold are the positive class (e.g. risk >= 3 = unsafe).
struct BinaryView
{
    double threshold = 0;
    QString positiveLabel;
    QString negativeLabel;
};

struct Axis
{
    qint64 id = 0;
    QString key;
    QString label;
    QString question;
    AxisTarget target = AxisTarget::Response;
    MeasurementLevel level = MeasurementLevel::Ordinal;
    QVector<ScalePoint> points;
    bool allowsUnableToAssess = false;
    QString notApplicableLabel; // e.g. "No reasoning shown"; empty when the axis has no such option
    QStringList likelihoodLevels;
    std::optional<BinaryView> binaryView;

    bool hasPoint(double value) const;
    const ScalePoint *point(double value) const;
    QString describePoints() const; // "0, 1, 2, 3, 4"
};

struct ErrorCategory
{
    QString key;
    QString label;
    QString group; // commission, omission, certainty, other
};

struct Rubric
{
    qint64 id = 0;
    QString uuid;
    QString name;
    QString description;
    int version = 1;
    QVector<Axis> axes;
    QVector<ErrorCategory> errorCategories;

    const Axis *axis(const QString &key) const;
    const Axis *axisById(qint64 id) const;
    QStringList axisKeys() const;
};

// Parses and validates a rubric definition; errors name the source and the field (e.g. "axes[2].points[0].value").
Result<Rubric> parseRubric(const QByteArray &json, const QString &sourceName);
Result<Rubric> loadRubricFile(const QString &path);
// The rubric shipped in the resources (resources/rubrics/default.json).
Rubric defaultRubric();
QByteArray rubricToJson(const Rubric &rubric);

} // namespace concord
