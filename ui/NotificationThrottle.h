#pragma once

#include <QHash>
#include <QString>

#include <deque>

namespace clawtray {

// Rate limit for desktop notifications, so a crash loop does not bury the desktop in bubbles:
// one notification per kind per `perKindIntervalMs`, and at most `burst` of any kind per
// `burstWindowMs`. Pure: the caller passes `now` (monotonic ms).
class NotificationThrottle final
{
public:
    struct Config
    {
        qint64 perKindIntervalMs = 60000;
        int burst = 3;
        qint64 burstWindowMs = 60000;
    };

    NotificationThrottle() = default;
    explicit NotificationThrottle(const Config& config)
        : m_config(config)
    {}

    // True when a notification of `kind` may be shown now; records it if so.
    bool allow(const QString& kind, qint64 nowMs);
    int suppressed() const { return m_suppressed; }

private:
    Config m_config;
    QHash<QString, qint64> m_lastByKind;
    std::deque<qint64> m_recent;
    int m_suppressed = 0;
};

} // namespace clawtray
