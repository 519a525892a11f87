#include "process/ProcTable.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <signal.h>
#include <unistd.h>

namespace clawtray::proctable {
namespace {

QByteArray readFile(const QString& path, qint64 max = 1 << 20)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(max);
}

} // namespace

std::optional<ProcInfo> read(pid_t pid)
{
    if (pid <= 0)
        return std::nullopt;
    const QByteArray stat = readFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const int close = stat.lastIndexOf(')');
    if (stat.isEmpty() || close < 0)
        return std::nullopt;
    // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
    // utime stime cutime cstime priority nice num_threads itrealvalue starttime ...
    const QList<QByteArray> f = stat.mid(close + 2).split(' ');
    if (f.size() < 20)
        return std::nullopt;
    ProcInfo info;
    info.pid = pid;
    info.state = f.at(0).isEmpty() ? '?' : f.at(0).at(0);
    info.ppid = f.at(1).toInt();
    info.pgid = f.at(2).toInt();
    info.sid = f.at(3).toInt();
    info.startTime = f.at(19).toULongLong();
    QFileInfo fi(QStringLiteral("/proc/%1").arg(pid));
    info.uid = fi.ownerId();
    for (const QByteArray& part : readFile(QStringLiteral("/proc/%1/cmdline").arg(pid)).split('\0'))
        if (!part.isEmpty())
            info.cmdline << QString::fromLocal8Bit(part);
    // Node rewrites argv in place for process.title and pads with spaces.
    if (info.cmdline.size() == 1)
        info.cmdline = QStringList{info.cmdline.first().trimmed()};
    return info;
}

QList<pid_t> allPids()
{
    QList<pid_t> out;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    out.reserve(entries.size());
    for (const QString& e : entries) {
        bool ok = false;
        const int pid = e.toInt(&ok);
        if (ok && pid > 0)
            out << pid_t(pid);
    }
    return out;
}

bool alive(pid_t pid)
{
    if (pid <= 0)
        return false;
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return false;
    const auto info = read(pid);
    return info && !info->isZombie();
}

bool aliveWithStartTime(pid_t pid, quint64 startTime)
{
    const auto info = read(pid);
    return info && !info->isZombie() && info->startTime == startTime;
}

QList<pid_t> groupMembers(pid_t pgid)
{
    QList<pid_t> out;
    if (pgid <= 1)
        return out;
    for (pid_t pid : allPids()) {
        const auto info = read(pid);
        if (info && info->pgid == pgid && !info->isZombie())
            out << pid;
    }
    return out;
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

QList<pid_t> withEnvironment(const QByteArray& name, const QByteArray& value)
{
    QList<pid_t> out;
    const QByteArray needle = name + '=' + value;
    const uid_t me = ::getuid();
    for (pid_t pid : allPids()) {
        if (QFileInfo(QStringLiteral("/proc/%1").arg(pid)).ownerId() != me)
            continue;
        const QByteArray env = readFile(QStringLiteral("/proc/%1/environ").arg(pid));
        if (env.isEmpty())
            continue;
        for (const QByteArray& entry : env.split('\0')) {
            if (entry == needle) {
                if (alive(pid))
                    out << pid;
                break;
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
            && cmdline.at(i + 1) == QLatin1String("gateway"))
            return true;
    }
    return false;
}

} // namespace clawtray::proctable
