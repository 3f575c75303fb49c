#include "ui/annotation/responsepane.h"

#include "model/domain/displaytext.h"
#include "ui/annotation/ratingrow.h"
#include "ui/flowlayout.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace concord {

namespace {

const QStringList kGroupOrder{QStringLiteral("commission"), QStringLiteral("omission"), QStringLiteral("certainty"),
                              QStringLiteral("other")};

QString severityName(int severity)
{
    switch (severity) {
    case 1:
        return QStringLiteral("minor");
    case 2:
        return QStringLiteral("moderate");
    case 3:
        return QStringLiteral("major");
    default:
        return QString::number(severity);
    }
}

// A short, single-line quotation of the span's text for the list.
QString quote(const QString &text, int start, int end)
{
    QString excerpt = text.mid(start, end - start).simplified();
    if (excerpt.size() > 60)
        excerpt = excerpt.left(57) + QStringLiteral("…");
    return QStringLiteral("“%1”").arg(excerpt);
}

} // namespace

ResponsePane::ResponsePane(AnnotationSession &session, int position, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_position(position)
{
    const QString letter = responseLetter(position);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(QStringLiteral("Response %1").arg(letter), this);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    m_text = new QPlainTextEdit(splitter);
    m_text->setReadOnly(true);
    // Read-only but selectable from the keyboard, so error spans can be marked without the mouse.
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setTabChangesFocus(true);
    m_text->setAccessibleName(QStringLiteral("Response %1 text").arg(letter));
    m_text->setMinimumHeight(80);

    auto *scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus);
    auto *panel = new QWidget(scroll);
    auto *panelLayout = new QVBoxLayout(panel);
    panelLayout->setContentsMargins(0, 0, 0, 0);
    panelLayout->setSpacing(2);
    for (const Axis *axis : session.responseAxes()) {
        auto *row = new AxisRow(*axis, QStringLiteral("Response %1").arg(letter), panel);
        connect(row, &RatingRow::ratingRequested, this, &ResponsePane::ratingRequested);
        connect(row, &RatingRow::focusMoveRequested, this,
                [this, row](int step) { emit focusMoveRequested(row, step); });
        m_rows.push_back(row);
        panelLayout->addWidget(row);
    }

    m_comment = new QLineEdit(panel);
    m_comment->setPlaceholderText(
        QStringLiteral("Comment on response %1 (saved when you leave the field)").arg(letter));
    m_comment->setAccessibleName(QStringLiteral("Comment on response %1").arg(letter));
    m_comment->setClearButtonEnabled(true);
    connect(m_comment, &QLineEdit::editingFinished, this, [this] { commitComment(); });
    panelLayout->addWidget(m_comment);

    auto *spanBar = new FlowLayout;
    spanBar->setSpacing(3);
    m_category = new QComboBox(panel);
    m_category->setAccessibleName(QStringLiteral("Error category for response %1").arg(letter));
    auto *categories = qobject_cast<QStandardItemModel *>(m_category->model());
    for (const QString &group : kGroupOrder) {
        bool headerAdded = false;
        for (const ErrorCategory &category : session.rubric().errorCategories) {
            if (category.group != group)
                continue;
            if (!headerAdded) {
                // A disabled header names the group (commission, omission, certainty, other).
                m_category->addItem(group.left(1).toUpper() + group.mid(1));
                if (categories)
                    categories->item(m_category->count() - 1)->setEnabled(false);
                headerAdded = true;
            }
            m_category->addItem(QStringLiteral("    ") + visibleControls(category.label), category.key);
        }
    }
    for (int i = 0; i < m_category->count(); ++i) {
        if (!m_category->itemData(i).isNull()) {
            m_category->setCurrentIndex(i);
            break;
        }
    }
    m_severity = new QComboBox(panel);
    m_severity->setAccessibleName(QStringLiteral("Error severity for response %1").arg(letter));
    for (int severity = 1; severity <= 3; ++severity)
        m_severity->addItem(severityName(severity), severity);
    m_mark = new QToolButton(panel);
    m_mark->setText(QStringLiteral("Mark selection (Ctrl+M)"));
    m_mark->setAccessibleName(QStringLiteral("Mark the selected text of response %1 as an error").arg(letter));
    m_mark->setFocusPolicy(Qt::TabFocus);
    connect(m_mark, &QToolButton::clicked, this, [this] { markSelection(); });
    spanBar->addWidget(m_category);
    spanBar->addWidget(m_severity);
    spanBar->addWidget(m_mark);
    panelLayout->addLayout(spanBar);

    m_spans = new QListWidget(panel);
    m_spans->setAccessibleName(QStringLiteral("Error spans of response %1 (Delete removes)").arg(letter));
    m_spans->setMaximumHeight(90);
    m_spans->setVisible(false);
    auto *remove = new QShortcut(QKeySequence::Delete, m_spans, nullptr, nullptr, Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &ResponsePane::removeSelectedSpan);
    panelLayout->addWidget(m_spans);
    panelLayout->addStretch();
    scroll->setWidget(panel);

    // Ctrl+M marks the selection wherever the focus is in this pane.
    auto *mark =
        new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_M), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(mark, &QShortcut::activated, this, [this] { markSelection(); });

    splitter->addWidget(m_text);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);
}

void ResponsePane::showResponse(const ResponseRecord &response)
{
    m_responseId = response.id;
    // The system's name appears only once the study is unblinded (the session does not read it before).
    const QString letter = QStringLiteral("Response %1").arg(responseLetter(m_position));
    m_title->setText(
        response.system.isEmpty() ? letter : QStringLiteral("%1 · %2").arg(letter, visibleControls(response.system)));
    // Plain text: a response is data, never markup. Its controls are shown, so that a right-to-left override cannot
    // make "1\u202E05\u202C mg" read "150 mg"; error spans keep the stored text's offsets.
    m_storedText = response.text;
    m_text->setPlainText(visibleControls(response.text));
    for (AxisRow *row : m_rows)
        row->setKey(m_session.keyOnScreen(response.id, row->axis().id));
    refreshRatings();
    refreshComment();
    refreshSpans();
}

QString ResponsePane::title() const
{
    return m_title->text();
}

void ResponsePane::refreshRatings()
{
    for (AxisRow *row : m_rows)
        row->showState(m_session.rating(row->key()));
}

void ResponsePane::refreshComment()
{
    const QString shown = visibleControls(m_session.comment(m_responseId));
    if (m_comment->text() != shown)
        m_comment->setText(shown);
}

bool ResponsePane::commitComment()
{
    if (m_responseId == 0)
        return true;
    const QString text = m_comment->text().trimmed();
    if (text == visibleControls(m_session.comment(m_responseId)))
        return true; // unchanged: the field shows the stored comment with its controls visible
    return m_session.setComment(m_responseId, text).ok();
}

void ResponsePane::refreshSpans()
{
    const QVector<ErrorSpan> spans = m_session.spans(m_responseId);
    const QString text = m_text->toPlainText();
    QList<QTextEdit::ExtraSelection> highlights;
    QColor highlight = palette().color(QPalette::Highlight);
    m_spans->clear();
    for (const ErrorSpan &span : spans) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_text->document());
        const int start = int(visiblePosition(m_storedText, span.start));
        const int end = int(visiblePosition(m_storedText, span.end));
        selection.cursor.setPosition(start);
        selection.cursor.setPosition(end, QTextCursor::KeepAnchor);
        QColor fill = span.severity >= 3 ? QColor(220, 60, 60) : QColor(235, 170, 40);
        fill.setAlpha(span.severity >= 2 ? 110 : 70);
        selection.format.setBackground(fill);
        selection.format.setUnderlineStyle(QTextCharFormat::SingleUnderline);
        selection.format.setUnderlineColor(highlight);
        highlights << selection;

        QString label = span.category;
        for (const ErrorCategory &category : m_session.rubric().errorCategories) {
            if (category.key == span.category)
                label = category.label;
        }
        auto *item =
            new QListWidgetItem(QStringLiteral("%1 · %2 · %3")
                                    .arg(visibleControls(label), severityName(span.severity), quote(text, start, end)),
                                m_spans);
        item->setData(Qt::UserRole, span.id);
    }
    m_text->setExtraSelections(highlights);
    m_spans->setVisible(!spans.isEmpty());
}

bool ResponsePane::markSelection()
{
    const QTextCursor cursor = m_text->textCursor();
    if (!cursor.hasSelection()) {
        emit hint(QStringLiteral("Select the wrong or missing-context text in response %1 first (Shift+arrows).")
                      .arg(responseLetter(m_position)));
        return false;
    }
    const QString category = m_category->currentData().toString();
    if (category.isEmpty()) {
        emit hint(QStringLiteral("Choose an error category first."));
        return false;
    }
    // Stored against the response as stored, not as shown with its controls' markers.
    auto added = m_session.addSpan(m_responseId, int(storedPosition(m_storedText, cursor.selectionStart())),
                                   int(storedPosition(m_storedText, cursor.selectionEnd())), category,
                                   m_severity->currentData().toInt());
    return added.ok();
}

void ResponsePane::removeSelectedSpan()
{
    const QListWidgetItem *item = m_spans->currentItem();
    if (!item)
        return;
    static_cast<void>(m_session.removeSpan(m_responseId, item->data(Qt::UserRole).toLongLong()));
}

void ResponsePane::setTextPointSize(int points)
{
    QFont font = m_text->font();
    font.setPointSize(points);
    m_text->setFont(font);
}

} // namespace concord
