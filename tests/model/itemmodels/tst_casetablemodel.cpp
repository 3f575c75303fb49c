// The case table: one row per response with its case, first line, current ratings per response axis and judge
// scores; headers, roles, plain-text values, and QAbstractItemModelTester over loads and clears.
#include "model/itemmodels/casetablemodel.h"
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

namespace {

const QString kTaggedCaseId = QStringLiteral("<b>bold</b><script>x</script>");

} // namespace

class TestCaseTableModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Study> m_study;
    QVector<qint64> m_responses; // c1/r1, c1/r2, c2/r1

    qint64 axisId(const QString &key) const { return m_study->rubric().axis(key)->id; }

    void rate(qint64 annotator, int response, const QString &axis, RatingStatus status,
              std::optional<double> value = std::nullopt)
    {
        RatingEvent event;
        event.annotatorId = annotator;
        event.responseId = m_responses[response];
        event.axisId = axisId(axis);
        event.status = status;
        event.value = value;
        auto committed = RatingStore(*m_study).commit(event, QStringLiteral("test"));
        QVERIFY2(committed.ok(), qPrintable(committed.errorMessage()));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto created = Study::create(m_dir.filePath(QStringLiteral("table.concord")),
                                     {.title = QStringLiteral("table"), .rubric = defaultRubric()});
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        m_study = std::move(created).value();

        CaseStore cases(*m_study);
        const struct
        {
            QString caseId;
            QString task;
            QStringList texts;
        } fixtures[] = {
            {QStringLiteral("c1"),
             QStringLiteral("summarise"),
             {QStringLiteral("\n  First   line of r1\nsecond line"), QString(200, QLatin1Char('x'))}},
            {kTaggedCaseId, QStringLiteral("triage"), {QStringLiteral("<i>not italic</i>")}},
        };
        for (const auto &fixture : fixtures) {
            CaseRecord record;
            record.externalId = fixture.caseId;
            record.task = fixture.task;
            record.input = QStringLiteral("input of ") + fixture.caseId;
            QVERIFY(cases.insertCase(record).ok());
            int n = 0;
            for (const auto &text : fixture.texts) {
                ResponseRecord response;
                response.caseId = record.id;
                response.externalId = QStringLiteral("r%1").arg(++n);
                response.system = n == 1 ? QStringLiteral("alpha") : QStringLiteral("beta");
                response.text = text;
                QVERIFY(cases.insertResponse(response).ok());
                m_responses << response.id;
            }
        }

        AnnotatorStore annotators(*m_study);
        const qint64 a = annotators.ensureAnnotator(QStringLiteral("A"))->id;
        const qint64 b = annotators.ensureAnnotator(QStringLiteral("B"))->id;
        rate(a, 0, QStringLiteral("commission_harm"), RatingStatus::Value, 1);
        rate(b, 0, QStringLiteral("commission_harm"), RatingStatus::UnableToAssess);
        rate(a, 1, QStringLiteral("commission_harm"), RatingStatus::Value, 3);
        rate(a, 1, QStringLiteral("commission_harm"), RatingStatus::Value, 2); // a correction: still one rating
        rate(a, 0, QStringLiteral("reasoning"), RatingStatus::NotApplicable);
        rate(b, 2, QStringLiteral("risk"), RatingStatus::Value, 2);
        rate(b, 2, QStringLiteral("risk"), RatingStatus::Cleared); // cleared: no current rating
        rate(a, 2, QStringLiteral("risk"), RatingStatus::Value, 1);
        rate(a, 2, QStringLiteral("risk"), RatingStatus::Cleared);
        rate(a, 2, QStringLiteral("risk"), RatingStatus::Value, 3); // rated again after clearing: current

        JudgeStore judges(*m_study);
        auto run = judges.ensureRun(QStringLiteral("judge"));
        QVERIFY(run.ok());
        for (const auto &axis : {QStringLiteral("commission_harm"), QStringLiteral("risk")}) {
            JudgeScore score;
            score.judgeRunId = run->id;
            score.responseId = m_responses[0];
            score.axisId = axisId(axis);
            score.value = 1;
            QVERIFY(judges.insertScore(score).ok());
        }
    }

    void cleanupTestCase() { m_study.reset(); }

    void model_passesTesterAcrossLoadAndClear()
    {
        CaseTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), CaseTableModel::FirstAxisColumn + 1); // no axes yet: only the judge column
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QVERIFY2(model.load(*m_study), qPrintable(model.errorString()));
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.load(*m_study)); // loading again is a reset, not an append
        QCOMPARE(model.rowCount(), 3);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.errorString().isEmpty());
    }

    void headers_nameFixedColumnsResponseAxesAndJudge()
    {
        CaseTableModel model;
        QVERIFY(model.load(*m_study));
        // The default rubric has four response axes; the preference axis rates comparisons and has no column.
        QCOMPARE(model.axisCount(), 4);
        QCOMPARE(model.columnCount(), 9);
        QCOMPARE(model.judgeColumn(), 8);
        const QStringList expected{QStringLiteral("Case"),
                                   QStringLiteral("Task"),
                                   QStringLiteral("System"),
                                   QStringLiteral("Response"),
                                   QStringLiteral("Commission harm"),
                                   QStringLiteral("Omission harm"),
                                   QStringLiteral("Safety / risk"),
                                   QStringLiteral("Reasoning"),
                                   QStringLiteral("Judge")};
        for (int column = 0; column < model.columnCount(); ++column)
            QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), expected[column]);
        QCOMPARE(model.axisColumn(QStringLiteral("risk")), 6);
        QCOMPARE(model.axisColumn(QStringLiteral("preference")), -1);
        QVERIFY(model.headerData(model.axisColumn(QStringLiteral("risk")), Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(m_study->rubric().axis(QStringLiteral("risk"))->label));
        QVERIFY(!model.headerData(model.columnCount(), Qt::Horizontal).isValid());
    }

    void values_showCaseTaskSystemAndFirstLine()
    {
        CaseTableModel model;
        QVERIFY(model.load(*m_study));
        auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(text(0, CaseTableModel::CaseColumn), QStringLiteral("c1"));
        QCOMPARE(text(0, CaseTableModel::TaskColumn), QStringLiteral("summarise"));
        QCOMPARE(text(0, CaseTableModel::SystemColumn), QStringLiteral("alpha"));
        QCOMPARE(text(1, CaseTableModel::SystemColumn), QStringLiteral("beta"));
        // The first non-empty line, whitespace collapsed.
        QCOMPARE(text(0, CaseTableModel::ResponseColumn), QStringLiteral("First line of r1"));
        // A long line is shortened to 120 characters ending in an ellipsis.
        const QString longLine = text(1, CaseTableModel::ResponseColumn);
        QCOMPARE(longLine.size(), 120);
        QVERIFY(longLine.endsWith(QChar(0x2026)));
        QVERIFY(longLine.startsWith(QStringLiteral("xxxx")));
    }

    void values_arePlainTextNeverInterpreted()
    {
        CaseTableModel model;
        QVERIFY(model.load(*m_study));
        QCOMPARE(model.index(2, CaseTableModel::CaseColumn).data().toString(), kTaggedCaseId);
        QCOMPARE(model.index(2, CaseTableModel::ResponseColumn).data().toString(), QStringLiteral("<i>not italic</i>"));
        // Texts from the study never reach a tooltip (tooltips render rich text).
        for (int column = 0; column < CaseTableModel::FirstAxisColumn; ++column)
            QVERIFY(!model.index(2, column).data(Qt::ToolTipRole).isValid());
    }

    void counts_areCurrentRatingsPerAxisAndJudgeScores()
    {
        CaseTableModel model;
        QVERIFY(model.load(*m_study));
        const int commission = model.axisColumn(QStringLiteral("commission_harm"));
        const int omission = model.axisColumn(QStringLiteral("omission_harm"));
        const int risk = model.axisColumn(QStringLiteral("risk"));
        const int reasoning = model.axisColumn(QStringLiteral("reasoning"));
        auto count = [&](int row, int column) {
            return model.index(row, column).data(CaseTableModel::RawValueRole).toInt();
        };
        // Response 0: a value and an "unable to assess" (both current ratings), n/a on reasoning, two judge scores.
        QCOMPARE(count(0, commission), 2);
        QCOMPARE(count(0, omission), 0);
        QCOMPARE(count(0, reasoning), 1);
        QCOMPARE(count(0, model.judgeColumn()), 2);
        // Response 1: corrected once, so one current rating.
        QCOMPARE(count(1, commission), 1);
        QCOMPARE(count(1, model.judgeColumn()), 0);
        // Response 2: B's rating cleared; A's cleared and given again.
        QCOMPARE(count(2, risk), 1);
        const QString tip = model.index(0, commission).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("2 current ratings")) && tip.contains(QStringLiteral("1 on the scale")) &&
                     tip.contains(QStringLiteral("1 unable to assess")),
                 qPrintable(tip));
        QCOMPARE(model.index(0, model.judgeColumn()).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("2 judge scores"));
        // Shown as text with the locale's digit grouping, sorted on the number.
        QCOMPARE(model.index(0, commission).data().toString(), QLocale().toString(2));
        QCOMPARE(model.index(0, commission).data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
                 Qt::AlignRight | Qt::AlignVCenter);
    }

    void roles_giveResponseIdRawValuesAndSearchText()
    {
        CaseTableModel model;
        QVERIFY(model.load(*m_study));
        for (int row = 0; row < model.rowCount(); ++row) {
            for (int column = 0; column < model.columnCount(); ++column)
                QCOMPARE(model.index(row, column).data(CaseTableModel::IdRole).toLongLong(), m_responses[row]);
        }
        const QVariant raw =
            model.index(0, model.axisColumn(QStringLiteral("commission_harm"))).data(CaseTableModel::RawValueRole);
        QCOMPARE(raw.typeId(), QMetaType::Int);
        QCOMPARE(raw.toInt(), 2);
        QCOMPARE(model.index(0, CaseTableModel::CaseColumn).data(CaseTableModel::RawValueRole).toString(),
                 QStringLiteral("c1"));
        const QString search = model.index(1, model.judgeColumn()).data(CaseTableModel::SearchTextRole).toString();
        // The texts only, the same in every column; counts are not searched.
        QCOMPARE(search, QStringLiteral("c1\nsummarise\nbeta\n") + model.index(1, 3).data().toString());
    }
};

QTEST_GUILESS_MAIN(TestCaseTableModel)
#include "tst_casetablemodel.moc"
