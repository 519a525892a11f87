#pragma once

#include "process/ProcessHost.h"

namespace clawtray {

// ProcessHost on Linux: the process table from /proc (plain system calls into reused buffers: the
// scans run on every gateway exit and before every spawn, over every process of the machine),
// signals through pidfds (kernel 5.3+; older kernels fall back to kill(2)), PR_SET_PDEATHSIG for
// children, pidfd exit watches, the TCP table from /proc/net/tcp{,6} and sock_diag.
class LinuxProcessHost final : public ProcessHost
{
public:
    std::optional<ProcInfo> read(pid_t pid) const override;
    QList<pid_t> allPids() const override;
    bool alive(pid_t pid) const override;
    bool exiting(pid_t pid) const override;
    qint64 startedAtEpochMs(pid_t pid) const override;
    QList<pid_t> groupMembers(pid_t pgid) const override;
    QList<pid_t> withEnvironment(const QByteArray& name, const QByteArray& value) const override;
    bool hasEnvironment(pid_t pid, const QByteArray& name, const QByteArray& value) const override;
    QString bootId() const override;

    QList<quint64> socketInodes(pid_t pid) const override;
    std::optional<QList<TcpSocketEntry>> tcpSockets() const override;
    std::optional<TcpSocketEntry> lookupLoopbackV4(quint16 serverPort, quint16 clientPort) const override;

    int openHandle(pid_t pid) const override;
    int signalHandle(int handle, int sig) const override;
    void closeHandle(int handle) const override;
    int signal(pid_t pidOrMinusGroup, int sig) const override;

    void prepareChild(pid_t parentPid, bool dieWithParent) const override;
    void makeGroupLeader(pid_t child) const override;
    int openExitWatch(pid_t pid) const override;

    std::string ownExecutableDir() const override;

    // /proc/net/tcp or tcp6 text into entries (malformed lines skipped); public for the tests.
    static QList<TcpSocketEntry> parseTcpTable(const QByteArray& text);
};

} // namespace clawtray
