// LinuxProcessHost, part two: sockets — which socket inodes a process holds (/proc/<pid>/fd), the
// TCP table (/proc/net/tcp{,6}) and the kernel's exact lookup of a loopback connection (sock_diag).
#include "process/linux/LinuxProcessHost.h"

#include <QFile>

#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace clawtray {
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

QList<quint64> LinuxProcessHost::socketInodes(pid_t pid) const
{
    QList<quint64> out;
    char dirPath[64];
    std::snprintf(dirPath, sizeof dirPath, "/proc/%d/fd", int(pid));
    DIR* d = ::opendir(dirPath);
    if (!d)
        return out;
    const int dfd = ::dirfd(d);
    while (const dirent* e = ::readdir(d)) {
        if (e->d_name[0] == '.')
            continue;
        // The raw link text of a socket fd is "socket:[<inode>]".
        char buf[64];
        const ssize_t n = ::readlinkat(dfd, e->d_name, buf, sizeof buf - 1);
        if (n <= 9 || std::strncmp(buf, "socket:[", 8) != 0)
            continue;
        buf[n] = '\0';
        const quint64 inode = std::strtoull(buf + 8, nullptr, 10);
        if (inode != 0)
            out << inode;
    }
    ::closedir(d);
    return out;
}

std::optional<QList<TcpSocketEntry>> LinuxProcessHost::tcpSockets() const
{
    std::optional<QList<TcpSocketEntry>> out;
    for (const char* path : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile f(QString::fromLatin1(path));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        if (!out)
            out.emplace();
        *out << parseTcpTable(f.readAll());
    }
    return out;
}

QList<TcpSocketEntry> LinuxProcessHost::parseTcpTable(const QByteArray& text)
{
    // "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
    QList<TcpSocketEntry> out;
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines.at(i).simplified().split(' ');
        if (f.size() < 10)
            continue;
        TcpSocketEntry e;
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

// The server end of a 127.0.0.1 connection, asked of the kernel directly (sock_diag, an exact
// lookup by the four-tuple): microseconds, where reading /proc/net/tcp{,6} walks every hash bucket
// of the table (~2 ms per read on a big machine, several reads per check, on every readiness
// probe). Nothing when the kernel does not answer (no sock_diag, a filter): the caller falls back
// to the tables.
std::optional<TcpSocketEntry> LinuxProcessHost::lookupLoopbackV4(quint16 serverPort, quint16 clientPort) const
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
    std::optional<TcpSocketEntry> out;
    alignas(nlmsghdr) char buf[4096];
    if (::sendto(fd, &message, sizeof message, 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) == ssize_t(sizeof message)) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        const auto* h = reinterpret_cast<const nlmsghdr*>(buf);
        if (n >= ssize_t(sizeof(nlmsghdr)) && NLMSG_OK(h, size_t(n)) && h->nlmsg_type == SOCK_DIAG_BY_FAMILY
            && h->nlmsg_len >= NLMSG_LENGTH(sizeof(inet_diag_msg))) {
            const auto* m = static_cast<const inet_diag_msg*>(NLMSG_DATA(h));
            TcpSocketEntry e;
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

} // namespace clawtray
