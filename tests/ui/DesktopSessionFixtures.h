#pragma once

// Pieces of a desktop session for UI tests that need the real thing: a private D-Bus session bus
// (so a fixture's notification daemon or tray watcher never meets the user's) and a virtual X
// display. Both are stopped when the object goes. Test code only.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>

#include "TestSupport.h"

namespace uitest {

class PrivateSessionBus
{
public:
    ~PrivateSessionBus() { stop(); }

    // Starts dbus-daemon --session; false (with why()) when it is not installed or did not start.
    bool start()
    {
        const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        if (daemon.isEmpty()) {
            m_why = QStringLiteral("dbus-daemon is not installed");
            return false;
        }
        m_process.start(daemon,
                        {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address")});
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
    QString m_address;
    QString m_why;
};

class VirtualDisplay
{
public:
    ~VirtualDisplay() { stop(); }

    // Starts Xvfb on the first free display from :70; false (with why()) when it cannot.
    bool start()
    {
        const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
        if (xvfb.isEmpty()) {
            m_why = QStringLiteral("Xvfb is not installed");
            return false;
        }
        for (int n = 70; n < 170; ++n) {
            const QString socket = QStringLiteral("/tmp/.X11-unix/X%1").arg(n);
            if (QFile::exists(socket) || QFile::exists(QStringLiteral("/tmp/.X%1-lock").arg(n)))
                continue;
            m_process.start(xvfb, {QStringLiteral(":%1").arg(n), QStringLiteral("-nolisten"), QStringLiteral("tcp"),
                                   QStringLiteral("-screen"), QStringLiteral("0"), QStringLiteral("1024x768x24")});
            if (m_process.waitForStarted() &&
                testsupport::waitFor([&] { return QFile::exists(socket) || m_process.state() == QProcess::NotRunning; },
                                     10000) &&
                m_process.state() == QProcess::Running) {
                m_display = QStringLiteral(":%1").arg(n);
                return true;
            }
            m_process.waitForFinished(2000);
        }
        m_why = QStringLiteral("no free X display between :70 and :169");
        return false;
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
