#include "process/linux/LinuxProcessHost.h"
#include "process/PortInspector.h"
#include "process/ProcTable.h"
#include "process/StaleGatewayReaper.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <unistd.h>

using namespace clawtray;

class TestProcessPort : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesProcNetTcp()
    {
        const QByteArray text =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
            "   0: 0100007F:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11111 1 0 100 0 0 10 0\n"
            "   1: 0100007F:4965 0100007F:D3A2 01 00000000:00000000 00:00000000 00000000     0        0 22222 1 0 20 4 30 10 -1\n"
            "   2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 33333 1 0 100 0 0 10 0\n";
        QCOMPARE(HostPortInspector::listeningInodes(LinuxProcessHost::parseTcpTable(text), 0x4965), QList<quint64>{11111});
        QCOMPARE(HostPortInspector::listeningInodes(LinuxProcessHost::parseTcpTable(text), 0x1F90), QList<quint64>{33333});
        QVERIFY(HostPortInspector::listeningInodes(LinuxProcessHost::parseTcpTable(text), 1234).isEmpty());
        QVERIFY(HostPortInspector::listeningInodes(LinuxProcessHost::parseTcpTable("garbage\n\n x y z"), 1).isEmpty());
    }

    void findsOwnListener()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const auto report = PortInspector::create()->inspect(server.serverPort());
        QCOMPARE(report.status, PortReport::Status::Busy);
        QCOMPARE(report.listeners.size(), 1);
        QCOMPARE(report.listeners.first().pid, ::getpid());
        QVERIFY(!report.listeners.first().isOpenClawGateway);
        QVERIFY(!PortInspector::canBind(server.serverPort()));
        const quint16 port = server.serverPort();
        server.close();
        QCOMPARE(PortInspector::create()->inspect(port).status, PortReport::Status::Free);
    }

    // ClawTray never signals itself or its ancestors, even when they hold the port.
    void neverTouchesItself()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        StaleGatewayReaper reaper;
        QSignalSpy spy(&reaper, &StaleGatewayReaper::finished);
        StaleGatewayReaper::Request req;
        req.port = server.serverPort();
        req.takeOverForeignGateway = true;
        reaper.run(req);
        QTRY_COMPARE(spy.count(), 1);
        const auto r = spy.first().first().value<StaleGatewayReaper::Result>();
        QCOMPARE(r.outcome, StaleGatewayReaper::Result::Outcome::ForeignProcess);
        QVERIFY(r.message.english().contains(QLatin1String("own process tree")));
        QCOMPARE(r.killed, 0);
        QVERIFY(StaleGatewayReaper::protectedPids().contains(::getppid()));
    }

    // The gateway binds ::1 as well: a listener there alone makes the port unusable, and the
    // fast "can I bind it" answer must not miss it.
    void ipv6OnlyListenerMakesThePortBusy()
    {
        QTcpServer v6;
        if (!v6.listen(QHostAddress::LocalHostIPv6, 0))
            QSKIP("no IPv6 loopback on this machine");
        QVERIFY(!PortInspector::canBind(v6.serverPort()));
        const auto report = PortInspector::create()->inspect(v6.serverPort());
        QCOMPARE(report.status, PortReport::Status::Busy);
        QCOMPARE(report.listeners.size(), 1);
        QCOMPARE(report.listeners.first().pid, ::getpid());
    }

    void recognisesGatewayCommandLines()
    {
        QVERIFY(proctable::looksLikeOpenClawGateway({QStringLiteral("openclaw-gateway")}));
        QVERIFY(proctable::looksLikeOpenClawGateway({QStringLiteral("/rt/node"), QStringLiteral("--disable-sigusr1"),
                                                     QStringLiteral("/rt/openclaw/openclaw.mjs"), QStringLiteral("gateway"),
                                                     QStringLiteral("run")}));
        QVERIFY(!proctable::looksLikeOpenClawGateway({QStringLiteral("python3"), QStringLiteral("-m"), QStringLiteral("http.server")}));
        QVERIFY(!proctable::looksLikeOpenClawGateway({QStringLiteral("node"), QStringLiteral("openclaw.mjs"), QStringLiteral("doctor")}));
        QVERIFY(!proctable::looksLikeOpenClawGateway({}));
        // One-shot CLI commands against a gateway are not one.
        QVERIFY(!proctable::looksLikeOpenClawGateway({QStringLiteral("node"), QStringLiteral("openclaw.mjs"), QStringLiteral("gateway"),
                                                      QStringLiteral("restart-handoff"), QStringLiteral("capabilities")}));
        QVERIFY(proctable::looksLikeOpenClawGateway({QStringLiteral("node"), QStringLiteral("openclaw.mjs"), QStringLiteral("gateway"),
                                                     QStringLiteral("--port"), QStringLiteral("18789")}));
        QVERIFY(proctable::looksLikeOpenClawGateway({QStringLiteral("node"), QStringLiteral("openclaw.mjs"), QStringLiteral("gateway")}));
    }
};

QTEST_GUILESS_MAIN(TestProcessPort)
#include "tst_process_port.moc"
