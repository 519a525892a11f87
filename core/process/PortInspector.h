#pragma once

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

// Who listens on a local TCP port. One interface so another OS can use lsof/netstat later; the
// Linux implementation reads /proc/net/tcp{,6} and maps socket inodes to pids via /proc/<pid>/fd.
class PortInspector
{
public:
    virtual ~PortInspector() = default;
    virtual PortReport inspect(quint16 port) const = 0;
    // Whether a loopback bind on the port would succeed right now (the definitive "free").
    static bool canBind(quint16 port);
    static std::unique_ptr<PortInspector> create();
};

class LinuxPortInspector final : public PortInspector
{
public:
    PortReport inspect(quint16 port) const override;
    // Inodes of sockets in LISTEN state on the port, from /proc/net/tcp and tcp6 format text.
    static QList<quint64> listeningInodes(const QByteArray& procNetTcp, quint16 port);
};

} // namespace clawtray
