#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace clawtray {

class GatewayClient;

// Decides whether a connected gateway is alive without ever guessing: any frame or pong is
// liveness. A ping is sent only after a ping interval in which the gateway said nothing: its own
// tick (every 30 s) already proves it alive, so an idle ClawTray beside a talking gateway sends
// nothing. A miss (a ping that went a whole interval without any traffic) is only counted for
// diagnostics. After `deadlineMs` of complete silence ONE verification call decides:
// success clears everything, failure yields a single `unresponsive` verdict. Traffic that arrives
// while the call is in flight cancels the escalation, and a late completion from an older
// generation is ignored.
class LivenessMonitor final : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        int pingIntervalMs = 30000;
        int deadlineMs = 180000;
        int probeTimeoutMs = 5000;
        QString probeMethod = QStringLiteral("health");
    };

    explicit LivenessMonitor(GatewayClient* client, QObject* parent = nullptr);

    void setConfig(const Config& c) { m_config = c; }
    const Config& config() const { return m_config; }

    void start();  // on connect
    void stop();   // on disconnect / stop
    bool isActive() const { return m_active; }
    bool isVerifying() const { return m_verifying; }

    int consecutiveMisses() const { return m_misses; }
    int totalMisses() const { return m_totalMisses; }
    int pingsSent() const { return m_pingsSent; }
    qint64 msSinceAlive() const { return m_lastAlive.isValid() ? m_lastAlive.elapsed() : -1; }
    qint64 lastAliveEpochMs() const { return m_lastAliveEpochMs; }
    qint64 lastMissEpochMs() const { return m_lastMissEpochMs; }

public Q_SLOTS:
    void noteActivity();

Q_SIGNALS:
    void missed(int consecutive);
    void verifying();
    void verified();       // the verification call succeeded, or traffic resumed during it
    void unresponsive(const QString& why);

private:
    void onPingTimer();
    void onDeadline();

    QPointer<GatewayClient> m_client;
    Config m_config;
    bool m_active = false;
    bool m_verifying = false;
    bool m_verdictGiven = false;
    bool m_activitySincePing = true;
    bool m_pingOutstanding = false; // a ping sent in a quiet interval, not yet followed by traffic
    int m_misses = 0;
    int m_totalMisses = 0;
    int m_pingsSent = 0;
    quint64 m_generation = 0;
    QElapsedTimer m_lastAlive;
    qint64 m_lastAliveEpochMs = 0;
    qint64 m_lastMissEpochMs = 0;
    QTimer m_pingTimer;
    QTimer m_deadlineTimer;
};

} // namespace clawtray
