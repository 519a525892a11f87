// The reducer's steps for the user's start, stop and restart, and for how a start ends
// (docs/ARCHITECTURE.md, "The reducer").
#include "supervisor/ReducerSteps.h"

#include "logging/Redactor.h"
#include "supervisor/Intents.h"

namespace clawtray::reducer::steps {

namespace {

// "The gateway rejected its configuration: <its own line, redacted>", or StartupRecovery's words
// when it said nothing.
UserText withGatewayReason(const StartupRecovery::Classification& cls)
{
    if (cls.gatewayReason.isEmpty())
        return cls.explanation;
    return UserText(QT_TRANSLATE_NOOP("UserText", "The gateway rejected its configuration: %1"))
        .arg(Redactor::instance().redact(cls.gatewayReason));
}

// The delayed step checks the run it was armed in: a stop or a newer start in between voids it.
void retryAfter(Step& s, qint64 delayMs)
{
    s.effects << Effect::pending(UserText(QT_TRANSLATE_NOOP("UserText", "retrying start in %1")).duration(delayMs, DurationStyle::Wait))
              << Effect::nextRetryIn(delayMs) << Effect::of(K::Publish) << Effect::armRetry(delayMs);
}

} // namespace

Step startFailed(LifecycleRun run, const Facts& f, const StartFailed& sf)
{
    const StartSequence::Outcome& o = sf.outcome;
    const auto cls = startfailure::classify(o);
    startfailure::Facts facts = startFailureFacts(run, f, o);
    facts.lockOwnerAlive = sf.lockOwnerAlive;
    Step s;
    // It did not come back as announced: what follows is a recovery.
    s.effects << Effect::mark(Effect::Flag::RestartAnnounced, false) << Effect::lastError(o.problem);
    const QString why = o.problem.summary.english();
    const QString bySupervisor = QStringLiteral("supervisor");
    switch (startfailure::decide(facts, cls)) {
    case startfailure::Verdict::ShowAsReported:
        s.effects << Effect::error(o.problem);
        break;
    case startfailure::Verdict::AttachToLockOwner:
        run.lockAttachRetried = true;
        s.effects << Effect::log(Effect::Level::Info,
                                 QStringLiteral("the gateway exited because another gateway owns the state dir; attaching to that one"))
                  << Effect::of(K::BeginFreshStart);
        break;
    case startfailure::Verdict::ShowClassified:
        s.effects << Effect::error(startfailure::classifiedProblem(o.problem, cls));
        break;
    case startfailure::Verdict::StopThenRestart: {
        AfterStop then{AfterStop::Kind::RecoverProcess};
        then.reason = QStringLiteral("gateway never became ready");
        s.effects << Effect::stop(std::move(then), StopHow::Graceful);
        break;
    }
    case startfailure::Verdict::RecoverReconnect:
        s.effects << Effect::scheduleRecovery(RecoveryKind::ReconnectExternal, why, bySupervisor);
        break;
    case startfailure::Verdict::RecoverReattach:
        s.effects << Effect::scheduleRecovery(RecoveryKind::Reattach, why, bySupervisor);
        break;
    case startfailure::Verdict::RecoverRestart:
        s.effects << Effect::scheduleRecovery(RecoveryKind::ProcessRestart, why, bySupervisor);
        break;
    case startfailure::Verdict::NextAttempt:
        s.effects << Effect::askAttempts(cls);
        break;
    }
    s.run = std::move(run);
    return s;
}

Step concludeStart(LifecycleRun run, const Facts& f, const ConcludeStart& c)
{
    if (f.state != GatewayState::Starting && f.state != GatewayState::Reconnecting && f.state != GatewayState::Stopping)
        return ignored(std::move(run), QStringLiteral("a failed start concludes from the start that failed, or after stopping its process"));
    Step s;
    s.effects << Effect::transition(LifecycleEvent::StartRetried);
    switch (c.step.action) {
    case StartAttempts::Action::RunDoctor:
        s.effects << Effect::phase(UserText(QT_TRANSLATE_NOOP("UserText", "running openclaw doctor --fix"))) << Effect::of(K::Publish)
                  << Effect::of(K::RunDoctor);
        break;
    case StartAttempts::Action::Retry:
        retryAfter(s, c.step.delayMs);
        break;
    case StartAttempts::Action::Fail: {
        const StartupRecovery::Classification& cls = c.failure;
        GatewayProblem p = f.lastError;
        p.summary = c.step.explanation.isEmpty() ? p.summary : c.step.explanation;
        p.action = c.step.suggestedAction.isEmpty() ? cls.suggestedAction : c.step.suggestedAction;
        if (cls.kind == StartupRecovery::Kind::InvalidConfig) {
            p.kind = ProblemKind::InvalidConfig;
            p.actionId = ProblemAction::DoctorFix;
            p.summary = withGatewayReason(cls);
            p.action = UserText(QT_TRANSLATE_NOOP("UserText", "Fix %1 (or run doctor --fix); ClawTray starts the gateway "
                                                              "again when the file changes."))
                           .arg(f.configPath);
        } else if (cls.kind == StartupRecovery::Kind::PortInUse) {
            p.kind = ProblemKind::PortInUse;
            p.actionId = ProblemAction::ChangePort;
        }
        s.effects << Effect::error(p);
        break;
    }
    }
    s.run = std::move(run);
    return s;
}

Step attemptDecided(LifecycleRun run, const Facts& f, const AttemptDecided& a)
{
    Step s;
    if (a.step.action == StartAttempts::Action::RunDoctor && !f.allowAutoDoctor) {
        GatewayProblem p = f.lastError;
        p.kind = ProblemKind::InvalidConfig;
        p.summary = withGatewayReason(a.failure);
        p.action = UserText(QT_TRANSLATE_NOOP("UserText", "Fix %1 or run `openclaw doctor --fix` (the Run doctor --fix "
                                                          "button); ClawTray starts the gateway again when the file "
                                                          "changes."))
                       .arg(f.configPath);
        p.actionId = ProblemAction::DoctorFix;
        s.effects << Effect::error(p);
        s.run = std::move(run);
        return s;
    }
    // The next step runs right away, or once the still-running child has been stopped (e.g. it
    // never became ready: it is not left running). A stop meanwhile replaces it.
    if (f.processAlive) {
        AfterStop then{AfterStop::Kind::ConcludeStartFailure};
        then.step = a.step;
        then.failure = a.failure;
        s.effects << Effect::stop(std::move(then), StopHow::Graceful);
        s.run = std::move(run);
        return s;
    }
    return concludeStart(std::move(run), f, ConcludeStart{a.step, a.failure});
}

Step doctorDecided(LifecycleRun run, const Facts& f, const DoctorDecided& d)
{
    Step s;
    if (d.step.action == StartAttempts::Action::Retry)
        retryAfter(s, d.step.delayMs);
    else
        s.effects << Effect::error({ProblemKind::InvalidConfig, d.step.explanation, d.step.suggestedAction, ProblemAction::DoctorFix, f.nowMs});
    s.run = std::move(run);
    return s;
}

Step retryDue(LifecycleRun run)
{
    Step s;
    s.effects << Effect::of(K::CancelTimers) << Effect::of(K::BeginFreshStart);
    s.run = std::move(run);
    return s;
}

Step startAsked(LifecycleRun run, const Facts& f)
{
    Step s;
    switch (intents::onStart(intentFacts(f))) {
    case intents::OnStart::Ignore:
        return ignored(std::move(run), QStringLiteral("already starting or running"));
    case intents::OnStart::StartAfterStop:
        run.startAfterStop = true;
        s.effects << Effect::log(Effect::Level::Info, QStringLiteral("start requested while stopping; it follows the stop"));
        s.run = std::move(run);
        return s;
    case intents::OnStart::Start:
        break;
    }
    ++run.generation;
    run.stopRequested = false;
    run.killOnRecovery = false;
    run.lockAttachRetried = false;
    s.effects << Effect::of(K::CancelTimers);
    // What can change on disk meanwhile (the runtime, the token openclaw.json resolves to), so that
    // a retry after the user fixed something uses the fix; not while a process of ours still runs.
    if (f.configRefreshable && !f.processAlive && f.state != GatewayState::Reconnecting)
        s.effects << Effect::of(K::RefreshConfig);
    s.effects << Effect::tell(Effect::Policy::BackoffReset) << Effect::of(K::ResetAttempts) << Effect::lastError(GatewayProblem{})
              << Effect::attempt(0) << Effect::mark(Effect::Flag::Unresponsive, false)
              << Effect::mark(Effect::Flag::ExternalUnavailable, false) << Effect::transition(LifecycleEvent::StartRequested)
              << Effect::of(K::BeginFreshStart);
    s.run = std::move(run);
    return s;
}

Step stopAsked(LifecycleRun run, const Facts& f, const StopAsked& a)
{
    const intents::OnStop what = intents::onStop(intentFacts(f));
    if (what == intents::OnStop::Ignore)
        return ignored(std::move(run), QStringLiteral("already stopped"));
    run.stopRequested = true;
    Step s;
    if (what == intents::OnStop::StopService)
        s.effects << Effect::of(K::AbandonRun) << Effect::transition(LifecycleEvent::StopBegun)
                  << Effect::phase(UserText(QT_TRANSLATE_NOOP("UserText", "stopping %1")).arg(f.serviceUnit)) << Effect::of(K::Publish)
                  << Effect::serviceControl(OpenClawService::Action::Stop);
    else
        s.effects << Effect::stop(AfterStop{AfterStop::Kind::FinishStop}, a.how);
    s.run = std::move(run);
    return s;
}

Step restartBegins(LifecycleRun run, const Facts& f, const RestartBegins& r)
{
    const intents::RestartPath path = intents::restartPath(intentFacts(f));
    const QString kind = path == intents::RestartPath::Service     ? QStringLiteral("service")
                         : path == intents::RestartPath::Reconnect ? QStringLiteral("reconnect")
                                                                   : QStringLiteral("process");
    run.stopRequested = false;
    Step s;
    s.effects << Effect::tell(Effect::Policy::CoordinatorRestartStarted) << Effect::tell(Effect::Policy::GovernorUserRestart)
              << Effect::count(Effect::Counter::RestartsExecuted)
              << Effect::openRestart(r.reason, QStringLiteral("user"), kind, QStringLiteral("in progress")) << Effect::of(K::ResetAttempts);
    switch (path) {
    case intents::RestartPath::Service:
        // OpenClaw's service runs it: systemd restarts it, ClawTray attaches to the new process.
        ++run.generation;
        s.effects << Effect::of(K::CancelTimers) << Effect::of(K::StopLiveness) << Effect::of(K::Disconnect)
                  << Effect::transition(LifecycleEvent::RestartBegun) << Effect::of(K::ForgetPid)
                  << Effect::phase(UserText(QT_TRANSLATE_NOOP("UserText", "restarting %1")).arg(f.serviceUnit)) << Effect::of(K::Publish)
                  << Effect::serviceControl(OpenClawService::Action::Restart);
        break;
    case intents::RestartPath::Reconnect:
        // An external gateway is never killed: a restart re-establishes our connection only.
        ++run.generation;
        s.effects << Effect::of(K::CancelTimers) << Effect::of(K::Disconnect) << Effect::transition(LifecycleEvent::RestartBegun)
                  << Effect::beginStart(StartSequence::Mode::ReconnectExternal);
        break;
    case intents::RestartPath::Process:
        s.effects << Effect::stop(AfterStop{AfterStop::Kind::RestartFresh}, StopHow::Graceful);
        if (f.processAlive)
            s.effects << Effect::phase(UserText(QT_TRANSLATE_NOOP("UserText", "restarting"))) << Effect::of(K::Publish);
        break;
    }
    s.run = std::move(run);
    return s;
}

Step restartAsked(LifecycleRun run, const Facts& f, const RestartAsked& r)
{
    Step s;
    switch (r.outcome) {
    case RestartCoordinator::Outcome::ExecuteNow:
        return restartBegins(std::move(run), f, RestartBegins{r.reason});
    case RestartCoordinator::Outcome::Deferred:
        s.effects << Effect::log(Effect::Level::Info, QStringLiteral("restart requested while busy; it runs once the current start finishes"))
                  << Effect::pending(restartAfterStartUp()) << Effect::of(K::Publish);
        break;
    case RestartCoordinator::Outcome::JoinInFlight:
        s.effects << Effect::log(Effect::Level::Info, QStringLiteral("restart requested; joining the restart in progress"));
        break;
    }
    s.run = std::move(run);
    return s;
}

Step startSucceeded(LifecycleRun run, const Facts& f, const StartSucceeded& ok)
{
    if (f.state != GatewayState::Starting && f.state != GatewayState::Reconnecting && f.state != GatewayState::Running)
        return ignored(std::move(run), QStringLiteral("a start or reconnect sequence runs only while starting or reconnecting"));
    const StartSequence::Outcome& o = ok.outcome;
    const bool reconnected = f.state == GatewayState::Reconnecting;
    // Back after a failure (a crash, a lost connection): worth a notice. Back after a restart the
    // gateway announced (the user's safe restart, a reload) is what was asked for: no notice.
    const bool recovered = reconnected && !f.restartAnnounced;
    run.expectInProcessRestart = false;
    Step s;
    Effect record = Effect::of(K::RecordRunning);
    record.outcome = std::make_shared<const StartSequence::Outcome>(o);
    s.effects << Effect::of(K::CancelTimers) << Effect::mark(Effect::Flag::RestartAnnounced, false) << record;
    if (reconnected)
        s.effects << Effect::count(Effect::Counter::ReconnectSuccesses);
    s.effects << Effect::tell(Effect::Policy::BackoffConnected) << Effect::tell(Effect::Policy::GovernorRunning)
              << Effect::transition(LifecycleEvent::Ready) << Effect::closeRestart(QStringLiteral("ok"), true)
              << Effect::tell(Effect::Policy::ReloadRunning);
    if (recovered)
        s.effects << Effect::noticeOf(QStringLiteral("recovered"), UserText(QT_TRANSLATE_NOOP("UserText", "The gateway is running again.")));
    s.effects << Effect::of(K::BeginReadiness); // channel readiness, apart from up/down
    if (o.owned && !f.handoffSupportKnown)
        s.effects << Effect::of(K::ProbeHandoff); // known before the gateway asks for one
    s.effects << Effect::of(K::Publish) << Effect::of(K::FlushDeferredRestart);
    s.run = std::move(run);
    return s;
}

} // namespace clawtray::reducer::steps
