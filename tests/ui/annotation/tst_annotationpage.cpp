// The annotation workspace driven through its real widgets, offscreen, with the keyboard as a physician would: the
// events that land in the study file, undo/redo, "unable to assess", preferences, error spans, flags, comments,
// blinding, and a rating that survives SIGKILL right after it was shown as saved.
#include "model/annotation/annotationsession.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "model/studyfile/studycheck.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/responsepane.h"
#include "ui/annotation/shortcuthelp.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/studyoverviewpage.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QToolButton>
#include <csignal>

using namespace concord;

namespace {

const QString kSecretSystems[] = {QStringLiteral("SecretModel-Alpha"), QStringLiteral("HiddenModel-Beta")};
const QString kJudgeName = QStringLiteral("JudgeRun-Omega");
const QString kOtherComment = QStringLiteral("Other physician's private remark");

// A study of `cases` cases, each with two responses from named systems in one comparison; optionally a judge run
// with scores and another physician's ratings and comment, which the annotator must never see.
QString makeStudy(const QTemporaryDir &dir, int cases, bool withOthers)
{
    const QString path = dir.filePath(QStringLiteral("study.concord"));
    auto created = Study::create(path, {.title = QStringLiteral("Keyboard study"), .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    Study &study = *created.value();
    const Status filled = study.inTransaction([&]() -> Status {
        CaseStore store(study);
        for (int c = 1; c <= cases; ++c) {
            CaseRecord record;
            record.externalId = QStringLiteral("case-%1").arg(c);
            record.task = QStringLiteral("patient_question");
            record.input = QStringLiteral("Case %1: ¿Puedo tomar ibuprofeno con mis pastillas para la tensión? "
                                          "我可以一起服用吗？ <b>not bold</b>")
                               .arg(c);
            if (auto r = store.insertCase(record); !r.ok())
                return r.error();
            QVector<qint64> ids;
            for (int s = 0; s < 2; ++s) {
                ResponseRecord response;
                response.caseId = record.id;
                response.externalId = QStringLiteral("r%1").arg(s);
                response.system = kSecretSystems[s];
                response.text = QStringLiteral("Response %1 to case %2: avoid ibuprofen; use paracetamol. "
                                               "<script>alert(1)</script>")
                                    .arg(s)
                                    .arg(c);
                if (auto r = store.insertResponse(response); !r.ok())
                    return r.error();
                ids << response.id;
            }
            ComparisonRecord comparison{0, {}, record.id, ids};
            if (auto r = store.insertComparison(comparison); !r.ok())
                return r.error();
        }
        if (!withOthers)
            return {};
        JudgeStore judges(study);
        auto run = judges.ensureRun(kJudgeName);
        if (!run.ok())
            return run.error();
        auto other = AnnotatorStore(study).ensureAnnotator(QStringLiteral("Dr Other"));
        if (!other.ok())
            return other.error();
        const Axis *risk = study.rubric().axis(QStringLiteral("risk"));
        auto responses = store.responses();
        for (const ResponseRecord &response : responses.value()) {
            JudgeScore score;
            score.judgeRunId = run->id;
            score.responseId = response.id;
            score.axisId = risk->id;
            score.value = 4;
            score.confidence = 0.93;
            score.rationale = QStringLiteral("Judge rationale text");
            if (auto r = judges.insertScore(score); !r.ok())
                return r.error();
            RatingEvent event;
            event.annotatorId = other->id;
            event.responseId = response.id;
            event.axisId = risk->id;
            event.value = 4;
            event.comment = kOtherComment;
            if (auto r = RatingStore(study).append(event); !r.ok())
                return r.error();
        }
        return {};
    });
    if (!filled.ok())
        qFatal("%s", qPrintable(filled.errorMessage()));
    return path;
}

// A study with one case whose comparison shows `texts.size()` responses.
QString makeSingleCaseStudy(const QTemporaryDir &dir, const QStringList &texts)
{
    const QString path = dir.filePath(QStringLiteral("single.concord"));
    auto created = Study::create(path, {.title = QStringLiteral("Single case"), .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    Study &study = *created.value();
    CaseStore store(study);
    CaseRecord record;
    record.externalId = QStringLiteral("only");
    record.input = QStringLiteral("¿Qué dosis de paracetamol es segura? 对乙酰氨基酚的安全剂量是多少？");
    if (!store.insertCase(record).ok())
        qFatal("case");
    QVector<qint64> ids;
    for (int i = 0; i < texts.size(); ++i) {
        ResponseRecord response;
        response.caseId = record.id;
        response.externalId = QStringLiteral("r%1").arg(i);
        response.system = QStringLiteral("system-%1").arg(i);
        response.text = texts[i];
        if (!store.insertResponse(response).ok())
            qFatal("response");
        ids << response.id;
    }
    ComparisonRecord comparison{0, {}, record.id, ids};
    if (!store.insertComparison(comparison).ok())
        qFatal("comparison");
    return path;
}

// Sends a key to whatever has the keyboard focus, as the keyboard would.
void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *target = QApplication::focusWidget();
    QVERIFY2(target, "nothing has the keyboard focus");
    QTest::keyClick(target, key, modifiers);
}

void type(QChar character)
{
    QWidget *target = QApplication::focusWidget();
    QVERIFY2(target, "nothing has the keyboard focus");
    QTest::keyClick(target, character.toLatin1());
}

struct StoredEvent
{
    QString annotator;
    qint64 responseId = 0;
    qint64 comparisonId = 0;
    QString axis;
    QString status;
    QVariant value;
    qint64 preferred = 0;
    QString likelihood;
    double activeSeconds = 0;
};

QVector<StoredEvent> eventsOf(const QString &path, const QString &annotator)
{
    auto study = Study::open(path, Study::Access::ReadOnly);
    if (!study.ok())
        qFatal("%s", qPrintable(study.errorMessage()));
    auto q = study.value()->exec(
        QStringLiteral("SELECT n.name, e.response_id, e.comparison_id, x.key, e.status, e.value,"
                       " e.preferred_response_id, e.likelihood, e.active_seconds FROM rating_event e"
                       " JOIN annotator n ON n.id = e.annotator_id JOIN axis x ON x.id = e.axis_id"
                       " WHERE n.name = ? ORDER BY e.id"),
        {annotator});
    QVector<StoredEvent> events;
    while (q->next()) {
        events.push_back({q->value(0).toString(), q->value(1).toLongLong(), q->value(2).toLongLong(),
                          q->value(3).toString(), q->value(4).toString(), q->value(5), q->value(6).toLongLong(),
                          q->value(7).toString(), q->value(8).toDouble()});
    }
    return events;
}

qint64 countRows(const QString &path, const QString &sql)
{
    auto study = Study::open(path, Study::Access::ReadOnly);
    auto q = study.value()->exec(sql);
    q->next();
    return q->value(0).toLongLong();
}

// Every piece of text a user could see or hear from a widget: its text, tooltip, accessible name and description,
// placeholder, window title, and the cells of item views.
QStringList textsOf(QWidget *widget)
{
    QStringList texts{widget->toolTip(),     widget->accessibleName(), widget->accessibleDescription(),
                      widget->windowTitle(), widget->statusTip(),      widget->whatsThis()};
    if (auto *label = qobject_cast<QLabel *>(widget))
        texts << label->text();
    if (auto *button = qobject_cast<QAbstractButton *>(widget))
        texts << button->text();
    if (auto *edit = qobject_cast<QLineEdit *>(widget))
        texts << edit->text() << edit->placeholderText();
    if (auto *edit = qobject_cast<QPlainTextEdit *>(widget))
        texts << edit->toPlainText() << edit->placeholderText();
    if (auto *combo = qobject_cast<QComboBox *>(widget)) {
        for (int i = 0; i < combo->count(); ++i)
            texts << combo->itemText(i);
    }
    if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model()) {
        const QAbstractItemModel *model = view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                const QModelIndex index = model->index(row, column);
                texts << index.data().toString() << index.data(Qt::ToolTipRole).toString();
            }
        }
        for (int column = 0; column < model->columnCount(); ++column)
            texts << model->headerData(column, Qt::Horizontal).toString();
    }
    for (QAction *action : widget->actions())
        texts << action->text() << action->toolTip();
    return texts;
}

// The child of the crash-safety test: annotates through the real widgets and reports each rating as soon as the
// page shows it as saved, until it is killed.
int runCrashChild(const QString &path)
{
    auto study = Study::open(path);
    if (!study.ok())
        return 3;
    auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Crash")});
    if (!session.ok())
        return 4;
    AnnotationPage page;
    page.setSession(session.value().get());
    page.resize(1280, 800);
    page.show();
    QTextStream out(stdout);
    for (int step = 0; step < 100000; ++step) {
        page.ratingRows().value(0)->setFocus();
        QApplication::processEvents();
        RatingRow *row = qobject_cast<RatingRow *>(QApplication::focusWidget());
        if (!row)
            return 5;
        const RatingKey key = row->key();
        const int value = step % 5; // commission harm 0..4
        QTest::keyClick(row, char('0' + value));
        // Shown as saved: the indicator says so and the row shows the value.
        if (page.savedIndicator()->text().startsWith(QStringLiteral("✓")) &&
            row->accessibleDescription().startsWith(QString::number(value)))
            out << "SAVED " << key.responseId << ' ' << key.axisId << ' ' << value << Qt::endl; // flushed
        // The next rating goes to the next comparison, so every reported key is rated once.
        page.showNext();
        if (session.value()->currentRow() + 1 >= session.value()->count())
            static_cast<void>(session.value()->goTo(0));
    }
    return 0;
}

} // namespace

class TestAnnotationPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;
    QStringList m_errors;

private slots:
    void initTestCase() { QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path()); }

    void init() { m_errors.clear(); }

    void keyboardOnly_fiveComparisonsLandAsExpectedEvents()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 5, false);
        auto study = Study::open(path);
        QVERIFY(study.ok());
        qint64 nowMs = 0;
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Keys"),
                                                                 .clock = [&] { return nowMs; },
                                                                 .idleTimeoutSeconds = 60.0,
                                                                 .assignmentSeed = 7});
        QVERIFY(session.ok());
        AnnotationPage page;
        page.setSession(session.value().get());
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));

        // Per comparison: A = commission 2, omission 1 (likelihood cycled to "low"), risk 3, reasoning 1;
        // B = commission 0, omission unable to assess, risk 1, reasoning not applicable; preference: right better.
        // Each rating key comes 3 s after the one before (Down, which moves between axes, takes no time); the pause
        // before the last comparison's first key is 100 s.
        const auto key = [&](auto k, double seconds = 3.0) {
            nowMs += qint64(seconds * 1000);
            if constexpr (std::is_same_v<decltype(k), char>)
                type(QChar::fromLatin1(k));
            else
                press(k);
        };
        QVector<QVector<qint64>> shownOrder;
        for (int c = 0; c < 5; ++c) {
            const QVector<qint64> order = session.value()->entry(session.value()->currentRow()).responseOrder;
            shownOrder.push_back(order);
            QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(page.ratingRows().first()));
            key('2', c == 4 ? 100.0 : 3.0);
            press(Qt::Key_Down);
            key('1');
            key('l');
            press(Qt::Key_Down);
            key('3');
            press(Qt::Key_Down);
            key('1');
            press(Qt::Key_Down);
            key('0');
            press(Qt::Key_Down);
            key('u');
            press(Qt::Key_Down);
            key('1');
            press(Qt::Key_Down);
            key('n');
            press(Qt::Key_Down);
            key(Qt::Key_Right);
            QVERIFY(page.messageLabel()->text().isEmpty());
            nowMs += 3000;
            press(Qt::Key_Return, Qt::ControlModifier);
        }
        QVERIFY2(page.messageLabel()->text().contains(QStringLiteral("Every comparison")),
                 qPrintable(page.messageLabel()->text()));

        const QVector<StoredEvent> events = eventsOf(path, QStringLiteral("Dr Keys"));
        QCOMPARE(events.size(), 5 * 10); // 9 ratings and one likelihood change per comparison
        const QStringList axes{QStringLiteral("commission_harm"), QStringLiteral("omission_harm"),
                               QStringLiteral("omission_harm"),   QStringLiteral("risk"),
                               QStringLiteral("reasoning"),       QStringLiteral("commission_harm"),
                               QStringLiteral("omission_harm"),   QStringLiteral("risk"),
                               QStringLiteral("reasoning"),       QStringLiteral("preference")};
        const QStringList statuses{QStringLiteral("value"),  QStringLiteral("value"), QStringLiteral("value"),
                                   QStringLiteral("value"),  QStringLiteral("value"), QStringLiteral("value"),
                                   QStringLiteral("unable"), QStringLiteral("value"), QStringLiteral("not_applicable"),
                                   QStringLiteral("value")};
        const QVariantList values{2.0, 1.0, 1.0, 3.0, 1.0, 0.0, QVariant(), 1.0, QVariant(), 1.0};
        for (int c = 0; c < 5; ++c) {
            for (int i = 0; i < 10; ++i) {
                const StoredEvent &e = events[c * 10 + i];
                QCOMPARE(e.annotator, QStringLiteral("Dr Keys"));
                QCOMPARE(e.axis, axes[i]);
                QCOMPARE(e.status, statuses[i]);
                QCOMPARE(e.value.isNull(), values[i].isNull());
                if (!values[i].isNull())
                    QCOMPARE(e.value.toDouble(), values[i].toDouble());
                if (i == 9) {
                    // Stored against the response on the right, never against a screen side.
                    QCOMPARE(e.comparisonId > 0, true);
                    QCOMPARE(e.preferred, shownOrder[c][1]);
                } else {
                    QCOMPARE(e.responseId, shownOrder[c][i < 5 ? 0 : 1]);
                }
                QCOMPARE(e.likelihood, i == 2 ? QStringLiteral("low") : QString());
                // Active time: 3 s per key (the clock restarts when a comparison is shown); the first key of the last
                // comparison waited 100 s, of which the idle timeout (60 s) counts.
                const double expected = (c == 4 && i == 0) ? 60.0 : 3.0;
                QCOMPARE(e.activeSeconds, expected);
            }
        }
        // Reopening resumes where the annotator was: every comparison is done, the queue says so.
        auto reopened = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Keys")});
        QVERIFY(reopened.ok());
        QCOMPARE(reopened.value()->doneCount(), 5);
    }

    void ctrlEnter_withMissingRatingsFocusesTheFirstAndSaysWhat()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 2, false);
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Gap")});
        AnnotationPage page;
        page.setSession(session.value().get());
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        type(QLatin1Char('2')); // A: commission harm
        press(Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(session.value()->currentRow(), 0);
        QVERIFY2(page.messageLabel()->text().startsWith(QStringLiteral("Still to rate: Response A: Omission harm")),
                 qPrintable(page.messageLabel()->text()));
        auto *focused = qobject_cast<RatingRow *>(QApplication::focusWidget());
        QVERIFY(focused);
        QCOMPARE(focused->key(), session.value()->missingKeys().first());
    }

    void undoRedo_writeNewEventsAndRestoreTheScreen()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 2, false);
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Undo")});
        AnnotationPage page;
        page.setSession(session.value().get());
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        auto *commission = qobject_cast<AxisRow *>(page.ratingRows().first());
        type(QLatin1Char('2'));
        type(QLatin1Char('3'));
        QCOMPARE(commission->stateText(), QStringLiteral("3 Severe"));
        press(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(commission->stateText(), QStringLiteral("2 Moderate"));
        press(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(commission->stateText(), QStringLiteral("not rated"));
        press(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(commission->stateText(), QStringLiteral("2 Moderate"));

        const QVector<StoredEvent> events = eventsOf(path, QStringLiteral("Dr Undo"));
        QStringList trail;
        for (const StoredEvent &e : events)
            trail << (e.status == QLatin1String("value") ? QString::number(e.value.toDouble()) : e.status);
        // Set 2, set 3, undo to 2, undo to nothing, redo to 2: five events, none deleted.
        QCOMPARE(trail, QStringList({QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("2"),
                                     QStringLiteral("cleared"), QStringLiteral("2")}));
    }

    void preferenceKeys_storeTheResponseOrATie()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 1, false);
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Pref")});
        AnnotationPage page;
        page.setSession(session.value().get());
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        PreferenceRow *preference = page.preferenceRows().first();
        preference->setFocus();
        press(Qt::Key_Left);
        QCOMPARE(preference->stateText(), QStringLiteral("response A better"));
        preference->setFocus();
        press(Qt::Key_Equal);
        QCOMPARE(preference->stateText(), QStringLiteral("tie"));
        preference->setFocus();
        press(Qt::Key_Right);
        QCOMPARE(preference->stateText(), QStringLiteral("response B better"));
        const auto order = session.value()->entry(0).responseOrder;
        const QVector<StoredEvent> events = eventsOf(path, QStringLiteral("Dr Pref"));
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[0].preferred, order[0]);
        QCOMPARE(events[1].preferred, 0);
        QCOMPARE(events[1].value.toDouble(), 0.0);
        QCOMPARE(events[2].preferred, order[1]);
    }

    void errorSpanFlagAndComment_roundTripThroughTheStudyFile()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 2, false);
        {
            auto study = Study::open(path);
            auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Span")});
            AnnotationPage page;
            page.setSession(session.value().get());
            page.show();
            QVERIFY(QTest::qWaitForWindowActive(&page));
            ResponsePane *pane = page.panes().first();
            // Select the first 8 characters with the keyboard and mark them.
            pane->textView()->setFocus();
            pane->textView()->moveCursor(QTextCursor::Start);
            for (int i = 0; i < 8; ++i)
                press(Qt::Key_Right, Qt::ShiftModifier);
            pane->severityBox()->setCurrentIndex(2); // major
            press(Qt::Key_M, Qt::ControlModifier);
            QCOMPARE(pane->spanList()->count(), 1);
            QCOMPARE(pane->textView()->extraSelections().size(), 1);
            QCOMPARE(countRows(path, QStringLiteral("SELECT count(*) FROM error_span WHERE start_offset = 0 AND"
                                                    " end_offset = 8 AND severity = 3 AND removed_at IS NULL")),
                     1);
            // Nothing selected: a hint, nothing written.
            pane->textView()->moveCursor(QTextCursor::End);
            press(Qt::Key_M, Qt::ControlModifier);
            QVERIFY(page.messageLabel()->text().contains(QStringLiteral("Select")));
            QCOMPARE(countRows(path, QStringLiteral("SELECT count(*) FROM error_span")), 1);

            // A comment typed and left with Tab, and the flag raised with F from a rubric row.
            pane->commentEdit()->setFocus();
            QTest::keyClicks(pane->commentEdit(), QStringLiteral("Dosing needs a renal caveat"));
            press(Qt::Key_Tab);
            page.ratingRows().first()->setFocus();
            press(Qt::Key_F);
            QVERIFY(page.flagBox()->isChecked());
            QCOMPARE(session.value()->entry(0).flagged, true);

            // A second span, then remove the first with Delete in the list.
            pane->textView()->setFocus();
            pane->textView()->moveCursor(QTextCursor::Start);
            for (int i = 0; i < 12; ++i)
                press(Qt::Key_Right);
            for (int i = 0; i < 5; ++i)
                press(Qt::Key_Right, Qt::ShiftModifier);
            press(Qt::Key_M, Qt::ControlModifier);
            QCOMPARE(pane->spanList()->count(), 2);
            pane->spanList()->setFocus();
            pane->spanList()->setCurrentRow(0);
            press(Qt::Key_Delete);
            QCOMPARE(pane->spanList()->count(), 1);
        }
        QCOMPARE(countRows(path, QStringLiteral("SELECT count(*) FROM error_span WHERE removed_at IS NULL")), 1);
        QCOMPARE(countRows(path, QStringLiteral("SELECT count(*) FROM error_span WHERE removed_at IS NOT NULL")), 1);
        // Reopened: the comment, the flag and the remaining span are back.
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Span")});
        QVERIFY(session.ok());
        QCOMPARE(session.value()->currentRow(), 0);
        QVERIFY(session.value()->flagged());
        QCOMPARE(session.value()->flagReason(), QString());
        const qint64 first = session.value()->current().responses.first().id;
        QCOMPARE(session.value()->comment(first), QStringLiteral("Dosing needs a renal caveat"));
        QCOMPARE(session.value()->spans(first).size(), 1);
        QCOMPARE(session.value()->spans(first).first().start, 12);
        AnnotationPage page;
        page.setSession(session.value().get());
        QCOMPARE(page.panes().first()->commentEdit()->text(), QStringLiteral("Dosing needs a renal caveat"));
        QVERIFY(page.flagBox()->isChecked());
    }

    void blinding_annotatorModeShowsNoSystemJudgeOrOtherRatings()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 3, true);
        MainWindow window;
        window.setErrorReporter([this](const QString &message) { m_errors << message; });
        window.setPrompts({.annotatorName = [](const QStringList &, const QString &) {
            return std::optional<QString>(QStringLiteral("Dr Blind"));
        }});
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openStudy(path));
        window.annotateDialog();
        QVERIFY(window.annotating());
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(QLatin1Char('\n'))));
        // Visit every comparison with the keyboard and rate something, so every state of the page is walked.
        const QStringList forbidden{
            kSecretSystems[0],     kSecretSystems[1], kJudgeName, kOtherComment, QStringLiteral("Judge rationale"),
            QStringLiteral("0.93")};
        for (int c = 0; c < 3; ++c) {
            type(QLatin1Char('4'));
            QApplication::processEvents();
            QStringList seen{window.windowTitle()};
            for (QWidget *widget : window.findChildren<QWidget *>()) {
                if (widget->isVisible())
                    seen << textsOf(widget);
            }
            for (QAction *action : window.menuBar()->actions())
                seen << action->text();
            const QString all = seen.join(QLatin1Char('\n'));
            for (const QString &secret : forbidden)
                QVERIFY2(!all.contains(secret), qPrintable(QStringLiteral("'%1' is visible").arg(secret)));
            // Untrusted text is shown literally.
            QVERIFY(all.contains(QStringLiteral("<script>alert(1)</script>")));
            QVERIFY(all.contains(QStringLiteral("我可以一起服用吗")));
            press(Qt::Key_PageDown);
        }
        // Another physician's ratings are not shown: the risk rows show only this annotator's own ratings.
        for (RatingRow *row : window.annotationPage()->ratingRows()) {
            if (auto *axis = qobject_cast<AxisRow *>(row); axis && axis->axis().key == QLatin1String("risk"))
                QCOMPARE(axis->stateText(), QStringLiteral("not rated"));
        }
    }

    void saveFailure_isShownAndTheScreenKeepsWhatIsSaved()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 2, false);
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Fail")});
        AnnotationPage page;
        QStringList errors;
        connect(&page, &AnnotationPage::errorOccurred, this, [&](const QString &message) { errors << message; });
        page.setSession(session.value().get());
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        type(QLatin1Char('2'));
        QVERIFY(page.savedIndicator()->text().startsWith(QStringLiteral("✓")));
        {
            // Another connection makes every further rating fail, as a full disk or a revoked permission would.
            QSqlDatabase saboteur = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
            saboteur.setDatabaseName(path);
            QVERIFY(saboteur.open());
            QSqlQuery trigger(saboteur);
            QVERIFY(trigger.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON rating_event BEGIN"
                                                " SELECT RAISE(ABORT, 'simulated write failure'); END")));
            saboteur.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
        type(QLatin1Char('4'));
        QCOMPARE(page.savedIndicator()->text(), QStringLiteral("✗ Not saved"));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QStringLiteral("simulated write failure")), qPrintable(errors.first()));
        QVERIFY(page.messageLabel()->text().startsWith(QStringLiteral("Not saved:")));
        // The row still shows the saved value, not the one that failed.
        QCOMPARE(qobject_cast<AxisRow *>(page.ratingRows().first())->stateText(), QStringLiteral("2 Moderate"));
        QCOMPARE(eventsOf(path, QStringLiteral("Dr Fail")).size(), 1);
    }

    void fourResponses_areShownInTabsWithAPreferenceForEach()
    {
        QTemporaryDir dir;
        const QString path = makeSingleCaseStudy(
            dir, {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three"), QStringLiteral("four")});
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Tabs")});
        AnnotationPage page;
        page.setSession(session.value().get());
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        auto *tabs = page.findChild<QTabWidget *>();
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), 4);
        QCOMPARE(tabs->tabText(3), QStringLiteral("Response D"));
        QCOMPARE(page.ratingRows().size(), 4 * 4 + 1);
        // Down from the last axis of response A shows response B's tab.
        page.panes()[0]->axisRows().last()->setFocus();
        press(Qt::Key_Down);
        QCOMPARE(tabs->currentIndex(), 1);
        PreferenceRow *preference = page.preferenceRows().first();
        preference->setFocus();
        type(QLatin1Char('3'));
        QCOMPARE(preference->stateText(), QStringLiteral("response C better"));
        QCOMPARE(preference->findChildren<QToolButton *>().size(), 5); // four responses and the tie
    }

    void layoutAt1280x800_needsNoHorizontalScrolling()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 3, false);
        MainWindow window;
        window.setPrompts({.annotatorName = [](const QStringList &, const QString &) {
            return std::optional<QString>(QStringLiteral("Dr Width"));
        }});
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openStudy(path));
        window.annotateDialog();
        QApplication::processEvents();
        for (ResponsePane *pane : window.annotationPage()->panes()) {
            for (auto *scroll : pane->findChildren<QAbstractScrollArea *>()) {
                QVERIFY2(!scroll->horizontalScrollBar()->isVisible(), qPrintable(scroll->accessibleName()));
                if (auto *area = qobject_cast<QScrollArea *>(scroll); area && area->widget())
                    QVERIFY(area->widget()->width() <= area->viewport()->width());
            }
            for (AxisRow *row : pane->axisRows()) {
                // Every button of every axis lies inside the row: nothing is cut off on the right.
                for (auto *button : row->findChildren<QToolButton *>()) {
                    const QRect inRow(button->mapTo(row, QPoint(0, 0)), button->size());
                    QVERIFY2(row->rect().contains(inRow), qPrintable(button->text()));
                }
            }
        }
    }

    void everyControl_hasAnAccessibleName()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 2, false);
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Access")});
        AnnotationPage page;
        page.setSession(session.value().get());
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        int controls = 0;
        for (QWidget *widget : page.findChildren<QWidget *>()) {
            const bool control = qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget) ||
                                 qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractItemView *>(widget) ||
                                 qobject_cast<QPlainTextEdit *>(widget) || qobject_cast<RatingRow *>(widget) ||
                                 qobject_cast<QProgressBar *>(widget);
            if (!control || !widget->isVisible())
                continue;
            ++controls;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
            QVERIFY(accessible);
            QVERIFY2(!accessible->text(QAccessible::Name).trimmed().isEmpty(), widget->metaObject()->className());
        }
        QVERIFY(controls > 40);
    }

    void longAndNonLatinText_isShownInFull()
    {
        QString longText;
        for (int word = 0; word < 5000; ++word)
            longText += (word % 3 == 0   ? QStringLiteral("corazón ")
                         : word % 3 == 1 ? QStringLiteral("心脏 ")
                                         : QStringLiteral("niño "));
        QTemporaryDir dir;
        const QString path = makeSingleCaseStudy(dir, {longText, QStringLiteral("Short answer, señora.")});
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Long")});
        AnnotationPage page;
        page.setSession(session.value().get());
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QStringList shown;
        for (ResponsePane *pane : page.panes())
            shown << pane->textView()->toPlainText();
        QVERIFY(shown.contains(longText));
        QVERIFY(shown.contains(QStringLiteral("Short answer, señora.")));
        QVERIFY(page.caseView()->toPlainText().contains(QStringLiteral("对乙酰氨基酚")));
        // A span over non-Latin text keeps its character offsets.
        ResponsePane *longPane = page.panes()[shown.indexOf(longText)];
        const int start = int(longText.indexOf(QStringLiteral("心脏")));
        QVERIFY(session.value()->addSpan(longPane->responseId(), start, start + 2, QStringLiteral("other"), 1).ok());
        QCOMPARE(longPane->spanList()->item(0)->text(), QStringLiteral("Other · minor · “心脏”"));
    }

    void comparisonList_filtersByStatusAndShowsProgressAtYourPace()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 3, false);
        auto study = Study::open(path);
        qint64 nowMs = 0;
        auto session = AnnotationSession::start(
            *study.value(), {.annotatorName = QStringLiteral("Dr Pace"), .clock = [&] { return nowMs; }});
        AnnotationPage page;
        page.setSession(session.value().get());
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        // The status filter is an item model of its own (a proxy over the comparison list): checked throughout.
        QAbstractItemModelTester tester(page.comparisonList()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Finish the first comparison in 9 ratings of 10 s each.
        for (const RatingKey &key : session.value()->requiredKeys()) {
            nowMs += 10000;
            const Axis *axis = session.value()->rubric().axisById(key.axisId);
            const RatingState state =
                key.responseId == 0 ? RatingState::preference(0) : RatingState::ofValue(axis->points.first().value);
            QVERIFY(session.value()->setRating(key, state).ok());
        }
        QCOMPARE(page.progressBar()->value(), 1);
        QCOMPARE(page.progressBar()->maximum(), 3);
        QCOMPARE(page.progressLabel()->text(), QStringLiteral("1 of 3 done · about 3 min left at your pace"));
        page.statusFilter()->setCurrentText(QStringLiteral("Done"));
        QCOMPARE(page.comparisonList()->model()->rowCount(), 1);
        page.statusFilter()->setCurrentText(QStringLiteral("Not started"));
        QCOMPARE(page.comparisonList()->model()->rowCount(), 2);
        // A rating while the filter shows "not started" moves that comparison out of the filtered rows.
        QVERIFY(session.value()->goTo(1).ok());
        QVERIFY(session.value()->setRating(session.value()->requiredKeys().first(), RatingState::ofValue(1)).ok());
        QCOMPARE(page.comparisonList()->model()->rowCount(), 1);
        page.statusFilter()->setCurrentText(QStringLiteral("All comparisons"));
        QCOMPARE(page.comparisonList()->model()->rowCount(), 3);
        // Activating a row in the list opens that comparison.
        const QModelIndex third = page.comparisonList()->model()->index(2, 0);
        emit page.comparisonList()->activated(third);
        QCOMPARE(session.value()->currentRow(), 2);
    }

    void zoomAndHelp_keysWorkAndTheSizeIsRemembered()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 1, false);
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Zoom")});
        int helpShown = 0;
        int zoomed = 0;
        {
            AnnotationPage page;
            page.setHelpPresenter([&] { ++helpShown; });
            page.setSession(session.value().get());
            page.show();
            QVERIFY(QTest::qWaitForWindowActive(&page));
            const int before = page.caseView()->font().pointSize();
            press(Qt::Key_Plus, Qt::ControlModifier);
            press(Qt::Key_Plus, Qt::ControlModifier);
            zoomed = page.caseView()->font().pointSize();
            QCOMPARE(zoomed, before + 2);
            QCOMPARE(page.panes().first()->textView()->font().pointSize(), zoomed);
            press(Qt::Key_F1);
            type(QLatin1Char('?'));
            QCOMPARE(helpShown, 2);
        }
        AnnotationPage again;
        again.setSession(session.value().get());
        QCOMPARE(again.caseView()->font().pointSize(), zoomed);
        QCOMPARE(Settings::value(Settings::AnnotationTextPointSize).toInt(), zoomed);
    }

    void readme_listsEveryShortcutOfTheHelp()
    {
        // The README's key table is the help overlay's list; a key added to one must be added to the other.
        QFile readme(QStringLiteral(CONCORD_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        for (const ShortcutHelp &shortcut : annotationShortcuts()) {
            const QString row = QStringLiteral("| %1 | %2 |").arg(shortcut.keys, shortcut.action);
            QVERIFY2(text.contains(row), qPrintable(row));
        }
    }

    void reopening_resumesAnnotatorModeAtTheFirstUnfinishedComparison()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 3, false);
        qint64 firstComparison = 0;
        {
            MainWindow window;
            window.setPrompts({.annotatorName = [](const QStringList &, const QString &) {
                return std::optional<QString>(QStringLiteral("Dr Return"));
            }});
            QVERIFY(window.openStudy(path));
            QCOMPARE(window.currentPage(), static_cast<QWidget *>(window.overviewPage())); // study lead at first
            window.annotateDialog();
            AnnotationSession *session = window.annotationPage()->session();
            firstComparison = session->currentComparisonId();
            for (const RatingKey &key : session->requiredKeys()) {
                const Axis *axis = session->rubric().axisById(key.axisId);
                QVERIFY(session
                            ->setRating(key, key.responseId == 0 ? RatingState::preference(0)
                                                                 : RatingState::ofValue(axis->points.last().value))
                            .ok());
            }
            window.closeStudy();
        }
        MainWindow window;
        QVERIFY(window.openStudy(path));
        QVERIFY(window.annotating());
        QCOMPARE(window.currentPage(), static_cast<QWidget *>(window.annotationPage()));
        QCOMPARE(window.windowTitle(), QStringLiteral("Keyboard study — annotating as Dr Return — Concord"));
        AnnotationSession *session = window.annotationPage()->session();
        QCOMPARE(session->annotator().name, QStringLiteral("Dr Return"));
        QVERIFY(session->currentComparisonId() != firstComparison);
        QCOMPARE(session->currentRow(), session->firstUnfinishedRow());
        QCOMPARE(session->doneCount(), 1);
        // Back to study-lead mode: the next opening starts there too.
        QVERIFY(window.showStudyLeadMode());
        window.closeStudy();
        QVERIFY(window.openStudy(path));
        QVERIFY(!window.annotating());
    }

    void annotatorPackage_opensInAnnotatorModeOnlyUnderItsName()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 2, false);
        {
            auto study = Study::open(path);
            QVERIFY(study.value()->setMeta(QStringLiteral("package_annotator"), QStringLiteral("Dr Package")).ok());
        }
        MainWindow window;
        window.setErrorReporter([this](const QString &message) { m_errors << message; });
        QVERIFY(window.openStudy(path));
        QVERIFY(window.annotating());
        QCOMPARE(window.annotationPage()->session()->annotator().name, QStringLiteral("Dr Package"));
        QVERIFY(!window.showStudyLeadMode());
        QVERIFY(window.annotating());
        QVERIFY(!window.startAnnotating(QStringLiteral("Somebody Else")));
        QCOMPARE(m_errors.size(), 2);
        QCOMPARE(window.annotationPage()->session()->annotator().name, QStringLiteral("Dr Package"));
    }

    void crashSafety_ratingShownAsSavedSurvivesSigkill()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 40, false);
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--crash-child"), path});
        QVERIFY(child.waitForStarted());
        QString reported;
        int savedLines = 0;
        // Kill after the third reported save, the instant its line arrives.
        while (savedLines < 3 && child.waitForReadyRead(30000)) {
            while (child.canReadLine()) {
                const QString line = QString::fromUtf8(child.readLine()).trimmed();
                if (line.startsWith(QStringLiteral("SAVED "))) {
                    reported = line;
                    if (++savedLines == 3) {
                        ::kill(pid_t(child.processId()), SIGKILL);
                        break;
                    }
                }
            }
        }
        QVERIFY2(savedLines == 3, qPrintable(QString::fromUtf8(child.readAllStandardError())));
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        const QStringList parts = reported.split(QLatin1Char(' '));
        const qint64 responseId = parts[1].toLongLong();
        const qint64 axisId = parts[2].toLongLong();
        const double value = parts[3].toDouble();
        auto study = Study::open(path);
        QVERIFY2(study.ok(), qPrintable(study.errorMessage()));
        auto check = checkStudy(*study.value());
        QVERIFY2(check->healthy(), qPrintable(check->problems.join(QStringLiteral("; "))));
        auto q = study.value()->exec(QStringLiteral("SELECT value FROM current_rating WHERE response_id = ? AND"
                                                    " axis_id = ? AND annotator_id ="
                                                    " (SELECT id FROM annotator WHERE name = 'Dr Crash')"),
                                     {responseId, axisId});
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toDouble(), value);
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--crash-child") == 0) {
        QApplication app(argc, argv);
        return runCrashChild(QString::fromLocal8Bit(argv[2]));
    }
    QApplication app(argc, argv);
    TestAnnotationPage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_annotationpage.moc"
