// OpenClaw's own gateway service (issue #11): how ClawTray recognises the unit, what it reads
// from systemd, and the manager's rules when the unit owns the gateway — against the fake gateway
// run as the "service" of a stub systemctl (tests/support/tools/fake_systemctl).
#include "logging/Logging.h"
#include "process/LaunchSpec.h"
#include "supervisor/GatewayManager.h"
#include "supervisor/OpenClawService.h"
#include "supervisor/RestartHandoff.h"

#include "FakeGateway.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace clawtray;

class TestSupervisorService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeviceIdentity m_identity = *DeviceIdentity::generate();
    quint16 m_port = 0;
    const QString m_unit = QStringLiteral("openclaw-gateway.service");

    QString svc(const QString& rel = QString()) const { return QDir(m_dir.filePath(QStringLiteral("svc"))).filePath(rel); }

    QStringList calls() const
    {
        QFile f(svc(QStringLiteral("calls")));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    qint64 servicePid() const
    {
        QFile f(svc(QStringLiteral("pid")));
        const qint64 pid = f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
        return testsupport::processAlive(pid_t(pid)) ? pid : 0;
    }

    ManagerConfig config() const
    {
        ManagerConfig c;
        c.launch = testsupport::fakeGatewayOptions(m_port, {});
        c.leasePath = m_dir.filePath(QStringLiteral("lease.json"));
        c.serviceUnit = m_unit;
        c.systemctlPath = QStringLiteral(CLAWTRAY_TEST_TOOLS_DIR "/fake_systemctl");
        c.readyPollMs = 20;
        c.readyTimeoutMs = 10000;
        c.process.stopGraceMs = 1000;
        c.backoff.baseDelayMs = 50;
        c.startAttempts.retryDelayMs = 50;
        c.errorRetryMs = 600000;
        return c;
    }

    static bool waitState(GatewayManager& m, GatewayState s, int ms = 20000)
    {
        return testsupport::waitFor([&] { return m.status().state == s; }, ms);
    }

    static QString runSwitch(GatewayManager& m, bool takeOver)
    {
        std::optional<QString> err;
        auto done = [&](const Done& switched) { err = switched ? QString() : switched.error().english(); };
        if (takeOver)
            m.takeOverService(done);
        else
            m.handBackToService(done);
        testsupport::waitFor([&] { return err.has_value(); }, 20000);
        return err.value_or(QStringLiteral("no answer"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions o;
        logging::init(o);
        QDir().mkpath(svc());
        m_port = testsupport::freeTcpPort();
        // The "service": the fake gateway on the test's port with the token the manager uses.
        const QString exec = m_dir.filePath(QStringLiteral("service-exec.sh"));
        QVERIFY(testsupport::writeExecutable(exec, QStringLiteral("#!/bin/sh\nexport OPENCLAW_GATEWAY_TOKEN='%1'\nexec '%2' gateway run --port %3\n")
                                                       .arg(testsupport::kFakeToken, testsupport::fakeGatewayPath())
                                                       .arg(m_port)
                                                       .toUtf8()));
        qputenv("FAKE_SYSTEMCTL_DIR", svc().toUtf8());
        qputenv("FAKE_SYSTEMCTL_UNIT", m_unit.toUtf8());
        qputenv("FAKE_SYSTEMCTL_EXEC", exec.toUtf8());
    }

    void cleanup()
    {
        qunsetenv("FAKE_SYSTEMCTL_FAIL");
        QProcess::execute(QStringLiteral(CLAWTRAY_TEST_TOOLS_DIR "/fake_systemctl"), {QStringLiteral("--user"), QStringLiteral("stop"), m_unit});
        QFile::remove(svc(QStringLiteral("calls")));
        QFile::remove(svc(QStringLiteral("disabled")));
    }

    void unitForTheStateDirsOpenClawsServiceServes()
    {
        const QString home = QStringLiteral("/home/ann");
        QCOMPARE(OpenClawService::unitFor(QString(), home), QStringLiteral("openclaw-gateway.service"));
        QCOMPARE(OpenClawService::unitFor(QStringLiteral("/home/ann/.openclaw/"), home), QStringLiteral("openclaw-gateway.service"));
        QCOMPARE(OpenClawService::unitFor(QStringLiteral("/home/ann/.openclaw-work"), home), QStringLiteral("openclaw-gateway-work.service"));
        QCOMPARE(OpenClawService::unitFor(QStringLiteral("/home/ann/.openclaw-default"), home), QStringLiteral("openclaw-gateway.service"));
        QCOMPARE(OpenClawService::unitFor(QStringLiteral("/srv/openclaw"), home), QString());
        QCOMPARE(OpenClawService::unitFor(QStringLiteral("/home/ann/x/.openclaw-work"), home), QString());
        QCOMPARE(OpenClawService::unitFor(QStringLiteral("/home/ann/.openclawx"), home), QString());
        // The state dir a profile selects is the one its unit serves.
        GatewayLaunchOptions o;
        o.baseEnvironment = QProcessEnvironment();
        o.baseEnvironment.insert(QStringLiteral("HOME"), home);
        o.baseEnvironment.insert(QStringLiteral("OPENCLAW_PROFILE"), QStringLiteral("work"));
        QCOMPARE(LaunchSpec::resolvedStateDir(o), QStringLiteral("/home/ann/.openclaw-work"));
        QCOMPARE(LaunchSpec::resolvedConfigPath(o), QStringLiteral("/home/ann/.openclaw-work/openclaw.json"));
    }

    void readsWhatSystemdSays()
    {
        const auto s = ServiceState::fromShow(m_unit, "LoadState=loaded\nActiveState=active\nUnitFileState=enabled\nMainPID=42\n");
        QVERIFY(s.installed() && s.active() && s.enabled() && s.ownsGateway() && !s.canHandBack());
        QCOMPARE(s.mainPid, 42);
        const auto off = ServiceState::fromShow(m_unit, "LoadState=loaded\nActiveState=inactive\nUnitFileState=disabled\nMainPID=0\n");
        QVERIFY(!off.ownsGateway() && off.canHandBack());
        const auto failedButEnabled = ServiceState::fromShow(m_unit, "LoadState=loaded\nActiveState=failed\nUnitFileState=enabled\n");
        QVERIFY(failedButEnabled.ownsGateway()); // it starts at login: still the service's gateway
        const auto missing = ServiceState::fromShow(m_unit, "LoadState=not-found\nActiveState=inactive\nUnitFileState=\n");
        QVERIFY(!missing.installed() && !missing.ownsGateway() && !missing.canHandBack());
        QVERIFY(!ServiceState::fromShow(m_unit, "Failed to connect to bus: No medium found\n").queried);
    }

    // The restart-handoff answers as OpenClaw 2026.9.6 prints them (pretty-printed JSON).
    void restartHandoffAnswersAreRead()
    {
        CliResult caps;
        caps.started = true;
        caps.exitCode = 0;
        caps.output = "{\n  \"ok\": true,\n  \"protocol\": \"openclaw.gateway.restart-handoff\",\n  \"protocolVersion\": 1,\n"
                      "  \"operations\": [\n    \"consume\"\n  ]\n}\n";
        QVERIFY(RestartHandoff::capabilitiesSupportConsume(caps.json()));
        caps.output.replace("\"protocolVersion\": 1", "\"protocolVersion\": 2");
        QVERIFY(!RestartHandoff::capabilitiesSupportConsume(caps.json()));
        CliResult r = caps;
        r.output = R"({"ok":true,"protocol":"openclaw.gateway.restart-handoff","protocolVersion":1,"status":"accepted","handoff":{}})";
        QVERIFY(RestartHandoff::verdictFrom(r).accepted);
        r.output = R"({"ok":true,"protocol":"openclaw.gateway.restart-handoff","protocolVersion":1,"status":"rejected","reason":"pid-mismatch"})";
        QVERIFY(!RestartHandoff::verdictFrom(r).accepted);
        QCOMPARE(RestartHandoff::verdictFrom(r).describe(), QStringLiteral("rejected (pid-mismatch)"));
        r.output = "Gateway restart handoff consume failed";
        r.exitCode = 1;
        QVERIFY(!RestartHandoff::verdictFrom(r).accepted);
        QVERIFY(!RestartHandoff::verdictFrom(r).error.isEmpty());
    }

    // A machine without a user service manager (a container, CI): ClawTray runs its own gateway.
    void noUserManagerMeansClawTrayManages()
    {
        const QString noBus = m_dir.filePath(QStringLiteral("systemctl-nobus"));
        QVERIFY(testsupport::writeExecutable(noBus, "#!/bin/sh\necho 'Failed to connect to bus: No medium found' >&2\nexit 1\n"));
        ManagerConfig c = config();
        c.systemctlPath = noBus;
        GatewayManager m(c, m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QVERIFY(m.status().owned);
        QCOMPARE(m.status().managedBy(), QStringLiteral("clawtray"));
        QVERIFY(m.status().serviceUnit.isEmpty());
        QVERIFY(!m.serviceState().queried);
        QVERIFY(m.serviceState().error.contains(QStringLiteral("Failed to connect to bus")));
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    // Enabled but not running: the service starts it, ClawTray attaches; restart and stop go
    // through the unit; ClawTray never has a gateway process of its own meanwhile.
    void theServiceOwnsTheGateway()
    {
        GatewayManager m(config(), m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QVERIFY(calls().contains(QStringLiteral("--user start ") + m_unit));
        const qint64 first = servicePid();
        QVERIFY(first > 0);
        QVERIFY(!m.status().owned);
        QCOMPARE(m.status().managedBy(), QStringLiteral("openclaw-service"));
        QCOMPARE(m.status().serviceUnit, m_unit);
        QCOMPARE(m.status().pid, first);
        QVERIFY(!m.process()->isRunning());
        QVERIFY(m.status().oneLine(0).startsWith(QStringLiteral("running (OpenClaw's service) · pid")));
        QCOMPARE(m.status().toJson(0).value(QLatin1String("managedBy")).toString(), QStringLiteral("openclaw-service"));

        m.restart(QStringLiteral("test"));
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().pid != first; }, 20000));
        QVERIFY(calls().contains(QStringLiteral("--user restart ") + m_unit));
        QCOMPARE(m.status().pid, servicePid());
        QVERIFY(!m.process()->isRunning());
        QCOMPARE(m.restartHistory().constLast().kind, QStringLiteral("service"));

        QSignalSpy health(&m, &GatewayManager::healthChanged);
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
        QVERIFY(calls().contains(QStringLiteral("--user stop ") + m_unit));
        // What was said while stopping does not stick once it stopped.
        QVERIFY(!health.isEmpty());
        QCOMPARE(health.last().at(0).value<HealthSummary>().text, m.health().text);
        QCOMPARE(m.health().title, QStringLiteral("Stopped"));
        QCOMPARE(m.health().toJson().value(QLatin1String("text")).toString(), QStringLiteral("stopped"));
        QCOMPARE(servicePid(), 0);
        QCOMPARE(m.status().serviceUnit, m_unit); // stopped, but still the service's gateway
    }

    void takeOverAndHandBack()
    {
        GatewayManager m(config(), m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QCOMPARE(runSwitch(m, false), QStringLiteral("OpenClaw's service openclaw-gateway.service already manages the gateway"));
        QCOMPARE(runSwitch(m, true), QString());
        QVERIFY(waitState(m, GatewayState::Running));
        QVERIFY(calls().contains(QStringLiteral("--user disable --now ") + m_unit));
        QCOMPARE(servicePid(), 0);
        QVERIFY(m.status().owned);
        QCOMPARE(m.status().managedBy(), QStringLiteral("clawtray"));
        QCOMPARE(m.status().serviceHandBackUnit, m_unit);
        QVERIFY(m.process()->isRunning());
        const qint64 ours = m.process()->pid();
        QVERIFY(!runSwitch(m, true).isEmpty()); // nothing to take over any more

        QCOMPARE(runSwitch(m, false), QString());
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && !m.status().owned; }, 20000));
        QVERIFY(calls().contains(QStringLiteral("--user enable --now ") + m_unit));
        QVERIFY(!testsupport::processAlive(pid_t(ours)));
        QCOMPARE(m.status().pid, servicePid());
        QCOMPARE(m.status().managedBy(), QStringLiteral("openclaw-service"));
        QVERIFY(m.status().serviceHandBackUnit.isEmpty());
    }

    // systemd cannot start the unit: an error that says where to look and offers the takeover;
    // ClawTray does not start a gateway of its own behind the service's back.
    void aFailingServiceIsReportedNotWorkedAround()
    {
        qputenv("FAKE_SYSTEMCTL_FAIL", "start");
        GatewayManager m(config(), m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Error));
        const GatewayProblem p = m.status().lastError;
        QCOMPARE(p.kind, ProblemKind::ServiceFailed);
        QVERIFY2(p.summary.english().contains(QStringLiteral("Job for openclaw-gateway.service failed")), qPrintable(p.summary.english()));
        QVERIFY2(p.action.english().contains(QStringLiteral("journalctl --user -u openclaw-gateway.service")), qPrintable(p.action.english()));
        QCOMPARE(p.actionId, ProblemAction::Takeover);
        QVERIFY(!m.process()->isRunning());
        QCOMPARE(servicePid(), 0);
        QVERIFY(!m.status().pendingAction.isEmpty()); // it tries again by itself
    }
};

QTEST_GUILESS_MAIN(TestSupervisorService)
#include "tst_supervisor_service.moc"
