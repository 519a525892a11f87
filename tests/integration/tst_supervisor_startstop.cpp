// StartStop against the fake gateway: a start is heard while its run lasts and not after, a stop's
// end comes as stopDone, an unasked exit while no start runs as exited, and nothing is stopped
// when nothing runs.
#include "supervisor/StartStop.h"

#include "client/GatewayClient.h"
#include "process/GatewayProcess.h"
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

    // What a StartStop said, counted.
    struct Heard
    {
        int phases = 0, spawned = 0, finished = 0, stopDone = 0, exited = 0;
        std::optional<StartSequence::Outcome> outcome;
        std::optional<ExitInfo> exit;
    };
    static void listen(StartStop& s, Heard& h)
    {
        connect(&s, &StartStop::phaseChanged, &s, [&h] { ++h.phases; });
        connect(&s, &StartStop::spawned, &s, [&h] { ++h.spawned; });
        connect(&s, &StartStop::startFinished, &s, [&h](const StartSequence::Outcome& o) {
            ++h.finished;
            h.outcome = o;
        });
        connect(&s, &StartStop::stopDone, &s, [&h] { ++h.stopDone; });
        connect(&s, &StartStop::exited, &s, [&h](const ExitInfo& e) {
            ++h.exited;
            h.exit = e;
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(testsupport::fakeGatewayPath()), "CLAWTRAY_FAKE_GATEWAY not set or missing");
        QVERIFY(m_dir.isValid());
    }

    void startThenStopThenAnUnaskedExit()
    {
        const ManagerConfig c = config();
        GatewayProcess process;
        GatewayClient client;
        client.setCredentials(c.launch.token, m_identity);
        quint64 generation = 1;
        StartStop s(process, client, generation, QStringLiteral("instance-a"));
        Heard h;
        listen(s, h);

        QVERIFY(!s.stop(StopHow::Graceful, m_dir.path())); // nothing runs: nothing to stop
        s.begin(StartSequence::Mode::Fresh, c);
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
        QVERIFY(!process.isRunning());

        s.begin(StartSequence::Mode::Fresh, c);
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
        GatewayProcess process;
        GatewayClient client;
        client.setCredentials(c.launch.token, m_identity);
        quint64 generation = 1;
        StartStop s(process, client, generation, QStringLiteral("instance-b"));
        Heard h;
        listen(s, h);

        s.begin(StartSequence::Mode::Fresh, c);
        const int phasesBefore = h.phases; // what it said while this run lasted
        const int spawnedBefore = h.spawned;
        generation = 2; // the run moved on: what its start says is void
        // The sequence ends when the client has its hello-ok; by then it would have been heard.
        QVERIFY(testsupport::waitFor([&] { return client.isConnected(); }, 15000));
        QCoreApplication::processEvents();
        QVERIFY(process.isRunning());
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
};

QTEST_GUILESS_MAIN(TestSupervisorStartStop)
#include "tst_supervisor_startstop.moc"
