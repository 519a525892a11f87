#pragma once

#include "supervisor/Effect.h"

#include <QObject>
#include <QTimer>

namespace clawtray {

// The supervisor's timers, each firing as what it is for: the recovery (recoveryDue), the lost
// socket's settle (socketLossSettled), the reload's debounce (debounceDue: the PolicyBook says
// whether it is really due) and the quit deadline (quitDeadline: kill what is left). The executor
// (GatewayManager) hands it the timer effects and turns the signals into the reducer's events.
class SupervisorTimers final : public QObject
{
    Q_OBJECT
public:
    explicit SupervisorTimers(QObject* parent = nullptr);

    // ArmRecoveryTimer, ArmSocketLossTimer, CancelSocketLossTimer, ArmShutdownTimer,
    // CancelShutdownTimer. False: `e` is not a timer effect.
    bool apply(const Effect& e);
    // What a run armed ends: the recovery and the socket loss's settle (CancelTimers).
    void cancelRun();
    bool recoveryArmed() const { return m_recovery.isActive(); }
    void armDebounce(qint64 ms) { m_debounce.start(int(ms)); }
    void cancelDebounce() { m_debounce.stop(); }

Q_SIGNALS:
    void recoveryDue();
    void socketLossSettled();
    void debounceDue();
    void quitDeadline();

private:
    QTimer m_recovery;
    QTimer m_socketLoss; // a lost connection to a live gateway: is it exiting, or only the socket?
    QTimer m_debounce;
    QTimer m_shutdown;
};

} // namespace clawtray
