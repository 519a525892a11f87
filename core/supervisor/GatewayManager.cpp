#include "supervisor/GatewayManager.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "supervisor/DashboardLink.h"
#include "supervisor/DoctorRunner.h"
#include "supervisor/ShownEffects.h"

#include <QDateTime>
#include <QUuid>

namespace clawtray {

GatewayManager::GatewayManager(const ManagerConfig& config, const DeviceIdentity& identity, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_identity(identity)
    , m_liveness(&m_client)
    , m_book(config)
    , m_doctor(std::make_unique<DoctorRunner>())
    , m_dashboard(std::make_unique<DashboardOpener>())
    , m_diagFeed(m_diag, m_process, m_client, m_liveness)
    , m_startStop(m_process, m_client, m_run.generation, QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    qRegisterMetaType<clawtray::GatewayStatus>();
    m_clock.start();
    configureParts();
    m_status.port = config.launch.port;
    connect(&m_readiness, &ReadinessWatch::changed, this, [this] {
        m_status.readiness = m_readiness.readiness();
        m_status.notReady = m_readiness.failing();
        publish();
    });
    connect(&m_readiness, &ReadinessWatch::inputsChanged, this, &GatewayManager::readinessInputsChanged);
    connect(&m_client, &GatewayClient::healthEvent, &m_readiness, &ReadinessWatch::onHealth);
    connect(&m_timers, &SupervisorTimers::recoveryDue, this, [this] { dispatch(reducer::RecoveryDue{}); });
    connect(&m_causeWatch, &CauseWatch::causeMayBeGone, this, [this](const QString& what) { dispatch(reducer::CauseGone{what}); });
    connect(&m_timers, &SupervisorTimers::socketLossSettled, this, [this] { dispatch(reducer::SocketLossSettled{}); });
    connect(&m_timers, &SupervisorTimers::debounceDue, this, [this] {
        const PolicyBook::Fired fired = m_book.debounceFired(reloadState(), now());
        if (fired.due)
            dispatch(*fired.due);
        else if (fired.waitMs > 0) // timers may fire a little early: wait out the rest
            m_timers.armDebounce(fired.waitMs);
    });
    connect(&m_timers, &SupervisorTimers::quitDeadline, this, [this] {
        logWarn(QStringLiteral("quit deadline reached; killing the gateway"));
        m_process.kill();
    });
    connect(&m_startStop, &StartStop::phaseChanged, this, &GatewayManager::setPhase);
    connect(&m_startStop, &StartStop::spawned, this, [this](qint64 pid) {
        m_status.pid = pid;
        m_status.owned = true;
        m_status.startedAtMs = epochMs();
        publish();
    });
    connect(&m_startStop, &StartStop::startFinished, this, &GatewayManager::onStartFinished);
    connect(&m_startStop, &StartStop::stopDone, this, [this] { dispatch(reducer::StopDone{std::exchange(m_run.afterStop, AfterStop{})}); });
    connect(&m_startStop, &StartStop::exited, this, [this](const ExitInfo& e) { dispatch(reducer::ProcessExited{e}); });
    connect(&m_client, &GatewayClient::disconnected, this, [this](const DisconnectInfo& info) {
        dispatch(reducer::SocketClosed{info.requested, info.serviceRestart(), info.closeCode});
    });
    connect(&m_client, &GatewayClient::shutdownNotice, this, [this](const QString& reason, qint64 expectedMs) {
        dispatch(reducer::ShutdownAnnounced{reason, expectedMs});
    });
    connect(&m_client, &GatewayClient::configChanged, this, [this](const QString& path, const QString&) {
        logInfo(QStringLiteral("the gateway committed a configuration change (%1)").arg(path));
        m_book.gatewayConfigChanged(path, epochMs());
        publish();
    });
    connect(&m_client, &GatewayClient::eventReceived, this, [this](const QString& e, const QJsonValue& p) {
        if (e != QLatin1String("tick"))
            Q_EMIT gatewayEvent(e, p);
    });
    connect(&m_diagFeed, &DiagnosticsFeed::changed, this, &GatewayManager::publish);
    connect(&m_liveness, &LivenessMonitor::unresponsive, this, [this](const QString& why) { dispatch(reducer::Unresponsive{why}); });
}

GatewayManager::~GatewayManager()
{
    ++m_run.generation;
    m_startStop.dropNow();
    if (m_process.isRunning() && m_status.owned)
        m_startStop.releaseLease(m_config.leasePath);
}

qint64 GatewayManager::epochMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

GatewayStatus GatewayManager::status() const
{
    return m_status;
}

HealthSummary GatewayManager::health() const
{
    return HealthEvaluator::evaluate(m_status, m_diag);
}

void GatewayManager::transition(LifecycleEvent e)
{
    // The lifecycle table (core/supervisor/Lifecycle.cpp, docs/ARCHITECTURE.md) is the only place
    // that says where an event may lead; a pair it does not list is an error the supervisor and
    // chaos tests fail on (applyTransition).
    const StateMove m = applyTransition(e, m_status, m_diag);
    if (!m.changed)
        return;
    if (!m.listed)
        logError(QStringLiteral("gateway state: %1 -> %2 on \"%3\" is not in the lifecycle table (%4)")
                     .arg(gatewayStateName(m.from), gatewayStateName(m_status.state), lifecycle::eventName(e),
                          lifecycle::ignoredBecause(m.from, e)));
    logInfo(QStringLiteral("gateway state: %1 -> %2").arg(gatewayStateName(m.from), gatewayStateName(m_status.state)));
    if (m_status.state != GatewayState::Running)
        m_readiness.end();
}

void GatewayManager::setPhase(const UserText& phase)
{
    m_status.phase = phase;
    publish();
}

void GatewayManager::publish()
{
    m_status.reload = m_book.reload();
    m_diag.circuitOpen = m_book.circuitOpen(now());
    m_diag.restartsSuppressed = m_book.restartsSuppressed();
    const HealthSummary h = health();
    m_status.healthy = h.level == HealthSummary::Level::Healthy;
    m_status.tokenSource = m_config.tokenSource;
    m_status.tokenStorage = m_config.tokenStorage;
    m_status.peer = m_client.isConnected() && m_client.peer().found ? m_client.peer().describe() : QString();
    m_status.serviceUnit = m_serviceState.ownsGateway() && !m_status.owned ? m_serviceState.unit : QString();
    m_status.serviceHandBackUnit = m_serviceState.canHandBack() ? m_serviceState.unit : QString();
    Q_EMIT statusChanged(m_status);
    if (h != m_lastHealth) {
        m_lastHealth = h;
        Q_EMIT healthChanged(h);
    }
}

void GatewayManager::cancelTimers()
{
    m_causeWatch.cancel();
    m_timers.cancelRun();
    m_status.nextRetryAtMs = 0;
    m_status.pendingAction = UserText();
}

void GatewayManager::configureParts()
{
    m_diag.nodeVersion = m_config.nodeVersion;
    m_diag.openclawVersion = m_config.openclawVersion;
    m_client.setConfig(m_config.client);
    m_client.setCredentials(m_config.launch.token, m_identity);
    m_liveness.setConfig(m_config.liveness);
    m_process.setConfig(m_config.process);
    m_service.setSystemctl(m_config.systemctlPath);
    m_service.setTimeoutMs(m_config.serviceTimeoutMs);
    m_readiness.setConfig(ReadinessWatch::configFrom(m_config));
    m_book.setConfig(m_config);
}

void GatewayManager::refreshConfig()
{
    m_config = m_configProvider();
    configureParts();
    m_status.port = m_config.launch.port;
}

void GatewayManager::beginStart(StartSequence::Mode mode)
{
    m_startStop.create(mode, m_config);
    m_status.port = m_config.launch.port;
    publish();
    m_startStop.begin();
}

void GatewayManager::abandonRun()
{
    ++m_run.generation;
    cancelTimers();
    m_timers.cancelDebounce();
    m_book.runAbandoned(epochMs());
    m_startStop.drop();
    m_liveness.stop();
    m_client.disconnectFromGateway();
    m_run.expectInProcessRestart = false;
    m_diag.restartAnnounced = false;
}

void GatewayManager::stopInternal(AfterStop then, StopHow how)
{
    abandonRun();
    if (!m_process.isRunning()) {
        dispatch(reducer::StopDone{std::move(then)});
        return;
    }
    transition(LifecycleEvent::StopBegun);
    publish();
    m_run.afterStop = std::move(then); // a later stop replaces it: only the last one's follow-up runs
    m_startStop.stop(how, LaunchSpec::resolvedStateDir(m_config.launch));
}

void GatewayManager::restart(const QString& reason)
{
    dispatch(m_book.requestRestart(reason, reducer::restartMustWait(reducerFacts()), now()));
}

void GatewayManager::flushDeferredRestart()
{
    if (m_book.takeDeferred(now()))
        dispatch(reducer::RestartBegins{QStringLiteral("deferred restart")});
    else if (m_status.pendingAction == reducer::restartAfterStartUp())
        m_status.pendingAction = UserText();
}

void GatewayManager::debouncedRestart(int ms, const QString& reason)
{
    m_timers.armDebounce(m_book.debounceRestart(reason, ms, now()));
}

void GatewayManager::debouncedReload(const QStringList& changedKeys)
{
    m_timers.armDebounce(m_book.debounceReload(changedKeys, reloadState(), {now(), epochMs()}));
    publish();
}

} // namespace clawtray
