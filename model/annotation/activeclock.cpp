#include "model/annotation/activeclock.h"

#include <QElapsedTimer>
#include <algorithm>
#include <memory>

namespace concord {

ActiveClock::ActiveClock(TimeSource now, double idleTimeoutSeconds)
    : m_now(std::move(now))
    , m_idleTimeoutMs(qint64(idleTimeoutSeconds * 1000.0))
{
    if (!m_now) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_now = [timer] { return timer->elapsed(); };
    }
    m_lastInputMs = m_now();
}

qint64 ActiveClock::countedSinceLastInput(qint64 now) const
{
    return std::clamp<qint64>(now - m_lastInputMs, 0, m_idleTimeoutMs);
}

void ActiveClock::noteActivity()
{
    const qint64 now = m_now();
    m_accumulatedMs += countedSinceLastInput(now);
    m_lastInputMs = now;
}

double ActiveClock::pending() const
{
    return double(m_accumulatedMs + countedSinceLastInput(m_now())) / 1000.0;
}

double ActiveClock::take()
{
    const double seconds = pending();
    m_accumulatedMs = 0;
    m_lastInputMs = m_now();
    return seconds;
}

void ActiveClock::restart()
{
    m_accumulatedMs = 0;
    m_lastInputMs = m_now();
}

bool ActiveClock::idle() const
{
    return m_now() - m_lastInputMs >= m_idleTimeoutMs;
}

} // namespace concord
