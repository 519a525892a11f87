#pragma once

#include "settings/SecretBackend.h"

#include <QObject>

namespace QKeychain {
class Job;
}

namespace clawtray {

// The token in the system keychain through QtKeychain (Secret Service / KWallet on Linux, Keychain
// on macOS, Credential Manager on Windows). QtKeychain's insecure plaintext fallback stays off:
// falling back to a file is SecretStore's decision, and only when the user chose it.
class KeychainSecretBackend final : public QObject, public SecretBackend
{
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 10000;

    KeychainSecretBackend(QString service, QString key, int timeoutMs = kDefaultTimeoutMs, QObject* parent = nullptr);

    UserText description() const override;
    bool isKeychain() const override { return true; }
    void read(Callback done) override;
    void write(const QString& token, Callback done) override;
    void remove(Callback done) override;

private:
    void run(QKeychain::Job* job, Callback done);

    QString m_service;
    QString m_key;
    int m_timeoutMs;
};

} // namespace clawtray
