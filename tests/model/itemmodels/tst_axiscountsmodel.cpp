// The axis-counts table: one row per rubric axis over axisRatingCounts(), headers, display and raw values, roles,
// and QAbstractItemModelTester over loads and clears.
#include "model/itemmodels/axiscountsmodel.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

class TestAxisCountsModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Study> m_study;

    int rowOf(const AxisCountsModel &model, const QString &key) const
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data(AxisCountsModel::AxisKeyRole).toString() == key)
                return row;
        }
        return -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto created = Study::create(m_dir.filePath(QStringLiteral("axes.concord")),
                                     {.title = QStringLiteral("axes"), .rubric = defaultRubric()});
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        m_study = std::move(created).value();

        // One case with two responses in one comparison, assigned to two annotators.
        CaseStore cases(*m_study);
        CaseRecord record;
        record.externalId = QStringLiteral("c1");
        QVERIFY(cases.insertCase(record).ok());
        QVector<qint64> responses;
        for (int i = 1; i <= 2; ++i) {
            ResponseRecord response;
            response.caseId = record.id;
            response.externalId = QStringLiteral("r%1").arg(i);
            QVERIFY(cases.insertResponse(response).ok());
            responses << response.id;
        }
        ComparisonRecord comparison{0, {}, record.id, responses};
        QVERIFY(cases.insertComparison(comparison).ok());

        AnnotatorStore annotators(*m_study);
        const qint64 a = annotators.ensureAnnotator(QStringLiteral("A"))->id;
        const qint64 b = annotators.ensureAnnotator(QStringLiteral("B"))->id;
        for (qint64 annotator : {a, b}) {
            Assignment assignment;
            assignment.annotatorId = annotator;
            assignment.comparisonId = comparison.id;
            assignment.responseOrder = responses;
            QVERIFY(annotators.insertAssignment(assignment).ok());
        }

        const qint64 risk = m_study->rubric().axis(QStringLiteral("risk"))->id;
        const qint64 commission = m_study->rubric().axis(QStringLiteral("commission_harm"))->id;
        RatingStore ratings(*m_study);
        auto rate = [&](qint64 annotator, qint64 response, qint64 axis, RatingStatus status,
                        std::optional<double> value) {
            RatingEvent event;
            event.annotatorId = annotator;
            event.responseId = response;
            event.axisId = axis;
            event.status = status;
            event.value = value;
            auto committed = ratings.commit(event, QStringLiteral("test"));
            QVERIFY2(committed.ok(), qPrintable(committed.errorMessage()));
        };
        rate(a, responses[0], risk, RatingStatus::Value, 1);
        rate(b, responses[0], risk, RatingStatus::Value, 2);
        rate(a, responses[1], risk, RatingStatus::Value, 3);
        rate(a, responses[0], commission, RatingStatus::UnableToAssess, std::nullopt);

        JudgeStore judges(*m_study);
        auto run = judges.ensureRun(QStringLiteral("judge"));
        QVERIFY(run.ok());
        for (qint64 response : responses) {
            JudgeScore score;
            score.judgeRunId = run->id;
            score.responseId = response;
            score.axisId = risk;
            score.value = 2;
            QVERIFY(judges.insertScore(score).ok());
        }
    }

    void cleanupTestCase() { m_study.reset(); }

    void model_passesTesterAcrossLoadAndClear()
    {
        AxisCountsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(AxisCountsModel::ColumnCount));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QVERIFY2(model.load(*m_study), qPrintable(model.errorString()));
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.rowCount(), 5); // every axis of the default rubric, the preference axis included
        QVERIFY(model.load(*m_study));
        QCOMPARE(model.rowCount(), 5);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void headers_nameEveryCount()
    {
        AxisCountsModel model;
        const QStringList expected{
            QStringLiteral("Axis"),       QStringLiteral("Rated"),   QStringLiteral("Pairable"),
            QStringLiteral("Ratings"),    QStringLiteral("Unable"),  QStringLiteral("N/A"),
            QStringLiteral("Annotators"), QStringLiteral("Missing"), QStringLiteral("Judge scores")};
        QCOMPARE(model.columnCount(), expected.size());
        for (int column = 0; column < model.columnCount(); ++column) {
            QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), expected[column]);
            QVERIFY2(!model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty(),
                     "every column explains itself");
        }
    }

    void rows_followTheRubricWithItsCounts()
    {
        AxisCountsModel model;
        QVERIFY(model.load(*m_study));
        const Rubric &rubric = m_study->rubric();
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.index(row, AxisCountsModel::AxisColumn).data().toString(), rubric.axes[row].label);
            QCOMPARE(model.index(row, AxisCountsModel::JudgeColumn).data(AxisCountsModel::AxisKeyRole).toString(),
                     rubric.axes[row].key);
        }

        const int risk = rowOf(model, QStringLiteral("risk"));
        QVERIFY(risk >= 0);
        auto value = [&](int row, int column) { return model.index(row, column).data(AxisCountsModel::RawValueRole); };
        QCOMPARE(model.index(risk, AxisCountsModel::RatedColumn).data().toString(), QStringLiteral("2 of 2"));
        QCOMPARE(value(risk, AxisCountsModel::RatedColumn).toLongLong(), 2);
        QCOMPARE(value(risk, AxisCountsModel::PairableColumn).toLongLong(), 1);
        QCOMPARE(value(risk, AxisCountsModel::RatingsColumn).toLongLong(), 3);
        QCOMPARE(value(risk, AxisCountsModel::UnableColumn).toLongLong(), 0);
        QCOMPARE(value(risk, AxisCountsModel::NotApplicableColumn).toLongLong(), 0);
        QCOMPARE(value(risk, AxisCountsModel::AnnotatorsColumn).toLongLong(), 2);
        QCOMPARE(value(risk, AxisCountsModel::MissingColumn).toLongLong(), 1); // 2 annotators x 2 responses - 3
        QCOMPARE(value(risk, AxisCountsModel::JudgeColumn).toLongLong(), 2);
        // Counts are shown as text with the locale's digit grouping; RawValueRole has the number, for sorting.
        QCOMPARE(model.index(risk, AxisCountsModel::JudgeColumn).data().toString(), QLocale().toString(2));
        QCOMPARE(value(risk, AxisCountsModel::JudgeColumn).typeId(), QMetaType::LongLong);

        const int commission = rowOf(model, QStringLiteral("commission_harm"));
        QCOMPARE(value(commission, AxisCountsModel::RatedColumn).toLongLong(), 1);
        QCOMPARE(value(commission, AxisCountsModel::RatingsColumn).toLongLong(), 0);
        QCOMPARE(value(commission, AxisCountsModel::UnableColumn).toLongLong(), 1);
        QCOMPARE(value(commission, AxisCountsModel::PairableColumn).toLongLong(), 0);
        QCOMPARE(value(commission, AxisCountsModel::MissingColumn).toLongLong(), 3);

        const int preference = rowOf(model, QStringLiteral("preference"));
        QCOMPARE(model.index(preference, AxisCountsModel::RatedColumn).data().toString(), QStringLiteral("0 of 1"));
        QCOMPARE(value(preference, AxisCountsModel::MissingColumn).toLongLong(), 2);
    }

    void roles_alignCountsAndKeepLabelsPlain()
    {
        AxisCountsModel model;
        QVERIFY(model.load(*m_study));
        QCOMPARE(model.index(0, AxisCountsModel::RatingsColumn).data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
                 Qt::AlignRight | Qt::AlignVCenter);
        QVERIFY(!model.index(0, AxisCountsModel::AxisColumn).data(Qt::TextAlignmentRole).isValid());
        QCOMPARE(model.index(0, AxisCountsModel::AxisColumn).data(AxisCountsModel::RawValueRole).toString(),
                 m_study->rubric().axes[0].label);
        QVERIFY(!model.index(0, AxisCountsModel::AxisColumn).data(Qt::DecorationRole).isValid());
    }
};

QTEST_GUILESS_MAIN(TestAxisCountsModel)
#include "tst_axiscountsmodel.moc"
