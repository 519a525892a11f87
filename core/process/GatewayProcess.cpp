#include "process/GatewayProcess.h"

#include "policy/AnsiText.h"

#include "logging/Logging.h"
#include "process/ProcTable.h"
#include "process/ProcessHost.h"
#include "process/ProcessSignal.h"

#include <QSet>

#include <csignal>
#include <unistd.h>

namespace clawtray {

GatewayProcess::GatewayProcess(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<clawtray::ExitInfo>();
    qRegisterMetaType<clawtray::OutputClass>();
    m_graceTimer.setSingleShot(true);
    m_graceTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Stopping)
            return;
        logWarn(QStringLiteral("gateway pid %1 did not exit %2 ms after SIGTERM; sending SIGKILL to its group")
                    .arg(m_pid)
                    .arg(m_config.stopGraceMs));
        m_exit.kind = ExitInfo::Kind::KilledAfterGrace;
        signalGroup(SIGKILL);
    });
    connect(&m_reapTick, &QTimer::timeout, this, &GatewayProcess::reapTick);
    connect(&m_letGoTick, &QTimer::timeout, this, &GatewayProcess::checkLetGo);
}

GatewayProcess::~GatewayProcess()
{
    clearExitWatches();
    // Never leave a gateway behind, even if the owner forgot to stop it.
    if (m_state != State::NotRunning && m_pid > 0) {
        signalGroup(SIGKILL);
        if (m_process) {
            m_process->disconnect(this);
            m_process->waitForFinished(2000);
        }
    }
}

bool GatewayProcess::start(const LaunchSpec& spec)
{
    if (m_state != State::NotRunning)
        return false;
    m_spec = spec;
    m_exit = ExitInfo{};
    m_stdout = LineAssembler{};
    m_stderr = LineAssembler{};
    m_dedup.reset();
    m_tail.clear();
    m_traces = StartupTraceSummary{};
    m_leftoversSignalledKill = false;
    m_pid = 0;
    m_startTime = 0;

    delete m_process;
    m_process = new QProcess(this);
    m_process->setProgram(spec.program);
    m_process->setArguments(spec.arguments);
    m_process->setWorkingDirectory(spec.workingDirectory);
    m_process->setProcessEnvironment(spec.environment);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setInputChannelMode(QProcess::ManagedInputChannel);
    const pid_t parentPid = ::getpid();
    const bool dieWithParent = m_config.dieWithParent;
    const ProcessHost* host = &ProcessHost::current();
    m_process->setChildProcessModifier([host, parentPid, dieWithParent] {
        // In the child between fork and exec: its own group, killed with ClawTray.
        host->prepareChild(parentPid, dieWithParent);
    });
    attachProcess();

    logInfo(QStringLiteral("starting gateway: %1 (cwd %2)").arg(spec.redactedCommandLine(), spec.workingDirectory));
    m_runTimer.start();
    m_state = State::Running;
    m_process->start(QIODevice::ReadOnly);
    if (!m_process->waitForStarted(10000)) {
        // errorOccurred(FailedToStart) has already been handled (or will be, queued).
        if (m_state == State::Running && m_pid == 0) {
            m_exit.kind = ExitInfo::Kind::FailedToStart;
            m_exit.error = m_process->errorString();
            complete();
        }
        return true;
    }
    m_pid = pid_t(m_process->processId());
    // The modifier already did this in the child; repeating it here closes the window in which
    // the parent could signal the group before the child has created it.
    ProcessHost::current().makeGroupLeader(m_pid);
    if (auto info = proctable::read(m_pid))
        m_startTime = info->startTime;
    m_exit.pid = m_pid;
    logInfo(QStringLiteral("gateway started: pid %1").arg(m_pid));
    Q_EMIT started(m_pid);
    return true;
}

void GatewayProcess::attachProcess()
{
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] { onReadyRead(QProcess::StandardOutput); });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] { onReadyRead(QProcess::StandardError); });
    connect(m_process, &QProcess::finished, this, &GatewayProcess::onProcessFinished);
    connect(m_process, &QProcess::errorOccurred, this, &GatewayProcess::onProcessError);
}

void GatewayProcess::stop()
{
    if (m_state == State::Reaping) {
        // The gateway has already exited and its helpers are being reaped. The caller still waits
        // for `finished`: it must say that a stop was asked for, or the caller waits forever.
        if (!m_exit.stopRequested) {
            m_exit.stopRequested = true;
            m_stopTimer.start();
        }
        return;
    }
    if (m_state != State::Running)
        return;
    m_exit.stopRequested = true;
    m_stopTimer.start();
    m_state = State::Stopping;
    logInfo(QStringLiteral("stopping gateway pid %1 (SIGTERM, grace %2 ms)").arg(m_pid).arg(m_config.stopGraceMs));
    // Only the gateway gets SIGTERM: it shuts its own helpers down in order (signalling its SQLite
    // worker underneath it makes its drain fail and slows the stop down by seconds). Whatever is
    // left once it has exited is reaped by beginReaping(); on grace expiry the whole group is killed.
    ProcessHost::current().signal(m_pid, SIGTERM);
    m_graceTimer.start(m_config.stopGraceMs);
}

bool GatewayProcess::requestInProcessRestart()
{
    if (m_state != State::Running || m_pid <= 0)
        return false;
    procsignal::Identity self;
    self.startTime = m_startTime;
    const procsignal::Result r = procsignal::send(m_pid, SIGUSR2, self);
    if (!r.sent())
        logWarn(QStringLiteral("could not send SIGUSR2 to gateway pid %1: %2").arg(m_pid).arg(r.why));
    return r.sent();
}

void GatewayProcess::kill()
{
    if (m_state == State::NotRunning)
        return;
    if (!m_exit.stopRequested) {
        m_exit.stopRequested = true;
        m_stopTimer.start();
    }
    if (m_state == State::Running || m_state == State::Stopping) {
        m_state = State::Stopping;
        m_exit.kind = ExitInfo::Kind::Killed;
    }
    signalGroup(SIGKILL);
}

void GatewayProcess::signalGroup(int sig)
{
    if (m_pid <= 0)
        return;
    const QByteArray tag = m_spec.leaseTag.toUtf8();
    procsignal::sendToChildGroup(m_pid, m_state != State::Reaping, sig, tag);
    procsignal::sendToTagged(tag, sig, {::getpid()});
}

QList<pid_t> GatewayProcess::ownedProcesses() const
{
    QList<pid_t> out;
    if (m_pid <= 0)
        return out;
    QSet<pid_t> seen;
    for (pid_t p : proctable::groupMembers(m_pid))
        if (!seen.contains(p)) {
            seen.insert(p);
            out << p;
        }
    if (!m_spec.leaseTag.isEmpty())
        for (pid_t p : proctable::withEnvironment(LaunchSpec::kLeaseTagVariable, m_spec.leaseTag.toUtf8()))
            if (!seen.contains(p) && p != ::getpid()) {
                seen.insert(p);
                out << p;
            }
    return out;
}

void GatewayProcess::onReadyRead(QProcess::ProcessChannel channel)
{
    if (!m_process)
        return;
    m_process->setReadChannel(channel);
    const QByteArray bytes = m_process->readAll();
    LineAssembler& assembler = channel == QProcess::StandardOutput ? m_stdout : m_stderr;
    for (const QString& line : assembler.feed(bytes))
        handleLine(line);
}

void GatewayProcess::drain()
{
    if (!m_process)
        return;
    onReadyRead(QProcess::StandardOutput);
    onReadyRead(QProcess::StandardError);
    for (const QString& line : m_stdout.flush())
        handleLine(line);
    for (const QString& line : m_stderr.flush())
        handleLine(line);
}

void GatewayProcess::handleLine(const QString& raw)
{
    const QString line = stripAnsi(raw);
    const OutputClass cls = OutputClassifier::classify(line);
    if (cls == OutputClass::Drop)
        return;
    m_tail.add(line);
    if (auto trace = OutputClassifier::parseStartupTrace(line)) {
        m_traces.add(*trace);
        if (trace->ms >= StartupTraceSummary::kSlowStageMs)
            logWarn(QStringLiteral("gateway startup stage '%1' took %2 ms").arg(trace->stage).arg(trace->ms));
        Q_EMIT startupTrace(trace->stage, trace->ms, trace->totalMs.value_or(-1));
    }
    Q_EMIT outputLine(line, cls);
    const auto admitted = m_dedup.admit(line);
    if (!admitted)
        return;
    static const QString source = QStringLiteral("gateway");
    switch (cls) {
    case OutputClass::Debug: logging::log(LogLevel::Debug, source, *admitted); break;
    case OutputClass::Info: logging::log(LogLevel::Info, source, *admitted); break;
    case OutputClass::Warn: logging::log(LogLevel::Warn, source, *admitted); break;
    case OutputClass::Drop: break;
    }
}

void GatewayProcess::onProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_state == State::NotRunning)
        return;
    m_exit.kind = ExitInfo::Kind::FailedToStart;
    m_exit.error = m_process ? m_process->errorString() : QStringLiteral("unknown error");
    logError(QStringLiteral("gateway could not be started: %1").arg(m_exit.error));
    complete();
}

void GatewayProcess::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    drain();
    m_graceTimer.stop();
    m_letGoTick.stop();
    m_letGo = nullptr;
    m_exit.runMs = m_runTimer.elapsed();
    // On a crash Qt reports the terminating signal in exitCode.
    const bool bySignal = status == QProcess::CrashExit;
    if (m_exit.stopRequested) {
        if (!m_exit.killedByUs()) {
            m_exit.kind = bySignal && exitCode != SIGTERM ? ExitInfo::Kind::Crashed : ExitInfo::Kind::CleanStop;
        }
    } else {
        m_exit.kind = bySignal ? ExitInfo::Kind::Crashed : ExitInfo::Kind::Exited;
    }
    if (bySignal)
        m_exit.signal = exitCode;
    else
        m_exit.exitCode = exitCode;
    beginReaping();
}

} // namespace clawtray
