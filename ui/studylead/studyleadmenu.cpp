#include "ui/studylead/studyleadmenu.h"

#include "model/domain/displaytext.h"
#include "model/package/annotatorpackage.h"
#include "model/package/packagemerge.h"
#include "model/studyfile/study.h"
#include "model/studyfile/writelock.h"
#include "model/studylead/analysislock.h"
#include "model/studylead/studyroster.h"
#include "ui/filedialogs.h"
#include "ui/studylead/assigndialog.h"
#include "ui/studylead/rosterdialog.h"
#include "ui/studylead/writerwait.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>

namespace concord {

namespace {
const QString kActor = QStringLiteral("study lead");
}

StudyLeadMenu::StudyLeadMenu(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_menu(new QMenu(tr("&Physicians"), window))
{
    m_prompts.packageFolder = [this] {
        return filedialogs::existingFolder(m_window, tr("Folder for the Annotator Packages"));
    };
    m_prompts.packagesToMerge = [this] {
        return filedialogs::openFileNames(m_window, tr("Merge Annotator Packages"), {},
                                          tr("Concord packages (*.concord)"));
    };
    m_prompts.confirm = [this](const QString &question) {
        QMessageBox box(QMessageBox::Question, tr("Concord"), visibleControls(question),
                        QMessageBox::Yes | QMessageBox::No, m_window);
        box.setTextFormat(Qt::PlainText);
        return box.exec() == QMessageBox::Yes;
    };
    m_prompts.waitForOtherWriters = [this](const std::function<bool()> &stillWriting) {
        return waitWhileAnotherProgramWrites(m_window, stillWriting, kLongWriteTimeoutSeconds);
    };
    m_studyActions << m_menu->addAction(tr("&Physicians…"), this, &StudyLeadMenu::showRoster);
    m_studyActions << m_menu->addAction(tr("&Assign Comparisons…"), this, &StudyLeadMenu::showAssign);
    m_studyActions << m_menu->addAction(tr("Create Annotator &Packages…"), this, &StudyLeadMenu::createPackages);
    m_studyActions << m_menu->addAction(tr("&Merge Packages…"), this, &StudyLeadMenu::mergePackages);
    m_studyActions.back()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_studyActions << m_menu->addAction(tr("A&djudication"), this, &StudyLeadMenu::adjudicationRequested);
    m_studyActions.back()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    m_menu->addSeparator();
    m_lock = m_menu->addAction(tr("&Lock the Analysis…"), this, &StudyLeadMenu::lockAnalysis);
    m_unblind = m_menu->addAction(tr("&Unblind…"), this, &StudyLeadMenu::unblind);
    updateActions();
}

void StudyLeadMenu::setPrompts(Prompts prompts)
{
    if (prompts.packageFolder)
        m_prompts.packageFolder = std::move(prompts.packageFolder);
    if (prompts.packagesToMerge)
        m_prompts.packagesToMerge = std::move(prompts.packagesToMerge);
    if (prompts.confirm)
        m_prompts.confirm = std::move(prompts.confirm);
    if (prompts.waitForOtherWriters)
        m_prompts.waitForOtherWriters = std::move(prompts.waitForOtherWriters);
}

void StudyLeadMenu::setStudy(Study *study)
{
    m_study = study;
    updateActions();
}

void StudyLeadMenu::updateActions()
{
    for (QAction *action : std::as_const(m_studyActions))
        action->setEnabled(m_study != nullptr);
    auto state = m_study ? analysisState(*m_study) : Result<AnalysisState>(Error{QString()});
    m_lock->setEnabled(state.ok() && !state->locked);
    m_unblind->setEnabled(state.ok() && state->locked && state->blinded);
}

void StudyLeadMenu::showRoster()
{
    if (!m_study)
        return;
    RosterDialog dialog(*m_study, m_window);
    connect(&dialog, &RosterDialog::changed, this, &StudyLeadMenu::studyChanged);
    dialog.exec();
}

void StudyLeadMenu::showAssign()
{
    if (!m_study)
        return;
    AssignDialog dialog(*m_study, m_window);
    connect(&dialog, &AssignDialog::applied, this, [this] {
        emit message(tr("Comparisons assigned"));
        emit studyChanged();
    });
    dialog.exec();
}

bool StudyLeadMenu::createPackages()
{
    if (!m_study)
        return false;
    auto roster = annotatorRoster(*m_study);
    if (!roster.ok()) {
        emit error(roster.errorMessage());
        return false;
    }
    QStringList names;
    for (const RosterEntry &entry : roster.value()) {
        if (!entry.annotator.retired && entry.assignments > 0)
            names << entry.annotator.name;
    }
    if (names.isEmpty()) {
        emit error(tr("No physician has assignments yet: assign comparisons first."));
        return false;
    }
    const QString folder = m_prompts.packageFolder();
    if (folder.isEmpty() || !waitForWriteAccess(tr("Writing the packages")))
        return false;
    // One file per physician, named after the study and the physician; an existing file is never overwritten.
    const QString base = QFileInfo(m_study->path()).completeBaseName();
    QStringList written, failed;
    for (const QString &name : std::as_const(names)) {
        QString safeName = name;
        safeName.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
        const QString path = QDir(folder).filePath(QStringLiteral("%1-%2.concord").arg(base, safeName));
        auto package = createAnnotatorPackage(*m_study, name, path, kActor);
        if (package.ok())
            written
                << tr("%1: %2 comparisons → %3").arg(name).arg(package->comparisons).arg(QFileInfo(path).fileName());
        else
            failed << package.errorMessage();
    }
    emit studyChanged();
    if (!failed.isEmpty())
        emit error(tr("Packages written:\n%1\n\nNot written:\n%2")
                       .arg(written.join(QLatin1Char('\n')), failed.join(QLatin1Char('\n'))));
    else
        emit message(
            tr("%n package(s) written to %1", nullptr, int(written.size())).arg(QDir::toNativeSeparators(folder)));
    return failed.isEmpty();
}

bool StudyLeadMenu::waitForWriteAccess(const QString &what)
{
    // An import or a merge from the command line may be writing: wait for it (the window stays responsive) rather
    // than fail after the connection's usual 5 s.
    QString lockError;
    const bool writable = m_prompts.waitForOtherWriters([&] {
        auto writing = anotherProgramIsWriting(*m_study);
        if (!writing.ok())
            lockError = writing.errorMessage();
        return writing.ok() && writing.value();
    });
    if (lockError.isEmpty() && writable)
        return true;
    emit error(lockError.isEmpty()
                   ? tr("%1 did not start: another program is still writing to %2; try again when it is done")
                         .arg(what, QDir::toNativeSeparators(m_study->path()))
                   : lockError);
    return false;
}

bool StudyLeadMenu::mergePackages()
{
    if (!m_study)
        return false;
    const QStringList paths = m_prompts.packagesToMerge();
    if (paths.isEmpty())
        return false;
    if (!waitForWriteAccess(tr("The merge")))
        return false;
    // Each package is merged whole or not at all; one refused package does not stop the others.
    QStringList lines, failed;
    for (const QString &path : paths) {
        bool newKey = false;
        auto merged = mergePackage(*m_study, path, kActor, false, &newKey);
        // A physician on a new computer signs with a new key: only the study lead can say that it is theirs.
        if (!merged.ok() && newKey &&
            m_prompts.confirm(tr("%1\n\nMerge it and record the new key as this physician's? Do so only if they "
                                 "told you themselves that they now work on another computer; their packages signed "
                                 "with the old key will be refused from then on.")
                                  .arg(merged.errorMessage())))
            merged = mergePackage(*m_study, path, kActor, true);
        if (!merged.ok()) {
            failed << merged.errorMessage();
            continue;
        }
        lines << tr("%1 (%2): %3 new rating events, %4 new notes, %5 new error spans, %6 already present; "
                    "%7 disagreements to adjudicate")
                     .arg(merged->annotator, merged->package)
                     .arg(merged->newEvents)
                     .arg(merged->newNotes)
                     .arg(merged->newSpans)
                     .arg(merged->alreadyPresent)
                     .arg(merged->conflicts);
        for (const QString &warning : std::as_const(merged->warnings))
            lines << tr("  Warning: %1").arg(warning);
    }
    // Merged work is written through to the .concord file itself, so that a copy of it taken now holds it.
    if (!lines.isEmpty())
        if (auto written = writeThroughToStudyFile(*m_study); !written.ok())
            lines << tr("  Saved, but still only in the write-ahead log beside the study: %1")
                         .arg(written.errorMessage());
    emit studyChanged();
    QString summary = lines.isEmpty() ? QString() : tr("Merged, nothing lost:\n%1").arg(lines.join(QLatin1Char('\n')));
    if (!failed.isEmpty()) {
        summary += (summary.isEmpty() ? QString() : QStringLiteral("\n\n")) +
                   tr("Refused, the study is unchanged by them:\n%1").arg(failed.join(QLatin1Char('\n')));
        emit error(summary);
        return false;
    }
    emit message(summary);
    return true;
}

bool StudyLeadMenu::lockAnalysis()
{
    if (!m_study || !m_prompts.confirm(tr("Lock the analysis? The agreement figures and the report will use the "
                                          "ratings recorded until now; later ratings are kept but not used.")))
        return false;
    if (!waitForWriteAccess(tr("Locking the analysis")))
        return false;
    if (auto locked = concord::lockAnalysis(*m_study, kActor); !locked.ok()) {
        emit error(locked.errorMessage());
        return false;
    }
    updateActions();
    emit message(tr("Analysis locked"));
    emit studyChanged();
    return true;
}

bool StudyLeadMenu::unblind()
{
    if (!m_study || !m_prompts.confirm(tr("Unblind the study? System names will no longer be hidden and "
                                          "adjudication will show the judge's scores. This cannot be undone.")))
        return false;
    if (!waitForWriteAccess(tr("Unblinding")))
        return false;
    if (auto unblinded = unblindStudy(*m_study, kActor); !unblinded.ok()) {
        emit error(unblinded.errorMessage());
        return false;
    }
    updateActions();
    emit message(tr("Study unblinded"));
    emit studyChanged();
    return true;
}

} // namespace concord
