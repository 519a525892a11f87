#pragma once

#include <QString>
#include <QtGlobal>

namespace clawtray::sockettrust {

// The uid of the process at the other end of a connected local socket, or -1 when the platform
// cannot tell (SO_PEERCRED on Linux, getpeereid on the BSDs).
qint64 peerUid(qintptr fd);

// Why a directory is not a safe home for a control socket, or empty when it is: it must be a
// directory owned by this user that nobody else can write (whoever can write it can replace the
// socket and impersonate ClawTray). A missing directory is reported as such.
QString unsafeDirectoryReason(const QString& dir);

// Why an existing socket file must not be trusted, or empty when it may: it must be a socket
// owned by this user in a directory that passes unsafeDirectoryReason(). A missing file is not
// judged here (empty result) — connecting to it fails on its own.
QString unsafeSocketReason(const QString& socketPath);

} // namespace clawtray::sockettrust
