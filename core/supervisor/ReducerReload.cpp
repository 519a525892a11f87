// The reducer's steps for what the user asks of a running gateway besides start, stop and restart:
// a reload (the settings changed, or "Reload configuration"), the safe restart, the doctor the user
// ran, and quitting.
#include "supervisor/ReducerSteps.h"

namespace clawtray::reducer::steps {
namespace {

const char* const kInProcess = "in-process";

} // namespace

Step reloadDue(LifecycleRun run, const Facts& f, const ReloadDue& r)
{
    if (!r.restartReason.isEmpty()) {
        // A restart asked for through the debounce wins over the reload it absorbed; it only
        // means something while there is a gateway to restart.
        if (f.state != GatewayState::Running && f.state != GatewayState::Reconnecting)
            return ignored(std::move(run), QStringLiteral("a debounced restart needs a running or reconnecting gateway"));
        Step s;
        s.run = std::move(run);
        s.effects << Effect::askRestart(r.restartReason);
        return s;
    }
    const ReloadPolicy::Decision& d = r.decision;
    Step s;
    s.run = std::move(run);
    Effect executing = Effect::of(K::ReloadExecuting);
    executing.keys = r.keys;
    executing.decision = d;
    s.effects << Effect::log(Effect::Level::Info, QStringLiteral("reload: %1").arg(d.explanation)) << executing << Effect::of(K::Publish);
    switch (d.action) {
    case ReloadPolicy::Action::None:
        break;
    case ReloadPolicy::Action::RestartProcess:
        s.effects << Effect::askRestart(QStringLiteral("settings changed (%1)").arg(d.launchKeys.join(QLatin1String(", "))));
        break;
    case ReloadPolicy::Action::RestartInProcessRpc:
        s.effects << Effect::openRestart(QStringLiteral("settings changed"), QStringLiteral("settings"), QLatin1String(kInProcess),
                                         QStringLiteral("requested"))
                  << Effect::of(K::RequestInProcessRestart);
        break;
    case ReloadPolicy::Action::RestartInProcessSignal:
        if (f.owned && f.processPid > 0)
            s.effects << Effect::openRestart(QStringLiteral("settings changed"), QStringLiteral("settings"), QLatin1String(kInProcess),
                                             QStringLiteral("SIGUSR2"))
                      << Effect::of(K::SignalInProcessRestart);
        break;
    }
    return s;
}

Step inProcessRestartAnswered(LifecycleRun run, const Facts& f, const InProcessRestartAnswered& a)
{
    Step s;
    s.run = std::move(run);
    if (a.reply.ok()) {
        const QJsonObject p = a.reply.payload.toObject();
        if (p.value(QLatin1String("status")).toString() != QLatin1String("deferred"))
            return ignored(std::move(s.run), QStringLiteral("the gateway restarts in its own process as asked"));
        s.effects << Effect::withResult(K::ReloadDeferred,
                                        p.value(QLatin1String("preflight")).toObject().value(QLatin1String("summary")).toString())
                  << Effect::of(K::Publish);
        return s;
    }
    // The request failed: SIGUSR2 is the gateway's own in-process restart signal, for the process
    // the request was meant for, if it is still ours.
    s.effects << Effect::log(Effect::Level::Warn, QStringLiteral("gateway.restart.request failed (%1); sending SIGUSR2").arg(a.reply.message));
    if (a.owned && a.pid > 0 && a.pid == f.processPid)
        s.effects << Effect::withResult(K::ProgressRestart, QStringLiteral("SIGUSR2 (the request failed)")) << Effect::of(K::SignalInProcessRestart);
    else
        s.effects << Effect::withResult(K::ReloadRequestFailed, a.reply.message) << Effect::of(K::Publish);
    return s;
}

Step safeRestartAsked(LifecycleRun run, const Facts& f, const SafeRestartAsked& a)
{
    Step s;
    s.run = std::move(run);
    if (a.force) {
        s.effects << Effect::askRestart(QStringLiteral("forced restart"))
                  << Effect::answerSafeRestart(a.reply, {QStringLiteral("forced"), {}, 0, QStringLiteral("restarting the gateway process now")});
    } else if (!f.connected) {
        s.effects << Effect::answerSafeRestart(a.reply, {QStringLiteral("failed"), {}, 0, QStringLiteral("the gateway is not running")});
    } else {
        Effect request = Effect::of(K::RequestSafeRestart);
        request.safeReply = a.reply;
        s.effects << request;
    }
    return s;
}

Step safeRestartAnswered(LifecycleRun run, const Facts& f, const SafeRestartAnswered& a)
{
    Step s;
    s.run = std::move(run);
    const SafeRestartResult out = SafeRestartResult::fromReply(a.reply);
    if (!a.reply.ok()) {
        Effect failure = Effect::withResult(K::NoteRpcFailure, a.reply.message);
        failure.on = a.reply.isTransportFailure();
        failure.what = a.reply.method;
        s.effects << failure << Effect::answerSafeRestart(a.replyTo, out);
        return s;
    }
    // Scheduled or deferred, it is under way until the gateway is back (or the run ends); a
    // request that joined one already scheduled adds no row of its own.
    const QString by = QStringLiteral("user"), reason = QStringLiteral("safe restart");
    if (out.status == QLatin1String("deferred"))
        s.effects << Effect::openRestart(reason, by, QLatin1String(kInProcess), QStringLiteral("deferred: %1 active tasks").arg(out.activeTasks));
    else if (out.status != QLatin1String("coalesced") || f.openRestartKind != QLatin1String(kInProcess))
        s.effects << Effect::openRestart(reason, by, QLatin1String(kInProcess), out.status);
    s.effects << Effect::answerSafeRestart(a.replyTo, out);
    return s;
}

Step userDoctorFinished(LifecycleRun run, const Facts& f, const UserDoctorFinished& d)
{
    // The doctor fixed what the error state asked it to fix: start again, as the user would next.
    if (!d.ok)
        return ignored(std::move(run), QStringLiteral("the doctor did not succeed"));
    if (f.state != GatewayState::Error || f.lastError.actionId != ProblemAction::DoctorFix)
        return ignored(std::move(run), QStringLiteral("no problem shown that the doctor was to fix"));
    Step s;
    s.run = std::move(run);
    s.effects << Effect::of(K::StartAgain);
    return s;
}

Step quitAsked(LifecycleRun run, const Facts& f, const QuitAsked& q)
{
    Step s;
    s.run = std::move(run);
    if (f.state != GatewayState::Stopping && !f.processAlive && !f.starting) {
        // Nothing of ours runs: what is shown ends (an error, a reconnect), and quit goes on.
        if (f.state != GatewayState::Stopped) {
            s.run.stopRequested = true;
            s.effects << Effect::stop({AfterStop::Kind::FinishStop}, StopHow::Graceful);
        }
        s.effects << Effect::withFinished(K::ReplyQuitSoon, q.finished);
        return s;
    }
    s.effects << Effect::withFinished(K::AwaitStopped, q.finished);
    s.run.startAfterStop = false;
    if (f.state != GatewayState::Stopping) {
        s.run.stopRequested = true;
        s.effects << Effect::stop({AfterStop::Kind::FinishStop}, StopHow::Graceful);
    }
    Effect deadline = Effect::of(K::ArmShutdownTimer);
    deadline.ms = q.timeoutMs;
    s.effects << deadline;
    return s;
}

} // namespace clawtray::reducer::steps
