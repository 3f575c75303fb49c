#pragma once

#include "model/agreement/agreementanalysis.h"
#include "model/agreement/agreementdata.h"

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

namespace concord {

// What the live view asks for: the analysis settings and the task and system filter (empty: all).
struct AgreementRequest
{
    AgreementSettings settings{};
    QString task{};
    QString system{};
    // The judge is compared with the study lead's adjudicated values as soon as there are any (named in the result).
    bool adjudicatedWhereDecided = true;
};

// One finished computation: the whole study's data (for filter lists and drill-down), the analysis of the filtered
// data, and the rating progress. `error` is set, and the rest empty, when the study could not be read.
struct AgreementSnapshot
{
    int generation = 0;
    QString error;
    std::shared_ptr<const QVector<AxisAgreementData>> data;
    // Shared and never changed after the computing thread made it: copying the snapshot (into the queued call, a
    // QVariant, the page) copies a pointer, and any thread may read it.
    std::shared_ptr<const AgreementAnalysis> result;
    QVector<std::pair<QString, double>> progress; // date, cumulative rating events
};

// Computes a study's agreement on a thread of its own, with its own read-only connection to the study file (one
// connection per thread) and an AgreementDataCache, so that a refresh reads only what changed and the UI thread
// neither reads nor computes. A newer request cancels the running one and makes queued ones stale, so only the
// newest result is delivered; results are delivered on the owner's thread and dropped if the owner has gone.
class BackgroundAgreement final : public QObject
{
    Q_OBJECT
public:
    explicit BackgroundAgreement(const QString &studyPath, QObject *parent = nullptr);
    ~BackgroundAgreement() override; // cancels the running computation and waits for the thread

    // Queues a computation and returns its generation (increasing).
    int request(const AgreementRequest &request);
    int latestGeneration() const { return m_latest.load(); }

signals:
    void finished(const concord::AgreementSnapshot &snapshot);

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;
    std::atomic_int m_latest{0};
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace concord

Q_DECLARE_METATYPE(concord::AgreementSnapshot)
