// Renders the screens the README shows, offscreen, on a fresh demo study: the welcome page and the annotation
// view (with a few ratings, a comment and an error span, as a physician mid-way through a comparison would see it).
//   make_screenshots OUT_DIR [WIDTHxHEIGHT] [dark]   (dark: a dark Fusion palette, files named *-dark.png)
#include "model/annotationsession.h"
#include "model/demostudy.h"
#include "model/reportdata.h"
#include "model/study.h"
#include "ui/adjudication/adjudicationpage.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/responsepane.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/mainwindow.h"
#include "ui/report/reportwriter.h"
#include "ui/settings.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPainter>
#include <QPalette>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSvgRenderer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTextStream>

using namespace concord;

namespace {

bool save(QWidget &window, const QString &path)
{
    QApplication::processEvents();
    const bool ok = window.grab().save(path);
    QTextStream(ok ? stdout : stderr) << (ok ? "wrote " : "could not write ") << path << Qt::endl;
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() < 2) {
        QTextStream(stderr) << "usage: make_screenshots OUT_DIR [WIDTHxHEIGHT]" << Qt::endl;
        return 2;
    }
    const QString out = arguments[1];
    const QStringList size = arguments.value(2, QStringLiteral("1280x800")).split(QLatin1Char('x'));
    QDir().mkpath(out);
    const bool dark = arguments.value(3) == QLatin1String("dark");
    const QString suffix = dark ? QStringLiteral("-dark.png") : QStringLiteral(".png");
    if (dark) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette palette;
        palette.setColor(QPalette::Window, QColor(45, 45, 48));
        palette.setColor(QPalette::WindowText, QColor(230, 230, 230));
        palette.setColor(QPalette::Base, QColor(30, 30, 32));
        palette.setColor(QPalette::AlternateBase, QColor(50, 50, 54));
        palette.setColor(QPalette::Text, QColor(230, 230, 230));
        palette.setColor(QPalette::Button, QColor(60, 60, 64));
        palette.setColor(QPalette::ButtonText, QColor(230, 230, 230));
        palette.setColor(QPalette::Highlight, QColor(80, 140, 220));
        palette.setColor(QPalette::HighlightedText, Qt::white);
        palette.setColor(QPalette::PlaceholderText, QColor(160, 160, 160));
        QApplication::setPalette(palette);
    }
    QTemporaryDir scratch;
    // The user's own settings (recent studies, zoom) stay out of the pictures.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch.filePath(QStringLiteral("settings")));
    const QString demo = scratch.filePath(QStringLiteral("demo.concord"));
    if (auto created = createDemoStudy(demo, DemoOptions{}); !created.ok()) {
        QTextStream(stderr) << created.errorMessage() << Qt::endl;
        return 1;
    }

    if (arguments.value(3) == QLatin1String("report")) {
        // The first pages of the report as the PDF lays them out, to look at.
        auto study = Study::open(demo);
        auto report = study.ok() ? buildReportData(*study.value(), AgreementSettings{.bootstrap = 200})
                                 : Result<QJsonObject>(study.error());
        if (!report.ok()) {
            QTextStream(stderr) << report.errorMessage() << Qt::endl;
            return 1;
        }
        QStringList charts;
        QTextDocument document;
        document.setHtml(reportHtml(report.value(), ChartEmbedding::ImageUrls, &charts));
        for (int i = 0; i < charts.size(); ++i) {
            QSvgRenderer renderer(charts[i].toUtf8());
            QImage image(renderer.defaultSize(), QImage::Format_ARGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            renderer.render(&painter);
            painter.end();
            document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:%1").arg(i)), image);
        }
        document.setPageSize(QSizeF(794, 1123)); // A4 at 96 dpi
        for (int page = 0; page < document.pageCount(); ++page) {
            QImage image(794, 1123, QImage::Format_ARGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            painter.translate(0, -page * 1123.0);
            document.drawContents(&painter, QRectF(0, page * 1123.0, 794, 1123));
            painter.end();
            image.save(out + QStringLiteral("/report-page%1.png").arg(page + 1));
        }
        QTextStream(stdout) << "pages: " << document.pageCount() << Qt::endl;
        return 0;
    }

    MainWindow window;
    window.setErrorReporter([](const QString &message) { QTextStream(stderr) << message << Qt::endl; });
    window.resize(size.value(0).toInt(), size.value(1).toInt());
    window.show();
    if (!save(window, out + QStringLiteral("/welcome") + suffix))
        return 1;

    if (!window.openStudy(demo) || !window.startAnnotating(QStringLiteral("Dr. Rivera")))
        return 1;
    AnnotationPage *page = window.annotationPage();
    AnnotationSession *session = page->session();
    // Part of the first comparison done: response A rated on two axes with a comment and an error span.
    const QVector<RatingKey> keys = session->requiredKeys();
    if (keys.size() < 2 || !session->setRating(keys[0], RatingState::ofValue(2, QStringLiteral("medium"))).ok() ||
        !session->setRating(keys[1], RatingState::ofValue(1)).ok())
        return 1;
    ResponsePane *first = page->panes().value(0);
    const QString text = first->textView()->toPlainText();
    const int end = std::min<int>(int(text.size()), 60);
    if (end > 10 && !session->addSpan(first->responseId(), 0, end, QStringLiteral("incorrect_recommendation"), 2).ok())
        return 1;
    if (!session->setComment(first->responseId(), QStringLiteral("Dose advice needs a renal caveat.")).ok())
        return 1;
    page->panes().value(0)->axisRows().value(2)->setFocus();
    if (!save(window, out + QStringLiteral("/annotation") + suffix))
        return 1;

    // The study lead's dashboard on the same study, once its figures are computed.
    if (!window.showStudyLeadMode())
        return 1;
    window.showDashboard();
    DashboardPage *dashboard = window.dashboardPage();
    QElapsedTimer waited;
    waited.start();
    while ((dashboard->computing() || dashboard->result().isEmpty()) && waited.elapsed() < 120000)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    dashboard->axisBox()->setCurrentText(QStringLiteral("risk"));
    emit dashboard->axisBox()->activated(dashboard->axisBox()->currentIndex());
    if (!save(window, out + QStringLiteral("/dashboard") + suffix))
        return 1;

    // The adjudication queue with its first item selected.
    window.showAdjudication();
    window.adjudicationPage()->queueView()->selectRow(0);
    window.adjudicationPage()->queueView()->setFocus();
    return save(window, out + QStringLiteral("/adjudication") + suffix) ? 0 : 1;
}
