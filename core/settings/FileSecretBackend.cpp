#include "settings/FileSecretBackend.h"

#include "logging/Logging.h"
#include "settings/AppPaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimer>

namespace clawtray {
namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOthersBits = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                 QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                 QFileDevice::WriteOther | QFileDevice::ExeOther;

SecretResult failure(SecretStatus status, const UserText& error)
{
    return SecretResult::of(status, {}, error);
}

} // namespace

FileSecretBackend::FileSecretBackend(QString filePath, QObject* parent)
    : QObject(parent)
    , m_filePath(std::move(filePath))
{}

UserText FileSecretBackend::description() const
{
    return UserText(QT_TRANSLATE_NOOP("UserText", "the file %1 (readable only by you)")).arg(UserText::verbatim(QDir::toNativeSeparators(m_filePath)));
}

void FileSecretBackend::deliver(Callback done, const SecretResult& result)
{
    // Same contract as the keychain: the answer never arrives before the call returns.
    QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
}

void FileSecretBackend::read(Callback done)
{
    deliver(std::move(done), readNow());
}

void FileSecretBackend::write(const QString& token, Callback done)
{
    deliver(std::move(done), writeNow(token));
}

void FileSecretBackend::remove(Callback done)
{
    deliver(std::move(done), removeNow());
}

SecretResult FileSecretBackend::readNow() const
{
    QFile file(m_filePath);
    if (!file.exists())
        return failure(SecretStatus::NotFound, UserText(QT_TRANSLATE_NOOP("UserText", "No token file at %1 yet")).arg(UserText::verbatim(m_filePath)));
    // Someone (a backup restore, a copy with the wrong umask) made it readable by others: the token
    // may have leaked already, but at least stop the leak.
    if (file.permissions() & kOthersBits) {
        logWarn(QStringLiteral("The token file %1 was readable by other users; restricting it to you").arg(m_filePath));
        if (!file.setPermissions(kOwnerOnly))
            return failure(SecretStatus::Failed,
                           UserText(QT_TRANSLATE_NOOP("UserText", "The token file %1 is readable by other users and could not "
                                                                        "be restricted"))
                               .arg(UserText::verbatim(m_filePath)));
    }
    if (!file.open(QIODevice::ReadOnly))
        return failure(SecretStatus::Failed,
                       UserText(QT_TRANSLATE_NOOP("UserText", "Could not read the token file %1: %2"))
                           .arg(UserText::verbatim(m_filePath))
                           .arg(UserText::verbatim(file.errorString())));
    const QString token = QString::fromUtf8(file.read(4096)).trimmed();
    if (token.isEmpty())
        return failure(SecretStatus::NotFound, UserText(QT_TRANSLATE_NOOP("UserText", "The token file %1 is empty")).arg(UserText::verbatim(m_filePath)));
    return SecretResult::of(SecretStatus::Ok, token, UserText());
}

SecretResult FileSecretBackend::writeNow(const QString& token) const
{
    if (const Done dir = AppPaths::ensureDir(QFileInfo(m_filePath).absolutePath()); !dir)
        return failure(SecretStatus::Failed, dir.error());
    // Atomic replace, so a crash never leaves a half-written token. The temporary file sits in the
    // 0700 directory and is restricted before the token is written into it.
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(kOwnerOnly))
        return failure(SecretStatus::Failed,
                       UserText(QT_TRANSLATE_NOOP("UserText", "Could not write the token file %1: %2"))
                           .arg(UserText::verbatim(m_filePath))
                           .arg(UserText::verbatim(file.errorString())));
    file.write(token.toUtf8() + '\n');
    if (!file.commit())
        return failure(SecretStatus::Failed,
                       UserText(QT_TRANSLATE_NOOP("UserText", "Could not write the token file %1: %2"))
                           .arg(UserText::verbatim(m_filePath))
                           .arg(UserText::verbatim(file.errorString())));
    return SecretResult::of(SecretStatus::Ok, token, UserText());
}

SecretResult FileSecretBackend::removeNow() const
{
    QFile file(m_filePath);
    if (file.exists() && !file.remove())
        return failure(SecretStatus::Failed,
                       UserText(QT_TRANSLATE_NOOP("UserText", "Could not remove the token file %1: %2"))
                           .arg(UserText::verbatim(m_filePath))
                           .arg(UserText::verbatim(file.errorString())));
    return SecretResult::of(SecretStatus::Ok, {}, UserText());
}

} // namespace clawtray
