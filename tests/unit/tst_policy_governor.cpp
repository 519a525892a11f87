#include "policy/HumanDuration.h"
#include "policy/RestartGovernor.h"

#include <QtTest>

using namespace clawtray;
using Reason = RestartGovernor::Reason;

Q_DECLARE_METATYPE(clawtray::RestartGovernor::Reason)

namespace {

// Cooldown 1000 ms and the other limits out of the way unless a test sets them.
RestartGovernorConfig cooldownOnly(qint64 base = 1000)
{
    RestartGovernorConfig c;
    c.baseCooldownMs = base;
    c.maxCooldownMs = base;
    c.budget = 1000;
    return c;
}

} // namespace

class TestPolicyGovernor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Reference §7.6 adapted, plus the boundary.
    void referenceCooldown_data()
    {
        QTest::addColumn<qint64>("now");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<qint64>("retryAfterMs");
        QTest::newRow("1500 suppressed") << qint64(1500) << false << qint64(500);
        QTest::newRow("1999 suppressed") << qint64(1999) << false << qint64(1);
        QTest::newRow("2000 allowed (boundary)") << qint64(2000) << true << qint64(0);
        QTest::newRow("2001 allowed") << qint64(2001) << true << qint64(0);
    }
    void referenceCooldown()
    {
        QFETCH(qint64, now);
        QFETCH(bool, allowed);
        QFETCH(qint64, retryAfterMs);
        RestartGovernor g(cooldownOnly());
        QVERIFY(g.decide(900).allowed()); // nothing happened yet
        g.recordRestart(1000);
        const auto d = g.decide(now);
        QCOMPARE(d.allowed(), allowed);
        QCOMPARE(d.retryAfterMs, retryAfterMs);
        if (!allowed) {
            QCOMPARE(d.reason, Reason::Cooldown);
            QCOMPARE(d.allowedAtMs, qint64(2000));
            QCOMPARE(d.text.english(), QStringLiteral("restart in 1 s (cooldown)"));
        }
    }

    void cooldownDoublesAndCaps()
    {
        RestartGovernorConfig c;
        c.budget = 1000; // only the cooldown under test
        RestartGovernor g(c);
        const QList<qint64> expected = {2500, 5000, 10000, 20000, 40000, 80000, 120000, 120000};
        qint64 now = 0;
        for (qint64 cooldown : expected) {
            g.recordRestart(now);
            QCOMPARE(g.currentCooldownMs(), cooldown);
            const auto d = g.decide(now);
            QCOMPARE(d.retryAfterMs, cooldown);
            QVERIFY(!g.decide(now + cooldown - 1).allowed());
            now += cooldown;
            QVERIFY(g.decide(now).allowed());
        }
    }

    void humanTextForLongerCooldown()
    {
        RestartGovernorConfig c;
        c.budget = 1000;
        RestartGovernor g(c);
        for (int i = 0; i < 5; ++i) { // 5th restart: cooldown 2.5 × 2^4 = 40 s
            g.recordRestart(i * 1'000'000);
        }
        QCOMPARE(g.decide(4'000'000).text.english(), QStringLiteral("restart in 40 s (cooldown)"));
    }

    void budgetExceededOpensCircuit()
    {
        RestartGovernor g; // defaults: budget 4 / 10 min, circuit 10 min
        for (qint64 t : {0, 10'000, 30'000, 70'000}) {
            QVERIFY(g.decide(t).allowed());
            g.recordRestart(t);
        }
        QVERIFY(!g.circuitOpen(200'000));
        const auto d = g.decide(200'000); // the 5th within 10 min
        QVERIFY(!d.allowed());
        QCOMPARE(d.reason, Reason::CircuitOpen);
        QCOMPARE(d.allowedAtMs, qint64(800'000));
        QCOMPARE(d.retryAfterMs, qint64(600'000));
        QVERIFY(d.text.english().startsWith(QStringLiteral("restart in 10 min (circuit open")));
        QVERIFY(g.circuitOpen(200'001));
        // While open, the promised time does not move.
        QCOMPARE(g.decide(500'000).allowedAtMs, qint64(800'000));
        QCOMPARE(g.snapshot(500'000).circuitOpenUntilMs, std::optional<qint64>(800'000));
    }

    void circuitClosesByTimeoutAtThePromisedTime()
    {
        RestartGovernor g;
        for (qint64 t : {0, 1, 2, 3}) {
            g.recordRestart(t * 100'000);
        }
        const auto suppressed = g.decide(310'000);
        QCOMPARE(suppressed.reason, Reason::CircuitOpen);
        QVERIFY(!g.decide(suppressed.allowedAtMs - 1).allowed());
        QVERIFY(g.circuitOpen(suppressed.allowedAtMs - 1));
        QVERIFY(g.decide(suppressed.allowedAtMs).allowed()); // retrying then works: nothing dropped
        QVERIFY(!g.circuitOpen(suppressed.allowedAtMs));
    }

    void circuitRetryTimeIncludesALongerCooldown()
    {
        RestartGovernorConfig c;
        c.budget = 1;
        c.baseCooldownMs = 50'000;
        c.maxCooldownMs = 50'000;
        c.circuitOpenMs = 10'000; // shorter than the cooldown
        RestartGovernor g(c);
        g.recordRestart(0);
        const auto d = g.decide(1'000);
        QCOMPARE(d.reason, Reason::CircuitOpen);
        QCOMPARE(d.allowedAtMs, qint64(50'000)); // not 11'000: the cooldown still applies then
        QVERIFY(!g.decide(49'999).allowed());
        QVERIFY(g.decide(50'000).allowed());
    }

    void circuitClosesByStableRun()
    {
        RestartGovernor g;
        for (qint64 t : {0, 1, 2, 3}) {
            g.recordRestart(t * 10'000);
        }
        QCOMPARE(g.decide(40'000).reason, Reason::CircuitOpen);
        // The user restarted it by hand; it has been running fine since.
        g.recordRestart(50'000, true);
        g.onRunning(60'000);
        QVERIFY(g.circuitOpen(60'000 + 119'999));
        QVERIFY(!g.circuitOpen(60'000 + 120'000));
        const auto s = g.snapshot(180'000);
        QCOMPARE(s.consecutive, 0);
        QCOMPARE(s.restartsInWindow, 0);
        QVERIFY(g.decide(180'000).allowed());
        // And the next cooldown starts from the base again.
        g.recordRestart(180'000);
        QCOMPARE(g.currentCooldownMs(), qint64(2500));
    }

    void explicitStableRunClosesCircuit()
    {
        RestartGovernor g;
        for (qint64 t : {0, 1, 2, 3}) {
            g.recordRestart(t);
        }
        QCOMPARE(g.decide(10).reason, Reason::CircuitOpen);
        g.onStableRun(20);
        QVERIFY(!g.circuitOpen(20));
        QVERIFY(!g.decide(20).allowed()); // the cooldown of the last restart still holds…
        QCOMPARE(g.decide(20).reason, Reason::Cooldown);
        QVERIFY(g.decide(3 + 2500).allowed()); // …with consecutive reset to the base
    }

    void stoppingAfterAStableRunStillCounts()
    {
        RestartGovernor g;
        g.recordRestart(0);
        g.recordRestart(10'000);
        g.onRunning(10'000);
        g.onStopped(10'000 + 130'000); // crashed after 130 s of running
        QCOMPARE(g.snapshot(140'000).consecutive, 0);
        g.onRunning(200'000);
        g.onStopped(205'000); // a short run is not stable
        g.recordRestart(205'000);
        g.recordRestart(300'000);
        QCOMPARE(g.snapshot(300'000).consecutive, 2);
    }

    void shortRunDoesNotReset()
    {
        RestartGovernor g;
        g.recordRestart(0);
        g.onRunning(1'000);
        g.recordRestart(60'000); // crashed after a minute
        QCOMPARE(g.snapshot(60'000).consecutive, 2);
        QCOMPARE(g.currentCooldownMs(), qint64(5000));
    }

    void oldRestartsLeaveTheWindow()
    {
        RestartGovernorConfig c;
        c.stableResetMs = 1'000'000'000; // isolate the window
        RestartGovernor g(c);
        for (qint64 t : {0, 100'000, 200'000, 300'000}) {
            g.recordRestart(t);
        }
        QCOMPARE(g.snapshot(590'000).restartsInWindow, 4);
        QCOMPARE(g.snapshot(600'000).restartsInWindow, 3); // the one at 0 is exactly 10 min old
        QVERIFY(g.decide(600'000).allowed());
    }

    void manualRestartsNeverOpenTheCircuit()
    {
        RestartGovernor g;
        for (int i = 0; i < 10; ++i) {
            g.recordRestart(i * 1000, true);
        }
        auto s = g.snapshot(20'000);
        QCOMPARE(s.manualRestartsInWindow, 10);
        QCOMPARE(s.restartsInWindow, 0);
        QCOMPARE(s.consecutive, 0);
        QCOMPARE(s.executed, quint64(10));
        QVERIFY(g.decide(20'000).allowed());
        QVERIFY(!g.circuitOpen(20'000));
    }

    void manualRestartStartsACooldown()
    {
        RestartGovernor g;
        g.recordRestart(1000, true);
        const auto d = g.decide(2000);
        QCOMPARE(d.reason, Reason::Cooldown);
        QCOMPARE(d.allowedAtMs, qint64(3500)); // base cooldown, not doubled
    }

    void clockGoingBackwardsClearsState()
    {
        RestartGovernor g;
        for (qint64 t : {0, 1, 2, 3}) {
            g.recordRestart(1'000'000 + t);
        }
        QCOMPARE(g.decide(1'000'010).reason, Reason::CircuitOpen);
        // The clock jumps back an hour: no lockout may be computed from the old times.
        const auto d = g.decide(1'000'010 - 3'600'000);
        QVERIFY(d.allowed());
        const auto s = g.snapshot(1'000'010 - 3'600'000);
        QCOMPARE(s.clockResets, quint64(1));
        QCOMPARE(s.consecutive, 0);
        QCOMPARE(s.restartsInWindow, 0);
        QVERIFY(!s.circuitOpenUntilMs);
        QVERIFY(!s.lastRestartAtMs);
        QCOMPARE(s.executed, quint64(4)); // counters are history, kept
    }

    void clockGoingBackwardsWhileRunningCountsTheRunFromNow()
    {
        RestartGovernor g;
        g.recordRestart(500'000);
        g.onRunning(500'000);
        g.decide(0); // jump back
        g.recordRestart(0);
        g.onRunning(1'000);
        QCOMPARE(g.snapshot(100'000).consecutive, 1); // 99 s since the jump: not yet stable
        QCOMPARE(g.snapshot(121'000).consecutive, 0);
    }

    void countersAndSnapshot()
    {
        RestartGovernor g(cooldownOnly());
        QVERIFY(g.decide(0).allowed());
        g.recordRestart(0);
        g.decide(10);
        g.decide(20);
        g.recordRestart(2000, true);
        QCOMPARE(g.executed(), quint64(2));
        QCOMPARE(g.suppressed(), quint64(2));
        const auto s = g.snapshot(2500);
        QCOMPARE(s.executed, quint64(2));
        QCOMPARE(s.suppressed, quint64(2));
        QCOMPARE(s.consecutive, 1);
        QCOMPARE(s.restartsInWindow, 1);
        QCOMPARE(s.manualRestartsInWindow, 1);
        QCOMPARE(s.lastRestartAtMs, std::optional<qint64>(2000));
        QCOMPARE(s.nextAllowedAtMs, qint64(3000));
        QVERIFY(!s.circuitOpenUntilMs);
        QCOMPARE(g.snapshot(3000).nextAllowedAtMs, qint64(3000));
    }

    void snapshotDoesNotOpenTheCircuit()
    {
        RestartGovernor g;
        for (qint64 t : {0, 1, 2, 3}) {
            g.recordRestart(t);
        }
        const auto s = g.snapshot(10'000);
        QCOMPARE(s.nextAllowedAtMs, qint64(610'000)); // what a request now would be told
        QVERIFY(!s.circuitOpenUntilMs);
        QCOMPARE(g.suppressed(), quint64(0));
    }

    // Whatever happens, a suppressed decision carries a finite, positive retry time, and asking
    // again at that time (with nothing else recorded) is allowed. A seeded pseudo-random walk.
    void suppressedDecisionAlwaysHasAReachableRetryTime()
    {
        RestartGovernorConfig c;
        c.baseCooldownMs = 700;
        c.maxCooldownMs = 9'000;
        c.budget = 3;
        c.windowMs = 20'000;
        c.circuitOpenMs = 15'000;
        c.stableResetMs = 30'000;
        RestartGovernor g(c);
        quint32 seed = 12345;
        auto rnd = [&seed](quint32 n) {
            seed = seed * 1103515245u + 12345u;
            return (seed >> 16) % n;
        };
        qint64 now = 0;
        int suppressedSeen = 0;
        int circuitSeen = 0;
        for (int step = 0; step < 3000; ++step) {
            now += rnd(4000);
            switch (rnd(6)) {
            case 0:
                g.onRunning(now);
                break;
            case 1:
                g.onStopped(now);
                break;
            case 2:
                g.recordRestart(now, true);
                break;
            default:
                break;
            }
            const auto d = g.decide(now);
            if (d.allowed()) {
                QCOMPARE(d.retryAfterMs, qint64(0));
                g.recordRestart(now);
                continue;
            }
            ++suppressedSeen;
            circuitSeen += d.reason == Reason::CircuitOpen;
            QVERIFY(d.reason != Reason::None);
            QVERIFY(d.retryAfterMs > 0);
            QVERIFY(d.retryAfterMs <= c.circuitOpenMs + c.maxCooldownMs);
            QCOMPARE(d.allowedAtMs, now + d.retryAfterMs);
            QVERIFY(!d.text.isEmpty());
            now = d.allowedAtMs;
            QVERIFY2(g.decide(now).allowed(), qPrintable(QStringLiteral("step %1").arg(step)));
            g.recordRestart(now);
        }
        QVERIFY(suppressedSeen > 100);
        QVERIFY(circuitSeen > 10);
    }

    void humanDurations_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0 s");
        QTest::newRow("1 ms rounds up") << qint64(1) << QStringLiteral("1 s");
        QTest::newRow("40 s") << qint64(40'000) << QStringLiteral("40 s");
        QTest::newRow("2 min") << qint64(120'000) << QStringLiteral("2 min");
        QTest::newRow("9 min 58 s") << qint64(598'000) << QStringLiteral("9 min 58 s");
        QTest::newRow("1 h") << qint64(3'600'000) << QStringLiteral("1 h");
        QTest::newRow("just under 2 h") << qint64(7'199'000) << QStringLiteral("2 h");
        QTest::newRow("1 h 5 min") << qint64(3'900'000) << QStringLiteral("1 h 5 min");
    }
    void humanDurations()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(humanDuration(ms), text);
    }

    void reasonNames()
    {
        QCOMPARE(RestartGovernor::reasonName(Reason::Cooldown), QStringLiteral("cooldown"));
        QCOMPARE(RestartGovernor::reasonName(Reason::CircuitOpen), QStringLiteral("circuit-open"));
    }
};

QTEST_APPLESS_MAIN(TestPolicyGovernor)
#include "tst_policy_governor.moc"
