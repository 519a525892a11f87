// OpenClaw's own gateway service (issue #11), against the REAL gateway and the real
// `clawtray --headless`: a user who ran `openclaw gateway install` has a systemd user unit that
// owns the gateway of ~/.openclaw. No user manager runs in CI, so `systemctl` is a stub on PATH
// (tests/support/tools/fake_systemctl) whose "service" is a real gateway. ClawTray must attach to
// it, control it only through systemctl, never spawn a second gateway, and switch ownership
// (takeover / handback) only when asked.
#include "logging/Logging.h"

#include "RealGateway.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace clawtray;

namespace {

constexpr int kGatewayBootMs = 150000; // the real gateway needs ~15 s here; slow CI machines more
const QString kUnit = QStringLiteral("openclaw-gateway.service");


} // namespace

class TestSupervisorOpenClawService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    quint16 m_port = 0;
    QProcess m_headless;

    QString path(const QString& rel) const { return QDir(m_root.path()).filePath(rel); }
    QString home() const { return path(QStringLiteral("home")); }
    QString stateDir() const { return path(QStringLiteral("home/.openclaw")); }
    QString serviceDir() const { return path(QStringLiteral("systemd")); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = testsupport::userEnvironment(m_root.path());
        env.insert(QStringLiteral("PATH"), path(QStringLiteral("bin")) + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        env.insert(QStringLiteral("FAKE_SYSTEMCTL_DIR"), serviceDir());
        env.insert(QStringLiteral("FAKE_SYSTEMCTL_UNIT"), kUnit);
        env.insert(QStringLiteral("FAKE_SYSTEMCTL_EXEC"), path(QStringLiteral("service-exec.sh")));
        return env;
    }

    QString logTail() const
    {
        QFile f(path(QStringLiteral("headless.log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(4000)) : QString();
    }

    QJsonObject status()
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(testsupport::clawtrayBinary(), {QStringLiteral("ctl"), QStringLiteral("status"), QStringLiteral("--json")});
        if (!p.waitForFinished(30000))
            return {};
        return QJsonDocument::fromJson(p.readAllStandardOutput()).object().value(QLatin1String("gateway")).toObject();
    }

    QString m_lastCtl;
    int ctl(const QString& command)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(testsupport::clawtrayBinary(), {QStringLiteral("ctl"), command});
        const bool done = p.waitForFinished(300000);
        m_lastCtl = QString::fromUtf8(p.readAll());
        return done ? p.exitCode() : -1;
    }

    // systemctl as the user would type it (the stub, here).
    int systemctl(const QStringList& args)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(path(QStringLiteral("bin/systemctl")), QStringList{QStringLiteral("--user")} + args);
        return p.waitForFinished(120000) ? p.exitCode() : -1;
    }

    QStringList calls() const
    {
        QFile f(QDir(serviceDir()).filePath(QStringLiteral("calls")));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    qint64 servicePid() const
    {
        QFile f(QDir(serviceDir()).filePath(QStringLiteral("pid")));
        if (!f.open(QIODevice::ReadOnly))
            return 0;
        const qint64 pid = f.readAll().trimmed().toLongLong();
        return testsupport::processAlive(pid_t(pid)) ? pid : 0;
    }

    // Every gateway of this test's home: the service's and any ClawTray would spawn.
    QList<pid_t> gateways() const { return testsupport::gatewaysWithEnvironment("HOME=" + home().toUtf8()); }

    bool waitRunningAgain(qint64 notPid)
    {
        return testsupport::waitFor([&] {
            const QJsonObject s = status();
            return s.value(QLatin1String("state")).toString() == QLatin1String("running")
                   && qint64(s.value(QLatin1String("pid")).toDouble()) != notPid;
        }, kGatewayBootMs);
    }

    bool waitState(const QString& state, int ms = kGatewayBootMs)
    {
        return testsupport::waitFor([&] { return status().value(QLatin1String("state")).toString() == state; }, ms);
    }

    void writeFile(const QString& rel, const QByteArray& bytes)
    {
        QFile f(path(rel));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions o;
        logging::init(o);
        if (testsupport::runtimeNode().isEmpty())
            QFAIL("the OpenClaw runtime is not installed (run scripts/setup.sh)");
        for (const char* d : {"home/.openclaw", "tmp", "xdg-config", "xdg-data", "run", "bin", "systemd"})
            QDir().mkpath(path(QString::fromLatin1(d)));
        QFile::setPermissions(path(QStringLiteral("run")), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        m_port = testsupport::freeTcpPort();
        QVERIFY(QFile::copy(QStringLiteral(CLAWTRAY_TEST_TOOLS_DIR "/fake_systemctl"), path(QStringLiteral("bin/systemctl"))));
        QFile::setPermissions(path(QStringLiteral("bin/systemctl")), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        // What `openclaw gateway install` sets up: a config with its own token and port, and a
        // unit that runs the gateway of ~/.openclaw.
        writeFile(QStringLiteral("home/.openclaw/openclaw.json"),
                  testsupport::offlineGatewayConfig(
                      {{QStringLiteral("mode"), QStringLiteral("local")},
                       {QStringLiteral("port"), int(m_port)},
                       {QStringLiteral("auth"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("token")},
                                                            {QStringLiteral("token"), QStringLiteral("service-token-0123456789abcdef")}}}}));
        QVERIFY(testsupport::writeExecutable(path(QStringLiteral("service-exec.sh")),
                                             QStringLiteral("#!/bin/sh\nexport OPENCLAW_NO_RESPAWN=1\nexec '%1' '%2' gateway run --port %3\n")
                                                 .arg(testsupport::runtimeNode(), testsupport::runtimeOpenClawMjs())
                                                 .arg(m_port)
                                                 .toUtf8()));
    }

    void cleanupTestCase()
    {
        if (m_headless.state() != QProcess::NotRunning) {
            ::kill(pid_t(m_headless.processId()), SIGTERM);
            m_headless.waitForFinished(30000);
        }
        systemctl({QStringLiteral("stop"), kUnit});
        for (pid_t pid : gateways())
            ::kill(pid, SIGKILL);
    }

    void attachesAndControlsTheServiceThroughSystemctl()
    {
        QCOMPARE(systemctl({QStringLiteral("start"), kUnit}), 0);
        QVERIFY(testsupport::waitFor([&] { return testsupport::httpGetStatus(m_port, QStringLiteral("/startupz")) == 200; },
                                     kGatewayBootMs));
        const qint64 first = servicePid();
        QVERIFY(first > 0);
        QCOMPARE(gateways().size(), 1);

        // The user's plain `clawtray --headless`: no state dir and no port given, so ~/.openclaw
        // and the port its openclaw.json names (the test's free port, not ClawTray's 18789).
        m_headless.setProcessEnvironment(environment());
        m_headless.setProcessChannelMode(QProcess::MergedChannels);
        m_headless.setStandardOutputFile(path(QStringLiteral("headless.log")), QIODevice::Append);
        m_headless.start(testsupport::clawtrayBinary(), {QStringLiteral("--headless"), QStringLiteral("--runtime-dir"), testsupport::runtimeDir()});
        QVERIFY(m_headless.waitForStarted());
        QVERIFY2(waitState(QStringLiteral("running")), qPrintable(logTail()));
        QJsonObject s = status();
        QCOMPARE(s.value(QLatin1String("managedBy")).toString(), QStringLiteral("openclaw-service"));
        QCOMPARE(s.value(QLatin1String("serviceUnit")).toString(), kUnit);
        QCOMPARE(s.value(QLatin1String("port")).toInt(), int(m_port));
        QVERIFY(!s.value(QLatin1String("owned")).toBool());
        QCOMPARE(qint64(s.value(QLatin1String("pid")).toDouble()), first);
        QCOMPARE(gateways().size(), 1); // attached, nothing spawned

        // Restart goes through the unit: systemd runs a new process, ClawTray attaches to it.
        QVERIFY2(ctl(QStringLiteral("restart")) == 0, qPrintable(m_lastCtl));
        QVERIFY2(calls().contains(QStringLiteral("--user restart ") + kUnit), qPrintable(calls().join('\n')));
        const qint64 second = servicePid();
        QVERIFY(second > 0 && second != first);
        s = status();
        QCOMPARE(qint64(s.value(QLatin1String("pid")).toDouble()), second);
        QCOMPARE(s.value(QLatin1String("managedBy")).toString(), QStringLiteral("openclaw-service"));
        QCOMPARE(gateways().size(), 1);

        // Stop stops the unit (it stays enabled), and start starts it again.
        QVERIFY2(ctl(QStringLiteral("stop")) == 0, qPrintable(m_lastCtl));
        QVERIFY2(m_lastCtl.contains(kUnit), qPrintable(m_lastCtl));
        QVERIFY(calls().contains(QStringLiteral("--user stop ") + kUnit));
        QCOMPARE(servicePid(), 0);
        QVERIFY(testsupport::waitFor([&] { return gateways().isEmpty(); }, 30000));
        s = status();
        QCOMPARE(s.value(QLatin1String("state")).toString(), QStringLiteral("stopped"));
        QCOMPARE(s.value(QLatin1String("serviceUnit")).toString(), kUnit); // still the service's gateway
        QVERIFY2(ctl(QStringLiteral("start")) == 0, qPrintable(m_lastCtl));
        QVERIFY(calls().contains(QStringLiteral("--user start ") + kUnit));
        const qint64 third = servicePid();
        QVERIFY(third > 0);
        QCOMPARE(qint64(status().value(QLatin1String("pid")).toDouble()), third);
        QCOMPARE(gateways().size(), 1);
    }

    // "Let ClawTray manage the gateway", and back: explicit, reversible, one gateway throughout.
    void takeoverAndHandback()
    {
        QVERIFY2(waitState(QStringLiteral("running")), qPrintable(logTail()));
        const qint64 servicePidBefore = servicePid();
        QVERIFY(servicePidBefore > 0);
        QVERIFY2(ctl(QStringLiteral("takeover")) == 0, qPrintable(m_lastCtl + logTail()));
        QVERIFY(calls().contains(QStringLiteral("--user disable --now ") + kUnit));
        QVERIFY(QFile::exists(QDir(serviceDir()).filePath(QStringLiteral("disabled"))));
        QCOMPARE(servicePid(), 0);
        QJsonObject s = status();
        QCOMPARE(s.value(QLatin1String("state")).toString(), QStringLiteral("running"));
        QVERIFY(s.value(QLatin1String("owned")).toBool());
        QCOMPARE(s.value(QLatin1String("managedBy")).toString(), QStringLiteral("clawtray"));
        QCOMPARE(s.value(QLatin1String("serviceHandBackUnit")).toString(), kUnit);
        const qint64 ours = qint64(s.value(QLatin1String("pid")).toDouble());
        QVERIFY(testsupport::waitFor([&] { return gateways() == QList<pid_t>{pid_t(ours)}; }, 60000));

        QVERIFY2(ctl(QStringLiteral("handback")) == 0, qPrintable(m_lastCtl + logTail()));
        QVERIFY(calls().contains(QStringLiteral("--user enable --now ") + kUnit));
        QVERIFY(!testsupport::processAlive(pid_t(ours)));
        const qint64 back = servicePid();
        QVERIFY(back > 0);
        s = status();
        QCOMPARE(s.value(QLatin1String("managedBy")).toString(), QStringLiteral("openclaw-service"));
        QCOMPARE(qint64(s.value(QLatin1String("pid")).toDouble()), back);
        // (a one-shot `openclaw gateway restart-handoff` probe of ClawTray's run retitles itself
        // like a gateway for its few seconds: wait it out)
        QVERIFY2(testsupport::waitFor([&] { return gateways() == QList<pid_t>{pid_t(back)}; }, 60000),
                 qPrintable(QStringLiteral("%1 gateways").arg(gateways().size())));

        // Quitting ClawTray leaves OpenClaw's service running.
        ::kill(pid_t(m_headless.processId()), SIGTERM);
        QVERIFY(m_headless.waitForFinished(30000));
        QCOMPARE(m_headless.exitCode(), 0);
        QCOMPARE(servicePid(), back);
        QCOMPARE(testsupport::httpGetStatus(m_port, QStringLiteral("/startupz")), 200);
    }
};

QTEST_GUILESS_MAIN(TestSupervisorOpenClawService)
#include "tst_supervisor_openclawservice.moc"
