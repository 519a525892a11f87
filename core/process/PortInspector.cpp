#include "process/PortInspector.h"

#include "process/PeerCheck.h"
#include "process/ProcTable.h"

#include <QSet>
#include <QTcpServer>


namespace clawtray {

QString PortListener::describe() const
{
    if (pid <= 0)
        return QStringLiteral("an unidentified process (not visible to this user)");
    return QStringLiteral("pid %1 (%2)").arg(pid).arg(cmdline.join(QLatin1Char(' ')).left(200));
}

bool PortInspector::canBind(quint16 port)
{
    // The gateway binds loopback on both families (127.0.0.1 and ::1): a listener on either makes
    // the port unusable. A machine without IPv6 only has the first to check.
    QTcpServer v4;
    if (!v4.listen(QHostAddress::LocalHost, port))
        return false;
    QTcpServer v6;
    return v6.listen(QHostAddress::LocalHostIPv6, port) || v6.serverError() != QAbstractSocket::AddressInUseError;
}

std::unique_ptr<PortInspector> PortInspector::create()
{
    return std::make_unique<HostPortInspector>();
}

QList<quint64> HostPortInspector::listeningInodes(const QList<TcpSocketEntry>& sockets, quint16 port)
{
    QList<quint64> out;
    for (const TcpSocketEntry& e : sockets)
        if (e.localPort == port && e.isListening() && e.inode != 0)
            out << e.inode;
    return out;
}

PortReport HostPortInspector::inspect(quint16 port) const
{
    PortReport report;
    // The common answer first: a port the kernel lets us bind is free, and finding that out costs
    // a socket, while reading the connection tables and every process's fds costs milliseconds.
    if (canBind(port)) {
        report.status = PortReport::Status::Free;
        return report;
    }
    const auto sockets = ProcessHost::current().tcpSockets();
    if (!sockets) {
        report.status = canBind(port) ? PortReport::Status::Free : PortReport::Status::Unknown;
        report.detail = QStringLiteral("the system's TCP table is not readable");
        return report;
    }
    QSet<quint64> inodes;
    for (quint64 inode : listeningInodes(*sockets, port))
        inodes.insert(inode);
    if (inodes.isEmpty()) {
        // Not listening; a bind can still fail (TIME_WAIT without SO_REUSEADDR is not an issue for
        // Qt, but another address family or a firewall could be): ask the kernel to be sure.
        report.status = canBind(port) ? PortReport::Status::Free : PortReport::Status::Unknown;
        if (report.status == PortReport::Status::Unknown)
            report.detail = QStringLiteral("no listener found but the port cannot be bound");
        return report;
    }
    report.status = PortReport::Status::Busy;
    QSet<pid_t> found;
    for (pid_t pid : proctable::allPids()) {
        if (found.contains(pid))
            continue;
        for (quint64 inode : proctable::socketInodes(pid)) {
            if (!inodes.contains(inode))
                continue;
            found.insert(pid);
            PortListener l;
            l.pid = pid;
            if (auto info = proctable::read(pid)) {
                l.cmdline = info->cmdline;
                l.isOpenClawGateway = proctable::looksLikeOpenClawGateway(info->cmdline);
            }
            report.listeners << l;
            break;
        }
    }
    if (report.listeners.isEmpty())
        report.listeners << PortListener{};
    return report;
}

} // namespace clawtray
