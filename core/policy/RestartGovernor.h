#pragma once

#include "policy/UserText.h"

#include <QString>
#include <QtGlobal>

#include <deque>
#include <optional>

namespace clawtray {

struct RestartGovernorConfig
{
    qint64 baseCooldownMs = 2500;  // wait after a restart before the next automatic one
    qint64 maxCooldownMs = 120000; // cap of the doubling cooldown
    int budget = 4;                // automatic restarts allowed per window (at least 1)
    qint64 windowMs = 600000;      // sliding window for the budget
    qint64 circuitOpenMs = 600000; // how long automatic restarts pause once the budget is exceeded
    qint64 stableResetMs = 120000; // a run this long resets cooldown, budget and circuit
};

// Stops crash loops of AUTOMATIC restarts (liveness escalation, crash recovery, config-change
// restarts) without ever dropping one: a suppressed decision always says when the restart will be
// allowed, and the caller must retry then (the reference's governor lost such restarts silently).
//
// User-requested restarts do not pass the governor — a person asking is never refused — but the
// caller records them with recordRestart(now, true): they start a cooldown (so an automatic restart
// does not hit the freshly started gateway) and appear in the history, but they neither double the
// cooldown nor count toward the budget, so they can never open the circuit.
//
// Every call that takes `now` first brings the state up to `now`: a finished stable run resets,
// an expired circuit closes, old restarts leave the window, and a clock that went backwards
// clears the state (a safe reset is better than a lockout computed from a bogus time).
class RestartGovernor
{
public:
    enum class Verdict { Allow, Suppress };
    enum class Reason { None, Cooldown, CircuitOpen };
    struct Decision
    {
        Verdict verdict = Verdict::Allow;
        Reason reason = Reason::None;
        qint64 retryAfterMs = 0; // Suppress: > 0, finite; retry then and it is allowed
        qint64 allowedAtMs = 0;  // Suppress: now + retryAfterMs (absolute, same clock as `now`)
        UserText text;           // "restart in 40 s (cooldown)"
        bool allowed() const { return verdict == Verdict::Allow; }
    };
    struct Snapshot
    {
        int consecutive = 0;
        int restartsInWindow = 0;       // automatic
        int manualRestartsInWindow = 0; // user-requested, for diagnostics only
        std::optional<qint64> circuitOpenUntilMs;
        std::optional<qint64> lastRestartAtMs;
        qint64 nextAllowedAtMs = 0; // when an automatic restart asked now would be allowed
        quint64 executed = 0;
        quint64 suppressed = 0;
        quint64 clockResets = 0;
    };

    explicit RestartGovernor(const RestartGovernorConfig& config = {});

    // Suppress may open the circuit (when the budget is exceeded) and counts as suppressed.
    Decision decide(qint64 now);
    void recordRestart(qint64 now, bool manual = false);
    // The gateway is running (ready). Once it has run stableResetMs, the state resets.
    void onRunning(qint64 now);
    void onStopped(qint64 now);
    // The supervisor has its own evidence of stability (e.g. a long healthy connection).
    void onStableRun(qint64 now);

    bool circuitOpen(qint64 now);
    Snapshot snapshot(qint64 now);
    quint64 executed() const { return m_executed; }
    quint64 suppressed() const { return m_suppressed; }
    // Cooldown that follows the most recent restart: min(base × 2^(consecutive-1), max).
    qint64 currentCooldownMs() const;
    const RestartGovernorConfig& config() const { return m_config; }
    static QString reasonName(Reason reason);

private:
    struct Entry
    {
        qint64 at;
        bool manual;
    };
    void advance(qint64 now);
    void applyStableRun();
    int automaticInWindow() const;
    Decision evaluate(qint64 now, bool* wouldOpenCircuit) const;

    RestartGovernorConfig m_config;
    std::deque<Entry> m_history; // restarts inside the window, oldest first
    int m_consecutive = 0;
    std::optional<qint64> m_lastRestartAt;
    std::optional<qint64> m_circuitOpenUntil;
    std::optional<qint64> m_runningSince;
    std::optional<qint64> m_lastSeen;
    quint64 m_executed = 0;
    quint64 m_suppressed = 0;
    quint64 m_clockResets = 0;
};

} // namespace clawtray
