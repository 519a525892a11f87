#pragma once

#include "Handshake.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QJsonDocument;
class QWebSocket;

namespace fakegw {

class FakeServer;

// One WebSocket connection: challenge, connect handshake, requests, events, and the
// per-connection faults (close, out-of-order responses, malformed/oversized frames).
class FakeSession final : public QObject
{
    Q_OBJECT
public:
    FakeSession(QWebSocket* socket, FakeServer* server);
    ~FakeSession() override;

    void begin(); // sends connect.challenge, arms the handshake timeout
    bool isAuthenticated() const { return m_authenticated; }
    bool isClosing() const { return m_closing; }
    QJsonObject presenceEntry() const;

    void sendEvent(const QString& event, const QJsonValue& payload, const QJsonObject& stateVersion = {});
    void shutdown(const QJsonObject& payload, int closeCode, const QString& reason);
    void closeWith(int code, const QString& reason); // 1006: drop the TCP connection, no close frame
    void holdResponses(int count);                   // the next `count` responses go out reversed
    void releaseHeld();
    bool flush();

signals:
    void gone(FakeSession* session);

private:
    struct Outcome
    {
        bool respond = true;
        bool ok = true;
        QJsonValue payload;
        QJsonObject error;
        std::function<void()> after; // runs once the response is out
    };

    // FakeSession.cpp: transport and handshake.
    void onText(const QString& message);
    void onFrame(const QByteArray& data);
    void onFirstFrame(const QJsonValue& parsed);
    void accept(const ConnectVerdict& verdict, const QJsonValue& id);
    void onPingTimer();
    void sendFrame(const QJsonObject& frame);
    void sendText(const QByteArray& utf8);

    // SessionMethods.cpp: requests after the handshake.
    void onRequest(const QJsonObject& request);
    Outcome dispatch(const QString& method, const QJsonObject& params);
    Outcome dispatchFake(const QString& method, const QJsonObject& params);
    Outcome sendMalformed(const QString& kind);
    bool hasScope(const QString& scope) const;
    bool resolveTargets(const QJsonObject& params, const QString& fallback, QList<FakeSession*>* out, QString* error);
    void deliverResponse(const QByteArray& frame, bool holdable);

    QPointer<QWebSocket> m_socket;
    FakeServer* m_server;
    QString m_connId;
    QString m_nonce;
    bool m_authenticated = false;
    bool m_connectInFlight = false;
    bool m_closing = false;
    bool m_awaitingPong = false;
    qint64 m_seq = 0;
    qint64 m_connectedAtMs = 0;
    QString m_role;
    QStringList m_scopes;
    QString m_deviceId;
    ConnectClient m_client;
    int m_holdCount = 0;
    QList<QByteArray> m_held;
    QTimer m_handshakeTimer;
    QTimer m_pingTimer;
};

// The "invalid request frame" message for a parsed frame, or empty when it is a valid request.
QString requestFrameError(const QJsonValue& parsed);

} // namespace fakegw
