#include "logging/Logging.h"
#include "settings/AutoSecretBackend.h"
#include "settings/SecretStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <optional>
#include <QTest>
#include <QTimer>

#include <deque>

using namespace clawtray;

namespace {

// A scripted storage: answers each call with the next queued result (asynchronously, as the
// contract requires), or never, when told to hang.
class ScriptedBackend final : public QObject, public SecretBackend
{
public:
    std::deque<SecretResult> reads;
    std::deque<SecretResult> writes;
    QStringList written;
    int readCalls = 0;
    bool hang = false;
    bool keychain = false;

    UserText description() const override { return UserText::verbatim(QStringLiteral("scripted")); }
    bool isKeychain() const override { return keychain; }
    void read(Callback done) override
    {
        ++readCalls;
        answer(reads, std::move(done));
    }
    void write(const QString& token, Callback done) override
    {
        written << token;
        SecretResult r = writes.empty() ? SecretResult::of(SecretStatus::Ok, token, {}) : writes.front();
        if (!writes.empty())
            writes.pop_front();
        if (r.ok())
            r.token = token;
        deliver(r, std::move(done));
    }
    void remove(Callback done) override { deliver(SecretResult::of(SecretStatus::Ok, {}, {}), std::move(done)); }

private:
    void answer(std::deque<SecretResult>& queue, Callback done)
    {
        SecretResult r = queue.empty() ? SecretResult::of(SecretStatus::NotFound, {}, {}) : queue.front();
        if (!queue.empty())
            queue.pop_front();
        deliver(r, std::move(done));
    }
    void deliver(const SecretResult& r, Callback done)
    {
        if (!hang)
            QTimer::singleShot(0, this, [r, done] { done(r); });
    }
};

SecretResult unavailable()
{
    return SecretResult::of(SecretStatus::Unavailable, {}, SecretStore::unavailableMessage(QStringLiteral("no backend")));
}

} // namespace

class TestSettingsSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { logging::init({}); }

    void unavailableMessageOffersTheFile()
    {
        const QString m = SecretStore::unavailableMessage(QStringLiteral("D-Bus not running")).english();
        QVERIFY(m.startsWith(QStringLiteral("The system keychain is not available (D-Bus not running)")));
        // It names the exact setting to change, not a vague "if you allow it".
        QVERIFY2(m.contains(QStringLiteral("tokenStorage=auto")), qPrintable(m));
        QVERIFY2(m.contains(QStringLiteral("clawtray.ini")), qPrintable(m));
    }

    void unavailableNeverGeneratesNorFallsBack()
    {
        auto backend = std::make_unique<ScriptedBackend>();
        ScriptedBackend* b = backend.get();
        b->reads.push_back(unavailable());
        SecretStore store(std::move(backend));
        const SecretResult r = store.loadOrCreateBlocking();
        QCOMPARE(r.status, SecretStatus::Unavailable);
        QVERIFY(r.token.isEmpty());
        QVERIFY(b->written.isEmpty()); // a new token would orphan the one the keychain may still hold
        QVERIFY(r.error.english().contains(QStringLiteral("tokenStorage=auto")));
    }

    // tokenStorage=auto: no keychain at all → the 0600 file, and the token is generated there.
    void autoWithoutKeychainUsesTheFile()
    {
        QTemporaryDir dir;
        auto keychain = std::make_unique<ScriptedBackend>();
        ScriptedBackend* k = keychain.get();
        k->reads.push_back(unavailable());
        auto* autoBackend = new AutoSecretBackend(std::move(keychain), dir.filePath(QStringLiteral("token")),
                                                  dir.filePath(QStringLiteral("token.location")));
        SecretStore store{std::unique_ptr<SecretBackend>(autoBackend)};
        const SecretResult r = store.loadOrCreateBlocking();
        QVERIFY2(r.ok(), qPrintable(r.error.english()));
        QVERIFY(r.created);
        QVERIFY(k->written.isEmpty());
        QFile f(dir.filePath(QStringLiteral("token")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()).trimmed(), r.token);
        QCOMPARE(store.storageChoice(), QStringLiteral("auto:file"));
        // A keychain that appears later changes nothing: the file is the remembered choice.
        auto keychain2 = std::make_unique<ScriptedBackend>();
        ScriptedBackend* k2 = keychain2.get();
        SecretStore again{std::unique_ptr<SecretBackend>(new AutoSecretBackend(
            std::move(keychain2), dir.filePath(QStringLiteral("token")), dir.filePath(QStringLiteral("token.location"))))};
        const SecretResult r2 = again.loadOrCreateBlocking();
        QVERIFY(r2.ok());
        QCOMPARE(r2.token, r.token);
        QVERIFY(!r2.created);
        QCOMPARE(k2->readCalls, 0);
        QVERIFY(k2->written.isEmpty());
    }

    // auto with a working keychain: the token goes there and the choice is remembered, so a later
    // session without a keychain reports it instead of minting a second token in the file.
    void autoRemembersTheKeychain()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("token"));
        const QString marker = dir.filePath(QStringLiteral("token.location"));
        auto keychain = std::make_unique<ScriptedBackend>();
        ScriptedBackend* k = keychain.get();
        SecretStore store{std::unique_ptr<SecretBackend>(new AutoSecretBackend(std::move(keychain), file, marker))};
        const SecretResult r = store.loadOrCreateBlocking();
        QVERIFY(r.ok());
        QCOMPARE(k->written.size(), 1);
        QVERIFY(!QFileInfo::exists(file));
        QCOMPARE(store.storageChoice(), QStringLiteral("auto:keychain"));

        auto keychain2 = std::make_unique<ScriptedBackend>();
        keychain2->reads.push_back(unavailable());
        ScriptedBackend* k2 = keychain2.get();
        SecretStore later{std::unique_ptr<SecretBackend>(new AutoSecretBackend(std::move(keychain2), file, marker))};
        const SecretResult r2 = later.loadOrCreateBlocking();
        QCOMPARE(r2.status, SecretStatus::Unavailable);
        QVERIFY(r2.error.english().contains(QStringLiteral("unlock your keyring")));
        QVERIFY(k2->written.isEmpty());
        QVERIFY(!QFileInfo::exists(file));
    }

    // gnome-keyring answers "no such item" for a locked collection whose unlock prompt was
    // cancelled. Once the marker says this configuration's token was stored in the keychain, that
    // answer must never mint a new token (it would replace the one the gateway and its clients
    // use): the load fails and says to unlock; a later load after the unlock gets the old token.
    void aLockedKeychainNeverGetsANewToken()
    {
        QTemporaryDir dir;
        const QString marker = dir.filePath(QStringLiteral("token.location"));
        AutoSecretBackend::writeKeychainMarker(marker);
        auto backend = std::make_unique<ScriptedBackend>();
        ScriptedBackend* b = backend.get();
        b->keychain = true;
        b->reads.push_back(SecretResult::of(SecretStatus::NotFound, {}, UserText::verbatim(QStringLiteral("No gateway token is stored in the system keychain yet"))));
        b->reads.push_back(SecretResult::of(SecretStatus::Ok, QStringLiteral("the-old-token"), {}));
        SecretStore store{std::move(backend)};
        store.setKeychainMarker(marker, true);
        const SecretResult r = store.loadOrCreateBlocking();
        QCOMPARE(r.status, SecretStatus::AccessDenied);
        QVERIFY2(r.error.english().contains(QStringLiteral("Unlock your keyring")), qPrintable(r.error.english()));
        QVERIFY(b->written.isEmpty());
        const SecretResult again = store.loadOrCreateBlocking(); // unlocked now
        QVERIFY(again.ok());
        QCOMPARE(again.token, QStringLiteral("the-old-token"));
        QVERIFY(!again.created);
        QVERIFY(b->written.isEmpty());
        // Without the marker (nothing was ever stored there) "not found" means empty: a token is made.
        auto fresh = std::make_unique<ScriptedBackend>();
        fresh->keychain = true;
        ScriptedBackend* f = fresh.get();
        SecretStore first{std::move(fresh)};
        first.setKeychainMarker(dir.filePath(QStringLiteral("no-marker")), true);
        const SecretResult made = first.loadOrCreateBlocking();
        QVERIFY(made.ok() && made.created);
        QCOMPARE(f->written.size(), 1);
    }

    // Moving the token out of a locked keychain (storage switched to the file): nothing is moved
    // and nothing is made until the keychain gives the token.
    void aTokenInALockedKeychainIsNotReplacedWhenMovingToTheFile()
    {
        QTemporaryDir dir;
        const QString marker = dir.filePath(QStringLiteral("token.location"));
        AutoSecretBackend::writeKeychainMarker(marker);
        auto file = std::make_unique<ScriptedBackend>(); // the new home: empty
        ScriptedBackend* fileBackend = file.get();
        auto former = std::make_unique<ScriptedBackend>();
        former->keychain = true; // answers "not found": locked
        SecretStore store{std::move(file)};
        store.setKeychainMarker(marker, false);
        store.addFormerLocation(std::move(former));
        const SecretResult r = store.loadOrCreateBlocking();
        QCOMPARE(r.status, SecretStatus::AccessDenied);
        QVERIFY2(r.error.english().contains(QStringLiteral("moves it to")), qPrintable(r.error.english()));
        QVERIFY(fileBackend->written.isEmpty());
    }

    void notFoundGeneratesAndStores()
    {
        auto backend = std::make_unique<ScriptedBackend>();
        ScriptedBackend* b = backend.get();
        SecretStore store(std::move(backend));
        const SecretResult r = store.loadOrCreateBlocking();
        QVERIFY(r.ok() && r.created);
        QCOMPARE(b->written, QStringList{r.token});
    }

    void accessDeniedIsReportedAsSuch()
    {
        auto backend = std::make_unique<ScriptedBackend>();
        backend->reads.push_back(SecretResult::of(SecretStatus::AccessDenied, {}, UserText::verbatim(QStringLiteral("denied"))));
        SecretStore store(std::move(backend));
        QCOMPARE(store.loadOrCreateBlocking().status, SecretStatus::AccessDenied);
    }

    void retriesOnceWhenUnavailable()
    {
        auto backend = std::make_unique<ScriptedBackend>();
        ScriptedBackend* b = backend.get();
        b->reads.push_back(unavailable());
        b->reads.push_back(SecretResult::of(SecretStatus::Ok, QStringLiteral("clawtray-stored-token-value"), {}));
        SecretStore store(std::move(backend));
        QSignalSpy retry(&store, &SecretStore::retryScheduled);
        int calls = 0;
        SecretResult result;
        QElapsedTimer t;
        t.start();
        store.loadOrCreateWithRetry(
            [&](const SecretResult& r) {
                ++calls;
                result = r;
            },
            50);
        QTRY_COMPARE(calls, 1);
        QVERIFY(t.elapsed() >= 40);
        QCOMPARE(retry.count(), 1);
        QCOMPARE(retry.first().at(0).toInt(), 50);
        QVERIFY(result.ok());
        QCOMPARE(result.token, QStringLiteral("clawtray-stored-token-value"));
        QCOMPARE(b->readCalls, 2);
    }

    void retriesOnlyOnce()
    {
        auto backend = std::make_unique<ScriptedBackend>();
        ScriptedBackend* b = backend.get();
        b->reads = {unavailable(), unavailable(), unavailable()};
        SecretStore store(std::move(backend));
        int calls = 0;
        SecretResult result;
        store.loadOrCreateWithRetry(
            [&](const SecretResult& r) {
                ++calls;
                result = r;
            },
            10);
        QTRY_COMPARE(calls, 1);
        QTest::qWait(50);
        QCOMPARE(calls, 1);
        QCOMPARE(result.status, SecretStatus::Unavailable);
        QCOMPARE(b->readCalls, 2);
    }

    void realKeychainUnreachableDoesNotFallBackToFile()
    {
        // With no session bus, QtKeychain cannot reach any Secret Service or KWallet.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
        QTemporaryDir dir;
        SecretStoreOptions o;
        o.storage = TokenStorage::Keychain;
        o.service = QStringLiteral("ClawTray-unit-test");
        o.tokenFile = dir.filePath(QStringLiteral("gateway-token"));
        o.keychainTimeoutMs = 3000;
        // A token file exists, but the user chose the keychain: it must not be used behind their back.
        QFile file(o.tokenFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("clawtray-from-the-file-0000000000000000\n");
        file.close();

        SecretStore store(o);
        // Even an immediate failure is delivered asynchronously (callers rely on it).
        bool answered = false;
        store.read([&answered](const SecretResult&) { answered = true; });
        QVERIFY(!answered);
        QTRY_VERIFY(answered);

        const SecretResult r = store.readBlocking(); // read only: never write into a real keychain here
        if (r.status != SecretStatus::Unavailable)
            QSKIP("A keychain is reachable even without a session bus on this machine");
        QVERIFY2(r.error.english().startsWith(QStringLiteral("The system keychain is not available (")), qPrintable(r.error.english()));
        QVERIFY(r.token.isEmpty());
        // loadOrCreate() neither generates a token nor touches the file.
        const SecretResult loaded = store.loadOrCreateBlocking();
        QCOMPARE(loaded.status, SecretStatus::Unavailable);
        QVERIFY(loaded.token.isEmpty());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("clawtray-from-the-file-0000000000000000\n"));
    }

    // The keyring unlocked while the retry waits its turn (found in a walk-through: an unlock 13 s
    // in took 7 s more to be noticed): the retry goes at once.
    void aWaitingRetryGoesNowWhenAsked()
    {
        auto backend = std::make_unique<ScriptedBackend>();
        backend->reads.push_back(SecretResult::of(SecretStatus::Unavailable, {}, SecretStore::noAnswerMessage()));
        backend->reads.push_back(SecretResult::of(SecretStatus::Ok, QStringLiteral("clawtray-0123456789abcdef0123456789abcdef"), UserText()));
        SecretStore store(std::move(backend));
        QVERIFY(!store.retryNow()); // nothing waits yet
        std::optional<SecretResult> got;
        QSignalSpy scheduled(&store, &SecretStore::retryScheduled);
        store.loadOrCreateWithRetry([&](const SecretResult& r) { got = r; }, 600000);
        QVERIFY(scheduled.wait(2000));
        QVERIFY(!got);
        QElapsedTimer t;
        t.start();
        QVERIFY(store.retryNow());
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 2000);
        QVERIFY(t.elapsed() < 2000);
        QVERIFY(got->ok());
        QCOMPARE(got->token, QStringLiteral("clawtray-0123456789abcdef0123456789abcdef"));
        QVERIFY(!store.retryNow()); // used up
    }

    void blockingTimesOutAndIgnoresLateAnswer()
    {
        auto backend = std::make_unique<ScriptedBackend>();
        backend->hang = true;
        SecretStore store(std::move(backend));
        QElapsedTimer t;
        t.start();
        const SecretResult r = store.readBlocking(100);
        QVERIFY(t.elapsed() < 3000);
        QCOMPARE(r.status, SecretStatus::Unavailable);
        QVERIFY(r.error.english().contains(QStringLiteral("no answer within 100 ms")));
    }
};

QTEST_GUILESS_MAIN(TestSettingsSecretStore)
#include "tst_settings_secretstore.moc"
