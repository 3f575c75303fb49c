#include "ui/tour/guidedtour.h"

#include <QApplication>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace concord {

namespace {

constexpr int kOutline = 3; // width of the outline around the step's widgets
constexpr int kGap = 12;    // between the outline and the callout
constexpr int kCalloutWidth = 420;

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

} // namespace

GuidedTour::GuidedTour(QWidget *host, QVector<TourStep> steps, const QString &name)
    : QWidget(host)
    , m_host(host)
    , m_steps(std::move(steps))
{
    setObjectName(QStringLiteral("guidedTour"));
    setAttribute(Qt::WA_DeleteOnClose);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(name);

    m_callout = new QFrame(this);
    m_callout->setObjectName(QStringLiteral("tourCallout"));
    m_callout->setFrameShape(QFrame::StyledPanel);
    m_callout->setAutoFillBackground(true);
    m_callout->setBackgroundRole(QPalette::Base);
    m_callout->setFixedWidth(kCalloutWidth);

    m_position = plainLabel(QString(), m_callout);
    m_position->setForegroundRole(QPalette::PlaceholderText);
    m_title = plainLabel(QString(), m_callout);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_text = plainLabel(QString(), m_callout);
    m_keys = new QWidget(m_callout);
    m_keysLayout = new QGridLayout(m_keys);
    m_keysLayout->setContentsMargins(0, 4, 0, 0);
    m_keysLayout->setHorizontalSpacing(12);
    m_keysLayout->setColumnStretch(1, 1);

    m_close = new QPushButton(tr("Close tour"), m_callout);
    m_close->setObjectName(QStringLiteral("tourClose"));
    m_back = new QPushButton(tr("Back"), m_callout);
    m_back->setObjectName(QStringLiteral("tourBack"));
    m_next = new QPushButton(tr("Next"), m_callout);
    m_next->setObjectName(QStringLiteral("tourNext"));
    m_next->setDefault(true);
    connect(m_close, &QPushButton::clicked, this, [this] { finish(false); });
    connect(m_back, &QPushButton::clicked, this, &GuidedTour::back);
    connect(m_next, &QPushButton::clicked, this, &GuidedTour::next);
    // Buttons move focus with the arrow keys; here the arrows move through the tour.
    for (QPushButton *button : {m_close, m_back, m_next})
        button->installEventFilter(this);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_close);
    buttons->addStretch(1);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    auto *column = new QVBoxLayout(m_callout);
    column->setContentsMargins(16, 12, 16, 12);
    column->addWidget(m_position);
    column->addWidget(m_title);
    column->addWidget(m_text);
    column->addWidget(m_keys);
    column->addSpacing(8);
    column->addLayout(buttons);

    host->installEventFilter(this);
    // New text is measured once its labels are polished: the callout is sized again when its layout asks.
    m_callout->installEventFilter(this);
    setGeometry(host->rect());
    raise();
    show();
    showStep(0);
}

QRect GuidedTour::highlightedRect() const
{
    if (m_current < 0 || m_current >= stepCount() || !m_steps[m_current].targets)
        return {};
    QRect united;
    for (QWidget *target : m_steps[m_current].targets()) {
        if (!target || !target->isVisible() || !m_host || !m_host->isAncestorOf(target))
            continue;
        // Only the part shown: a row scrolled out of its view is not outlined.
        const QRect shown = target->visibleRegion().boundingRect();
        if (!shown.isEmpty())
            united |= shown.translated(target->mapTo(m_host, QPoint(0, 0)));
    }
    // Kept inside the tour so that the outline is seen whole.
    return united.isEmpty() ? QRect() : united.adjusted(-kOutline, -kOutline, kOutline, kOutline) & rect();
}

QStringList GuidedTour::shownKeys() const
{
    QStringList shown;
    if (m_current >= 0 && m_current < stepCount()) {
        for (const ShortcutHelp &key : m_steps[m_current].keys)
            shown << key.keys + QLatin1Char('\t') + key.action;
    }
    return shown;
}

void GuidedTour::next()
{
    if (m_current + 1 >= stepCount())
        finish(true);
    else
        showStep(m_current + 1);
}

void GuidedTour::back()
{
    if (m_current > 0)
        showStep(m_current - 1);
}

void GuidedTour::showStep(int index)
{
    if (index < 0 || index >= stepCount())
        return;
    m_current = index;
    const TourStep &step = m_steps[index];
    m_position->setText(tr("%1 — step %2 of %3").arg(accessibleName()).arg(index + 1).arg(stepCount()));
    m_title->setText(step.title);
    m_text->setText(step.text);

    while (QLayoutItem *item = m_keysLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int row = 0; row < step.keys.size(); ++row) {
        QLabel *keys = plainLabel(step.keys[row].keys, m_keys);
        QFont bold = keys->font();
        bold.setBold(true);
        keys->setFont(bold);
        keys->setWordWrap(false);
        QLabel *action = plainLabel(step.keys[row].action, m_keys);
        m_keysLayout->addWidget(keys, row, 0, Qt::AlignTop);
        m_keysLayout->addWidget(action, row, 1);
        // Shown now, not later from the event loop, so that the callout is measured with them.
        keys->show();
        action->show();
    }
    m_keys->setVisible(!step.keys.isEmpty());

    m_back->setEnabled(index > 0);
    const bool last = index + 1 == stepCount();
    m_next->setText(last ? tr("Done") : tr("Next"));
    m_next->setFocus(Qt::OtherFocusReason);
    placeCallout();
    update();
}

void GuidedTour::finish(bool completed)
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished(completed);
    close();
}

void GuidedTour::placeCallout()
{
    // Word-wrapped text needs the height for the callout's width; adjustSize() does not ask a child widget for it.
    m_callout->layout()->invalidate();
    const int height = std::max(m_callout->heightForWidth(kCalloutWidth), m_callout->minimumSizeHint().height());
    m_callout->resize(kCalloutWidth, height);
    const QSize size = m_callout->size();
    const QRect area = rect().adjusted(kGap, kGap, -kGap, -kGap);
    const QRect target = highlightedRect();
    QPoint at = area.center() - QPoint(size.width() / 2, size.height() / 2);
    if (!target.isEmpty()) {
        // Beside the outlined widgets where there is room: below, above, right, left; otherwise over them.
        const int centredX = target.center().x() - size.width() / 2;
        const int centredY = target.center().y() - size.height() / 2;
        if (target.bottom() + kGap + size.height() <= area.bottom())
            at = QPoint(centredX, target.bottom() + kGap);
        else if (target.top() - kGap - size.height() >= area.top())
            at = QPoint(centredX, target.top() - kGap - size.height());
        else if (target.right() + kGap + size.width() <= area.right())
            at = QPoint(target.right() + kGap, centredY);
        else if (target.left() - kGap - size.width() >= area.left())
            at = QPoint(target.left() - kGap - size.width(), centredY);
    }
    at.setX(std::clamp(at.x(), area.left(), std::max(area.left(), area.right() - size.width())));
    at.setY(std::clamp(at.y(), area.top(), std::max(area.top(), area.bottom() - size.height())));
    m_callout->move(at);
    m_callout->raise();
}

bool GuidedTour::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_host && (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest)) {
        setGeometry(m_host->rect());
        placeCallout();
    } else if (watched == m_callout && event->type() == QEvent::LayoutRequest) {
        placeCallout();
    } else if (watched != m_host && event->type() == QEvent::KeyPress &&
               handleNavigationKey(static_cast<QKeyEvent *>(event)->key())) {
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool GuidedTour::focusNextPrevChild(bool next)
{
    // Tab stays in the callout: focus never reaches the view underneath while the tour is shown.
    QList<QWidget *> order;
    for (QPushButton *button : {m_close, m_back, m_next}) {
        if (button->isEnabled())
            order << button;
    }
    const int at = int(order.indexOf(QApplication::focusWidget()));
    const int count = int(order.size());
    order[((at < 0 ? 0 : at) + (next ? 1 : count - 1)) % count]->setFocus(next ? Qt::TabFocusReason
                                                                               : Qt::BacktabFocusReason);
    return true;
}

bool GuidedTour::handleNavigationKey(int key)
{
    switch (key) {
    case Qt::Key_Escape:
        finish(false);
        return true;
    case Qt::Key_Right:
    case Qt::Key_PageDown:
        next();
        return true;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
        back();
        return true;
    default:
        return false;
    }
}

void GuidedTour::keyPressEvent(QKeyEvent *event)
{
    handleNavigationKey(event->key());
    event->accept(); // every key is taken, so that none reaches the view underneath
}

void GuidedTour::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect target = highlightedRect();
    QPainterPath dimmed;
    dimmed.addRect(rect());
    if (!target.isEmpty()) {
        QPainterPath hole;
        hole.addRoundedRect(target, 6, 6);
        dimmed = dimmed.subtracted(hole);
    }
    painter.fillPath(dimmed, QColor(0, 0, 0, 110));
    // The outline and the callout's border in the same colour, which tells them apart from the view in a dark
    // theme too, where dimming shows less.
    QPen outline(palette().color(QPalette::Highlight), kOutline);
    painter.setPen(outline);
    painter.setBrush(Qt::NoBrush);
    if (!target.isEmpty())
        painter.drawRoundedRect(QRectF(target).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6);
    painter.drawRect(QRectF(m_callout->geometry()).adjusted(-1.5, -1.5, 1.5, 1.5));
}

} // namespace concord
