#include "model/agreementdata.h"

#include "model/annotationextrasstore.h"
#include "model/judgestore.h"
#include "model/study.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <limits>

namespace concord {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

int wordCount(const QString &text)
{
    int words = 0;
    bool inWord = false;
    for (const QChar c : text) {
        const bool space = c.isSpace();
        words += (!space && !inWord) ? 1 : 0;
        inWord = !space;
    }
    return words;
}

} // namespace

std::vector<double> AxisAgreementData::scalePoints() const
{
    std::vector<double> points;
    for (const ScalePoint &point : axis.points)
        points.push_back(point.value);
    return points;
}

Result<QVector<PreferenceSides>> loadPreferenceSides(Study &study)
{
    QVector<PreferenceSides> result;
    for (const Axis &axis : study.rubric().axes) {
        if (axis.target != AxisTarget::Comparison)
            continue;
        auto rows =
            study.exec(QStringLiteral("SELECT e.preferred_response_id, a.response_order_json FROM rating_event e"
                                      " LEFT JOIN assignment a ON a.annotator_id = e.annotator_id"
                                      " AND a.comparison_id = e.comparison_id"
                                      " WHERE e.id IN (SELECT max(id) FROM rating_event WHERE axis_id = ?"
                                      " AND comparison_id IS NOT NULL GROUP BY comparison_id, annotator_id)"
                                      " AND e.status = 'value'"),
                       {axis.id});
        if (!rows.ok())
            return rows.error();
        PreferenceSides sides;
        sides.axis = axis;
        while (rows->next()) {
            const qint64 preferred = rows->value(0).toLongLong();
            const QJsonArray order = QJsonDocument::fromJson(rows->value(1).toString().toUtf8()).array();
            if (preferred == 0) {
                ++sides.ties;
            } else if (order.size() != 2) {
                ++sides.sideUnknown;
            } else if (order.at(0).toInteger() == preferred) {
                ++sides.left;
            } else if (order.at(1).toInteger() == preferred) {
                ++sides.right;
            } else {
                ++sides.sideUnknown;
            }
        }
        result.push_back(sides);
    }
    return result;
}

Result<QVector<AxisAgreementData>> loadAgreementData(Study &study, const QString &axisKey)
{
    const Rubric &rubric = study.rubric();
    QVector<const Axis *> axes;
    for (const Axis &axis : rubric.axes) {
        if (axis.target == AxisTarget::Response && (axisKey.isEmpty() || axis.key == axisKey))
            axes.push_back(&axis);
    }
    if (axes.isEmpty()) {
        QStringList keys;
        for (const Axis &axis : rubric.axes) {
            if (axis.target == AxisTarget::Response)
                keys << axis.key;
        }
        return Error{QStringLiteral("axis '%1' is not a response axis of the study's rubric (%2)")
                         .arg(axisKey, keys.join(QStringLiteral(", ")))};
    }

    auto runs = JudgeStore(study).runs();
    if (!runs.ok())
        return runs.error();

    // What each response is, read once for every axis.
    struct ResponseFacts
    {
        QString caseId, task, system;
        int words = 0;
    };
    QHash<qint64, ResponseFacts> described;
    auto responses = study.exec(QStringLiteral("SELECT r.id, c.external_id, c.task, r.system, r.text FROM response r"
                                               " JOIN \"case\" c ON c.id = r.case_id"));
    if (!responses.ok())
        return responses.error();
    while (responses->next()) {
        described.insert(responses->value(0).toLongLong(),
                         ResponseFacts{responses->value(1).toString(), responses->value(2).toString(),
                                       responses->value(3).toString(), wordCount(responses->value(4).toString())});
    }

    QVector<AxisAgreementData> result;
    for (const Axis *axis : axes) {
        AxisAgreementData data;
        data.axis = *axis;
        // The physicians' current ratings of this axis (latest event per annotator and response).
        // The latest event per (response, annotator) of this axis, found on the covering index rating_event_by_target
        // rather than through the current_rating view, which groups the whole table.
        auto ratings = study.exec(QStringLiteral("SELECT e.response_id, e.annotator_id, n.name, e.status, e.value"
                                                 " FROM rating_event e JOIN annotator n ON n.id = e.annotator_id"
                                                 " WHERE e.id IN (SELECT max(id) FROM rating_event WHERE axis_id = ?"
                                                 " AND response_id IS NOT NULL GROUP BY response_id, annotator_id)"
                                                 " AND e.status <> 'cleared' ORDER BY e.response_id, n.name"),
                                  {axis->id});
        if (!ratings.ok())
            return ratings.error();
        struct Cell
        {
            qint64 response;
            int physician;
            double value;
        };
        std::vector<Cell> cells;
        QHash<qint64, int> physicianColumn;
        QHash<qint64, std::size_t> unitOf;
        const auto unit = [&](qint64 responseId) {
            auto it = unitOf.constFind(responseId);
            if (it != unitOf.constEnd())
                return *it;
            const std::size_t index = data.responseIds.size();
            unitOf.insert(responseId, index);
            data.responseIds.push_back(responseId);
            return index;
        };
        while (ratings->next()) {
            const qint64 responseId = ratings->value(0).toLongLong();
            const qint64 annotatorId = ratings->value(1).toLongLong();
            const QString status = ratings->value(3).toString();
            if (status == QLatin1String("unable")) {
                ++data.unableToAssess;
                continue;
            }
            if (status == QLatin1String("not_applicable")) {
                ++data.notApplicable;
                continue;
            }
            if (!physicianColumn.contains(annotatorId)) {
                physicianColumn.insert(annotatorId, int(data.physicians.size()));
                data.physicians << ratings->value(2).toString();
            }
            unit(responseId);
            cells.push_back({responseId, physicianColumn.value(annotatorId), ratings->value(4).toDouble()});
        }

        // Judge scores: one column per run.
        struct Score
        {
            qint64 response;
            int run;
            double value;
            double positive;
            double confidence;
        };
        std::vector<Score> scores;
        for (int r = 0; r < runs->size(); ++r) {
            auto judged = JudgeStore(study).scores(runs->at(r).id, axis->id);
            if (!judged.ok())
                return judged.error();
            for (const JudgeScore &score : judged.value()) {
                // A score may give probabilities without a value: it then counts for calibration, not for kappa.
                double positive = kMissing, confidence = kMissing;
                if (!score.probabilities.isEmpty()) {
                    double sum = 0, largest = 0;
                    for (const auto &[point, p] : score.probabilities) {
                        if (axis->binaryView && point >= axis->binaryView->threshold)
                            sum += p;
                        if (score.value && point == *score.value)
                            confidence = p;
                        largest = std::max(largest, p);
                    }
                    if (!score.value)
                        confidence = largest;
                    if (axis->binaryView)
                        positive = sum;
                } else if (score.confidence && score.value) {
                    confidence = *score.confidence;
                    if (axis->binaryView)
                        positive = *score.value >= axis->binaryView->threshold ? confidence : 1.0 - confidence;
                } else if (!score.value) {
                    continue; // neither a value nor probabilities: nothing to use
                }
                unit(score.responseId);
                scores.push_back({score.responseId, r, score.value.value_or(kMissing), positive, confidence});
            }
        }

        const std::size_t units = data.responseIds.size();
        data.ratings = stats::RatingMatrix(units, std::size_t(data.physicians.size()));
        for (const Cell &cell : cells)
            data.ratings.set(unitOf.value(cell.response), std::size_t(cell.physician), cell.value);
        for (const JudgeRun &run : runs.value()) {
            JudgeAxisScores judge;
            judge.runId = run.id;
            judge.name = run.name;
            judge.value.assign(units, kMissing);
            judge.positiveProbability.assign(units, kMissing);
            judge.confidence.assign(units, kMissing);
            data.judges.push_back(judge);
        }
        QVector<bool> judged(runs->size(), false);
        for (const Score &score : scores) {
            const std::size_t u = unitOf.value(score.response);
            JudgeAxisScores &judge = data.judges[score.run];
            judge.value[u] = score.value;
            judge.positiveProbability[u] = score.positive;
            judge.confidence[u] = score.confidence;
            judged[score.run] = true;
        }
        // Runs that scored nothing on this axis are left out.
        for (int r = int(data.judges.size()) - 1; r >= 0; --r) {
            if (!judged[r])
                data.judges.removeAt(r);
        }

        // The study lead's adjudicated values (the latest decision per response and axis).
        data.adjudicated.assign(units, kMissing);
        auto decisions = AdjudicationStore(study).current(axis->id);
        if (!decisions.ok())
            return decisions.error();
        for (const Adjudication &decision : decisions.value()) {
            auto it = unitOf.constFind(decision.responseId);
            if (it != unitOf.constEnd() && decision.value)
                data.adjudicated[*it] = *decision.value;
        }

        // What each unit is: its case, task, system and length.
        data.caseIds.resize(units);
        data.tasks.resize(units);
        data.systems.resize(units);
        data.responseWords.resize(units);
        for (std::size_t u = 0; u < units; ++u) {
            const ResponseFacts facts = described.value(data.responseIds[u]);
            data.caseIds[u] = facts.caseId;
            data.tasks[u] = facts.task;
            data.systems[u] = facts.system;
            data.responseWords[u] = facts.words;
        }
        result.push_back(std::move(data));
    }
    return result;
}

AxisAgreementData subsetOf(const AxisAgreementData &data, const QString &task, const QString &system)
{
    std::vector<std::size_t> keep;
    for (std::size_t u = 0; u < data.responseIds.size(); ++u) {
        if ((task.isEmpty() || data.tasks[u] == task) && (system.isEmpty() || data.systems[u] == system))
            keep.push_back(u);
    }
    AxisAgreementData subset;
    subset.axis = data.axis;
    subset.physicians = data.physicians;
    subset.ratings = data.ratings.selectUnits(keep);
    subset.unableToAssess = data.unableToAssess;
    subset.notApplicable = data.notApplicable;
    const auto pick = [&](const auto &values) {
        std::decay_t<decltype(values)> picked;
        for (std::size_t u : keep)
            picked.push_back(values[u]);
        return picked;
    };
    subset.responseIds = pick(data.responseIds);
    subset.caseIds = pick(data.caseIds);
    subset.tasks = pick(data.tasks);
    subset.systems = pick(data.systems);
    subset.responseWords = pick(data.responseWords);
    subset.adjudicated = pick(data.adjudicated);
    for (const JudgeAxisScores &judge : data.judges) {
        JudgeAxisScores part = judge;
        part.value = pick(judge.value);
        part.positiveProbability = pick(judge.positiveProbability);
        part.confidence = pick(judge.confidence);
        subset.judges.push_back(part);
    }
    return subset;
}

} // namespace concord
