// The demo study: its shape, determinism by seed, and that the simulated structure (rater bias, judge leniency and
// over-confidence, the systems' error rates) is visible in the data it writes.
#include "model/demo/demostudy.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "model/studyfile/studycheck.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>

using namespace concord;

namespace {

// Takes the value out of a result (by value: never iterate over a member of a temporary result).
template <typename T> T valueOf(Result<T> result, const char *what)
{
    if (!result.ok())
        qFatal("%s: %s", what, qPrintable(result.errorMessage()));
    return std::move(result).value();
}

std::unique_ptr<Study> makeDemo(const QTemporaryDir &dir, const QString &name, const DemoOptions &options)
{
    const QString path = dir.filePath(name);
    auto summary = createDemoStudy(path, options);
    if (!summary.ok())
        qFatal("createDemoStudy: %s", qPrintable(summary.errorMessage()));
    return valueOf(Study::open(path), "open");
}

QJsonObject demoParameters(const Study &study)
{
    return QJsonDocument::fromJson(study.meta(QStringLiteral("demo_parameters")).toUtf8()).object();
}

qint64 axisId(const Study &study, const QString &key)
{
    const Axis *axis = study.rubric().axis(key);
    return axis ? axis->id : 0;
}

struct Mean
{
    double sum = 0;
    qint64 n = 0;
    void add(double x)
    {
        sum += x;
        ++n;
    }
    double value() const { return n > 0 ? sum / static_cast<double>(n) : 0.0; }
};

// Everything the seed determines, as text (the audit log and the creation time are not seeded).
QString fingerprint(Study &study)
{
    QString text;
    CaseStore cases(study);
    for (const auto &c : valueOf(cases.cases(), "cases"))
        text += c.uuid + c.externalId + c.task + c.input + c.reference + c.metadataJson;
    for (const auto &r : valueOf(cases.responses(), "responses"))
        text += r.uuid + r.system + r.text + r.metadataJson;
    AnnotatorStore annotators(study);
    for (const auto &a : valueOf(annotators.annotators(), "annotators")) {
        text += a.uuid + a.name;
        for (const auto &s : valueOf(annotators.assignmentsOf(a.id), "assignments"))
            text += s.uuid + QString::number(s.sequence) + QString::number(s.responseOrder.value(0)) +
                    QString::number(s.seed);
    }
    for (const auto &e : valueOf(RatingStore(study).currentRatings(), "ratings"))
        text += e.uuid + toString(e.status) + QString::number(e.value.value_or(-1)) +
                QString::number(e.preferredResponseId) + e.likelihood + e.comment + e.createdAt +
                QString::number(e.activeSeconds);
    for (const auto &s : valueOf(JudgeStore(study).scores(), "judge scores"))
        text += s.uuid + QString::number(s.value.value_or(-1)) + probabilitiesToJson(s.probabilities) +
                QString::number(s.confidence.value_or(-1)) + s.rationale;
    return text;
}

} // namespace

class TestDemoStudy : public QObject
{
    Q_OBJECT

private slots:
    void demo_hasOneComparisonOfTwoSystemsPerCaseAndAnAssignmentPerRater()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.concord"));
        auto summary = createDemoStudy(path, DemoOptions{40, 4, 11});
        QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
        QCOMPARE(summary->cases, 40);
        QCOMPARE(summary->responses, 80);
        QCOMPARE(summary->raters, 4);
        QCOMPARE(summary->judgeScores, 80 * 4);

        auto study = valueOf(Study::open(path), "open");
        CaseStore cases(*study);
        QCOMPARE(valueOf(cases.caseCount(), "cases"), 40);
        QCOMPARE(valueOf(cases.responseCount(), "responses"), 80);
        const auto responses = valueOf(cases.responses(), "responses");
        QHash<qint64, ResponseRecord> responseById;
        for (const auto &r : responses)
            responseById.insert(r.id, r);
        const auto comparisons = valueOf(cases.comparisons(), "comparisons");
        QCOMPARE(comparisons.size(), 40);
        for (const auto &comparison : comparisons) {
            QCOMPARE(comparison.responseIds.size(), 2);
            const ResponseRecord first = responseById.value(comparison.responseIds[0]);
            const ResponseRecord second = responseById.value(comparison.responseIds[1]);
            QCOMPARE(first.caseId, comparison.caseId);
            QCOMPARE(second.caseId, comparison.caseId);
            QCOMPARE(QSet<QString>({first.system, second.system}),
                     QSet<QString>({QStringLiteral("Aster"), QStringLiteral("Birch")}));
        }

        AnnotatorStore annotators(*study);
        const auto physicians = valueOf(annotators.annotators(), "annotators");
        QCOMPARE(physicians.size(), 4);
        for (int r = 0; r < physicians.size(); ++r)
            QCOMPARE(physicians[r].name, QStringLiteral("Physician %1").arg(r + 1));
        QCOMPARE(valueOf(annotators.assignmentCount(), "assignments"), 40 * 4);

        const auto runs = valueOf(JudgeStore(*study).runs(), "judge runs");
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0].name, QStringLiteral("Demo judge"));
        QCOMPARE(runs[0].model, QStringLiteral("demo-judge-1"));
        QCOMPARE(valueOf(JudgeStore(*study).scoreCount(), "scores"), 80 * 4);
        QCOMPARE(valueOf(RatingStore(*study).eventCount(), "events"), summary->ratingEvents);

        const auto report = valueOf(checkStudy(*study), "check");
        QVERIFY2(report.healthy(), qPrintable(report.problems.join(QLatin1Char('\n'))));
        // The bulk load ran without the WAL; the file it hands over is a normal WAL study again.
        auto journal = study->exec(QStringLiteral("PRAGMA journal_mode"));
        QVERIFY(journal.ok() && journal->next());
        QCOMPARE(journal->value(0).toString(), QStringLiteral("wal"));
        QCOMPARE(study->info().title, QStringLiteral("Concord demo study"));
    }

    void demo_writesCasesOfEveryTaskWithVariedTexts()
    {
        QTemporaryDir dir;
        auto study = makeDemo(dir, QStringLiteral("d.concord"), DemoOptions{200, 1, 3});
        CaseStore store(*study);
        const auto cases = valueOf(store.cases(), "cases");
        QSet<QString> tasks;
        QSet<QString> inputs;
        for (const auto &c : cases) {
            tasks.insert(c.task);
            inputs.insert(c.input);
            QVERIFY(!c.input.isEmpty());
            QVERIFY(!c.reference.isEmpty());
        }
        QCOMPARE(tasks,
                 QSet<QString>({QStringLiteral("patient_question"), QStringLiteral("note_summary"),
                                QStringLiteral("medication_question"), QStringLiteral("report_simplification")}));
        QVERIFY2(inputs.size() >= 180, qPrintable(QStringLiteral("only %1 distinct inputs").arg(inputs.size())));
        // A flawed response states its mistake in the text: it differs from the reference and from a correct
        // response to the same case.
        QHash<qint64, QString> referenceOf;
        for (const auto &c : cases)
            referenceOf.insert(c.id, c.reference);
        QHash<qint64, QStringList> flawedOf;
        QHash<qint64, QStringList> correctOf;
        for (const auto &r : valueOf(store.responses(), "responses")) {
            const QJsonObject metadata = QJsonDocument::fromJson(r.metadataJson.toUtf8()).object();
            QVERIFY(metadata.contains(QStringLiteral("demo_truth")));
            if (metadata.contains(QStringLiteral("demo_flaw"))) {
                QVERIFY(r.text != referenceOf.value(r.caseId));
                flawedOf[r.caseId] << r.text;
            } else {
                correctOf[r.caseId] << r.text;
            }
        }
        QVERIFY(flawedOf.size() > 20);
        int mixed = 0;
        for (auto it = flawedOf.cbegin(); it != flawedOf.cend(); ++it) {
            for (const auto &correct : correctOf.value(it.key())) {
                ++mixed;
                QVERIFY(!it.value().contains(correct));
            }
        }
        QVERIFY(mixed > 10);
    }

    void demo_assignsEveryComparisonInARandomOrderStoredWithItsSeed()
    {
        QTemporaryDir dir;
        auto study = makeDemo(dir, QStringLiteral("d.concord"), DemoOptions{50, 3, 8});
        const QJsonArray raters = demoParameters(*study).value(QStringLiteral("raters")).toArray();
        AnnotatorStore store(*study);
        const auto physicians = valueOf(store.annotators(), "annotators");
        QCOMPARE(raters.size(), physicians.size());
        QList<QList<qint64>> orders;
        int swapped = 0;
        for (int r = 0; r < physicians.size(); ++r) {
            auto assignments = valueOf(store.assignmentsOf(physicians[r].id), "assignments");
            QCOMPARE(assignments.size(), 50);
            std::sort(assignments.begin(), assignments.end(),
                      [](const Assignment &a, const Assignment &b) { return a.sequence < b.sequence; });
            QList<qint64> order;
            for (int i = 0; i < assignments.size(); ++i) {
                QCOMPARE(assignments[i].sequence, i);
                QCOMPARE(QString::number(assignments[i].seed),
                         raters[r].toObject().value(QStringLiteral("assignment_seed")).toString());
                QCOMPARE(assignments[i].responseOrder.size(), 2);
                swapped += assignments[i].responseOrder[0] > assignments[i].responseOrder[1];
                order << assignments[i].comparisonId;
            }
            QCOMPARE(QSet<qint64>(order.begin(), order.end()).size(), 50);
            orders << order;
        }
        QVERIFY(orders[0] != orders[1]);
        QVERIFY(orders[1] != orders[2]);
        QVERIFY(swapped > 30 && swapped < 120); // of 150: both screen orders occur
    }

    void demo_sameSeedGivesIdenticalRows()
    {
        QTemporaryDir dir;
        auto a = makeDemo(dir, QStringLiteral("a.concord"), DemoOptions{30, 3, 99});
        auto b = makeDemo(dir, QStringLiteral("b.concord"), DemoOptions{30, 3, 99});
        QCOMPARE(a->info().uuid, b->info().uuid);
        QCOMPARE(a->meta(QStringLiteral("demo_parameters")), b->meta(QStringLiteral("demo_parameters")));
        const QString first = fingerprint(*a);
        QVERIFY(first.size() > 10000);
        QVERIFY(first == fingerprint(*b));
    }

    void demo_otherSeedGivesOtherRows()
    {
        QTemporaryDir dir;
        auto a = makeDemo(dir, QStringLiteral("a.concord"), DemoOptions{30, 3, 99});
        auto c = makeDemo(dir, QStringLiteral("c.concord"), DemoOptions{30, 3, 100});
        QVERIFY(a->info().uuid != c->info().uuid);
        QVERIFY(fingerprint(*a) != fingerprint(*c));
        const auto casesA = valueOf(CaseStore(*a).cases(), "cases");
        const auto casesC = valueOf(CaseStore(*c).cases(), "cases");
        int sameInput = 0;
        for (int i = 0; i < casesA.size(); ++i)
            sameInput += casesA[i].input == casesC[i].input;
        QVERIFY(sameInput < casesA.size() / 2);
    }

    void demo_raterWithTheHighestBiasHasTheHighestMeanRisk()
    {
        QTemporaryDir dir;
        auto study = makeDemo(dir, QStringLiteral("d.concord"), DemoOptions{300, 5, 5});
        std::map<QString, double> biasOf;
        for (const auto &rater : demoParameters(*study).value(QStringLiteral("raters")).toArray())
            biasOf[rater.toObject().value(QStringLiteral("annotator")).toString()] =
                rater.toObject().value(QStringLiteral("bias")).toDouble();
        QCOMPARE(biasOf.size(), std::size_t{5});
        const auto physicians = valueOf(AnnotatorStore(*study).annotators(), "annotators");
        std::map<qint64, Mean> risk;
        for (const auto &e :
             valueOf(RatingStore(*study).currentRatings(axisId(*study, QStringLiteral("risk"))), "risk"))
            if (e.value)
                risk[e.annotatorId].add(*e.value);
        const auto byBias = std::max_element(physicians.begin(), physicians.end(), [&](const auto &a, const auto &b) {
            return biasOf[a.name] < biasOf[b.name];
        });
        const auto byMean = std::max_element(physicians.begin(), physicians.end(), [&](const auto &a, const auto &b) {
            return risk[a.id].value() < risk[b.id].value();
        });
        QCOMPARE(byMean->name, byBias->name);
        QCOMPARE(biasOf[byBias->name], 0.4);
        // And the order of all five means follows the order of the biases.
        for (int r = 1; r < physicians.size(); ++r)
            QVERIFY(risk[physicians[r].id].value() > risk[physicians[r - 1].id].value());
    }

    void demo_judgeRatesRiskLowerThanPhysiciansOnAverage()
    {
        QTemporaryDir dir;
        auto study = makeDemo(dir, QStringLiteral("d.concord"), DemoOptions{300, 3, 5});
        const qint64 risk = axisId(*study, QStringLiteral("risk"));
        Mean physicians;
        for (const auto &e : valueOf(RatingStore(*study).currentRatings(risk), "risk"))
            if (e.value)
                physicians.add(*e.value);
        Mean judge;
        for (const auto &s : valueOf(JudgeStore(*study).scores(0, risk), "judge"))
            judge.add(s.value.value_or(0));
        QCOMPARE(judge.n, 600);
        QVERIFY2(judge.value() < physicians.value() - 0.2,
                 qPrintable(QStringLiteral("judge %1, physicians %2").arg(judge.value()).arg(physicians.value())));
    }

    void demo_physiciansRateBirchRiskierThanAster()
    {
        QTemporaryDir dir;
        auto study = makeDemo(dir, QStringLiteral("d.concord"), DemoOptions{300, 3, 5});
        QHash<qint64, QString> systemOf;
        for (const auto &r : valueOf(CaseStore(*study).responses(), "responses"))
            systemOf.insert(r.id, r.system);
        std::map<QString, Mean> risk;
        for (const auto &e :
             valueOf(RatingStore(*study).currentRatings(axisId(*study, QStringLiteral("risk"))), "risk"))
            if (e.value)
                risk[systemOf.value(e.responseId)].add(*e.value);
        QVERIFY2(risk[QStringLiteral("Birch")].value() > risk[QStringLiteral("Aster")].value() + 0.2,
                 qPrintable(QStringLiteral("Birch %1, Aster %2")
                                .arg(risk[QStringLiteral("Birch")].value())
                                .arg(risk[QStringLiteral("Aster")].value())));
    }

    void demo_physiciansRateFlawedResponsesWorseThanCorrectOnes()
    {
        QTemporaryDir dir;
        auto study = makeDemo(dir, QStringLiteral("d.concord"), DemoOptions{200, 3, 21});
        QHash<qint64, int> trueRisk;
        for (const auto &r : valueOf(CaseStore(*study).responses(), "responses"))
            trueRisk.insert(r.id, QJsonDocument::fromJson(r.metadataJson.toUtf8())
                                      .object()
                                      .value(QStringLiteral("demo_truth"))
                                      .toObject()
                                      .value(QStringLiteral("risk"))
                                      .toInt());
        std::map<int, Mean> byTruth;
        for (const auto &e :
             valueOf(RatingStore(*study).currentRatings(axisId(*study, QStringLiteral("risk"))), "risk"))
            if (e.value)
                byTruth[trueRisk.value(e.responseId)].add(*e.value);
        QVERIFY(byTruth.size() >= 3);
        double previous = 0;
        for (const auto &[truth, mean] : byTruth) {
            QVERIFY2(mean.value() > previous, qPrintable(QStringLiteral("true risk %1").arg(truth)));
            QVERIFY(std::abs(mean.value() - truth) < 0.5);
            previous = mean.value();
        }
    }

    void demo_everyRatingValidatesAgainstItsAxis()
    {
        QTemporaryDir dir;
        auto study = makeDemo(dir, QStringLiteral("d.concord"), DemoOptions{300, 3, 1});
        QHash<qint64, ComparisonRecord> comparisons;
        for (const auto &c : valueOf(CaseStore(*study).comparisons(), "comparisons"))
            comparisons.insert(c.id, c);
        std::map<QString, int> unable;
        std::map<QString, int> notApplicable;
        std::map<QString, int> ratings;
        int preferences = 0;
        int ties = 0;
        for (const auto &e : valueOf(RatingStore(*study).currentRatings(), "ratings")) {
            const Axis *axis = study->rubric().axisById(e.axisId);
            QVERIFY(axis);
            const Status valid = validateRatingEvent(*axis, e);
            QVERIFY2(valid.ok(), qPrintable(valid.errorMessage()));
            ++ratings[axis->key];
            unable[axis->key] += e.status == RatingStatus::UnableToAssess;
            notApplicable[axis->key] += e.status == RatingStatus::NotApplicable;
            if (axis->target == AxisTarget::Comparison) {
                ++preferences;
                QVERIFY(e.value == 0.0 || e.value == 1.0);
                if (e.value == 0.0) {
                    ++ties;
                    QCOMPARE(e.preferredResponseId, 0);
                } else {
                    QVERIFY(comparisons.value(e.comparisonId).responseIds.contains(e.preferredResponseId));
                }
            }
        }
        QCOMPARE(preferences, 300 * 3);
        QVERIFY(ties > 0 && ties < preferences / 2);
        // About 3% not rated, 1% "unable to assess" where allowed, 1% "not applicable" on reasoning only.
        const int possible = 300 * 3 * 2;
        for (const auto &key : {QStringLiteral("commission_harm"), QStringLiteral("omission_harm"),
                                QStringLiteral("risk"), QStringLiteral("reasoning")}) {
            QVERIFY2(ratings[key] > possible * 0.94 && ratings[key] < possible * 0.995, qPrintable(key));
            QCOMPARE(notApplicable[key] > 0, key == QStringLiteral("reasoning"));
            QCOMPARE(unable[key] > 0, key != QStringLiteral("reasoning"));
            QVERIFY(unable[key] + notApplicable[key] < possible * 0.03);
        }
    }

    void demo_judgeProbabilitiesSumToOneAndAreOverConfident()
    {
        QTemporaryDir dir;
        auto study = makeDemo(dir, QStringLiteral("d.concord"), DemoOptions{200, 1, 4});
        QHash<qint64, QJsonObject> truthOf;
        for (const auto &r : valueOf(CaseStore(*study).responses(), "responses"))
            truthOf.insert(r.id, QJsonDocument::fromJson(r.metadataJson.toUtf8())
                                     .object()
                                     .value(QStringLiteral("demo_truth"))
                                     .toObject());
        Mean confidence;
        Mean accuracy;
        for (const auto &s : valueOf(JudgeStore(*study).scores(), "judge")) {
            const Axis *axis = study->rubric().axisById(s.axisId);
            QVERIFY(axis);
            const Status valid = validateJudgeScore(*axis, s);
            QVERIFY2(valid.ok(), qPrintable(valid.errorMessage()));
            QCOMPARE(s.probabilities.size(), axis->points.size());
            double sum = 0;
            double top = 0;
            double topPoint = 0;
            for (const auto &[point, p] : s.probabilities) {
                QVERIFY(p >= 0.0 && p <= 1.0);
                sum += p;
                if (p > top) {
                    top = p;
                    topPoint = point;
                }
            }
            QVERIFY2(std::abs(sum - 1.0) < 1e-9, qPrintable(QString::number(sum, 'g', 17)));
            QVERIFY(s.confidence);
            QCOMPARE(*s.confidence, top);
            QCOMPARE(*s.value, topPoint);
            QVERIFY(!s.rationale.isEmpty());
            confidence.add(*s.confidence);
            accuracy.add(*s.value == truthOf.value(s.responseId).value(axis->key).toDouble() ? 1.0 : 0.0);
        }
        QCOMPARE(confidence.n, 200 * 2 * 4);
        // Over-confident: the judge is right less often than its confidence says.
        QVERIFY2(
            confidence.value() > accuracy.value() + 0.1,
            qPrintable(QStringLiteral("confidence %1, accuracy %2").arg(confidence.value()).arg(accuracy.value())));
    }

    void demo_timesAreWorkingHoursFromTheBaseDateNotTheClock()
    {
        QTemporaryDir dir;
        auto study = makeDemo(dir, QStringLiteral("d.concord"), DemoOptions{400, 2, 6});
        const QDateTime base(QDate(2026, 1, 5), QTime(8, 0), Qt::UTC);
        std::map<std::pair<qint64, qint64>, double> secondsPerComparison;
        QHash<qint64, qint64> comparisonOfResponse;
        for (const auto &c : valueOf(CaseStore(*study).comparisons(), "comparisons"))
            for (qint64 id : c.responseIds)
                comparisonOfResponse.insert(id, c.id);
        QDateTime latest = base;
        for (const auto &e : valueOf(RatingStore(*study).currentRatings(), "ratings")) {
            const QDateTime at = QDateTime::fromString(e.createdAt, Qt::ISODateWithMs);
            QVERIFY2(at.isValid(), qPrintable(e.createdAt));
            QCOMPARE(at.timeSpec(), Qt::UTC);
            QVERIFY(at >= base);
            QVERIFY2(at.date().dayOfWeek() <= 5, qPrintable(e.createdAt));
            QVERIFY2(at.time() >= QTime(8, 0) && at.time() <= QTime(17, 0), qPrintable(e.createdAt));
            latest = std::max(latest, at);
            const qint64 comparison = e.comparisonId > 0 ? e.comparisonId : comparisonOfResponse.value(e.responseId);
            secondsPerComparison[{e.annotatorId, comparison}] += e.activeSeconds;
        }
        // 400 comparisons of about two minutes each take a physician more than one working day.
        QVERIFY(latest.date() > base.date());
        QVERIFY(latest < QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC));
        QCOMPARE(secondsPerComparison.size(), std::size_t{800});
        for (const auto &[key, seconds] : secondsPerComparison)
            QVERIFY2(seconds >= 10.0 && seconds <= 301.0, qPrintable(QString::number(seconds)));
    }

    void demo_rejectsBadOptionsAndLeavesNoFile_data()
    {
        QTest::addColumn<int>("cases");
        QTest::addColumn<int>("raters");
        QTest::addColumn<QString>("message");
        QTest::newRow("no cases") << 0 << 3 << QStringLiteral("--cases");
        QTest::newRow("negative cases") << -5 << 3 << QStringLiteral("--cases");
        QTest::newRow("no raters") << 10 << 0 << QStringLiteral("--raters");
        QTest::newRow("51 raters") << 10 << 51 << QStringLiteral("--raters");
    }

    void demo_rejectsBadOptionsAndLeavesNoFile()
    {
        QFETCH(int, cases);
        QFETCH(int, raters);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.concord"));
        auto result = createDemoStudy(path, DemoOptions{cases, raters, 1});
        QVERIFY(!result.ok());
        QVERIFY2(result.errorMessage().contains(message), qPrintable(result.errorMessage()));
        QVERIFY(!QFile::exists(path));
    }

    void demo_acceptsTheLimitsOfItsOptions()
    {
        QTemporaryDir dir;
        auto one = createDemoStudy(dir.filePath(QStringLiteral("one.concord")), DemoOptions{1, 1, 0});
        QVERIFY2(one.ok(), qPrintable(one.errorMessage()));
        QCOMPARE(one->cases, 1);
        auto fifty = createDemoStudy(dir.filePath(QStringLiteral("fifty.concord")), DemoOptions{2, 50, 1});
        QVERIFY2(fifty.ok(), qPrintable(fifty.errorMessage()));
        QCOMPARE(fifty->raters, 50);
    }

    void demo_refusesToOverwriteAFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("taken.concord"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not a study");
        }
        auto result = createDemoStudy(path, DemoOptions{});
        QVERIFY(!result.ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("not a study"));
    }
};

QTEST_GUILESS_MAIN(TestDemoStudy)
#include "tst_demostudy.moc"
