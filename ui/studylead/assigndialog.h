#pragma once

#include "model/studylead/assignmentplan.h"

#include <QDialog>
#include <optional>

class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QLineEdit;
class QTableWidget;

namespace concord {

class Study;

// Designs who rates what (study-lead mode): the physicians to assign, how many rate each comparison, the share of
// blinded repeats, the training file and the seed; the preview (load per physician, left/right per system, the overlap
// matrix) updates as they change, and Apply writes it.
class AssignDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit AssignDialog(Study &study, QWidget *parent = nullptr);

    void setChosen(const QStringList &names);
    void setOverlap(int overlap);
    void setSeed(quint64 seed);
    void setRepeatPercent(int percent);
    void setTrainingFile(const QString &path); // empty: no training comparisons
    // Recomputes the preview; false (with the reason shown in the dialog) when no design is possible.
    bool updatePreview();
    // Writes the previewed design; false with the error shown in the dialog.
    bool apply();

    QTableWidget *loadTable() const { return m_loads; }
    QTableWidget *overlapTable() const { return m_overlap; }
    QLabel *messageLabel() const { return m_message; }

signals:
    void applied();

private:
    Study &m_study;
    std::optional<AssignmentPlan> m_plan;
    QListWidget *m_physicians = nullptr;
    QSpinBox *m_overlapBox = nullptr;
    QLineEdit *m_seed = nullptr;
    QSpinBox *m_repeatPercent = nullptr;
    QLineEdit *m_trainingFile = nullptr;
    QTableWidget *m_loads = nullptr;
    QTableWidget *m_overlap = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_apply = nullptr;
};

} // namespace concord
