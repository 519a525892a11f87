#include "supervisor/Reducer.h"

#include "logging/Redactor.h"
#include "supervisor/Intents.h"
#include "supervisor/RunLoss.h"

namespace clawtray::reducer {
namespace {

using K = Effect::Kind;
using runloss::RecoveryKind;

// A restart asked for while a start is under way waits for that start (the pending action says so).
const char* const kRestartAfterStartUp = QT_TRANSLATE_NOOP("UserText", "restart after start-up");

intents::Facts intentFacts(const Facts& f)
{
    intents::Facts i;
    i.state = f.state;
    i.owned = f.owned;
    i.processAlive = f.processAlive;
    i.serviceManaged = f.serviceManaged;
    return i;
}

runloss::Facts lossFacts(const LifecycleRun& run, const Facts& f)
{
    runloss::Facts l;
    l.state = f.state;
    l.owned = f.owned;
    l.starting = f.starting;
    l.processAlive = f.processAlive;
    l.processExiting = f.processExiting;
    l.restartAnnounced = run.expectInProcessRestart;
    return l;
}

Step ignored(LifecycleRun run, const QString& why)
{
    Step s;
    s.run = std::move(run);
    s.ignoredBecause = why;
    return s;
}

// An exit nobody asked for: nothing of the run stays; a problem a restart cannot fix is shown,
// anything else is restarted (through the backoff).
void unexpectedExit(Step& s, const Facts& f, const ExitInfo& e)
{
    s.effects << Effect::count(Effect::Counter::UnexpectedExits) << Effect::mark(Effect::Flag::RestartAnnounced, false)
              << Effect::of(K::CancelSocketLossTimer) << Effect::of(K::ReleaseLease) << Effect::of(K::StopLiveness)
              << Effect::of(K::Disconnect) << Effect::tell(Effect::Policy::BackoffLost)
              << Effect::tell(Effect::Policy::GovernorStopped) << Effect::of(K::ForgetPid) << Effect::of(K::ForgetStartTime)
              << Effect::noticeOf(QStringLiteral("unexpected-exit"),
                                  UserText(QT_TRANSLATE_NOOP("UserText", "The gateway %1.")).arg(e.describeText()));
    if (const auto problem = runloss::problemAfterExit(e, f.nowMs)) {
        s.effects << Effect::error(*problem);
        return;
    }
    s.effects << Effect::scheduleRecovery(RecoveryKind::ProcessRestart, QStringLiteral("the gateway %1").arg(e.describe()),
                                          QStringLiteral("supervisor"));
}

Step socketClosed(LifecycleRun run, const Facts& f, const SocketClosed& c)
{
    const runloss::Verdict verdict = runloss::onSocketClosed(lossFacts(run, f), c.requested, c.serviceRestart);
    if (verdict == runloss::Verdict::Ignore) {
        if (c.requested)
            return ignored(std::move(run), QStringLiteral("ClawTray closed it"));
        if (f.starting)
            return ignored(std::move(run), QStringLiteral("a start sequence watches its own connection"));
        return ignored(std::move(run), QStringLiteral("only a running gateway loses its connection"));
    }
    Step s;
    s.effects << Effect::socketClose(c.closeCode) << Effect::tell(Effect::Policy::BackoffLost);
    switch (verdict) {
    case runloss::Verdict::ReconnectExternal:
        s.effects << Effect::mark(Effect::Flag::ExternalUnavailable, true)
                  << Effect::scheduleRecovery(RecoveryKind::ReconnectExternal,
                                              QStringLiteral("connection to the external gateway lost (code %1)").arg(c.closeCode),
                                              QStringLiteral("gateway"));
        break;
    case runloss::Verdict::AwaitExit:
        break; // it is dying or dead (maybe not reaped yet): its exit decides, without a detour
    case runloss::Verdict::AwaitInProcessRestart: {
        // The gateway restarts itself in the same process: wait, then reconnect. No restart of ours.
        const qint64 wait = run.restartExpectedMs >= 0 ? run.restartExpectedMs : f.defaultRestartExpectedMs;
        run.expectInProcessRestart = false;
        run.restartExpectedMs = -1;
        run.recoveryKind = RecoveryKind::Reattach;
        // The restart someone asked for (a safe restart, a reload) is the row that goes on now.
        Effect row = Effect::openRestart(QStringLiteral("gateway restarting in-process"), QStringLiteral("gateway"),
                                         QStringLiteral("in-process"), QStringLiteral("in progress"));
        row.continueOpen = true;
        s.effects << row << Effect::mark(Effect::Flag::RestartAnnounced, true) << Effect::tell(Effect::Policy::RestartCompleted)
                  << Effect::transition(LifecycleEvent::ConnectionLost)
                  << Effect::pending(UserText(QT_TRANSLATE_NOOP("UserText", "gateway restarting; reconnecting in %1")).duration(wait))
                  << Effect::nextRetryIn(wait) << Effect::of(K::Publish) << Effect::armRecovery(qBound<qint64>(0, wait, 60000LL));
        break;
    }
    default:
        // The process looks alive. If it is about to exit after all, its exit arrives within the
        // settle time and recovery restarts it at once; otherwise reattach to it.
        run.recoveryReason = QStringLiteral("connection lost (code %1)").arg(c.closeCode);
        s.effects << Effect::transition(LifecycleEvent::ConnectionLost)
                  << Effect::pending(UserText(QT_TRANSLATE_NOOP("UserText", "connection lost; checking the gateway process")))
                  << Effect::of(K::Publish) << Effect::armSocketLoss(qMax<qint64>(0, f.socketLossSettleMs));
        break;
    }
    s.run = std::move(run);
    return s;
}

Step unresponsive(LifecycleRun run, const Facts& f, const Unresponsive& u)
{
    const runloss::Verdict verdict = runloss::onUnresponsive(lossFacts(run, f));
    if (verdict == runloss::Verdict::Ignore)
        return ignored(std::move(run), QStringLiteral("only a running gateway is judged unresponsive, and not during a start"));
    Step s;
    s.effects << Effect::mark(Effect::Flag::Unresponsive, true) << Effect::mark(Effect::Flag::Verifying, false)
              << Effect::of(K::Publish) << Effect::tell(Effect::Policy::BackoffLost) << Effect::of(K::Disconnect);
    if (verdict == runloss::Verdict::ReconnectExternal) {
        s.effects << Effect::mark(Effect::Flag::ExternalUnavailable, true)
                  << Effect::scheduleRecovery(RecoveryKind::ReconnectExternal,
                                              QStringLiteral("external gateway unresponsive: %1").arg(u.why),
                                              QStringLiteral("supervisor"));
    } else {
        // A gateway that does not answer may not handle SIGTERM either (SIGSTOP, a busy loop): the
        // restart kills it at once instead of waiting out the grace period.
        run.killOnRecovery = true;
        s.effects << Effect::scheduleRecovery(RecoveryKind::ProcessRestart, QStringLiteral("unresponsive: %1").arg(u.why),
                                              QStringLiteral("supervisor"));
    }
    s.run = std::move(run);
    return s;
}

Step processExited(LifecycleRun run, const Facts& f, const ProcessExited& x)
{
    switch (runloss::onProcessExited(lossFacts(run, f), x.exit)) {
    case runloss::Verdict::CheckHandoff: {
        // Whatever was armed for this run (a reattach after the socket closed first) is void now:
        // only the handoff's answer decides what follows the exit.
        ++run.epoch;
        Step s;
        s.effects << Effect::of(K::CancelTimers) << Effect::of(K::StopLiveness) << Effect::of(K::Disconnect)
                  << Effect::of(K::ReleaseLease) << Effect::of(K::ForgetPid) << Effect::transition(LifecycleEvent::ExitedCleanly)
                  << Effect::pending(UserText(QT_TRANSLATE_NOOP("UserText", "the gateway exited cleanly; checking for a restart it asked for")))
                  << Effect::of(K::Publish) << Effect::consumeHandoff(x.exit);
        s.run = std::move(run);
        return s;
    }
    case runloss::Verdict::Unexpected: {
        Step s;
        unexpectedExit(s, f, x.exit);
        s.run = std::move(run);
        return s;
    }
    default:
        return ignored(std::move(run), QStringLiteral("an exit is judged only while the gateway ran, ours, and not during a start"));
    }
}

Step handoffAnswered(LifecycleRun run, const Facts& f, const HandoffAnswered& h)
{
    if (f.state != GatewayState::Reconnecting)
        return ignored(std::move(run), QStringLiteral("the handoff is asked for only after a clean exit, while reconnecting"));
    Step s;
    s.effects << Effect::pending(UserText());
    if (!h.accepted) {
        if (!h.unsupported)
            s.effects << Effect::log(Effect::Level::Info, QStringLiteral("no restart handoff for pid %1: %2").arg(h.exit.pid).arg(h.detail));
        unexpectedExit(s, f, h.exit);
    } else {
        s.effects << Effect::log(Effect::Level::Info, QStringLiteral("the gateway (pid %1) asked for a fresh-process restart; starting it again").arg(h.exit.pid))
                  << Effect::openRestart(QStringLiteral("the gateway asked for a fresh process (restart handoff)"), QStringLiteral("gateway"),
                                         QStringLiteral("handoff"), QStringLiteral("in progress"))
                  << Effect::of(K::ForgetStartTime) << Effect::of(K::ResetAttempts)
                  // asked for, not recovered from: no "running again" notice
                  << Effect::transition(LifecycleEvent::HandoffAccepted) << Effect::of(K::BeginFreshStart);
    }
    s.run = std::move(run);
    return s;
}

Step socketLossSettled(LifecycleRun run, const Facts& f)
{
    if (f.state != GatewayState::Reconnecting)
        return ignored(std::move(run), QStringLiteral("the gateway is no longer reconnecting"));
    if (f.starting || f.recoveryArmed)
        return ignored(std::move(run), QStringLiteral("a start or a recovery is already under way"));
    Step s;
    s.effects << Effect::scheduleRecovery(RecoveryKind::Reattach, run.recoveryReason, QStringLiteral("supervisor"));
    s.run = std::move(run);
    return s;
}

Step shutdownAnnounced(LifecycleRun run, const ShutdownAnnounced& a)
{
    Step s;
    run.expectInProcessRestart = a.restartExpectedMs >= 0;
    run.restartExpectedMs = a.restartExpectedMs;
    s.effects << Effect::log(Effect::Level::Info, QStringLiteral("gateway announced shutdown: %1%2")
                                                      .arg(a.reason, a.restartExpectedMs >= 0
                                                                         ? QStringLiteral(" (restart expected in %1 ms)").arg(a.restartExpectedMs)
                                                                         : QString()));
    if (a.restartExpectedMs >= 0)
        s.effects << Effect::tell(Effect::Policy::ReloadRestartAnnounced) << Effect::of(K::Publish);
    s.run = std::move(run);
    return s;
}

Step recoveryAsked(LifecycleRun run, const Facts& f, const RecoveryAsked& r)
{
    if (f.state == GatewayState::Stopped)
        return ignored(std::move(run), QStringLiteral("nothing recovers a gateway that stopped"));
    const ReconnectBackoff::Decision& d = r.decision;
    switch (d.action) {
    case ReconnectBackoff::Action::Skip:
        return ignored(std::move(run), QStringLiteral("recovery is off: a stop was asked for"));
    case ReconnectBackoff::Action::AlreadyScheduled:
        return ignored(std::move(run), QStringLiteral("a recovery is already scheduled"));
    case ReconnectBackoff::Action::Exhausted: {
        Step s;
        s.effects << Effect::error({ProblemKind::ReconnectExhausted,
                                    UserText(QT_TRANSLATE_NOOP("UserText", "%1 (last problem: %2)")).arg(d.message).arg(r.reason),
                                    UserText(QT_TRANSLATE_NOOP("UserText", "Check the gateway log, then start it again.")),
                                    ProblemAction::Start, f.nowMs});
        s.run = std::move(run);
        return s;
    }
    case ReconnectBackoff::Action::Schedule:
        break;
    }
    run.recoveryKind = r.kind;
    run.recoveryReason = r.reason;
    run.recoveryRequestedBy = r.requestedBy;
    const UserText pending =
        (r.kind == RecoveryKind::ProcessRestart ? UserText(QT_TRANSLATE_NOOP("UserText", "restarting in %1 (attempt %2)"))
                                                : UserText(QT_TRANSLATE_NOOP("UserText", "reconnecting in %1 (attempt %2)")))
            .duration(d.delayMs)
            .arg(d.attempt);
    Step s;
    s.effects << Effect::transition(LifecycleEvent::RecoveryScheduled) << Effect::attempt(d.attempt) << Effect::nextRetryIn(d.delayMs)
              << Effect::pending(pending) << Effect::log(Effect::Level::Warn, QStringLiteral("%1; %2").arg(r.reason, pending.english()))
              << Effect::of(K::Publish) << Effect::armRecovery(d.delayMs);
    s.run = std::move(run);
    return s;
}

// A recovery timer runs only while reconnecting, or in the error state after the governor paused
// restarts; a start or a stop cancels it.
bool recoveryMayRun(GatewayState s)
{
    return s == GatewayState::Reconnecting || s == GatewayState::Error;
}

Step recoveryDue(LifecycleRun run, const Facts& f)
{
    if (!recoveryMayRun(f.state))
        return ignored(std::move(run), QStringLiteral("a recovery runs only while reconnecting or after the restart pause"));
    Step s;
    s.effects << Effect::count(Effect::Counter::ReconnectAttempts) << Effect::of(K::ClearNextRetry) << Effect::pending(UserText());
    switch (runloss::recoveryMove(run.recoveryKind, f.serviceManaged, f.processAlive)) {
    case runloss::RecoveryMove::AttachService:
        // systemd brings OpenClaw's service back by itself (maybe as a new process): wait for it.
        s.effects << Effect::beginStart(StartSequence::Mode::AttachService);
        break;
    case runloss::RecoveryMove::ReconnectExternal:
        s.effects << Effect::beginStart(StartSequence::Mode::ReconnectExternal);
        break;
    case runloss::RecoveryMove::ReattachOwned:
        s.effects << Effect::beginStart(StartSequence::Mode::ReattachOwned);
        break;
    case runloss::RecoveryMove::RestartProcess:
        // An automatic restart passes the governor, which may postpone it (visibly, with the time
        // it will happen) but never drops it.
        s.effects << Effect::of(K::AskGovernor);
        break;
    }
    s.run = std::move(run);
    return s;
}

Step governorAnswered(LifecycleRun run, const Facts& f, const GovernorAnswered& g)
{
    if (!recoveryMayRun(f.state))
        return ignored(std::move(run), QStringLiteral("a recovery runs only while reconnecting or after the restart pause"));
    const RestartGovernor::Decision& d = g.decision;
    Step s;
    if (!d.allowed()) {
        s.effects << Effect::noteRestart(run.recoveryReason, run.recoveryRequestedBy, QStringLiteral("process"),
                                         QStringLiteral("postponed: ") + d.text.english())
                  << Effect::pending(d.text) << Effect::nextRetryIn(d.retryAfterMs);
        if (d.reason == RestartGovernor::Reason::CircuitOpen) {
            const GatewayProblem p{ProblemKind::CircuitOpen,
                                   UserText(QT_TRANSLATE_NOOP("UserText", "The gateway keeps failing (%1); automatic restarts are paused"))
                                       .arg(run.recoveryReason),
                                   UserText(QT_TRANSLATE_NOOP("UserText", "Check the gateway log and fix the cause, then start it "
                                                                          "again; ClawTray will also retry by itself.")),
                                   ProblemAction::Start, f.nowMs};
            s.effects << Effect::lastError(p);
            if (f.state != GatewayState::Error)
                s.effects << Effect::noticeOf(QStringLiteral("circuit-open"), p.summary);
            s.effects << Effect::transition(LifecycleEvent::ProblemFound);
        }
        s.effects << Effect::of(K::Publish) << Effect::armRecovery(d.retryAfterMs);
        s.run = std::move(run);
        return s;
    }
    s.effects << Effect::tell(Effect::Policy::GovernorRestarted) << Effect::count(Effect::Counter::RestartsExecuted)
              << Effect::openRestart(run.recoveryReason, run.recoveryRequestedBy, QStringLiteral("process"), QStringLiteral("in progress"))
              << Effect::transition(LifecycleEvent::RecoveryStarted);
    if (f.processAlive) {
        AfterStop then{AfterStop::Kind::RecoveryRestart};
        then.epoch = run.epoch;
        const StopHow how = std::exchange(run.killOnRecovery, false) ? StopHow::Kill : StopHow::Graceful;
        s.effects << Effect::stop(std::move(then), how)
                  << Effect::transition(LifecycleEvent::RecoveryStarted) // stopping as part of a recovery
                  << Effect::of(K::Publish);
    } else {
        s.effects << Effect::of(K::BeginFreshStart);
    }
    s.run = std::move(run);
    return s;
}

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
    s.effects << Effect::pending(UserText(QT_TRANSLATE_NOOP("UserText", "retrying start in %1")).duration(delayMs))
              << Effect::nextRetryIn(delayMs) << Effect::of(K::Publish) << Effect::armRetry(delayMs);
}

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
    ++run.epoch;
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
        ++run.epoch;
        s.effects << Effect::of(K::CancelTimers) << Effect::of(K::StopLiveness) << Effect::of(K::Disconnect)
                  << Effect::transition(LifecycleEvent::RestartBegun) << Effect::of(K::ForgetPid)
                  << Effect::phase(UserText(QT_TRANSLATE_NOOP("UserText", "restarting %1")).arg(f.serviceUnit)) << Effect::of(K::Publish)
                  << Effect::serviceControl(OpenClawService::Action::Restart);
        break;
    case intents::RestartPath::Reconnect:
        // An external gateway is never killed: a restart re-establishes our connection only.
        ++run.epoch;
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
                  << Effect::pending(UserText(kRestartAfterStartUp)) << Effect::of(K::Publish);
        break;
    case RestartCoordinator::Outcome::JoinInFlight:
        s.effects << Effect::log(Effect::Level::Info, QStringLiteral("restart requested; joining the restart in progress"));
        break;
    }
    s.run = std::move(run);
    return s;
}

// The error state with nothing of ours running (any more): an external gateway's pid stays shown.
void showProblem(Step& s, const Facts& f, const GatewayProblem& problem, bool stoppedOurs)
{
    s.effects << Effect::transition(LifecycleEvent::ProblemFound);
    if (stoppedOurs || f.owned)
        s.effects << Effect::of(K::ForgetPid);
    s.effects << Effect::watchCause(problem) << Effect::of(K::Publish);
}

Step errorFound(LifecycleRun run, const Facts& f, const ErrorFound& e)
{
    // Summaries may quote the gateway's own output (the reason it refused its config).
    GatewayProblem problem = e.problem;
    const auto redact = [](const QString& t) { return Redactor::instance().redact(t); };
    problem.summary = problem.summary.mapped(redact);
    problem.action = problem.action.mapped(redact);
    Step s;
    s.effects << Effect::log(Effect::Level::Error,
                             QStringLiteral("gateway error: %1%2")
                                 .arg(problem.summary.english(),
                                      problem.action.isEmpty() ? QString() : QStringLiteral(" — ") + problem.action.english()))
              << Effect::lastError(problem) << Effect::closeRestart(QStringLiteral("failed: ") + problem.summary.english(), false);
    if (problem.kind == ProblemKind::AuthRejected)
        s.effects << Effect::noticeOf(QStringLiteral("auth-failed"), problem.summary);
    // Nothing of ours keeps running in the error state.
    if (f.processAlive) {
        AfterStop then{AfterStop::Kind::ShowProblem};
        then.problem = problem;
        s.effects << Effect::stop(std::move(then), StopHow::Graceful);
    } else {
        showProblem(s, f, problem, false);
    }
    s.run = std::move(run);
    return s;
}

// The stop is complete: nothing of the run is left but the state, Stopped.
void finishStop(LifecycleRun& run, Step& s, const Facts& f)
{
    const bool viaService = std::exchange(run.stoppingService, false);
    const bool wasExternal = !f.owned && f.wasConnected && !viaService;
    QString line;
    if (viaService)
        line = QStringLiteral("%1 stopped (it stays enabled)").arg(f.serviceUnit);
    else if (wasExternal)
        line = f.serviceManaged ? QStringLiteral("disconnected; OpenClaw's service %1 keeps running").arg(f.serviceUnit)
                                : QStringLiteral("disconnected; the external gateway keeps running");
    else
        line = f.owned ? QStringLiteral("gateway stopped") : QStringLiteral("stopped");
    // A restart still open (one the gateway deferred, say) ends with the run.
    s.effects << Effect::of(K::ReleaseLease) << Effect::of(K::CancelShutdownTimer)
              << Effect::closeRestart(run.stopRequested ? QStringLiteral("cancelled: the gateway was stopped")
                                                        : QStringLiteral("ended: the gateway stopped"),
                                      false)
              << Effect::transition(LifecycleEvent::StopFinished) << Effect::of(K::ResetRunStatus)
              << Effect::tell(Effect::Policy::ReloadRunEnded) << Effect::mark(Effect::Flag::Verifying, false)
              << Effect::mark(Effect::Flag::Unresponsive, false) << Effect::mark(Effect::Flag::ExternalUnavailable, false)
              << Effect::of(K::ForgetMisses) << Effect::log(Effect::Level::Info, line) << Effect::of(K::Publish)
              << Effect::of(K::AnnounceStopped);
    if (std::exchange(run.startAfterStop, false))
        s.effects << Effect::of(K::StartAgain);
}

Step stopDone(LifecycleRun run, const Facts& f, const StopDone& d)
{
    const AfterStop& then = d.then;
    Step s;
    switch (then.kind) {
    case AfterStop::Kind::Nothing:
        return ignored(std::move(run), QStringLiteral("nothing follows this stop"));
    case AfterStop::Kind::FinishStop:
        finishStop(run, s, f);
        break;
    case AfterStop::Kind::RestartFresh:
        s.effects << Effect::transition(LifecycleEvent::RestartBegun) << Effect::of(K::ForgetPid) << Effect::of(K::BeginFreshStart);
        break;
    case AfterStop::Kind::RecoverProcess:
        s.effects << Effect::scheduleRecovery(RecoveryKind::ProcessRestart, then.reason, QStringLiteral("supervisor"));
        break;
    case AfterStop::Kind::ConcludeStartFailure:
        return concludeStart(std::move(run), f, ConcludeStart{then.step, then.failure});
    case AfterStop::Kind::RecoveryRestart:
        // The stop bumped the run once; a newer run begun meanwhile (a stop, a start) bumped it again.
        if (then.epoch + 1 < run.epoch)
            return ignored(std::move(run), QStringLiteral("a newer run began while the recovery stopped the gateway"));
        if (!recoveryMayRun(f.state) && f.state != GatewayState::Stopping)
            return ignored(std::move(run), QStringLiteral("a recovery's restart follows its own stop"));
        s.effects << Effect::transition(LifecycleEvent::RecoveryStarted) << Effect::of(K::BeginFreshStart);
        break;
    case AfterStop::Kind::ShowProblem:
        showProblem(s, f, then.problem, true);
        break;
    case AfterStop::Kind::HandBackToService:
        run.stopRequested = false;
        s.effects << Effect::of(K::ReleaseLease) << Effect::of(K::ResetRunStatus) << Effect::transition(LifecycleEvent::RestartBegun)
                  << Effect::phase(UserText(QT_TRANSLATE_NOOP("UserText", "enabling and starting %1")).arg(then.unit))
                  << Effect::of(K::Publish) << Effect::serviceControl(OpenClawService::Action::HandBack, then.reply);
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
    record.outcome = o;
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

Step takeOverAsked(LifecycleRun run, const Facts& f, const TakeOverAsked& a)
{
    Step s;
    if (!f.serviceOwnsGateway || f.owned) {
        s.effects << Effect::answer(a.reply, Done::failure(UserText(QT_TRANSLATE_NOOP(
                                                 "UserText", "OpenClaw's service does not manage this gateway; ClawTray already does"))));
    } else {
        s.effects << Effect::of(K::AbandonRun) << Effect::transition(LifecycleEvent::StopBegun)
                  << Effect::phase(UserText(QT_TRANSLATE_NOOP("UserText", "stopping and disabling %1")).arg(f.serviceUnit))
                  << Effect::of(K::Publish) << Effect::serviceControl(OpenClawService::Action::TakeOver, a.reply);
    }
    s.run = std::move(run);
    return s;
}

Step handBackAsked(LifecycleRun run, const Facts& f, const HandBackAsked& a)
{
    Step s;
    if (!f.serviceCanHandBack) {
        s.effects << Effect::answer(a.reply, Done::failure(f.serviceOwnsGateway
                                                               ? UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw's service %1 already manages the gateway")).arg(f.serviceUnit)
                                                               : UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw's gateway service is not installed for this state dir"))));
    } else {
        run.stopRequested = true;
        AfterStop then{AfterStop::Kind::HandBackToService};
        then.unit = f.serviceUnit;
        then.reply = a.reply;
        s.effects << Effect::stop(std::move(then), StopHow::Graceful);
    }
    s.run = std::move(run);
    return s;
}

Step serviceAnswered(LifecycleRun run, const Facts& f, const ServiceAnswered& a)
{
    Step s;
    if (!a.result) {
        s.effects << Effect::error({ProblemKind::ServiceFailed, a.result.error(),
                                    UserText(QT_TRANSLATE_NOOP("UserText", "See `systemctl --user status %1` and `journalctl --user -u %1`, "
                                                                           "or let ClawTray manage the gateway instead (`clawtray ctl "
                                                                           "takeover`)."))
                                        .arg(f.serviceUnit),
                                    ProblemAction::Takeover, f.nowMs});
        if (a.reply)
            s.effects << Effect::answer(a.reply, a.result);
        s.run = std::move(run);
        return s;
    }
    switch (a.action) {
    case OpenClawService::Action::Stop:
        run.stoppingService = true;
        finishStop(run, s, f);
        break;
    case OpenClawService::Action::Start:
    case OpenClawService::Action::Restart:
        s.effects << Effect::beginStart(StartSequence::Mode::AttachService);
        break;
    case OpenClawService::Action::TakeOver:
    case OpenClawService::Action::HandBack:
        // Supervision changes hands: the fresh start probes the unit again, and whoever owns the
        // gateway now starts it.
        run.stopRequested = false;
        s.effects << Effect::log(Effect::Level::Info, a.action == OpenClawService::Action::TakeOver
                                                          ? QStringLiteral("%1 is stopped and disabled; ClawTray manages the gateway now").arg(f.serviceUnit)
                                                          : QStringLiteral("%1 is enabled and started; it manages the gateway again").arg(f.serviceUnit))
                  << Effect::of(K::ResetRunStatus) << Effect::of(K::ResetAttempts) << Effect::transition(LifecycleEvent::RestartBegun)
                  << Effect::of(K::BeginFreshStart) << Effect::answer(a.reply, Done{});
        break;
    }
    s.run = std::move(run);
    return s;
}

template <class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace

QString eventName(const Event& e)
{
    static const char* const names[] = {"socket closed",   "unresponsive",        "process exited",     "handoff answered",
                                        "socket loss settled", "shutdown announced", "recovery asked",   "recovery due",
                                        "governor answered", "start failed",      "attempt decided",    "conclude start",
                                        "doctor decided",  "retry due",         "start asked",        "stop asked",
                                        "restart asked",   "restart begins",    "stop done",          "error found",
                                        "start succeeded", "take-over asked",     "hand-back asked",    "service answered"};
    static_assert(std::variant_size_v<Event> == sizeof(names) / sizeof(names[0]));
    return QString::fromLatin1(names[e.index()]);
}

Step next(LifecycleRun run, const Facts& f, const Event& event)
{
    return std::visit(Overloaded{
                          [&](const SocketClosed& c) { return socketClosed(std::move(run), f, c); },
                          [&](const Unresponsive& u) { return unresponsive(std::move(run), f, u); },
                          [&](const ProcessExited& x) { return processExited(std::move(run), f, x); },
                          [&](const HandoffAnswered& h) { return handoffAnswered(std::move(run), f, h); },
                          [&](const SocketLossSettled&) { return socketLossSettled(std::move(run), f); },
                          [&](const ShutdownAnnounced& a) { return shutdownAnnounced(std::move(run), a); },
                          [&](const RecoveryAsked& r) { return recoveryAsked(std::move(run), f, r); },
                          [&](const RecoveryDue&) { return recoveryDue(std::move(run), f); },
                          [&](const GovernorAnswered& g) { return governorAnswered(std::move(run), f, g); },
                          [&](const StartFailed& sf) { return startFailed(std::move(run), f, sf); },
                          [&](const AttemptDecided& a) { return attemptDecided(std::move(run), f, a); },
                          [&](const ConcludeStart& c) { return concludeStart(std::move(run), f, c); },
                          [&](const DoctorDecided& d) { return doctorDecided(std::move(run), f, d); },
                          [&](const RetryDue&) { return retryDue(std::move(run)); },
                          [&](const StartAsked&) { return startAsked(std::move(run), f); },
                          [&](const StopAsked& a) { return stopAsked(std::move(run), f, a); },
                          [&](const RestartAsked& r) { return restartAsked(std::move(run), f, r); },
                          [&](const RestartBegins& r) { return restartBegins(std::move(run), f, r); },
                          [&](const StopDone& d) { return stopDone(std::move(run), f, d); },
                          [&](const ErrorFound& e) { return errorFound(std::move(run), f, e); },
                          [&](const StartSucceeded& o) { return startSucceeded(std::move(run), f, o); },
                          [&](const TakeOverAsked& a) { return takeOverAsked(std::move(run), f, a); },
                          [&](const HandBackAsked& a) { return handBackAsked(std::move(run), f, a); },
                          [&](const ServiceAnswered& a) { return serviceAnswered(std::move(run), f, a); },
                      },
                      event);
}

bool restartMustWait(const Facts& f)
{
    return intents::restartMustWait(intentFacts(f), f.starting);
}

UserText restartAfterStartUp()
{
    return UserText(kRestartAfterStartUp);
}

startfailure::Facts startFailureFacts(const LifecycleRun& run, const Facts& f, const StartSequence::Outcome& o)
{
    startfailure::Facts sf;
    sf.fatal = o.fatal;
    sf.recovering = f.state == GatewayState::Reconnecting;
    sf.owned = o.owned;
    sf.processAlive = f.processAlive;
    sf.neverReady = o.problem.kind == ProblemKind::NotReady;
    sf.lockAttachRetried = run.lockAttachRetried;
    return sf;
}

} // namespace clawtray::reducer
