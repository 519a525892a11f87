// GatewayProcess, StaleGatewayReaper and OwnershipLease against the fake gateway fixture.
#include "process/GatewayProcess.h"
#include "process/GatewayStateLock.h"
#include "process/OwnershipLease.h"
#include "process/ProcTable.h"
#include "process/StaleGatewayReaper.h"

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <unistd.h>

#include <signal.h>

using namespace clawtray;
using Outcome = StaleGatewayReaper::Result::Outcome;

class TestProcessGateway : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    LaunchSpec fakeSpec(quint16 port, const QStringList& fakeArgs, const QString& tag = QString())
    {
        GatewayLaunchOptions o;
        o.nodePath = testsupport::fakeGatewayPath();
        o.openclawDir = m_dir.path();
        o.port = port;
        o.token = QStringLiteral("test-token-0123456789");
        o.extraArgs = fakeArgs;
        o.leaseTag = tag.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : tag;
        return LaunchSpec::forGateway(o);
    }

    static ExitInfo waitFinished(QSignalSpy& spy, int ms = 15000)
    {
        if (spy.isEmpty())
            spy.wait(ms);
        return spy.isEmpty() ? ExitInfo{} : spy.first().first().value<ExitInfo>();
    }

    // Helper pids the fake prints as "fake: helper pid=<pid> kind=<kind>".
    static QList<pid_t> helperPids(const QStringList& lines)
    {
        QList<pid_t> out;
        static const QRegularExpression re(QStringLiteral("fake: helper pid=(\\d+)"));
        for (const QString& l : lines)
            if (auto m = re.match(l); m.hasMatch())
                out << pid_t(m.captured(1).toInt());
        return out;
    }

    static StaleGatewayReaper::Result reap(const StaleGatewayReaper::Request& req)
    {
        StaleGatewayReaper reaper;
        QSignalSpy spy(&reaper, &StaleGatewayReaper::finished);
        reaper.run(req);
        if (spy.isEmpty())
            spy.wait(30000);
        return spy.isEmpty() ? StaleGatewayReaper::Result{} : spy.first().first().value<StaleGatewayReaper::Result>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(testsupport::fakeGatewayPath()), "CLAWTRAY_FAKE_GATEWAY not set or missing");
        QVERIFY(m_dir.isValid());
    }

    void startAndStopCleanly()
    {
        GatewayProcess p;
        QSignalSpy started(&p, &GatewayProcess::started);
        QSignalSpy lines(&p, &GatewayProcess::outputLine);
        QSignalSpy finished(&p, &GatewayProcess::finished);
        const quint16 port = testsupport::freeTcpPort();
        QVERIFY(p.start(fakeSpec(port, {})));
        QCOMPARE(started.count(), 1);
        const pid_t pid = p.pid();
        QVERIFY(pid > 0);
        // Own process group, and the command line carries no token.
        QCOMPARE(proctable::read(pid)->pgid, pid);
        QVERIFY(!testsupport::processCmdline(pid).join(QLatin1Char(' ')).contains(QLatin1String("test-token")));
        QTRY_VERIFY_WITH_TIMEOUT(p.lastLines().join(QLatin1Char('\n')).contains(QLatin1String("fake: ready")), 10000);
        QVERIFY(!p.start(fakeSpec(port, {}))); // one child at a time
        p.stop();
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::CleanStop);
        QCOMPARE(e.exitCode, 0);
        QVERIFY(e.stopRequested);
        QVERIFY(e.stopMs >= 0 && e.stopMs < 5000);
        QVERIFY(!testsupport::processAlive(pid));
        QVERIFY(testsupport::processesInGroup(pid).isEmpty());
        QVERIFY(!p.isRunning());
    }

    void escalatesToSigkillAfterGrace()
    {
        GatewayProcess p;
        auto cfg = p.config();
        cfg.stopGraceMs = 300;
        p.setConfig(cfg);
        QSignalSpy finished(&p, &GatewayProcess::finished);
        QVERIFY(p.start(fakeSpec(testsupport::freeTcpPort(), {QStringLiteral("--fake-ignore-sigterm")})));
        QTRY_VERIFY_WITH_TIMEOUT(p.lastLines().join(QLatin1Char('\n')).contains(QLatin1String("fake: ready")), 10000);
        const pid_t pid = p.pid();
        p.stop();
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::KilledAfterGrace);
        QCOMPARE(e.signal, SIGKILL);
        QVERIFY2(e.stopMs >= 300, qPrintable(QString::number(e.stopMs)));
        QVERIFY(!testsupport::processAlive(pid));
    }

    void helpersGoneAfterStop()
    {
        GatewayProcess p;
        QSignalSpy finished(&p, &GatewayProcess::finished);
        QVERIFY(p.start(fakeSpec(testsupport::freeTcpPort(), {QStringLiteral("--fake-grandchild"), QStringLiteral("--fake-detached-helper")})));
        QTRY_COMPARE_WITH_TIMEOUT(helperPids(p.lastLines()).size(), 2, 10000);
        const QList<pid_t> helpers = helperPids(p.lastLines());
        for (pid_t h : helpers)
            QVERIFY(testsupport::processAlive(h));
        QCOMPARE(p.ownedProcesses().size(), 3);
        const pid_t pid = p.pid();
        p.stop();
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::CleanStop);
        for (pid_t h : helpers)
            QVERIFY2(!testsupport::processAlive(h), qPrintable(QString::number(h)));
        QVERIFY(testsupport::processesInGroup(pid).isEmpty());
    }

    void helpersGoneAfterCrash()
    {
        GatewayProcess p;
        QSignalSpy finished(&p, &GatewayProcess::finished);
        QVERIFY(p.start(fakeSpec(testsupport::freeTcpPort(),
                                 {QStringLiteral("--fake-grandchild"), QStringLiteral("--fake-detached-helper"),
                                  QStringLiteral("--fake-crash-after-ms"), QStringLiteral("1500"),
                                  QStringLiteral("--fake-crash-signal"), QStringLiteral("SEGV")})));
        QTRY_COMPARE_WITH_TIMEOUT(helperPids(p.lastLines()).size(), 2, 10000);
        const QList<pid_t> helpers = helperPids(p.lastLines());
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::Crashed);
        QCOMPARE(e.signal, SIGSEGV);
        QVERIFY(e.unexpected());
        QVERIFY(e.leftoversKilled >= 1);
        for (pid_t h : helpers)
            QVERIFY2(!testsupport::processAlive(h), qPrintable(QString::number(h)));
    }

    void exitCodeAndContextReported()
    {
        GatewayProcess p;
        QSignalSpy finished(&p, &GatewayProcess::finished);
        QVERIFY(p.start(fakeSpec(testsupport::freeTcpPort(), {QStringLiteral("--fake-exit-78")})));
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::Exited);
        QCOMPARE(e.exitCode, 78);
        QVERIFY(!e.lastLines.isEmpty());
        QVERIFY(e.describe().contains(QLatin1String("78")));
    }

    void crashWithCode()
    {
        GatewayProcess p;
        QSignalSpy finished(&p, &GatewayProcess::finished);
        QVERIFY(p.start(fakeSpec(testsupport::freeTcpPort(), {QStringLiteral("--fake-crash-after-ms"), QStringLiteral("200"),
                                                              QStringLiteral("--fake-exit-code"), QStringLiteral("3")})));
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::Exited);
        QCOMPARE(e.exitCode, 3);
        QVERIFY(e.unexpected());
    }

    void failedToStart()
    {
        GatewayProcess p;
        QSignalSpy finished(&p, &GatewayProcess::finished);
        LaunchSpec s = fakeSpec(testsupport::freeTcpPort(), {});
        s.program = m_dir.filePath(QStringLiteral("no-such-node"));
        p.start(s);
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::FailedToStart);
        QVERIFY(!e.error.isEmpty());
        QVERIFY(!p.isRunning());
    }

    // 10 MB on each pipe: both are drained, so the child neither blocks nor dies.
    void drainsFloodWithoutDeadlock()
    {
        GatewayProcess p;
        QSignalSpy finished(&p, &GatewayProcess::finished);
        bool ready = false;
        qint64 lines = 0;
        connect(&p, &GatewayProcess::outputLine, this, [&](const QString& line) {
            ++lines;
            ready = ready || line.startsWith(QLatin1String("fake: ready"));
        });
        QVERIFY(p.start(fakeSpec(testsupport::freeTcpPort(), {QStringLiteral("--fake-flood-bytes"), QStringLiteral("10485760")})));
        // The ready line comes after 10 MB on stdout; stderr's 10 MB may still be arriving.
        QTRY_VERIFY_WITH_TIMEOUT(ready, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(lines > 200000, 60000); // both pipes were read, not just one
        QVERIFY(p.isRunning());
        p.stop();
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::CleanStop);
    }

    void parsesStartupTraces()
    {
        GatewayProcess p;
        QSignalSpy traces(&p, &GatewayProcess::startupTrace);
        QSignalSpy finished(&p, &GatewayProcess::finished);
        QVERIFY(p.start(fakeSpec(testsupport::freeTcpPort(), {QStringLiteral("--fake-startup-trace")})));
        QTRY_VERIFY_WITH_TIMEOUT(traces.count() >= 2, 10000);
        QVERIFY(p.startupTraces().count >= 2);
        QVERIFY(!p.startupTraces().slowestStage.isEmpty());
        p.stop();
        waitFinished(finished);
    }

    // ClawTray SIGKILLed (here: a driver that plays ClawTray). Its gateway survives when the OS
    // has no parent-death signal (simulated with --no-pdeathsig), and its helpers survive in any
    // case; the next start reaps them all through the lease, and the port is free again.
    void survivorReapedThroughLease_data()
    {
        QTest::addColumn<bool>("pdeathsig");
        QTest::newRow("with-pdeathsig") << true;
        QTest::newRow("without-pdeathsig") << false;
    }
    void survivorReapedThroughLease()
    {
        QFETCH(bool, pdeathsig);
        const QString lease = m_dir.filePath(QStringLiteral("lease-%1.json").arg(pdeathsig));
        const quint16 port = testsupport::freeTcpPort();
        QProcess driver;
        QStringList args{lease, QString::number(port)};
        if (!pdeathsig)
            args << QStringLiteral("--no-pdeathsig");
        const LaunchSpec s = fakeSpec(port, {QStringLiteral("--fake-grandchild"), QStringLiteral("--fake-detached-helper")});
        args << QStringLiteral("--") << s.program << s.arguments;
        driver.setProcessEnvironment(s.environment);
        driver.start(QProcessEnvironment::systemEnvironment().value(QStringLiteral("CLAWTRAY_LEASE_DRIVER")), args);
        QVERIFY(driver.waitForStarted());
        QByteArray out;
        QVERIFY(testsupport::waitFor([&] {
            out += driver.readAllStandardOutput();
            return out.contains("fake: ready") && out.count("fake: helper pid=") == 2;
        }, 15000));
        const pid_t gatewayPid = pid_t(QRegularExpression(QStringLiteral("gateway pid=(\\d+)")).match(QString::fromUtf8(out)).captured(1).toInt());
        QList<pid_t> helpers = helperPids(QString::fromUtf8(out).split(QLatin1Char('\n')));
        QVERIFY(gatewayPid > 0);
        QVERIFY(QFile::exists(lease));

        ::kill(pid_t(driver.processId()), SIGKILL);
        QVERIFY(driver.waitForFinished(5000));
        if (pdeathsig)
            QTRY_VERIFY_WITH_TIMEOUT(!testsupport::processAlive(gatewayPid), 5000);
        else
            QVERIFY(testsupport::processAlive(gatewayPid));
        // The detached helper is never covered by the parent-death signal.
        QVERIFY(testsupport::processAlive(helpers.last()));

        StaleGatewayReaper::Request req;
        req.port = port;
        req.leasePath = lease;
        const auto r = reap(req);
        QCOMPARE(r.outcome, Outcome::PortFree);
        QVERIFY(r.leaseFound);
        QCOMPARE(r.leaseReaped, !pdeathsig);
        QVERIFY(!testsupport::processAlive(gatewayPid));
        for (pid_t h : helpers)
            QVERIFY2(!testsupport::processAlive(h), qPrintable(QString::number(h)));
        QVERIFY(!QFile::exists(lease));
        QVERIFY(PortInspector::canBind(port));
    }

    void foreignListenerIsNeverTouched()
    {
        const quint16 port = testsupport::freeTcpPort();
        QProcess holder;
        holder.start(QProcessEnvironment::systemEnvironment().value(QStringLiteral("CLAWTRAY_PORT_HOLDER")), {QString::number(port)});
        QVERIFY(holder.waitForStarted());
        QVERIFY(holder.waitForReadyRead(5000));
        StaleGatewayReaper::Request req;
        req.port = port;
        req.takeOverForeignGateway = true; // even a takeover never kills a non-gateway
        const auto r = reap(req);
        QCOMPARE(r.outcome, Outcome::ForeignProcess);
        QVERIFY(r.message.english().contains(QString::number(holder.processId())));
        QVERIFY(r.message.english().contains(QLatin1String("port_holder")));
        QCOMPARE(r.killed, 0);
        QCOMPARE(holder.state(), QProcess::Running);
        holder.kill();
        holder.waitForFinished();
    }

    // An update's switch-over (GatewayProcess::stopForSuccessor): the real gateway closes its port
    // and releases OpenClaw's state lock, then may spend seconds more in its exit (after a first run
    // Node writes its compile cache). The successor starts once it has let go; the rest of the old
    // exit is still watched to the end.
    void aStopForASuccessorEndsWhenTheGatewayLetsGo()
    {
        GatewayProcess p;
        QSignalSpy finished(&p, &GatewayProcess::finished);
        const quint16 port = testsupport::freeTcpPort();
        QVERIFY(p.start(fakeSpec(port, {QStringLiteral("--fake-exit-linger-ms"), QStringLiteral("3000"), QStringLiteral("--fake-grandchild")})));
        QTRY_COMPARE_WITH_TIMEOUT(helperPids(p.lastLines()).size(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(p.lastLines().join(QLatin1Char('\n')).contains(QLatin1String("fake: ready")), 10000);
        const pid_t old = p.pid();
        const pid_t helper = helperPids(p.lastLines()).first();
        QTemporaryDir stateDir; // no OpenClaw lock in it: the ports decide
        p.stopForSuccessor([&](pid_t pid) { return gatewaylock::letGo(pid, stateDir.path()); });
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::LetGo);
        QVERIFY(e.stopRequested);
        QVERIFY2(testsupport::processAlive(old), "the old gateway was still exiting: the stop did not wait for all of it");
        QVERIFY(!p.isRunning());
        QVERIFY(PortInspector::canBind(port));

        finished.clear();
        QVERIFY(p.start(fakeSpec(port, {})));
        QVERIFY(p.pid() != old);
        QTRY_VERIFY_WITH_TIMEOUT(p.lastLines().join(QLatin1Char('\n')).contains(QLatin1String("fake: ready")), 10000);
        // The old exit ends by itself, its helper is reaped, and none of it reaches this run.
        QTRY_VERIFY_WITH_TIMEOUT(!testsupport::processAlive(old), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!testsupport::processAlive(helper) && testsupport::processesInGroup(old).isEmpty(), 5000);
        QVERIFY(finished.isEmpty());
        QVERIFY(p.isRunning());
        p.stop();
        QCOMPARE(waitFinished(finished).kind, ExitInfo::Kind::CleanStop);
    }

    void aGatewayStillListeningHasNotLetGo()
    {
        GatewayProcess p;
        auto cfg = p.config();
        cfg.stopGraceMs = 600;
        p.setConfig(cfg);
        QSignalSpy finished(&p, &GatewayProcess::finished);
        QVERIFY(p.start(fakeSpec(testsupport::freeTcpPort(), {QStringLiteral("--fake-ignore-sigterm")})));
        QTRY_VERIFY_WITH_TIMEOUT(p.lastLines().join(QLatin1Char('\n')).contains(QLatin1String("fake: ready")), 10000);
        const pid_t pid = p.pid();
        QTemporaryDir stateDir;
        p.stopForSuccessor([&](pid_t pid) { return gatewaylock::letGo(pid, stateDir.path()); });
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::KilledAfterGrace);
        QVERIFY(!testsupport::processAlive(pid));
    }

    void aGatewayHoldingOpenClawsStateLockHasNotLetGo()
    {
        GatewayProcess p;
        QSignalSpy finished(&p, &GatewayProcess::finished);
        const quint16 port = testsupport::freeTcpPort();
        QVERIFY(p.start(fakeSpec(port, {QStringLiteral("--fake-exit-linger-ms"), QStringLiteral("1500")})));
        QTRY_VERIFY_WITH_TIMEOUT(p.lastLines().join(QLatin1Char('\n')).contains(QLatin1String("fake: ready")), 10000);
        const pid_t pid = p.pid();
        QTemporaryDir stateDir;
        const QString lock = gatewaylock::lockPath(stateDir.path());
        QVERIFY(QDir().mkpath(QFileInfo(lock).path()));
        QFile f(lock);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("{\"pid\": %1, \"port\": %2}").arg(pid).arg(port).toUtf8());
        f.close();
        QVERIFY(!gatewaylock::letGo(pid, stateDir.path())); // listening, and named by the lock
        p.stopForSuccessor([&](pid_t pid) { return gatewaylock::letGo(pid, stateDir.path()); });
        const ExitInfo e = waitFinished(finished);
        QCOMPARE(e.kind, ExitInfo::Kind::CleanStop); // its whole exit, as after stop()
        QVERIFY(!testsupport::processAlive(pid));
        QVERIFY(e.stopMs >= 1500);
    }

    void foreignGatewayReportedOrTakenOver()
    {
        const quint16 port = testsupport::freeTcpPort();
        GatewayProcess other; // stands in for a gateway someone else started: no lease of ours
        QSignalSpy finished(&other, &GatewayProcess::finished);
        QVERIFY(other.start(fakeSpec(port, {})));
        QTRY_VERIFY_WITH_TIMEOUT(other.lastLines().join(QLatin1Char('\n')).contains(QLatin1String("fake: listening")), 10000);
        StaleGatewayReaper::Request req;
        req.port = port;
        auto r = reap(req);
        QCOMPARE(r.outcome, Outcome::ForeignGateway);
        QCOMPARE(r.listeners.size(), 1);
        QCOMPARE(r.listeners.first().pid, other.pid());
        QVERIFY(other.isRunning());

        req.takeOverForeignGateway = true;
        r = reap(req);
        QCOMPARE(r.outcome, Outcome::PortFree);
        QVERIFY(r.killed >= 1);
        waitFinished(finished);
        QVERIFY(PortInspector::canBind(port));
    }
};

QTEST_GUILESS_MAIN(TestProcessGateway)
#include "tst_process_gateway.moc"
