#include "model/domain/rubric.h"

#include "model/domain/messagetext.h"
#include "model/formats/untrustedjson.h"

#include <QFile>
#include <QRegularExpression>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

namespace concord {

using nlohmann::json;

QString toString(MeasurementLevel level)
{
    switch (level) {
    case MeasurementLevel::Binary:
        return QStringLiteral("binary");
    case MeasurementLevel::Nominal:
        return QStringLiteral("nominal");
    case MeasurementLevel::Ordinal:
        return QStringLiteral("ordinal");
    case MeasurementLevel::Interval:
        return QStringLiteral("interval");
    }
    return {};
}

std::optional<MeasurementLevel> measurementLevelFromString(const QString &text)
{
    for (auto level :
         {MeasurementLevel::Binary, MeasurementLevel::Nominal, MeasurementLevel::Ordinal, MeasurementLevel::Interval}) {
        if (toString(level) == text)
            return level;
    }
    return std::nullopt;
}

QString toString(AxisTarget target)
{
    return target == AxisTarget::Response ? QStringLiteral("response") : QStringLiteral("comparison");
}

bool Axis::hasPoint(double value) const
{
    return point(value) != nullptr;
}

const ScalePoint *Axis::point(double value) const
{
    for (const auto &p : points) {
        if (p.value == value)
            return &p;
    }
    return nullptr;
}

QString Axis::describePoints() const
{
    QStringList values;
    for (const auto &p : points)
        values << QString::number(p.value);
    return values.join(QStringLiteral(", "));
}

const Axis *Rubric::axis(const QString &key) const
{
    for (const auto &a : axes) {
        if (a.key == key)
            return &a;
    }
    return nullptr;
}

const Axis *Rubric::axisById(qint64 id) const
{
    for (const auto &a : axes) {
        if (a.id == id)
            return &a;
    }
    return nullptr;
}

QStringList Rubric::axisKeys() const
{
    QStringList keys;
    for (const auto &a : axes)
        keys << a.key;
    return keys;
}

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// Walks a JSON document and collects the first error with the path of the offending field.
class RubricReader
{
public:
    explicit RubricReader(QString source)
        : m_source(std::move(source))
    {}

    Result<Rubric> read(const json &root)
    {
        Rubric rubric;
        if (!root.is_object())
            return fail(QStringLiteral("(top level)"), QStringLiteral("must be a JSON object"));
        if (!requireString(root, "name", QStringLiteral("name"), rubric.name))
            return m_error;
        optionalString(root, "description", rubric.description);
        if (root.contains("version")) {
            const json &version = root["version"];
            if (!version.is_number_integer() || version.get<qint64>() < 1 ||
                version.get<qint64>() > std::numeric_limits<int>::max())
                return fail(QStringLiteral("version"), QStringLiteral("must be a positive integer"));
            rubric.version = static_cast<int>(version.get<qint64>());
        }
        if (!root.contains("axes") || !root["axes"].is_array() || root["axes"].empty())
            return fail(QStringLiteral("axes"), QStringLiteral("must be a non-empty array of axis definitions"));
        std::set<QString> keys;
        for (std::size_t i = 0; i < root["axes"].size(); ++i) {
            const QString path = QStringLiteral("axes[%1]").arg(i);
            Axis axis;
            if (!readAxis(root["axes"][i], path, axis))
                return m_error;
            if (!keys.insert(axis.key).second)
                return fail(path + QStringLiteral(".key"),
                            QStringLiteral("duplicate axis key %1").arg(quotedForMessage(axis.key)));
            rubric.axes.push_back(axis);
        }
        if (root.contains("error_categories")) {
            const auto &cats = root["error_categories"];
            if (!cats.is_array())
                return fail(QStringLiteral("error_categories"), QStringLiteral("must be an array"));
            for (std::size_t i = 0; i < cats.size(); ++i) {
                const QString path = QStringLiteral("error_categories[%1]").arg(i);
                ErrorCategory category;
                if (!cats[i].is_object())
                    return fail(path, QStringLiteral("must be an object"));
                if (!requireString(cats[i], "key", path + QStringLiteral(".key"), category.key) ||
                    !requireString(cats[i], "label", path + QStringLiteral(".label"), category.label))
                    return m_error;
                optionalString(cats[i], "group", category.group);
                static const QStringList groups{QStringLiteral("commission"), QStringLiteral("omission"),
                                                QStringLiteral("certainty"), QStringLiteral("other")};
                if (category.group.isEmpty())
                    category.group = QStringLiteral("other");
                if (!groups.contains(category.group))
                    return fail(path + QStringLiteral(".group"),
                                QStringLiteral("must be one of commission, omission, certainty, other"));
                rubric.errorCategories.push_back(category);
            }
        }
        return rubric;
    }

private:
    Error fail(const QString &field, const QString &what)
    {
        m_error = Error{QStringLiteral("%1: field '%2' %3").arg(m_source, field, what)};
        return m_error;
    }

    bool requireString(const json &object, const char *name, const QString &path, QString &out)
    {
        if (!object.contains(name) || !object[name].is_string() || object[name].get<std::string>().empty()) {
            fail(path, QStringLiteral("is required and must be a non-empty string"));
            return false;
        }
        out = q(object[name].get<std::string>());
        return true;
    }

    static void optionalString(const json &object, const char *name, QString &out)
    {
        if (object.contains(name) && object[name].is_string())
            out = q(object[name].get<std::string>());
    }

    bool readAxis(const json &node, const QString &path, Axis &axis)
    {
        if (!node.is_object()) {
            fail(path, QStringLiteral("must be an object"));
            return false;
        }
        if (!requireString(node, "key", path + QStringLiteral(".key"), axis.key) ||
            !requireString(node, "label", path + QStringLiteral(".label"), axis.label))
            return false;
        static const QRegularExpression keyPattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
        if (!keyPattern.match(axis.key).hasMatch()) {
            fail(path + QStringLiteral(".key"),
                 QStringLiteral("must be lower-case letters, digits and '_' (%1)").arg(quotedForMessage(axis.key)));
            return false;
        }
        optionalString(node, "question", axis.question);
        QString target = QStringLiteral("response");
        optionalString(node, "target", target);
        if (target == QStringLiteral("response"))
            axis.target = AxisTarget::Response;
        else if (target == QStringLiteral("comparison"))
            axis.target = AxisTarget::Comparison;
        else {
            fail(path + QStringLiteral(".target"), QStringLiteral("must be 'response' or 'comparison'"));
            return false;
        }
        QString level;
        if (!requireString(node, "level", path + QStringLiteral(".level"), level))
            return false;
        const auto parsedLevel = measurementLevelFromString(level);
        if (!parsedLevel) {
            fail(path + QStringLiteral(".level"), QStringLiteral("must be binary, nominal, ordinal or interval"));
            return false;
        }
        axis.level = *parsedLevel;
        if (!node.contains("points") || !node["points"].is_array() || node["points"].size() < 2) {
            fail(path + QStringLiteral(".points"), QStringLiteral("must be an array of at least two scale points"));
            return false;
        }
        for (std::size_t i = 0; i < node["points"].size(); ++i) {
            const auto &p = node["points"][i];
            const QString pointPath = path + QStringLiteral(".points[%1]").arg(i);
            if (!p.is_object()) {
                fail(pointPath, QStringLiteral("must be an object"));
                return false;
            }
            if (!p.contains("value") || !p["value"].is_number() || !std::isfinite(p["value"].get<double>())) {
                fail(pointPath + QStringLiteral(".value"), QStringLiteral("is required and must be a number"));
                return false;
            }
            ScalePoint point;
            point.value = p["value"].get<double>();
            if (!requireString(p, "label", pointPath + QStringLiteral(".label"), point.label))
                return false;
            optionalString(p, "anchor", point.anchor);
            if (axis.hasPoint(point.value)) {
                fail(pointPath + QStringLiteral(".value"), QStringLiteral("duplicate scale point %1").arg(point.value));
                return false;
            }
            axis.points.push_back(point);
        }
        if (axis.level == MeasurementLevel::Binary && axis.points.size() != 2) {
            fail(path + QStringLiteral(".points"), QStringLiteral("a binary axis must have exactly two points"));
            return false;
        }
        if (node.contains("unable_to_assess")) {
            if (!node["unable_to_assess"].is_boolean()) {
                fail(path + QStringLiteral(".unable_to_assess"), QStringLiteral("must be true or false"));
                return false;
            }
            axis.allowsUnableToAssess = node["unable_to_assess"].get<bool>();
        }
        optionalString(node, "not_applicable", axis.notApplicableLabel);
        if (node.contains("likelihood")) {
            const auto &levels = node["likelihood"];
            if (!levels.is_array() || levels.empty()) {
                fail(path + QStringLiteral(".likelihood"), QStringLiteral("must be a non-empty array of strings"));
                return false;
            }
            for (const auto &l : levels) {
                if (!l.is_string()) {
                    fail(path + QStringLiteral(".likelihood"), QStringLiteral("must be a non-empty array of strings"));
                    return false;
                }
                axis.likelihoodLevels << q(l.get<std::string>());
            }
        }
        if (node.contains("binary")) {
            const auto &b = node["binary"];
            const QString binaryPath = path + QStringLiteral(".binary");
            if (!b.is_object() || !b.contains("threshold") || !b["threshold"].is_number()) {
                fail(binaryPath + QStringLiteral(".threshold"), QStringLiteral("is required and must be a number"));
                return false;
            }
            BinaryView view;
            view.threshold = b["threshold"].get<double>();
            view.positiveLabel = QStringLiteral("positive");
            view.negativeLabel = QStringLiteral("negative");
            optionalString(b, "positive", view.positiveLabel);
            optionalString(b, "negative", view.negativeLabel);
            bool below = false;
            bool above = false;
            for (const auto &p : axis.points)
                (p.value >= view.threshold ? above : below) = true;
            if (!below || !above) {
                fail(binaryPath + QStringLiteral(".threshold"),
                     QStringLiteral("must split the scale points into two non-empty groups"));
                return false;
            }
            axis.binaryView = view;
        }
        return true;
    }

    QString m_source;
    Error m_error;
};

} // namespace

Result<Rubric> parseRubric(const QByteArray &jsonText, const QString &sourceName)
{
    json root;
    if (auto problem = parseUntrustedJson(jsonText, root)) {
        if (problem->field.isEmpty())
            return Error{QStringLiteral("%1: %2").arg(sourceName, problem->what)};
        return Error{
            QStringLiteral("%1: field '%2' %3").arg(sourceName, escapedForMessage(problem->field), problem->what)};
    }
    try {
        RubricReader reader(sourceName);
        return reader.read(root);
    } catch (const std::exception &e) {
        // The reader checks each type before converting; this guard keeps any slip a message, never an abort.
        return Error{QStringLiteral("%1: cannot read the rubric: %2")
                         .arg(sourceName, escapedForMessage(QString::fromUtf8(e.what()).left(200)))};
    }
}

Result<Rubric> loadRubricFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read rubric: %2").arg(path, file.errorString())};
    return parseRubric(file.readAll(), path);
}

Rubric defaultRubric()
{
    QFile file(QStringLiteral(":/rubrics/default.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("default rubric resource is missing from the build");
    auto rubric = parseRubric(file.readAll(), QStringLiteral("default rubric"));
    if (!rubric.ok())
        qFatal("default rubric resource is invalid: %s", qPrintable(rubric.errorMessage()));
    return std::move(rubric).value();
}

QByteArray rubricToJson(const Rubric &rubric)
{
    json root;
    root["name"] = rubric.name.toStdString();
    if (!rubric.description.isEmpty())
        root["description"] = rubric.description.toStdString();
    root["version"] = rubric.version;
    root["axes"] = json::array();
    for (const auto &a : rubric.axes) {
        json axis;
        axis["key"] = a.key.toStdString();
        axis["label"] = a.label.toStdString();
        if (!a.question.isEmpty())
            axis["question"] = a.question.toStdString();
        axis["target"] = toString(a.target).toStdString();
        axis["level"] = toString(a.level).toStdString();
        axis["points"] = json::array();
        for (const auto &p : a.points) {
            json point{{"value", p.value}, {"label", p.label.toStdString()}};
            if (!p.anchor.isEmpty())
                point["anchor"] = p.anchor.toStdString();
            axis["points"].push_back(point);
        }
        axis["unable_to_assess"] = a.allowsUnableToAssess;
        if (!a.notApplicableLabel.isEmpty())
            axis["not_applicable"] = a.notApplicableLabel.toStdString();
        if (!a.likelihoodLevels.isEmpty()) {
            axis["likelihood"] = json::array();
            for (const auto &l : a.likelihoodLevels)
                axis["likelihood"].push_back(l.toStdString());
        }
        if (a.binaryView) {
            axis["binary"] = {{"threshold", a.binaryView->threshold},
                              {"positive", a.binaryView->positiveLabel.toStdString()},
                              {"negative", a.binaryView->negativeLabel.toStdString()}};
        }
        root["axes"].push_back(axis);
    }
    root["error_categories"] = json::array();
    for (const auto &c : rubric.errorCategories) {
        root["error_categories"].push_back(
            {{"key", c.key.toStdString()}, {"label", c.label.toStdString()}, {"group", c.group.toStdString()}});
    }
    return QByteArray::fromStdString(root.dump(2));
}

} // namespace concord
