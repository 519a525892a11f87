#pragma once

#include "supervisor/Diagnostics.h"
#include "supervisor/Effect.h"
#include "supervisor/GatewayStatus.h"

namespace clawtray {

// The effects that only change what is shown, the status and the diagnostics (forget the pid or
// the start time, a counter, a flag, a socket's close, the last error, the reconnect attempt, the
// pending action and when it runs, the phase, the misses, a failed call, nothing of the run), carried out as one
// pure function. The executor (GatewayManager) hands every such effect here; `nowMs` is the wall
// clock, `port` the configured port a reset status shows. False: `e` is not one of them.
bool applyShown(const Effect& e, qint64 nowMs, int port, GatewayStatus& status, Diagnostics& diag);

// The state moves on `e` (the lifecycle table), and what belonged to the state it left is no
// longer shown: readiness and what the gateway said of itself in hello-ok once it is not running,
// the phase once it is neither starting nor reconnecting. A pair the table does not list is
// carried out all the same (refusing it would leave the screen showing a state the supervisor has
// left), but it is counted in the diagnostics and `listed` is false.
struct StateMove
{
    bool changed = false;
    bool listed = true;
    GatewayState from = GatewayState::Stopped;
};
StateMove applyTransition(LifecycleEvent e, GatewayStatus& status, Diagnostics& diag);

} // namespace clawtray
