#include "process/LaunchSpec.h"

#include "logging/Redactor.h"

#include <QDir>
#include <QFileInfo>

namespace clawtray {

QProcessEnvironment LaunchSpec::childEnvironment(const GatewayLaunchOptions& o)
{
    QProcessEnvironment env = o.baseEnvironment;
    // NODE_COMPILE_CACHE makes the launcher respawn (the pid we own would become a mere launcher);
    // NODE_OPTIONS could inject anything (--inspect ...); systemd hints make the gateway run its
    // own supervised retry loop underneath ours.
    for (const char* name : {"NODE_OPTIONS", "NODE_COMPILE_CACHE", "INVOCATION_ID", "JOURNAL_STREAM",
                             "SYSTEMD_EXEC_PID", "OPENCLAW_SYSTEMD_UNIT", "OPENCLAW_GATEWAY_TOKEN",
                             "OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH", "OPENCLAW_GATEWAY_PORT", kLeaseTagVariable})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("OPENCLAW_NO_RESPAWN"), QStringLiteral("1"));
    // OpenClaw's external-supervisor contract: ClawTray owns the gateway, so OpenClaw must not
    // install, start or repair its own service for this state, nor update itself underneath us.
    // The gateway and every CLI command run against the same state (doctor, dashboard) get both.
    env.insert(QStringLiteral("OPENCLAW_SUPERVISOR_MODE"), QStringLiteral("external"));
    env.insert(QStringLiteral("OPENCLAW_SERVICE_REPAIR_POLICY"), QStringLiteral("external"));
    env.insert(QStringLiteral("OPENCLAW_DISABLE_BONJOUR"), QStringLiteral("1"));
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    if (!o.token.isEmpty())
        env.insert(QStringLiteral("OPENCLAW_GATEWAY_TOKEN"), o.token);
    // CLI commands (dashboard, status) have no --port: they find the gateway through this.
    if (o.port > 0)
        env.insert(QStringLiteral("OPENCLAW_GATEWAY_PORT"), QString::number(o.port));
    if (!o.stateDir.isEmpty())
        env.insert(QStringLiteral("OPENCLAW_STATE_DIR"), o.stateDir);
    if (!o.configPath.isEmpty())
        env.insert(QStringLiteral("OPENCLAW_CONFIG_PATH"), o.configPath);
    if (!o.leaseTag.isEmpty())
        env.insert(QString::fromLatin1(kLeaseTagVariable), o.leaseTag);
    const QStringList keys = o.extraEnvironment.keys();
    for (const QString& k : keys)
        env.insert(k, o.extraEnvironment.value(k));
    return env;
}

LaunchSpec LaunchSpec::forCli(const GatewayLaunchOptions& options, const QStringList& cliArguments)
{
    GatewayLaunchOptions o = options;
    o.leaseTag.clear(); // a CLI command is not the gateway: the lease's tag must not name it
    LaunchSpec spec;
    spec.program = o.nodePath;
    spec.arguments << QDir(o.openclawDir).filePath(QStringLiteral("openclaw.mjs")) << cliArguments;
    spec.workingDirectory = o.openclawDir;
    spec.environment = childEnvironment(o);
    return spec;
}

LaunchSpec LaunchSpec::forGateway(const GatewayLaunchOptions& o)
{
    LaunchSpec spec;
    spec.program = o.nodePath;
    // SIGUSR1 would open Node's debugger on 127.0.0.1:9229; nobody should be able to do that to us.
    spec.arguments << QStringLiteral("--disable-sigusr1")
                   << QDir(o.openclawDir).filePath(QStringLiteral("openclaw.mjs"))
                   << QStringLiteral("gateway") << QStringLiteral("run")
                   << QStringLiteral("--port") << QString::number(o.port)
                   << QStringLiteral("--bind") << QStringLiteral("loopback");
    // A gateway without a config file refuses to start ("Missing config ... or pass
    // --allow-unconfigured"); a first run under ClawTray must still work.
    if (!QFileInfo::exists(resolvedConfigPath(o)) && !o.extraArgs.contains(QStringLiteral("--allow-unconfigured")))
        spec.arguments << QStringLiteral("--allow-unconfigured");
    spec.arguments << o.extraArgs;
    spec.workingDirectory = o.openclawDir;
    spec.environment = childEnvironment(o);
    spec.leaseTag = o.leaseTag;
    return spec;
}

QString LaunchSpec::resolvedConfigPath(const GatewayLaunchOptions& o)
{
    if (!o.configPath.isEmpty())
        return o.configPath;
    if (o.stateDir.isEmpty()) {
        const QString fromEnv = environmentValue(o, "OPENCLAW_CONFIG_PATH");
        if (!fromEnv.isEmpty())
            return fromEnv;
    }
    return QDir(resolvedStateDir(o)).filePath(QStringLiteral("openclaw.json"));
}

QString LaunchSpec::resolvedStateDir(const GatewayLaunchOptions& o)
{
    if (!o.stateDir.isEmpty())
        return o.stateDir;
    if (const QString dir = environmentValue(o, "OPENCLAW_STATE_DIR"); !dir.isEmpty())
        return dir;
    const QString openclawHome = environmentValue(o, "OPENCLAW_HOME");
    const QString home = openclawHome.isEmpty() ? environmentValue(o, "HOME") : openclawHome;
    // A profile other than "default" has its own state dir, ~/.openclaw-<profile>.
    const QString profile = environmentValue(o, "OPENCLAW_PROFILE").trimmed();
    const bool named = !profile.isEmpty() && profile.compare(QLatin1String("default"), Qt::CaseInsensitive) != 0;
    return QDir(home).filePath(named ? QStringLiteral(".openclaw-") + profile : QStringLiteral(".openclaw"));
}

QString LaunchSpec::environmentValue(const GatewayLaunchOptions& o, const char* name)
{
    const QString key = QString::fromLatin1(name);
    return o.extraEnvironment.contains(key) ? o.extraEnvironment.value(key) : o.baseEnvironment.value(key);
}

QString LaunchSpec::redactedCommandLine() const
{
    QStringList parts{program};
    parts << Redactor::redactArguments(arguments);
    return Redactor::instance().redact(parts.join(QLatin1Char(' ')));
}

} // namespace clawtray
