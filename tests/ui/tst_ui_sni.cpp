// The tray where KDE Plasma, GNOME (AppIndicator) and Wayland sessions show it: the
// StatusNotifierItem protocol. The real clawtray-desktop runs on a virtual X display with a private
// session bus on which this test plays the org.kde.StatusNotifierWatcher; ClawTray registers an item
// whose icon and tooltip follow the gateway's state, with a com.canonical.dbusmenu menu whose items
// work: Stop stops the gateway, Start starts it again. (The XEmbed path is tray_screenshot.)
#include "DesktopProcess.h"
#include "DesktopSessionFixtures.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QTest>

using namespace uitest;

namespace {

// org.kde.StatusNotifierWatcher as a tray host's watcher implements it; records what registers.
class FakeWatcher final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.StatusNotifierWatcher")
    Q_PROPERTY(bool IsStatusNotifierHostRegistered READ hostRegistered)
    Q_PROPERTY(int ProtocolVersion READ protocolVersion)
    Q_PROPERTY(QStringList RegisteredStatusNotifierItems READ items)
public:
    QStringList registered; // "service|sender"
    bool hostRegistered() const { return true; }
    int protocolVersion() const { return 0; }
    QStringList items() const { return registered; }

public Q_SLOTS:
    void RegisterStatusNotifierItem(const QString& service, const QDBusMessage& message)
    {
        registered << service + QLatin1Char('|') + message.service();
    }
    void RegisterStatusNotifierHost(const QString& service) { Q_UNUSED(service); }
};

struct MenuItem
{
    int id = 0;
    QVariantMap props;
    QVector<MenuItem> children;
};

void readItem(const QDBusArgument& arg, MenuItem& item)
{
    arg.beginStructure();
    arg >> item.id;
    arg >> item.props;
    arg.beginArray();
    while (!arg.atEnd()) {
        QDBusVariant v;
        arg >> v;
        MenuItem child;
        readItem(v.variant().value<QDBusArgument>(), child);
        item.children << child;
    }
    arg.endArray();
    arg.endStructure();
}

// An a(iiay) array of pixmaps, as "<w>x<h>:<bytes>" one after the other.
QByteArray readPixmaps(const QDBusArgument& arg)
{
    QByteArray out;
    arg.beginArray();
    while (!arg.atEnd()) {
        int w = 0, h = 0;
        QByteArray data;
        arg.beginStructure();
        arg >> w >> h >> data;
        arg.endStructure();
        out += QByteArray::number(w) + 'x' + QByteArray::number(h) + ':' + data;
    }
    arg.endArray();
    return out;
}

// label -> id of every visible item (mnemonic ampersands dropped).
void collect(const MenuItem& item, QMap<QString, MenuItem>& out)
{
    for (const MenuItem& c : item.children) {
        const QString label = c.props.value(QStringLiteral("label")).toString().remove(QLatin1Char('&'));
        if (!label.isEmpty() && c.props.value(QStringLiteral("visible"), true).toBool())
            out.insert(label, c);
        collect(c, out);
    }
}

} // namespace

class TestUiSni : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    PrivateSessionBus m_bus;
    VirtualDisplay m_display;
    FakeWatcher m_watcher;
    QString m_item; // the item's bus name
    QString m_menu; // its menu's object path

    QDBusConnection bus() { return QDBusConnection(QStringLiteral("host")); }

    QVariantMap itemProperties()
    {
        QDBusMessage get =
            QDBusMessage::createMethodCall(m_item, QStringLiteral("/StatusNotifierItem"),
                                           QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("GetAll"));
        get << QStringLiteral("org.kde.StatusNotifierItem");
        const QDBusMessage reply = bus().call(get, QDBus::Block, 5000);
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
            return {};
        QVariantMap map;
        reply.arguments().at(0).value<QDBusArgument>() >> map;
        return map;
    }

    // The ToolTip property (sa(iiay)ss): its title and text joined.
    QString toolTip()
    {
        const QVariant v = itemProperties().value(QStringLiteral("ToolTip"));
        if (!v.isValid())
            return {};
        const QDBusArgument arg = v.value<QDBusArgument>();
        QString icon, title, text;
        arg.beginStructure();
        arg >> icon;
        readPixmaps(arg);
        arg >> title >> text;
        arg.endStructure();
        return title + QLatin1Char('\n') + text;
    }

    // What the panel would draw: the icon name, or the pixmaps' bytes.
    QByteArray iconFingerprint()
    {
        const QVariantMap p = itemProperties();
        QByteArray out = p.value(QStringLiteral("IconName")).toString().toUtf8();
        const QVariant pix = p.value(QStringLiteral("IconPixmap"));
        if (pix.isValid())
            out += readPixmaps(pix.value<QDBusArgument>());
        return out;
    }

    QMap<QString, MenuItem> menu()
    {
        // As a host does before it shows the menu: ClawTray refreshes its lines then.
        QDBusMessage about = QDBusMessage::createMethodCall(m_item, m_menu, QStringLiteral("com.canonical.dbusmenu"),
                                                            QStringLiteral("AboutToShow"));
        about << 0;
        bus().call(about, QDBus::Block, 5000);
        QDBusMessage get = QDBusMessage::createMethodCall(m_item, m_menu, QStringLiteral("com.canonical.dbusmenu"),
                                                          QStringLiteral("GetLayout"));
        get << 0 << -1 << QStringList();
        const QDBusMessage reply = bus().call(get, QDBus::Block, 5000);
        QMap<QString, MenuItem> items;
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() < 2)
            return items;
        MenuItem root;
        readItem(reply.arguments().at(1).value<QDBusArgument>(), root);
        collect(root, items);
        return items;
    }

    bool click(int id)
    {
        QDBusMessage event = QDBusMessage::createMethodCall(m_item, m_menu, QStringLiteral("com.canonical.dbusmenu"),
                                                            QStringLiteral("Event"));
        event << id << QStringLiteral("clicked") << QVariant::fromValue(QDBusVariant(QVariant(0))) << uint(0);
        return bus().call(event, QDBus::Block, 5000).type() == QDBusMessage::ReplyMessage;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        if (!QFile::exists(desktopBinary()))
            QSKIP("clawtray-desktop is not built");
        if (!m_bus.start())
            QSKIP(qPrintable(m_bus.why()));
        if (!m_display.start())
            QSKIP(qPrintable(m_display.why()));
        QDBusConnection host = QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("host"));
        QVERIFY2(host.isConnected(), qPrintable(host.lastError().message()));
        QVERIFY(host.registerObject(QStringLiteral("/StatusNotifierWatcher"), &m_watcher,
                                    QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllProperties));
        QVERIFY(host.registerService(QStringLiteral("org.kde.StatusNotifierWatcher")));
    }

    void cleanupTestCase() { QDBusConnection::disconnectFromBus(QStringLiteral("host")); }

    void theItemFollowsTheStateAndItsMenuWorks()
    {
        Desktop d(m_root, QStringLiteral("sni"));
        d.writeSettings(/*startGateway*/ true);
        d.writeToken(QStringLiteral("clawtray-sni-test-token-0123456789abcdef"));
        d.setEnvironment(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        d.setEnvironment(QStringLiteral("DISPLAY"), m_display.display());
        d.setEnvironment(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_bus.address());
        const int app = d.launch({QStringLiteral("--port"), QString::number(d.port())});

        // It registers an item with the watcher (no XEmbed tray exists on this display).
        QVERIFY2(testsupport::waitFor([&] { return !m_watcher.registered.isEmpty(); }, 30000),
                 qPrintable(d.output(app)));
        const QStringList parts = m_watcher.registered.first().split(QLatin1Char('|'));
        m_item = parts.at(0).startsWith(QLatin1Char('/')) ? parts.at(1) : parts.at(0);

        // The tooltip tells the state; the icon is there.
        QVERIFY2(testsupport::waitFor([&] { return toolTip().contains(QStringLiteral("Gateway: running")); }, 30000),
                 qPrintable(toolTip() + QStringLiteral("\n") + d.output(app)));
        const QVariantMap props = itemProperties();
        QCOMPARE(props.value(QStringLiteral("Status")).toString(), QStringLiteral("Active"));
        const QByteArray runningIcon = iconFingerprint();
        QVERIFY(!runningIcon.isEmpty());
        m_menu = props.value(QStringLiteral("Menu")).value<QDBusObjectPath>().path();
        QVERIFY2(!m_menu.isEmpty(), "the item has no menu");

        // The menu: the status line and the commands, as in the XEmbed tray.
        QMap<QString, MenuItem> items = menu();
        QVERIFY2(items.contains(QStringLiteral("Stop")) && items.contains(QStringLiteral("Quit")) &&
                     items.contains(QStringLiteral("Show ClawTray")),
                 qPrintable(items.keys().join(QStringLiteral(", "))));
        bool statusLine = false;
        for (auto it = items.cbegin(); it != items.cend(); ++it)
            statusLine |= it.key().startsWith(QStringLiteral("Gateway running"));
        QVERIFY2(statusLine, qPrintable(items.keys().join(QStringLiteral(", "))));
        QVERIFY(!items.value(QStringLiteral("Start")).props.value(QStringLiteral("enabled"), true).toBool());

        // Stop from the panel's menu: the gateway stops, the tooltip and the icon say so.
        QVERIFY(click(items.value(QStringLiteral("Stop")).id));
        QVERIFY2(testsupport::waitFor([&] { return toolTip().contains(QStringLiteral("Gateway: stopped")); }, 20000),
                 qPrintable(toolTip()));
        QVERIFY(d.waitOutput(app, QStringLiteral("-> stopped")));
        QVERIFY(testsupport::waitFor([&] { return iconFingerprint() != runningIcon; }, 10000));

        // Start from the menu brings it back.
        items = menu();
        QVERIFY(items.value(QStringLiteral("Start")).props.value(QStringLiteral("enabled"), true).toBool());
        QVERIFY(click(items.value(QStringLiteral("Start")).id));
        QVERIFY2(testsupport::waitFor([&] { return toolTip().contains(QStringLiteral("Gateway: running")); }, 30000),
                 qPrintable(toolTip()));

        d.signal(app, SIGTERM);
        QVERIFY(d.waitExit(app));
    }
};

QTEST_GUILESS_MAIN(TestUiSni)
#include "tst_ui_sni.moc"
