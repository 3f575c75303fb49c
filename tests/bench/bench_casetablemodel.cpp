// Loading the study overview's models on a large study: CaseTableModel and AxisCountsModel, then a filter and a
// sort through a QSortFilterProxyModel as the overview does. Prints one JSON object.
//   bench_casetablemodel [--responses N] [--raters R] [--keep FILE]
// Each of R annotators rates every response on every response axis (R x N x 4 events with the default rubric), and
// a judge scores every response on every response axis.
#include "model/itemmodels/axiscountsmodel.h"
#include "model/itemmodels/casetablemodel.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "tests/bench/benchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTextStream>

using namespace concord;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption responsesOption(QStringLiteral("responses"), QStringLiteral("Responses (default 100000)"),
                                             QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption ratersOption(QStringLiteral("raters"), QStringLiteral("Annotators (default 3)"),
                                          QStringLiteral("R"), QStringLiteral("3"));
    const QCommandLineOption keepOption(
        QStringLiteral("keep"), QStringLiteral("Study file to reuse, created when missing"), QStringLiteral("FILE"));
    parser.addOptions({responsesOption, ratersOption, keepOption});
    parser.process(app);
    const int responses = parser.value(responsesOption).toInt();
    const int raters = parser.value(ratersOption).toInt();
    QTextStream err(stderr);

    QTemporaryDir dir;
    const QString path =
        parser.isSet(keepOption) ? parser.value(keepOption) : dir.filePath(QStringLiteral("bench.concord"));
    QElapsedTimer timer;
    if (!QFileInfo::exists(path)) {
        timer.start();
        auto created = Study::create(path, {.title = QStringLiteral("bench"), .rubric = defaultRubric()});
        if (!created.ok()) {
            err << created.errorMessage() << Qt::endl;
            return 1;
        }
        if (auto status = bench::fillStudy(*created.value(), {.responses = responses, .raters = raters});
            !status.ok()) {
            err << status.errorMessage() << Qt::endl;
            return 1;
        }
        err << "generated " << path << " in " << timer.elapsed() << " ms" << Qt::endl;
    }
    auto opened = Study::open(path);
    if (!opened.ok()) {
        err << opened.errorMessage() << Qt::endl;
        return 1;
    }
    Study &study = *opened.value();

    CaseTableModel cases;
    timer.start();
    if (!cases.load(study)) {
        err << cases.errorString() << Qt::endl;
        return 1;
    }
    const qint64 caseTableMs = timer.elapsed();

    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&cases);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterKeyColumn(CaseTableModel::CaseColumn);
    proxy.setFilterRole(CaseTableModel::SearchTextRole);
    proxy.setSortRole(CaseTableModel::RawValueRole);
    timer.start();
    proxy.setFilterFixedString(QStringLiteral("case-0001"));
    const int filtered = proxy.rowCount();
    const qint64 filterMs = timer.elapsed();
    proxy.setFilterFixedString(QString());
    timer.start();
    proxy.sort(CaseTableModel::FirstAxisColumn, Qt::DescendingOrder);
    const qint64 sortMs = timer.elapsed();

    AxisCountsModel axes;
    timer.start();
    if (!axes.load(study)) {
        err << axes.errorString() << Qt::endl;
        return 1;
    }
    const qint64 axisCountsMs = timer.elapsed();

    const auto events = RatingStore(study).eventCount();
    const QJsonObject result{{QStringLiteral("benchmark"), QStringLiteral("casetablemodel")},
                             {QStringLiteral("responses"), cases.rowCount()},
                             {QStringLiteral("rating_events"), events.ok() ? events.value() : -1},
                             {QStringLiteral("case_table_load_ms"), caseTableMs},
                             {QStringLiteral("filter_ms"), filterMs},
                             {QStringLiteral("filtered_rows"), filtered},
                             {QStringLiteral("sort_ms"), sortMs},
                             {QStringLiteral("axis_counts_load_ms"), axisCountsMs}};
    bench::printResult(result);
    return 0;
}
