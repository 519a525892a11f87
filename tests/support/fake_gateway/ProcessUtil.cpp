#include "ProcessUtil.h"

#include <cstdlib>
#include <time.h>
#include <QDir>
#include <QList>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fakegw {
namespace {

QList<pid_t> s_helpers;

void writeAll(int fd, const char* data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) { // someone made our pipe non-blocking: wait, then retry
                ::usleep(1000);
                continue;
            }
            if (errno == EPIPE)
                ::_exit(0); // what the real gateway does when its reader went away
            return;
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
}

void writeLine(int fd, const QByteArray& line)
{
    QByteArray buffer = line;
    buffer.append('\n');
    writeAll(fd, buffer.constData(), static_cast<size_t>(buffer.size()));
}

int signalByName(const QString& name)
{
    if (name == QLatin1String("SEGV"))
        return SIGSEGV;
    if (name == QLatin1String("KILL"))
        return SIGKILL;
    if (name == QLatin1String("ABRT"))
        return SIGABRT;
    if (name == QLatin1String("TERM"))
        return SIGTERM;
    if (name == QLatin1String("BUS"))
        return SIGBUS;
    if (name == QLatin1String("ILL"))
        return SIGILL;
    return SIGKILL;
}

} // namespace

void outLine(const QByteArray& line)
{
    writeLine(STDOUT_FILENO, line);
}
void errLine(const QByteArray& line)
{
    writeLine(STDERR_FILENO, line);
}

QByteArray stateDirLockedMessage(const QString& lockPath)
{
    // The real message is misleading ("requires state migration"); keep that flavour, but say
    // what actually happened so a test can match it.
    return QByteArrayLiteral("[gateway] Gateway failed to start: another gateway instance holds the state dir lock (") +
           lockPath.toUtf8() +
           QByteArrayLiteral(
               "); gateway requires state migration or the other instance to stop. Exiting with code 78.");
}

bool acquireStateDirLock(const QString& stateDir, QString* message)
{
    const QString dir = QDir(stateDir).filePath(QStringLiteral("tmp/openclaw-%1").arg(::getuid()));
    QDir().mkpath(dir);
    const QString lockPath = QDir(dir).filePath(QStringLiteral("gateway.lock"));
    const int fd = ::open(QFile::encodeName(lockPath).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        *message = QStringLiteral("[gateway] cannot open lock file %1: %2")
                       .arg(lockPath, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        *message = QString::fromUtf8(stateDirLockedMessage(lockPath));
        return false;
    }
    const QByteArray pid = QByteArray::number(::getpid()) + '\n';
    if (::ftruncate(fd, 0) == 0)
        writeAll(fd, pid.constData(), static_cast<size_t>(pid.size()));
    return true; // fd stays open (and locked) until the process ends
}

pid_t spawnHelper(const char* kind)
{
    char exe[4096];
    const ssize_t len = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return -1;
    exe[len] = '\0';
    const bool detached = std::strcmp(kind, "detached") == 0;
    const std::string parent = std::to_string(::getpid());
    const pid_t pid = ::fork();
    if (pid != 0) {
        if (pid > 0)
            s_helpers.append(pid);
        return pid;
    }
    // Child: only async-signal-safe calls until execv.
    if (detached) {
        ::setsid(); // own session and process group, like the real spawn broker
        const int devnull = ::open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            ::dup2(devnull, 0);
            ::dup2(devnull, 1);
            ::dup2(devnull, 2);
        }
    }
    for (int fd = 3; fd < 1024; ++fd)
        ::close(fd);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig = 1; sig < NSIG; ++sig)
        ::signal(sig, SIG_DFL);
    char* const argv[] = {exe,
                          const_cast<char*>("--fake-sleeper"),
                          const_cast<char*>("--fake-helper-kind"),
                          const_cast<char*>(kind),
                          const_cast<char*>("--fake-parent-pid"),
                          const_cast<char*>(parent.c_str()),
                          nullptr};
    ::execv(exe, argv);
    ::_exit(127);
}

void reapHelpers()
{
    for (int i = s_helpers.size() - 1; i >= 0; --i) {
        int status = 0;
        if (::waitpid(s_helpers.at(i), &status, WNOHANG) == s_helpers.at(i))
            s_helpers.removeAt(i);
    }
}

void floodOutput(qint64 bytes)
{
    static const char* const templates[] = {
        "[gateway] ws client connected conn=%08llx remote=127.0.0.1 client=gateway-client backend",
        "[plugins] loaded plugin flood-%03llu in %llums",
        "[diagnostic] event loop delay p99=%llums max=%llums utilization=0.%02llu",
        "warn: [model-catalog] refresh skipped: offline (attempt %llu, next in %llus)",
        "[agents] heartbeat scheduler tick agent=main n=%llu due=%llums",
        "[ws] res health ok conn=%08llx id=%llu 3ms",
        "error: [channels] telegram probe failed (%llu): ENOTFOUND api.telegram.org %llu",
    };
    const int count = static_cast<int>(sizeof templates / sizeof templates[0]);
    qint64 written[2] = {0, 0};
    unsigned long long n = 0;
    std::string chunk;
    chunk.reserve(70000);
    char line[512];
    while (written[0] < bytes || written[1] < bytes) {
        for (int stream = 0; stream < 2; ++stream) {
            if (written[stream] >= bytes)
                continue;
            const qint64 want = std::min<qint64>(65536, bytes - written[stream]);
            chunk.clear();
            while (static_cast<qint64>(chunk.size()) < want) {
                ++n;
                const int prefix = std::snprintf(line, sizeof line, "%s #%llu ", stream ? "stderr" : "stdout", n);
                std::snprintf(line + prefix, sizeof line - static_cast<size_t>(prefix), templates[n % count],
                              n * 2654435761ULL, n % 997, (n * 7) % 1000, n % 100);
                chunk.append(line);
                chunk.append(1, '\n');
            }
            chunk.resize(static_cast<size_t>(want));
            chunk.back() = '\n';
            writeAll(stream ? STDERR_FILENO : STDOUT_FILENO, chunk.data(), chunk.size());
            written[stream] += want;
        }
    }
}

void dieBySignal(const QString& name)
{
    const int sig = signalByName(name);
    struct rlimit noCore
    {
        0, 0
    };
    ::setrlimit(RLIMIT_CORE, &noCore);
    ::signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
    ::raise(sig);
    ::kill(::getpid(), SIGKILL); // in case the signal was somehow survivable
    ::_exit(128 + sig);
}

void blockProcess(qint64 ms)
{
    if (ms <= 0) {
        for (;;)
            ::pause();
    }
    timespec deadline{};
    ::clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += static_cast<time_t>(ms / 1000);
    deadline.tv_nsec += static_cast<long>((ms % 1000) * 1000000);
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec += 1;
        deadline.tv_nsec -= 1000000000L;
    }
    while (::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr) == EINTR) {
    }
}

int runSleeper()
{
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGHUP, SIG_DFL);
    for (;;)
        ::pause();
}

qint64 monotonicNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void timestampLog(const char* event, qint64 atNs)
{
    const char* path = ::getenv("FAKE_TIMESTAMP_LOG");
    if (!path || !*path)
        return;
    const QByteArray line = QByteArray(event) + ' ' + QByteArray::number(atNs >= 0 ? atNs : monotonicNs()) + ' '
                            + QByteArray::number(::getpid()) + '\n';
    const int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    const ssize_t n = ::write(fd, line.constData(), size_t(line.size()));
    Q_UNUSED(n);
    ::close(fd);
}

} // namespace fakegw
