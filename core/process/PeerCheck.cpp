#include "process/PeerCheck.h"

#include "process/ProcTable.h"
#include "process/ProcessHost.h"

#include <pwd.h>
#include <unistd.h>

namespace clawtray {

QString PeerIdentity::userName() const
{
    if (const passwd* pw = ::getpwuid(uid))
        return QString::fromLocal8Bit(pw->pw_name);
    return QString::number(uid);
}

QString PeerIdentity::describe() const
{
    const QString who = pid > 0 ? QStringLiteral("pid %1").arg(pid) : QStringLiteral("an unidentified process");
    QString s = QStringLiteral("%1 (user %2").arg(who, userName());
    if (!cmdline.isEmpty())
        s += QStringLiteral(", command %1").arg(cmdline.join(QLatin1Char(' ')).left(160));
    return s + QLatin1Char(')');
}

namespace peercheck {

std::optional<TcpEntry> kernelLookupLoopbackV4(quint16 serverPort, quint16 clientPort)
{
    return ProcessHost::current().lookupLoopbackV4(serverPort, clientPort);
}

std::optional<TcpEntry> findServerEnd(const QList<TcpEntry>& entries, quint16 serverPort, quint16 clientPort)
{
    for (const TcpEntry& e : entries) {
        if (e.localPort == serverPort && e.remotePort == clientPort && !e.isListening() && e.inode != 0)
            return e;
    }
    return std::nullopt;
}

PeerVerdict verify(quint16 serverPort, quint16 clientPort, pid_t ownerPid)
{
    PeerVerdict v;
    std::optional<TcpEntry> server = kernelLookupLoopbackV4(serverPort, clientPort);
    if (!server) {
        server = findServerEnd(ProcessHost::current().tcpSockets().value_or(QList<TcpEntry>{}), serverPort, clientPort);
    }
    if (!server) {
        // Our connection is on loopback, so its server end is in this network namespace's table
        // unless something in between (a proxy in another namespace) accepted it.
        v.message = QStringLiteral("the process that accepted ClawTray's connection on port %1 cannot be identified")
                        .arg(serverPort);
        return v;
    }
    v.peer.found = true;
    v.peer.uid = server->uid;
    v.peer.inode = server->inode;
    const auto fill = [&](pid_t pid) {
        v.peer.pid = pid;
        if (pid > 0) {
            if (auto info = proctable::read(pid))
                v.peer.cmdline = info->cmdline;
        }
    };
    const auto notOurs = [&] {
        if (v.peer.pid == 0)
            fill(proctable::holderOfSocket(server->inode));
        v.message = QStringLiteral("port %1 is held by %2, not by ClawTray's gateway").arg(serverPort).arg(v.peer.describe());
        return v;
    };
    if (server->uid != ::getuid())
        return notOurs();
    if (ownerPid <= 0) {
        // An attached gateway: our own user is the boundary; name the process for the status.
        // The holder of the last connection is asked first (a probe every few seconds must not
        // read every process's descriptors each time); only a new holder costs a scan.
        static pid_t lastHolder = 0;
        if (lastHolder > 0 && proctable::socketInodes(lastHolder).contains(server->inode)) {
            fill(lastHolder);
        } else {
            fill(proctable::holderOfSocket(server->inode));
            lastHolder = v.peer.pid;
        }
        v.trusted = true;
        return v;
    }
    // A gateway we started: the accepted socket must be in our child or its process group. The
    // child itself holds it in the usual case, so the group (a scan of every process) is only
    // looked at when it does not: this runs on every readiness probe of a running gateway.
    if (proctable::socketInodes(ownerPid).contains(server->inode)) {
        fill(ownerPid);
        v.trusted = true;
        return v;
    }
    for (pid_t p : proctable::groupMembers(ownerPid)) {
        if (p != ownerPid && proctable::socketInodes(p).contains(server->inode)) {
            fill(p);
            v.trusted = true;
            return v;
        }
    }
    return notOurs();
}

} // namespace peercheck
} // namespace clawtray
