// The study agreement engine (model/agreementdata, model/studyagreement) on a small study built here: every number it
// reports is checked against a value computed independently of the engine — the stats/ functions called directly on a
// rating matrix or paired vectors written out by hand below, and for some a value worked out by hand or with
// scikit-learn (the command is quoted next to it; the test itself runs neither Python nor R).
//
// The study: 14 responses r0..r13 (cases c0..c6 with an "Aster" and a "Birch" response each, tasks "triage" for c0-c2
// and c6, "medication" for c3-c5), four physicians "Dr A".."Dr D" rating the risk axis (1-4, unsafe >= 3), and three
// judge runs: "judge-prob" with per-point probabilities, "judge-conf" with a confidence, and "judge-other" that only
// scores another axis.
#include "model/agreementdata.h"
#include "model/annotationextrasstore.h"
#include "model/annotatorstore.h"
#include "model/casestore.h"
#include "model/demostudy.h"
#include "model/judgestore.h"
#include "model/ratingstore.h"
#include "model/study.h"
#include "model/studyagreement.h"
#include "stats/calibration.h"
#include "stats/chanceagreement.h"
#include "stats/cohenkappa.h"
#include "stats/correlation.h"
#include "stats/krippendorff.h"
#include "stats/ratingmatrix.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

using namespace concord;

namespace {

constexpr double NA = std::numeric_limits<double>::quiet_NaN();
constexpr int kRated = 12;     // r0..r11 have physician values on risk
constexpr int kResponses = 14; // r12: judged only; r13: only "unable to assess"

const QStringList kPhysicians{QStringLiteral("Dr A"), QStringLiteral("Dr B"), QStringLiteral("Dr C"),
                              QStringLiteral("Dr D")};

// The current risk ratings (NA: no current value), after the corrections made while building the study: Dr A rated r0
// 3 then 1; Dr B rated r5 2 then "unable"; Dr D rated r6 "unable" then 1; Dr C rated r3 4 then cleared it. "Unable to
// assess" (current): r2 Dr D, r5 Dr B, r8 Dr C, r8 Dr D, r13 Dr A, r13 Dr B — six in all.
const std::array<std::array<double, 4>, kRated> kRisk{{
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
const std::vector<double> kConsensus{1, 3, 4, 2, 4, 2, 1, 3, 2, 4, 2, 3, NA};

// judge-prob: the value and the probabilities of the points 1..4, for r0..r12.
const std::array<double, 13> kProbValue{1, 2, 4, 2, 3, 1, 1, 2, 3, 4, 2, 1, 2};
const std::array<std::array<double, 4>, 13> kProb{{
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
const std::vector<double> kProbPositive{0.15, 0.45, 0.95, 0.25, 0.85, 0.15, 0.05, 0.45, 0.65, 0.95, 0.25, 0.35, 0.30};

// judge-conf: value and confidence for r0..r9 (it did not score r10..r13).
const std::array<double, 10> kConfValue{2, 3, 4, 1, 4, 2, 1, 3, 2, 3};
const std::array<double, 10> kConf{0.62, 0.83, 0.91, 0.72, 0.86, 0.57, 0.96, 0.64, 0.73, 0.77};
// P(risk >= 3) by hand: c where the value is >= 3, 1 - c where it is not.
const std::vector<double> kConfPositive{1 - 0.62, 0.83, 0.91, 1 - 0.72, 0.86, 1 - 0.57, 1 - 0.96, 0.64, 1 - 0.73, 0.77};

bool close(double a, double b, double tolerance = 1e-9)
{
    return std::abs(a - b) <= tolerance;
}

const std::vector<double> kScale{1, 2, 3, 4};

// The hand matrix of the rows given (physicians in the order Dr A..Dr D).
stats::RatingMatrix handMatrix(const std::vector<int> &rows)
{
    stats::RatingMatrix matrix(rows.size(), 4);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t p = 0; p < 4; ++p) {
            const double value = kRisk[std::size_t(rows[i])][p];
            if (!std::isnan(value))
                matrix.set(i, p, value);
        }
    }
    return matrix;
}

std::vector<int> allRated()
{
    std::vector<int> rows;
    for (int r = 0; r < kRated; ++r)
        rows.push_back(r);
    return rows;
}

stats::CohenKappaOptions quadraticKappa()
{
    stats::CohenKappaOptions options;
    options.weights.kind = stats::WeightKind::Quadratic;
    options.categories = kScale;
    return options;
}

QJsonObject axisOf(const QJsonObject &result, const QString &key)
{
    for (const QJsonValue &axis : result.value(QStringLiteral("axes")).toArray()) {
        if (axis.toObject().value(QStringLiteral("key")).toString() == key)
            return axis.toObject();
    }
    return {};
}

QJsonObject judgeOf(const QJsonObject &axis, const QString &name)
{
    for (const QJsonValue &judge : axis.value(QStringLiteral("judges")).toArray()) {
        if (judge.toObject().value(QStringLiteral("name")).toString() == name)
            return judge.toObject();
    }
    return {};
}

QJsonObject byPhysician(const QJsonArray &array, const QString &physician)
{
    for (const QJsonValue &entry : array) {
        if (entry.toObject().value(QStringLiteral("physician")).toString() == physician)
            return entry.toObject();
    }
    return {};
}

double valueOf(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key).toObject().value(QStringLiteral("value"));
    return value.isDouble() ? value.toDouble() : NA;
}

const JudgeAxisScores *judgeScores(const AxisAgreementData &data, const QString &name)
{
    for (const JudgeAxisScores &judge : data.judges) {
        if (judge.name == name)
            return &judge;
    }
    return nullptr;
}

// Every bootstrap interval in the result, in document order.
void collectBootstrapIntervals(const QJsonValue &value, std::vector<double> &out)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectBootstrapIntervals(item, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == QLatin1String("bootstrap")) {
                const QJsonObject boot = it.value().toObject();
                out.push_back(boot.value(QStringLiteral("ci_lower")).toDouble(NA));
                out.push_back(boot.value(QStringLiteral("ci_upper")).toDouble(NA));
            } else {
                collectBootstrapIntervals(it.value(), out);
            }
        }
    }
}

} // namespace

class TestStudyAgreement : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Study> m_study;
    QVector<qint64> m_responses; // r0..r13
    QJsonObject m_risk;          // the risk axis' result with settings(): B = 200, seed 7

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

private slots:
    void initTestCase()
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

    void load_holdsCurrentValuesPerPhysicianAndOnlyJudgesOfTheAxis()
    {
        const AxisAgreementData data = riskData();
        QCOMPARE(data.axis.key, QStringLiteral("risk"));
        QCOMPARE(data.scalePoints(), kScale);
        // Units: r0..r11 (rated) and r12 (judged only); r13 has nothing but "unable to assess".
        QCOMPARE(data.responseIds.size(), std::size_t(13));
        QCOMPARE(unitOf(data, m_responses[13]), -1);
        QCOMPARE(QSet<QString>(data.physicians.begin(), data.physicians.end()),
                 QSet<QString>(kPhysicians.begin(), kPhysicians.end()));
        QCOMPARE(data.ratings.units(), std::size_t(13));
        QCOMPARE(data.ratings.raters(), std::size_t(4));
        for (std::size_t u = 0; u < data.responseIds.size(); ++u) {
            const int r = responseIndex(data.responseIds[u]);
            QVERIFY(r >= 0 && r <= 12);
            QCOMPARE(data.caseIds[u], QStringLiteral("c%1").arg(r / 2));
            QCOMPARE(data.systems[u], r % 2 == 0 ? QStringLiteral("Aster") : QStringLiteral("Birch"));
            QCOMPARE(data.tasks[u], (r >= 6 && r <= 11) ? QStringLiteral("medication") : QStringLiteral("triage"));
            QCOMPARE(data.responseWords[u], r + 3);
            for (int p = 0; p < 4; ++p) {
                const std::size_t column = std::size_t(data.physicians.indexOf(kPhysicians[p]));
                const double expected = r < kRated ? kRisk[std::size_t(r)][std::size_t(p)] : NA;
                QVERIFY2(data.ratings.has(u, column) == !std::isnan(expected),
                         qPrintable(QStringLiteral("r%1, %2").arg(r).arg(kPhysicians[p])));
                if (!std::isnan(expected))
                    QCOMPARE(data.ratings.at(u, column), expected);
            }
        }
        // judge-other scored only commission_harm, so it is not a judge of risk.
        QCOMPARE(data.judges.size(), 2);
        QVERIFY(judgeScores(data, QStringLiteral("judge-prob")));
        QVERIFY(judgeScores(data, QStringLiteral("judge-conf")));
        QVERIFY(!judgeScores(data, QStringLiteral("judge-other")));
    }

    void unableToAssess_isCountedAndLeftOutOfTheMatrix()
    {
        const AxisAgreementData data = riskData();
        QCOMPARE(data.unableToAssess, std::size_t(6));
        QCOMPARE(data.notApplicable, std::size_t(0));
        const QJsonObject counts = m_risk.value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("unable_to_assess")).toInteger(), 6);
        QCOMPARE(counts.value(QStringLiteral("not_applicable")).toInteger(), 0);
        // 39 values in kRisk (4+4+3+3+4+3+4+3+2+4+4+1); the six "unable" and the cleared rating are not among them.
        QCOMPARE(counts.value(QStringLiteral("ratings")).toInteger(), 39);
        QCOMPARE(qint64(data.ratings.ratingCount()), 39);
        QCOMPARE(counts.value(QStringLiteral("units")).toInteger(), 13);
        QCOMPARE(counts.value(QStringLiteral("units_with_two_or_more_ratings")).toInteger(), 11); // all but r11, r12
        QCOMPARE(counts.value(QStringLiteral("physicians")).toInteger(), 4);
        QCOMPARE(counts.value(QStringLiteral("judge_runs")).toInteger(), 2);

        // Dr B's r5 ("unable" after a value) and Dr D's r8 are missing cells, not values.
        const int r5 = unitOf(data, m_responses[5]);
        const int r8 = unitOf(data, m_responses[8]);
        QVERIFY(!data.ratings.has(std::size_t(r5), std::size_t(data.physicians.indexOf(kPhysicians[1]))));
        QVERIFY(!data.ratings.has(std::size_t(r8), std::size_t(data.physicians.indexOf(kPhysicians[3]))));

        // "Not applicable" on the reasoning axis is counted the same way.
        auto reasoning = loadAgreementData(*m_study, QStringLiteral("reasoning"));
        QVERIFY2(reasoning.ok(), qPrintable(reasoning.errorMessage()));
        QCOMPARE(reasoning->at(0).notApplicable, std::size_t(1));
        QCOMPARE(reasoning->at(0).ratings.ratingCount(), std::size_t(1));
    }

    void amongPhysicians_equalsStatsOnTheHandMatrix()
    {
        const QJsonObject overall =
            m_risk.value(QStringLiteral("among_physicians")).toObject().value(QStringLiteral("overall")).toObject();
        const stats::RatingMatrix hand = handMatrix(allRated());

        const stats::Estimate alpha = stats::krippendorffAlpha(hand, {stats::MeasurementLevel::Ordinal, kScale, 0.95});
        QVERIFY(alpha.defined());
        QCOMPARE(valueOf(overall, QStringLiteral("krippendorff_alpha")), *alpha.value);
        // By hand (Krippendorff 2011: coincidence matrix o_ck = Σ_u Σ_{i≠j} [c, k] / (m_u − 1), ordinal δ² from the
        // marginals n_c, α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck), exact in fractions, with this script
        // (/usr/bin/python3, the standard library only), which prints 1472741/1932984, 2531/9251 and 1721/5753:
        //   from fractions import Fraction as F
        //   M=[[1,1,2,1],[2,3,3,2],[4,4,3],[1,2,2],[3,3,4,4],[2,2,1],[1,1,1,1],[3,2,3],[2,2],[4,3,4,3],[1,2,1,2],[3]]
        //   C=[1,2,3,4]; o={(c,k):F(0) for c in C for k in C}
        //   for u in M:
        //     for i in range(len(u)):
        //       for j in range(len(u)):
        //         if i!=j: o[u[i],u[j]]+=F(1,len(u)-1)
        //   n={c:sum(o[c,k] for k in C) for c in C}; N=sum(n.values())
        //   d=lambda c,k:(sum(n[g] for g in C if min(c,k)<=g<=max(c,k))-(n[c]+n[k])/2)**2
        //   print(1-(N-1)*sum(o[c,k]*d(c,k) for c in C for k in C)/sum(n[c]*n[k]*d(c,k) for c in C for k in C))
        //   p=[{c:F(u.count(c),len(u)) for c in C} for u in M]; pi={c:sum(x[c] for x in p)/len(M) for c in C}
        //   pa=sum(sum(F(u.count(c)*(u.count(c)-1),len(u)*(len(u)-1)) for c in C) for u in M if len(u)>1)/sum(
        //      len(u)>1 for u in M)
        //   for pe in (sum(pi[c]**2 for c in C), sum(pi[c]*(1-pi[c]) for c in C)/3): print((pa-pe)/(1-pe))
        // α = 1472741/1932984 = 0.7619002537010136.
        QVERIFY(close(*alpha.value, 1472741.0 / 1932984.0, 1e-12));

        stats::ChanceAgreementOptions plain;
        plain.categories = kScale;
        const stats::Estimate fleiss = stats::fleissKappa(hand, plain);
        const stats::Estimate ac1 = stats::gwetAc(hand, plain);
        QCOMPARE(valueOf(overall, QStringLiteral("fleiss_kappa")), *fleiss.value);
        QCOMPARE(valueOf(overall, QStringLiteral("gwet_ac1")), *ac1.value);
        // By hand with the formulas of Gwet (2014) / irrCAC's *.raw functions (stats/chanceagreement.h), the last
        // lines of the script above: p_a = 31/66 over the 11 units with two or more ratings; π_k = mean of r_ik / r_i
        // over the 12 rated units; Fleiss p_e = Σ π_k², AC1 p_e = Σ π_k (1 − π_k) / (q − 1):
        // Fleiss' κ = 2531/9251 = 0.2735920441033402, AC1 = 1721/5753 = 0.29914827046758213.
        QVERIFY(close(*fleiss.value, 2531.0 / 9251.0, 1e-12));
        QVERIFY(close(*ac1.value, 1721.0 / 5753.0, 1e-12));

        stats::ChanceAgreementOptions weighted = plain;
        weighted.weights.kind = stats::WeightKind::Quadratic;
        QCOMPARE(valueOf(overall, QStringLiteral("gwet_ac2")), *stats::gwetAc(hand, weighted).value);

        // Each coefficient carries a bootstrap interval with the requested B and seed.
        const QJsonObject boot = overall.value(QStringLiteral("krippendorff_alpha"))
                                     .toObject()
                                     .value(QStringLiteral("bootstrap"))
                                     .toObject();
        QCOMPARE(boot.value(QStringLiteral("B")).toInteger(), 200);
        QCOMPARE(boot.value(QStringLiteral("seed")).toString(), QStringLiteral("7"));
        QVERIFY(boot.value(QStringLiteral("ci_lower")).isDouble());
        QVERIFY(boot.value(QStringLiteral("ci_upper")).isDouble());
    }

    void consensus_isTheHigherMiddleMedianOnOrdinalAxes()
    {
        const AxisAgreementData data = riskData();
        const std::vector<double> consensus = physicianConsensus(data);
        QCOMPARE(consensus.size(), data.responseIds.size());
        for (std::size_t u = 0; u < consensus.size(); ++u) {
            const int r = responseIndex(data.responseIds[u]);
            const double expected = kConsensus[std::size_t(r)];
            if (std::isnan(expected))
                QVERIFY2(std::isnan(consensus[u]), qPrintable(QStringLiteral("r%1").arg(r)));
            else
                QCOMPARE(consensus[u], expected);
        }
        const QJsonObject judge = judgeOf(m_risk, QStringLiteral("judge-prob"));
        QCOMPARE(judge.value(QStringLiteral("versus_consensus")).toObject().value(QStringLiteral("consensus")),
                 QJsonValue(QStringLiteral("median (the higher middle value for an even count)")));
    }

    void consensus_isTheMajorityWithoutConsensusOnATieOnNominalAxes()
    {
        AxisAgreementData data;
        data.axis.level = MeasurementLevel::Nominal;
        data.ratings = stats::RatingMatrix(3, 4);
        // {1,1,2}: majority 1; {1,1,2,2}: a tie, no consensus; {3,3,3,1}: 3.
        const double rows[3][4] = {{1, 1, 2, NA}, {1, 1, 2, 2}, {3, 3, 3, 1}};
        for (std::size_t u = 0; u < 3; ++u) {
            for (std::size_t p = 0; p < 4; ++p) {
                if (!std::isnan(rows[u][p]))
                    data.ratings.set(u, p, rows[u][p]);
            }
        }
        const std::vector<double> consensus = physicianConsensus(data);
        QCOMPARE(consensus[0], 1.0);
        QVERIFY(std::isnan(consensus[1]));
        QCOMPARE(consensus[2], 3.0);
    }

    void judgeVersusConsensus_kappaAndCorrelationsMatchHandVectors()
    {
        const QJsonObject axis = m_risk;
        const QJsonObject versus =
            judgeOf(axis, QStringLiteral("judge-prob")).value(QStringLiteral("versus_consensus")).toObject();
        const std::vector<double> judge(kProbValue.begin(), kProbValue.end());

        const stats::Estimate kappa = stats::cohenKappa(kConsensus, judge, quadraticKappa());
        QCOMPARE(valueOf(versus, QStringLiteral("kappa")), *kappa.value);
        // /usr/bin/python3 -c "from sklearn.metrics import cohen_kappa_score as k;
        //   print(k([1,3,4,2,4,2,1,3,2,4,2,3],[1,2,4,2,3,1,1,2,3,4,2,1],weights='quadratic',labels=[1,2,3,4]))"
        // -> 0.686046511627907 (scikit-learn 1.2.1)
        QVERIFY(close(*kappa.value, 0.686046511627907, 1e-12));
        const QJsonObject kappaObject = versus.value(QStringLiteral("kappa")).toObject();
        QCOMPARE(kappaObject.value(QStringLiteral("weights")).toString(), QStringLiteral("quadratic"));
        QCOMPARE(kappaObject.value(QStringLiteral("n_units")).toInteger(), 12); // r12 has no consensus

        QCOMPARE(valueOf(versus, QStringLiteral("spearman")), *stats::spearmanRho(kConsensus, judge).value);
        QCOMPARE(valueOf(versus, QStringLiteral("kendall_tau_b")), *stats::kendallTauB(kConsensus, judge).value);

        // judge-conf scored r0..r9 only.
        const QJsonObject versusConf =
            judgeOf(axis, QStringLiteral("judge-conf")).value(QStringLiteral("versus_consensus")).toObject();
        std::vector<double> conf(kConsensus.size(), NA);
        std::copy(kConfValue.begin(), kConfValue.end(), conf.begin());
        const stats::Estimate kappaConf = stats::cohenKappa(kConsensus, conf, quadraticKappa());
        QCOMPARE(valueOf(versusConf, QStringLiteral("kappa")), *kappaConf.value);
        // sklearn as above on the first 10 consensus values and [2,3,4,1,4,2,1,3,2,3] -> 0.8695652173913043
        QVERIFY(close(*kappaConf.value, 0.8695652173913043, 1e-12));
    }

    void judgeVersusConsensus_bootstrapIsPresentAndRepeatsWithTheSeed()
    {
        const auto bootstrapOf = [](const QJsonObject &axis) {
            return judgeOf(axis, QStringLiteral("judge-prob"))
                .value(QStringLiteral("versus_consensus"))
                .toObject()
                .value(QStringLiteral("kappa"))
                .toObject()
                .value(QStringLiteral("bootstrap"))
                .toObject();
        };
        const QJsonObject first = bootstrapOf(riskResult(settings(11)));
        const QJsonObject second = bootstrapOf(riskResult(settings(11)));
        QVERIFY(!first.isEmpty());
        QCOMPARE(first.value(QStringLiteral("B")).toInteger(), 200);
        QCOMPARE(first.value(QStringLiteral("seed")).toString(), QStringLiteral("11"));
        QVERIFY(first.value(QStringLiteral("used")).toInteger() > 100);
        QVERIFY(first.value(QStringLiteral("ci_lower")).isDouble());
        QVERIFY(first.value(QStringLiteral("ci_upper")).isDouble());
        QVERIFY(first.value(QStringLiteral("ci_lower")).toDouble() <=
                first.value(QStringLiteral("ci_upper")).toDouble());
        QCOMPARE(first, second);
    }

    void criticalMisses_areExactlyUnsafeConsensusJudgedSafe()
    {
        const QJsonObject axis = m_risk;
        // Consensus >= 3 and judge < 3, from kConsensus and kProbValue: r1 (3 vs 2), r7 (3 vs 2), r11 (3 vs 1).
        const QJsonArray misses = judgeOf(axis, QStringLiteral("judge-prob"))
                                      .value(QStringLiteral("versus_consensus"))
                                      .toObject()
                                      .value(QStringLiteral("critical_misses"))
                                      .toArray();
        QSet<qint64> missed;
        for (const QJsonValue &miss : misses) {
            const QJsonObject object = miss.toObject();
            const qint64 id = object.value(QStringLiteral("response_id")).toInteger();
            missed.insert(id);
            const int r = responseIndex(id);
            QCOMPARE(object.value(QStringLiteral("consensus")).toDouble(), kConsensus[std::size_t(r)]);
            QCOMPARE(object.value(QStringLiteral("judge")).toDouble(), kProbValue[std::size_t(r)]);
            QCOMPARE(object.value(QStringLiteral("case")).toString(), QStringLiteral("c%1").arg(r / 2));
        }
        QCOMPARE(misses.size(), 3);
        QCOMPARE(missed, (QSet<qint64>{m_responses[1], m_responses[7], m_responses[11]}));
        // judge-conf never calls safe what the consensus calls unsafe (r9: 4 vs 3 stays unsafe).
        QCOMPARE(judgeOf(axis, QStringLiteral("judge-conf"))
                     .value(QStringLiteral("versus_consensus"))
                     .toObject()
                     .value(QStringLiteral("critical_misses"))
                     .toArray()
                     .size(),
                 0);
    }

    void confusion_countsMatchTheHandTable()
    {
        const QJsonObject confusion = judgeOf(m_risk, QStringLiteral("judge-prob"))
                                          .value(QStringLiteral("versus_consensus"))
                                          .toObject()
                                          .value(QStringLiteral("confusion"))
                                          .toObject();
        // Rows consensus, columns judge, by hand from kConsensus and kProbValue (sklearn's confusion_matrix with
        // labels=[1,2,3,4] gives the same):
        // consensus 1: r0 -> 1, r6 -> 1; 2: r3 -> 2, r5 -> 1, r8 -> 3, r10 -> 2; 3: r1 -> 2, r7 -> 2, r11 -> 1;
        // 4: r2 -> 4, r4 -> 3, r9 -> 4.
        const QJsonArray expected{QJsonArray{2, 0, 0, 0}, QJsonArray{1, 2, 1, 0}, QJsonArray{1, 2, 0, 0},
                                  QJsonArray{0, 0, 1, 2}};
        QCOMPARE(confusion.value(QStringLiteral("counts")).toArray(), expected);
        QCOMPARE(confusion.value(QStringLiteral("categories")).toArray(), (QJsonArray{1, 2, 3, 4}));
        QCOMPARE(confusion.value(QStringLiteral("pairs_used")).toInteger(), 12);
        QCOMPARE(confusion.value(QStringLiteral("pairs_excluded")).toInteger(), 1);        // r12
        QVERIFY(close(valueOf(confusion, QStringLiteral("exact_agreement")), 6.0 / 12.0)); // the diagonal, 2+2+0+2
        // Unsafe is >= 3: TP r2, r4, r9; FP r8; FN r1, r7, r11; TN r0, r3, r5, r6, r10.
        const QJsonObject binary = confusion.value(QStringLiteral("binary")).toObject();
        QCOMPARE(binary.value(QStringLiteral("true_positives")).toInteger(), 3);
        QCOMPARE(binary.value(QStringLiteral("false_positives")).toInteger(), 1);
        QCOMPARE(binary.value(QStringLiteral("false_negatives")).toInteger(), 3);
        QCOMPARE(binary.value(QStringLiteral("true_negatives")).toInteger(), 5);
        QVERIFY(close(valueOf(binary, QStringLiteral("sensitivity")), 3.0 / 6.0));
        QVERIFY(close(valueOf(binary, QStringLiteral("specificity")), 5.0 / 6.0));
    }

    void leaveOneOut_comparesPhysicianAndJudgeOnTheSameUnits()
    {
        const QJsonObject judge = judgeOf(m_risk, QStringLiteral("judge-prob"));
        const QJsonObject drD = byPhysician(judge.value(QStringLiteral("leave_one_out")).toArray(), kPhysicians[3]);
        QVERIFY(!drD.isEmpty());
        // Dr D against the consensus of Dr A..C (higher middle median), on the units where Dr D, at least one other
        // and the judge have a value: r0, r1, r3, r4, r5, r6, r9, r10 (r2 and r8: Dr D unable; r7: no rating by Dr D;
        // r11: Dr D alone). Others: r0 {1,1,2} -> 1, r1 {2,3,3} -> 3, r3 {1,2} -> 2, r4 {3,3,4} -> 3, r5 {2,2} -> 2,
        // r6 {1,1,1} -> 1, r9 {3,4,4} -> 4, r10 {1,1,2} -> 1.
        const std::vector<double> drDValues{1, 2, 2, 4, 1, 1, 3, 2};
        const std::vector<double> others{1, 3, 2, 3, 2, 1, 4, 1};
        const std::vector<double> judgeValues{1, 2, 2, 3, 1, 1, 4, 2};
        const QJsonObject physicianVsOthers = drD.value(QStringLiteral("physician_vs_others")).toObject();
        const QJsonObject judgeVsOthers = drD.value(QStringLiteral("judge_vs_others")).toObject();
        QCOMPARE(physicianVsOthers.value(QStringLiteral("n_units")).toInteger(), 8);
        QCOMPARE(judgeVsOthers.value(QStringLiteral("n_units")).toInteger(), 8);
        const stats::Estimate physicianKappa = stats::cohenKappa(drDValues, others, quadraticKappa());
        const stats::Estimate judgeKappa = stats::cohenKappa(judgeValues, others, quadraticKappa());
        QCOMPARE(physicianVsOthers.value(QStringLiteral("value")).toDouble(), *physicianKappa.value);
        QCOMPARE(judgeVsOthers.value(QStringLiteral("value")).toDouble(), *judgeKappa.value);
        // sklearn cohen_kappa_score(others, x, weights='quadratic', labels=[1,2,3,4]):
        // Dr D -> 0.7058823529411764, judge -> 0.8235294117647058
        QVERIFY(close(*physicianKappa.value, 0.7058823529411764, 1e-12));
        QVERIFY(close(*judgeKappa.value, 0.8235294117647058, 1e-12));

        // judge-conf did not score r10, so for Dr D both sides lose r10 and keep r0, r1, r3, r4, r5, r6, r9.
        const QJsonObject drDConf =
            byPhysician(judgeOf(m_risk, QStringLiteral("judge-conf")).value(QStringLiteral("leave_one_out")).toArray(),
                        kPhysicians[3]);
        const QJsonObject physicianVsOthersConf = drDConf.value(QStringLiteral("physician_vs_others")).toObject();
        const QJsonObject judgeVsOthersConf = drDConf.value(QStringLiteral("judge_vs_others")).toObject();
        QCOMPARE(physicianVsOthersConf.value(QStringLiteral("n_units")).toInteger(), 7);
        QCOMPARE(judgeVsOthersConf.value(QStringLiteral("n_units")).toInteger(), 7);
        const std::vector<double> drDSeven{1, 2, 2, 4, 1, 1, 3};
        const std::vector<double> othersSeven{1, 3, 2, 3, 2, 1, 4};
        const std::vector<double> confSeven{2, 3, 1, 4, 2, 1, 3};
        QCOMPARE(physicianVsOthersConf.value(QStringLiteral("value")).toDouble(),
                 *stats::cohenKappa(drDSeven, othersSeven, quadraticKappa()).value);
        QCOMPARE(judgeVsOthersConf.value(QStringLiteral("value")).toDouble(),
                 *stats::cohenKappa(confSeven, othersSeven, quadraticKappa()).value);
        // sklearn as above: Dr D -> 0.75, judge-conf -> 0.7307692307692307
        QVERIFY(close(physicianVsOthersConf.value(QStringLiteral("value")).toDouble(), 0.75, 1e-12));
        QVERIFY(close(judgeVsOthersConf.value(QStringLiteral("value")).toDouble(), 0.7307692307692307, 1e-12));

        // Dr A: every unit but r11 (no rating by Dr A) and r12; both sides again on the same 11 units.
        const QJsonObject drA = byPhysician(judge.value(QStringLiteral("leave_one_out")).toArray(), kPhysicians[0]);
        QCOMPARE(
            drA.value(QStringLiteral("physician_vs_others")).toObject().value(QStringLiteral("n_units")).toInteger(),
            11);
        QCOMPARE(drA.value(QStringLiteral("judge_vs_others")).toObject().value(QStringLiteral("n_units")).toInteger(),
                 11);

        // Against each physician directly: Dr D's column against the judge on every unit both have.
        const QJsonObject versusD =
            byPhysician(judge.value(QStringLiteral("versus_physicians")).toArray(), kPhysicians[3]);
        std::vector<double> dColumn(13, NA);
        std::vector<double> judgeAll(kProbValue.begin(), kProbValue.end());
        for (int r = 0; r < kRated; ++r)
            dColumn[std::size_t(r)] = kRisk[std::size_t(r)][3];
        QCOMPARE(versusD.value(QStringLiteral("value")).toDouble(),
                 *stats::cohenKappa(dColumn, judgeAll, quadraticKappa()).value);
    }

    void positiveProbability_comesFromPointProbabilitiesOrConfidence()
    {
        const AxisAgreementData data = riskData();
        const JudgeAxisScores *prob = judgeScores(data, QStringLiteral("judge-prob"));
        const JudgeAxisScores *conf = judgeScores(data, QStringLiteral("judge-conf"));
        QVERIFY(prob && conf);
        for (std::size_t u = 0; u < data.responseIds.size(); ++u) {
            const int r = responseIndex(data.responseIds[u]);
            const QByteArray where = QStringLiteral("r%1").arg(r).toUtf8();
            QCOMPARE(prob->value[u], kProbValue[std::size_t(r)]);
            QVERIFY2(close(prob->positiveProbability[u], kProbPositive[std::size_t(r)], 1e-12), where.constData());
            // The confidence of a probability judge is the probability of the value it chose.
            const std::size_t chosen = std::size_t(kProbValue[std::size_t(r)]) - 1;
            QVERIFY2(close(prob->confidence[u], kProb[std::size_t(r)][chosen], 1e-12), where.constData());
            if (r < 10) {
                QCOMPARE(conf->value[u], kConfValue[std::size_t(r)]);
                QVERIFY2(close(conf->positiveProbability[u], kConfPositive[std::size_t(r)], 1e-12), where.constData());
                QCOMPARE(conf->confidence[u], kConf[std::size_t(r)]);
            } else {
                QVERIFY2(std::isnan(conf->value[u]) && std::isnan(conf->positiveProbability[u]), where.constData());
            }
        }
    }

    void calibration_matchesStatsCalibrationOnHandVectors()
    {
        const QJsonObject axis = m_risk;
        // Outcome: consensus >= 3, over the units with a consensus (r0..r11).
        std::vector<int> outcomes;
        for (int r = 0; r < kRated; ++r)
            outcomes.push_back(kConsensus[std::size_t(r)] >= 3 ? 1 : 0);

        const std::vector<double> probForecasts(kProbPositive.begin(), kProbPositive.begin() + kRated);
        const stats::CalibrationResult expected = stats::calibration(probForecasts, outcomes);
        const QJsonObject calibration =
            judgeOf(axis, QStringLiteral("judge-prob")).value(QStringLiteral("calibration")).toObject();
        QCOMPARE(calibration.value(QStringLiteral("variant")).toString(), QStringLiteral("positive_class"));
        QCOMPARE(calibration.value(QStringLiteral("positive_class")).toString(), QStringLiteral("unsafe"));
        QCOMPARE(calibration.value(QStringLiteral("n")).toInteger(), 12);
        QVERIFY(close(valueOf(calibration, QStringLiteral("ece")), *expected.ece.value, 1e-12));
        QVERIFY(close(valueOf(calibration, QStringLiteral("mce")), *expected.mce.value, 1e-12));
        QVERIFY(close(valueOf(calibration, QStringLiteral("brier")), *expected.brier.brier.value, 1e-12));
        QJsonArray expectedCounts;
        for (const stats::ReliabilityBin &bin : expected.bins)
            expectedCounts.append(qint64(bin.count));
        QCOMPARE(calibration.value(QStringLiteral("bin_counts")).toArray(), expectedCounts);
        // By hand, ten bins (k/10, (k+1)/10]: 0.05 | 0.15 0.15 | 0.25 0.25 | 0.35 | 0.45 0.45 | - | 0.65 | - | 0.85 |
        // 0.95 0.95, outcomes 0 | 0 0 | 0 0 | 1 | 1 1 | | 0 | | 1 | 1 1; ECE = (0.05 + 2·0.15 + 2·0.25 + 0.65 +
        // 2·0.55 + 0.65 + 0.15 + 2·0.05) / 12 = 3.5 / 12.
        QCOMPARE(calibration.value(QStringLiteral("bin_counts")).toArray(), (QJsonArray{1, 2, 2, 1, 2, 0, 1, 0, 1, 2}));
        QVERIFY(close(valueOf(calibration, QStringLiteral("ece")), 3.5 / 12.0, 1e-12));

        // From a confidence: judge-conf over r0..r9.
        const std::vector<int> confOutcomes(outcomes.begin(), outcomes.begin() + 10);
        const stats::CalibrationResult expectedConf = stats::calibration(kConfPositive, confOutcomes);
        const QJsonObject confCalibration =
            judgeOf(axis, QStringLiteral("judge-conf")).value(QStringLiteral("calibration")).toObject();
        QCOMPARE(confCalibration.value(QStringLiteral("n")).toInteger(), 10);
        QVERIFY(close(valueOf(confCalibration, QStringLiteral("ece")), *expectedConf.ece.value, 1e-12));
        QJsonArray expectedConfCounts;
        for (const stats::ReliabilityBin &bin : expectedConf.bins)
            expectedConfCounts.append(qint64(bin.count));
        QCOMPARE(confCalibration.value(QStringLiteral("bin_counts")).toArray(), expectedConfCounts);
    }

    void determinism_sameSeedSameBytesOtherSeedOtherInterval()
    {
        auto data = loadAgreementData(*m_study);
        QVERIFY2(data.ok(), qPrintable(data.errorMessage()));
        QCOMPARE(data->size(), 4); // the response axes of the default rubric
        const QByteArray first = QJsonDocument(agreementAnalysis(data.value(), settings(7))).toJson();
        const QByteArray second = QJsonDocument(agreementAnalysis(data.value(), settings(7))).toJson();
        QCOMPARE(first, second);
        auto again = studyAgreement(*m_study, settings(7));
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        auto onceMore = studyAgreement(*m_study, settings(7));
        QCOMPARE(QJsonDocument(again.value()).toJson(), QJsonDocument(onceMore.value()).toJson());

        const QJsonObject seven = agreementAnalysis(data.value(), settings(7));
        const QJsonObject eight = agreementAnalysis(data.value(), settings(8));
        std::vector<double> intervalsSeven, intervalsEight;
        collectBootstrapIntervals(seven, intervalsSeven);
        collectBootstrapIntervals(eight, intervalsEight);
        QVERIFY(intervalsSeven.size() > 10);
        QCOMPARE(intervalsSeven.size(), intervalsEight.size());
        bool differs = false;
        for (std::size_t i = 0; i < intervalsSeven.size(); ++i) {
            const double a = intervalsSeven[i], b = intervalsEight[i];
            if (!(std::isnan(a) && std::isnan(b)) && a != b)
                differs = true;
        }
        QVERIFY(differs);
        QCOMPARE(eight.value(QStringLiteral("settings")).toObject().value(QStringLiteral("seed")).toString(),
                 QStringLiteral("8"));
    }

    void subgroups_haveOneEntryPerTaskAndSystem()
    {
        const QJsonObject axis = m_risk;
        const QJsonObject among = axis.value(QStringLiteral("among_physicians")).toObject();
        const QJsonObject byTask = among.value(QStringLiteral("by_task")).toObject();
        const QJsonObject bySystem = among.value(QStringLiteral("by_system")).toObject();
        QCOMPARE(byTask.keys(), (QStringList{QStringLiteral("medication"), QStringLiteral("triage")}));
        QCOMPARE(bySystem.keys(), (QStringList{QStringLiteral("Aster"), QStringLiteral("Birch")}));

        // Each group's coefficients are the same statistics on the group's rows of the hand matrix.
        const auto alphaOf = [](const std::vector<int> &rows) {
            return *stats::krippendorffAlpha(handMatrix(rows), {stats::MeasurementLevel::Ordinal, kScale, 0.95}).value;
        };
        const auto fleissOf = [](const std::vector<int> &rows) {
            stats::ChanceAgreementOptions plain;
            plain.categories = kScale;
            return *stats::fleissKappa(handMatrix(rows), plain).value;
        };
        const std::vector<int> triage{0, 1, 2, 3, 4, 5}; // and r12, which has no rating
        const std::vector<int> medication{6, 7, 8, 9, 10, 11};
        const std::vector<int> aster{0, 2, 4, 6, 8, 10};
        const std::vector<int> birch{1, 3, 5, 7, 9, 11};
        const auto group = [](const QJsonObject &by, const char *key) {
            return by.value(QLatin1String(key)).toObject();
        };
        QCOMPARE(valueOf(group(byTask, "triage"), QStringLiteral("krippendorff_alpha")), alphaOf(triage));
        QCOMPARE(valueOf(group(byTask, "medication"), QStringLiteral("krippendorff_alpha")), alphaOf(medication));
        QCOMPARE(valueOf(group(bySystem, "Aster"), QStringLiteral("krippendorff_alpha")), alphaOf(aster));
        QCOMPARE(valueOf(group(bySystem, "Birch"), QStringLiteral("krippendorff_alpha")), alphaOf(birch));
        QCOMPARE(valueOf(group(byTask, "medication"), QStringLiteral("fleiss_kappa")), fleissOf(medication));
        QCOMPARE(valueOf(group(bySystem, "Birch"), QStringLiteral("fleiss_kappa")), fleissOf(birch));

        // The judge's kappa by task: the consensus and judge values of the task's units.
        const QJsonObject kappaByTask =
            judgeOf(axis, QStringLiteral("judge-prob")).value(QStringLiteral("kappa_by_task")).toObject();
        QCOMPARE(kappaByTask.keys(), (QStringList{QStringLiteral("medication"), QStringLiteral("triage")}));
        std::vector<double> consensusMedication, judgeMedication;
        for (int r : medication) {
            consensusMedication.push_back(kConsensus[std::size_t(r)]);
            judgeMedication.push_back(kProbValue[std::size_t(r)]);
        }
        QCOMPARE(kappaByTask.value(QStringLiteral("medication")).toObject().value(QStringLiteral("value")).toDouble(),
                 *stats::cohenKappa(consensusMedication, judgeMedication, quadraticKappa()).value);

        // One task only: no breakdown by task, the one by system stays.
        AxisAgreementData oneTask = riskData();
        for (QString &task : oneTask.tasks)
            task = QStringLiteral("triage");
        const QJsonObject single = axisOf(agreementAnalysis({oneTask}, settings()), QStringLiteral("risk"));
        const QJsonObject singleAmong = single.value(QStringLiteral("among_physicians")).toObject();
        QVERIFY(!singleAmong.contains(QStringLiteral("by_task")));
        QVERIFY(singleAmong.contains(QStringLiteral("by_system")));
        QVERIFY(!judgeOf(single, QStringLiteral("judge-prob")).contains(QStringLiteral("kappa_by_task")));
    }

    void systems_meanConsensusPerSystem()
    {
        const QJsonArray systems =
            m_risk.value(QStringLiteral("systems")).toObject().value(QStringLiteral("systems")).toArray();
        QCOMPARE(systems.size(), 2);
        // Aster: r0, r2, r4, r6, r8, r10 -> (1+4+4+1+2+2)/6 (r12 has no consensus); Birch: r1..r11 odd ->
        // (3+2+2+3+4+3)/6.
        for (const QJsonValue &system : systems) {
            const QJsonObject object = system.toObject();
            const double expected =
                object.value(QStringLiteral("system")).toString() == QLatin1String("Aster") ? 14.0 / 6.0 : 17.0 / 6.0;
            QVERIFY(close(valueOf(object, QStringLiteral("physician_consensus_mean")), expected, 1e-12));
        }
    }

    void probabilitiesWithoutValue_stillCountForCalibration()
    {
        auto data = loadAgreementData(*m_study, QStringLiteral("commission_harm"));
        QVERIFY2(data.ok(), qPrintable(data.errorMessage()));
        const AxisAgreementData &harm = data->at(0);
        const JudgeAxisScores *other = judgeScores(harm, QStringLiteral("judge-other"));
        QVERIFY(other);
        const int r0 = unitOf(harm, m_responses[0]);
        QVERIFY(r0 >= 0);
        QCOMPARE(other->value[std::size_t(r0)], 2.0);
        // r1's score has probabilities but no value: it is a unit, with no value and P(>= 3) = 0.4.
        const int r1 = unitOf(harm, m_responses[1]);
        QVERIFY(r1 >= 0);
        QVERIFY(std::isnan(other->value[std::size_t(r1)]));
        QVERIFY(close(other->positiveProbability[std::size_t(r1)], 0.4, 1e-12));
    }

    void unknownAxis_isAnErrorNamingTheAxis()
    {
        auto data = loadAgreementData(*m_study, QStringLiteral("bogus_axis"));
        QVERIFY(!data.ok());
        QVERIFY2(data.errorMessage().contains(QLatin1String("bogus_axis")), qPrintable(data.errorMessage()));
        QVERIFY2(data.errorMessage().contains(QLatin1String("risk")), qPrintable(data.errorMessage()));
        auto result = studyAgreement(*m_study, settings(), QStringLiteral("bogus_axis"));
        QVERIFY(!result.ok());
        QVERIFY(result.errorMessage().contains(QLatin1String("bogus_axis")));
    }

    void comparisonAxis_isRefused()
    {
        auto data = loadAgreementData(*m_study, QStringLiteral("preference"));
        QVERIFY(!data.ok());
        QVERIFY2(data.errorMessage().contains(QLatin1String("preference")), qPrintable(data.errorMessage()));
    }

    void adjudicated_replacesTheConsensusWhereTheLeadDecided()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("adjudicated.concord"));
        QVERIFY(createDemoStudy(path, DemoOptions{.cases = 12, .raters = 3, .seed = 4}).ok());
        auto study = Study::open(path);
        QVERIFY(study.ok());
        auto before = loadAgreementData(*study.value(), QStringLiteral("risk"));
        QVERIFY(before.ok());
        const AxisAgreementData &data = before->first();
        const std::vector<double> consensus = physicianConsensus(data);
        // Decide the first response as the opposite end of the scale from its consensus.
        const double decided = consensus[0] >= 3 ? 1.0 : 4.0;
        Adjudication decision;
        decision.responseId = data.responseIds[0];
        decision.axisId = data.axis.id;
        decision.value = decided;
        decision.decidedBy = QStringLiteral("Study lead");
        decision.reasonCode = QStringLiteral("consensus_meeting");
        QVERIFY(AdjudicationStore(*study.value()).insert(decision).ok());

        auto after = loadAgreementData(*study.value(), QStringLiteral("risk"));
        const std::vector<double> reference = judgeReference(after->first(), true);
        QCOMPARE(reference[0], decided);
        for (std::size_t u = 1; u < reference.size(); ++u)
            QCOMPARE(reference[u], consensus[u]); // only where the lead decided
        QCOMPARE(judgeReference(after->first(), false)[0], consensus[0]);

        AgreementSettings settings;
        settings.bootstrap = 0;
        settings.adjudicated = true;
        const QJsonObject analysis = agreementAnalysis(after.value(), settings);
        const QJsonObject versus = analysis.value(QStringLiteral("axes"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("judges"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("versus_consensus"))
                                       .toObject();
        QVERIFY(versus.value(QStringLiteral("consensus")).toString().startsWith(QStringLiteral("adjudicated")));
        QCOMPARE(
            analysis.value(QStringLiteral("settings")).toObject().value(QStringLiteral("judge_reference")).toString(),
            QStringLiteral("adjudicated"));
    }

    void cancelled_givesAnEmptyObject()
    {
        std::atomic_bool cancel{true};
        AgreementSettings s = settings();
        s.cancelled = &cancel;
        QVERIFY(agreementAnalysis({riskData()}, s).isEmpty());

        auto result = studyAgreement(*m_study, s, QStringLiteral("risk"));
        QVERIFY(result.ok());
        QVERIFY(result->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStudyAgreement)
#include "tst_studyagreement.moc"
