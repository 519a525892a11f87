#include "supervisor/RunningRecord.h"

namespace clawtray {

void applyRunning(const StartSequence::Outcome& o, int port, qint64 processStartMs, qint64 nowMs, GatewayStatus& status,
                   Diagnostics& diag)
{
    status.owned = o.owned;
    status.pid = o.pid;
    status.port = port;
    if (!o.owned) // someone else's gateway (the service's, one started by hand): its uptime is its process's
        status.startedAtMs = processStartMs > 0 ? processStartMs : (status.startedAtMs ? status.startedAtMs : nowMs);
    else if (status.startedAtMs == 0)
        status.startedAtMs = nowMs;
    status.connectedAtMs = nowMs;
    status.gatewayVersion = o.hello.serverVersion;
    status.bootId = o.hello.bootId;
    status.reconnectAttempt = 0;
    status.lastError = GatewayProblem{};
    diag.gatewayVersion = o.hello.serverVersion;
    diag.gatewayBuildId = o.hello.buildId;
    diag.unresponsive = false;
    diag.verifying = false;
    diag.externalUnavailable = false;
    diag.consecutiveRpcFailures = 0;
}

} // namespace clawtray
