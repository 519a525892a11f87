#include "process/ProcessSignal.h"

#include "process/LaunchSpec.h"
#include "process/ProcTable.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace clawtray::procsignal {
namespace {

const ProcessHost& host()
{
    return ProcessHost::current();
}

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
    const int fd = host().openHandle(pid);
    if (fd < 0 && errno == ESRCH)
        return {Outcome::Gone, {}};
    const auto info = proctable::read(pid);
    if (!info) {
        host().closeHandle(fd);
        return {Outcome::Gone, {}};
    }
    if (const QString why = mismatch(*info, expect); !why.isEmpty()) {
        host().closeHandle(fd);
        return {info->isZombie() ? Outcome::Gone : Outcome::NotOurs, QStringLiteral("pid %1: %2").arg(pid).arg(why)};
    }
    const int rc = fd >= 0 ? host().signalHandle(fd, sig) : host().signal(pid, sig);
    const int e = errno;
    host().closeHandle(fd);
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
        host().signal(-leader, sig);
        return;
    }
    const bool reused = proctable::alive(leader) && !leaseTag.isEmpty()
                        && !proctable::hasEnvironment(leader, LaunchSpec::kLeaseTagVariable, leaseTag);
    sendToGroup(leader, sig, reused ? leaseTag : QByteArray(), {::getpid()});
}

} // namespace clawtray::procsignal
