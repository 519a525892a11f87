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

SecretResult failure(SecretStatus status, const QString& error)
{
    return {status, {}, error};
}

} // namespace

FileSecretBackend::FileSecretBackend(QString filePath, QObject* parent)
    : QObject(parent)
    , m_filePath(std::move(filePath))
{}

QString FileSecretBackend::description() const
{
    return QStringLiteral("the file %1 (readable only by you)").arg(QDir::toNativeSeparators(m_filePath));
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
        return failure(SecretStatus::NotFound, QStringLiteral("No token file at %1 yet").arg(m_filePath));
    // Someone (a backup restore, a copy with the wrong umask) made it readable by others: the token
    // may have leaked already, but at least stop the leak.
    if (file.permissions() & kOthersBits) {
        logWarn(QStringLiteral("The token file %1 was readable by other users; restricting it to you").arg(m_filePath));
        if (!file.setPermissions(kOwnerOnly))
            return failure(SecretStatus::Failed,
                           QStringLiteral("The token file %1 is readable by other users and could not be restricted")
                               .arg(m_filePath));
    }
    if (!file.open(QIODevice::ReadOnly))
        return failure(SecretStatus::Failed,
                       QStringLiteral("Could not read the token file %1: %2").arg(m_filePath, file.errorString()));
    const QString token = QString::fromUtf8(file.read(4096)).trimmed();
    if (token.isEmpty())
        return failure(SecretStatus::NotFound, QStringLiteral("The token file %1 is empty").arg(m_filePath));
    return {SecretStatus::Ok, token, {}};
}

SecretResult FileSecretBackend::writeNow(const QString& token) const
{
    if (const QString error = AppPaths::ensureDir(QFileInfo(m_filePath).absolutePath()); !error.isEmpty())
        return failure(SecretStatus::Failed, error);
    // Atomic replace, so a crash never leaves a half-written token. The temporary file sits in the
    // 0700 directory and is restricted before the token is written into it.
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(kOwnerOnly))
        return failure(SecretStatus::Failed,
                       QStringLiteral("Could not write the token file %1: %2").arg(m_filePath, file.errorString()));
    file.write(token.toUtf8() + '\n');
    if (!file.commit())
        return failure(SecretStatus::Failed,
                       QStringLiteral("Could not write the token file %1: %2").arg(m_filePath, file.errorString()));
    return {SecretStatus::Ok, token, {}};
}

SecretResult FileSecretBackend::removeNow() const
{
    QFile file(m_filePath);
    if (file.exists() && !file.remove())
        return failure(SecretStatus::Failed,
                       QStringLiteral("Could not remove the token file %1: %2").arg(m_filePath, file.errorString()));
    return {SecretStatus::Ok, {}, {}};
}

} // namespace clawtray
