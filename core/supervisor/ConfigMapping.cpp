#include "supervisor/ConfigMapping.h"

#include "supervisor/OpenClawService.h"

#include <QDir>

namespace clawtray {

ManagerConfig buildManagerConfig(const SettingsData& s, const RuntimeInfo& runtime, const QString& token,
                                 const QString& dataDir)
{
    ManagerConfig c;
    c.launch.nodePath = runtime.nodePath;
    c.launch.openclawDir = runtime.openclawDir;
    c.launch.port = quint16(s.runtime.port);
    c.launch.stateDir = s.runtime.stateDir;
    c.launch.configPath = s.runtime.configPath;
    c.launch.extraArgs = s.runtime.extraArgs;
    c.launch.token = token;
    if (!runtime.nodePath.isEmpty()) {
        c.nodeVersion = runtime.nodeVersion.major > 0 ? runtime.nodeVersion.toString() : QString();
        c.openclawVersion = runtime.openclawVersion;
    }
    c.leasePath = QDir(dataDir).filePath(QStringLiteral("gateway.lease"));
    c.serviceUnit = OpenClawService::unitFor(LaunchSpec::resolvedStateDir(c.launch),
                                             LaunchSpec::environmentValue(c.launch, "HOME"));
    c.foreignPolicy = s.foreignGatewayPolicy;
    c.allowAutoDoctor = s.behaviour.allowAutoDoctor;
    c.process.stopGraceMs = s.stopGraceMs;
    c.liveness.pingIntervalMs = s.liveness.pingIntervalMs;
    c.liveness.deadlineMs = s.liveness.deadlineMs;
    c.liveness.probeTimeoutMs = s.liveness.probeTimeoutMs;
    c.backoff.baseDelayMs = s.backoff.baseMs;
    c.backoff.maxDelayMs = s.backoff.capMs;
    c.backoff.maxAttempts = s.backoff.maxAttempts;
    c.backoff.jitterRatio = s.backoff.jitter ? 0.2 : 0.0;
    c.governor.budget = s.governor.budget;
    c.governor.windowMs = s.governor.windowMs;
    c.reload.mode = s.reload.policy;
    c.reload.debounceMs = s.reload.debounceMs;
    return c;
}

QStringList reloadKeysForSettings(const QStringList& changed)
{
    QStringList out;
    for (const QString& k : changed) {
        if (k == QLatin1String(SettingsKey::NodePath))
            out << QStringLiteral("nodePath");
        else if (k == QLatin1String(SettingsKey::OpenClawDir))
            out << QStringLiteral("openclawPath");
        else if (k == QLatin1String(SettingsKey::Port))
            out << QStringLiteral("port");
        else if (k == QLatin1String(SettingsKey::StateDir))
            out << QStringLiteral("stateDir");
        else if (k == QLatin1String(SettingsKey::ConfigPath))
            out << QStringLiteral("configPath");
        else if (k == QLatin1String(SettingsKey::ExtraArgs))
            out << QStringLiteral("extraArgs");
        else if (k == QLatin1String("token"))
            out << QStringLiteral("token");
    }
    return out;
}

QStringList liveKeysForSettings(const QStringList& changed)
{
    QStringList out;
    for (const QString& k : changed)
        if (reloadKeysForSettings({k}).isEmpty())
            out << k;
    return out;
}

} // namespace clawtray
