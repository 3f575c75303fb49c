#pragma once

// Internal to the importers: lookups, validation and inserts shared by the JSONL, tidy CSV and MedVAL readers.
#include "model/formats/importer.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"

#include <QHash>
#include <QSet>

namespace concord {

class Study;

struct SourceLine
{
    QString file;
    qint64 line = 0;
};

// "FILE:LINE: field 'NAME': what" (the field part only when a field applies).
Error importError(const SourceLine &at, const QString &field, const QString &what);

// A rating value as written in a file: a number, "unable" or "not_applicable".
struct RatingValueText
{
    bool isNumber = false;
    double number = 0;
    QString text;
};

struct RatingInput
{
    QString caseId;
    QString response; // for preference axes: the preferred response, or "tie"
    QString annotator;
    QString axis;
    RatingValueText value;
    QString likelihood;
    QString comment;
    QString time;
    std::optional<double> activeSeconds;
    bool repeat = false; // a rating of the blinded repeat showing, kept apart from the first
};

struct JudgeInput
{
    QString caseId;
    QString response;
    QString judge;
    QString axis;
    std::optional<double> value;
    std::optional<double> confidence;
    QVector<std::pair<double, double>> probabilities;
    QString rationale;
};

struct ResponseInput
{
    QString id;
    QString system;
    QString text;
    QString metadataJson = QStringLiteral("{}");
};

struct CaseInput
{
    QString id;
    QString task;
    QString input;
    QString reference;
    QString metadataJson = QStringLiteral("{}");
    QVector<ResponseInput> responses;
};

class ImportContext
{
public:
    ImportContext(Study &study, ImportSummary &summary, const ImportOptions &options);

    Study &study() { return m_study; }
    ImportSummary &summary() { return m_summary; }
    const ImportOptions &options() const { return m_options; }

    Status addCase(const SourceLine &at, const CaseInput &input);
    Status addRating(const SourceLine &at, const RatingInput &input);
    Status addJudgeScore(const SourceLine &at, const JudgeInput &input);
    Status addJudgeRun(const SourceLine &at, JudgeRun run);

    Result<const Axis *> axis(const SourceLine &at, const QString &key, const QString &field = QStringLiteral("axis"));
    Result<qint64> caseId(const SourceLine &at, const QString &externalId,
                          const QString &field = QStringLiteral("case"));
    Result<qint64> responseId(const SourceLine &at, qint64 caseId, const QString &caseExternalId,
                              const QString &externalId, const QString &field = QStringLiteral("response"));
    Result<qint64> annotatorId(const QString &name);
    Result<qint64> judgeRunId(const QString &name);
    // Cases and responses for the MedVAL reader, which creates them row by row.
    CaseStore &cases() { return m_cases; }
    RatingStore &ratings() { return m_ratings; }
    JudgeStore &judges() { return m_judges; }
    void rememberCase(const QString &externalId, qint64 id) { m_caseIds.insert(externalId, id); }
    void rememberResponse(qint64 caseId, const QString &externalId, qint64 id)
    {
        m_responseIds.insert(responseKey(caseId, externalId), id);
    }
    bool studyHadCases() const { return m_studyHadCases; }

private:
    static QString responseKey(qint64 caseId, const QString &externalId)
    {
        return QString::number(caseId) + QLatin1Char('\x1f') + externalId;
    }
    Result<qint64> comparisonOfCase(const SourceLine &at, qint64 caseId, const QString &caseExternalId);

    Study &m_study;
    ImportSummary &m_summary;
    ImportOptions m_options;
    CaseStore m_cases;
    AnnotatorStore m_annotators;
    RatingStore m_ratings;
    JudgeStore m_judges;
    bool m_studyHadCases = false;
    QHash<QString, qint64> m_caseIds;
    QHash<QString, qint64> m_responseIds;
    QHash<qint64, qint64> m_comparisonByCase;
    QHash<QString, qint64> m_annotatorIds;
    QHash<QString, qint64> m_judgeRunIds;
    QHash<QString, qint64> m_caseLines;   // case external id -> line that defined it in this file
    QHash<QString, qint64> m_ratingLines; // (annotator, target, axis) -> first line in this file
    QHash<QString, qint64> m_scoreLines;  // (judge, response, axis) -> first line in this file
};

// Parses "2", "2.0", "unable", "not_applicable"; the error names the field.
Result<RatingValueText> parseRatingValue(const SourceLine &at, const QString &text, const QString &field);
Result<std::optional<double>> parseOptionalNumber(const SourceLine &at, const QString &text, const QString &field);
// A yes/no column: empty, 0 or false is no; 1 or true is yes; anything else is an error naming the field.
Result<bool> parseFlag(const SourceLine &at, const QString &text, const QString &field);

// The readers run inside the import's transaction and stop at the first error.
Status importJsonl(ImportContext &context, const QString &path);
Status importTidyCsv(ImportContext &context, const QString &path);
Status importMedval(ImportContext &context, const QString &path);

} // namespace concord
