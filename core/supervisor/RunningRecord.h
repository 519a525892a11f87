#pragma once

#include "supervisor/Diagnostics.h"
#include "supervisor/GatewayStatus.h"
#include "supervisor/StartSequence.h"

namespace clawtray {

// What a start that reached the gateway found, as the status and the diagnostics show it: who runs
// it, its pid, the port it serves on, since when, its version; nothing of a failure stays shown.
// `processStartMs`: when the process of a gateway that is not ours started (0: unknown, then its
// uptime counts from what was shown, or from `nowMs`). Pure: the caller looks the time up.
void applyRunning(const StartSequence::Outcome& o, int port, qint64 processStartMs, qint64 nowMs, GatewayStatus& status,
                   Diagnostics& diag);

} // namespace clawtray
