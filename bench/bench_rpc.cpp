// Benchmark 4 — RPC through ClawTray's GatewayClient against the fake gateway, side by side with a
// Node 24 client (bench/node_client.mjs: the runtime's `ws` package, the same v4 handshake with a
// v3-signed Ed25519 identity, the same calls) against the SAME fake gateway process, in rounds
// that alternate the two clients so that drift on the machine hits both alike.
//   sequential  N calls, each sent when the previous answered: per-call latency p50/p99
//   pipelined   M calls with W in flight: calls per second (and per-call latency)
// Calls are `fake.echo {i, tag}` (the fake's "ordinary call").
//
// Options: --seq N (10000)  --total M (50000)  --window W (1000)  --rounds R (3)  --warmup K (500)
//          --node PATH  --script PATH
#include "BenchCommon.h"

#include "FakeGateway.h"
#include "TestSupport.h"

#include "client/GatewayClient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>

using namespace bench;
using clawtray::CallResult;
using clawtray::GatewayClient;

namespace {

struct RunResult
{
    bool ok = false;
    QString error;
    QVector<double> latencies;
    double wallMs = 0;
    double cpuMs = 0;       // the client's CPU time during the run
    double serverCpuMs = 0; // the fake gateway's
    int calls = 0;
};

// Wraps a run with CPU accounting of this process and of the gateway.
template<typename F>
RunResult measured(pid_t server, F run)
{
    const auto s0 = sampleProcess(server);
    const double c0 = selfCpuMs();
    RunResult r = run();
    r.cpuMs = selfCpuMs() - c0;
    r.serverCpuMs = ticksToMs(sampleProcess(server).cpuTicks - s0.cpuTicks);
    return r;
}

RunResult sequential(GatewayClient& client, int n, const QString& tag)
{
    RunResult r;
    r.latencies.reserve(n);
    int done = 0;
    bool failed = false;
    std::function<void()> next;
    const double start = nowMs();
    next = [&] {
        if (done == n || failed)
            return;
        const double t0 = nowMs();
        client.call(QStringLiteral("fake.echo"), QJsonObject{{QStringLiteral("i"), done}, {QStringLiteral("tag"), tag}}, 30000,
                    [&, t0](const CallResult& res) {
                        if (!res.ok()) {
                            failed = true;
                            r.error = res.message;
                            return;
                        }
                        r.latencies << nowMs() - t0;
                        ++done;
                        next();
                    });
    };
    next();
    waitUntil([&] { return done == n || failed; }, 600000);
    r.wallMs = nowMs() - start;
    r.calls = done;
    r.ok = done == n && !failed;
    return r;
}

RunResult pipelined(GatewayClient& client, int n, int window, const QString& tag)
{
    RunResult r;
    r.latencies.reserve(n);
    int issued = 0;
    int done = 0;
    bool failed = false;
    std::function<void()> issue;
    issue = [&] {
        const int i = issued++;
        const double t0 = nowMs();
        client.call(QStringLiteral("fake.echo"), QJsonObject{{QStringLiteral("i"), i}, {QStringLiteral("tag"), tag}}, 60000,
                    [&, t0](const CallResult& res) {
                        if (!res.ok()) {
                            failed = true;
                            r.error = res.message;
                            return;
                        }
                        r.latencies << nowMs() - t0;
                        ++done;
                        if (issued < n)
                            issue();
                    });
    };
    const double start = nowMs();
    for (int k = 0; k < qMin(window, n); ++k)
        issue();
    waitUntil([&] { return done == n || failed; }, 600000);
    r.wallMs = nowMs() - start;
    r.calls = done;
    r.ok = done == n && !failed;
    return r;
}

struct NodeRun
{
    bool ok = false;
    QString error;
    QString version;
    QString wsVersion;
    RunResult seq;
    RunResult pipe;
};

NodeRun runNode(const QString& node, const QString& script, quint16 port, int seq, int total, int window, int warmup)
{
    NodeRun out;
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(node, {script, QStringLiteral("--port"), QString::number(port), QStringLiteral("--token"), testsupport::kFakeToken,
                   QStringLiteral("--runtime-dir"), runtimeDir(), QStringLiteral("--seq"), QString::number(seq),
                   QStringLiteral("--total"), QString::number(total), QStringLiteral("--window"), QString::number(window),
                   QStringLiteral("--warmup"), QString::number(warmup)});
    QByteArray stdoutBytes;
    QObject::connect(&p, &QProcess::readyReadStandardOutput, [&] { stdoutBytes += p.readAllStandardOutput(); });
    waitUntil([&] { return p.state() == QProcess::NotRunning; }, 600000);
    stdoutBytes += p.readAllStandardOutput();
    const QJsonObject o = QJsonDocument::fromJson(stdoutBytes).object();
    if (!o.value(QStringLiteral("ok")).toBool()) {
        out.error = o.value(QStringLiteral("error")).toString(QString::fromUtf8(p.readAllStandardError()).left(500));
        return out;
    }
    auto fill = [](const QJsonObject& j, RunResult* r) {
        for (const QJsonValue& v : j.value(QStringLiteral("latenciesMs")).toArray())
            r->latencies << v.toDouble();
        r->wallMs = j.value(QStringLiteral("wallMs")).toDouble();
        r->cpuMs = j.value(QStringLiteral("cpuMs")).toDouble();
        r->calls = j.value(QStringLiteral("calls")).toInt();
        r->ok = true;
    };
    fill(o.value(QStringLiteral("sequential")).toObject(), &out.seq);
    fill(o.value(QStringLiteral("pipelined")).toObject(), &out.pipe);
    out.version = o.value(QStringLiteral("node")).toString();
    out.wsVersion = o.value(QStringLiteral("ws")).toString();
    out.ok = true;
    return out;
}

QJsonObject side(const QVector<double>& seqLat, const QVector<double>& pipeLat, const QVector<double>& throughput,
                 const QVector<double>& seqRate)
{
    return QJsonObject{
        {QStringLiteral("sequential_latency_ms"), statsJson(seqLat, 4, 50)},
        {QStringLiteral("sequential_calls_per_s"), statsJson(seqRate, 0)},
        {QStringLiteral("pipelined_calls_per_s"), statsJson(throughput, 0)},
        {QStringLiteral("pipelined_latency_ms"), statsJson(pipeLat, 3, 50)},
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
    const int seqN = args.intValue("seq", 10000);
    const int total = args.intValue("total", 50000);
    const int window = args.intValue("window", 1000);
    const int rounds = args.intValue("rounds", 3);
    const int warmup = args.intValue("warmup", 500);
    const QString node = args.value("node", QDir(runtimeDir()).filePath(QStringLiteral("node_modules/node/bin/node")));
    const QString script = args.value("script", sourceDir() + QStringLiteral("/bench/node_client.mjs"));

    QJsonObject out{{QStringLiteral("benchmark"), QStringLiteral("rpc")},
                    {QStringLiteral("method"), QStringLiteral("fake.echo {i, tag}")},
                    {QStringLiteral("sequential_calls"), seqN},
                    {QStringLiteral("pipelined_calls"), total},
                    {QStringLiteral("window"), window},
                    {QStringLiteral("rounds"), rounds}};
    testsupport::FakeGateway fake;
    if (!fake.start()) {
        out.insert(QStringLiteral("error"), QStringLiteral("the fake gateway did not start"));
        emitJson(out);
        return 1;
    }
    const auto identity = clawtray::DeviceIdentity::generate();
    GatewayClient client;
    client.setCredentials(testsupport::kFakeToken, *identity);
    const double tc = nowMs();
    client.connectToGateway(fake.port());
    if (!waitUntil([&] { return client.isConnected(); }, 15000)) {
        out.insert(QStringLiteral("error"), QStringLiteral("GatewayClient did not connect"));
        emitJson(out);
        return 1;
    }
    const double cppHandshake = nowMs() - tc;
    const bool haveNode = QFileInfo(node).isExecutable() && QFileInfo::exists(script);

    QVector<double> cSeq, cPipeLat, cRate, cSeqRate, nSeq, nPipeLat, nRate, nSeqRate;
    QVector<double> cCpuSeq, cCpuPipe, cSrvPipe, cSrvPerCall, nCpuSeq, nCpuPipe;
    QString nodeVersion, wsVersion, error;
    for (int r = 0; r < rounds && error.isEmpty(); ++r) {
        // ClawTray
        sequential(client, warmup, QStringLiteral("warmup"));
        const pid_t server = pid_t(fake.pid());
        const RunResult s = measured(server, [&] { return sequential(client, seqN, QStringLiteral("seq")); });
        pipelined(client, qMin(warmup * 4, total), window, QStringLiteral("warmup"));
        const RunResult p = measured(server, [&] { return pipelined(client, total, window, QStringLiteral("pipe")); });
        if (!s.ok || !p.ok) {
            error = QStringLiteral("ClawTray client: %1").arg(s.ok ? p.error : s.error);
            break;
        }
        cSeq += s.latencies;
        cPipeLat += p.latencies;
        cRate << p.calls / p.wallMs * 1000.0;
        cSeqRate << s.calls / s.wallMs * 1000.0;
        cCpuSeq << s.cpuMs * 1000.0 / s.calls;
        cCpuPipe << p.cpuMs * 1000.0 / p.calls;
        cSrvPipe << p.serverCpuMs / p.wallMs * 100.0;
        cSrvPerCall << p.serverCpuMs * 1000.0 / p.calls;
        progress(QStringLiteral("round %1: ClawTray seq p50 %2 ms, pipelined %3 calls/s")
                     .arg(r + 1).arg(percentile(s.latencies, 50), 0, 'f', 4).arg(cRate.last(), 0, 'f', 0));
        // Node
        if (!haveNode)
            continue;
        const auto srv0 = sampleProcess(pid_t(fake.pid()));
        const NodeRun n = runNode(node, script, fake.port(), seqN, total, window, warmup);
        Q_UNUSED(srv0);
        if (!n.ok) {
            error = QStringLiteral("Node client: %1").arg(n.error);
            break;
        }
        nodeVersion = n.version;
        wsVersion = n.wsVersion;
        nSeq += n.seq.latencies;
        nPipeLat += n.pipe.latencies;
        nRate << n.pipe.calls / n.pipe.wallMs * 1000.0;
        nSeqRate << n.seq.calls / n.seq.wallMs * 1000.0;
        nCpuSeq << n.seq.cpuMs * 1000.0 / n.seq.calls;
        nCpuPipe << n.pipe.cpuMs * 1000.0 / n.pipe.calls;
        progress(QStringLiteral("round %1: Node     seq p50 %2 ms, pipelined %3 calls/s")
                     .arg(r + 1).arg(percentile(n.seq.latencies, 50), 0, 'f', 4).arg(nRate.last(), 0, 'f', 0));
    }
    client.disconnectFromGateway();
    fake.stop();

    QJsonObject c = side(cSeq, cPipeLat, cRate, cSeqRate);
    c.insert(QStringLiteral("client_cpu_us_per_call_sequential"), statsJson(cCpuSeq, 2));
    c.insert(QStringLiteral("client_cpu_us_per_call_pipelined"), statsJson(cCpuPipe, 2));
    c.insert(QStringLiteral("gateway_cpu_percent_pipelined"), statsJson(cSrvPipe, 1));
    // The fake gateway's own CPU per call (10 ms tick resolution): with the client it bounds the
    // pipelined rate, since the two mostly take turns rather than run in parallel.
    c.insert(QStringLiteral("gateway_cpu_us_per_call_pipelined"), statsJson(cSrvPerCall, 2));
    out.insert(QStringLiteral("clawtray"), c);
    out.insert(QStringLiteral("clawtray_handshake_ms"), round(cppHandshake, 2));
    if (!haveNode) {
        out.insert(QStringLiteral("node"), QJsonObject{{QStringLiteral("skipped"), QStringLiteral("no node at %1").arg(node)}});
    } else if (!nRate.isEmpty()) {
        QJsonObject n = side(nSeq, nPipeLat, nRate, nSeqRate);
        n.insert(QStringLiteral("client_cpu_us_per_call_sequential"), statsJson(nCpuSeq, 2));
        n.insert(QStringLiteral("client_cpu_us_per_call_pipelined"), statsJson(nCpuPipe, 2));
        n.insert(QStringLiteral("version"), nodeVersion);
        n.insert(QStringLiteral("ws_version"), wsVersion);
        out.insert(QStringLiteral("node"), n);
        const double cThr = computeStats(cRate).median, nThr = computeStats(nRate).median;
        const double cP99 = percentile(cSeq, 99), nP99 = percentile(nSeq, 99);
        const double cP50 = percentile(cSeq, 50), nP50 = percentile(nSeq, 50);
        out.insert(QStringLiteral("ratios"),
                   QJsonObject{{QStringLiteral("throughput_clawtray_over_node"), round(cThr / nThr, 3)},
                               {QStringLiteral("seq_p50_node_over_clawtray"), round(nP50 / cP50, 3)},
                               {QStringLiteral("seq_p99_node_over_clawtray"), round(nP99 / cP99, 3)},
                               {QStringLiteral("client_cpu_per_call_pipelined_node_over_clawtray"),
                                round(computeStats(nCpuPipe).median / computeStats(cCpuPipe).median, 3)}});
    }
    if (!error.isEmpty())
        out.insert(QStringLiteral("error"), error);
    emitJson(out);
    return error.isEmpty() ? 0 : 1;
}
