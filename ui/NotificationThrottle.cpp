#include "NotificationThrottle.h"

namespace clawtray {

bool NotificationThrottle::allow(const QString& kind, qint64 nowMs)
{
    while (!m_recent.empty() && nowMs - m_recent.front() >= m_config.burstWindowMs)
        m_recent.pop_front();
    const auto last = m_lastByKind.constFind(kind);
    const bool kindTooSoon = last != m_lastByKind.constEnd() && nowMs - *last < m_config.perKindIntervalMs;
    if (kindTooSoon || int(m_recent.size()) >= m_config.burst) {
        ++m_suppressed;
        return false;
    }
    m_lastByKind.insert(kind, nowMs);
    m_recent.push_back(nowMs);
    return true;
}

} // namespace clawtray
