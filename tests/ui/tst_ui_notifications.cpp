// Desktop notifications go through the freedesktop notification service when there is one: a
// notification daemon fixture on a private session bus sees ClawTray's Notify with the title, the
// text, the urgency and the action buttons that make sense for it ("Start now" after restarts
// paused, "Review…" for an approval); pressing an action does what it says; another program's
// notification is none of ClawTray's business; without the service the tray's balloon is used.
#include "DesktopSessionFixtures.h"
#include "GatewayActions.h"
#include "TrayIcon.h"
#include "UiTestSupport.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace clawtray;

namespace {

// org.freedesktop.Notifications, as a notification daemon implements it; records every Notify.
class FakeNotificationDaemon final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call
    {
        QString app, icon, summary, body;
        uint replaces = 0;
        QStringList actions;
        QVariantMap hints;
        uint id = 0;
    };
    QVector<Call> calls;
    uint nextId = 41;
    QStringList capabilities{QStringLiteral("actions"), QStringLiteral("body")};

public Q_SLOTS:
    uint Notify(const QString& app, uint replaces, const QString& icon, const QString& summary, const QString& body,
                const QStringList& actions, const QVariantMap& hints, int timeout)
    {
        Q_UNUSED(timeout);
        const uint id = replaces ? replaces : ++nextId;
        calls.append({app, icon, summary, body, replaces, actions, hints, id});
        return id;
    }
    QStringList GetCapabilities() { return capabilities; }
    void CloseNotification(uint id) { Q_UNUSED(id); }
    QString GetServerInformation(QString& vendor, QString& version, QString& spec)
    {
        vendor = QStringLiteral("clawtray-tests");
        version = QStringLiteral("1");
        spec = QStringLiteral("1.2");
        return QStringLiteral("fake-notifyd");
    }
};

} // namespace

class TestUiNotifications : public QObject
{
    Q_OBJECT

    uitest::PrivateSessionBus m_bus;
    QString m_address;
    FakeNotificationDaemon m_daemon;

    QDBusConnection daemonConnection() { return QDBusConnection(QStringLiteral("notifyd")); }

    void invoke(uint id, const QString& key)
    {
        QDBusMessage signal = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                                         QStringLiteral("org.freedesktop.Notifications"),
                                                         QStringLiteral("ActionInvoked"));
        signal << id << key;
        QVERIFY(daemonConnection().send(signal));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A private session bus: the test's notification daemon never meets the user's.
        if (QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty())
            QSKIP("dbus-daemon is not installed");
        QVERIFY2(m_bus.start(), qPrintable(m_bus.why()));
        m_address = m_bus.address();
        // Before anything asks for the session bus: ClawTray's notifier uses this one.
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
        QDBusConnection d = QDBusConnection::connectToBus(m_address, QStringLiteral("notifyd"));
        QVERIFY2(d.isConnected(), qPrintable(d.lastError().message()));
        QVERIFY(d.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &m_daemon,
                                 QDBusConnection::ExportAllSlots));
        QVERIFY(d.registerService(QStringLiteral("org.freedesktop.Notifications")));
    }

    void cleanupTestCase()
    {
        QDBusConnection::disconnectFromBus(QStringLiteral("notifyd"));
        m_bus.stop();
    }

    void aNotificationCarriesItsActionsAndTheyWork()
    {
        GatewayActions actions;
        actions.setStandInStatus(uitest::statusIn(GatewayState::Error));
        TrayIcon tray(&actions, nullptr);
        QSignalSpy shown(&tray, &TrayIcon::showWindowRequested);
        QSignalSpy approvals(&tray, &TrayIcon::approvalsRequested);
        m_daemon.calls.clear();

        QVERIFY(
            tray.notify(QStringLiteral("circuit-open"), QStringLiteral("Automatic restarts paused after 4 crashes.")));
        QCOMPARE(tray.lastNotificationRoute(), QStringLiteral("desktop"));
        QTRY_COMPARE(m_daemon.calls.size(), 1);
        const FakeNotificationDaemon::Call c = m_daemon.calls.at(0);
        QCOMPARE(c.app, QStringLiteral("ClawTray"));
        QCOMPARE(c.summary, QStringLiteral("Automatic restarts paused"));
        QCOMPARE(c.body, QStringLiteral("Automatic restarts paused after 4 crashes."));
        QVERIFY2(c.actions.contains(QStringLiteral("start")) && c.actions.contains(QStringLiteral("Start now")) &&
                     c.actions.contains(QStringLiteral("show")) && c.actions.contains(QStringLiteral("default")),
                 qPrintable(c.actions.join(QLatin1Char(','))));
        QCOMPARE(c.actions.size() % 2, 0); // key, label pairs
        QCOMPARE(c.hints.value(QStringLiteral("urgency")).toInt(), 2);
        QCOMPARE(c.hints.value(QStringLiteral("desktop-entry")).toString(), QStringLiteral("clawtray"));

        // The user presses "Show ClawTray" on it: the window opens.
        invoke(c.id, QStringLiteral("show"));
        QTRY_COMPARE(shown.size(), 1);
        // Another program's notification with the same key is not ours. Signals from one sender
        // arrive in order, so once the next one (ours) is handled, the foreign one was ignored.
        invoke(c.id + 1000, QStringLiteral("show"));
        invoke(c.id, QStringLiteral("approvals"));
        QTRY_COMPARE(approvals.size(), 1);
        QCOMPARE(shown.size(), 1);

        // An approval: no critical urgency (it is not trouble), "Review…" opens the prompt.
        QVERIFY(tray.notify(QStringLiteral("approval"), QStringLiteral("ls -la in /tmp for agent main")));
        QTRY_COMPARE(m_daemon.calls.size(), 2);
        const FakeNotificationDaemon::Call a = m_daemon.calls.at(1);
        QCOMPARE(a.hints.value(QStringLiteral("urgency")).toInt(), 1);
        QVERIFY(a.actions.contains(QStringLiteral("approvals")) && a.actions.contains(QStringLiteral("Review…")));
        QVERIFY(!a.actions.contains(QStringLiteral("start")));
        invoke(a.id, QStringLiteral("approvals"));
        QTRY_COMPARE(approvals.size(), 2);
        // A click on the notification itself shows the window.
        invoke(a.id, QStringLiteral("default"));
        QTRY_COMPARE(shown.size(), 2);
    }

    // A daemon that reads the body as markup gets a command's "&&" and "<" escaped; one that does
    // not gets the text as it is.
    void theBodyIsEscapedOnlyForMarkupDaemons()
    {
        GatewayActions actions;
        const QString command = QStringLiteral("make && ./run <input >out");
        {
            TrayIcon tray(&actions, nullptr);
            m_daemon.calls.clear();
            QVERIFY(tray.notify(QStringLiteral("approval"), command));
            QTRY_COMPARE(m_daemon.calls.size(), 1);
            QCOMPARE(m_daemon.calls.at(0).body, command);
        }
        m_daemon.capabilities << QStringLiteral("body-markup");
        TrayIcon tray(&actions, nullptr);
        m_daemon.calls.clear();
        QVERIFY(tray.notify(QStringLiteral("approval"), command));
        QTRY_COMPARE(m_daemon.calls.size(), 1);
        QCOMPARE(m_daemon.calls.at(0).body, QStringLiteral("make &amp;&amp; ./run &lt;input &gt;out"));
        m_daemon.capabilities.removeAll(QStringLiteral("body-markup"));
    }

    void withoutTheServiceTheTrayBalloonIsUsed()
    {
        QVERIFY(daemonConnection().unregisterService(QStringLiteral("org.freedesktop.Notifications")));
        GatewayActions actions;
        TrayIcon tray(&actions, nullptr);
        m_daemon.calls.clear();
        QVERIFY(tray.notify(QStringLiteral("unexpected-exit"), QStringLiteral("The gateway was killed by SIGKILL.")));
        QVERIFY(tray.lastNotificationRoute() != QLatin1String("desktop"));
        QCOMPARE(m_daemon.calls.size(), 0);
        QVERIFY(daemonConnection().registerService(QStringLiteral("org.freedesktop.Notifications")));
    }
};

QTEST_MAIN(TestUiNotifications)
#include "tst_ui_notifications.moc"
