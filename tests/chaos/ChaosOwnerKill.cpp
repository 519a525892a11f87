// "ClawTray itself is SIGKILLed, then started again." The in-process manager cannot be killed, so
// another supervisor plays the victim, using the same data dir (hence the same lease file):
//   - the real headless app (`clawtray --headless` with isolated dirs): its gateway dies with it
//     (PR_SET_PDEATHSIG) but detached helpers survive; optionally a second headless instance takes
//     over, then quits normally and must leave nothing behind;
//   - lease_driver, with or without PDEATHSIG: without it the gateway survives as an orphan that
//     holds the port and only the lease proves it ours;
//   - lease_driver left alive while the in-process manager starts: another live supervisor owns
//     the gateway, so the manager must refuse (error "other-instance") and touch nothing.
// In every case the in-process manager then starts and the usual invariants (one gateway, no
// strays, lease names the running gateway) prove the leftovers were reaped.
#include "ChaosRunner.h"

#include "process/OwnershipLease.h"
#include "process/ProcTable.h"

#include <QDir>
#include <QTest>

#include <signal.h>

using namespace clawtray;

namespace chaos {

void ChaosRunner::faultOwnerKill(Rng& rng)
{
    if (!ensureStopped())
        return;
    const int variant = m_opt.clawtray.isEmpty() ? randInt(rng, 2, 4) : randInt(rng, 0, 4);
    switch (variant) {
    case 0:
        ownerKillHeadless(rng, false);
        break;
    case 1:
        ownerKillHeadless(rng, true);
        break;
    case 2:
        ownerKillDriver(rng, false, false);
        break;
    case 3:
        ownerKillDriver(rng, true, false);
        break;
    default:
        ownerKillDriver(rng, false, true);
        break;
    }
    // ClawTray "restarted": the in-process manager starts on the same lease and port.
    m_manager->start();
}

void ChaosRunner::killAndReap(QProcess* p, int sig, int timeoutMs)
{
    if (p->state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(p->processId()), sig);
    if (!p->waitForFinished(timeoutMs)) {
        violation(QStringLiteral("owner-did-not-exit"), QStringLiteral("%1 (pid %2) still running %3 ms after signal %4")
                                                            .arg(p->program())
                                                            .arg(p->processId())
                                                            .arg(timeoutMs)
                                                            .arg(sig));
        p->kill();
        p->waitForFinished(3000);
    }
}

bool ChaosRunner::waitForLeasedGateway(QProcess* owner, int timeoutMs, qint64* pid)
{
    return QTest::qWaitFor([&] {
        if (owner->state() == QProcess::NotRunning)
            return true;
        const auto lease = OwnershipLease::read(m_leasePath).lease;
        if (lease && lease->ownerPid == owner->processId() && lease->gatewayAlive()) {
            *pid = lease->pid;
            return true;
        }
        return false;
    }, timeoutMs) && owner->state() != QProcess::NotRunning && *pid > 0;
}

QProcess* ChaosRunner::launchHeadless(int n)
{
    auto* p = new QProcess(this);
    p->setProgram(m_opt.clawtray);
    p->setArguments({QStringLiteral("--headless"), QStringLiteral("--config-dir"), m_configDir, QStringLiteral("--data-dir"), m_dataDir,
                     QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--log-level"), QStringLiteral("debug")});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_xdgDir);
    env.insert(QStringLiteral("CLAWTRAY_CONTROL_SOCKET"), QDir(m_xdgDir).filePath(QStringLiteral("clawtray.sock")));
    env.insert(QString::fromLatin1(ProcessCensus::kMarkerVariable), QString::fromLatin1(m_marker));
    p->setProcessEnvironment(env);
    p->setStandardOutputFile(QDir(m_work.path()).filePath(QStringLiteral("logs/headless-%1.out").arg(n)));
    p->setStandardErrorFile(QDir(m_work.path()).filePath(QStringLiteral("logs/headless-%1.err").arg(n)));
    p->start(QIODevice::NotOpen);
    return p;
}

void ChaosRunner::ownerKillHeadless(Rng& rng, bool secondInstance)
{
    ++m_variantCounts[secondInstance ? QStringLiteral("owner-sigkill:headless+second-instance")
                                     : QStringLiteral("owner-sigkill:headless")];
    QStringList args{QStringLiteral("--fake-tick-ms"), QStringLiteral("250")};
    if (chance(rng, 0.5))
        args << QStringLiteral("--fake-detached-helper");
    if (chance(rng, 0.3))
        args << QStringLiteral("--fake-grandchild");
    writeHeadlessSettings(args);
    std::unique_ptr<QProcess> first(launchHeadless(++m_headlessRuns));
    if (!first->waitForStarted(5000)) {
        violation(QStringLiteral("headless"), QStringLiteral("cannot start %1: %2").arg(m_opt.clawtray, first->errorString()));
        return;
    }
    qint64 gatewayPid = 0;
    if (chance(rng, 0.25)) {
        QTest::qWait(randInt(rng, 0, 400)); // killed at any moment of its own start-up
        ++m_variantCounts[QStringLiteral("owner-sigkill:during-startup")];
    } else {
        if (!waitForLeasedGateway(first.get(), 10000, &gatewayPid))
            violation(QStringLiteral("headless"), QStringLiteral("headless ClawTray did not bring up a gateway (exit %1, see %2/logs)")
                                                      .arg(first->state() == QProcess::NotRunning ? first->exitCode() : -1)
                                                      .arg(m_work.path()));
        QTest::qWait(randInt(rng, 0, 800));
    }
    killAndReap(first.get(), SIGKILL, 5000);
    if (!secondInstance)
        return;
    // A new headless ClawTray on the same dirs: it must reap what the first one left, run exactly
    // one gateway, and on SIGTERM quit leaving nothing of ours behind.
    std::unique_ptr<QProcess> second(launchHeadless(++m_headlessRuns));
    qint64 pid2 = 0;
    if (!second->waitForStarted(5000) || !waitForLeasedGateway(second.get(), 10000, &pid2)) {
        violation(QStringLiteral("headless"), QStringLiteral("second headless ClawTray did not bring up a gateway (state %1, exit %2, see %3/logs)")
                                                  .arg(int(second->state()))
                                                  .arg(second->exitCode())
                                                  .arg(m_work.path()));
    } else {
        QTest::qWait(randInt(rng, 100, 600));
        const auto all = m_census->scan();
        QList<CensusEntry> strays;
        for (const auto& c : all)
            if (c.pid != pid2 && c.pgid != pid2 && c.ppid != pid2)
                strays << c;
        const auto lease = OwnershipLease::read(m_leasePath).lease;
        const QString tag = lease ? lease->leaseTag : QString();
        QList<CensusEntry> realStrays;
        for (const auto& c : strays)
            if (c.leaseTag != tag)
                realStrays << c;
        if (!realStrays.isEmpty())
            violation(QStringLiteral("headless-leftovers"), QStringLiteral("second instance runs gateway %1, but these are alive too: %2")
                                                                .arg(pid2)
                                                                .arg(ProcessCensus::describe(realStrays)));
    }
    killAndReap(second.get(), SIGTERM, 15000);
    if (second->exitStatus() != QProcess::NormalExit || second->exitCode() != 0)
        violation(QStringLiteral("headless-quit"), QStringLiteral("headless quit on SIGTERM with status %1 code %2")
                                                       .arg(int(second->exitStatus()))
                                                       .arg(second->exitCode()));
    const auto left = m_census->scan();
    if (!left.isEmpty())
        violation(QStringLiteral("headless-quit"), QStringLiteral("processes of ours alive after the headless app quit: %1")
                                                       .arg(ProcessCensus::describe(left)));
    if (QFile::exists(m_leasePath))
        violation(QStringLiteral("headless-quit"), QStringLiteral("lease %1 left after the headless app quit").arg(m_leasePath));
}

void ChaosRunner::ownerKillDriver(Rng& rng, bool pdeathsig, bool otherInstanceCheck)
{
    ++m_variantCounts[otherInstanceCheck ? QStringLiteral("owner-sigkill:other-instance")
                      : pdeathsig         ? QStringLiteral("owner-sigkill:driver-pdeathsig")
                                          : QStringLiteral("owner-sigkill:driver-orphan")];
    QProcess driver;
    driver.setProgram(m_opt.leaseDriver);
    QStringList args{m_leasePath, QString::number(m_port)};
    if (!pdeathsig)
        args << QStringLiteral("--no-pdeathsig");
    // The command line the product uses, so the orphan looks like a real OpenClaw gateway.
    args << QStringLiteral("--") << m_opt.fakeGateway << QStringLiteral("--disable-sigusr1")
         << QDir(m_pkgDir).filePath(QStringLiteral("openclaw.mjs")) << QStringLiteral("gateway") << QStringLiteral("run") << QStringLiteral("--port")
         << QString::number(m_port) << QStringLiteral("--bind") << QStringLiteral("loopback") << QStringLiteral("--fake-tick-ms")
         << QStringLiteral("250");
    if (chance(rng, 0.5))
        args << QStringLiteral("--fake-detached-helper");
    if (chance(rng, 0.3))
        args << QStringLiteral("--fake-grandchild");
    if (chance(rng, 0.3))
        args << QStringLiteral("--fake-ignore-sigterm");
    driver.setArguments(args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(ProcessCensus::kMarkerVariable), QString::fromLatin1(m_marker));
    env.insert(QStringLiteral("OPENCLAW_GATEWAY_TOKEN"), m_token);
    driver.setProcessEnvironment(env);
    driver.setProcessChannelMode(QProcess::MergedChannels);
    driver.start(QIODevice::ReadOnly);
    qint64 pid = 0;
    const bool up = QTest::qWaitFor([&] {
        while (driver.canReadLine()) {
            const QByteArray line = driver.readLine();
            if (line.startsWith("gateway pid="))
                pid = line.mid(12, line.indexOf(' ', 12) - 12).toLongLong();
        }
        return pid > 0 || driver.state() == QProcess::NotRunning;
    }, 10000) && pid > 0;
    if (!up) {
        violation(QStringLiteral("lease-driver"), QStringLiteral("lease_driver did not start a gateway: %1").arg(QString::fromLocal8Bit(driver.readAll())));
        driver.kill();
        driver.waitForFinished(3000);
        return;
    }
    const quint64 startTime = proctable::read(pid_t(pid)) ? proctable::read(pid_t(pid))->startTime : 0;
    QTest::qWait(randInt(rng, 50, 600));
    if (otherInstanceCheck) {
        // Another supervisor is alive and owns the gateway: the manager must not touch it.
        m_manager->start();
        settle(200);
        const GatewayStatus s = m_manager->status();
        if (s.state != GatewayState::Error || s.lastError.kind != ProblemKind::OtherInstance)
            violation(QStringLiteral("other-instance"), QStringLiteral("a live ClawTray (pid %1) owns gateway %2; expected error other-instance, got %3")
                                                           .arg(driver.processId())
                                                           .arg(pid)
                                                           .arg(describeStatus()));
        if (!proctable::aliveWithStartTime(pid_t(pid), startTime))
            violation(QStringLiteral("other-instance"), QStringLiteral("the other instance's gateway %1 was killed").arg(pid));
        const auto gws = ProcessCensus::gateways(m_census->scan());
        if (gws.size() != 1)
            violation(QStringLiteral("other-instance"), QStringLiteral("expected only the other instance's gateway, found %1").arg(ProcessCensus::describe(gws)));
        m_manager->stop();
        settle();
    }
    killAndReap(&driver, SIGKILL, 5000);
    if (pdeathsig)
        (void)QTest::qWaitFor([&] { return !proctable::aliveWithStartTime(pid_t(pid), startTime); }, 2000);
}

} // namespace chaos
