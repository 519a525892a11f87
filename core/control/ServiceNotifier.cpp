#include "control/ServiceNotifier.h"

#include "logging/Logging.h"

#include <QCoreApplication>

#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace clawtray {

ServiceNotifier* ServiceNotifier::fromEnvironment(QObject* parent)
{
    QByteArray socket = qgetenv("NOTIFY_SOCKET");
    qint64 watchdogUsec = qEnvironmentVariable("WATCHDOG_USEC").toLongLong();
    const QByteArray watchdogPid = qgetenv("WATCHDOG_PID");
    // The watchdog is meant for the process it names (systemd sets our pid); a stale value
    // inherited from somewhere else is not ours to answer.
    if (!watchdogPid.isEmpty() && watchdogPid.toLongLong() != QCoreApplication::applicationPid())
        watchdogUsec = 0;
    // Only absolute paths and abstract sockets ('@') are valid addresses.
    if (!socket.isEmpty() && socket.front() != '/' && socket.front() != '@')
        socket.clear();
    qunsetenv("NOTIFY_SOCKET");
    qunsetenv("WATCHDOG_USEC");
    qunsetenv("WATCHDOG_PID");
    return new ServiceNotifier(socket, watchdogUsec, parent);
}

ServiceNotifier::ServiceNotifier(QByteArray socket, qint64 watchdogUsec, QObject* parent)
    : QObject(parent)
    , m_socket(std::move(socket))
{
    if (active() && watchdogUsec > 0) {
        m_watchdog.setInterval(int(qBound(qint64(50), watchdogUsec / 2000, qint64(3600 * 1000))));
        connect(&m_watchdog, &QTimer::timeout, this, [this] { send("WATCHDOG=1"); });
        m_watchdog.start();
        logInfo(QStringLiteral("systemd watchdog: answering every %1 ms").arg(m_watchdog.interval()));
    }
}

bool ServiceNotifier::send(const QByteArray& message)
{
    if (!active())
        return false;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (size_t(m_socket.size()) >= sizeof addr.sun_path)
        return false;
    std::memcpy(addr.sun_path, m_socket.constData(), size_t(m_socket.size()));
    socklen_t len = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(m_socket.size()));
    if (addr.sun_path[0] == '@')
        addr.sun_path[0] = '\0'; // abstract namespace
    else
        ++len; // the terminating NUL of a path
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const bool ok = ::sendto(fd, message.constData(), size_t(message.size()), MSG_NOSIGNAL,
                             reinterpret_cast<const sockaddr*>(&addr), len)
                    == message.size();
    ::close(fd);
    return ok;
}

void ServiceNotifier::ready(const QString& status)
{
    m_lastStatus = status;
    send("READY=1\nSTATUS=" + status.toUtf8());
}

void ServiceNotifier::setStatus(const QString& status)
{
    if (status == m_lastStatus)
        return;
    m_lastStatus = status;
    send("STATUS=" + status.toUtf8());
}

void ServiceNotifier::stopping()
{
    m_watchdog.stop();
    send("STOPPING=1\nSTATUS=stopping");
}

} // namespace clawtray
