#pragma once

#include "policy/UserText.h"

#include "process/OwnershipLease.h"
#include "process/PortInspector.h"
#include "process/ProcessSignal.h"

#include <QHash>

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace clawtray {

// Clears the way before ClawTray spawns a gateway: reaps the gateway a previous ClawTray left
// behind (proved ours by the lease) and, only when asked to take over, a gateway that squats on
// the port. It never touches a listener that is not an OpenClaw gateway, nor ClawTray itself or
// any of its ancestors; such a listener is reported to the caller by pid and command line.
class StaleGatewayReaper final : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        quint16 port = 0;
        QString leasePath;          // empty: no lease handling
        bool takeOverForeignGateway = false;
        int termWaitMs = 3000;      // SIGTERM → SIGKILL
        int killWaitMs = 1000;      // SIGKILL → give up on the process
        int portFreeBudgetMs = 10000;
        int pollMs = 25;
    };

    struct Result
    {
        enum class Outcome {
            PortFree,          // nothing listens (after reaping, if anything was ours)
            ForeignGateway,    // an OpenClaw gateway that is not ours listens; not touched
            ForeignProcess,    // something that is not an OpenClaw gateway listens; not touched
            OtherInstance,     // the lease belongs to another ClawTray that is still running
            StillBusy,         // we killed what was ours but the port did not free in time
            CannotTell,        // the port cannot be bound and no listener is visible to us
        };
        Outcome outcome = Outcome::PortFree;
        QList<PortListener> listeners;
        int killed = 0;            // processes we signalled
        bool leaseFound = false;
        bool leaseReaped = false;  // the leased gateway was alive and is now gone
        QString leaseWarning;      // corrupt/unreadable lease
        UserText message;          // human explanation for the UI and logs
        qint64 elapsedMs = 0;
        bool ok() const { return outcome == Outcome::PortFree; }
    };

    explicit StaleGatewayReaper(QObject* parent = nullptr);
    explicit StaleGatewayReaper(std::unique_ptr<PortInspector> inspector, QObject* parent = nullptr);
    ~StaleGatewayReaper() override;

    // Starts the work; `finished` is emitted exactly once (possibly before run() returns if there
    // is nothing to wait for — connect first). A run in progress is not restarted.
    void run(const Request& request);
    bool isRunning() const { return m_running; }

    // Never signal these: the current process and its ancestors.
    static QSet<pid_t> protectedPids();

Q_SIGNALS:
    void finished(const clawtray::StaleGatewayReaper::Result& result);

private:
    enum class Phase { Terminating, Killing, WaitingForPort };
    void inspectPort();
    void tick();
    void finish(Result::Outcome outcome, const UserText& message);
    void signalTargets(int sig);
    bool targetsGone() const;

    std::unique_ptr<PortInspector> m_inspector;
    Request m_request;
    Result m_result;
    bool m_running = false;
    Phase m_phase = Phase::Terminating;
    QElapsedTimer m_clock;
    QElapsedTimer m_phaseClock;
    QTimer m_timer;
    QList<pid_t> m_targets;        // pids to kill (group leaders get a group signal)
    QString m_leaseTag;
    QHash<pid_t, procsignal::Identity> m_identity; // what each target must still be when signalled
    bool m_leaseUntrusted = false;                 // the lease names a process that is not ours
    std::optional<OwnershipLease> m_lease;
};

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::StaleGatewayReaper::Result)
