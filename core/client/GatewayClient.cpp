#include "client/GatewayClient.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "protocol/CloseCode.h"
#include "protocol/ConnectChallenge.h"
#include "protocol/ConnectParams.h"

#include <QJsonObject>
#include <QWebSocket>

namespace clawtray {

GatewayClient::GatewayClient(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<clawtray::CallResult>();
    qRegisterMetaType<clawtray::ConnectFailure>();
    qRegisterMetaType<clawtray::DisconnectInfo>();
    qRegisterMetaType<clawtray::HelloOk>();
    m_handshakeTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_handshakeTimer, &QTimer::timeout, this, [this] {
        ConnectFailure f;
        if (m_state == State::Connecting) {
            f.kind = ConnectFailure::Kind::ChallengeTimeout;
            f.message = UserText(QT_TRANSLATE_NOOP("UserText", "The gateway on port %1 did not send its connect challenge within %2 ms"))
                            .arg(m_port)
                            .arg(m_config.challengeTimeoutMs);
        } else {
            f.kind = ConnectFailure::Kind::HandshakeTimeout;
            f.message = UserText(QT_TRANSLATE_NOOP("UserText", "Connect handshake timeout: no answer to connect within %1 ms")).arg(m_config.helloTimeoutMs);
        }
        fail(f);
    });
    connect(&m_retryTimer, &QTimer::timeout, this, &GatewayClient::openSocket);
}

GatewayClient::~GatewayClient()
{
    ++m_generation;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
    m_pending.failAll(CallResult::Status::Disconnected, QStringLiteral("gateway stopped"));
}

void GatewayClient::setCredentials(const QString& token, const DeviceIdentity& identity)
{
    m_token = token;
    m_identity = identity;
    Redactor::instance().addSecret(token);
}

void GatewayClient::connectToGateway(quint16 port)
{
    if (m_state != State::Disconnected)
        disconnectFromGateway();
    m_port = port;
    m_attempts = 0;
    m_startingClock.start();
    openSocket();
}

void GatewayClient::openSocket()
{
    closeSocket(1000);
    ++m_generation;
    ++m_attempts;
    m_state = State::Connecting;
    m_handshakeError.reset();
    m_shutdownAnnounced = false;
    m_connectionDropped = false;
    m_hello = HelloOk{};
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    socket->setMaxAllowedIncomingFrameSize(quint64(kPreHandshakeMaxFrameBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(kPreHandshakeMaxFrameBytes));
    m_peer = PeerIdentity{};
    m_socket = socket;
    const quint64 gen = m_generation;
    connect(socket, &QWebSocket::textMessageReceived, this, [this, gen](const QString& t) {
        if (gen == m_generation)
            onTextMessage(t);
    });
    connect(socket, &QWebSocket::disconnected, this, [this, gen] {
        if (gen == m_generation)
            onSocketDisconnected();
    });
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [this, gen](QAbstractSocket::SocketError e) {
        if (gen != m_generation)
            return;
        // The peer closed TCP while the WebSocket was open: no close frame (Qt keeps reporting
        // its default close code 1000 for that).
        if (e == QAbstractSocket::RemoteHostClosedError && m_state == State::Connected)
            m_connectionDropped = true;
        onSocketError();
    });
    connect(socket, &QWebSocket::pong, this, [this, gen](quint64 elapsed, const QByteArray&) {
        if (gen != m_generation)
            return;
        Q_EMIT activity();
        Q_EMIT pong(qint64(elapsed));
    });
    m_handshakeTimer.start(m_config.challengeTimeoutMs);
    socket->open(QUrl(QStringLiteral("ws://%1:%2/").arg(m_config.host).arg(m_port)));
}

void GatewayClient::closeSocket(int code)
{
    if (!m_socket)
        return;
    QWebSocket* s = m_socket;
    m_socket = nullptr;
    s->disconnect(this);
    if (s->state() == QAbstractSocket::ConnectedState)
        s->close(QWebSocketProtocol::CloseCode(code));
    else
        s->abort();
    s->deleteLater();
}

void GatewayClient::disconnectFromGateway()
{
    const bool wasConnected = m_state == State::Connected;
    const bool wasConnecting = m_state == State::Connecting || m_state == State::Handshaking || m_retryTimer.isActive();
    ++m_generation;
    m_handshakeTimer.stop();
    m_retryTimer.stop();
    closeSocket(1000);
    m_state = State::Disconnected;
    m_pending.failAll(CallResult::Status::Disconnected, QStringLiteral("gateway stopped"));
    if (wasConnected) {
        DisconnectInfo info;
        info.closeCode = 1000;
        info.wasConnected = true;
        info.requested = true;
        Q_EMIT disconnected(info);
    } else if (wasConnecting) {
        ConnectFailure f;
        f.kind = ConnectFailure::Kind::Aborted;
        f.message = UserText(QT_TRANSLATE_NOOP("UserText", "connection attempt abandoned"));
        f.attempts = m_attempts;
        Q_EMIT connectFailed(f);
    }
}

QString GatewayClient::call(const QString& method, const QJsonValue& params, int timeoutMs, CallCallback callback)
{
    CallResult r;
    r.method = method;
    if (m_state != State::Connected || !m_socket) {
        r.status = CallResult::Status::NotConnected;
        r.message = QStringLiteral("not connected to the gateway (%1)").arg(method);
        if (callback)
            callback(r);
        return {};
    }
    const QString id = QString::number(++m_nextId);
    const QString text = buildRequestText(id, method, params);
    // A UTF-16 unit is at most 3 UTF-8 bytes: only a request that might be too large is measured.
    const qsizetype size = text.size() * 3 <= m_hello.maxPayload ? text.size() : text.toUtf8().size();
    if (size > m_hello.maxPayload) {
        r.status = CallResult::Status::TooLarge;
        r.message = QStringLiteral("request %1 is %2 bytes, over the gateway's limit of %3")
                        .arg(method)
                        .arg(size)
                        .arg(m_hello.maxPayload);
        if (callback)
            callback(r);
        return {};
    }
    m_pending.add(id, method, timeoutMs, std::move(callback));
    if (m_config.traceFrames)
        trace("->", text.toUtf8());
    if (m_socket->sendTextMessage(text) <= 0) {
        CallResult failed;
        failed.status = CallResult::Status::SendFailed;
        failed.message = QStringLiteral("could not send %1").arg(method);
        m_pending.settle(id, failed);
        return {};
    }
    // Qt writes what was sent when control returns to the event loop. The first request of a
    // turn goes out at once (a lone call does not wait for the loop), later ones in 8 KiB batches:
    // the gateway works on the first ones while the rest of a burst is still being built, instead
    // of the two sides taking turns.
    if (!m_flushedThisTurn) {
        m_flushedThisTurn = true;
        m_socket->flush();
        QMetaObject::invokeMethod(this, [this] { m_flushedThisTurn = false; }, Qt::QueuedConnection);
    } else if (m_socket->bytesToWrite() >= kSendBatchBytes) {
        m_socket->flush();
    }
    return id;
}

void GatewayClient::ping()
{
    if (m_socket && m_state == State::Connected)
        m_socket->ping();
}

void GatewayClient::trace(const char* direction, const QByteArray& bytes) const
{
    if (!m_config.traceFrames)
        return;
    logging::log(LogLevel::Debug, QStringLiteral("ws"),
                 QStringLiteral("%1 %2").arg(QLatin1String(direction), QString::fromUtf8(bytes.left(4096))));
}

void GatewayClient::onTextMessage(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    trace("<-", bytes);
    Q_EMIT activity();
    const qsizetype limit = m_state == State::Connected ? m_hello.maxPayload : kPreHandshakeMaxFrameBytes;
    const FrameParseResult parsed = parseFrame(bytes, limit);
    if (!parsed.ok) {
        ++m_malformedFrames;
        logWarn(QStringLiteral("ignoring malformed frame from the gateway: %1").arg(parsed.error));
        Q_EMIT malformedFrame(parsed.error);
        return;
    }
    const Frame& f = parsed.frame;
    switch (m_state) {
    case State::Connecting:
        if (f.isEvent() && f.event == ConnectChallenge::kEventName)
            handleChallenge(f);
        return;
    case State::Handshaking:
        if (f.isResponse() && f.id == m_connectId)
            handleConnectResponse(f);
        return;
    case State::Connected:
        if (f.isResponse()) {
            CallResult r;
            if (f.ok) {
                r.status = CallResult::Status::Ok;
                r.payload = f.payload;
            } else {
                r.status = CallResult::Status::GatewayError;
                r.error = GatewayError::fromFrame(f);
                r.message = r.error ? r.error->toString() : QStringLiteral("gateway error");
            }
            m_pending.settle(f.id, r);
        } else if (f.isEvent()) {
            handleEvent(f);
        }
        return;
    case State::Disconnected:
        return;
    }
}

void GatewayClient::handleEvent(const Frame& f)
{
    const qint64 seq = f.seq.value_or(-1);
    const QJsonObject p = f.payload.toObject();
    if (f.event == QLatin1String("tick"))
        Q_EMIT tick(qint64(p.value(QLatin1String("ts")).toDouble()));
    else if (f.event == QLatin1String("health"))
        Q_EMIT healthEvent(p);
    else if (f.event == QLatin1String("presence"))
        Q_EMIT presenceEvent(f.payload);
    else if (f.event == QLatin1String("shutdown")) {
        m_shutdownAnnounced = true;
        const QJsonValue expected = p.value(QLatin1String("restartExpectedMs"));
        Q_EMIT shutdownNotice(p.value(QLatin1String("reason")).toString(),
                              expected.isDouble() ? qint64(expected.toDouble()) : -1);
    } else if (f.event == QLatin1String("config.changed"))
        Q_EMIT configChanged(p.value(QLatin1String("path")).toString(), p.value(QLatin1String("hash")).toString());
    Q_EMIT eventReceived(f.event, f.payload, seq);
}

} // namespace clawtray
