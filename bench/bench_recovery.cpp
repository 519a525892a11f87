// Benchmark 2 — crash recovery. The real GatewayManager runs in this process and supervises the
// fake gateway; after a stable run the bench SIGKILLs the gateway and times, from the kill:
//   exit seen   GatewayProcess::finished (the child is reaped and its group checked for leftovers)
//   respawn     GatewayProcess::started for the new child (fork + exec done)
//   spawned     the manager publishes the new pid (lease written; what a UI would show)
//   running     state Running again with the new pid: /readyz answered and the v4 handshake done
// With --real, a few cycles against the real OpenClaw gateway, where "running" is dominated by its
// boot; an independent /readyz poller times the gateway's own boot so that ClawTray's overhead
// (kill → spawn, plus ready → handshake done) can be reported separately.
//
// Options: --cycles N (50)  --stable-ms N (1000)  --ready-poll-ms N (product default)  --real  --real-cycles N (3)
#include "BenchCommon.h"
#include "ReadyzPoller.h"

#include "FakeGateway.h"
#include "RealGateway.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QMap>

#include "process/PortInspector.h"
#include "process/StaleGatewayReaper.h"

#include <signal.h>

using namespace bench;
using clawtray::GatewayManager;

namespace {

// A stable run has to be long enough for the restart policies to call it stable (then the first
// restart is immediate and the governor's cooldown has passed). Their product values are 120 s
// (stable run) and 2.5 s (cooldown); scaled down here so 50 cycles take a minute, not 100 minutes.
void scaleStability(clawtray::ManagerConfig& c, int stableMs)
{
    c.backoff.stableRunMs = stableMs * 8 / 10;
    c.governor.stableResetMs = stableMs * 8 / 10;
    c.governor.baseCooldownMs = stableMs / 2;
}

struct CycleTimes
{
    QVector<double> exitSeen, respawn, spawned, running, exitToRespawn, respawnToReady, readyToRunning;
    QVector<double> respawnExitFirst, runningExitFirst, runningSocketFirst;
    // From the kernel's exit (pidfd readable), not from the kill: what the supervisor adds.
    QVector<double> killToExit, exitToRespawnKernel, exitToRunningKernel;
};

QJsonObject fakeRun(int cycles, int stableMs, int readyPollMs, const QString& tmp, bool* okOut)
{
    const quint16 port = testsupport::freeTcpPort();
    auto cfg = productConfig(testsupport::fakeGatewayOptions(port, {}), tmp);
    cfg.leasePath = tmp + QStringLiteral("/gateway.lease");
    if (readyPollMs > 0)
        cfg.readyPollMs = readyPollMs;
    scaleStability(cfg, stableMs);
    const auto identity = clawtray::DeviceIdentity::generate();
    GatewayManager m(cfg, *identity);
    ManagerProbe probe(&m);
    m.start();
    QJsonObject out{{QStringLiteral("config"), describeConfig(cfg)}, {QStringLiteral("stableRunMs"), stableMs}};
    if (!probe.waitRunning(20000)) {
        out.insert(QStringLiteral("error"), QStringLiteral("the fake gateway never came up: %1").arg(m.status().oneLine(0)));
        *okOut = false;
        return out;
    }
    CycleTimes t;
    int failures = 0, socketFirst = 0;
    QMap<QString, int> stateAtLoss;
    // A respawn later than this went through a backoff step (the product's base delay is 1 s).
    constexpr double kBackoffStepMs = 500;
    for (int i = 0; i < cycles; ++i) {
        sleepMs(stableMs);
        const qint64 pid = m.status().pid;
        probe.reset(pid);
        ExitWatch exitWatch{pid_t(pid)};
        const double t0 = nowMs();
        ::kill(pid_t(pid), SIGKILL);
        if (!waitUntil([&] { return probe.runningAt >= 0; }, 10000)) {
            ++failures;
            progress(QStringLiteral("cycle %1: not running again after 10 s (%2)").arg(i).arg(m.status().oneLine(0)));
            probe.waitRunning(30000);
            continue;
        }
        t.exitSeen << probe.exitAt - t0;
        if (exitWatch.exitAt() >= 0) {
            t.killToExit << exitWatch.exitAt() - t0;
            t.exitToRespawnKernel << probe.startedAt - exitWatch.exitAt();
            t.exitToRunningKernel << probe.runningAt - exitWatch.exitAt();
        }
        t.respawn << probe.startedAt - t0;
        t.spawned << probe.spawnedAt - t0;
        t.running << probe.runningAt - t0;
        t.exitToRespawn << probe.startedAt - probe.exitAt;
        t.respawnToReady << probe.connectingAt - probe.startedAt;
        t.readyToRunning << probe.runningAt - probe.connectingAt;
        if (probe.socketLossFirst())
            ++socketFirst;
        if (probe.stateAtSocketLoss)
            ++stateAtLoss[QString(QLatin1Char(probe.stateAtSocketLoss))];
        if (probe.startedAt - t0 >= kBackoffStepMs) {
            t.runningSocketFirst << probe.runningAt - t0;
        } else {
            t.respawnExitFirst << probe.startedAt - t0;
            t.runningExitFirst << probe.runningAt - t0;
        }
        if ((i + 1) % 10 == 0)
            progress(QStringLiteral("fake crash cycle %1/%2: respawn %3 ms, running %4 ms")
                         .arg(i + 1).arg(cycles).arg(t.respawn.last(), 0, 'f', 2).arg(t.running.last(), 0, 'f', 2));
    }
    m.stop();
    probe.waitStopped(15000);
    out.insert(QStringLiteral("cycles"), cycles);
    out.insert(QStringLiteral("failures"), failures);
    out.insert(QStringLiteral("kill_to_exit_ms"), statsJson(t.killToExit));
    out.insert(QStringLiteral("exit_to_respawn_ms"), statsJson(t.exitToRespawnKernel));
    out.insert(QStringLiteral("exit_to_running_ms"), statsJson(t.exitToRunningKernel));
    out.insert(QStringLiteral("kill_to_exit_seen_ms"), statsJson(t.exitSeen));
    out.insert(QStringLiteral("kill_to_respawn_ms"), statsJson(t.respawn));
    out.insert(QStringLiteral("kill_to_pid_published_ms"), statsJson(t.spawned));
    out.insert(QStringLiteral("kill_to_running_ms"), statsJson(t.running));
    out.insert(QStringLiteral("exit_seen_to_respawn_ms"), statsJson(t.exitToRespawn));
    out.insert(QStringLiteral("respawn_to_readyz_ok_ms"), statsJson(t.respawnToReady));
    out.insert(QStringLiteral("readyz_ok_to_running_ms"), statsJson(t.readyToRunning));
    // The gateway's socket closes a moment before its exit is reported (the kernel closes the files
    // of a dying process before it signals the parent). The manager must not take that for a lost
    // connection (a reattach that the exit then fails costs a backoff step of 2 s): it checks
    // whether the process is exiting and otherwise waits socketLossSettleMs for the exit. Cycles
    // that still took a backoff step are counted.
    out.insert(QStringLiteral("cycles_socket_loss_first"), socketFirst);
    out.insert(QStringLiteral("cycles_with_backoff_step"), int(t.runningSocketFirst.size()));
    // What /proc said about the killed gateway when the socket loss reached the manager: 'Z' would
    // let it tell a dead gateway from a lost connection; anything else means it was still exiting.
    QJsonObject states;
    for (auto it = stateAtLoss.cbegin(); it != stateAtLoss.cend(); ++it)
        states.insert(it.key() == QLatin1String("-") ? QStringLiteral("gone") : it.key(), it.value());
    out.insert(QStringLiteral("gateway_state_at_socket_loss"), states);
    out.insert(QStringLiteral("without_backoff_step"), QJsonObject{{QStringLiteral("kill_to_respawn_ms"), statsJson(t.respawnExitFirst)},
                                                                   {QStringLiteral("kill_to_running_ms"), statsJson(t.runningExitFirst)}});
    out.insert(QStringLiteral("with_backoff_step"), QJsonObject{{QStringLiteral("kill_to_running_ms"), statsJson(t.runningSocketFirst)}});
    *okOut = failures == 0;
    return out;
}

QJsonObject realRun(int cycles, int stableMs, int readyPollMs, const QString& tmp, bool* okOut)
{
    *okOut = false;
    QString why;
    if (!realRuntimeAvailable(&why))
        return {{QStringLiteral("skipped"), why}};
    testsupport::RealGatewayEnv env;
    if (!env.valid)
        return {{QStringLiteral("skipped"), env.error}};
    auto cfg = productConfig(env.options(), tmp);
    cfg.leasePath = tmp + QStringLiteral("/gateway-real.lease");
    if (readyPollMs > 0)
        cfg.readyPollMs = readyPollMs;
    scaleStability(cfg, stableMs);
    const auto identity = clawtray::DeviceIdentity::generate();
    GatewayManager m(cfg, *identity);
    ManagerProbe probe(&m);
    double readyAt = -1;
    ReadyzPoller poller(env.port, 5, [&](double at) { readyAt = at; });
    QObject::connect(m.process(), &clawtray::GatewayProcess::started, &poller, [&] {
        readyAt = -1;
        poller.start();
    });
    probe.reset(0);
    const double firstStart = nowMs();
    m.start();
    QJsonObject out{{QStringLiteral("config"), describeConfig(cfg)}, {QStringLiteral("stableRunMs"), stableMs}};
    if (!probe.waitRunning(180000)) {
        out.insert(QStringLiteral("error"), QStringLiteral("the real gateway never came up: %1").arg(m.status().oneLine(0)));
        poller.stop();
        m.stop();
        probe.waitStopped(30000);
        return out;
    }
    out.insert(QStringLiteral("first_start_to_running_ms"), round(probe.runningAt - firstStart, 1));
    QVector<double> total, gatewayBoot, overhead, killToRespawn, readyToRunning, exitSeen;
    QVector<double> teardown, overheadFromExit, exitToRespawn;
    int failures = 0;
    for (int i = 0; i < cycles; ++i) {
        sleepMs(stableMs);
        const qint64 pid = m.status().pid;
        probe.reset(pid);
        readyAt = -1;
        ExitWatch exitWatch{pid_t(pid)};
        const double t0 = nowMs();
        ::kill(pid_t(pid), SIGKILL);
        if (!waitUntil([&] { return probe.runningAt >= 0; }, 180000) || readyAt < 0) {
            ++failures;
            progress(QStringLiteral("real cycle %1: not running again (%2)").arg(i).arg(m.status().oneLine(0)));
            continue;
        }
        total << probe.runningAt - t0;
        gatewayBoot << readyAt - probe.startedAt;
        killToRespawn << probe.startedAt - t0;
        readyToRunning << probe.runningAt - readyAt;
        exitSeen << probe.exitAt - t0;
        overhead << (probe.runningAt - t0) - (readyAt - probe.startedAt);
        if (exitWatch.exitAt() >= 0) {
            teardown << exitWatch.exitAt() - t0;
            overheadFromExit << (probe.runningAt - exitWatch.exitAt()) - (readyAt - probe.startedAt);
            exitToRespawn << probe.startedAt - exitWatch.exitAt();
        }
        progress(QStringLiteral("real crash cycle %1/%2: running again after %3 ms (gateway boot %4 ms, teardown of the "
                                "killed gateway %5 ms, ClawTray %6 ms)")
                     .arg(i + 1).arg(cycles).arg(total.last(), 0, 'f', 0).arg(gatewayBoot.last(), 0, 'f', 0)
                     .arg(teardown.isEmpty() ? -1.0 : teardown.last(), 0, 'f', 1)
                     .arg(overheadFromExit.isEmpty() ? overhead.last() : overheadFromExit.last(), 0, 'f', 1));
    }
    poller.stop();
    m.stop();
    probe.waitStopped(30000);
    out.insert(QStringLiteral("cycles"), cycles);
    out.insert(QStringLiteral("failures"), failures);
    out.insert(QStringLiteral("kill_to_running_ms"), statsJson(total, 1));
    out.insert(QStringLiteral("gateway_spawn_to_readyz_ms"), statsJson(gatewayBoot, 1));
    out.insert(QStringLiteral("kill_overhead_ms"), statsJson(overhead, 2));
    out.insert(QStringLiteral("clawtray_overhead_ms"), statsJson(overheadFromExit.isEmpty() ? overhead : overheadFromExit, 2));
    out.insert(QStringLiteral("kill_to_exit_ms"), statsJson(teardown, 2));
    out.insert(QStringLiteral("exit_to_respawn_ms"), statsJson(exitToRespawn, 2));
    out.insert(QStringLiteral("kill_to_exit_seen_ms"), statsJson(exitSeen, 2));
    out.insert(QStringLiteral("kill_to_respawn_ms"), statsJson(killToRespawn, 2));
    out.insert(QStringLiteral("readyz_to_running_ms"), statsJson(readyToRunning, 2));
    out.insert(QStringLiteral("note"), QStringLiteral("clawtray_overhead = (exit→running) − (spawn→first /readyz 200 seen by an "
                                                      "independent 5 ms poller) = exit→respawn + readyz→handshake done, where "
                                                      "exit is the kernel's (pidfd readable, watched on its own thread); it "
                                                      "includes the manager's readiness poll interval and the gateway's "
                                                      "handling of the connect. kill_to_exit is the kernel tearing the killed "
                                                      "~800 MB gateway down, which every supervisor waits for; kill_overhead "
                                                      "counts it too"));
    *okOut = failures == 0;
    return out;
}

// What the steps between "the old gateway exited" and "the new one is started" cost on their own
// (each repeated, on this machine's process table), to tell the supervisor's own work from waiting.
QJsonObject componentCosts(int reps)
{
    QVector<double> inspectFree, inspectBusy, canBind, owned, reaper, spawn, ancestors;
    const quint16 freePort = testsupport::freeTcpPort();
    testsupport::FakeGateway fake;
    if (!fake.start())
        return {{QStringLiteral("error"), QStringLiteral("the fake gateway did not start")}};
    const auto inspector = clawtray::PortInspector::create();
    for (int i = 0; i < reps; ++i) {
        double t = nowMs();
        inspector->inspect(freePort);
        inspectFree << nowMs() - t;
        t = nowMs();
        inspector->inspect(fake.port());
        inspectBusy << nowMs() - t;
        t = nowMs();
        clawtray::PortInspector::canBind(freePort);
        canBind << nowMs() - t;
        t = nowMs();
        fake.process().ownedProcesses();
        owned << nowMs() - t;
        t = nowMs();
        clawtray::StaleGatewayReaper::protectedPids();
        ancestors << nowMs() - t;
        clawtray::StaleGatewayReaper r;
        double done = -1;
        QObject::connect(&r, &clawtray::StaleGatewayReaper::finished, [&] { done = nowMs(); });
        clawtray::StaleGatewayReaper::Request req;
        req.port = freePort;
        t = nowMs();
        r.run(req);
        waitUntil([&] { return done >= 0; }, 10000);
        reaper << done - t;
    }
    fake.stop();
    for (int i = 0; i < qMin(reps, 10); ++i) {
        testsupport::FakeGateway g;
        double started = -1;
        QObject::connect(&g.process(), &clawtray::GatewayProcess::started, [&] { started = nowMs(); });
        const double t = nowMs();
        g.process().start(clawtray::LaunchSpec::forGateway(g.options()));
        spawn << started - t;
        g.stop();
    }
    return QJsonObject{
        {QStringLiteral("processes_on_machine"), int(QDir(QStringLiteral("/proc")).entryList({QStringLiteral("[0-9]*")}, QDir::Dirs).size())},
        {QStringLiteral("port_inspect_free_port_ms"), statsJson(inspectFree, 3, 0)},
        {QStringLiteral("port_inspect_busy_port_ms"), statsJson(inspectBusy, 3, 0)},
        {QStringLiteral("can_bind_ms"), statsJson(canBind, 4, 0)},
        {QStringLiteral("owned_processes_scan_ms"), statsJson(owned, 3, 0)},
        {QStringLiteral("protected_pids_ms"), statsJson(ancestors, 3, 0)},
        {QStringLiteral("stale_reaper_run_free_port_ms"), statsJson(reaper, 3, 0)},
        {QStringLiteral("process_start_ms"), statsJson(spawn, 3, 0)},
    };
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    prepareEnvironment();
    const Args args(argc, argv);
    QTemporaryDir tmp;
    startScratch(args, tmp);
    const int stableMs = args.intValue("stable-ms", 1000);
    const int readyPollMs = args.intValue("ready-poll-ms", 0);
    bool fakeOk = false;
    QJsonObject out{{QStringLiteral("benchmark"), QStringLiteral("crash_recovery")}};
    progress(QStringLiteral("crash recovery (fake gateway)"));
    out.insert(QStringLiteral("fake"), fakeRun(args.intValue("cycles", 50), stableMs, readyPollMs, tmp.path(), &fakeOk));
    progress(QStringLiteral("component costs"));
    out.insert(QStringLiteral("components"), componentCosts(args.intValue("component-reps", 20)));
    if (args.flag("real")) {
        progress(QStringLiteral("crash recovery (real gateway)"));
        bool realOk = false;
        out.insert(QStringLiteral("real"), realRun(args.intValue("real-cycles", 3), qMax(stableMs, 3000),
                                                   args.intValue("real-ready-poll-ms", 0), tmp.path(), &realOk));
    }
    emitJson(out);
    return fakeOk ? 0 : 1;
}
