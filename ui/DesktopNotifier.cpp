#include "DesktopNotifier.h"

#include "logging/Logging.h"

#ifdef CLAWTRAY_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

#include <utility>

namespace clawtray {

namespace {
const char* const kService = "org.freedesktop.Notifications";
const char* const kPath = "/org/freedesktop/Notifications";
const char* const kInterface = "org.freedesktop.Notifications";
} // namespace

DesktopNotifier::DesktopNotifier(QObject* parent)
    : QObject(parent)
{
    m_clock.start();
}

DesktopNotifier::~DesktopNotifier() = default;

bool DesktopNotifier::available()
{
#ifdef CLAWTRAY_HAVE_DBUS
    // Present: known. Absent: asked again now and then, so a notification daemon that starts after
    // ClawTray (a session still logging in) is used once it is there.
    if (m_known == 1 || (m_known == 0 && m_clock.elapsed() - m_absentSinceMs < kRecheckMs))
        return m_known == 1;
    QDBusConnection bus = QDBusConnection::sessionBus();
    QDBusConnectionInterface* iface = bus.isConnected() ? bus.interface() : nullptr;
    const QString service = QString::fromLatin1(kService);
    const bool present = iface && (iface->isServiceRegistered(service).value() ||
                                   iface->activatableServiceNames().value().contains(service));
    m_known = present ? 1 : 0;
    if (!present)
        m_absentSinceMs = m_clock.elapsed();
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
    flat << QStringLiteral("default") << tr("Show ClawTray"); // a click on the notification itself
    for (const Action& a : actions)
        flat << a.key << a.label;
    QVariantMap hints;
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("clawtray"));
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue<uchar>(urgent ? 2 : 1));
    const Pending p{kind, title, text, flat, hints};
    if (m_capabilities == Capabilities::Known) {
        notify(p);
        return true;
    }
    m_pending.append(p);
    if (m_capabilities == Capabilities::Unknown) {
        // Whether the daemon reads the body as markup ("&&" or "<" in a command must then be
        // escaped): asked once, asynchronously; what waits for the answer goes out with it.
        m_capabilities = Capabilities::Asking;
        auto* watcher =
            new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(QDBusMessage::createMethodCall(
                                            QString::fromLatin1(kService), QString::fromLatin1(kPath),
                                            QString::fromLatin1(kInterface), QStringLiteral("GetCapabilities"))),
                                        this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
            watcher->deleteLater();
            const QDBusPendingReply<QStringList> reply = *watcher;
            m_markup = !reply.isError() && reply.value().contains(QStringLiteral("body-markup"));
            m_capabilities = Capabilities::Known;
            const QVector<Pending> waiting = std::exchange(m_pending, {});
            for (const Pending& q : waiting)
                notify(q);
        });
    }
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

void DesktopNotifier::notify(const Pending& p)
{
#ifdef CLAWTRAY_HAVE_DBUS
    QDBusMessage call = QDBusMessage::createMethodCall(QString::fromLatin1(kService), QString::fromLatin1(kPath),
                                                       QString::fromLatin1(kInterface), QStringLiteral("Notify"));
    call << QStringLiteral("ClawTray") << m_idOfKind.value(p.kind, 0u) << QStringLiteral("clawtray") << p.title
         << (m_markup ? p.text.toHtmlEscaped() : p.text) << p.actions << p.hints << int(-1);
    // Asynchronous: a slow or hung notification daemon must never stall the tray.
    auto* watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    const QString kind = p.kind;
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, kind] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            logWarn(QStringLiteral("desktop notification failed: %1").arg(reply.error().message()));
            m_known = -1; // ask again next time: the daemon may have gone
            m_capabilities = Capabilities::Unknown;
            return;
        }
        const uint id = reply.value();
        m_kindOfId.insert(id, kind);
        m_idOfKind.insert(kind, id);
    });
#else
    Q_UNUSED(p);
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
