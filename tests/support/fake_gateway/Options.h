#pragma once

#include <QString>
#include <QStringList>

namespace fakegw {

// Everything the fake gateway can be told on its command line (see main.cpp for the reference).
struct Options
{
    // Accepted like the real `openclaw gateway run`.
    int port = 18789;
    QString bind = QStringLiteral("loopback");
    QString token;    // OPENCLAW_GATEWAY_TOKEN, else --token, else a random one nobody knows
    QString stateDir; // OPENCLAW_STATE_DIR
    bool disableSigusr1 = false;

    // Fault injection and timing.
    int listenDelayMs = 0;
    int startingMs = 0;
    int retryAfterMs = 500;
    int crashAfterMs = -1;
    // Like a fresh-process restart the real gateway asks of an external supervisor: write a
    // restart handoff (see FakeCli: `gateway restart-handoff consume`) and exit 0.
    int handoffRestartAfterMs = -1;
    int exitCode = 1;
    QString crashSignal;
    bool exit78 = false;
    QStringList stderrLines;
    bool startupTrace = false;
    bool ignoreSigterm = false;
    bool grandchild = false;
    bool detachedHelper = false;
    qint64 floodBytes = 0;
    int tickMs = 30000;
    int healthEventMs = 60000;
    bool noChallenge = false;
    int restartDelayMs = 300;
    int activeTasks = 0;
    int handshakeTimeoutMs = 15000;
    int bindRetryMs = 2000;
    int authFailDelayMs = 250;
    int pingMs = 25000;
    int exitLingerMs = 0; // after a stop has closed everything: stay alive this long (Node writing its compile cache)

    // Internal: the helper processes are this same binary in sleeper mode.
    bool sleeper = false;
    QString helperKind;
};

struct ParsedOptions
{
    bool ok = false;
    QString error;
    Options options;
};

// Parses argv (without argv[0]) and the OPENCLAW_* environment. Unknown options are an error.
ParsedOptions parseOptions(const QStringList& args);

} // namespace fakegw
