#pragma once

#include "process/ProcessHost.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <sys/types.h>

namespace clawtray {

struct PortListener
{
    pid_t pid = 0;            // 0 when the socket's owner could not be found (another user's process)
    QStringList cmdline;
    bool isOpenClawGateway = false;
    QString describe() const;
};

struct PortReport
{
    enum class Status { Free, Busy, Unknown };
    Status status = Status::Unknown;
    QList<PortListener> listeners; // may be empty while Busy (owner not visible to us)
    QString detail;
};

// Who listens on a local TCP port. One interface, so a system whose ProcessHost cannot list sockets
// can answer another way (lsof, netstat); HostPortInspector asks ProcessHost for the listening
// sockets and the processes holding them.
class PortInspector
{
public:
    virtual ~PortInspector() = default;
    virtual PortReport inspect(quint16 port) const = 0;
    // Whether a loopback bind on the port would succeed right now (the definitive "free").
    static bool canBind(quint16 port);
    static std::unique_ptr<PortInspector> create();
};

class HostPortInspector final : public PortInspector
{
public:
    PortReport inspect(quint16 port) const override;
    // Inodes of the sockets listening on the port.
    static QList<quint64> listeningInodes(const QList<TcpSocketEntry>& sockets, quint16 port);
};

} // namespace clawtray
