#include "control/ControlSession.h"

#include "logging/Logging.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLocalSocket>

namespace clawtray {

void controlLog(bool debug, const QString& line)
{
    // The budget is per line, so a flood of one request (a script looping, a hostile client) is
    // cut short without hiding the other requests of the same seconds; the number of distinct
    // lines per window is bounded too.
    static QElapsedTimer window;
    static QHash<QString, int> used;
    static qint64 leftOut = 0;
    if (!window.isValid() || window.elapsed() >= kControlLogWindowMs) {
        if (leftOut > 0)
            logInfo(QStringLiteral("control: %1 more client request(s) were not logged (the same request more than %2 "
                                   "times in %3 s)")
                        .arg(leftOut)
                        .arg(kControlLogBurst)
                        .arg(kControlLogWindowMs / 1000));
        window.start();
        used.clear();
        leftOut = 0;
    }
    int& n = used[used.size() < kControlLogDistinct || used.contains(line) ? line : QStringLiteral("(other)")];
    if (n >= kControlLogBurst) {
        ++leftOut;
        return;
    }
    ++n;
    if (debug)
        logDebug(line);
    else
        logInfo(line);
}

ControlSession::ControlSession(QLocalSocket* socket, QObject* parent, int idleTimeoutMs)
    : QObject(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    // Qt stops taking bytes from the kernel once this much is unread: a paused session then
    // pushes back on its client instead of buffering its requests.
    socket->setReadBufferSize(2 * ControlProtocol::kMaxRequestBytes);
    connect(socket, &QLocalSocket::readyRead, this, &ControlSession::processInput);
    connect(socket, &QLocalSocket::bytesWritten, this, [this] {
        if (m_paused && pendingBytes() <= kMaxPendingOutputBytes / 2) {
            m_paused = false;
            processInput();
        }
    });
    connect(socket, &QLocalSocket::disconnected, this, [this] {
        m_closing = true;
        m_idle.stop();
        Q_EMIT closed();
    });
    m_idle.setSingleShot(true);
    m_idle.setInterval(idleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, &ControlSession::onIdle);
    if (idleTimeoutMs > 0)
        m_idle.start();
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

qint64 ControlSession::pendingInputBytes() const
{
    return m_buffer.size() + (m_socket ? m_socket->bytesAvailable() : 0);
}

void ControlSession::send(const QByteArray& line)
{
    if (!isOpen())
        return;
    m_socket->write(line);
}

void ControlSession::reply(const QByteArray& line)
{
    if (m_outstanding > 0)
        --m_outstanding;
    if (m_outstanding == 0 && m_idle.interval() > 0)
        m_idle.start();
    send(line);
}

void ControlSession::sendError(const QJsonValue& id, const char* code, const QString& message,
                               const QJsonObject& details)
{
    reply(ControlProtocol::encodeError(id, {QString::fromLatin1(code), message, details}));
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
    m_idle.stop();
    m_socket->disconnectFromServer(); // writes what is pending first
}

void ControlSession::onIdle()
{
    if (m_closing || !m_socket)
        return;
    const qint64 pending = pendingBytes();
    const bool reading = pending < m_pendingAtLastIdle; // the client took some of its answers
    m_pendingAtLastIdle = pending;
    if (m_paused && !reading) {
        // It stopped reading its answers a whole idle period ago: nothing will ever drain them.
        controlLog(true, QStringLiteral("control: closing a connection that does not read its answers"));
        m_socket->abort();
        return;
    }
    if (m_held || m_outstanding > 0 || m_paused) {
        m_idle.start(); // busy, not idle: a long `start --wait`, a followed stream, a slow reader
        return;
    }
    controlLog(true, QStringLiteral("control: closing a connection idle for %1 s").arg(m_idle.interval() / 1000));
    close();
}

void ControlSession::processInput()
{
    while (m_socket && !m_closing) {
        if (pendingBytes() > kMaxPendingOutputBytes) {
            // The client is not taking its answers: read no more requests until it does.
            if (!m_paused)
                m_pendingAtLastIdle = std::numeric_limits<qint64>::max(); // a whole idle period from now
            m_paused = true;
            return;
        }
        const qsizetype nl = m_buffer.indexOf('\n');
        if (nl >= 0) {
            const QByteArray line = m_buffer.left(nl);
            m_buffer.remove(0, nl + 1);
            processLine(line);
            continue;
        }
        if (m_buffer.size() > ControlProtocol::kMaxRequestBytes) {
            // Refuse before buffering more: a client cannot make us hold an unbounded line.
            processLine(m_buffer);
            m_buffer.clear();
            return;
        }
        if (m_socket->bytesAvailable() <= 0)
            return;
        m_buffer += m_socket->read(ControlProtocol::kMaxRequestBytes + 1 - m_buffer.size());
    }
}

void ControlSession::processLine(const QByteArray& raw)
{
    QByteArray line = raw;
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return;
    if (m_idle.interval() > 0)
        m_idle.start();
    const ParsedControlRequest parsed = ControlProtocol::parseRequest(line);
    if (parsed.ok) {
        ++m_outstanding;
        Q_EMIT requestReceived(parsed.request);
        return;
    }
    controlLog(true, QStringLiteral("control: refused a request (%1: %2)").arg(parsed.error.code, parsed.error.message));
    send(ControlProtocol::encodeError(parsed.request.id, parsed.error));
    if (parsed.error.code == QLatin1String(ControlErrorCode::TooLarge))
        close();
}

} // namespace clawtray
