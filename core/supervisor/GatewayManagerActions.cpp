// GatewayManager: reload, safe restart, doctor, configuration and diagnostics export.
#include "supervisor/GatewayManager.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "settings/AppPaths.h"
#include "supervisor/DashboardLink.h"
#include "supervisor/DiagnosticsExport.h"
#include "supervisor/DoctorRunner.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrl>


namespace clawtray {

void GatewayManager::reload(const QStringList& changedKeys)
{
    const QStringList& keys = changedKeys;
    const auto d = decideReload(keys);
    logInfo(QStringLiteral("reload: %1").arg(d.explanation));
    m_reload.executing(keys, d, m_status.pid, epochMs());
    publish();
    switch (d.action) {
    case ReloadPolicy::Action::None:
        return;
    case ReloadPolicy::Action::RestartProcess:
        restart(QStringLiteral("settings changed (%1)").arg(d.launchKeys.join(QLatin1String(", "))));
        return;
    case ReloadPolicy::Action::RestartInProcessRpc: {
        openRestart(QStringLiteral("settings changed"), QStringLiteral("settings"), QStringLiteral("in-process"), QStringLiteral("requested"));
        const qint64 pid = m_status.pid;
        const bool owned = m_status.owned;
        m_client.call(ReloadPolicy::restartRpcMethod(), QJsonObject{{QStringLiteral("reason"), QStringLiteral("ClawTray: settings changed")}},
                      10000, [this, pid, owned](const CallResult& r) {
                          if (r.ok()) {
                              const QJsonObject p = r.payload.toObject();
                              if (p.value(QLatin1String("status")).toString() == QLatin1String("deferred")) {
                                  m_reload.deferred(p.value(QLatin1String("preflight")).toObject().value(QLatin1String("summary")).toString());
                                  publish();
                              }
                              return;
                          }
                          // The RPC path failed: SIGUSR2 is the gateway's own in-process restart signal.
                          logWarn(QStringLiteral("gateway.restart.request failed (%1); sending SIGUSR2").arg(r.message));
                          if (owned && pid > 0 && pid == m_process.pid()) {
                              m_history.progress(QStringLiteral("SIGUSR2 (the request failed)"));
                              m_process.requestInProcessRestart();
                          } else {
                              m_history.close(QStringLiteral("failed: ") + r.message, now());
                              m_reload.requestFailed(r.message, epochMs());
                              publish();
                          }
                      });
        return;
    }
    case ReloadPolicy::Action::RestartInProcessSignal:
        if (m_status.owned && m_process.pid() > 0) {
            openRestart(QStringLiteral("settings changed"), QStringLiteral("settings"), QStringLiteral("in-process"), QStringLiteral("SIGUSR2"));
            m_process.requestInProcessRestart();
        }
        return;
    }
}

void GatewayManager::safeRestart(bool force, std::function<void(const SafeRestartResult&)> done)
{
    auto reply = [done](SafeRestartResult r) {
        if (done)
            done(r);
    };
    if (force) {
        restart(QStringLiteral("forced restart"));
        reply({QStringLiteral("forced"), {}, 0, QStringLiteral("restarting the gateway process now")});
        return;
    }
    if (!m_client.isConnected()) {
        reply({QStringLiteral("failed"), {}, 0, QStringLiteral("the gateway is not running")});
        return;
    }
    const QJsonObject params{{QStringLiteral("reason"), QStringLiteral("ClawTray safe restart")}};
    m_client.call(QStringLiteral("gateway.restart.request"), params, 15000, [this, reply](const CallResult& r) {
        const SafeRestartResult out = SafeRestartResult::fromReply(r);
        if (!r.ok()) {
            m_diag.noteRpc(r.isTransportFailure(), false, r.method, r.message, epochMs());
            reply(out);
            return;
        }
        // Scheduled or deferred, it is under way until the gateway is back (or the run ends); a
        // request that joined one already scheduled adds no row of its own.
        if (out.status == QLatin1String("deferred"))
            openRestart(QStringLiteral("safe restart"), QStringLiteral("user"), QStringLiteral("in-process"),
                        QStringLiteral("deferred: %1 active tasks").arg(out.activeTasks));
        else if (out.status != QLatin1String("coalesced") || m_history.openKind() != QLatin1String("in-process"))
            openRestart(QStringLiteral("safe restart"), QStringLiteral("user"), QStringLiteral("in-process"), out.status);
        reply(out);
    });
}

void GatewayManager::runDoctor(std::function<void(bool, const QString&)> done)
{
    const quint64 epoch = m_run.epoch;
    m_doctor->run(m_config.launch, m_config.doctorTimeoutMs, [this, epoch, done](bool ok, const QString& output) {
        if (done)
            done(ok, output);
        if (ok && epoch == m_run.epoch && m_status.state == GatewayState::Error
            && m_status.lastError.actionId == ProblemAction::DoctorFix)
            start();
    });
}

void GatewayManager::applyConfig(const ManagerConfig& config, const QStringList& changedKeys, const QStringList& liveKeys)
{
    m_config = config;
    m_diag.nodeVersion = config.nodeVersion;
    m_diag.openclawVersion = config.openclawVersion;
    m_client.setConfig(config.client);
    m_client.setCredentials(config.launch.token, m_identity);
    m_liveness.setConfig(config.liveness);
    m_process.setConfig(config.process);
    m_readiness.setConfig(readinessConfig(config));
    m_backoff = ReconnectBackoff(config.backoff);
    m_governor = RestartGovernor(config.governor);
    if (m_status.state == GatewayState::Stopped || m_status.state == GatewayState::Error)
        m_status.port = config.launch.port;
    if (!changedKeys.isEmpty())
        debouncedReload(changedKeys);
    else
        m_reload.appliedLive(liveKeys, epochMs());
    publish();
}

void GatewayManager::shutdown(int timeoutMs, std::function<void()> finished)
{
    if (m_status.state != GatewayState::Stopping && !m_process.isRunning() && !m_sequence) {
        if (m_status.state != GatewayState::Stopped) {
            m_run.stopRequested = true;
            stopInternal({AfterStop::Kind::FinishStop});
        }
        if (finished)
            QTimer::singleShot(0, this, std::move(finished));
        return;
    }
    if (finished)
        m_shutdownWaiters << std::move(finished);
    m_run.startAfterStop = false;
    if (m_status.state != GatewayState::Stopping) {
        m_run.stopRequested = true;
        stopInternal({AfterStop::Kind::FinishStop});
    }
    m_shutdownTimer.start(timeoutMs);
}

void GatewayManager::call(const QString& method, const QJsonValue& params, int timeoutMs, CallCallback cb)
{
    m_client.call(method, params, timeoutMs, [this, cb](const CallResult& r) {
        m_diag.noteRpc(r.isTransportFailure(), r.ok(), r.method, r.message, epochMs());
        if (cb)
            cb(r);
    });
}

namespace {
RestartRecord restartRecord(qint64 atMs, const QString& reason, const QString& requestedBy, const QString& kind, const QString& result)
{
    RestartRecord r;
    r.atMs = atMs;
    r.reason = reason;
    r.requestedBy = requestedBy;
    r.kind = kind;
    r.result = result;
    return r;
}
} // namespace

void GatewayManager::openRestart(const QString& reason, const QString& requestedBy, const QString& kind, const QString& result)
{
    m_history.open(restartRecord(epochMs(), reason, requestedBy, kind, result), now());
}

void GatewayManager::noteRestart(const QString& reason, const QString& requestedBy, const QString& kind, const QString& result)
{
    m_history.addClosed(restartRecord(epochMs(), reason, requestedBy, kind, result));
}

ReloadPolicy::Decision GatewayManager::decideReload(const QStringList& keys) const
{
    ReloadState st;
    st.running = m_status.state == GatewayState::Running;
    st.owned = m_status.owned;
    st.rpcAvailable = m_client.isConnected();
    return ReloadPolicy(m_config.reload).decide(keys, st);
}

void GatewayManager::closeRestart(const QString& result, bool ok)
{
    m_history.close(result, now());
    m_reload.restartFinished(ok, result, epochMs());
    if (m_coordinator.inFlight()) // a restart of ours (executeRestart) ends here too
        m_coordinator.onRestartFinished(now(), ok);
}

void GatewayManager::openDashboard(std::function<void(const DashboardLink&)> done)
{
    if (m_status.state != GatewayState::Running) {
        DashboardLink l;
        l.error = QStringLiteral("The gateway is %1, so there is no Control UI to open").arg(gatewayStateName(m_status.state));
        l.action = m_status.state == GatewayState::Stopped ? QStringLiteral("Start the gateway first.")
                                                           : QStringLiteral("Try again once the gateway is running.");
        if (done)
            done(l);
        return;
    }
    const QString runDir = AppPaths::userRuntimeDir();
    if (!QFileInfo::exists(runDir))
        (void)AppPaths::ensureDir(runDir); // the fallback under /tmp may not exist yet (a failure shows when the file is written)
    m_dashboard->request(m_config.launch, QDir(runDir).filePath(QStringLiteral("clawtray-dashboard")),
                         m_config.dashboardTimeoutMs, std::move(done));
}

QJsonObject GatewayManager::diagnosticsSnapshot() const
{
    DiagnosticsExport e;
    e.status = m_status;
    e.health = health();
    e.diagnostics = m_diag;
    e.restartHistory = m_history.toJson();
    e.config = m_config;
    e.gatewayOutput = m_process.lastLines();
    e.sections = m_diagSections;
    return e.toJson(epochMs());
}

Result<qint64> GatewayManager::exportDiagnostics(const QString& path) const
{
    return writeExportFile(path, QJsonDocument(diagnosticsSnapshot()).toJson(QJsonDocument::Indented));
}

} // namespace clawtray
