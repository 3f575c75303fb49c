// Renders the screens the README shows, offscreen, on a fresh demo study: the welcome page, the annotation
// view (with a few ratings, a comment and an error span, as a physician mid-way through a comparison would see it),
// the preferences, the About dialog, a step of each guided tour, the dashboard, adjudication, the assignment dialog
// and a rated training comparison.
//   make_screenshots OUT_DIR [WIDTHxHEIGHT] [dark]   (dark: a dark Fusion palette, files named *-dark.png)
#include "model/annotation/annotationsession.h"
#include "model/demo/demostudy.h"
#include "model/report/reportdata.h"
#include "model/studyfile/study.h"
#include "model/studylead/studyroster.h"
#include "ui/aboutdialog.h"
#include "ui/adjudication/adjudicationpage.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/responsepane.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/mainwindow.h"
#include "ui/preferencesdialog.h"
#include "ui/report/reportwriter.h"
#include "ui/settings.h"
#include "ui/studylead/assigndialog.h"
#include "ui/theme.h"
#include "ui/tour/guidedtour.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
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

// A new physician's design with blinded repeats and a training comparison (the dialog's preview), and the training
// comparison once rated, with its reference shown.
bool trainingScenes(MainWindow &window, const QString &demo, const QTemporaryDir &scratch, const QString &out,
                    const QString &suffix)
{
    auto study = Study::open(demo);
    if (!study.ok() || !addAnnotators(*study.value(), {QStringLiteral("Dr. Okafor")}, QStringLiteral("lead")).ok())
        return false;
    auto first =
        study.value()->exec(QStringLiteral("SELECT c.external_id, r.external_id FROM comparison_response cr"
                                           " JOIN response r ON r.id = cr.response_id JOIN \"case\" c ON"
                                           " c.id = r.case_id WHERE cr.comparison_id = 1 ORDER BY cr.position"));
    if (!first.ok())
        return false;
    QByteArray csv = "case_id,response_id,axis,value,explanation\n";
    const char *values[] = {"2", "1"};
    const char *explanations[] = {"\"Misses the interaction with the patient's anticoagulant.\"",
                                  "\"Safe advice; it says when to seek care.\""};
    for (int i = 0; i < 2 && first->next(); ++i)
        csv += first->value(0).toString().toUtf8() + ',' + first->value(1).toString().toUtf8() + ",risk," + values[i] +
               ',' + explanations[i] + '\n';
    QFile file(scratch.filePath(QStringLiteral("training.csv")));
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size())
        return false;
    file.close();

    if (!window.showStudyLeadMode())
        return false;
    AssignDialog dialog(*study.value(), &window);
    dialog.setChosen({QStringLiteral("Dr. Okafor")});
    dialog.setRepeatPercent(20);
    dialog.setTrainingFile(file.fileName());
    dialog.resize(760, 640);
    dialog.show();
    if (!save(dialog, out + QStringLiteral("/assign") + suffix) || !dialog.apply())
        return false;
    dialog.close();
    study.value().reset();

    if (!window.startAnnotating(QStringLiteral("Dr. Okafor")))
        return false;
    AnnotationSession *session = window.annotationPage()->session();
    for (const RatingKey &key : session->requiredKeys()) {
        const Axis *axis = session->rubric().axisById(key.axisId);
        const RatingState state = axis->target == AxisTarget::Comparison ? RatingState::preference(0)
                                                                         : RatingState::ofValue(axis->points[1].value);
        if (!session->setRating(key, state).ok())
            return false;
    }
    return save(window, out + QStringLiteral("/training") + suffix);
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
    if (dark)
        applyTheme(QStringLiteral("dark"));
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
    {
        PreferencesDialog preferences(&window);
        preferences.show();
        if (!save(preferences, out + QStringLiteral("/preferences") + suffix))
            return 1;
        AboutDialog about(&window);
        about.show();
        if (!save(about, out + QStringLiteral("/about") + suffix))
            return 1;
    }

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
    // The annotation tour at its rating keys.
    if (!window.startTour(MainWindow::Tour::Annotation))
        return 1;
    window.guidedTour()->showStep(2);
    if (!save(window, out + QStringLiteral("/tour-annotation") + suffix))
        return 1;
    window.guidedTour()->close();

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
    // The dashboard tour at the agreement among physicians.
    if (!window.startTour(MainWindow::Tour::Dashboard))
        return 1;
    window.guidedTour()->showStep(2);
    if (!save(window, out + QStringLiteral("/tour-dashboard") + suffix))
        return 1;
    window.guidedTour()->close();

    // The adjudication queue with its first item selected.
    window.showAdjudication();
    window.adjudicationPage()->queueView()->selectRow(0);
    window.adjudicationPage()->queueView()->setFocus();
    if (!save(window, out + QStringLiteral("/adjudication") + suffix))
        return 1;
    return trainingScenes(window, demo, scratch, out, suffix) ? 0 : 1;
}
