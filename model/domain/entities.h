#pragma once

#include <QString>
#include <QVector>
#include <optional>
#include <utility>

namespace concord {

struct CaseRecord
{
    qint64 id = 0;
    QString uuid;
    QString externalId;
    QString task;
    QString input;     // shown to the rater as plain text
    QString reference; // optional reference answer
    QString metadataJson = QStringLiteral("{}");
};

struct ResponseRecord
{
    qint64 id = 0;
    QString uuid;
    qint64 caseId = 0;
    QString externalId;
    QString system; // hidden from annotators while the study is blinded
    QString text;
    QString metadataJson = QStringLiteral("{}");
};

struct ComparisonRecord
{
    qint64 id = 0;
    QString uuid;
    qint64 caseId = 0;
    QVector<qint64> responseIds;
};

struct Annotator
{
    qint64 id = 0;
    QString uuid;
    QString name;
    bool retired = false;
};

struct Assignment
{
    qint64 id = 0;
    QString uuid;
    qint64 annotatorId = 0;
    qint64 comparisonId = 0;
    int sequence = 0;              // position in the annotator's randomised order
    QVector<qint64> responseOrder; // left-to-right order of the responses on screen
    qint64 seed = 0;
    bool repeat = false; // the blinded second showing of a comparison this physician rated before
};

enum class RatingStatus
{
    Value,
    UnableToAssess,
    NotApplicable,
    Cleared
};
QString toString(RatingStatus status);
std::optional<RatingStatus> ratingStatusFromString(const QString &text);

// One append-only rating event. The target is a response, or a comparison for a preference.
struct RatingEvent
{
    qint64 id = 0;
    QString uuid;
    qint64 annotatorId = 0;
    qint64 responseId = 0;   // 0 when the target is a comparison
    qint64 comparisonId = 0; // 0 when the target is a response
    qint64 axisId = 0;
    RatingStatus status = RatingStatus::Value;
    std::optional<double> value;
    qint64 preferredResponseId = 0; // preferences: the better response; 0 for a tie
    QString likelihood;
    QString comment;
    int rubricVersion = 0;
    QString createdAt; // ISO 8601 UTC; empty: now
    double activeSeconds = 0;
    bool repeat = false; // written in the blinded repeat showing: paired with the first for intra-rater agreement
};

// A comment or a flag an annotator leaves on a comparison (responseId 0) or on one of its responses.
struct AnnotationNote
{
    enum class Kind
    {
        Comment,
        Flag
    };

    qint64 id = 0;
    QString uuid;
    qint64 annotatorId = 0;
    qint64 comparisonId = 0;
    qint64 responseId = 0; // 0: about the whole comparison
    Kind kind = Kind::Comment;
    QString text;       // the comment, or the reason for a flag
    bool raised = true; // flags: raised or lowered; comments: always true
    QString createdAt;  // ISO 8601 UTC; empty: now
    double activeSeconds = 0;
    bool repeat = false; // written in the blinded repeat showing of the comparison
};

struct JudgeRun
{
    qint64 id = 0;
    QString uuid;
    QString name;
    QString model;
    QString promptVersion;
    QString settingsJson = QStringLiteral("{}");
    QString sourceFile;
    QString createdAt;
};

struct JudgeScore
{
    qint64 id = 0;
    QString uuid;
    qint64 judgeRunId = 0;
    qint64 responseId = 0;
    qint64 axisId = 0;
    std::optional<double> value;
    QVector<std::pair<double, double>> probabilities; // (scale point, probability); empty when not given
    std::optional<double> confidence;
    QString rationale;
};

struct ErrorSpan
{
    qint64 id = 0;
    QString uuid;
    qint64 responseId = 0;
    qint64 annotatorId = 0; // 0 when the span comes from a judge
    qint64 judgeRunId = 0;
    int start = 0; // character offsets into the response text, end exclusive
    int end = 0;
    QString category;
    int severity = 0;
    QString createdAt;
    QString removedAt;
    bool repeat = false; // marked in the blinded repeat showing, so the first showing's spans stay hidden there
};

struct Adjudication
{
    qint64 id = 0;
    QString uuid;
    qint64 responseId = 0;
    qint64 axisId = 0;
    std::optional<double> value;
    QString decidedBy;
    QString reasonCode;
    QString reason;
    QVector<qint64> consideredEventIds;
    QString createdAt;
};

} // namespace concord
