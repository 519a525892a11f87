#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace clawtray {

// What ClawTray needs to launch an OpenClaw gateway.
struct GatewayLaunchOptions
{
    QString nodePath;             // Node >= 24.16
    QString openclawDir;          // the openclaw package dir (holds openclaw.mjs); the child's cwd
    quint16 port = 18789;
    QString stateDir;             // empty: OpenClaw's default (~/.openclaw)
    QString configPath;           // empty: OpenClaw's default (<stateDir>/openclaw.json)
    QStringList extraArgs;        // appended after ClawTray's own arguments
    QString token;                // passed only through OPENCLAW_GATEWAY_TOKEN
    QString leaseTag;             // marks every descendant through the environment (see OwnershipLease)
    QProcessEnvironment baseEnvironment = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment extraEnvironment; // applied last (tests use it to isolate HOME, TMPDIR ...)
};

// A fully resolved child process description. Holds the token only inside the environment; the
// argument vector never contains a secret, so logging it (redacted anyway) is safe.
struct LaunchSpec
{
    QString program;
    QStringList arguments;
    QString workingDirectory;
    QProcessEnvironment environment;
    QString leaseTag;

    // `node --disable-sigusr1 <openclaw.mjs> gateway run --port <port> --bind loopback [...]`.
    static LaunchSpec forGateway(const GatewayLaunchOptions& options);

    // `node <openclaw.mjs> <cliArguments>` against the same state, config, port and token source as
    // the gateway (doctor, dashboard, gateway status, restart-handoff), without the lease tag.
    static LaunchSpec forCli(const GatewayLaunchOptions& options, const QStringList& cliArguments);

    // The child's environment: inherited minus variables that make the gateway respawn itself,
    // run its own supervised retry loop or open a debugger; plus the flags a supervised gateway needs.
    static QProcessEnvironment childEnvironment(const GatewayLaunchOptions& options);

    // The config file the gateway will read (explicit path, state dir, env, or ~/.openclaw).
    static QString resolvedConfigPath(const GatewayLaunchOptions& options);
    // The state dir the gateway will use (explicit, OPENCLAW_STATE_DIR, ~/.openclaw[-<profile>]).
    static QString resolvedStateDir(const GatewayLaunchOptions& options);
    // A variable of the child's environment (extraEnvironment beats the inherited one).
    static QString environmentValue(const GatewayLaunchOptions& options, const char* name);

    // For logs: program and arguments with any secret value masked.
    QString redactedCommandLine() const;

    static constexpr const char* kLeaseTagVariable = "CLAWTRAY_GATEWAY_LEASE";
};

} // namespace clawtray
