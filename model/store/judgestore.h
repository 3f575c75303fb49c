#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/domain/rubric.h"
#include "model/studyfile/sqlutil.h"

#include <QHash>

namespace concord {

class Study;

// Checks a judge score against its axis: value on the scale, probabilities over the scale summing to 1,
// confidence in [0, 1]. The message names the field.
Status validateJudgeScore(const Axis &axis, const JudgeScore &score);

// LLM judge runs and their scores (value, optional per-point probabilities or a confidence, rationale).
class JudgeStore
{
public:
    explicit JudgeStore(Study &study);

    Result<qint64> insertRun(JudgeRun &run);
    Result<std::optional<JudgeRun>> runByName(const QString &name);
    Result<JudgeRun> ensureRun(const QString &name, const QString &sourceFile = {});
    Result<QVector<JudgeRun>> runs();

    Result<qint64> insertScore(JudgeScore &score);
    Result<QVector<JudgeScore>> scores(qint64 judgeRunId = 0, qint64 axisId = 0);
    // Every score without its uuid and rationale (the analysis has no use for them), by run, then in id order.
    Result<QVector<JudgeScore>> scoresByRun();
    Result<qint64> scoreCount();

private:
    Study &m_study;
    PreparedStatement m_insertRun;
    PreparedStatement m_findRun;
    PreparedStatement m_insertScore;
};

// How many scores each axis has, by axis id (axes without scores are missing); for readers holding a const Study.
Result<QHash<qint64, qint64>> judgeScoreCountsByAxis(const Study &study);
// How many scores each response has over all runs and axes, by response id (responses without scores are missing).
Result<QHash<qint64, qint64>> judgeScoreCountsByResponse(const Study &study);

QString probabilitiesToJson(const QVector<std::pair<double, double>> &probabilities);
QVector<std::pair<double, double>> probabilitiesFromJson(const QString &json);

} // namespace concord
