#pragma once

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

namespace bench {

// An independent observer of a gateway's own readiness: GET /readyz over a raw socket every
// `intervalMs` (one request at a time) until it answers 200, then calls done(timestamp). Used to
// tell the gateway's boot time from the supervisor's overhead around it.
class ReadyzPoller : public QObject
{
public:
    ReadyzPoller(quint16 port, int intervalMs, std::function<void(double atMs)> done, QObject* parent = nullptr);
    void start();
    void stop();
    bool active() const { return m_active; }
    int requests() const { return m_requests; }

private:
    void tick();
    void finishRequest(bool ready);

    quint16 m_port;
    int m_intervalMs;
    std::function<void(double)> m_done;
    QTimer m_timer;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_reply;
    bool m_active = false;
    int m_requests = 0;
};

} // namespace bench
