#include "settings/AutoSecretBackend.h"

#include "logging/Logging.h"

#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSaveFile>
#include <QTimer>

namespace clawtray {

AutoSecretBackend::AutoSecretBackend(std::unique_ptr<SecretBackend> keychain, QString tokenFile, QString markerFile,
                                     QObject* parent)
    : QObject(parent)
    , m_keychain(std::move(keychain))
    , m_file(std::move(tokenFile))
    , m_markerFile(std::move(markerFile))
{
    m_choice = rememberedChoice();
}

AutoSecretBackend::Choice AutoSecretBackend::rememberedChoice() const
{
    // The token file wins: it exists only because the file was chosen (or the user put it there).
    if (QFileInfo::exists(m_file.filePath()))
        return Choice::File;
    return markerSaysKeychain(m_markerFile) ? Choice::Keychain : Choice::Undecided;
}

bool AutoSecretBackend::markerSaysKeychain(const QString& markerFile)
{
    QFile marker(markerFile);
    return marker.open(QIODevice::ReadOnly) && marker.read(64).trimmed() == "keychain";
}

void AutoSecretBackend::writeKeychainMarker(const QString& markerFile)
{
    QSaveFile marker(markerFile);
    if (marker.open(QIODevice::WriteOnly)) {
        marker.write("keychain\n");
        marker.commit();
    }
}

QString AutoSecretBackend::choiceName() const
{
    switch (m_choice) {
    case Choice::Keychain: return QStringLiteral("keychain");
    case Choice::File: return QStringLiteral("file");
    case Choice::Undecided: break;
    }
    return QString();
}

UserText AutoSecretBackend::description() const
{
    switch (m_choice) {
    case Choice::Keychain: return UserText(QT_TRANSLATE_NOOP("UserText", "%1 (automatic choice)")).arg(m_keychain->description());
    case Choice::File: return UserText(QT_TRANSLATE_NOOP("UserText", "%1 (automatic choice: no keychain)")).arg(m_file.description());
    case Choice::Undecided: break;
    }
    return UserText(QT_TRANSLATE_NOOP("UserText", "the system keychain if one answers, otherwise %1")).arg(m_file.description());
}

void AutoSecretBackend::remember(Choice c, const QString& reason)
{
    if (m_choice == c)
        return;
    m_choice = c;
    m_reason = reason;
    if (c == Choice::Keychain) {
        writeKeychainMarker(m_markerFile);
        logInfo(QStringLiteral("Gateway token storage: the system keychain (automatic choice, remembered in %1)")
                    .arg(m_markerFile));
    } else if (c == Choice::File) {
        logInfo(QStringLiteral("Gateway token storage: %1 — no system keychain answered (%2); tokenStorage=auto "
                               "keeps it there from now on (set secrets/tokenStorage=keychain to require a keychain)")
                    .arg(m_file.description().english(), reason));
    }
}

void AutoSecretBackend::read(Callback done)
{
    if (m_choice == Choice::File) {
        m_file.read(std::move(done));
        return;
    }
    QPointer<AutoSecretBackend> self(this);
    m_keychain->read([self, done](const SecretResult& r) {
        if (!self) {
            done(r);
            return;
        }
        if (r.status == SecretStatus::Ok || r.status == SecretStatus::NotFound) {
            // The keychain answered: it is the storage from now on.
            if (self->m_choice == Choice::Undecided && r.status == SecretStatus::Ok)
                self->remember(Choice::Keychain, QString());
            done(r);
            return;
        }
        if (self->m_choice == Choice::Keychain || r.status != SecretStatus::Unavailable) {
            // The token is in the keychain (or the keychain refused us): never mint another one
            // elsewhere. Unlocking the keyring fixes it, and ClawTray retries.
            SecretResult out = r;
            if (self->m_choice == Choice::Keychain)
                out.error = UserText(QT_TRANSLATE_NOOP("UserText", "%1. The gateway token is kept in the system keychain (chosen "
                                                                    "automatically earlier); unlock your keyring, or log "
                                                                    "in to a session that has one."))
                                .arg(r.error);
            done(out);
            return;
        }
        // No keychain at all (no D-Bus session, no Secret Service): the file it is.
        self->remember(Choice::File, r.detail.isEmpty() ? r.error.english() : r.detail);
        self->m_file.read(done);
    });
}

void AutoSecretBackend::write(const QString& token, Callback done)
{
    if (m_choice == Choice::File) {
        m_file.write(token, std::move(done));
        return;
    }
    QPointer<AutoSecretBackend> self(this);
    m_keychain->write(token, [self, token, done](const SecretResult& r) {
        if (!self) {
            done(r);
            return;
        }
        if (r.ok()) {
            self->remember(Choice::Keychain, QString());
            done(r);
            return;
        }
        if (self->m_choice == Choice::Undecided && r.status == SecretStatus::Unavailable) {
            self->remember(Choice::File, r.detail.isEmpty() ? r.error.english() : r.detail);
            self->m_file.write(token, done);
            return;
        }
        done(r);
    });
}

void AutoSecretBackend::remove(Callback done)
{
    if (m_choice == Choice::File) {
        m_file.remove(std::move(done));
        return;
    }
    m_keychain->remove(std::move(done));
}

} // namespace clawtray
