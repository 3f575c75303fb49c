// The annotation workspace driven with the keyboard alone, offscreen, as a physician would: the events that land in
// the study file, Ctrl+Enter with ratings missing, undo/redo, the preference keys, the comparison list and progress,
// zoom and help, and the README's table of keys.
#include "model/annotation/annotationsession.h"
#include "tests/ui/annotation/annotationpagesupport.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/responsepane.h"
#include "ui/annotation/shortcuthelp.h"
#include "ui/settings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;
using namespace concord::annotationpagetest;

class TestAnnotationKeyboard : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;

private slots:
    void initTestCase() { QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path()); }

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
};

QTEST_MAIN(TestAnnotationKeyboard)

#include "tst_annotationkeyboard.moc"
