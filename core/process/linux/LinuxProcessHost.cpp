// LinuxProcessHost, part one: the process table from /proc, signals through pidfds, the child's
// setup between fork and exec, exit watches, the own executable. Sockets: LinuxProcessHostSockets.cpp.
#include "process/linux/LinuxProcessHost.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace clawtray {
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

const ProcessHost& ProcessHost::currentSystem()
{
    static const LinuxProcessHost host;
    return host;
}

std::optional<ProcInfo> LinuxProcessHost::read(pid_t pid) const
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

QList<pid_t> LinuxProcessHost::allPids() const
{
    QList<pid_t> out;
    forEachPid([&](pid_t pid) { out << pid; });
    return out;
}

bool LinuxProcessHost::alive(pid_t pid) const
{
    if (pid <= 0)
        return false;
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return false;
    std::string buf(512, '\0');
    const auto b = readBrief(pid, buf);
    return b && !isZombieState(b->state);
}

bool LinuxProcessHost::exiting(pid_t pid) const
{
    if (pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH))
        return true;
    std::string buf(512, '\0');
    const auto b = readBrief(pid, buf);
    return !b || isZombieState(b->state) || (b->flags & kPfExiting) != 0;
}

qint64 LinuxProcessHost::startedAtEpochMs(pid_t pid) const
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

QList<pid_t> LinuxProcessHost::groupMembers(pid_t pgid) const
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

QList<pid_t> LinuxProcessHost::withEnvironment(const QByteArray& name, const QByteArray& value) const
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

bool LinuxProcessHost::hasEnvironment(pid_t pid, const QByteArray& name, const QByteArray& value) const
{
    if (pid <= 0 || name.isEmpty())
        return false;
    std::string buf(16384, '\0');
    const ssize_t n = readOwnEnviron(pid, buf);
    return n > 0 && environHas(buf, n, name + '=' + value);
}

QString LinuxProcessHost::bootId() const
{
    static const QString id = QString::fromLatin1(readFile(QStringLiteral("/proc/sys/kernel/random/boot_id")).trimmed());
    return id;
}

int LinuxProcessHost::openHandle(pid_t pid) const
{
#if defined(SYS_pidfd_open)
    return int(::syscall(SYS_pidfd_open, pid, 0));
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
}

int LinuxProcessHost::signalHandle(int handle, int sig) const
{
#if defined(SYS_pidfd_send_signal)
    return int(::syscall(SYS_pidfd_send_signal, handle, sig, nullptr, 0));
#else
    (void)handle;
    (void)sig;
    errno = ENOSYS;
    return -1;
#endif
}

void LinuxProcessHost::closeHandle(int handle) const
{
    if (handle >= 0)
        ::close(handle);
}

int LinuxProcessHost::signal(pid_t pidOrMinusGroup, int sig) const
{
    return ::kill(pidOrMinusGroup, sig);
}

void LinuxProcessHost::prepareChild(pid_t parentPid, bool dieWithParent) const
{
    // Between fork and exec: async-signal-safe calls only.
    ::setpgid(0, 0);
    // ClawTray ignores SIGPIPE (a closed stdout must not kill the supervisor); an ignored signal
    // survives exec, so the child gets the default back.
    ::signal(SIGPIPE, SIG_DFL);
    if (!dieWithParent)
        return;
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The parent may have died between fork and prctl: then nobody would ever reap us.
    if (::getppid() != parentPid)
        ::_exit(127);
}

void LinuxProcessHost::makeGroupLeader(pid_t child) const
{
    ::setpgid(child, child);
}

int LinuxProcessHost::openExitWatch(pid_t pid) const
{
    // A pidfd becomes readable when its process exits, child of ours or not.
    return openHandle(pid);
}

std::string LinuxProcessHost::ownExecutableDir() const
{
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return {};
    buf[n] = '\0';
    const std::string path(buf);
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

} // namespace clawtray
