// Untrusted text from a study (case ids, tasks, inputs, responses, system and judge names, rubric texts, physicians'
// names and comments, rationales, reasons) reaches every view as plain text: no tooltip or label renders its markup
// (one tooltip loaded a local image), and a right-to-left override never makes "1\u202E05\u202C mg" read "150 mg" —
// every bidirectional control is shown as a visible marker, in the GUI and in the report (HTML, PDF, charts).
#include "model/domain/displaytext.h"
#include "model/itemmodels/adjudicationqueuemodel.h"
#include "model/itemmodels/comparisonlistmodel.h"
#include "model/report/reportdata.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "model/studylead/adjudicationqueue.h"
#include "ui/adjudication/adjudicationdetail.h"
#include "ui/adjudication/adjudicationpage.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/responsepane.h"
#include "ui/charts/svgcharts.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/mainwindow.h"
#include "ui/report/reportexportjob.h"
#include "ui/report/reportwriter.h"
#include "ui/studylead/assigndialog.h"
#include "ui/studylead/rosterdialog.h"
#include "ui/studyoverviewpage.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>

using namespace concord;

namespace {

// Rendered raw, "1\u202E05\u202C mg" reads "150 mg".
const QString kOverride = QStringLiteral("1\u202E05\u202C mg");
const QString kMarkup = QStringLiteral("<b>bold</b><img src=\"/etc/hostname\">");

QString hostile(const QString &what)
{
    return what + QLatin1Char(' ') + kMarkup + QLatin1Char(' ') + kOverride;
}

const QString kPhysicianA = hostile(QStringLiteral("Dr A"));
const QString kPhysicianB = QStringLiteral("Dr B");

// Every code point visibleControls() must mark; none may reach a screen or a report.
const QList<char16_t> kBidiControls{0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
                                    0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069};

bool hasBidiControl(const QString &text)
{
    return std::any_of(kBidiControls.cbegin(), kBidiControls.cend(), [&](char16_t c) { return text.contains(c); });
}

QString asShownFromHtml(const QString &html)
{
    QTextDocument document;
    document.setHtml(html);
    return document.toPlainText();
}

// A study whose every text carries markup and a right-to-left override: title, rubric (label, question, anchors),
// case id, task, input and reference, both responses' systems and texts, a physician's name and comments, the judge
// run and its rationale, and a study lead's decision and reason.
QString makeHostileStudy(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("hostile.concord"));
    Rubric rubric = defaultRubric();
    for (Axis &axis : rubric.axes) {
        if (axis.key != QLatin1String("risk"))
            continue;
        axis.label = hostile(QStringLiteral("Risk"));
        axis.question = hostile(QStringLiteral("Question"));
        for (ScalePoint &point : axis.points)
            point.anchor = hostile(QStringLiteral("Anchor"));
    }
    auto created = Study::create(path, {.title = hostile(QStringLiteral("Title")), .rubric = rubric});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    Study &study = *created.value();
    const Status filled = study.inTransaction([&]() -> Status {
        CaseStore cases(study);
        auto run = JudgeStore(study).ensureRun(hostile(QStringLiteral("Judge")));
        if (!run.ok())
            return run.error();
        QVector<qint64> physicians;
        for (const QString &name : {kPhysicianA, kPhysicianB}) {
            auto annotator = AnnotatorStore(study).ensureAnnotator(name);
            if (!annotator.ok())
                return annotator.error();
            physicians << annotator->id;
        }
        const qint64 risk = study.rubric().axis(QStringLiteral("risk"))->id;
        for (int c = 0; c < 2; ++c) {
            CaseRecord record;
            record.externalId = c == 0 ? hostile(QStringLiteral("case")) : QStringLiteral("plain-case");
            record.task = hostile(QStringLiteral("task"));
            record.input = hostile(QStringLiteral("Input"));
            record.reference = hostile(QStringLiteral("Reference"));
            if (auto r = cases.insertCase(record); !r.ok())
                return r.error();
            QVector<qint64> ids;
            for (int s = 0; s < 2; ++s) {
                ResponseRecord response;
                response.caseId = record.id;
                response.externalId = QStringLiteral("r%1").arg(s);
                response.system = hostile(QStringLiteral("System %1").arg(s));
                response.text = hostile(QStringLiteral("Give"));
                if (auto r = cases.insertResponse(response); !r.ok())
                    return r.error();
                ids << response.id;
                for (int p = 0; p < physicians.size(); ++p) {
                    RatingEvent event;
                    event.annotatorId = physicians[p];
                    event.responseId = response.id;
                    event.axisId = risk;
                    event.value = p == 0 ? 1 : 4; // a disagreement on every response: all are in the queue
                    event.comment = hostile(QStringLiteral("Comment"));
                    if (auto r = RatingStore(study).append(event); !r.ok())
                        return r.error();
                }
                JudgeScore score;
                score.judgeRunId = run->id;
                score.responseId = response.id;
                score.axisId = risk;
                score.value = 1;
                score.confidence = 0.9;
                score.rationale = hostile(QStringLiteral("Rationale"));
                if (auto r = JudgeStore(study).insertScore(score); !r.ok())
                    return r.error();
            }
            ComparisonRecord comparison{0, {}, record.id, ids};
            if (auto r = cases.insertComparison(comparison); !r.ok())
                return r.error();
        }
        return {};
    });
    if (!filled.ok())
        qFatal("%s", qPrintable(filled.errorMessage()));
    // A decision with a hostile reason on the second case's first response.
    auto responses = CaseStore(study).responses();
    const qint64 decided = responses.value().at(2).id;
    auto recorded = recordAdjudication(study, decided, QStringLiteral("risk"), 2.0, QStringLiteral("other"),
                                       hostile(QStringLiteral("Reason")), hostile(QStringLiteral("Lead")));
    if (!recorded.ok())
        qFatal("%s", qPrintable(recorded.errorMessage()));
    return path;
}

// What is wrong with how `text`, shown by `where`, reaches the user: a raw bidirectional control, or markup of the
// study's text rendered (`rich`: Qt takes the text as rich text).
void inspect(QStringList &problems, QStringList &seen, const QString &where, const QString &text, bool rich)
{
    if (text.isEmpty())
        return;
    const QString shown = rich ? asShownFromHtml(text) : text;
    seen << shown;
    if (hasBidiControl(text))
        problems << QStringLiteral("%1 shows a raw bidirectional control: %2").arg(where, text);
    // The study's markup must be shown as the characters it is, never rendered (no bold, no image).
    if (rich && text.contains(QStringLiteral("bold")) && !shown.contains(QStringLiteral("<b>bold</b>")))
        problems << QStringLiteral("%1 renders markup from the study: %2").arg(where, text);
}

void inspectToolTip(QStringList &problems, QStringList &seen, const QString &where, const QString &tip)
{
    // Qt shows a tooltip as rich text when it looks like rich text.
    inspect(problems, seen, where + QStringLiteral(" tooltip"), tip, Qt::mightBeRichText(tip));
}

void inspectModel(QStringList &problems, QStringList &seen, const QString &where, const QAbstractItemModel *model)
{
    for (int column = 0; column < model->columnCount(); ++column) {
        inspect(problems, seen, where + QStringLiteral(" header"), model->headerData(column, Qt::Horizontal).toString(),
                false);
        inspectToolTip(problems, seen, where + QStringLiteral(" header"),
                       model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString());
    }
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex index = model->index(row, column);
            const QString cell = QStringLiteral("%1 cell %2,%3").arg(where).arg(row).arg(column);
            inspect(problems, seen, cell, index.data().toString(), false);
            inspectToolTip(problems, seen, cell, index.data(Qt::ToolTipRole).toString());
        }
    }
}

// Every text of `root` and its children that a user can see: labels, buttons, fields, text panes, lists, tables,
// combo boxes, tabs, group boxes, window titles, the status bar, accessible names and descriptions, and the tooltips
// of all of them.
QStringList problemsIn(QWidget *root, QStringList *seenTexts = nullptr)
{
    QStringList problems, seen;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        const QString where =
            QStringLiteral("%1 '%2'").arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName());
        inspect(problems, seen, where + QStringLiteral(" window title"), widget->windowTitle(), false);
        inspectToolTip(problems, seen, where, widget->toolTip());
        inspect(problems, seen, where + QStringLiteral(" accessible name"), widget->accessibleName(), false);
        inspect(problems, seen, where + QStringLiteral(" accessible description"), widget->accessibleDescription(),
                false);
        if (auto *label = qobject_cast<QLabel *>(widget)) {
            const bool rich = label->textFormat() == Qt::RichText ||
                              (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
            inspect(problems, seen, where, label->text(), rich);
        }
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            inspect(problems, seen, where, button->text(), false);
        if (auto *edit = qobject_cast<QLineEdit *>(widget))
            inspect(problems, seen, where, edit->text(), false);
        if (auto *edit = qobject_cast<QPlainTextEdit *>(widget))
            inspect(problems, seen, where, edit->toPlainText(), false);
        if (auto *edit = qobject_cast<QTextEdit *>(widget))
            inspect(problems, seen, where, edit->toPlainText(), false);
        if (auto *box = qobject_cast<QGroupBox *>(widget))
            inspect(problems, seen, where, box->title(), false);
        if (auto *bar = qobject_cast<QStatusBar *>(widget))
            inspect(problems, seen, where, bar->currentMessage(), false);
        if (auto *tabs = qobject_cast<QTabWidget *>(widget)) {
            for (int i = 0; i < tabs->count(); ++i) {
                inspect(problems, seen, where + QStringLiteral(" tab"), tabs->tabText(i), false);
                inspectToolTip(problems, seen, where + QStringLiteral(" tab"), tabs->tabToolTip(i));
            }
        }
        if (auto *combo = qobject_cast<QComboBox *>(widget))
            inspectModel(problems, seen, where, combo->model());
        else if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model())
            inspectModel(problems, seen, where, view->model());
    }
    if (seenTexts)
        *seenTexts = seen;
    return problems;
}

// The check of a view: nothing wrong, and the study's hostile texts were on it (shown with visible markers).
void verifyShownSafely(QWidget *root, const QStringList &mustBeSeen)
{
    QStringList seen;
    const QStringList problems = problemsIn(root, &seen);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    const QString all = seen.join(QLatin1Char('\n'));
    for (const QString &text : mustBeSeen)
        QVERIFY2(all.contains(visibleControls(text)), qPrintable(QStringLiteral("not shown: ") + text));
}

} // namespace

class TestUntrustedText : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;
    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        m_path = makeHostileStudy(m_dir);
    }

    void annotationView_showsStudyTextPlainWithVisibleControls()
    {
        MainWindow window;
        QStringList errors;
        window.setErrorReporter([&](const QString &message) { errors << message; });
        window.setPrompts({.annotatorName = [](const QStringList &, const QString &) {
            return std::optional<QString>(kPhysicianA);
        }});
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openStudy(m_path));
        window.annotateDialog();
        QVERIFY(window.annotating());
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        AnnotationPage *page = window.annotationPage();
        const QList<ResponsePane *> panes = page->findChildren<ResponsePane *>();
        QCOMPARE(panes.size(), 2);

        // The five tooltips that rendered rich text: the case id in the list, the axis question, each anchor.
        auto *list = page->findChild<QTableView *>();
        QVERIFY(list);
        // The comparison of the hostile case (the order of comparisons is randomised per physician).
        int hostileRow = -1;
        for (int row = 0; row < page->session()->count(); ++row) {
            if (page->session()->entry(row).caseExternalId == hostile(QStringLiteral("case")))
                hostileRow = row;
        }
        QVERIFY(hostileRow >= 0);
        QVERIFY(page->session()->goTo(hostileRow).ok());
        const QModelIndex caseCell = list->model()->index(hostileRow, ComparisonListModel::CaseColumn);
        const QString caseId = caseCell.data(Qt::DisplayRole).toString();
        QCOMPARE(caseId, visibleControls(hostile(QStringLiteral("case"))));
        QCOMPARE(caseCell.data(Qt::ToolTipRole).toString(), plainToolTip(hostile(QStringLiteral("case"))));
        QCOMPARE(asShownFromHtml(caseCell.data(Qt::ToolTipRole).toString()),
                 visibleControls(hostile(QStringLiteral("case"))));
        AxisRow *risk = nullptr;
        for (AxisRow *row : panes[0]->axisRows()) {
            if (row->axis().key == QLatin1String("risk"))
                risk = row;
        }
        QVERIFY(risk);
        bool questionTip = false;
        for (QLabel *label : risk->findChildren<QLabel *>()) {
            QCOMPARE(label->textFormat(), Qt::PlainText);
            if (!label->toolTip().isEmpty()) {
                QCOMPARE(label->toolTip(), plainToolTip(hostile(QStringLiteral("Question"))));
                QCOMPARE(asShownFromHtml(label->toolTip()), visibleControls(hostile(QStringLiteral("Question"))));
                questionTip = true;
            }
        }
        QVERIFY(questionTip);
        int anchorTips = 0;
        for (QToolButton *button : risk->findChildren<QToolButton *>()) {
            if (button->toolTip() == plainToolTip(hostile(QStringLiteral("Anchor"))))
                ++anchorTips;
        }
        QCOMPARE(anchorTips, 4); // risk's four scale points

        // The response: shown with visible controls, so "105 mg" cannot read "150 mg".
        QPlainTextEdit *text = panes[0]->textView();
        QCOMPARE(text->toPlainText(), visibleControls(hostile(QStringLiteral("Give"))));
        QVERIFY(text->toPlainText().endsWith(QStringLiteral("1⟨RLO⟩05⟨PDF⟩ mg")));

        // An error span marked on the shown "05" is stored at the stored text's offsets.
        const QString stored = hostile(QStringLiteral("Give"));
        const qsizetype storedStart = stored.indexOf(QStringLiteral("05"));
        QTextCursor cursor(text->document());
        cursor.setPosition(int(visiblePosition(stored, storedStart)));
        cursor.setPosition(int(visiblePosition(stored, storedStart + 2)), QTextCursor::KeepAnchor);
        QCOMPARE(cursor.selectedText(), QStringLiteral("05"));
        text->setTextCursor(cursor);
        QVERIFY(panes[0]->markSelection());
        {
            auto study = Study::open(m_path, Study::Access::ReadOnly);
            auto q = study.value()->exec(QStringLiteral("SELECT start_offset, end_offset FROM error_span"));
            QVERIFY(q.ok() && q->next());
            QCOMPARE(q->value(0).toLongLong(), storedStart);
            QCOMPARE(q->value(1).toLongLong(), storedStart + 2);
        }
        // The span's quotation in the list is plain too.
        QVERIFY(panes[0]->spanList()->item(0)->text().contains(QStringLiteral("05")));

        // A comment with a control is shown with its marker; leaving the field unchanged stores nothing new.
        QLineEdit *comment = panes[0]->commentEdit();
        comment->setText(hostile(QStringLiteral("Note")));
        QVERIFY(panes[0]->commitComment());
        panes[0]->refreshComment();
        QCOMPARE(comment->text(), visibleControls(hostile(QStringLiteral("Note"))));
        QVERIFY(panes[0]->commitComment());
        {
            auto study = Study::open(m_path, Study::Access::ReadOnly);
            auto q = study.value()->exec(QStringLiteral("SELECT text FROM annotation_note ORDER BY id"));
            QStringList notes;
            while (q->next())
                notes << q->value(0).toString();
            QCOMPARE(notes, QStringList{hostile(QStringLiteral("Note"))});
        }

        // For a look at how the markers read: CONCORD_SCREENSHOT_DIR=/tmp ctest -R tst_untrustedtext
        if (const QString folder = qEnvironmentVariable("CONCORD_SCREENSHOT_DIR"); !folder.isEmpty()) {
            QApplication::processEvents();
            QVERIFY(window.grab().save(folder + QStringLiteral("/untrusted-annotation.png")));
            QVERIFY(panes[0]->grab().save(folder + QStringLiteral("/untrusted-response.png")));
            QLabel tip; // as QToolTip shows it: a label that guesses the format
            tip.setWordWrap(true);
            tip.setText(risk->findChildren<QToolButton *>().value(0)->toolTip());
            tip.adjustSize();
            QVERIFY(tip.grab().save(folder + QStringLiteral("/untrusted-tooltip.png")));
        }
        verifyShownSafely(&window, {hostile(QStringLiteral("case")), hostile(QStringLiteral("Input")),
                                    hostile(QStringLiteral("Give")), hostile(QStringLiteral("Risk")),
                                    hostile(QStringLiteral("Question")), hostile(QStringLiteral("task"))});
        QCOMPARE(window.windowTitle().contains(QStringLiteral("⟨RLO⟩")), true);
    }

    void overview_showsStudyTextPlainWithVisibleControls()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openStudy(m_path));
        QVERIFY(window.showStudyLeadMode()); // the first test annotated this study on this "computer"
        StudyOverviewPage *overview = window.overviewPage();
        // Select the first response to show its detail.
        auto *table = overview->findChild<QTableView *>(QStringLiteral("caseTable"));
        if (!table) {
            for (QTableView *view : overview->findChildren<QTableView *>()) {
                if (view->model()->rowCount() == 4)
                    table = view;
            }
        }
        QVERIFY(table);
        table->setCurrentIndex(table->model()->index(0, 0));
        QApplication::processEvents();
        verifyShownSafely(&window, {hostile(QStringLiteral("Title")), hostile(QStringLiteral("case")),
                                    hostile(QStringLiteral("System 0")), hostile(QStringLiteral("Give")),
                                    hostile(QStringLiteral("Risk"))});
    }

    void adjudication_showsStudyTextPlainWithVisibleControls()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openStudy(m_path));
        QVERIFY(window.showStudyLeadMode());
        window.showAdjudication();
        AdjudicationPage *page = window.adjudicationPage();
        page->filterBox()->setCurrentIndex(page->filterBox()->findText(QStringLiteral("All")));
        page->showNamesBox()->setChecked(true);
        QApplication::processEvents();
        AdjudicationQueueModel *model = page->model();
        QVERIFY(model->rowCount() >= 4);
        // The tooltips of the queue: the physicians' ratings with their comments, and the decision with its reason.
        bool decisionSeen = false;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString ratings =
                model->index(row, AdjudicationQueueModel::RatingsColumn).data(Qt::ToolTipRole).toString();
            QVERIFY(ratings.startsWith(QStringLiteral("<p")));
            QVERIFY(asShownFromHtml(ratings).contains(visibleControls(hostile(QStringLiteral("Comment")))));
            QVERIFY(asShownFromHtml(ratings).contains(visibleControls(kPhysicianA)));
            const QString decision =
                model->index(row, AdjudicationQueueModel::DecisionColumn).data(Qt::ToolTipRole).toString();
            if (decision.contains(QStringLiteral("Reason"))) {
                QVERIFY(asShownFromHtml(decision).contains(visibleControls(hostile(QStringLiteral("Reason")))));
                decisionSeen = true;
            }
        }
        QVERIFY(decisionSeen);
        verifyShownSafely(&window, {hostile(QStringLiteral("case")), hostile(QStringLiteral("Input")),
                                    hostile(QStringLiteral("Give")), hostile(QStringLiteral("Comment")), kPhysicianA,
                                    hostile(QStringLiteral("Risk"))});
        // Each item, with its decision and the judge, shown in the detail.
        for (int row = 0; row < model->rowCount(); ++row) {
            page->queueView()->setCurrentIndex(model->index(row, 0));
            QApplication::processEvents();
            QStringList problems = problemsIn(page);
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        }
    }

    void dashboard_showsStudyTextPlainWithVisibleControls()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openStudy(m_path));
        QVERIFY(window.showStudyLeadMode());
        window.showDashboard();
        QTRY_VERIFY_WITH_TIMEOUT(!window.dashboardPage()->computing() && !window.dashboardPage()->result().isEmpty(),
                                 60000);
        QApplication::processEvents();
        verifyShownSafely(&window, {hostile(QStringLiteral("Judge"))});
    }

    void studyLeadDialogs_showNamesPlainWithVisibleControls()
    {
        auto study = Study::open(m_path);
        QVERIFY(study.ok());
        RosterDialog roster(*study.value());
        roster.setProperty("quiet", true);
        // A physician with no assignments yet, whom the assignment dialog offers.
        const QString newcomer = hostile(QStringLiteral("Dr C"));
        QVERIFY(roster.addPhysician(newcomer));
        verifyShownSafely(&roster, {kPhysicianA, newcomer});
        AssignDialog assign(*study.value());
        assign.setOverlap(1);
        // The design is made for the names as stored, though the list shows them with markers.
        QVERIFY(assign.updatePreview());
        verifyShownSafely(&assign, {newcomer});
    }

    void reportProgress_namesTheFileAsPlainText()
    {
        QTemporaryDir dir;
        // Markup without a "/", which a file name cannot hold.
        const QString out = dir.filePath(QStringLiteral("<b>bold<b> 1\u202E05.html"));
        ReportExportJob job(m_path, out, AgreementSettings{.bootstrap = 0}, nullptr);
        QStringList seen;
        const QStringList problems = problemsIn(job.dialog(), &seen);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(seen.join(QLatin1Char('\n')).contains(QStringLiteral("<b>bold<b> 1⟨RLO⟩05.html")));
    }

    void svgCharts_escapeTextAndShowControls()
    {
        const QString svg =
            svg::forestPlot(hostile(QStringLiteral("Chart")), {{hostile(QStringLiteral("Row")), 0.5, 0.2, 0.8}});
        QVERIFY(!hasBidiControl(svg));
        QVERIFY(!svg.contains(QStringLiteral("<b>")));
        QVERIFY(!svg.contains(QStringLiteral("<img")));
        QVERIFY(svg.contains(visibleControls(hostile(QStringLiteral("Row"))).toHtmlEscaped()));
    }

    void report_escapesIsolatesAndShowsControls()
    {
        auto study = Study::open(m_path, Study::Access::ReadOnly);
        QVERIFY(study.ok());
        auto report = buildReportData(*study.value(), AgreementSettings{.bootstrap = 20});
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        for (const ChartEmbedding embedding : {ChartEmbedding::InlineSvg, ChartEmbedding::ImageUrls}) {
            QStringList charts;
            const QString html = reportHtml(report.value(), embedding, &charts);
            QVERIFY2(!hasBidiControl(html), "a raw bidirectional control reached the report");
            QVERIFY(!html.contains(QStringLiteral("<b>bold")));
            QVERIFY(!html.contains(QStringLiteral("<img src=\"/etc")));
            // Each untrusted value is isolated from the text around it, with its controls visible.
            for (const QString &value : {hostile(QStringLiteral("Title")), kPhysicianA,
                                         hostile(QStringLiteral("System 0")), hostile(QStringLiteral("Judge"))}) {
                const QString isolated = QStringLiteral("<bdi>%1</bdi>").arg(visibleControls(value).toHtmlEscaped());
                QVERIFY2(html.contains(isolated), qPrintable(value));
            }
            for (const QString &chart : std::as_const(charts))
                QVERIFY(!hasBidiControl(chart));
            // As Qt's text engine lays it out for the PDF: the text as stored, markers and tags visible.
            const QString shown = asShownFromHtml(html);
            QVERIFY(shown.contains(visibleControls(kPhysicianA)));
            // <bdi> is inline for Qt's engine too: the value stays on its line.
            QVERIFY(shown.contains(QStringLiteral("Agreement report: ") +
                                   visibleControls(hostile(QStringLiteral("Title")))));
            QVERIFY(!hasBidiControl(shown));
        }
    }
};

QTEST_MAIN(TestUntrustedText)
#include "tst_untrustedtext.moc"
