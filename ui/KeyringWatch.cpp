#include "KeyringWatch.h"

#include "logging/Logging.h"

#ifdef CLAWTRAY_HAVE_DBUS
#include <QDBusConnection>
#endif

namespace clawtray {

namespace {
constexpr const char* kService = "org.freedesktop.secrets";
constexpr const char* kServicePath = "/org/freedesktop/secrets";
constexpr const char* kServiceInterface = "org.freedesktop.Secret.Service";
constexpr const char* kCollectionInterface = "org.freedesktop.Secret.Collection";
// The collections a desktop keyring unlocks at login (gnome-keyring, KWallet's Secret Service).
constexpr const char* kCollections[] = {"/org/freedesktop/secrets/collection/login",
                                        "/org/freedesktop/secrets/aliases/default"};
} // namespace

KeyringWatch::KeyringWatch(QObject* parent)
    : QObject(parent)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(300); // an unlock sends several signals: answer once
    connect(&m_coalesce, &QTimer::timeout, this, [this] {
        if (m_active)
            Q_EMIT mayBeUnlocked();
    });
}

void KeyringWatch::setActive(bool active)
{
    m_active = active;
    if (active && !m_listening)
        listen();
    if (!active)
        m_coalesce.stop();
}

void KeyringWatch::listen()
{
#ifdef CLAWTRAY_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;
    const QString service = QString::fromLatin1(kService);
    bool ok = bus.connect(service, QString::fromLatin1(kServicePath), QString::fromLatin1(kServiceInterface),
                          QStringLiteral("CollectionChanged"), this, SLOT(onCollectionChanged()));
    for (const char* path : kCollections)
        ok = bus.connect(service, QString::fromLatin1(path), QStringLiteral("org.freedesktop.DBus.Properties"),
                         QStringLiteral("PropertiesChanged"), this,
                         SLOT(onPropertiesChanged(QString, QVariantMap, QStringList)))
             || ok;
    m_listening = ok;
    if (ok)
        logInfo(QStringLiteral("waiting for the keyring to be unlocked (Secret Service signals on the session bus)"));
#endif
}

void KeyringWatch::onCollectionChanged()
{
    nudge();
}

void KeyringWatch::onPropertiesChanged(const QString& interface, const QVariantMap& changed, const QStringList&)
{
    if (interface != QLatin1String(kCollectionInterface))
        return;
    const auto locked = changed.constFind(QStringLiteral("Locked"));
    if (locked != changed.constEnd() && !locked->toBool())
        nudge();
}

void KeyringWatch::nudge()
{
    if (m_active)
        m_coalesce.start();
}

} // namespace clawtray
