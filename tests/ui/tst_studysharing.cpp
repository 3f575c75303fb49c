// The GUI and the command line on one study: the study open in the real main window, a real file dialog
// in the study's folder (populated, then cancelled), `concord export` run on the study by a second process, and then
// the GUI writing. Nothing may be lost: the write-ahead log stays in place under the GUI, no error is shown, every
// write is in the file after reopening, and the file passes SQLite's integrity check. The dialog lists neither the
// -wal nor the -shm. Nothing in this process opens the study with plain file calls (stat only).
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/studyfile/study.h"
#include "ui/filedialogs.h"
#include "ui/mainwindow.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace concord;

namespace {

constexpr int kRepetitions = 50;

QString makeStudy(const QString &path)
{
    auto created = Study::create(path, {.title = QStringLiteral("Shared"), .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    CaseStore cases(*created.value());
    for (int c = 1; c <= 3; ++c) {
        CaseRecord record;
        record.externalId = QStringLiteral("case-%1").arg(c);
        record.task = QStringLiteral("qa");
        record.input = QStringLiteral("Question %1").arg(c);
        if (!cases.insertCase(record).ok())
            qFatal("cannot insert a case");
        ResponseRecord response;
        response.caseId = record.id;
        response.externalId = QStringLiteral("r1");
        response.system = QStringLiteral("Aster");
        response.text = QStringLiteral("Answer %1").arg(c);
        if (!cases.insertResponse(response).ok())
            qFatal("cannot insert a response");
        ComparisonRecord comparison{0, {}, record.id, {response.id}};
        if (!cases.insertComparison(comparison).ok())
            qFatal("cannot insert a comparison");
    }
    return path;
}

// What the file dialog that comes up lists once it has populated; it is then cancelled.
struct DialogSeen
{
    bool shown = false;
    bool populated = false;
    QStringList names;
};

// Waits for the modal file dialog, lets its folder view populate (the icon provider and the file-type column run
// on every entry meanwhile), records what it lists and rejects it.
void cancelFileDialogOnceListed(DialogSeen &seen, const QString &expectedName)
{
    auto *poll = new QTimer(qApp);
    auto *clock = new QElapsedTimer;
    clock->start();
    QObject::connect(poll, &QTimer::timeout, poll, [poll, clock, &seen, expectedName] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            if (clock->elapsed() > 10000) {
                poll->deleteLater();
                delete clock;
            }
            return;
        }
        if (!seen.shown) // every file, so that the study and its companions would be listed
            dialog->setNameFilter(QStringLiteral("*"));
        seen.shown = true;
        auto *view = dialog->findChild<QAbstractItemView *>(QStringLiteral("treeView"));
        QStringList names;
        if (view) {
            const QModelIndex root = view->rootIndex();
            for (int row = 0; row < view->model()->rowCount(root); ++row)
                names << view->model()->index(row, 0, root).data().toString();
        }
        if (!names.contains(expectedName) && clock->elapsed() < 5000)
            return; // still populating

        // Let the gatherer finish with every entry (icons and types) before cancelling.
        QTest::qWait(20);
        seen.populated = names.contains(expectedName);
        seen.names = names;
        dialog->reject();
        poll->deleteLater();
        delete clock;
    });
    poll->start(5);
}

} // namespace

class TestStudySharing : public QObject
{
    Q_OBJECT

private slots:
    void companionFiles_areHiddenAndIconsNeverReadContents()
    {
        QVERIFY(HideSqliteCompanionsProxy::isSqliteCompanion(QStringLiteral("s.concord-wal")));
        QVERIFY(HideSqliteCompanionsProxy::isSqliteCompanion(QStringLiteral("s.concord-shm")));
        QVERIFY(HideSqliteCompanionsProxy::isSqliteCompanion(QStringLiteral("s.concord-journal")));
        QVERIFY(!HideSqliteCompanionsProxy::isSqliteCompanion(QStringLiteral("s.concord")));
        QFileDialog dialog;
        filedialogs::makeSafe(dialog);
        QVERIFY(dialog.testOption(QFileDialog::DontUseNativeDialog));
        QCOMPARE(dialog.iconProvider(), filedialogs::iconProvider());
        QVERIFY(qobject_cast<HideSqliteCompanionsProxy *>(dialog.proxyModel()));
        QCOMPARE(filedialogs::iconProvider()->type(QFileInfo(QStringLiteral("/no/such/study.concord"))),
                 QStringLiteral("CONCORD File"));
    }

    void guiAndCommandLine_shareAStudyThroughFileDialogsWithoutLoss()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir.filePath(QStringLiteral("shared.concord")));
        QStringList errors;
        {
            MainWindow window;
            window.setShowMessageBoxes(false);
            window.setErrorReporter([&](const QString &message) { errors << message; });
            window.show();
            QVERIFY(window.openStudy(path));
            for (int i = 0; i < kRepetitions; ++i) {
                QVERIFY(window.showStudyLeadMode());
                // File → Export Report… in the study's folder, then Cancel.
                DialogSeen seen;
                cancelFileDialogOnceListed(seen, QStringLiteral("shared.concord"));
                window.exportReport();
                QVERIFY2(seen.shown, "no file dialog came up");
                QVERIFY2(seen.populated, qPrintable(seen.names.join(QLatin1Char(','))));
                for (const QString &name : std::as_const(seen.names))
                    QVERIFY2(!HideSqliteCompanionsProxy::isSqliteCompanion(name), qPrintable(name));

                // Another program reads the study meanwhile.
                QProcess concord;
                concord.start(QStringLiteral(CONCORD_EXECUTABLE),
                              {QStringLiteral("export"), path, QStringLiteral("--what"), QStringLiteral("cases"),
                               QStringLiteral("--out"), dir.filePath(QStringLiteral("cases-%1.jsonl").arg(i))});
                QVERIFY(concord.waitForFinished(60000));
                QVERIFY2(concord.exitCode() == 0, concord.readAllStandardError().constData());
                // It saw the GUI's connection and left the write-ahead log alone.
                QVERIFY2(QFileInfo::exists(path + QStringLiteral("-wal")),
                         qPrintable(QStringLiteral("round %1").arg(i)));

                // The GUI writes: a new physician starts annotating (the physician and their assignments).
                QVERIFY2(window.startAnnotating(QStringLiteral("Dr %1").arg(i)), qPrintable(errors.join(u'\n')));
                QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
            }
            window.closeStudy();
        }
        auto reopened = Study::open(path);
        QVERIFY2(reopened.ok(), qPrintable(reopened.errorMessage()));
        auto integrity = reopened.value()->exec(QStringLiteral("PRAGMA integrity_check"));
        QVERIFY(integrity.ok() && integrity->next());
        QCOMPARE(integrity->value(0).toString(), QStringLiteral("ok"));
        auto physicians = reopened.value()->exec(QStringLiteral("SELECT count(*) FROM annotator"));
        QVERIFY(physicians.ok() && physicians->next());
        QCOMPARE(physicians->value(0).toInt(), kRepetitions);
        auto assignments = reopened.value()->exec(QStringLiteral("SELECT count(*) FROM assignment"));
        QVERIFY(assignments.ok() && assignments->next());
        QCOMPARE(assignments->value(0).toInt(), kRepetitions * 3);
    }
};

QTEST_MAIN(TestStudySharing)
#include "tst_studysharing.moc"
