#pragma once

#include "policy/StartAttempts.h"
#include "policy/StartupRecovery.h"
#include "policy/Result.h"
#include "supervisor/GatewayStatus.h"

#include <QString>

#include <functional>

namespace clawtray {

namespace runloss {
// What a recovery brings back: our process (restart it), our live process's connection (reattach),
// or someone else's gateway (reconnect; OpenClaw's service's: attach to what systemd runs).
enum class RecoveryKind { ProcessRestart, Reattach, ReconnectExternal };
} // namespace runloss

// How the supervisor stops its gateway process.
enum class StopHow {
    Graceful,     // SIGTERM, then the grace period, then SIGKILL
    Kill,         // at once (a gateway that does not answer may not handle SIGTERM either)
    ForSuccessor, // Stopped as soon as it let go of its ports and the state lock (an update's switch)
};

// What follows a stop the supervisor asked for, once the process is gone: data, not a stored
// closure, so that what is pending can be read (and replaced by a later stop) like any state.
struct AfterStop
{
    enum class Kind;
    AfterStop() = default;
    AfterStop(Kind k) : kind(k) {} // NOLINT: `{AfterStop::Kind::FinishStop}` reads as what it is
    enum class Kind {
        Nothing,
        FinishStop,           // the stop was the point: Stopped
        RestartFresh,         // a restart: spawn again
        RecoverProcess,       // it never became ready during a recovery: schedule a process restart
        ConcludeStartFailure, // a failed start's next step (retry, doctor, or the error)
        RecoveryRestart,      // a recovery's restart: spawn again unless a newer run began meanwhile
        ShowProblem,          // the error state, with nothing of ours left running
        HandBackToService,    // enable and start OpenClaw's service unit
    } kind = Kind::Nothing;
    QString reason;                          // RecoverProcess
    StartAttempts::Step step;                // ConcludeStartFailure
    StartupRecovery::Classification failure; // ConcludeStartFailure
    quint64 generation = 0;                  // RecoveryRestart: the run it belongs to
    GatewayProblem problem;                  // ShowProblem
    QString unit;                            // HandBackToService
    std::function<void(const Done&)> reply;  // HandBackToService: the requester's answer
};

// What the lifecycle keeps besides GatewayStatus::state, as one value (docs/ARCHITECTURE.md,
// "The lifecycle table"): nothing of it lives in a closure. The reducer (supervisor/Reducer.h)
// returns the next one with the effects of an event.
struct LifecycleRun
{
    quint64 generation = 0;              // what an older run armed is void once this moves on
    bool stopRequested = false;          // a stop was asked for (the user, quit, a hand-over)
    bool stoppingService = false;        // the stop in progress is systemctl's (the log says so when it ends)
    bool lockAttachRetried = false;      // one fresh look at the state dir's lock after an exit 78, per start()
    bool killOnRecovery = false;         // the next recovery kills at once (the gateway did not answer)
    bool expectInProcessRestart = false; // the gateway announced a restart in its own process...
    qint64 restartExpectedMs = -1;       // ...expected to take this long (-1: not said)
    runloss::RecoveryKind recoveryKind = runloss::RecoveryKind::ProcessRestart;
    QString recoveryReason;
    QString recoveryRequestedBy;
    bool startAfterStop = false; // a start() requested while stopping
    AfterStop afterStop;         // what follows the process stop we asked for
};

} // namespace clawtray
