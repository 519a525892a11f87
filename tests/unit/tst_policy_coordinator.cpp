#include "policy/RestartCoordinator.h"

#include <QtTest>

using namespace clawtray;
using Outcome = RestartCoordinator::Outcome;

class TestPolicyCoordinator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idleRequestExecutesNow()
    {
        RestartCoordinator c;
        const auto t = c.requestRestart(100, false);
        QCOMPARE(t.outcome, Outcome::ExecuteNow);
        QVERIFY(t.id != 0);
        QVERIFY(c.inFlight());
        QCOMPARE(c.inFlightId(), t.id);
        QCOMPARE(c.inFlightReservedAt(), std::optional<qint64>(100));
    }

    void concurrentRequestsJoinTheOneInFlight()
    {
        RestartCoordinator c;
        const auto first = c.requestRestart(0, false);
        QCOMPARE(c.onRestartStarted(5), first.id);
        // Busy or not, a restart in flight is joined, never queued behind itself.
        for (bool busy : {false, true, true}) {
            const auto t = c.requestRestart(10, busy);
            QCOMPARE(t.outcome, Outcome::JoinInFlight);
            QCOMPARE(t.id, first.id);
        }
        QVERIFY(!c.hasDeferred());
        c.onRestartFinished(50, true);
        QVERIFY(!c.inFlight());
        const auto next = c.requestRestart(60, false);
        QCOMPARE(next.outcome, Outcome::ExecuteNow);
        QVERIFY(next.id != first.id);
    }

    void requestsDuringGovernorWaitJoin()
    {
        // ExecuteNow reserves the restart while the supervisor waits for the governor's retry
        // time, so a second request does not start a second restart.
        RestartCoordinator c;
        const auto first = c.requestRestart(0, false);
        QCOMPARE(c.inFlightStartedAt(), std::nullopt);
        QCOMPARE(c.requestRestart(300, false).outcome, Outcome::JoinInFlight);
        QCOMPARE(c.onRestartStarted(2500), first.id);
        QCOMPARE(c.inFlightStartedAt(), std::optional<qint64>(2500));
    }

    // Reference §7.4: deferred while starting, reconnecting or holding the start lock (the
    // supervisor folds those into `busy`).
    void busyRequestIsDeferredOnce()
    {
        RestartCoordinator c;
        const auto a = c.requestRestart(1000, true);
        const auto b = c.requestRestart(1500, true);
        QCOMPARE(a.outcome, Outcome::Deferred);
        QCOMPARE(b.outcome, Outcome::Deferred);
        QCOMPARE(a.id, b.id); // one deferred restart for all of them
        QVERIFY(!c.inFlight());
        QCOMPARE(c.deferredSince(), std::optional<qint64>(1000)); // the FIRST request's time
        QVERIFY(c.takeDeferred(3000));
        QVERIFY(!c.hasDeferred());
        QCOMPARE(c.inFlightId(), a.id); // the waiters' ticket is now the running restart
        QVERIFY(!c.takeDeferred(3001)); // executed once
    }

    // Reference §7.5: a deferred restart requested at T is dropped if a restart completed at or
    // after T; kept if the last one completed before T.
    void deferredDroppedIfARestartCompletedSince_data()
    {
        QTest::addColumn<qint64>("completedAt");
        QTest::addColumn<bool>("execute");
        QTest::newRow("completed before T") << qint64(999) << true;
        QTest::newRow("completed at T") << qint64(1000) << false;
        QTest::newRow("completed after T") << qint64(1001) << false;
    }
    void deferredDroppedIfARestartCompletedSince()
    {
        QFETCH(qint64, completedAt);
        QFETCH(bool, execute);
        RestartCoordinator c;
        c.recordRestartCompleted(completedAt); // e.g. an in-process restart (close 1012)
        c.requestRestart(1000, true);
        QCOMPARE(c.takeDeferred(2000), execute);
        QVERIFY(!c.hasDeferred()); // dropped or taken, it is gone either way
    }

    void deferredDroppedAfterSuccessfulRestartOfOurs()
    {
        RestartCoordinator c;
        c.requestRestart(1000, true); // deferred at T=1000
        c.requestRestart(1100, true);
        const auto t = c.requestRestart(1200, false); // became idle and a new request came first
        QCOMPARE(t.outcome, Outcome::ExecuteNow);
        QVERIFY(!c.hasDeferred()); // absorbed: this restart serves the deferred waiters too
        c.onRestartFinished(4000, true);
        QVERIFY(!c.takeDeferred(4000));
    }

    void deferredKeptAfterFailedRestart()
    {
        RestartCoordinator c;
        c.requestRestart(0, false);
        c.onRestartStarted(0);
        c.onRestartFinished(500, false); // failed: nothing was applied
        c.requestRestart(1000, true);
        QVERIFY(c.takeDeferred(2000));
        QCOMPARE(c.lastCompletedAt(), std::nullopt);
    }

    void takeDeferredWaitsForAnInFlightRestart()
    {
        RestartCoordinator c;
        c.requestRestart(100, true); // deferred
        c.onRestartStarted(200);     // a restart the supervisor initiated itself
        QVERIFY(!c.takeDeferred(300));
        QVERIFY(c.hasDeferred()); // kept, not lost
        c.onRestartFinished(400, true);
        QVERIFY(!c.takeDeferred(500)); // that restart completed after T=100: satisfied
    }

    void dropDeferredOnStop()
    {
        RestartCoordinator c;
        c.requestRestart(0, true);
        c.dropDeferred();
        QVERIFY(!c.takeDeferred(10));
    }

    void nothingDeferredNothingTaken()
    {
        RestartCoordinator c;
        QVERIFY(!c.takeDeferred(0));
        QVERIFY(!c.inFlight());
    }

    void ticketIdsAreUniqueAndNonZero()
    {
        RestartCoordinator c;
        QSet<quint64> ids;
        for (int i = 0; i < 5; ++i) {
            const auto t = c.requestRestart(i * 10, false);
            QVERIFY(t.id != 0);
            ids.insert(t.id);
            c.onRestartFinished(i * 10 + 5, true);
        }
        QCOMPARE(ids.size(), 5);
    }

    void debounceCoalescesABurst()
    {
        // 5 requests within 1 s, 1200 ms debounce: one restart at last + 1200.
        RestartCoordinator c;
        qint64 fireAt = 0;
        for (qint64 t : {0, 250, 500, 750, 1000}) {
            fireAt = c.debounce(t, 1200);
            QCOMPARE(fireAt, t + 1200);
            QVERIFY(!c.debounceDue(t + 1));
        }
        QCOMPARE(c.debounceFireAt(), std::optional<qint64>(2200));
        QVERIFY(!c.debounceDue(1200)); // the first request's deadline no longer counts
        QVERIFY(!c.debounceDue(2199));
        QVERIFY(c.debounceDue(2200));
        QVERIFY(!c.debounceDue(2201)); // exactly once
        QVERIFY(!c.debounceDue(99'999));
    }

    void debounceCancelAndZeroDelay()
    {
        RestartCoordinator c;
        c.debounce(0, 1000);
        c.cancelDebounce();
        QVERIFY(!c.debounceDue(5000));
        QCOMPARE(c.debounce(100, -50), qint64(100)); // negative delay = now
        QVERIFY(c.debounceDue(100));
    }

    void debounceFiresWhenTheClockGoesBackwards()
    {
        RestartCoordinator c;
        c.debounce(1'000'000, 1200);
        QVERIFY(!c.debounceDue(1'000'500));
        QVERIFY(c.debounceDue(10)); // a jump back must not postpone the restart by ~1000 s
    }
};

QTEST_APPLESS_MAIN(TestPolicyCoordinator)
#include "tst_policy_coordinator.moc"
