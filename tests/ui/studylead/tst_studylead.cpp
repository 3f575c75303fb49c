// The study lead's round trip in the main window, offscreen: physicians added in the Physicians dialog, the design
// previewed and applied in the Assign dialog, packages written and merged back from the Physicians menu, the
// adjudication page opened, the analysis locked and the study unblinded.
#include "model/annotation/annotationsession.h"
#include "model/formats/importer.h"
#include "model/itemmodels/adjudicationqueuemodel.h"
#include "model/studyfile/study.h"
#include "model/studylead/analysislock.h"
#include "ui/adjudication/adjudicationpage.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/responsepane.h"
#include "ui/mainwindow.h"
#include "ui/studylead/assigndialog.h"
#include "ui/studylead/rosterdialog.h"
#include "ui/studylead/studyleadmenu.h"

#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

qint64 count(Study &study, const QString &sql)
{
    auto q = study.exec(sql);
    return q.ok() && q->next() ? q->value(0).toLongLong() : -1;
}

} // namespace

class TestStudyLead : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    }

    void mainWindow_carriesTheMultiPhysicianRoundTrip()
    {
        const QString path = m_dir.filePath(QStringLiteral("study.concord"));
        {
            auto created = Study::create(path, {.title = QStringLiteral("Lead"), .rubric = defaultRubric()});
            QVERIFY(created.ok());
            auto imported =
                importFile(*created.value(), QStringLiteral(CONCORD_SOURCE_DIR "/data/samples/cases.jsonl"), {});
            QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        }
        MainWindow window;
        window.setShowMessageBoxes(false);
        QStringList errors, messages;
        window.setErrorReporter([&](const QString &message) { errors << message; });
        connect(&window, &MainWindow::messageShown, this, [&](const QString &text) { messages << text; });
        QVERIFY(window.openStudy(path));
        StudyLeadMenu *menu = window.studyLeadMenu();
        QVERIFY(menu->menu()->isEnabled());
        Study &study = const_cast<Study &>(*window.study());

        // Physicians.
        RosterDialog roster(study);
        roster.setProperty("quiet", true);
        QVERIFY(roster.addPhysician(QStringLiteral("Dr A")));
        QVERIFY(roster.addPhysician(QStringLiteral("Dr B")));
        QVERIFY(roster.addPhysician(QStringLiteral("Dr C")));
        QVERIFY(!roster.addPhysician(QStringLiteral("Dr A"))); // a duplicate is refused
        QVERIFY(roster.renamePhysician(QStringLiteral("Dr C"), QStringLiteral("Dr Cee")));
        QCOMPARE(roster.table()->rowCount(), 3);
        QCOMPARE(roster.table()->item(2, 0)->text(), QStringLiteral("Dr Cee"));

        // The design: preview, then apply.
        AssignDialog assign(study);
        assign.setOverlap(2);
        assign.setSeed(11);
        QVERIFY(assign.updatePreview());
        QCOMPARE(assign.loadTable()->rowCount(), 3);
        QCOMPARE(assign.overlapTable()->rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(assign.loadTable()->item(row, 1)->text(), QStringLiteral("2"));
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment")), 0);
        QVERIFY(assign.apply());
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment")), 6);

        // Packages, annotated elsewhere, merged back.
        const QString folder = m_dir.filePath(QStringLiteral("packages"));
        QVERIFY(QDir().mkpath(folder));
        QStringList files;
        menu->setPrompts({.packageFolder = [&] { return folder; },
                          .packagesToMerge = [&] { return files; },
                          .confirm = [](const QString &) { return true; }});
        QVERIFY(menu->createPackages());
        files = QDir(folder).entryList({QStringLiteral("*.concord")}, QDir::Files);
        QCOMPARE(files.size(), 3);
        for (int p = 0; p < files.size(); ++p) {
            files[p] = QDir(folder).filePath(files[p]);
            auto package = Study::open(files[p]);
            QVERIFY(package.ok());
            auto session = AnnotationSession::start(
                *package.value(), {.annotatorName = package.value()->meta(QStringLiteral("package_annotator"))});
            QVERIFY2(session.ok(), qPrintable(session.errorMessage()));
            for (int row = 0; row < session.value()->count(); ++row) {
                QVERIFY(session.value()->goTo(row).ok());
                for (const RatingKey &key : session.value()->requiredKeys()) {
                    const Axis *axis = session.value()->rubric().axisById(key.axisId);
                    const RatingState state =
                        axis->target == AxisTarget::Comparison
                            ? RatingState::preference(0)
                            : RatingState::ofValue(axis->points[(row + p) % axis->points.size()].value);
                    QVERIFY(session.value()->setRating(key, state).ok());
                }
            }
        }
        QVERIFY2(menu->mergePackages(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(!messages.isEmpty());
        QVERIFY2(messages.back().contains(QStringLiteral("nothing lost")), qPrintable(messages.back()));
        const qint64 merged = count(study, QStringLiteral("SELECT count(*) FROM rating_event"));
        QVERIFY(merged > 0);
        QVERIFY2(!messages.back().contains(QStringLiteral("Warning")), qPrintable(messages.back()));
        QVERIFY(menu->mergePackages()); // again: nothing new, and the summary says so
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM rating_event")), merged);
        QCOMPARE(messages.back().count(QStringLiteral("Warning: it holds no new rating events")), 3);

        // Adjudication opens on the study with the disagreements listed.
        window.showAdjudication();
        QCOMPARE(window.currentPage(), static_cast<QWidget *>(window.adjudicationPage()));
        QVERIFY(window.adjudicationPage()->model()->rowCount() > 0);

        // Lock, then unblind.
        QVERIFY(menu->lockAnalysis());
        QVERIFY(menu->unblind());
        auto state = analysisState(study);
        QVERIFY(state.ok());
        QVERIFY(state->locked);
        QVERIFY(!state->blinded);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));

        // In annotator mode the study lead's menu is off.
        window.setPrompts({.annotatorName = [](const QStringList &, const QString &) {
            return std::optional<QString>(QStringLiteral("Dr A"));
        }});
        window.annotateDialog();
        QVERIFY(window.annotating());
        QVERIFY(!menu->menu()->isEnabled());
        // Unblinded: the panes name the systems (blinded, the blinding walk of tst_annotationpage shows none).
        const QString title = window.annotationPage()->panes().value(0)->title();
        QVERIFY2(title.contains(QStringLiteral(" · ")), qPrintable(title));
    }
};

QTEST_MAIN(TestStudyLead)
#include "tst_studylead.moc"
