#pragma once

#include "process/ProcessHost.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <sys/types.h>

namespace clawtray {

// Who is on the other end of one of our loopback TCP connections. Before ClawTray sends anything
// secret (the token, a device signature) on a connection, or believes a readiness answer, it asks
// the kernel who accepted that very connection: the server end of the connection (local port =
// the gateway port, remote port = our local port) is a socket with an owning uid and an inode,
// and the inode is held by some process's fd. A listener of another user that won a race for the
// port while our gateway was still booting fails this check, however convincingly it speaks the
// protocol.
struct PeerIdentity
{
    bool found = false;   // the server end of the connection was found in the kernel's TCP table
    uid_t uid = 0;        // the socket's owner
    quint64 inode = 0;
    pid_t pid = 0;        // the process holding it (0: not visible to us)
    QStringList cmdline;
    QString userName() const;
    QString describe() const; // "pid 123 (user nobody, command python3 l.py)"
};

struct PeerVerdict
{
    bool trusted = false;
    PeerIdentity peer;
    QString message; // why not trusted, in words a user can act on
};

namespace peercheck {

using TcpEntry = TcpSocketEntry;

// The server end of a connection from `clientPort` to `serverPort`, from the tables' text.
std::optional<TcpEntry> findServerEnd(const QList<TcpEntry>& entries, quint16 serverPort, quint16 clientPort);

// The server end of a 127.0.0.1 connection asked of the kernel (an exact lookup); nothing
// when the kernel does not answer. verify() uses it first and the tables only as a fallback.
std::optional<TcpEntry> kernelLookupLoopbackV4(quint16 serverPort, quint16 clientPort);

// Verifies the peer of our connection from local port `clientPort` to 127.0.0.1/::1:`serverPort`.
// `ownerPid` > 0: the socket must be held by that process or its process group (a gateway we
// started); 0: any process of our own uid (a gateway we attached to).
PeerVerdict verify(quint16 serverPort, quint16 clientPort, pid_t ownerPid);

} // namespace peercheck
} // namespace clawtray
