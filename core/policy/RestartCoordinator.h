#pragma once

#include <QtGlobal>

#include <optional>

namespace clawtray {

// Turns a burst of restart requests into as few restarts as correctness allows. Pure state: the
// supervisor owns the timers and the actual stop/start, and reports what happened.
//
// - A request while a restart is in flight JOINS it (same ticket id): it would restart a gateway
//   that is being restarted anyway.
// - A request while the supervisor is busy (starting, reconnecting, start lock held) is DEFERRED;
//   all deferred requests share one ticket and run as one restart once the supervisor is idle —
//   unless a restart completed successfully at or after the first deferred request, which already
//   picked up whatever the request was for.
// - debounce() coalesces bursts (settings saved field by field) into one restart after a quiet
//   period; each call re-arms it.
//
// A restart "in flight" is reserved from ExecuteNow (or takeDeferred) until onRestartFinished,
// including while the caller waits for the RestartGovernor: requests during that wait join it.
class RestartCoordinator
{
public:
    enum class Outcome { ExecuteNow, Deferred, JoinInFlight };
    struct Ticket
    {
        Outcome outcome = Outcome::ExecuteNow;
        quint64 id = 0; // the restart this request will be satisfied by (never 0)
    };

    Ticket requestRestart(qint64 now, bool busy);
    // The stop/start of the in-flight restart actually begins (after any governor wait). Reserves
    // a restart if none is in flight (e.g. one the supervisor initiates itself); returns its id.
    quint64 onRestartStarted(qint64 now);
    // ok=false also covers an abandoned restart (user pressed Stop during the governor wait).
    void onRestartFinished(qint64 now, bool ok);
    // A restart that happened without us, e.g. the gateway restarted in-process (close 1012) and
    // we reconnected: it satisfies deferred requests made before it, like one of ours.
    void recordRestartCompleted(qint64 now);

    // Call when the supervisor becomes idle. True = execute the deferred restart now: it is then
    // in flight under the deferred ticket's id. False = nothing deferred, or already satisfied
    // (dropped), or a restart is still in flight (kept until that one finishes).
    bool takeDeferred(qint64 now);
    void dropDeferred(); // e.g. stop() by the user: a queued restart must not revive the gateway

    // Re-arms the single debounce deadline; returns the absolute time at which it fires.
    qint64 debounce(qint64 now, qint64 delayMs);
    // True once when the deadline has passed (then disarmed). A clock that went backwards past
    // the arming time also fires it, so a jump can never postpone the restart indefinitely.
    bool debounceDue(qint64 now);
    void cancelDebounce();

    bool inFlight() const { return m_inFlightId != 0; }
    quint64 inFlightId() const { return m_inFlightId; }
    std::optional<qint64> inFlightReservedAt() const { return m_inFlightReservedAt; }
    std::optional<qint64> inFlightStartedAt() const { return m_inFlightStartedAt; }
    bool hasDeferred() const { return m_deferredId != 0; }
    std::optional<qint64> deferredSince() const { return m_deferredSince; }
    std::optional<qint64> debounceFireAt() const { return m_debounceFireAt; }
    std::optional<qint64> lastCompletedAt() const { return m_lastCompletedAt; }

private:
    quint64 reserve(qint64 now, quint64 id);

    quint64 m_nextId = 1;
    quint64 m_inFlightId = 0;
    std::optional<qint64> m_inFlightReservedAt;
    std::optional<qint64> m_inFlightStartedAt;
    quint64 m_deferredId = 0;
    std::optional<qint64> m_deferredSince; // time of the FIRST deferred request
    std::optional<qint64> m_lastCompletedAt;
    std::optional<qint64> m_debounceFireAt;
    std::optional<qint64> m_debounceArmedAt;
};

} // namespace clawtray
