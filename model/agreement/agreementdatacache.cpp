#include "model/agreement/agreementdatacache.h"

#include "model/store/adjudicationstore.h"
#include "model/store/analysisreadstore.h"
#include "model/store/annotatorstore.h"
#include "model/store/judgestore.h"
#include "model/store/trainingreferencestore.h"
#include "model/studyfile/study.h"

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

Status AgreementDataCache::readNewEvents(Study &study)
{
    auto newest = study.tableStamp(QStringLiteral("rating_event"));
    if (!newest.ok())
        return newest.error();
    // A locked analysis uses the events up to the lock only (model/studylead/analysislock.h).
    const qint64 lockedAt = study.meta(QStringLiteral("analysis_locked_event_id"), QStringLiteral("0")).toLongLong();
    const qint64 last = lockedAt > 0 ? std::min(lockedAt, newest->newestId) : newest->newestId;
    if (last < m_lastEventId) { // another file, one restored from a backup, or a lock before what was read
        m_lastEventId = 0;
        m_current.clear();
        m_currentRepeat.clear();
        m_eventsPerDay.clear();
    }
    // In id order, so a later event replaces an earlier one of the same target: the latest event wins.
    return visitRatingEvents(study, m_lastEventId, last, [this](const AnalysisRatingEvent &event) -> Status {
        m_lastEventId = event.id;
        ++m_eventsPerDay[event.day];
        if (event.responseId == 0)
            return {}; // a preference between responses: not a rating of one response
        const auto status = ratingStatusFromString(event.status);
        if (!status)
            return Error{
                QStringLiteral("rating event %1 has an unknown status '%2'").arg(m_lastEventId).arg(event.status)};
        auto &current = event.repeat ? m_currentRepeat : m_current;
        current[{event.axisId, event.responseId, event.annotatorId}] =
            CurrentRating{m_lastEventId, *status, event.value.value_or(0)};
        return {};
    });
}

Status AgreementDataCache::readTrainingResponses(Study &study)
{
    auto responses = trainingResponseIds(study);
    if (!responses.ok())
        return responses.error();
    m_trainingResponses = std::move(responses).value();
    return {};
}

Status AgreementDataCache::readResponsesIfChanged(Study &study)
{
    auto stamp = study.tableStamp(QStringLiteral("response"));
    if (!stamp.ok())
        return stamp.error();
    const std::pair seen{stamp->rows, stamp->newestId};
    if (seen == m_responsesSeen)
        return {};
    QHash<qint64, ResponseFacts> responses;
    auto read = visitAnalysisResponses(study, [&responses](const AnalysisResponse &response) -> Status {
        responses.insert(response.responseId, ResponseFacts{response.caseExternalId, response.task, response.system,
                                                            wordCount(response.text)});
        return {};
    });
    if (!read.ok())
        return read.error();
    m_responses = std::move(responses);
    m_responsesSeen = seen;
    return {};
}

Status AgreementDataCache::readJudgeScoresIfChanged(Study &study)
{
    auto runs = JudgeStore(study).runs();
    if (!runs.ok())
        return runs.error();
    m_runs = std::move(runs).value();
    auto stamp = study.tableStamp(QStringLiteral("judge_score"));
    if (!stamp.ok())
        return stamp.error();
    const std::pair seen{stamp->rows, stamp->newestId};
    if (seen == m_scoresSeen)
        return {};
    auto scores = JudgeStore(study).scoresByRun();
    if (!scores.ok())
        return scores.error();
    m_scoresByAxis.clear();
    for (JudgeScore &score : scores.value())
        m_scoresByAxis[score.axisId].push_back(std::move(score));
    m_scoresSeen = seen;
    return {};
}

AxisAgreementData AgreementDataCache::axisData(const Axis &axis, const QHash<qint64, QString> &annotatorNames) const
{
    AxisAgreementData data;
    data.axis = axis;
    struct Cell
    {
        qint64 response;
        QString physician;
        double value;
    };
    // The axis' current ratings by response, then physician name: the order fixes the units and the columns.
    std::vector<Cell> cells;
    for (auto it = m_current.lower_bound({axis.id, 0, 0}); it != m_current.end() && std::get<0>(it->first) == axis.id;
         ++it) {
        const CurrentRating &rating = it->second;
        if (m_trainingResponses.contains(std::get<1>(it->first)))
            continue;
        switch (rating.status) {
        case RatingStatus::Cleared:
            break;
        case RatingStatus::UnableToAssess:
            ++data.unableToAssess;
            break;
        case RatingStatus::NotApplicable:
            ++data.notApplicable;
            break;
        case RatingStatus::Value:
            cells.push_back({std::get<1>(it->first), annotatorNames.value(std::get<2>(it->first)), rating.value});
            break;
        }
    }
    std::stable_sort(cells.begin(), cells.end(), [](const Cell &a, const Cell &b) {
        return a.response != b.response ? a.response < b.response : a.physician < b.physician;
    });
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
    QHash<QString, int> physicianColumn;
    for (const Cell &cell : cells) {
        if (!physicianColumn.contains(cell.physician)) {
            physicianColumn.insert(cell.physician, int(data.physicians.size()));
            data.physicians << cell.physician;
        }
        unit(cell.response);
    }

    // Judge scores: one column per run that scored this axis.
    struct Score
    {
        std::size_t unit;
        int run;
        double value, positive, confidence;
    };
    std::vector<Score> scores;
    QHash<qint64, int> runIndex;
    for (int r = 0; r < m_runs.size(); ++r)
        runIndex.insert(m_runs[r].id, r);
    for (const JudgeScore &score : m_scoresByAxis.value(axis.id)) {
        if (!runIndex.contains(score.judgeRunId) || m_trainingResponses.contains(score.responseId))
            continue;
        // A score may give probabilities without a value: it then counts for calibration, not for kappa.
        double positive = kMissing, confidence = kMissing;
        if (!score.probabilities.isEmpty()) {
            double sum = 0, largest = 0;
            for (const auto &[point, p] : score.probabilities) {
                if (axis.binaryView && point >= axis.binaryView->threshold)
                    sum += p;
                if (score.value && point == *score.value)
                    confidence = p;
                largest = std::max(largest, p);
            }
            if (!score.value)
                confidence = largest;
            if (axis.binaryView)
                positive = sum;
        } else if (score.confidence && score.value) {
            confidence = *score.confidence;
            if (axis.binaryView)
                positive = *score.value >= axis.binaryView->threshold ? confidence : 1.0 - confidence;
        } else if (!score.value) {
            continue; // neither a value nor probabilities: nothing to use
        }
        scores.push_back({unit(score.responseId), runIndex.value(score.judgeRunId), score.value.value_or(kMissing),
                          positive, confidence});
    }

    const std::size_t units = data.responseIds.size();
    data.ratings = stats::RatingMatrix(units, std::size_t(data.physicians.size()));
    for (const Cell &cell : cells)
        data.ratings.set(unitOf.value(cell.response), std::size_t(physicianColumn.value(cell.physician)), cell.value);
    QVector<JudgeAxisScores> judges(m_runs.size());
    QVector<bool> judged(m_runs.size(), false);
    for (int r = 0; r < m_runs.size(); ++r) {
        judges[r].runId = m_runs[r].id;
        judges[r].name = m_runs[r].name;
        judges[r].value.assign(units, kMissing);
        judges[r].positiveProbability.assign(units, kMissing);
        judges[r].confidence.assign(units, kMissing);
    }
    for (const Score &score : scores) {
        judges[score.run].value[score.unit] = score.value;
        judges[score.run].positiveProbability[score.unit] = score.positive;
        judges[score.run].confidence[score.unit] = score.confidence;
        judged[score.run] = true;
    }
    for (int r = 0; r < judges.size(); ++r) {
        if (judged[r]) // runs that scored nothing on this axis are left out
            data.judges.push_back(std::move(judges[r]));
    }

    // What each unit is: its case, task, system and length.
    data.caseIds.resize(units);
    data.tasks.resize(units);
    data.systems.resize(units);
    data.responseWords.resize(units);
    for (std::size_t u = 0; u < units; ++u) {
        const ResponseFacts facts = m_responses.value(data.responseIds[u]);
        data.caseIds[u] = facts.caseId;
        data.tasks[u] = facts.task;
        data.systems[u] = facts.system;
        data.responseWords[u] = facts.words;
    }
    data.adjudicated.assign(units, kMissing);

    // Test-retest pairs: the repeat's current value next to the first showing's, where both are values.
    for (auto it = m_currentRepeat.lower_bound({axis.id, 0, 0});
         it != m_currentRepeat.end() && std::get<0>(it->first) == axis.id; ++it) {
        const auto first = m_current.find(it->first);
        if (it->second.status != RatingStatus::Value || first == m_current.end() ||
            first->second.status != RatingStatus::Value || !unitOf.contains(std::get<1>(it->first)))
            continue;
        const QString physician = annotatorNames.value(std::get<2>(it->first));
        data.repeatPairs.push_back({unitOf.value(std::get<1>(it->first)), physicianColumn.value(physician),
                                    first->second.value, it->second.value});
    }
    return data;
}

Result<QVector<AxisAgreementData>> AgreementDataCache::read(Study &study, const QString &axisKey)
{
    QVector<const Axis *> axes;
    for (const Axis &axis : study.rubric().axes) {
        if (axis.target == AxisTarget::Response && (axisKey.isEmpty() || axis.key == axisKey))
            axes.push_back(&axis);
    }
    if (axes.isEmpty()) {
        QStringList keys;
        for (const Axis &axis : study.rubric().axes) {
            if (axis.target == AxisTarget::Response)
                keys << axis.key;
        }
        return Error{QStringLiteral("axis '%1' is not a response axis of the study's rubric (%2)")
                         .arg(axisKey, keys.join(QStringLiteral(", ")))};
    }
    // One read transaction, so every table is seen at the same moment.
    return study.inReadSnapshot([&]() -> Result<QVector<AxisAgreementData>> {
        if (auto status = readNewEvents(study); !status.ok())
            return status.error();
        if (auto status = readTrainingResponses(study); !status.ok())
            return status.error();
        if (auto status = readResponsesIfChanged(study); !status.ok())
            return status.error();
        if (auto status = readJudgeScoresIfChanged(study); !status.ok())
            return status.error();
        auto annotators = AnnotatorStore(study).annotators();
        if (!annotators.ok())
            return annotators.error();
        QHash<qint64, QString> annotatorNames;
        for (const Annotator &annotator : annotators.value())
            annotatorNames.insert(annotator.id, annotator.name);
        QVector<AxisAgreementData> result;
        for (const Axis *axis : axes) {
            AxisAgreementData data = axisData(*axis, annotatorNames);
            // The study lead's adjudicated values (the latest decision per response and axis).
            auto decisions = AdjudicationStore(study).current(axis->id);
            if (!decisions.ok())
                return decisions.error();
            QHash<qint64, std::size_t> unitOf;
            for (std::size_t u = 0; u < data.responseIds.size(); ++u)
                unitOf.insert(data.responseIds[u], u);
            for (const Adjudication &decision : decisions.value()) {
                auto it = unitOf.constFind(decision.responseId);
                if (it != unitOf.constEnd() && decision.value)
                    data.adjudicated[*it] = *decision.value;
            }
            result.push_back(std::move(data));
        }
        return result;
    });
}

QVector<std::pair<QString, double>> AgreementDataCache::cumulativeEventsPerDay() const
{
    QVector<std::pair<QString, double>> progress;
    double total = 0;
    for (const auto &[day, count] : m_eventsPerDay) {
        total += double(count);
        progress.push_back({day, total});
    }
    return progress;
}

} // namespace concord
