#include "client/GatewayClient.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "protocol/CloseCode.h"
#include "protocol/ConnectChallenge.h"
#include "protocol/ConnectParams.h"

#include <QJsonObject>
#include <QWebSocket>

namespace clawtray {

QString ConnectFailure::kindName(Kind kind)
{
    switch (kind) {
    case Kind::AuthRejected: return QStringLiteral("auth-rejected");
    case Kind::ProtocolMismatch: return QStringLiteral("protocol-mismatch");
    case Kind::StillStarting: return QStringLiteral("still-starting");
    case Kind::ChallengeTimeout: return QStringLiteral("challenge-timeout");
    case Kind::HandshakeTimeout: return QStringLiteral("handshake-timeout");
    case Kind::ClosedBeforeHandshake: return QStringLiteral("closed-before-handshake");
    case Kind::SocketError: return QStringLiteral("socket-error");
    case Kind::BadHandshake: return QStringLiteral("bad-handshake");
    case Kind::Rejected: return QStringLiteral("rejected");
    case Kind::Aborted: return QStringLiteral("aborted");
    }
    return QStringLiteral("unknown");
}

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
            f.message = QStringLiteral("The gateway on port %1 did not send its connect challenge within %2 ms")
                            .arg(m_port)
                            .arg(m_config.challengeTimeoutMs);
        } else {
            f.kind = ConnectFailure::Kind::HandshakeTimeout;
            f.message = QStringLiteral("Connect handshake timeout: no answer to connect within %1 ms").arg(m_config.helloTimeoutMs);
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
    m_hello = HelloOk{};
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
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
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [this, gen](QAbstractSocket::SocketError) {
        if (gen == m_generation)
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
        f.message = QStringLiteral("connection attempt abandoned");
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
    const QByteArray bytes = buildRequest(id, method, params);
    if (bytes.size() > m_hello.maxPayload) {
        r.status = CallResult::Status::TooLarge;
        r.message = QStringLiteral("request %1 is %2 bytes, over the gateway's limit of %3")
                        .arg(method)
                        .arg(bytes.size())
                        .arg(m_hello.maxPayload);
        if (callback)
            callback(r);
        return {};
    }
    m_pending.add(id, method, timeoutMs, std::move(callback));
    trace("->", bytes);
    if (m_socket->sendTextMessage(QString::fromUtf8(bytes)) <= 0) {
        CallResult failed;
        failed.status = CallResult::Status::SendFailed;
        failed.message = QStringLiteral("could not send %1").arg(method);
        m_pending.settle(id, failed);
        return {};
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

void GatewayClient::handleChallenge(const Frame& frame)
{
    const ConnectChallengeResult c = parseConnectChallengeFrame(frame);
    if (!c.ok) {
        ConnectFailure f;
        f.kind = ConnectFailure::Kind::BadHandshake;
        f.message = QStringLiteral("invalid connect challenge: %1").arg(c.error);
        fail(f);
        return;
    }
    if (!m_identity) {
        ConnectFailure f;
        f.kind = ConnectFailure::Kind::AuthRejected;
        f.message = QStringLiteral("no device identity available to sign the connect request");
        fail(f);
        return;
    }
    m_connectId = QStringLiteral("connect-%1").arg(++m_nextId);
    const QJsonObject params = ConnectParams::build(m_token, *m_identity, c.challenge, m_appVersion);
    const QByteArray bytes = buildRequest(m_connectId, QString(ConnectParams::kMethod), params);
    trace("->", bytes);
    m_state = State::Handshaking;
    m_handshakeTimer.start(m_config.helloTimeoutMs);
    m_socket->sendTextMessage(QString::fromUtf8(bytes));
}

void GatewayClient::handleConnectResponse(const Frame& frame)
{
    const HelloOkResult r = parseHelloOkFrame(frame);
    if (r.ok) {
        m_handshakeTimer.stop();
        m_hello = r.hello;
        m_state = State::Connected;
        m_connectedClock.start();
        logInfo(QStringLiteral("connected to gateway %1 on port %2 (boot %3, conn %4)")
                    .arg(m_hello.serverVersion)
                    .arg(m_port)
                    .arg(m_hello.bootId, m_hello.connId));
        Q_EMIT connected(m_hello);
        return;
    }
    if (!r.gatewayError) {
        ConnectFailure f;
        f.kind = ConnectFailure::Kind::BadHandshake;
        f.message = QStringLiteral("invalid hello-ok: %1").arg(r.error);
        fail(f);
        return;
    }
    // Keep the error; the close frame (1008/1002/1013) that follows decides, but the error's
    // codes take precedence over the close code when both are known.
    m_handshakeError = r.gatewayError;
    const GatewayError& e = *r.gatewayError;
    if (e.isStartingUp()) {
        retryStarting(e);
        return;
    }
    ConnectFailure f;
    f.error = e;
    const ErrorExplanation x = e.explain();
    f.message = x.summary;
    f.action = x.action;
    if (e.isAuthFailure())
        f.kind = ConnectFailure::Kind::AuthRejected;
    else if (e.isProtocolMismatch())
        f.kind = ConnectFailure::Kind::ProtocolMismatch;
    else
        f.kind = ConnectFailure::Kind::Rejected;
    fail(f);
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

void GatewayClient::retryStarting(const std::optional<GatewayError>& error)
{
    const int delay = error && error->retryAfterMs ? qBound(50, *error->retryAfterMs, 10000) : m_config.startingRetryMs;
    if (m_startingClock.elapsed() + delay > m_config.startingBudgetMs) {
        ConnectFailure f;
        f.kind = ConnectFailure::Kind::StillStarting;
        f.error = error;
        f.message = QStringLiteral("The gateway was still starting after %1 ms (%2 attempts)")
                        .arg(m_startingClock.elapsed())
                        .arg(m_attempts);
        f.action = QStringLiteral("Wait a little and start again; check the gateway's log for a stuck start-up stage.");
        fail(f);
        return;
    }
    ++m_generation; // the old socket's close must not count as a failure
    m_handshakeTimer.stop();
    closeSocket(1000);
    m_state = State::Connecting;
    logDebug(QStringLiteral("gateway on port %1 is starting; retrying connect in %2 ms").arg(m_port).arg(delay));
    Q_EMIT startingRetry(m_attempts, delay);
    m_retryTimer.start(delay);
}

void GatewayClient::onSocketDisconnected()
{
    const int rawCode = m_socket ? int(m_socket->closeCode()) : 0;
    const QString reason = m_socket ? m_socket->closeReason() : QString();
    const int code = m_shutdownAnnounced ? 1012 : rawCode;
    if (m_state == State::Connected) {
        ++m_generation;
        closeSocket(1000);
        m_state = State::Disconnected;
        m_pending.failAll(CallResult::Status::Disconnected,
                          code == 1012 ? QStringLiteral("gateway restarting") : QStringLiteral("gateway stopped"));
        DisconnectInfo info;
        info.closeCode = code;
        info.rawCloseCode = rawCode;
        info.closeReason = reason;
        info.wasConnected = true;
        logInfo(QStringLiteral("gateway connection closed: %1").arg(classifyCloseCode(code).description));
        Q_EMIT disconnected(info);
        return;
    }
    if (m_state == State::Disconnected)
        return;
    // Closed during the handshake.
    if (code == 1013 || (m_handshakeError && m_handshakeError->isStartingUp())) {
        retryStarting(m_handshakeError);
        return;
    }
    if (m_state == State::Connecting && m_socket && m_socket->error() != QAbstractSocket::UnknownSocketError
        && m_socket->error() != QAbstractSocket::RemoteHostClosedError) {
        onSocketError(); // refused/unreachable: Qt may report the close before the error
        return;
    }
    ConnectFailure f;
    f.closeCode = code;
    f.error = m_handshakeError;
    if (m_handshakeError) {
        const ErrorExplanation x = m_handshakeError->explain();
        f.message = x.summary;
        f.action = x.action;
    }
    switch (closeMeaning(code)) {
    case CloseMeaning::PolicyViolation:
        f.kind = ConnectFailure::Kind::AuthRejected;
        if (f.message.isEmpty())
            f.message = QStringLiteral("The gateway refused ClawTray's credentials (close 1008: %1)").arg(reason);
        break;
    case CloseMeaning::ProtocolMismatch:
        // A real mismatch always comes with a PROTOCOL_MISMATCH answer first; a bare 1002 is what
        // Qt 6.4 reports for close codes it does not know (1012, 1013), so it proves nothing.
        if (m_handshakeError) {
            f.kind = ConnectFailure::Kind::ProtocolMismatch;
            break;
        }
        f.kind = ConnectFailure::Kind::ClosedBeforeHandshake;
        f.message = QStringLiteral("WebSocket closed before handshake (code %1)").arg(code);
        break;
    default:
        f.kind = ConnectFailure::Kind::ClosedBeforeHandshake;
        f.message = QStringLiteral("WebSocket closed before handshake (code %1%2)")
                        .arg(code)
                        .arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
    }
    fail(f);
}

void GatewayClient::onSocketError()
{
    if (m_state == State::Connected || m_state == State::Disconnected || !m_socket)
        return; // a connected socket's error is followed by `disconnected`
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        return;
    ConnectFailure f;
    f.kind = ConnectFailure::Kind::SocketError;
    f.message = QStringLiteral("Cannot connect to the gateway on port %1: %2").arg(m_port).arg(m_socket->errorString());
    fail(f);
}

void GatewayClient::fail(ConnectFailure failure)
{
    ++m_generation;
    m_handshakeTimer.stop();
    m_retryTimer.stop();
    closeSocket(failure.kind == ConnectFailure::Kind::HandshakeTimeout ? 1000 : 1000);
    m_state = State::Disconnected;
    failure.attempts = m_attempts;
    logWarn(QStringLiteral("gateway connect failed (%1): %2").arg(ConnectFailure::kindName(failure.kind), failure.message));
    Q_EMIT connectFailed(failure);
}

} // namespace clawtray
