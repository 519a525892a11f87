// Trust boundaries against a hostile local user (issue #12): a listener of ANOTHER uid that takes
// the gateway's port must never receive the token or a device signature, nor make ClawTray
// believe it is ready; a peer cannot make ClawTray buffer a huge frame before the handshake.
// Needs root (the suite drops privileges with setpriv) and /usr/bin/python3 for the listener.
#include "client/GatewayClient.h"
#include "client/ReadinessProbe.h"
#include "logging/Logging.h"
#include "supervisor/GatewayManager.h"

#include "FakeGateway.h"
#include "OtherUser.h"
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

#include <unistd.h>

using namespace clawtray;

namespace {

// The hostile listener, run as uid/gid 65534 ("nobody"): hostile_listener.py PORT LOG [MODE].
class HostileListener
{
public:
    HostileListener(const QString& dir, quint16 port, const QString& mode = QStringLiteral("imitate"))
        : m_script(dir, QStringLiteral("hostile_listener.py"), QStringLiteral("hostile-%1.log").arg(port))
    {
        m_script.start({QString::number(port), m_script.logPath(), mode});
    }
    bool waitListening() { return m_script.waitListening(); }
    qint64 pid() const { return m_script.pid(); }
    bool running() const { return m_script.running(); }
    QByteArray log() const { return m_script.log(); }

private:
    testsupport::OtherUserScript m_script;
};

} // namespace

class TestSupervisorHostilePeer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeviceIdentity m_identity = *DeviceIdentity::generate();
    const QString m_token = QStringLiteral("hostile-test-token-0123456789abcdef");

    // Nothing that could authenticate may be in what the listener saw.
    void verifyNoSecretReached(const QByteArray& seen)
    {
        QVERIFY2(!seen.contains(m_token.toUtf8()), "the token reached the hostile listener");
        QVERIFY2(!seen.contains("signature"), "a device signature reached the hostile listener");
        QVERIFY2(!seen.contains("\\\"connect\\\""), "a connect request reached the hostile listener");
        QVERIFY2(!seen.contains(m_identity.deviceId().toUtf8()), "our device id reached the hostile listener");
    }

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions o;
        o.level = LogLevel::Debug;
        logging::init(o);
        QString why;
        if (!testsupport::OtherUserScript::available(&why))
            QSKIP(qPrintable(why));
        // The listener writes its log as nobody: the directory must be reachable for it.
        QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) | QFileDevice::ExeOther);
    }

    // The client: a listener of another user answers the WebSocket and sends a challenge; the
    // client refuses to authenticate and names who holds the port.
    void clientNeverAuthenticatesToAnotherUser()
    {
        const quint16 port = testsupport::freeTcpPort();
        HostileListener hostile(m_dir.path(), port);
        QVERIFY(hostile.waitListening());
        GatewayClient c;
        c.setCredentials(m_token, m_identity);
        QSignalSpy failed(&c, &GatewayClient::connectFailed);
        QSignalSpy connected(&c, &GatewayClient::connected);
        c.connectToGateway(port);
        QVERIFY(failed.wait(10000));
        QCOMPARE(connected.count(), 0);
        const auto f = failed.first().first().value<ConnectFailure>();
        QCOMPARE(f.kind, ConnectFailure::Kind::UntrustedPeer);
        QVERIFY2(f.message.english().contains(QStringLiteral("user nobody")) || f.message.english().contains(QStringLiteral("user 65534")),
                 qPrintable(f.message.english()));
        QVERIFY2(f.message.english().contains(QStringLiteral("pid %1").arg(hostile.pid())) || f.message.english().contains(QStringLiteral("python3")),
                 qPrintable(f.message.english()));
        QTest::qWait(200); // let the listener write what it got (the close frame at most)
        const QByteArray seen = hostile.log();
        QVERIFY2(seen.contains("GET / HTTP/1.1"), seen.constData()); // positive control: it was reached
        verifyNoSecretReached(seen);
    }

    // The readiness probe: a "started" answer from another user's socket is not readiness.
    void probeDoesNotBelieveAnotherUser()
    {
        const quint16 port = testsupport::freeTcpPort();
        HostileListener hostile(m_dir.path(), port);
        QVERIFY(hostile.waitListening());
        ReadinessProbe probe;
        QSignalSpy done(&probe, &ReadinessProbe::finished);
        probe.probe(port, ReadinessProbe::Method::Startupz, 3000);
        QVERIFY(done.wait(5000));
        const auto r = done.first().first().value<ReadinessProbe::Result>();
        QVERIFY(!r.ready);
        QVERIFY(r.untrusted);
        QVERIFY(hostile.log().contains("GET /startupz"));
    }

    // The race from the issue: our gateway is still booting (not listening yet) when a listener
    // of another user binds the port. The supervisor never authenticates to it, reports who holds
    // the port, and treats it as a cause that can go away.
    void supervisorLosesTheRaceSafely()
    {
        const quint16 port = testsupport::freeTcpPort();
        ManagerConfig c;
        c.launch = testsupport::fakeGatewayOptions(
            port, {QStringLiteral("--fake-listen-delay-ms"), QStringLiteral("3000"), QStringLiteral("--fake-bind-retry-ms"),
                   QStringLiteral("500")},
            m_token);
        c.leasePath = m_dir.filePath(QStringLiteral("lease-%1.json").arg(port));
        c.readyPollMs = 20;
        c.readyTimeoutMs = 8000;
        c.process.stopGraceMs = 1000;
        c.startAttempts.retryDelayMs = 50;
        c.causePortPollMs = 100;
        GatewayManager m(c, m_identity);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().pid > 0; }, 10000));
        auto hostile = std::make_unique<HostileListener>(m_dir.path(), port);
        QVERIFY(hostile->waitListening());
        QVERIFY2(testsupport::waitFor([&] { return m.status().state == GatewayState::Error; }, 60000),
                 qPrintable(m.status().oneLine(0)));
        const GatewayProblem p = m.status().lastError;
        QVERIFY2(p.summary.english().contains(QStringLiteral("nobody")) || p.summary.english().contains(QStringLiteral("65534"))
                     || p.summary.english().contains(QString::number(hostile->pid())) || p.kind == ProblemKind::PortInUse,
                 qPrintable(problemKindName(p.kind) + QLatin1String(": ") + p.summary.english()));
        QVERIFY2(m.status().pendingAction.english().contains(QStringLiteral("waiting for port")), qPrintable(m.status().pendingAction.english()));
        QVERIFY(hostile->running()); // never touched
        QVERIFY(hostile->log().contains("GET /startupz")); // it was asked, and not believed
        verifyNoSecretReached(hostile->log());
        // The listener leaves: the supervisor starts again by itself.
        hostile.reset();
        QVERIFY2(testsupport::waitFor([&] { return m.status().state == GatewayState::Running; }, 30000),
                 qPrintable(m.status().oneLine(0)));
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 10000));
    }

    // A peer that sends an 8 MiB frame before the handshake is cut off at the frame header
    // (64 KiB limit until hello-ok), instead of being buffered and then waited out.
    void oversizedPreHandshakeFrameIsRefused()
    {
        const quint16 port = testsupport::freeTcpPort();
        HostileListener hostile(m_dir.path(), port, QStringLiteral("oversize"));
        QVERIFY(hostile.waitListening());
        GatewayClient c;
        auto cfg = c.config();
        cfg.challengeTimeoutMs = 8000;
        c.setConfig(cfg);
        c.setCredentials(m_token, m_identity);
        QSignalSpy failed(&c, &GatewayClient::connectFailed);
        c.connectToGateway(port);
        QVERIFY(failed.wait(10000));
        const auto f = failed.first().first().value<ConnectFailure>();
        QVERIFY2(f.kind != ConnectFailure::Kind::ChallengeTimeout, qPrintable(f.message.english()));
        verifyNoSecretReached(hostile.log());
    }
};

QTEST_GUILESS_MAIN(TestSupervisorHostilePeer)
#include "tst_supervisor_hostilepeer.moc"
