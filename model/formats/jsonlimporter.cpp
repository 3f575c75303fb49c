// Concord JSONL: one JSON object per line, told apart by "kind": case, judge_run, judge_score, rating.
#include "model/domain/messagetext.h"
#include "model/formats/importcontext.h"
#include "model/formats/untrustedjson.h"
#include "model/studyfile/study.h"

#include <QFile>
#include <nlohmann/json.hpp>

namespace concord {

namespace {

using nlohmann::json;

QString str(const std::string &s)
{
    return QString::fromStdString(s);
}

// Typed field access that names the field in its errors.
class Line
{
public:
    Line(const json &object, SourceLine at)
        : m_object(object)
        , m_at(std::move(at))
    {}

    const SourceLine &at() const { return m_at; }
    bool has(const char *name) const { return m_object.contains(name) && !m_object[name].is_null(); }

    Result<QString> text(const char *name, bool required) const
    {
        if (!has(name)) {
            if (required)
                return importError(m_at, QString::fromLatin1(name), QStringLiteral("is required"));
            return QString();
        }
        const json &value = m_object[name];
        if (value.is_string())
            return str(value.get<std::string>());
        // An id written as a JSON number is kept as its exact decimal text (uint64 ids beyond int64 included).
        if (value.is_number_unsigned())
            return QString::number(value.get<quint64>());
        if (value.is_number_integer())
            return QString::number(value.get<qint64>());
        return importError(m_at, QString::fromLatin1(name), QStringLiteral("must be a string"));
    }

    Result<std::optional<double>> number(const char *name) const
    {
        if (!has(name))
            return std::optional<double>{};
        if (!m_object[name].is_number())
            return importError(m_at, QString::fromLatin1(name), QStringLiteral("must be a number"));
        return std::optional<double>(m_object[name].get<double>());
    }

    Result<QString> objectText(const char *name) const
    {
        if (!has(name))
            return QStringLiteral("{}");
        if (!m_object[name].is_object())
            return importError(m_at, QString::fromLatin1(name), QStringLiteral("must be a JSON object"));
        return str(m_object[name].dump());
    }

    const json &raw(const char *name) const { return m_object[name]; }

private:
    const json &m_object;
    SourceLine m_at;
};

Status readCase(ImportContext &context, const Line &line)
{
    CaseInput input;
    for (const auto &[field, target, required] :
         {std::tuple{"id", &input.id, true}, std::tuple{"task", &input.task, false},
          std::tuple{"input", &input.input, true}, std::tuple{"reference", &input.reference, false}}) {
        auto value = line.text(field, required);
        if (!value.ok())
            return value.error();
        *target = value.value();
    }
    auto metadata = line.objectText("metadata");
    if (!metadata.ok())
        return metadata.error();
    input.metadataJson = metadata.value();
    if (line.has("responses")) {
        const json &responses = line.raw("responses");
        if (!responses.is_array())
            return importError(line.at(), QStringLiteral("responses"), QStringLiteral("must be an array"));
        for (std::size_t i = 0; i < responses.size(); ++i) {
            const QString field = QStringLiteral("responses[%1]").arg(i);
            if (!responses[i].is_object())
                return importError(line.at(), field, QStringLiteral("must be an object"));
            const Line item(responses[i], line.at());
            ResponseInput response;
            auto id = item.text("id", true);
            auto system = item.text("system", false);
            auto text = item.text("text", true);
            auto responseMetadata = item.objectText("metadata");
            for (const auto *r : {&id, &system, &text, &responseMetadata}) {
                if (!r->ok())
                    return importError(line.at(), {},
                                       field + QLatin1Char('.') +
                                           r->errorMessage().section(QStringLiteral("field '"), 1));
            }
            response.id = id.value();
            response.system = system.value();
            response.text = text.value();
            response.metadataJson = responseMetadata.value();
            input.responses.push_back(response);
        }
    }
    return context.addCase(line.at(), input);
}

Status readJudgeRun(ImportContext &context, const Line &line)
{
    JudgeRun run;
    auto name = line.text("name", true);
    auto model = line.text("model", false);
    auto prompt = line.text("prompt_version", false);
    auto settings = line.objectText("settings");
    for (const auto *r : {&name, &model, &prompt, &settings}) {
        if (!r->ok())
            return r->error();
    }
    run.name = name.value();
    run.model = model.value();
    run.promptVersion = prompt.value();
    run.settingsJson = settings.value();
    return context.addJudgeRun(line.at(), run);
}

Status readJudgeScore(ImportContext &context, const Line &line)
{
    JudgeInput input;
    for (const auto &[field, target, required] :
         {std::tuple{"case", &input.caseId, true}, std::tuple{"response", &input.response, true},
          std::tuple{"axis", &input.axis, true}, std::tuple{"judge", &input.judge, false},
          std::tuple{"rationale", &input.rationale, false}}) {
        auto value = line.text(field, required);
        if (!value.ok())
            return value.error();
        *target = value.value();
    }
    if (input.judge.isEmpty())
        input.judge = context.options().judge;
    auto value = line.number("value");
    if (!value.ok())
        return value.error();
    input.value = value.value();
    auto confidence = line.number("confidence");
    if (!confidence.ok())
        return confidence.error();
    input.confidence = confidence.value();
    if (input.confidence && !(*input.confidence >= 0 && *input.confidence <= 1))
        return importError(line.at(), QStringLiteral("confidence"),
                           QStringLiteral("%1 is outside [0, 1]").arg(*input.confidence));
    if (line.has("probabilities")) {
        const json &probabilities = line.raw("probabilities");
        if (!probabilities.is_object())
            return importError(line.at(), QStringLiteral("probabilities"),
                               QStringLiteral("must be an object of scale value to probability, e.g. {\"1\": 0.2}"));
        QHash<double, QString> keyOfPoint;
        for (const auto &[key, p] : probabilities.items()) {
            bool ok = false;
            const double point = str(key).toDouble(&ok);
            const QString field = QStringLiteral("probabilities.%1").arg(escapedForMessage(str(key).left(20)));
            if (!ok || !std::isfinite(point))
                return importError(line.at(), field, QStringLiteral("the key must be a scale value"));
            // "1" and "1.0" are one scale value: two probabilities for it cannot both be stored.
            if (auto seen = keyOfPoint.constFind(point); seen != keyOfPoint.constEnd())
                return importError(line.at(), field,
                                   QStringLiteral("scale value %1 already has a probability (key %2)")
                                       .arg(point)
                                       .arg(quotedForMessage(*seen)));
            keyOfPoint.insert(point, str(key));
            if (!p.is_number())
                return importError(line.at(), field, QStringLiteral("must be a number"));
            const double probability = p.get<double>();
            if (!(probability >= 0 && probability <= 1))
                return importError(line.at(), field,
                                   QStringLiteral("probability %1 is outside [0, 1]").arg(probability));
            input.probabilities.push_back({point, probability});
        }
        std::sort(input.probabilities.begin(), input.probabilities.end());
    }
    return context.addJudgeScore(line.at(), input);
}

Status readRating(ImportContext &context, const Line &line)
{
    RatingInput input;
    for (const auto &[field, target, required] :
         {std::tuple{"case", &input.caseId, true}, std::tuple{"response", &input.response, true},
          std::tuple{"annotator", &input.annotator, true}, std::tuple{"axis", &input.axis, true},
          std::tuple{"likelihood", &input.likelihood, false}, std::tuple{"comment", &input.comment, false},
          std::tuple{"time", &input.time, false}}) {
        auto value = line.text(field, required);
        if (!value.ok())
            return value.error();
        *target = value.value();
    }
    if (!line.has("value"))
        return importError(line.at(), QStringLiteral("value"), QStringLiteral("is required"));
    const json &value = line.raw("value");
    if (value.is_number()) {
        input.value.isNumber = true;
        input.value.number = value.get<double>();
    } else if (value.is_string()) {
        auto parsed = parseRatingValue(line.at(), str(value.get<std::string>()), QStringLiteral("value"));
        if (!parsed.ok())
            return parsed.error();
        input.value = parsed.value();
    } else {
        return importError(line.at(), QStringLiteral("value"),
                           QStringLiteral("must be a number, \"unable\" or \"not_applicable\""));
    }
    auto seconds = line.number("active_seconds");
    if (!seconds.ok())
        return seconds.error();
    input.activeSeconds = seconds.value();
    if (line.has("repeat")) {
        if (!line.raw("repeat").is_boolean())
            return importError(line.at(), QStringLiteral("repeat"), QStringLiteral("must be true or false"));
        input.repeat = line.raw("repeat").get<bool>();
    }
    return context.addRating(line.at(), input);
}

Status readLine(ImportContext &context, const Line &line)
{
    auto kind = line.text("kind", true);
    if (!kind.ok())
        return kind.error();
    if (kind.value() == QStringLiteral("case"))
        return readCase(context, line);
    if (kind.value() == QStringLiteral("judge_run"))
        return readJudgeRun(context, line);
    if (kind.value() == QStringLiteral("judge_score"))
        return readJudgeScore(context, line);
    if (kind.value() == QStringLiteral("rating"))
        return readRating(context, line);
    return importError(line.at(), QStringLiteral("kind"),
                       QStringLiteral("unknown kind %1 (expected case, judge_run, judge_score or rating)")
                           .arg(quotedForMessage(kind.value(), 40)));
}

// The next line, newline included, read in pieces and given up once longer than maxBytes: QIODevice::readLine(maxSize)
// allocates maxSize bytes for every line, which made each line of an import cost a 16 MiB allocation.
QByteArray readBoundedLine(QIODevice &device, qint64 maxBytes)
{
    constexpr qint64 kPiece = 64 * 1024;
    QByteArray line;
    while (!device.atEnd() && !line.endsWith('\n') && line.size() <= maxBytes)
        line += device.readLine(kPiece);
    return line;
}

} // namespace

Status importJsonl(ImportContext &context, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read: %2").arg(path, file.errorString())};
    if (file.size() == 0)
        return Error{QStringLiteral("%1:1: the file is empty").arg(path)};
    context.summary().format = QStringLiteral("Concord JSONL");
    constexpr qint64 kMaxLine = 16 * 1024 * 1024;
    qint64 lineNumber = 0;
    qint64 objects = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        QByteArray bytes = readBoundedLine(file, kMaxLine);
        if (bytes.size() - (bytes.endsWith('\n') ? 1 : 0) > kMaxLine)
            return Error{QStringLiteral("%1:%2: the line is longer than %3 MiB")
                             .arg(path)
                             .arg(lineNumber)
                             .arg(kMaxLine / (1024 * 1024))};
        if (lineNumber == 1 && bytes.startsWith("\xEF\xBB\xBF"))
            bytes.remove(0, 3);
        if (bytes.trimmed().isEmpty())
            continue;
        if (bytes.contains('\0'))
            return Error{
                QStringLiteral("%1:%2: a NUL byte: this is a binary file, not JSON lines").arg(path).arg(lineNumber)};
        const SourceLine at{path, lineNumber};
        json object;
        if (auto problem = parseUntrustedJson(bytes, object))
            return importError(at, problem->field, problem->what);
        if (!object.is_object())
            return importError(at, {}, QStringLiteral("each line must be a JSON object"));
        ++objects;
        ++context.summary().rowsRead;
        Status status;
        try {
            status = readLine(context, Line(object, at));
        } catch (const std::exception &e) {
            // The readers check types before converting; this is the last guard, never a crash.
            status = importError(at, {},
                                 QStringLiteral("cannot read the line: %1")
                                     .arg(escapedForMessage(QString::fromUtf8(e.what()).left(200))));
        }
        if (!status.ok())
            return status;
    }
    if (objects == 0)
        return Error{QStringLiteral("%1:1: the file has no JSON lines").arg(path)};
    return {};
}

} // namespace concord
