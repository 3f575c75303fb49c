#pragma once

#include "model/agreement/agreementdata.h"
#include "model/domain/entities.h"

#include <QHash>
#include <QSet>
#include <map>

namespace concord {

// The study's agreement data kept between reads, so a live view reads only what changed: rating events are
// append-only, so a later read takes only the events added since (the current rating is the latest event per
// physician, response and axis); responses and judge scores are read again only when their count or newest id
// changed; annotator names and adjudications, which are small, are read every time. The first read reads everything
// and gives the same data as loadAgreementData() (which is this class used once). When the analysis is locked, only
// the events up to the lock are used.
class AgreementDataCache
{
public:
    // The response axes of the study's rubric (or only `axisKey`), as loadAgreementData() describes them.
    Result<QVector<AxisAgreementData>> read(Study &study, const QString &axisKey = {});

    // Rating events per day (UTC date), cumulative, of the events read so far: the rating progress.
    QVector<std::pair<QString, double>> cumulativeEventsPerDay() const;

private:
    struct CurrentRating
    {
        qint64 eventId = 0;
        RatingStatus status = RatingStatus::Value;
        double value = 0;
    };
    struct ResponseFacts
    {
        QString caseId, task, system;
        int words = 0;
    };
    // (axis, response, annotator) -> the latest event; cleared ratings are kept (they hide an earlier value).
    using RatingKey = std::tuple<qint64, qint64, qint64>;

    Status readNewEvents(Study &study);
    Status readTrainingResponses(Study &study);
    Status readResponsesIfChanged(Study &study);
    Status readJudgeScoresIfChanged(Study &study);
    AxisAgreementData axisData(const Axis &axis, const QHash<qint64, QString> &annotatorNames) const;

    qint64 m_lastEventId = 0;
    std::map<RatingKey, CurrentRating> m_current;
    std::map<RatingKey, CurrentRating> m_currentRepeat; // the same, of blinded repeat showings
    QSet<qint64> m_trainingResponses;                   // of training comparisons: never units
    std::map<QString, qint64> m_eventsPerDay;

    std::pair<qint64, qint64> m_responsesSeen{-1, -1}; // count and newest id when last read
    QHash<qint64, ResponseFacts> m_responses;

    std::pair<qint64, qint64> m_scoresSeen{-1, -1};
    QVector<JudgeRun> m_runs;
    QHash<qint64, QVector<JudgeScore>> m_scoresByAxis; // in the order of the runs, then of the scores' ids
};

} // namespace concord
