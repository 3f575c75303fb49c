#include "ui/report/reportexportjob.h"

#include "model/domain/displaytext.h"
#include "ui/report/reportexport.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QProgressDialog>
#include <QTimer>
#include <QtConcurrent>

namespace concord {

ReportExportJob::ReportExportJob(const QString &studyPath, const QString &outPath, const AgreementSettings &settings,
                                 QWidget *parent)
    : QObject(parent)
    , m_studyPath(studyPath)
    , m_outPath(outPath)
    , m_settings(settings)
    , m_progress(std::make_shared<ExportProgress>())
    , m_dialog(new QProgressDialog(parent))
    , m_poll(new QTimer(this))
{
    m_dialog->setWindowTitle(tr("Export Report"));
    // The label names the file: plain text (a file name is never markup), controls shown.
    auto *label = new QLabel(m_dialog);
    label->setTextFormat(Qt::PlainText);
    m_dialog->setLabel(label);
    m_dialog->setLabelText(visibleControls(tr("Exporting %1…").arg(QFileInfo(outPath).fileName())));
    m_dialog->setRange(0, 100);
    m_dialog->setMinimumDuration(300); // quick exports finish without a flash of a dialog
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose, false);
    connect(m_dialog, &QProgressDialog::canceled, this, &ReportExportJob::cancel);
    // The worker only writes the shared progress; this thread reads it, so no object crosses threads.
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &ReportExportJob::showProgress);
}

ReportExportJob::~ReportExportJob()
{
    m_progress->cancel(); // a running worker stops at its next check and writes nothing
    delete m_dialog;
}

void ReportExportJob::start()
{
    auto *watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcher<Status>::finished, this, [this, watcher] {
        m_poll->stop();
        const Status status = watcher->result();
        const bool cancelled = m_progress->cancelled();
        m_dialog->hide();
        emit finished(m_outPath, status.ok() ? QString() : status.errorMessage(), cancelled);
        deleteLater();
    });
    watcher->setFuture(
        QtConcurrent::run([studyPath = m_studyPath, outPath = m_outPath, settings = m_settings, progress = m_progress] {
            return exportReport(studyPath, outPath, settings, progress.get());
        }));
    m_poll->start();
    m_dialog->setValue(0);
}

void ReportExportJob::cancel()
{
    m_progress->cancel();
    m_dialog->setLabelText(tr("Cancelling…"));
}

void ReportExportJob::showProgress()
{
    if (m_progress->cancelled())
        return;
    const QString step = m_progress->step();
    if (!step.isEmpty())
        m_dialog->setLabelText(visibleControls(step));
    m_dialog->setValue(m_progress->percent());
}

} // namespace concord
