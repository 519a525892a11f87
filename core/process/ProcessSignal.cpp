#include "process/ProcessSignal.h"

#include "process/LaunchSpec.h"
#include "process/ProcTable.h"

#include <cerrno>
#include <cstring>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace clawtray::procsignal {
namespace {

#if defined(__linux__) && defined(SYS_pidfd_open) && defined(SYS_pidfd_send_signal)
int openHandle(pid_t pid)
{
    return int(::syscall(SYS_pidfd_open, pid, 0));
}
int signalHandle(int fd, int sig)
{
    return int(::syscall(SYS_pidfd_send_signal, fd, sig, nullptr, 0));
}
#else
int openHandle(pid_t)
{
    errno = ENOSYS;
    return -1;
}
int signalHandle(int, int)
{
    errno = ENOSYS;
    return -1;
}
#endif

QString mismatch(const ProcInfo& info, const Identity& expect)
{
    if (info.isZombie())
        return QStringLiteral("it has exited");
    if (info.uid != ::getuid())
        return QStringLiteral("it belongs to uid %1").arg(info.uid);
    if (expect.startTime && info.startTime != expect.startTime)
        return QStringLiteral("its start time %1 is not the recorded %2").arg(info.startTime).arg(expect.startTime);
    if (expect.pgid && info.pgid != expect.pgid)
        return QStringLiteral("it is in process group %1, not %2").arg(info.pgid).arg(expect.pgid);
    if (!expect.leaseTag.isEmpty() && !proctable::hasEnvironment(info.pid, LaunchSpec::kLeaseTagVariable, expect.leaseTag))
        return QStringLiteral("it does not carry this gateway's lease tag");
    return {};
}

} // namespace

Result send(pid_t pid, int sig, const Identity& expect)
{
    if (pid <= 1 || pid == ::getpid())
        return {Outcome::NotOurs, QStringLiteral("pid %1 is never signalled").arg(pid)};
    // Open first, verify second: whatever the checks see is the process the handle refers to.
    const int fd = openHandle(pid);
    if (fd < 0 && errno == ESRCH)
        return {Outcome::Gone, {}};
    const auto info = proctable::read(pid);
    if (!info) {
        if (fd >= 0)
            ::close(fd);
        return {Outcome::Gone, {}};
    }
    if (const QString why = mismatch(*info, expect); !why.isEmpty()) {
        if (fd >= 0)
            ::close(fd);
        return {info->isZombie() ? Outcome::Gone : Outcome::NotOurs, QStringLiteral("pid %1: %2").arg(pid).arg(why)};
    }
    const int rc = fd >= 0 ? signalHandle(fd, sig) : ::kill(pid, sig);
    const int e = errno;
    if (fd >= 0)
        ::close(fd);
    if (rc == 0)
        return {Outcome::Sent, {}};
    if (e == ESRCH)
        return {Outcome::Gone, {}};
    return {Outcome::Failed, QStringLiteral("pid %1: %2").arg(pid).arg(QString::fromLocal8Bit(std::strerror(e)))};
}

int sendToTagged(const QByteArray& leaseTag, int sig, const QSet<pid_t>& skip)
{
    if (leaseTag.isEmpty())
        return 0;
    int n = 0;
    for (pid_t p : proctable::withEnvironment(LaunchSpec::kLeaseTagVariable, leaseTag))
        if (!skip.contains(p) && send(p, sig, Identity{0, leaseTag, 0}).sent())
            ++n;
    return n;
}

int sendToGroup(pid_t pgid, int sig, const QByteArray& leaseTag, const QSet<pid_t>& skip)
{
    int n = 0;
    for (pid_t p : proctable::groupMembers(pgid))
        if (!skip.contains(p) && send(p, sig, Identity{0, leaseTag, pgid}).sent())
            ++n;
    return n;
}

void sendToChildGroup(pid_t leader, bool leaderUnreaped, int sig, const QByteArray& leaseTag)
{
    if (leader <= 1)
        return;
    if (leaderUnreaped) {
        ::kill(-leader, sig);
        return;
    }
    const bool reused = proctable::alive(leader) && !leaseTag.isEmpty()
                        && !proctable::hasEnvironment(leader, LaunchSpec::kLeaseTagVariable, leaseTag);
    sendToGroup(leader, sig, reused ? leaseTag : QByteArray(), {::getpid()});
}

} // namespace clawtray::procsignal
