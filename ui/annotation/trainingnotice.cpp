#include "ui/annotation/trainingnotice.h"

#include "model/annotation/annotationsession.h"
#include "model/domain/displaytext.h"

namespace concord {

namespace {

// "Response B, Safety / risk: 2 (Low risk) — explanation"
QString describe(const AnnotationSession &session, const TrainingReference &reference)
{
    const ComparisonContent &content = session.current();
    int position = 0;
    while (position < content.responses.size() && content.responses[position].id != reference.responseId)
        ++position;
    const Axis *axis = session.rubric().axisById(reference.axisId);
    QString point = QString::number(reference.value);
    if (axis) {
        for (const ScalePoint &p : axis->points) {
            if (p.value == reference.value)
                point += QStringLiteral(" (%1)").arg(p.label);
        }
    }
    QString line =
        QStringLiteral("Response %1, %2: %3").arg(responseLetter(position), axis ? axis->label : QString(), point);
    if (!reference.explanation.isEmpty())
        line += QStringLiteral(" — ") + reference.explanation;
    return line;
}

} // namespace

TrainingNotice::TrainingNotice(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setAccessibleName(QStringLiteral("Training"));
    setFrameShape(QFrame::StyledPanel);
    setMargin(4);
    hide();
}

void TrainingNotice::showFor(const AnnotationSession *session)
{
    if (!session || session->currentRow() < 0 || !session->entry(session->currentRow()).training) {
        hide();
        return;
    }
    const QVector<TrainingReference> references = session->revealedTrainingReferences();
    QString text;
    if (references.isEmpty()) {
        text = QStringLiteral("Training comparison: rate it as usual. The reference answer appears here once you have "
                              "rated everything; training is not part of the study's results.");
    } else {
        text = QStringLiteral("Training reference (compare it with your ratings):");
        for (const TrainingReference &reference : references)
            text += QLatin1Char('\n') + describe(*session, reference);
    }
    setText(visibleControls(text)); // explanations come from the training file
    show();
}

} // namespace concord
