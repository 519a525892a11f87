// fake_gateway — a TEST FIXTURE that behaves like the real OpenClaw gateway (protocol v4) as far
// as a supervisor can see, and misbehaves on demand. Never a fallback of the product.
//
// Launched exactly like the real gateway, so the product's launch code is used unchanged:
//   fake_gateway [--disable-sigusr1] [<dir>/openclaw.mjs] gateway run --port <port> --bind loopback
//                [--allow-unconfigured] [--token <t>] [fake options...]
// Environment: OPENCLAW_GATEWAY_TOKEN (wins over --token; with neither, a random token nobody
// knows), OPENCLAW_STATE_DIR (optional: exclusive flock on <dir>/tmp/openclaw-<uid>/gateway.lock;
// a second instance prints "another gateway instance holds the state dir lock" and exits 78).
// Listens on 127.0.0.1:<port> (and [::1] when available); --port 0 picks a free port. HTTP and
// WebSocket share the port: GET /healthz -> {"ok":true,"status":"live"}; GET /readyz -> 200
// {"ready":true} or 503 {"ready":false,"failing":["startup-sidecars"]} while starting.
// Stdout: "fake: listening port=<p> pid=<pid>", "fake: ready" (again after each in-process
// restart or fake.startingFor window), "fake: helper pid=<pid> kind=<grandchild|detached>",
// "fake: restarting bootId=<new id> reason=<r>", plus a few "[gateway] ..." log lines.
//
// Fake options (unknown options: exit 2)                 default
//   --fake-listen-delay-ms N     do not listen for N ms (boot)           0
//   --fake-starting-ms N         after listening, connects get UNAVAILABLE + close 1013 for N ms
//                                and /readyz is 503                      0
//   --fake-retry-after-ms N      retryAfterMs in that rejection          500
//   --fake-crash-after-ms N      die after N ms, with ...                off
//     --fake-exit-code C         ... exit status C                       1
//     --fake-crash-signal S      ... or signal S: SEGV KILL ABRT TERM BUS ILL (no core file)
//   --fake-exit-78               state-dir lock message on stderr, exit 78 after 100 ms
//   --fake-stderr-line TEXT      print TEXT to stderr at start (repeatable)
//   --fake-startup-trace         "startup trace: <stage> <ms>ms [total=<ms>ms]" lines on stderr,
//                                "[gateway] ready" on stdout when first ready
//   --fake-ignore-sigterm        SIGTERM and SIGINT are ignored (SIG_IGN)
//   --fake-grandchild            spawn `fake_gateway --fake-sleeper` in our process group
//   --fake-detached-helper       spawn a sleeper in its own session/process group (setsid), stdio
//                                on /dev/null; it never exits on its own: the supervisor must reap it
//   --fake-flood-bytes N         at start, write N bytes of varied lines to stdout AND stderr
//                                (blocking writes, 64 KiB chunks alternating), then carry on
//   --fake-tick-ms N             `tick` event period                     30000
//   --fake-health-event-ms N     `health` event period                   60000
//   --fake-no-challenge          never send connect.challenge
//   --fake-restart-delay-ms N    in-process restart "boot" time (1013 window) 300
//   --fake-active-tasks N        preflight reports N active tasks; restart.request then answers
//                                "deferred" unless skipDeferral          0
//   --fake-handshake-timeout-ms N  no connect within N ms: close 1000   15000
//   --fake-bind-retry-ms N       port busy: retry binding this long, then exit 1 2000
//   --fake-auth-fail-delay-ms N  failed token auth answered after N ms, doubling per failure
//                                within 60 s up to 5 s (0 = off)          250
//   --fake-ping-ms N             server pings every N ms after auth; no pong by the next ping:
//                                the TCP connection is dropped (0 = off) 25000
//   --fake-sleeper               internal: the helper process (sleeps until killed)
//
// Signals: SIGTERM/SIGINT -> ~35 ms later event shutdown {reason:"gateway stopping",
// restartExpectedMs:null}, close 1012, exit 0. SIGUSR2 -> in-process restart (as below).
// SIGUSR1 without --disable-sigusr1 prints Node's "Debugger listening on ws://127.0.0.1:9229/..."
// (nothing listens). Writing to a pipe nobody reads (EPIPE) exits 0, like the real gateway.
//
// Fault-injection RPCs (after the handshake only; no scope needed; never subject to the
// delay/drop/outOfOrder rules). "target" is "self", "others" or "all" authenticated connections.
//   fake.echo {...}                 -> the params, unchanged (load tests)
//   fake.close {code=1000, reason="", target="self"}  answers, then closes with that code;
//                                      code 1006 drops the TCP connection without a close frame
//   fake.crash {code=1, signal?, dropFirstMs=0}  _exit(code) (or dies by signal) at once; no
//                                   answer. dropFirstMs > 0: answers, drops every connection
//                                   (1006), answers "starting" to everybody, and dies that
//                                   many ms later
//   fake.hang {ms}                  answers and flushes, then BLOCKS the event-loop thread for ms
//                                   (0 = until killed): no frames, no pongs, no HTTP (new TCP
//                                   connections wait in the kernel backlog); signals are only
//                                   acted on afterwards, SIGKILL still works (a stuck Node loop)
//   fake.malformed {kind}           sends one bad frame, then answers ok; kinds: notjson, array,
//                                   noid (res without id), unknowntype, wrongtypes, binary, empty
//   fake.oversized {bytes}          answers, then sends event "fake.oversized" of ~bytes bytes
//   fake.delay {method, ms}         responses to `method` (all connections) wait ms (0 = clear)
//   fake.drop {method, enabled=true}  `method` is never answered (all connections)
//   fake.outOfOrder {count, target="self"}  the next count responses are released reversed
//   fake.event {event, payload?, target="all"}  answers, then emits that event (with seq)
//   fake.startingFor {ms}           new connects get the 1013 "gateway starting" rejection, /readyz 503
//   fake.notReady {failing=[...]}   /readyz answers 503 with these failing (channels), /startupz stays 200
//   fake.approval {id?, command?, cwd?, expiresInMs=120000, allowedDecisions?, silent=false}
//                                   a pending exec approval (exec.approval.requested unless silent);
//                                   exec.approval.list / exec.approval.resolve serve them
//   fake.channels {accounts={channel:[{accountId,running,connected,lastError,...}]}, labels, issues}
//                                   what channels.status reports (default: no channels);
//                                   channels.start|stop|logout (admin) flip an account's running
//   fake.pairRequest {kind="device"|"node", requestId?, deviceId?|nodeId?, displayName, role,
//                    scopes, commands, requiredApproveScopes, silent=false, quiet=false, ts?}
//                                   a pending pairing request (*.pair.requested unless silent
//                                   or quiet: quiet is a request whose event a client missed);
//                                   device.pair.* / node.pair.* / node.rename serve and answer them
//   fake.sessions {sessions=[rows], totalCount?, usage={totalTokens,totalCost,missingCostEntries}}
//                                   what sessions.list / usage.cost answer; sessions.changed goes
//                                   to connections that called sessions.subscribe
//   fake.activeTasks {count}        set the active task count; 0 lets a deferred restart proceed
//   fake.reset {}                   clear delay/drop rules, release held responses
// Delay/drop rules are process-wide and survive in-process restarts.
//
// Protocol: challenge -> connect (schema, "gateway starting", protocol 4, role, device Ed25519
// v3/v2 signature, token) -> hello-ok; then health, status, system.info,
// gateway.restart.preflight, gateway.restart.request {reason?, skipDeferral?} ("scheduled": ~100 ms
// later shutdown {reason:"gateway restarting", restartExpectedMs:1500} to all, close 1012, 1013
// window of --fake-restart-delay-ms, new bootId, same pid; "coalesced" while one is pending).
// Events tick/health/presence/shutdown carry a per-connection increasing seq.
//
// Note for tests with a QWebSocket client: Qt (6.4 and later) treats close codes 1012..2999 as
// invalid and reports closeCode() 1002 "Invalid close code 1002 detected." for the 1012/1013 this
// fixture sends (as the real gateway does). Read the meaning from the frames before the close:
// the `shutdown` event (1012) or the UNAVAILABLE "gateway starting" response (1013).

#include "FakeCli.h"
#include "FakeServer.h"
#include "Options.h"
#include "ProcessUtil.h"
#include "SignalBridge.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTimer>
#include <QUuid>

#include <csignal>
#include <unistd.h>

using namespace fakegw;

namespace {

void spawnAndReport(const char* kind)
{
    const pid_t pid = spawnHelper(kind);
    if (pid > 0)
        outLine(QStringLiteral("fake: helper pid=%1 kind=%2").arg(pid).arg(QLatin1String(kind)).toUtf8());
    else
        errLine(QByteArrayLiteral("fake: could not spawn helper ") + kind);
}

void crashNow(const Options& o)
{
    errLine(QByteArrayLiteral("[gateway] fatal: simulated crash (fake gateway)"));
    if (!o.crashSignal.isEmpty())
        dieBySignal(o.crashSignal);
    ::_exit(o.exitCode);
}

} // namespace

int main(int argc, char** argv)
{
    const qint64 startedNs = monotonicNs(); // before anything else: the supervisors' respawn ends here
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    if (const auto cli = runFakeCli(args))
        return *cli;
    const ParsedOptions parsed = parseOptions(args);
    if (!parsed.ok) {
        errLine(QByteArrayLiteral("fake_gateway: ") + parsed.error.toUtf8());
        errLine(QByteArrayLiteral("usage: fake_gateway [--disable-sigusr1] [openclaw.mjs] gateway run --port N "
                                  "--bind loopback [--token T] [--fake-... options, see main.cpp]"));
        return 2;
    }
    const Options& o = parsed.options;
    if (o.sleeper)
        return runSleeper();
    ::signal(SIGPIPE, SIG_IGN); // EPIPE is handled where we write
    timestampLog("start", startedNs);

    for (const QString& line : o.stderrLines)
        errLine(line.toUtf8());
    if (o.exit78) {
        const QString dir = o.stateDir.isEmpty() ? QDir::tempPath() : o.stateDir + QStringLiteral("/tmp");
        errLine(stateDirLockedMessage(QStringLiteral("%1/openclaw-%2/gateway.lock").arg(dir).arg(::getuid())));
        ::usleep(100 * 1000);
        return 78;
    }
    if (!o.stateDir.isEmpty()) {
        QString message;
        if (!acquireStateDirLock(o.stateDir, &message)) {
            errLine(message.toUtf8());
            ::usleep(200 * 1000);
            return 78;
        }
    }
    if (o.bind != QLatin1String("loopback"))
        errLine(QStringLiteral("fake: --bind %1 ignored, listening on loopback only").arg(o.bind).toUtf8());
    if (o.startupTrace)
        errLine(QByteArrayLiteral("startup trace: config 0ms [total=0ms]"));

    QCoreApplication app(argc, argv);
    SignalBridge bridge;
    if (o.ignoreSigterm) {
        ::signal(SIGTERM, SIG_IGN);
        ::signal(SIGINT, SIG_IGN);
    } else {
        bridge.watch(SIGTERM);
        bridge.watch(SIGINT);
    }
    bridge.watch(SIGUSR2);
    if (o.disableSigusr1)
        ::signal(SIGUSR1, SIG_IGN);
    else
        bridge.watch(SIGUSR1);

    FakeServer server(o);
    QObject::connect(&bridge, &SignalBridge::received, &server, [&server](int sig) {
        if (sig == SIGTERM || sig == SIGINT) {
            server.terminate(sig == SIGTERM ? QStringLiteral("SIGTERM") : QStringLiteral("SIGINT"));
        } else if (sig == SIGUSR2) {
            server.restartFromSignal();
        } else if (sig == SIGUSR1) {
            errLine(QStringLiteral("Debugger listening on ws://127.0.0.1:9229/%1")
                        .arg(QUuid::createUuid().toString(QUuid::WithoutBraces))
                        .toUtf8());
            errLine(QByteArrayLiteral("For help, see: https://nodejs.org/en/docs/inspector"));
        }
    });

    if (o.grandchild)
        spawnAndReport("grandchild");
    if (o.detachedHelper)
        spawnAndReport("detached");
    if (o.crashAfterMs >= 0)
        QTimer::singleShot(o.crashAfterMs, Qt::PreciseTimer, &app, [&o] { crashNow(o); });
    if (o.handoffRestartAfterMs >= 0)
        QTimer::singleShot(o.handoffRestartAfterMs, Qt::PreciseTimer, &app, [&o] {
            QFile f(fakeHandoffPath(o.port));
            if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
                f.write(QByteArray::number(qint64(::getpid())));
            f.close();
            errLine(QByteArrayLiteral("[gateway] restart requested: fresh process; handoff written for the supervisor"));
            ::_exit(0);
        });
    if (o.floodBytes > 0) {
        floodOutput(o.floodBytes);
        outLine(QStringLiteral("fake: flood done bytes=%1").arg(o.floodBytes).toUtf8());
    }
    server.start();
    return app.exec();
}
