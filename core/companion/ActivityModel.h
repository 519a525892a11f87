#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace clawtray {

class GatewayManager;
struct GatewayStatus;

// One recent session as `sessions.list` reports it.
struct SessionSummary
{
    QString key;
    QString name;  // displayName, label, else the key
    QString agentId;
    QString model;
    qint64 updatedAtMs = 0;
    bool running = false; // hasActiveRun
    QJsonObject toJson() const;
};

// An OpenClaw version newer than the running one (hello-ok snapshot.updateAvailable, then the
// gateway's `update.available` event). Applying updates is not this model's business.
struct UpdateOffer
{
    QString currentVersion;
    QString latestVersion;
    QString channel;
    bool available() const { return !latestVersion.isEmpty() && latestVersion != currentVersion; }
    QString text() const; // "OpenClaw 2026.9.6 → 2026.9.7 available (stable)"
};

// What the gateway is doing for its user: the sessions active in the last hour (count and the
// most recent few), today's token use and estimated cost, the gateway's version and an update it
// knows of. Sessions and usage are fetched on demand (the window or the tray menu opens, `ctl
// status`) and again on `sessions.changed` — at most every minRefreshMs, and only once someone
// looked — never in a polling loop. `usage.status` is not used: it asks the model providers over
// the network. Everything empties when the gateway stops.
class ActivityModel final : public QObject
{
    Q_OBJECT
public:
    explicit ActivityModel(GatewayManager* manager, QObject* parent = nullptr);

    void setMinRefreshMs(int ms) { m_minRefreshMs = ms; }
    static constexpr int kActiveMinutes = 60;
    static constexpr int kRecentSessions = 5;

    // Reads sessions and today's usage now (both calls); `done` (optional) gets "" or an error.
    void refresh(std::function<void(const QString& error)> done = {});
    // refresh() unless the data is younger than minRefreshMs (what the UI calls when it opens);
    // `done` is called at once when the data is fresh enough.
    void refreshIfStale(std::function<void(const QString& error)> done = {});

    bool loaded() const { return m_loaded; }
    QString error() const { return m_error; }
    int activeSessions() const { return m_activeSessions; }
    QList<SessionSummary> recentSessions() const { return m_recent; }
    qint64 tokensToday() const { return m_tokensToday; }
    double costToday() const { return m_costToday; }
    bool costComplete() const { return m_missingCost == 0; }
    QString version() const { return m_version; }
    UpdateOffer update() const { return m_update; }

    QString sessionsText() const; // "2 sessions active in the last hour (1 running)"
    QString usageText() const;    // "today: 12 345 tokens, about $0.42"
    QJsonObject summaryJson() const;

Q_SIGNALS:
    void changed();
    void updateChanged(); // a new UpdateOffer (or none any more)

private:
    void onStatus(const GatewayStatus& s);
    void onEvent(const QString& event, const QJsonValue& payload);
    void setUpdate(const QJsonValue& offer);
    void clear();

    QPointer<GatewayManager> m_manager;
    bool m_loaded = false;
    QString m_error;
    int m_activeSessions = 0;
    QList<SessionSummary> m_recent;
    qint64 m_tokensToday = 0;
    double m_costToday = 0;
    int m_missingCost = 0;
    QString m_version;
    UpdateOffer m_update;
    qint64 m_connectedFor = 0;
    quint64 m_generation = 0;
    qint64 m_loadedAtMs = 0;
    int m_minRefreshMs = 10000;
    QTimer m_eventRefresh;
};

} // namespace clawtray
