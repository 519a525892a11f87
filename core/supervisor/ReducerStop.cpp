// The reducer's steps for what follows a stop, the error state, and OpenClaw's service handing the
// gateway over and back (docs/ARCHITECTURE.md, "The reducer").
#include "supervisor/ReducerSteps.h"

#include "logging/Redactor.h"

namespace clawtray::reducer::steps {

namespace {

// The error state with nothing of ours running (any more): an external gateway's pid stays shown.
void showProblem(Step& s, const Facts& f, const GatewayProblem& problem, bool stoppedOurs)
{
    s.effects << Effect::transition(LifecycleEvent::ProblemFound);
    if (stoppedOurs || f.owned)
        s.effects << Effect::of(K::ForgetPid);
    s.effects << Effect::watchCause(problem) << Effect::of(K::Publish);
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

} // namespace

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
        if (then.generation + 1 < run.generation)
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

Step serviceProbed(LifecycleRun run, const ServiceProbed& p)
{
    // A fresh start never spawns a second gateway beside OpenClaw's service: it attaches to the
    // one the unit runs, or has the unit start it (it failed, or was stopped from ClawTray).
    Step s;
    s.run = std::move(run);
    if (!p.ownsGateway)
        s.effects << Effect::beginStart(StartSequence::Mode::Fresh);
    else if (p.active)
        s.effects << Effect::beginStart(StartSequence::Mode::AttachService);
    else
        s.effects << Effect::phase(UserText(QT_TRANSLATE_NOOP("UserText", "starting %1")).arg(p.unit)) << Effect::of(K::Publish)
                  << Effect::serviceControl(OpenClawService::Action::Start);
    return s;
}

Step causeGone(LifecycleRun run, const Facts& f, const CauseGone& c)
{
    if (f.state != GatewayState::Error)
        return ignored(std::move(run), QStringLiteral("the error state it was watched for has ended"));
    if (f.starting)
        return ignored(std::move(run), QStringLiteral("a start is already under way"));
    Step s;
    s.run = std::move(run);
    s.effects << Effect::log(Effect::Level::Info, QStringLiteral("%1: starting the gateway again").arg(c.what)) << Effect::of(K::StartAgain);
    return s;
}

} // namespace clawtray::reducer::steps
