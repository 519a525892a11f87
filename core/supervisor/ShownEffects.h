#pragma once

#include "supervisor/Diagnostics.h"
#include "supervisor/Effect.h"
#include "supervisor/GatewayStatus.h"

namespace clawtray {

// The effects that only change what is shown, the status and the diagnostics (forget the pid or
// the start time, a counter, a flag, a socket's close, the last error, the reconnect attempt, the
// pending action and when it runs, the phase, the misses, nothing of the run), carried out as one
// pure function. The executor (GatewayManager) hands every such effect here; `nowMs` is the wall
// clock, `port` the configured port a reset status shows. False: `e` is not one of them.
bool applyShown(const Effect& e, qint64 nowMs, int port, GatewayStatus& status, Diagnostics& diag);

} // namespace clawtray
