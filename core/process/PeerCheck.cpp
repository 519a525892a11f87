#include "process/PeerCheck.h"

#include "process/ProcTable.h"

#include <QFile>

#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/time.h>
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

// The server end of a 127.0.0.1 connection, asked of the kernel directly (sock_diag, an exact
// lookup by the four-tuple): microseconds, where reading /proc/net/tcp{,6} walks every hash bucket
// of the table (~2 ms per read on a big machine, several reads per check, on every readiness
// probe). Nothing when the kernel does not answer (no sock_diag, a filter): the caller falls back
// to the tables.
std::optional<TcpEntry> lookupLoopbackV4Impl(quint16 serverPort, quint16 clientPort)
{
    const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0)
        return std::nullopt;
    timeval timeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    struct
    {
        nlmsghdr header;
        inet_diag_req_v2 request;
    } message{};
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST;
    message.request.sdiag_family = AF_INET;
    message.request.sdiag_protocol = IPPROTO_TCP;
    message.request.idiag_states = ~0U;
    message.request.id.idiag_sport = htons(serverPort);
    message.request.id.idiag_dport = htons(clientPort);
    message.request.id.idiag_src[0] = htonl(INADDR_LOOPBACK);
    message.request.id.idiag_dst[0] = htonl(INADDR_LOOPBACK);
    message.request.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
    message.request.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    std::optional<TcpEntry> out;
    alignas(nlmsghdr) char buf[4096];
    if (::sendto(fd, &message, sizeof message, 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) == ssize_t(sizeof message)) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        const auto* h = reinterpret_cast<const nlmsghdr*>(buf);
        if (n >= ssize_t(sizeof(nlmsghdr)) && NLMSG_OK(h, size_t(n)) && h->nlmsg_type == SOCK_DIAG_BY_FAMILY
            && h->nlmsg_len >= NLMSG_LENGTH(sizeof(inet_diag_msg))) {
            const auto* m = static_cast<const inet_diag_msg*>(NLMSG_DATA(h));
            TcpEntry e;
            e.localPort = ntohs(m->id.idiag_sport);
            e.remotePort = ntohs(m->id.idiag_dport);
            e.state = m->idiag_state;
            e.uid = uid_t(m->idiag_uid);
            e.inode = m->idiag_inode;
            if (e.localPort == serverPort && e.remotePort == clientPort && e.inode != 0)
                out = e;
        }
    }
    ::close(fd);
    return out;
}

} // namespace

std::optional<TcpEntry> kernelLookupLoopbackV4(quint16 serverPort, quint16 clientPort)
{
    return lookupLoopbackV4Impl(serverPort, clientPort);
}

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
    std::optional<TcpEntry> server = kernelLookupLoopbackV4(serverPort, clientPort);
    if (!server) {
        QList<TcpEntry> entries;
        for (const char* path : {"/proc/net/tcp", "/proc/net/tcp6"}) {
            QFile f(QString::fromLatin1(path));
            if (f.open(QIODevice::ReadOnly))
                entries << parseTcpTable(f.readAll());
        }
        server = findServerEnd(entries, serverPort, clientPort);
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
