#pragma once

#include "client/ClientTypes.h"
#include "client/ReadinessProbe.h"
#include "process/ExitInfo.h"
#include "process/StaleGatewayReaper.h"
#include "protocol/HelloOk.h"
#include "supervisor/GatewayStatus.h"
#include "supervisor/ManagerConfig.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace clawtray {

class GatewayClient;
class GatewayProcess;

// One attempt to get from "nothing" to "connected": clear the port (lease, stale or foreign
// gateway), spawn or attach, wait for real readiness (/readyz 200, not a listening port), connect.
// It never retries by itself: it reports one outcome and the manager decides. Destroying it
// abandons the attempt (that is how a superseded start is cancelled).
class StartSequence final : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Fresh,             // reap, then spawn (or attach to a foreign gateway by policy)
        ReattachOwned,     // our process is alive (in-process restart, lost socket): wait ready, connect
        ReconnectExternal, // the external gateway: connect only
        AttachService,     // OpenClaw's own service runs it: wait until it is ready, then connect
    };

    struct Outcome
    {
        bool ok = false;
        bool owned = false;
        qint64 pid = 0;
        quint16 port = 0; // where it was reached (another port when the state dir's owner serves elsewhere)
        HelloOk hello;
        // Failure details
        GatewayProblem problem;
        bool fatal = false;                  // never retry automatically (auth, foreign listener, ...)
        std::optional<ExitInfo> exit;        // the child exited during the attempt
        std::optional<ConnectFailure> connectFailure;
        QStringList lastLines;
    };

    StartSequence(Mode mode, const ManagerConfig& config, GatewayProcess* process, GatewayClient* client,
                  const QString& instanceId, QObject* parent = nullptr);
    ~StartSequence() override;

    void begin();
    // The process ended (GatewayProcess::finished, which only StartStop subscribes to and passes
    // on while this sequence runs): a spawn waiting for the last exit's helpers goes ahead, an
    // exit of the process this sequence started ends the sequence.
    void processFinished(const ExitInfo& e);

Q_SIGNALS:
    void phaseChanged(const clawtray::UserText& phase);
    void spawned(qint64 pid);
    void finished(const clawtray::StartSequence::Outcome& outcome);

private:
    void onReaped(const StaleGatewayReaper::Result& r);
    void spawn();
    // The state dir's OpenClaw lock names a live gateway: attach to it (on its own port) instead
    // of spawning one that would wait for the lock and exit 78. False when there is none.
    bool attachToStateDirOwner();
    quint16 port() const { return m_port; }
    void waitForReady();
    void onProbe(const ReadinessProbe::Result& r);
    void connectClient();
    void onConnected(const HelloOk& hello);
    void onConnectFailed(const ConnectFailure& f);
    void succeed(const HelloOk& hello);
    void failWith(ProblemKind kind, const UserText& summary, const UserText& action, ProblemAction actionId, bool fatal);
    void finish(Outcome o);

    Mode m_mode;
    ManagerConfig m_config;
    QPointer<GatewayProcess> m_process;
    QPointer<GatewayClient> m_client;
    QString m_instanceId;
    bool m_owned = false;
    qint64 m_externalPid = 0;
    qint64 m_expectedExternalPeer = 0; // the lock owner: only that process may hold our connection
    quint16 m_port = 0;
    bool m_done = false;
    bool m_spawnWhenReaped = false; // spawn() waits for the previous gateway's helpers (processFinished)
    bool m_connecting = false;
    StaleGatewayReaper m_reaper;
    ReadinessProbe m_probe;
    QElapsedTimer m_readyClock;
    QTimer m_pollTimer;
    ReadinessProbe::Method m_probeMethod = ReadinessProbe::Method::Startupz;
};

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::StartSequence::Outcome)
