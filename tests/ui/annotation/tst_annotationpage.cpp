// The annotation workspace as it is shown, offscreen: blinding (no system, judge or other physician's rating is
// visible), more responses than fit side by side, the layout at 1280x800, accessible names, and long or non-Latin
// text.
#include "model/annotation/annotationsession.h"
#include "tests/ui/annotation/annotationpagesupport.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/responsepane.h"
#include "ui/mainwindow.h"

#include <QAbstractItemView>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace concord;
using namespace concord::annotationpagetest;

namespace {

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

} // namespace

class TestAnnotationPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;
    QStringList m_errors;

private slots:
    void initTestCase() { QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path()); }

    void init() { m_errors.clear(); }

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
};

QTEST_MAIN(TestAnnotationPage)

#include "tst_annotationpage.moc"
