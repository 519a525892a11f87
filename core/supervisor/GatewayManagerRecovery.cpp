// GatewayManager: how a start ends, and how the supervisor gets a gateway back after it was lost.
#include "supervisor/GatewayManager.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "policy/StartupRecovery.h"
#include "process/GatewayStateLock.h"
#include "process/OwnershipLease.h"
#include "process/ProcTable.h"
#include "supervisor/DoctorRunner.h"
#include "supervisor/Reducer.h"
#include "supervisor/RunningRecord.h"
#include "supervisor/StartFailure.h"

namespace clawtray {

void GatewayManager::onStartFinished(const StartSequence::Outcome& o)
{
    if (o.ok) {
        dispatch(reducer::StartSucceeded{o});
        return;
    }
    // The state dir's lock is read only when the verdict depends on it.
    reducer::StartFailed failed{o};
    if (startfailure::needsLockOwner(reducer::startFailureFacts(m_run, reducerFacts(), o), startfailure::classify(o)))
        failed.lockOwnerAlive = gatewaylock::liveOwner(LaunchSpec::resolvedStateDir(m_config.launch)).has_value();
    dispatch(failed);
}

void GatewayManager::recordRunning(const StartSequence::Outcome& o)
{
    if (o.port > 0 && o.port != m_config.launch.port) {
        // The state dir's owner serves on its own port: reconnects (and the CLI commands, through
        // OPENCLAW_GATEWAY_PORT) go there until the next fresh start looks again.
        logInfo(QStringLiteral("using port %1 of the gateway that owns the state dir (ClawTray's setting is %2)")
                    .arg(o.port)
                    .arg(m_config.launch.port));
        m_config.launch.port = o.port;
    }
    const qint64 processStart = !o.owned && o.pid > 0 ? proctable::startedAtEpochMs(pid_t(o.pid)) : 0;
    applyRunning(o, m_config.launch.port, processStart, epochMs(), m_status, m_diag);
}

} // namespace clawtray
