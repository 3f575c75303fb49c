#pragma once

#include "model/annotation/annotationsession.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QToolButton;

namespace concord {

class AxisRow;

// One response of the comparison: its text (plain text, selectable with the keyboard for error spans), the rubric's
// response axes, a comment, and the annotator's error spans, highlighted in the text and listed. Labelled only by its
// screen position ("Response A").
class ResponsePane final : public QWidget
{
    Q_OBJECT
public:
    ResponsePane(AnnotationSession &session, int position, QWidget *parent = nullptr);

    // Shows a response of the current comparison.
    void showResponse(const ResponseRecord &response);
    qint64 responseId() const { return m_responseId; }
    int position() const { return m_position; }
    QString title() const; // "Response A", with the system once the study is unblinded

    void refreshRatings();
    void refreshComment();
    void refreshSpans();
    // Saves the comment field if it differs from what the session has; false when the write failed.
    bool commitComment();
    // Marks the selected text as an error of the chosen category and severity; false (with a message to the
    // session's saveFailed or a hint) when nothing is selected or the write failed.
    bool markSelection();
    void setTextPointSize(int points);

    const QVector<AxisRow *> &axisRows() const { return m_rows; }
    QPlainTextEdit *textView() const { return m_text; }
    QLineEdit *commentEdit() const { return m_comment; }
    QComboBox *categoryBox() const { return m_category; }
    QComboBox *severityBox() const { return m_severity; }
    QListWidget *spanList() const { return m_spans; }

signals:
    void ratingRequested(const RatingKey &key, const RatingState &state);
    void focusMoveRequested(AxisRow *from, int step);
    // A hint for the annotator that is not an error (e.g. "select text first").
    void hint(const QString &message);

private:
    void removeSelectedSpan();

    AnnotationSession &m_session;
    int m_position;
    qint64 m_responseId = 0;
    QLabel *m_title = nullptr;
    QPlainTextEdit *m_text = nullptr;
    // The response as stored; m_text shows it with its controls visible, so positions are mapped between the two.
    QString m_storedText;
    QVector<AxisRow *> m_rows;
    QLineEdit *m_comment = nullptr;
    QComboBox *m_category = nullptr;
    QComboBox *m_severity = nullptr;
    QToolButton *m_mark = nullptr;
    QListWidget *m_spans = nullptr;
};

} // namespace concord
