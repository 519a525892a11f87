// The real clawtray-desktop binary (offscreen): --help, single instance (a second launch activates
// the first and exits 0; a stale lock from a killed instance is recovered), and the quit sequence
// (the owned gateway's whole process group is gone; a second quit during cleanup is ignored; an
// external gateway is left running).
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

QString desktopBinary()
{
    return QDir(qEnvironmentVariable("CLAWTRAY_BINARY_DIR")).filePath(QStringLiteral("app/clawtray-desktop"));
}

// One isolated ClawTray: its own config, data, state and runtime dirs, the fake gateway behind a
// `node` wrapper, the token in a 0600 file (no keychain needed).
class Desktop
{
public:
    explicit Desktop(QTemporaryDir& root, const QString& name, quint16 port = 0)
        : m_dir(QDir(root.path()).filePath(name))
        , m_port(port ? port : testsupport::freeTcpPort())
    {
        QDir d(m_dir);
        for (const char* sub : {"config", "data", "state", "run", "xdg", "openclaw"})
            d.mkpath(QString::fromLatin1(sub));
        QFile::setPermissions(path(QStringLiteral("run")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QFile(path(QStringLiteral("openclaw/openclaw.mjs"))).open(QIODevice::WriteOnly);
        QFile node(path(QStringLiteral("node")));
        node.open(QIODevice::WriteOnly);
        node.write(QStringLiteral(
                       "#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then echo v24.16.0; exit 0; fi\nexec \"%1\" \"$@\"\n")
                       .arg(testsupport::fakeGatewayPath())
                       .toUtf8());
        node.close();
        node.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    ~Desktop()
    {
        for (auto& p : m_processes) {
            if (p->state() != QProcess::NotRunning) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
    }

    QString path(const QString& rel) const { return QDir(m_dir).filePath(rel); }
    quint16 port() const { return m_port; }

    void writeSettings(bool startGateway, const QString& extra = QString())
    {
        QFile ini(path(QStringLiteral("config/clawtray.ini")));
        ini.open(QIODevice::WriteOnly);
        ini.write(QStringLiteral("[meta]\nschemaVersion=1\n\n[runtime]\nnodePath=%1\nopenclawDir=%2\nport=%3\n%4\n"
                                 "[secrets]\ntokenStorage=file\n\n[behaviour]\nstartGatewayOnLaunch=%5\n")
                      .arg(path(QStringLiteral("node")), path(QStringLiteral("openclaw")))
                      .arg(m_port)
                      .arg(extra, startGateway ? QStringLiteral("true") : QStringLiteral("false"))
                      .toUtf8());
    }

    void writeToken(const QString& token)
    {
        QFile f(path(QStringLiteral("config/gateway-token")));
        f.open(QIODevice::WriteOnly);
        f.write(token.toUtf8() + '\n');
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    // Launches one clawtray-desktop on this configuration; returns its index.
    int launch(const QStringList& extraArgs = {})
    {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), path(QStringLiteral("run")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("xdg")));
        env.insert(QStringLiteral("CLAWTRAY_CONTROL_SOCKET"), path(QStringLiteral("run/ctl.sock")));
        p->setProcessEnvironment(env);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(desktopBinary(), QStringList{QStringLiteral("--config-dir"), path(QStringLiteral("config")),
                                              QStringLiteral("--data-dir"), path(QStringLiteral("data")),
                                              QStringLiteral("--state-dir"), path(QStringLiteral("state"))} +
                                      extraArgs);
        m_output.append(QByteArray());
        m_processes.push_back(std::move(p));
        return int(m_processes.size()) - 1;
    }

    QProcess& process(int i) { return *m_processes.at(std::size_t(i)); }
    QString output(int i)
    {
        m_output[i] += process(i).readAll();
        return QString::fromUtf8(m_output.at(i));
    }
    bool waitOutput(int i, const QString& text, int ms = 20000)
    {
        return testsupport::waitFor([&] { return output(i).contains(text); }, ms);
    }
    bool waitExit(int i, int ms = 20000)
    {
        const bool done = testsupport::waitFor([&] { return process(i).state() == QProcess::NotRunning; }, ms);
        output(i);
        return done;
    }
    void signal(int i, int sig) { ::kill(pid_t(process(i).processId()), sig); }

private:
    QString m_dir;
    quint16 m_port;
    std::vector<std::unique_ptr<QProcess>> m_processes;
    QList<QByteArray> m_output;
};

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
