#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <sys/types.h>

namespace clawtray {

// A read-only view of one process: everything the process layer needs to decide whether a
// process is ours — its start time (so a reused pid is never mistaken for the one we launched),
// its group, its parent, its owner and its command line.
struct ProcInfo
{
    pid_t pid = 0;
    pid_t ppid = 0;
    pid_t pgid = 0;
    pid_t sid = 0;
    char state = '?';           // R, S, D, Z, T, ...
    quint64 startTime = 0;      // the kernel's start time of the process, in clock ticks since boot
    uid_t uid = 0;
    QStringList cmdline;

    bool isZombie() const { return state == 'Z' || state == 'X'; }
    QString commandLine() const { return cmdline.join(QLatin1Char(' ')); }
};

// One TCP socket of this network namespace, as the kernel lists it.
struct TcpSocketEntry
{
    quint16 localPort = 0;
    quint16 remotePort = 0;
    int state = 0; // the kernel's TCP state: 0x01 established, 0x0A listen, ...
    uid_t uid = 0;
    quint64 inode = 0;
    static constexpr int kListenState = 0x0A;
    bool isListening() const { return state == kListenState; }
};

// The operating system's side of supervising a process tree: the one seam a port to another
// system implements (docs/ARCHITECTURE.md, "Where OS code lives"). Everything else in ClawTray —
// the process layer's policies (ProcTable's helpers, ProcessSignal's verification, the reaper,
// the port and peer checks, GatewayProcess) — asks this interface and never the system itself;
// tests/scripts/os_seam_check.sh fails the test run when the system's process interfaces (its
// process table, child setup, pid handles, process groups, raw signals) appear anywhere but in
// core/process/<system>/.
//
// The Linux implementation is core/process/linux/LinuxProcessHost. A system without an
// implementation gets none at all (a configure error), never a silent stand-in that would, say,
// report every live pid dead.
class ProcessHost
{
public:
    virtual ~ProcessHost() = default;

    // This system's host (a static object: usable before QCoreApplication exists).
    static const ProcessHost& current();
    // Tests only: answer with `host` instead (nullptr: the system's again).
    static void setCurrentForTesting(const ProcessHost* host);

    // --- the process table
    virtual std::optional<ProcInfo> read(pid_t pid) const = 0;
    virtual QList<pid_t> allPids() const = 0;
    virtual bool alive(pid_t pid) const = 0;   // exists and is not a zombie
    // Gone, a zombie, or already inside the kernel's exit path: a process whose sockets are being
    // closed because it is dying, not because it chose to.
    virtual bool exiting(pid_t pid) const = 0;
    virtual qint64 startedAtEpochMs(pid_t pid) const = 0; // 0 unknown
    virtual QList<pid_t> groupMembers(pid_t pgid) const = 0; // live members
    // Live processes of this user whose environment holds NAME=VALUE exactly, and the same test
    // for one process (false when gone or another user's).
    virtual QList<pid_t> withEnvironment(const QByteArray& name, const QByteArray& value) const = 0;
    virtual bool hasEnvironment(pid_t pid, const QByteArray& name, const QByteArray& value) const = 0;
    // The kernel's id of this boot; empty when unknown. Start times count from boot, so a pid and
    // start time recorded in another boot mean nothing now.
    virtual QString bootId() const = 0;

    // --- sockets
    // Inodes of the sockets a process holds open; empty when gone or not visible to us.
    virtual QList<quint64> socketInodes(pid_t pid) const = 0;
    // Every TCP socket (IPv4 and IPv6); nothing when the system does not tell.
    virtual std::optional<QList<TcpSocketEntry>> tcpSockets() const = 0;
    // The server end of the 127.0.0.1 connection serverPort <- clientPort, asked of the kernel by
    // exact lookup (fast); nothing when it does not answer (callers fall back to tcpSockets()).
    virtual std::optional<TcpSocketEntry> lookupLoopbackV4(quint16 serverPort, quint16 clientPort) const = 0;

    // --- signals
    // A handle on that very process (immune to pid reuse), or -1 (errno set; ESRCH: gone).
    virtual int openHandle(pid_t pid) const = 0;
    virtual int signalHandle(int handle, int sig) const = 0;   // 0 or -1 with errno
    virtual void closeHandle(int handle) const = 0;
    // Plain signal to a pid, or to a whole group with -pgid; 0 or -1 with errno.
    virtual int signal(pid_t pidOrMinusGroup, int sig) const = 0;

    // --- spawning
    // Runs in the child between fork and exec (async-signal-safe only): its own process group,
    // SIGPIPE back to default, and with `dieWithParent` killed when `parentPid` goes (or exits at
    // once when the parent is already gone).
    virtual void prepareChild(pid_t parentPid, bool dieWithParent) const = 0;
    // The parent's half of the same: `child` leads its own group before anybody signals it.
    virtual void makeGroupLeader(pid_t child) const = 0;

    // --- exits
    // A descriptor that becomes readable when `pid` has exited (any process, not only children);
    // -1 when the system has none (the caller then polls alive()). Closed with closeHandle().
    virtual int openExitWatch(pid_t pid) const = 0;

    // --- ClawTray itself
    // The directory of the running executable, with a trailing '/', or "" when unknown.
    virtual std::string ownExecutableDir() const = 0;
private:
    // Defined by the one platform implementation linked in (core/process/<system>/).
    static const ProcessHost& currentSystem();
};

} // namespace clawtray
