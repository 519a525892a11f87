#include "supervisor/SupervisorTimers.h"

namespace clawtray {

SupervisorTimers::SupervisorTimers(QObject* parent)
    : QObject(parent)
{
    for (QTimer* t : {&m_recovery, &m_socketLoss, &m_debounce, &m_shutdown})
        t->setSingleShot(true);
    // A backoff's delay and a debounce are promises shown to the user ("reconnecting in 4 s").
    m_recovery.setTimerType(Qt::PreciseTimer);
    m_debounce.setTimerType(Qt::PreciseTimer);
    connect(&m_recovery, &QTimer::timeout, this, &SupervisorTimers::recoveryDue);
    connect(&m_socketLoss, &QTimer::timeout, this, &SupervisorTimers::socketLossSettled);
    connect(&m_debounce, &QTimer::timeout, this, &SupervisorTimers::debounceDue);
    connect(&m_shutdown, &QTimer::timeout, this, &SupervisorTimers::quitDeadline);
}

bool SupervisorTimers::apply(const Effect& e)
{
    using K = Effect::Kind;
    switch (e.kind) {
    case K::ArmRecoveryTimer: m_recovery.start(int(e.ms)); return true;
    case K::ArmSocketLossTimer: m_socketLoss.start(int(e.ms)); return true;
    case K::CancelSocketLossTimer: m_socketLoss.stop(); return true;
    case K::ArmShutdownTimer: m_shutdown.start(int(e.ms)); return true;
    case K::CancelShutdownTimer: m_shutdown.stop(); return true;
    default: return false;
    }
}

void SupervisorTimers::cancelRun()
{
    m_recovery.stop();
    m_socketLoss.stop();
}

} // namespace clawtray
