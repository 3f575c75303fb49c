// Renders the scalable icon to the PNG sizes of the hicolor theme at build time, so no bitmaps are kept in the
// repository:   render_icon ICON.svg OUT_DIR SIZE...   writes OUT_DIR/SIZExSIZE/org.concord.Concord.png
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() < 4) {
        QTextStream(stderr) << "usage: render_icon ICON.svg OUT_DIR SIZE..." << Qt::endl;
        return 2;
    }
    QSvgRenderer renderer(arguments[1]);
    if (!renderer.isValid()) {
        QTextStream(stderr) << arguments[1] << ": not a valid SVG file" << Qt::endl;
        return 1;
    }
    const QString name = QFileInfo(arguments[1]).completeBaseName() + QStringLiteral(".png");
    for (const QString &sizeText : arguments.mid(3)) {
        const int size = sizeText.toInt();
        const QString folder = QStringLiteral("%1/%2x%2").arg(arguments[2]).arg(size);
        QDir().mkpath(folder);
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        if (size <= 0 || !image.save(folder + QLatin1Char('/') + name)) {
            QTextStream(stderr) << folder << ": cannot write the " << sizeText << " pixel icon" << Qt::endl;
            return 1;
        }
    }
    return 0;
}
