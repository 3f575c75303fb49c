#include "ui/tour/tours.h"

#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/responsepane.h"
#include "ui/charts/chartview.h"
#include "ui/dashboard/dashboardpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QTableView>
#include <QTableWidget>

namespace concord {

namespace {

template <typename Widget> QList<QWidget *> widgets(const QVector<Widget *> &list)
{
    QList<QWidget *> result;
    for (Widget *widget : list)
        result << widget;
    return result;
}

} // namespace

QVector<TourStep> annotationTour(const AnnotationPage &page)
{
    const AnnotationPage *view = &page;
    const auto firstPane = [view]() -> ResponsePane * { return view->panes().value(0); };
    return {
        {QObject::tr("The case"),
         QObject::tr("What the patient or clinician asked, with the context the responses had. Read it first."),
         [view] { return QList<QWidget *>{view->caseView()}; }},
        {QObject::tr("Two responses, blinded"),
         QObject::tr("The responses to that case side by side, named A and B only. Which system wrote which is "
                     "hidden, and the sides are shuffled from comparison to comparison, so that neither position "
                     "nor name sways you."),
         [view] { return widgets(view->panes()); }},
        {QObject::tr("Rating each axis"),
         QObject::tr("Every response is rated on the rubric's axes: harm by commission, harm by omission, overall "
                     "risk and the reasoning. A rating is saved the moment you set it — there is no Save button. "
                     "Point at a scale value to read its definition under the axis."),
         [firstPane] {
             QList<QWidget *> rows;
             if (ResponsePane *pane = firstPane())
                 rows = widgets(pane->axisRows());
             return rows;
         },
         annotationShortcuts({QStringLiteral("Down / Up"), QStringLiteral("0 – 9"), QStringLiteral("U"),
                              QStringLiteral("N"), QStringLiteral("L"), QStringLiteral("Backspace / Delete")})},
        {QObject::tr("Marking an error in the text"),
         QObject::tr("Select the words that are wrong, choose the kind of error and its severity below the text, "
                     "and mark them. Marked errors are listed under the response."),
         [firstPane] {
             QList<QWidget *> text;
             if (ResponsePane *pane = firstPane())
                 text << pane->textView();
             return text;
         },
         annotationShortcuts(
             {QStringLiteral("Shift+arrows in a response, then Ctrl+M"), QStringLiteral("Delete in the error list")})},
        {QObject::tr("Which response is better"),
         QObject::tr("After rating both, say which you would rather give the patient, or that they are as good."),
         [view] { return widgets(view->preferenceRows()); }, annotationShortcuts({QStringLiteral("Left / Right / =")})},
        {QObject::tr("Comments and flags"),
         QObject::tr("A comment on the comparison is saved as you type. Flag a comparison when something needs the "
                     "study lead: a broken case, a response you cannot judge."),
         [view] {
             return QList<QWidget *>{view->comparisonComment(), view->flagBox()};
         },
         annotationShortcuts({QStringLiteral("F")})},
        {QObject::tr("Your comparisons"),
         QObject::tr("Every comparison assigned to you, with its status. Show only the unfinished ones with the "
                     "filter above the list; Done takes you to the next one still missing a rating."),
         [view] {
             return QList<QWidget *>{view->statusFilter(), view->comparisonList()};
         },
         annotationShortcuts(
             {QStringLiteral("Ctrl+Enter"), QStringLiteral("Page Down / Page Up"), QStringLiteral("Ctrl+L")})},
        {QObject::tr("Progress, undo and help"),
         QObject::tr("How far you are, and confirmation that the last change is saved. Undo and redo are saved "
                     "too, so nothing you rated is ever lost. All the keys are one key away."),
         [view] {
             return QList<QWidget *>{view->progressBar(), view->progressLabel(), view->savedIndicator()};
         },
         annotationShortcuts({QStringLiteral("Ctrl+Z / Ctrl+Shift+Z"), QStringLiteral("Ctrl+Plus / Ctrl+Minus"),
                              QStringLiteral("F1 or ?")})},
    };
}

QVector<TourStep> dashboardTour(const DashboardPage &page)
{
    const DashboardPage *view = &page;
    return {
        {QObject::tr("What the figures are about"),
         QObject::tr("Choose the axis, and narrow the figures to one task or one system; choose which judge run is "
                     "compared with the physicians. The figures follow at once."),
         [view] {
             return QList<QWidget *>{view->axisBox(), view->taskBox(), view->systemBox(), view->judgeBox()};
         }},
        {QObject::tr("Live, while physicians rate"),
         QObject::tr("The dashboard watches the study file and recomputes when new ratings arrive, also those "
                     "saved from another window or merged from a package. Here it says when it last did."),
         [view] { return QList<QWidget *>{view->statusLabel()}; }},
        {QObject::tr("Agreement among physicians"),
         QObject::tr("Krippendorff's alpha, Fleiss' kappa, Gwet's AC1/AC2 (robust when most responses get the same "
                     "grade) and the ICC, each with its 95% interval and the number of rated responses it rests on."),
         [view] { return QList<QWidget *>{view->physicianTable()}; }},
        {QObject::tr("The judge against the physicians"),
         QObject::tr("How an LLM judge agrees with the physicians' consensus: kappa, rank correlation, exact and "
                     "within-one agreement, bias, and how well it finds unsafe responses (sensitivity, "
                     "specificity) and how well its confidence is calibrated (ECE, Brier score)."),
         [view] { return QList<QWidget *>{view->judgeTable()}; }},
        {QObject::tr("Critical misses"),
         QObject::tr("Responses the judge called safe that the physicians' consensus called unsafe — the errors "
                     "that matter most. Open one to see it below."),
         [view] { return QList<QWidget *>{view->criticalMissList()}; }},
        {QObject::tr("Charts"),
         QObject::tr("Every coefficient with its interval, the judge's confusion matrix against the consensus (click "
                     "a cell to list its responses), the reliability diagram, and more below. The exported report "
                     "(File → Export Report) has all of it, with the same figures."),
         [view] {
             return QList<QWidget *>{view->forestChart(), view->confusionChart()};
         }},
    };
}

} // namespace concord
