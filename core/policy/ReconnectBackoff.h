#pragma once

#include "policy/UserText.h"

#include <QString>
#include <QtGlobal>

#include <functional>
#include <optional>

namespace clawtray {

struct ReconnectBackoffConfig
{
    qint64 baseDelayMs = 1000;
    qint64 maxDelayMs = 30000;
    int maxAttempts = 10; // 0 = never reconnect automatically
    // Fraction (0..1) of each delay that may be randomly *removed*. Jitter only ever shortens a
    // delay, so the schedule's upper bound (and maxDelayMs) still holds; it spreads out restarts
    // when several clients lose the gateway at the same moment. 0 = the reference's fixed schedule.
    double jitterRatio = 0.0;
    // A connection that lasted this long proves the gateway works: the next failure starts a fresh
    // series instead of continuing a crash loop's backoff.
    qint64 stableRunMs = 120000;
    // After a stable run the first reconnect is immediate: a gateway that served for minutes and
    // then died once should come back at once, not after the next step of an old series.
    bool immediateFirstAfterStableRun = true;
};

// Exponential reconnect schedule (1, 2, 4, 8, 16, 30, 30 … s) with an attempt budget. A pure value:
// time is passed in, the caller owns the timer.
class ReconnectBackoff
{
public:
    // Returns a value in [0, 1). Injectable so tests and seeded chaos runs are reproducible.
    using RandomSource = std::function<double()>;

    enum class Action { Skip, AlreadyScheduled, Exhausted, Schedule };
    struct Decision
    {
        Action action = Action::Skip;
        int attempt = 0;    // Schedule: 1-based number of the attempt being scheduled
        qint64 delayMs = 0; // Schedule: wait this long, then reconnect
        UserText message;   // human text for the log and the UI
    };

    explicit ReconnectBackoff(const ReconnectBackoffConfig& config = {}, RandomSource random = {});

    // A Schedule decision consumes an attempt. If the caller never reported the disconnect, the
    // decision implies it (a reconnect is only ever decided after the connection is gone).
    Decision decide(qint64 now, bool enabled, bool timerArmed);
    // Does NOT reset the attempt count: a gateway that connects and crashes 5 s later is still in
    // a crash loop. Only a run of stableRunMs resets it (see onDisconnected).
    void onConnected(qint64 now);
    void onDisconnected(qint64 now);
    void reset();

    int attempts() const { return m_attempts; }
    // The delay before attempt N (1-based) without jitter: min(base × 2^(N-1), max).
    qint64 nominalDelayMs(int attempt) const;
    const ReconnectBackoffConfig& config() const { return m_config; }

private:
    qint64 applyJitter(qint64 delayMs) const;

    ReconnectBackoffConfig m_config;
    RandomSource m_random;
    int m_attempts = 0;
    std::optional<qint64> m_connectedAt;
    bool m_afterStableRun = false;
};

} // namespace clawtray
