#pragma once

#include "client/GatewayClient.h"
#include "client/LivenessMonitor.h"
#include "policy/StartupRecovery.h"
#include "process/GatewayProcess.h"
#include "settings/ExportFile.h"
#include "supervisor/CauseWatch.h"
#include "supervisor/Diagnostics.h"
#include "supervisor/DiagnosticsFeed.h"
#include "supervisor/GatewayStatus.h"
#include "supervisor/Lifecycle.h"
#include "supervisor/HealthEvaluator.h"
#include "supervisor/ManagerConfig.h"
#include "supervisor/OpenClawService.h"
#include "supervisor/PolicyBook.h"
#include "supervisor/ReadinessWatch.h"
#include "supervisor/RestartHandoff.h"
#include "supervisor/Intents.h"
#include "supervisor/Run.h"
#include "supervisor/Reducer.h"
#include "supervisor/RunLoss.h"
#include "supervisor/SafeRestart.h"
#include "supervisor/StartSequence.h"
#include "supervisor/StartStop.h"
#include "supervisor/SupervisorTimers.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace clawtray {

class DashboardOpener;
class DoctorRunner;
struct DashboardLink;

// The supervisor: owns the gateway process, the client, the timers and the policies, and keeps the
// gateway healthy without fighting it. What an intent, a signal or a timer leads to is decided by
// the reducer (supervisor/Reducer.h) from the facts; this class feeds the events in and carries
// the effects out (docs/ARCHITECTURE.md, "The reducer"). Every operation is tagged with the run's
// generation, so anything a superseded start/stop scheduled can never act afterwards.
class GatewayManager final : public QObject
{
    Q_OBJECT
public:
    explicit GatewayManager(const ManagerConfig& config, const DeviceIdentity& identity, QObject* parent = nullptr);
    ~GatewayManager() override;

    // User intents, each an event for the reducer. All asynchronous; progress is visible through
    // statusChanged.
    void start() { dispatch(reducer::StartAsked{}); }
    void stop() { dispatch(reducer::StopAsked{StopHow::Graceful}); }
    // A stop that a start follows at once (an update's switch-over): Stopped comes as soon as the
    // gateway has let go of its ports and OpenClaw's state lock, and the rest of its exit goes on
    // in the background (GatewayProcess::stopForSuccessor).
    void stopForSuccessor() { dispatch(reducer::StopAsked{StopHow::ForSuccessor}); }
    void restart(const QString& reason = QStringLiteral("user"));
    void debouncedRestart(int ms, const QString& reason);
    void safeRestart(bool force, std::function<void(const SafeRestartResult&)> done = {})
    {
        dispatch(reducer::SafeRestartAsked{force, std::move(done)});
    }
    void reload(const QStringList& changedKeys = {})
    {
        dispatch(reducer::ReloadDue{changedKeys, {}, m_book.decideReload(changedKeys, reloadState())});
    }
    void debouncedReload(const QStringList& changedKeys);
    // "Reload configuration" (tray, window, ctl): the same debounced path, with no changed key.
    void requestReload() { debouncedReload({}); }
    void runDoctor(std::function<void(bool ok, const QString& output)> done = {});
    // Replaces the configuration; `changedKeys` (settings keys) decide how it is applied.
    // `liveKeys`: ClawTray-only settings that changed (in use at once; shown as applied live).
    void applyConfig(const ManagerConfig& config, const QStringList& changedKeys, const QStringList& liveKeys = {});
    // Called before every fresh start while nothing runs: the app re-resolves what can change on
    // disk meanwhile (the runtime, the token openclaw.json resolves to), so a retry after the
    // user fixed something uses the fix.
    void setConfigProvider(std::function<ManagerConfig()> provider) { m_configProvider = std::move(provider); }
    // Quit: stop within `timeoutMs`, then force. `finished` fires once nothing of ours is left.
    void shutdown(int timeoutMs, std::function<void()> finished) { dispatch(reducer::QuitAsked{timeoutMs, std::move(finished)}); }

    // Pass-through RPC for the control channel and the UI (health, status, ...).
    void call(const QString& method, const QJsonValue& params, int timeoutMs, CallCallback cb);

    GatewayStatus status() const;
    // Someone looks at the status (the tray menu or the window opens): channel readiness is asked
    // again unless it was answered within `maxAgeMs`.
    void refreshReadiness(int maxAgeMs) { m_readiness.refresh(maxAgeMs); }
    int readinessProbesSent() const { return m_readiness.probesSent(); }
    const Diagnostics& diagnostics() const { return m_diag; }
    HealthSummary health() const;
    QVector<RestartRecord> restartHistory() const { return m_book.history().records(); }
    QStringList gatewayOutputTail() const { return m_process.lastLines(); }
    const ManagerConfig& config() const { return m_config; }
    // A JSON snapshot of everything (status, health, diagnostics, history, output tail), with
    // every secret redacted — what "Export diagnostics" writes.
    QJsonObject diagnosticsSnapshot() const;
    // A section the export adds under `key` (the updater's record), computed when exporting and
    // redacted with the rest.
    void setDiagnosticsSection(const QString& key, std::function<QJsonValue()> section) { m_diagSections[key] = std::move(section); }
    Result<qint64> exportDiagnostics(const QString& path) const; // writeExportFile(): no links, no FIFOs; the bytes written
    // A one-time Control UI link from `openclaw dashboard --json` (see DashboardOpener), for a
    // running gateway; the callback gets the launcher file to open, or why there is none.
    void openDashboard(std::function<void(const DashboardLink&)> done);
    // "Let ClawTray manage the gateway": stop and disable OpenClaw's service unit, then start
    // ClawTray's own gateway. handBackToService() reverses it (stop ours, enable --now the unit,
    // attach). The callback gets Done once the switch is under way, or why it cannot be done.
    void takeOverService(std::function<void(const Done&)> done) { dispatch(reducer::TakeOverAsked{std::move(done)}); }
    void handBackToService(std::function<void(const Done&)> done) { dispatch(reducer::HandBackAsked{std::move(done)}); }
    const ServiceState& serviceState() const { return m_serviceState; }

    GatewayProcess* process() { return &m_process; }
    GatewayClient* client() { return &m_client; }

Q_SIGNALS:
    void statusChanged(const clawtray::GatewayStatus& status);
    void healthChanged(const clawtray::HealthSummary& health);
    void gatewayEvent(const QString& event, const QJsonValue& payload);
    // Things worth a desktop notification: "unexpected-exit", "recovered", "circuit-open", "auth-failed".
    void notice(const QString& kind, const clawtray::UserText& text);
    void stopped();
    // While running, the gateway's health snapshot changed in what can change channel readiness
    // (see ReadinessWatch): channel views look again.
    void readinessInputsChanged();

private:
    // lifecycle
    void beginStart(StartSequence::Mode mode);
    // A start from nothing: asks whether OpenClaw's service owns the gateway first (attach and
    // start it through systemd), else spawns ClawTray's own.
    void beginFreshStart();
    bool serviceManaged() const { return m_serviceState.ownsGateway() && !m_status.owned; }
    // systemctl's answer, for this run only, as the reducer's ServiceAnswered (`reply`: the
    // requester's; an answer after the run ended tells it it was superseded).
    std::function<void(const Done&)> serviceAnswer(OpenClawService::Action action, std::function<void(const Done&)> reply = {});
    // A start sequence ended: StartSucceeded, or StartFailed with the state dir's lock looked up
    // when the verdict depends on it.
    void onStartFinished(const StartSequence::Outcome& o);
    // What a start that reached the gateway found (RecordRunning): who runs it, its pid, port, uptime, version.
    void recordRunning(const StartSequence::Outcome& o);
    // Ends whatever the current run scheduled (a new generation, timers, the start sequence, the
    // connection), without touching the process.
    void abandonRun();
    void stopInternal(AfterStop then, StopHow how = StopHow::Graceful);
    void cancelTimers();
    // The reducer (supervisor/Reducer.h) decides what an event leads to; the manager gathers the
    // facts, keeps the run it returns, and carries the effects out (GatewayManagerEffects.cpp).
    void dispatch(const reducer::Event& event);
    // The config provider's answer, taken before a fresh start (RefreshConfig).
    void refreshConfig();
    // m_config reaches the parts: the client, liveness, process, service and readiness settings,
    // the versions the diagnostics show, and the book's attempts budget and reload policy (its
    // backoff and governor start afresh only on applyConfig).
    void configureParts();
    reducer::Facts reducerFacts() const;
    void execute(const Effects& effects);
    void execute(const Effect& effect);
    PolicyBook::Context bookContext() const;
    void flushDeferredRestart();
    // helpers
    // `f`, for as long as the run that asks for it lasts: the answer, timer or signal of a run
    // superseded since (a new generation) is dropped (docs/ARCHITECTURE.md, "The reducer").
    template <typename F>
    auto thisRun(F f)
    {
        return [this, generation = m_run.generation, f = std::move(f)](auto&&... args) {
            if (generation == m_run.generation)
                f(std::forward<decltype(args)>(args)...);
        };
    }
    void transition(LifecycleEvent e);
    void setPhase(const UserText& phase);
    void publish();
    qint64 now() const { return m_clock.elapsed(); }
    static qint64 epochMs();
    // What a reload decides from: the gateway as it is now.
    ReloadState reloadState() const;

    ManagerConfig m_config;
    DeviceIdentity m_identity;
    GatewayProcess m_process;
    GatewayClient m_client;
    LivenessMonitor m_liveness;
    PolicyBook m_book; // the backoff, the governor, the coordinator, the attempts, the history, the reload
    std::unique_ptr<DoctorRunner> m_doctor;
    std::unique_ptr<DashboardOpener> m_dashboard;
    QElapsedTimer m_clock;

    GatewayStatus m_status;
    Diagnostics m_diag;
    DiagnosticsFeed m_diagFeed; // after m_diag, m_process, m_client and m_liveness: it writes into m_diag from their signals
    QMap<QString, std::function<QJsonValue()>> m_diagSections;
    HealthSummary m_lastHealth;

    LifecycleRun m_run; // the lifecycle besides the state (supervisor/Run.h)
    StartStop m_startStop; // after m_process, m_client and m_run: it holds the first two and reads the run's generation

    CauseWatch m_causeWatch;
    OpenClawService m_service;
    RestartHandoff m_handoff;
    ServiceState m_serviceState;
    SupervisorTimers m_timers;
    ReadinessWatch m_readiness; // channel readiness while running
    QList<std::function<void()>> m_shutdownWaiters;
    std::function<ManagerConfig()> m_configProvider;
};

} // namespace clawtray
