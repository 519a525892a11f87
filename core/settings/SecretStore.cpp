#include "settings/SecretStore.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "settings/AppPaths.h"
#include "settings/AutoSecretBackend.h"
#include "settings/FileSecretBackend.h"
#include "settings/KeychainSecretBackend.h"

#include <QEventLoop>
#include <QFile>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace clawtray {
namespace {

std::unique_ptr<SecretBackend> makeBackend(const SecretStoreOptions& o)
{
    if (o.storage == TokenStorage::File) {
        const QString path = o.tokenFile.isEmpty() ? AppPaths::tokenFile() : o.tokenFile;
        // Logged so the choice is visible in every diagnostics bundle.
        logInfo(QStringLiteral("Gateway token storage: file %1 (chosen in the settings)").arg(path));
        return std::make_unique<FileSecretBackend>(path);
    }
    auto keychain = std::make_unique<KeychainSecretBackend>(o.service, o.key, o.keychainTimeoutMs);
    if (o.storage == TokenStorage::Auto) {
        const QString path = o.tokenFile.isEmpty() ? AppPaths::tokenFile() : o.tokenFile;
        const QString marker = o.locationFile.isEmpty() ? AppPaths::tokenLocationFile() : o.locationFile;
        return std::make_unique<AutoSecretBackend>(std::move(keychain), path, marker);
    }
    return keychain;
}

} // namespace

SecretStore::SecretStore(const SecretStoreOptions& options, QObject* parent)
    : SecretStore(makeBackend(options), parent)
{
    // Where an earlier choice may have left this configuration's token before the setting changed
    // (or was reset). The file lives in this configuration's directory, so a token in it is ours.
    // The keychain entry is shared by every configuration of the user: it counts as ours only when
    // this configuration's location marker says the token was kept there.
    const QString file = options.tokenFile.isEmpty() ? AppPaths::tokenFile() : options.tokenFile;
    m_locationFile = options.locationFile.isEmpty() ? AppPaths::tokenLocationFile() : options.locationFile;
    m_strictKeychain = options.storage == TokenStorage::Keychain;
    m_primaryMayBeKeychain = options.storage != TokenStorage::File;
    if (options.storage == TokenStorage::Keychain) {
        addFormerLocation(std::make_unique<FileSecretBackend>(file));
    } else if (options.storage == TokenStorage::File) {
        if (AutoSecretBackend::markerSaysKeychain(m_locationFile))
            addFormerLocation(std::make_unique<KeychainSecretBackend>(options.service, options.key, options.keychainTimeoutMs));
    }
}

void SecretStore::rememberKeychain() const
{
    // A strict keychain choice is remembered like auto's, so a later switch to the file knows
    // the keychain entry belongs to this configuration.
    if (!m_strictKeychain || m_locationFile.isEmpty() || QFile::exists(m_locationFile))
        return;
    AutoSecretBackend::writeKeychainMarker(m_locationFile);
}

SecretStore::SecretStore(std::unique_ptr<SecretBackend> backend, QObject* parent)
    : QObject(parent)
    , m_backend(std::move(backend))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_pendingRetry)
            std::exchange(m_pendingRetry, {})();
    });
}

SecretStore::~SecretStore() = default;

UserText SecretStore::description() const
{
    return m_backend->description();
}

QString SecretStore::generateToken()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    const QString token = QStringLiteral("clawtray-") + QString::fromLatin1(bytes.toHex());
    Redactor::instance().addSecret(token);
    return token;
}

UserText SecretStore::unavailableMessage(const QString& detail)
{
    return UserText(QT_TRANSLATE_NOOP("UserText", "The system keychain is not available (%1). secrets/tokenStorage is set to "
                                                  "keychain, which requires one: unlock or start your keyring, or set "
                                                  "tokenStorage=auto (or file) in clawtray.ini or the Settings dialog to "
                                                  "keep the token in a file readable only by you"))
        .arg(UserText::verbatim(detail));
}

UserText SecretStore::noAnswerMessage()
{
    // What to do is said by whoever shows it (the desktop notices the unlock by itself).
    return UserText(QT_TRANSLATE_NOOP("UserText", "The system keychain has not answered (it may be waiting for your "
                                                  "password)."));
}

bool SecretStore::retryNow()
{
    if (!m_retryTimer.isActive() || !m_pendingRetry)
        return false;
    m_retryTimer.stop();
    logInfo(QStringLiteral("reading the gateway token again now (the keyring changed)"));
    std::exchange(m_pendingRetry, {})();
    return true;
}

QString SecretStore::storageChoice() const
{
    if (const auto* a = dynamic_cast<const AutoSecretBackend*>(m_backend.get()))
        return a->choiceName().isEmpty() ? QStringLiteral("auto") : QStringLiteral("auto:") + a->choiceName();
    if (dynamic_cast<const FileSecretBackend*>(m_backend.get()))
        return QStringLiteral("file");
    if (dynamic_cast<const KeychainSecretBackend*>(m_backend.get()))
        return QStringLiteral("keychain");
    return QStringLiteral("custom");
}

SecretStore::Callback SecretStore::registering(Callback done) const
{
    return [done = std::move(done)](const SecretResult& r) {
        if (r.ok() && !r.token.isEmpty())
            Redactor::instance().addSecret(r.token);
        done(r);
    };
}

void SecretStore::read(Callback done)
{
    m_backend->read(registering(std::move(done)));
}

void SecretStore::write(const QString& token, Callback done)
{
    Redactor::instance().addSecret(token);
    m_backend->write(token, registering(std::move(done)));
}

void SecretStore::remove(Callback done)
{
    m_backend->remove(std::move(done));
}

void SecretStore::setKeychainMarker(const QString& markerFile, bool primaryMayBeKeychain)
{
    m_locationFile = markerFile;
    m_primaryMayBeKeychain = primaryMayBeKeychain;
}

void SecretStore::addFormerLocation(std::unique_ptr<SecretBackend> backend)
{
    m_former.push_back(std::move(backend));
}

bool SecretStore::tokenIsInTheKeychain() const
{
    return !m_locationFile.isEmpty() && AutoSecretBackend::markerSaysKeychain(m_locationFile);
}

SecretResult SecretStore::keychainWithheld(const UserText& what)
{
    // gnome-keyring answers "no such item" for a locked collection whose unlock prompt was
    // dismissed: a new token now would silently replace the one the gateway and its clients use.
    SecretResult r;
    r.status = SecretStatus::AccessDenied;
    r.error = UserText(QT_TRANSLATE_NOOP("UserText", "The system keychain did not hand over the gateway token ClawTray keeps there "
                                                   "(it is probably locked, or its unlock was cancelled). Unlock your "
                                                   "keyring and try again; %1 No new token is made (if the keychain entry "
                                                   "was deleted on purpose, regenerate the token in Settings › Token)."))
                  .arg(what);
    r.detail = QStringLiteral("keychain answered 'not found' although the location marker says the token is there");
    return r;
}

void SecretStore::loadOrCreate(Callback done)
{
    QPointer<SecretStore> self(this);
    Callback finish = [self, done](const SecretResult& r) {
        if (self && r.ok())
            self->rememberKeychain();
        done(r);
    };
    read([self, finish](const SecretResult& r) {
        if (r.status != SecretStatus::NotFound || !self) {
            finish(r);
            return;
        }
        if (self->m_primaryMayBeKeychain && self->tokenIsInTheKeychain()) {
            logWarn(QStringLiteral("The keychain did not return the stored gateway token (locked?); not making a new one"));
            finish(keychainWithheld(UserText(QT_TRANSLATE_NOOP("UserText", "ClawTray then uses the token it stored there."))));
            return;
        }
        self->adoptFormerOrGenerate(0, finish);
    });
}

void SecretStore::adoptFormerOrGenerate(size_t index, Callback done)
{
    if (index >= m_former.size()) {
        generateAndStore(std::move(done));
        return;
    }
    QPointer<SecretStore> self(this);
    SecretBackend* former = m_former[index].get();
    former->read(registering([self, index, former, done](const SecretResult& r) {
        if (!self) {
            done(r);
            return;
        }
        if (!r.ok() || r.token.isEmpty()) {
            if (r.status != SecretStatus::NotFound)
                logInfo(QStringLiteral("Could not look for an earlier gateway token in %1 (%2)")
                            .arg(former->description().english(), r.detail.isEmpty() ? r.error.english() : r.detail));
            if (former->isKeychain() && self->tokenIsInTheKeychain()
                && (r.status == SecretStatus::NotFound || r.status == SecretStatus::AccessDenied)) {
                // The token to move is in the keychain, which answers but does not give it (locked,
                // unlock cancelled): moving must wait. (A machine with no keychain at all is another
                // matter: there the token cannot be reached, and a new one is made as before.)
                logWarn(QStringLiteral("The gateway token is in the keychain, which did not return it; not making a "
                                       "new one in %1").arg(self->description().english()));
                done(keychainWithheld(UserText(QT_TRANSLATE_NOOP("UserText", "ClawTray then moves it to %1.")).arg(self->description())));
                return;
            }
            self->adoptFormerOrGenerate(index + 1, done);
            return;
        }
        logInfo(QStringLiteral("The gateway token was found in %1, not in %2 where the settings keep it; moving it "
                               "there (no new token is made)")
                    .arg(former->description().english(), self->description().english()));
        const QString token = r.token;
        self->write(token, [self, former, done, token](const SecretResult& w) {
            if (!w.ok() || !self) {
                done(w); // the token stays where it was; nothing is lost
                return;
            }
            former->remove([](const SecretResult&) {});
            SecretResult out = w;
            out.token = token;
            done(out);
        });
    }));
}

void SecretStore::generateAndStore(Callback done)
{
    const QString token = generateToken();
    logInfo(QStringLiteral("No gateway token stored yet; generated a new one in %1").arg(description().english()));
    write(token, [done](const SecretResult& w) {
        SecretResult out = w;
        out.created = w.ok();
        done(out);
    });
}

void SecretStore::loadOrCreateWithRetry(Callback done, int retryDelayMs)
{
    QPointer<SecretStore> self(this);
    loadOrCreate([self, done, retryDelayMs](const SecretResult& r) {
        if (r.status != SecretStatus::Unavailable || !self) {
            done(r);
            return;
        }
        logWarn(QStringLiteral("%1; trying once more in %2 ms").arg(r.error.english()).arg(retryDelayMs));
        emit self->retryScheduled(retryDelayMs, r.error);
        self->m_pendingRetry = [self, done] {
            if (self)
                self->loadOrCreate(done);
        };
        self->m_retryTimer.start(retryDelayMs);
    });
}

SecretResult SecretStore::runBlocking(const Operation& op, int timeoutMs)
{
    // Shared, because the answer may still arrive after we gave up and returned.
    struct State
    {
        bool done = false;
        SecretResult result;
        QEventLoop* loop = nullptr;
    };
    auto state = std::make_shared<State>();
    op([state](const SecretResult& r) {
        if (state->done)
            return;
        state->done = true;
        state->result = r;
        if (state->loop)
            state->loop->quit();
    });
    if (!state->done) {
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        state->loop = &loop;
        timeout.start(timeoutMs);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
        state->loop = nullptr;
    }
    if (!state->done) {
        state->done = true; // a late answer is dropped
        return SecretResult::of(SecretStatus::Unavailable, {}, unavailableMessage(QStringLiteral("no answer within %1 ms").arg(timeoutMs)));
    }
    return state->result;
}

SecretResult SecretStore::readBlocking(int timeoutMs)
{
    return runBlocking([this](Callback cb) { read(std::move(cb)); }, timeoutMs);
}

SecretResult SecretStore::writeBlocking(const QString& token, int timeoutMs)
{
    return runBlocking([this, token](Callback cb) { write(token, std::move(cb)); }, timeoutMs);
}

SecretResult SecretStore::removeBlocking(int timeoutMs)
{
    return runBlocking([this](Callback cb) { remove(std::move(cb)); }, timeoutMs);
}

SecretResult SecretStore::loadOrCreateBlocking(int timeoutMs)
{
    return runBlocking([this](Callback cb) { loadOrCreate(std::move(cb)); }, timeoutMs);
}

} // namespace clawtray
