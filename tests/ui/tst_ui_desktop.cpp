// The real clawtray-desktop binary (offscreen): --help, single instance (a second launch activates
// the first and exits 0; a stale lock from a killed instance is recovered), and the quit sequence
// (the owned gateway's whole process group is gone; a second quit during cleanup is ignored; an
// external gateway is left running).
#include "DesktopProcess.h"
#include "FakeGateway.h"
#include "TestSupport.h"
#include "process/OwnershipLease.h"

#include <algorithm>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <signal.h>

namespace {

using uitest::Desktop;
using uitest::desktopBinary;

const QString kReady = QStringLiteral("desktop ready");
const QString kRunning = QStringLiteral("gateway state: starting -> running");

} // namespace

class TestUiDesktop : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        if (!QFile::exists(desktopBinary()))
            QSKIP("clawtray-desktop is not built");
        QVERIFY(QFile::exists(testsupport::fakeGatewayPath()));
    }

    void helpAndVersion()
    {
        QProcess p;
        p.start(desktopBinary(), {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        const QString help = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY(help.contains(QStringLiteral("--minimized")));
        QVERIFY(help.contains(QStringLiteral("--config-dir")));
        p.start(desktopBinary(), {QStringLiteral("--no-such-option")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
    }

    void secondLaunchActivatesTheFirst()
    {
        Desktop d(m_root, QStringLiteral("single"));
        d.writeSettings(false);
        const int first = d.launch();
        QVERIFY2(d.waitOutput(first, kReady), qPrintable(d.output(first)));
        const int second = d.launch();
        QVERIFY(d.waitExit(second));
        QCOMPARE(d.process(second).exitStatus(), QProcess::NormalExit);
        QCOMPARE(d.process(second).exitCode(), 0);
        QVERIFY2(d.output(second).contains(QStringLiteral("already running")), qPrintable(d.output(second)));
        QVERIFY(!d.output(second).contains(kReady)); // it never built a second core
        QVERIFY(d.waitOutput(first, QStringLiteral("activated by a second launch")));
        QCOMPARE(d.process(first).state(), QProcess::Running);
        d.signal(first, SIGTERM);
        QVERIFY(d.waitExit(first));
        QCOMPARE(d.process(first).exitCode(), 0);
    }

    void staleLockIsRecovered()
    {
        Desktop d(m_root, QStringLiteral("stale"));
        d.writeSettings(false);
        const int crashed = d.launch();
        QVERIFY(d.waitOutput(crashed, kReady));
        // The single-instance lock file (the control socket's flock file, *.sock.lock, is released
        // by the kernel when the process dies and needs no recovery).
        QStringList locks = QDir(d.path(QStringLiteral("run"))).entryList({QStringLiteral("*.lock")});
        locks.erase(std::remove_if(locks.begin(), locks.end(), [](const QString& l) { return l.endsWith(QLatin1String(".sock.lock")); }),
                    locks.end());
        QCOMPARE(locks.size(), 1);
        d.signal(crashed, SIGKILL); // no cleanup: lock file and socket stay behind
        QVERIFY(d.waitExit(crashed));
        QVERIFY(QFile::exists(d.path(QStringLiteral("run/") + locks.first())));

        const int next = d.launch();
        QVERIFY2(d.waitOutput(next, kReady), qPrintable(d.output(next)));
        const int third = d.launch(); // and the recovered instance answers activations
        QVERIFY(d.waitExit(third));
        QCOMPARE(d.process(third).exitCode(), 0);
        QVERIFY(d.waitOutput(next, QStringLiteral("activated by a second launch")));
        d.signal(next, SIGTERM);
        QVERIFY(d.waitExit(next));
        QCOMPARE(d.process(next).exitCode(), 0);
    }

    void quitStopsTheWholeGatewayGroup()
    {
        Desktop d(m_root, QStringLiteral("quit"));
        d.writeSettings(true, QStringLiteral("extraArgs=--fake-grandchild\n"));
        const int app = d.launch();
        QVERIFY2(d.waitOutput(app, kRunning), qPrintable(d.output(app)));
        const auto lease = clawtray::OwnershipLease::read(d.path(QStringLiteral("data/gateway.lease"))).lease;
        QVERIFY(lease.has_value());
        QVERIFY(testsupport::processAlive(pid_t(lease->pid)));
        QVERIFY(
            testsupport::waitFor([&] { return testsupport::processesInGroup(pid_t(lease->pgid)).size() >= 2; }, 10000));
        d.signal(app, SIGTERM);
        QVERIFY(d.waitExit(app));
        QCOMPARE(d.process(app).exitCode(), 0);
        QVERIFY(d.output(app).contains(QStringLiteral("gateway stopped")));
        QVERIFY(!testsupport::processAlive(pid_t(lease->pid)));
        QVERIFY(testsupport::processesInGroup(pid_t(lease->pgid)).isEmpty());
        QVERIFY(!QFile::exists(d.path(QStringLiteral("data/gateway.lease"))));
    }

    void secondQuitDuringCleanupIsIgnored()
    {
        Desktop d(m_root, QStringLiteral("quit-twice"));
        // A gateway that ignores SIGTERM keeps the cleanup busy for the grace period.
        d.writeSettings(true, QStringLiteral("extraArgs=--fake-ignore-sigterm\n\n[gateway]\nstopGraceMs=1500\n"));
        const int app = d.launch();
        QVERIFY2(d.waitOutput(app, kRunning), qPrintable(d.output(app)));
        const auto lease = clawtray::OwnershipLease::read(d.path(QStringLiteral("data/gateway.lease"))).lease;
        QVERIFY(lease.has_value());
        d.signal(app, SIGTERM);
        QVERIFY(d.waitOutput(app, QStringLiteral("quitting")));
        d.signal(app, SIGINT);
        QVERIFY(d.waitOutput(app, QStringLiteral("quit already in progress")));
        QCOMPARE(d.process(app).state(), QProcess::Running); // still cleaning up, not cut short
        QVERIFY(d.waitExit(app));
        QCOMPARE(d.process(app).exitCode(), 0);
        QVERIFY(!testsupport::processAlive(pid_t(lease->pid))); // forced after the grace period
        QVERIFY(testsupport::processesInGroup(pid_t(lease->pgid)).isEmpty());
    }

    void externalGatewayIsLeftRunning()
    {
        testsupport::FakeGateway external; // started by someone else (here: the test)
        QVERIFY(external.start());
        Desktop d(m_root, QStringLiteral("external"), external.port());
        d.writeSettings(true);
        d.writeToken(testsupport::kFakeToken);
        const int app = d.launch();
        QVERIFY2(d.waitOutput(app, kRunning), qPrintable(d.output(app)));
        QVERIFY(d.output(app).contains(QStringLiteral("attaching to the external gateway")));
        d.signal(app, SIGTERM);
        QVERIFY(d.waitExit(app));
        QCOMPARE(d.process(app).exitCode(), 0);
        QVERIFY(external.process().isRunning());
        QVERIFY(testsupport::processAlive(pid_t(external.pid())));
    }
};

QTEST_GUILESS_MAIN(TestUiDesktop)
#include "tst_ui_desktop.moc"
