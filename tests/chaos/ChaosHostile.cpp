// Hostile local faults (issue: trust boundaries): another user's listener wins the port during a
// restart, a lease that names an unrelated process, and a control client that floods requests and
// never reads. Their invariants: no secret-bearing frame ever reaches a peer we did not verify,
// nothing that is not ours is signalled, and memory stays bounded.
#include "ChaosRunner.h"

#include "control/ControlProtocol.h"
#include "control/ControlServer.h"
#include "process/OwnershipLease.h"
#include "process/ProcTable.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTest>

#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace clawtray;

namespace chaos {

void ChaosRunner::faultHostileListener(Rng& rng)
{
    const QString python = QStringLiteral("/usr/bin/python3");
    if (::geteuid() != 0 || !QFile::exists(python) || !QFile::exists(QStringLiteral("/usr/bin/setpriv"))) {
        ++m_variantCounts[QStringLiteral("hostile-listener:unavailable")];
        return;
    }
    if (!ensureRunning())
        return;
    const QString dir = QDir(m_work.path()).filePath(QStringLiteral("hostile"));
    QDir().mkpath(dir);
    ::chmod(QFile::encodeName(m_work.path()).constData(), 0755);
    ::chmod(QFile::encodeName(dir).constData(), 0777);
    const QString script = QDir(dir).filePath(QStringLiteral("hostile_listener.py"));
    if (!QFile::exists(script))
        QFile::copy(QStringLiteral(CHAOS_TOOLS_DIR "/hostile_listener.py"), script);
    QFile::setPermissions(script, QFileDevice::ReadOwner | QFileDevice::ReadOther | QFileDevice::ReadGroup);
    const QString log = QDir(dir).filePath(QStringLiteral("step-%1.log").arg(m_step));
    QFile(log).open(QIODevice::WriteOnly);
    QFile::setPermissions(log, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther
                                   | QFileDevice::WriteOther);
    QProcess hostile;
    hostile.setProgram(QStringLiteral("setpriv"));
    // "oversize": its first WebSocket frame is 8 MiB instead of a challenge (never read: the peer
    // check refuses the connection first; the RSS invariant holds either way).
    const bool oversize = chance(rng, 0.4);
    hostile.setArguments({QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
                          python, script, QString::number(m_port), log,
                          oversize ? QStringLiteral("oversize") : QStringLiteral("imitate")});
    if (oversize)
        ++m_variantCounts[QStringLiteral("hostile-listener:oversize")];
    // The port frees when the gateway dies; the hostile listener retries binding until it wins or
    // our restarted gateway has it.
    ::kill(pid_t(m_manager->status().pid), SIGKILL);
    if (chance(rng, 0.5))
        QTest::qWait(randInt(rng, 0, 300));
    hostile.start(QIODevice::ReadOnly);
    const bool listening =
        QTest::qWaitFor([&] { return hostile.canReadLine() || hostile.state() == QProcess::NotRunning; }, 5000)
        && hostile.state() == QProcess::Running;
    settle(500);
    ++m_variantCounts[listening ? QStringLiteral("hostile-listener:held") : QStringLiteral("hostile-listener:lost-race")];
    QFile f(log);
    const QByteArray seen = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    if (seen.contains(m_token.toUtf8()) || seen.contains("\"signature\"") || seen.contains("\"method\":\"connect\""))
        violation(QStringLiteral("secret-to-unverified-peer"),
                  QStringLiteral("the listener of uid 65534 received: %1").arg(QString::fromUtf8(seen.left(300))));
    if (listening && hostile.state() != QProcess::Running)
        violation(QStringLiteral("foreign-process-killed"), QStringLiteral("another user's listener was killed"));
    checkInvariants();
    hostile.kill();
    hostile.waitForFinished(3000);
    settle(300);
}

void ChaosRunner::faultForgedLease(Rng& rng)
{
    if (!ensureStopped())
        return;
    // A process of ours with the right pid and start time, but not started by ClawTray.
    QProcess victim;
    victim.start(QStringLiteral("sleep"), {QStringLiteral("600")});
    if (!victim.waitForStarted())
        return;
    const pid_t pid = pid_t(victim.processId());
    const auto info = proctable::read(pid);
    auto lease = OwnershipLease::forChild(QStringLiteral("forged"), pid, info ? info->startTime : 0, m_port,
                                          QStringLiteral("forged-%1").arg(m_step));
    lease.ownerPid = 999999; // "a ClawTray that died"
    if (const Done written = lease.write(m_leasePath); !written)
        note(QStringLiteral("could not forge the lease: %1").arg(written.error().english()));
    const bool newInstance = chance(rng, 0.5);
    ++m_variantCounts[newInstance ? QStringLiteral("forged-lease:new-instance") : QStringLiteral("forged-lease:start")];
    if (newInstance)
        resetManager(); // as a restarted ClawTray finds it
    m_manager->start();
    settle(300);
    if (!proctable::alive(pid))
        violation(QStringLiteral("unrelated-process-signalled"),
                  QStringLiteral("pid %1 (sleep, named by a forged lease) was killed").arg(pid));
    checkInvariants();
    victim.kill();
    victim.waitForFinished(3000);
}

void ChaosRunner::faultControlFlood(Rng& rng)
{
    ControlServer server(m_manager.get());
    const QString path = QDir(m_xdgDir).filePath(QStringLiteral("chaos-%1.sock").arg(m_step));
    if (const Done listening = server.listen(path); !listening) {
        note(QStringLiteral("control-flood: %1").arg(listening.error().english()));
        return;
    }
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    qstrncpy(addr.sun_path, QFile::encodeName(path).constData(), sizeof addr.sun_path);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return;
    }
    QByteArray pending;
    const int requests = randInt(rng, 2000, 8000);
    for (int i = 0; i < requests; ++i)
        pending += ControlProtocol::encodeRequest({QString::number(i), QStringLiteral("diagnostics"), {}});
    ++m_variantCounts[QStringLiteral("control-flood:never-reads")];
    qint64 peak = 0;
    QElapsedTimer clock;
    clock.start();
    while (!pending.isEmpty() && clock.elapsed() < 1500) {
        const ssize_t n = ::write(fd, pending.constData(), size_t(qMin<qsizetype>(pending.size(), 65536)));
        if (n > 0)
            pending.remove(0, n);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        peak = qMax(peak, server.pendingOutputBytes());
    }
    ::close(fd);
    if (peak > ControlSession::kMaxPendingOutputBytes + 1024 * 1024)
        violation(QStringLiteral("control-output-unbounded"),
                  QStringLiteral("%1 bytes of answers waited for a client that never reads").arg(peak));
    settle(100);
    checkInvariants();
}

qint64 ChaosRunner::residentKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

} // namespace chaos
