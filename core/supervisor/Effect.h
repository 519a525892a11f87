#pragma once

#include "policy/ReloadPolicy.h"
#include "policy/UserText.h"
#include "process/ExitInfo.h"
#include "supervisor/GatewayStatus.h"
#include "supervisor/Lifecycle.h"
#include "supervisor/OpenClawService.h"
#include "supervisor/Run.h"
#include "supervisor/SafeRestart.h"
#include "supervisor/StartSequence.h"

#include <QList>
#include <QString>

#include <memory>

namespace clawtray {

// One thing the supervisor does, as a value: the reducer (supervisor/Reducer.h) returns a list of
// these for an event, and GatewayManager carries them out in order (docs/ARCHITECTURE.md, "The
// reducer"). Which fields an effect uses depends on its kind; describe() says it in one
// line, which is what the reducer's table test pins.
struct Effect
{
    enum class Kind {
        Transition,            // event: the lifecycle table moves the state
        CancelTimers,          // what the run armed: the cause watch, the recovery, the socket-loss settle
        CancelSocketLossTimer, //
        StopLiveness,          // stop watching ticks
        Disconnect,            // close our connection to the gateway (a requested close)
        ReleaseLease,          // remove our ownership lease (only ours)
        ForgetPid,             // the shown pid is gone
        ForgetStartTime,       // the shown uptime is gone
        ResetAttempts,         // a fresh budget of start attempts
        Count,                 // counter: one more in the diagnostics
        Mark,                  // flag = on, in the diagnostics
        NoteSocketClose,       // number: the close code, with the time, in the diagnostics
        Tell,                  // policy: tell a policy what happened, now
        Notice,                // what (the notice's kind), text: a desktop notification
        EnterError,            // problem: the reducer's ErrorFound, next (stop what is ours, then the error state)
        SetLastError,          // problem: shown, without leaving the state
        ScheduleRecovery,      // recovery, reason, by: ask the reconnect backoff; its answer is RecoveryAsked
        AskGovernor,           // ask the restart governor; its answer is GovernorAnswered
        SetAttempt,            // number: the reconnect attempt shown
        SetPending,            // text: what happens next, shown (empty: nothing)
        SetNextRetry,          // ms: when it happens, from now
        ClearNextRetry,        //
        ArmRecoveryTimer,      // ms: RecoveryDue then
        ArmSocketLossTimer,    // ms: SocketLossSettled then
        OpenRestart,           // reason, by, what (its kind), result: a row in the restart history
                               // (continueOpen: go on with an open row of the same kind instead)
        NoteRestart,           // reason, by, what, result: a closed row (a restart that did not happen yet)
        Log,                   // level, text
        ConsumeHandoff,        // exit: ask for the gateway's restart handoff; the answer is HandoffAnswered
        BeginStart,            // mode: a start sequence (reattach, reconnect, attach to the service)
        BeginFreshStart,       // a start from nothing (the service's gateway, or spawn ours)
        Stop,                  // then, how: stop our process; `then` follows once it is gone
        AskAttempts,           // failure: StartAttempts' next step; its answer is AttemptDecided
        RunDoctor,             // `openclaw doctor --fix`; the answer is DoctorDecided
        ArmRetry,              // ms: RetryDue then (for this run only)
        SetPhase,              // text: the phase of the start shown
        RefreshConfig,         // re-read what can change on disk (the runtime, the token) before a fresh start
        AbandonRun,            // a new generation: what the run scheduled (timers, the start, the connection) ends
        ServiceControl,        // service, reply: systemctl start/stop/restart/disable/enable OpenClaw's unit; the answer is ServiceAnswered
        Reply,                 // reply, done: answer whoever asked (a take-over, a hand-back)
        CancelShutdownTimer,   // the quit deadline is void: nothing is left to kill
        CloseRestart,          // result, on: the open restart-history row ends (on: it succeeded)
        ResetRunStatus,        // nothing of the run is shown any more but the state
        ForgetMisses,          // no missed ticks are counted any more
        AnnounceStopped,       // `stopped` goes out, and whoever waits for the stop (quit) hears of it
        StartAgain,            // a start asked for while stopping: now
        WatchCause,            // problem: watch what may make it go away (port, config file, runtime), then retry
        RecordRunning,         // outcome: who runs it, its pid, port, uptime, version; nothing of a failure stays shown
        BeginReadiness,        // ask the gateway for its channels' readiness while it runs
        ProbeHandoff,          // find out once whether this OpenClaw has a restart handoff, before it asks for one
        FlushDeferredRestart,  // a restart that waited for this start runs now
        Publish,               // the status and health go out to whoever watches
        ReloadExecuting,       // keys, decision: the reload tracker shows the reload under way
        AskRestart,            // reason: a restart through the restart coordinator (its answer is RestartAsked)
        RequestInProcessRestart, // gateway.restart.request for the reload; the answer is InProcessRestartAnswered
        SignalInProcessRestart,  // SIGUSR2 to our gateway: its own in-process restart
        ProgressRestart,       // result: the open restart-history row goes on ("SIGUSR2 (the request failed)")
        ReloadDeferred,        // result: the gateway deferred the reload's restart (its summary)
        ReloadRequestFailed,   // result: the reload's restart could not be asked for; its row ends failed
        RequestSafeRestart,    // safeReply: gateway.restart.request for a safe restart; the answer is SafeRestartAnswered
        ReplySafeRestart,      // safeReply, safe: answer whoever asked for the safe restart
        NoteRpcFailure,        // on (a transport failure), what (the method), result (the message): in the diagnostics
        ArmShutdownTimer,      // ms: the quit deadline, then kill
        AwaitStopped,          // finished: called once the stop is done (AnnounceStopped)
        ReplyQuitSoon,         // finished: called from the event loop, nothing is left to stop
    };
    enum class Counter { UnexpectedExits, RestartsExecuted, ReconnectAttempts, ReconnectSuccesses };
    enum class Flag { ExternalUnavailable, Unresponsive, Verifying, RestartAnnounced };
    enum class Policy {
        BackoffLost,                // the reconnect backoff: the connection is gone
        GovernorStopped,            // the restart governor: the gateway stopped running
        GovernorRestarted,          // the restart governor: an automatic restart runs now
        RestartCompleted,           // the restart coordinator: the restart asked for is done
        ReloadRestartAnnounced,     // the reload tracker: the gateway announced its restart
        BackoffReset,               // the reconnect backoff: a fresh start, a fresh count
        GovernorUserRestart,        // the restart governor: a restart the user asked for runs now
        CoordinatorRestartStarted,  // the restart coordinator: the restart runs (unless one is in flight)
        ReloadRunEnded,             // the reload tracker: the run is over
        BackoffConnected,           // the reconnect backoff: connected (a long run resets its count)
        GovernorRunning,            // the restart governor: running (a stable run resets it)
        ReloadRunning,              // the reload tracker: the gateway runs (who, which pid)
    };
    enum class Level { Info, Warn, Error };

    Kind kind = Kind::Publish;
    LifecycleEvent event = LifecycleEvent::ProblemFound;
    Counter counter = Counter::UnexpectedExits;
    Flag flag = Flag::Unresponsive;
    Policy policy = Policy::BackoffLost;
    Level level = Level::Info;
    bool on = false;
    bool continueOpen = false;
    qint64 ms = 0;
    int number = 0;
    UserText text;
    QString reason, by, what, result, line;
    GatewayProblem problem;
    runloss::RecoveryKind recovery = runloss::RecoveryKind::ProcessRestart;
    StartSequence::Mode mode = StartSequence::Mode::Fresh;
    std::shared_ptr<const AfterStop> then; // Stop: shared, it is large and rarely read
    StopHow how = StopHow::Graceful;
    ExitInfo exit;
    StartupRecovery::Classification failure;
    std::shared_ptr<const StartSequence::Outcome> outcome; // RecordRunning: shared, as `then`
    OpenClawService::Action service = OpenClawService::Action::Start;
    std::function<void(const Done&)> reply;
    Done done;
    QStringList keys;
    ReloadPolicy::Decision decision;
    SafeRestartResult safe;
    std::function<void(const SafeRestartResult&)> safeReply;
    std::function<void()> finished;

    // One line for tests and logs: "transition connection lost", "arm recovery 5000 ms", ...
    QString describe() const;

    static Effect of(Kind k);
    static Effect transition(LifecycleEvent e);
    static Effect count(Counter c);
    static Effect mark(Flag f, bool on);
    static Effect tell(Policy p);
    static Effect noticeOf(const QString& kind, const UserText& text);
    static Effect error(const GatewayProblem& p);
    static Effect lastError(const GatewayProblem& p);
    static Effect scheduleRecovery(runloss::RecoveryKind kind, const QString& reason, const QString& by);
    static Effect attempt(int n);
    static Effect pending(const UserText& text);
    static Effect nextRetryIn(qint64 ms);
    static Effect armRecovery(qint64 ms);
    static Effect armSocketLoss(qint64 ms);
    static Effect openRestart(const QString& reason, const QString& by, const QString& kind, const QString& result);
    static Effect noteRestart(const QString& reason, const QString& by, const QString& kind, const QString& result);
    static Effect log(Level level, const QString& line);
    static Effect consumeHandoff(const ExitInfo& e);
    static Effect beginStart(StartSequence::Mode mode);
    static Effect stop(AfterStop then, StopHow how);
    static Effect socketClose(int code);
    static Effect askAttempts(const StartupRecovery::Classification& failure);
    static Effect armRetry(qint64 ms);
    static Effect phase(const UserText& text);
    static Effect closeRestart(const QString& result, bool ok);
    static Effect watchCause(const GatewayProblem& p);
    static Effect serviceControl(OpenClawService::Action action, std::function<void(const Done&)> reply = {});
    static Effect answer(std::function<void(const Done&)> reply, const Done& done);
    static Effect askRestart(const QString& reason);
    static Effect withResult(Kind k, const QString& result);
    static Effect answerSafeRestart(std::function<void(const SafeRestartResult&)> reply, const SafeRestartResult& r);
    static Effect withFinished(Kind k, std::function<void()> finished);
};

using Effects = QList<Effect>;

// The effects as lines (describe()), joined by "; ": what the table tests compare.
QString describeAll(const Effects& effects);

} // namespace clawtray
