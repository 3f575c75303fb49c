#pragma once

#include "ui/annotation/shortcuthelp.h"

#include <QPointer>
#include <QString>
#include <QVector>
#include <QWidget>
#include <functional>

class QFrame;
class QGridLayout;
class QLabel;
class QPushButton;

namespace concord {

// One stop of a guided tour: what to look at (the widgets it points to, found when the step is shown, so that a
// widget made later is found), what it is for, and the keys that work there.
struct TourStep
{
    QString title;
    QString text;
    std::function<QList<QWidget *>()> targets{};
    QVector<ShortcutHelp> keys{};
};

// A guided tour drawn over a host widget: the host is dimmed except for the widgets of the current step, which are
// outlined, and a callout beside them explains them. Back, Next and Close, or Left, Right and Escape. The keyboard
// focus stays in the callout while the tour is shown, so that a key pressed to move on never rates or flags anything
// underneath. Steps are written by Concord and shown as plain text.
class GuidedTour final : public QWidget
{
    Q_OBJECT
public:
    // Covers `host` and shows the first step; the tour deletes itself when closed.
    GuidedTour(QWidget *host, QVector<TourStep> steps, const QString &name);

    int currentStep() const { return m_current; }
    int stepCount() const { return int(m_steps.size()); }
    // The outlined area of the current step in the tour's coordinates (empty: the step points at nothing shown).
    QRect highlightedRect() const;
    QFrame *callout() const { return m_callout; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *textLabel() const { return m_text; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *backButton() const { return m_back; }
    // The key descriptions shown for the current step, "KEYS\tWHAT", in order.
    QStringList shownKeys() const;

public slots:
    void next();
    void back();
    void showStep(int index);

signals:
    // Emitted once, as the tour closes: completed is true when the user went through to the last step's Done.
    void finished(bool completed);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    bool focusNextPrevChild(bool next) override;
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void finish(bool completed);
    // Left/Right, Page Up/Down and Escape; true when the key moved or closed the tour.
    bool handleNavigationKey(int key);
    void placeCallout();

    QPointer<QWidget> m_host;
    QVector<TourStep> m_steps;
    int m_current = -1;
    bool m_finished = false;
    QFrame *m_callout = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QLabel *m_position = nullptr;
    QWidget *m_keys = nullptr;
    QGridLayout *m_keysLayout = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace concord
