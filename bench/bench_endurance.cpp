// Benchmark 6 — endurance. The real GatewayManager (in this process) restarts the fake gateway N
// times (GatewayManager::restart, waiting each time for Running with a new pid and a completed
// handshake), then makes M calls through GatewayManager::call (100 in flight). This process's RSS
// and open descriptors are sampled after a warm-up (baseline), during the run, and at the end.
// Targets: RSS growth ≤ 1 MiB, descriptors back to the baseline count.
//
// Options: --restarts N (1000)  --calls M (100000)  --warmup-restarts K (20)  --window W (100)
#include "BenchCommon.h"

#include "FakeGateway.h"
#include "TestSupport.h"

#include <QCoreApplication>

#include <malloc.h>

using namespace bench;
using clawtray::CallResult;
using clawtray::GatewayManager;

namespace {

struct Mem
{
    qint64 rssKb, rssAnonKb, heapInUseKb;
    int fds;
};

Mem sample()
{
    const struct mallinfo2 mi = ::mallinfo2();
    return Mem{selfRssKb(), selfRssAnonKb(), qint64((mi.uordblks + mi.hblkhd) / 1024), openFdCount()};
}

QJsonObject memJson(const Mem& m)
{
    return QJsonObject{{QStringLiteral("rss_kib"), double(m.rssKb)},
                       {QStringLiteral("rss_anon_kib"), double(m.rssAnonKb)},
                       {QStringLiteral("heap_in_use_kib"), double(m.heapInUseKb)},
                       {QStringLiteral("fds"), m.fds}};
}

bool restartOnce(GatewayManager& m, ManagerProbe& probe, QVector<double>* times)
{
    const qint64 old = m.status().pid;
    probe.reset(old);
    const double t0 = nowMs();
    m.restart(QStringLiteral("bench"));
    if (!waitUntil([&] { return probe.runningAt >= 0; }, 20000))
        return false;
    if (times)
        *times << probe.runningAt - t0;
    return true;
}

int callBatch(GatewayManager& m, int n, int window, int* failures)
{
    int issued = 0, done = 0;
    std::function<void()> issue = [&] {
        const int i = issued++;
        m.call(QStringLiteral("fake.echo"), QJsonObject{{QStringLiteral("i"), i}}, 30000, [&](const CallResult& r) {
            if (!r.ok())
                ++*failures;
            ++done;
            if (issued < n)
                issue();
        });
    };
    for (int k = 0; k < qMin(window, n); ++k)
        issue();
    waitUntil([&] { return done == n; }, 600000);
    return done;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    prepareEnvironment();
    const Args args(argc, argv);
    QTemporaryDir tmp;
    startScratch(args, tmp);
    const int restarts = args.intValue("restarts", 1000);
    const int calls = args.intValue("calls", 100000);
    const int warmupRestarts = args.intValue("warmup-restarts", 20);
    const int window = args.intValue("window", 100);

    auto cfg = productConfig(testsupport::fakeGatewayOptions(testsupport::freeTcpPort(), {}), tmp.path());
    cfg.leasePath = tmp.filePath(QStringLiteral("gateway.lease"));
    const auto identity = clawtray::DeviceIdentity::generate();
    QJsonObject out{{QStringLiteral("benchmark"), QStringLiteral("endurance")},
                    {QStringLiteral("restarts"), restarts},
                    {QStringLiteral("calls"), calls},
                    {QStringLiteral("warmup_restarts"), warmupRestarts},
                    {QStringLiteral("call_window"), window}};
    int failures = 0, callFailures = 0;
    QJsonArray trace;
    Mem base{}, afterRestarts{}, afterCalls{}, start{};
    QVector<double> restartMs;
    {
        GatewayManager m(cfg, *identity);
        ManagerProbe probe(&m);
        start = sample();
        m.start();
        if (!probe.waitRunning(20000)) {
            out.insert(QStringLiteral("error"), QStringLiteral("the fake gateway never came up"));
            emitJson(out);
            return 1;
        }
        // Warm-up: first-use allocations (Qt's lazy singletons, the log sink, TLS of the network
        // stack, malloc arenas) are not growth.
        for (int i = 0; i < warmupRestarts; ++i)
            if (!restartOnce(m, probe, nullptr))
                ++failures;
        callBatch(m, qMin(calls, 2000), window, &callFailures);
        base = sample();
        trace.append(QJsonObject{{QStringLiteral("at"), QStringLiteral("baseline")}, {QStringLiteral("sample"), memJson(base)}});
        for (int i = 0; i < restarts; ++i) {
            if (!restartOnce(m, probe, &restartMs)) {
                ++failures;
                progress(QStringLiteral("restart %1 did not complete: %2").arg(i).arg(m.status().oneLine(0)));
                probe.waitRunning(30000);
            }
            if ((i + 1) % qMax(1, restarts / 10) == 0) {
                const Mem s = sample();
                trace.append(QJsonObject{{QStringLiteral("at"), QStringLiteral("restart %1").arg(i + 1)}, {QStringLiteral("sample"), memJson(s)}});
                progress(QStringLiteral("restart %1/%2: RSS %3 KiB (%4 anon, heap in use %5), %6 fds")
                             .arg(i + 1).arg(restarts).arg(s.rssKb).arg(s.rssAnonKb).arg(s.heapInUseKb).arg(s.fds));
            }
        }
        afterRestarts = sample();
        const int step = qMax(1, calls / 10);
        for (int done = 0; done < calls; done += step) {
            callBatch(m, qMin(step, calls - done), window, &callFailures);
            const Mem s = sample();
            trace.append(QJsonObject{{QStringLiteral("at"), QStringLiteral("calls %1").arg(done + qMin(step, calls - done))},
                                     {QStringLiteral("sample"), memJson(s)}});
        }
        afterCalls = sample();
        progress(QStringLiteral("after %1 calls: RSS %2 KiB (%3 anon), %4 fds").arg(calls).arg(afterCalls.rssKb)
                     .arg(afterCalls.rssAnonKb).arg(afterCalls.fds));
        m.stop();
        probe.waitStopped(15000);
    }
    const Mem end = sample();
    ::malloc_trim(0);
    const Mem trimmed = sample();
    out.insert(QStringLiteral("at_start"), memJson(start));
    out.insert(QStringLiteral("baseline"), memJson(base));
    out.insert(QStringLiteral("after_restarts"), memJson(afterRestarts));
    out.insert(QStringLiteral("after_calls"), memJson(afterCalls));
    out.insert(QStringLiteral("after_stop"), memJson(end));
    out.insert(QStringLiteral("after_stop_malloc_trim"), memJson(trimmed));
    out.insert(QStringLiteral("rss_growth_kib"), double(afterCalls.rssKb - base.rssKb));
    out.insert(QStringLiteral("rss_anon_growth_kib"), double(afterCalls.rssAnonKb - base.rssAnonKb));
    out.insert(QStringLiteral("heap_in_use_growth_kib"), double(afterCalls.heapInUseKb - base.heapInUseKb));
    out.insert(QStringLiteral("fd_delta_running"), afterCalls.fds - base.fds);
    out.insert(QStringLiteral("fd_delta_after_stop"), end.fds - start.fds);
    out.insert(QStringLiteral("restart_to_running_ms"), statsJson(restartMs, 1, 100));
    out.insert(QStringLiteral("restart_failures"), failures);
    out.insert(QStringLiteral("call_failures"), callFailures);
    out.insert(QStringLiteral("trace"), trace);
    emitJson(out);
    return failures == 0 && callFailures == 0 ? 0 : 1;
}
