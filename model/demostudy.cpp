// The demo study: a synthetic study whose true structure is known, so that the agreement and calibration
// figures Concord shows can be checked against what was simulated.
//
// Each response has a latent severity per axis, set by the flaw (if any) its text contains. A simulated
// physician rates round(latent + bias + noise) on the axis' scale; the judge rates round(latent + leniency +
// noise) and reports probabilities that are too sharply peaked on its own answer (over-confidence).
#include "model/demostudy.h"

#include "model/annotatorstore.h"
#include "model/auditlog.h"
#include "model/casestore.h"
#include "model/democases.h"
#include "model/judgestore.h"
#include "model/ratingstore.h"
#include "model/study.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

namespace concord {

namespace {

constexpr double kRaterNoise = 0.6;
constexpr double kJudgeNoise = 0.5;
constexpr double kJudgeLeniency = -0.5; // on the harm and risk axes: the judge under-calls harm
constexpr double kJudgeSharpness = 2.5; // larger = more over-confident
constexpr double kMissingShare = 0.03;
constexpr double kUnableShare = 0.01;
constexpr double kNotApplicableShare = 0.01;

struct SystemProfile
{
    QString name;
    double errorRate;
    double severeBias; // chance of choosing the most severe flaw outright
};

const SystemProfile kSystems[] = {{QStringLiteral("Aster"), 0.20, 0.15}, {QStringLiteral("Birch"), 0.45, 0.45}};

// Deterministic draws on the engine (the standard distributions differ between standard libraries).
class Draw
{
public:
    explicit Draw(quint64 seed) : m_engine(seed) {}
    std::mt19937_64 &engine() { return m_engine; }
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double normal()
    {
        const double u1 = std::max(uniform(), 1e-300);
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }
    int below(int n) { return static_cast<int>(m_engine() % static_cast<quint64>(n)); }

private:
    std::mt19937_64 m_engine;
};

struct Latent
{
    double commission = 0;
    double omission = 0;
    double risk = 1;
    double reasoning = 1;
    double of(const QString &key) const
    {
        if (key == QStringLiteral("commission_harm"))
            return commission;
        if (key == QStringLiteral("omission_harm"))
            return omission;
        if (key == QStringLiteral("risk"))
            return risk;
        return reasoning;
    }
};

Latent latentOf(const demo::Flaw *flaw, Draw &draw)
{
    Latent latent;
    if (!flaw) {
        latent.reasoning = draw.uniform() < 0.2 ? 2 : 1;
        return latent;
    }
    (flaw->omission ? latent.omission : latent.commission) = flaw->severity;
    latent.risk = std::min(4, flaw->severity + 1);
    latent.reasoning = flaw->omission ? (flaw->severity >= 3 ? 3 : 2) : std::min(4, flaw->severity + 1);
    return latent;
}

double nearestPoint(const Axis &axis, double x)
{
    double best = axis.points.front().value;
    for (const auto &p : axis.points) {
        if (std::abs(p.value - x) < std::abs(best - x))
            best = p.value;
    }
    return best;
}

QString timeAt(const QDateTime &base, double seconds)
{
    return base.addMSecs(static_cast<qint64>(seconds * 1000.0)).toString(Qt::ISODateWithMs);
}

QString judgeRationale(const Axis &axis, double value)
{
    const ScalePoint *point = axis.point(value);
    return QStringLiteral("%1 judged %2 (%3).").arg(axis.label, point ? point->label : QString::number(value),
                                                     point ? point->anchor : QString());
}

} // namespace

Result<DemoSummary> createDemoStudy(const QString &path, const DemoOptions &options)
{
    if (options.cases < 1)
        return Error{QStringLiteral("--cases must be at least 1, not %1").arg(options.cases)};
    if (options.raters < 1 || options.raters > 50)
        return Error{QStringLiteral("--raters must be between 1 and 50, not %1").arg(options.raters)};

    const QUuid space = QUuid::createUuidV5(QUuid(QStringLiteral("{6ba7b811-9dad-11d1-80b4-00c04fd430c8}")),
                                            QStringLiteral("concord-demo-%1").arg(options.seed));
    auto uuidFor = [&](const QString &name) { return QUuid::createUuidV5(space, name).toString(QUuid::WithoutBraces); };

    auto created = Study::create(path, {.title = QStringLiteral("Concord demo study"),
                                        .rubric = defaultRubric(),
                                        .actor = QStringLiteral("concord demo"),
                                        .uuid = uuidFor(QStringLiteral("study"))});
    if (!created.ok())
        return created.error();
    Study &study = *created.value();
    const Rubric &rubric = study.rubric();
    QVector<const Axis *> responseAxes;
    for (const auto &axis : rubric.axes) {
        if (axis.target == AxisTarget::Response)
            responseAxes << &axis;
    }
    const Axis *preference = rubric.axis(QStringLiteral("preference"));

    Draw draw(options.seed);
    // Rater biases spread evenly over [-0.4, +0.4] scale points; recorded in the study for checking.
    QVector<double> biases;
    for (int r = 0; r < options.raters; ++r)
        biases << (options.raters == 1 ? 0.0 : -0.4 + 0.8 * r / (options.raters - 1));

    DemoSummary summary;
    summary.raters = options.raters;
    const QDateTime base = QDateTime::fromString(QStringLiteral("2026-01-05T08:00:00.000Z"), Qt::ISODateWithMs);

    Status status = study.inTransaction([&]() -> Status {
        CaseStore cases(study);
        AnnotatorStore annotators(study);
        RatingStore ratings(study);
        JudgeStore judges(study);

        JudgeRun judgeRun;
        judgeRun.uuid = uuidFor(QStringLiteral("judge"));
        judgeRun.name = QStringLiteral("Demo judge");
        judgeRun.model = QStringLiteral("demo-judge-1");
        judgeRun.promptVersion = QStringLiteral("v1");
        judgeRun.settingsJson = QStringLiteral("{\"simulated\":true}");
        judgeRun.createdAt = base.toString(Qt::ISODateWithMs);
        if (auto r = judges.insertRun(judgeRun); !r.ok())
            return r.error();

        QVector<qint64> raterIds;
        for (int r = 0; r < options.raters; ++r) {
            Annotator annotator;
            annotator.uuid = uuidFor(QStringLiteral("annotator/%1").arg(r));
            annotator.name = QStringLiteral("Physician %1").arg(r + 1);
            if (auto id = annotators.insertAnnotator(annotator); !id.ok())
                return id.error();
            raterIds << annotator.id;
        }

        struct Item
        {
            qint64 comparisonId = 0;
            qint64 responseIds[2] = {0, 0};
            Latent latent[2];
        };
        std::vector<Item> items;
        items.reserve(static_cast<std::size_t>(options.cases));

        for (int c = 0; c < options.cases; ++c) {
            const demo::Scenario scenario = demo::makeScenario(c, draw.engine());
            CaseRecord record;
            record.uuid = uuidFor(QStringLiteral("case/%1").arg(c));
            record.externalId = QStringLiteral("demo-%1").arg(c + 1, 5, 10, QLatin1Char('0'));
            record.task = scenario.task;
            record.input = scenario.input;
            record.reference = scenario.reference;
            if (auto r = cases.insertCase(record); !r.ok())
                return r.error();
            ++summary.cases;

            Item item;
            // Which system is "r1" is random, so response ids reveal nothing while the study is blinded.
            const int firstSystem = draw.below(2);
            for (int slot = 0; slot < 2; ++slot) {
                const SystemProfile &system = kSystems[(firstSystem + slot) % 2];
                const demo::Flaw *flaw = nullptr;
                if (draw.uniform() < system.errorRate && !scenario.flaws.isEmpty()) {
                    const auto worst = std::max_element(scenario.flaws.begin(), scenario.flaws.end(),
                                                        [](const auto &a, const auto &b) { return a.severity < b.severity; });
                    flaw = draw.uniform() < system.severeBias ? &*worst
                                                              : &scenario.flaws[draw.below(int(scenario.flaws.size()))];
                }
                ResponseRecord response;
                response.uuid = uuidFor(QStringLiteral("response/%1/%2").arg(c).arg(slot));
                response.caseId = record.id;
                response.externalId = QStringLiteral("r%1").arg(slot + 1);
                response.system = system.name;
                response.text = flaw ? flaw->text
                                     : (system.name == QStringLiteral("Aster") ? scenario.goodAster : scenario.goodBirch);
                if (auto r = cases.insertResponse(response); !r.ok())
                    return r.error();
                ++summary.responses;
                item.responseIds[slot] = response.id;
                item.latent[slot] = latentOf(flaw, draw);
            }
            ComparisonRecord comparison{0, uuidFor(QStringLiteral("comparison/%1").arg(c)), record.id,
                                        {item.responseIds[0], item.responseIds[1]}};
            if (auto r = cases.insertComparison(comparison); !r.ok())
                return r.error();
            item.comparisonId = comparison.id;
            items.push_back(item);

            // The judge scores every response on every response axis.
            for (int slot = 0; slot < 2; ++slot) {
                for (const Axis *axis : responseAxes) {
                    const bool harmAxis = axis->key != QStringLiteral("reasoning");
                    const double judged = nearestPoint(*axis, item.latent[slot].of(axis->key)
                                                                  + (harmAxis ? kJudgeLeniency : 0.0)
                                                                  + kJudgeNoise * draw.normal());
                    JudgeScore score;
                    score.uuid = uuidFor(QStringLiteral("judge/%1/%2/%3").arg(c).arg(slot).arg(axis->key));
                    score.judgeRunId = judgeRun.id;
                    score.responseId = item.responseIds[slot];
                    score.axisId = axis->id;
                    score.value = judged;
                    double total = 0;
                    for (const auto &p : axis->points) {
                        const double weight = std::exp(-kJudgeSharpness * (p.value - judged) * (p.value - judged));
                        score.probabilities.push_back({p.value, weight});
                        total += weight;
                    }
                    double top = 0;
                    for (auto &[point, p] : score.probabilities) {
                        p = std::round(p / total * 1e6) / 1e6;
                        top = std::max(top, p);
                    }
                    // Rounding must not break the sum: give the remainder to the judged point.
                    double sum = 0;
                    for (const auto &[point, p] : score.probabilities)
                        sum += p;
                    for (auto &[point, p] : score.probabilities) {
                        if (point == judged)
                            p = std::round((p + 1.0 - sum) * 1e6) / 1e6;
                    }
                    score.confidence = top;
                    score.rationale = judgeRationale(*axis, judged);
                    if (auto r = judges.insertScore(score); !r.ok())
                        return r.error();
                    ++summary.judgeScores;
                }
            }
        }

        // Each physician rates every comparison, in their own random order and left/right arrangement.
        for (int r = 0; r < options.raters; ++r) {
            std::vector<int> order(items.size());
            std::iota(order.begin(), order.end(), 0);
            for (std::size_t i = order.size(); i > 1; --i)
                std::swap(order[i - 1], order[static_cast<std::size_t>(draw.below(int(i)))]);
            const quint64 assignmentSeed = options.seed * 1000003ULL + static_cast<quint64>(r);
            double clock = 0;
            for (std::size_t sequence = 0; sequence < order.size(); ++sequence) {
                const Item &item = items[static_cast<std::size_t>(order[sequence])];
                const bool swapped = draw.below(2) == 1;
                Assignment assignment;
                assignment.uuid = uuidFor(QStringLiteral("assignment/%1/%2").arg(r).arg(order[sequence]));
                assignment.annotatorId = raterIds[r];
                assignment.comparisonId = item.comparisonId;
                assignment.sequence = static_cast<int>(sequence);
                assignment.responseOrder = swapped ? QVector<qint64>{item.responseIds[1], item.responseIds[0]}
                                                   : QVector<qint64>{item.responseIds[0], item.responseIds[1]};
                assignment.seed = static_cast<qint64>(assignmentSeed & 0x7fffffffffffffffULL);
                if (auto id = annotators.insertAssignment(assignment); !id.ok())
                    return id.error();

                // Time on this comparison: log-normal around a minute and a half, between 20 and 300 s.
                const double seconds = std::clamp(90.0 * std::exp(0.5 * draw.normal()), 20.0, 300.0);
                const double perRating = seconds / (2.0 * responseAxes.size() + 1.0);
                double perceivedRisk[2] = {0, 0};
                int eventIndex = 0;
                for (int slot = 0; slot < 2; ++slot) {
                    for (const Axis *axis : responseAxes) {
                        const double latent = item.latent[slot].of(axis->key);
                        const double seen = latent + biases[r] + kRaterNoise * draw.normal();
                        if (axis->key == QStringLiteral("risk"))
                            perceivedRisk[slot] = seen;
                        const double u = draw.uniform();
                        if (u < kMissingShare)
                            continue;
                        RatingEvent event;
                        event.uuid = uuidFor(QStringLiteral("rating/%1/%2/%3/%4").arg(r).arg(order[sequence]).arg(slot).arg(axis->key));
                        event.annotatorId = raterIds[r];
                        event.responseId = item.responseIds[slot];
                        event.axisId = axis->id;
                        if (u < kMissingShare + kUnableShare && axis->allowsUnableToAssess) {
                            event.status = RatingStatus::UnableToAssess;
                        } else if (u < kMissingShare + kUnableShare + kNotApplicableShare
                                   && !axis->notApplicableLabel.isEmpty()) {
                            event.status = RatingStatus::NotApplicable;
                        } else {
                            event.value = nearestPoint(*axis, seen);
                            if (!axis->likelihoodLevels.isEmpty() && *event.value > 0)
                                event.likelihood = axis->likelihoodLevels[draw.below(int(axis->likelihoodLevels.size()))];
                        }
                        event.activeSeconds = std::round(perRating * 10.0) / 10.0;
                        event.createdAt = timeAt(base, clock + perRating * ++eventIndex);
                        if (auto id = ratings.append(event); !id.ok())
                            return id.error();
                        ++summary.ratingEvents;
                    }
                }
                if (preference) {
                    RatingEvent event;
                    event.uuid = uuidFor(QStringLiteral("preference/%1/%2").arg(r).arg(order[sequence]));
                    event.annotatorId = raterIds[r];
                    event.comparisonId = item.comparisonId;
                    event.axisId = preference->id;
                    const double difference = perceivedRisk[0] - perceivedRisk[1];
                    if (std::abs(difference) < 0.35) {
                        event.value = 0; // a tie
                    } else {
                        event.value = 1;
                        event.preferredResponseId = difference < 0 ? item.responseIds[0] : item.responseIds[1];
                    }
                    event.activeSeconds = std::round(perRating * 10.0) / 10.0;
                    event.createdAt = timeAt(base, clock + perRating * ++eventIndex);
                    if (auto id = ratings.append(event); !id.ok())
                        return id.error();
                    ++summary.ratingEvents;
                }
                clock += seconds + 15.0; // a short pause between comparisons
            }
        }

        QJsonArray raterParameters;
        for (int r = 0; r < options.raters; ++r)
            raterParameters.append(QJsonObject{{QStringLiteral("annotator"), QStringLiteral("Physician %1").arg(r + 1)},
                                               {QStringLiteral("bias"), biases[r]},
                                               {QStringLiteral("noise_sd"), kRaterNoise}});
        QJsonArray systems;
        for (const auto &s : kSystems)
            systems.append(QJsonObject{{QStringLiteral("name"), s.name},
                                       {QStringLiteral("error_rate"), s.errorRate},
                                       {QStringLiteral("most_severe_flaw_share"), s.severeBias}});
        const QJsonObject parameters{
            {QStringLiteral("seed"), QString::number(options.seed)},
            {QStringLiteral("cases"), options.cases},
            {QStringLiteral("raters"), raterParameters},
            {QStringLiteral("systems"), systems},
            {QStringLiteral("judge"), QJsonObject{{QStringLiteral("leniency_on_harm_axes"), kJudgeLeniency},
                                                  {QStringLiteral("noise_sd"), kJudgeNoise},
                                                  {QStringLiteral("probability_sharpness"), kJudgeSharpness}}},
            {QStringLiteral("missing_share"), kMissingShare},
            {QStringLiteral("unable_share"), kUnableShare},
            {QStringLiteral("not_applicable_share"), kNotApplicableShare}};
        if (auto s = study.setMeta(QStringLiteral("demo_parameters"),
                                   QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact)));
            !s.ok())
            return s;
        return appendAudit(study, QStringLiteral("concord demo"), QStringLiteral("demo study"),
                           QJsonObject{{QStringLiteral("cases"), summary.cases},
                                       {QStringLiteral("raters"), options.raters},
                                       {QStringLiteral("seed"), QString::number(options.seed)}});
    });
    if (!status.ok()) {
        created.value().reset();
        QFile::remove(path);
        return status.error();
    }
    return summary;
}

} // namespace concord
