// The reducer's steps for losing the gateway and getting it back (docs/ARCHITECTURE.md, "The
// reducer").
#include "supervisor/ReducerSteps.h"

#include "supervisor/RunLoss.h"

namespace clawtray::reducer::steps {

namespace {

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

} // namespace

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
                  << Effect::pending(UserText(QT_TRANSLATE_NOOP("UserText", "gateway restarting; reconnecting in %1")).duration(wait, DurationStyle::Wait))
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
        ++run.generation;
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
            .duration(d.delayMs, DurationStyle::Wait)
            .arg(d.attempt);
    Step s;
    s.effects << Effect::transition(LifecycleEvent::RecoveryScheduled) << Effect::attempt(d.attempt) << Effect::nextRetryIn(d.delayMs)
              << Effect::pending(pending) << Effect::log(Effect::Level::Warn, QStringLiteral("%1; %2").arg(r.reason, pending.english()))
              << Effect::of(K::Publish) << Effect::armRecovery(d.delayMs);
    s.run = std::move(run);
    return s;
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
        then.generation = run.generation;
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

} // namespace clawtray::reducer::steps
