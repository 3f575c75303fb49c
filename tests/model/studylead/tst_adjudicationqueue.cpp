// The adjudication queue (model/adjudicationqueue) and its table model (model/adjudicationqueuemodel) on a small study
// built here: each rule selects exactly the items listed by hand below, the judge stays hidden while the study is
// blinded, decisions are stored with the events they considered and an audit entry, bad decisions are refused naming
// what is wrong, and an adjudicated value becomes the judge's reference in the agreement engine.
//
// The study (default rubric; risk 1-4 with unsafe >= 3, commission harm 0-4 with severe >= 3, reasoning 1-4 without a
// binary view), physicians "Dr Ada Stone", "Dr Ben Okafor", "Dr Chen Li" (Physician 1..3), judge runs "judge-a" and
// "judge-b". Current ratings ("u": unable to assess, "-": none) and judge scores:
//
//   response        axis        ratings   consensus  judge-a  judge-b
//   case-1/a  R1    risk        1 1 1     1          1        -
//   case-1/a  R1    reasoning   1 3 -     -          -        -
//   case-1/b  R2    commission  0 0 3     0          0        -
//   case-1/b  R2    risk        1 2 2     2          2        -       (Ada rated 4 first, then 1)
//   case-2/a  R3    risk        1 3 3     3          2        3
//   case-2/b  R4    risk        3 3 3     3          1        4
//   case-3/a  R5    risk        2 3 u     3          3        1
//   case-3/b  R6    risk        4 - -     4          2        -
//   case-4/a  R7    risk        1 4 -     4          -        -       (Chen rated 4, then cleared it)
#include "model/agreement/agreementanalysis.h"
#include "model/agreement/agreementdata.h"
#include "model/itemmodels/adjudicationqueuemodel.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"
#include "model/studylead/adjudicationqueue.h"
#include "tests/testsupport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <cmath>

using namespace concord;

namespace {

const QStringList kPhysicians{QStringLiteral("Dr Ada Stone"), QStringLiteral("Dr Ben Okafor"),
                              QStringLiteral("Dr Chen Li")};
constexpr double U = -1; // unable to assess
constexpr double C = -2; // cleared
constexpr double N = -3; // no rating

struct Planned
{
    const char *response; // "case-1/a"
    const char *axis;
    std::vector<std::vector<double>> ratings; // per physician, the events in order
    std::optional<double> judgeA, judgeB;
};

const std::vector<Planned> kPlan{
    {"case-1/a", "risk", {{1}, {1}, {1}}, 1, {}},
    {"case-1/a", "reasoning", {{1}, {3}, {N}}, {}, {}},
    {"case-1/b", "commission_harm", {{0}, {0}, {3}}, 0, {}},
    {"case-1/b", "risk", {{4, 1}, {2}, {2}}, 2, {}},
    {"case-2/a", "risk", {{1}, {3}, {3}}, 2, 3},
    {"case-2/b", "risk", {{3}, {3}, {3}}, 1, 4},
    {"case-3/a", "risk", {{2}, {3}, {U}}, 3, 1},
    {"case-3/b", "risk", {{4}, {N}, {N}}, 2, {}},
    {"case-4/a", "risk", {{1}, {4}, {4, C}}, {}, {}},
};

QString keyOf(const AdjudicationItem &item)
{
    // The response's external id is not in the item: the case and the response text (which names it) identify it.
    return item.responseText.section(QLatin1Char(' '), 0, 0) + QLatin1Char('/') + item.axis.key;
}

QStringList keysOf(const QVector<AdjudicationItem> &items)
{
    QStringList keys;
    for (const AdjudicationItem &item : items)
        keys << keyOf(item);
    return keys;
}

} // namespace

Q_DECLARE_METATYPE(concord::AdjudicationRules)

class TestAdjudicationQueue : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Study> m_study;
    QHash<QString, qint64> m_responseIds; // "case-1/a" -> id

    Status build()
    {
        return m_study->inTransaction([&]() -> Status {
            CaseStore cases(*m_study);
            for (int c = 1; c <= 4; ++c) {
                CaseRecord record;
                record.externalId = QStringLiteral("case-%1").arg(c);
                record.task = c <= 2 ? QStringLiteral("triage") : QStringLiteral("medication");
                record.input = QStringLiteral("Input of case %1").arg(c);
                if (auto inserted = cases.insertCase(record); !inserted.ok())
                    return inserted.error();
                for (const QString &letter : {QStringLiteral("a"), QStringLiteral("b")}) {
                    ResponseRecord response;
                    response.caseId = record.id;
                    response.externalId = letter;
                    response.system = letter == QStringLiteral("a") ? QStringLiteral("Aster") : QStringLiteral("Birch");
                    response.text = QStringLiteral("%1/%2 says rest and fluids.").arg(record.externalId, letter);
                    if (auto inserted = cases.insertResponse(response); !inserted.ok())
                        return inserted.error();
                    m_responseIds.insert(record.externalId + QLatin1Char('/') + letter, response.id);
                }
            }
            QVector<qint64> physicians;
            for (const QString &name : kPhysicians) {
                auto annotator = AnnotatorStore(*m_study).ensureAnnotator(name);
                if (!annotator.ok())
                    return annotator.error();
                physicians << annotator->id;
            }
            JudgeStore judges(*m_study);
            auto runA = judges.ensureRun(QStringLiteral("judge-a"));
            auto runB = judges.ensureRun(QStringLiteral("judge-b"));
            if (!runA.ok() || !runB.ok())
                return Error{QStringLiteral("judge runs")};
            RatingStore ratings(*m_study);
            for (const Planned &plan : kPlan) {
                const qint64 responseId = m_responseIds.value(QString::fromLatin1(plan.response));
                const qint64 axisId = m_study->rubric().axis(QString::fromLatin1(plan.axis))->id;
                for (int p = 0; p < 3; ++p) {
                    for (double value : plan.ratings[std::size_t(p)]) {
                        if (value == N)
                            continue;
                        RatingEvent event;
                        event.annotatorId = physicians[p];
                        event.responseId = responseId;
                        event.axisId = axisId;
                        event.status = value == U   ? RatingStatus::UnableToAssess
                                       : value == C ? RatingStatus::Cleared
                                                    : RatingStatus::Value;
                        if (value >= 0)
                            event.value = value;
                        event.comment = QStringLiteral("comment %1").arg(p + 1);
                        if (auto appended = ratings.append(event); !appended.ok())
                            return appended.error();
                    }
                }
                for (const auto &[run, value] : {std::pair{runA->id, plan.judgeA}, std::pair{runB->id, plan.judgeB}}) {
                    if (!value)
                        continue;
                    JudgeScore score;
                    score.judgeRunId = run;
                    score.responseId = responseId;
                    score.axisId = axisId;
                    score.value = value;
                    if (auto inserted = judges.insertScore(score); !inserted.ok())
                        return inserted.error();
                }
            }
            return {};
        });
    }

    QStringList queueKeys(const AdjudicationRules &rules, const QString &axisKey = {})
    {
        auto queue = adjudicationQueue(*m_study, rules, axisKey);
        if (!queue.ok()) {
            qWarning("queue: %s", qPrintable(queue.errorMessage()));
            return {QStringLiteral("error")};
        }
        return keysOf(queue.value());
    }

    AdjudicationItem itemOf(const AdjudicationRules &rules, const QString &key)
    {
        auto queue = adjudicationQueue(*m_study, rules);
        for (const AdjudicationItem &item : queue.value()) {
            if (keyOf(item) == key)
                return item;
        }
        return {};
    }

    qint64 count(const QString &sql)
    {
        auto q = m_study->exec(sql);
        return q.ok() && q->next() ? q->value(0).toLongLong() : -1;
    }

    QVector<qint64> currentEventIds(const QString &response, const QString &axis)
    {
        auto q = m_study->exec(QStringLiteral("SELECT id FROM current_rating WHERE response_id = ? AND axis_id = ?"
                                              " ORDER BY id"),
                               {m_responseIds.value(response), m_study->rubric().axis(axis)->id});
        QVector<qint64> ids;
        while (q.ok() && q->next())
            ids << q->value(0).toLongLong();
        return ids;
    }

private slots:
    void init()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto created = Study::create(m_dir->filePath(QStringLiteral("adjudication.concord")),
                                     {.title = QStringLiteral("Adjudication"), .rubric = defaultRubric()});
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        m_study = std::move(created).value();
        CONCORD_VERIFY_OK(build());
    }

    void cleanup()
    {
        m_study.reset();
        m_dir.reset();
        m_responseIds.clear();
    }

    void rules_selectExactlyTheItemsListedByHand_data()
    {
        QTest::addColumn<AdjudicationRules>("rules");
        QTest::addColumn<QString>("axis");
        QTest::addColumn<QStringList>("expected");
        const auto list = [](const char *text) { return QString::fromLatin1(text).split(QLatin1Char(' ')); };
        QTest::newRow("any disagreement")
            << AdjudicationRules{} << QString()
            << list("case-1/a/reasoning case-1/b/commission_harm case-1/b/risk case-2/a/risk case-3/a/risk "
                    "case-4/a/risk");
        QTest::newRow("any disagreement, risk only") << AdjudicationRules{} << QStringLiteral("risk")
                                                     << list("case-1/b/risk case-2/a/risk case-3/a/risk case-4/a/risk");
        QTest::newRow("spread of at least 2")
            << AdjudicationRules{.anyDisagreement = false, .minSpread = 2} << QString()
            << list("case-1/a/reasoning case-1/b/commission_harm case-2/a/risk case-4/a/risk");
        QTest::newRow("spread of at least 3") << AdjudicationRules{.anyDisagreement = false, .minSpread = 3}
                                              << QString() << list("case-1/b/commission_harm case-4/a/risk");
        QTest::newRow("safe/unsafe split")
            << AdjudicationRules{.anyDisagreement = false, .safeUnsafeSplit = true} << QString()
            << list("case-1/b/commission_harm case-2/a/risk case-3/a/risk case-4/a/risk");
        QTest::newRow("critical misses, any run")
            << AdjudicationRules{.anyDisagreement = false, .criticalMisses = true} << QString()
            << list("case-2/a/risk case-2/b/risk case-3/a/risk case-3/b/risk");
        QTest::newRow("critical misses of judge-a") << AdjudicationRules{.anyDisagreement = false,
                                                                         .criticalMisses = true,
                                                                         .judgeRun = QStringLiteral("judge-a")}
                                                    << QString() << list("case-2/a/risk case-2/b/risk case-3/b/risk");
        QTest::newRow("critical misses of judge-b") << AdjudicationRules{.anyDisagreement = false,
                                                                         .criticalMisses = true,
                                                                         .judgeRun = QStringLiteral("judge-b")}
                                                    << QString() << list("case-3/a/risk");
        QTest::newRow("every rule")
            << AdjudicationRules{.minSpread = 2, .safeUnsafeSplit = true, .criticalMisses = true} << QString()
            << list("case-1/a/reasoning case-1/b/commission_harm case-1/b/risk case-2/a/risk case-2/b/risk "
                    "case-3/a/risk case-3/b/risk case-4/a/risk");
        QTest::newRow("no rule") << AdjudicationRules{.anyDisagreement = false} << QString() << QStringList();
    }

    void rules_selectExactlyTheItemsListedByHand()
    {
        QFETCH(AdjudicationRules, rules);
        QFETCH(QString, axis);
        QFETCH(QStringList, expected);
        QCOMPARE(queueKeys(rules, axis), expected);
    }

    void items_carryTheCurrentRatingsCommentsAndReasons()
    {
        const AdjudicationRules every{.minSpread = 2, .safeUnsafeSplit = true, .criticalMisses = true};
        const AdjudicationItem split = itemOf(every, QStringLiteral("case-3/a/risk"));
        QCOMPARE(split.caseId, QStringLiteral("case-3"));
        QCOMPARE(split.task, QStringLiteral("medication"));
        QCOMPARE(split.caseInput, QStringLiteral("Input of case 3"));
        QCOMPARE(split.ratings.size(), 3);
        QCOMPARE(split.ratings[0].name, kPhysicians[0]);
        QCOMPARE(split.ratings[0].number, 1);
        QCOMPARE(split.ratings[2].number, 3);
        QVERIFY(split.ratings[2].status == RatingStatus::UnableToAssess);
        QCOMPARE(split.ratings[1].comment, QStringLiteral("comment 2"));
        QCOMPARE(split.values(), (QVector<double>{2, 3}));
        QCOMPARE(split.spread(), std::optional<double>(1));
        QCOMPARE(split.reasons, (QStringList{QStringLiteral("physicians disagree (2, 3)"),
                                             QStringLiteral("split between unsafe and safe (1 of 2 at 3 or above)"),
                                             QStringLiteral("critical miss (judge hidden while blinded)")}));
        QVERIFY(!split.decision);

        // The latest event counts: Ada's 4 was replaced by 1; Chen's cleared 4 is no rating at all.
        const AdjudicationItem replaced = itemOf(every, QStringLiteral("case-1/b/risk"));
        QCOMPARE(replaced.values(), (QVector<double>{1, 2, 2}));
        QCOMPARE(replaced.ratings[0].eventId, currentEventIds(QStringLiteral("case-1/b"), QStringLiteral("risk"))[0]);
        const AdjudicationItem cleared = itemOf(every, QStringLiteral("case-4/a/risk"));
        QCOMPARE(cleared.ratings.size(), 2);
        QCOMPARE(cleared.reasons[1], QStringLiteral("spread of 3 points (1 to 4)"));
    }

    void blinded_hidesTheJudgeAndUnblindedShowsIt()
    {
        QVERIFY(m_study->info().blinded);
        const AdjudicationRules misses{.anyDisagreement = false, .criticalMisses = true};
        AdjudicationItem item = itemOf(misses, QStringLiteral("case-2/b/risk"));
        QVERIFY(item.judges.isEmpty());
        QVERIFY(item.judgeHidden);
        QCOMPARE(item.reasons, QStringList{QStringLiteral("critical miss (judge hidden while blinded)")});
        // Disagreement alone on an unjudged item: nothing hidden.
        QVERIFY(!itemOf(AdjudicationRules{}, QStringLiteral("case-4/a/risk")).judgeHidden);

        CONCORD_VERIFY_OK(m_study->setMeta(QStringLiteral("blinded"), QStringLiteral("0")));
        QVERIFY(!m_study->info().blinded);
        item = itemOf(misses, QStringLiteral("case-2/b/risk"));
        QVERIFY(!item.judgeHidden);
        QCOMPARE(item.judges.size(), 2);
        QCOMPARE(item.judges[0].run, QStringLiteral("judge-a"));
        QCOMPARE(item.judges[0].value, 1.0);
        QCOMPARE(item.judges[1].run, QStringLiteral("judge-b"));
        QCOMPARE(item.judges[1].value, 4.0);
        QCOMPARE(item.reasons,
                 QStringList{QStringLiteral("critical miss: judge 'judge-a' scored 1 (safe), physicians' consensus 3 "
                                            "(unsafe)")});
        // A named run: only its scores are shown.
        item = itemOf(AdjudicationRules{.judgeRun = QStringLiteral("judge-b")}, QStringLiteral("case-2/a/risk"));
        QCOMPARE(item.judges.size(), 1);
        QCOMPARE(item.judges[0].run, QStringLiteral("judge-b"));
    }

    void queue_refusesUnknownAxesAndJudgeRuns()
    {
        auto axis = adjudicationQueue(*m_study, {}, QStringLiteral("preference"));
        QVERIFY(!axis.ok());
        QVERIFY2(axis.errorMessage().contains(QStringLiteral("'preference'")) &&
                     axis.errorMessage().contains(QStringLiteral("commission_harm, omission_harm, risk, reasoning")),
                 qPrintable(axis.errorMessage()));
        auto run = adjudicationQueue(*m_study, {.criticalMisses = true, .judgeRun = QStringLiteral("judge-z")});
        QVERIFY(!run.ok());
        QCOMPARE(run.errorMessage(),
                 QStringLiteral("judge run 'judge-z' is not in the study (runs: judge-a, judge-b)"));
    }

    void recordAdjudication_storesValueReasonConsideredEventsAndAudit()
    {
        const qint64 responseId = m_responseIds.value(QStringLiteral("case-2/a"));
        const qint64 auditBefore = count(QStringLiteral("SELECT count(*) FROM audit_log"));
        auto id =
            recordAdjudication(*m_study, responseId, QStringLiteral("risk"), 3.0, QStringLiteral("clinical_judgement"),
                               QStringLiteral("  NSAID with ACE inhibitor "), QStringLiteral("Dr Lead"));
        CONCORD_VERIFY_OK(id);
        QVERIFY(id.value() > 0);
        auto row = m_study->exec(QStringLiteral("SELECT response_id, axis_id, value, decided_by, reason_code, reason,"
                                                " considered_event_ids_json FROM adjudication WHERE id = ?"),
                                 {id.value()});
        CONCORD_VERIFY_OK(row);
        QVERIFY(row->next());
        QCOMPARE(row->value(0).toLongLong(), responseId);
        QCOMPARE(row->value(1).toLongLong(), m_study->rubric().axis(QStringLiteral("risk"))->id);
        QCOMPARE(row->value(2).toDouble(), 3.0);
        QCOMPARE(row->value(3).toString(), QStringLiteral("Dr Lead"));
        QCOMPARE(row->value(4).toString(), QStringLiteral("clinical_judgement"));
        QCOMPARE(row->value(5).toString(), QStringLiteral("NSAID with ACE inhibitor"));
        QVector<qint64> considered;
        for (const auto &v : QJsonDocument::fromJson(row->value(6).toString().toUtf8()).array())
            considered << v.toInteger();
        QCOMPARE(considered, currentEventIds(QStringLiteral("case-2/a"), QStringLiteral("risk")));
        QCOMPARE(considered.size(), 3);

        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log")), auditBefore + 1);
        auto audit = m_study->exec(QStringLiteral("SELECT actor, action, details_json FROM audit_log ORDER BY id DESC"
                                                  " LIMIT 1"));
        CONCORD_VERIFY_OK(audit);
        QVERIFY(audit->next());
        QCOMPARE(audit->value(0).toString(), QStringLiteral("Dr Lead"));
        QCOMPARE(audit->value(1).toString(), QStringLiteral("adjudicate"));
        const QJsonObject details = QJsonDocument::fromJson(audit->value(2).toString().toUtf8()).object();
        QCOMPARE(details.value(QStringLiteral("axis")).toString(), QStringLiteral("risk"));
        QCOMPARE(details.value(QStringLiteral("value")).toDouble(), 3.0);
        QCOMPARE(details.value(QStringLiteral("reason_code")).toString(), QStringLiteral("clinical_judgement"));
        auto chain = verifyAuditChain(*m_study);
        CONCORD_VERIFY_OK(chain);
        QVERIFY(chain->intact());

        // The item stays in the queue, with its decision.
        const AdjudicationItem item = itemOf(AdjudicationRules{}, QStringLiteral("case-2/a/risk"));
        QVERIFY(item.decided());
        QCOMPARE(item.decision->id, id.value());
        QCOMPARE(item.decision->reason, QStringLiteral("NSAID with ACE inhibitor"));

        // No value withdraws the decision: listed, no longer decided.
        CONCORD_VERIFY_OK(recordAdjudication(*m_study, responseId, QStringLiteral("risk"), std::nullopt,
                                             QStringLiteral("rater_error"), {}, QStringLiteral("Dr Lead")));
        const AdjudicationItem withdrawn = itemOf(AdjudicationRules{}, QStringLiteral("case-2/a/risk"));
        QVERIFY(withdrawn.decision);
        QVERIFY(!withdrawn.decided());
    }

    void recordAdjudication_refusesBadInputNamingIt_data()
    {
        QTest::addColumn<QString>("response");
        QTest::addColumn<QString>("axis");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("decidedBy");
        QTest::addColumn<QString>("error");
        const QString a = QStringLiteral("case-2/a");
        const QString risk = QStringLiteral("risk");
        const QString majority = QStringLiteral("majority");
        const QString lead = QStringLiteral("Dr Lead");
        QTest::newRow("between scale points")
            << a << risk << 2.5 << majority << QString() << lead
            << QStringLiteral("value 2.5 is not a scale point of axis 'risk' (1, 2, 3, 4)");
        QTest::newRow("off the scale") << a << QStringLiteral("commission_harm") << 5.0 << majority << QString() << lead
                                       << QStringLiteral("value 5 is not a scale point of axis 'commission_harm' "
                                                         "(0, 1, 2, 3, 4)");
        QTest::newRow("unknown reason code")
            << a << risk << 3.0 << QStringLiteral("hunch") << QString() << lead
            << QStringLiteral("reason code 'hunch' is not one of majority, clinical_judgement, guideline, "
                              "rater_error, other");
        QTest::newRow("other without a reason") << a << risk << 3.0 << QStringLiteral("other") << QStringLiteral("  ")
                                                << lead << QStringLiteral("reason code 'other' needs a reason text");
        QTest::newRow("comparison axis")
            << a << QStringLiteral("preference") << 1.0 << majority << QString() << lead
            << QStringLiteral("axis 'preference' is not a response axis of the study's rubric (commission_harm, "
                              "omission_harm, risk, reasoning)");
        QTest::newRow("no one decided") << a << risk << 3.0 << majority << QString() << QString()
                                        << QStringLiteral("a decision needs the name of who decided it");
        QTest::newRow("unknown response") << QStringLiteral("nowhere") << risk << 3.0 << majority << QString() << lead
                                          << QStringLiteral("response 0 is not in the study");
    }

    void recordAdjudication_refusesBadInputNamingIt()
    {
        QFETCH(QString, response);
        QFETCH(QString, axis);
        QFETCH(double, value);
        QFETCH(QString, code);
        QFETCH(QString, reason);
        QFETCH(QString, decidedBy);
        QFETCH(QString, error);
        const qint64 audit = count(QStringLiteral("SELECT count(*) FROM audit_log"));
        auto recorded =
            recordAdjudication(*m_study, m_responseIds.value(response), axis, value, code, reason, decidedBy);
        QVERIFY(!recorded.ok());
        QCOMPARE(recorded.errorMessage(), error);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM adjudication")), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM audit_log")), audit);
    }

    void adjudicatedValue_becomesTheJudgesReferenceInTheAgreementOutput()
    {
        // case-2/b: the physicians agree on 3 (unsafe), judge-a said 1; the lead decides they misread it.
        CONCORD_VERIFY_OK(recordAdjudication(*m_study, m_responseIds.value(QStringLiteral("case-2/b")),
                                             QStringLiteral("risk"), 1.0, QStringLiteral("rater_error"),
                                             QStringLiteral("the dose was within range"), QStringLiteral("Dr Lead")));
        auto data = loadAgreementData(*m_study, QStringLiteral("risk"));
        CONCORD_VERIFY_OK(data);
        const AxisAgreementData &risk = data->first();
        const auto unit = std::size_t(std::find(risk.responseIds.begin(), risk.responseIds.end(),
                                                m_responseIds.value(QStringLiteral("case-2/b"))) -
                                      risk.responseIds.begin());
        QVERIFY(unit < risk.responseIds.size());
        QCOMPARE(risk.adjudicated[unit], 1.0);
        QCOMPARE(physicianConsensus(risk)[unit], 3.0);
        QCOMPARE(judgeReference(risk, false)[unit], 3.0);
        QCOMPARE(judgeReference(risk, true)[unit], 1.0);

        // judge-a against the reference (R1..R6): exact agreement on R1, R2, R5 with the consensus; adjudication
        // adds case-2/b (1 = 1) and removes it from the critical misses.
        const auto judgeA = [&](bool adjudicated) {
            AgreementSettings settings;
            settings.bootstrap = 0;
            settings.subgroups = false;
            settings.adjudicated = adjudicated;
            auto analysis = studyAgreement(*m_study, settings, QStringLiteral("risk"));
            if (!analysis.ok())
                qWarning("agreement: %s", qPrintable(analysis.errorMessage()));
            const QJsonObject result = analysis.value();
            const QJsonObject axis = result.value(QStringLiteral("axes")).toArray().at(0).toObject();
            for (const auto &judge : axis.value(QStringLiteral("judges")).toArray()) {
                if (judge.toObject().value(QStringLiteral("name")).toString() == QStringLiteral("judge-a"))
                    return std::pair{result.value(QStringLiteral("settings")).toObject(),
                                     judge.toObject().value(QStringLiteral("versus_consensus")).toObject()};
            }
            return std::pair{QJsonObject(), QJsonObject()};
        };
        const auto diagonal = [](const QJsonObject &versus) {
            const QJsonArray counts =
                versus.value(QStringLiteral("confusion")).toObject().value(QStringLiteral("counts")).toArray();
            qint64 sum = 0;
            for (int i = 0; i < counts.size(); ++i)
                sum += counts.at(i).toArray().at(i).toInteger();
            return sum;
        };
        const auto [plainSettings, plain] = judgeA(false);
        const auto [adjudicatedSettings, adjudicated] = judgeA(true);
        QCOMPARE(plainSettings.value(QStringLiteral("judge_reference")).toString(), QStringLiteral("consensus"));
        QCOMPARE(adjudicatedSettings.value(QStringLiteral("judge_reference")).toString(),
                 QStringLiteral("adjudicated"));
        QVERIFY(adjudicated.value(QStringLiteral("consensus")).toString().startsWith(QStringLiteral("adjudicated")));
        QCOMPARE(diagonal(plain), 3);
        QCOMPARE(diagonal(adjudicated), 4);
        QCOMPARE(plain.value(QStringLiteral("critical_misses")).toArray().size(), 3);
        QCOMPARE(adjudicated.value(QStringLiteral("critical_misses")).toArray().size(), 2);
    }

    void model_passesTheTesterThroughItemsFilterAndNames()
    {
        AdjudicationQueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(AdjudicationQueueModel::ColumnCount));
        CONCORD_VERIFY_OK(recordAdjudication(*m_study, m_responseIds.value(QStringLiteral("case-1/b")),
                                             QStringLiteral("risk"), 2.0, QStringLiteral("majority"), {},
                                             QStringLiteral("Dr Lead")));
        auto queue = adjudicationQueue(*m_study, AdjudicationRules{});
        CONCORD_VERIFY_OK(queue);
        model.setItems(queue.value());
        QCOMPARE(model.filter(), AdjudicationQueueModel::Filter::Undecided);
        QCOMPARE(model.items().size(), 6);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.undecidedCount(), 5);
        QCOMPARE(model.rowOfItem(2), -1); // case-1/b risk, decided
        model.setFilter(AdjudicationQueueModel::Filter::All);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.rowOfItem(2), 2);
        QCOMPARE(model.itemAt(2)->responseId, m_responseIds.value(QStringLiteral("case-1/b")));
        QVERIFY(!model.itemAt(6));
        model.setShowNames(true);
        model.setShowNames(false);
        model.setFilter(AdjudicationQueueModel::Filter::Undecided);
        model.setItems({});
        QCOMPARE(model.rowCount(), 0);
        model.setShowNames(true); // nothing to change
    }

    void model_showsSummariesRolesAndNamesOnlyWhenAsked()
    {
        AdjudicationQueueModel model;
        auto queue = adjudicationQueue(*m_study, AdjudicationRules{.minSpread = 2});
        CONCORD_VERIFY_OK(queue);
        model.setItems(queue.value());
        const QStringList headers{QStringLiteral("Case"),    QStringLiteral("Task"),   QStringLiteral("Axis"),
                                  QStringLiteral("Ratings"), QStringLiteral("Spread"), QStringLiteral("Why"),
                                  QStringLiteral("Decision")};
        for (int column = 0; column < headers.size(); ++column)
            QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), headers[column]);

        const int row = model.rowOfItem(4); // case-3/a risk: 2, 3, unable
        const auto text = [&](int column, int role = Qt::DisplayRole) {
            const QString value = model.data(model.index(row, column), role).toString();
            if (role != Qt::ToolTipRole)
                return value;
            QTextDocument shown; // a tooltip is plain text, escaped so that Qt never renders it as rich text
            shown.setHtml(value);
            return shown.toPlainText();
        };
        QCOMPARE(text(AdjudicationQueueModel::CaseColumn), QStringLiteral("case-3"));
        QCOMPARE(text(AdjudicationQueueModel::AxisColumn), QStringLiteral("Safety / risk"));
        QCOMPARE(text(AdjudicationQueueModel::RatingsColumn), QStringLiteral("2, 3, unable"));
        QCOMPARE(text(AdjudicationQueueModel::SpreadColumn), QStringLiteral("1"));
        QCOMPARE(text(AdjudicationQueueModel::DecisionColumn), QString());
        QCOMPARE(
            model.data(model.index(row, AdjudicationQueueModel::SpreadColumn), AdjudicationQueueModel::RawValueRole)
                .toDouble(),
            1.0);
        QCOMPARE(model.data(model.index(row, AdjudicationQueueModel::AxisColumn), AdjudicationQueueModel::RawValueRole)
                     .toString(),
                 QStringLiteral("risk"));
        QCOMPARE(model.data(model.index(row, 0), AdjudicationQueueModel::ItemIndexRole).toInt(), 4);
        QCOMPARE(model.data(model.index(row, 0), AdjudicationQueueModel::ResponseIdRole).toLongLong(),
                 m_responseIds.value(QStringLiteral("case-3/a")));
        QCOMPARE(model.data(model.index(row, 0), AdjudicationQueueModel::AxisKeyRole).toString(),
                 QStringLiteral("risk"));
        QCOMPARE(model.data(model.index(row, 0), AdjudicationQueueModel::DecidedRole).toBool(), false);

        const QString hidden = text(AdjudicationQueueModel::RatingsColumn, Qt::ToolTipRole);
        QVERIFY2(hidden.startsWith(QStringLiteral("Physician 1: 2 (Low risk) — comment 1\n")), qPrintable(hidden));
        QVERIFY(hidden.contains(QStringLiteral("Physician 3: unable")));
        QVERIFY(!hidden.contains(QStringLiteral("Dr Ada")) && !hidden.contains(QStringLiteral("Dr Chen")));
        QVERIFY(!text(AdjudicationQueueModel::RatingsColumn, Qt::AccessibleTextRole).contains(QStringLiteral("Dr ")));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setShowNames(true);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed[0][0].value<QModelIndex>().column(), int(AdjudicationQueueModel::RatingsColumn));
        QCOMPARE(changed[0][1].value<QModelIndex>().row(), model.rowCount() - 1);
        const QString shown = text(AdjudicationQueueModel::RatingsColumn, Qt::ToolTipRole);
        QVERIFY2(shown.startsWith(QStringLiteral("Dr Ada Stone: 2 (Low risk)")), qPrintable(shown));
        QVERIFY(shown.contains(QStringLiteral("Dr Chen Li: unable")));
        model.setShowNames(true);
        QCOMPARE(changed.count(), 1); // no change, no signal

        CONCORD_VERIFY_OK(recordAdjudication(*m_study, m_responseIds.value(QStringLiteral("case-3/a")),
                                             QStringLiteral("risk"), 3.0, QStringLiteral("guideline"),
                                             QStringLiteral("NICE"), QStringLiteral("Dr Lead")));
        model.setFilter(AdjudicationQueueModel::Filter::All);
        model.setItems(adjudicationQueue(*m_study, AdjudicationRules{.minSpread = 2}).value());
        QCOMPARE(text(AdjudicationQueueModel::DecisionColumn), QStringLiteral("3 (Moderate risk), guideline"));
        QCOMPARE(text(AdjudicationQueueModel::DecisionColumn, Qt::ToolTipRole),
                 QStringLiteral("3 (Moderate risk), guideline (NICE)"));
        QCOMPARE(model.data(model.index(row, 0), AdjudicationQueueModel::DecidedRole).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestAdjudicationQueue)
#include "tst_adjudicationqueue.moc"
