#pragma once

#include "supervisor/GatewayStatus.h"

#include <QList>
#include <QString>

#include <optional>

namespace clawtray {

// Why the supervisor's state changes. Every change of GatewayStatus::state goes through one of
// these (GatewayManager::transition), and the table below says from which states it may happen
// (docs/ARCHITECTURE.md, "The lifecycle table").
enum class LifecycleEvent {
    StartRequested,    // start(): the user, autostart, or a cause that went away
    RestartBegun,      // a restart of ours: the process, OpenClaw's service, a reconnect to an external gateway
    StartRetried,      // a start that failed tries again (after the doctor, or at once)
    HandoffAccepted,   // the gateway exited asking for a fresh process
    StopBegun,         // the process (or OpenClaw's service) is being stopped
    StopFinished,      // the stop is complete: nothing of the run is left
    Ready,             // a start or reconnect reached hello-ok
    ExitedCleanly,     // our gateway exited with 0 unasked: is it a restart it asked for?
    ConnectionLost,    // the socket closed while the process looks alive
    RecoveryScheduled, // a recovery (restart of the process, reattach) waits for its turn
    RecoveryStarted,   // that recovery runs now
    ProblemFound,      // something the user has to see or do (restarts paused included)
};

namespace lifecycle {

QList<LifecycleEvent> allEvents();
QList<GatewayState> allStates();
QString eventName(LifecycleEvent e);

// The state an event leads to (each event has exactly one).
GatewayState target(LifecycleEvent e);
// The state after `e` in `from`, or nothing when the table does not list that pair (then
// ignoredBecause() says why it does not happen). An event whose target is `from` is no change.
std::optional<GatewayState> next(GatewayState from, LifecycleEvent e);
QString ignoredBecause(GatewayState from, LifecycleEvent e);

// The table as the Markdown that docs/ARCHITECTURE.md carries (a test keeps them equal).
QString markdownTable();

} // namespace lifecycle
} // namespace clawtray
