// GatewayManager end to end against the fake gateway: lifecycle, recovery, governor, policies.
#include "logging/Logging.h"
#include "supervisor/DashboardLink.h"
#include "process/GatewayStateLock.h"
#include "process/ProcTable.h"
#include "supervisor/GatewayManager.h"

#include "FakeGateway.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QDateTime>
#include <QFile>
#include <QSet>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace clawtray;
using testsupport::FakeGateway;

class TestSupervisorManager : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeviceIdentity m_identity = *DeviceIdentity::generate();

    ManagerConfig config(const QStringList& fakeArgs = {}, quint16 port = 0)
    {
        ManagerConfig c;
        c.launch = testsupport::fakeGatewayOptions(port ? port : testsupport::freeTcpPort(), fakeArgs);
        c.leasePath = m_dir.filePath(QStringLiteral("lease-%1.json").arg(c.launch.port));
        c.readyPollMs = 20;
        c.readyTimeoutMs = 10000;
        c.process.stopGraceMs = 1000;
        c.client.challengeTimeoutMs = 2000;
        c.client.helloTimeoutMs = 2000;
        c.liveness = {5000, 60000, 2000, QStringLiteral("health")};
        c.backoff.baseDelayMs = 50;
        c.backoff.maxDelayMs = 400;
        c.backoff.maxAttempts = 10;
        c.backoff.stableRunMs = 60000;
        c.governor.baseCooldownMs = 50;
        c.governor.maxCooldownMs = 500;
        c.startAttempts.retryDelayMs = 50;
        c.reload.debounceMs = 300;
        return c;
    }

    static bool waitState(GatewayManager& m, GatewayState s, int ms = 15000)
    {
        return testsupport::waitFor([&] { return m.status().state == s; }, ms);
    }

    static CallResult callAndWait(GatewayManager& m, const QString& method, const QJsonObject& params = {})
    {
        std::optional<CallResult> out;
        m.call(method, params, 5000, [&](const CallResult& r) { out = r; });
        testsupport::waitFor([&] { return out.has_value(); }, 10000);
        return out.value_or(CallResult{});
    }

    static int countRecords(const GatewayManager& m, const QString& kind, const QString& reasonPart = QString())
    {
        int n = 0;
        for (const auto& r : m.restartHistory())
            if (r.kind == kind && (reasonPart.isEmpty() || r.reason.contains(reasonPart)))
                ++n;
        return n;
    }

    QStringList m_unlisted;

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions o;
        o.level = LogLevel::Debug;
        logging::init(o); // the manager's log on stderr explains any failure below
        connect(&logging::ring(), &LogRing::lineAdded, this, [this](const LogLine& l) {
            if (l.text.contains(QLatin1String("is not in the lifecycle table")))
                m_unlisted << l.text;
        });
    }

    // Whatever a test did, every state change it caused is one the lifecycle table lists.
    void cleanup()
    {
        const QStringList unlisted = std::exchange(m_unlisted, {});
        QVERIFY2(unlisted.isEmpty(), qPrintable(unlisted.join(QLatin1Char('\n'))));
    }

    // A missing runtime with no known place where it would appear: only the slow periodic retry,
    // not a "everything is there now" every poll (an empty list is trivially all there).
    void missingRuntimeWithNothingToWatchIsNotRetriedEverySecond()
    {
        const GatewayProblem p{ProblemKind::RuntimeMissing, UserText::verbatim(QStringLiteral("no runtime")), {}, {}, 0};
        const auto t = CauseWatch::targetFor(p, 18789, QString(), {}, 180000);
        QVERIFY(!t.untilAllExist);
        QCOMPARE(t.periodicRetryMs, 180000);
        QVERIFY(CauseWatch::targetFor(p, 18789, QString(), {QStringLiteral("/opt/node")}, 180000).untilAllExist);
    }

    void startRunStop()
    {
        GatewayManager m(config(), m_identity);
        QSignalSpy changes(&m, &GatewayManager::statusChanged);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        const GatewayStatus s = m.status();
        QVERIFY(s.owned);
        QVERIFY(s.pid > 0);
        QVERIFY(!s.bootId.isEmpty());
        QVERIFY(s.healthy);
        QVERIFY(QFile::exists(m.config().leasePath));
        QVERIFY(!changes.isEmpty());
        const qint64 pid = s.pid;
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
        QVERIFY(!testsupport::processAlive(pid_t(pid)));
        QVERIFY(!QFile::exists(m.config().leasePath));
        QCOMPARE(m.status().pid, 0);
    }

    void crashIsRecovered()
    {
        GatewayManager m(config(), m_identity);
        QSignalSpy notices(&m, &GatewayManager::notice);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        const qint64 pid1 = m.status().pid;
        ::kill(pid_t(pid1), SIGKILL);
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().pid != pid1; }, 15000));
        QVERIFY(m.status().pid > 0);
        QCOMPARE(m.diagnostics().unexpectedExits, 1u);
        QVERIFY(countRecords(m, QStringLiteral("process")) >= 1);
        bool sawExit = false, sawRecovered = false;
        for (const auto& n : notices) {
            sawExit |= n.at(0).toString() == QLatin1String("unexpected-exit");
            sawRecovered |= n.at(0).toString() == QLatin1String("recovered");
        }
        QVERIFY(sawExit && sawRecovered);
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    // A dying gateway's socket closes before its exit is reported. That must not be taken for a
    // lost connection: a reattach that the exit then fails would cost a backoff step. With a 60 s
    // step, every crash after a stable run must come back at once, at attempt 1 — after SIGKILL, and
    // after a gateway that drops its connections 30 ms before it dies (the gap stretched out).
    void crashAfterStableRunNeverTakesABackoffStep()
    {
        ManagerConfig c = config();
        c.backoff.baseDelayMs = 60000;
        c.backoff.maxDelayMs = 60000;
        c.backoff.stableRunMs = 300;
        c.governor.baseCooldownMs = 1;
        c.governor.stableResetMs = 300;
        c.governor.budget = 100;
        c.socketLossSettleMs = 5000; // far longer than the 30 ms gap, whatever the machine's load
        GatewayManager m(c, m_identity);
        int maxAttempt = 0;
        connect(&m, &GatewayManager::statusChanged, this, [&](const GatewayStatus& s) { maxAttempt = qMax(maxAttempt, s.reconnectAttempt); });
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        for (int i = 0; i < 6; ++i) {
            // A stable run first (the condition is the run's length, not a guess at timing).
            QVERIFY(testsupport::waitFor([&] { return QDateTime::currentMSecsSinceEpoch() - m.status().connectedAtMs > 400; }, 5000));
            const qint64 pid = m.status().pid;
            if (i % 2 == 0)
                ::kill(pid_t(pid), SIGKILL);
            else
                m.call(QStringLiteral("fake.crash"), QJsonObject{{QStringLiteral("signal"), QStringLiteral("KILL")}, {QStringLiteral("dropFirstMs"), 30}},
                       5000, nullptr);
            QVERIFY2(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().pid != pid; }, 20000),
                     qPrintable(QStringLiteral("cycle %1: %2").arg(i).arg(m.status().oneLine(QDateTime::currentMSecsSinceEpoch()))));
            QCOMPARE(maxAttempt, 1);
        }
        QCOMPARE(m.diagnostics().unexpectedExits, 6u);
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    void crashLoopOpensCircuitThenManualStartWorks()
    {
        // Long enough to finish the handshake first even under ASan (the peer check reads /proc):
        // each run must crash while running, not during its start.
        ManagerConfig c = config({QStringLiteral("--fake-crash-after-ms"), QStringLiteral("600")});
        c.governor.budget = 2;
        c.governor.windowMs = 60000;
        c.governor.circuitOpenMs = 60000;
        GatewayManager m(c, m_identity);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().lastError.kind == ProblemKind::CircuitOpen; }, 20000));
        const GatewayStatus s = m.status();
        QCOMPARE(s.state, GatewayState::Error);
        QVERIFY2(s.nextRetryAtMs > 0, "a suppressed restart must stay scheduled, never dropped");
        QVERIFY(s.pendingAction.english().contains(QLatin1String("restart in")));
        QVERIFY(!s.lastError.action.isEmpty());
        QVERIFY(m.diagnostics().restartsSuppressed >= 1);
        QVERIFY(m.health().reasons.contains(QStringLiteral("restart_circuit_open")));
        // The user fixes the cause and starts again: honoured at once, whatever the governor says.
        ManagerConfig fixed = c;
        fixed.launch.extraArgs.clear();
        m.applyConfig(fixed, {});
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QVERIFY(m.status().lastError.isEmpty());
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    void hangIsDetectedAndRestartedOnce()
    {
        ManagerConfig c = config();
        c.liveness = {100, 500, 300, QStringLiteral("health")};
        c.process.stopGraceMs = 300;
        GatewayManager m(c, m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        const qint64 pid1 = m.status().pid;
        ::kill(pid_t(pid1), SIGSTOP);
        QElapsedTimer t;
        t.start();
        QVERIFY(testsupport::waitFor([&] { return m.diagnostics().unresponsive || m.status().state != GatewayState::Running; }, 5000));
        const qint64 detectMs = t.elapsed();
        QVERIFY2(detectMs <= 500 + 300 + 1000, qPrintable(QString::number(detectMs)));
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().pid != pid1; }, 15000));
        QVERIFY(!testsupport::processAlive(pid_t(pid1)));
        QCOMPARE(countRecords(m, QStringLiteral("process"), QStringLiteral("unresponsive")), 1);
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    void inProcessRestartKeepsPid()
    {
        GatewayManager m(config({QStringLiteral("--fake-restart-delay-ms"), QStringLiteral("300")}), m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        const GatewayStatus before = m.status();
        const auto executed = m.diagnostics().restartsExecuted;
        std::optional<SafeRestartResult> result;
        m.safeRestart(false, [&](const SafeRestartResult& r) { result = r; });
        QVERIFY(testsupport::waitFor([&] { return result.has_value(); }, 5000));
        QCOMPARE(result->status, QStringLiteral("scheduled"));
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().bootId != before.bootId; }, 15000));
        QCOMPARE(m.status().pid, before.pid);
        QCOMPARE(m.diagnostics().restartsExecuted, executed); // the gateway restarted itself; we did not
        QCOMPARE(m.diagnostics().unexpectedExits, 0u);
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    void safeRestartDeferredReportsBlockers()
    {
        GatewayManager m(config({QStringLiteral("--fake-active-tasks"), QStringLiteral("2")}), m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        std::optional<SafeRestartResult> result;
        m.safeRestart(false, [&](const SafeRestartResult& r) { result = r; });
        QVERIFY(testsupport::waitFor([&] { return result.has_value(); }, 5000));
        QCOMPARE(result->status, QStringLiteral("deferred"));
        QCOMPARE(result->activeTasks, 2);
        QVERIFY(!result->blockers.isEmpty());
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    void foreignListenerIsReportedByName()
    {
        const quint16 port = testsupport::freeTcpPort();
        QProcess holder;
        holder.start(QProcessEnvironment::systemEnvironment().value(QStringLiteral("CLAWTRAY_PORT_HOLDER")), {QString::number(port)});
        QVERIFY(holder.waitForReadyRead(5000));
        GatewayManager m(config({}, port), m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Error));
        const GatewayProblem p = m.status().lastError;
        QCOMPARE(p.kind, ProblemKind::PortInUse);
        QVERIFY(p.summary.english().contains(QString::number(holder.processId())));
        QCOMPARE(p.actionId, ProblemAction::ChangePort);
        QCOMPARE(holder.state(), QProcess::Running);
        holder.kill();
        holder.waitForFinished();
    }

    void externalGatewayIsAttachedAndLeftRunning()
    {
        FakeGateway external;
        QVERIFY(external.start());
        GatewayManager m(config({}, external.port()), m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QVERIFY(!m.status().owned);
        QCOMPARE(m.status().pid, external.pid());
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
        QVERIFY(external.process().isRunning());
        QVERIFY(testsupport::processAlive(pid_t(external.pid())));
    }

    // OpenClaw's state-dir lock names a live gateway on another port: ClawTray attaches to it
    // there instead of spawning a second gateway (which would wait for the lock and exit 78). A
    // stale lock (its pid gone) is ignored.
    void attachesToTheGatewayThatOwnsTheStateDir()
    {
        FakeGateway owner;
        QVERIFY(owner.start());
        const QString stateDir = m_dir.filePath(QStringLiteral("locked-state"));
        QDir().mkpath(QFileInfo(gatewaylock::lockPath(stateDir)).path());
        auto writeLock = [&](qint64 pid, quint64 startTime) {
            QFile f(gatewaylock::lockPath(stateDir));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QStringLiteral(R"({"pid": %1, "port": %2, "stateDir": "%3", "startTime": %4})")
                        .arg(pid)
                        .arg(owner.port())
                        .arg(stateDir)
                        .arg(startTime)
                        .toUtf8()
                    + QByteArray(64, '\t')); // the real file is padded after the object
        };
        writeLock(owner.pid(), proctable::read(pid_t(owner.pid()))->startTime);
        ManagerConfig c = config();
        c.launch.stateDir = stateDir;
        QVERIFY(c.launch.port != owner.port());
        GatewayManager m(c, m_identity);
        QTest::qWait(50); // so that "since we attached" and "since it started" differ measurably
        const qint64 beforeAttach = QDateTime::currentMSecsSinceEpoch();
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QVERIFY(!m.status().owned);
        QVERIFY(!m.process()->isRunning()); // nothing spawned
        QCOMPARE(m.status().pid, owner.pid());
        QCOMPARE(m.status().port, owner.port());
        // Its uptime is the process's, not the time since ClawTray attached.
        QVERIFY2(m.status().startedAtMs > 0 && m.status().startedAtMs < beforeAttach,
                 qPrintable(QStringLiteral("%1 vs %2").arg(m.status().startedAtMs).arg(beforeAttach)));
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
        QVERIFY(owner.process().isRunning());

        writeLock(owner.pid(), 1); // the pid was reused by another process since
        ManagerConfig own = config();
        own.launch.stateDir = stateDir;
        GatewayManager m2(own, m_identity);
        m2.start();
        QVERIFY(waitState(m2, GatewayState::Running));
        QVERIFY(m2.status().owned);
        QCOMPARE(m2.status().port, own.launch.port);
        m2.stop();
        QVERIFY(waitState(m2, GatewayState::Stopped));
    }

    // /readyz is tracked apart from the gateway being up: channels that are not usable degrade
    // the health and say what fails, the gateway is not restarted for it, and nothing of it is
    // left once the gateway stops. It is not polled while ready: a health snapshot in which a
    // channel account moved makes it ask again (here the poll intervals are far longer than the
    // waits, so only the health events can bring the answers in time).
    void channelReadinessIsShownApartFromUpDown()
    {
        ManagerConfig c = config({QStringLiteral("--fake-health-event-ms"), QStringLiteral("100")});
        c.readyzPollMs = 120000;
        c.readyzSteadyMs = 600000;
        GatewayManager m(c, m_identity);
        QSignalSpy inputs(&m, &GatewayManager::readinessInputsChanged);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        const qint64 pid = m.status().pid;
        QVERIFY(testsupport::waitFor([&] { return m.status().readiness == QLatin1String("ready"); }, 5000));
        QVERIFY(callAndWait(m, QStringLiteral("fake.notReady"), {{QStringLiteral("failing"), QJsonArray{QStringLiteral("telegram:default")}}}).ok());
        QVERIFY(testsupport::waitFor([&] { return m.status().readiness == QLatin1String("not-ready"); }, 5000));
        QVERIFY(!inputs.isEmpty());
        QCOMPARE(m.status().notReady, QStringList{QStringLiteral("telegram:default")});
        QVERIFY(m.status().oneLine(0).contains(QStringLiteral("channels not ready: telegram:default")));
        QCOMPARE(m.health().level, HealthSummary::Level::Degraded);
        QVERIFY(m.health().reasons.contains(QStringLiteral("channels_not_ready")));
        QCOMPARE(m.status().state, GatewayState::Running);
        QCOMPARE(m.status().pid, pid);
        QVERIFY(callAndWait(m, QStringLiteral("fake.notReady"), {{QStringLiteral("failing"), QJsonArray{}}}).ok());
        QVERIFY(testsupport::waitFor([&] { return m.status().readiness == QLatin1String("ready"); }, 5000));
        QCOMPARE(m.health().level, HealthSummary::Level::Healthy);
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
        QVERIFY(m.status().readiness.isEmpty() && m.status().notReady.isEmpty());
    }

    // While ready, the gateway's unchanged health snapshots cost no probe at all; someone looking
    // (refreshReadiness, what the tray menu and the window call) asks at once.
    void readinessIsNotPolledWhileReadyButAskedWhenSomeoneLooks()
    {
        ManagerConfig c = config({QStringLiteral("--fake-health-event-ms"), QStringLiteral("50")});
        c.readyzPollMs = 120000;
        c.readyzSteadyMs = 600000;
        c.readyzRecheckMs = 600000; // so the changed snapshot cannot bring the answer in time
        GatewayManager m(c, m_identity);
        QSignalSpy events(&m, &GatewayManager::gatewayEvent);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QVERIFY(testsupport::waitFor([&] { return m.status().readiness == QLatin1String("ready"); }, 5000));
        const int probes = m.readinessProbesSent();
        events.clear();
        QVERIFY(testsupport::waitFor([&] {
            int health = 0;
            for (const auto& e : events)
                health += e.at(0).toString() == QLatin1String("health");
            return health >= 10;
        }, 5000));
        QCOMPARE(m.readinessProbesSent(), probes);
        // A channel that drops between two snapshots of the real gateway (here the changed
        // snapshot's recheck is far off): seen as soon as someone looks.
        QVERIFY(callAndWait(m, QStringLiteral("fake.notReady"), {{QStringLiteral("failing"), QJsonArray{QStringLiteral("x")}}}).ok());
        m.refreshReadiness(0);
        QVERIFY(testsupport::waitFor([&] { return m.status().readiness == QLatin1String("not-ready"); }, 5000));
        QCOMPARE(m.status().notReady, QStringList{QStringLiteral("x")});
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    // A fresh-process restart the gateway asked for (it wrote a restart handoff and exited 0):
    // consumed for that pid, started again at once, and none of it counts as a crash.
    void aRestartHandoffIsARestartNotACrash()
    {
        GatewayManager m(config({QStringLiteral("--fake-handoff-restart-after-ms"), QStringLiteral("700")}), m_identity);
        QSignalSpy notices(&m, &GatewayManager::notice);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        const qint64 first = m.status().pid;
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().pid != first; }, 20000));
        QVERIFY(!testsupport::processAlive(pid_t(first)));
        QCOMPARE(countRecords(m, QStringLiteral("handoff")), 1);
        QCOMPARE(m.diagnostics().unexpectedExits, 0u);
        QCOMPARE(m.diagnostics().restartsExecuted, 0u); // the governor's budget is untouched
        QVERIFY(notices.isEmpty());
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    // A clean exit without a handoff, or on a runtime that offers none, is an unexpected exit.
    void aCleanExitWithoutHandoffIsAnExit_data()
    {
        QTest::addColumn<QStringList>("fakeArgs");
        QTest::addColumn<bool>("unsupported");
        QTest::newRow("no handoff written") << QStringList{QStringLiteral("--fake-crash-after-ms"), QStringLiteral("700"),
                                                           QStringLiteral("--fake-exit-code"), QStringLiteral("0")}
                                            << false;
        QTest::newRow("runtime without handoffs") << QStringList{QStringLiteral("--fake-handoff-restart-after-ms"), QStringLiteral("700")}
                                                  << true;
    }

    void aCleanExitWithoutHandoffIsAnExit()
    {
        QFETCH(QStringList, fakeArgs);
        QFETCH(bool, unsupported);
        if (unsupported)
            qputenv("FAKE_HANDOFF_UNSUPPORTED", "1");
        GatewayManager m(config(fakeArgs), m_identity);
        QSignalSpy notices(&m, &GatewayManager::notice);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QVERIFY(testsupport::waitFor([&] { return m.diagnostics().unexpectedExits >= 1; }, 20000));
        qunsetenv("FAKE_HANDOFF_UNSUPPORTED");
        QCOMPARE(countRecords(m, QStringLiteral("handoff")), 0);
        QVERIFY(!notices.isEmpty());
        QCOMPARE(notices.first().at(0).toString(), QStringLiteral("unexpected-exit"));
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    void externalWithWrongTokenIsExplainedNotLooped()
    {
        FakeGateway external;
        QVERIFY(external.start());
        ManagerConfig c = config({}, external.port());
        c.launch.token = QStringLiteral("another-token-abcdef123456");
        GatewayManager m(c, m_identity);
        QSignalSpy changes(&m, &GatewayManager::statusChanged);
        m.start();
        QVERIFY(waitState(m, GatewayState::Error));
        const GatewayProblem p = m.status().lastError;
        QCOMPARE(p.kind, ProblemKind::AuthRejected);
        QVERIFY(p.summary.english().contains(QLatin1String("did not start")));
        QCOMPARE(p.actionId, ProblemAction::ImportToken);
        const int changesAtError = changes.count();
        QTest::qWait(500); // no retry loop follows
        QCOMPARE(m.status().state, GatewayState::Error);
        QCOMPARE(changes.count(), changesAtError);
        QVERIFY(external.process().isRunning());
    }

    void stopDuringStartLeavesNothing()
    {
        GatewayManager m(config({QStringLiteral("--fake-listen-delay-ms"), QStringLiteral("3000")}), m_identity);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().pid > 0; }, 5000));
        const qint64 pid = m.status().pid;
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
        QVERIFY(!testsupport::processAlive(pid_t(pid)));
        QTest::qWait(500); // a superseded start must never act afterwards
        QCOMPARE(m.status().state, GatewayState::Stopped);
        QVERIFY(!m.process()->isRunning());
    }

    // A gateway that never becomes ready: retried within the start budget, then an explained
    // error, and its process is not left running.
    void neverReadyIsRetriedThenError()
    {
        ManagerConfig c = config({QStringLiteral("--fake-starting-ms"), QStringLiteral("600000")});
        c.readyTimeoutMs = 400;
        c.startAttempts.maxAttempts = 2;
        GatewayManager m(c, m_identity);
        QSet<qint64> pids;
        connect(&m, &GatewayManager::statusChanged, this, [&](const GatewayStatus& s) {
            if (s.pid > 0)
                pids.insert(s.pid);
        });
        m.start();
        QVERIFY(waitState(m, GatewayState::Error, 20000));
        QCOMPARE(pids.size(), 2); // two attempts, each its own process
        QVERIFY(m.status().lastError.summary.english().contains(QLatin1String("ready")));
        QVERIFY(testsupport::waitFor([&] { return !m.process()->isRunning(); }, 5000));
        for (qint64 p : pids)
            QVERIFY(!testsupport::processAlive(pid_t(p)));
    }

    void settingsBurstGivesOneRestart()
    {
        ManagerConfig c = config();
        GatewayManager m(c, m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        const qint64 pid1 = m.status().pid;
        for (int i = 0; i < 5; ++i) {
            m.applyConfig(c, {QStringLiteral("extraArgs")});
            QTest::qWait(150);
        }
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().pid != pid1; }, 15000));
        QTest::qWait(600);
        QCOMPARE(countRecords(m, QStringLiteral("process"), QStringLiteral("settings changed")), 1);
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    // A burst of saves is one pending reload (what, when, how), then one outcome.
    void aReloadIsShownPendingThenWithItsOutcome()
    {
        ManagerConfig c = config();
        GatewayManager m(c, m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QVector<ReloadActivity> seen;
        connect(&m, &GatewayManager::statusChanged, this, [&](const GatewayStatus& s) { seen << s.reload; });
        for (int i = 0; i < 5; ++i) {
            m.applyConfig(c, {QStringLiteral("extraArgs")});
            QTest::qWait(100);
        }
        QVERIFY(m.status().reload.pending);
        QCOMPARE(m.status().reload.pendingKeys, QStringList{QStringLiteral("extraArgs")});
        QCOMPARE(m.status().reload.plan.english(), QStringLiteral("process restart"));
        QVERIFY(testsupport::waitFor([&] { return m.status().reload.outcome == ReloadActivity::Outcome::Restarted; }, 15000));
        QVERIFY(m.status().reload.line(0).english().startsWith(QStringLiteral("Settings (extra arguments): restarted the gateway process in ")));
        int restarting = 0;
        int restarted = 0;
        for (int i = 0; i < seen.size(); ++i) {
            if (i > 0 && seen[i].outcome == seen[i - 1].outcome)
                continue;
            restarting += seen[i].outcome == ReloadActivity::Outcome::Restarting;
            restarted += seen[i].outcome == ReloadActivity::Outcome::Restarted;
        }
        QCOMPARE(restarting, 1);
        QCOMPARE(restarted, 1);
        // ClawTray's own settings need no restart, and say so.
        const qint64 pid = m.status().pid;
        m.applyConfig(c, {}, {QStringLiteral("liveness/pingIntervalMs")});
        QCOMPARE(m.status().reload.outcome, ReloadActivity::Outcome::AppliedLive);
        QCOMPARE(m.status().pid, pid);
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
        QCOMPARE(m.status().reload.outcome, ReloadActivity::Outcome::None); // it was about the run that is gone
    }

    void aUserReloadRestartsInProcessAndTheGatewaysOwnChangeIsShown()
    {
        GatewayManager m(config({QStringLiteral("--fake-restart-delay-ms"), QStringLiteral("300")}), m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        const GatewayStatus before = m.status();
        m.requestReload();
        QVERIFY(m.status().reload.pending);
        QCOMPARE(m.status().reload.plan.english(), QStringLiteral("in-process restart"));
        QVERIFY(testsupport::waitFor([&] { return m.status().reload.outcome == ReloadActivity::Outcome::RestartedInProcess; }, 15000));
        QCOMPARE(m.status().pid, before.pid);
        QVERIFY(m.status().bootId != before.bootId);
        QVERIFY(m.status().reload.line(0).english().startsWith(QStringLiteral("Reload: restarted in process in ")));
        // openclaw.json written by someone else: the gateway's config.changed.
        m.call(QStringLiteral("fake.event"),
               QJsonObject{{QStringLiteral("event"), QStringLiteral("config.changed")},
                           {QStringLiteral("payload"), QJsonObject{{QStringLiteral("path"), QStringLiteral("/tmp/x/openclaw.json")},
                                                                  {QStringLiteral("hash"), QStringLiteral("abc")}}}},
               5000, [](const CallResult&) {});
        QVERIFY(testsupport::waitFor([&] { return m.status().reload.source == QLatin1String("openclaw.json"); }, 5000));
        QCOMPARE(m.status().reload.line(0).english(), QStringLiteral("openclaw.json changed: applied live by the gateway"));
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    void aReloadWhileStoppedAppliesAtTheNextStart()
    {
        ManagerConfig c = config();
        GatewayManager m(c, m_identity);
        m.applyConfig(c, {QStringLiteral("port")});
        QVERIFY(m.status().reload.pending);
        QCOMPARE(m.status().reload.plan.english(), QStringLiteral("applies at next start"));
        QVERIFY(testsupport::waitFor([&] { return m.status().reload.outcome == ReloadActivity::Outcome::NextStart; }, 5000));
        QVERIFY(m.status().reload.line(0).english().contains(QStringLiteral("applies at the next start")));
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QCOMPARE(m.status().reload.outcome, ReloadActivity::Outcome::None); // now in effect
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    void userRestartAlwaysHonoured()
    {
        ManagerConfig c = config();
        c.governor.baseCooldownMs = 60000; // an automatic restart would wait a minute
        GatewayManager m(c, m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        for (int i = 0; i < 2; ++i) {
            const qint64 pid = m.status().pid;
            m.restart();
            QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().pid != pid; }, 15000));
        }
        QVERIFY(countRecords(m, QStringLiteral("process")) >= 2);
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    void exportHasNoToken()
    {
        GatewayManager m(config(), m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        QVERIFY(callAndWait(m, QStringLiteral("health")).ok());
        const QString path = m_dir.filePath(QStringLiteral("diag.json"));
        QVERIFY(m.exportDiagnostics(path).ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        QVERIFY(content.contains("\"state\""));
        QVERIFY(!content.contains(testsupport::kFakeToken.toUtf8()));
        QCOMPARE(testsupport::fileMode(path), 0600);
        // The Control UI link: a launcher file, never the token in the answer.
        DashboardLink link;
        bool linked = false;
        m.openDashboard([&](const DashboardLink& l) {
            link = l;
            linked = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(linked, 20000);
        QVERIFY2(link.ok, qPrintable(link.error));
        QVERIFY(!QJsonDocument(link.toJson()).toJson().contains(m.config().launch.token.toUtf8()));
        QVERIFY(!link.httpUrl.contains(QLatin1String("token")));
        m.stop();
        QVERIFY(waitState(m, GatewayState::Stopped));
    }

    void shutdownStopsOwnedGateway()
    {
        GatewayManager m(config({QStringLiteral("--fake-ignore-sigterm")}), m_identity);
        m.start();
        QVERIFY(waitState(m, GatewayState::Running));
        const qint64 pid = m.status().pid;
        bool done = false;
        m.shutdown(300, [&] { done = true; });
        QVERIFY(testsupport::waitFor([&] { return done; }, 10000));
        QVERIFY(!testsupport::processAlive(pid_t(pid)));
    }
};

QTEST_GUILESS_MAIN(TestSupervisorManager)
#include "tst_supervisor_manager.moc"
