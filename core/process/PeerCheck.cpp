#include "process/PeerCheck.h"

#include "process/ProcTable.h"

#include <QFile>

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
namespace {

bool parseHexPort(const QByteArray& address, quint16* port)
{
    const int colon = address.lastIndexOf(':');
    if (colon < 0)
        return false;
    bool ok = false;
    const uint p = address.mid(colon + 1).toUInt(&ok, 16);
    if (!ok || p > 0xFFFF)
        return false;
    *port = quint16(p);
    return true;
}

} // namespace

QList<TcpEntry> parseTcpTable(const QByteArray& text)
{
    // "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
    QList<TcpEntry> out;
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines.at(i).simplified().split(' ');
        if (f.size() < 10)
            continue;
        TcpEntry e;
        bool ok = false;
        if (!parseHexPort(f.at(1), &e.localPort) || !parseHexPort(f.at(2), &e.remotePort))
            continue;
        e.state = f.at(3).toInt(&ok, 16);
        if (!ok)
            continue;
        e.uid = uid_t(f.at(7).toUInt(&ok));
        if (!ok)
            continue;
        e.inode = f.at(9).toULongLong(&ok);
        if (!ok)
            continue;
        out << e;
    }
    return out;
}

std::optional<TcpEntry> findServerEnd(const QList<TcpEntry>& entries, quint16 serverPort, quint16 clientPort)
{
    constexpr int kListen = 0x0A;
    for (const TcpEntry& e : entries) {
        if (e.localPort == serverPort && e.remotePort == clientPort && e.state != kListen && e.inode != 0)
            return e;
    }
    return std::nullopt;
}

PeerVerdict verify(quint16 serverPort, quint16 clientPort, pid_t ownerPid)
{
    PeerVerdict v;
    QList<TcpEntry> entries;
    for (const char* path : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile f(QString::fromLatin1(path));
        if (f.open(QIODevice::ReadOnly))
            entries << parseTcpTable(f.readAll());
    }
    const auto server = findServerEnd(entries, serverPort, clientPort);
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
        fill(proctable::holderOfSocket(server->inode));
        v.trusted = true;
        return v;
    }
    // A gateway we started: the accepted socket must be in our child or its process group.
    QList<pid_t> candidates{ownerPid};
    for (pid_t p : proctable::groupMembers(ownerPid))
        if (p != ownerPid)
            candidates << p;
    for (pid_t p : candidates) {
        if (proctable::socketInodes(p).contains(server->inode)) {
            fill(p);
            v.trusted = true;
            return v;
        }
    }
    return notOurs();
}

} // namespace peercheck
} // namespace clawtray
