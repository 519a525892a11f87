// GatewayManager as the reducer's executor: it gathers the facts, keeps the run the reducer
// returns, and carries out each effect in order (docs/ARCHITECTURE.md, "The reducer").
#include "supervisor/GatewayManager.h"

#include "logging/Logging.h"
#include "process/ProcTable.h"
#include "supervisor/DoctorRunner.h"
#include "supervisor/ShownEffects.h"

namespace clawtray {

reducer::Facts GatewayManager::reducerFacts() const
{
    reducer::Facts f;
    f.state = m_status.state;
    f.owned = m_status.owned;
    f.starting = m_startStop.starting();
    f.processAlive = m_process.isRunning();
    f.processExiting = f.processAlive && proctable::exiting(m_process.pid());
    f.serviceManaged = serviceManaged();
    f.recoveryArmed = m_timers.recoveryArmed();
    f.nowMs = epochMs();
    f.defaultRestartExpectedMs = m_config.defaultRestartExpectedMs;
    f.socketLossSettleMs = m_config.socketLossSettleMs;
    f.allowAutoDoctor = m_config.allowAutoDoctor;
    f.configPath = LaunchSpec::resolvedConfigPath(m_config.launch);
    f.lastError = m_status.lastError;
    f.serviceUnit = m_serviceState.unit;
    f.configRefreshable = bool(m_configProvider);
    f.wasConnected = m_status.connectedAtMs > 0;
    f.restartAnnounced = m_diag.restartAnnounced;
    f.handoffSupportKnown = m_handoff.support(m_config.launch) != RestartHandoff::Support::Unknown;
    f.serviceOwnsGateway = m_serviceState.ownsGateway();
    f.serviceCanHandBack = m_serviceState.canHandBack();
    f.connected = m_client.isConnected();
    f.processPid = m_process.pid();
    f.openRestartKind = m_book.history().openKind();
    return f;
}

PolicyBook::Context GatewayManager::bookContext() const
{
    PolicyBook::Context c;
    c.now = {now(), epochMs()};
    c.owned = m_status.owned;
    c.pid = m_status.pid;
    c.recoveryEnabled = !m_run.stopRequested;
    c.recoveryArmed = m_timers.recoveryArmed();
    return c;
}

void GatewayManager::dispatch(const reducer::Event& event)
{
    reducer::Step step = reducer::next(m_run, reducerFacts(), event);
    m_run = std::move(step.run);
    if (!step.ignoredBecause.isEmpty() && !std::holds_alternative<reducer::SocketClosed>(event))
        logDebug(QStringLiteral("%1 in %2: ignored, %3").arg(reducer::eventName(event), gatewayStateName(m_status.state), step.ignoredBecause));
    execute(step.effects);
}

void GatewayManager::execute(const Effects& effects)
{
    for (const Effect& e : effects)
        execute(e);
}

void GatewayManager::execute(const Effect& e)
{
    if (applyShown(e, epochMs(), m_config.launch.port, m_status, m_diag))
        return;
    PolicyBook::Applied booked = m_book.apply(e, bookContext());
    if (booked.answer)
        dispatch(*booked.answer);
    if (booked.handled || m_timers.apply(e))
        return;
    using K = Effect::Kind;
    switch (e.kind) {
    case K::Transition:
        transition(e.event);
        return;
    case K::CancelTimers:
        cancelTimers();
        return;
    case K::StopLiveness:
        m_liveness.stop();
        return;
    case K::Disconnect:
        m_client.disconnectFromGateway();
        return;
    case K::ReleaseLease:
        m_startStop.releaseLease(m_config.leasePath);
        return;
    case K::Notice:
        Q_EMIT notice(e.what, e.text);
        return;
    case K::EnterError:
        dispatch(reducer::ErrorFound{e.problem});
        return;
    case K::Log:
        switch (e.level) {
        case Effect::Level::Error: logError(e.line); return;
        case Effect::Level::Warn: logWarn(e.line); return;
        case Effect::Level::Info: logInfo(e.line); return;
        }
        return;
    case K::ConsumeHandoff:
        m_handoff.consume(m_config.launch, e.exit.pid, m_config.handoffTimeoutMs, thisRun([this, exit = e.exit](const RestartHandoff::Verdict& v) {
            dispatch(reducer::HandoffAnswered{v.accepted, v.reason == QLatin1String("unsupported"), v.describe(), exit});
        }));
        return;
    case K::BeginStart:
        beginStart(e.mode);
        return;
    case K::BeginFreshStart:
        beginFreshStart();
        return;
    case K::Stop:
        stopInternal(e.then ? *e.then : AfterStop{}, e.how);
        return;
    case K::RunDoctor:
        m_doctor->run(m_config.launch, m_config.doctorTimeoutMs,
                      thisRun([this](bool ok, const QString&) { dispatch(m_book.doctorFinished(ok)); }));
        return;
    case K::ArmRetry:
        QTimer::singleShot(int(e.ms), this, thisRun([this] { dispatch(reducer::RetryDue{}); }));
        return;
    case K::RefreshConfig:
        refreshConfig();
        return;
    case K::AbandonRun:
        abandonRun();
        return;
    case K::ServiceControl:
        m_service.control(m_serviceState.unit, e.service, serviceAnswer(e.service, e.reply));
        return;
    case K::Reply:
        if (e.reply)
            e.reply(e.done);
        return;
    case K::AnnounceStopped:
        Q_EMIT stopped();
        for (auto& w : std::exchange(m_shutdownWaiters, {}))
            w();
        return;
    case K::StartAgain:
        start();
        return;
    case K::WatchCause: {
        m_causeWatch.setPortPollMs(m_config.causePortPollMs);
        const auto target = CauseWatch::targetFor(e.problem, m_config.launch.port, LaunchSpec::resolvedConfigPath(m_config.launch),
                                                  m_config.runtimeWatchPaths, m_config.errorRetryMs);
        m_causeWatch.watch(target);
        m_status.pendingAction = m_causeWatch.description();
        m_status.nextRetryAtMs = target.periodicRetryMs > 0 ? epochMs() + target.periodicRetryMs : 0;
        return;
    }
    case K::RecordRunning:
        if (e.outcome)
            recordRunning(*e.outcome);
        return;
    case K::BeginReadiness:
        m_readiness.begin(m_config.launch.port, m_status.owned ? m_status.pid : 0);
        return;
    case K::ProbeHandoff:
        m_handoff.probe(m_config.launch, m_config.handoffTimeoutMs);
        return;
    case K::FlushDeferredRestart:
        flushDeferredRestart();
        return;
    case K::Publish:
        publish();
        return;
    // What only changes the status and the diagnostics: applyShown(), above.
    case K::ForgetPid: case K::ForgetStartTime: case K::Count: case K::Mark: case K::NoteSocketClose:
    case K::SetLastError: case K::SetAttempt: case K::SetPending: case K::SetNextRetry: case K::ClearNextRetry:
    case K::SetPhase: case K::ForgetMisses: case K::ResetRunStatus: case K::NoteRpcFailure:
    // What the policies remember, and their answers: the PolicyBook, above.
    case K::ResetAttempts: case K::Tell: case K::AskGovernor: case K::AskAttempts: case K::ScheduleRecovery:
    case K::OpenRestart: case K::NoteRestart: case K::ProgressRestart: case K::CloseRestart:
    case K::ReloadExecuting: case K::ReloadDeferred: case K::ReloadRequestFailed:
    // The timers: SupervisorTimers, above.
    case K::ArmRecoveryTimer: case K::ArmSocketLossTimer: case K::CancelSocketLossTimer:
    case K::ArmShutdownTimer: case K::CancelShutdownTimer:
        return;
    case K::AskRestart:
        restart(e.reason);
        return;
    case K::RequestInProcessRestart: {
        const qint64 pid = m_status.pid;
        const bool owned = m_status.owned;
        m_client.call(ReloadPolicy::restartRpcMethod(), QJsonObject{{QStringLiteral("reason"), QStringLiteral("ClawTray: settings changed")}},
                      10000, [this, pid, owned](const CallResult& r) { dispatch(reducer::InProcessRestartAnswered{r, pid, owned}); });
        return;
    }
    case K::SignalInProcessRestart:
        m_process.requestInProcessRestart();
        return;
    case K::RequestSafeRestart:
        m_client.call(QStringLiteral("gateway.restart.request"), QJsonObject{{QStringLiteral("reason"), QStringLiteral("ClawTray safe restart")}},
                      15000, [this, reply = e.safeReply](const CallResult& r) { dispatch(reducer::SafeRestartAnswered{r, reply}); });
        return;
    case K::ReplySafeRestart:
        if (e.safeReply)
            e.safeReply(e.safe);
        return;
    case K::AwaitStopped:
        if (e.finished)
            m_shutdownWaiters << e.finished;
        return;
    case K::ReplyQuitSoon:
        if (e.finished)
            QTimer::singleShot(0, this, e.finished);
        return;
    }
}

} // namespace clawtray
