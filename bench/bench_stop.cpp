// Benchmark 5 — stop. GatewayManager::stop() on a running, connected gateway until every process
// of the gateway is gone: its process group and every process carrying its lease tag (helpers that
// left the group). Reports GatewayProcess's own stopMs (SIGTERM → last process gone, from
// ExitInfo), the wall time until the manager says "stopped", and checks /proc afterwards.
//   fake               the fake gateway (answers SIGTERM after ~35 ms, like the real one's drain)
//   fake_with_helpers  the same with a grandchild in its group and a detached (setsid) helper
//   real (--real)      the real OpenClaw gateway — target p95 ≤ 1 s
//
// Options: --runs N (30)  --real  --real-runs N (5)
#include "BenchCommon.h"

#include "FakeGateway.h"
#include "RealGateway.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimer>

using namespace bench;
using clawtray::GatewayManager;

namespace {

// The first `warmupRuns` stops are reported apart (warmup_stop_ms), not in the statistics: the real
// gateway's first exit in a fresh environment persists Node's whole compile cache (thousands of
// files written from an exit hook), which a user's installation pays once.
QJsonObject runStops(const clawtray::GatewayLaunchOptions& launch, int runs, int stableMs, int startTimeoutMs,
                     const QString& tmp, const QString& label, int* leftoverTotal, int warmupRuns = 0)
{
    auto cfg = productConfig(launch, tmp);
    cfg.leasePath = tmp + QStringLiteral("/gateway-stop-%1.lease").arg(label);
    const auto identity = clawtray::DeviceIdentity::generate();
    GatewayManager m(cfg, *identity);
    ManagerProbe probe(&m);
    double stoppedAt = -1;
    QObject::connect(&m, &GatewayManager::stopped, &m, [&] { stoppedAt = nowMs(); });
    QVector<double> stopMs, wallMs, startMs, processes, warmupStopMs;
    QJsonArray traces;
    runs += warmupRuns;
    int leftovers = 0, failures = 0;
    for (int i = 0; i < runs; ++i) {
        probe.reset(0);
        const double s0 = nowMs();
        m.start();
        if (!probe.waitRunning(startTimeoutMs)) {
            ++failures;
            progress(QStringLiteral("%1 run %2: did not start (%3)").arg(label).arg(i).arg(m.status().oneLine(0)));
            m.stop();
            probe.waitStopped(30000);
            continue;
        }
        startMs << nowMs() - s0;
        sleepMs(stableMs);
        const pid_t pgid = m.process()->processGroup();
        const QByteArray tag = m.process()->leaseTag().toUtf8();
        processes << double(m.process()->ownedProcesses().size());
        probe.reset(m.status().pid);
        stoppedAt = -1;
        // Which process of the gateway goes when: polled every 10 ms while the stop runs.
        const QList<pid_t> before = m.process()->ownedProcesses();
        QHash<pid_t, double> goneAt;
        QHash<pid_t, QString> what;
        for (pid_t p : before)
            what.insert(p, testsupport::processCmdline(p).mid(0, 4).join(QLatin1Char(' ')).right(60));
        QTimer poll;
        double t0 = 0;
        QObject::connect(&poll, &QTimer::timeout, [&] {
            for (pid_t p : before)
                if (!goneAt.contains(p) && !testsupport::processAlive(p))
                    goneAt.insert(p, nowMs() - t0);
        });
        t0 = nowMs();
        poll.start(10);
        m.stop();
        const bool finished = waitUntil([&] { return stoppedAt >= 0; }, 60000);
        poll.stop();
        QJsonArray procs;
        for (pid_t p : before)
            procs.append(QJsonObject{{QStringLiteral("pid"), int(p)},
                                     {QStringLiteral("cmd"), what.value(p)},
                                     {QStringLiteral("gone_ms"), goneAt.contains(p) ? round(goneAt.value(p), 0) : QJsonValue(stoppedAt - t0)}});
        if (traces.size() < 10)
            traces.append(procs);
        if (!finished || !probe.lastExit) {
            ++failures;
            progress(QStringLiteral("%1 run %2: stop did not finish").arg(label).arg(i));
            continue;
        }
        if (i < warmupRuns) {
            warmupStopMs << double(probe.lastExit->stopMs);
            processes.removeLast();
            startMs.removeLast();
        } else {
            wallMs << stoppedAt - t0;
            stopMs << double(probe.lastExit->stopMs);
        }
        const int left = int(testsupport::processesInGroup(pgid).size() + liveDescendantsTagged(tag).size());
        leftovers += left;
        if (runs <= 10 || (i + 1) % 10 == 0)
            progress(QStringLiteral("%1 stop %2/%3: %4 ms (stopMs %5), %6 process(es) before, %7 left")
                         .arg(label).arg(i + 1).arg(runs).arg(stoppedAt - t0, 0, 'f', 1).arg(probe.lastExit->stopMs)
                         .arg(before.size()).arg(left)
                     + (i < warmupRuns ? QStringLiteral(" (warm-up, not counted)") : QString()));
    }
    *leftoverTotal += leftovers + failures;
    return QJsonObject{{QStringLiteral("runs"), runs - warmupRuns},
                       {QStringLiteral("warmup_stop_ms"), statsJson(warmupStopMs, 0)},
                       {QStringLiteral("failures"), failures},
                       {QStringLiteral("stop_ms"), statsJson(stopMs, 1)},
                       {QStringLiteral("stop_to_stopped_signal_ms"), statsJson(wallMs, 2)},
                       {QStringLiteral("processes_before_stop"), statsJson(processes, 0)},
                       {QStringLiteral("processes_left_after_stop"), leftovers},
                       {QStringLiteral("start_to_running_ms"), statsJson(startMs, 1)},
                       {QStringLiteral("stop_grace_ms"), cfg.process.stopGraceMs},
                       {QStringLiteral("process_exit_traces"), traces}};
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    prepareEnvironment();
    const Args args(argc, argv);
    QTemporaryDir tmp;
    startScratch(args, tmp);
    const int runs = args.intValue("runs", 30);
    QJsonObject out{{QStringLiteral("benchmark"), QStringLiteral("stop")}};
    int leftovers = 0;
    progress(QStringLiteral("stop (fake gateway)"));
    out.insert(QStringLiteral("fake"), runStops(testsupport::fakeGatewayOptions(testsupport::freeTcpPort(), {}), runs, 300,
                                                20000, tmp.path(), QStringLiteral("fake"), &leftovers));
    out.insert(QStringLiteral("fake_with_helpers"),
               runStops(testsupport::fakeGatewayOptions(testsupport::freeTcpPort(),
                                                        {QStringLiteral("--fake-grandchild"), QStringLiteral("--fake-detached-helper")}),
                        runs, 300, 20000, tmp.path(), QStringLiteral("fake-helpers"), &leftovers));
    if (args.flag("real")) {
        QString why;
        if (!realRuntimeAvailable(&why)) {
            out.insert(QStringLiteral("real"), QJsonObject{{QStringLiteral("skipped"), why}});
        } else {
            progress(QStringLiteral("stop (real gateway)"));
            testsupport::RealGatewayEnv env;
            out.insert(QStringLiteral("real"), runStops(env.options(), args.intValue("real-runs", 5), 3000, 180000, tmp.path(),
                                                        QStringLiteral("real"), &leftovers, args.intValue("real-warmup", 1)));
        }
    }
    emitJson(out);
    return leftovers == 0 ? 0 : 1;
}
