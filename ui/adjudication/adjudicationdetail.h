#pragma once

#include "model/studylead/adjudicationqueue.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace concord {

// One adjudication item: the case and the response (plain text: both are untrusted data), every physician's rating
// and comment (by "Physician n" unless names are shown), the judge's scores when the study is unblinded, the decision
// so far, and the form for the study lead's decision. It shows and collects; the page records.
class AdjudicationDetail final : public QWidget
{
    Q_OBJECT
public:
    // What the form holds; `problem` says what is missing when it is not complete.
    struct Choice
    {
        std::optional<double> value; // none: withdraw the decision
        QString reasonCode;
        QString reason;
        QString problem;
    };

    explicit AdjudicationDetail(QWidget *parent = nullptr);

    // Shows a copy of the item (nullptr: nothing selected) and resets the form.
    void showItem(const AdjudicationItem *item);
    void setShowNames(bool show);
    Choice choice() const;
    void showMessage(const QString &message, bool error);
    // Moves the keyboard focus to the first field of the form.
    void focusForm();

    QLabel *heading() const { return m_heading; }
    QPlainTextEdit *caseText() const { return m_case; }
    QPlainTextEdit *responseText() const { return m_response; }
    QPlainTextEdit *ratingsText() const { return m_ratings; }
    QLabel *judgeLabel() const { return m_judge; }
    QLabel *decisionLabel() const { return m_decision; }
    QComboBox *valueBox() const { return m_value; }
    QComboBox *reasonCodeBox() const { return m_reasonCode; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QPushButton *recordButton() const { return m_record; }
    QLabel *messageLabel() const { return m_message; }

signals:
    void recordRequested();

private:
    void showRatings();
    void fillValues();

    std::optional<AdjudicationItem> m_item;
    bool m_showNames = false;
    QLabel *m_heading = nullptr;
    QPlainTextEdit *m_case = nullptr;
    QPlainTextEdit *m_response = nullptr;
    QPlainTextEdit *m_ratings = nullptr;
    QLabel *m_judge = nullptr;
    QLabel *m_decision = nullptr;
    QComboBox *m_value = nullptr;
    QComboBox *m_reasonCode = nullptr;
    QLineEdit *m_reason = nullptr;
    QPushButton *m_record = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace concord
