#include "supervisor/ShownEffects.h"

namespace clawtray {
namespace {

quint64& counter(Diagnostics& d, Effect::Counter c)
{
    switch (c) {
    case Effect::Counter::UnexpectedExits: return d.unexpectedExits;
    case Effect::Counter::RestartsExecuted: return d.restartsExecuted;
    case Effect::Counter::ReconnectAttempts: return d.reconnectAttempts;
    case Effect::Counter::ReconnectSuccesses: return d.reconnectSuccesses;
    }
    return d.unexpectedExits;
}

bool& flag(Diagnostics& d, Effect::Flag f)
{
    switch (f) {
    case Effect::Flag::ExternalUnavailable: return d.externalUnavailable;
    case Effect::Flag::Unresponsive: return d.unresponsive;
    case Effect::Flag::Verifying: return d.verifying;
    case Effect::Flag::RestartAnnounced: return d.restartAnnounced;
    }
    return d.unresponsive;
}

} // namespace

bool applyShown(const Effect& e, qint64 nowMs, int port, GatewayStatus& status, Diagnostics& diag)
{
    using K = Effect::Kind;
    switch (e.kind) {
    case K::ForgetPid: status.pid = 0; return true;
    case K::ForgetStartTime: status.startedAtMs = 0; return true;
    case K::Count: ++counter(diag, e.counter); return true;
    case K::Mark: flag(diag, e.flag) = e.on; return true;
    case K::NoteSocketClose:
        diag.lastSocketCloseAtMs = nowMs;
        diag.lastSocketCloseCode = e.number;
        return true;
    case K::SetLastError: status.lastError = e.problem; return true;
    case K::SetAttempt: status.reconnectAttempt = e.number; return true;
    case K::SetPending: status.pendingAction = e.text; return true;
    case K::SetNextRetry: status.nextRetryAtMs = nowMs + e.ms; return true;
    case K::ClearNextRetry: status.nextRetryAtMs = 0; return true;
    case K::SetPhase: status.phase = e.text; return true;
    case K::ForgetMisses: diag.consecutiveMisses = 0; return true;
    case K::NoteRpcFailure: diag.noteRpc(e.on, false, e.what, e.result, nowMs); return true;
    case K::ResetRunStatus: {
        // Nothing of the run is kept but the state itself, which only a transition changes.
        const GatewayState state = status.state;
        status = GatewayStatus{};
        status.state = state;
        status.port = port;
        return true;
    }
    default:
        return false;
    }
}

StateMove applyTransition(LifecycleEvent e, GatewayStatus& status, Diagnostics& diag)
{
    StateMove m;
    m.from = status.state;
    const GatewayState to = lifecycle::target(e);
    if (m.from == to)
        return m;
    m.changed = true;
    m.listed = lifecycle::next(m.from, e).has_value();
    if (!m.listed)
        ++diag.unlistedTransitions;
    status.state = to;
    if (to != GatewayState::Running) {
        // Readiness belongs to the run that was asked: nothing of it outlives that run. What the
        // gateway said of itself in hello-ok describes that connection only: during a restart the
        // next one may be another version, another boot.
        status.readiness.clear();
        status.notReady.clear();
        status.gatewayVersion.clear();
        status.bootId.clear();
        diag.gatewayVersion.clear();
        diag.gatewayBuildId.clear();
    }
    if (to != GatewayState::Starting && to != GatewayState::Reconnecting)
        status.phase = UserText();
    return m;
}

} // namespace clawtray
