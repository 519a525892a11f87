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
#include "supervisor/StartFailure.h"

namespace clawtray {

namespace {

// "The gateway rejected its configuration: <its own line, redacted>".
// An invalid configuration, with the gateway's own line saying why (its words, redacted).
UserText withGatewayReason(const StartupRecovery::Classification& cls)
{
    if (cls.gatewayReason.isEmpty())
        return cls.explanation;
    return UserText(QT_TRANSLATE_NOOP("UserText", "The gateway rejected its configuration: %1"))
        .arg(Redactor::instance().redact(cls.gatewayReason));
}

} // namespace

void GatewayManager::onSequenceFinished(const StartSequence::Outcome& o)
{
    if (o.ok)
        enterRunning(o);
    else
        handleStartFailure(o);
}

void GatewayManager::enterRunning(const StartSequence::Outcome& o)
{
    m_causeWatch.cancel();
    const bool reconnected = m_status.state == GatewayState::Reconnecting;
    // Back after a failure (a crash, a lost connection): worth a notice. Back after a restart the
    // gateway announced (the user's safe restart, a reload) is what was asked for: no notice.
    const bool recovered = reconnected && !std::exchange(m_diag.restartAnnounced, false);
    cancelTimers();
    m_status.owned = o.owned;
    m_status.pid = o.pid;
    if (o.port > 0 && o.port != m_config.launch.port) {
        // The state dir's owner serves on its own port: reconnects (and the CLI commands, through
        // OPENCLAW_GATEWAY_PORT) go there until the next fresh start looks again.
        logInfo(QStringLiteral("using port %1 of the gateway that owns the state dir (ClawTray's setting is %2)")
                    .arg(o.port)
                    .arg(m_config.launch.port));
        m_config.launch.port = o.port;
    }
    m_status.port = m_config.launch.port;
    if (!o.owned) {
        // Someone else's gateway (the service's, one started by hand): its uptime is its process's.
        const qint64 processStart = o.pid > 0 ? proctable::startedAtEpochMs(pid_t(o.pid)) : 0;
        m_status.startedAtMs = processStart > 0 ? processStart : (m_status.startedAtMs ? m_status.startedAtMs : epochMs());
    } else if (m_status.startedAtMs == 0) {
        m_status.startedAtMs = epochMs();
    }
    m_status.connectedAtMs = epochMs();
    m_status.gatewayVersion = o.hello.serverVersion;
    m_status.bootId = o.hello.bootId;
    m_status.reconnectAttempt = 0;
    m_status.lastError = GatewayProblem{};
    m_diag.gatewayVersion = o.hello.serverVersion;
    m_diag.gatewayBuildId = o.hello.buildId;
    m_diag.unresponsive = false;
    m_diag.verifying = false;
    m_diag.externalUnavailable = false;
    m_diag.consecutiveRpcFailures = 0;
    m_run.expectInProcessRestart = false;
    if (reconnected)
        ++m_diag.reconnectSuccesses;
    m_backoff.onConnected(now());
    m_governor.onRunning(now());
    transition(LifecycleEvent::Ready);
    closeRestart(QStringLiteral("ok"), true);
    m_reload.running(o.owned, o.pid);
    if (recovered)
        Q_EMIT notice(QStringLiteral("recovered"), UserText(QT_TRANSLATE_NOOP("UserText", "The gateway is running again.")));
    m_readiness.begin(m_config.launch.port, m_status.owned ? m_status.pid : 0); // channel readiness, apart from up/down
    if (o.owned && m_handoff.support(m_config.launch) == RestartHandoff::Support::Unknown)
        m_handoff.probe(m_config.launch, m_config.handoffTimeoutMs); // ready before the gateway asks for one
    publish();
    flushDeferredRestart();
}

void GatewayManager::handleStartFailure(const StartSequence::Outcome& o)
{
    const bool recovering = m_status.state == GatewayState::Reconnecting;
    m_diag.restartAnnounced = false; // it did not come back as announced: what follows is a recovery
    m_status.lastError = o.problem;
    const auto cls = startfailure::classify(o);
    startfailure::Facts f;
    f.fatal = o.fatal;
    f.recovering = recovering;
    f.owned = o.owned;
    f.processAlive = m_process.isRunning();
    f.neverReady = o.problem.kind == ProblemKind::NotReady;
    f.lockAttachRetried = m_run.lockAttachRetried;
    if (startfailure::needsLockOwner(f, cls))
        f.lockOwnerAlive = gatewaylock::liveOwner(LaunchSpec::resolvedStateDir(m_config.launch)).has_value();
    switch (startfailure::decide(f, cls)) {
    case startfailure::Verdict::ShowAsReported:
        enterError(o.problem);
        return;
    case startfailure::Verdict::AttachToLockOwner:
        m_run.lockAttachRetried = true;
        logInfo(QStringLiteral("the gateway exited because another gateway owns the state dir; attaching to that one"));
        beginFreshStart();
        return;
    case startfailure::Verdict::ShowClassified:
        enterError(startfailure::classifiedProblem(o.problem, cls));
        return;
    case startfailure::Verdict::StopThenRestart: {
        AfterStop then{AfterStop::Kind::RecoverProcess};
        then.reason = QStringLiteral("gateway never became ready");
        stopInternal(std::move(then));
        return;
    }
    case startfailure::Verdict::RecoverReconnect:
        scheduleRecovery(RecoveryKind::ReconnectExternal, o.problem.summary.english(), QStringLiteral("supervisor"));
        return;
    case startfailure::Verdict::RecoverReattach:
        scheduleRecovery(RecoveryKind::Reattach, o.problem.summary.english(), QStringLiteral("supervisor"));
        return;
    case startfailure::Verdict::RecoverRestart:
        scheduleRecovery(RecoveryKind::ProcessRestart, o.problem.summary.english(), QStringLiteral("supervisor"));
        return;
    case startfailure::Verdict::NextAttempt:
        break;
    }
    if (!m_attempts)
        m_attempts = std::make_unique<StartAttempts>(m_config.startAttempts);
    auto step = m_attempts->next(cls);
    if (step.action == StartAttempts::Action::RunDoctor && !m_config.allowAutoDoctor) {
        GatewayProblem p = o.problem;
        p.kind = ProblemKind::InvalidConfig;
        p.summary = withGatewayReason(cls);
        p.action = UserText(QT_TRANSLATE_NOOP("UserText", "Fix %1 or run `openclaw doctor --fix` (the Run doctor --fix "
                                                          "button); ClawTray starts the gateway again when the file "
                                                          "changes."))
                       .arg(LaunchSpec::resolvedConfigPath(m_config.launch));
        p.actionId = ProblemAction::DoctorFix;
        enterError(p);
        return;
    }
    // The next step runs right away, or once the still-running child has been stopped (e.g. it
    // never became ready: it is not left running). A stop meanwhile replaces it.
    if (m_process.isRunning()) {
        AfterStop then{AfterStop::Kind::ConcludeStartFailure};
        then.step = step;
        then.failure = cls;
        stopInternal(std::move(then));
    } else {
        concludeStartFailure(step, cls);
    }
}

void GatewayManager::retryStartAfter(qint64 delayMs)
{
    // The delayed step checks the lifecycle epoch current when it was armed: a stop or a newer
    // start in between makes it a no-op.
    const quint64 epoch = m_run.epoch;
    m_status.pendingAction = UserText(QT_TRANSLATE_NOOP("UserText", "retrying start in %1")).duration(delayMs);
    m_status.nextRetryAtMs = epochMs() + delayMs;
    publish();
    QTimer::singleShot(int(delayMs), this, [this, epoch] {
        if (epoch != m_run.epoch)
            return;
        cancelTimers();
        beginFreshStart();
    });
}

void GatewayManager::concludeStartFailure(const StartAttempts::Step& step, const StartupRecovery::Classification& cls)
{
    transition(LifecycleEvent::StartRetried);
    if (step.action == StartAttempts::Action::RunDoctor) {
        const quint64 epoch = m_run.epoch;
        setPhase(UserText(QT_TRANSLATE_NOOP("UserText", "running openclaw doctor --fix")));
        m_doctor->run(m_config.launch, m_config.doctorTimeoutMs, [this, epoch](bool ok, const QString&) {
            if (epoch != m_run.epoch)
                return;
            const auto next = m_attempts->onDoctorFinished(ok);
            if (next.action == StartAttempts::Action::Retry)
                retryStartAfter(next.delayMs);
            else
                enterError({ProblemKind::InvalidConfig, next.explanation, next.suggestedAction, ProblemAction::DoctorFix, epochMs()});
        });
        return;
    }
    if (step.action == StartAttempts::Action::Retry) {
        retryStartAfter(step.delayMs);
        return;
    }
    GatewayProblem p = m_status.lastError;
    p.summary = step.explanation.isEmpty() ? p.summary : step.explanation;
    p.action = step.suggestedAction.isEmpty() ? cls.suggestedAction : step.suggestedAction;
    if (cls.kind == StartupRecovery::Kind::InvalidConfig) {
        p.kind = ProblemKind::InvalidConfig;
        p.actionId = ProblemAction::DoctorFix;
        p.summary = withGatewayReason(cls);
        p.action = UserText(QT_TRANSLATE_NOOP("UserText", "Fix %1 (or run doctor --fix); ClawTray starts the gateway "
                                                          "again when the file changes."))
                       .arg(LaunchSpec::resolvedConfigPath(m_config.launch));
    } else if (cls.kind == StartupRecovery::Kind::PortInUse) {
        p.kind = ProblemKind::PortInUse;
        p.actionId = ProblemAction::ChangePort;
    }
    enterError(p);
}

void GatewayManager::onProcessFinished(const ExitInfo& e)
{
    // The one subscriber of GatewayProcess::finished. The start sequence under way when the exit
    // arrived hears of it after the manager (it may be waiting for this exit to spawn, or report
    // its own process's exit); a sequence that what follows a stop begins did not see this process.
    StartSequence* const running = m_sequence.get();
    if (e.stopRequested) {
        continueAfterStop(std::exchange(m_run.afterStop, AfterStop{}));
        if (running && running == m_sequence.get())
            running->processFinished(e);
        return;
    }
    if (running) {
        running->processFinished(e); // the start sequence reports it
        return;
    }
    dispatch(reducer::ProcessExited{e});
}

void GatewayManager::scheduleRecovery(RecoveryKind kind, const QString& reason, const QString& requestedBy)
{
    dispatch(reducer::RecoveryAsked{kind, reason, requestedBy, m_backoff.decide(now(), !m_run.stopRequested, m_recoveryTimer.isActive())});
}

} // namespace clawtray
