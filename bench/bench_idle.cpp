// Benchmark 1 — idle cost. Runs the product binary (`clawtray --headless`, or the desktop binary
// under the X server run.sh provides) with its own data/config dirs and default settings (token in
// a file, so no keychain), supervising the fake gateway (or with --real the real one). Once the log
// says the gateway is running, it waits --settle seconds and then samples ClawTray's process for
// --seconds: RSS and Pss_Anon (smaps_rollup, once a second), CPU time (sum of the threads'
// schedstat run time, ns resolution; utime+stime ticks as a cross-check) and voluntary context
// switches (summed over threads), both per minute.
//
// The fake gateway is not Node, so `node --version` (the runtime check) is answered by a tiny shell
// wrapper that execs the fake for everything else — the pid ClawTray supervises is the fake's.
//
// Options: --binary PATH (clawtray)  --seconds N (60)  --settle N (10)  --real  --desktop
//          --minimized (desktop: start with the window hidden, as a tray app idles)
#include "BenchCommon.h"

#include "TestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>

#include <signal.h>

using namespace bench;

namespace {

bool writeFile(const QString& path, const QByteArray& bytes, bool executable = false)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(bytes);
    f.close();
    if (executable)
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    return true;
}

QList<pid_t> childrenOf(pid_t pid)
{
    QList<pid_t> out;
    const auto tasks = QDir(QStringLiteral("/proc/%1/task").arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& t : tasks) {
        QFile f(QStringLiteral("/proc/%1/task/%2/children").arg(pid).arg(t));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& c : f.readAll().trimmed().split(' '))
            if (!c.isEmpty())
                out << pid_t(c.toInt());
    }
    return out;
}

// Per thread: run time (ns, schedstat) and context switches. Threads come and go (a GUI app's
// helper threads do), so two samples are compared thread by thread: a thread present in both
// counts its difference, a new one all of its counts; one that ended in between is lost (its
// run time still shows in the process's utime+stime ticks, reported as a cross-check).
struct ThreadCounts
{
    double runMs = 0;
    qint64 voluntary = 0;
    qint64 involuntary = 0;
};

QHash<int, ThreadCounts> threadCounts(pid_t pid)
{
    QHash<int, ThreadCounts> out;
    const auto tasks = QDir(QStringLiteral("/proc/%1/task").arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& task : tasks) {
        ThreadCounts t;
        const QString base = QStringLiteral("/proc/%1/task/%2/").arg(pid).arg(task);
        QFile ss(base + QStringLiteral("schedstat"));
        if (ss.open(QIODevice::ReadOnly))
            t.runMs = ss.readAll().split(' ').value(0).toDouble() / 1e6;
        QFile st(base + QStringLiteral("status"));
        if (st.open(QIODevice::ReadOnly)) {
            for (const QByteArray& line : st.readAll().split('\n')) {
                if (line.startsWith("voluntary_ctxt_switches:"))
                    t.voluntary = line.mid(24).trimmed().toLongLong();
                else if (line.startsWith("nonvoluntary_ctxt_switches:"))
                    t.involuntary = line.mid(27).trimmed().toLongLong();
            }
        }
        out.insert(task.toInt(), t);
    }
    return out;
}

ThreadCounts delta(const QHash<int, ThreadCounts>& a, const QHash<int, ThreadCounts>& b)
{
    ThreadCounts d;
    for (auto it = b.cbegin(); it != b.cend(); ++it) {
        const ThreadCounts before = a.value(it.key());
        d.runMs += it->runMs - before.runMs;
        d.voluntary += it->voluntary - before.voluntary;
        d.involuntary += it->involuntary - before.involuntary;
    }
    return d;
}

struct Setup
{
    QStringList args;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString error;
};

Setup prepare(const QString& root, quint16 port, bool real, bool desktop)
{
    Setup s;
    const QDir d(root);
    for (const char* sub : {"data", "config", "runtime", "home", "tmp", "state", "logs"})
        d.mkpath(QString::fromLatin1(sub));
    QString nodePath, openclawDir;
    if (real) {
        QString why;
        if (!realRuntimeAvailable(&why)) {
            s.error = why;
            return s;
        }
        nodePath = QDir(runtimeDir()).filePath(QStringLiteral("node_modules/node/bin/node"));
        openclawDir = QDir(runtimeDir()).filePath(QStringLiteral("node_modules/openclaw"));
        // Isolated gateway state, as tests/support/RealGateway does (never the user's ~/.openclaw).
        writeFile(d.filePath(QStringLiteral("state/openclaw.json")),
                  testsupport::offlineGatewayConfig(
                      {{QStringLiteral("mode"), QStringLiteral("local")}},
                      {{QStringLiteral("logging"), QJsonObject{{QStringLiteral("file"), d.filePath(QStringLiteral("logs/gateway.log"))}}}}));
        for (const auto& [k, v] : {std::pair{"HOME", "home"}, std::pair{"OPENCLAW_HOME", "home"}, std::pair{"TMPDIR", "tmp"}})
            s.env.insert(QString::fromLatin1(k), d.filePath(QString::fromLatin1(v)));
        for (const char* k : {"OPENCLAW_SKIP_CHANNELS", "OPENCLAW_NO_AUTO_UPDATE", "OPENCLAW_OFFLINE"})
            s.env.insert(QString::fromLatin1(k), QStringLiteral("1"));
        s.env.insert(QStringLiteral("OPENCLAW_EXEC_SHELL_SNAPSHOT"), QStringLiteral("0"));
    } else {
        nodePath = d.filePath(QStringLiteral("runtime/node"));
        openclawDir = d.filePath(QStringLiteral("runtime/openclaw"));
        d.mkpath(openclawDir);
        writeFile(QDir(openclawDir).filePath(QStringLiteral("openclaw.mjs")), "// the fake gateway ignores this file\n");
        writeFile(QDir(openclawDir).filePath(QStringLiteral("package.json")), R"({"name":"openclaw","version":"0.0.0-fake"})");
        writeFile(nodePath,
                  QStringLiteral("#!/bin/sh\n# bench: answers the runtime check like Node 24, runs the fake gateway otherwise\n"
                                 "if [ \"$1\" = \"--version\" ]; then echo v24.16.0; exit 0; fi\nexec '%1' \"$@\"\n")
                      .arg(fakeGatewayBinary()).toUtf8(),
                  true);
    }
    QByteArray ini = "[runtime]\nnodePath=" + nodePath.toUtf8() + "\nopenclawDir=" + openclawDir.toUtf8()
                     + "\nport=" + QByteArray::number(port) + "\n";
    if (real)
        ini += "stateDir=" + d.filePath(QStringLiteral("state")).toUtf8() + "\n";
    ini += "\n[secrets]\ntokenStorage=file\n\n[behaviour]\nlaunchAtLogin=false\n";
    writeFile(d.filePath(QStringLiteral("config/clawtray.ini")), ini);
    if (!desktop)
        s.args << QStringLiteral("--headless");
    s.args << QStringLiteral("--data-dir") << d.filePath(QStringLiteral("data")) << QStringLiteral("--config-dir")
           << d.filePath(QStringLiteral("config")) << QStringLiteral("--runtime-dir") << d.filePath(QStringLiteral("runtime"))
           << QStringLiteral("--port") << QString::number(port);
    // The control socket and lock live in the user runtime dir: keep them apart from a ClawTray the
    // developer may be running.
    s.env.insert(QStringLiteral("XDG_RUNTIME_DIR"), d.filePath(QStringLiteral("tmp")));
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    prepareEnvironment();
    const Args args(argc, argv);
    const QString binary = args.value("binary");
    const int seconds = args.intValue("seconds", 60);
    const int settle = args.intValue("settle", 10);
    const bool real = args.flag("real");
    const bool desktop = args.flag("desktop");
    QJsonObject out{{QStringLiteral("benchmark"), QStringLiteral("idle")},
                    {QStringLiteral("gateway"), real ? QStringLiteral("real") : QStringLiteral("fake")},
                    {QStringLiteral("binary"), binary},
                    {QStringLiteral("seconds"), seconds},
                    {QStringLiteral("settle_s"), settle}};
    auto fail = [&](const QString& why) {
        out.insert(QStringLiteral("error"), why);
        emitJson(out);
        return 1;
    };
    if (binary.isEmpty() || !QFileInfo(binary).isExecutable())
        return fail(QStringLiteral("no executable at '%1'").arg(binary));
    QTemporaryDir tmp;
    if (args.flag("keep"))
        tmp.setAutoRemove(false);
    const quint16 port = testsupport::freeTcpPort();
    Setup setup = prepare(tmp.path(), port, real, desktop);
    if (!setup.error.isEmpty()) {
        out.insert(QStringLiteral("skipped"), setup.error);
        emitJson(out);
        return 0;
    }
    // The state a tray app idles in: its icon in the tray, the window hidden.
    if (desktop && args.flag("minimized"))
        setup.args << QStringLiteral("--minimized");
    if (desktop)
        out.insert(QStringLiteral("window"), args.flag("minimized") ? QStringLiteral("hidden") : QStringLiteral("shown"));
    QProcess p;
    p.setProcessEnvironment(setup.env);
    const QString logPath = tmp.filePath(QStringLiteral("clawtray.stderr"));
    p.setStandardOutputFile(tmp.filePath(QStringLiteral("clawtray.stdout")));
    p.setStandardErrorFile(logPath);
    p.start(binary, setup.args);
    if (!p.waitForStarted(10000))
        return fail(QStringLiteral("could not start %1: %2").arg(binary, p.errorString()));
    const pid_t pid = pid_t(p.processId());
    const double t0 = nowMs();
    auto logText = [&] {
        QFile f(logPath);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    waitUntil([&] { return logText().contains("-> running") || p.state() == QProcess::NotRunning; }, real ? 240000 : 30000, 50);
    if (!logText().contains("-> running") || p.state() == QProcess::NotRunning) {
        const QByteArray tail = logText().right(1500);
        p.kill();
        p.waitForFinished(5000);
        return fail(QStringLiteral("ClawTray did not report a running gateway: %1").arg(QString::fromUtf8(tail)));
    }
    out.insert(QStringLiteral("launch_to_running_ms"), round(nowMs() - t0, 1));
    progress(QStringLiteral("idle: %1 running (pid %2), settling %3 s, sampling %4 s").arg(binary).arg(pid).arg(settle).arg(seconds));
    sleepMs(settle * 1000);

    const QList<pid_t> kids = childrenOf(pid);
    const pid_t gateway = kids.isEmpty() ? 0 : kids.first();
    const ProcSample s0 = sampleProcess(pid);
    const auto th0 = threadCounts(pid);
    const double w0 = nowMs();
    QVector<double> rss, pssAnon, pss, gwRss;
    for (int i = 0; i < seconds; ++i) {
        sleepMs(1000);
        const ProcSample s = sampleProcess(pid);
        if (!s.ok)
            return fail(QStringLiteral("ClawTray exited during the measurement"));
        rss << s.rssKb / 1024.0;
        pssAnon << s.pssAnonKb / 1024.0;
        pss << s.pssKb / 1024.0;
        if (gateway > 0)
            if (const ProcSample g = sampleProcess(gateway); g.ok)
                gwRss << g.rssKb / 1024.0;
    }
    const ProcSample s1 = sampleProcess(pid);
    const auto th1 = threadCounts(pid);
    const ThreadCounts d = delta(th0, th1);
    const double minutes = (nowMs() - w0) / 60000.0;
    const QString connected = QString::fromUtf8(logText()).count(QStringLiteral("-> running")) == 1
                                  ? QStringLiteral("yes (one running transition, no reconnects)")
                                  : QStringLiteral("state changed during the run: see the log");
    out.insert(QStringLiteral("rss_mib"), statsJson(rss, 2, 120));
    out.insert(QStringLiteral("pss_anon_mib"), statsJson(pssAnon, 2, 120));
    out.insert(QStringLiteral("pss_mib"), statsJson(pss, 2, 0));
    out.insert(QStringLiteral("cpu_ms_per_min"), round(d.runMs / minutes, 2));
    out.insert(QStringLiteral("cpu_ms_per_min_ticks"), round(ticksToMs(s1.cpuTicks - s0.cpuTicks) / minutes, 1));
    out.insert(QStringLiteral("voluntary_ctx_switches_per_min"), round(double(d.voluntary) / minutes, 1));
    out.insert(QStringLiteral("involuntary_ctx_switches_per_min"), round(double(d.involuntary) / minutes, 1));
    out.insert(QStringLiteral("threads"), int(th1.size()));
    out.insert(QStringLiteral("threads_at_start_of_window"), int(th0.size()));
    out.insert(QStringLiteral("connected_throughout"), connected);
    if (!gwRss.isEmpty())
        out.insert(QStringLiteral("gateway_rss_mib"), statsJson(gwRss, 1, 0));

    // Quit like a service manager would, and check nothing is left behind.
    ::kill(pid, SIGTERM);
    const bool exited = waitUntil([&] { return p.state() == QProcess::NotRunning; }, 20000, 20);
    out.insert(QStringLiteral("quit_clean"), exited && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0);
    out.insert(QStringLiteral("gateway_left_after_quit"), gateway > 0 && testsupport::processAlive(gateway));
    if (!exited) {
        p.kill();
        p.waitForFinished(5000);
    }
    emitJson(out);
    return 0;
}
