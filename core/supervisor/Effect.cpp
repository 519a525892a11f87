#include "supervisor/Effect.h"

#include <QStringList>

namespace clawtray {
namespace {

QString modeName(StartSequence::Mode m)
{
    switch (m) {
    case StartSequence::Mode::Fresh: return QStringLiteral("fresh");
    case StartSequence::Mode::ReattachOwned: return QStringLiteral("reattach");
    case StartSequence::Mode::ReconnectExternal: return QStringLiteral("reconnect");
    case StartSequence::Mode::AttachService: return QStringLiteral("attach to the service");
    }
    return QStringLiteral("?");
}

QString recoveryName(runloss::RecoveryKind k)
{
    switch (k) {
    case runloss::RecoveryKind::ProcessRestart: return QStringLiteral("restart");
    case runloss::RecoveryKind::Reattach: return QStringLiteral("reattach");
    case runloss::RecoveryKind::ReconnectExternal: return QStringLiteral("reconnect");
    }
    return QStringLiteral("?");
}

QString afterStopName(const AfterStop& a)
{
    switch (a.kind) {
    case AfterStop::Kind::Nothing: return QStringLiteral("nothing");
    case AfterStop::Kind::FinishStop: return QStringLiteral("finish");
    case AfterStop::Kind::RestartFresh: return QStringLiteral("restart");
    case AfterStop::Kind::RecoverProcess: return QStringLiteral("recover the process");
    case AfterStop::Kind::ConcludeStartFailure: return QStringLiteral("conclude the failed start");
    case AfterStop::Kind::RecoveryRestart: return QStringLiteral("the recovery's restart (run %1)").arg(a.generation);
    case AfterStop::Kind::ShowProblem: return QStringLiteral("show the problem");
    case AfterStop::Kind::HandBackToService: return QStringLiteral("hand back to %1").arg(a.unit);
    }
    return QStringLiteral("?");
}

QString counterName(Effect::Counter c)
{
    switch (c) {
    case Effect::Counter::UnexpectedExits: return QStringLiteral("unexpected exits");
    case Effect::Counter::RestartsExecuted: return QStringLiteral("restarts executed");
    case Effect::Counter::ReconnectAttempts: return QStringLiteral("reconnect attempts");
    case Effect::Counter::ReconnectSuccesses: return QStringLiteral("reconnect successes");
    }
    return QStringLiteral("?");
}

QString flagName(Effect::Flag f)
{
    switch (f) {
    case Effect::Flag::ExternalUnavailable: return QStringLiteral("external unavailable");
    case Effect::Flag::Unresponsive: return QStringLiteral("unresponsive");
    case Effect::Flag::Verifying: return QStringLiteral("verifying");
    case Effect::Flag::RestartAnnounced: return QStringLiteral("restart announced");
    }
    return QStringLiteral("?");
}

QString policyName(Effect::Policy p)
{
    switch (p) {
    case Effect::Policy::BackoffLost: return QStringLiteral("backoff: connection lost");
    case Effect::Policy::GovernorStopped: return QStringLiteral("governor: stopped");
    case Effect::Policy::GovernorRestarted: return QStringLiteral("governor: restart");
    case Effect::Policy::RestartCompleted: return QStringLiteral("coordinator: restart completed");
    case Effect::Policy::ReloadRestartAnnounced: return QStringLiteral("reload: restart announced");
    case Effect::Policy::BackoffReset: return QStringLiteral("backoff: reset");
    case Effect::Policy::GovernorUserRestart: return QStringLiteral("governor: the user's restart");
    case Effect::Policy::CoordinatorRestartStarted: return QStringLiteral("coordinator: restart started");
    case Effect::Policy::ReloadRunEnded: return QStringLiteral("reload: run ended");
    case Effect::Policy::BackoffConnected: return QStringLiteral("backoff: connected");
    case Effect::Policy::GovernorRunning: return QStringLiteral("governor: running");
    case Effect::Policy::ReloadRunning: return QStringLiteral("reload: running");
    }
    return QStringLiteral("?");
}

QString serviceActionName(OpenClawService::Action a)
{
    switch (a) {
    case OpenClawService::Action::Start: return QStringLiteral("start");
    case OpenClawService::Action::Stop: return QStringLiteral("stop");
    case OpenClawService::Action::Restart: return QStringLiteral("restart");
    case OpenClawService::Action::TakeOver: return QStringLiteral("disable --now");
    case OpenClawService::Action::HandBack: return QStringLiteral("enable --now");
    }
    return QStringLiteral("?");
}

QString howName(StopHow h)
{
    switch (h) {
    case StopHow::Graceful: return QStringLiteral("gracefully");
    case StopHow::Kill: return QStringLiteral("by killing");
    case StopHow::ForSuccessor: return QStringLiteral("for a successor");
    }
    return QStringLiteral("?");
}

} // namespace

QString Effect::describe() const
{
    switch (kind) {
    case Kind::Transition: return QStringLiteral("transition %1").arg(lifecycle::eventName(event));
    case Kind::CancelTimers: return QStringLiteral("cancel timers");
    case Kind::CancelSocketLossTimer: return QStringLiteral("cancel socket-loss timer");
    case Kind::StopLiveness: return QStringLiteral("stop liveness");
    case Kind::Disconnect: return QStringLiteral("disconnect");
    case Kind::ReleaseLease: return QStringLiteral("release lease");
    case Kind::ForgetPid: return QStringLiteral("forget pid");
    case Kind::ForgetStartTime: return QStringLiteral("forget start time");
    case Kind::ResetAttempts: return QStringLiteral("reset attempts");
    case Kind::Count: return QStringLiteral("count %1").arg(counterName(counter));
    case Kind::Mark: return QStringLiteral("mark %1 %2").arg(flagName(flag), on ? QStringLiteral("on") : QStringLiteral("off"));
    case Kind::NoteSocketClose: return QStringLiteral("note socket close %1").arg(number);
    case Kind::Tell: return QStringLiteral("tell %1").arg(policyName(policy));
    case Kind::Notice: return QStringLiteral("notice %1: %2").arg(what, text.english());
    case Kind::EnterError: return QStringLiteral("error %1: %2").arg(problemKindName(problem.kind), problem.summary.english());
    case Kind::SetLastError:
        if (problem.summary.isEmpty())
            return QStringLiteral("no last error");
        return QStringLiteral("last error %1: %2").arg(problemKindName(problem.kind), problem.summary.english());
    case Kind::ScheduleRecovery: return QStringLiteral("schedule %1 (%2, by %3)").arg(recoveryName(recovery), reason, by);
    case Kind::AskGovernor: return QStringLiteral("ask governor");
    case Kind::SetAttempt: return QStringLiteral("attempt %1").arg(number);
    case Kind::SetPending: return text.isEmpty() ? QStringLiteral("no pending action") : QStringLiteral("pending \"%1\"").arg(text.english());
    case Kind::SetNextRetry: return QStringLiteral("next retry in %1 ms").arg(ms);
    case Kind::ClearNextRetry: return QStringLiteral("no next retry");
    case Kind::ArmRecoveryTimer: return QStringLiteral("arm recovery %1 ms").arg(ms);
    case Kind::ArmSocketLossTimer: return QStringLiteral("arm socket-loss %1 ms").arg(ms);
    case Kind::OpenRestart:
        return QStringLiteral("%1 restart row %2 (%3, by %4): %5")
            .arg(continueOpen ? QStringLiteral("open or continue") : QStringLiteral("open"), what, reason, by, result);
    case Kind::NoteRestart: return QStringLiteral("note restart row %1 (%2, by %3): %4").arg(what, reason, by, result);
    case Kind::Log:
        return QStringLiteral("log %1 %2")
            .arg(level == Level::Error ? QStringLiteral("error") : level == Level::Warn ? QStringLiteral("warn") : QStringLiteral("info"), line);
    case Kind::ConsumeHandoff: return QStringLiteral("consume handoff of pid %1").arg(exit.pid);
    case Kind::BeginStart: return QStringLiteral("begin start (%1)").arg(modeName(mode));
    case Kind::BeginFreshStart: return QStringLiteral("begin fresh start");
    case Kind::Stop: return QStringLiteral("stop %1, then %2").arg(howName(how), then ? afterStopName(*then) : afterStopName({}));
    case Kind::AskAttempts: return QStringLiteral("ask attempts (%1)").arg(StartupRecovery::kindName(failure.kind));
    case Kind::RunDoctor: return QStringLiteral("run doctor");
    case Kind::ArmRetry: return QStringLiteral("arm retry %1 ms").arg(ms);
    case Kind::SetPhase: return QStringLiteral("phase \"%1\"").arg(text.english());
    case Kind::RefreshConfig: return QStringLiteral("refresh config");
    case Kind::AbandonRun: return QStringLiteral("abandon the run");
    case Kind::ServiceControl: return QStringLiteral("systemctl %1").arg(serviceActionName(service));
    case Kind::Reply: return done ? QStringLiteral("reply done") : QStringLiteral("reply \"%1\"").arg(done.error().english());
    case Kind::CancelShutdownTimer: return QStringLiteral("cancel shutdown timer");
    case Kind::CloseRestart: return QStringLiteral("close restart row (%1): %2").arg(on ? QStringLiteral("ok") : QStringLiteral("failed"), result);
    case Kind::ResetRunStatus: return QStringLiteral("reset run status");
    case Kind::ReloadExecuting: return QStringLiteral("reload executing [%1]: %2").arg(keys.join(QLatin1Char(',')), decision.explanation);
    case Kind::AskRestart: return QStringLiteral("ask restart (%1)").arg(reason);
    case Kind::RequestInProcessRestart: return QStringLiteral("request in-process restart");
    case Kind::SignalInProcessRestart: return QStringLiteral("signal in-process restart");
    case Kind::ProgressRestart: return QStringLiteral("restart row goes on: %1").arg(result);
    case Kind::ReloadDeferred: return QStringLiteral("reload deferred: %1").arg(result);
    case Kind::ReloadRequestFailed: return QStringLiteral("reload request failed: %1").arg(result);
    case Kind::RequestSafeRestart: return QStringLiteral("request safe restart");
    case Kind::ReplySafeRestart: return QStringLiteral("reply safe restart %1: %2").arg(safe.status, safe.summary);
    case Kind::NoteRpcFailure:
        return QStringLiteral("note %1 failure of %2: %3").arg(on ? QStringLiteral("transport") : QStringLiteral("gateway"), what, result);
    case Kind::ArmShutdownTimer: return QStringLiteral("arm shutdown %1 ms").arg(ms);
    case Kind::AwaitStopped: return QStringLiteral("await stopped");
    case Kind::ReplyQuitSoon: return QStringLiteral("reply quit soon");
    case Kind::ForgetMisses: return QStringLiteral("forget missed ticks");
    case Kind::AnnounceStopped: return QStringLiteral("announce stopped");
    case Kind::StartAgain: return QStringLiteral("start again");
    case Kind::WatchCause: return QStringLiteral("watch the cause of %1").arg(problemKindName(problem.kind));
    case Kind::RecordRunning:
        if (!outcome)
            return QStringLiteral("record running (nothing)");
        return QStringLiteral("record running (%1, pid %2, port %3)")
            .arg(outcome->owned ? QStringLiteral("ours") : QStringLiteral("not ours"))
            .arg(outcome->pid)
            .arg(outcome->port);
    case Kind::BeginReadiness: return QStringLiteral("begin readiness");
    case Kind::ProbeHandoff: return QStringLiteral("probe handoff");
    case Kind::FlushDeferredRestart: return QStringLiteral("flush deferred restart");
    case Kind::Publish: return QStringLiteral("publish");
    }
    return QStringLiteral("?");
}

Effect Effect::of(Kind k)
{
    Effect e;
    e.kind = k;
    return e;
}

Effect Effect::transition(LifecycleEvent ev)
{
    Effect e = of(Kind::Transition);
    e.event = ev;
    return e;
}

Effect Effect::count(Counter c)
{
    Effect e = of(Kind::Count);
    e.counter = c;
    return e;
}

Effect Effect::mark(Flag f, bool value)
{
    Effect e = of(Kind::Mark);
    e.flag = f;
    e.on = value;
    return e;
}

Effect Effect::tell(Policy p)
{
    Effect e = of(Kind::Tell);
    e.policy = p;
    return e;
}

Effect Effect::noticeOf(const QString& kind, const UserText& text)
{
    Effect e = of(Kind::Notice);
    e.what = kind;
    e.text = text;
    return e;
}

Effect Effect::error(const GatewayProblem& p)
{
    Effect e = of(Kind::EnterError);
    e.problem = p;
    return e;
}

Effect Effect::lastError(const GatewayProblem& p)
{
    Effect e = of(Kind::SetLastError);
    e.problem = p;
    return e;
}

Effect Effect::scheduleRecovery(runloss::RecoveryKind kind, const QString& reason, const QString& by)
{
    Effect e = of(Kind::ScheduleRecovery);
    e.recovery = kind;
    e.reason = reason;
    e.by = by;
    return e;
}

Effect Effect::attempt(int n)
{
    Effect e = of(Kind::SetAttempt);
    e.number = n;
    return e;
}

Effect Effect::pending(const UserText& text)
{
    Effect e = of(Kind::SetPending);
    e.text = text;
    return e;
}

Effect Effect::nextRetryIn(qint64 ms)
{
    Effect e = of(Kind::SetNextRetry);
    e.ms = ms;
    return e;
}

Effect Effect::armRecovery(qint64 ms)
{
    Effect e = of(Kind::ArmRecoveryTimer);
    e.ms = ms;
    return e;
}

Effect Effect::armSocketLoss(qint64 ms)
{
    Effect e = of(Kind::ArmSocketLossTimer);
    e.ms = ms;
    return e;
}

Effect Effect::openRestart(const QString& reason, const QString& by, const QString& kind, const QString& result)
{
    Effect e = of(Kind::OpenRestart);
    e.reason = reason;
    e.by = by;
    e.what = kind;
    e.result = result;
    return e;
}

Effect Effect::noteRestart(const QString& reason, const QString& by, const QString& kind, const QString& result)
{
    Effect e = openRestart(reason, by, kind, result);
    e.kind = Kind::NoteRestart;
    return e;
}

Effect Effect::log(Level level, const QString& line)
{
    Effect e = of(Kind::Log);
    e.level = level;
    e.line = line;
    return e;
}

Effect Effect::consumeHandoff(const ExitInfo& x)
{
    Effect e = of(Kind::ConsumeHandoff);
    e.exit = x;
    return e;
}

Effect Effect::beginStart(StartSequence::Mode mode)
{
    Effect e = of(Kind::BeginStart);
    e.mode = mode;
    return e;
}

Effect Effect::stop(AfterStop then, StopHow how)
{
    Effect e = of(Kind::Stop);
    e.then = std::make_shared<const AfterStop>(std::move(then));
    e.how = how;
    return e;
}

Effect Effect::socketClose(int code)
{
    Effect e = of(Kind::NoteSocketClose);
    e.number = code;
    return e;
}

Effect Effect::askAttempts(const StartupRecovery::Classification& f)
{
    Effect e = of(Kind::AskAttempts);
    e.failure = f;
    return e;
}

Effect Effect::armRetry(qint64 ms)
{
    Effect e = of(Kind::ArmRetry);
    e.ms = ms;
    return e;
}

Effect Effect::phase(const UserText& text)
{
    Effect e = of(Kind::SetPhase);
    e.text = text;
    return e;
}

Effect Effect::closeRestart(const QString& result, bool ok)
{
    Effect e = of(Kind::CloseRestart);
    e.result = result;
    e.on = ok;
    return e;
}

Effect Effect::watchCause(const GatewayProblem& p)
{
    Effect e = of(Kind::WatchCause);
    e.problem = p;
    return e;
}

Effect Effect::serviceControl(OpenClawService::Action action, std::function<void(const Done&)> reply)
{
    Effect e = of(Kind::ServiceControl);
    e.service = action;
    e.reply = std::move(reply);
    return e;
}

Effect Effect::answer(std::function<void(const Done&)> reply, const Done& done)
{
    Effect e = of(Kind::Reply);
    e.reply = std::move(reply);
    e.done = done;
    return e;
}

Effect Effect::askRestart(const QString& reason)
{
    Effect e = of(Kind::AskRestart);
    e.reason = reason;
    return e;
}

Effect Effect::withResult(Kind k, const QString& result)
{
    Effect e = of(k);
    e.result = result;
    return e;
}

Effect Effect::answerSafeRestart(std::function<void(const SafeRestartResult&)> reply, const SafeRestartResult& r)
{
    Effect e = of(Kind::ReplySafeRestart);
    e.safeReply = std::move(reply);
    e.safe = r;
    return e;
}

Effect Effect::withFinished(Kind k, std::function<void()> finished)
{
    Effect e = of(k);
    e.finished = std::move(finished);
    return e;
}

QString describeAll(const Effects& effects)
{
    QStringList lines;
    for (const Effect& e : effects)
        lines << e.describe();
    return lines.join(QStringLiteral("; "));
}

} // namespace clawtray
