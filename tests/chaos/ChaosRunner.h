#pragma once

#include "CallLedger.h"
#include "ProcessCensus.h"

#include "supervisor/GatewayManager.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>
#include <optional>
#include <random>

// The chaos run: one real GatewayManager (in this process) supervising the fake gateway, and a
// seeded random sequence of faults and user actions thrown at it. After every step the run waits
// for the manager to settle (a stable state, or a bounded time) and checks what must always hold:
//   - never two gateways of ours at once (also sampled every 100 ms while steps run);
//   - stopped/error: no process of ours is left, no lease, no pid;
//   - running: owned, its pid is the one live gateway, its helpers are the only other processes of
//     ours, the lease names it, and a `health` call through the manager succeeds;
//   - every call and safe restart settles exactly once, within its timeout (plus slack);
//   - no crash or assertion (the run itself would die; Qt fatal messages abort it loudly);
//   - no secret-bearing frame reaches a peer we did not verify, nothing that is not ours is
//     signalled, and this process's RSS stays under kRssBoundKiB (the hostile faults).
// A step is reproducible from (seed, step number): each step draws from its own generator, seeded
// from both, so earlier timing never shifts the choices of a later step.
namespace chaos {

struct Options
{
    quint64 seed = 0;
    int steps = 200;
    bool verbose = false;
    QStringList faults;       // run only these fault kinds (empty: all)
    bool keepWorkDir = false; // keep logs and dirs even without violations
    QString fakeGateway;
    QString portHolder;
    QString leaseDriver;
    QString clawtray;         // the headless binary (the "ClawTray killed" scenarios); may be empty
};

int qtWarningCount(); // Qt warnings/criticals seen so far (main.cpp installs the handler)

struct Violation
{
    int step = 0;
    QString fault;
    QString kind;
    QString detail;
};

class ChaosRunner final : public QObject
{
    Q_OBJECT
public:
    using Rng = std::mt19937_64;

    explicit ChaosRunner(const Options& options, QObject* parent = nullptr);
    ~ChaosRunner() override;

    int run(); // 0 when no invariant was violated
    QJsonObject summary() const;
    static QStringList faultKinds();

private:
    // set-up (ChaosRunner.cpp)
    bool prepare(QString* error);
    clawtray::ManagerConfig managerConfig() const;
    void setSpawnArgs(const QStringList& oneShot); // applied to the next spawn, no restart
    void writeHeadlessSettings(const QStringList& extraArgs) const;

    // the loop and the invariants (ChaosRunner.cpp, ChaosChecks.cpp)
    QString pickFault(Rng& rng) const;
    void runFault(const QString& fault, Rng& rng);
    void settle(int holdMs = 0);
    bool isSettled() const;
    void checkInvariants();
    QStringList checkOnce(bool* changed);
    void sampleGateways();
    void violation(const QString& kind, const QString& detail);
    void reapStrays(); // after a violation: kill what should not be there, so it does not cascade
    void resetManager(); // after a manager got stuck: a fresh one, like restarting ClawTray
    void createManager();
    void note(const QString& text) const;
    bool ensureRunning();
    bool ensureStopped();
    QString describeStatus() const;

    // RPCs through the manager, all booked in the ledger
    void rpc(const QString& method, const QJsonObject& params, int timeoutMs);
    std::optional<clawtray::CallResult> rpcWait(const QString& method, const QJsonObject& params, int timeoutMs);

    // faults (ChaosFaults.cpp)
    void faultUser(Rng& rng, const QString& action);
    void faultUserBurst(Rng& rng);
    void faultCrashSigkill(Rng& rng);
    void faultCrashRpc(Rng& rng);
    void faultExternalSigterm(Rng& rng);
    void faultHangSigstop(Rng& rng);
    void faultHangRpc(Rng& rng);
    void faultSlowStart(Rng& rng);
    void faultStarting(Rng& rng);
    void faultRestart1012(Rng& rng);
    void faultMalformed(Rng& rng);
    void faultOversized(Rng& rng);
    void faultFlood(Rng& rng);
    void faultHelpers(Rng& rng);
    void faultCrashLoop(Rng& rng);
    void faultSocketDrop(Rng& rng);
    void faultCalls(Rng& rng);
    void faultRpcRules(Rng& rng);
    void faultSettingsReload(Rng& rng);
    void faultForeignPort(Rng& rng);
    void respawnWith(Rng& rng, const QStringList& oneShot);

    // hostile local faults (ChaosHostile.cpp)
    void faultHostileListener(Rng& rng);
    void faultForgedLease(Rng& rng);
    void faultControlFlood(Rng& rng);
    static qint64 residentKiB(); // this process (the manager lives here)
    static constexpr qint64 kRssBoundKiB = 400 * 1024;
    qint64 m_peakRssKiB = 0;
    int m_unlistedSeen = 0; // of the current manager's unlistedTransitions, already reported

    // ClawTray itself SIGKILLed (ChaosOwnerKill.cpp)
    void faultOwnerKill(Rng& rng);
    void ownerKillHeadless(Rng& rng, bool secondInstance);
    void ownerKillDriver(Rng& rng, bool pdeathsig, bool otherInstanceCheck);
    QProcess* launchHeadless(int n);
    bool waitForLeasedGateway(QProcess* owner, int timeoutMs, qint64* pid);
    void killAndReap(QProcess* p, int sig, int timeoutMs);

    // randomness
    static int randInt(Rng& rng, int lo, int hi);
    static bool chance(Rng& rng, double p);
    template<typename T>
    static const T& pick(Rng& rng, const QList<T>& items)
    {
        return items.at(randInt(rng, 0, int(items.size()) - 1));
    }

    Options m_opt;
    QTemporaryDir m_work;
    QString m_pkgDir, m_nodeWrapper, m_dataDir, m_configDir, m_xdgDir, m_leasePath;
    quint16 m_port = 0;
    QByteArray m_marker;
    QString m_token;
    std::unique_ptr<ProcessCensus> m_census;
    std::optional<clawtray::DeviceIdentity> m_identity;
    std::unique_ptr<clawtray::GatewayManager> m_manager;
    QStringList m_stickyArgs; // helper/ignore-SIGTERM options that stay for several spawns
    CallLedger m_ledger;
    QTimer m_sampler;
    QElapsedTimer m_clock;
    qint64 m_lastStatusChangeMs = 0;
    int m_headlessRuns = 0;

    int m_step = -1;
    QString m_fault;
    QMap<QString, int> m_faultCounts;
    QMap<QString, int> m_variantCounts;
    QMap<QString, int> m_settledStates;
    QList<Violation> m_violations;
    QSet<QString> m_reportedPairs;
    qint64 m_elapsedMs = 0;
    int m_samples = 0;
    int m_maxGatewaysSeen = 0;
    int m_managerResets = 0;
};

} // namespace chaos
