#pragma once

#include "settings/SecretBackend.h"

#include <QObject>

namespace clawtray {

// The token in a file only its owner can read (0600, in the 0700 config dir). Used only when the
// user chose it in the settings (tokenStorage = file), typically on a machine without a keychain.
class FileSecretBackend final : public QObject, public SecretBackend
{
    Q_OBJECT
public:
    explicit FileSecretBackend(QString filePath, QObject* parent = nullptr);

    QString filePath() const { return m_filePath; }

    UserText description() const override;
    void read(Callback done) override;
    void write(const QString& token, Callback done) override;
    void remove(Callback done) override;

    // The synchronous work behind the calls above (the async wrappers only defer the callback).
    SecretResult readNow() const;
    SecretResult writeNow(const QString& token) const;
    SecretResult removeNow() const;

private:
    void deliver(Callback done, const SecretResult& result);

    QString m_filePath;
};

} // namespace clawtray
