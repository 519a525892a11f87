// The faults and user actions of the chaos run. Each one draws every choice from the step's own
// generator, does its damage, and returns; the loop then settles and checks the invariants.
#include "ChaosRunner.h"

#include "process/ProcTable.h"

#include <QJsonArray>
#include <QTest>

#include <signal.h>

using namespace clawtray;

namespace chaos {
namespace {

QString arg(int v)
{
    return QString::number(v);
}

} // namespace

void ChaosRunner::faultUser(Rng& rng, const QString& action)
{
    if (action == QLatin1String("start"))
        m_manager->start();
    else if (action == QLatin1String("stop"))
        m_manager->stop();
    else
        m_manager->restart(QStringLiteral("chaos"));
    // Sometimes the user also asks the gateway something while the action is under way.
    if (chance(rng, 0.4))
        for (int i = randInt(rng, 1, 4); i > 0; --i)
            rpc(pick(rng, QStringList{QStringLiteral("health"), QStringLiteral("status"), QStringLiteral("system.info")}), {},
                randInt(rng, 50, 2000));
}

void ChaosRunner::faultUserBurst(Rng& rng)
{
    const QStringList actions{QStringLiteral("start"), QStringLiteral("stop"), QStringLiteral("restart"),
                              QStringLiteral("safe-restart"), QStringLiteral("forced-safe-restart"),
                              QStringLiteral("debounced-restart"), QStringLiteral("call")};
    for (int i = randInt(rng, 2, 6); i > 0; --i) {
        const QString a = pick(rng, actions);
        ++m_variantCounts[QStringLiteral("user-burst:") + a];
        if (a == QLatin1String("start")) {
            m_manager->start();
        } else if (a == QLatin1String("stop")) {
            m_manager->stop();
        } else if (a == QLatin1String("restart")) {
            m_manager->restart(QStringLiteral("chaos burst"));
        } else if (a == QLatin1String("debounced-restart")) {
            m_manager->debouncedRestart(randInt(rng, 0, 300), QStringLiteral("chaos debounced"));
        } else if (a == QLatin1String("call")) {
            rpc(QStringLiteral("status"), {}, randInt(rng, 50, 1500));
        } else {
            const bool force = a.startsWith(QLatin1String("forced"));
            const quint64 id = m_ledger.open(QStringLiteral("safeRestart(force=%1)").arg(force), 16000);
            m_manager->safeRestart(force, [this, id](const SafeRestartResult& r) { m_ledger.settle(id, QStringLiteral("safe-restart:") + r.status); });
        }
        const int gap = randInt(rng, 0, 250);
        QTest::qWait(gap);
    }
}

void ChaosRunner::faultCrashSigkill(Rng& rng)
{
    if (!ensureRunning())
        return;
    const pid_t pid = pid_t(m_manager->status().pid);
    const bool group = chance(rng, 0.3);
    ++m_variantCounts[group ? QStringLiteral("crash-sigkill:group") : QStringLiteral("crash-sigkill:pid")];
    ::kill(group ? -pid : pid, SIGKILL);
    // A user acting at a random moment of the recovery.
    if (chance(rng, 0.3)) {
        QTest::qWait(randInt(rng, 0, 200));
        faultUser(rng, pick(rng, QStringList{QStringLiteral("start"), QStringLiteral("stop"), QStringLiteral("restart")}));
        ++m_variantCounts[QStringLiteral("crash-sigkill:+user")];
    }
}

void ChaosRunner::faultCrashRpc(Rng& rng)
{
    if (!ensureRunning())
        return;
    QJsonObject params;
    if (chance(rng, 0.5)) {
        params.insert(QStringLiteral("code"), pick(rng, QList<int>{0, 1, 2, 3, 127}));
        ++m_variantCounts[QStringLiteral("crash-rpc:exit")];
    } else {
        params.insert(QStringLiteral("signal"), pick(rng, QStringList{QStringLiteral("SEGV"), QStringLiteral("ABRT"), QStringLiteral("KILL"),
                                                                      QStringLiteral("TERM"), QStringLiteral("BUS")}));
        ++m_variantCounts[QStringLiteral("crash-rpc:signal")];
    }
    rpc(QStringLiteral("fake.crash"), params, 1000); // never answered: settles as a disconnect
}

void ChaosRunner::faultExternalSigterm(Rng& rng)
{
    // Somebody else (a logout, `kill`) stops the gateway: it shuts down cleanly, unasked.
    if (!ensureRunning())
        return;
    const int sig = chance(rng, 0.7) ? SIGTERM : SIGINT;
    ++m_variantCounts[sig == SIGTERM ? QStringLiteral("external-sigterm:TERM") : QStringLiteral("external-sigterm:INT")];
    ::kill(pid_t(m_manager->status().pid), sig);
}

void ChaosRunner::faultHangSigstop(Rng& rng)
{
    if (!ensureRunning())
        return;
    const pid_t pid = pid_t(m_manager->status().pid);
    const auto info = proctable::read(pid);
    const quint64 startTime = info ? info->startTime : 0;
    ::kill(pid, SIGSTOP);
    const int variant = randInt(rng, 0, 2);
    auto resume = [pid, startTime] {
        if (proctable::aliveWithStartTime(pid, startTime))
            ::kill(pid, SIGCONT);
    };
    if (variant == 0) {
        // Back before the liveness deadline: nothing should be restarted.
        ++m_variantCounts[QStringLiteral("hang-sigstop:cont-early")];
        QTest::qWait(randInt(rng, 50, 300));
        resume();
        return;
    }
    if (variant == 1) {
        // Back after the deadline: the manager may already have replaced it (SIGCONT only if it
        // is still the same process).
        ++m_variantCounts[QStringLiteral("hang-sigstop:cont-late")];
        QTimer::singleShot(randInt(rng, 700, 2500), this, resume);
        settle(randInt(rng, 700, 2500));
        return;
    }
    // Never resumed: the manager must find out and kill it (SIGTERM is not acted on by a stopped
    // process, so this also exercises the SIGKILL escalation).
    ++m_variantCounts[QStringLiteral("hang-sigstop:never")];
    settle(100 + 600 + 300 + 300 + 300);
}

void ChaosRunner::faultHangRpc(Rng& rng)
{
    if (!ensureRunning())
        return;
    const int variant = randInt(rng, 0, 2);
    const int ms = variant == 0 ? randInt(rng, 50, 300) : variant == 1 ? randInt(rng, 800, 2000) : 0;
    ++m_variantCounts[variant == 0 ? QStringLiteral("hang-rpc:short") : variant == 1 ? QStringLiteral("hang-rpc:long")
                                                                                       : QStringLiteral("hang-rpc:forever")];
    rpc(QStringLiteral("fake.hang"), QJsonObject{{QStringLiteral("ms"), ms}}, 1000);
    // Calls made during the hang must still settle (by timeout, or by the reconnect).
    for (int i = randInt(rng, 0, 3); i > 0; --i)
        rpc(QStringLiteral("status"), {}, randInt(rng, 100, 1500));
    settle(variant == 0 ? ms : 100 + 600 + 300 + 300 + 300);
}

void ChaosRunner::respawnWith(Rng& rng, const QStringList& oneShot)
{
    setSpawnArgs(oneShot);
    // One-shot means exactly one spawn: the next one (a retry, a recovery) is normal again.
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(m_manager->process(), &GatewayProcess::started, this, [this, once] {
        disconnect(*once);
        QTimer::singleShot(0, this, [this] { setSpawnArgs({}); });
    });
    // The new options reach the gateway through a user restart, or through a crash recovery.
    const int how = randInt(rng, 0, 2);
    if (how == 0 || m_manager->status().state != GatewayState::Running) {
        ++m_variantCounts[QStringLiteral("respawn:user-restart")];
        if (m_manager->status().state == GatewayState::Running)
            m_manager->restart(QStringLiteral("chaos respawn"));
        else
            m_manager->start();
    } else if (how == 1) {
        ++m_variantCounts[QStringLiteral("respawn:crash")];
        ::kill(pid_t(m_manager->status().pid), SIGKILL);
    } else {
        ++m_variantCounts[QStringLiteral("respawn:reload")];
        m_manager->applyConfig(m_manager->config(), {QStringLiteral("extraArgs")});
    }
    settle(200);
    disconnect(*once);
    setSpawnArgs({}); // also when no spawn happened
}

void ChaosRunner::faultSlowStart(Rng& rng)
{
    respawnWith(rng, {QStringLiteral("--fake-listen-delay-ms"), arg(randInt(rng, 200, 2000))});
}

void ChaosRunner::faultStarting(Rng& rng)
{
    const int variant = randInt(rng, 0, 2);
    if (variant == 0) {
        ++m_variantCounts[QStringLiteral("starting:spawn")];
        respawnWith(rng, {QStringLiteral("--fake-starting-ms"), arg(randInt(rng, 200, 1500)), QStringLiteral("--fake-retry-after-ms"),
                          arg(randInt(rng, 50, 400))});
        return;
    }
    if (!ensureRunning())
        return;
    rpc(QStringLiteral("fake.startingFor"), QJsonObject{{QStringLiteral("ms"), randInt(rng, 200, 1500)}}, 1000);
    QTest::qWait(randInt(rng, 0, 50));
    if (variant == 1) {
        // The connection drops: the reconnect meets "gateway starting" (1013) until the window ends.
        ++m_variantCounts[QStringLiteral("starting:drop")];
        rpc(QStringLiteral("fake.close"), QJsonObject{{QStringLiteral("code"), 1006}}, 1000);
    } else {
        ++m_variantCounts[QStringLiteral("starting:1012")];
        rpc(QStringLiteral("gateway.restart.request"), QJsonObject{{QStringLiteral("reason"), QStringLiteral("chaos")}}, 3000);
    }
}

void ChaosRunner::faultRestart1012(Rng& rng)
{
    if (!ensureRunning())
        return;
    const int variant = randInt(rng, 0, 2);
    if (variant == 0) {
        ++m_variantCounts[QStringLiteral("restart-1012:safe-restart")];
        const quint64 id = m_ledger.open(QStringLiteral("safeRestart"), 16000);
        m_manager->safeRestart(false, [this, id](const SafeRestartResult& r) { m_ledger.settle(id, QStringLiteral("safe-restart:") + r.status); });
    } else if (variant == 1) {
        ++m_variantCounts[QStringLiteral("restart-1012:rpc")];
        rpc(QStringLiteral("gateway.restart.request"), QJsonObject{{QStringLiteral("reason"), QStringLiteral("chaos")}}, 3000);
    } else {
        ++m_variantCounts[QStringLiteral("restart-1012:sigusr2")];
        ::kill(pid_t(m_manager->status().pid), SIGUSR2);
    }
    // Calls during the restart window settle with an error or after it, never not at all.
    for (int i = randInt(rng, 0, 3); i > 0; --i) {
        QTest::qWait(randInt(rng, 0, 200));
        rpc(QStringLiteral("health"), {}, randInt(rng, 100, 2000));
    }
}

void ChaosRunner::faultMalformed(Rng& rng)
{
    if (!ensureRunning())
        return;
    const QStringList kinds{QStringLiteral("notjson"), QStringLiteral("array"), QStringLiteral("noid"), QStringLiteral("unknowntype"),
                            QStringLiteral("wrongtypes"), QStringLiteral("binary"), QStringLiteral("empty")};
    for (int i = randInt(rng, 1, 5); i > 0; --i) {
        const QString kind = pick(rng, kinds);
        ++m_variantCounts[QStringLiteral("malformed:") + kind];
        rpc(QStringLiteral("fake.malformed"), QJsonObject{{QStringLiteral("kind"), kind}}, 1500);
        if (chance(rng, 0.5))
            rpc(QStringLiteral("status"), {}, 1500);
    }
}

void ChaosRunner::faultOversized(Rng& rng)
{
    if (!ensureRunning())
        return;
    // Up to and beyond hello-ok's maxPayload (25 MiB): too big a frame is dropped, never fatal.
    const int variant = chance(rng, 0.15) ? 2 : randInt(rng, 0, 1);
    const int bytes = variant == 0 ? randInt(rng, 60 * 1024, 512 * 1024)
                    : variant == 1 ? randInt(rng, 1, 8) * 1024 * 1024
                                   : 26 * 1024 * 1024 + randInt(rng, 0, 1024 * 1024);
    ++m_variantCounts[variant == 0 ? QStringLiteral("oversized:kib") : variant == 1 ? QStringLiteral("oversized:mib")
                                                                                     : QStringLiteral("oversized:over-max")];
    rpc(QStringLiteral("fake.oversized"), QJsonObject{{QStringLiteral("bytes"), bytes}}, 3000);
    rpc(QStringLiteral("status"), {}, 3000);
}

void ChaosRunner::faultFlood(Rng& rng)
{
    // Up to 4 MiB on stdout and as much on stderr before it listens: draining must keep up well
    // within the chaos ready timeout (8 s), even in a debug build on a busy machine.
    respawnWith(rng, {QStringLiteral("--fake-flood-bytes"), arg(randInt(rng, 256, 4096) * 1024)});
}

void ChaosRunner::faultHelpers(Rng& rng)
{
    // Options that stay for the next spawns too (until the next `helpers` step re-rolls them).
    m_stickyArgs.clear();
    if (chance(rng, 0.5))
        m_stickyArgs << QStringLiteral("--fake-grandchild");
    if (chance(rng, 0.5))
        m_stickyArgs << QStringLiteral("--fake-detached-helper");
    if (chance(rng, 0.4))
        m_stickyArgs << QStringLiteral("--fake-ignore-sigterm");
    ++m_variantCounts[QStringLiteral("helpers:") + (m_stickyArgs.isEmpty() ? QStringLiteral("none") : m_stickyArgs.join(QLatin1Char('+')))];
    respawnWith(rng, {});
}

void ChaosRunner::faultCrashLoop(Rng& rng)
{
    // A gateway that keeps dying shortly after start: start retries, backoff, the governor's
    // circuit. Then the cause goes away; the manager must get back by itself or settle in error.
    setSpawnArgs({QStringLiteral("--fake-crash-after-ms"), arg(randInt(rng, 50, 400))});
    if (m_manager->status().state == GatewayState::Running)
        ::kill(pid_t(m_manager->status().pid), SIGKILL);
    else
        m_manager->start();
    QTest::qWait(randInt(rng, 800, 3000));
    setSpawnArgs({});
}

void ChaosRunner::faultSocketDrop(Rng& rng)
{
    if (!ensureRunning())
        return;
    const int code = pick(rng, QList<int>{1000, 1001, 1006, 1011, 4000});
    ++m_variantCounts[QStringLiteral("socket-drop:%1").arg(code)];
    rpc(QStringLiteral("fake.close"), QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("reason"), QStringLiteral("chaos")}}, 1000);
    for (int i = randInt(rng, 0, 2); i > 0; --i)
        rpc(QStringLiteral("health"), {}, randInt(rng, 100, 1500));
}

void ChaosRunner::faultCalls(Rng& rng)
{
    const QStringList methods{QStringLiteral("health"), QStringLiteral("status"), QStringLiteral("system.info"),
                              QStringLiteral("fake.echo"), QStringLiteral("gateway.restart.preflight"), QStringLiteral("no.such.method")};
    for (int i = randInt(rng, 1, 25); i > 0; --i) {
        const QString m = pick(rng, methods);
        QJsonObject params;
        if (m == QLatin1String("fake.echo"))
            params.insert(QStringLiteral("blob"), QString(randInt(rng, 0, 64 * 1024), QLatin1Char('e')));
        rpc(m, params, randInt(rng, 20, 3000));
        if (chance(rng, 0.3))
            QTest::qWait(randInt(rng, 0, 30));
    }
}

void ChaosRunner::faultRpcRules(Rng& rng)
{
    if (!ensureRunning())
        return;
    const QString method = pick(rng, QStringList{QStringLiteral("status"), QStringLiteral("system.info"), QStringLiteral("fake.echo")});
    const int variant = randInt(rng, 0, 2);
    if (variant == 0) {
        ++m_variantCounts[QStringLiteral("rpc-rules:delay")];
        rpc(QStringLiteral("fake.delay"), QJsonObject{{QStringLiteral("method"), method}, {QStringLiteral("ms"), randInt(rng, 50, 3000)}}, 1500);
    } else if (variant == 1 && method != QLatin1String("fake.echo")) {
        ++m_variantCounts[QStringLiteral("rpc-rules:drop")];
        rpc(QStringLiteral("fake.drop"), QJsonObject{{QStringLiteral("method"), method}}, 1500);
    } else {
        ++m_variantCounts[QStringLiteral("rpc-rules:out-of-order")];
        const int count = randInt(rng, 2, 5);
        rpc(QStringLiteral("fake.outOfOrder"), QJsonObject{{QStringLiteral("count"), count}}, 1500);
        for (int i = 0; i < count; ++i)
            rpc(QStringLiteral("fake.echo"), QJsonObject{{QStringLiteral("i"), i}}, 2000);
    }
    for (int i = randInt(rng, 1, 6); i > 0; --i)
        rpc(method, method == QLatin1String("fake.echo") ? QJsonObject{{QStringLiteral("x"), i}} : QJsonObject{}, randInt(rng, 50, 2500));
    if (chance(rng, 0.6)) {
        QTest::qWait(randInt(rng, 0, 1000));
        rpc(QStringLiteral("fake.reset"), {}, 1500); // otherwise the rules live until the process goes
    }
}

void ChaosRunner::faultSettingsReload(Rng& rng)
{
    // Settings saved several times in a row: one debounced restart (or an in-process one).
    const QStringList keys = pick(rng, QList<QStringList>{{QStringLiteral("extraArgs")}, {QStringLiteral("token")},
                                                          {QStringLiteral("port")}, {QStringLiteral("pingIntervalMs")}});
    ++m_variantCounts[QStringLiteral("settings-reload:") + keys.join(QLatin1Char(','))];
    for (int i = randInt(rng, 1, 4); i > 0; --i) {
        m_manager->applyConfig(m_manager->config(), keys);
        QTest::qWait(randInt(rng, 0, 200));
    }
}

void ChaosRunner::faultForeignPort(Rng& rng)
{
    const bool whileStopped = chance(rng, 0.6);
    ++m_variantCounts[whileStopped ? QStringLiteral("foreign-port:stopped") : QStringLiteral("foreign-port:during-recovery")];
    if (whileStopped && !ensureStopped())
        return;
    if (!whileStopped && !ensureRunning())
        return;
    QProcess holder;
    holder.setProgram(m_opt.portHolder);
    holder.setArguments({QString::number(m_port)});
    if (!whileStopped)
        ::kill(pid_t(m_manager->status().pid), SIGKILL); // the port frees; who gets it first?
    holder.start(QIODevice::ReadOnly);
    (void)QTest::qWaitFor([&] { return holder.canReadLine() || holder.state() == QProcess::NotRunning; }, 5000);
    const bool holding = holder.state() == QProcess::Running && holder.canReadLine();
    if (whileStopped)
        m_manager->start();
    settle(300);
    if (holding) {
        // A listener that is not a gateway is never touched, and nothing of ours runs instead.
        if (holder.state() != QProcess::Running)
            violation(QStringLiteral("foreign-process-killed"), QStringLiteral("port_holder on port %1 was killed").arg(m_port));
        const GatewayStatus s = m_manager->status();
        if (s.state != GatewayState::Error || s.lastError.kind != ProblemKind::PortInUse)
            violation(QStringLiteral("foreign-port"), QStringLiteral("port held by pid %1, expected error port-in-use, got %2")
                                                          .arg(holder.processId())
                                                          .arg(describeStatus()));
        ++m_variantCounts[QStringLiteral("foreign-port:held")];
    } else {
        ++m_variantCounts[QStringLiteral("foreign-port:lost-race")];
    }
    checkInvariants();
    holder.kill();
    holder.waitForFinished(3000);
    if (chance(rng, 0.5))
        m_manager->start(); // the user freed the port and starts again
}

} // namespace chaos
