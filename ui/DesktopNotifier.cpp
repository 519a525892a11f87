#include "DesktopNotifier.h"

#include "logging/Logging.h"

#ifdef CLAWTRAY_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

namespace clawtray {

namespace {
const char* const kService = "org.freedesktop.Notifications";
const char* const kPath = "/org/freedesktop/Notifications";
const char* const kInterface = "org.freedesktop.Notifications";
} // namespace

DesktopNotifier::DesktopNotifier(QObject* parent)
    : QObject(parent)
{}

DesktopNotifier::~DesktopNotifier() = default;

bool DesktopNotifier::available()
{
#ifdef CLAWTRAY_HAVE_DBUS
    if (m_known >= 0)
        return m_known == 1;
    QDBusConnection bus = QDBusConnection::sessionBus();
    QDBusConnectionInterface* iface = bus.isConnected() ? bus.interface() : nullptr;
    const QString service = QString::fromLatin1(kService);
    const bool present = iface && (iface->isServiceRegistered(service).value() ||
                                   iface->activatableServiceNames().value().contains(service));
    m_known = present ? 1 : 0;
    if (present && !m_connected) {
        m_connected = bus.connect(service, QString::fromLatin1(kPath), QString::fromLatin1(kInterface),
                                  QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString))) &&
                      bus.connect(service, QString::fromLatin1(kPath), QString::fromLatin1(kInterface),
                                  QStringLiteral("NotificationClosed"), this, SLOT(onClosed(uint, uint)));
    }
    logDebug(QStringLiteral("desktop notifications: %1")
                 .arg(present ? QStringLiteral("through %1").arg(service)
                              : QStringLiteral("tray balloons (no notification service)")));
    return present;
#else
    return false;
#endif
}

bool DesktopNotifier::send(const QString& kind, const QString& title, const QString& text,
                           const QVector<Action>& actions, bool urgent)
{
#ifdef CLAWTRAY_HAVE_DBUS
    if (!available())
        return false;
    QStringList flat;
    flat << QStringLiteral("default") << QStringLiteral("Show ClawTray"); // a click on the notification itself
    for (const Action& a : actions)
        flat << a.key << a.label;
    QVariantMap hints;
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("clawtray"));
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue<uchar>(urgent ? 2 : 1));
    QDBusMessage call = QDBusMessage::createMethodCall(QString::fromLatin1(kService), QString::fromLatin1(kPath),
                                                       QString::fromLatin1(kInterface), QStringLiteral("Notify"));
    call << QStringLiteral("ClawTray") << m_idOfKind.value(kind, 0u) << QStringLiteral("clawtray") << title << text
         << flat << hints << int(-1);
    // Asynchronous: a slow or hung notification daemon must never stall the tray.
    auto* watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, kind] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            logWarn(QStringLiteral("desktop notification failed: %1").arg(reply.error().message()));
            m_known = -1; // ask again next time: the daemon may have gone
            return;
        }
        const uint id = reply.value();
        m_kindOfId.insert(id, kind);
        m_idOfKind.insert(kind, id);
    });
    return true;
#else
    Q_UNUSED(kind);
    Q_UNUSED(title);
    Q_UNUSED(text);
    Q_UNUSED(actions);
    Q_UNUSED(urgent);
    return false;
#endif
}

void DesktopNotifier::onActionInvoked(uint id, const QString& key)
{
    const auto it = m_kindOfId.constFind(id);
    if (it == m_kindOfId.constEnd())
        return; // another program's notification
    Q_EMIT actionInvoked(it.value(), key);
}

void DesktopNotifier::onClosed(uint id, uint reason)
{
    Q_UNUSED(reason);
    const QString kind = m_kindOfId.take(id);
    if (!kind.isEmpty() && m_idOfKind.value(kind) == id)
        m_idOfKind.remove(kind);
}

} // namespace clawtray
