#include "ui/annotation/ratingrow.h"

#include "model/domain/displaytext.h"
#include "ui/flowlayout.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace concord {

namespace {

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(visibleControls(text), parent);
    label->setTextFormat(Qt::PlainText); // rubric text is data, never markup
    return label;
}

// The value a digit key stands for, or nullopt for any other key.
std::optional<double> digitOf(const QKeyEvent *event)
{
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return std::nullopt;
    if (event->key() >= Qt::Key_0 && event->key() <= Qt::Key_9)
        return double(event->key() - Qt::Key_0);
    return std::nullopt;
}

bool isClearKey(const QKeyEvent *event)
{
    return event->key() == Qt::Key_Backspace || event->key() == Qt::Key_Delete;
}

QString pointText(const ScalePoint &point)
{
    return QStringLiteral("%1 %2").arg(point.value).arg(point.label);
}

} // namespace

RatingRow::RatingRow(QWidget *parent)
    : QFrame(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setContentsMargins(6, 4, 6, 4);
}

void RatingRow::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    if (!hasFocus())
        return;
    // The focus must always be visible, in light and dark palettes alike.
    QPainter painter(this);
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(40);
    painter.fillRect(rect(), fill);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawRect(rect().adjusted(1, 1, -1, -1));
}

void RatingRow::focusInEvent(QFocusEvent *event)
{
    QFrame::focusInEvent(event);
    // However the focus arrived (Tab, Up/Down, Ctrl+Enter to the first missing axis), the row scrolls into view.
    for (QWidget *ancestor = parentWidget(); ancestor; ancestor = ancestor->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(ancestor)) {
            scroll->ensureWidgetVisible(this, 0, 0);
            break;
        }
    }
    update();
}

void RatingRow::focusOutEvent(QFocusEvent *event)
{
    QFrame::focusOutEvent(event);
    update();
}

bool RatingRow::handleMoveKey(QKeyEvent *event)
{
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))
        return false;
    if (event->key() == Qt::Key_Up || event->key() == Qt::Key_Down) {
        emit focusMoveRequested(event->key() == Qt::Key_Up ? -1 : +1);
        return true;
    }
    return false;
}

QToolButton *RatingRow::addChoiceButton(const QString &text, const QString &accessibleName, const QString &toolTip)
{
    auto *button = new QToolButton(this);
    // Rubric text from a file: controls shown, and an "&" shown as itself rather than taken as a mnemonic.
    button->setText(visibleControls(text).replace(QLatin1Char('&'), QStringLiteral("&&")));
    button->setCheckable(true);
    button->setFocusPolicy(Qt::NoFocus); // the row holds the focus; the buttons are for the mouse
    button->setAccessibleName(visibleControls(accessibleName)); // read aloud as shown
    button->setToolTip(plainToolTip(toolTip));
    return button;
}

AxisRow::AxisRow(const Axis &axis, const QString &responseLabel, QWidget *parent)
    : RatingRow(parent)
    , m_axis(axis)
{
    setAccessibleName(visibleControls(QStringLiteral("%1: %2").arg(responseLabel, axis.label)));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    // The axis name; its choices, wrapping onto a second line in a narrow pane; the anchor of the chosen point.
    auto *title = plainLabel(axis.label, this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setToolTip(plainToolTip(axis.question));
    layout->addWidget(title);

    auto *choices = new FlowLayout;
    choices->setSpacing(3);
    for (const ScalePoint &point : axis.points) {
        auto *button =
            addChoiceButton(pointText(point), QStringLiteral("%1: %2").arg(axis.label, pointText(point)), point.anchor);
        button->installEventFilter(this); // hovering shows the anchor text
        connect(button, &QToolButton::clicked, this, [this, value = point.value] {
            request(
                RatingState::ofValue(value, m_state.status == RatingStatus::Value ? m_state.likelihood : QString()));
        });
        m_points.push_back(button);
        choices->addWidget(button);
    }
    if (axis.allowsUnableToAssess) {
        m_unable =
            addChoiceButton(QStringLiteral("Unable to assess"), QStringLiteral("%1: unable to assess").arg(axis.label),
                            QStringLiteral("The response does not give enough to judge this (key U)"));
        connect(m_unable, &QToolButton::clicked, this, [this] { request(RatingState::unableToAssess()); });
        choices->addWidget(m_unable);
    }
    if (!axis.notApplicableLabel.isEmpty()) {
        m_notApplicable =
            addChoiceButton(axis.notApplicableLabel, QStringLiteral("%1: %2").arg(axis.label, axis.notApplicableLabel),
                            QStringLiteral("Key N"));
        connect(m_notApplicable, &QToolButton::clicked, this, [this] { request(RatingState::notApplicable()); });
        choices->addWidget(m_notApplicable);
    }
    if (!axis.likelihoodLevels.isEmpty()) {
        // The likelihood buttons stay together behind their label.
        auto *group = new QWidget(this);
        auto *likelihood = new QHBoxLayout(group);
        likelihood->setContentsMargins(8, 0, 0, 0);
        likelihood->setSpacing(3);
        likelihood->addWidget(plainLabel(QStringLiteral("Likelihood (L):"), group));
        for (const QString &level : axis.likelihoodLevels) {
            auto *button = addChoiceButton(level, QStringLiteral("%1: likelihood %2").arg(axis.label, level),
                                           QStringLiteral("How likely the harm is (key L cycles)"));
            button->setParent(group);
            connect(button, &QToolButton::clicked, this, [this, level] {
                if (m_state.status != RatingStatus::Value)
                    return;
                RatingState next = m_state;
                next.likelihood = next.likelihood == level ? QString() : level;
                request(next);
            });
            m_likelihood.push_back(button);
            likelihood->addWidget(button);
        }
        choices->addWidget(group);
    }
    layout->addLayout(choices);

    m_anchor = plainLabel(axis.question, this);
    m_anchor->setWordWrap(true);
    m_anchor->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_anchor->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_anchor->setFont(small);
    layout->addWidget(m_anchor);
    showState({});
}

void AxisRow::request(const RatingState &state)
{
    emit ratingRequested(key(), state);
}

void AxisRow::showAnchor(const ScalePoint *point)
{
    if (point && !point->anchor.isEmpty())
        m_anchor->setText(visibleControls(QStringLiteral("%1 — %2").arg(pointText(*point), point->anchor)));
    else if (m_state.status == RatingStatus::UnableToAssess)
        m_anchor->setText(QStringLiteral("Unable to assess"));
    else if (m_state.status == RatingStatus::NotApplicable)
        m_anchor->setText(visibleControls(m_axis.notApplicableLabel));
    else
        m_anchor->setText(visibleControls(m_axis.question));
}

void AxisRow::showState(const RatingState &state)
{
    m_state = state;
    for (int i = 0; i < m_points.size(); ++i)
        m_points[i]->setChecked(state.status == RatingStatus::Value && state.value == m_axis.points[i].value);
    if (m_unable)
        m_unable->setChecked(state.status == RatingStatus::UnableToAssess);
    if (m_notApplicable)
        m_notApplicable->setChecked(state.status == RatingStatus::NotApplicable);
    for (int i = 0; i < m_likelihood.size(); ++i) {
        m_likelihood[i]->setEnabled(state.status == RatingStatus::Value);
        m_likelihood[i]->setChecked(state.likelihood == m_axis.likelihoodLevels[i]);
    }
    showAnchor(state.status == RatingStatus::Value && state.value ? m_axis.point(*state.value) : nullptr);
    setAccessibleDescription(visibleControls(stateText()));
}

QString AxisRow::stateText() const
{
    switch (m_state.status) {
    case RatingStatus::Value: {
        const ScalePoint *point = m_state.value ? m_axis.point(*m_state.value) : nullptr;
        QString text = point ? pointText(*point) : QStringLiteral("?");
        if (!m_state.likelihood.isEmpty())
            text += QStringLiteral(", likelihood %1").arg(m_state.likelihood);
        return text;
    }
    case RatingStatus::UnableToAssess:
        return QStringLiteral("unable to assess");
    case RatingStatus::NotApplicable:
        return m_axis.notApplicableLabel;
    case RatingStatus::Cleared:
        return QStringLiteral("not rated");
    }
    return {};
}

bool AxisRow::eventFilter(QObject *watched, QEvent *event)
{
    const int index = int(m_points.indexOf(qobject_cast<QToolButton *>(watched)));
    if (index >= 0 && event->type() == QEvent::Enter)
        showAnchor(&m_axis.points[index]);
    else if (index >= 0 && event->type() == QEvent::Leave)
        showAnchor(m_state.status == RatingStatus::Value && m_state.value ? m_axis.point(*m_state.value) : nullptr);
    return RatingRow::eventFilter(watched, event);
}

void AxisRow::keyPressEvent(QKeyEvent *event)
{
    if (handleMoveKey(event))
        return;
    if (const auto digit = digitOf(event); digit && m_axis.hasPoint(*digit)) {
        request(RatingState::ofValue(*digit, m_state.status == RatingStatus::Value ? m_state.likelihood : QString()));
        return;
    }
    const bool plain = !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    if (plain && event->key() == Qt::Key_U && m_axis.allowsUnableToAssess) {
        request(RatingState::unableToAssess());
        return;
    }
    if (plain && event->key() == Qt::Key_N && !m_axis.notApplicableLabel.isEmpty()) {
        request(RatingState::notApplicable());
        return;
    }
    if (plain && event->key() == Qt::Key_L && !m_axis.likelihoodLevels.isEmpty() &&
        m_state.status == RatingStatus::Value) {
        // none -> first level -> ... -> last level -> none
        const qsizetype at = m_axis.likelihoodLevels.indexOf(m_state.likelihood);
        RatingState next = m_state;
        next.likelihood = at + 1 < m_axis.likelihoodLevels.size() ? m_axis.likelihoodLevels[at + 1] : QString();
        request(next);
        return;
    }
    if (plain && isClearKey(event) && m_state.isSet()) {
        request(RatingState{});
        return;
    }
    RatingRow::keyPressEvent(event);
}

PreferenceRow::PreferenceRow(const Axis &axis, QWidget *parent)
    : RatingRow(parent)
    , m_axis(axis)
{
    setAccessibleName(visibleControls(axis.label));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    auto *title = plainLabel(QStringLiteral("%1 — %2").arg(axis.label, axis.question), this);
    title->setWordWrap(true);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    m_buttonBox = new QWidget(this);
    auto *buttons = new QHBoxLayout(m_buttonBox);
    buttons->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_buttonBox);
    setResponses({});
}

void PreferenceRow::setResponses(const QVector<qint64> &responseIds)
{
    if (responseIds == m_responses && (m_tie || responseIds.isEmpty()))
        return;
    m_responses = responseIds;
    qDeleteAll(m_better);
    m_better.clear();
    delete m_tie;
    m_tie = nullptr;
    auto *buttons = static_cast<QHBoxLayout *>(m_buttonBox->layout());
    while (QLayoutItem *item = buttons->takeAt(0))
        delete item;
    const int n = int(responseIds.size());
    for (int i = 0; i < n; ++i) {
        const QString letter = responseLetter(i);
        QString keyName = QString::number(i + 1);
        if (i == 0)
            keyName = QStringLiteral("Left or 1");
        else if (i == n - 1)
            keyName = QStringLiteral("Right or %1").arg(n);
        auto *button = addChoiceButton(QStringLiteral("Response %1 better").arg(letter),
                                       QStringLiteral("%1: response %2 better").arg(m_axis.label, letter),
                                       QStringLiteral("Key %1").arg(keyName));
        connect(button, &QToolButton::clicked, this,
                [this, id = responseIds[i]] { emit ratingRequested(key(), RatingState::preference(id)); });
        m_better.push_back(button);
    }
    if (n > 0) {
        m_tie = addChoiceButton(QStringLiteral("Tie"), QStringLiteral("%1: tie").arg(m_axis.label),
                                QStringLiteral("Key ="));
        connect(m_tie, &QToolButton::clicked, this,
                [this] { emit ratingRequested(key(), RatingState::preference(0)); });
    }
    // Two responses: left better | tie | right better, as on screen; more: each response, then the tie.
    QVector<QToolButton *> ordered = m_better;
    if (m_tie)
        ordered.insert(n == 2 ? 1 : n, m_tie);
    for (QToolButton *button : ordered)
        buttons->addWidget(button); // reparents into the button box
    buttons->addStretch();
    showState(m_state);
}

void PreferenceRow::showState(const RatingState &state)
{
    m_state = state;
    for (int i = 0; i < m_better.size(); ++i)
        m_better[i]->setChecked(state.isSet() && state.preferredResponseId == m_responses[i]);
    if (m_tie)
        m_tie->setChecked(state.isSet() && state.preferredResponseId == 0);
    setAccessibleDescription(visibleControls(stateText()));
}

QString PreferenceRow::stateText() const
{
    if (!m_state.isSet())
        return QStringLiteral("not rated");
    if (m_state.preferredResponseId == 0)
        return QStringLiteral("tie");
    const int at = int(m_responses.indexOf(m_state.preferredResponseId));
    return at >= 0 ? QStringLiteral("response %1 better").arg(responseLetter(at)) : QStringLiteral("?");
}

void PreferenceRow::keyPressEvent(QKeyEvent *event)
{
    if (handleMoveKey(event) || m_responses.isEmpty())
        return;
    const bool plain = !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    qint64 choice = -1;
    if (plain && event->key() == Qt::Key_Left)
        choice = m_responses.first();
    else if (plain && event->key() == Qt::Key_Right)
        choice = m_responses.last();
    else if (plain && event->key() == Qt::Key_Equal)
        choice = 0;
    else if (const auto digit = digitOf(event); digit && *digit >= 1 && *digit <= m_responses.size())
        choice = m_responses[int(*digit) - 1];
    if (choice >= 0) {
        emit ratingRequested(key(), RatingState::preference(choice));
        return;
    }
    if (plain && isClearKey(event) && m_state.isSet()) {
        emit ratingRequested(key(), RatingState{});
        return;
    }
    RatingRow::keyPressEvent(event);
}

} // namespace concord
