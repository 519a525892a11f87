// A headless `clawtray` as a process: who may talk to its control socket, what a broken client
// gets, single instance, no GUI libraries, a clean SIGTERM and a clear word when the runtime is
// missing.
#include "control/ControlProtocol.h"
#include "tst_control_fixture.h"

#include <QJsonDocument>
#include <QLocalSocket>
#include <QStandardPaths>

#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace clawtray;
using namespace ctltest;

class TestControlHeadless : public QObject
{
    Q_OBJECT

    HeadlessFixture m_fx;

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_fx.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void malformedRequestsAreAnswered()
    {
        QLocalSocket s;
        s.connectToServer(m_fx.socket);
        QVERIFY(s.waitForConnected(3000));
        s.write("this is not json\n{\"v\":7,\"id\":\"a\",\"cmd\":\"status\"}\n{\"v\":1,\"id\":\"b\",\"cmd\":\"nope\"}\n"
                "{\"v\":1,\"id\":\"c\",\"cmd\":\"status\"}\n");
        QByteArray got;
        QTRY_VERIFY_WITH_TIMEOUT((got += s.readAll()).count('\n') >= 4, 5000);
        const QList<QByteArray> lines = got.trimmed().split('\n');
        QCOMPARE(ControlProtocol::parseMessage(lines[0]).error.code, QString::fromLatin1(ControlErrorCode::BadJson));
        QCOMPARE(ControlProtocol::parseMessage(lines[1]).error.code, QString::fromLatin1(ControlErrorCode::BadVersion));
        QCOMPARE(ControlProtocol::parseMessage(lines[2]).error.code,
                 QString::fromLatin1(ControlErrorCode::UnknownCommand));
        const ControlMessage ok = ControlProtocol::parseMessage(lines[3]);
        QVERIFY(ok.ok);
        QCOMPARE(ok.id.toString(), QStringLiteral("c"));
        // An oversized line: an error, this connection closed, everybody else still served.
        s.write(QByteArray(ControlProtocol::kMaxRequestBytes + 10, 'x'));
        QTRY_VERIFY_WITH_TIMEOUT(s.state() == QLocalSocket::UnconnectedState, 5000);
        QCOMPARE(ControlProtocol::parseMessage(s.readAll().trimmed()).error.code,
                 QString::fromLatin1(ControlErrorCode::TooLarge));
        QCOMPARE(m_fx.ctl(QStringLiteral("status")).code, 0);
    }

    void otherUsersCannotConnect()
    {
        QCOMPARE(testsupport::fileMode(QFileInfo(m_fx.socket).absolutePath()), 0700);
        QCOMPARE(testsupport::fileMode(m_fx.socket) & 0077, 0);
        QCOMPARE(QFileInfo(m_fx.socket).ownerId(), ::geteuid());
        if (::geteuid() != 0 || QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("needs root and setpriv to run `clawtray ctl` as another user (the permission checks above passed)");
        const QStringList asNobody{QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"),
                                   QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")};
        Run r = m_fx.ctl(QStringLiteral("status"), asNobody);
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QStringLiteral("permission denied")), qPrintable(r.err));
        // Even with the directories opened up, the socket itself is owner-only ...
        const QStringList dirs{m_fx.root.path(), QFileInfo(m_fx.socket).absolutePath()};
        for (const QString& d : dirs)
            QFile::setPermissions(d, QFile::permissions(d) | QFileDevice::ExeOther);
        r = m_fx.ctl(QStringLiteral("status"), asNobody);
        QCOMPARE(r.code, 3);
        // ... and with the socket opened up too, two checks remain. Another user's ctl refuses to
        // talk to a socket that is not its own (it would be talking to an impostor) ...
        QFile::setPermissions(m_fx.socket,
                              QFile::permissions(m_fx.socket) | QFileDevice::ReadOther | QFileDevice::WriteOther);
        r = m_fx.ctl(QStringLiteral("status"), asNobody);
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QStringLiteral("Refusing to talk")), qPrintable(r.err));
        // ... and a raw client of another uid that sends a request anyway is refused by the server,
        // which checks the peer's uid.
        QProcess raw;
        raw.start(asNobody.first(),
                  asNobody.mid(1)
                      + QStringList{QStringLiteral("/usr/bin/python3"), QStringLiteral("-c"),
                                    QStringLiteral("import socket,sys\n"
                                                   "s=socket.socket(socket.AF_UNIX);s.connect(sys.argv[1])\n"
                                                   "s.sendall(b'{\"v\":1,\"id\":\"1\",\"cmd\":\"status\"}\\n')\n"
                                                   "print(s.makefile().readline())"),
                                    m_fx.socket});
        QVERIFY(raw.waitForFinished(10000));
        const QByteArray answer = raw.readAllStandardOutput() + raw.readAllStandardError();
        QFile::setPermissions(m_fx.socket, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        for (const QString& d : dirs)
            QFile::setPermissions(d, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY2(answer.contains("permission denied") && !answer.contains("\"state\""), answer.constData());
    }

    void secondInstanceRefusesToStart()
    {
        m_fx.writeConfig(QStringLiteral("config2"));
        QProcess second;
        second.setProcessEnvironment(m_fx.environment(m_fx.socket));
        second.start(binary(), m_fx.headlessArgs(QStringLiteral("config2"), testsupport::freeTcpPort()));
        QVERIFY(second.waitForFinished(15000));
        QCOMPARE(second.exitCode(), 1);
        QVERIFY(QString::fromUtf8(second.readAllStandardError())
                    .contains(QStringLiteral("another ClawTray is already running")));
        QCOMPARE(m_fx.ctl(QStringLiteral("status")).code, 0);
    }

    void headlessLoadsNoGuiLibraries()
    {
        QFile maps(QStringLiteral("/proc/%1/maps").arg(m_fx.headless.processId()));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray m = maps.readAll();
        QVERIFY(m.contains("libQt6Core"));
        QVERIFY(!m.contains("libQt6Gui"));
        QVERIFY(!m.contains("libQt6Widgets"));
    }

    void sigtermStopsEverything()
    {
        const pid_t gw = pid_t(num(m_fx.gateway(), "pid"));
        QVERIFY(testsupport::processAlive(gw));
        const pid_t pgid = ::getpgid(gw);
        ::kill(pid_t(m_fx.headless.processId()), SIGTERM);
        QVERIFY(m_fx.headless.waitForFinished(20000));
        QCOMPARE(m_fx.headless.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_fx.headless.exitCode(), 0);
        QVERIFY(!testsupport::processAlive(gw));
        QVERIFY(testsupport::processesInGroup(pgid).isEmpty());
        QVERIFY(!QFileInfo::exists(m_fx.socket));
        QCOMPARE(m_fx.ctl(QStringLiteral("status")).code, 3);
    }

    // No runtime: headless says what is missing and how to install it, stays up in the error
    // state (nobody is there to press Start), and runs the gateway by itself once the runtime
    // has been installed.
    void runtimeMissingIsExplainedThenPickedUp()
    {
        const QString cfg = m_fx.path(QStringLiteral("bare"));
        QDir().mkpath(cfg);
        QSettings(cfg + QStringLiteral("/clawtray.ini"), QSettings::IniFormat)
            .setValue(QLatin1String(SettingsKey::TokenStorageMode), QStringLiteral("file"));
        const QString socket = m_fx.path(QStringLiteral("run/bare.sock"));
        const QString runtime = m_fx.path(QStringLiteral("rt-late"));
        QStringList args = m_fx.headlessArgs(QStringLiteral("bare"), testsupport::freeTcpPort());
        args[args.indexOf(QStringLiteral("--runtime-dir")) + 1] = runtime;
        QProcess p;
        p.setProcessEnvironment(m_fx.environment(socket));
        p.start(binary(), args);
        QByteArray err;
        QVERIFY2(testsupport::waitFor([&] {
                     err += p.readAllStandardError();
                     return err.contains("Node 24") && err.contains("openclaw") && err.contains("not running");
                 }, 20000),
                 err.constData());
        QCOMPARE(p.state(), QProcess::Running);
        QJsonObject gw = at(m_fx.ctl(QStringLiteral("status --json"), {}, socket).json(), "gateway").toObject();
        QCOMPARE(gw.value(QLatin1String("state")).toString(), QStringLiteral("error"));
        QCOMPARE(at(gw, "lastError").toObject().value(QLatin1String("kind")).toString(), QStringLiteral("runtime-missing"));
        QVERIFY2(gw.value(QLatin1String("pendingAction")).toString().contains(QStringLiteral("watching")),
                 qPrintable(gw.value(QLatin1String("pendingAction")).toString()));

        // "Install" the runtime: the fixture's node stub and an openclaw package dir.
        QDir().mkpath(runtime + QStringLiteral("/node_modules/node/bin"));
        QDir().mkpath(runtime + QStringLiteral("/node_modules/openclaw"));
        QVERIFY(QFile::copy(m_fx.path(QStringLiteral("node")), runtime + QStringLiteral("/node_modules/node/bin/node")));
        QFile(runtime + QStringLiteral("/node_modules/openclaw/openclaw.mjs")).open(QIODevice::WriteOnly);
        QVERIFY2(testsupport::waitFor([&] {
                     gw = at(m_fx.ctl(QStringLiteral("status --json"), {}, socket).json(), "gateway").toObject();
                     return gw.value(QLatin1String("state")).toString() == QLatin1String("running");
                 }, 20000),
                 qPrintable(QJsonDocument(gw).toJson()));
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
    }

    // `clawtray --headless 2>&1 | head -n 2`: once the reader has gone, ClawTray's next write to
    // the pipe must not kill it (SIGPIPE is ignored; before, the gateway then died by the
    // parent-death signal instead of a graceful stop). And its log file gets each line within a
    // second, not only at warn level.
    void closedOutputPipeIsSurvivedAndTheLogIsFlushed()
    {
        const QString name = QStringLiteral("piped");
        m_fx.writeConfig(name);
        const QString socket = m_fx.path(QStringLiteral("run/piped.sock"));
        QProcess sh;
        sh.setProcessEnvironment(m_fx.environment(socket));
        sh.start(QStringLiteral("/bin/sh"), QStringList{QStringLiteral("-c"), QStringLiteral("\"$0\" \"$@\" 2>&1 | head -n 2"),
                                                         binary()} + m_fx.headlessArgs(name, testsupport::freeTcpPort()));
        QJsonObject st;
        QVERIFY(testsupport::waitFor([&] {
            st = m_fx.ctl(QStringLiteral("status --json"), {}, socket).json();
            return str(st, "gateway.state") == QLatin1String("running");
        }, 20000));
        const qint64 clawtrayPid = num(st, "clawtray.pid");
        const qint64 gatewayPid = num(st, "gateway.pid");
        QVERIFY(clawtrayPid > 0 && gatewayPid > 0);
        // head has its two lines and is gone; the pipe is broken from now on.
        QTRY_VERIFY_WITH_TIMEOUT(sh.state() == QProcess::NotRunning || testsupport::processAlive(pid_t(clawtrayPid)), 5000);
        QVERIFY(sh.readAllStandardOutput().count('\n') <= 2);
        for (int i = 0; i < 3; ++i) // each one writes log lines to the dead pipe
            QCOMPARE(m_fx.ctl(QStringLiteral("diagnostics"), {}, socket).code, 0);
        st = m_fx.ctl(QStringLiteral("status --json"), {}, socket).json();
        QCOMPARE(num(st, "clawtray.pid"), clawtrayPid);
        QCOMPARE(str(st, "gateway.state"), QStringLiteral("running"));
        QCOMPARE(num(st, "gateway.pid"), gatewayPid);

        const QString logFile = m_fx.path(name + QStringLiteral("-data/logs/clawtray.log"));
        const QString marker = QStringLiteral("control: diagnostics requested");
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            QFile f(logFile);
            return f.open(QIODevice::ReadOnly) && f.readAll().contains(marker.toUtf8());
        }(), 3000);

        ::kill(pid_t(clawtrayPid), SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(!testsupport::processAlive(pid_t(clawtrayPid)), 20000);
        QVERIFY(!testsupport::processAlive(pid_t(gatewayPid)));
        sh.waitForFinished(5000);
    }

    // Under systemd (Type=notify): READY=1 with the status once it supervises, STATUS= following
    // the gateway, WATCHDOG=1 at half WATCHDOG_USEC, STOPPING=1 on SIGTERM; and the gateway never
    // inherits NOTIFY_SOCKET (only ClawTray may speak for the unit).
    void systemdNotifications()
    {
        const QString name = QStringLiteral("notify");
        m_fx.writeConfig(name);
        const QString socket = m_fx.path(QStringLiteral("run/notify.sock"));
        const QString notifyPath = m_fx.path(QStringLiteral("notify.dgram"));
        const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        qstrncpy(addr.sun_path, QFile::encodeName(notifyPath).constData(), sizeof addr.sun_path);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        QStringList messages;
        const auto drain = [&] {
            char buf[4096];
            ssize_t n;
            while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0)
                messages << QString::fromUtf8(buf, int(n));
            return messages.join(QLatin1Char('\n'));
        };
        QProcessEnvironment env = m_fx.environment(socket);
        env.insert(QStringLiteral("NOTIFY_SOCKET"), notifyPath);
        env.insert(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("400000"));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(binary(), m_fx.headlessArgs(name, testsupport::freeTcpPort()));
        QVERIFY(testsupport::waitFor([&] { return drain().contains(QLatin1String("READY=1")); }, 20000));
        QVERIFY(testsupport::waitFor([&] {
            const QString all = drain();
            return all.contains(QLatin1String("STATUS=running")) && all.count(QLatin1String("WATCHDOG=1")) >= 2;
        }, 20000));
        const qint64 gatewayPid = num(m_fx.ctl(QStringLiteral("status --json"), {}, socket).json(), "gateway.pid");
        QVERIFY(gatewayPid > 0);
        QFile environ(QStringLiteral("/proc/%1/environ").arg(gatewayPid));
        QVERIFY(environ.open(QIODevice::ReadOnly));
        const QByteArray gatewayEnv = environ.readAll();
        QVERIFY(!gatewayEnv.isEmpty());
        QVERIFY(!gatewayEnv.contains("NOTIFY_SOCKET=") && !gatewayEnv.contains("WATCHDOG_USEC="));
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(20000));
        QVERIFY(drain().contains(QLatin1String("STOPPING=1")));
        ::close(fd);
    }

    void tokenNeverLeavesThroughTheChannel()
    {
        QVERIFY(m_fx.token().size() >= 16);
        QVERIFY(!m_fx.seen.contains(m_fx.token()));
    }
};

QTEST_GUILESS_MAIN(TestControlHeadless)
#include "tst_control_headless.moc"
