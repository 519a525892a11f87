#pragma once

#include "client/ClientTypes.h"
#include "client/PendingCalls.h"
#include "process/PeerCheck.h"
#include "protocol/ConnectParams.h"
#include "protocol/DeviceIdentity.h"
#include "protocol/Frame.h"
#include "protocol/HelloOk.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class QWebSocket;

namespace clawtray {

// One WebSocket connection to an OpenClaw gateway, speaking protocol v4: waits for the
// connect.challenge, answers with a signed `connect`, and after hello-ok offers RPC calls and
// events. "Gateway starting" rejections are retried within a budget; authentication and protocol
// failures are reported once, classified, and never retried here.
class GatewayClient final : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        int challengeTimeoutMs = 10000; // socket open → connect.challenge
        int helloTimeoutMs = 20000;     // connect sent → response
        int startingBudgetMs = 60000;   // keep retrying "gateway starting" this long
        int startingRetryMs = 500;      // when the gateway gives no retryAfterMs
        int defaultCallTimeoutMs = 30000;
        bool traceFrames = false;       // log every frame (redacted) at debug level
        // Before the connect request (token, device signature) is sent, the kernel is asked who
        // accepted this connection (process/PeerCheck.h); a peer that is not ours gets nothing.
        bool verifyPeer = true;
        QString host = QStringLiteral("127.0.0.1");
        ConnectAs as; // ClawTray itself unless a test plays another client
    };

    enum class State { Disconnected, Connecting, Handshaking, Connected };
    Q_ENUM(State)

    explicit GatewayClient(QObject* parent = nullptr);
    ~GatewayClient() override;

    void setConfig(const Config& c) { m_config = c; }
    const Config& config() const { return m_config; }
    void setCredentials(const QString& token, const DeviceIdentity& identity);
    void setAppVersion(const QString& v) { m_appVersion = v; }
    // Who must hold the server end of the connection: our gateway's pid (its process group
    // counts too), or 0 for a gateway we attached to (any process of our own user).
    void setExpectedPeer(qint64 ownerPid) { m_expectedPeerPid = ownerPid; }
    // The verified peer of the current connection (valid once connected).
    const PeerIdentity& peer() const { return m_peer; }

    // Starts a connection attempt; it ends with exactly one `connected` or `connectFailed`.
    void connectToGateway(quint16 port);
    // Closes the connection (or abandons the attempt). Pending calls fail with "gateway stopped".
    void disconnectFromGateway();

    // Starts an RPC. The callback runs exactly once (synchronously if the call cannot be sent).
    // Returns the request id, or an empty string if the call failed immediately.
    QString call(const QString& method, const QJsonValue& params, int timeoutMs, CallCallback callback);
    QString call(const QString& method, const QJsonValue& params, CallCallback callback)
    {
        return call(method, params, m_config.defaultCallTimeoutMs, std::move(callback));
    }

    // A WebSocket ping; the pong is reported through `activity` and `pong`.
    void ping();

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    const HelloOk& hello() const { return m_hello; }
    quint16 port() const { return m_port; }
    int pendingCalls() const { return m_pending.size(); }
    qint64 connectedForMs() const { return isConnected() ? m_connectedClock.elapsed() : 0; }
    int malformedFrames() const { return m_malformedFrames; }

Q_SIGNALS:
    void connected(const clawtray::HelloOk& hello);
    void connectFailed(const clawtray::ConnectFailure& failure);
    void disconnected(const clawtray::DisconnectInfo& info);
    void startingRetry(int attempt, int delayMs); // the gateway said "starting"; retrying
    void activity();                              // any frame or pong: the gateway is alive
    void pong(qint64 elapsedMs);
    void malformedFrame(const QString& reason);

    void eventReceived(const QString& event, const QJsonValue& payload, qint64 seq);
    void tick(qint64 ts);
    void healthEvent(const QJsonObject& health);
    void presenceEvent(const QJsonValue& presence);
    void shutdownNotice(const QString& reason, qint64 restartExpectedMs); // -1: no restart expected
    void configChanged(const QString& path, const QString& hash);

private:
    void openSocket();
    void onTextMessage(const QString& text);
    void onSocketDisconnected();
    void onSocketError();
    void handleChallenge(const Frame& frame);
    void handleConnectResponse(const Frame& frame);
    void handleEvent(const Frame& frame);
    void fail(ConnectFailure failure);
    void retryStarting(const std::optional<GatewayError>& error);
    void closeSocket(int code);
    void trace(const char* direction, const QByteArray& bytes) const;

    Config m_config;
    State m_state = State::Disconnected;
    QPointer<QWebSocket> m_socket;
    quint64 m_generation = 0;
    quint16 m_port = 0;
    QString m_token;
    std::optional<DeviceIdentity> m_identity;
    qint64 m_expectedPeerPid = 0;
    PeerIdentity m_peer;
    QString m_appVersion = QStringLiteral(CLAWTRAY_VERSION);
    QString m_connectId;
    HelloOk m_hello;
    std::optional<GatewayError> m_handshakeError; // the connect response's error, if any
    int m_attempts = 0;
    QElapsedTimer m_startingClock;
    QElapsedTimer m_connectedClock;
    QElapsedTimer m_pingClock;
    QTimer m_handshakeTimer;
    QTimer m_retryTimer;
    PendingCalls m_pending;
    quint64 m_nextId = 0;
    bool m_flushedThisTurn = false;
    static constexpr qint64 kSendBatchBytes = 8192;
    int m_malformedFrames = 0;
    // Qt 6.4's QWebSocket rejects close codes 1012-2999 as invalid and reports 1002 instead, so the
    // gateway's 1012 ("service restart") is never seen as such: the `shutdown` event that precedes
    // it is what tells a restart from a failure.
    bool m_shutdownAnnounced = false;
    bool m_connectionDropped = false; // the TCP connection ended without a close frame
};

} // namespace clawtray
