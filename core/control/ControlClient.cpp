#include "control/ControlClient.h"

#include "control/SocketTrust.h"

#include <unistd.h>

namespace clawtray {

ControlClient::ControlClient(const QString& socketPath)
    : m_path(socketPath)
{}

ControlClient::~ControlClient()
{
    m_socket.abort();
}

Result<void, ControlClient::ConnectFailure> ControlClient::connectToServer(int timeoutMs)
{
    using Connected = Result<void, ConnectFailure>;
    // Before a single byte is sent: the socket and its directory must be this user's, or someone
    // else could be answering in ClawTray's name (and receive `call` requests).
    if (const QString why = sockettrust::unsafeSocketReason(m_path); !why.isEmpty())
        return Connected::failure({ConnectFailure::Kind::Untrusted, UserText::verbatim(why)});
    m_socket.connectToServer(m_path);
    if (m_socket.waitForConnected(timeoutMs)) {
        // The file was ours a moment ago; the process that accepted must be ours too.
        const qint64 uid = sockettrust::peerUid(m_socket.socketDescriptor());
        if (uid >= 0 && uid != qint64(::geteuid())) {
            m_socket.abort();
            return Connected::failure({ConnectFailure::Kind::Untrusted,
                                       UserText(QT_TRANSLATE_NOOP("UserText", "the process serving %1 runs as uid %2, not as this user"))
                                           .arg(m_path)
                                           .arg(uid)});
        }
        return {};
    }
    const UserText why = UserText::verbatim(m_socket.errorString());
    const auto e = m_socket.error();
    m_socket.abort();
    switch (e) {
    case QLocalSocket::ServerNotFoundError:
    case QLocalSocket::ConnectionRefusedError:
        return Connected::failure({ConnectFailure::Kind::NotRunning, why});
    case QLocalSocket::SocketAccessError:
        return Connected::failure({ConnectFailure::Kind::AccessDenied, why});
    default:
        return Connected::failure({ConnectFailure::Kind::Failed, why});
    }
}

bool ControlClient::sendRaw(const QByteArray& bytes, int timeoutMs)
{
    if (!isConnected() || m_socket.write(bytes) != bytes.size())
        return false;
    const QDeadlineTimer deadline(timeoutMs);
    while (m_socket.bytesToWrite() > 0 && !deadline.hasExpired()) {
        if (!m_socket.waitForBytesWritten(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
    }
    return m_socket.bytesToWrite() == 0;
}

ControlMessage ControlClient::request(const QString& cmd, const QJsonObject& args, int timeoutMs)
{
    return request(cmd, args, timeoutMs, {});
}

ControlMessage ControlClient::request(const QString& cmd, const QJsonObject& args, int timeoutMs,
                                      const std::function<void(const ControlMessage&)>& onStream)
{
    const QString id = QString::number(m_nextId++);
    if (!sendRaw(ControlProtocol::encodeRequest({id, cmd, args}), timeoutMs))
        return ControlMessage::invalid(ControlErrorCode::Disconnected,
                                       QStringLiteral("could not send the request: %1").arg(m_socket.errorString()));
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        ControlMessage failure;
        const auto line = readLine(deadline, &failure);
        if (!line)
            return failure;
        ControlMessage m = ControlProtocol::parseMessage(*line);
        if (m.kind == ControlMessage::Kind::Invalid)
            return m;
        // A reply with a null id answers a line the server could not attribute (e.g. refused).
        if (m.kind == ControlMessage::Kind::Reply && (m.id.toString() == id || m.id.isNull()))
            return m;
        if (m.kind == ControlMessage::Kind::Stream && onStream && m.id.toString() == id)
            onStream(m);
    }
}

ControlMessage ControlClient::next(int timeoutMs)
{
    ControlMessage failure;
    const auto line =
        readLine(timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeoutMs), &failure);
    return line ? ControlProtocol::parseMessage(*line) : failure;
}

std::optional<QByteArray> ControlClient::readLine(QDeadlineTimer deadline, ControlMessage* failure)
{
    for (;;) {
        const qsizetype nl = m_buffer.indexOf('\n');
        if (nl >= 0) {
            QByteArray line = m_buffer.left(nl);
            m_buffer.remove(0, nl + 1);
            return line;
        }
        if (m_buffer.size() > ControlProtocol::kMaxMessageBytes) {
            *failure = ControlMessage::invalid(
                ControlErrorCode::BadReply,
                QStringLiteral("the answer exceeds %1 bytes").arg(ControlProtocol::kMaxMessageBytes));
            return std::nullopt;
        }
        if (m_socket.bytesAvailable() > 0) {
            m_buffer += m_socket.readAll();
            continue;
        }
        if (m_socket.state() != QLocalSocket::ConnectedState) {
            *failure = ControlMessage::invalid(ControlErrorCode::Disconnected,
                                               QStringLiteral("ClawTray closed the connection"));
            return std::nullopt;
        }
        if (deadline.hasExpired()) {
            *failure =
                ControlMessage::invalid(ControlErrorCode::Timeout, QStringLiteral("no answer from ClawTray in time"));
            return std::nullopt;
        }
        m_socket.waitForReadyRead(
            deadline.isForever() ? 60000 : int(qBound<qint64>(1, deadline.remainingTime(), qint64(60000))));
    }
}

} // namespace clawtray
