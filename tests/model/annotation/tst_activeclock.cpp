// Active annotation time with an injected millisecond source: the time between inputs counts up to the idle
// timeout, an idle period stops the clock until the next input, take() hands over and resets, restart() drops.
#include "model/annotation/activeclock.h"

#include <QTest>

using namespace concord;

class TestActiveClock : public QObject
{
    Q_OBJECT

private:
    qint64 m_nowMs = 0;

    ActiveClock makeClock(double idleTimeoutSeconds = 60.0)
    {
        return ActiveClock([this] { return m_nowMs; }, idleTimeoutSeconds);
    }

private slots:
    void init() { m_nowMs = 1'000'000; } // a monotonic counter need not start at zero

    void defaultIdleTimeout_isSixtySeconds()
    {
        ActiveClock clock([this] { return m_nowMs; });
        QCOMPARE(clock.idleTimeout(), 60.0);
    }

    void defaultTimeSource_countsFromConstruction()
    {
        ActiveClock clock;
        QVERIFY(clock.pending() >= 0.0);
        QVERIFY(clock.take() >= 0.0);
        QCOMPARE(clock.idleTimeout(), 60.0);
    }

    void pending_countsTimeBetweenInputsUpToTheIdleTimeout_data()
    {
        QTest::addColumn<QList<qint64>>("gapsMs"); // each gap is followed by an input, the last by pending()
        QTest::addColumn<double>("expectedSeconds");

        QTest::newRow("nothing yet") << QList<qint64>{0} << 0.0;
        QTest::newRow("one short gap") << QList<qint64>{5'000} << 5.0;
        QTest::newRow("several short gaps") << QList<qint64>{10'000, 20'000, 5'000} << 35.0;
        QTest::newRow("gap of exactly the timeout counts in full") << QList<qint64>{60'000} << 60.0;
        QTest::newRow("long gap is capped") << QList<qint64>{90'000} << 60.0;
        QTest::newRow("idle tail is capped") << QList<qint64>{3'600'000} << 60.0;
        QTest::newRow("idle, then input, then work") << QList<qint64>{300'000, 10'000, 2'000} << 72.0;
        QTest::newRow("input every 50 s for 150 s") << QList<qint64>{50'000, 50'000, 50'000} << 150.0;
        QTest::newRow("two idle periods") << QList<qint64>{120'000, 1'000, 120'000} << 121.0;
        QTest::newRow("milliseconds are kept") << QList<qint64>{1'250, 250} << 1.5;
    }

    void pending_countsTimeBetweenInputsUpToTheIdleTimeout()
    {
        QFETCH(QList<qint64>, gapsMs);
        QFETCH(double, expectedSeconds);

        ActiveClock clock = makeClock();
        for (int i = 0; i < gapsMs.size(); ++i) {
            m_nowMs += gapsMs[i];
            if (i + 1 < gapsMs.size())
                clock.noteActivity();
        }
        QCOMPARE(clock.pending(), expectedSeconds);
        QCOMPARE(clock.pending(), expectedSeconds); // pending() does not consume
        QCOMPARE(clock.take(), expectedSeconds);
    }

    void idlePeriod_stopsTheClockUntilTheNextInput()
    {
        ActiveClock clock = makeClock();
        m_nowMs += 20'000;
        clock.noteActivity();
        m_nowMs += 60'000;
        QCOMPARE(clock.pending(), 80.0);
        m_nowMs += 600'000;
        QCOMPARE(clock.pending(), 80.0); // stands still while idle

        clock.noteActivity(); // back: the clock runs again from here
        QCOMPARE(clock.pending(), 80.0);
        m_nowMs += 3'000;
        QCOMPARE(clock.pending(), 83.0);
    }

    void take_returnsTheSecondsAndResets()
    {
        ActiveClock clock = makeClock();
        m_nowMs += 12'000;
        clock.noteActivity();
        m_nowMs += 3'000;
        QCOMPARE(clock.take(), 15.0);
        QCOMPARE(clock.pending(), 0.0);
        QCOMPARE(clock.take(), 0.0);

        m_nowMs += 4'000;
        QCOMPARE(clock.take(), 4.0); // only what came after the last take
    }

    void take_countsAsInput()
    {
        ActiveClock clock = makeClock();
        m_nowMs += 200'000;
        QCOMPARE(clock.take(), 60.0);
        QVERIFY(!clock.idle());
        m_nowMs += 7'000;
        QCOMPARE(clock.pending(), 7.0);
    }

    void restart_dropsWhatAccumulated()
    {
        ActiveClock clock = makeClock();
        m_nowMs += 30'000;
        clock.noteActivity();
        m_nowMs += 10'000;
        QCOMPARE(clock.pending(), 40.0);

        clock.restart();
        QCOMPARE(clock.pending(), 0.0);
        QVERIFY(!clock.idle());
        m_nowMs += 2'000;
        QCOMPARE(clock.take(), 2.0);
    }

    void idle_isTrueOnlyOnceTheTimeoutHasPassedWithoutInput_data()
    {
        QTest::addColumn<double>("timeoutSeconds");
        QTest::addColumn<qint64>("silenceMs");
        QTest::addColumn<bool>("idle");

        QTest::newRow("just after input") << 60.0 << qint64(0) << false;
        QTest::newRow("a millisecond short of the timeout") << 60.0 << qint64(59'999) << false;
        QTest::newRow("at the timeout") << 60.0 << qint64(60'000) << true;
        QTest::newRow("long after") << 60.0 << qint64(3'600'000) << true;
        QTest::newRow("short timeout reached") << 5.0 << qint64(5'000) << true;
        QTest::newRow("short timeout not reached") << 5.0 << qint64(4'999) << false;
    }

    void idle_isTrueOnlyOnceTheTimeoutHasPassedWithoutInput()
    {
        QFETCH(double, timeoutSeconds);
        QFETCH(qint64, silenceMs);
        QFETCH(bool, idle);

        ActiveClock clock = makeClock(timeoutSeconds);
        m_nowMs += 100'000;
        clock.noteActivity();
        m_nowMs += silenceMs;
        QCOMPARE(clock.idle(), idle);

        clock.noteActivity();
        QVERIFY(!clock.idle());
    }

    void setIdleTimeout_changesTheCap_data()
    {
        QTest::addColumn<double>("timeoutSeconds");
        QTest::addColumn<qint64>("gapMs");
        QTest::addColumn<double>("expectedSeconds");

        QTest::newRow("10 s timeout caps a 30 s gap") << 10.0 << qint64(30'000) << 10.0;
        QTest::newRow("10 s timeout keeps a 4 s gap") << 10.0 << qint64(4'000) << 4.0;
        QTest::newRow("5 min timeout keeps a 2 min gap") << 300.0 << qint64(120'000) << 120.0;
        QTest::newRow("fractional timeout") << 1.5 << qint64(10'000) << 1.5;
    }

    void setIdleTimeout_changesTheCap()
    {
        QFETCH(double, timeoutSeconds);
        QFETCH(qint64, gapMs);
        QFETCH(double, expectedSeconds);

        ActiveClock clock = makeClock();
        clock.setIdleTimeout(timeoutSeconds);
        QCOMPARE(clock.idleTimeout(), timeoutSeconds);
        m_nowMs += gapMs;
        QCOMPARE(clock.idle(), gapMs >= qint64(timeoutSeconds * 1000.0));
        QCOMPARE(clock.take(), expectedSeconds);
    }

    void constructorTimeout_isTheCap()
    {
        ActiveClock clock = makeClock(20.0);
        QCOMPARE(clock.idleTimeout(), 20.0);
        m_nowMs += 45'000;
        QCOMPARE(clock.pending(), 20.0);
    }

    void timeSourceGoingBackwards_countsNothing()
    {
        ActiveClock clock = makeClock();
        m_nowMs -= 5'000;
        QCOMPARE(clock.pending(), 0.0);
        clock.noteActivity();
        m_nowMs += 2'000;
        QCOMPARE(clock.pending(), 2.0);
    }
};

QTEST_GUILESS_MAIN(TestActiveClock)
#include "tst_activeclock.moc"
