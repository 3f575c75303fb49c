#pragma once

#include "model/domain/entities.h"
#include "model/domain/result.h"
#include "model/domain/rubric.h"
#include "model/studyfile/sqlutil.h"

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
    Result<qint64> scoreCount();

private:
    Study &m_study;
    PreparedStatement m_insertRun;
    PreparedStatement m_findRun;
    PreparedStatement m_insertScore;
};

QString probabilitiesToJson(const QVector<std::pair<double, double>> &probabilities);
QVector<std::pair<double, double>> probabilitiesFromJson(const QString &json);

} // namespace concord
