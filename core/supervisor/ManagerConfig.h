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
    bool allowAutoDoctor = false;  // run `openclaw doctor --fix` by itself on an invalid config (once)
    int doctorTimeoutMs = 120000;

    int readyTimeoutMs = 120000;   // spawn → /readyz 200 (the real gateway needs ~9 s, slow disks much more)
    int readyPollMs = 250;
    int reattachTimeoutMs = 30000; // in-process restart (close 1012) → ready again
    int defaultRestartExpectedMs = 1500;
    int probeTimeoutMs = 2000;     // each readiness probe

    GatewayProcess::Config process;
    GatewayClient::Config client;
    LivenessMonitor::Config liveness;
    ReconnectBackoffConfig backoff;
    RestartGovernorConfig governor;
    StartAttemptsConfig startAttempts;
    ReloadConfig reload;
};

} // namespace clawtray
