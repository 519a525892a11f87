#include "process/ProcTable.h"

namespace clawtray::proctable {
namespace {
const ProcessHost& host()
{
    return ProcessHost::current();
}
} // namespace

std::optional<ProcInfo> read(pid_t pid)
{
    return host().read(pid);
}

QList<pid_t> allPids()
{
    return host().allPids();
}

bool alive(pid_t pid)
{
    return host().alive(pid);
}

bool exiting(pid_t pid)
{
    return host().exiting(pid);
}

qint64 startedAtEpochMs(pid_t pid)
{
    return host().startedAtEpochMs(pid);
}

QList<pid_t> groupMembers(pid_t pgid)
{
    return host().groupMembers(pgid);
}

QList<quint64> socketInodes(pid_t pid)
{
    return host().socketInodes(pid);
}

QList<pid_t> withEnvironment(const QByteArray& name, const QByteArray& value)
{
    return host().withEnvironment(name, value);
}

bool hasEnvironment(pid_t pid, const QByteArray& name, const QByteArray& value)
{
    return host().hasEnvironment(pid, name, value);
}

QString bootId()
{
    return host().bootId();
}

bool aliveWithStartTime(pid_t pid, quint64 startTime)
{
    const auto info = read(pid);
    return info && !info->isZombie() && info->startTime == startTime;
}

pid_t holderOfSocket(quint64 inode)
{
    pid_t holder = 0;
    for (pid_t pid : allPids()) {
        if (socketInodes(pid).contains(inode)) {
            holder = pid;
            break;
        }
    }
    return holder;
}

QList<pid_t> ancestorsOf(pid_t pid, int maxDepth)
{
    QList<pid_t> out;
    pid_t cur = pid;
    for (int i = 0; i < maxDepth; ++i) {
        const auto info = read(cur);
        if (!info || info->ppid <= 0)
            break;
        out << info->ppid;
        if (info->ppid == 1)
            break;
        cur = info->ppid;
    }
    return out;
}

QList<pid_t> descendantsOf(pid_t root)
{
    QList<ProcInfo> all;
    for (pid_t pid : allPids())
        if (auto info = read(pid); info && !info->isZombie())
            all << *info;
    QList<pid_t> out;
    QList<pid_t> frontier{root};
    while (!frontier.isEmpty()) {
        const pid_t parent = frontier.takeFirst();
        for (const ProcInfo& p : all) {
            if (p.ppid == parent && !out.contains(p.pid)) {
                out << p.pid;
                frontier << p.pid;
            }
        }
    }
    return out;
}

bool looksLikeOpenClawGateway(const QStringList& cmdline)
{
    if (cmdline.isEmpty())
        return false;
    const QString first = cmdline.first();
    if (first == QLatin1String("openclaw-gateway") || first.startsWith(QLatin1String("openclaw-gateway ")))
        return true;
    for (int i = 0; i + 1 < cmdline.size(); ++i) {
        const QString a = cmdline.at(i);
        if ((a.endsWith(QLatin1String("openclaw.mjs")) || a.endsWith(QLatin1String("/openclaw"))
             || a == QLatin1String("openclaw"))
            && cmdline.at(i + 1) == QLatin1String("gateway")) {
            // `gateway run` / `gateway --port ...` serve; `gateway status|call|restart-handoff ...`
            // are one-shot CLI commands against a gateway, not one.
            const QString next = cmdline.value(i + 2);
            return next.isEmpty() || next == QLatin1String("run") || next.startsWith(QLatin1Char('-'));
        }
    }
    return false;
}

} // namespace clawtray::proctable
