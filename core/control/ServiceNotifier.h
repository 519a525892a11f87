#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

namespace clawtray {

// The systemd service notification protocol (sd_notify(3)), without linking libsystemd: when
// ClawTray runs as a `Type=notify` unit, it says READY=1 once it supervises, keeps STATUS= equal to
// the gateway's one-line status (what `systemctl status clawtray` shows), sends WATCHDOG=1 from its
// event loop at half the unit's WatchdogSec (so a wedged ClawTray is restarted by systemd), and
// STOPPING=1 when it shuts down. Outside systemd (no NOTIFY_SOCKET) every call does nothing.
//
// fromEnvironment() removes NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID from the process
// environment, so the gateway and other children never inherit them.
class ServiceNotifier final : public QObject
{
    Q_OBJECT
public:
    static ServiceNotifier* fromEnvironment(QObject* parent = nullptr);

    bool active() const { return !m_socket.isEmpty(); }
    int watchdogIntervalMs() const { return m_watchdog.interval(); }

    void ready(const QString& status);
    void setStatus(const QString& status); // sent only when it changed
    void stopping();

private:
    ServiceNotifier(QByteArray socket, qint64 watchdogUsec, QObject* parent);
    bool send(const QByteArray& message);

    QByteArray m_socket;
    QString m_lastStatus;
    QTimer m_watchdog;
};

} // namespace clawtray
