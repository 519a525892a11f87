// Who accepted our connection: the token goes only to a peer the kernel says is ours.
#include "process/linux/LinuxProcessHost.h"
#include "process/PeerCheck.h"

#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <unistd.h>

using namespace clawtray;

class TestProcessPeerCheck : public QObject
{
    Q_OBJECT

private slots:
    void parsesTheTable()
    {
        const QByteArray text =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
            "   0: 0100007F:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0\n"
            "   1: 0100007F:4965 0100007F:D431 01 00000000:00000000 00:00000000 00000000 65534        0 2222 1 0\n"
            "   2: 0100007F:D431 0100007F:4965 01 00000000:00000000 00:00000000 00000000     0        0 3333 1 0\n"
            "garbage\n";
        const auto entries = LinuxProcessHost::parseTcpTable(text);
        QCOMPARE(entries.size(), 3);
        const auto server = peercheck::findServerEnd(entries, 0x4965, 0xD431);
        QVERIFY(server.has_value());
        QCOMPARE(server->inode, quint64(2222));
        QCOMPARE(server->uid, uid_t(65534));
        // The listener and our own end are never taken for the server end.
        QVERIFY(!peercheck::findServerEnd(entries, 0x4965, 0x1234).has_value());
    }

    // A real loopback connection to a listener in this process: same uid, held by our pid.
    void verifiesARealConnection()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(client.waitForConnected(2000));
        QVERIFY(server.waitForNewConnection(2000));
        std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
        const PeerVerdict any = peercheck::verify(server.serverPort(), client.localPort(), 0);
        QVERIFY2(any.trusted, qPrintable(any.message));
        QCOMPARE(any.peer.pid, ::getpid());
        const PeerVerdict ours = peercheck::verify(server.serverPort(), client.localPort(), ::getpid());
        QVERIFY2(ours.trusted, qPrintable(ours.message));
        // Expecting another process (pid 1 is never us): refused, and the message names the holder.
        const PeerVerdict other = peercheck::verify(server.serverPort(), client.localPort(), 1);
        QVERIFY(!other.trusted);
        QVERIFY2(other.message.contains(QStringLiteral("pid %1").arg(::getpid())), qPrintable(other.message));
        QVERIFY(other.message.contains(QStringLiteral("not by ClawTray's gateway")));
    }

    // The fast path (sock_diag) finds the same server end the tables list: same inode and uid.
    void kernelLookupMatchesTheTables()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(client.waitForConnected(2000));
        QVERIFY(server.waitForNewConnection(2000));
        std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
        const auto fast = peercheck::kernelLookupLoopbackV4(server.serverPort(), client.localPort());
        QVERIFY2(fast.has_value(), "sock_diag gave no answer on this machine");
        QFile f(QStringLiteral("/proc/net/tcp"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto slow = peercheck::findServerEnd(LinuxProcessHost::parseTcpTable(f.readAll()), server.serverPort(), client.localPort());
        QVERIFY(slow.has_value());
        QCOMPARE(fast->inode, slow->inode);
        QCOMPARE(fast->uid, ::getuid());
        QCOMPARE(fast->localPort, server.serverPort());
        // A tuple nobody holds: nothing (then verify() falls back to the tables).
        QVERIFY(!peercheck::kernelLookupLoopbackV4(server.serverPort(), quint16(client.localPort() ^ 0x5555)));
    }
};

QTEST_GUILESS_MAIN(TestProcessPeerCheck)
#include "tst_process_peercheck.moc"
