// The process layer asks one interface, ProcessHost, and never the system itself (docs/ARCHITECTURE.md,
// "Where OS code lives"): with a scripted host in place — a process table of its own, no /proc —
// the table's helpers, the identity-checked signals and the port inspector answer from the script
// alone. A helper that still read the system would see this test's real processes instead.
#include "process/PortInspector.h"
#include "process/ProcTable.h"
#include "process/ProcessSignal.h"

#include <QTcpServer>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <unistd.h>

using namespace clawtray;

namespace {

// A machine of four processes: 900 (a shell) → 901 (the gateway, group 901) → 902 (its helper),
// and 950, another user's listener. None of these pids need exist on the real system.
class ScriptedHost final : public ProcessHost
{
public:
    QHash<pid_t, ProcInfo> table;
    QHash<pid_t, QByteArray> environment; // "NAME=VALUE" entries, one per process
    QHash<pid_t, QList<quint64>> sockets;
    QList<TcpSocketEntry> tcp;
    mutable QList<QPair<pid_t, int>> signalled; // (pid or -group, signal), however it was sent
    mutable int handlesOpen = 0;

    ScriptedHost()
    {
        add(900, 1, 900, {QStringLiteral("bash")});
        add(901, 900, 901, {QStringLiteral("openclaw-gateway")});
        add(902, 901, 901, {QStringLiteral("node"), QStringLiteral("worker.js")});
        add(950, 1, 950, {QStringLiteral("python3"), QStringLiteral("-m"), QStringLiteral("http.server")});
        table[950].uid = ::getuid() + 1;
        environment[901] = "CLAWTRAY_GATEWAY_LEASE=tag-1";
        environment[902] = "CLAWTRAY_GATEWAY_LEASE=tag-1";
        sockets[901] = {7001};
        sockets[950] = {7050};
        tcp = {{18789, 0, 0x0A, ::getuid(), 7001}, {28789, 0, 0x0A, ::getuid() + 1, 7050}};
    }
    void add(pid_t pid, pid_t ppid, pid_t pgid, const QStringList& cmd)
    {
        ProcInfo p;
        p.pid = pid;
        p.ppid = ppid;
        p.pgid = pgid;
        p.state = 'S';
        p.startTime = quint64(pid) * 10;
        p.uid = ::getuid();
        p.cmdline = cmd;
        table.insert(pid, p);
    }

    std::optional<ProcInfo> read(pid_t pid) const override
    {
        return table.contains(pid) ? std::optional<ProcInfo>(table.value(pid)) : std::nullopt;
    }
    QList<pid_t> allPids() const override { return table.keys(); }
    bool alive(pid_t pid) const override { return table.contains(pid) && !table.value(pid).isZombie(); }
    bool exiting(pid_t pid) const override { return !alive(pid); }
    qint64 startedAtEpochMs(pid_t pid) const override { return alive(pid) ? 1000 * pid : 0; }
    QList<pid_t> groupMembers(pid_t pgid) const override
    {
        QList<pid_t> out;
        for (const ProcInfo& p : table)
            if (p.pgid == pgid && !p.isZombie())
                out << p.pid;
        return out;
    }
    QList<pid_t> withEnvironment(const QByteArray& name, const QByteArray& value) const override
    {
        QList<pid_t> out;
        for (auto it = environment.cbegin(); it != environment.cend(); ++it)
            if (it.value() == name + '=' + value && alive(it.key()))
                out << it.key();
        return out;
    }
    bool hasEnvironment(pid_t pid, const QByteArray& name, const QByteArray& value) const override
    {
        return environment.value(pid) == name + '=' + value;
    }
    QString bootId() const override { return QStringLiteral("scripted-boot"); }
    QList<quint64> socketInodes(pid_t pid) const override { return sockets.value(pid); }
    std::optional<QList<TcpSocketEntry>> tcpSockets() const override { return tcp; }
    std::optional<TcpSocketEntry> lookupLoopbackV4(quint16, quint16) const override { return std::nullopt; }
    int openHandle(pid_t pid) const override
    {
        if (!table.contains(pid)) {
            errno = ESRCH;
            return -1;
        }
        ++handlesOpen;
        return int(pid) + 100000; // a handle that names its process, for the script
    }
    int signalHandle(int handle, int sig) const override
    {
        signalled << qMakePair(pid_t(handle - 100000), sig);
        return 0;
    }
    void closeHandle(int handle) const override
    {
        if (handle >= 0)
            --handlesOpen;
    }
    int signal(pid_t pidOrMinusGroup, int sig) const override
    {
        signalled << qMakePair(pidOrMinusGroup, sig);
        return 0;
    }
    void prepareChild(pid_t, bool) const override {}
    void makeGroupLeader(pid_t) const override {}
    int openExitWatch(pid_t) const override { return -1; }
    std::string ownExecutableDir() const override { return "/scripted/"; }
};

} // namespace

class TestProcessHost : public QObject
{
    Q_OBJECT

    ScriptedHost m_host;

private Q_SLOTS:
    void init()
    {
        m_host.signalled.clear();
        ProcessHost::setCurrentForTesting(&m_host);
    }
    void cleanup() { ProcessHost::setCurrentForTesting(nullptr); }

    void theTableAndItsHelpersAnswerFromTheHost()
    {
        QCOMPARE(proctable::read(901)->cmdline, QStringList{QStringLiteral("openclaw-gateway")});
        QVERIFY(proctable::alive(902));
        QVERIFY(!proctable::alive(::getpid())); // this very process is not in the script
        QCOMPARE(proctable::ancestorsOf(902), (QList<pid_t>{901, 900, 1}));
        QList<pid_t> below = proctable::descendantsOf(900);
        std::sort(below.begin(), below.end());
        QCOMPARE(below, (QList<pid_t>{901, 902}));
        QVERIFY(proctable::aliveWithStartTime(901, 9010));
        QVERIFY(!proctable::aliveWithStartTime(901, 1));
        QCOMPARE(proctable::holderOfSocket(7050), pid_t(950));
        QCOMPARE(proctable::bootId(), QStringLiteral("scripted-boot"));
        QList<pid_t> tagged = proctable::withEnvironment("CLAWTRAY_GATEWAY_LEASE", "tag-1");
        std::sort(tagged.begin(), tagged.end());
        QCOMPARE(tagged, (QList<pid_t>{901, 902}));
        QCOMPARE(ownExecutableDirForTest(), std::string("/scripted/"));
    }

    void signalsGoThroughTheHostAfterTheIdentityCheck()
    {
        // The recorded start time does not match: nothing is sent, the handle is closed again.
        procsignal::Identity wrong;
        wrong.startTime = 1;
        QCOMPARE(procsignal::send(901, SIGTERM, wrong).outcome, procsignal::Outcome::NotOurs);
        QVERIFY(m_host.signalled.isEmpty());
        QCOMPARE(m_host.handlesOpen, 0);
        // Another user's process is never ours.
        QCOMPARE(procsignal::send(950, SIGTERM, {}).outcome, procsignal::Outcome::NotOurs);
        // Matching: sent through the handle on that very process.
        procsignal::Identity right;
        right.startTime = 9010;
        QVERIFY(procsignal::send(901, SIGTERM, right).sent());
        QCOMPARE(m_host.signalled, (QList<QPair<pid_t, int>>{{901, SIGTERM}}));
        QCOMPARE(m_host.handlesOpen, 0);
        // A group whose leader is not reaped yet gets one group signal.
        m_host.signalled.clear();
        procsignal::sendToChildGroup(901, true, SIGKILL);
        QCOMPARE(m_host.signalled, (QList<QPair<pid_t, int>>{{-901, SIGKILL}}));
        // Once reaped, each member is checked and signalled on its own.
        m_host.signalled.clear();
        QCOMPARE(procsignal::sendToGroup(901, SIGTERM, "tag-1"), 2);
        QCOMPARE(m_host.signalled.size(), 2);
    }

    void thePortInspectorFindsTheListenerThroughTheHost()
    {
        // A port really held on this machine, so the bind test says "busy"; the script says who.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        m_host.tcp = {{quint16(server.serverPort()), 0, 0x0A, ::getuid() + 1, 7050}};
        const PortReport report = PortInspector::create()->inspect(quint16(server.serverPort()));
        QCOMPARE(int(report.status), int(PortReport::Status::Busy));
        QCOMPARE(report.listeners.size(), 1);
        QCOMPARE(report.listeners.first().pid, pid_t(950));
        QVERIFY(!report.listeners.first().isOpenClawGateway);
    }

private:
    static std::string ownExecutableDirForTest() { return ProcessHost::current().ownExecutableDir(); }
};

QTEST_GUILESS_MAIN(TestProcessHost)
#include "tst_process_host.moc"
