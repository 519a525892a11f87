#pragma once

#include "policy/StartupRecovery.h"
#include "supervisor/StartSequence.h"

namespace clawtray {

// What follows a start that failed, decided from the facts alone (no I/O, no clock): show the
// problem, attach to the gateway that took the state dir, let the recovery back off, or take the
// next start attempt (StartAttempts: retry, doctor, give up). GatewayManager gathers the facts,
// asks, and carries the verdict out; tst_supervisor_startfailure walks the table.
namespace startfailure {

// The failure as StartupRecovery sees it: the gateway's exit code or signal and its own lines when
// it exited, else our wording. ClawTray's own timeouts (not ready in time, no connection, port
// held) say nothing about the gateway's configuration: those are transient, with our words.
StartupRecovery::Classification classify(const StartSequence::Outcome& o);

struct Facts
{
    bool fatal = false;             // the start sequence says: never retry by itself (auth, foreign listener…)
    bool recovering = false;        // the start was a recovery (Reconnecting), not the user's start
    bool owned = false;             // it was (or would have been) ClawTray's own gateway
    bool processAlive = false;      // our process still runs
    bool neverReady = false;        // the failure is "not ready in time"
    bool lockAttachRetried = false; // this start() already attached once to the state dir's new owner
    bool lockOwnerAlive = false;    // a live gateway holds the state dir's lock (asked only when it matters)
};

enum class Verdict {
    ShowAsReported,       // the problem as the start sequence reported it
    AttachToLockOwner,    // another gateway took the state dir meanwhile: attach to it (once)
    ShowClassified,       // a problem a retry cannot fix, in StartupRecovery's words
    StopThenRestart,      // a recovery's process never became ready: stop it, then restart it
    RecoverReconnect,     // a recovery of an external gateway: back off, reconnect
    RecoverReattach,      // a recovery of our live process: back off, reattach
    RecoverRestart,       // a recovery of our dead process: back off, restart it
    NextAttempt,          // the user's start: StartAttempts says retry, run the doctor, or give up
};

QString verdictName(Verdict v);

// Whether the verdict depends on the state dir's lock owner (then the caller fills lockOwnerAlive).
bool needsLockOwner(const Facts& f, const StartupRecovery::Classification& cls);
Verdict decide(const Facts& f, const StartupRecovery::Classification& cls);
// The problem ShowClassified shows: the reported one with StartupRecovery's kind and words.
GatewayProblem classifiedProblem(const GatewayProblem& reported, const StartupRecovery::Classification& cls);

} // namespace startfailure
} // namespace clawtray
