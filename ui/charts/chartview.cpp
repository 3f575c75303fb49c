#include "ui/charts/chartview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QSvgRenderer>

namespace concord {

ChartView::ChartView(QWidget *parent)
    : QWidget(parent)
    , m_renderer(new QSvgRenderer(this))
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

ChartView::~ChartView() = default;

void ChartView::setSvg(const QString &svg, const QString &accessibleName)
{
    m_svg = svg;
    m_renderer->load(svg.toUtf8());
    setAccessibleName(accessibleName);
    updateGeometry();
    update();
}

QSize ChartView::sizeHint() const
{
    return m_renderer->isValid() ? m_renderer->defaultSize() : QSize(300, 200);
}

int ChartView::heightForWidth(int width) const
{
    const QSize size = sizeHint();
    return size.width() > 0 ? std::min(size.height(), width * size.height() / size.width()) : 0;
}

QRectF ChartView::target() const
{
    const QSizeF natural = sizeHint();
    const QSizeF scaled = natural.scaled(QSizeF(size()).boundedTo(natural), Qt::KeepAspectRatio);
    return QRectF(QPointF(0, 0), scaled);
}

void ChartView::paintEvent(QPaintEvent *)
{
    if (!m_renderer->isValid())
        return;
    QPainter painter(this);
    m_renderer->render(&painter, target());
}

void ChartView::mousePressEvent(QMouseEvent *event)
{
    const QRectF area = target();
    if (!area.contains(event->position()) || area.width() <= 0)
        return;
    const QSizeF natural = sizeHint();
    const double scale = natural.width() / area.width();
    emit clicked(QPointF(event->position().x() * scale, event->position().y() * scale));
}

} // namespace concord
