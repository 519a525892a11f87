#pragma once

#include "client/ReadinessProbe.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace clawtray {

struct ManagerConfig;

// Channel readiness while the gateway runs, apart from its being up: what `GET /readyz` says
// ("ready", or "not-ready" with the failing channel accounts and agents).
//
// It does not poll at a fixed rate. The gateway already tells what can change readiness: its
// `health` snapshot (every 60 s, and after each connect) carries every channel account's
// running/connected/last error, the plugin errors and the config-reload state. So:
// - when the run begins, /readyz is asked at once;
// - while the answer is "not-ready" (or unclear), it is asked again every `pollMs`, so a recovery
//   is seen soon;
// - while "ready", it is asked again only when a health snapshot's readiness-relevant parts
//   changed (healthReadinessDigest), `recheckMs` after it, when someone looks (refresh()), and as
//   a safety net every `steadyMs`;
// - a gateway without /readyz (404) is not asked again during that run.
class ReadinessWatch final : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        int pollMs = 15000;       // while not ready
        int steadyMs = 600000;    // while ready: the safety-net probe
        int recheckMs = 500;      // after a changed health snapshot
        int probeTimeoutMs = 2000;
    };
    // The supervisor's settings, with their floors (a poll at least every 50 ms apart).
    static Config configFrom(const ManagerConfig& c);

    explicit ReadinessWatch(QObject* parent = nullptr);

    void setConfig(const Config& config) { m_config = config; }
    // The gateway is running on `port` (held by `expectedPeer`, 0 = any process of our uid).
    void begin(quint16 port, qint64 expectedPeer);
    // It is not running any more: everything known of this run is forgotten (no signal).
    void end();
    bool active() const { return m_active; }

    // The gateway's `health` event payload.
    void onHealth(const QJsonObject& health);
    // Someone looks at readiness (the menu or window opens): ask now unless the last answer is
    // younger than `maxAgeMs` or a probe is under way.
    void refresh(int maxAgeMs);

    QString readiness() const { return m_readiness; } // "ready", "not-ready", or "" while unknown
    QStringList failing() const { return m_failing; }
    int probesSent() const { return m_probesSent; }

Q_SIGNALS:
    // readiness() or failing() changed.
    void changed();
    // A health snapshot differs from the previous one in what can change readiness (a channel
    // account started, stopped, connected, failed; a plugin error; a reload): whoever shows
    // channels looks again.
    void inputsChanged();

private:
    void probeNow();
    void schedule(int ms);
    void onResult(const ReadinessProbe::Result& r);

    Config m_config;
    ReadinessProbe m_probe;
    QTimer m_timer;
    QElapsedTimer m_answeredAt;
    quint16 m_port = 0;
    qint64 m_expectedPeer = 0;
    bool m_active = false;
    bool m_probing = false;
    bool m_unsupported = false;
    QByteArray m_healthDigest;
    QString m_readiness;
    QStringList m_failing;
    int m_probesSent = 0;
};

} // namespace clawtray
