#pragma once

#include "Options.h"
#include "Payloads.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

class QTcpServer;
class QTcpSocket;
class QWebSocketServer;

namespace fakegw {

class FakeSession;

// One port for HTTP (/healthz, /readyz) and the WebSocket protocol; the gateway's lifecycle
// (boot, "starting" window, ready, in-process restart, graceful stop); events to all clients;
// and the fault rules every connection shares.
class FakeServer final : public QObject
{
    Q_OBJECT
public:
    explicit FakeServer(const Options& options, QObject* parent = nullptr);
    ~FakeServer() override;

    const Options& options() const { return m_options; }
    void start();

    // Lifecycle.
    bool isStarting() const;
    // /readyz reports these as failing (configured channels not usable) while /startupz stays 200.
    void setNotReady(const QStringList& failing) { m_notReady = failing; }
    // Exec approvals as the real gateway keeps them: list entries {id, approvalKind, request,
    // createdAtMs, expiresAtMs}; adding one sends exec.approval.requested, resolving or expiring
    // it sends exec.approval.resolved (resolvedBy empty on expiry).
    QJsonObject addApproval(const QJsonObject& params);
    QJsonArray approvals() const;
    // channels.status: no channels until fake.channels sets {accounts: {channel: [account...]},
    // labels: {channel: label}, issues: [...]}.
    void setChannels(const QJsonObject& spec) { m_channels = spec; }
    // fake.sessions {sessions:[rows], totalCount?, usage:{totalTokens,totalCost,missingCostEntries}}:
    // what sessions.list and usage.cost answer; a change emits sessions.changed to subscribers.
    void setSessions(const QJsonObject& spec);
    QJsonObject sessionsList(int limit) const;
    QJsonObject usageCost() const;
    QSet<FakeSession*> sessionSubscribers;
    QJsonObject channelsStatus() const;
    // The `health` payload (method and event): the fixed snapshot of Payloads.cpp, with the
    // fake.channels accounts as the real gateway's per-channel snapshots ({accounts: {id: acc}}
    // plus the default account's fields) and each fake.notReady "channel:account" entry as that
    // account stopped with a last error — so a health event changes when readiness does.
    QJsonObject healthSnapshot() const;
    // channels.start|stop|logout: flips that account's running/connected (logout also drops
    // `linked`); "" or the error message.
    QString controlChannel(const QString& action, const QString& channel, const QString& accountId);
    // Pairing (device.pair.* / node.pair.*): fake.pairRequest adds a pending request (and
    // broadcasts *.pair.requested unless silent); approve moves it to the paired list; all
    // changes broadcast *.pair.resolved / device.pair.changed as the real gateway does.
    QJsonObject addPairRequest(const QJsonObject& params);
    QJsonObject pairList(const QString& kind) const;
    // "" or the gateway's error message ("unknown requestId", "unknown deviceId", …).
    QString answerPairRequest(const QString& kind, const QString& requestId, bool approve, QJsonObject* result);
    QString removePaired(const QString& kind, const QString& id);
    QString renamePaired(const QString& kind, const QString& id, const QString& label);
    bool resolveApproval(const QString& id, const QString& decision, const QString& by);
    void startStartingWindow(int ms);
    QJsonObject requestRestart(const QString& reason, bool skipDeferral);
    void restartFromSignal();
    void terminate(const QString& signalName);

    GatewayFacts facts() const;
    void setActiveTasks(int count);

    // Fault rules: apply to every connection and survive in-process restarts.
    void setDelay(const QString& method, int ms);
    int delayFor(const QString& method) const { return m_delays.value(method, 0); }
    void setDropped(const QString& method, bool dropped);
    bool isDropped(const QString& method) const { return m_dropped.contains(method); }
    void clearRules();

    // Connections and events.
    QList<FakeSession*> authenticatedSessions() const;
    void broadcast(const QString& event, const QJsonValue& payload, bool withStateVersion = false);
    QJsonArray presence() const;
    QJsonObject stateVersion() const;
    int takeAuthFailureDelayMs();
    void noteAuthenticated(FakeSession* session); // before its hello-ok
    void afterHello(FakeSession* session);        // after its hello-ok

private:
    void listenNow();
    void onTcpConnection();
    void onTcpReadable(QTcpSocket* socket);
    void answerHttp(QTcpSocket* socket, const QByteArray& method, const QByteArray& path, bool keepAlive);
    void onWebSocketConnection();
    void onSessionGone(FakeSession* session);
    void onReadyTimer();
    void announceReady();
    void scheduleRestart(int delayMs);
    void performRestart();
    void trace(const char* stage);

    Options m_options;
    QList<QTcpServer*> m_listeners;
    QWebSocketServer* m_webSockets = nullptr;
    QList<FakeSession*> m_sessions;
    QElapsedTimer m_processClock;
    QElapsedTimer m_bootClock;
    qint64 m_bindDeadline = -1;
    qint64 m_startingUntil = 0; // process-clock ms
    QStringList m_notReady;
    QMap<QString, QJsonObject> m_approvals;
    QMap<QString, QMap<QString, QJsonObject>> m_pairPending; // kind → requestId → entry
    QMap<QString, QMap<QString, QJsonObject>> m_paired;      // kind → id → entry
    QJsonObject m_channels;
    QJsonObject m_agentSessions;
    qint64 m_lastTraceMs = 0;
    bool m_listening = false;
    bool m_readyAnnounced = false;
    bool m_everReady = false;
    bool m_stopping = false;
    QTimer m_readyTimer;
    QTimer m_tickTimer;
    QTimer m_healthTimer;
    QTimer m_reapTimer;
    QString m_bootId;
    QString m_instanceId;
    QString m_hostname;
    int m_port = 0;
    enum class Restart { None, Scheduled, Deferred } m_restart = Restart::None;
    QString m_restartReason;
    int m_activeTasks = 0;
    QHash<QString, int> m_delays;
    QSet<QString> m_dropped;
    int m_presenceVersion = 1;
    int m_healthVersion = 1;
    QList<qint64> m_authFailures;
};

} // namespace fakegw
