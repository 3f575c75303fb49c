// AnnotationPage's keyboard: its actions and what they do, the focus moving between rating rows, and input counted
// as activity for the active-time clock. The rest of the class is in annotationpage.cpp.
#include "model/domain/displaytext.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/responsepane.h"
#include "ui/settings.h"

#include <QAction>
#include <QCheckBox>
#include <QEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <algorithm>

namespace concord {

namespace {

constexpr int kMinPointSize = 7;
constexpr int kMaxPointSize = 32;

} // namespace

void AnnotationPage::createActions()
{
    const auto make = [this](const QString &text, const QList<QKeySequence> &keys, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_finish = make(QStringLiteral("&Done, Next Unfinished"),
                    {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)},
                    [this] { finishComparison(); });
    m_next = make(QStringLiteral("&Next Comparison"), {QKeySequence(Qt::Key_PageDown)}, [this] { showNext(); });
    m_previous =
        make(QStringLiteral("&Previous Comparison"), {QKeySequence(Qt::Key_PageUp)}, [this] { showPrevious(); });
    m_undo = make(QStringLiteral("&Undo Rating"), {QKeySequence(Qt::CTRL | Qt::Key_Z)}, [this] {
        if (m_session)
            m_session->undo();
    });
    m_redo = make(QStringLiteral("&Redo Rating"),
                  {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)}, [this] {
                      if (m_session)
                          m_session->redo();
                  });
    m_toggleFlag =
        make(QStringLiteral("&Flag for the Study Lead"), {QKeySequence(Qt::Key_F)}, [this] { m_flag->click(); });
    m_zoomIn =
        make(QStringLiteral("&Larger Text"),
             {QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)}, [this] { zoom(+1); });
    m_zoomOut = make(QStringLiteral("&Smaller Text"), {QKeySequence(Qt::CTRL | Qt::Key_Minus)}, [this] { zoom(-1); });
    m_focusList = make(QStringLiteral("Go to the &List of Comparisons"), {QKeySequence(Qt::CTRL | Qt::Key_L)},
                       [this] { m_list->setFocus(Qt::ShortcutFocusReason); });
    m_help = make(QStringLiteral("&Keys…"), {QKeySequence(Qt::Key_F1), QKeySequence(Qt::Key_Question)},
                  [this] { showHelp(); });
    m_undo->setEnabled(false);
    m_redo->setEnabled(false);
}

QList<QAction *> AnnotationPage::annotationActions() const
{
    return {m_finish, m_next, m_previous, m_undo, m_redo, m_toggleFlag, m_focusList, m_zoomIn, m_zoomOut, m_help};
}

void AnnotationPage::moveFocus(RatingRow *from, int step)
{
    const QVector<RatingRow *> rows = ratingRows();
    const int at = int(rows.indexOf(from));
    if (at < 0)
        return;
    const int next = at + step;
    if (next < 0 || next >= rows.size())
        return;
    if (m_tabs) {
        for (ResponsePane *pane : std::as_const(m_panes)) {
            if (pane->isAncestorOf(rows[next]))
                m_tabs->setCurrentWidget(pane);
        }
    }
    rows[next]->setFocus(step > 0 ? Qt::TabFocusReason : Qt::BacktabFocusReason);
}

void AnnotationPage::focusFirstMissing()
{
    const QVector<RatingKey> missing = m_session->missingKeys();
    const QVector<RatingRow *> rows = ratingRows();
    RatingRow *target = rows.isEmpty() ? nullptr : rows.first();
    if (!missing.isEmpty()) {
        for (RatingRow *row : rows) {
            if (row->key() == missing.first()) {
                target = row;
                break;
            }
        }
    }
    if (!target)
        return;
    if (m_tabs) {
        for (ResponsePane *pane : std::as_const(m_panes)) {
            if (pane->isAncestorOf(target))
                m_tabs->setCurrentWidget(pane);
        }
    }
    target->setFocus(Qt::OtherFocusReason);
}

bool AnnotationPage::finishComparison()
{
    if (!m_session || m_session->currentRow() < 0)
        return false;
    if (!commitComments())
        return false;
    const QVector<RatingKey> missing = m_session->missingKeys();
    if (!missing.isEmpty()) {
        QStringList names;
        for (const RatingKey &key : missing)
            names << m_session->describe(key);
        m_message->setText(visibleControls(QStringLiteral("Still to rate: %1.").arg(names.join(QStringLiteral("; ")))));
        focusFirstMissing();
        return false;
    }
    // The next unfinished comparison after this one, wrapping round to the start.
    const int count = m_session->count();
    for (int step = 1; step < count; ++step) {
        const int row = (m_session->currentRow() + step) % count;
        if (m_session->entry(row).progress() != ComparisonProgress::Done) {
            if (!m_session->goTo(row).ok())
                return false;
            return true;
        }
    }
    m_message->setText(QStringLiteral("Every comparison assigned to you is done. Thank you!"));
    return false;
}

void AnnotationPage::showNext()
{
    if (m_session && m_session->currentRow() + 1 < m_session->count() && commitComments())
        static_cast<void>(m_session->goTo(m_session->currentRow() + 1));
}

void AnnotationPage::showPrevious()
{
    if (m_session && m_session->currentRow() > 0 && commitComments())
        static_cast<void>(m_session->goTo(m_session->currentRow() - 1));
}

void AnnotationPage::zoom(int step)
{
    const int current = m_textPointSize > 0 ? m_textPointSize : m_case->font().pointSize();
    m_textPointSize = std::clamp(current + step, kMinPointSize, kMaxPointSize);
    Settings::setValue(Settings::AnnotationTextPointSize, m_textPointSize);
    applyTextPointSize();
}

void AnnotationPage::showHelp()
{
    if (m_showHelp)
        m_showHelp();
}

bool AnnotationPage::eventFilter(QObject *watched, QEvent *event)
{
    // Any input while the page is shown counts as activity for the active-time clock (idle detection).
    if (m_session && isVisible()) {
        switch (event->type()) {
        case QEvent::KeyPress:
        case QEvent::MouseButtonPress:
        case QEvent::Wheel:
        case QEvent::MouseMove:
            m_session->clock().noteActivity();
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace concord
