#include "ChaosRunner.h"

#include "logging/Logging.h"
#include "settings/Settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTcpServer>
#include <QTest>
#include <QTextStream>

#include <cstdio>

using namespace clawtray;

namespace chaos {
namespace {

// Each fault kind and how often it is drawn. User actions are interleaved with the faults.
const QList<QPair<QString, int>>& faultTable()
{
    static const QList<QPair<QString, int>> table = {
        {QStringLiteral("user-start"), 4},       {QStringLiteral("user-stop"), 4},
        {QStringLiteral("user-restart"), 5},     {QStringLiteral("user-burst"), 5},
        {QStringLiteral("crash-sigkill"), 8},    {QStringLiteral("crash-rpc"), 5},
        {QStringLiteral("external-sigterm"), 3}, {QStringLiteral("hang-sigstop"), 6},
        {QStringLiteral("hang-rpc"), 4},         {QStringLiteral("slow-start"), 4},
        {QStringLiteral("starting"), 4},         {QStringLiteral("restart-1012"), 6},
        {QStringLiteral("malformed"), 5},        {QStringLiteral("oversized"), 3},
        {QStringLiteral("flood"), 3},            {QStringLiteral("helpers"), 3},
        {QStringLiteral("crash-loop"), 2},       {QStringLiteral("socket-drop"), 4},
        {QStringLiteral("calls"), 5},            {QStringLiteral("rpc-rules"), 3},
        {QStringLiteral("settings-reload"), 2},  {QStringLiteral("foreign-port"), 3},
        {QStringLiteral("owner-sigkill"), 4},
        {QStringLiteral("hostile-listener"), 2}, {QStringLiteral("forged-lease"), 2},
        {QStringLiteral("control-flood"), 2},
    };
    return table;
}

quint64 splitmix64(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

} // namespace

ChaosRunner::ChaosRunner(const Options& options, QObject* parent)
    : QObject(parent)
    , m_opt(options)
    , m_work(QDir::temp().filePath(QStringLiteral("clawtray-chaos-XXXXXX")))
{
    m_clock.start();
    m_sampler.setInterval(100);
    connect(&m_sampler, &QTimer::timeout, this, &ChaosRunner::sampleGateways);
}

ChaosRunner::~ChaosRunner()
{
    m_manager.reset();
}

QStringList ChaosRunner::faultKinds()
{
    QStringList out;
    for (const auto& f : faultTable())
        out << f.first;
    return out;
}

int ChaosRunner::randInt(Rng& rng, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    return lo + int(rng() % quint64(hi - lo + 1));
}

bool ChaosRunner::chance(Rng& rng, double p)
{
    return double(rng() % 1000000) < p * 1000000.0;
}

bool ChaosRunner::prepare(QString* error)
{
    if (!m_work.isValid()) {
        *error = QStringLiteral("cannot create a work dir: %1").arg(m_work.errorString());
        return false;
    }
    m_work.setAutoRemove(false); // removed at the end unless something needs looking at
    const QDir w(m_work.path());
    m_pkgDir = w.filePath(QStringLiteral("pkg"));
    m_dataDir = w.filePath(QStringLiteral("data"));
    m_configDir = w.filePath(QStringLiteral("config"));
    m_xdgDir = w.filePath(QStringLiteral("xdg"));
    m_leasePath = QDir(m_dataDir).filePath(QStringLiteral("gateway.lease")); // shared with the headless runs
    for (const QString& d : {m_pkgDir, m_dataDir, m_configDir, m_xdgDir, w.filePath(QStringLiteral("bin"))})
        QDir().mkpath(d);
    QFile::setPermissions(m_xdgDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile mjs(QDir(m_pkgDir).filePath(QStringLiteral("openclaw.mjs")));
    if (!mjs.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1").arg(mjs.fileName());
        return false;
    }
    mjs.close();
    // The headless app checks `node --version` before it spawns; the fake gateway does not answer
    // that, so a two-line wrapper does (and execs the fake otherwise: same pid, same executable).
    m_nodeWrapper = w.filePath(QStringLiteral("bin/node"));
    QFile wrapper(m_nodeWrapper);
    if (!wrapper.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1").arg(m_nodeWrapper);
        return false;
    }
    wrapper.write("#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then echo v24.21.0; exit 0; fi\nexec '"
                  + QFile::encodeName(m_opt.fakeGateway) + "' \"$@\"\n");
    wrapper.close();
    wrapper.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    LoggingOptions lo;
    lo.logDir = w.filePath(QStringLiteral("logs"));
    lo.fileName = QStringLiteral("chaos.log");
    lo.level = LogLevel::Debug;
    lo.toStderr = m_opt.verbose;
    lo.maxFileBytes = 20 * 1024 * 1024;
    lo.maxFiles = 5; // floods are verbose; keep enough to see what led to a violation
    lo.bridgeQtMessages = false; // main.cpp counts Qt warnings itself and forwards them
    logging::init(lo);

    m_port = 0;
    {
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost, 0))
            m_port = probe.serverPort();
    }
    if (!m_port) {
        *error = QStringLiteral("no free TCP port");
        return false;
    }
    m_marker = QByteArray::number(m_opt.seed) + '-' + QByteArray::number(qApp->applicationPid());
    m_token = QStringLiteral("chaos-token-%1").arg(splitmix64(m_opt.seed), 16, 16, QLatin1Char('0'));
    m_census = std::make_unique<ProcessCensus>(m_opt.fakeGateway, m_marker);
    m_identity = DeviceIdentity::generate();
    if (!m_identity) {
        *error = QStringLiteral("cannot generate a device identity");
        return false;
    }
    createManager();
    return true;
}

void ChaosRunner::createManager()
{
    m_manager = std::make_unique<GatewayManager>(managerConfig(), *m_identity);
    m_unlistedSeen = 0;
    connect(m_manager.get(), &GatewayManager::statusChanged, this, [this] { m_lastStatusChangeMs = m_clock.elapsed(); });
    m_lastStatusChangeMs = m_clock.elapsed();
}

ManagerConfig ChaosRunner::managerConfig() const
{
    ManagerConfig c;
    c.launch.nodePath = m_opt.fakeGateway;
    c.launch.openclawDir = m_pkgDir;
    c.launch.port = m_port;
    c.launch.token = m_token;
    c.launch.extraArgs = QStringList{QStringLiteral("--fake-tick-ms"), QStringLiteral("250"),
                                     QStringLiteral("--fake-restart-delay-ms"), QStringLiteral("200")}
                         + m_stickyArgs;
    c.launch.extraEnvironment.insert(QString::fromLatin1(ProcessCensus::kMarkerVariable), QString::fromLatin1(m_marker));
    c.leasePath = m_leasePath;
    c.readyPollMs = 20;
    c.readyTimeoutMs = 8000;
    c.reattachTimeoutMs = 5000;
    c.defaultRestartExpectedMs = 300;
    c.probeTimeoutMs = 500;
    c.process.stopGraceMs = 300;
    c.process.leftoverGraceMs = 300;
    c.process.reapBudgetMs = 3000;
    c.client.challengeTimeoutMs = 1500;
    c.client.helloTimeoutMs = 1500;
    c.client.startingBudgetMs = 5000;
    c.client.startingRetryMs = 100;
    c.client.defaultCallTimeoutMs = 3000;
    c.liveness = {100, 600, 300, QStringLiteral("health")};
    c.backoff.baseDelayMs = 50;
    c.backoff.maxDelayMs = 400;
    c.backoff.maxAttempts = 20;
    c.backoff.stableRunMs = 3000;
    c.governor.baseCooldownMs = 50;
    c.governor.maxCooldownMs = 800;
    c.governor.budget = 6;
    c.governor.windowMs = 4000;
    c.governor.circuitOpenMs = 1500;
    c.governor.stableResetMs = 3000;
    c.startAttempts.retryDelayMs = 50;
    c.reload.debounceMs = 150;
    return c;
}

void ChaosRunner::setSpawnArgs(const QStringList& oneShot)
{
    ManagerConfig c = managerConfig();
    c.launch.extraArgs << oneShot;
    m_manager->applyConfig(c, {}); // no changed keys: takes effect at the next spawn, restarts nothing
}

void ChaosRunner::writeHeadlessSettings(const QStringList& extraArgs) const
{
    SettingsData s;
    s.runtime.nodePath = m_nodeWrapper;
    s.runtime.openclawDir = m_pkgDir;
    s.runtime.port = m_port;
    s.runtime.extraArgs = extraArgs;
    s.tokenStorage = TokenStorage::File;
    s.stopGraceMs = 1000;
    s.behaviour.startGatewayOnLaunch = true;
    if (const Done saved = Settings(QDir(m_configDir).filePath(QStringLiteral("clawtray.ini"))).save(s); !saved)
        note(QStringLiteral("cannot write the headless settings: %1").arg(saved.error().english()));
}

QString ChaosRunner::pickFault(Rng& rng) const
{
    QList<QPair<QString, int>> table;
    int total = 0;
    for (const auto& f : faultTable()) {
        if (!m_opt.faults.isEmpty() && !m_opt.faults.contains(f.first))
            continue;
        if (f.first == QLatin1String("owner-sigkill") && m_opt.clawtray.isEmpty() && m_opt.leaseDriver.isEmpty())
            continue;
        table << f;
        total += f.second;
    }
    int r = randInt(rng, 0, total - 1);
    for (const auto& f : table) {
        if (r < f.second)
            return f.first;
        r -= f.second;
    }
    return table.last().first;
}

void ChaosRunner::runFault(const QString& fault, Rng& rng)
{
    using Fn = void (ChaosRunner::*)(Rng&);
    static const QMap<QString, Fn> table = {
        {QStringLiteral("user-burst"), &ChaosRunner::faultUserBurst},
        {QStringLiteral("crash-sigkill"), &ChaosRunner::faultCrashSigkill},
        {QStringLiteral("crash-rpc"), &ChaosRunner::faultCrashRpc},
        {QStringLiteral("external-sigterm"), &ChaosRunner::faultExternalSigterm},
        {QStringLiteral("hang-sigstop"), &ChaosRunner::faultHangSigstop},
        {QStringLiteral("hang-rpc"), &ChaosRunner::faultHangRpc},
        {QStringLiteral("slow-start"), &ChaosRunner::faultSlowStart},
        {QStringLiteral("starting"), &ChaosRunner::faultStarting},
        {QStringLiteral("restart-1012"), &ChaosRunner::faultRestart1012},
        {QStringLiteral("malformed"), &ChaosRunner::faultMalformed},
        {QStringLiteral("oversized"), &ChaosRunner::faultOversized},
        {QStringLiteral("flood"), &ChaosRunner::faultFlood},
        {QStringLiteral("helpers"), &ChaosRunner::faultHelpers},
        {QStringLiteral("crash-loop"), &ChaosRunner::faultCrashLoop},
        {QStringLiteral("socket-drop"), &ChaosRunner::faultSocketDrop},
        {QStringLiteral("calls"), &ChaosRunner::faultCalls},
        {QStringLiteral("rpc-rules"), &ChaosRunner::faultRpcRules},
        {QStringLiteral("settings-reload"), &ChaosRunner::faultSettingsReload},
        {QStringLiteral("foreign-port"), &ChaosRunner::faultForeignPort},
        {QStringLiteral("owner-sigkill"), &ChaosRunner::faultOwnerKill},
        {QStringLiteral("hostile-listener"), &ChaosRunner::faultHostileListener},
        {QStringLiteral("forged-lease"), &ChaosRunner::faultForgedLease},
        {QStringLiteral("control-flood"), &ChaosRunner::faultControlFlood},
    };
    if (fault.startsWith(QLatin1String("user-")) && fault != QLatin1String("user-burst")) {
        faultUser(rng, fault.mid(5));
        return;
    }
    (this->*table.value(fault))(rng);
}

int ChaosRunner::run()
{
    QString error;
    if (!prepare(&error)) {
        fprintf(stderr, "chaos_run: %s\n", qPrintable(error));
        return 2;
    }
    note(QStringLiteral("work dir %1, port %2, marker %3").arg(m_work.path()).arg(m_port).arg(QString::fromLatin1(m_marker)));
    m_sampler.start();
    m_step = 0;
    m_fault = QStringLiteral("initial-start");
    m_manager->start();
    settle();
    checkInvariants();
    for (int i = 0; i < m_opt.steps; ++i) {
        m_step = i + 1;
        Rng rng(splitmix64(m_opt.seed ^ splitmix64(quint64(m_step))));
        m_fault = pickFault(rng);
        ++m_faultCounts[m_fault];
        note(QStringLiteral("step %1: %2 (state %3)").arg(m_step).arg(m_fault, describeStatus()));
        runFault(m_fault, rng);
        settle();
        checkInvariants();
        if (!m_opt.verbose && m_step % 20 == 0)
            fprintf(stderr, "chaos: step %d/%d, %lld violation(s), %.1f s\n", m_step, m_opt.steps,
                    static_cast<long long>(m_violations.size()), double(m_clock.elapsed()) / 1000.0);
    }

    // The end: stop like a user quitting, then everything must be gone and every call settled.
    m_step = m_opt.steps + 1;
    m_fault = QStringLiteral("final-shutdown");
    bool finished = false;
    m_manager->shutdown(2000, [&finished] { finished = true; });
    if (!QTest::qWaitFor([&] { return finished; }, 15000))
        violation(QStringLiteral("shutdown"), QStringLiteral("shutdown() never called its callback: %1").arg(describeStatus()));
    settle();
    checkInvariants();
    const qint64 until = m_ledger.latestDeadlineMs() + 3000;
    (void)QTest::qWaitFor([&] { return m_ledger.outstanding() == 0; }, int(qMax<qint64>(0, until - m_ledger.nowMs())));
    for (const QString& p : m_ledger.takeProblems(2000))
        violation(QStringLiteral("call-settlement"), p);
    if (m_ledger.outstanding() > 0)
        violation(QStringLiteral("call-settlement"), QStringLiteral("%1 call(s) never settled").arg(m_ledger.outstanding()));
    m_sampler.stop();
    reapStrays(); // nothing of this run may outlive it, even after a failure
    m_elapsedMs = m_clock.elapsed();
    m_manager.reset();
    logging::flush();
    if (m_violations.isEmpty() && !m_opt.keepWorkDir)
        m_work.remove();
    return m_violations.isEmpty() ? 0 : 1;
}

QJsonObject ChaosRunner::summary() const
{
    QJsonObject faults;
    for (auto it = m_faultCounts.begin(); it != m_faultCounts.end(); ++it)
        faults.insert(it.key(), it.value());
    QJsonObject variants;
    for (auto it = m_variantCounts.begin(); it != m_variantCounts.end(); ++it)
        variants.insert(it.key(), it.value());
    QJsonObject states;
    for (auto it = m_settledStates.begin(); it != m_settledStates.end(); ++it)
        states.insert(it.key(), it.value());
    QJsonObject outcomes;
    for (auto it = m_ledger.outcomes().begin(); it != m_ledger.outcomes().end(); ++it)
        outcomes.insert(it.key(), it.value());
    QJsonObject calls{{QStringLiteral("issued"), qint64(m_ledger.issued())},
                      {QStringLiteral("settled"), qint64(m_ledger.settledCount())},
                      {QStringLiteral("duplicates"), qint64(m_ledger.duplicates())},
                      {QStringLiteral("overdue"), qint64(m_ledger.overdue())},
                      {QStringLiteral("outcomes"), outcomes}};
    QJsonArray list;
    for (const Violation& v : m_violations) {
        if (list.size() >= 50)
            break;
        list.append(QJsonObject{{QStringLiteral("step"), v.step},
                                {QStringLiteral("fault"), v.fault},
                                {QStringLiteral("kind"), v.kind},
                                {QStringLiteral("detail"), v.detail}});
    }
    QJsonObject o;
    o.insert(QStringLiteral("seed"), QString::number(m_opt.seed));
    o.insert(QStringLiteral("steps"), m_opt.steps);
    o.insert(QStringLiteral("elapsed_ms"), m_elapsedMs);
    o.insert(QStringLiteral("faults"), faults);
    o.insert(QStringLiteral("variants"), variants);
    o.insert(QStringLiteral("settled_states"), states);
    o.insert(QStringLiteral("calls"), calls);
    o.insert(QStringLiteral("gateway_samples"), m_samples);
    o.insert(QStringLiteral("max_gateways_seen"), m_maxGatewaysSeen);
    o.insert(QStringLiteral("manager_resets"), m_managerResets);
    o.insert(QStringLiteral("peak_rss_kib"), m_peakRssKiB);
    o.insert(QStringLiteral("qt_warnings"), qtWarningCount());
    o.insert(QStringLiteral("violations"), int(m_violations.size()));
    o.insert(QStringLiteral("violation_list"), list);
    o.insert(QStringLiteral("work_dir"), m_violations.isEmpty() && !m_opt.keepWorkDir ? QString() : m_work.path());
    return o;
}

} // namespace chaos
