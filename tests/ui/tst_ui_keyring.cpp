// A token ClawTray could not read because the keyring was locked is read again as soon as the
// user unlocks it: KeyringWatch hears the Secret Service (a fixture that owns
// org.freedesktop.secrets on a private session bus) say so — a collection changed, or its Locked
// property went false — and says it once per burst, only while something waits for the keyring.
// A collection that gets locked, or another property that changes, is not an unlock.
#include "DesktopSessionFixtures.h"
#include "KeyringWatch.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace clawtray;

class TestUiKeyring : public QObject
{
    Q_OBJECT

    uitest::PrivateSessionBus m_bus;

    QDBusConnection secrets() { return QDBusConnection(QStringLiteral("secrets")); }

    void collectionChanged()
    {
        QDBusMessage m = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/secrets"),
                                                    QStringLiteral("org.freedesktop.Secret.Service"),
                                                    QStringLiteral("CollectionChanged"));
        m << QVariant::fromValue(QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/collection/login")));
        QVERIFY(secrets().send(m));
    }

    void lockedBecomes(bool locked, const QString& property = QStringLiteral("Locked"))
    {
        QDBusMessage m = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/secrets/collection/login"),
                                                    QStringLiteral("org.freedesktop.DBus.Properties"),
                                                    QStringLiteral("PropertiesChanged"));
        m << QStringLiteral("org.freedesktop.Secret.Collection") << QVariantMap{{property, locked}} << QStringList();
        QVERIFY(secrets().send(m));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty())
            QSKIP("dbus-daemon is not installed");
        QVERIFY2(m_bus.start(), qPrintable(m_bus.why()));
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_bus.address().toUtf8()); // before anything asks for it
        QDBusConnection s = QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("secrets"));
        QVERIFY2(s.isConnected(), qPrintable(s.lastError().message()));
        QVERIFY(s.registerService(QStringLiteral("org.freedesktop.secrets")));
    }

    void cleanupTestCase()
    {
        QDBusConnection::disconnectFromBus(QStringLiteral("secrets"));
        m_bus.stop();
    }

    void anUnlockIsHeardOnceAndOnlyWhileWaiting()
    {
        KeyringWatch watch;
        QSignalSpy unlocked(&watch, &KeyringWatch::mayBeUnlocked);
        collectionChanged(); // nobody waits yet: not even listening
        QTest::qWait(100);
        watch.setActive(true);
        QVERIFY(watch.isListening());
        // What an unlock looks like: the property and the service signal, in one burst.
        lockedBecomes(false);
        collectionChanged();
        QVERIFY(unlocked.wait(3000));
        QTest::qWait(500); // the coalescing window has passed: still one
        QCOMPARE(unlocked.size(), 1);

        // Locking, or another property changing, is not an unlock.
        unlocked.clear();
        lockedBecomes(true);
        lockedBecomes(false, QStringLiteral("Modified"));
        QTest::qWait(600);
        QCOMPARE(unlocked.size(), 0);

        // Nobody waits any more (the token was read): signals change nothing.
        watch.setActive(false);
        collectionChanged();
        QTest::qWait(600);
        QCOMPARE(unlocked.size(), 0);
    }
};

QTEST_MAIN(TestUiKeyring)
#include "tst_ui_keyring.moc"
