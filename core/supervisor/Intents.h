#pragma once

#include "supervisor/GatewayStatus.h"

namespace clawtray {

// What the user's start, stop and restart lead to in the supervisor's current situation, decided
// from the facts alone (no I/O, no clock). GatewayManager asks and carries the answer out;
// tst_supervisor_intents walks every combination.
namespace intents {

struct Facts
{
    GatewayState state = GatewayState::Stopped;
    bool owned = false;          // ClawTray's own gateway
    bool processAlive = false;   // our gateway process runs
    bool serviceManaged = false; // OpenClaw's service owns the gateway (and ClawTray does not)
};

enum class OnStart {
    Ignore,         // already starting or running
    StartAfterStop, // a stop is under way: start once it has finished
    Start,          // start now
};
OnStart onStart(const Facts& f);

enum class OnStop {
    Ignore,      // nothing runs and nothing of ours is left
    StopService, // OpenClaw's service runs it: `systemctl --user stop` (it stays enabled)
    StopProcess, // stop our process (or end the connection to someone else's gateway)
};
OnStop onStop(const Facts& f);

enum class RestartPath {
    Service,   // OpenClaw's service runs it: `systemctl --user restart`, then attach
    Reconnect, // someone else's gateway is never killed: reconnect only
    Process,   // stop our process (if any) and start again
};
RestartPath restartPath(const Facts& f);

// A restart asked for now must wait for what is under way (a start sequence, a stop).
bool restartMustWait(const Facts& f, bool startRunning);

} // namespace intents
} // namespace clawtray
