#include "control/SocketTrust.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace clawtray::sockettrust {

qint64 peerUid(qintptr fd)
{
#if defined(SO_PEERCRED)
    struct ucred cred = {};
    socklen_t len = sizeof cred;
    if (::getsockopt(int(fd), SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0)
        return qint64(cred.uid);
#elif defined(Q_OS_MACOS) || defined(Q_OS_FREEBSD)
    uid_t uid = 0;
    gid_t gid = 0;
    if (::getpeereid(int(fd), &uid, &gid) == 0)
        return qint64(uid);
#else
    Q_UNUSED(fd);
#endif
    return -1;
}

QString unsafeDirectoryReason(const QString& dir)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(dir).constData(), &st) != 0)
        return QStringLiteral("%1 cannot be inspected: %2").arg(dir, QString::fromLocal8Bit(std::strerror(errno)));
    if (!S_ISDIR(st.st_mode))
        return QStringLiteral("%1 is not a directory").arg(dir);
    if (st.st_uid != ::geteuid())
        return QStringLiteral("%1 belongs to uid %2, not to this user").arg(dir).arg(st.st_uid);
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return QStringLiteral("%1 can be written by other users").arg(dir);
    return {};
}

QString unsafeSocketReason(const QString& socketPath)
{
    struct stat st = {};
    if (::lstat(QFile::encodeName(socketPath).constData(), &st) != 0)
        return {};
    if (!S_ISSOCK(st.st_mode))
        return QStringLiteral("%1 is not a socket").arg(socketPath);
    if (st.st_uid != ::geteuid())
        return QStringLiteral("%1 belongs to uid %2, not to this user").arg(socketPath).arg(st.st_uid);
    return unsafeDirectoryReason(QFileInfo(socketPath).absolutePath());
}

} // namespace clawtray::sockettrust
