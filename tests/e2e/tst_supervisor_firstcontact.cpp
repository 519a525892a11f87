// First contact with the setups people really have (issue #11), against the REAL gateway and
// the real `clawtray --headless` binary: a state dir already onboarded by the openclaw CLI (its
// own token), a gateway someone started by hand, no D-Bus session, a port taken by another user
// that later leaves, an invalid config fixed on disk. One gateway at a time, isolated state.
#include "client/GatewayClient.h"
#include "logging/Logging.h"

#include "RealGateway.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <unistd.h>

using namespace clawtray;

namespace {

constexpr int kGatewayBootMs = 150000; // the real gateway needs ~15 s here; slow CI machines more

QString binary()
{
    return qEnvironmentVariable("CLAWTRAY_BINARY_DIR") + QStringLiteral("/app/clawtray");
}

} // namespace

class TestSupervisorFirstContact : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    quint16 m_port = 0;
    const QString m_configToken = QStringLiteral("someone-elses-token-0123456789abcdef");
    QByteArray m_configBytes;
    QProcess m_headless;
    DeviceIdentity m_identity = *DeviceIdentity::generate();

    QString path(const QString& rel) const { return QDir(m_root.path()).filePath(rel); }
    QString stateDir() const { return path(QStringLiteral("state")); }
    QString configFile() const { return path(QStringLiteral("state/openclaw.json")); }
    QString socket() const { return path(QStringLiteral("run/clawtray.sock")); }

    // The environment a user's shell would give: isolated HOME and XDG dirs, no display and no
    // D-Bus session (a server), channels and updates off (nothing leaves the machine).
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* k : {"DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "OPENCLAW_STATE_DIR",
                              "OPENCLAW_CONFIG_PATH", "OPENCLAW_GATEWAY_TOKEN"})
            env.remove(QString::fromLatin1(k));
        env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
        env.insert(QStringLiteral("OPENCLAW_HOME"), path(QStringLiteral("home")));
        env.insert(QStringLiteral("TMPDIR"), path(QStringLiteral("tmp")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), path(QStringLiteral("run")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("xdg-config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("xdg-data")));
        env.insert(QStringLiteral("CLAWTRAY_CONTROL_SOCKET"), socket());
        for (const char* k : {"OPENCLAW_SKIP_CHANNELS", "OPENCLAW_NO_AUTO_UPDATE", "OPENCLAW_OFFLINE"})
            env.insert(QString::fromLatin1(k), QStringLiteral("1"));
        env.insert(QStringLiteral("OPENCLAW_EXEC_SHELL_SNAPSHOT"), QStringLiteral("0"));
        return env;
    }

    void writeConfig(const QByteArray& bytes)
    {
        QFile f(configFile());
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }

    void startHeadless()
    {
        m_headless.setProcessEnvironment(environment());
        m_headless.setProcessChannelMode(QProcess::MergedChannels);
        m_headless.setStandardOutputFile(path(QStringLiteral("headless.log")), QIODevice::Append);
        m_headless.start(binary(), {QStringLiteral("--headless"), QStringLiteral("--state-dir"), stateDir(),
                                    QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--config-dir"),
                                    path(QStringLiteral("config")), QStringLiteral("--data-dir"), path(QStringLiteral("data")),
                                    QStringLiteral("--runtime-dir"), testsupport::runtimeDir()});
        QVERIFY(m_headless.waitForStarted());
    }

    void stopHeadless()
    {
        if (m_headless.state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_headless.processId()), SIGTERM);
        QVERIFY(m_headless.waitForFinished(30000));
        QCOMPARE(m_headless.exitCode(), 0);
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
        p.start(binary(), {QStringLiteral("ctl"), QStringLiteral("status"), QStringLiteral("--json")});
        if (!p.waitForFinished(30000))
            return {};
        return QJsonDocument::fromJson(p.readAllStandardOutput()).object().value(QLatin1String("gateway")).toObject();
    }

    int ctl(const QString& command)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(binary(), {QStringLiteral("ctl"), command});
        return p.waitForFinished(120000) ? p.exitCode() : -1;
    }

    bool waitState(const QString& state, int ms = kGatewayBootMs)
    {
        return testsupport::waitFor([&] { return status().value(QLatin1String("state")).toString() == state; }, ms);
    }

    QByteArray environOf(qint64 pid) const
    {
        QFile f(QStringLiteral("/proc/%1/environ").arg(pid));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions o;
        logging::init(o);
        if (testsupport::runtimeNode().isEmpty())
            QFAIL("the OpenClaw runtime is not installed (run scripts/setup.sh)");
        for (const char* d : {"home", "tmp", "state", "config", "data", "xdg-config", "xdg-data", "run"})
            QDir().mkpath(path(QString::fromLatin1(d)));
        QFile::setPermissions(path(QStringLiteral("run")), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        m_port = testsupport::freeTcpPort();
        // What `openclaw onboard` leaves: local mode with its own token (a literal here).
        m_configBytes = QStringLiteral(R"({"gateway":{"mode":"local","auth":{"mode":"token","token":"%1"}},)"
                                       R"("update":{"checkOnStart":false},"logging":{"file":"%2"}})")
                            .arg(m_configToken, path(QStringLiteral("gateway.log")))
                            .toUtf8();
        writeConfig(m_configBytes);
    }

    // An onboarded state dir: ClawTray runs the gateway with the token of its config, keeps its
    // copy in the file store (no D-Bus here, so auto picks the file) and leaves the config as is.
    void adoptsTheConfiguredToken()
    {
        startHeadless();
        QVERIFY2(waitState(QStringLiteral("running")), qPrintable(logTail()));
        const QJsonObject s = status();
        QVERIFY(s.value(QLatin1String("owned")).toBool());
        QVERIFY2(s.value(QLatin1String("tokenSource")).toString().contains(QStringLiteral("gateway.auth.token")),
                 qPrintable(s.value(QLatin1String("tokenSource")).toString()));
        QCOMPARE(s.value(QLatin1String("tokenStorage")).toString(), QStringLiteral("auto:file"));
        const qint64 pid = qint64(s.value(QLatin1String("pid")).toDouble());
        const QByteArray env = environOf(pid);
        QVERIFY(env.contains("OPENCLAW_SUPERVISOR_MODE=external"));
        QVERIFY(env.contains("OPENCLAW_SERVICE_REPAIR_POLICY=external"));
        QVERIFY2(logTail().contains(QStringLiteral("gateway started after")), "success was not reported from /startupz");
        // The configured token is the one the gateway accepts (positive control from outside).
        GatewayClient c;
        c.setCredentials(m_configToken, m_identity);
        QSignalSpy connected(&c, &GatewayClient::connected);
        c.connectToGateway(m_port);
        QVERIFY(connected.wait(30000));
        c.disconnectFromGateway();
        // ClawTray's copy is the configured token: no second token was minted.
        QFile copy(path(QStringLiteral("config/gateway-token")));
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(copy.readAll()).trimmed(), m_configToken);
        stopHeadless();
        QVERIFY(!testsupport::processAlive(pid_t(pid)));
        QFile cfg(configFile());
        QVERIFY(cfg.open(QIODevice::ReadOnly));
        QCOMPARE(cfg.readAll(), m_configBytes); // byte-identical
    }

    // Someone started the gateway by hand with the config's token: ClawTray attaches with that
    // token, and `ctl stop` leaves it running.
    void attachesToAHandStartedGateway()
    {
        QProcess gateway;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("OPENCLAW_STATE_DIR"), stateDir());
        env.insert(QStringLiteral("OPENCLAW_NO_RESPAWN"), QStringLiteral("1"));
        gateway.setProcessEnvironment(env);
        gateway.setStandardOutputFile(path(QStringLiteral("by-hand.log")));
        gateway.setStandardErrorFile(path(QStringLiteral("by-hand.log")), QIODevice::Append);
        gateway.start(testsupport::runtimeNode(), {testsupport::runtimeOpenClawMjs(), QStringLiteral("gateway"),
                                                   QStringLiteral("run"), QStringLiteral("--port"), QString::number(m_port)});
        QVERIFY(gateway.waitForStarted());
        QVERIFY(testsupport::waitFor([&] { return testsupport::httpGetStatus(m_port, QStringLiteral("/startupz")) == 200; },
                                     kGatewayBootMs));
        startHeadless();
        QVERIFY2(waitState(QStringLiteral("running")), qPrintable(logTail()));
        const QJsonObject s = status();
        QVERIFY(!s.value(QLatin1String("owned")).toBool());
        QVERIFY2(s.value(QLatin1String("peer")).toString().contains(QStringLiteral("pid %1").arg(gateway.processId())),
                 qPrintable(s.value(QLatin1String("peer")).toString()));
        QCOMPARE(ctl(QStringLiteral("stop")), 0);
        QVERIFY(waitState(QStringLiteral("stopped"), 20000));
        QCOMPARE(gateway.state(), QProcess::Running);
        QCOMPARE(testsupport::httpGetStatus(m_port, QStringLiteral("/startupz")), 200);
        stopHeadless();
        QCOMPARE(gateway.state(), QProcess::Running);
        gateway.terminate();
        QVERIFY(gateway.waitForFinished(30000));
    }

    // A process of another user holds the port: ClawTray stays up in error, watching it, and
    // runs the gateway as soon as the port is free again — nobody presses anything.
    void portSquatterOfAnotherUserLeaves()
    {
        if (::getuid() != 0 || QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("needs root and setpriv to hold the port as another user");
        QFile::setPermissions(m_root.path(), QFile::permissions(m_root.path()) | QFileDevice::ExeOther);
        const QString script = path(QStringLiteral("hostile_listener.py"));
        QFile::copy(QStringLiteral(CLAWTRAY_TEST_TOOLS_DIR "/hostile_listener.py"), script);
        QFile::setPermissions(script, QFileDevice::ReadOwner | QFileDevice::ReadOther);
        QFile log(path(QStringLiteral("squatter.log")));
        log.open(QIODevice::WriteOnly);
        log.close();
        QFile::setPermissions(log.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::WriteOther);
        QProcess squatter;
        squatter.start(QStringLiteral("setpriv"), {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                                   QStringLiteral("--clear-groups"), QStringLiteral("/usr/bin/python3"), script,
                                                   QString::number(m_port), log.fileName()});
        QVERIFY(squatter.waitForReadyRead(10000));
        startHeadless();
        QVERIFY2(waitState(QStringLiteral("error"), 60000), qPrintable(logTail()));
        const QJsonObject s = status();
        QVERIFY2(s.value(QLatin1String("pendingAction")).toString().contains(QStringLiteral("waiting for port")),
                 qPrintable(QJsonDocument(s).toJson()));
        QCOMPARE(squatter.state(), QProcess::Running); // never touched
        squatter.kill();
        squatter.waitForFinished(5000);
        QVERIFY2(waitState(QStringLiteral("running")), qPrintable(logTail()));
    }

    // An invalid config is reported with the gateway's reason; fixed on disk, ClawTray notices
    // and runs the gateway again by itself.
    void invalidConfigFixedOnDisk()
    {
        if (m_headless.state() == QProcess::NotRunning)
            startHeadless();
        QCOMPARE(ctl(QStringLiteral("stop")), 0);
        QVERIFY(waitState(QStringLiteral("stopped"), 30000));
        writeConfig(R"({"gateway":{"mode":"local","port":"not-a-port"}})");
        ctl(QStringLiteral("start"));
        QVERIFY2(waitState(QStringLiteral("error")), qPrintable(logTail()));
        const QJsonObject s = status();
        QVERIFY2(s.value(QLatin1String("pendingAction")).toString().contains(QStringLiteral("openclaw.json")),
                 qPrintable(QJsonDocument(s).toJson()));
        writeConfig(m_configBytes);
        QVERIFY2(waitState(QStringLiteral("running")), qPrintable(logTail()));
        stopHeadless();
    }
};

QTEST_GUILESS_MAIN(TestSupervisorFirstContact)
#include "tst_supervisor_firstcontact.moc"
