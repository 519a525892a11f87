#include "supervisor/PolicyBook.h"

namespace clawtray {

PolicyBook::PolicyBook(const ManagerConfig& config)
    : m_backoff(config.backoff)
    , m_governor(config.governor)
{
    setConfig(config);
}

void PolicyBook::setConfig(const ManagerConfig& config)
{
    m_attemptsConfig = config.startAttempts;
    m_reloadConfig = config.reload;
}

void PolicyBook::resetPacing(const ManagerConfig& config)
{
    m_backoff = ReconnectBackoff(config.backoff);
    m_governor = RestartGovernor(config.governor);
}

PolicyBook::Applied PolicyBook::apply(const Effect& e, const Context& c)
{
    using K = Effect::Kind;
    const qint64 now = c.now.ms;
    switch (e.kind) {
    case K::ResetAttempts:
        m_attempts.emplace(m_attemptsConfig);
        break;
    case K::Tell:
        tell(e.policy, c);
        break;
    case K::AskGovernor:
        return {true, reducer::GovernorAnswered{m_governor.decide(now)}};
    case K::AskAttempts:
        if (!m_attempts)
            m_attempts.emplace(m_attemptsConfig);
        return {true, reducer::AttemptDecided{m_attempts->next(e.failure), e.failure}};
    case K::ScheduleRecovery:
        return {true, reducer::RecoveryAsked{e.recovery, e.reason, e.by, m_backoff.decide(now, c.recoveryEnabled, c.recoveryArmed)}};
    case K::OpenRestart:
        if (e.continueOpen && m_history.openKind() == e.what)
            m_history.progress(e.result);
        else
            m_history.open(RestartRecord::of(c.now.epochMs, e.reason, e.by, e.what, e.result), now);
        break;
    case K::NoteRestart:
        m_history.addClosed(RestartRecord::of(c.now.epochMs, e.reason, e.by, e.what, e.result));
        break;
    case K::ProgressRestart:
        m_history.progress(e.result);
        break;
    case K::CloseRestart:
        m_history.close(e.result, now);
        m_reload.restartFinished(e.on, e.result, c.now.epochMs);
        if (m_coordinator.inFlight()) // a restart of ours (RestartAsked, RestartBegins) ends here too
            m_coordinator.onRestartFinished(now, e.on);
        break;
    case K::ReloadExecuting:
        m_reload.executing(e.keys, e.decision, c.pid, c.now.epochMs);
        break;
    case K::ReloadDeferred:
        m_reload.deferred(e.result);
        break;
    case K::ReloadRequestFailed:
        m_history.close(QStringLiteral("failed: ") + e.result, now);
        m_reload.requestFailed(e.result, c.now.epochMs);
        break;
    default:
        return {};
    }
    return {true, {}};
}

void PolicyBook::tell(Effect::Policy p, const Context& c)
{
    const qint64 now = c.now.ms;
    switch (p) {
    case Effect::Policy::BackoffLost: m_backoff.onDisconnected(now); return;
    case Effect::Policy::BackoffReset: m_backoff.reset(); return;
    case Effect::Policy::BackoffConnected: m_backoff.onConnected(now); return;
    case Effect::Policy::GovernorStopped: m_governor.onStopped(now); return;
    case Effect::Policy::GovernorRestarted: m_governor.recordRestart(now); return;
    case Effect::Policy::GovernorUserRestart: m_governor.recordRestart(now, true); return;
    case Effect::Policy::GovernorRunning: m_governor.onRunning(now); return;
    case Effect::Policy::RestartCompleted: m_coordinator.recordRestartCompleted(now); return;
    case Effect::Policy::CoordinatorRestartStarted:
        if (!m_coordinator.inFlight())
            m_coordinator.onRestartStarted(now);
        return;
    case Effect::Policy::ReloadRestartAnnounced: m_reload.gatewayRestartAnnounced(c.now.epochMs); return;
    case Effect::Policy::ReloadRunEnded: m_reload.runEnded(); return;
    case Effect::Policy::ReloadRunning: m_reload.running(c.owned, c.pid); return;
    }
}

reducer::RestartAsked PolicyBook::requestRestart(const QString& reason, bool busy, qint64 nowMs)
{
    return {reason, m_coordinator.requestRestart(nowMs, busy).outcome};
}

bool PolicyBook::takeDeferred(qint64 nowMs)
{
    return m_coordinator.takeDeferred(nowMs);
}

reducer::DoctorDecided PolicyBook::doctorFinished(bool ok)
{
    if (!m_attempts)
        m_attempts.emplace(m_attemptsConfig);
    return {m_attempts->onDoctorFinished(ok)};
}

ReloadPolicy::Decision PolicyBook::decideReload(const QStringList& keys, const ReloadState& gateway) const
{
    return ReloadPolicy(m_reloadConfig).decide(keys, gateway);
}

qint64 PolicyBook::debounceReload(const QStringList& keys, const ReloadState& gateway, const Now& now)
{
    for (const QString& k : keys)
        if (!m_pendingReloadKeys.contains(k))
            m_pendingReloadKeys << k;
    const qint64 waitMs = qMax<qint64>(0, m_coordinator.debounce(now.ms, m_reloadConfig.debounceMs) - now.ms);
    m_reload.debounced(m_pendingReloadKeys, now.epochMs + waitMs, decideReload(m_pendingReloadKeys, gateway));
    return waitMs;
}

qint64 PolicyBook::debounceRestart(const QString& reason, int ms, qint64 nowMs)
{
    m_pendingRestartReason = reason;
    return qMax<qint64>(0, m_coordinator.debounce(nowMs, ms) - nowMs);
}

PolicyBook::Fired PolicyBook::debounceFired(const ReloadState& gateway, qint64 nowMs)
{
    if (!m_coordinator.debounceDue(nowMs)) {
        const auto at = m_coordinator.debounceFireAt();
        return {std::nullopt, at ? qMax<qint64>(1, *at - nowMs) : 0};
    }
    m_coordinator.cancelDebounce();
    const QStringList keys = std::exchange(m_pendingReloadKeys, {});
    return {reducer::ReloadDue{keys, std::exchange(m_pendingRestartReason, {}), decideReload(keys, gateway)}, 0};
}

void PolicyBook::runAbandoned(qint64 epochMs)
{
    // The debounce ends with the run (the manager stops its timer). A debounced restart is void:
    // kept, it would turn the next settings change into a restart, which a stopped gateway
    // ignores, reload and all.
    m_pendingRestartReason.clear();
    m_coordinator.cancelDebounce();
    if (m_reload.activity().pending) {
        // What it was for applies when the gateway starts again (or at the restart under way).
        m_pendingReloadKeys.clear();
        m_reload.pendingDropped(epochMs);
    }
    m_coordinator.dropDeferred();
}

} // namespace clawtray
