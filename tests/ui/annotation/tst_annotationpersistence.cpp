// What the annotation workspace leaves in the study file and finds there again, driven through its real widgets,
// offscreen: error spans, flags and comments, a failed save, reopening where the annotator left off, an annotator
// package, and a rating that survives SIGKILL right after it was shown as saved.
#include "model/annotation/annotationsession.h"
#include "model/studyfile/studycheck.h"
#include "tests/ui/annotation/annotationpagesupport.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/responsepane.h"
#include "ui/mainwindow.h"
#include "ui/studyoverviewpage.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <csignal>

using namespace concord;
using namespace concord::annotationpagetest;

namespace {

qint64 countRows(const QString &path, const QString &sql)
{
    auto study = Study::open(path, Study::Access::ReadOnly);
    auto q = study.value()->exec(sql);
    q->next();
    return q->value(0).toLongLong();
}

// The child of the crash-safety test: annotates through the real widgets and reports each rating as soon as the
// page shows it as saved, until it is killed.
int runCrashChild(const QString &path)
{
    auto study = Study::open(path);
    if (!study.ok())
        return 3;
    auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Crash")});
    if (!session.ok())
        return 4;
    AnnotationPage page;
    page.setSession(session.value().get());
    page.resize(1280, 800);
    page.show();
    QTextStream out(stdout);
    for (int step = 0; step < 100000; ++step) {
        page.ratingRows().value(0)->setFocus();
        QApplication::processEvents();
        RatingRow *row = qobject_cast<RatingRow *>(QApplication::focusWidget());
        if (!row)
            return 5;
        const RatingKey key = row->key();
        const int value = step % 5; // commission harm 0..4
        QTest::keyClick(row, char('0' + value));
        // Shown as saved: the indicator says so and the row shows the value.
        if (page.savedIndicator()->text().startsWith(QStringLiteral("✓")) &&
            row->accessibleDescription().startsWith(QString::number(value)))
            out << "SAVED " << key.responseId << ' ' << key.axisId << ' ' << value << Qt::endl; // flushed
        // The next rating goes to the next comparison, so every reported key is rated once.
        page.showNext();
        if (session.value()->currentRow() + 1 >= session.value()->count())
            static_cast<void>(session.value()->goTo(0));
    }
    return 0;
}

} // namespace

class TestAnnotationPersistence : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;
    QStringList m_errors;

private slots:
    void initTestCase() { QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path()); }

    void init() { m_errors.clear(); }

    void errorSpanFlagAndComment_roundTripThroughTheStudyFile()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 2, false);
        {
            auto study = Study::open(path);
            auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Span")});
            AnnotationPage page;
            page.setSession(session.value().get());
            page.show();
            QVERIFY(QTest::qWaitForWindowActive(&page));
            ResponsePane *pane = page.panes().first();
            // Select the first 8 characters with the keyboard and mark them.
            pane->textView()->setFocus();
            pane->textView()->moveCursor(QTextCursor::Start);
            for (int i = 0; i < 8; ++i)
                press(Qt::Key_Right, Qt::ShiftModifier);
            pane->severityBox()->setCurrentIndex(2); // major
            press(Qt::Key_M, Qt::ControlModifier);
            QCOMPARE(pane->spanList()->count(), 1);
            QCOMPARE(pane->textView()->extraSelections().size(), 1);
            QCOMPARE(countRows(path, QStringLiteral("SELECT count(*) FROM error_span WHERE start_offset = 0 AND"
                                                    " end_offset = 8 AND severity = 3 AND removed_at IS NULL")),
                     1);
            // Nothing selected: a hint, nothing written.
            pane->textView()->moveCursor(QTextCursor::End);
            press(Qt::Key_M, Qt::ControlModifier);
            QVERIFY(page.messageLabel()->text().contains(QStringLiteral("Select")));
            QCOMPARE(countRows(path, QStringLiteral("SELECT count(*) FROM error_span")), 1);

            // A comment typed and left with Tab, and the flag raised with F from a rubric row.
            pane->commentEdit()->setFocus();
            QTest::keyClicks(pane->commentEdit(), QStringLiteral("Dosing needs a renal caveat"));
            press(Qt::Key_Tab);
            page.ratingRows().first()->setFocus();
            press(Qt::Key_F);
            QVERIFY(page.flagBox()->isChecked());
            QCOMPARE(session.value()->entry(0).flagged, true);

            // A second span, then remove the first with Delete in the list.
            pane->textView()->setFocus();
            pane->textView()->moveCursor(QTextCursor::Start);
            for (int i = 0; i < 12; ++i)
                press(Qt::Key_Right);
            for (int i = 0; i < 5; ++i)
                press(Qt::Key_Right, Qt::ShiftModifier);
            press(Qt::Key_M, Qt::ControlModifier);
            QCOMPARE(pane->spanList()->count(), 2);
            pane->spanList()->setFocus();
            pane->spanList()->setCurrentRow(0);
            press(Qt::Key_Delete);
            QCOMPARE(pane->spanList()->count(), 1);
        }
        QCOMPARE(countRows(path, QStringLiteral("SELECT count(*) FROM error_span WHERE removed_at IS NULL")), 1);
        QCOMPARE(countRows(path, QStringLiteral("SELECT count(*) FROM error_span WHERE removed_at IS NOT NULL")), 1);
        // Reopened: the comment, the flag and the remaining span are back.
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Span")});
        QVERIFY(session.ok());
        QCOMPARE(session.value()->currentRow(), 0);
        QVERIFY(session.value()->flagged());
        QCOMPARE(session.value()->flagReason(), QString());
        const qint64 first = session.value()->current().responses.first().id;
        QCOMPARE(session.value()->comment(first), QStringLiteral("Dosing needs a renal caveat"));
        QCOMPARE(session.value()->spans(first).size(), 1);
        QCOMPARE(session.value()->spans(first).first().start, 12);
        AnnotationPage page;
        page.setSession(session.value().get());
        QCOMPARE(page.panes().first()->commentEdit()->text(), QStringLiteral("Dosing needs a renal caveat"));
        QVERIFY(page.flagBox()->isChecked());
    }

    void saveFailure_isShownAndTheScreenKeepsWhatIsSaved()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 2, false);
        auto study = Study::open(path);
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Fail")});
        AnnotationPage page;
        QStringList errors;
        connect(&page, &AnnotationPage::errorOccurred, this, [&](const QString &message) { errors << message; });
        page.setSession(session.value().get());
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        type(QLatin1Char('2'));
        QVERIFY(page.savedIndicator()->text().startsWith(QStringLiteral("✓")));
        {
            // Another connection makes every further rating fail, as a full disk or a revoked permission would.
            QSqlDatabase saboteur = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
            saboteur.setDatabaseName(path);
            QVERIFY(saboteur.open());
            QSqlQuery trigger(saboteur);
            QVERIFY(trigger.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON rating_event BEGIN"
                                                " SELECT RAISE(ABORT, 'simulated write failure'); END")));
            saboteur.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
        type(QLatin1Char('4'));
        QCOMPARE(page.savedIndicator()->text(), QStringLiteral("✗ Not saved"));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QStringLiteral("simulated write failure")), qPrintable(errors.first()));
        QVERIFY(page.messageLabel()->text().startsWith(QStringLiteral("Not saved:")));
        // The row still shows the saved value, not the one that failed.
        QCOMPARE(qobject_cast<AxisRow *>(page.ratingRows().first())->stateText(), QStringLiteral("2 Moderate"));
        QCOMPARE(eventsOf(path, QStringLiteral("Dr Fail")).size(), 1);
    }

    void reopening_resumesAnnotatorModeAtTheFirstUnfinishedComparison()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 3, false);
        qint64 firstComparison = 0;
        {
            MainWindow window;
            window.setPrompts({.annotatorName = [](const QStringList &, const QString &) {
                return std::optional<QString>(QStringLiteral("Dr Return"));
            }});
            QVERIFY(window.openStudy(path));
            QCOMPARE(window.currentPage(), static_cast<QWidget *>(window.overviewPage())); // study lead at first
            window.annotateDialog();
            AnnotationSession *session = window.annotationPage()->session();
            firstComparison = session->currentComparisonId();
            for (const RatingKey &key : session->requiredKeys()) {
                const Axis *axis = session->rubric().axisById(key.axisId);
                QVERIFY(session
                            ->setRating(key, key.responseId == 0 ? RatingState::preference(0)
                                                                 : RatingState::ofValue(axis->points.last().value))
                            .ok());
            }
            window.closeStudy();
        }
        MainWindow window;
        QVERIFY(window.openStudy(path));
        QVERIFY(window.annotating());
        QCOMPARE(window.currentPage(), static_cast<QWidget *>(window.annotationPage()));
        QCOMPARE(window.windowTitle(), QStringLiteral("Keyboard study — annotating as Dr Return — Concord"));
        AnnotationSession *session = window.annotationPage()->session();
        QCOMPARE(session->annotator().name, QStringLiteral("Dr Return"));
        QVERIFY(session->currentComparisonId() != firstComparison);
        QCOMPARE(session->currentRow(), session->firstUnfinishedRow());
        QCOMPARE(session->doneCount(), 1);
        // Back to study-lead mode: the next opening starts there too.
        QVERIFY(window.showStudyLeadMode());
        window.closeStudy();
        QVERIFY(window.openStudy(path));
        QVERIFY(!window.annotating());
    }

    void annotatorPackage_opensInAnnotatorModeOnlyUnderItsName()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 2, false);
        {
            auto study = Study::open(path);
            QVERIFY(study.value()->setMeta(QStringLiteral("package_annotator"), QStringLiteral("Dr Package")).ok());
        }
        MainWindow window;
        window.setErrorReporter([this](const QString &message) { m_errors << message; });
        QVERIFY(window.openStudy(path));
        QVERIFY(window.annotating());
        QCOMPARE(window.annotationPage()->session()->annotator().name, QStringLiteral("Dr Package"));
        QVERIFY(!window.showStudyLeadMode());
        QVERIFY(window.annotating());
        QVERIFY(!window.startAnnotating(QStringLiteral("Somebody Else")));
        QCOMPARE(m_errors.size(), 2);
        QCOMPARE(window.annotationPage()->session()->annotator().name, QStringLiteral("Dr Package"));
    }

    void crashSafety_ratingShownAsSavedSurvivesSigkill()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir, 40, false);
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--crash-child"), path});
        QVERIFY(child.waitForStarted());
        QString reported;
        int savedLines = 0;
        // Kill after the third reported save, the instant its line arrives.
        while (savedLines < 3 && child.waitForReadyRead(30000)) {
            while (child.canReadLine()) {
                const QString line = QString::fromUtf8(child.readLine()).trimmed();
                if (line.startsWith(QStringLiteral("SAVED "))) {
                    reported = line;
                    if (++savedLines == 3) {
                        ::kill(pid_t(child.processId()), SIGKILL);
                        break;
                    }
                }
            }
        }
        QVERIFY2(savedLines == 3, qPrintable(QString::fromUtf8(child.readAllStandardError())));
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        const QStringList parts = reported.split(QLatin1Char(' '));
        const qint64 responseId = parts[1].toLongLong();
        const qint64 axisId = parts[2].toLongLong();
        const double value = parts[3].toDouble();
        auto study = Study::open(path);
        QVERIFY2(study.ok(), qPrintable(study.errorMessage()));
        auto check = checkStudy(*study.value());
        QVERIFY2(check->healthy(), qPrintable(check->problems.join(QStringLiteral("; "))));
        auto q = study.value()->exec(QStringLiteral("SELECT value FROM current_rating WHERE response_id = ? AND"
                                                    " axis_id = ? AND annotator_id ="
                                                    " (SELECT id FROM annotator WHERE name = 'Dr Crash')"),
                                     {responseId, axisId});
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toDouble(), value);
    }
};

// Not QTEST_MAIN: the crash-safety test starts this program again as the child it kills.
int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--crash-child") == 0) {
        QApplication app(argc, argv);
        return runCrashChild(QString::fromLocal8Bit(argv[2]));
    }
    QApplication app(argc, argv);
    TestAnnotationPersistence test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_annotationpersistence.moc"
