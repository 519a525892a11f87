#pragma once

#include "settings/SecretBackend.h"
#include "settings/SettingsData.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace clawtray {

struct SecretStoreOptions
{
    TokenStorage storage = TokenStorage::Auto; // from SettingsData::tokenStorage
    QString tokenFile;                         // empty: AppPaths::tokenFile()
    QString locationFile;                      // empty: AppPaths::tokenLocationFile() (auto's memory)
    QString service = QStringLiteral("ClawTray");
    QString key = QStringLiteral("gateway-token");
    int keychainTimeoutMs = 10000;
};

// The gateway token: where it lives, and the policy around it.
//
// - Storage is what the user chose: `auto` (the default) uses the keychain when one answers and
//   otherwise the 0600 file, says so in the log, and remembers the choice (AutoSecretBackend);
//   `keychain` and `file` are strict. A strict keychain that is unavailable is reported (status
//   Unavailable, with the setting to change) and nothing else happens.
// - loadOrCreate() generates a token only when the storage answered "nothing stored"; never after
//   an error, which would orphan the token the gateway and its paired clients already know. And
//   before it generates one it looks in the other stores (the file for a strict keychain, the
//   keychain for a strict file): a token found there is moved into the chosen storage, so a
//   changed or reset setting never mints a second token and strands the first.
// - Every token that is read or generated is registered with the Redactor at once, and none is
//   ever logged.
// - Async calls answer through a callback (exactly once, never before the call returns);
//   *Blocking() variants spin a local event loop, for start-up code.
class SecretStore final : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const SecretResult&)>;
    static constexpr int kDefaultRetryDelayMs = 10000;
    static constexpr int kDefaultBlockingTimeoutMs = 30000;

    explicit SecretStore(const SecretStoreOptions& options = {}, QObject* parent = nullptr);
    // Takes over a custom backend (tests drive the policy with a scripted one).
    explicit SecretStore(std::unique_ptr<SecretBackend> backend, QObject* parent = nullptr);
    ~SecretStore() override;
    // Another place a token may have been left (tried in order before one is generated).
    void addFormerLocation(std::unique_ptr<SecretBackend> backend);
    // For a store built on a raw backend (tests): the primary may read the keychain, and
    // `markerFile` is where the "stored in the keychain" marker lives.
    void setKeychainMarker(const QString& markerFile, bool primaryMayBeKeychain);

    UserText description() const; // where the token lives, for the UI and the log (english())
    // "keychain", "file", "auto:keychain", "auto:file" or "auto" (not decided yet): what
    // `ctl status` and the window show.
    QString storageChoice() const;

    void read(Callback done);
    void write(const QString& token, Callback done);
    void remove(Callback done);
    void loadOrCreate(Callback done);
    // loadOrCreate(), and if the keychain is Unavailable (at login it often starts after us), one
    // more attempt after retryDelayMs. Emits retryScheduled() before waiting.
    void loadOrCreateWithRetry(Callback done, int retryDelayMs = kDefaultRetryDelayMs);

    SecretResult readBlocking(int timeoutMs = kDefaultBlockingTimeoutMs);
    SecretResult writeBlocking(const QString& token, int timeoutMs = kDefaultBlockingTimeoutMs);
    SecretResult removeBlocking(int timeoutMs = kDefaultBlockingTimeoutMs);
    SecretResult loadOrCreateBlocking(int timeoutMs = kDefaultBlockingTimeoutMs);

    // "clawtray-" + 32 hex digits (128 bits) from the system CSPRNG; registered with the Redactor.
    static QString generateToken();
    // The one wording used whenever the keychain cannot be reached.
    static UserText unavailableMessage(const QString& detail);
    // A keychain that did not answer in time: usually one waiting for its password prompt.
    static UserText noAnswerMessage();
    // The retry loadOrCreateWithRetry() scheduled, now instead of later (the keyring was just
    // unlocked). False when none is waiting.
    bool retryNow();

signals:
    void retryScheduled(int delayMs, const clawtray::UserText& reason);

private:
    using Operation = std::function<void(Callback)>;
    SecretResult runBlocking(const Operation& op, int timeoutMs);
    Callback registering(Callback done) const;
    void adoptFormerOrGenerate(size_t index, Callback done);
    void generateAndStore(Callback done);
    void rememberKeychain() const;

    std::unique_ptr<SecretBackend> m_backend;
    QTimer m_retryTimer;                  // loadOrCreateWithRetry()'s one later attempt
    std::function<void()> m_pendingRetry;
    std::vector<std::unique_ptr<SecretBackend>> m_former;
    QString m_locationFile;
    bool m_strictKeychain = false;
    bool m_primaryMayBeKeychain = false; // storage keychain or auto: the primary store may read the keychain
    // The location marker says this configuration's token was stored in the keychain: a keychain
    // that answers "not found" is then locked (or its unlock was cancelled), not empty.
    bool tokenIsInTheKeychain() const;
    static SecretResult keychainWithheld(const UserText& what);
};

} // namespace clawtray
