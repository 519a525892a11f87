// GatewayProcess: how a stop ends — the reaping of the group and its helpers, and the hand-over
// of an exit to the background when a successor needs only the ports and the state lock.
#include "process/GatewayProcess.h"

#include "logging/Logging.h"
#include "process/ProcTable.h"
#include "process/ProcessHost.h"

#include <QSocketNotifier>

#include <csignal>
#include <poll.h>

namespace clawtray {

void GatewayProcess::stopForSuccessor(std::function<bool(pid_t)> letGo)
{
    stop();
    if (m_state != State::Stopping || !letGo)
        return;
    m_letGo = std::move(letGo);
    m_letGoTick.start(m_config.letGoPollMs);
}

void GatewayProcess::checkLetGo()
{
    if (m_state != State::Stopping || !m_letGo || !m_process || m_exit.killedByUs()) {
        m_letGoTick.stop();
        return;
    }
    if (m_letGo(m_pid))
        handOverExit();
}

void GatewayProcess::handOverExit()
{
    // The rest of this exit belongs to a GatewayProcess of its own, in the state this one is in: it
    // keeps the grace timer's deadline, reaps the helpers and logs the exit, then goes away.
    m_letGoTick.stop();
    m_letGo = nullptr;
    auto* rest = new GatewayProcess(this);
    rest->m_config = m_config;
    rest->m_state = State::Stopping;
    rest->m_spec = m_spec;
    rest->m_pid = m_pid;
    rest->m_startTime = m_startTime;
    rest->m_exit = m_exit;
    rest->m_runTimer = m_runTimer;
    rest->m_stopTimer = m_stopTimer;
    rest->m_stdout = m_stdout;
    rest->m_stderr = m_stderr;
    rest->m_tail = m_tail;
    rest->m_process = std::exchange(m_process, nullptr);
    rest->m_process->disconnect(this);
    rest->m_process->setParent(rest);
    rest->attachProcess();
    rest->m_graceTimer.start(int(qMax<qint64>(0, m_config.stopGraceMs - m_stopTimer.elapsed())));
    connect(rest, &GatewayProcess::finished, rest, &QObject::deleteLater);
    m_exit.kind = ExitInfo::Kind::LetGo;
    complete();
}

void GatewayProcess::beginReaping()
{
    // The gateway itself is gone; its helpers may not be. Nothing of ours may outlive it.
    m_state = State::Reaping;
    m_reapClock.start();
    m_leftoversSignalledKill = false;
    const QList<pid_t> left = ownedProcesses();
    if (left.isEmpty()) {
        complete();
        return;
    }
    m_exit.leftoversKilled = int(left.size());
    // After a crash (or a kill) nothing coordinates the helpers' shutdown any more, and they stand
    // between the user and a running gateway: kill them now. After a clean stop the gateway has
    // told them to exit; they get leftoverGraceMs to finish before SIGKILL.
    const bool orphaned = !m_exit.stopRequested || m_exit.killedByUs();
    logInfo(QStringLiteral("gateway pid %1 exited; %2 helper process(es) still alive, %3")
                .arg(m_pid)
                .arg(left.size())
                .arg(orphaned ? QStringLiteral("killing them") : QStringLiteral("stopping them")));
    m_leftoversSignalledKill = orphaned;
    // Watched before the signal: a killed helper soon stops showing its lease tag in the process
    // table, and only this list (and its exit watches) still knows it until it has really exited.
    watchExits(left);
    signalGroup(orphaned ? SIGKILL : SIGTERM);
    m_reapTick.start(m_config.reapPollMs);
    reapTick(); // SIGKILLed helpers may already be gone
}

void GatewayProcess::watchExits(const QList<pid_t>& pids)
{
    // The reaper wakes up the moment a helper is gone instead of on its next poll (which stays as
    // the safety net).
    for (pid_t p : pids) {
        if (m_exitWatches.contains(p))
            continue;
        const int fd = ProcessHost::current().openExitWatch(p);
        QSocketNotifier* n = nullptr;
        if (fd >= 0) {
            n = new QSocketNotifier(fd, QSocketNotifier::Read, this);
            connect(n, &QSocketNotifier::activated, this, [this, n] {
                n->setEnabled(false);
                reapTick();
            });
        }
        m_exitWatches.insert(p, n); // without a watch (an old kernel) the table decides, see hasExited()
    }
}

bool GatewayProcess::hasExited(pid_t pid, QSocketNotifier* watch)
{
    if (!watch)
        return !proctable::alive(pid);
    // An exit watch is readable once its process has exited: exact, and immune to pid reuse.
    pollfd p{int(watch->socket()), POLLIN, 0};
    return ::poll(&p, 1, 0) > 0;
}

void GatewayProcess::clearExitWatches()
{
    for (QSocketNotifier* n : std::exchange(m_exitWatches, {})) {
        if (!n)
            continue;
        const int fd = int(n->socket());
        n->setEnabled(false);
        delete n;
        ProcessHost::current().closeHandle(fd);
    }
}

void GatewayProcess::reapTick()
{
    // A helper found earlier counts until it has really exited: once a dying process has released
    // its memory, the process table no longer shows its environment (so the lease-tag scan stops seeing it)
    // while it is still running its exit.
    QList<pid_t> left = ownedProcesses();
    watchExits(left);
    for (auto it = m_exitWatches.cbegin(); it != m_exitWatches.cend(); ++it)
        if (!left.contains(it.key()) && !hasExited(it.key(), it.value()))
            left << it.key();
    if (left.isEmpty()) {
        m_reapTick.stop();
        complete();
        return;
    }
    const qint64 waited = m_reapClock.elapsed();
    if (!m_leftoversSignalledKill && waited >= m_config.leftoverGraceMs) {
        m_leftoversSignalledKill = true;
        signalGroup(SIGKILL);
    }
    if (waited >= m_config.reapBudgetMs) {
        m_reapTick.stop();
        QStringList pids;
        for (pid_t p : left)
            pids << QString::number(p);
        logError(QStringLiteral("gateway helper process(es) %1 survived SIGKILL for %2 ms").arg(pids.join(QLatin1String(", "))).arg(waited));
        complete();
    }
}

void GatewayProcess::complete()
{
    m_graceTimer.stop();
    m_reapTick.stop();
    m_letGoTick.stop();
    m_letGo = nullptr;
    clearExitWatches();
    if (m_exit.stopRequested)
        m_exit.stopMs = m_stopTimer.elapsed();
    m_exit.lastLines = m_tail.lines();
    m_state = State::NotRunning;
    const ExitInfo info = m_exit;
    if (info.stopRequested)
        logInfo(QStringLiteral("gateway pid %1 %2").arg(info.pid).arg(info.describe()));
    else
        logWarn(QStringLiteral("gateway pid %1 %2").arg(info.pid).arg(info.describe()));
    Q_EMIT finished(info);
}

} // namespace clawtray
