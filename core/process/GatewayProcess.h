#pragma once

#include "process/ExitInfo.h"
#include "process/LaunchSpec.h"
#include "process/OutputClassifier.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QProcess>
#include <QTimer>

#include <functional>

#include <sys/types.h>

class QSocketNotifier;

namespace clawtray {

// Owns one gateway child process: its own process group, killed with ClawTray (ProcessHost::prepareChild),
// both pipes always drained, output classified and logged, and a stop that leaves nothing behind
// (SIGTERM to the gateway → grace → SIGKILL to the group, then every helper that outlived the
// gateway is reaped).
class GatewayProcess final : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        // SIGTERM → SIGKILL escalation. The real gateway finishes its shutdown in ~1 s but then
        // waits out its own exitMargin (5000 ms) when handles linger, so 5 s would kill a gateway
        // that is exiting cleanly.
        int stopGraceMs = 7000;
        int leftoverGraceMs = 1000;  // helpers alive after a clean stop: SIGTERM → SIGKILL (after a crash: SIGKILL at once)
        int reapPollMs = 20;
        int reapBudgetMs = 5000;     // give up waiting for killed processes to vanish after this
        int letGoPollMs = 25;        // stopForSuccessor: how often to ask whether the gateway has let go
        bool dieWithParent = true;   // the gateway dies if ClawTray is killed (ProcessHost::prepareChild)
    };

    enum class State { NotRunning, Running, Stopping, Reaping };
    Q_ENUM(State)

    explicit GatewayProcess(QObject* parent = nullptr);
    ~GatewayProcess() override;

    void setConfig(const Config& c) { m_config = c; }
    const Config& config() const { return m_config; }

    // Starts the child. Returns false (and emits nothing) if a child is already running.
    bool start(const LaunchSpec& spec);
    // Graceful stop of the whole group. `finished` follows once every process is gone.
    void stop();
    // The same stop when a successor is about to start (an update's switch-over): `finished`
    // (ExitInfo::Kind::LetGo) comes as soon as `letGo(pid)` says the gateway has released what a
    // successor needs — its ports, OpenClaw's state lock — even if it is still finishing its exit
    // (after a first run Node writes its compile cache then: seconds). The rest of that exit — the
    // grace and SIGKILL, its helpers — goes on in the background in a GatewayProcess of its own,
    // and this one can start the successor at once. A gateway that exits before it is seen to let
    // go ends as after stop().
    void stopForSuccessor(std::function<bool(pid_t)> letGo);
    // Immediate SIGKILL of the group (used on quit deadlines).
    void kill();
    // Asks the running gateway to restart in process (SIGUSR2, OpenClaw's own restart signal),
    // delivered only to our child as recorded at spawn (pidfd-checked start time). False when it
    // is not running or no longer the process we started.
    bool requestInProcessRestart();

    State state() const { return m_state; }
    bool isRunning() const { return m_state != State::NotRunning; }
    pid_t pid() const { return m_pid; }
    pid_t processGroup() const { return m_pid; } // the child leads its own group
    quint64 startTime() const { return m_startTime; }
    QString leaseTag() const { return m_spec.leaseTag; }
    qint64 uptimeMs() const { return m_state == State::NotRunning ? 0 : m_runTimer.elapsed(); }
    QStringList lastLines() const { return m_tail.lines(); }
    const StartupTraceSummary& startupTraces() const { return m_traces; }

    // Every live process that belongs to this gateway: its group plus descendants tagged with its
    // lease tag (the real gateway's spawn broker leaves the group with setsid).
    QList<pid_t> ownedProcesses() const;

Q_SIGNALS:
    void started(qint64 pid);
    void outputLine(const QString& line, clawtray::OutputClass cls);
    void startupTrace(const QString& stage, double ms, double totalMs);
    void finished(const clawtray::ExitInfo& info);

private:
    void onReadyRead(QProcess::ProcessChannel channel);
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void handleLine(const QString& raw);
    void drain();
    void beginReaping();
    void reapTick();
    void watchExits(const QList<pid_t>& pids);
    static bool hasExited(pid_t pid, QSocketNotifier* watch);
    void clearExitWatches();
    void complete();
    void signalGroup(int sig);
    void attachProcess();
    void checkLetGo();
    void handOverExit();

    Config m_config;
    State m_state = State::NotRunning;
    QProcess* m_process = nullptr;
    LaunchSpec m_spec;
    pid_t m_pid = 0;
    quint64 m_startTime = 0;
    QElapsedTimer m_runTimer;
    QElapsedTimer m_stopTimer;
    QElapsedTimer m_reapClock; // since the gateway exited and its leftovers began to be reaped
    QTimer m_graceTimer;
    QTimer m_reapTick;         // re-checks the leftovers while reaping
    QTimer m_letGoTick;        // a stop for a successor: asks m_letGo while the gateway stops
    std::function<bool(pid_t)> m_letGo;
    bool m_leftoversSignalledKill = false;
    QHash<pid_t, QSocketNotifier*> m_exitWatches; // every helper seen while reaping, and its pidfd
    ExitInfo m_exit;
    LineAssembler m_stdout;
    LineAssembler m_stderr;
    OutputDeduplicator m_dedup;
    OutputTail m_tail;
    StartupTraceSummary m_traces;
};

} // namespace clawtray
