#pragma once

#include "model/annotation/annotationsession.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace concord {

// One line of the rubric panel that takes a rating from the keyboard or the mouse. The row, not its buttons, holds
// the keyboard focus, so Tab and Up/Down move from axis to axis; a focused row draws a frame in the highlight colour.
// A row never writes: it asks for a rating and shows what the session says was saved.
class RatingRow : public QFrame
{
    Q_OBJECT
public:
    explicit RatingRow(QWidget *parent = nullptr);

    RatingKey key() const { return m_key; }
    void setKey(const RatingKey &key) { m_key = key; }
    virtual void showState(const RatingState &state) = 0;

signals:
    void ratingRequested(const RatingKey &key, const RatingState &state);
    // Up/Down: the page moves the focus to the previous (-1) or next (+1) rating row.
    void focusMoveRequested(int step);

protected:
    void paintEvent(QPaintEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    // Up/Down; true when the key was handled.
    bool handleMoveKey(QKeyEvent *event);
    QToolButton *addChoiceButton(const QString &text, const QString &accessibleName, const QString &toolTip);

private:
    RatingKey m_key;
};

// An axis of the rubric for one response: its scale points as buttons ("2 Moderate") with the anchor of the chosen
// or hovered point shown below, "unable to assess" and "not applicable" where the axis has them, and the likelihood
// modifier. Keys: the digit of a scale value, U (unable to assess), N (not applicable), L (cycle likelihood),
// Backspace/Delete (clear).
class AxisRow final : public RatingRow
{
    Q_OBJECT
public:
    AxisRow(const Axis &axis, const QString &responseLabel, QWidget *parent = nullptr);
    const Axis &axis() const { return m_axis; }
    void showState(const RatingState &state) override;
    // The text the row shows for its current state, for tests and the accessible description.
    QString stateText() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void request(const RatingState &state);
    void showAnchor(const ScalePoint *point);

    Axis m_axis;
    RatingState m_state;
    QLabel *m_anchor = nullptr;
    QVector<QToolButton *> m_points;
    QToolButton *m_unable = nullptr;
    QToolButton *m_notApplicable = nullptr;
    QVector<QToolButton *> m_likelihood;
};

// A comparison axis (the preference): which response is better, or a tie. Keys: Left (the leftmost response),
// Right (the rightmost), = (tie), or the position 1..N of the better response; Backspace/Delete clears.
class PreferenceRow final : public RatingRow
{
    Q_OBJECT
public:
    explicit PreferenceRow(const Axis &axis, QWidget *parent = nullptr);
    const Axis &axis() const { return m_axis; }
    // The responses on screen, left to right.
    void setResponses(const QVector<qint64> &responseIds);
    void showState(const RatingState &state) override;
    QString stateText() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    Axis m_axis;
    QVector<qint64> m_responses;
    RatingState m_state;
    QWidget *m_buttonBox = nullptr;
    QVector<QToolButton *> m_better; // one per response
    QToolButton *m_tie = nullptr;
};

} // namespace concord
