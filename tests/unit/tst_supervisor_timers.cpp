// The supervisor's timers (SupervisorTimers): only the timer effects are theirs, each fires as what
// it is for, and what a run armed ends with the run while the quit deadline and the debounce stay.
#include "supervisor/SupervisorTimers.h"

#include <QSignalSpy>
#include <QTest>

using namespace clawtray;
using K = Effect::Kind;

class TestSupervisorTimers : public QObject
{
    Q_OBJECT

    // The timers and what each said, counted.
    struct Heard
    {
        SupervisorTimers timers;
        QSignalSpy recovery{&timers, &SupervisorTimers::recoveryDue};
        QSignalSpy socketLoss{&timers, &SupervisorTimers::socketLossSettled};
        QSignalSpy quit{&timers, &SupervisorTimers::quitDeadline};
        QSignalSpy debounce{&timers, &SupervisorTimers::debounceDue};
    };

    static Effect arm(K kind, qint64 ms)
    {
        Effect e = Effect::of(kind);
        e.ms = ms;
        return e;
    }

private Q_SLOTS:
    void onlyTheTimerEffectsAreTheirs()
    {
        const QList<K> timerKinds{K::ArmRecoveryTimer, K::ArmSocketLossTimer, K::CancelSocketLossTimer, K::ArmShutdownTimer,
                                  K::CancelShutdownTimer};
        for (int k = 0; k <= int(K::ReplyQuitSoon); ++k) {
            SupervisorTimers timers;
            QVERIFY2(timers.apply(arm(K(k), 60000)) == timerKinds.contains(K(k)), qPrintable(Effect::of(K(k)).describe()));
        }
    }

    void eachFiresAsWhatItIsFor()
    {
        Heard h;
        SupervisorTimers& timers = h.timers;
        timers.apply(arm(K::ArmRecoveryTimer, 1));
        QVERIFY(timers.recoveryArmed());
        QVERIFY(h.recovery.wait());
        QVERIFY(!timers.recoveryArmed());
        timers.apply(arm(K::ArmSocketLossTimer, 1));
        QVERIFY(h.socketLoss.wait());
        timers.apply(arm(K::ArmShutdownTimer, 1));
        QVERIFY(h.quit.wait());
        timers.armDebounce(1);
        QVERIFY(h.debounce.wait());
        QCOMPARE(h.recovery.count() + h.socketLoss.count() + h.quit.count() + h.debounce.count(), 4);
    }

    void theRunsTimersEndWithTheRun()
    {
        Heard h;
        SupervisorTimers& timers = h.timers;
        timers.apply(arm(K::ArmRecoveryTimer, 20));
        timers.apply(arm(K::ArmSocketLossTimer, 20));
        timers.apply(arm(K::ArmShutdownTimer, 40));
        timers.armDebounce(30);
        timers.cancelRun();
        QVERIFY(!timers.recoveryArmed());
        // The quit deadline fires last of what is left; by then the cancelled ones would have fired.
        QVERIFY(h.quit.wait());
        QTRY_COMPARE(h.debounce.count(), 1);
        QCOMPARE(h.recovery.count(), 0);
        QCOMPARE(h.socketLoss.count(), 0);

        timers.apply(arm(K::ArmShutdownTimer, 20));
        timers.apply(arm(K::ArmSocketLossTimer, 20));
        timers.apply(Effect::of(K::CancelShutdownTimer));
        timers.apply(Effect::of(K::CancelSocketLossTimer));
        timers.armDebounce(40);
        timers.cancelDebounce();
        timers.apply(arm(K::ArmRecoveryTimer, 60));
        QVERIFY(h.recovery.wait());
        QCOMPARE(h.quit.count(), 1);
        QCOMPARE(h.socketLoss.count(), 0);
        QCOMPARE(h.debounce.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSupervisorTimers)
#include "tst_supervisor_timers.moc"
