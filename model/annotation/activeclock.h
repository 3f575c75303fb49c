#pragma once

#include <QtGlobal>
#include <functional>

namespace concord {

// Active annotation time with idle detection: the time between two inputs counts in full up to the idle timeout;
// after that many seconds without input the clock stands still until the next input. The time source is a
// monotonic millisecond counter, replaceable in tests.
class ActiveClock
{
public:
    using TimeSource = std::function<qint64()>;

    explicit ActiveClock(TimeSource now = {}, double idleTimeoutSeconds = 60.0);

    // Any input by the annotator (a key, a click, a scroll).
    void noteActivity();
    // The active seconds since the last take() or restart(), and starts counting afresh from now.
    double take();
    // Active seconds accumulated so far, without taking them.
    double pending() const;
    // Drops what has accumulated (a new comparison is on screen) and counts from now, as if input had just come.
    void restart();

    void setIdleTimeout(double seconds) { m_idleTimeoutMs = qint64(seconds * 1000.0); }
    double idleTimeout() const { return double(m_idleTimeoutMs) / 1000.0; }
    // Whether the clock stands still because the annotator has been idle for the timeout.
    bool idle() const;

private:
    // Milliseconds since the last input that count, capped at the idle timeout.
    qint64 countedSinceLastInput(qint64 now) const;

    TimeSource m_now;
    qint64 m_idleTimeoutMs;
    qint64 m_lastInputMs = 0;
    qint64 m_accumulatedMs = 0; // up to the last input
};

} // namespace concord
