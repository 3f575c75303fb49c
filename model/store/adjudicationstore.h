#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/studyfile/sqlutil.h"

#include <optional>

namespace concord {

class Study;

// A physician's current rating of a response, as the adjudication queue weighs it.
struct AdjudicationRating
{
    qint64 eventId = 0;
    qint64 annotatorId = 0;
    qint64 responseId = 0;
    qint64 axisId = 0;
    RatingStatus status = RatingStatus::Value; // a status this version does not know reads as a value
    std::optional<double> value;
    QString likelihood;
    QString comment;
};

// A judge run's score of a response, with a value.
struct AdjudicationJudgeScore
{
    qint64 axisId = 0;
    qint64 responseId = 0;
    QString run; // the run's name
    double value = 0;
};

// The response an adjudication item is about, with its case.
struct AdjudicationResponse
{
    qint64 caseRowId = 0; // the case's row id: the queue is in case import order
    QString caseExternalId;
    QString task;
    QString caseInput;
    QString responseText;
};

// What a decision records it was based on.
struct DecisionBasis
{
    QString responseUuid;
    QVector<qint64> consideredEventIds; // the physicians' current events on the target, in id order
};

// Consensus decisions of the study lead; the latest per (response, axis) is the adjudicated value. Also the reads of
// the adjudication queue, which weighs the physicians' current ratings and the judges' scores against them.
class AdjudicationStore
{
public:
    explicit AdjudicationStore(Study &study);
    Result<qint64> insert(Adjudication &adjudication);
    Result<QVector<Adjudication>> current(qint64 axisId = 0);
    // Whether any decision with a value was ever recorded (one withdrawn since counts too).
    Result<bool> anyDecisionWithValue();

    // The current ratings of responses, training responses left out, in annotator order.
    Result<QVector<AdjudicationRating>> ratingsToAdjudicate();
    // The scores with a value of the judge run named judgeRun (empty: of every run), in run order.
    Result<QVector<AdjudicationJudgeScore>> judgeScoresToAdjudicate(const QString &judgeRun);
    // None when the study has no such response; the statement is prepared once per store.
    Result<std::optional<AdjudicationResponse>> responseToAdjudicate(qint64 responseId);
    // None when the study has no such response.
    Result<std::optional<DecisionBasis>> decisionBasis(qint64 responseId, qint64 axisId);

private:
    Study &m_study;
    PreparedStatement m_responseToAdjudicate;
};

} // namespace concord
