#pragma once

#include "policy/ReconnectBackoff.h"
#include "policy/ReloadPolicy.h"
#include "policy/RestartCoordinator.h"
#include "policy/RestartGovernor.h"
#include "policy/StartAttempts.h"
#include "supervisor/Diagnostics.h"
#include "supervisor/Effect.h"
#include "supervisor/ManagerConfig.h"
#include "supervisor/ReducerTypes.h"
#include "supervisor/ReloadActivity.h"

#include <optional>

namespace clawtray {

// What the supervisor's policies remember from one event to the next: the reconnect backoff, the
// restart governor, the restart coordinator with the reload's debounce, the start attempts, the
// restart history and the reload tracker. Pure: both clocks are passed in; no timers, no I/O.
//
// The executor (GatewayManager) hands it every bookkeeping effect (apply). An effect that asks a
// policy a question (AskGovernor, AskAttempts, ScheduleRecovery) gets the answer back as the
// reducer's event, which the executor dispatches (docs/ARCHITECTURE.md, "The reducer").
class PolicyBook
{
public:
    struct Now
    {
        qint64 ms = 0;      // the monotonic clock: pacing, durations
        qint64 epochMs = 0; // the wall clock: what is shown
    };
    // What an effect may need to know of the gateway and the run.
    struct Context
    {
        Now now;
        bool owned = false;          // the gateway is ours
        qint64 pid = 0;              // its pid (0: none known)
        bool recoveryEnabled = true; // no stop was asked for: a lost gateway may be recovered
        bool recoveryArmed = false;  // a recovery is already scheduled
    };
    struct Applied
    {
        bool handled = false;                 // the effect is one of the book's
        std::optional<reducer::Event> answer; // a question's answer, for the reducer
    };

    explicit PolicyBook(const ManagerConfig& config);
    // The configuration later decisions use (the start attempts' budget, the reload policy).
    void setConfig(const ManagerConfig& config);
    // The pacing settings changed: the backoff and the governor start afresh with them.
    void resetPacing(const ManagerConfig& config);

    // The bookkeeping effects: ResetAttempts, Tell, AskGovernor, AskAttempts, ScheduleRecovery,
    // OpenRestart, NoteRestart, ProgressRestart, CloseRestart, ReloadExecuting, ReloadDeferred,
    // ReloadRequestFailed. Any other kind is left alone (handled false).
    Applied apply(const Effect& e, const Context& c);

    // A restart someone asks for, through the coordinator (`busy`: a start or a stop is under way).
    reducer::RestartAsked requestRestart(const QString& reason, bool busy, qint64 nowMs);
    // The supervisor is idle: true when a restart that waited for it runs now.
    bool takeDeferred(qint64 nowMs);
    // `openclaw doctor --fix` finished during a start's attempts: what follows.
    reducer::DoctorDecided doctorFinished(bool ok);

    // The reload's debounce: one deadline for a burst of changes. A restart asked for through it
    // wins over the reload it absorbs. Each returns the ms until the deadline.
    qint64 debounceReload(const QStringList& keys, const ReloadState& gateway, const Now& now);
    qint64 debounceRestart(const QString& reason, int ms, qint64 nowMs);
    // The debounce timer fired: `due` once the deadline has passed, else how long is left (timers
    // may fire a little early; 0 when nothing is armed).
    struct Fired
    {
        std::optional<reducer::ReloadDue> due;
        qint64 waitMs = 0;
    };
    Fired debounceFired(const ReloadState& gateway, qint64 nowMs);
    ReloadPolicy::Decision decideReload(const QStringList& keys, const ReloadState& gateway) const;
    // The run is abandoned (a stop, a restart): a reload still waiting applies when the gateway
    // starts again, and a restart that waited for the supervisor is dropped.
    void runAbandoned(qint64 epochMs);
    // The gateway's own config.changed; ClawTray-only settings taken into use at once.
    void gatewayConfigChanged(const QString& path, qint64 epochMs) { m_reload.gatewayConfigChanged(path, epochMs); }
    void appliedLive(const QStringList& settingsKeys, qint64 epochMs) { m_reload.appliedLive(settingsKeys, epochMs); }

    // The governor's circuit is open at `nowMs` (automatic restarts pause); restarts it held back.
    bool circuitOpen(qint64 nowMs) { return m_governor.snapshot(nowMs).circuitOpenUntilMs > nowMs; }
    quint64 restartsSuppressed() const { return m_governor.suppressed(); }
    const ReloadActivity& reload() const { return m_reload.activity(); }
    const RestartHistory& history() const { return m_history; }

private:
    void tell(Effect::Policy p, const Context& c);

    StartAttemptsConfig m_attemptsConfig;
    ReloadConfig m_reloadConfig;
    ReconnectBackoff m_backoff;
    RestartGovernor m_governor;
    RestartCoordinator m_coordinator;
    std::optional<StartAttempts> m_attempts;
    RestartHistory m_history;
    ReloadTracker m_reload;
    QStringList m_pendingReloadKeys;
    QString m_pendingRestartReason;
};

} // namespace clawtray
