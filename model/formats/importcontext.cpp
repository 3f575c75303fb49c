#include "model/formats/importcontext.h"

#include "model/domain/messagetext.h"
#include "model/studyfile/study.h"

#include <QDateTime>

namespace concord {

Error importError(const SourceLine &at, const QString &field, const QString &what)
{
    if (field.isEmpty())
        return Error{QStringLiteral("%1:%2: %3").arg(at.file).arg(at.line).arg(what)};
    return Error{QStringLiteral("%1:%2: field '%3': %4").arg(at.file).arg(at.line).arg(escapedForMessage(field), what)};
}

Result<RatingValueText> parseRatingValue(const SourceLine &at, const QString &text, const QString &field)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return importError(at, field, QStringLiteral("is empty (give a scale value, 'unable' or 'not_applicable')"));
    RatingValueText value;
    if (trimmed == QStringLiteral("unable") || trimmed == QStringLiteral("not_applicable")) {
        value.text = trimmed;
        return value;
    }
    bool ok = false;
    value.number = trimmed.toDouble(&ok);
    if (!ok || !std::isfinite(value.number))
        return importError(
            at, field,
            QStringLiteral("%1 is not a number, 'unable' or 'not_applicable'").arg(quotedForMessage(trimmed, 40)));
    value.isNumber = true;
    return value;
}

Result<std::optional<double>> parseOptionalNumber(const SourceLine &at, const QString &text, const QString &field)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::optional<double>{};
    bool ok = false;
    const double number = trimmed.toDouble(&ok);
    if (!ok || !std::isfinite(number))
        return importError(at, field, QStringLiteral("%1 is not a number").arg(quotedForMessage(trimmed, 40)));
    return std::optional<double>(number);
}

Result<bool> parseFlag(const SourceLine &at, const QString &text, const QString &field)
{
    const QString trimmed = text.trimmed().toLower();
    if (trimmed.isEmpty() || trimmed == QStringLiteral("0") || trimmed == QStringLiteral("false"))
        return false;
    if (trimmed == QStringLiteral("1") || trimmed == QStringLiteral("true"))
        return true;
    return importError(at, field, QStringLiteral("%1 is not 0 or 1").arg(quotedForMessage(text.trimmed(), 40)));
}

ImportContext::ImportContext(Study &study, ImportSummary &summary, const ImportOptions &options)
    : m_study(study)
    , m_summary(summary)
    , m_options(options)
    , m_cases(study)
    , m_annotators(study)
    , m_ratings(study)
    , m_judges(study)
{
    auto count = m_cases.caseCount();
    m_studyHadCases = !count.ok() || count.value() > 0;
}

Result<const Axis *> ImportContext::axis(const SourceLine &at, const QString &key, const QString &field)
{
    const Axis *found = m_study.rubric().axis(key.trimmed());
    if (!found)
        return importError(at, field,
                           QStringLiteral("unknown axis %1 (the rubric has %2)")
                               .arg(quotedForMessage(key, 60), m_study.rubric().axisKeys().join(QStringLiteral(", "))));
    return found;
}

Result<qint64> ImportContext::caseId(const SourceLine &at, const QString &externalId, const QString &field)
{
    if (externalId.isEmpty())
        return importError(at, field, QStringLiteral("is empty"));
    if (auto it = m_caseIds.constFind(externalId); it != m_caseIds.constEnd())
        return *it;
    auto found = m_cases.caseByExternalId(externalId);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return importError(
            at, field, QStringLiteral("unknown case %1 (import the cases first)").arg(quotedForMessage(externalId)));
    m_caseIds.insert(externalId, found.value()->id);
    return found.value()->id;
}

Result<qint64> ImportContext::responseId(const SourceLine &at, qint64 caseId, const QString &caseExternalId,
                                         const QString &externalId, const QString &field)
{
    if (externalId.isEmpty())
        return importError(at, field, QStringLiteral("is empty"));
    const QString key = responseKey(caseId, externalId);
    if (auto it = m_responseIds.constFind(key); it != m_responseIds.constEnd())
        return *it;
    auto found = m_cases.responseByExternalId(caseId, externalId);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return importError(at, field,
                           QStringLiteral("unknown response %1 of case %2")
                               .arg(quotedForMessage(externalId), quotedForMessage(caseExternalId)));
    m_responseIds.insert(key, found.value()->id);
    return found.value()->id;
}

Result<qint64> ImportContext::comparisonOfCase(const SourceLine &at, qint64 caseId, const QString &caseExternalId)
{
    if (auto it = m_comparisonByCase.constFind(caseId); it != m_comparisonByCase.constEnd())
        return *it;
    // Only side-by-side comparisons (two or more responses) hold preferences.
    auto comparisons = m_cases.sideBySideComparisonsOfCase(caseId);
    if (!comparisons.ok())
        return comparisons.error();
    const QVector<qint64> &ids = comparisons.value();
    if (ids.isEmpty())
        return importError(at, QStringLiteral("case"),
                           QStringLiteral("case %1 has no side-by-side comparison to hold a preference")
                               .arg(quotedForMessage(caseExternalId)));
    if (ids.size() > 1)
        return importError(at, QStringLiteral("case"),
                           QStringLiteral("case %1 has %2 comparisons; a preference row cannot tell which one")
                               .arg(quotedForMessage(caseExternalId))
                               .arg(ids.size()));
    m_comparisonByCase.insert(caseId, ids.front());
    return ids.front();
}

Result<qint64> ImportContext::annotatorId(const QString &name)
{
    if (auto it = m_annotatorIds.constFind(name); it != m_annotatorIds.constEnd())
        return *it;
    auto existing = m_annotators.annotatorByName(name);
    if (!existing.ok())
        return existing.error();
    qint64 id = 0;
    if (existing.value()) {
        id = existing.value()->id;
    } else {
        Annotator annotator;
        annotator.name = name;
        auto inserted = m_annotators.insertAnnotator(annotator);
        if (!inserted.ok())
            return inserted.error();
        id = inserted.value();
        ++m_summary.annotatorsAdded;
    }
    m_annotatorIds.insert(name, id);
    return id;
}

Result<qint64> ImportContext::judgeRunId(const QString &name)
{
    if (auto it = m_judgeRunIds.constFind(name); it != m_judgeRunIds.constEnd())
        return *it;
    auto existing = m_judges.runByName(name);
    if (!existing.ok())
        return existing.error();
    qint64 id = 0;
    if (existing.value()) {
        id = existing.value()->id;
    } else {
        JudgeRun run;
        run.name = name;
        run.model = name;
        run.sourceFile = m_summary.file;
        auto inserted = m_judges.insertRun(run);
        if (!inserted.ok())
            return inserted.error();
        id = inserted.value();
        ++m_summary.judgeRunsAdded;
    }
    m_judgeRunIds.insert(name, id);
    return id;
}

Status ImportContext::addJudgeRun(const SourceLine &at, JudgeRun run)
{
    if (run.name.trimmed().isEmpty())
        return importError(at, QStringLiteral("name"), QStringLiteral("is required"));
    auto existing = m_judges.runByName(run.name);
    if (!existing.ok())
        return existing.error();
    if (existing.value() || m_judgeRunIds.contains(run.name))
        return {}; // already known: scores are added to it
    run.sourceFile = m_summary.file;
    auto inserted = m_judges.insertRun(run);
    if (!inserted.ok())
        return inserted.error();
    m_judgeRunIds.insert(run.name, inserted.value());
    ++m_summary.judgeRunsAdded;
    return {};
}

Status ImportContext::addCase(const SourceLine &at, const CaseInput &input)
{
    if (input.id.trimmed().isEmpty())
        return importError(at, QStringLiteral("id"), QStringLiteral("is required"));
    if (auto it = m_caseLines.constFind(input.id); it != m_caseLines.constEnd())
        return importError(
            at, QStringLiteral("id"),
            QStringLiteral("duplicate case id %1 (first on line %2)").arg(quotedForMessage(input.id)).arg(*it));
    if (m_studyHadCases) {
        auto existing = m_cases.caseByExternalId(input.id);
        if (!existing.ok())
            return existing.error();
        if (existing.value())
            return importError(at, QStringLiteral("id"),
                               QStringLiteral("case %1 already exists in the study").arg(quotedForMessage(input.id)));
    }
    QSet<QString> responseIds;
    for (const auto &r : input.responses) {
        if (r.id.trimmed().isEmpty())
            return importError(at, QStringLiteral("responses.id"), QStringLiteral("is required"));
        if (responseIds.contains(r.id))
            return importError(at, QStringLiteral("responses.id"),
                               QStringLiteral("duplicate response id %1 in case %2")
                                   .arg(quotedForMessage(r.id), quotedForMessage(input.id)));
        responseIds.insert(r.id);
    }
    CaseRecord record;
    record.externalId = input.id;
    record.task = input.task;
    record.input = input.input;
    record.reference = input.reference;
    record.metadataJson = input.metadataJson;
    auto inserted = m_cases.insertCase(record);
    if (!inserted.ok())
        return inserted.error();
    m_caseLines.insert(input.id, at.line);
    m_caseIds.insert(input.id, record.id);
    ++m_summary.casesAdded;
    QVector<qint64> ids;
    for (const auto &r : input.responses) {
        ResponseRecord response;
        response.caseId = record.id;
        response.externalId = r.id;
        response.system = r.system;
        response.text = r.text;
        response.metadataJson = r.metadataJson;
        auto added = m_cases.insertResponse(response);
        if (!added.ok())
            return added.error();
        m_responseIds.insert(responseKey(record.id, r.id), response.id);
        ids << response.id;
        ++m_summary.responsesAdded;
    }
    // Every case with a response gets a comparison, so it can be assigned; one response is rated on its own.
    if (!ids.isEmpty()) {
        ComparisonRecord comparison{0, {}, record.id, ids};
        auto added = m_cases.insertComparison(comparison);
        if (!added.ok())
            return added.error();
        // Only a side-by-side comparison holds a preference (comparisonOfCase asks the same of the study).
        if (ids.size() >= 2)
            m_comparisonByCase.insert(record.id, comparison.id);
    }
    return {};
}

Status ImportContext::addRating(const SourceLine &at, const RatingInput &input)
{
    auto axisFound = axis(at, input.axis);
    if (!axisFound.ok())
        return axisFound.error();
    const Axis &ratedAxis = *axisFound.value();
    if (input.annotator.trimmed().isEmpty())
        return importError(at, QStringLiteral("annotator"), QStringLiteral("is empty"));
    auto caseRow = caseId(at, input.caseId);
    if (!caseRow.ok())
        return caseRow.error();

    RatingEvent event;
    event.axisId = ratedAxis.id;
    QString target;
    if (ratedAxis.target == AxisTarget::Comparison) {
        auto comparison = comparisonOfCase(at, caseRow.value(), input.caseId);
        if (!comparison.ok())
            return comparison.error();
        event.comparisonId = comparison.value();
        if (input.response != QStringLiteral("tie")) {
            auto preferred = responseId(at, caseRow.value(), input.caseId, input.response);
            if (!preferred.ok())
                return preferred.error();
            event.preferredResponseId = preferred.value();
        }
        target = QStringLiteral("c") + QString::number(event.comparisonId);
    } else {
        auto response = responseId(at, caseRow.value(), input.caseId, input.response);
        if (!response.ok())
            return response.error();
        event.responseId = response.value();
        target = QStringLiteral("r") + QString::number(event.responseId);
    }

    if (input.value.isNumber) {
        event.status = RatingStatus::Value;
        event.value = input.value.number;
    } else {
        event.status =
            input.value.text == QStringLiteral("unable") ? RatingStatus::UnableToAssess : RatingStatus::NotApplicable;
    }
    if (ratedAxis.target == AxisTarget::Comparison && event.status == RatingStatus::Value) {
        const double expected = event.preferredResponseId > 0 ? 1.0 : 0.0;
        if (*event.value != expected)
            return importError(at, QStringLiteral("value"),
                               QStringLiteral("a preference has value 1 for a preferred response or 0 for a tie, "
                                              "not %1")
                                   .arg(*event.value));
    }
    event.likelihood = input.likelihood.trimmed();
    event.comment = input.comment;
    if (!input.time.trimmed().isEmpty()) {
        const QDateTime time = QDateTime::fromString(input.time.trimmed(), Qt::ISODateWithMs);
        if (!time.isValid())
            return importError(at, QStringLiteral("time"),
                               QStringLiteral("%1 is not an ISO 8601 time such as 2026-03-01T09:30:00Z")
                                   .arg(quotedForMessage(input.time, 40)));
        event.createdAt = time.toUTC().toString(Qt::ISODateWithMs);
    }
    if (input.activeSeconds)
        event.activeSeconds = *input.activeSeconds;
    event.repeat = input.repeat;
    if (auto valid = validateRatingEvent(ratedAxis, event); !valid.ok())
        return importError(at, {}, valid.errorMessage());

    auto annotator = annotatorId(input.annotator.trimmed());
    if (!annotator.ok())
        return annotator.error();
    event.annotatorId = annotator.value();
    const QString key = QString::number(event.annotatorId) + QLatin1Char('/') + target + QLatin1Char('/') +
                        QString::number(ratedAxis.id) + (event.repeat ? QStringLiteral("/repeat") : QString());
    if (auto it = m_ratingLines.constFind(key); it != m_ratingLines.constEnd())
        return importError(at, {},
                           QStringLiteral("duplicate rating: annotator %1 already rated this on axis '%2' "
                                          "on line %3")
                               .arg(quotedForMessage(input.annotator, 60), ratedAxis.key)
                               .arg(*it));
    m_ratingLines.insert(key, at.line);
    auto appended = m_ratings.append(event);
    if (!appended.ok())
        return appended.error();
    ++m_summary.ratingEventsAdded;
    return {};
}

Status ImportContext::addJudgeScore(const SourceLine &at, const JudgeInput &input)
{
    auto axisFound = axis(at, input.axis);
    if (!axisFound.ok())
        return axisFound.error();
    if (input.judge.trimmed().isEmpty())
        return importError(at, QStringLiteral("judge"),
                           QStringLiteral("is empty (add a 'judge' column or give the run's name with --judge)"));
    auto caseRow = caseId(at, input.caseId);
    if (!caseRow.ok())
        return caseRow.error();
    auto response = responseId(at, caseRow.value(), input.caseId, input.response);
    if (!response.ok())
        return response.error();
    JudgeScore score;
    score.responseId = response.value();
    score.axisId = axisFound.value()->id;
    score.value = input.value;
    score.confidence = input.confidence;
    score.probabilities = input.probabilities;
    score.rationale = input.rationale;
    if (auto valid = validateJudgeScore(*axisFound.value(), score); !valid.ok())
        return importError(at, {}, valid.errorMessage());
    auto run = judgeRunId(input.judge.trimmed());
    if (!run.ok())
        return run.error();
    score.judgeRunId = run.value();
    const QString key = QStringLiteral("%1/%2/%3").arg(score.judgeRunId).arg(score.responseId).arg(score.axisId);
    if (auto it = m_scoreLines.constFind(key); it != m_scoreLines.constEnd())
        return importError(at, {},
                           QStringLiteral("duplicate judge score: judge %1 already scored this response on "
                                          "axis '%2' on line %3")
                               .arg(quotedForMessage(input.judge, 60), axisFound.value()->key)
                               .arg(*it));
    m_scoreLines.insert(key, at.line);
    auto inserted = m_judges.insertScore(score);
    if (!inserted.ok()) {
        if (inserted.error().code == ErrorCode::Duplicate)
            return importError(at, {},
                               QStringLiteral("judge %1 already has a score for this response on axis '%2' "
                                              "in the study (name a new run with --judge)")
                                   .arg(quotedForMessage(input.judge, 60), axisFound.value()->key));
        return inserted.error();
    }
    ++m_summary.judgeScoresAdded;
    return {};
}

} // namespace concord
