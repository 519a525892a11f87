#include "process/ProcTable.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
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

// The scans below run on every gateway exit and before every spawn, over every process on the
// machine: plain system calls into a reused buffer, no Qt file objects or string conversions.
// Reads the whole file into `buf` (grown as needed) and returns the number of bytes, or -1.
ssize_t readInto(const char* path, std::string& buf, struct stat* st = nullptr)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (st && ::fstat(fd, st) != 0) {
        ::close(fd);
        return -1;
    }
    size_t used = 0;
    for (;;) {
        if (used == buf.size())
            buf.resize(std::max<size_t>(256, buf.size() * 2));
        const ssize_t n = ::read(fd, buf.data() + used, buf.size() - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        used += size_t(n);
    }
    ::close(fd);
    return ssize_t(used);
}

template <typename F>
void forEachPid(F&& f)
{
    DIR* d = ::opendir("/proc");
    if (!d)
        return;
    while (const dirent* e = ::readdir(d)) {
        const char* n = e->d_name;
        if (*n < '1' || *n > '9')
            continue;
        char* end = nullptr;
        const long pid = std::strtol(n, &end, 10);
        if (end && *end == '\0' && pid > 0)
            f(pid_t(pid));
    }
    ::closedir(d);
}

struct StatBrief
{
    char state = '?';
    pid_t ppid = 0;
    pid_t pgid = 0;
    unsigned long flags = 0; // the kernel's per-task flags (field 9)
};

constexpr unsigned long kPfExiting = 0x00000004; // include/linux/sched.h

// State, parent and group from /proc/<pid>/stat, without the command line or the start time.
std::optional<StatBrief> readBrief(pid_t pid, std::string& buf)
{
    char path[40];
    std::snprintf(path, sizeof path, "/proc/%d/stat", int(pid));
    const ssize_t n = readInto(path, buf);
    if (n <= 0)
        return std::nullopt;
    // "pid (comm) S ppid pgrp ...": comm may contain spaces and parentheses, so find the last ')'.
    const char* begin = buf.data();
    const char* close = nullptr;
    for (const char* p = begin + n - 1; p >= begin; --p)
        if (*p == ')') {
            close = p;
            break;
        }
    if (!close || close + 2 >= begin + n)
        return std::nullopt;
    StatBrief b;
    b.state = close[2];
    const char* p = close + 3;
    char* end = nullptr;
    b.ppid = pid_t(std::strtol(p, &end, 10));
    if (end == p)
        return std::nullopt;
    p = end;
    b.pgid = pid_t(std::strtol(p, &end, 10));
    if (end == p)
        return std::nullopt;
    // session tty_nr tpgid flags
    for (int i = 0; i < 3; ++i) {
        p = end;
        std::strtol(p, &end, 10);
        if (end == p)
            return b;
    }
    p = end;
    b.flags = std::strtoul(p, &end, 10);
    return b;
}

bool isZombieState(char s)
{
    return s == 'Z' || s == 'X';
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
    forEachPid([&](pid_t pid) { out << pid; });
    return out;
}

bool alive(pid_t pid)
{
    if (pid <= 0)
        return false;
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return false;
    std::string buf(512, '\0');
    const auto b = readBrief(pid, buf);
    return b && !isZombieState(b->state);
}

bool exiting(pid_t pid)
{
    if (pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH))
        return true;
    std::string buf(512, '\0');
    const auto b = readBrief(pid, buf);
    return !b || isZombieState(b->state) || (b->flags & kPfExiting) != 0;
}

qint64 startedAtEpochMs(pid_t pid)
{
    const auto info = read(pid);
    if (!info || info->isZombie())
        return 0;
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    qint64 bootSec = 0;
    for (const QByteArray& line : stat.readAll().split('\n'))
        if (line.startsWith("btime "))
            bootSec = line.mid(6).trimmed().toLongLong();
    const long ticks = ::sysconf(_SC_CLK_TCK);
    if (bootSec <= 0 || ticks <= 0)
        return 0;
    return bootSec * 1000 + qint64(info->startTime) * 1000 / ticks;
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
    // An empty group (the usual answer once a gateway has gone) needs no scan at all.
    if (::kill(-pgid, 0) != 0 && errno == ESRCH)
        return out;
    std::string buf(512, '\0');
    forEachPid([&](pid_t pid) {
        const auto b = readBrief(pid, buf);
        if (b && b->pgid == pgid && !isZombieState(b->state))
            out << pid;
    });
    return out;
}

QList<quint64> socketInodes(pid_t pid)
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

pid_t holderOfSocket(quint64 inode)
{
    pid_t holder = 0;
    forEachPid([&](pid_t pid) {
        if (holder == 0 && socketInodes(pid).contains(inode))
            holder = pid;
    });
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

namespace {

// NAME=VALUE as one whole NUL-separated entry of `buf`, never a part of another entry.
bool environHas(const std::string& buf, ssize_t n, const QByteArray& wanted)
{
    const char* p = buf.data();
    const char* const end = p + n;
    while (p < end) {
        const auto* nul = static_cast<const char*>(std::memchr(p, '\0', size_t(end - p)));
        const char* const entryEnd = nul ? nul : end;
        if (entryEnd - p == wanted.size() && std::memcmp(p, wanted.constData(), size_t(wanted.size())) == 0)
            return true;
        p = entryEnd + 1;
    }
    return false;
}

// Reads /proc/<pid>/environ when the process belongs to this user; -1 otherwise.
ssize_t readOwnEnviron(pid_t pid, std::string& buf)
{
    char path[48];
    std::snprintf(path, sizeof path, "/proc/%d/environ", int(pid));
    struct stat st {};
    const ssize_t n = readInto(path, buf, &st);
    return n > 0 && st.st_uid == ::getuid() ? n : -1;
}

} // namespace

QList<pid_t> withEnvironment(const QByteArray& name, const QByteArray& value)
{
    QList<pid_t> out;
    const QByteArray wanted = name + '=' + value;
    const pid_t self = ::getpid();
    std::string buf(16384, '\0');
    forEachPid([&](pid_t pid) {
        if (pid == self)
            return;
        const ssize_t n = readOwnEnviron(pid, buf);
        if (n > 0 && environHas(buf, n, wanted) && alive(pid))
            out << pid;
    });
    return out;
}

bool hasEnvironment(pid_t pid, const QByteArray& name, const QByteArray& value)
{
    if (pid <= 0 || name.isEmpty())
        return false;
    std::string buf(16384, '\0');
    const ssize_t n = readOwnEnviron(pid, buf);
    return n > 0 && environHas(buf, n, name + '=' + value);
}

QString bootId()
{
    static const QString id = QString::fromLatin1(readFile(QStringLiteral("/proc/sys/kernel/random/boot_id")).trimmed());
    return id;
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
