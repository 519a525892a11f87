#pragma once

// Pieces of a desktop session for UI tests that need the real thing: a private D-Bus session bus
// (so a fixture's notification daemon or tray watcher never meets the user's) and a virtual X
// display. Both are stopped when the object goes. Test code only.

#include "TestSupport.h"

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryFile>

namespace uitest {

class PrivateSessionBus
{
public:
    ~PrivateSessionBus() { stop(); }

    // Starts a dbus-daemon of its own; false (with why()) when it is not installed or did not start.
    bool start()
    {
        const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        if (daemon.isEmpty()) {
            m_why = QStringLiteral("dbus-daemon is not installed");
            return false;
        }
        // Its own configuration, without service directories: nothing of this machine (a real
        // notification daemon, say) can be started on it by bus activation.
        if (!m_config.open()) {
            m_why = QStringLiteral("cannot write the bus configuration");
            return false;
        }
        // (No raw string literal here: moc reads this header too.)
        m_config.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                       " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                       "<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>\n"
                       "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                       "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
        m_config.flush();
        m_process.start(daemon, {QStringLiteral("--config-file=") + m_config.fileName(), QStringLiteral("--nofork"),
                                 QStringLiteral("--print-address")});
        if (!m_process.waitForStarted() || !testsupport::waitFor([this] { return m_process.canReadLine(); }, 10000)) {
            m_why = QStringLiteral("dbus-daemon did not start: %1")
                        .arg(QString::fromUtf8(m_process.readAllStandardError()));
            return false;
        }
        m_address = QString::fromUtf8(m_process.readLine()).trimmed();
        return !m_address.isEmpty();
    }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    QString address() const { return m_address; }
    QString why() const { return m_why; }

private:
    QProcess m_process;
    QTemporaryFile m_config;
    QString m_address;
    QString m_why;
};

class VirtualDisplay
{
public:
    ~VirtualDisplay() { stop(); }

    // Starts Xvfb on a display it picks itself (-displayfd: no race with another X server starting
    // at the same moment); false (with why()) when it cannot.
    bool start()
    {
        const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
        if (xvfb.isEmpty()) {
            m_why = QStringLiteral("Xvfb is not installed");
            return false;
        }
        m_process.start(xvfb, {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-nolisten"),
                               QStringLiteral("tcp"), QStringLiteral("-screen"), QStringLiteral("0"),
                               QStringLiteral("1024x768x24")});
        const bool told = m_process.waitForStarted() &&
                          testsupport::waitFor(
                              [&] { return m_process.canReadLine() || m_process.state() != QProcess::Running; }, 15000);
        if (!told || m_process.state() != QProcess::Running || !m_process.canReadLine()) {
            m_why = QStringLiteral("Xvfb did not start: %1").arg(QString::fromUtf8(m_process.readAllStandardError()));
            return false;
        }
        m_display = QLatin1Char(':') + QString::fromUtf8(m_process.readLine()).trimmed();
        return true;
    }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }
    QString display() const { return m_display; }
    QString why() const { return m_why; }

private:
    QProcess m_process;
    QString m_display;
    QString m_why;
};

} // namespace uitest
