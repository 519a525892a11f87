#include "policy/ReconnectBackoff.h"


#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace clawtray {

namespace {

ReconnectBackoffConfig sanitized(ReconnectBackoffConfig c)
{
    c.baseDelayMs = std::max<qint64>(0, c.baseDelayMs);
    c.maxDelayMs = std::max<qint64>(0, c.maxDelayMs);
    c.maxAttempts = std::max(0, c.maxAttempts);
    c.jitterRatio = std::isfinite(c.jitterRatio) ? std::clamp(c.jitterRatio, 0.0, 1.0) : 0.0;
    c.stableRunMs = std::max<qint64>(0, c.stableRunMs);
    return c;
}

} // namespace

ReconnectBackoff::ReconnectBackoff(const ReconnectBackoffConfig& config, RandomSource random)
    : m_config(sanitized(config))
    , m_random(std::move(random))
{
    if (!m_random) {
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
    }
}

ReconnectBackoff::Decision ReconnectBackoff::decide(qint64 now, bool enabled, bool timerArmed)
{
    // Order matches the reference: disabled, then armed timer, then budget.
    if (!enabled) {
        return {Action::Skip, 0, 0, UserText(QT_TRANSLATE_NOOP("UserText", "Reconnect disabled"))};
    }
    if (timerArmed) {
        return {Action::AlreadyScheduled, m_attempts, 0, UserText(QT_TRANSLATE_NOOP("UserText", "Reconnect already scheduled"))};
    }
    if (m_connectedAt) {
        onDisconnected(now);
    }
    if (m_attempts >= m_config.maxAttempts) {
        return {Action::Exhausted, m_attempts, 0,
                UserText(QT_TRANSLATE_NOOP("UserText", "Gave up after %1 reconnect attempts")).arg(m_attempts)};
    }
    const int attempt = ++m_attempts;
    qint64 delay = applyJitter(nominalDelayMs(attempt));
    if (attempt == 1 && m_afterStableRun && m_config.immediateFirstAfterStableRun) {
        delay = 0;
    }
    m_afterStableRun = false;
    UserText message = delay == 0 ? UserText(QT_TRANSLATE_NOOP("UserText", "Reconnect attempt %1/%2 now"))
                                  : UserText(QT_TRANSLATE_NOOP("UserText", "Reconnect attempt %1/%2 in %3"));
    message.arg(attempt).arg(m_config.maxAttempts);
    if (delay > 0)
        message.duration(delay, DurationStyle::Wait);
    return {Action::Schedule, attempt, delay, message};
}

void ReconnectBackoff::onConnected(qint64 now)
{
    m_connectedAt = now;
}

void ReconnectBackoff::onDisconnected(qint64 now)
{
    if (!m_connectedAt) {
        return;
    }
    // A clock that went backwards gives a negative run: not evidence of stability.
    const qint64 ran = now - *m_connectedAt;
    m_connectedAt.reset();
    if (ran >= m_config.stableRunMs) {
        m_attempts = 0;
        m_afterStableRun = true;
    }
}

void ReconnectBackoff::reset()
{
    m_attempts = 0;
    m_connectedAt.reset();
    m_afterStableRun = false;
}

qint64 ReconnectBackoff::nominalDelayMs(int attempt) const
{
    // Doubling in a loop that stops at the cap cannot overflow, whatever the attempt number.
    qint64 delay = m_config.baseDelayMs;
    for (int i = 1; i < attempt && delay > 0 && delay < m_config.maxDelayMs; ++i) {
        delay *= 2;
    }
    return std::min(delay, m_config.maxDelayMs);
}

qint64 ReconnectBackoff::applyJitter(qint64 delayMs) const
{
    if (m_config.jitterRatio <= 0.0 || delayMs <= 0) {
        return delayMs;
    }
    double r = m_random();
    r = std::isfinite(r) ? std::clamp(r, 0.0, 1.0) : 0.0; // a misbehaving source cannot break bounds
    const auto cut = static_cast<qint64>(std::llround(static_cast<double>(delayMs) * m_config.jitterRatio * r));
    return std::clamp<qint64>(delayMs - cut, 0, delayMs);
}

} // namespace clawtray
