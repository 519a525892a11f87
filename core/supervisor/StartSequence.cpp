#include "supervisor/StartSequence.h"

#include "client/GatewayClient.h"
#include "logging/Logging.h"
#include "process/GatewayProcess.h"
#include "process/GatewayStateLock.h"
#include "process/OwnershipLease.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QUuid>

#include <algorithm>

namespace clawtray {

StartSequence::StartSequence(Mode mode, const ManagerConfig& config, GatewayProcess* process, GatewayClient* client,
                             const QString& instanceId, QObject* parent)
    : QObject(parent)
    , m_mode(mode)
    , m_config(config)
    , m_process(process)
    , m_client(client)
    , m_instanceId(instanceId)
    , m_port(config.launch.port)
{
    qRegisterMetaType<clawtray::StartSequence::Outcome>();
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pollTimer, &QTimer::timeout, this, [this] {
        m_probe.probe(m_port, m_probeMethod, m_config.probeTimeoutMs);
    });
    connect(&m_reaper, &StaleGatewayReaper::finished, this, &StartSequence::onReaped);
    connect(&m_probe, &ReadinessProbe::finished, this, &StartSequence::onProbe);
    connect(m_client, &GatewayClient::connected, this, &StartSequence::onConnected);
    connect(m_client, &GatewayClient::connectFailed, this, &StartSequence::onConnectFailed);
}

StartSequence::~StartSequence()
{
    m_done = true;
    m_probe.cancel();
}

void StartSequence::begin()
{
    if (!m_config.authProblem.isEmpty() && m_mode != Mode::ReattachOwned) {
        failWith(m_config.authProblem.kind, m_config.authProblem.summary, m_config.authProblem.action,
                 m_config.authProblem.actionId, true);
        return;
    }
    switch (m_mode) {
    case Mode::Fresh: {
        Q_EMIT phaseChanged(UserText(QT_TRANSLATE_NOOP("UserText", "checking port %1")).arg(m_config.launch.port));
        StaleGatewayReaper::Request req;
        req.port = m_config.launch.port;
        req.leasePath = m_config.leasePath;
        req.takeOverForeignGateway = m_config.foreignPolicy == ForeignGatewayPolicy::Takeover;
        m_reaper.run(req);
        return;
    }
    case Mode::ReattachOwned:
        m_owned = true;
        if (!m_process || !m_process->isRunning()) {
            failWith(ProblemKind::Exited, UserText(QT_TRANSLATE_NOOP("UserText", "The gateway process is no longer running")), UserText(), ProblemAction::None,
                     false);
            return;
        }
        waitForReady();
        return;
    case Mode::ReconnectExternal:
        m_owned = false;
        connectClient();
        return;
    case Mode::AttachService:
        m_owned = false;
        waitForReady();
        return;
    }
}

void StartSequence::onReaped(const StaleGatewayReaper::Result& r)
{
    if (m_done)
        return;
    using O = StaleGatewayReaper::Result::Outcome;
    switch (r.outcome) {
    case O::PortFree:
        if (!attachToStateDirOwner())
            spawn();
        return;
    case O::ForeignGateway:
        if (m_config.foreignPolicy == ForeignGatewayPolicy::Attach) {
            logInfo(QStringLiteral("attaching to the external gateway on port %1").arg(m_config.launch.port));
            m_owned = false;
            m_externalPid = r.listeners.isEmpty() ? 0 : r.listeners.first().pid;
            connectClient();
            return;
        }
        failWith(ProblemKind::ForeignGateway, r.message,
                 UserText(QT_TRANSLATE_NOOP("UserText", "Stop that gateway, choose another port, or set the foreign-gateway policy "
                                                        "to attach or take over.")),
                 ProblemAction::ChangePort, true);
        return;
    case O::ForeignProcess:
    case O::CannotTell:
        failWith(ProblemKind::PortInUse, r.message,
                 UserText(QT_TRANSLATE_NOOP("UserText", "Use another port in Settings, or stop that process.")),
                 ProblemAction::ChangePort, true);
        return;
    case O::StillBusy:
        failWith(ProblemKind::PortInUse, r.message,
                 UserText(QT_TRANSLATE_NOOP("UserText", "Use another port in Settings.")),
                 ProblemAction::ChangePort, false);
        return;
    case O::OtherInstance:
        failWith(ProblemKind::OtherInstance, r.message,
                 UserText(QT_TRANSLATE_NOOP("UserText", "Quit the other ClawTray first.")), ProblemAction::None, true);
        return;
    }
}

bool StartSequence::attachToStateDirOwner()
{
    const QString stateDir = LaunchSpec::resolvedStateDir(m_config.launch);
    const auto owner = gatewaylock::liveOwner(stateDir);
    if (!owner)
        return false;
    if (m_config.foreignPolicy == ForeignGatewayPolicy::Fail) {
        failWith(ProblemKind::ForeignGateway,
                 UserText(QT_TRANSLATE_NOOP("UserText", "Another OpenClaw gateway (%1) already owns the state dir %2"))
                     .arg(owner->describe())
                     .arg(stateDir),
                 UserText(QT_TRANSLATE_NOOP("UserText", "Stop that gateway, use another state dir, or set the foreign-gateway "
                                                        "policy to attach.")),
                 ProblemAction::Settings, true);
        return true;
    }
    logInfo(QStringLiteral("another OpenClaw gateway (%1) already owns the state dir %2 (%3): attaching to it instead of "
                           "starting a second one")
                .arg(owner->describe(), stateDir, owner->lockPath));
    m_owned = false;
    m_externalPid = owner->pid;
    m_expectedExternalPeer = owner->pid;
    m_port = owner->port;
    waitForReady();
    return true;
}

void StartSequence::spawn()
{
    if (!m_process)
        return;
    if (m_process->state() == GatewayProcess::State::Reaping) {
        // The previous gateway exited a moment ago and its helpers are still being reaped: spawn
        // once they are gone (a spawn now would be refused and look like a fatal start failure).
        Q_EMIT phaseChanged(UserText(QT_TRANSLATE_NOOP("UserText", "waiting for the previous gateway's helpers to exit")));
        m_spawnWhenReaped = true; // processFinished() spawns
        return;
    }
    m_owned = true;
    if (m_config.launch.nodePath.isEmpty() || !QFileInfo(m_config.launch.nodePath).isExecutable()
        || !QFileInfo::exists(QDir(m_config.launch.openclawDir).filePath(QStringLiteral("openclaw.mjs")))) {
        failWith(ProblemKind::RuntimeMissing,
                 m_config.launch.nodePath.isEmpty() && !m_config.runtimeError.isEmpty()
                     ? UserText::verbatim(m_config.runtimeError)
                 : m_config.launch.nodePath.isEmpty()
                     ? UserText(QT_TRANSLATE_NOOP("UserText", "The gateway runtime (Node 24 and openclaw) was not found"))
                     : UserText(QT_TRANSLATE_NOOP("UserText", "The gateway runtime is not usable (Node '%1', openclaw '%2')"))
                           .arg(m_config.launch.nodePath)
                           .arg(m_config.launch.openclawDir),
                 m_config.runtimeError.contains(QLatin1String("in Settings"))
                     ? UserText(QT_TRANSLATE_NOOP("UserText", "Correct the path in Settings, or leave it empty to use ClawTray's own "
                                                          "runtime."))
                     : UserText(QT_TRANSLATE_NOOP("UserText", "Install it with `clawtray-install-runtime` (or scripts/setup.sh in a "
                                                          "source checkout), or set the Node and openclaw paths "
                                                          "in Settings.")),
                 ProblemAction::Settings, true);
        return;
    }
    GatewayLaunchOptions o = m_config.launch;
    o.leaseTag = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_process->setConfig(m_config.process);
    Q_EMIT phaseChanged(UserText(QT_TRANSLATE_NOOP("UserText", "starting the gateway process")));
    if (!m_process->start(LaunchSpec::forGateway(o))) {
        failWith(ProblemKind::Busy, UserText(QT_TRANSLATE_NOOP("UserText", "A gateway process is still running")), UserText(), ProblemAction::None, false);
        return;
    }
    if (m_done || !m_process->isRunning() || m_process->pid() <= 0)
        return; // FailedToStart was reported through finished()
    // The lease is written in this same turn of the event loop, before anything can act on the
    // new process; `spawned` goes first so that the status shows the new pid without the disk's delay.
    Q_EMIT spawned(m_process->pid());
    const auto lease = OwnershipLease::forChild(m_instanceId, m_process->pid(), m_process->startTime(),
                                                m_config.launch.port, o.leaseTag);
    if (!m_config.leasePath.isEmpty())
        if (const Done written = lease.write(m_config.leasePath); !written)
            logWarn(QStringLiteral("the gateway lease: %1").arg(written.error().english()));
    waitForReady();
}

void StartSequence::waitForReady()
{
    Q_EMIT phaseChanged(UserText(QT_TRANSLATE_NOOP("UserText", "waiting for the gateway to become ready")));
    m_readyClock.start();
    m_probe.setExpectedPeer(m_owned && m_process ? m_process->pid() : m_expectedExternalPeer);
    m_probe.probe(m_port, m_probeMethod, m_config.probeTimeoutMs);
}

void StartSequence::onProbe(const ReadinessProbe::Result& r)
{
    if (m_done)
        return;
    if (r.ready) {
        logInfo(m_owned ? QStringLiteral("gateway started after %1 ms").arg(m_readyClock.elapsed())
                        : QStringLiteral("the gateway ClawTray attaches to answered ready after %1 ms").arg(m_readyClock.elapsed()));
        connectClient();
        return;
    }
    if (r.untrusted) {
        // Something else accepted our probe: its answer means nothing, and it must never see the
        // token. Our gateway cannot serve on a port someone else holds; the manager watches it.
        failWith(ProblemKind::PortHeld, UserText::verbatim(r.detail),
                 UserText(QT_TRANSLATE_NOOP("UserText", "ClawTray starts again once port %1 is free; stop that process or "
                                                        "choose another port."))
                     .arg(m_port),
                 ProblemAction::ChangePort, false);
        return;
    }
    if (r.httpStatus == 404 && m_probeMethod == ReadinessProbe::Method::Startupz) {
        // Gateways before 2026.8.1 have no /startupz: their /readyz is the start-up signal.
        logInfo(QStringLiteral("the gateway has no /startupz; waiting for /readyz instead"));
        m_probeMethod = ReadinessProbe::Method::Readyz;
        m_pollTimer.start(0);
        return;
    }
    const int budget = m_mode == Mode::ReattachOwned ? m_config.reattachTimeoutMs : m_config.readyTimeoutMs;
    if (m_readyClock.elapsed() >= budget) {
        failWith(ProblemKind::NotReady,
                 UserText(QT_TRANSLATE_NOOP("UserText", "The gateway did not become ready within %1 (%2)"))
                     .duration(budget)
                     .arg(r.detail),
                 UserText(QT_TRANSLATE_NOOP("UserText", "Check the gateway log; a slow machine may need a longer ready "
                                                        "timeout.")),
                 ProblemAction::None, false);
        return;
    }
    const qint64 delay = r.reachable ? m_config.readyPollStartingMs
                                     : qMax<qint64>(m_config.readyPollMinMs, m_readyClock.elapsed() / 4);
    const qint64 cap = qMax(1, m_config.readyPollMs);
    m_pollTimer.start(int(std::clamp<qint64>(delay, 1, cap)));
}

void StartSequence::connectClient()
{
    if (!m_client)
        return;
    Q_EMIT phaseChanged(UserText(QT_TRANSLATE_NOOP("UserText", "connecting")));
    m_connecting = true;
    m_client->setExpectedPeer(m_owned && m_process ? m_process->pid() : m_expectedExternalPeer);
    m_client->connectToGateway(m_port);
}

void StartSequence::onConnected(const HelloOk& hello)
{
    if (m_done || !m_connecting)
        return;
    succeed(hello);
}

void StartSequence::onConnectFailed(const ConnectFailure& f)
{
    if (m_done || !m_connecting || f.kind == ConnectFailure::Kind::Aborted)
        return;
    m_connecting = false;
    Outcome o;
    o.owned = m_owned;
    o.connectFailure = f;
    o.problem.summary = f.message;
    o.problem.action = f.action;
    o.problem.atMs = QDateTime::currentMSecsSinceEpoch();
    switch (f.kind) {
    case ConnectFailure::Kind::AuthRejected:
        o.fatal = true;
        o.problem.kind = ProblemKind::AuthRejected;
        o.problem.actionId = ProblemAction::ImportToken;
        if (!m_owned)
            o.problem.summary = UserText(QT_TRANSLATE_NOOP("UserText", "An OpenClaw gateway that ClawTray did not start is "
                                                                       "running on port %1 and rejected ClawTray's token (%2)."))
                                    .arg(m_port)
                                    .arg(f.message);
        if (o.problem.action.isEmpty())
            o.problem.action = UserText(QT_TRANSLATE_NOOP("UserText", "Import the gateway's token in Settings, or let "
                                                                      "ClawTray take over the port."));
        break;
    case ConnectFailure::Kind::UntrustedPeer:
        o.problem.kind = ProblemKind::PortHeld;
        o.problem.actionId = ProblemAction::ChangePort;
        break;
    case ConnectFailure::Kind::ProtocolMismatch:
        o.fatal = true;
        o.problem.kind = ProblemKind::ProtocolMismatch;
        if (o.problem.action.isEmpty())
            o.problem.action = UserText(QT_TRANSLATE_NOOP("UserText", "Install the OpenClaw version ClawTray supports "
                                                                      "(scripts/setup.sh)."));
        break;
    default:
        o.problem.kind = ProblemKind::ConnectFailed;
        break;
    }
    if (!m_owned)
        o.pid = m_externalPid;
    else if (m_process)
        o.pid = m_process->pid();
    finish(o);
}

void StartSequence::processFinished(const ExitInfo& e)
{
    if (std::exchange(m_spawnWhenReaped, false)) {
        if (!m_done)
            QTimer::singleShot(0, this, &StartSequence::spawn);
        return;
    }
    if (m_done || !m_owned)
        return;
    Outcome o;
    o.owned = true;
    o.exit = e;
    o.pid = e.pid;
    o.lastLines = e.lastLines;
    o.problem.kind = ProblemKind::Exited;
    o.problem.summary = e.kind == ExitInfo::Kind::FailedToStart
                            ? UserText(QT_TRANSLATE_NOOP("UserText", "The gateway could not be started: %1")).arg(e.error)
                            : UserText(QT_TRANSLATE_NOOP("UserText", "The gateway %1 before becoming ready")).arg(e.describeText());
    o.problem.atMs = QDateTime::currentMSecsSinceEpoch();
    o.fatal = e.kind == ExitInfo::Kind::FailedToStart;
    if (o.fatal) {
        o.problem.kind = ProblemKind::RuntimeMissing;
        o.problem.action = UserText(QT_TRANSLATE_NOOP("UserText", "Check the Node path in Settings, or install the runtime "
                                                                  "with scripts/setup.sh."));
        o.problem.actionId = ProblemAction::Settings;
    }
    if (m_client)
        m_client->disconnectFromGateway();
    finish(o);
}

void StartSequence::succeed(const HelloOk& hello)
{
    Outcome o;
    o.ok = true;
    o.owned = m_owned;
    o.hello = hello;
    o.pid = m_owned && m_process ? m_process->pid() : m_externalPid;
    o.port = m_port;
    if (!m_owned && o.pid <= 0 && m_client && m_client->peer().found)
        o.pid = m_client->peer().pid; // the service's gateway: whoever verifiably holds our connection
    finish(o);
}

void StartSequence::failWith(ProblemKind kind, const UserText& summary, const UserText& action, ProblemAction actionId,
                             bool fatal)
{
    Outcome o;
    o.owned = m_owned;
    o.fatal = fatal;
    o.problem.kind = kind;
    o.problem.summary = summary;
    o.problem.action = action;
    o.problem.actionId = actionId;
    o.problem.atMs = QDateTime::currentMSecsSinceEpoch();
    if (m_process)
        o.lastLines = m_process->lastLines();
    if (m_owned && m_process)
        o.pid = m_process->pid();
    finish(o);
}

void StartSequence::finish(Outcome o)
{
    if (m_done)
        return;
    m_done = true;
    m_pollTimer.stop();
    m_probe.cancel();
    Q_EMIT finished(o);
}

} // namespace clawtray
