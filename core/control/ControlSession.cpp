#include "control/ControlSession.h"

#include "logging/Logging.h"

#include <QLocalSocket>

namespace clawtray {

ControlSession::ControlSession(QLocalSocket* socket, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    connect(socket, &QLocalSocket::readyRead, this, &ControlSession::onReadyRead);
    connect(socket, &QLocalSocket::disconnected, this, [this] {
        m_closing = true;
        Q_EMIT closed();
    });
}

ControlSession::~ControlSession() = default;

bool ControlSession::isOpen() const
{
    return m_socket && !m_closing && m_socket->state() == QLocalSocket::ConnectedState;
}

qint64 ControlSession::pendingBytes() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void ControlSession::send(const QByteArray& line)
{
    if (!isOpen())
        return;
    m_socket->write(line);
}

void ControlSession::sendError(const QJsonValue& id, const char* code, const QString& message,
                               const QJsonObject& details)
{
    send(ControlProtocol::encodeError(id, {QString::fromLatin1(code), message, details}));
}

void ControlSession::flush(int timeoutMs)
{
    if (!m_socket || m_socket->state() != QLocalSocket::ConnectedState)
        return;
    m_socket->flush();
    if (m_socket->bytesToWrite() > 0)
        m_socket->waitForBytesWritten(timeoutMs);
}

void ControlSession::close()
{
    if (!m_socket || m_closing)
        return;
    m_closing = true;
    m_socket->disconnectFromServer(); // writes what is pending first
}

void ControlSession::onReadyRead()
{
    while (m_socket && !m_closing && m_socket->bytesAvailable() > 0) {
        m_buffer += m_socket->read(ControlProtocol::kMaxRequestBytes + 1);
        qsizetype nl;
        while (!m_closing && (nl = m_buffer.indexOf('\n')) >= 0) {
            QByteArray line = m_buffer.left(nl);
            m_buffer.remove(0, nl + 1);
            processLine(line);
        }
        if (!m_closing && m_buffer.size() > ControlProtocol::kMaxRequestBytes) {
            // Refuse before buffering more: a client cannot make us hold an unbounded line.
            processLine(m_buffer);
            m_buffer.clear();
        }
    }
}

void ControlSession::processLine(const QByteArray& raw)
{
    QByteArray line = raw;
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return;
    const ParsedControlRequest parsed = ControlProtocol::parseRequest(line);
    if (parsed.ok) {
        Q_EMIT requestReceived(parsed.request);
        return;
    }
    logDebug(QStringLiteral("control: refused a request (%1: %2)").arg(parsed.error.code, parsed.error.message));
    send(ControlProtocol::encodeError(parsed.request.id, parsed.error));
    if (parsed.error.code == QLatin1String(ControlErrorCode::TooLarge))
        close();
}

} // namespace clawtray
