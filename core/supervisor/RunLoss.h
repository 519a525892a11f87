#pragma once

#include "policy/StartupRecovery.h"
#include "process/ExitInfo.h"
#include "supervisor/GatewayStatus.h"
#include "supervisor/Run.h"

#include <optional>

namespace clawtray {

// What the supervisor does when it loses the gateway it runs — the socket closes, the gateway
// stops answering, or its process exits — decided from the facts alone (no I/O, no clock, no Qt
// event loop). GatewayManager gathers the facts when the signal arrives, asks, and carries out
// the verdict (docs/ARCHITECTURE.md, "The lifecycle table"); tst_supervisor_runloss walks the
// table.
namespace runloss {

struct Facts
{
    GatewayState state = GatewayState::Stopped;
    bool owned = false;            // ClawTray's own gateway (not OpenClaw's service's, not an external one)
    bool starting = false;         // a start sequence runs: it watches its own connection and exit
    bool processAlive = false;     // our gateway process still runs...
    bool processExiting = false;   // ...or is already on its way out (not reaped yet)
    bool restartAnnounced = false; // the gateway said it restarts in its own process (shutdown event)
};

enum class Verdict {
    Ignore,                // not the supervisor's to judge: asked for, during a start, or not running
    ReconnectExternal,     // someone else's gateway: reconnect, with backoff
    AwaitExit,             // our process is exiting or gone: its exit decides what follows
    AwaitInProcessRestart, // the gateway restarts itself in the same process: wait, then reattach
    SettleThenReattach,    // the process looks alive: give a late exit a moment, else reattach
    KillAndRestart,        // it does not answer: restart the process, killing it at once
    CheckHandoff,          // a clean exit: did the gateway ask for a fresh process?
    Unexpected,            // an exit nobody asked for: a problem to show, or a restart
};

QString verdictName(Verdict v);

// The socket to the gateway closed. `requested`: ClawTray closed it; `serviceRestart`: close code
// 1012 (the gateway restarts).
Verdict onSocketClosed(const Facts& f, bool requested, bool serviceRestart);
// The liveness monitor gave up on the gateway.
Verdict onUnresponsive(const Facts& f);
// The gateway process ended without ClawTray asking (a stop ClawTray asked for never gets here).
Verdict onProcessExited(const Facts& f, const ExitInfo& e);
// A recovery is due: how it is carried out.
enum class RecoveryMove {
    AttachService,     // OpenClaw's service runs the gateway: systemd brings it back, attach to it
    ReconnectExternal, // someone else's gateway: connect again
    ReattachOwned,     // our process still runs: connect to it again
    RestartProcess,    // restart our process (through the restart governor)
};
RecoveryMove recoveryMove(RecoveryKind kind, bool serviceManaged, bool processAlive);

// An exit as StartupRecovery reads it: its code or signal and the gateway's last lines.
StartupFailure failureOf(const ExitInfo& e);

// After an unexpected exit: the problem a restart cannot fix (another gateway owns the state dir,
// Node is too old, a migration holds the lock, the gateway refused its configuration with exit
// code 78), or nothing when restarting is the answer.
std::optional<GatewayProblem> problemAfterExit(const ExitInfo& e, qint64 nowMs);

} // namespace runloss
} // namespace clawtray
