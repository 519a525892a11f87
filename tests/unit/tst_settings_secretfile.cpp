#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "settings/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace clawtray;

namespace {

int modeOf(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class TestSettingsSecretFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString tokenPath() const { return m_dir.filePath(QStringLiteral("config/gateway-token")); }
    SecretStoreOptions fileOptions() const
    {
        SecretStoreOptions o;
        o.storage = TokenStorage::File;
        o.tokenFile = tokenPath();
        return o;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        logging::init({});
    }

    void cleanup() { QFile::remove(tokenPath()); }

    void generateTokenFormat()
    {
        const QString a = SecretStore::generateToken();
        const QString b = SecretStore::generateToken();
        static const QRegularExpression re(QStringLiteral("^clawtray-[0-9a-f]{32}$"));
        QVERIFY2(re.match(a).hasMatch(), qPrintable(a.left(9)));
        QVERIFY(re.match(b).hasMatch());
        QVERIFY(a != b);
        // Registered the moment it exists.
        QCOMPARE(Redactor::instance().redact(QStringLiteral("x ") + a), QStringLiteral("x ***"));
    }

    void roundTripWith0600()
    {
        SecretStore store(fileOptions());
        QCOMPARE(store.readBlocking().status, SecretStatus::NotFound);

        const SecretResult created = store.loadOrCreateBlocking();
        QVERIFY2(created.ok(), qPrintable(created.error.english()));
        QVERIFY(created.created);
        QVERIFY(created.token.startsWith(QStringLiteral("clawtray-")));
        QCOMPARE(modeOf(tokenPath()), 0600);
        QCOMPARE(modeOf(QFileInfo(tokenPath()).absolutePath()), 0700);

        const SecretResult again = store.loadOrCreateBlocking();
        QVERIFY(again.ok());
        QVERIFY(!again.created);
        QCOMPARE(again.token, created.token);

        const QString mine = QStringLiteral("my-own-token-1234567890");
        QVERIFY(store.writeBlocking(mine).ok());
        QCOMPARE(modeOf(tokenPath()), 0600);
        QCOMPARE(store.readBlocking().token, mine);

        QVERIFY(store.removeBlocking().ok());
        QVERIFY(!QFile::exists(tokenPath()));
        QCOMPARE(store.readBlocking().status, SecretStatus::NotFound);
    }

    void readTokenIsRegisteredWithRedactor()
    {
        // Written by someone else (an earlier run): registered as soon as it is read.
        const QString token = QStringLiteral("clawtray-0123456789abcdef0123456789abcdef");
        Redactor::instance().removeSecret(token);
        QDir().mkpath(QFileInfo(tokenPath()).absolutePath());
        QFile f(tokenPath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(token.toUtf8() + "\n");
        f.close();
        QCOMPARE(Redactor::instance().redact(QStringLiteral("x ") + token), QStringLiteral("x ") + token);

        SecretStore store(fileOptions());
        const SecretResult r = store.readBlocking();
        QVERIFY(r.ok());
        QCOMPARE(r.token, token);
        QCOMPARE(Redactor::instance().redact(QStringLiteral("x ") + token), QStringLiteral("x ***"));
    }

    void loosePermissionsAreTightened()
    {
        SecretStore store(fileOptions());
        QVERIFY(store.loadOrCreateBlocking().ok());
        QFile::setPermissions(tokenPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                               QFileDevice::ReadOther);
        QCOMPARE(modeOf(tokenPath()), 0644);
        QVERIFY(store.readBlocking().ok());
        QCOMPARE(modeOf(tokenPath()), 0600);
    }

    void emptyFileCountsAsMissing()
    {
        QDir().mkpath(QFileInfo(tokenPath()).absolutePath());
        QFile f(tokenPath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\n");
        f.close();
        SecretStore store(fileOptions());
        QCOMPARE(store.readBlocking().status, SecretStatus::NotFound);
        const SecretResult r = store.loadOrCreateBlocking();
        QVERIFY(r.ok() && r.created);
    }

    void asyncAnswerNeverBeforeReturn()
    {
        SecretStore store(fileOptions());
        bool answered = false;
        store.read([&](const SecretResult&) { answered = true; });
        QVERIFY(!answered);
        QTRY_VERIFY(answered);
    }

    void tokenNeverLogged()
    {
        SecretStore store(fileOptions());
        const SecretResult r = store.loadOrCreateBlocking();
        QVERIFY(r.ok());
        for (const LogLine& line : logging::ring().lines())
            QVERIFY2(!line.text.contains(r.token), qPrintable(line.text));
    }
};

QTEST_GUILESS_MAIN(TestSettingsSecretFile)
#include "tst_settings_secretfile.moc"
