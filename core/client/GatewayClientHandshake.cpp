// GatewayClient: the connect handshake (challenge → signed connect → hello-ok), its retries and
// how each way it can fail is classified.
#include "client/GatewayClient.h"

#include "logging/Logging.h"
#include "protocol/CloseCode.h"
#include "protocol/ConnectChallenge.h"
#include "protocol/ConnectParams.h"

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
    case Kind::UntrustedPeer: return QStringLiteral("untrusted-peer");
    }
    return QStringLiteral("unknown");
}

void GatewayClient::handleChallenge(const Frame& frame)
{
    const ConnectChallengeResult c = parseConnectChallengeFrame(frame);
    if (!c.ok) {
        ConnectFailure f;
        f.kind = ConnectFailure::Kind::BadHandshake;
        f.message = UserText(QT_TRANSLATE_NOOP("UserText", "invalid connect challenge: %1")).arg(c.error);
        fail(f);
        return;
    }
    if (!m_identity) {
        ConnectFailure f;
        f.kind = ConnectFailure::Kind::AuthRejected;
        f.message = UserText(QT_TRANSLATE_NOOP("UserText", "no device identity available to sign the connect request"));
        fail(f);
        return;
    }
    if (m_config.verifyPeer) {
        // The connect request carries the token and a signed device proof: only our gateway may
        // have it. A listener of another user that took the port while our gateway was booting
        // speaks the protocol just as well, so ask the kernel who accepted this connection.
        const PeerVerdict v = peercheck::verify(m_port, m_socket->localPort(), pid_t(m_expectedPeerPid));
        if (!v.trusted) {
            logWarn(QStringLiteral("not authenticating: %1").arg(v.message));
            ConnectFailure f;
            f.kind = ConnectFailure::Kind::UntrustedPeer;
            f.message = UserText::verbatim(v.message);
            f.action = UserText(QT_TRANSLATE_NOOP("UserText", "ClawTray waits until port %1 is free or held by its own gateway; "
                                      "stop that process or choose another port in Settings."))
                           .arg(m_port);
            fail(f);
            return;
        }
        m_peer = v.peer;
    }
    m_connectId = QStringLiteral("connect-%1").arg(++m_nextId);
    const QJsonObject params =
        ConnectParams::build(m_token, *m_identity, c.challenge, m_appVersion, ConnectParams::currentPlatform(), m_config.as);
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
        // Until hello-ok a frame is capped at 64 KiB (a peer cannot make us buffer more); from now
        // on the gateway's own announced limit applies.
        if (m_socket) {
            m_socket->setMaxAllowedIncomingFrameSize(quint64(m_hello.maxPayload));
            m_socket->setMaxAllowedIncomingMessageSize(quint64(m_hello.maxPayload));
        }
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
        f.message = UserText(QT_TRANSLATE_NOOP("UserText", "invalid hello-ok: %1")).arg(r.error);
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

void GatewayClient::retryStarting(const std::optional<GatewayError>& error)
{
    const int delay = error && error->retryAfterMs ? qBound(50, *error->retryAfterMs, 10000) : m_config.startingRetryMs;
    if (m_startingClock.elapsed() + delay > m_config.startingBudgetMs) {
        ConnectFailure f;
        f.kind = ConnectFailure::Kind::StillStarting;
        f.error = error;
        f.message = UserText(QT_TRANSLATE_NOOP("UserText", "The gateway was still starting after %1 ms (%2 attempts)"))
                        .arg(m_startingClock.elapsed())
                        .arg(m_attempts);
        f.action = UserText(QT_TRANSLATE_NOOP("UserText", "Wait a little and start again; check the gateway's log for a stuck start-up stage."));
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
    int rawCode = m_socket ? int(m_socket->closeCode()) : 0;
    const QString reason = m_socket ? m_socket->closeReason() : QString();
    if (m_connectionDropped && rawCode == 1000 && reason.isEmpty())
        rawCode = 1006; // RFC 6455 7.1.5: closed without a close frame
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
            f.message = UserText(QT_TRANSLATE_NOOP("UserText", "The gateway refused ClawTray's credentials (close 1008: %1)")).arg(reason);
        break;
    case CloseMeaning::ProtocolMismatch:
        // A real mismatch always comes with a PROTOCOL_MISMATCH answer first; a bare 1002 is what
        // Qt 6.4 reports for close codes it does not know (1012, 1013), so it proves nothing.
        if (m_handshakeError) {
            f.kind = ConnectFailure::Kind::ProtocolMismatch;
            break;
        }
        f.kind = ConnectFailure::Kind::ClosedBeforeHandshake;
        f.message = UserText(QT_TRANSLATE_NOOP("UserText", "WebSocket closed before handshake (code %1)")).arg(code);
        break;
    default:
        f.kind = ConnectFailure::Kind::ClosedBeforeHandshake;
        f.message = UserText(QT_TRANSLATE_NOOP("UserText", "WebSocket closed before handshake (code %1%2)"))
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
    f.message = UserText(QT_TRANSLATE_NOOP("UserText", "Cannot connect to the gateway on port %1: %2")).arg(m_port).arg(m_socket->errorString());
    fail(f);
}

void GatewayClient::fail(ConnectFailure failure)
{
    ++m_generation;
    m_handshakeTimer.stop();
    m_retryTimer.stop();
    closeSocket(1000);
    m_state = State::Disconnected;
    failure.attempts = m_attempts;
    logWarn(QStringLiteral("gateway connect failed (%1): %2").arg(ConnectFailure::kindName(failure.kind), failure.message.english()));
    Q_EMIT connectFailed(failure);
}

} // namespace clawtray
