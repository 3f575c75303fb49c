#include "model/agreement/backgroundagreement.h"

#include "model/agreement/agreementdatacache.h"
#include "model/studyfile/study.h"

#include <QPointer>
#include <algorithm>
#include <cmath>

namespace concord {

// Lives on the computation thread: owns the connection and the cache, which are only ever touched there.
class BackgroundAgreement::Worker final : public QObject
{
public:
    explicit Worker(QString path)
        : m_path(std::move(path))
    {}

    void compute(int generation, AgreementRequest request, std::shared_ptr<std::atomic_bool> cancel,
                 const std::atomic_int *latest, QPointer<BackgroundAgreement> owner)
    {
        if (generation != latest->load() || cancel->load())
            return; // a newer request is queued behind this one
        AgreementSnapshot snapshot;
        snapshot.generation = generation;
        if (!m_study) {
            auto study = Study::open(m_path, Study::Access::ReadOnly);
            if (study.ok())
                m_study = std::move(study).value();
            else
                snapshot.error = study.errorMessage();
        }
        if (m_study) {
            auto data = m_cache.read(*m_study);
            if (data.ok()) {
                auto shared = std::make_shared<const QVector<AxisAgreementData>>(std::move(data).value());
                QVector<AxisAgreementData> filtered;
                for (const AxisAgreementData &axis : *shared) {
                    filtered.push_back(request.task.isEmpty() && request.system.isEmpty()
                                           ? axis
                                           : subsetOf(axis, request.task, request.system));
                }
                request.settings.cancelled = cancel.get();
                if (request.adjudicatedWhereDecided) {
                    request.settings.adjudicated =
                        std::any_of(shared->cbegin(), shared->cend(), [](const AxisAgreementData &axis) {
                            return std::any_of(axis.adjudicated.cbegin(), axis.adjudicated.cend(),
                                               [](double value) { return !std::isnan(value); });
                        });
                }
                if (std::optional<AgreementAnalysis> analysis = analyseAgreement(filtered, request.settings))
                    snapshot.result = std::make_shared<const AgreementAnalysis>(std::move(*analysis));
                snapshot.data = std::move(shared);
                snapshot.progress = m_cache.cumulativeEventsPerDay();
            } else {
                snapshot.error = data.errorMessage();
            }
        }
        if (cancel->load())
            return;
        QMetaObject::invokeMethod(
            owner.data(),
            [owner, snapshot = std::move(snapshot)] {
                if (owner && snapshot.generation == owner->latestGeneration())
                    emit owner->finished(snapshot);
            },
            Qt::QueuedConnection);
    }

    void close() { m_study.reset(); }

private:
    QString m_path;
    std::unique_ptr<Study> m_study;
    AgreementDataCache m_cache;
};

BackgroundAgreement::BackgroundAgreement(const QString &studyPath, QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(studyPath))
{
    m_thread.setObjectName(QStringLiteral("agreement"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

BackgroundAgreement::~BackgroundAgreement()
{
    if (m_cancel)
        m_cancel->store(true);
    m_latest.store(-1);
    // The connection is closed on the thread that opened it, then the thread ends.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

int BackgroundAgreement::request(const AgreementRequest &request)
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const int generation = m_latest.load() + 1;
    m_latest.store(generation);
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, generation, request, cancel = m_cancel, latest = &m_latest,
         owner = QPointer<BackgroundAgreement>(this)] { worker->compute(generation, request, cancel, latest, owner); },
        Qt::QueuedConnection);
    return generation;
}

} // namespace concord
