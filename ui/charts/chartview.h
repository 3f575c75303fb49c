#pragma once

#include <QWidget>

class QSvgRenderer;

namespace concord {

// Shows one chart of ui/charts/svgcharts.h, scaled to the widget with its aspect ratio kept, and reports clicks in
// the chart's own coordinates (for drilling into a cell).
class ChartView final : public QWidget
{
    Q_OBJECT
public:
    explicit ChartView(QWidget *parent = nullptr);
    ~ChartView() override;

    void setSvg(const QString &svg, const QString &accessibleName);
    QString svg() const { return m_svg; }
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

signals:
    void clicked(QPointF chartPoint);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QRectF target() const;

    QString m_svg;
    QSvgRenderer *m_renderer = nullptr;
};

} // namespace concord
