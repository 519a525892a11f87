// Benchmark 3 — hang detection. The real GatewayManager supervises the fake gateway with a liveness
// deadline D, a verification-call timeout T and a ping interval P; after a stable run the bench
// SIGSTOPs the gateway (no frames, no pongs, the socket stays open: what a stuck event loop looks
// like) and times, from the SIGSTOP:
//   unresponsive   the manager's verdict (diagnostics().unresponsive) — target ≤ D + T + 100 ms
//   respawn        a new gateway process started
//   running        Running again with the new pid and a completed handshake
// Two variants: the product's stop grace (a SIGTERM the stopped process cannot act on, then SIGKILL
// after gateway/stopGraceMs) and a grace of 0, which is what killing at once on an unresponsive
// verdict would give.
//
// Options: --cycles N (10)  --deadline-ms D (1000)  --probe-timeout-ms T (500)  --ping-ms P (250)
//          --stable-ms S (1000)  --ready-poll-ms R (product default)
#include "BenchCommon.h"

#include "FakeGateway.h"
#include "TestSupport.h"

#include <QCoreApplication>

#include <signal.h>

using namespace bench;
using clawtray::GatewayManager;

namespace {

struct Params
{
    int cycles, deadlineMs, probeTimeoutMs, pingMs, stableMs, readyPollMs;
};

QJsonObject runVariant(const Params& p, int stopGraceMs, const QString& tmp, int* violations)
{
    const quint16 port = testsupport::freeTcpPort();
    auto cfg = productConfig(testsupport::fakeGatewayOptions(port, {}), tmp);
    cfg.leasePath = tmp + QStringLiteral("/gateway-hang.lease");
    if (p.readyPollMs > 0)
        cfg.readyPollMs = p.readyPollMs;
    cfg.liveness.deadlineMs = p.deadlineMs;
    cfg.liveness.probeTimeoutMs = p.probeTimeoutMs;
    cfg.liveness.pingIntervalMs = p.pingMs;
    if (stopGraceMs >= 0)
        cfg.process.stopGraceMs = stopGraceMs;
    // As in bench_recovery: the stability rules' time scale is shrunk so a 1 s run counts as stable.
    cfg.backoff.stableRunMs = p.stableMs * 8 / 10;
    cfg.governor.stableResetMs = p.stableMs * 8 / 10;
    cfg.governor.baseCooldownMs = p.stableMs / 2;
    const auto identity = clawtray::DeviceIdentity::generate();
    GatewayManager m(cfg, *identity);
    ManagerProbe probe(&m);
    m.start();
    QJsonObject out{{QStringLiteral("config"), describeConfig(cfg)}};
    if (!probe.waitRunning(20000)) {
        out.insert(QStringLiteral("error"), QStringLiteral("the fake gateway never came up"));
        ++*violations;
        return out;
    }
    const double bound = p.deadlineMs + p.probeTimeoutMs + 100;
    QVector<double> detect, respawn, running;
    int detectViolations = 0, restartViolations = 0, failures = 0;
    for (int i = 0; i < p.cycles; ++i) {
        // Spread the SIGSTOP over the ping phase (deterministically), so that the time since the last
        // pong varies between cycles as it would for a real hang.
        sleepMs(p.stableMs + (i * 97) % qMax(1, p.pingMs));
        const qint64 pid = m.status().pid;
        probe.reset(pid);
        const double t0 = nowMs();
        ::kill(pid_t(pid), SIGSTOP);
        const int budget = p.deadlineMs + p.probeTimeoutMs + cfg.process.stopGraceMs + 15000;
        if (!waitUntil([&] { return probe.runningAt >= 0; }, budget) || probe.unresponsiveAt < 0) {
            ++failures;
            ::kill(pid_t(pid), SIGKILL);
            progress(QStringLiteral("hang cycle %1: not recovered (%2)").arg(i).arg(m.status().oneLine(0)));
            probe.waitRunning(30000, pid);
            continue;
        }
        detect << probe.unresponsiveAt - t0;
        respawn << probe.startedAt - t0;
        running << probe.runningAt - t0;
        if (detect.last() > bound)
            ++detectViolations;
        if (respawn.last() > bound)
            ++restartViolations;
        progress(QStringLiteral("hang cycle %1/%2 (grace %3 ms): unresponsive after %4 ms, respawned after %5 ms, running after %6 ms")
                     .arg(i + 1).arg(p.cycles).arg(cfg.process.stopGraceMs)
                     .arg(detect.last(), 0, 'f', 1).arg(respawn.last(), 0, 'f', 1).arg(running.last(), 0, 'f', 1));
    }
    m.stop();
    probe.waitStopped(15000);
    *violations += detectViolations + failures;
    out.insert(QStringLiteral("cycles"), p.cycles);
    out.insert(QStringLiteral("failures"), failures);
    out.insert(QStringLiteral("bound_ms"), bound);
    out.insert(QStringLiteral("sigstop_to_unresponsive_ms"), statsJson(detect, 1));
    out.insert(QStringLiteral("sigstop_to_respawn_ms"), statsJson(respawn, 1));
    out.insert(QStringLiteral("sigstop_to_running_ms"), statsJson(running, 1));
    out.insert(QStringLiteral("detect_over_bound"), detectViolations);
    out.insert(QStringLiteral("respawn_over_bound"), restartViolations);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    prepareEnvironment();
    const Args args(argc, argv);
    QTemporaryDir tmp;
    startScratch(args, tmp);
    const Params p{args.intValue("cycles", 10),        args.intValue("deadline-ms", 1000), args.intValue("probe-timeout-ms", 500),
                   args.intValue("ping-ms", 250),      args.intValue("stable-ms", 1000),   args.intValue("ready-poll-ms", 0)};
    QJsonObject out{{QStringLiteral("benchmark"), QStringLiteral("hang_detection")},
                    {QStringLiteral("deadline_ms"), p.deadlineMs},
                    {QStringLiteral("probe_timeout_ms"), p.probeTimeoutMs},
                    {QStringLiteral("ping_interval_ms"), p.pingMs}};
    int violations = 0;
    progress(QStringLiteral("hang detection, product stop grace"));
    out.insert(QStringLiteral("product_stop_grace"), runVariant(p, -1, tmp.path(), &violations));
    progress(QStringLiteral("hang detection, stop grace 0"));
    out.insert(QStringLiteral("stop_grace_0"), runVariant(p, 0, tmp.path(), &violations));
    emitJson(out);
    return violations == 0 ? 0 : 1;
}
