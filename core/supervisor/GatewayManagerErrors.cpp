// GatewayManager: the error state is not the end — what it watches to try again by itself.
#include "supervisor/GatewayManager.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"

namespace clawtray {

void GatewayManager::enterError(const GatewayProblem& shown)
{
    // Summaries may quote the gateway's own output (the reason it refused its config).
    GatewayProblem problem = shown;
    const auto redact = [](const QString& t) { return Redactor::instance().redact(t); };
    problem.summary = problem.summary.mapped(redact);
    problem.action = problem.action.mapped(redact);
    logError(QStringLiteral("gateway error: %1%2")
                 .arg(problem.summary.english(),
                      problem.action.isEmpty() ? QString() : QStringLiteral(" — ") + problem.action.english()));
    m_status.lastError = problem;
    closeRestart(QStringLiteral("failed: ") + problem.summary.english(), false);
    if (problem.kind == ProblemKind::AuthRejected)
        Q_EMIT notice(QStringLiteral("auth-failed"), problem.summary);
    // Nothing of ours keeps running in the error state.
    if (m_process.isRunning()) {
        AfterStop then{AfterStop::Kind::ShowProblem};
        then.problem = problem;
        stopInternal(std::move(then));
        return;
    }
    showProblem(problem, false);
}

void GatewayManager::showProblem(const GatewayProblem& problem, bool stoppedOurs)
{
    transition(LifecycleEvent::ProblemFound);
    m_status.pid = stoppedOurs || m_status.owned ? 0 : m_status.pid; // an external gateway's pid stays shown
    watchCause(problem);
    publish();
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
