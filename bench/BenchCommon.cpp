#include "BenchCommon.h"

#include "logging/Logging.h"
#include "settings/SettingsData.h"
#include "supervisor/ConfigMapping.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QAbstractEventDispatcher>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <poll.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

namespace bench {

// ---- statistics ---------------------------------------------------------------------------------

double percentile(QVector<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const double rank = p / 100.0 * double(v.size() - 1);
    const int lo = int(std::floor(rank));
    const int hi = int(std::ceil(rank));
    return v[lo] + (v[hi] - v[lo]) * (rank - lo);
}

Stats computeStats(QVector<double> v)
{
    Stats s;
    s.n = int(v.size());
    if (v.isEmpty())
        return s;
    std::sort(v.begin(), v.end());
    s.min = v.first();
    s.max = v.last();
    double sum = 0;
    for (double x : v)
        sum += x;
    s.mean = sum / double(v.size());
    s.median = percentile(v, 50);
    s.p90 = percentile(v, 90);
    s.p95 = percentile(v, 95);
    s.p99 = percentile(v, 99);
    return s;
}

double round(double v, int decimals)
{
    const double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
}

QJsonObject statsJson(const QVector<double>& values, int decimals, int rawLimit)
{
    const Stats s = computeStats(values);
    QJsonObject o{{QStringLiteral("runs"), s.n},
                  {QStringLiteral("median"), round(s.median, decimals)},
                  {QStringLiteral("p95"), round(s.p95, decimals)},
                  {QStringLiteral("p99"), round(s.p99, decimals)},
                  {QStringLiteral("min"), round(s.min, decimals)},
                  {QStringLiteral("max"), round(s.max, decimals)},
                  {QStringLiteral("mean"), round(s.mean, decimals)}};
    QJsonArray raw;
    if (rawLimit <= 0)
        return o;
    if (values.size() <= rawLimit) {
        for (double v : values)
            raw.append(round(v, decimals));
        o.insert(QStringLiteral("raw"), raw);
    } else {
        const int step = int((values.size() + rawLimit - 1) / rawLimit);
        for (int i = 0; i < values.size(); i += step)
            raw.append(round(values[i], decimals));
        o.insert(QStringLiteral("raw_sampled_every"), step);
        o.insert(QStringLiteral("raw_sampled"), raw);
    }
    return o;
}

// ---- clock --------------------------------------------------------------------------------------

double nowMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return double(clock.nsecsElapsed()) / 1e6;
}

// ---- waiting ------------------------------------------------------------------------------------

bool waitUntil(const std::function<bool()>& pred, int timeoutMs, int pollMs)
{
    if (pred())
        return true;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    QTimer poll;
    if (pollMs > 0) {
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (pred())
                loop.quit();
        });
        poll.start(pollMs);
    }
    const auto c = QObject::connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock, &loop,
                                    [&] {
                                        if (pred())
                                            loop.quit();
                                    });
    loop.exec();
    QObject::disconnect(c);
    return pred();
}

void sleepMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

// ---- /proc --------------------------------------------------------------------------------------

namespace {

QByteArray readProcFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

qint64 fieldKb(const QByteArray& text, const QByteArray& key)
{
    for (const QByteArray& line : text.split('\n')) {
        if (!line.startsWith(key + ':'))
            continue;
        return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

ProcSample sampleProcess(pid_t pid)
{
    ProcSample s;
    const QString base = pid > 0 ? QStringLiteral("/proc/%1/").arg(pid) : QStringLiteral("/proc/self/");
    const QByteArray rollup = readProcFile(base + QStringLiteral("smaps_rollup"));
    const QByteArray status = readProcFile(base + QStringLiteral("status"));
    const QByteArray stat = readProcFile(base + QStringLiteral("stat"));
    if (rollup.isEmpty() || status.isEmpty() || stat.isEmpty())
        return s;
    s.rssKb = fieldKb(rollup, "Rss");
    s.pssKb = fieldKb(rollup, "Pss");
    s.pssAnonKb = fieldKb(rollup, "Pss_Anon");
    s.rssAnonKb = fieldKb(status, "RssAnon");
    s.voluntaryCtx = fieldKb(status, "voluntary_ctxt_switches");
    s.involuntaryCtx = fieldKb(status, "nonvoluntary_ctxt_switches");
    s.threads = int(fieldKb(status, "Threads"));
    // stat: pid (comm) state ppid ... field 14 utime, 15 stime (1-based, counting from pid).
    const int close = stat.lastIndexOf(')');
    const QList<QByteArray> f = stat.mid(close + 2).split(' ');
    if (f.size() > 12)
        s.cpuTicks = f.at(11).toLongLong() + f.at(12).toLongLong();
    s.ok = true;
    return s;
}

double ticksToMs(qint64 ticks)
{
    static const long hz = ::sysconf(_SC_CLK_TCK);
    return double(ticks) * 1000.0 / double(hz > 0 ? hz : 100);
}

double selfCpuMs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

int openFdCount(pid_t pid)
{
    const QString dir = pid > 0 ? QStringLiteral("/proc/%1/fd").arg(pid) : QStringLiteral("/proc/self/fd");
    // QDir holds one descriptor of its own while listing; it is not in the listing's result set
    // consistently, so count entries and subtract nothing (both samples are taken the same way).
    return int(QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System).size());
}

qint64 selfRssKb()
{
    return fieldKb(readProcFile(QStringLiteral("/proc/self/status")), "VmRSS");
}

qint64 selfRssAnonKb()
{
    return fieldKb(readProcFile(QStringLiteral("/proc/self/status")), "RssAnon");
}

QList<pid_t> liveDescendantsTagged(const QByteArray& leaseTag)
{
    QList<pid_t> out;
    if (leaseTag.isEmpty())
        return out;
    const QByteArray needle = QByteArray("CLAWTRAY_GATEWAY_LEASE=") + leaseTag;
    const auto entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& e : entries) {
        bool ok = false;
        const pid_t pid = e.toInt(&ok);
        if (!ok || pid == ::getpid())
            continue;
        const QByteArray env = readProcFile(QStringLiteral("/proc/%1/environ").arg(pid));
        if (env.split('\0').contains(needle))
            out << pid;
    }
    return out;
}

// ---- environment --------------------------------------------------------------------------------

QString fakeGatewayBinary()
{
    const QString e = qEnvironmentVariable("CLAWTRAY_FAKE_GATEWAY");
    return e.isEmpty() ? QStringLiteral(CLAWTRAY_BENCH_FAKE_GATEWAY) : e;
}

QString runtimeDir()
{
    for (const char* name : {"CLAWTRAY_TEST_RUNTIME_DIR", "CLAWTRAY_RUNTIME_DIR"}) {
        const QString e = qEnvironmentVariable(name);
        if (!e.isEmpty())
            return e;
    }
    const QString built = QStringLiteral(CLAWTRAY_BENCH_RUNTIME_DIR);
    if (!built.isEmpty())
        return built;
    return QDir::homePath() + QStringLiteral("/.local/share/clawtray/runtime");
}

QString sourceDir()
{
    const QString e = qEnvironmentVariable("CLAWTRAY_SOURCE_DIR");
    return e.isEmpty() ? QStringLiteral(CLAWTRAY_BENCH_SOURCE_DIR) : e;
}

void prepareEnvironment()
{
    qputenv("CLAWTRAY_FAKE_GATEWAY", fakeGatewayBinary().toUtf8());
    qputenv("CLAWTRAY_TEST_RUNTIME_DIR", runtimeDir().toUtf8());
    if (qEnvironmentVariableIsEmpty("CLAWTRAY_SOURCE_DIR"))
        qputenv("CLAWTRAY_SOURCE_DIR", CLAWTRAY_BENCH_SOURCE_DIR);
}

bool realRuntimeAvailable(QString* why)
{
    const QDir d(runtimeDir());
    const bool ok = QFileInfo(d.filePath(QStringLiteral("node_modules/node/bin/node"))).isExecutable()
                    && QFileInfo::exists(d.filePath(QStringLiteral("node_modules/openclaw/openclaw.mjs")));
    if (!ok && why)
        *why = QStringLiteral("no OpenClaw runtime in %1 (run scripts/setup.sh)").arg(runtimeDir());
    return ok;
}

void initProductLogging(const QString& dir)
{
    clawtray::LoggingOptions lo;
    lo.logDir = dir;
    lo.toStderr = false;
    lo.level = clawtray::LogLevel::Info;
    lo.bridgeQtMessages = false;
    clawtray::logging::init(lo);
}

// ---- manager configuration ----------------------------------------------------------------------

clawtray::ManagerConfig productConfig(const clawtray::GatewayLaunchOptions& launch, const QString& dataDir)
{
    clawtray::RuntimeInfo runtime;
    runtime.nodePath = launch.nodePath;
    runtime.openclawDir = launch.openclawDir;
    clawtray::SettingsData settings;
    settings.runtime.port = launch.port;
    clawtray::ManagerConfig c = clawtray::buildManagerConfig(settings, runtime, launch.token, dataDir);
    c.launch = launch;
    return c;
}

QJsonObject describeConfig(const clawtray::ManagerConfig& c)
{
    return QJsonObject{
        {QStringLiteral("readyPollMs"), c.readyPollMs},
        {QStringLiteral("readyPollMinMs"), c.readyPollMinMs},
        {QStringLiteral("readyPollStartingMs"), c.readyPollStartingMs},
        {QStringLiteral("probeTimeoutMs"), c.probeTimeoutMs},
        {QStringLiteral("stopGraceMs"), c.process.stopGraceMs},
        {QStringLiteral("leftoverGraceMs"), c.process.leftoverGraceMs},
        {QStringLiteral("reapPollMs"), c.process.reapPollMs},
        {QStringLiteral("pingIntervalMs"), c.liveness.pingIntervalMs},
        {QStringLiteral("deadlineMs"), c.liveness.deadlineMs},
        {QStringLiteral("livenessProbeTimeoutMs"), c.liveness.probeTimeoutMs},
        {QStringLiteral("backoffBaseMs"), double(c.backoff.baseDelayMs)},
        {QStringLiteral("backoffStableRunMs"), double(c.backoff.stableRunMs)},
        {QStringLiteral("governorBaseCooldownMs"), double(c.governor.baseCooldownMs)},
        {QStringLiteral("governorBudget"), c.governor.budget},
        {QStringLiteral("governorStableResetMs"), double(c.governor.stableResetMs)},
    };
}

void startScratch(const Args& args, QTemporaryDir& tmp)
{
    if (args.flag("keep")) {
        tmp.setAutoRemove(false);
        progress(QStringLiteral("keeping %1").arg(tmp.path()));
    }
    initProductLogging(tmp.filePath(QStringLiteral("logs")));
}

// ---- ExitWatch ---------------------------------------------------------------------------------

ExitWatch::ExitWatch(pid_t pid)
{
#ifdef SYS_pidfd_open
    m_fd = int(::syscall(SYS_pidfd_open, pid, 0));
#endif
    if (m_fd < 0)
        return;
    m_thread = std::thread([this] {
        pollfd p{m_fd, POLLIN, 0};
        while (!m_stop.load()) {
            if (::poll(&p, 1, 50) > 0) {
                m_exitAt.store(nowMs());
                return;
            }
        }
    });
}

ExitWatch::~ExitWatch()
{
    m_stop.store(true);
    if (m_thread.joinable())
        m_thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
}

// ---- ManagerProbe -------------------------------------------------------------------------------

ManagerProbe::ManagerProbe(clawtray::GatewayManager* m, QObject* parent)
    : QObject(parent)
    , m_manager(m)
{
    using clawtray::GatewayState;
    // Connected after the manager's own connections: these run once the manager has reacted.
    connect(m->process(), &clawtray::GatewayProcess::finished, this, [this](const clawtray::ExitInfo& e) {
        lastExit = e;
        if (exitAt < 0)
            exitAt = nowMs();
    });
    connect(m->process(), &clawtray::GatewayProcess::started, this, [this](qint64 pid) {
        if (startedAt < 0 && pid != m_oldPid)
            startedAt = nowMs();
    });
    connect(m->client(), &clawtray::GatewayClient::disconnected, this, [this] {
        if (stateAtSocketLoss || m_oldPid <= 0)
            return;
        QFile f(QStringLiteral("/proc/%1/stat").arg(m_oldPid));
        const QByteArray st = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        const int close = int(st.lastIndexOf(')'));
        stateAtSocketLoss = close > 0 && st.size() > close + 2 ? st.at(close + 2) : '-';
    });
    connect(m, &clawtray::GatewayManager::statusChanged, this, [this](const clawtray::GatewayStatus& s) {
        const double t = nowMs();
        last = s;
        if (spawnedAt < 0 && s.pid > 0 && s.pid != m_oldPid) {
            spawnedAt = t;
            newPid = s.pid;
        }
        if (unresponsiveAt < 0 && m_manager->diagnostics().unresponsive)
            unresponsiveAt = t;
        if (reconnectingAt < 0 && s.state == GatewayState::Reconnecting)
            reconnectingAt = t;
        if (connectingAt < 0 && startedAt >= 0 && s.phase.is("connecting"))
            connectingAt = t;
        if (runningAt < 0 && s.state == GatewayState::Running && s.pid > 0 && s.pid != m_oldPid) {
            runningAt = t;
            newPid = s.pid;
        }
    });
}

void ManagerProbe::reset(qint64 oldPid)
{
    m_oldPid = oldPid;
    exitAt = startedAt = spawnedAt = unresponsiveAt = reconnectingAt = connectingAt = runningAt = -1;
    newPid = 0;
    stateAtSocketLoss = 0;
    lastExit.reset();
}

bool ManagerProbe::waitRunning(int timeoutMs, qint64 notPid)
{
    return waitUntil(
        [&] {
            const auto s = m_manager->status();
            return s.state == clawtray::GatewayState::Running && s.pid > 0 && s.pid != notPid;
        },
        timeoutMs);
}

bool ManagerProbe::waitStopped(int timeoutMs)
{
    return waitUntil(
        [&] { return m_manager->status().state == clawtray::GatewayState::Stopped && !m_manager->process()->isRunning(); },
        timeoutMs);
}

// ---- command line -------------------------------------------------------------------------------

Args::Args(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        m_args << QString::fromLocal8Bit(argv[i]);
}

bool Args::flag(const char* name) const
{
    return m_args.contains(QStringLiteral("--") + QLatin1String(name));
}

QString Args::value(const char* name, const QString& def) const
{
    const int i = int(m_args.indexOf(QStringLiteral("--") + QLatin1String(name)));
    return i >= 0 && i + 1 < m_args.size() ? m_args.at(i + 1) : def;
}

int Args::intValue(const char* name, int def) const
{
    bool ok = false;
    const int v = value(name).toInt(&ok);
    return ok ? v : def;
}

void emitJson(const QJsonObject& o)
{
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Indented);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void progress(const QString& text)
{
    std::fprintf(stderr, "  %s\n", qPrintable(text));
    std::fflush(stderr);
}

} // namespace bench
