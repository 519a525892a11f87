#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "settings/SecretStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

// Skips (with the keychain's reason) when it cannot be used at all; anything else must succeed.
// A macro, because QSKIP only leaves the function it is written in.
#define REQUIRE_KEYCHAIN(result)                                                                                       \
    do {                                                                                                               \
        if ((result).status == SecretStatus::Unavailable || (result).status == SecretStatus::AccessDenied)             \
            QSKIP(qPrintable(QStringLiteral("No usable keychain backend: ") + (result).error.english()));                        \
    } while (false)

// A real round trip through QtKeychain (Secret Service on Linux). Needs a reachable, unlocked
// keychain, e.g.:
//   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets; <test>'
// Without one the test SKIPs with the keychain's own reason; it never passes silently.
class TestSettingsKeychain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SecretStoreOptions m_options;
    std::unique_ptr<SecretStore> m_store;

private slots:
    void initTestCase()
    {
        logging::init({});
        // Our own entry, never the user's real token.
        m_options.storage = TokenStorage::Keychain;
        m_options.service = QStringLiteral("ClawTray-test-%1").arg(QCoreApplication::applicationPid());
        m_options.keychainTimeoutMs = 10000;
        m_options.tokenFile = m_dir.filePath(QStringLiteral("gateway-token"));
        m_options.locationFile = m_dir.filePath(QStringLiteral("gateway-token.location"));
        m_store = std::make_unique<SecretStore>(m_options);
    }

    void cleanupTestCase()
    {
        if (m_store)
            m_store->removeBlocking();
    }

    void writeReadDelete()
    {
        const QString token = SecretStore::generateToken();
        const SecretResult written = m_store->writeBlocking(token);
        REQUIRE_KEYCHAIN(written);
        QVERIFY2(written.ok(), qPrintable(written.error.english()));

        // A fresh store (as after a restart) reads it back.
        SecretStore other(m_options);
        const SecretResult read = other.readBlocking();
        QVERIFY2(read.ok(), qPrintable(read.error.english()));
        QCOMPARE(read.token, token);
        QCOMPARE(Redactor::instance().redact(QStringLiteral("x ") + read.token), QStringLiteral("x ***"));

        const SecretResult removed = m_store->removeBlocking();
        QVERIFY2(removed.ok(), qPrintable(removed.error.english()));
        QCOMPARE(other.readBlocking().status, SecretStatus::NotFound);
    }

    void loadOrCreateIsStable()
    {
        const SecretResult first = m_store->loadOrCreateBlocking();
        REQUIRE_KEYCHAIN(first);
        QVERIFY2(first.ok(), qPrintable(first.error.english()));
        QVERIFY(first.created);
        const SecretResult second = m_store->loadOrCreateBlocking();
        QVERIFY2(second.ok(), qPrintable(second.error.english()));
        QVERIFY(!second.created);
        QCOMPARE(second.token, first.token);
        for (const LogLine& line : logging::ring().lines())
            QVERIFY2(!line.text.contains(first.token), "the token reached the log");
    }

    // The settings say keychain but the token is in this configuration's file (the setting was
    // changed, or a reset settings file flipped it): the file's token moves into the keychain and
    // no new one is made. Then back: the settings say file, the location marker says keychain,
    // and the keychain's token moves into the file.
    void aTokenLeftInTheOtherStoreMovesInsteadOfANewOne()
    {
        QVERIFY(m_store->removeBlocking().status != SecretStatus::Failed);
        QFile::remove(m_options.locationFile);
        const QString token = SecretStore::generateToken();
        QFile f(m_options.tokenFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(token.toUtf8());
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);

        SecretStore keychain(m_options);
        const SecretResult moved = keychain.loadOrCreateBlocking();
        REQUIRE_KEYCHAIN(moved);
        QVERIFY2(moved.ok(), qPrintable(moved.error.english()));
        QVERIFY(!moved.created);
        QCOMPARE(moved.token, token);
        QCOMPARE(keychain.readBlocking().token, token);
        QTRY_VERIFY(!QFile::exists(m_options.tokenFile));
        QVERIFY(QFile::exists(m_options.locationFile)); // remembered: this configuration uses the keychain

        SecretStoreOptions fileOptions = m_options;
        fileOptions.storage = TokenStorage::File;
        SecretStore file(fileOptions);
        const SecretResult back = file.loadOrCreateBlocking();
        QVERIFY2(back.ok(), qPrintable(back.error.english()));
        QVERIFY(!back.created);
        QCOMPARE(back.token, token);
        QVERIFY(QFile::exists(m_options.tokenFile));
        QTRY_COMPARE(keychain.readBlocking().status, SecretStatus::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestSettingsKeychain)
#include "tst_settings_keychain.moc"
