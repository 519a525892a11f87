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
        SupervisorTimers timers;
        QSignalSpy recovery(&timers, &SupervisorTimers::recoveryDue);
        QSignalSpy socketLoss(&timers, &SupervisorTimers::socketLossSettled);
        QSignalSpy quit(&timers, &SupervisorTimers::quitDeadline);
        QSignalSpy debounce(&timers, &SupervisorTimers::debounceDue);
        timers.apply(arm(K::ArmRecoveryTimer, 1));
        QVERIFY(timers.recoveryArmed());
        QVERIFY(recovery.wait());
        QVERIFY(!timers.recoveryArmed());
        timers.apply(arm(K::ArmSocketLossTimer, 1));
        QVERIFY(socketLoss.wait());
        timers.apply(arm(K::ArmShutdownTimer, 1));
        QVERIFY(quit.wait());
        timers.armDebounce(1);
        QVERIFY(debounce.wait());
        QCOMPARE(recovery.count() + socketLoss.count() + quit.count() + debounce.count(), 4);
    }

    void theRunsTimersEndWithTheRun()
    {
        SupervisorTimers timers;
        QSignalSpy recovery(&timers, &SupervisorTimers::recoveryDue);
        QSignalSpy socketLoss(&timers, &SupervisorTimers::socketLossSettled);
        QSignalSpy quit(&timers, &SupervisorTimers::quitDeadline);
        QSignalSpy debounce(&timers, &SupervisorTimers::debounceDue);
        timers.apply(arm(K::ArmRecoveryTimer, 20));
        timers.apply(arm(K::ArmSocketLossTimer, 20));
        timers.apply(arm(K::ArmShutdownTimer, 40));
        timers.armDebounce(30);
        timers.cancelRun();
        QVERIFY(!timers.recoveryArmed());
        // The quit deadline fires last of what is left; by then the cancelled ones would have fired.
        QVERIFY(quit.wait());
        QCOMPARE(debounce.count(), 1);
        QCOMPARE(recovery.count(), 0);
        QCOMPARE(socketLoss.count(), 0);

        timers.apply(arm(K::ArmShutdownTimer, 20));
        timers.apply(arm(K::ArmSocketLossTimer, 20));
        timers.apply(Effect::of(K::CancelShutdownTimer));
        timers.apply(Effect::of(K::CancelSocketLossTimer));
        timers.armDebounce(40);
        timers.cancelDebounce();
        timers.apply(arm(K::ArmRecoveryTimer, 60));
        QVERIFY(recovery.wait());
        QCOMPARE(quit.count(), 1);
        QCOMPARE(socketLoss.count(), 0);
        QCOMPARE(debounce.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSupervisorTimers)
#include "tst_supervisor_timers.moc"
