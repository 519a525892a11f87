#pragma once

#include "client/GatewayClient.h"
#include "client/LivenessMonitor.h"
#include "policy/ReconnectBackoff.h"
#include "policy/ReloadPolicy.h"
#include "policy/RestartGovernor.h"
#include "policy/StartAttempts.h"
#include "process/GatewayProcess.h"
#include "process/LaunchSpec.h"
#include "settings/SettingsData.h"
#include "supervisor/GatewayStatus.h"

namespace clawtray {


// Everything GatewayManager needs, resolved by the app from the settings. Durations are here so
// tests can run the real manager in milliseconds.
struct ManagerConfig
{
    GatewayLaunchOptions launch;   // node, openclaw dir, port, state dir, token, extra args
    QString leasePath;             // <dataDir>/gateway.lease
    // An OpenClaw gateway ClawTray did not start already serves the port: attach to it as an
    // external gateway (never killing it), take the port over, or fail.
    ForeignGatewayPolicy foreignPolicy = ForeignGatewayPolicy::Attach;
    // OpenClaw's own gateway service for this state dir (OpenClawService::unitFor; "" when the
    // state dir cannot have one). When it is installed and running or enabled, the service owns
    // the gateway: ClawTray attaches, and Start/Stop/Restart go through `systemctl --user`.
    QString serviceUnit;
    QString systemctlPath = QStringLiteral("systemctl");
    int serviceTimeoutMs = 90000;  // a systemctl stop waits for the gateway's graceful shutdown
    bool allowAutoDoctor = false;  // run `openclaw doctor --fix` by itself on an invalid config (once)
    int doctorTimeoutMs = 120000;
    int dashboardTimeoutMs = 60000;
    int handoffTimeoutMs = 60000;  // `openclaw gateway restart-handoff ...`: a full CLI cold start // `openclaw dashboard --json`: a CLI cold start (~12 s here), slow disks more

    int readyTimeoutMs = 120000;   // spawn → /readyz 200 (the real gateway needs ~9 s, slow disks much more)
    // Readiness polling adapts to what the port says: while nothing listens, the interval is a
    // quarter of the time waited so far, between readyPollMinMs and readyPollMs (a fast gateway is
    // seen at once, a slow one is not pestered); once /readyz answers "not yet" (the real gateway:
    // ~2 s before it is ready) it polls every readyPollStartingMs, so readiness is noticed within
    // that much of happening.
    int readyPollMs = 250;
    int readyPollMinMs = 5;
    int readyPollStartingMs = 25;
    int reattachTimeoutMs = 30000; // in-process restart (close 1012) → ready again
    int defaultRestartExpectedMs = 1500;
    // The socket of a gateway that dies often closes a moment before its exit is reported. A lost
    // connection to a process that still looks alive waits this long for an exit before it is
    // treated as a connection problem (reattach), so a crash is never mistaken for one.
    int socketLossSettleMs = 100;
    int probeTimeoutMs = 2000;     // each readiness probe
    // While running, /readyz (channel readiness, shown apart from up/down) is asked every
    // readyzPollMs while it says "not ready"; once ready, only readyzRecheckMs after the gateway's
    // health snapshot changed in what matters for readiness, when someone looks, and as a safety
    // net every readyzSteadyMs (see ReadinessWatch).
    int readyzPollMs = 15000;
    int readyzSteadyMs = 600000;
    int readyzRecheckMs = 500;
    // In the error state the cause is watched (port, config file, runtime paths) and, whatever it
    // is, a start is tried again this often: an error is never the end while ClawTray runs.
    int errorRetryMs = 180000;
    int causePortPollMs = 1000;
    QStringList runtimeWatchPaths; // where a missing runtime would appear (the runtime dir, ...)
    QString tokenSource;           // shown in the status: where launch.token comes from
    // Set when the token the gateway's configuration names cannot be obtained: a start then ends
    // in this error at once (watching the config file) instead of being rejected by the gateway.
    GatewayProblem authProblem;
    // Why no runtime is in launch.nodePath (RuntimeLocator's sentence: a wrong configured path, a
    // Node too old, nothing installed); a start reports it as it is.
    QString runtimeError;
    QString tokenStorage;          // shown in the status: where ClawTray keeps its copy
    // The runtime found for launch.nodePath / openclawDir, for the diagnostics ("v24.16.0",
    // "2026.9.6"); empty when it was not checked.
    QString nodeVersion;
    QString openclawVersion;

    GatewayProcess::Config process;
    GatewayClient::Config client;
    LivenessMonitor::Config liveness;
    ReconnectBackoffConfig backoff;
    RestartGovernorConfig governor;
    StartAttemptsConfig startAttempts;
    ReloadConfig reload;
};

} // namespace clawtray
