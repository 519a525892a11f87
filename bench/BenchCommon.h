#pragma once

// Shared helpers of the benchmarks: statistics, /proc readers, the manager configuration the
// benchmarks run with, and the JSON every benchmark prints. Nothing here is part of the product.

#include "supervisor/GatewayManager.h"
#include "supervisor/ManagerConfig.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>
#include <QVector>

#include <atomic>
#include <functional>
#include <optional>
#include <thread>

#include <sys/types.h>

namespace bench {

// ---- statistics ---------------------------------------------------------------------------------
struct Stats
{
    int n = 0;
    double min = 0, max = 0, mean = 0, median = 0, p90 = 0, p95 = 0, p99 = 0;
};
// Percentiles by linear interpolation between closest ranks (numpy's default, "R-7").
Stats computeStats(QVector<double> values);
double percentile(QVector<double> values, double p);
// {"runs", "median", "p95", "p99", "min", "max", "mean", "raw": [...]}; raw is dropped above
// rawLimit values (then "raw_sampled" holds every k-th value).
QJsonObject statsJson(const QVector<double>& values, int decimals = 3, int rawLimit = 200);
double round(double v, int decimals);

// ---- clock --------------------------------------------------------------------------------------
// Milliseconds (fractional) on one monotonic clock shared by everything in the process.
double nowMs();

// ---- waiting ------------------------------------------------------------------------------------
// Runs the event loop until pred() is true (checked each time the loop is about to block, so at no
// extra latency) or the timeout passes. Never QTest::qWait/qWaitFor in a benchmark: they poll the
// loop with 10 ms sleeps in between, which adds up to 10 ms to every step that is measured.
// pollMs > 0 also wakes the loop that often, for conditions no event of this process signals
// (another process's state, a file).
bool waitUntil(const std::function<bool()>& pred, int timeoutMs, int pollMs = 0);
void sleepMs(int ms); // runs the event loop for ms

// ---- /proc --------------------------------------------------------------------------------------
struct ProcSample
{
    bool ok = false;
    qint64 rssKb = 0;       // smaps_rollup Rss
    qint64 pssKb = 0;       // smaps_rollup Pss
    qint64 pssAnonKb = 0;   // smaps_rollup Pss_Anon
    qint64 rssAnonKb = 0;   // status RssAnon
    qint64 cpuTicks = 0;    // stat utime + stime (clock ticks)
    qint64 voluntaryCtx = 0;
    qint64 involuntaryCtx = 0;
    int threads = 0;
};
ProcSample sampleProcess(pid_t pid);
double ticksToMs(qint64 ticks);
double selfCpuMs(); // CLOCK_PROCESS_CPUTIME_ID: this process, all threads, ns resolution
int openFdCount(pid_t pid = 0); // 0: this process
qint64 selfRssKb();             // /proc/self/status VmRSS
qint64 selfRssAnonKb();         // /proc/self/status RssAnon
QList<pid_t> liveDescendantsTagged(const QByteArray& leaseTag); // processes with our lease tag in environ

// ---- environment --------------------------------------------------------------------------------
// Points CLAWTRAY_FAKE_GATEWAY / CLAWTRAY_TEST_RUNTIME_DIR (read by tests/support) at the fake
// gateway of this build and the runtime dir, unless they are set already.
void prepareEnvironment();
QString fakeGatewayBinary();
QString runtimeDir();
QString sourceDir(); // the checkout (for bench/node_client.mjs)
bool realRuntimeAvailable(QString* why = nullptr);
// The product's logging (rotating file at info, as headless runs it) into dir, without stderr.
void initProductLogging(const QString& dir);
class Args;
// A benchmark's scratch dir: kept (and its path printed) with --keep, for a look at the product's
// log afterwards; the product's logging goes to its logs/ folder.
void startScratch(const Args& args, QTemporaryDir& tmp);

// ---- manager configuration ----------------------------------------------------------------------
// ManagerConfig exactly as the app builds it from default settings (buildManagerConfig), with the
// launch options replaced. Callers then tune what each benchmark documents.
clawtray::ManagerConfig productConfig(const clawtray::GatewayLaunchOptions& launch, const QString& dataDir);
QJsonObject describeConfig(const clawtray::ManagerConfig& c);

// Records what a GatewayManager does, with timestamps on the bench clock.
// The moment the kernel reports a process as exited (its pidfd becomes readable), taken on a thread
// of its own so that the supervisor's reaction to the same exit cannot delay the timestamp.
// exitAt() is nowMs() of that moment, or -1 (not yet, or no pidfd support).
class ExitWatch
{
public:
    explicit ExitWatch(pid_t pid);
    ~ExitWatch();
    ExitWatch(const ExitWatch&) = delete;
    ExitWatch& operator=(const ExitWatch&) = delete;
    double exitAt() const { return m_exitAt.load(); }

private:
    int m_fd = -1;
    std::atomic<bool> m_stop{false};
    std::atomic<double> m_exitAt{-1};
    std::thread m_thread;
};

class ManagerProbe : public QObject
{
    Q_OBJECT
public:
    explicit ManagerProbe(clawtray::GatewayManager* m, QObject* parent = nullptr);

    clawtray::GatewayManager* manager() const { return m_manager; }
    // Forget what was seen; the next events are measured relative to this moment.
    void reset(qint64 oldPid);
    bool waitRunning(int timeoutMs, qint64 notPid = 0);
    bool waitStopped(int timeoutMs);

    // Timestamps (bench clock, ms), -1 until seen since reset().
    double exitAt = -1;          // GatewayProcess::finished (the old process is gone and reaped)
    double startedAt = -1;       // GatewayProcess::started (fork+exec of the new process done)
    double spawnedAt = -1;       // the manager published the new pid (StartSequence::spawned)
    double unresponsiveAt = -1;  // diagnostics().unresponsive became true
    double reconnectingAt = -1;  // state Reconnecting
    double connectingAt = -1;    // phase "connecting": the new gateway answered /readyz, the handshake starts
    double runningAt = -1;       // state Running with a pid other than the old one (handshake done)
    // The manager saw the socket close before the process exit (it then tries to reattach first).
    bool socketLossFirst() const { return reconnectingAt >= 0 && (exitAt < 0 || reconnectingAt < exitAt); }
    qint64 newPid = 0;
    // /proc/<old pid>/stat state letter when the client reported the socket loss ('-' if gone).
    char stateAtSocketLoss = 0;
    std::optional<clawtray::ExitInfo> lastExit;
    clawtray::GatewayStatus last;

private:
    clawtray::GatewayManager* m_manager;
    qint64 m_oldPid = 0;
};

// ---- command line -------------------------------------------------------------------------------
class Args
{
public:
    Args(int argc, char** argv);
    bool flag(const char* name) const;            // --name
    int intValue(const char* name, int def) const; // --name N
    QString value(const char* name, const QString& def = {}) const;

private:
    QStringList m_args;
};

// Prints the document to stdout (the one thing a benchmark writes there).
void emitJson(const QJsonObject& o);
void progress(const QString& text); // one line on stderr

} // namespace bench
