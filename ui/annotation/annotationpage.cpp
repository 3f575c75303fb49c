#include "ui/annotation/annotationpage.h"

#include "model/domain/displaytext.h"
#include "model/itemmodels/comparisonlistmodel.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/responsepane.h"
#include "ui/annotation/shortcuthelp.h"
#include "ui/annotation/trainingnotice.h"
#include "ui/settings.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace concord {

namespace {

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    return label;
}

// What to save from a comment field that shows the stored comment with its controls visible: unchanged, the
// stored comment itself (so the markers never replace the controls behind the user's back).
QString commentToSave(const QString &shown, const QString &stored)
{
    const QString text = shown.trimmed();
    return text == visibleControls(stored) ? stored : text;
}

QString formatDuration(double seconds)
{
    const int minutes = int(std::lround(seconds / 60.0));
    if (minutes < 1)
        return QStringLiteral("under a minute");
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    return QStringLiteral("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

// Status filter of the comparison list: the text shown and the value of ProgressRole it keeps ("" = all).
struct FilterChoice
{
    QString label;
    QString progress;
    bool flaggedOnly = false;
};

const QVector<FilterChoice> &filterChoices()
{
    static const QVector<FilterChoice> choices{
        {QStringLiteral("All comparisons"), {}, false},
        {QStringLiteral("Not started"), toString(ComparisonProgress::NotStarted), false},
        {QStringLiteral("Partial"), toString(ComparisonProgress::Partial), false},
        {QStringLiteral("Done"), toString(ComparisonProgress::Done), false},
        {QStringLiteral("Flagged"), {}, true},
    };
    return choices;
}

// Keeps the rows of one progress, or the flagged ones.
class ComparisonFilter final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setChoice(const FilterChoice &choice)
    {
        m_choice = choice;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        if (m_choice.flaggedOnly)
            return index.data(ComparisonListModel::FlaggedRole).toBool();
        return m_choice.progress.isEmpty() ||
               index.data(ComparisonListModel::ProgressRole).toString() == m_choice.progress;
    }

private:
    FilterChoice m_choice;
};

} // namespace

AnnotationPage::AnnotationPage(QWidget *parent)
    : QWidget(parent)
{
    m_showHelp = [this] {
        ShortcutHelpDialog dialog(this);
        dialog.exec();
    };
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(true);
    outer->addWidget(splitter);

    // The annotator's queue.
    auto *sidebar = new QWidget(splitter);
    auto *sideLayout = new QVBoxLayout(sidebar);
    sideLayout->setContentsMargins(0, 0, 4, 0);
    m_filter = new QComboBox(sidebar);
    m_filter->setAccessibleName(QStringLiteral("Show comparisons"));
    for (const FilterChoice &choice : filterChoices())
        m_filter->addItem(choice.label);
    sideLayout->addWidget(m_filter);
    m_listModel = new ComparisonListModel(this);
    m_filtered = new ComparisonFilter(this);
    m_filtered->setSourceModel(m_listModel);
    m_list = new QTableView(sidebar);
    m_list->setModel(m_filtered);
    m_list->setAccessibleName(QStringLiteral("Your comparisons"));
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->horizontalHeader()->setAccessibleName(QStringLiteral("Columns of your comparisons"));
    m_list->verticalHeader()->setAccessibleName(QStringLiteral("Rows of your comparisons"));
    m_list->verticalHeader()->hide();
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().height() + 6);
    m_list->horizontalHeader()->setStretchLastSection(true);
    // Sized once per session (setSession), not on every change: re-measuring 50,000 rows on each rating is slow.
    m_list->setColumnHidden(ComparisonListModel::TaskColumn, true);
    m_list->setWordWrap(false);
    sideLayout->addWidget(m_list, 1);
    m_progress = new QProgressBar(sidebar);
    m_progress->setAccessibleName(QStringLiteral("Progress"));
    sideLayout->addWidget(m_progress);
    m_progressLabel = plainLabel({}, sidebar);
    m_progressLabel->setWordWrap(true);
    sideLayout->addWidget(m_progressLabel);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &AnnotationPage::applyFilter);
    // Enter or a click on a row opens that comparison.
    connect(m_list, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (m_session)
            static_cast<void>(m_session->goTo(m_filtered->mapToSource(index).row()));
    });
    connect(m_list, &QTableView::clicked, this, [this](const QModelIndex &index) {
        if (m_session)
            static_cast<void>(m_session->goTo(m_filtered->mapToSource(index).row()));
    });

    // The comparison.
    auto *main = new QWidget(splitter);
    auto *mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(4, 0, 0, 0);
    auto *vertical = new QSplitter(Qt::Vertical, main);
    vertical->setChildrenCollapsible(false);
    auto *caseBox = new QWidget(vertical);
    auto *caseLayout = new QVBoxLayout(caseBox);
    caseLayout->setContentsMargins(0, 0, 0, 0);
    m_caseHeader = plainLabel({}, caseBox);
    QFont headerFont = m_caseHeader->font();
    headerFont.setBold(true);
    m_caseHeader->setFont(headerFont);
    caseLayout->addWidget(m_caseHeader);
    m_training = new TrainingNotice(caseBox);
    caseLayout->addWidget(m_training);
    m_case = new QPlainTextEdit(caseBox);
    m_case->setReadOnly(true);
    m_case->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_case->setTabChangesFocus(true);
    m_case->setAccessibleName(QStringLiteral("Case"));
    m_case->setMinimumHeight(60);
    caseLayout->addWidget(m_case);

    m_responseHost = new QWidget(vertical);
    m_responseLayout = new QVBoxLayout(m_responseHost);
    m_responseLayout->setContentsMargins(0, 0, 0, 0);
    vertical->addWidget(caseBox);
    vertical->addWidget(m_responseHost);
    vertical->setStretchFactor(0, 0);
    vertical->setStretchFactor(1, 1);
    vertical->setSizes({120, 10000}); // the case is usually short; the responses and their rubric need the room
    mainLayout->addWidget(vertical, 1);

    m_comparisonBox = new QWidget(main);
    auto *comparisonLayout = new QVBoxLayout(m_comparisonBox);
    comparisonLayout->setContentsMargins(0, 0, 0, 0);
    comparisonLayout->setSpacing(2);
    mainLayout->addWidget(m_comparisonBox);
    auto *notes = new QHBoxLayout;
    m_comparisonComment = new QLineEdit(main);
    m_comparisonComment->setPlaceholderText(
        QStringLiteral("Comment on this comparison (saved when you leave the field)"));
    m_comparisonComment->setAccessibleName(QStringLiteral("Comment on the comparison"));
    m_comparisonComment->setClearButtonEnabled(true);
    connect(m_comparisonComment, &QLineEdit::editingFinished, this, [this] {
        if (m_session)
            static_cast<void>(
                m_session->setComment(0, commentToSave(m_comparisonComment->text(), m_session->comment(0))));
    });
    m_flag = new QCheckBox(QStringLiteral("Flag for the study lead (F)"), main);
    m_flag->setAccessibleName(QStringLiteral("Flag for the study lead"));
    m_flag->setToolTip(QStringLiteral("The comment on the comparison is sent with the flag as its reason"));
    connect(m_flag, &QCheckBox::clicked, this, [this](bool raised) {
        if (!m_session)
            return;
        const QString comment = commentToSave(m_comparisonComment->text(), m_session->comment(0));
        static_cast<void>(m_session->setComment(0, comment));
        if (!m_session->setFlagged(raised, comment).ok())
            m_flag->setChecked(m_session->flagged());
    });
    notes->addWidget(m_comparisonComment, 1);
    notes->addWidget(m_flag);
    mainLayout->addLayout(notes);

    auto *status = new QHBoxLayout;
    m_message = plainLabel({}, main);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(QStringLiteral("Message"));
    m_saved = plainLabel({}, main);
    m_saved->setAccessibleName(QStringLiteral("Save status"));
    m_fileState = new StudyFileState(main);
    status->addWidget(m_message, 1);
    status->addWidget(m_saved);
    status->addWidget(m_fileState);
    mainLayout->addLayout(status);

    splitter->addWidget(sidebar);
    splitter->addWidget(main);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({270, 1000});

    m_textPointSize = Settings::value(Settings::AnnotationTextPointSize).toInt();
    createActions();
    qApp->installEventFilter(this);
}

AnnotationPage::~AnnotationPage()
{
    qApp->removeEventFilter(this);
}

void AnnotationPage::setSession(AnnotationSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    clearPanes(); // the panes were built for the previous session's rubric
    m_session = session;
    m_listModel->setSession(session);
    m_list->resizeColumnToContents(ComparisonListModel::PositionColumn);
    m_list->resizeColumnToContents(ComparisonListModel::CaseColumn);
    m_saved->clear();
    m_message->clear();
    m_fileState->setSession(session);
    if (!session) {
        rebuildPanes(0);
        m_case->clear();
        m_caseHeader->clear();
        m_undo->setEnabled(false);
        m_redo->setEnabled(false);
        return;
    }
    session->clock().setIdleTimeout(Settings::value(Settings::IdleTimeoutSeconds).toDouble());
    connect(session, &AnnotationSession::currentChanged, this, &AnnotationPage::showCurrent);
    connect(session, &AnnotationSession::ratingChanged, this, &AnnotationPage::onRatingChanged);
    connect(session, &AnnotationSession::entryChanged, this, [this] {
        updateProgress();
        m_training->showFor(m_session);
    });
    connect(session, &AnnotationSession::spansChanged, this, [this](qint64 responseId) {
        for (ResponsePane *pane : std::as_const(m_panes)) {
            if (pane->responseId() == responseId)
                pane->refreshSpans();
        }
    });
    connect(session, &AnnotationSession::notesChanged, this, [this] {
        for (ResponsePane *pane : std::as_const(m_panes))
            pane->refreshComment();
        m_flag->setChecked(m_session->flagged());
    });
    connect(session, &AnnotationSession::saved, this, &AnnotationPage::showSaved);
    connect(session, &AnnotationSession::saveFailed, this, &AnnotationPage::showSaveFailed);
    connect(session->undoStack(), &QUndoStack::canUndoChanged, m_undo, &QAction::setEnabled);
    connect(session->undoStack(), &QUndoStack::canRedoChanged, m_redo, &QAction::setEnabled);
    m_undo->setEnabled(session->undoStack()->canUndo());
    m_redo->setEnabled(session->undoStack()->canRedo());
    showCurrent();
}

void AnnotationPage::clearPanes()
{
    qDeleteAll(m_panes);
    m_panes.clear();
    delete m_sideBySide;
    m_sideBySide = nullptr;
    delete m_tabs;
    m_tabs = nullptr;
    qDeleteAll(m_preferences);
    m_preferences.clear();
}

void AnnotationPage::rebuildPanes(int responseCount)
{
    if (responseCount == m_panes.size() && m_session)
        return;
    clearPanes();
    if (!m_session || responseCount == 0)
        return;
    // Up to three side by side; beyond that, tabs.
    if (responseCount <= 3) {
        m_sideBySide = new QSplitter(Qt::Horizontal, m_responseHost);
        m_sideBySide->setChildrenCollapsible(false);
        m_responseLayout->addWidget(m_sideBySide);
    } else {
        m_tabs = new QTabWidget(m_responseHost);
        m_responseLayout->addWidget(m_tabs);
    }
    for (int i = 0; i < responseCount; ++i) {
        auto *pane = new ResponsePane(*m_session, i);
        if (m_sideBySide)
            m_sideBySide->addWidget(pane);
        else
            m_tabs->addTab(pane, QStringLiteral("Response %1").arg(responseLetter(i)));
        connect(pane, &ResponsePane::ratingRequested, this, &AnnotationPage::onRatingRequested);
        connect(pane, &ResponsePane::focusMoveRequested, this,
                [this](AxisRow *from, int step) { moveFocus(from, step); });
        connect(pane, &ResponsePane::hint, m_message, &QLabel::setText);
        if (m_textPointSize > 0)
            pane->setTextPointSize(m_textPointSize);
        m_panes.push_back(pane);
    }
    if (responseCount >= 2) {
        for (const Axis &axis : m_session->rubric().axes) {
            if (axis.target != AxisTarget::Comparison)
                continue;
            auto *row = new PreferenceRow(axis, m_comparisonBox);
            connect(row, &RatingRow::ratingRequested, this, &AnnotationPage::onRatingRequested);
            connect(row, &RatingRow::focusMoveRequested, this, [this, row](int step) { moveFocus(row, step); });
            m_comparisonBox->layout()->addWidget(row);
            m_preferences.push_back(row);
        }
    }
}

QVector<RatingRow *> AnnotationPage::ratingRows() const
{
    QVector<RatingRow *> rows;
    for (ResponsePane *pane : m_panes) {
        for (AxisRow *row : pane->axisRows())
            rows.push_back(row);
    }
    for (PreferenceRow *row : m_preferences)
        rows.push_back(row);
    return rows;
}

void AnnotationPage::updateTabOrder()
{
    // Case, then each response (text, axes, comment, error marking), then the comparison's rows, comment, flag.
    QVector<QWidget *> chain{m_case};
    for (ResponsePane *pane : std::as_const(m_panes)) {
        chain.push_back(pane->textView());
        for (AxisRow *row : pane->axisRows())
            chain.push_back(row);
        chain << pane->commentEdit() << pane->categoryBox() << pane->severityBox();
    }
    for (PreferenceRow *row : std::as_const(m_preferences))
        chain.push_back(row);
    chain << m_comparisonComment << m_flag;
    for (int i = 0; i + 1 < chain.size(); ++i)
        QWidget::setTabOrder(chain[i], chain[i + 1]);
}

void AnnotationPage::showCurrent()
{
    if (!m_session || m_session->currentRow() < 0) {
        rebuildPanes(0);
        m_caseHeader->setText(QStringLiteral("No comparisons are assigned to you in this study."));
        m_training->hide();
        m_case->clear();
        updateProgress();
        return;
    }
    const ComparisonContent &content = m_session->current();
    rebuildPanes(int(content.responses.size()));
    updateHeader();
    m_training->showFor(m_session);
    QString caseText = content.caseRecord.input;
    if (!content.caseRecord.reference.isEmpty())
        caseText += QStringLiteral("\n\nReference answer:\n") + content.caseRecord.reference;
    m_case->setPlainText(visibleControls(caseText)); // plain text, never markup; controls shown
    if (m_textPointSize > 0) {
        QFont font = m_case->font();
        font.setPointSize(m_textPointSize);
        m_case->setFont(font);
    }
    for (int i = 0; i < m_panes.size(); ++i)
        m_panes[i]->showResponse(content.responses[i]);
    QVector<qint64> ids;
    for (const ResponseRecord &response : content.responses)
        ids.push_back(response.id);
    for (PreferenceRow *row : std::as_const(m_preferences)) {
        row->setKey(m_session->keyOnScreen(0, row->axis().id));
        row->setResponses(ids);
        row->showState(m_session->rating(row->key()));
    }
    m_comparisonComment->setText(visibleControls(m_session->comment(0)));
    m_flag->setChecked(m_session->flagged());
    m_message->clear();
    updateTabOrder();
    updateProgress();
    // Keep the list's selection on the comparison shown.
    const QModelIndex shown = m_filtered->mapFromSource(m_listModel->index(m_session->currentRow(), 0));
    if (shown.isValid()) {
        m_list->selectionModel()->setCurrentIndex(shown,
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_list->scrollTo(shown);
    }
    focusFirstMissing();
}

void AnnotationPage::updateHeader()
{
    const QueueEntry &entry = m_session->entry(m_session->currentRow());
    QString header = QStringLiteral("Comparison %1 of %2 · case %3")
                         .arg(m_session->currentRow() + 1)
                         .arg(m_session->count())
                         .arg(entry.caseExternalId);
    if (!entry.task.isEmpty())
        header += QStringLiteral(" · %1").arg(entry.task);
    m_caseHeader->setText(visibleControls(header));
}

void AnnotationPage::updateProgress()
{
    if (!m_session) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_progressLabel->clear();
        return;
    }
    const int done = m_session->doneCount();
    m_progress->setRange(0, std::max(1, m_session->count()));
    m_progress->setValue(done);
    QString text = QStringLiteral("%1 of %2 done").arg(done).arg(m_session->count());
    if (const auto left = m_session->estimatedSecondsLeft(); left && done < m_session->count())
        text += QStringLiteral(" · about %1 left at your pace").arg(formatDuration(*left));
    m_progressLabel->setText(text);
}

void AnnotationPage::onRatingRequested(const RatingKey &key, const RatingState &state)
{
    if (!m_session)
        return;
    // A failure has reached the user through saveFailed(); the row keeps showing what is saved. The focus stays
    // on the row (digits set the focused axis; Down, Up and Tab move), so L can follow a harm value.
    static_cast<void>(m_session->setRating(key, state));
}

void AnnotationPage::onRatingChanged(const RatingKey &key)
{
    for (RatingRow *row : ratingRows()) {
        if (row->key() == key)
            row->showState(m_session->rating(key));
    }
    m_message->clear();
}

bool AnnotationPage::commitComments()
{
    if (!m_session)
        return false;
    bool ok = true;
    for (ResponsePane *pane : std::as_const(m_panes))
        ok = pane->commitComment() && ok;
    ok = m_session->setComment(0, commentToSave(m_comparisonComment->text(), m_session->comment(0))).ok() && ok;
    return ok;
}

void AnnotationPage::applyPreferences()
{
    m_textPointSize = Settings::value(Settings::AnnotationTextPointSize).toInt();
    applyTextPointSize();
    if (m_session)
        m_session->clock().setIdleTimeout(Settings::value(Settings::IdleTimeoutSeconds).toDouble());
}

void AnnotationPage::applyTextPointSize()
{
    const int points = m_textPointSize > 0 ? m_textPointSize : QApplication::font().pointSize();
    QFont font = m_case->font();
    font.setPointSize(points);
    m_case->setFont(font);
    for (ResponsePane *pane : std::as_const(m_panes))
        pane->setTextPointSize(points);
}

void AnnotationPage::showSaved(const QString &what)
{
    m_saved->setText(
        QStringLiteral("✓ %1 saved %2").arg(what, QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    QPalette palette = m_saved->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::Active, QPalette::Text));
    m_saved->setPalette(palette);
}

void AnnotationPage::showSaveFailed(const QString &message)
{
    m_saved->setText(QStringLiteral("✗ Not saved"));
    QPalette palette = m_saved->palette();
    palette.setColor(QPalette::WindowText, QColor(200, 30, 30));
    m_saved->setPalette(palette);
    m_message->setText(visibleControls(QStringLiteral("Not saved: %1").arg(message)));
    emit errorOccurred(message);
    // The screen goes back to what the study file holds.
    for (RatingRow *row : ratingRows())
        row->showState(m_session->rating(row->key()));
}

void AnnotationPage::applyFilter(int index)
{
    static_cast<ComparisonFilter *>(m_filtered)->setChoice(filterChoices().value(index));
}

} // namespace concord
