// AgreementDataCache (a refresh reads only what changed) and BackgroundAgreement (the dashboard's reader and
// analysis on a thread of its own) on the demo study. The reference for every check is the one-shot reader,
// loadAgreementData() on a fresh connection, and agreementAnalysis() called on its data.
#include "model/agreement/agreementdatacache.h"
#include "model/agreement/analysisjson.h"
#include "model/agreement/backgroundagreement.h"
#include "model/demo/demostudy.h"
#include "model/store/adjudicationstore.h"
#include "model/store/annotatorstore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <span>

using namespace concord;

namespace {

bool sameValues(std::span<const double> a, std::span<const double> b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))))
            return false;
    }
    return true;
}

// Every field of two axes' data, the rating matrix cell by cell.
void compareAxis(const AxisAgreementData &actual, const AxisAgreementData &expected)
{
    QCOMPARE(actual.axis.key, expected.axis.key);
    QCOMPARE(actual.responseIds, expected.responseIds);
    QCOMPARE(actual.caseIds, expected.caseIds);
    QCOMPARE(actual.tasks, expected.tasks);
    QCOMPARE(actual.systems, expected.systems);
    QCOMPARE(actual.responseWords, expected.responseWords);
    QCOMPARE(actual.physicians, expected.physicians);
    QCOMPARE(actual.unableToAssess, expected.unableToAssess);
    QCOMPARE(actual.notApplicable, expected.notApplicable);
    QCOMPARE(actual.ratings.units(), expected.ratings.units());
    QCOMPARE(actual.ratings.raters(), expected.ratings.raters());
    for (std::size_t u = 0; u < actual.ratings.units(); ++u)
        QVERIFY2(sameValues(actual.ratings.row(u), expected.ratings.row(u)), qPrintable(QString::number(u)));
    QVERIFY(sameValues(actual.adjudicated, expected.adjudicated));
    QCOMPARE(actual.judges.size(), expected.judges.size());
    for (int j = 0; j < actual.judges.size(); ++j) {
        QCOMPARE(actual.judges[j].name, expected.judges[j].name);
        QVERIFY(sameValues(actual.judges[j].value, expected.judges[j].value));
        QVERIFY(sameValues(actual.judges[j].positiveProbability, expected.judges[j].positiveProbability));
        QVERIFY(sameValues(actual.judges[j].confidence, expected.judges[j].confidence));
    }
}

} // namespace

class TestAgreementDataCache : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    QVector<AxisAgreementData> freshLoad()
    {
        auto study = Study::open(m_path, Study::Access::ReadOnly);
        if (!study.ok())
            qFatal("%s", qPrintable(study.errorMessage()));
        auto data = loadAgreementData(*study.value());
        if (!data.ok())
            qFatal("%s", qPrintable(data.errorMessage()));
        return data.value();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("demo.concord"));
        DemoOptions options;
        options.cases = 12;
        auto demo = createDemoStudy(m_path, options);
        QVERIFY2(demo.ok(), qPrintable(demo.errorMessage()));
    }

    void read_afterChanges_equalsAFreshLoad()
    {
        auto reader = Study::open(m_path, Study::Access::ReadOnly);
        QVERIFY(reader.ok());
        AgreementDataCache cache;
        auto first = cache.read(*reader.value());
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        auto expectedFirst = freshLoad();
        QCOMPARE(first->size(), expectedFirst.size());
        for (int a = 0; a < first->size(); ++a)
            compareAxis(first->at(a), expectedFirst[a]);

        // Changes through another connection: a new physician, a correction, a clear, an "unable to assess", a new
        // judge score, a renamed physician and an adjudication.
        auto writer = Study::open(m_path);
        QVERIFY(writer.ok());
        Study &study = *writer.value();
        const Axis *risk = study.rubric().axis(QStringLiteral("risk"));
        QVERIFY(risk);
        auto rows = study.exec(QStringLiteral("SELECT id FROM response ORDER BY id"));
        QVERIFY(rows.ok());
        QVector<qint64> responses;
        while (rows->next())
            responses << rows->value(0).toLongLong();
        auto firstAnnotator = study.exec(QStringLiteral("SELECT id FROM annotator ORDER BY id LIMIT 1"));
        QVERIFY(firstAnnotator.ok() && firstAnnotator->next());
        const qint64 physician = firstAnnotator->value(0).toLongLong();
        const Status changed = study.inTransaction([&]() -> Status {
            RatingStore ratings(study);
            Annotator newcomer;
            newcomer.name = QStringLiteral("Dr Newcomer");
            if (auto id = AnnotatorStore(study).insertAnnotator(newcomer); !id.ok())
                return id.error();
            const auto rate = [&](qint64 annotator, qint64 response, RatingStatus status, std::optional<double> value) {
                RatingEvent event;
                event.annotatorId = annotator;
                event.responseId = response;
                event.axisId = risk->id;
                event.status = status;
                event.value = value;
                return ratings.append(event);
            };
            for (const auto &result : {rate(newcomer.id, responses[0], RatingStatus::Value, 4),
                                       rate(newcomer.id, responses[1], RatingStatus::Value, 1),
                                       rate(physician, responses[0], RatingStatus::Value, 1),
                                       rate(physician, responses[1], RatingStatus::Cleared, std::nullopt),
                                       rate(physician, responses[2], RatingStatus::UnableToAssess, std::nullopt)}) {
                if (!result.ok())
                    return result.error();
            }
            auto runs = JudgeStore(study).runs();
            if (!runs.ok() || runs->isEmpty())
                return Error{QStringLiteral("the demo has no judge run")};
            // A response the judge had not scored on risk gets a score; the old score of another is left alone.
            auto unscored = study.exec(QStringLiteral("SELECT r.id FROM response r WHERE NOT EXISTS (SELECT 1 FROM"
                                                      " judge_score s WHERE s.response_id = r.id AND s.axis_id = ?"
                                                      " AND s.judge_run_id = ?) LIMIT 1"),
                                       {risk->id, runs->first().id});
            if (!unscored.ok())
                return unscored.error();
            if (unscored->next()) {
                JudgeScore score;
                score.judgeRunId = runs->first().id;
                score.responseId = unscored->value(0).toLongLong();
                score.axisId = risk->id;
                score.value = 3;
                score.confidence = 0.8;
                if (auto id = JudgeStore(study).insertScore(score); !id.ok())
                    return id.error();
            }
            if (auto renamed =
                    study.exec(QStringLiteral("UPDATE annotator SET name = 'Dr Renamed' WHERE id = ?"), {physician});
                !renamed.ok())
                return renamed.error();
            Adjudication decision;
            decision.responseId = responses[3];
            decision.axisId = risk->id;
            decision.value = 2;
            decision.decidedBy = QStringLiteral("lead");
            if (auto id = AdjudicationStore(study).insert(decision); !id.ok())
                return id.error();
            return {};
        });
        QVERIFY2(changed.ok(), qPrintable(changed.errorMessage()));

        auto second = cache.read(*reader.value());
        QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
        const QVector<AxisAgreementData> expected = freshLoad();
        QCOMPARE(second->size(), expected.size());
        for (int a = 0; a < second->size(); ++a)
            compareAxis(second->at(a), expected[a]);
        // The changes are there (so the comparison above compared something new).
        const AxisAgreementData *riskData = nullptr;
        for (const AxisAgreementData &axis : second.value()) {
            if (axis.axis.key == QLatin1String("risk"))
                riskData = &axis;
        }
        QVERIFY(riskData);
        QVERIFY(riskData->physicians.contains(QStringLiteral("Dr Newcomer")));
        QVERIFY(riskData->physicians.contains(QStringLiteral("Dr Renamed")));
        QVERIFY(
            std::any_of(riskData->adjudicated.begin(), riskData->adjudicated.end(), [](double v) { return v == 2; }));

        // The progress per day equals a count of all events by day.
        auto days = study.exec(QStringLiteral("SELECT substr(created_at, 1, 10), count(*) FROM rating_event"
                                              " GROUP BY 1 ORDER BY 1"));
        QVERIFY(days.ok());
        QVector<std::pair<QString, double>> expectedProgress;
        double total = 0;
        while (days->next()) {
            total += days->value(1).toDouble();
            expectedProgress.push_back({days->value(0).toString(), total});
        }
        QCOMPARE(cache.cumulativeEventsPerDay(), expectedProgress);
    }

    void background_deliversOnlyTheNewestResult()
    {
        BackgroundAgreement background(m_path);
        QSignalSpy spy(&background, &BackgroundAgreement::finished);
        AgreementRequest request;
        request.settings.bootstrap = 50;
        request.settings.subgroups = false;
        request.adjudicatedWhereDecided = false; // compared below with the settings as given
        background.request(request);
        request.task = QStringLiteral("no such task");
        background.request(request);
        request.task.clear();
        const int newest = background.request(request);
        QVERIFY(spy.wait(60000));
        QTest::qWait(200); // a stale result, if one were delivered, would arrive by now
        QCOMPARE(spy.count(), 1);
        const auto snapshot = spy.at(0).at(0).value<AgreementSnapshot>();
        QCOMPARE(snapshot.generation, newest);
        QVERIFY(snapshot.error.isEmpty());
        QVERIFY(snapshot.data);

        // The same numbers as the analysis called directly on a fresh load.
        AgreementSettings settings = request.settings;
        QVERIFY(snapshot.result);
        QCOMPARE(toJson(*snapshot.result), agreementAnalysis(freshLoad(), settings));
        QVERIFY(!snapshot.progress.isEmpty());
    }

    void background_filter_analysesTheSubset()
    {
        BackgroundAgreement background(m_path);
        QSignalSpy spy(&background, &BackgroundAgreement::finished);
        const QVector<AxisAgreementData> all = freshLoad();
        const QString task = all.first().tasks.front();
        AgreementRequest request;
        request.settings.bootstrap = 20;
        request.task = task;
        request.adjudicatedWhereDecided = false;
        background.request(request);
        QVERIFY(spy.wait(60000));
        QVector<AxisAgreementData> subset;
        for (const AxisAgreementData &axis : all)
            subset.push_back(subsetOf(axis, task, {}));
        const auto snapshot = spy.at(0).at(0).value<AgreementSnapshot>();
        QVERIFY(snapshot.result);
        QCOMPARE(toJson(*snapshot.result), agreementAnalysis(subset, request.settings));
    }

    void background_usesTheAdjudicatedValuesOnceThereAreAny()
    {
        // The study has a decision since read_afterChanges_equalsAFreshLoad(): the judge's reference is named so.
        BackgroundAgreement background(m_path);
        QSignalSpy spy(&background, &BackgroundAgreement::finished);
        AgreementRequest request;
        request.settings.bootstrap = 0;
        background.request(request);
        QVERIFY(spy.wait(60000));
        const auto snapshot = spy.at(0).at(0).value<AgreementSnapshot>();
        QVERIFY(snapshot.result);
        QVERIFY(snapshot.result->settings.adjudicated);
    }

    void background_destroyedWhileComputing_isSafe()
    {
        auto background = std::make_unique<BackgroundAgreement>(m_path);
        QSignalSpy spy(background.get(), &BackgroundAgreement::finished);
        AgreementRequest request;
        request.settings.bootstrap = 2000; // long enough to be running when the owner goes
        background->request(request);
        QTest::qWait(50);
        background.reset(); // cancels and joins; nothing is delivered afterwards
        QTest::qWait(100);
        QCOMPARE(spy.count(), 0);
    }

    void background_unreadableFile_namesTheProblem()
    {
        BackgroundAgreement background(m_dir.filePath(QStringLiteral("missing.concord")));
        QSignalSpy spy(&background, &BackgroundAgreement::finished);
        background.request({});
        QVERIFY(spy.wait(10000));
        const auto snapshot = spy.at(0).at(0).value<AgreementSnapshot>();
        QVERIFY2(snapshot.error.contains(QStringLiteral("missing.concord")), qPrintable(snapshot.error));
        QVERIFY(!snapshot.result);
    }
};

QTEST_GUILESS_MAIN(TestAgreementDataCache)
#include "tst_agreementdatacache.moc"
