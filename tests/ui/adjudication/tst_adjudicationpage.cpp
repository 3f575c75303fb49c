// The adjudication page driven offscreen with the keyboard as a study lead would: a decision chosen with mnemonics and
// keys and recorded with Ctrl+Return lands in the study file and the page moves on; hostile text from the study is
// shown as the characters it is; physicians are "Physician n" until the lead asks for names; the judge is hidden while
// the study is blinded; an incomplete decision is refused with a message.
#include "model/itemmodels/adjudicationqueuemodel.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "ui/adjudication/adjudicationdetail.h"
#include "ui/adjudication/adjudicationpage.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <memory>

using namespace concord;

namespace {

const QString kHostile = QStringLiteral("<b>x</b><script>alert(1)</script>");
const QStringList kPhysicians{QStringLiteral("Dr Ada Stone"), QStringLiteral("Dr Ben Okafor"),
                              QStringLiteral("Dr Chen Li")};

// Two cases with two responses each; on risk, case-1/a is rated 1, 3, 3 and case-2/a 2, 2, 4 (both disagreements),
// the b responses 1, 1, 1. Judge "judge-a" scores case-1/a 2 (a critical miss). Case-1's input and response and a
// physician's comment carry markup.
std::unique_ptr<Study> makeStudy(const QTemporaryDir &dir)
{
    auto created = Study::create(dir.filePath(QStringLiteral("adjudicate.concord")),
                                 {.title = QStringLiteral("Adjudication page"), .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    std::unique_ptr<Study> study = std::move(created).value();
    const Status filled = study->inTransaction([&]() -> Status {
        QVector<qint64> physicians;
        for (const QString &name : kPhysicians) {
            auto annotator = AnnotatorStore(*study).ensureAnnotator(name);
            if (!annotator.ok())
                return annotator.error();
            physicians << annotator->id;
        }
        auto run = JudgeStore(*study).ensureRun(QStringLiteral("judge-a"));
        if (!run.ok())
            return run.error();
        const qint64 risk = study->rubric().axis(QStringLiteral("risk"))->id;
        CaseStore cases(*study);
        const QVector<QVector<double>> ratings{{1, 3, 3}, {1, 1, 1}, {2, 2, 4}, {1, 1, 1}};
        for (int c = 1; c <= 2; ++c) {
            CaseRecord record;
            record.externalId = QStringLiteral("case-%1").arg(c);
            record.task = QStringLiteral("triage");
            record.input = c == 1 ? QStringLiteral("Question ") + kHostile : QStringLiteral("Plain question");
            if (auto inserted = cases.insertCase(record); !inserted.ok())
                return inserted.error();
            for (int r = 0; r < 2; ++r) {
                ResponseRecord response;
                response.caseId = record.id;
                response.externalId = r == 0 ? QStringLiteral("a") : QStringLiteral("b");
                response.text = c == 1 && r == 0 ? QStringLiteral("Answer ") + kHostile : QStringLiteral("Answer");
                if (auto inserted = cases.insertResponse(response); !inserted.ok())
                    return inserted.error();
                for (int p = 0; p < 3; ++p) {
                    RatingEvent event;
                    event.annotatorId = physicians[p];
                    event.responseId = response.id;
                    event.axisId = risk;
                    event.value = ratings[(c - 1) * 2 + r][p];
                    event.comment = p == 1 ? QStringLiteral("Comment ") + kHostile : QString();
                    if (auto appended = RatingStore(*study).append(event); !appended.ok())
                        return appended.error();
                }
                if (c == 1 && r == 0) {
                    JudgeScore score;
                    score.judgeRunId = run->id;
                    score.responseId = response.id;
                    score.axisId = risk;
                    score.value = 2;
                    if (auto inserted = JudgeStore(*study).insertScore(score); !inserted.ok())
                        return inserted.error();
                }
            }
        }
        return {};
    });
    if (!filled.ok())
        qFatal("%s", qPrintable(filled.errorMessage()));
    return study;
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *target = QApplication::focusWidget();
    QVERIFY2(target, "nothing has the keyboard focus");
    QTest::keyClick(target, key, modifiers);
}

// The item shown on the current row of the queue.
const AdjudicationItem *currentItem(const AdjudicationPage &page)
{
    return page.model()->itemAt(page.queueView()->currentIndex().row());
}

} // namespace

class TestAdjudicationPage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Study> m_study;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_study = makeStudy(*m_dir);
    }

    void cleanup()
    {
        m_study.reset();
        m_dir.reset();
    }

    void keyboard_recordsTheDecisionAndMovesToTheNextUndecided()
    {
        AdjudicationPage page;
        page.setDecidedBy(QStringLiteral("Dr Lead"));
        page.setStudy(m_study.get());
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        QCOMPARE(page.model()->rowCount(), 2);

        page.queueView()->setFocus();
        press(Qt::Key_End);
        press(Qt::Key_Home); // the first item: case-1/a
        QVERIFY(currentItem(page));
        QCOMPARE(currentItem(page)->caseId, QStringLiteral("case-1"));
        QCOMPARE(page.detail()->heading()->text(), QStringLiteral("case-1 · triage · Safety / risk"));

        press(Qt::Key_V, Qt::AltModifier); // "Consensus &value"
        QCOMPARE(QApplication::focusWidget(), page.detail()->valueBox());
        press(Qt::Key_3);
        QCOMPARE(page.detail()->valueBox()->currentData().toDouble(), 3.0);
        press(Qt::Key_C, Qt::AltModifier); // "Reason &code"
        QCOMPARE(QApplication::focusWidget(), page.detail()->reasonCodeBox());
        press(Qt::Key_Down); // majority
        press(Qt::Key_Down); // clinical judgement
        QCOMPARE(page.detail()->reasonCodeBox()->currentData().toString(), QStringLiteral("clinical_judgement"));
        press(Qt::Key_T, Qt::AltModifier); // "Reason &text"
        QCOMPARE(QApplication::focusWidget(), page.detail()->reasonEdit());
        QTest::keyClicks(page.detail()->reasonEdit(), QStringLiteral("NSAID with an ACE inhibitor"));
        press(Qt::Key_Return, Qt::ControlModifier);

        auto stored = m_study->exec(QStringLiteral("SELECT c.external_id, r.external_id, a.value, a.reason_code,"
                                                   " a.reason, a.decided_by, a.considered_event_ids_json"
                                                   " FROM adjudication a JOIN response r ON r.id = a.response_id"
                                                   " JOIN \"case\" c ON c.id = r.case_id"));
        QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
        QVERIFY2(stored->next(), qPrintable(page.detail()->messageLabel()->text()));
        QCOMPARE(stored->value(0).toString(), QStringLiteral("case-1"));
        QCOMPARE(stored->value(1).toString(), QStringLiteral("a"));
        QCOMPARE(stored->value(2).toDouble(), 3.0);
        QCOMPARE(stored->value(3).toString(), QStringLiteral("clinical_judgement"));
        QCOMPARE(stored->value(4).toString(), QStringLiteral("NSAID with an ACE inhibitor"));
        QCOMPARE(stored->value(5).toString(), QStringLiteral("Dr Lead"));
        QCOMPARE(stored->value(6).toString(), QStringLiteral("[1,2,3]"));
        QVERIFY(!stored->next());

        // On to the next undecided item, ready for its value; the decided one left the "Undecided" list.
        QCOMPARE(page.model()->rowCount(), 1);
        QVERIFY(currentItem(page));
        QCOMPARE(currentItem(page)->caseId, QStringLiteral("case-2"));
        QCOMPARE(QApplication::focusWidget(), page.detail()->valueBox());
        QCOMPARE(page.detail()->valueBox()->currentIndex(), 0);
        QVERIFY(page.detail()->reasonEdit()->text().isEmpty());
        QCOMPARE(page.detail()->messageLabel()->text(),
                 QStringLiteral("Recorded the decision on case-1 · Safety / risk."));
        QCOMPARE(page.countLabel()->text(), QStringLiteral("2 items, 1 undecided"));

        // "All" shows the decided item with its decision.
        page.filterBox()->setCurrentIndex(1);
        QCOMPARE(page.model()->rowCount(), 2);
        QCOMPARE(currentItem(page)->caseId, QStringLiteral("case-2")); // the selection stays
        QCOMPARE(page.model()->index(0, AdjudicationQueueModel::DecisionColumn).data().toString(),
                 QStringLiteral("3 (Moderate risk), clinical_judgement"));
    }

    void incompleteDecision_isRefusedWithAMessage()
    {
        AdjudicationPage page;
        page.setStudy(m_study.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.detail()->recordButton()->click();
        QCOMPARE(page.detail()->messageLabel()->text(), QStringLiteral("Choose a consensus value."));
        page.detail()->valueBox()->setCurrentIndex(2);
        page.detail()->recordButton()->click();
        QCOMPARE(page.detail()->messageLabel()->text(), QStringLiteral("Choose a reason code."));
        page.detail()->reasonCodeBox()->setCurrentIndex(
            page.detail()->reasonCodeBox()->findData(QStringLiteral("other")));
        page.detail()->recordButton()->click();
        QVERIFY(page.detail()->messageLabel()->text().startsWith(QStringLiteral("Say why")));
        auto count = m_study->exec(QStringLiteral("SELECT count(*) FROM adjudication"));
        QVERIFY(count.ok() && count->next());
        QCOMPARE(count->value(0).toInt(), 0);
    }

    void hostileText_isShownLiterally()
    {
        AdjudicationPage page;
        page.setStudy(m_study.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(currentItem(page)->caseId, QStringLiteral("case-1"));
        AdjudicationDetail *detail = page.detail();
        QCOMPARE(detail->caseText()->toPlainText(), QStringLiteral("Question ") + kHostile);
        QCOMPARE(detail->responseText()->toPlainText(), QStringLiteral("Answer ") + kHostile);
        QVERIFY(detail->ratingsText()->toPlainText().contains(QStringLiteral("Comment ") + kHostile));
        // No formatting came from the markup: one plain block, one fragment, no bold.
        const QTextBlock block = detail->responseText()->document()->firstBlock();
        QVERIFY(!block.next().isValid());
        QCOMPARE(block.text(), QStringLiteral("Answer ") + kHostile);
        for (QLabel *label : {detail->heading(), detail->judgeLabel(), detail->decisionLabel(), detail->messageLabel(),
                              page.countLabel()})
            QCOMPARE(label->textFormat(), Qt::PlainText);
        QVERIFY(
            !page.model()->index(0, AdjudicationQueueModel::RatingsColumn).data(Qt::ToolTipRole).toString().isEmpty());
    }

    void physicianNames_areHiddenUntilTheLeadShowsThem()
    {
        AdjudicationPage page;
        page.setStudy(m_study.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!page.showNamesBox()->isChecked());
        const auto ratings = [&] { return page.detail()->ratingsText()->toPlainText(); };
        const auto toolTip = [&] {
            return page.model()->index(0, AdjudicationQueueModel::RatingsColumn).data(Qt::ToolTipRole).toString();
        };
        QVERIFY2(ratings().startsWith(QStringLiteral("Physician 1: 1 (No risk)\nPhysician 2: 3 (Moderate risk)")),
                 qPrintable(ratings()));
        for (const QString &name : kPhysicians) {
            QVERIFY(!ratings().contains(name));
            QVERIFY(!toolTip().contains(name));
        }
        page.showNamesBox()->setChecked(true);
        QVERIFY2(ratings().startsWith(QStringLiteral("Dr Ada Stone: 1 (No risk)\nDr Ben Okafor: 3 (Moderate risk)")),
                 qPrintable(ratings()));
        QVERIFY(toolTip().contains(QStringLiteral("Dr Chen Li: 3 (Moderate risk)")));
        page.showNamesBox()->setChecked(false);
        QVERIFY(!ratings().contains(kPhysicians[0]));
    }

    void judge_isHiddenWhileBlindedAndShownOnceUnblinded()
    {
        AdjudicationPage page;
        page.setStudy(m_study.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.disagreementBox()->setChecked(false);
        QCOMPARE(page.model()->rowCount(), 0); // no rule, no items
        page.criticalMissBox()->setChecked(true);
        QCOMPARE(page.model()->rowCount(), 1);
        QCOMPARE(currentItem(page)->caseId, QStringLiteral("case-1"));
        QCOMPARE(page.detail()->judgeLabel()->text(),
                 QStringLiteral("Judge scores are hidden while the study is blinded."));
        QCOMPARE(page.model()->index(0, AdjudicationQueueModel::ReasonsColumn).data().toString(),
                 QStringLiteral("critical miss (judge hidden while blinded)"));

        QVERIFY(m_study->setMeta(QStringLiteral("blinded"), QStringLiteral("0")).ok());
        page.refresh();
        QCOMPARE(page.detail()->judgeLabel()->text(), QStringLiteral("Judge 'judge-a': 2 (Low risk)"));
        QCOMPARE(page.judgeRunBox()->count(), 2);
        page.judgeRunBox()->setCurrentIndex(1);
        QCOMPARE(page.rules().judgeRun, QStringLiteral("judge-a"));
        QCOMPARE(page.model()->rowCount(), 1);

        page.setStudy(nullptr);
        QCOMPARE(page.model()->rowCount(), 0);
        QVERIFY(page.detail()->caseText()->toPlainText().isEmpty());
        QVERIFY(!page.detail()->recordButton()->isEnabled());
    }
};

QTEST_MAIN(TestAdjudicationPage)
#include "tst_adjudicationpage.moc"
