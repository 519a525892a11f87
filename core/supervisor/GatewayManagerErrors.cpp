// GatewayManager: the error state is not the end — what it watches to try again by itself.
#include "supervisor/GatewayManager.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"

namespace clawtray {

void GatewayManager::enterError(const GatewayProblem& problem)
{
    dispatch(reducer::ErrorFound{problem});
}

void GatewayManager::watchCause(const GatewayProblem& problem)
{
    m_causeWatch.setPortPollMs(m_config.causePortPollMs);
    const auto target = CauseWatch::targetFor(problem, m_config.launch.port, LaunchSpec::resolvedConfigPath(m_config.launch),
                                              m_config.runtimeWatchPaths, m_config.errorRetryMs);
    m_causeWatch.watch(target);
    m_status.pendingAction = m_causeWatch.description();
    m_status.nextRetryAtMs = target.periodicRetryMs > 0 ? epochMs() + target.periodicRetryMs : 0;
}

void GatewayManager::retryAfterCause(const QString& what)
{
    if (m_status.state != GatewayState::Error || m_sequence)
        return;
    logInfo(QStringLiteral("%1: starting the gateway again").arg(what));
    start();
}

} // namespace clawtray
