#include "policy/RestartGovernor.h"

#include "policy/HumanDuration.h"

#include <algorithm>

namespace clawtray {

namespace {

RestartGovernorConfig sanitized(RestartGovernorConfig c)
{
    c.baseCooldownMs = std::max<qint64>(0, c.baseCooldownMs);
    c.maxCooldownMs = std::max<qint64>(0, c.maxCooldownMs);
    // A budget of 0 would open the circuit on the first automatic restart ever; "no automatic
    // restarts" is the caller's setting to make, not a governor configuration.
    c.budget = std::max(1, c.budget);
    c.windowMs = std::max<qint64>(0, c.windowMs);
    c.circuitOpenMs = std::max<qint64>(0, c.circuitOpenMs);
    c.stableResetMs = std::max<qint64>(0, c.stableResetMs);
    return c;
}

} // namespace

RestartGovernor::RestartGovernor(const RestartGovernorConfig& config)
    : m_config(sanitized(config))
{}

RestartGovernor::Decision RestartGovernor::decide(qint64 now)
{
    advance(now);
    bool open = false;
    Decision d = evaluate(now, &open);
    if (open && d.reason == Reason::CircuitOpen) {
        m_circuitOpenUntil = now + m_config.circuitOpenMs;
    }
    if (!d.allowed()) {
        ++m_suppressed;
    }
    return d;
}

void RestartGovernor::recordRestart(qint64 now, bool manual)
{
    advance(now);
    ++m_executed;
    m_lastRestartAt = now;
    m_history.push_back({now, manual});
    if (!manual) {
        ++m_consecutive;
    }
    m_runningSince.reset(); // the previous run ended here; a new one starts at onRunning()
}

void RestartGovernor::onRunning(qint64 now)
{
    advance(now);
    if (!m_runningSince) {
        m_runningSince = now;
    }
}

void RestartGovernor::onStopped(qint64 now)
{
    advance(now); // a run that was already long enough still counts as stable
    m_runningSince.reset();
}

void RestartGovernor::onStableRun(qint64 now)
{
    advance(now);
    applyStableRun();
}

bool RestartGovernor::circuitOpen(qint64 now)
{
    advance(now);
    return m_circuitOpenUntil.has_value();
}

RestartGovernor::Snapshot RestartGovernor::snapshot(qint64 now)
{
    advance(now);
    Snapshot s;
    s.consecutive = m_consecutive;
    s.restartsInWindow = automaticInWindow();
    s.manualRestartsInWindow = static_cast<int>(m_history.size()) - s.restartsInWindow;
    s.circuitOpenUntilMs = m_circuitOpenUntil;
    s.lastRestartAtMs = m_lastRestartAt;
    const Decision d = evaluate(now, nullptr);
    s.nextAllowedAtMs = d.allowed() ? now : d.allowedAtMs;
    s.executed = m_executed;
    s.suppressed = m_suppressed;
    s.clockResets = m_clockResets;
    return s;
}

qint64 RestartGovernor::currentCooldownMs() const
{
    qint64 cooldown = m_config.baseCooldownMs;
    for (int i = 1; i < m_consecutive && cooldown > 0 && cooldown < m_config.maxCooldownMs; ++i) {
        cooldown *= 2;
    }
    return std::min(cooldown, m_config.maxCooldownMs);
}

QString RestartGovernor::reasonName(Reason reason)
{
    switch (reason) {
    case Reason::None:
        return QStringLiteral("none");
    case Reason::Cooldown:
        return QStringLiteral("cooldown");
    case Reason::CircuitOpen:
        return QStringLiteral("circuit-open");
    }
    return QStringLiteral("none");
}

void RestartGovernor::advance(qint64 now)
{
    if (m_lastSeen && now < *m_lastSeen) {
        const bool wasRunning = m_runningSince.has_value();
        m_history.clear();
        m_consecutive = 0;
        m_lastRestartAt.reset();
        m_circuitOpenUntil.reset();
        // Still running, but for how long is unknown: count the run from now, conservatively.
        m_runningSince = wasRunning ? std::optional<qint64>(now) : std::nullopt;
        ++m_clockResets;
    }
    m_lastSeen = now;
    if (m_runningSince && now - *m_runningSince >= m_config.stableResetMs) {
        applyStableRun();
    }
    if (m_circuitOpenUntil && now >= *m_circuitOpenUntil) {
        // Closing also forgets the restarts that opened it; otherwise the next request would find
        // the budget still exhausted and reopen at once, and the promised retry time would be a lie.
        m_circuitOpenUntil.reset();
        m_history.clear();
    }
    while (!m_history.empty() && m_history.front().at <= now - m_config.windowMs) {
        m_history.pop_front();
    }
}

void RestartGovernor::applyStableRun()
{
    m_consecutive = 0;
    m_circuitOpenUntil.reset();
    m_history.clear();
}

int RestartGovernor::automaticInWindow() const
{
    return static_cast<int>(
        std::count_if(m_history.begin(), m_history.end(), [](const Entry& e) { return !e.manual; }));
}

RestartGovernor::Decision RestartGovernor::evaluate(qint64 now, bool* wouldOpenCircuit) const
{
    const qint64 cooldownEnd = m_lastRestartAt ? *m_lastRestartAt + currentCooldownMs() : now;
    std::optional<qint64> openUntil = m_circuitOpenUntil;
    if (!openUntil && automaticInWindow() >= m_config.budget) {
        openUntil = now + m_config.circuitOpenMs;
        if (wouldOpenCircuit) {
            *wouldOpenCircuit = true;
        }
    }
    Decision d;
    if (openUntil && now < *openUntil) {
        d.reason = Reason::CircuitOpen;
        d.allowedAtMs = std::max(*openUntil, cooldownEnd); // both must have passed
        d.text = UserText(QT_TRANSLATE_NOOP("UserText", "restart in %1 (circuit open: %2 automatic restarts within %3)"))
                     .duration(d.allowedAtMs - now, DurationStyle::Wait)
                     .arg(automaticInWindow())
                     .duration(m_config.windowMs, DurationStyle::Wait);
    } else if (now < cooldownEnd) {
        d.reason = Reason::Cooldown;
        d.allowedAtMs = cooldownEnd;
        d.text = UserText(QT_TRANSLATE_NOOP("UserText", "restart in %1 (cooldown)")).duration(cooldownEnd - now, DurationStyle::Wait);
    } else {
        d.text = UserText(QT_TRANSLATE_NOOP("UserText", "restart allowed"));
        return d;
    }
    d.verdict = Verdict::Suppress;
    d.retryAfterMs = d.allowedAtMs - now;
    return d;
}

} // namespace clawtray
