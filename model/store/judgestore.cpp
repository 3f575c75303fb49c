#include "model/store/judgestore.h"

#include "model/studyfile/study.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlRecord>
#include <cmath>

namespace concord {

Status validateJudgeScore(const Axis &axis, const JudgeScore &score)
{
    if (axis.target != AxisTarget::Response)
        return Error{QStringLiteral("field 'axis': judges score responses; '%1' rates comparisons").arg(axis.key)};
    if (score.value && !axis.hasPoint(*score.value))
        return Error{QStringLiteral("field 'value': %1 is not on the scale of axis '%2' (%3)")
                         .arg(*score.value)
                         .arg(axis.key, axis.describePoints())};
    if (score.confidence && !(*score.confidence >= 0.0 && *score.confidence <= 1.0))
        return Error{QStringLiteral("field 'confidence': %1 is outside [0, 1]").arg(*score.confidence)};
    if (!score.probabilities.isEmpty()) {
        double sum = 0;
        QSet<double> seen;
        for (const auto &[point, p] : score.probabilities) {
            // Two probabilities for one scale value cannot both be stored (the JSON keeps one per value).
            if (seen.contains(point))
                return Error{QStringLiteral("field 'probabilities': scale value %1 is given twice").arg(point)};
            seen.insert(point);
            if (!axis.hasPoint(point))
                return Error{QStringLiteral("field 'probabilities': %1 is not a scale point of axis '%2' (%3)")
                                 .arg(point)
                                 .arg(axis.key, axis.describePoints())};
            if (!(p >= 0.0 && p <= 1.0))
                return Error{
                    QStringLiteral("field 'probabilities': probability %1 for %2 is outside [0, 1]").arg(p).arg(point)};
            sum += p;
        }
        if (std::abs(sum - 1.0) > 1e-3)
            return Error{QStringLiteral("field 'probabilities': the probabilities sum to %1, not 1").arg(sum)};
    }
    if (!score.value && score.probabilities.isEmpty())
        return Error{QStringLiteral("field 'value' is missing (give a value or probabilities)")};
    return {};
}

QString probabilitiesToJson(const QVector<std::pair<double, double>> &probabilities)
{
    QJsonArray array;
    for (const auto &[point, p] : probabilities)
        array.append(QJsonArray{point, p});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QVector<std::pair<double, double>> probabilitiesFromJson(const QString &json)
{
    QVector<std::pair<double, double>> result;
    for (const auto &pair : QJsonDocument::fromJson(json.toUtf8()).array())
        result.push_back({pair.toArray().at(0).toDouble(), pair.toArray().at(1).toDouble()});
    return result;
}

JudgeStore::JudgeStore(Study &study)
    : m_study(study)
    , m_insertRun(study, QStringLiteral("INSERT INTO judge_run (uuid, name, model, prompt_version, settings_json,"
                                        " source_file, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"))
    , m_findRun(study, QStringLiteral("SELECT id, uuid, name, model, prompt_version, settings_json, source_file,"
                                      " created_at FROM judge_run WHERE name = ?"))
    , m_insertScore(study,
                    QStringLiteral("INSERT INTO judge_score (uuid, judge_run_id, response_id, axis_id, value,"
                                   " probabilities_json, confidence, rationale) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
{}

namespace {

// By name on every row: a study has a few runs.
JudgeRun readRun(const QSqlQuery &q)
{
    JudgeRun run;
    run.id = q.value(QStringLiteral("id")).toLongLong();
    run.uuid = q.value(QStringLiteral("uuid")).toString();
    run.name = q.value(QStringLiteral("name")).toString();
    run.model = q.value(QStringLiteral("model")).toString();
    run.promptVersion = q.value(QStringLiteral("prompt_version")).toString();
    run.settingsJson = q.value(QStringLiteral("settings_json")).toString();
    run.sourceFile = q.value(QStringLiteral("source_file")).toString();
    run.createdAt = q.value(QStringLiteral("created_at")).toString();
    return run;
}

// Where each column of a statement over judge_score is in its result, found by name once per query: the scores of a
// study run to hundreds of thousands. A column the statement does not select is -1.
struct ScoreColumns
{
    explicit ScoreColumns(const QSqlRecord &record)
        : id(record.indexOf(QStringLiteral("id")))
        , uuid(record.indexOf(QStringLiteral("uuid")))
        , judgeRunId(record.indexOf(QStringLiteral("judge_run_id")))
        , responseId(record.indexOf(QStringLiteral("response_id")))
        , axisId(record.indexOf(QStringLiteral("axis_id")))
        , value(record.indexOf(QStringLiteral("value")))
        , probabilities(record.indexOf(QStringLiteral("probabilities_json")))
        , confidence(record.indexOf(QStringLiteral("confidence")))
        , rationale(record.indexOf(QStringLiteral("rationale")))
    {}
    int id, uuid, judgeRunId, responseId, axisId, value, probabilities, confidence, rationale;
};

} // namespace

Result<qint64> JudgeStore::insertRun(JudgeRun &run)
{
    if (run.name.trimmed().isEmpty())
        return Error{QStringLiteral("a judge run needs a non-empty name")};
    if (run.uuid.isEmpty())
        run.uuid = Study::newUuid();
    if (run.createdAt.isEmpty())
        run.createdAt = Study::nowUtc();
    auto q = m_insertRun.run(
        {run.uuid, run.name, run.model, run.promptVersion, run.settingsJson, run.sourceFile, run.createdAt});
    if (!q.ok())
        return q.error();
    run.id = m_insertRun.lastInsertId();
    return run.id;
}

Result<std::optional<JudgeRun>> JudgeStore::runByName(const QString &name)
{
    auto q = m_findRun.run({name});
    if (!q.ok())
        return q.error();
    std::optional<JudgeRun> found;
    if (q.value()->next())
        found = readRun(*q.value());
    q.value()->finish();
    return found;
}

Result<JudgeRun> JudgeStore::ensureRun(const QString &name, const QString &sourceFile)
{
    auto existing = runByName(name);
    if (!existing.ok())
        return existing.error();
    if (existing.value())
        return *existing.value();
    JudgeRun run;
    run.name = name;
    run.model = name;
    run.sourceFile = sourceFile;
    auto id = insertRun(run);
    if (!id.ok())
        return id.error();
    return run;
}

Result<QVector<JudgeRun>> JudgeStore::runs()
{
    auto q = m_study.exec(QStringLiteral("SELECT id, uuid, name, model, prompt_version, settings_json, source_file,"
                                         " created_at FROM judge_run ORDER BY id"));
    if (!q.ok())
        return q.error();
    QVector<JudgeRun> result;
    while (q->next())
        result.push_back(readRun(q.value()));
    return result;
}

Result<qint64> JudgeStore::insertScore(JudgeScore &score)
{
    if (score.uuid.isEmpty())
        score.uuid = Study::newUuid();
    QVariant probabilities{QMetaType(QMetaType::QString)};
    if (!score.probabilities.isEmpty())
        probabilities = probabilitiesToJson(score.probabilities);
    auto q =
        m_insertScore.run({score.uuid, score.judgeRunId, score.responseId, score.axisId, nullableDouble(score.value),
                           probabilities, nullableDouble(score.confidence), score.rationale});
    if (!q.ok())
        return q.error();
    score.id = m_insertScore.lastInsertId();
    return score.id;
}

Result<QVector<JudgeScore>> JudgeStore::scores(qint64 judgeRunId, qint64 axisId)
{
    QString sql = QStringLiteral("SELECT id, uuid, judge_run_id, response_id, axis_id, value, probabilities_json,"
                                 " confidence, rationale FROM judge_score WHERE 1 = 1");
    QVariantList bindings;
    if (judgeRunId > 0) {
        sql += QStringLiteral(" AND judge_run_id = ?");
        bindings << judgeRunId;
    }
    if (axisId > 0) {
        sql += QStringLiteral(" AND axis_id = ?");
        bindings << axisId;
    }
    sql += QStringLiteral(" ORDER BY id");
    auto q = m_study.exec(sql, bindings);
    if (!q.ok())
        return q.error();
    const ScoreColumns col(q->record());
    QVector<JudgeScore> result;
    while (q->next()) {
        JudgeScore s;
        s.id = q->value(col.id).toLongLong();
        s.uuid = q->value(col.uuid).toString();
        s.judgeRunId = q->value(col.judgeRunId).toLongLong();
        s.responseId = q->value(col.responseId).toLongLong();
        s.axisId = q->value(col.axisId).toLongLong();
        s.value = optionalDouble(q->value(col.value));
        if (!q->value(col.probabilities).isNull())
            s.probabilities = probabilitiesFromJson(q->value(col.probabilities).toString());
        s.confidence = optionalDouble(q->value(col.confidence));
        s.rationale = q->value(col.rationale).toString();
        result.push_back(s);
    }
    return result;
}

Result<QVector<JudgeScore>> JudgeStore::scoresByRun()
{
    auto q = m_study.exec(QStringLiteral("SELECT id, judge_run_id, response_id, axis_id, value, probabilities_json,"
                                         " confidence FROM judge_score ORDER BY judge_run_id, id"));
    if (!q.ok())
        return q.error();
    const ScoreColumns col(q->record());
    QVector<JudgeScore> result;
    while (q->next()) {
        JudgeScore score;
        score.id = q->value(col.id).toLongLong();
        score.judgeRunId = q->value(col.judgeRunId).toLongLong();
        score.responseId = q->value(col.responseId).toLongLong();
        score.axisId = q->value(col.axisId).toLongLong();
        score.value = optionalDouble(q->value(col.value));
        if (const QVariant probabilities = q->value(col.probabilities); !probabilities.isNull())
            score.probabilities = probabilitiesFromJson(probabilities.toString());
        score.confidence = optionalDouble(q->value(col.confidence));
        result.push_back(std::move(score));
    }
    return result;
}

Result<qint64> JudgeStore::scoreCount()
{
    auto q = m_study.exec(QStringLiteral("SELECT count(*) FROM judge_score"));
    if (!q.ok())
        return q.error();
    q->next();
    return q->value(0).toLongLong();
}

Result<QHash<qint64, qint64>> judgeScoreCountsByAxis(const Study &study)
{
    auto q = study.exec(QStringLiteral("SELECT axis_id, count(*) AS scores FROM judge_score GROUP BY axis_id"));
    if (!q.ok())
        return q.error();
    QHash<qint64, qint64> counts;
    while (q->next())
        counts[q->value(QStringLiteral("axis_id")).toLongLong()] = q->value(QStringLiteral("scores")).toLongLong();
    return counts;
}

Result<QHash<qint64, qint64>> judgeScoreCountsByResponse(const Study &study)
{
    auto q = study.exec(QStringLiteral("SELECT response_id, count(*) AS scores FROM judge_score GROUP BY response_id"));
    if (!q.ok())
        return q.error();
    // One row per response: each column is found by name once, not on every row.
    const int response = q->record().indexOf(QStringLiteral("response_id"));
    const int scores = q->record().indexOf(QStringLiteral("scores"));
    QHash<qint64, qint64> counts;
    while (q->next())
        counts[q->value(response).toLongLong()] = q->value(scores).toLongLong();
    // A read that stops part way (the file went away) is an error, not fewer scores.
    if (q->lastError().isValid())
        return databaseError(study.path(), q.value());
    return counts;
}

} // namespace concord
