#include "FakeSession.h"

#include "FakeServer.h"
#include "Json.h"
#include "Payloads.h"

#include <QJsonDocument>
#include <QWebSocket>

namespace fakegw {

QString requestFrameError(const QJsonValue& parsed)
{
    // Messages in the style of the real gateway's schema validator (first error only).
    if (!parsed.isObject())
        return QStringLiteral("at root: must be object");
    const QJsonObject o = parsed.toObject();
    for (const char* key : {"type", "id", "method"}) {
        if (!o.contains(QLatin1String(key)))
            return QStringLiteral("at root: must have required property '%1'").arg(QLatin1String(key));
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != QLatin1String("type") && it.key() != QLatin1String("id") &&
            it.key() != QLatin1String("method") && it.key() != QLatin1String("params"))
            return QStringLiteral("at root: must NOT have additional properties");
    }
    if (o.value(QStringLiteral("type")) != QLatin1String("req"))
        return QStringLiteral("at /type: must be equal to constant");
    for (const char* key : {"id", "method"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isString())
            return QStringLiteral("at /%1: must be string").arg(QLatin1String(key));
        if (v.toString().isEmpty())
            return QStringLiteral("at /%1: must NOT have fewer than 1 characters").arg(QLatin1String(key));
    }
    return {};
}

FakeSession::FakeSession(QWebSocket* socket, FakeServer* server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server)
    , m_connId(newUuid())
    , m_connectedAtMs(nowMs())
{
    socket->setParent(this);
    // Pre-handshake frames are capped at 64 KiB (Qt closes with 1009 beyond it).
    socket->setMaxAllowedIncomingMessageSize(kPreauthMaxPayloadBytes);
    connect(socket, &QWebSocket::textMessageReceived, this, &FakeSession::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray& data) { onFrame(data); });
    connect(socket, &QWebSocket::pong, this, [this] { m_awaitingPong = false; });
    connect(socket, &QWebSocket::disconnected, this, [this] {
        m_closing = true;
        m_handshakeTimer.stop();
        m_pingTimer.stop();
        emit gone(this);
    });
    m_handshakeTimer.setSingleShot(true);
    m_handshakeTimer.setTimerType(Qt::PreciseTimer);
    m_pingTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_handshakeTimer, &QTimer::timeout, this, [this] {
        if (!m_authenticated)
            closeWith(1000, QStringLiteral("handshake timeout"));
    });
    connect(&m_pingTimer, &QTimer::timeout, this, &FakeSession::onPingTimer);
}

FakeSession::~FakeSession()
{
    m_server->sessionSubscribers.remove(this);
}

void FakeSession::begin()
{
    m_handshakeTimer.start(m_server->options().handshakeTimeoutMs);
    if (m_server->options().noChallenge)
        return;
    m_nonce = newUuid();
    sendFrame({{QStringLiteral("type"), QStringLiteral("event")},
               {QStringLiteral("event"), QStringLiteral("connect.challenge")},
               {QStringLiteral("payload"), QJsonObject{{QStringLiteral("nonce"), m_nonce},
                                                       {QStringLiteral("ts"), nowMs()},
                                                       {QStringLiteral("capabilities"), QJsonArray()}}}});
}

void FakeSession::onText(const QString& message)
{
    onFrame(message.toUtf8());
}

void FakeSession::onFrame(const QByteArray& data)
{
    if (m_closing)
        return;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    QJsonValue parsed;
    bool isJson = parseError.error == QJsonParseError::NoError;
    if (isJson) {
        parsed = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    } else {
        // QJsonDocument refuses bare scalars ("5", "null") that JSON.parse accepts.
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + data + "]", &parseError);
        isJson = parseError.error == QJsonParseError::NoError && wrapped.array().size() == 1;
        parsed = wrapped.array().at(0);
    }
    if (!m_authenticated) {
        if (m_connectInFlight)
            return;
        if (!isJson) {
            closeWith(1000, QString()); // what the real gateway does with a non-JSON first frame
            return;
        }
        onFirstFrame(parsed);
        return;
    }
    if (!isJson)
        return; // the real one logs a parse error and keeps the connection
    const QString error = requestFrameError(parsed);
    if (!error.isEmpty()) {
        const QJsonValue id = parsed.toObject().value(QStringLiteral("id"));
        sendFrame(responseFrame(id.isUndefined() ? QJsonValue(QStringLiteral("invalid")) : id, false, {},
                                invalidRequest(QStringLiteral("invalid request frame: ") + error)));
        return;
    }
    onRequest(parsed.toObject());
}

void FakeSession::onFirstFrame(const QJsonValue& parsed)
{
    const QString frameError = requestFrameError(parsed);
    if (!frameError.isEmpty()) {
        closeWith(1008, QStringLiteral("invalid request frame"));
        return;
    }
    const QJsonObject frame = parsed.toObject();
    const QJsonValue id = frame.value(QStringLiteral("id"));
    auto fail = [this, id](const QJsonObject& error, int code, const QString& reason) {
        sendFrame(responseFrame(id, false, {}, error));
        closeWith(code, reason);
    };
    if (frame.value(QStringLiteral("method")).toString() != QLatin1String("connect")) {
        const QString message = QStringLiteral("invalid handshake: first request must be connect");
        fail(invalidRequest(message), 1008, message);
        return;
    }
    const QJsonValue paramsValue = frame.value(QStringLiteral("params"));
    const QString schemaError =
        paramsValue.isObject() ? connectSchemaError(paramsValue.toObject()) : QStringLiteral("at root: must be object");
    if (!schemaError.isEmpty()) {
        const QString message = QStringLiteral("invalid connect params: ") + schemaError;
        fail(invalidRequest(message), 1008, message);
        return;
    }
    if (m_server->isStarting()) {
        QJsonObject error = errorShape(QStringLiteral("UNAVAILABLE"), QStringLiteral("gateway starting; retry shortly"),
                                       {{QStringLiteral("reason"), QStringLiteral("startup-sidecars")}});
        error.insert(QStringLiteral("retryable"), true);
        error.insert(QStringLiteral("retryAfterMs"), m_server->options().retryAfterMs);
        fail(error, 1013, QStringLiteral("gateway starting"));
        return;
    }
    const ConnectVerdict verdict = verifyConnect(paramsValue.toObject(), m_nonce, m_server->options().token, nowMs());
    if (verdict.ok) {
        accept(verdict, id);
        return;
    }
    // Failed shared-secret auth is answered after an escalating delay, like the real limiter.
    const int delay = verdict.tokenFailure ? m_server->takeAuthFailureDelayMs() : 0;
    m_connectInFlight = true;
    auto reject = [fail, verdict] { fail(verdict.error, verdict.closeCode, verdict.closeReason); };
    if (delay > 0)
        QTimer::singleShot(delay, Qt::PreciseTimer, this, reject);
    else
        reject();
}

void FakeSession::accept(const ConnectVerdict& verdict, const QJsonValue& id)
{
    m_authenticated = true;
    m_handshakeTimer.stop();
    m_role = verdict.role;
    m_scopes = verdict.scopes;
    m_deviceId = verdict.deviceId;
    m_client = verdict.client;
    m_socket->setMaxAllowedIncomingMessageSize(kMaxPayloadBytes);
    m_server->noteAuthenticated(this);
    const QJsonObject hello =
        helloOkPayload(m_server->facts(), m_connId, m_role, m_scopes, m_server->presence(), m_server->stateVersion());
    sendFrame(responseFrame(id, true, hello, {}));
    m_server->afterHello(this);
    if (m_server->options().pingMs > 0)
        m_pingTimer.start(m_server->options().pingMs);
}

void FakeSession::onPingTimer()
{
    if (m_awaitingPong) {
        closeWith(1006, QString()); // like ws' terminate() of a client that stopped ponging
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
}

QJsonObject FakeSession::presenceEntry() const
{
    QJsonObject entry{{QStringLiteral("host"), m_client.displayName.isEmpty() ? m_client.id : m_client.displayName},
                      {QStringLiteral("version"), m_client.version},
                      {QStringLiteral("platform"), m_client.platform},
                      {QStringLiteral("mode"), m_client.mode},
                      {QStringLiteral("roles"), QJsonArray{m_role}},
                      {QStringLiteral("scopes"), QJsonArray::fromStringList(m_scopes)},
                      {QStringLiteral("instanceId"), m_deviceId.isEmpty() ? m_connId : m_deviceId},
                      {QStringLiteral("reason"), QStringLiteral("connect")},
                      {QStringLiteral("ts"), m_connectedAtMs}};
    if (!m_deviceId.isEmpty())
        entry.insert(QStringLiteral("deviceId"), m_deviceId);
    if (!m_client.deviceFamily.isEmpty())
        entry.insert(QStringLiteral("deviceFamily"), m_client.deviceFamily);
    return entry;
}

void FakeSession::sendEvent(const QString& event, const QJsonValue& payload, const QJsonObject& stateVersion)
{
    QJsonObject frame{{QStringLiteral("type"), QStringLiteral("event")},
                      {QStringLiteral("event"), event},
                      {QStringLiteral("seq"), ++m_seq}};
    if (!payload.isUndefined())
        frame.insert(QStringLiteral("payload"), payload);
    if (!stateVersion.isEmpty())
        frame.insert(QStringLiteral("stateVersion"), stateVersion);
    sendFrame(frame);
}

void FakeSession::shutdown(const QJsonObject& payload, int closeCode, const QString& reason)
{
    if (m_authenticated)
        sendEvent(QStringLiteral("shutdown"), payload);
    closeWith(closeCode, reason);
}

void FakeSession::closeWith(int code, const QString& reason)
{
    if (m_closing || !m_socket)
        return;
    m_closing = true;
    if (code == 1006) {
        m_socket->flush(); // what was already sent still goes out, then the connection just drops
        m_socket->abort();
    } else
        m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason);
}

void FakeSession::holdResponses(int count)
{
    releaseHeld();
    m_holdCount = count;
}

void FakeSession::releaseHeld()
{
    m_holdCount = 0;
    const QList<QByteArray> held = std::exchange(m_held, {});
    for (auto it = held.crbegin(); it != held.crend(); ++it)
        sendText(*it);
}

bool FakeSession::flush()
{
    return m_socket && m_socket->flush();
}

void FakeSession::sendFrame(const QJsonObject& frame)
{
    sendText(compactJson(frame));
}

void FakeSession::sendText(const QByteArray& utf8)
{
    if (m_closing || !m_socket)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(utf8));
}

void FakeSession::deliverResponse(const QByteArray& frame, bool holdable)
{
    if (holdable && m_holdCount > 0) {
        m_held.append(frame);
        if (--m_holdCount == 0)
            releaseHeld();
        return;
    }
    sendText(frame);
}

} // namespace fakegw
