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
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <signal.h>
#include <unistd.h>

using namespace clawtray;

namespace {

constexpr int kGatewayBootMs = 150000; // the real gateway needs ~15 s here; slow CI machines more


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
        QProcessEnvironment env = testsupport::userEnvironment(m_root.path());
        env.insert(QStringLiteral("OPENCLAW_HOME"), path(QStringLiteral("home")));
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
        m_headless.start(testsupport::clawtrayBinary(), {QStringLiteral("--headless"), QStringLiteral("--state-dir"), stateDir(),
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
        p.start(testsupport::clawtrayBinary(), {QStringLiteral("ctl"), QStringLiteral("status"), QStringLiteral("--json")});
        if (!p.waitForFinished(30000))
            return {};
        return QJsonDocument::fromJson(p.readAllStandardOutput()).object().value(QLatin1String("gateway")).toObject();
    }

    int ctl(const QString& command)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(testsupport::clawtrayBinary(), {QStringLiteral("ctl"), command});
        return p.waitForFinished(120000) ? p.exitCode() : -1;
    }

    QByteArray m_lastPairList;
    // The gateway's paired operator devices, through `ctl call device.pair.list`.
    QStringList pairedDevices()
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(testsupport::clawtrayBinary(), {QStringLiteral("ctl"), QStringLiteral("--json"), QStringLiteral("call"), QStringLiteral("device.pair.list")});
        if (!p.waitForFinished(30000))
            return {};
        m_lastPairList = p.readAllStandardOutput();
        const QJsonObject payload = QJsonDocument::fromJson(m_lastPairList).object().value(QLatin1String("payload")).toObject();
        QStringList ids;
        for (const QJsonValue& d : payload.value(QLatin1String("paired")).toArray())
            ids << d.toObject().value(QLatin1String("deviceId")).toString();
        return ids;
    }

    QByteArray allLogs() const
    {
        QByteArray out;
        for (const QString& f : {path(QStringLiteral("headless.log")), path(QStringLiteral("gateway.log"))}) {
            QFile file(f);
            if (file.open(QIODevice::ReadOnly))
                out += file.readAll();
        }
        QDir logs(path(QStringLiteral("data/logs")));
        for (const QString& f : logs.entryList(QDir::Files)) {
            QFile file(logs.filePath(f));
            if (file.open(QIODevice::ReadOnly))
                out += file.readAll();
        }
        return out;
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
    void cleanupTestCase()
    {
        if (m_headless.state() != QProcess::NotRunning) {
            ::kill(pid_t(m_headless.processId()), SIGTERM);
            m_headless.waitForFinished(30000);
        }
        // A test that failed half-way may leave a gateway of its state dir behind (one started by
        // hand outlives its QProcess): none may outlive the test, at 800 MB each.
        for (const pid_t pid : testsupport::gatewaysWithEnvironment("OPENCLAW_STATE_DIR=" + stateDir().toUtf8()))
            ::kill(pid, SIGKILL);
    }

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
        m_configBytes = testsupport::offlineGatewayConfig(
            {{QStringLiteral("mode"), QStringLiteral("local")},
             {QStringLiteral("auth"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("token")}, {QStringLiteral("token"), m_configToken}}}},
            {{QStringLiteral("logging"), QJsonObject{{QStringLiteral("file"), path(QStringLiteral("gateway.log"))}}}});
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
    // `openclaw gateway run` typed in a shell, on the test's state dir.
    void startByHand(QProcess& gateway, quint16 port)
    {
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("OPENCLAW_STATE_DIR"), stateDir());
        env.insert(QStringLiteral("OPENCLAW_NO_RESPAWN"), QStringLiteral("1"));
        gateway.setProcessEnvironment(env);
        gateway.setStandardOutputFile(path(QStringLiteral("by-hand.log")), QIODevice::Append);
        gateway.setStandardErrorFile(path(QStringLiteral("by-hand.log")), QIODevice::Append);
        gateway.start(testsupport::runtimeNode(), {testsupport::runtimeOpenClawMjs(), QStringLiteral("gateway"),
                                                   QStringLiteral("run"), QStringLiteral("--port"), QString::number(port)});
        QVERIFY(gateway.waitForStarted());
        QVERIFY(testsupport::waitFor([&] { return testsupport::httpGetStatus(port, QStringLiteral("/startupz")) == 200; },
                                     kGatewayBootMs));
    }

    // Ends the gateway started by hand as its user would (SIGTERM). OpenClaw's own shutdown, not
    // ClawTray's, decides how long that takes: on a loaded machine it took over 30 s once, so the
    // bound is generous; a gateway that never ends is killed (nothing leaks into the next test)
    // and fails the test with its log.
    void endByHand(QProcess& gateway)
    {
        gateway.terminate();
        if (gateway.waitForFinished(90000))
            return;
        gateway.kill();
        gateway.waitForFinished(10000);
        QFile log(path(QStringLiteral("by-hand.log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QFAIL(qPrintable(QStringLiteral("the gateway started by hand did not end within 90 s of SIGTERM:\n")
                         + QString::fromUtf8(log.readAll().right(4000))));
    }

    void attachesToAHandStartedGateway()
    {
        QProcess gateway;
        startByHand(gateway, m_port);
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
        endByHand(gateway);
    }

    // The gateway someone started owns the state dir but serves another port than ClawTray's
    // setting: ClawTray attaches to it there (OpenClaw's state-dir lock says where) instead of
    // spawning a second gateway that would exit 78, or looping on it.
    void attachesToTheGatewayThatOwnsTheStateDir()
    {
        QProcess gateway;
        const quint16 otherPort = testsupport::freeTcpPort();
        startByHand(gateway, otherPort);
        startHeadless();
        QVERIFY2(waitState(QStringLiteral("running")), qPrintable(logTail()));
        const QJsonObject s = status();
        QVERIFY(!s.value(QLatin1String("owned")).toBool());
        QCOMPARE(s.value(QLatin1String("port")).toInt(), int(otherPort));
        QCOMPARE(qint64(s.value(QLatin1String("pid")).toDouble()), gateway.processId());
        QCOMPARE(testsupport::gatewaysWithEnvironment("OPENCLAW_STATE_DIR=" + stateDir().toUtf8()),
                 QList<pid_t>{pid_t(gateway.processId())});
        QVERIFY2(!logTail().contains(QStringLiteral("code 78")), qPrintable(logTail()));
        stopHeadless();
        QCOMPARE(gateway.state(), QProcess::Running);
        endByHand(gateway);
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

    // "Open Control UI" from the command line: `ctl dashboard` hands the desktop's opener (an
    // xdg-open stub here) a private launcher file holding OpenClaw's one-time link — not the
    // shared token, and nothing secret on the opener's command line — and a real browser
    // (headless Chromium) opening it ends up paired with the gateway as a new operator device.
    void dashboardPairsARealBrowser()
    {
        const QString chromium = QStandardPaths::findExecutable(QStringLiteral("chromium-headless-shell"));
        if (chromium.isEmpty())
            QFAIL("chromium-headless-shell is not installed (scripts/setup.sh --tests installs it)");
        if (m_headless.state() == QProcess::NotRunning)
            startHeadless();
        QVERIFY2(waitState(QStringLiteral("running")), qPrintable(logTail()));
        const QStringList before = pairedDevices();
        QVERIFY2(m_lastPairList.contains("\"paired\""), m_lastPairList.constData());
        const QString stubDir = path(QStringLiteral("bin"));
        QDir().mkpath(stubDir);
        const QString record = path(QStringLiteral("xdg-open.args"));
        QFile stub(QDir(stubDir).filePath(QStringLiteral("xdg-open")));
        QVERIFY(stub.open(QIODevice::WriteOnly));
        stub.write(QStringLiteral("#!/bin/sh\nprintf '%s\\n' \"$@\" > '%1'\n").arg(record).toUtf8());
        stub.close();
        stub.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QProcess p;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("PATH"), stubDir + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        p.setProcessEnvironment(env);
        p.start(testsupport::clawtrayBinary(), {QStringLiteral("ctl"), QStringLiteral("dashboard")});
        QVERIFY(p.waitForFinished(120000));
        const QString said = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(said));
        QVERIFY(!said.contains(m_configToken) && !said.contains(QStringLiteral("bootstrapToken")));
        QVERIFY(testsupport::waitFor([&] { return QFile::exists(record); }, 10000));
        QFile rec(record);
        QVERIFY(rec.open(QIODevice::ReadOnly));
        const QString launcher = QString::fromUtf8(rec.readAll()).trimmed();
        QVERIFY2(!launcher.contains(QStringLiteral("bootstrap")) && !launcher.contains(m_configToken), qPrintable(launcher));
        QVERIFY2(QFileInfo(launcher).isFile(), qPrintable(launcher));
        QCOMPARE(QFileInfo(launcher).permissions() & 0x0077, QFileDevice::Permissions());
        QFile page(launcher);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QByteArray html = page.readAll();
        QVERIFY(!html.contains(m_configToken.toUtf8()));
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("bootstrapToken=([A-Za-z0-9_-]+)")).match(QString::fromUtf8(html));
        QVERIFY2(m.hasMatch(), html.constData());
        // A real browser opens the file, follows it to the Control UI and pairs.
        QTemporaryDir profile;
        QProcess browser;
        browser.setProcessChannelMode(QProcess::MergedChannels);
        browser.setStandardOutputFile(path(QStringLiteral("chromium.log")));
        // Debian's chromium-headless-shell is a shell wrapper that runs the browser as its child:
        // a group of its own, so the whole browser goes at the end (not just the wrapper).
        browser.setChildProcessModifier([] { ::setpgid(0, 0); });
        // Nothing but the gateway on loopback: no component updates, sync or other background calls.
        browser.start(chromium, {QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
                                 QStringLiteral("--user-data-dir=") + profile.path(), QStringLiteral("--remote-debugging-port=0"),
                                 QStringLiteral("--disable-background-networking"), QStringLiteral("--disable-component-update"),
                                 QStringLiteral("--disable-sync"), QStringLiteral("--disable-domain-reliability"),
                                 QStringLiteral("--no-first-run"), QStringLiteral("--disable-default-apps"),
                                 QUrl::fromLocalFile(launcher).toString()});
        QVERIFY(browser.waitForStarted());
        const pid_t browserGroup = pid_t(browser.processId());
        QStringList after;
        const bool paired = testsupport::waitFor([&] {
            after = pairedDevices();
            return after.size() > before.size();
        }, 90000);
        ::kill(-browserGroup, SIGKILL);
        browser.waitForFinished(5000);
        QVERIFY(testsupport::waitFor([&] { return ::kill(-browserGroup, 0) != 0; }, 10000)); // no browser left behind
        QVERIFY2(paired, qPrintable(QStringLiteral("paired before: %1, after: %2").arg(before.join(','), after.join(','))));
        // The one-time bootstrap reached no log.
        QVERIFY(!allLogs().contains(m.captured(1).toUtf8()));
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
