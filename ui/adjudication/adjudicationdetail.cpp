#include "ui/adjudication/adjudicationdetail.h"

#include "model/domain/displaytext.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace concord {

namespace {

// Marks the "withdraw" entry of the value box; scale points carry their value as a double.
const QString kWithdraw = QStringLiteral("withdraw");

QPlainTextEdit *readOnlyText(const QString &accessibleName, QWidget *parent)
{
    auto *text = new QPlainTextEdit(parent);
    text->setReadOnly(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    text->setTabChangesFocus(true);
    text->setAccessibleName(accessibleName);
    text->setMinimumHeight(48);
    return text;
}

QLabel *plainLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // texts from the study file are data, never markup
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// A titled text box in the splitter, the title its buddy's label.
QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *label = new QLabel(title, box);
    label->setBuddy(content);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

AdjudicationDetail::AdjudicationDetail(QWidget *parent)
    : QWidget(parent)
{
    m_heading = plainLabel(this);
    m_heading->setObjectName(QStringLiteral("adjudicationHeading"));
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    m_case = readOnlyText(tr("Case input"), splitter);
    m_response = readOnlyText(tr("Response text"), splitter);
    m_ratings = readOnlyText(tr("Physicians' ratings and comments"), splitter);
    splitter->addWidget(titled(tr("Cas&e"), m_case, splitter));
    splitter->addWidget(titled(tr("Res&ponse"), m_response, splitter));
    splitter->addWidget(titled(tr("P&hysicians"), m_ratings, splitter));
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);

    m_judge = plainLabel(this);
    m_judge->setObjectName(QStringLiteral("judgeScores"));
    m_decision = plainLabel(this);
    m_decision->setObjectName(QStringLiteral("currentDecision"));

    m_value = new QComboBox(this);
    m_value->setAccessibleName(tr("Consensus value"));
    m_reasonCode = new QComboBox(this);
    m_reasonCode->setAccessibleName(tr("Reason code"));
    m_reasonCode->addItem(tr("Choose a reason…"));
    for (const AdjudicationReasonCode &code : adjudicationReasonCodes())
        m_reasonCode->addItem(code.label, code.code);
    m_reason = new QLineEdit(this);
    m_reason->setAccessibleName(tr("Reason text"));
    m_reason->setPlaceholderText(tr("Why this value (required for \"Other\")"));
    m_reason->setClearButtonEnabled(true);
    m_record = new QPushButton(tr("Record decision (Ctrl+Return)"), this);
    m_record->setAccessibleName(tr("Record decision"));
    // Only the button or Ctrl+Return records (the page's shortcut): a decision is never undone, only superseded, so a
    // plain Return in the reason field must not commit one by accident.
    connect(m_record, &QPushButton::clicked, this, &AdjudicationDetail::recordRequested);
    m_message = plainLabel(this);
    m_message->setObjectName(QStringLiteral("adjudicationMessage"));

    auto *form = new QFormLayout;
    form->addRow(tr("Consensus &value"), m_value);
    form->addRow(tr("Reason &code"), m_reasonCode);
    form->addRow(tr("Reason &text"), m_reason);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_judge);
    layout->addWidget(m_decision);
    layout->addLayout(form);
    layout->addWidget(m_record, 0, Qt::AlignLeft);
    layout->addWidget(m_message);
    showItem(nullptr);
}

void AdjudicationDetail::showItem(const AdjudicationItem *item)
{
    m_item = item ? std::optional<AdjudicationItem>(*item) : std::nullopt;
    m_message->clear();
    m_reason->clear();
    m_reasonCode->setCurrentIndex(0);
    fillValues();
    for (QWidget *field : std::initializer_list<QWidget *>{m_value, m_reasonCode, m_reason, m_record})
        field->setEnabled(item != nullptr);
    if (!item) {
        m_heading->setText(tr("Select an item of the queue."));
        for (QPlainTextEdit *text : {m_case, m_response, m_ratings})
            text->clear();
        m_judge->clear();
        m_decision->clear();
        return;
    }
    m_heading->setText(visibleControls(QStringLiteral("%1 · %2 · %3").arg(item->caseId, item->task, item->axis.label)));
    // Plain text only: a case or a response may contain markup, which is shown as the characters it is; controls
    // are shown, so that a right-to-left override cannot reorder a dose.
    m_case->setPlainText(visibleControls(item->caseInput));
    m_response->setPlainText(visibleControls(item->responseText));
    showRatings();

    QStringList judges;
    for (const ItemJudgeScore &judge : item->judges)
        judges << tr("Judge '%1': %2").arg(judge.run, describeValue(item->axis, judge.value));
    if (item->judgeHidden)
        judges << tr("Judge scores are hidden while the study is blinded.");
    m_judge->setText(visibleControls(judges.join(QLatin1Char('\n'))));
    m_judge->setVisible(!judges.isEmpty());

    QString decision;
    if (item->decision) {
        const Adjudication &made = *item->decision;
        decision = made.value ? tr("Decided %1 by %2 (%3)")
                                    .arg(describeValue(item->axis, *made.value), made.decidedBy, made.reasonCode)
                              : tr("Decision withdrawn by %1 (%2)").arg(made.decidedBy, made.reasonCode);
        if (!made.reason.isEmpty())
            decision += QStringLiteral(": ") + made.reason;
    }
    m_decision->setText(visibleControls(decision));
    m_decision->setVisible(!decision.isEmpty());
}

void AdjudicationDetail::fillValues()
{
    m_value->clear();
    m_value->addItem(tr("Choose a value…"));
    if (!m_item)
        return;
    // Each entry starts with its value, so typing the digit selects it.
    for (const ScalePoint &point : m_item->axis.points)
        m_value->addItem(visibleControls(QStringLiteral("%1 — %2").arg(QString::number(point.value), point.label)),
                         point.value);
    if (m_item->decided())
        m_value->addItem(tr("No value (withdraw the decision)"), kWithdraw);
}

void AdjudicationDetail::showRatings()
{
    if (!m_item)
        return;
    QStringList lines;
    for (const PhysicianRating &rating : m_item->ratings) {
        QString value;
        switch (rating.status) {
        case RatingStatus::Value:
            value = rating.value ? describeValue(m_item->axis, *rating.value) : QString();
            break;
        case RatingStatus::UnableToAssess:
            value = tr("unable to assess");
            break;
        case RatingStatus::NotApplicable:
            value = m_item->axis.notApplicableLabel.isEmpty() ? tr("not applicable") : m_item->axis.notApplicableLabel;
            break;
        case RatingStatus::Cleared:
            break;
        }
        if (!rating.likelihood.isEmpty())
            value += tr(", likelihood %1").arg(rating.likelihood);
        lines << QStringLiteral("%1: %2").arg(physicianLabel(rating, m_showNames), value);
        if (!rating.comment.isEmpty())
            lines << QStringLiteral("    ") + rating.comment;
    }
    m_ratings->setPlainText(visibleControls(lines.join(QLatin1Char('\n'))));
}

void AdjudicationDetail::setShowNames(bool show)
{
    m_showNames = show;
    showRatings();
}

AdjudicationDetail::Choice AdjudicationDetail::choice() const
{
    Choice choice;
    const QVariant value = m_value->currentData();
    choice.reasonCode = m_reasonCode->currentData().toString();
    choice.reason = m_reason->text().trimmed();
    if (!m_item)
        choice.problem = tr("Select an item of the queue first.");
    else if (!value.isValid())
        choice.problem = tr("Choose a consensus value.");
    else if (choice.reasonCode.isEmpty())
        choice.problem = tr("Choose a reason code.");
    else if (choice.reasonCode == QStringLiteral("other") && choice.reason.isEmpty())
        choice.problem = tr("Say why in the reason text (the reason code is \"Other\").");
    if (value.typeId() == QMetaType::Double)
        choice.value = value.toDouble();
    return choice;
}

void AdjudicationDetail::showMessage(const QString &message, bool error)
{
    m_message->setText(visibleControls(message));
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, error ? QColor(170, 30, 30) : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
}

void AdjudicationDetail::focusForm()
{
    if (m_value->isEnabled())
        m_value->setFocus(Qt::OtherFocusReason);
}

} // namespace concord
