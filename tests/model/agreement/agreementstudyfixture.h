#pragma once

// The small study the study agreement tests share (tst_agreementanalysis, tst_judgeagreement), built once per test
// program, and the ratings and judge scores it holds written out by hand, so that every number the engine reports can
// be checked against a value computed independently of it.
//
// The study: 14 responses r0..r13 (cases c0..c6 with an "Aster" and a "Birch" response each, tasks "triage" for c0-c2
// and c6, "medication" for c3-c5), four physicians "Dr A".."Dr D" rating the risk axis (1-4, unsafe >= 3), and three
// judge runs: "judge-prob" with per-point probabilities, "judge-conf" with a confidence, and "judge-other" that only
// scores another axis.
#include "model/agreement/agreementanalysis.h"
#include "model/agreement/agreementdata.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "stats/cohenkappa.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

namespace concord::agreementtest {

inline constexpr double NA = std::numeric_limits<double>::quiet_NaN();
inline constexpr int kRated = 12;     // r0..r11 have physician values on risk
inline constexpr int kResponses = 14; // r12: judged only; r13: only "unable to assess"

inline const QStringList kPhysicians{QStringLiteral("Dr A"), QStringLiteral("Dr B"), QStringLiteral("Dr C"),
                                     QStringLiteral("Dr D")};

// The current risk ratings (NA: no current value), after the corrections made while building the study: Dr A rated r0
// 3 then 1; Dr B rated r5 2 then "unable"; Dr D rated r6 "unable" then 1; Dr C rated r3 4 then cleared it. "Unable to
// assess" (current): r2 Dr D, r5 Dr B, r8 Dr C, r8 Dr D, r13 Dr A, r13 Dr B — six in all.
inline const std::array<std::array<double, 4>, kRated> kRisk{{
    {1, 1, 2, 1},    // r0
    {2, 3, 3, 2},    // r1
    {4, 4, 3, NA},   // r2
    {1, 2, NA, 2},   // r3
    {3, 3, 4, 4},    // r4
    {2, NA, 2, 1},   // r5
    {1, 1, 1, 1},    // r6
    {3, 2, 3, NA},   // r7
    {2, 2, NA, NA},  // r8
    {4, 3, 4, 3},    // r9
    {1, 2, 1, 2},    // r10
    {NA, NA, NA, 3}, // r11
}};

// The consensus by hand, the median with the higher middle value for an even count:
// r0 {1,1,1,2} -> 1; r1 {2,2,3,3} -> 3; r2 {3,4,4} -> 4; r3 {1,2,2} -> 2; r4 {3,3,4,4} -> 4; r5 {1,2,2} -> 2;
// r6 {1,1,1,1} -> 1; r7 {2,3,3} -> 3; r8 {2,2} -> 2; r9 {3,3,4,4} -> 4; r10 {1,1,2,2} -> 2; r11 {3} -> 3;
// r12: no rating, no consensus.
inline const std::vector<double> kConsensus{1, 3, 4, 2, 4, 2, 1, 3, 2, 4, 2, 3, NA};

// judge-prob: the value and the probabilities of the points 1..4, for r0..r12.
inline const std::array<double, 13> kProbValue{1, 2, 4, 2, 3, 1, 1, 2, 3, 4, 2, 1, 2};
inline const std::array<std::array<double, 4>, 13> kProb{{
    {0.70, 0.15, 0.10, 0.05}, // r0: P(>= 3) = 0.15
    {0.05, 0.50, 0.35, 0.10}, // r1: 0.45
    {0.00, 0.05, 0.25, 0.70}, // r2: 0.95
    {0.20, 0.55, 0.20, 0.05}, // r3: 0.25
    {0.00, 0.15, 0.60, 0.25}, // r4: 0.85
    {0.60, 0.25, 0.10, 0.05}, // r5: 0.15
    {0.90, 0.05, 0.05, 0.00}, // r6: 0.05
    {0.10, 0.45, 0.40, 0.05}, // r7: 0.45
    {0.05, 0.30, 0.50, 0.15}, // r8: 0.65
    {0.00, 0.05, 0.30, 0.65}, // r9: 0.95
    {0.30, 0.45, 0.20, 0.05}, // r10: 0.25
    {0.50, 0.15, 0.25, 0.10}, // r11: 0.35
    {0.20, 0.50, 0.20, 0.10}, // r12: 0.30
}};
// P(risk >= 3) by hand: the sum of the probabilities of the points 3 and 4 above.
inline const std::vector<double> kProbPositive{0.15, 0.45, 0.95, 0.25, 0.85, 0.15, 0.05,
                                               0.45, 0.65, 0.95, 0.25, 0.35, 0.30};

// judge-conf: value and confidence for r0..r9 (it did not score r10..r13).
inline const std::array<double, 10> kConfValue{2, 3, 4, 1, 4, 2, 1, 3, 2, 3};
inline const std::array<double, 10> kConf{0.62, 0.83, 0.91, 0.72, 0.86, 0.57, 0.96, 0.64, 0.73, 0.77};
// P(risk >= 3) by hand: c where the value is >= 3, 1 - c where it is not.
inline const std::vector<double> kConfPositive{1 - 0.62, 0.83,     0.91, 1 - 0.72, 0.86,
                                               1 - 0.57, 1 - 0.96, 0.64, 1 - 0.73, 0.77};

inline bool close(double a, double b, double tolerance = 1e-9)
{
    return std::abs(a - b) <= tolerance;
}

inline const std::vector<double> kScale{1, 2, 3, 4};

inline stats::CohenKappaOptions quadraticKappa()
{
    stats::CohenKappaOptions options;
    options.weights.kind = stats::WeightKind::Quadratic;
    options.categories = kScale;
    return options;
}

inline QJsonObject axisOf(const QJsonObject &result, const QString &key)
{
    for (const QJsonValue &axis : result.value(QStringLiteral("axes")).toArray()) {
        if (axis.toObject().value(QStringLiteral("key")).toString() == key)
            return axis.toObject();
    }
    return {};
}

inline QJsonObject judgeOf(const QJsonObject &axis, const QString &name)
{
    for (const QJsonValue &judge : axis.value(QStringLiteral("judges")).toArray()) {
        if (judge.toObject().value(QStringLiteral("name")).toString() == name)
            return judge.toObject();
    }
    return {};
}

inline double valueOf(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key).toObject().value(QStringLiteral("value"));
    return value.isDouble() ? value.toDouble() : NA;
}

inline const JudgeAxisScores *judgeScores(const AxisAgreementData &data, const QString &name)
{
    for (const JudgeAxisScores &judge : data.judges) {
        if (judge.name == name)
            return &judge;
    }
    return nullptr;
}

// A test class derives from this and calls createStudy() from initTestCase(); the tests only read the study.
class AgreementStudyFixture
{
protected:
    QTemporaryDir m_dir;
    std::unique_ptr<Study> m_study;
    QVector<qint64> m_responses; // r0..r13
    QJsonObject m_risk;          // the risk axis' result with settings(): B = 200, seed 7

    void createStudy()
    {
        QVERIFY(m_dir.isValid());
        auto created = Study::create(m_dir.filePath(QStringLiteral("agreement.concord")),
                                     {.title = QStringLiteral("agreement"), .rubric = defaultRubric()});
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        m_study = std::move(created.value());
        const Status built = build();
        QVERIFY2(built.ok(), qPrintable(built.errorMessage()));
        QCOMPARE(m_responses.size(), kResponses);
        m_risk = riskResult(settings());
        QVERIFY(!m_risk.isEmpty());
    }

    AgreementSettings settings(quint64 seed = 7) const
    {
        AgreementSettings s;
        s.bootstrap = 200;
        s.seed = seed;
        return s;
    }

    AxisAgreementData riskData()
    {
        auto data = loadAgreementData(*m_study, QStringLiteral("risk"));
        if (!data.ok() || data->size() != 1)
            qFatal("cannot load the risk axis: %s", qPrintable(data.errorMessage()));
        return data->at(0);
    }

    QJsonObject riskResult(const AgreementSettings &s)
    {
        return axisOf(agreementAnalysis({riskData()}, s), QStringLiteral("risk"));
    }

    // The unit of response r (index into m_responses) in the loaded data, or -1.
    static int unitOf(const AxisAgreementData &data, qint64 responseId)
    {
        for (std::size_t u = 0; u < data.responseIds.size(); ++u) {
            if (data.responseIds[u] == responseId)
                return int(u);
        }
        return -1;
    }

    int responseIndex(qint64 responseId) const { return int(m_responses.indexOf(responseId)); }

    Status build()
    {
        return m_study->inTransaction([&]() -> Status {
            CaseStore cases(*m_study);
            AnnotatorStore annotators(*m_study);
            RatingStore ratings(*m_study);
            JudgeStore judges(*m_study);
            for (int c = 0; c < 7; ++c) {
                CaseRecord record;
                record.externalId = QStringLiteral("c%1").arg(c);
                record.task = (c >= 3 && c <= 5) ? QStringLiteral("medication") : QStringLiteral("triage");
                record.input = QStringLiteral("Question %1").arg(c);
                if (auto r = cases.insertCase(record); !r.ok())
                    return r.error();
                for (const QString &system : {QStringLiteral("Aster"), QStringLiteral("Birch")}) {
                    ResponseRecord response;
                    response.caseId = record.id;
                    response.externalId = system.toLower();
                    response.system = system;
                    // r_i has i + 3 words.
                    QStringList words;
                    for (int w = 0; w < int(m_responses.size()) + 3; ++w)
                        words << QStringLiteral("word");
                    response.text = words.join(QLatin1Char(' '));
                    if (auto r = cases.insertResponse(response); !r.ok())
                        return r.error();
                    m_responses << response.id;
                }
            }
            QVector<qint64> physician;
            for (const QString &name : kPhysicians) {
                auto annotator = annotators.ensureAnnotator(name);
                if (!annotator.ok())
                    return annotator.error();
                physician << annotator->id;
            }
            const Rubric &rubric = m_study->rubric();
            const qint64 risk = rubric.axis(QStringLiteral("risk"))->id;
            const auto rate = [&](int p, int r, RatingStatus status, std::optional<double> value,
                                  qint64 axis) -> Status {
                RatingEvent event;
                event.annotatorId = physician[p];
                event.responseId = m_responses[r];
                event.axisId = axis;
                event.status = status;
                event.value = value;
                if (auto e = ratings.append(event); !e.ok())
                    return e.error();
                return {};
            };
            // Events that a later one replaces.
            for (const auto &[p, r, status, value] :
                 {std::tuple{0, 0, RatingStatus::Value, std::optional<double>(3)},
                  std::tuple{1, 5, RatingStatus::Value, std::optional<double>(2)},
                  std::tuple{3, 6, RatingStatus::UnableToAssess, std::optional<double>()},
                  std::tuple{2, 3, RatingStatus::Value, std::optional<double>(4)}}) {
                if (auto s = rate(p, r, status, value, risk); !s.ok())
                    return s;
            }
            // The current ratings of kRisk.
            for (int r = 0; r < kRated; ++r) {
                for (int p = 0; p < 4; ++p) {
                    const double value = kRisk[std::size_t(r)][std::size_t(p)];
                    if (std::isnan(value))
                        continue;
                    if (auto s = rate(p, r, RatingStatus::Value, value, risk); !s.ok())
                        return s;
                }
            }
            for (const auto &[p, r] : {std::pair{3, 2}, std::pair{1, 5}, std::pair{2, 8}, std::pair{3, 8},
                                       std::pair{0, 13}, std::pair{1, 13}}) {
                if (auto s = rate(p, r, RatingStatus::UnableToAssess, std::nullopt, risk); !s.ok())
                    return s;
            }
            if (auto s = rate(2, 3, RatingStatus::Cleared, std::nullopt, risk); !s.ok())
                return s;
            // The reasoning axis: one "not applicable" next to a value.
            const qint64 reasoning = rubric.axis(QStringLiteral("reasoning"))->id;
            if (auto s = rate(0, 0, RatingStatus::NotApplicable, std::nullopt, reasoning); !s.ok())
                return s;
            if (auto s = rate(1, 0, RatingStatus::Value, 2, reasoning); !s.ok())
                return s;

            auto prob = judges.ensureRun(QStringLiteral("judge-prob"));
            auto conf = judges.ensureRun(QStringLiteral("judge-conf"));
            auto other = judges.ensureRun(QStringLiteral("judge-other"));
            if (!prob.ok() || !conf.ok() || !other.ok())
                return Error{QStringLiteral("cannot create the judge runs")};
            for (int r = 0; r < 13; ++r) {
                JudgeScore score;
                score.judgeRunId = prob->id;
                score.responseId = m_responses[r];
                score.axisId = risk;
                score.value = kProbValue[std::size_t(r)];
                for (int point = 1; point <= 4; ++point)
                    score.probabilities.push_back({double(point), kProb[std::size_t(r)][std::size_t(point - 1)]});
                if (auto s = validateJudgeScore(*rubric.axis(QStringLiteral("risk")), score); !s.ok())
                    return s;
                if (auto s = judges.insertScore(score); !s.ok())
                    return s.error();
            }
            for (int r = 0; r < 10; ++r) {
                JudgeScore score;
                score.judgeRunId = conf->id;
                score.responseId = m_responses[r];
                score.axisId = risk;
                score.value = kConfValue[std::size_t(r)];
                score.confidence = kConf[std::size_t(r)];
                if (auto s = judges.insertScore(score); !s.ok())
                    return s.error();
            }
            JudgeScore elsewhere;
            elsewhere.judgeRunId = other->id;
            elsewhere.responseId = m_responses[0];
            elsewhere.axisId = rubric.axis(QStringLiteral("commission_harm"))->id;
            elsewhere.value = 2;
            if (auto s = judges.insertScore(elsewhere); !s.ok())
                return s.error();
            // A score with probabilities and no value, which validateJudgeScore accepts ("give a value or
            // probabilities"): P(commission harm >= 3) = 0.25 + 0.15 = 0.4.
            JudgeScore probabilitiesOnly;
            probabilitiesOnly.judgeRunId = other->id;
            probabilitiesOnly.responseId = m_responses[1];
            probabilitiesOnly.axisId = elsewhere.axisId;
            probabilitiesOnly.probabilities = {{0, 0.1}, {1, 0.2}, {2, 0.3}, {3, 0.25}, {4, 0.15}};
            if (auto s = validateJudgeScore(*rubric.axis(QStringLiteral("commission_harm")), probabilitiesOnly);
                !s.ok())
                return s;
            if (auto s = judges.insertScore(probabilitiesOnly); !s.ok())
                return s.error();
            return {};
        });
    }
};

} // namespace concord::agreementtest
