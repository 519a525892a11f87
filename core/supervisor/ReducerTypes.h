#pragma once

#include "client/ClientTypes.h"
#include "policy/ReconnectBackoff.h"
#include "policy/ReloadPolicy.h"
#include "policy/RestartCoordinator.h"
#include "policy/RestartGovernor.h"
#include "policy/StartAttempts.h"
#include "policy/StartupRecovery.h"
#include "process/ExitInfo.h"
#include "supervisor/Effect.h"
#include "supervisor/Intents.h"
#include "supervisor/OpenClawService.h"
#include "supervisor/Run.h"
#include "supervisor/RunLoss.h"
#include "supervisor/SafeRestart.h"
#include "supervisor/StartFailure.h"

#include <QString>

#include <variant>

namespace clawtray {

// The reducer's vocabulary (supervisor/Reducer.h has next()): the facts it decides from, the events
// it is fed, the step it returns, and the mappings of its facts onto the pure decisions it asks
// (intents::, runloss::, startfailure::). Its steps (ReducerSteps.h) and the manager use these.
namespace reducer {

struct Facts
{
    GatewayState state = GatewayState::Stopped;
    bool owned = false;          // ClawTray's own gateway
    bool starting = false;       // a start sequence runs: it watches its own connection and exit
    bool processAlive = false;   // our gateway process still runs...
    bool processExiting = false; // ...or is on its way out (not reaped yet)
    bool serviceManaged = false; // OpenClaw's systemd service runs the gateway, we attached to it
    bool recoveryArmed = false;  // a recovery is scheduled
    qint64 nowMs = 0;            // the wall clock (a problem's time)
    qint64 defaultRestartExpectedMs = 0; // an in-process restart that did not say how long it takes
    qint64 socketLossSettleMs = 0;       // how long a lost socket waits for a late exit
    bool allowAutoDoctor = false;        // a failed start may run `openclaw doctor --fix` by itself
    QString configPath;                  // the gateway's configuration file (named in a problem)
    GatewayProblem lastError;            // the problem shown (a failed start's, until it concludes)
    QString serviceUnit;                 // OpenClaw's service unit that runs the gateway (serviceManaged)
    bool configRefreshable = false;      // the app re-reads what can change on disk before a fresh start
    bool wasConnected = false;           // this run reached the gateway (its connection time is set)
    bool restartAnnounced = false;       // the gateway announced the restart this run waits out (no notice when it is back)
    bool handoffSupportKnown = false;    // whether this OpenClaw has a restart handoff is known (probed once)
    bool serviceOwnsGateway = false;     // OpenClaw's service unit is installed and enabled or running
    bool serviceCanHandBack = false;     // it is installed but switched off: ClawTray runs the gateway
    bool connected = false;              // the client has a connection to the gateway (calls can go out)
    qint64 processPid = 0;               // our gateway process's pid, kept after it exits until the next spawn (0: never spawned)
    QString openRestartKind;             // the kind of the restart-history row still open ("in-process"), if any
};

// The socket to the gateway closed. `requested`: ClawTray closed it; `serviceRestart`: close code
// 1012 (the gateway restarts).
struct SocketClosed
{
    bool requested = false;
    bool serviceRestart = false;
    int closeCode = 0;
};
// The liveness monitor gave up on the gateway.
struct Unresponsive
{
    QString why;
};
// The gateway process ended without ClawTray asking, and no start sequence was under way.
struct ProcessExited
{
    ExitInfo exit;
};
// The answer to ConsumeHandoff: did the gateway leave a fresh-process restart request?
struct HandoffAnswered
{
    bool accepted = false;
    bool unsupported = false; // this OpenClaw has no handoff: nothing worth a log line
    QString detail;           // the answer in words, for the log
    ExitInfo exit;
};
// The settle time after a lost socket is over.
struct SocketLossSettled
{
};
// The gateway's shutdown event: a restart in its own process when restartExpectedMs >= 0.
struct ShutdownAnnounced
{
    QString reason;
    qint64 restartExpectedMs = -1;
};
// The reconnect backoff's answer to ScheduleRecovery.
struct RecoveryAsked
{
    runloss::RecoveryKind kind = runloss::RecoveryKind::ProcessRestart;
    QString reason;
    QString requestedBy;
    ReconnectBackoff::Decision decision;
};
// The recovery timer fired.
struct RecoveryDue
{
};
// The restart governor's answer to AskGovernor.
struct GovernorAnswered
{
    RestartGovernor::Decision decision;
};

// A start sequence ended without a gateway. `lockOwnerAlive`: a live gateway holds the state dir's
// lock, looked up only when startfailure::needsLockOwner says the verdict depends on it.
struct StartFailed
{
    StartSequence::Outcome outcome;
    bool lockOwnerAlive = false;
};
// StartAttempts' answer to AskAttempts: the next step after the failed start.
struct AttemptDecided
{
    StartAttempts::Step step;
    StartupRecovery::Classification failure;
};
// That step is taken now: nothing of ours runs any more (at once, or after AfterStop's stop).
struct ConcludeStart
{
    StartAttempts::Step step;
    StartupRecovery::Classification failure;
};
// `openclaw doctor --fix` finished, and StartAttempts said what follows.
struct DoctorDecided
{
    StartAttempts::Step step;
};
// The wait before the next start attempt is over.
struct RetryDue
{
};

// The user (or autostart, or a cause that went away) asks for a start.
struct StartAsked
{
};
// The user (or quit, or an update's switch-over) asks for a stop.
struct StopAsked
{
    StopHow how = StopHow::Graceful;
};
// The restart coordinator's answer to a restart someone asked for (it waits for a start or a stop
// under way, and joins a restart already in flight).
struct RestartAsked
{
    QString reason;
    RestartCoordinator::Outcome outcome = RestartCoordinator::Outcome::ExecuteNow;
};
// A restart runs now: asked for and not waiting, or the one that waited for the start to finish.
struct RestartBegins
{
    QString reason;
};

// A start (or a reconnect, a reattach) reached hello-ok: the gateway runs.
struct StartSucceeded
{
    StartSequence::Outcome outcome;
};
// A stop the supervisor asked for is done (our process is gone, or there was none, or systemctl
// stopped OpenClaw's service): what was to follow it.
struct StopDone
{
    AfterStop then;
};
// Something the user has to see or do: nothing of ours keeps running, then the error state, and
// what may make the cause go away is watched.
struct ErrorFound
{
    GatewayProblem problem;
};

// "Let ClawTray manage the gateway": stop and disable OpenClaw's service, then start ours. `reply`
// hears once the switch is under way, or why it cannot be done.
struct TakeOverAsked
{
    std::function<void(const Done&)> reply;
};
// The reverse: stop ours, enable and start the service, attach to it.
struct HandBackAsked
{
    std::function<void(const Done&)> reply;
};
// systemctl answered a ServiceControl of this run (an answer for an older run is dropped).
struct ServiceAnswered
{
    OpenClawService::Action action = OpenClawService::Action::Start;
    Done result;
    std::function<void(const Done&)> reply;
};

// The reload's debounce is over (or a reload was asked for at once): the settings keys that changed
// and what the reload policy decides for them now. `restartReason`: a restart asked for through
// the debounce (GatewayManager::debouncedRestart), which wins over the reload it absorbed.
struct ReloadDue
{
    QStringList keys;
    QString restartReason;
    ReloadPolicy::Decision decision;
};
// The gateway answered the reload's gateway.restart.request. `pid`, `owned`: the gateway it was
// sent to (SIGUSR2 goes only to that process, if it is still ours).
struct InProcessRestartAnswered
{
    CallResult reply;
    qint64 pid = 0;
    bool owned = false;
};
// "Safe restart" (the window, the tray, `ctl restart --safe`): ask the gateway to restart once it
// is idle; `force`: restart the process now. `reply` hears the outcome.
struct SafeRestartAsked
{
    bool force = false;
    std::function<void(const SafeRestartResult&)> reply;
};
// The gateway answered the safe restart's gateway.restart.request.
struct SafeRestartAnswered
{
    CallResult reply;
    std::function<void(const SafeRestartResult&)> replyTo;
};
// The doctor the user ran (`openclaw doctor --fix`) finished, in this run.
struct UserDoctorFinished
{
    bool ok = false;
};
// Quit: stop within `timeoutMs`, then kill; `finished` hears once nothing of ours is left.
struct QuitAsked
{
    int timeoutMs = 0;
    std::function<void()> finished;
};

// OpenClaw's service answered the probe a fresh start begins with (this run's): does its unit own
// the gateway, and does it run now?
struct ServiceProbed
{
    bool ownsGateway = false;
    bool active = false;
    QString unit;
};
// What the error state watched may be gone (the port is free, the config file or the runtime
// changed, the periodic retry is due): `what`, for the log.
struct CauseGone
{
    QString what;
};

using Event = std::variant<SocketClosed, Unresponsive, ProcessExited, HandoffAnswered, SocketLossSettled,
                           ShutdownAnnounced, RecoveryAsked, RecoveryDue, GovernorAnswered, StartFailed, AttemptDecided,
                           ConcludeStart, DoctorDecided, RetryDue, StartAsked, StopAsked, RestartAsked, RestartBegins,
                           StopDone, ErrorFound, StartSucceeded, TakeOverAsked, HandBackAsked, ServiceAnswered, ReloadDue,
                           InProcessRestartAnswered, SafeRestartAsked, SafeRestartAnswered, UserDoctorFinished, QuitAsked,
                           ServiceProbed, CauseGone>;
QString eventName(const Event& e);

struct Step
{
    LifecycleRun run;
    Effects effects;
    QString ignoredBecause; // set when there is nothing to do, saying why
};

// The facts as intents::, runloss:: and startfailure:: take them. startFailureFacts: what decides a
// failed start (without the lock owner, which the caller looks up only when
// startfailure::needsLockOwner says so, and passes in StartFailed).
intents::Facts intentFacts(const Facts& f);
runloss::Facts lossFacts(const LifecycleRun& run, const Facts& f);
startfailure::Facts startFailureFacts(const LifecycleRun& run, const Facts& facts, const StartSequence::Outcome& o);
// Whether a restart asked for now waits (a start sequence runs, or a stop is under way).
bool restartMustWait(const Facts& facts);
// The pending action a waiting restart shows ("restart after start-up").
UserText restartAfterStartUp();

} // namespace reducer
} // namespace clawtray
