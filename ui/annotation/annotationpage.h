#pragma once

#include "model/annotation/annotationsession.h"
#include "ui/annotation/studyfilestate.h"
#include "ui/annotation/trainingnotice.h"

#include <QPointer>
#include <QWidget>
#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QVBoxLayout;

namespace concord {

class ComparisonListModel;
class PreferenceRow;
class RatingRow;
class ResponsePane;

// The physician's annotation workspace: the case, its responses side by side (tabs beyond three) with a rubric panel
// each, the comparison's preference, comment and flag, the list of the annotator's comparisons with progress, and
// a "saved" indicator. Everything is driven by an AnnotationSession; the page never writes to the study itself.
class AnnotationPage final : public QWidget
{
    Q_OBJECT
public:
    explicit AnnotationPage(QWidget *parent = nullptr);
    ~AnnotationPage() override;

    // Shows the session (not owned; nullptr clears the page).
    void setSession(AnnotationSession *session);
    AnnotationSession *session() const { return m_session; }

    // The page's actions (save and next, navigation, undo/redo, flag, zoom, help), for the window's menu.
    QList<QAction *> annotationActions() const;
    // Seam for tests: how the help overlay is shown (a modal dialog by default).
    void setHelpPresenter(std::function<void()> presenter) { m_showHelp = std::move(presenter); }

    // Ctrl+Enter: saves the open comments, then goes to the next unfinished comparison if this one is complete,
    // otherwise focuses the first missing rating and says what is missing. Returns whether it moved on.
    bool finishComparison();
    void showNext();
    void showPrevious();
    void zoom(int step);
    // Takes the text size and idle pause from the settings (after Preferences).
    void applyPreferences();
    int textPointSize() const { return m_textPointSize; } // 0: the system's size
    // Saves comments still being typed (before the study closes); false when a write failed.
    bool saveOpenEdits() { return commitComments(); }

    // For tests and the crash-safety check.
    QLabel *savedIndicator() const { return m_saved; }
    StudyFileState *studyFileState() const { return m_fileState; }
    QLabel *messageLabel() const { return m_message; }
    QPlainTextEdit *caseView() const { return m_case; }
    QVector<ResponsePane *> panes() const { return m_panes; }
    QVector<PreferenceRow *> preferenceRows() const { return m_preferences; }
    QVector<RatingRow *> ratingRows() const; // in focus order
    QLineEdit *comparisonComment() const { return m_comparisonComment; }
    QCheckBox *flagBox() const { return m_flag; }
    QTableView *comparisonList() const { return m_list; }
    QComboBox *statusFilter() const { return m_filter; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *progressLabel() const { return m_progressLabel; }
    TrainingNotice *trainingNotice() const { return m_training; }

signals:
    void errorOccurred(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void showCurrent();
    void clearPanes();
    void rebuildPanes(int responseCount);
    void updateTabOrder();
    void updateProgress();
    void applyTextPointSize(); // m_textPointSize, or the system's size, on the case and the responses
    void updateHeader();
    void onRatingRequested(const RatingKey &key, const RatingState &state);
    void onRatingChanged(const RatingKey &key);
    void moveFocus(RatingRow *from, int step);
    void focusFirstMissing();
    bool commitComments();
    void showSaved(const QString &what);
    void showSaveFailed(const QString &message);
    void applyFilter(int index);
    void showHelp();

    QPointer<AnnotationSession> m_session;
    ComparisonListModel *m_listModel = nullptr;
    QSortFilterProxyModel *m_filtered = nullptr;
    QTableView *m_list = nullptr;
    QComboBox *m_filter = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QLabel *m_caseHeader = nullptr;
    TrainingNotice *m_training = nullptr;
    QPlainTextEdit *m_case = nullptr;
    QWidget *m_responseHost = nullptr;
    QVBoxLayout *m_responseLayout = nullptr;
    QSplitter *m_sideBySide = nullptr;
    QTabWidget *m_tabs = nullptr;
    QVector<ResponsePane *> m_panes;
    QWidget *m_comparisonBox = nullptr;
    QVector<PreferenceRow *> m_preferences;
    QLineEdit *m_comparisonComment = nullptr;
    QCheckBox *m_flag = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_saved = nullptr;
    StudyFileState *m_fileState = nullptr;
    QAction *m_finish = nullptr;
    QAction *m_next = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_toggleFlag = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_help = nullptr;
    QAction *m_focusList = nullptr;
    std::function<void()> m_showHelp;
    int m_textPointSize = 0;
};

} // namespace concord
