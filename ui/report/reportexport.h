#pragma once

#include "model/agreement/agreementanalysis.h"
#include "model/domain/result.h"

#include <QMutex>
#include <QString>
#include <atomic>

namespace concord {

// What a running export shares with whoever started it; safe to read and to cancel from any thread.
class ExportProgress
{
public:
    void report(const QString &step, int percent);
    QString step() const;
    int percent() const { return m_percent.load(); }
    void cancel() { m_cancelled.store(true); }
    bool cancelled() const { return m_cancelled.load(); }
    const std::atomic_bool *cancelFlag() const { return &m_cancelled; }

private:
    mutable QMutex m_mutex;
    QString m_step;
    std::atomic_int m_percent{0};
    std::atomic_bool m_cancelled{false};
};

// Builds the agreement report of the study file at `studyPath` and writes it to `outPath` (the format its suffix
// names), with a connection of its own opened on the calling thread, so it can run on a worker thread while the study
// stays open in a window. The study is opened read-write when the file allows it, so it is checkpointed and the
// SHA-256 covers all it holds. A cancelled export stops early and leaves no file; its error says it was cancelled.
Status exportReport(const QString &studyPath, const QString &outPath, AgreementSettings settings,
                    ExportProgress *progress = nullptr);

} // namespace concord
