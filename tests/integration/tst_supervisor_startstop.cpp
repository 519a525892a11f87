// StartStop against the fake gateway: a start is heard while its run lasts and not after, a stop's
// end comes as stopDone, an unasked exit while no start runs as exited, and nothing is stopped
// when nothing runs.
#include "supervisor/StartStop.h"

#include "client/GatewayClient.h"
#include "process/GatewayProcess.h"
#include "process/OwnershipLease.h"
#include "protocol/DeviceIdentity.h"
#include "supervisor/ManagerConfig.h"

#include "FakeGateway.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace clawtray;

class TestSupervisorStartStop : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeviceIdentity m_identity = *DeviceIdentity::generate();

    ManagerConfig config()
    {
        ManagerConfig c;
        c.launch = testsupport::fakeGatewayOptions(testsupport::freeTcpPort(), {});
        c.leasePath = m_dir.filePath(QStringLiteral("lease-%1.json").arg(c.launch.port));
        c.readyPollMs = 20;
        c.readyTimeoutMs = 10000;
        c.process.stopGraceMs = 1000;
        return c;
    }

    // A StartStop on its own process and client for the run `generation`, and what it said, counted.
    struct Rig
    {
        explicit Rig(const ManagerConfig& c, const DeviceIdentity& identity, const QString& instanceId)
            : startStop(process, client, generation, instanceId)
        {
            client.setCredentials(c.launch.token, identity);
            QObject::connect(&startStop, &StartStop::phaseChanged, &startStop, [this] { ++phases; });
            QObject::connect(&startStop, &StartStop::spawned, &startStop, [this] { ++spawned; });
            QObject::connect(&startStop, &StartStop::startFinished, &startStop, [this](const StartSequence::Outcome& o) {
                ++finished;
                outcome = o;
            });
            QObject::connect(&startStop, &StartStop::stopDone, &startStop, [this] { ++stopDone; });
            QObject::connect(&startStop, &StartStop::exited, &startStop, [this](const ExitInfo& e) {
                ++exited;
                exit = e;
            });
        }
        GatewayProcess process;
        GatewayClient client;
        quint64 generation = 1;
        StartStop startStop;
        int phases = 0, spawned = 0, finished = 0, stopDone = 0, exited = 0;
        std::optional<StartSequence::Outcome> outcome;
        std::optional<ExitInfo> exit;
    };

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(testsupport::fakeGatewayPath()), "CLAWTRAY_FAKE_GATEWAY not set or missing");
        QVERIFY(m_dir.isValid());
    }

    void startThenStopThenAnUnaskedExit()
    {
        const ManagerConfig c = config();
        Rig h(c, m_identity, QStringLiteral("instance-a"));
        StartStop& s = h.startStop;

        QVERIFY(!s.stop(StopHow::Graceful, m_dir.path())); // nothing runs: nothing to stop
        s.create(StartSequence::Mode::Fresh, c);
        s.begin();
        QVERIFY(s.starting());
        QVERIFY(testsupport::waitFor([&] { return h.finished == 1; }, 15000));
        QVERIFY(h.outcome->ok);
        QVERIFY(h.outcome->owned);
        QCOMPARE(h.spawned, 1);
        QVERIFY(h.phases > 0);
        QVERIFY(!s.starting());

        QVERIFY(s.stop(StopHow::Graceful, m_dir.path()));
        QVERIFY(testsupport::waitFor([&] { return h.stopDone == 1; }, 10000));
        QCOMPARE(h.exited, 0);
        QVERIFY(!h.process.isRunning());

        s.create(StartSequence::Mode::Fresh, c);
        s.begin();
        QVERIFY(testsupport::waitFor([&] { return h.finished == 2; }, 15000));
        QVERIFY(h.outcome->ok);
        const qint64 pid = h.outcome->pid;
        QVERIFY(pid > 0);
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(testsupport::waitFor([&] { return h.exited == 1; }, 10000));
        QVERIFY(!h.exit->stopRequested);
        QCOMPARE(h.stopDone, 1);
    }

    void aStartOfASupersededRunIsNotHeard()
    {
        const ManagerConfig c = config();
        Rig h(c, m_identity, QStringLiteral("instance-b"));
        StartStop& s = h.startStop;

        s.create(StartSequence::Mode::Fresh, c);
        s.begin();
        const int phasesBefore = h.phases; // what it said while this run lasted
        const int spawnedBefore = h.spawned;
        h.generation = 2; // the run moved on: what its start says is void
        // The sequence ends when the client has its hello-ok; by then it would have been heard.
        QVERIFY(testsupport::waitFor([&] { return h.client.isConnected(); }, 15000));
        QCoreApplication::processEvents();
        QVERIFY(h.process.isRunning());
        QCOMPARE(h.spawned, spawnedBefore);
        QCOMPARE(h.finished, 0);
        QCOMPARE(h.phases, phasesBefore);
        QVERIFY(s.starting()); // unheard, so still the one under way until dropped or replaced
        s.drop();
        QVERIFY(!s.starting());

        // The stop of the process it spawned is the current run's, and heard.
        QVERIFY(s.stop(StopHow::Kill, m_dir.path()));
        QVERIFY(testsupport::waitFor([&] { return h.stopDone == 1; }, 10000));
        QCOMPARE(h.exited, 0);
    }

    // Only our own lease goes: another live ClawTray's lease is the only proof that its gateway
    // is not foreign once that ClawTray dies.
    void onlyOurLeaseIsReleased()
    {
        Rig h(config(), m_identity, QStringLiteral("instance-c"));
        const QString path = m_dir.filePath(QStringLiteral("lease-release.json"));
        const OwnershipLease other = OwnershipLease::forChild(QStringLiteral("another-clawtray"), 4242, 12345, 18789,
                                                              QStringLiteral("lease-tag"));
        QVERIFY(other.write(path).ok());
        QVERIFY(OwnershipLease::read(path).lease.has_value()); // a valid lease, not one removed as corrupt
        h.startStop.releaseLease(path);
        QVERIFY(QFile::exists(path));
        OwnershipLease ours = other;
        ours.instanceId = QStringLiteral("instance-c");
        QVERIFY(ours.write(path).ok());
        h.startStop.releaseLease(path);
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestSupervisorStartStop)
#include "tst_supervisor_startstop.moc"
