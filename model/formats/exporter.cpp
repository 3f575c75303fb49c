#include "model/formats/exporter.h"

#include "model/formats/csvcell.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/owneronlyfile.h"
#include "model/studyfile/study.h"
#include "stats/consensus.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>
#include <map>
#include <set>
#include <vector>

namespace concord {

namespace {

QString formatNumber(double value)
{
    return QString::number(value, 'g', 15);
}

// One cell: guarded against formula injection (csvcell.h), then quoted as RFC 4180 needs.
QString csvField(const QString &cell)
{
    const QString text = csvCellGuarded(cell);
    static const QString special = QStringLiteral(",\"\r\n");
    bool needsQuotes = !text.isEmpty() && (text.front().isSpace() || text.back().isSpace());
    for (QChar c : text) {
        if (special.contains(c)) {
            needsQuotes = true;
            break;
        }
    }
    if (!needsQuotes)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// A table of string cells written as RFC 4180 CSV or as JSONL objects (one per row).
class TableWriter
{
public:
    TableWriter(QStringList header, bool jsonl)
        : m_header(std::move(header))
        , m_jsonl(jsonl)
    {
        if (!m_jsonl)
            writeCsvRow(m_header);
    }

    void addCsvRow(const QStringList &cells) { writeCsvRow(cells), ++m_rows; }
    void addJsonLine(const QJsonObject &object)
    {
        QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
        for (const auto &[placeholder, raw] : std::as_const(m_raw))
            line.replace(placeholder, raw);
        m_raw.clear();
        m_bytes += line;
        m_bytes += '\n';
        ++m_rows;
    }
    // A JSON object as stored (metadata, settings: written by the importer's parser) goes into the next line
    // verbatim: read back through QJsonDocument, integers beyond 2^63 and -0.0 would change. The placeholder
    // holds a random 64-bit nonce of this export, so no text of the study matches it.
    QJsonValue storedObject(const QString &storedJson)
    {
        const QByteArray raw = storedJson.toUtf8();
        if (!QJsonDocument::fromJson(raw).isObject())
            return QJsonObject{};
        const QString placeholder = QStringLiteral("concord-raw-%1-%2").arg(m_nonce).arg(m_raw.size());
        m_raw.push_back({'"' + placeholder.toUtf8() + '"', raw});
        return placeholder;
    }
    bool jsonl() const { return m_jsonl; }
    qint64 rows() const { return m_rows; }
    const QByteArray &bytes() const { return m_bytes; }

private:
    void writeCsvRow(const QStringList &cells)
    {
        QStringList quoted;
        for (const auto &c : cells)
            quoted << csvField(c);
        m_bytes += quoted.join(QLatin1Char(',')).toUtf8();
        m_bytes += "\r\n";
    }

    QStringList m_header;
    bool m_jsonl;
    QByteArray m_bytes;
    qint64 m_rows = 0;
    quint64 m_nonce = QRandomGenerator::system()->generate64();
    std::vector<std::pair<QByteArray, QByteArray>> m_raw; // placeholder as serialised -> stored JSON
};

struct ResponseKey
{
    QString caseId;
    QString responseId;
    QString system;
};

// Lookups from row ids to the external ids that files use.
struct Names
{
    QHash<qint64, ResponseKey> responses;
    QHash<qint64, QString> comparisonCase;
    QHash<qint64, QString> annotators;
    QHash<qint64, QString> judgeRuns;
};

Result<Names> loadNames(Study &study)
{
    Names names;
    CaseStore cases(study);
    auto responses = cases.responseNames();
    if (!responses.ok())
        return responses.error();
    for (auto it = responses->cbegin(); it != responses->cend(); ++it)
        names.responses.insert(it.key(), ResponseKey{it->caseExternalId, it->externalId, it->system});
    auto comparisons = cases.comparisonCaseExternalIds();
    if (!comparisons.ok())
        return comparisons.error();
    names.comparisonCase = comparisons.value();
    auto annotators = AnnotatorStore(study).annotators();
    if (!annotators.ok())
        return annotators.error();
    for (const auto &a : annotators.value())
        names.annotators.insert(a.id, a.name);
    auto runs = JudgeStore(study).runs();
    if (!runs.ok())
        return runs.error();
    for (const auto &r : runs.value())
        names.judgeRuns.insert(r.id, r.name);
    return names;
}

QString ratingValueText(const RatingEvent &e)
{
    switch (e.status) {
    case RatingStatus::Value:
        return formatNumber(e.value.value_or(0));
    case RatingStatus::UnableToAssess:
        return QStringLiteral("unable");
    case RatingStatus::NotApplicable:
        return QStringLiteral("not_applicable");
    case RatingStatus::Cleared:
        break;
    }
    return {};
}

QJsonValue ratingValueJson(const RatingEvent &e)
{
    if (e.status == RatingStatus::Value)
        return e.value.value_or(0);
    return ratingValueText(e);
}

Status writeRatings(Study &study, const Names &names, TableWriter &writer)
{
    RatingStore store(study);
    auto ratings = store.currentRatings();
    if (!ratings.ok())
        return ratings.error();
    // The blinded repeats follow the first showings, marked, so that intra-rater agreement can be worked out
    // elsewhere and an import keeps the two apart.
    auto repeats = store.currentRepeatRatings();
    if (!repeats.ok())
        return repeats.error();
    const Rubric &rubric = study.rubric();
    for (const auto &e : ratings.value() + repeats.value()) {
        const Axis *axis = rubric.axisById(e.axisId);
        if (!axis)
            continue; // ratings of an older rubric version's axes are exported with that version (not yet)
        QString caseId;
        QString responseId;
        QString system;
        if (e.responseId > 0) {
            const ResponseKey key = names.responses.value(e.responseId);
            caseId = key.caseId;
            responseId = key.responseId;
            system = key.system;
        } else {
            caseId = names.comparisonCase.value(e.comparisonId);
            responseId = e.preferredResponseId > 0 ? names.responses.value(e.preferredResponseId).responseId
                                                   : QStringLiteral("tie");
        }
        const QString annotator = names.annotators.value(e.annotatorId);
        if (writer.jsonl()) {
            QJsonObject line{{QStringLiteral("kind"), QStringLiteral("rating")},
                             {QStringLiteral("case"), caseId},
                             {QStringLiteral("response"), responseId},
                             {QStringLiteral("annotator"), annotator},
                             {QStringLiteral("axis"), axis->key},
                             {QStringLiteral("value"), ratingValueJson(e)},
                             {QStringLiteral("time"), e.createdAt},
                             {QStringLiteral("active_seconds"), e.activeSeconds}};
            if (!e.likelihood.isEmpty())
                line.insert(QStringLiteral("likelihood"), e.likelihood);
            if (!e.comment.isEmpty())
                line.insert(QStringLiteral("comment"), e.comment);
            if (e.repeat)
                line.insert(QStringLiteral("repeat"), true);
            writer.addJsonLine(line);
        } else {
            writer.addCsvRow({caseId, responseId, system, annotator, axis->key, ratingValueText(e), e.likelihood,
                              e.comment, e.createdAt, formatNumber(e.activeSeconds),
                              e.repeat ? QStringLiteral("1") : QStringLiteral("0")});
        }
    }
    return {};
}

Status writeJudge(Study &study, const Names &names, TableWriter &writer, const QVector<double> &pointColumns)
{
    JudgeStore judges(study);
    if (writer.jsonl()) {
        auto runs = judges.runs();
        if (!runs.ok())
            return runs.error();
        for (const auto &run : runs.value()) {
            writer.addJsonLine(QJsonObject{{QStringLiteral("kind"), QStringLiteral("judge_run")},
                                           {QStringLiteral("name"), run.name},
                                           {QStringLiteral("model"), run.model},
                                           {QStringLiteral("prompt_version"), run.promptVersion},
                                           {QStringLiteral("settings"), writer.storedObject(run.settingsJson)}});
        }
    }
    auto scores = judges.scores();
    if (!scores.ok())
        return scores.error();
    const Rubric &rubric = study.rubric();
    for (const auto &s : scores.value()) {
        const Axis *axis = rubric.axisById(s.axisId);
        if (!axis)
            continue;
        const ResponseKey key = names.responses.value(s.responseId);
        const QString judge = names.judgeRuns.value(s.judgeRunId);
        if (writer.jsonl()) {
            QJsonObject line{{QStringLiteral("kind"), QStringLiteral("judge_score")},
                             {QStringLiteral("case"), key.caseId},
                             {QStringLiteral("response"), key.responseId},
                             {QStringLiteral("judge"), judge},
                             {QStringLiteral("axis"), axis->key}};
            if (s.value)
                line.insert(QStringLiteral("value"), *s.value);
            if (s.confidence)
                line.insert(QStringLiteral("confidence"), *s.confidence);
            if (!s.probabilities.isEmpty()) {
                QJsonObject probabilities;
                for (const auto &[point, p] : s.probabilities)
                    probabilities.insert(formatNumber(point), p);
                line.insert(QStringLiteral("probabilities"), probabilities);
            }
            if (!s.rationale.isEmpty())
                line.insert(QStringLiteral("rationale"), s.rationale);
            writer.addJsonLine(line);
        } else {
            QStringList cells{key.caseId,
                              key.responseId,
                              judge,
                              axis->key,
                              s.value ? formatNumber(*s.value) : QString(),
                              s.confidence ? formatNumber(*s.confidence) : QString()};
            for (double point : pointColumns) {
                QString cell;
                for (const auto &[p, probability] : s.probabilities) {
                    if (p == point)
                        cell = formatNumber(probability);
                }
                cells << cell;
            }
            cells << s.rationale;
            writer.addCsvRow(cells);
        }
    }
    return {};
}

Status writeCases(Study &study, const Names &, TableWriter &writer)
{
    CaseStore store(study);
    auto cases = store.cases();
    if (!cases.ok())
        return cases.error();
    auto responses = store.responses();
    if (!responses.ok())
        return responses.error();
    QHash<qint64, QVector<ResponseRecord>> byCase;
    for (const auto &r : responses.value())
        byCase[r.caseId].push_back(r);
    for (const auto &c : cases.value()) {
        const auto &caseResponses = byCase.value(c.id);
        if (writer.jsonl()) {
            QJsonArray items;
            for (const auto &r : caseResponses)
                items.append(QJsonObject{{QStringLiteral("id"), r.externalId},
                                         {QStringLiteral("system"), r.system},
                                         {QStringLiteral("text"), r.text},
                                         {QStringLiteral("metadata"), writer.storedObject(r.metadataJson)}});
            writer.addJsonLine(QJsonObject{{QStringLiteral("kind"), QStringLiteral("case")},
                                           {QStringLiteral("id"), c.externalId},
                                           {QStringLiteral("task"), c.task},
                                           {QStringLiteral("input"), c.input},
                                           {QStringLiteral("reference"), c.reference},
                                           {QStringLiteral("metadata"), writer.storedObject(c.metadataJson)},
                                           {QStringLiteral("responses"), items}});
        } else {
            for (const auto &r : caseResponses)
                writer.addCsvRow({c.externalId, c.task, c.input, c.reference, r.externalId, r.system, r.text});
        }
    }
    return {};
}

QString ruleName(ConsensusRule rule, const Axis &axis)
{
    switch (rule) {
    case ConsensusRule::Majority:
        return QStringLiteral("majority");
    case ConsensusRule::Median:
        return axis.level == MeasurementLevel::Interval ? QStringLiteral("median") : QStringLiteral("upper median");
    case ConsensusRule::Mean:
        return QStringLiteral("mean");
    case ConsensusRule::Default:
        break;
    }
    return {};
}

ConsensusRule effectiveRule(ConsensusRule requested, const Axis &axis)
{
    if (axis.target == AxisTarget::Comparison)
        return ConsensusRule::Majority; // preferences are categories
    if (requested != ConsensusRule::Default)
        return requested;
    return axis.level == MeasurementLevel::Ordinal || axis.level == MeasurementLevel::Interval
               ? ConsensusRule::Median
               : ConsensusRule::Majority;
}

stats::ConsensusValue applyRule(ConsensusRule rule, const Axis &axis, const std::vector<double> &values)
{
    switch (rule) {
    case ConsensusRule::Mean:
        return stats::meanConsensus(values);
    case ConsensusRule::Median:
        return stats::medianConsensus(values, axis.level == MeasurementLevel::Interval
                                                  ? stats::MedianPolicy::Interpolate
                                                  : stats::MedianPolicy::Higher);
    case ConsensusRule::Majority:
    case ConsensusRule::Default:
        break;
    }
    return stats::majorityConsensus(values, stats::MajorityTiePolicy::NoConsensus);
}

Status writeConsensus(Study &study, const Names &names, TableWriter &writer, ConsensusRule requested)
{
    auto ratings = RatingStore(study).currentRatings();
    if (!ratings.ok())
        return ratings.error();
    // (axis, target) -> values; a preference's value is the preferred response id, 0 for a tie.
    std::map<std::pair<qint64, qint64>, std::vector<double>> values;
    for (const auto &e : ratings.value()) {
        const qint64 target = e.responseId > 0 ? e.responseId : -e.comparisonId;
        if (e.status != RatingStatus::Value)
            continue;
        const double v =
            e.comparisonId > 0 && e.responseId == 0 ? static_cast<double>(e.preferredResponseId) : e.value.value_or(0);
        values[{e.axisId, target}].push_back(v);
    }
    const Rubric &rubric = study.rubric();
    for (const auto &[key, list] : values) {
        const Axis *axis = rubric.axisById(key.first);
        if (!axis)
            continue;
        const ConsensusRule rule = effectiveRule(requested, *axis);
        const stats::ConsensusValue consensus = applyRule(rule, *axis, list);
        QString caseId;
        QString responseId;
        QString valueText;
        if (key.second > 0) {
            caseId = names.responses.value(key.second).caseId;
            responseId = names.responses.value(key.second).responseId;
            if (consensus.value)
                valueText = formatNumber(*consensus.value);
        } else {
            caseId = names.comparisonCase.value(-key.second);
            if (consensus.value) {
                const qint64 preferred = static_cast<qint64>(*consensus.value);
                responseId = preferred > 0 ? names.responses.value(preferred).responseId : QStringLiteral("tie");
                valueText = preferred > 0 ? QStringLiteral("1") : QStringLiteral("0");
            }
        }
        const QString reason = QString::fromStdString(consensus.reason);
        if (writer.jsonl()) {
            QJsonObject line{{QStringLiteral("kind"), QStringLiteral("consensus")},
                             {QStringLiteral("case"), caseId},
                             {QStringLiteral("response"), responseId},
                             {QStringLiteral("axis"), axis->key},
                             {QStringLiteral("rule"), ruleName(rule, *axis)},
                             {QStringLiteral("ratings"), static_cast<qint64>(list.size())}};
            line.insert(QStringLiteral("value"), valueText.isEmpty() ? QJsonValue() : QJsonValue(valueText.toDouble()));
            if (!reason.isEmpty())
                line.insert(QStringLiteral("reason"), reason);
            writer.addJsonLine(line);
        } else {
            writer.addCsvRow({caseId, responseId, axis->key, ruleName(rule, *axis), valueText,
                              QString::number(list.size()), reason});
        }
    }
    return {};
}

QVector<double> judgePointColumns(const Rubric &rubric)
{
    std::set<double> points;
    for (const auto &axis : rubric.axes) {
        if (axis.target != AxisTarget::Response)
            continue;
        for (const auto &p : axis.points)
            points.insert(p.value);
    }
    return QVector<double>(points.begin(), points.end());
}

QString contentName(ExportContent content)
{
    switch (content) {
    case ExportContent::Cases:
        return QStringLiteral("cases");
    case ExportContent::Ratings:
        return QStringLiteral("ratings");
    case ExportContent::Judge:
        return QStringLiteral("judge");
    case ExportContent::Consensus:
        return QStringLiteral("consensus");
    }
    return {};
}

} // namespace

std::optional<ExportContent> exportContentFromString(const QString &text)
{
    for (auto c : {ExportContent::Cases, ExportContent::Ratings, ExportContent::Judge, ExportContent::Consensus}) {
        if (contentName(c) == text)
            return c;
    }
    return std::nullopt;
}

std::optional<ConsensusRule> consensusRuleFromString(const QString &text)
{
    if (text == QStringLiteral("majority"))
        return ConsensusRule::Majority;
    if (text == QStringLiteral("median"))
        return ConsensusRule::Median;
    if (text == QStringLiteral("mean"))
        return ConsensusRule::Mean;
    if (text == QStringLiteral("default"))
        return ConsensusRule::Default;
    return std::nullopt;
}

Result<ExportSummary> exportFile(Study &study, const QString &path, const ExportOptions &options)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool jsonl = false;
    switch (options.format) {
    case ExportFormat::Csv:
        break;
    case ExportFormat::Jsonl:
        jsonl = true;
        break;
    case ExportFormat::Auto:
        if (suffix == QStringLiteral("jsonl") || suffix == QStringLiteral("ndjson"))
            jsonl = true;
        else if (suffix != QStringLiteral("csv"))
            return Error{QStringLiteral("%1: cannot tell the export format from the extension '.%2'; use .csv or "
                                        ".jsonl")
                             .arg(path, suffix)};
        break;
    }
    auto names = loadNames(study);
    if (!names.ok())
        return names.error();

    const QVector<double> pointColumns = judgePointColumns(study.rubric());
    QStringList header;
    switch (options.content) {
    case ExportContent::Cases:
        header = {QStringLiteral("case"),      QStringLiteral("task"),     QStringLiteral("input"),
                  QStringLiteral("reference"), QStringLiteral("response"), QStringLiteral("system"),
                  QStringLiteral("text")};
        break;
    case ExportContent::Ratings:
        header = {QStringLiteral("case"),           QStringLiteral("response"), QStringLiteral("system"),
                  QStringLiteral("annotator"),      QStringLiteral("axis"),     QStringLiteral("value"),
                  QStringLiteral("likelihood"),     QStringLiteral("comment"),  QStringLiteral("time"),
                  QStringLiteral("active_seconds"), QStringLiteral("repeat")};
        break;
    case ExportContent::Judge:
        header = {QStringLiteral("case"), QStringLiteral("response"), QStringLiteral("judge"),
                  QStringLiteral("axis"), QStringLiteral("value"),    QStringLiteral("confidence")};
        for (double point : pointColumns)
            header << QStringLiteral("p_") + formatNumber(point);
        header << QStringLiteral("rationale");
        break;
    case ExportContent::Consensus:
        header = {QStringLiteral("case"),  QStringLiteral("response"), QStringLiteral("axis"),  QStringLiteral("rule"),
                  QStringLiteral("value"), QStringLiteral("ratings"),  QStringLiteral("reason")};
        break;
    }
    TableWriter writer(header, jsonl);
    Status written;
    switch (options.content) {
    case ExportContent::Cases:
        written = writeCases(study, names.value(), writer);
        break;
    case ExportContent::Ratings:
        written = writeRatings(study, names.value(), writer);
        break;
    case ExportContent::Judge:
        written = writeJudge(study, names.value(), writer, pointColumns);
        break;
    case ExportContent::Consensus:
        written = writeConsensus(study, names.value(), writer, options.consensus);
        break;
    }
    if (!written.ok())
        return written.error();

    QSaveFile file(path);
    if (!openOwnerOnly(file))
        return Error{QStringLiteral("%1: cannot write: %2").arg(path, file.errorString())};
    if (file.write(writer.bytes()) != writer.bytes().size() || !file.commit())
        return Error{QStringLiteral("%1: cannot write: %2").arg(path, file.errorString())};

    Status audited = study.inTransaction([&]() -> Status {
        return appendAudit(
            study, options.actor, QStringLiteral("export"),
            QJsonObject{{QStringLiteral("file"), QFileInfo(path).fileName()},
                        {QStringLiteral("content"), contentName(options.content)},
                        {QStringLiteral("format"), jsonl ? QStringLiteral("jsonl") : QStringLiteral("csv")},
                        {QStringLiteral("rows"), writer.rows()}});
    });
    if (!audited.ok())
        return audited.error();
    return ExportSummary{path, writer.rows()};
}

} // namespace concord
