#pragma once

#include "settings/FileSecretBackend.h"
#include "settings/KeychainSecretBackend.h"

#include <QObject>

#include <memory>

namespace clawtray {

// tokenStorage = auto (the default): the system keychain when one answers, otherwise the 0600
// file — a server, a container or a session without D-Bus still runs. The choice, once made, is
// remembered (the token file itself, or a marker saying "keychain"), so that a keychain that
// appears later, or one that is missing for one session, never makes ClawTray mint a second
// token and orphan the one the gateway and its paired clients know.
class AutoSecretBackend final : public QObject, public SecretBackend
{
    Q_OBJECT
public:
    // The location marker (<configDir>/gateway-token.location): "keychain" when this
    // configuration's token was kept in the keychain. Shared with SecretStore's strict modes.
    static bool markerSaysKeychain(const QString& markerFile);
    static void writeKeychainMarker(const QString& markerFile);
    enum class Choice { Undecided, Keychain, File };

    AutoSecretBackend(std::unique_ptr<SecretBackend> keychain, QString tokenFile, QString markerFile,
                      QObject* parent = nullptr);

    UserText description() const override;
    void read(Callback done) override;
    void write(const QString& token, Callback done) override;
    void remove(Callback done) override;

    Choice choice() const { return m_choice; }
    // "keychain" / "file" / "" (undecided), for `ctl status` and the window.
    QString choiceName() const;
    // Why the file was chosen (the keychain's own error), empty otherwise.
    QString reason() const { return m_reason; }

private:
    void remember(Choice c, const QString& reason);
    Choice rememberedChoice() const;

    std::unique_ptr<SecretBackend> m_keychain;
    FileSecretBackend m_file;
    QString m_markerFile;
    Choice m_choice = Choice::Undecided;
    QString m_reason;
};

} // namespace clawtray
