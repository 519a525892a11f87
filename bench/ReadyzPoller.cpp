#include "ReadyzPoller.h"

#include "BenchCommon.h"

namespace bench {

ReadyzPoller::ReadyzPoller(quint16 port, int intervalMs, std::function<void(double)> done, QObject* parent)
    : QObject(parent)
    , m_port(port)
    , m_intervalMs(intervalMs)
    , m_done(std::move(done))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
}

void ReadyzPoller::start()
{
    m_active = true;
    m_requests = 0;
    tick();
}

void ReadyzPoller::stop()
{
    m_active = false;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
}

void ReadyzPoller::tick()
{
    if (!m_active)
        return;
    ++m_requests;
    m_reply.clear();
    auto* s = new QTcpSocket(this);
    m_socket = s;
    connect(s, &QTcpSocket::connected, this, [s] {
        s->write("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    });
    connect(s, &QTcpSocket::readyRead, this, [this, s] {
        m_reply += s->readAll();
        const int eol = int(m_reply.indexOf("\r\n"));
        if (eol > 0)
            finishRequest(m_reply.left(eol).contains(" 200 "));
    });
    connect(s, &QTcpSocket::errorOccurred, this, [this] { finishRequest(false); });
    s->connectToHost(QStringLiteral("127.0.0.1"), m_port);
}

void ReadyzPoller::finishRequest(bool ready)
{
    const double t = nowMs();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    if (!m_active)
        return;
    if (ready) {
        m_active = false;
        if (m_done)
            m_done(t);
        return;
    }
    m_timer.start(m_intervalMs);
}

} // namespace bench
