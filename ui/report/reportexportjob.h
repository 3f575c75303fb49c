#pragma once

#include "model/agreement/agreementanalysis.h"

#include <QObject>
#include <QString>
#include <memory>

class QProgressDialog;
class QTimer;
class QWidget;

namespace concord {

class ExportProgress;

// Runs exportReport() on a worker thread behind a progress dialog with a Cancel button, so the window stays responsive
// while the full analysis (B = 2000) runs; the worker has a connection of its own, so the study may even be closed
// meanwhile. Emits finished() once and deletes itself; destroying it earlier cancels the export, which then writes
// nothing.
class ReportExportJob final : public QObject
{
    Q_OBJECT
public:
    ReportExportJob(const QString &studyPath, const QString &outPath, const AgreementSettings &settings,
                    QWidget *parent);
    ~ReportExportJob() override;

    void start();
    void cancel();
    QProgressDialog *dialog() const { return m_dialog; }

signals:
    // `error` is empty on success; `cancelled` when the user stopped it (then no file was written).
    void finished(const QString &outPath, const QString &error, bool cancelled);

private:
    void showProgress();

    QString m_studyPath;
    QString m_outPath;
    AgreementSettings m_settings;
    std::shared_ptr<ExportProgress> m_progress;
    QProgressDialog *m_dialog = nullptr;
    QTimer *m_poll = nullptr;
};

} // namespace concord
