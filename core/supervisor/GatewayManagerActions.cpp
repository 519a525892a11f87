// GatewayManager: what the user asks besides the lifecycle (reload, safe restart, doctor and quit go
// through the reducer, ReducerReload.cpp), the configuration, the restart history and the export.
#include "supervisor/GatewayManager.h"

#include "supervisor/DashboardLink.h"
#include "supervisor/DiagnosticsExport.h"
#include "supervisor/DoctorRunner.h"

#include <QJsonArray>
#include <QJsonDocument>


namespace clawtray {

void GatewayManager::runDoctor(std::function<void(bool, const QString&)> done)
{
    auto thenRestart = thisRun([this](bool ok) { dispatch(reducer::UserDoctorFinished{ok}); });
    m_doctor->run(m_config.launch, m_config.doctorTimeoutMs, [done, thenRestart](bool ok, const QString& output) {
        if (done)
            done(ok, output);
        thenRestart(ok);
    });
}

void GatewayManager::applyConfig(const ManagerConfig& config, const QStringList& changedKeys, const QStringList& liveKeys)
{
    m_config = config;
    configureParts();
    m_book.resetPacing(config);
    if (m_status.state == GatewayState::Stopped || m_status.state == GatewayState::Error)
        m_status.port = config.launch.port;
    if (!changedKeys.isEmpty())
        debouncedReload(changedKeys);
    else
        m_book.appliedLive(liveKeys, epochMs());
    publish();
}

void GatewayManager::call(const QString& method, const QJsonValue& params, int timeoutMs, CallCallback cb)
{
    m_client.call(method, params, timeoutMs, [this, cb](const CallResult& r) {
        m_diag.noteRpc(r.isTransportFailure(), r.ok(), r.method, r.message, epochMs());
        if (cb)
            cb(r);
    });
}

ReloadState GatewayManager::reloadState() const
{
    ReloadState st;
    st.running = m_status.state == GatewayState::Running;
    st.owned = m_status.owned;
    st.rpcAvailable = m_client.isConnected();
    return st;
}

void GatewayManager::openDashboard(std::function<void(const DashboardLink&)> done)
{
    m_dashboard->openFor(m_status.state, m_config.launch, m_config.dashboardTimeoutMs, std::move(done));
}

QJsonObject GatewayManager::diagnosticsSnapshot() const
{
    DiagnosticsExport e;
    e.status = m_status;
    e.health = health();
    e.diagnostics = m_diag;
    e.restartHistory = m_book.history().toJson();
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
