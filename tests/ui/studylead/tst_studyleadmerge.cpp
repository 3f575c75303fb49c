// Physicians → Merge Packages… when the study is not the study lead's alone: an import or a merge from the
// command line is writing (the merge waits, in a window that stays responsive, and can be cancelled), and a
// physician who moved to another computer signs with a new key (the study lead is asked, and only a yes records it).
// Locking the analysis, unblinding and writing packages wait the same way.
#include "model/package/packagemerge.h"
#include "tests/model/package/packagestudyfixture.h"
#include "ui/studylead/studyleadmenu.h"

#include <QApplication>
#include <QProcess>
#include <QProgressDialog>
#include <QTimer>
#include <QWidget>

using namespace concord;
using namespace concord::packagetest;

class TestStudyLeadMerge : public QObject, private PackageStudyFixture
{
    Q_OBJECT

    struct Reports
    {
        QStringList messages, errors;
    };

    // The menu on the fixture study, the packages to merge given, the study lead's answer to every question given.
    std::unique_ptr<StudyLeadMenu> menuFor(QWidget &window, const QStringList &packages, Reports &reports,
                                           std::function<bool(const QString &)> answer)
    {
        auto menu = std::make_unique<StudyLeadMenu>(&window);
        menu->setStudy(m_study.get());
        menu->setPrompts({.packagesToMerge = [packages] { return packages; }, .confirm = std::move(answer)});
        connect(menu.get(), &StudyLeadMenu::message, this,
                [&reports](const QString &text) { reports.messages << text; });
        connect(menu.get(), &StudyLeadMenu::error, this, [&reports](const QString &text) { reports.errors << text; });
        return menu;
    }

    QString annotated(int physician)
    {
        if (!makePackage(physician).ok() || !annotatePackage(physician).ok())
            return {};
        return packagePath(physician);
    }

    static QProgressDialog *waitDialog()
    {
        for (QWidget *widget : QApplication::topLevelWidgets())
            if (auto *dialog = qobject_cast<QProgressDialog *>(widget);
                dialog && dialog->objectName() == QStringLiteral("writerWaitDialog") && dialog->isVisible())
                return dialog;
        for (QWidget *widget : QApplication::allWidgets())
            if (auto *dialog = qobject_cast<QProgressDialog *>(widget);
                dialog && dialog->objectName() == QStringLiteral("writerWaitDialog") && dialog->isVisible())
                return dialog;
        return nullptr;
    }

private slots:
    void init() { createStudy(); }
    void cleanup() { removeStudy(); }

    // Another program holds the write lock for 1.5 s: the window says it waits, keeps handling events, and merges
    // once the lock is free (the same wait goes on for up to 10 minutes, where the connection alone gives up at 5 s).
    void merge_waitsWhileAnotherProgramWrites()
    {
        const QString package = annotated(0);
        QVERIFY(!package.isEmpty());
        QWidget window;
        Reports reports;
        auto menu = menuFor(window, {package}, reports, [](const QString &) { return true; });
        const qint64 before = scalar(*m_study, QStringLiteral("SELECT count(*) FROM rating_event"));

        RawFile otherProgram(m_studyPath, true);
        QVERIFY(otherProgram.exec(QStringLiteral("BEGIN IMMEDIATE")));
        bool dialogShown = false, eventsHandled = false;
        QTimer::singleShot(500, this, [&] {
            dialogShown = waitDialog() != nullptr;
            eventsHandled = true;
        });
        QTimer::singleShot(1500, this, [&] { QVERIFY(otherProgram.exec(QStringLiteral("ROLLBACK"))); });
        QVERIFY2(menu->mergePackages(), qPrintable(reports.errors.join(QLatin1Char('\n'))));
        QVERIFY(eventsHandled);
        QVERIFY(dialogShown);
        QVERIFY(waitDialog() == nullptr);
        QVERIFY(scalar(*m_study, QStringLiteral("SELECT count(*) FROM rating_event")) > before);
        QVERIFY2(reports.messages.value(0).contains(QStringLiteral("nothing lost")),
                 qPrintable(reports.messages.value(0)));
    }

    // A copy of the study file alone, taken right after the merge by another program, holds what was merged.
    void merge_reachesTheStudyFileAtOnce()
    {
        const QString package = annotated(1);
        QVERIFY(!package.isEmpty());
        QWidget window;
        Reports reports;
        auto menu = menuFor(window, {package}, reports, [](const QString &) { return true; });
        QVERIFY2(menu->mergePackages(), qPrintable(reports.errors.join(QLatin1Char('\n'))));
        const qint64 events = scalar(*m_study, QStringLiteral("SELECT count(*) FROM rating_event"));
        const QString copy = path(QStringLiteral("mailed.concord"));
        QProcess cp; // another program: this process must not touch the open study's files
        cp.start(QStringLiteral("cp"), {m_studyPath, copy});
        QVERIFY(cp.waitForFinished(30000) && cp.exitCode() == 0);
        auto mailed = Study::open(copy, Study::Access::ReadOnly);
        CONCORD_VERIFY_OK(mailed);
        QCOMPARE(scalar(*mailed.value(), QStringLiteral("SELECT count(*) FROM rating_event")), events);
    }

    void merge_cancelledWhileWaiting_changesNothing()
    {
        const QString package = annotated(0);
        QVERIFY(!package.isEmpty());
        QWidget window;
        Reports reports;
        auto menu = menuFor(window, {package}, reports, [](const QString &) { return true; });
        const QString counts = rowCounts(*m_study);

        RawFile otherProgram(m_studyPath, true);
        QVERIFY(otherProgram.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QTimer::singleShot(500, this, [&] {
            if (QProgressDialog *dialog = waitDialog())
                QTest::keyClick(dialog, Qt::Key_Escape); // the study lead gives up waiting
        });
        QVERIFY(!menu->mergePackages());
        QVERIFY(otherProgram.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(rowCounts(*m_study), counts);
        QCOMPARE(reports.errors.size(), 1);
        QVERIFY2(reports.errors.front().contains(QStringLiteral("another program is still writing")),
                 qPrintable(reports.errors.front()));
    }

    // The study lead's other writes wait the same way: locking the analysis while an import runs.
    void lockAnalysis_waitsWhileAnotherProgramWrites()
    {
        QWidget window;
        Reports reports;
        auto menu = menuFor(window, {}, reports, [](const QString &) { return true; });
        RawFile otherProgram(m_studyPath, true);
        QVERIFY(otherProgram.exec(QStringLiteral("BEGIN IMMEDIATE")));
        bool dialogShown = false;
        QTimer::singleShot(400, this, [&] { dialogShown = waitDialog() != nullptr; });
        QTimer::singleShot(1000, this, [&] { QVERIFY(otherProgram.exec(QStringLiteral("ROLLBACK"))); });
        QVERIFY2(menu->lockAnalysis(), qPrintable(reports.errors.join(QLatin1Char('\n'))));
        QVERIFY(dialogShown);
        QCOMPARE(reports.messages.value(0), QStringLiteral("Analysis locked"));
    }

    // Nobody else writing: no window at all.
    void merge_withoutOtherWriters_doesNotWait()
    {
        const QString package = annotated(0);
        QVERIFY(!package.isEmpty());
        QWidget window;
        Reports reports;
        auto menu = menuFor(window, {package}, reports, [](const QString &) { return true; });
        bool dialogShown = false;
        QTimer::singleShot(0, this, [&] { dialogShown = waitDialog() != nullptr; });
        QVERIFY(menu->mergePackages());
        QVERIFY(!dialogShown);
    }

    void merge_newSigningKey_recordedOnlyWhenTheLeadSaysSo()
    {
        const QString package = annotated(0);
        QVERIFY(!package.isEmpty());
        CONCORD_VERIFY_OK(mergePackage(*m_study, package, QStringLiteral("lead")));
        CONCORD_VERIFY_OK(rateAgain(package, path(QStringLiteral("new-laptop"))));
        QWidget window;

        // No: refused, nothing recorded, and the question named the physician.
        Reports refusedReports;
        QStringList questions;
        auto refusing = menuFor(window, {package}, refusedReports, [&](const QString &question) {
            questions << question;
            return false;
        });
        const QString counts = rowCounts(*m_study);
        QVERIFY(!refusing->mergePackages());
        QCOMPARE(questions.size(), 1);
        QVERIFY2(questions.front().contains(QStringLiteral("'Dr Ada Brennan'")) &&
                     questions.front().contains(QStringLiteral("record the new key")),
                 qPrintable(questions.front()));
        QCOMPARE(rowCounts(*m_study), counts);
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM annotator_key")), 1);
        QVERIFY(refusedReports.errors.value(0).contains(QStringLiteral("signed with another key")));

        // Yes: merged, and the new key is the physician's from now on.
        Reports acceptedReports;
        auto accepting = menuFor(window, {package}, acceptedReports, [](const QString &) { return true; });
        QVERIFY2(accepting->mergePackages(), qPrintable(acceptedReports.errors.join(QLatin1Char('\n'))));
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM annotator_key")), 2);
        QVERIFY(acceptedReports.messages.value(0).contains(QStringLiteral("1 new rating events")));
    }
};

QTEST_MAIN(TestStudyLeadMerge)
#include "tst_studyleadmerge.moc"
