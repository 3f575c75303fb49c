#pragma once

#include "model/domain/result.h"
#include "model/domain/rubric.h"
#include "stats/ratingmatrix.h"

#include <QStringList>
#include <QVector>
#include <vector>

namespace concord {

class Study;

// One judge run's scores on an axis, aligned with the axis' units. NaN marks a unit without that number.
struct JudgeAxisScores
{
    qint64 runId = 0;
    QString name;
    std::vector<double> value;
    // P(value >= the axis' binary threshold): from the per-point probabilities when given, otherwise from a
    // confidence in the judge's own value (c when that value is positive, 1 - c when not).
    std::vector<double> positiveProbability;
    std::vector<double> confidence; // the confidence as given, or the probability of the value the judge chose
};

// Everything the agreement engine needs about one response axis, read in one pass and held as plain data, so the
// statistics can run on another thread. Units are the responses with a physician rating or a judge score on the axis;
// responses of training comparisons are never units, and ratings given in blinded repeats only enter repeatPairs.
struct AxisAgreementData
{
    Axis axis;
    std::vector<qint64> responseIds;
    std::vector<QString> caseIds; // the case's external id
    std::vector<QString> tasks;
    std::vector<QString> systems;
    std::vector<int> responseWords; // length of the response in words
    QStringList physicians;         // the columns of `ratings`, by name
    stats::RatingMatrix ratings;    // units x physicians; only values ("unable to assess" and the like are missing)
    std::size_t unableToAssess = 0; // current ratings left out because the physician could not assess
    std::size_t notApplicable = 0;  // ... or marked the axis not applicable
    QVector<JudgeAxisScores> judges;
    std::vector<double> adjudicated; // the study lead's latest consensus value per unit; NaN where none
    // Blinded repeats (test-retest): one entry per (physician, unit) with a value in both showings.
    struct RepeatPair
    {
        std::size_t unit = 0;
        int physician = 0; // column of `ratings`
        double first = 0, repeat = 0;
    };
    std::vector<RepeatPair> repeatPairs;

    std::vector<double> scalePoints() const;
};

// Physicians' current preferences on one comparison axis for comparisons of two responses, by the side the preferred
// response was shown on in that physician's assignment.
struct PreferenceSides
{
    Axis axis;
    std::size_t left = 0;
    std::size_t right = 0;
    std::size_t ties = 0;
    std::size_t sideUnknown = 0; // preferences without an assignment saying where each response was shown
};
Result<QVector<PreferenceSides>> loadPreferenceSides(Study &study);

// The units of `data` whose task and system match (an empty filter matches all), for subgroup views.
AxisAgreementData subsetOf(const AxisAgreementData &data, const QString &task, const QString &system);

// The response axes of the study's rubric (or only `axisKey`), each with the physicians' current ratings and every
// judge run's scores. An unknown axis key is an error naming the keys there are.
Result<QVector<AxisAgreementData>> loadAgreementData(Study &study, const QString &axisKey = {});

} // namespace concord
