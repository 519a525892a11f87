// The control server in-process, with a real GatewayManager (and the fake gateway where a
// gateway is needed): socket safety, protocol robustness, lifecycle answers, log streaming.
#include "FakeGateway.h"
#include "TestSupport.h"
#include "control/ControlProtocol.h"
#include "control/ControlServer.h"
#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "supervisor/GatewayManager.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace clawtray;

namespace {

// A non-blocking client: the server runs in this thread, so waiting must spin the event loop.
class AsyncClient
{
public:
    bool connectTo(const QString& path)
    {
        m_socket.connectToServer(path);
        return m_socket.waitForConnected(3000);
    }
    void sendRaw(const QByteArray& bytes) { m_socket.write(bytes); }
    std::optional<ControlMessage> next(int timeoutMs = 5000)
    {
        testsupport::waitFor([&] { return (m_buffer += m_socket.readAll()).contains('\n'); }, timeoutMs);
        const qsizetype nl = m_buffer.indexOf('\n');
        if (nl < 0)
            return std::nullopt;
        const QByteArray line = m_buffer.left(nl);
        m_buffer.remove(0, nl + 1);
        return ControlProtocol::parseMessage(line);
    }
    ControlMessage request(const QString& cmd, const QJsonObject& args = {}, int timeoutMs = 15000)
    {
        const QString id = QString::number(++m_id);
        sendRaw(ControlProtocol::encodeRequest({id, cmd, args}));
        while (auto m = next(timeoutMs)) {
            if (m->kind == ControlMessage::Kind::Reply && m->id.toString() == id)
                return *m;
        }
        return ControlMessage::invalid(ControlErrorCode::Timeout, QStringLiteral("no reply"));
    }
    bool connected() const { return m_socket.state() == QLocalSocket::ConnectedState; }

private:
    QLocalSocket m_socket;
    QByteArray m_buffer;
    int m_id = 0;
};

// A socket file nobody listens on, as a crashed instance leaves it.
bool makeStaleSocket(const QString& path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    qstrncpy(addr.sun_path, QFile::encodeName(path).constData(), sizeof addr.sun_path);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

// A raw, non-blocking client socket: a client that writes without ever reading.
int connectNonBlocking(const QString& path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    qstrncpy(addr.sun_path, QFile::encodeName(path).constData(), sizeof addr.sun_path);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

class TestControlServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeviceIdentity m_identity = *DeviceIdentity::generate();

    QString socketPath(const QString& name) const { return m_dir.filePath(QStringLiteral("run/%1.sock").arg(name)); }

    ManagerConfig config(const QStringList& fakeArgs = {})
    {
        ManagerConfig c;
        c.launch = testsupport::fakeGatewayOptions(testsupport::freeTcpPort(), fakeArgs);
        c.leasePath = m_dir.filePath(QStringLiteral("lease-%1.json").arg(c.launch.port));
        c.readyPollMs = 20;
        c.readyTimeoutMs = 10000;
        c.process.stopGraceMs = 1000;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions lo;
        lo.level = LogLevel::Debug;
        logging::init(lo);
    }

    void listenMakesAPrivateSocket()
    {
        ControlServer server(nullptr);
        const QString path = socketPath(QStringLiteral("private"));
        const Done listening = server.listen(path);
        QVERIFY2(listening, qPrintable(listening.error().english()));
        QCOMPARE(testsupport::fileMode(QFileInfo(path).absolutePath()), 0700);
        QCOMPARE(testsupport::fileMode(path), 0600);
        server.close();
        QVERIFY(!QFileInfo::exists(path));
    }

    void aLiveInstanceKeepsItsSocket()
    {
        const QString path = socketPath(QStringLiteral("live"));
        ControlServer first(nullptr);
        QVERIFY(first.listen(path));
        ControlServer second(nullptr);
        const Done refused = second.listen(path);
        QVERIFY(!refused);
        QVERIFY(second.addressInUse());
        QVERIFY(refused.error().english().contains(QStringLiteral("already running")));
        AsyncClient c;
        QVERIFY(c.connectTo(path));
        QCOMPARE(c.request(QStringLiteral("status")).error.code, QString::fromLatin1(ControlErrorCode::NotReady));
    }

    void aStaleSocketIsReplaced()
    {
        const QString path = socketPath(QStringLiteral("stale"));
        QVERIFY(makeStaleSocket(path));
        QVERIFY(!ControlServer::isServing(path));
        ControlServer server(nullptr);
        const Done listening = server.listen(path);
        QVERIFY2(listening, qPrintable(listening.error().english()));
        QVERIFY(ControlServer::isServing(path));
    }

    void refusesUnsafePlaces()
    {
        ControlServer server(nullptr);
        const QString file = socketPath(QStringLiteral("file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const Done notASocket = server.listen(file);
        QVERIFY(!notASocket);
        QVERIFY(!server.addressInUse());
        QVERIFY(notASocket.error().english().contains(QStringLiteral("not a socket")));
        QVERIFY(QFileInfo::exists(file)); // never deleted
        const QString open = m_dir.filePath(QStringLiteral("open"));
        QVERIFY(QDir().mkpath(open));
        QFile::setPermissions(open, QFile::permissions(open) | QFileDevice::WriteOther);
        const Done openDir = server.listen(open + QStringLiteral("/c.sock"));
        QVERIFY(!openDir);
        QVERIFY(openDir.error().english().contains(QStringLiteral("writable by nobody else")));
        QVERIFY(!server.listen(QStringLiteral("relative.sock")));
    }

    void malformedAndOversizedRequests()
    {
        GatewayManager manager(config(), m_identity);
        ControlServer server(&manager);
        const QString path = socketPath(QStringLiteral("robust"));
        QVERIFY(server.listen(path));
        AsyncClient bad, good;
        QVERIFY(bad.connectTo(path) && good.connectTo(path));
        const QList<std::pair<QByteArray, const char*>> cases = {
            {"{oops\n", ControlErrorCode::BadJson},
            {"[1,2]\n", ControlErrorCode::BadJson},
            {"{\"id\":\"1\",\"cmd\":\"status\"}\n", ControlErrorCode::BadVersion},
            {"{\"v\":1,\"cmd\":\"status\"}\n", ControlErrorCode::BadRequest},
            {"{\"v\":1,\"id\":\"2\",\"cmd\":\"status\",\"args\":[]}\n", ControlErrorCode::BadRequest},
            {"{\"v\":1,\"id\":\"3\",\"cmd\":\"launch-rockets\"}\n", ControlErrorCode::UnknownCommand},
            {"{\"v\":1,\"id\":\"4\",\"cmd\":\"logs\",\"args\":{\"n\":-1}}\n", ControlErrorCode::BadArgs},
            {"{\"v\":1,\"id\":\"5\",\"cmd\":\"restart\",\"args\":{\"safe\":true,\"force\":true}}\n",
             ControlErrorCode::BadArgs},
        };
        for (const auto& [line, code] : cases) {
            bad.sendRaw(line);
            const auto m = bad.next();
            QVERIFY2(m && m->kind == ControlMessage::Kind::Reply && !m->ok, line.constData());
            QCOMPARE(m->error.code, QString::fromLatin1(code));
        }
        QCOMPARE(bad.request(QStringLiteral("status")).ok, true); // the same connection carries on
        bad.sendRaw(QByteArray(ControlProtocol::kMaxRequestBytes * 2, 'x'));
        const auto tooLarge = bad.next();
        QVERIFY(tooLarge);
        QCOMPARE(tooLarge->error.code, QString::fromLatin1(ControlErrorCode::TooLarge));
        QTRY_VERIFY(!bad.connected());
        const ControlMessage st = good.request(QStringLiteral("status"));
        QVERIFY(st.ok);
        QCOMPARE(st.result.value(QLatin1String("gateway")).toObject().value(QLatin1String("state")).toString(),
                 QStringLiteral("stopped"));
    }

    void lifecycleAnswersAtTheEndState()
    {
        GatewayManager manager(config(), m_identity);
        ControlServer server(&manager);
        QVERIFY(server.listen(socketPath(QStringLiteral("life"))));
        AsyncClient c;
        QVERIFY(c.connectTo(server.socketPath()));
        ControlMessage m = c.request(QStringLiteral("start"));
        QVERIFY2(m.ok, qPrintable(m.error.message));
        const QJsonObject st = m.result.value(QLatin1String("status")).toObject();
        QCOMPARE(st.value(QLatin1String("state")).toString(), QStringLiteral("running"));
        QCOMPARE(manager.status().state, GatewayState::Running);
        const qint64 pid = st.value(QLatin1String("pid")).toInteger();
        m = c.request(QStringLiteral("restart"));
        QVERIFY(m.ok);
        QVERIFY(m.result.value(QLatin1String("status")).toObject().value(QLatin1String("pid")).toInteger() != pid);
        m = c.request(QStringLiteral("stop"));
        QVERIFY(m.ok);
        QCOMPARE(manager.status().state, GatewayState::Stopped);
    }

    void failuresAndTimeoutsCarryTheStatus()
    {
        ManagerConfig broken = config();
        broken.launch.nodePath = m_dir.filePath(QStringLiteral("no-such-node"));
        GatewayManager failing(broken, m_identity);
        ControlServer server(&failing);
        QVERIFY(server.listen(socketPath(QStringLiteral("fail"))));
        AsyncClient c;
        QVERIFY(c.connectTo(server.socketPath()));
        ControlMessage m = c.request(QStringLiteral("start"));
        QVERIFY(!m.ok);
        QCOMPARE(m.error.code, QString::fromLatin1(ControlErrorCode::Failed));
        QVERIFY(!m.error.message.isEmpty());
        QCOMPARE(m.error.details.value(QLatin1String("status")).toObject().value(QLatin1String("state")).toString(),
                 QStringLiteral("error"));

        GatewayManager slow(config({QStringLiteral("--fake-listen-delay-ms"), QStringLiteral("5000")}), m_identity);
        server.setManager(&slow);
        m = c.request(QStringLiteral("start"), {{QStringLiteral("timeoutMs"), 200}});
        QCOMPARE(m.error.code, QString::fromLatin1(ControlErrorCode::Timeout));
        QCOMPARE(m.error.details.value(QLatin1String("status")).toObject().value(QLatin1String("state")).toString(),
                 QStringLiteral("starting"));
        QVERIFY(c.request(QStringLiteral("stop")).ok);
        server.setManager(nullptr);
    }

    void logsFollowStreamsNewLines()
    {
        GatewayManager manager(config(), m_identity);
        ControlServer server(&manager);
        QVERIFY(server.listen(socketPath(QStringLiteral("logs"))));
        AsyncClient c;
        QVERIFY(c.connectTo(server.socketPath()));
        logInfo(QStringLiteral("before the follow"));
        const ControlMessage m =
            c.request(QStringLiteral("logs"), {{QStringLiteral("n"), 1}, {QStringLiteral("follow"), true}});
        QVERIFY(m.ok);
        const QJsonArray backlog = m.result.value(QLatin1String("lines")).toArray();
        QCOMPARE(backlog.size(), 1);
        QVERIFY(backlog.at(0)
                    .toObject()
                    .value(QLatin1String("text"))
                    .toString()
                    .contains(QStringLiteral("before the follow")));
        logInfo(QStringLiteral("after the follow"));
        const auto streamed = c.next();
        QVERIFY(streamed && streamed->kind == ControlMessage::Kind::Stream);
        QCOMPARE(streamed->stream, QStringLiteral("log"));
        QCOMPARE(streamed->id, m.id);
        QVERIFY(streamed->data.value(QLatin1String("text")).toString().contains(QStringLiteral("after the follow")));
        QVERIFY(streamed->data.value(QLatin1String("seq")).toInteger() >
                backlog.at(0).toObject().value(QLatin1String("seq")).toInteger());
    }

    // A client that connects and says nothing is closed after the idle timeout; one that follows
    // the log is not, however quiet the log is.
    void idleConnectionsAreClosed()
    {
        GatewayManager manager(config(), m_identity);
        ControlServer server(&manager);
        server.setIdleTimeoutMs(300);
        QVERIFY(server.listen(socketPath(QStringLiteral("idle"))));
        AsyncClient silent, follower;
        QVERIFY(silent.connectTo(server.socketPath()) && follower.connectTo(server.socketPath()));
        QVERIFY(follower.request(QStringLiteral("logs"), {{QStringLiteral("n"), 1}, {QStringLiteral("follow"), true}}).ok);
        QTRY_VERIFY_WITH_TIMEOUT(!silent.connected(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 5000);
        QTest::qWait(1000); // three idle periods: the follower must still be there
        QVERIFY(follower.connected());
        QCOMPARE(server.clientCount(), 1);

        // A client that floods requests and never takes an answer: paused at the output cap, then
        // dropped once a whole idle period passed without it reading anything.
        const int fd = connectNonBlocking(server.socketPath());
        QVERIFY(fd >= 0);
        QByteArray flood;
        for (int i = 0; i < 3000; ++i)
            flood += ControlProtocol::encodeRequest({QString::number(i), QStringLiteral("diagnostics"), {}});
        QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 2, 5000);
        QElapsedTimer clock;
        clock.start();
        while (server.clientCount() == 2 && clock.elapsed() < 10000) {
            if (!flood.isEmpty()) {
                const ssize_t n = ::write(fd, flood.constData(), size_t(qMin<qsizetype>(flood.size(), 65536)));
                if (n > 0)
                    flood.remove(0, n);
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        }
        QCOMPARE(server.clientCount(), 1);
        QVERIFY(follower.connected());
        ::close(fd);
    }

    // A client that pipelines thousands of requests and never reads: the server stops reading its
    // requests once a few MiB of answers wait, so memory stays bounded and the kernel pushes back;
    // what it did make ClawTray log is capped; once the client reads, every answer arrives in order.
    // Before the fix the answers piled up without bound (23 -> 268 MB RSS for 15 000 diagnostics
    // through `ctl`; here 1 500 padded requests left ~20 MB waiting) and filled the log ring.
    void pipelinedFloodIsBoundedAndLosesNothing()
    {
        GatewayManager manager(config(), m_identity);
        ControlServer server(&manager);
        QVERIFY(server.listen(socketPath(QStringLiteral("flood"))));
        logInfo(QStringLiteral("flood: history before the flood"));
        const int fd = connectNonBlocking(server.socketPath());
        QVERIFY(fd >= 0);
        // Few enough answers to stay quick under ASan (each is a full diagnostics snapshot); padded
        // requests, so that far more arrives than the server may hold unread. Unbounded, 1500
        // answers are ~20 MB waiting; the cap is 4 MiB.
        QByteArray pending;
        const int requests = 1500;
        const QJsonObject padded{{QStringLiteral("pad"), QString(2048, QLatin1Char('p'))}};
        for (int i = 1; i <= requests; ++i)
            pending += ControlProtocol::encodeRequest({QString::number(i), QStringLiteral("diagnostics"), padded});
        qint64 peak = 0;
        qint64 peakInput = 0;
        QElapsedTimer stalled;
        stalled.start();
        // Write until everything is sent or the server has pushed back for two seconds.
        while (!pending.isEmpty() && stalled.elapsed() < 2000) {
            const ssize_t n = ::write(fd, pending.constData(), size_t(qMin<qsizetype>(pending.size(), 65536)));
            if (n > 0) {
                pending.remove(0, n);
                stalled.restart();
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            peak = qMax(peak, server.pendingOutputBytes());
            peakInput = qMax(peakInput, server.pendingInputBytes());
        }
        // Whatever the kernel buffers on the client's behalf, ClawTray holds little of it: a bounded
        // read buffer plus one partial line, while the answers stay under the cap.
        QVERIFY2(peakInput <= 4 * ControlProtocol::kMaxRequestBytes, qPrintable(QString::number(peakInput)));
        QVERIFY2(peak >= ControlSession::kMaxPendingOutputBytes, "the flood never reached the cap: the test proves nothing");
        QVERIFY2(peak <= ControlSession::kMaxPendingOutputBytes + 1024 * 1024, qPrintable(QString::number(peak)));
        int logged = 0;
        bool historyKept = false;
        for (const LogLine& l : logging::ring().lines(int(logging::ring().capacity()))) {
            logged += l.text.contains(QLatin1String("control: diagnostics requested"));
            historyKept |= l.text.contains(QLatin1String("flood: history before the flood"));
        }
        // The flood may straddle two rate windows; unlimited, it logged one line per request.
        QVERIFY2(logged <= 2 * kControlLogBurst, qPrintable(QString::number(logged)));
        QVERIFY(historyKept);

        // Now read: the rest of the requests go in as the answers come out, none lost or reordered.
        QByteArray in;
        int answered = 0;
        bool inOrder = true;
        QElapsedTimer quiet;
        quiet.start();
        while (answered < requests && quiet.elapsed() < 10000) {
            if (!pending.isEmpty()) {
                const ssize_t n = ::write(fd, pending.constData(), size_t(qMin<qsizetype>(pending.size(), 65536)));
                if (n > 0)
                    pending.remove(0, n);
            }
            char buf[65536];
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n > 0) {
                in.append(buf, int(n));
                quiet.restart();
            }
            qsizetype nl;
            while ((nl = in.indexOf('\n')) >= 0) {
                const ControlMessage m = ControlProtocol::parseMessage(in.left(nl));
                in.remove(0, nl + 1);
                ++answered;
                inOrder &= m.ok && m.id.toString() == QString::number(answered);
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            peak = qMax(peak, server.pendingOutputBytes());
        }
        ::close(fd);
        QCOMPARE(answered, requests);
        QVERIFY(inOrder);
        QVERIFY2(peak <= ControlSession::kMaxPendingOutputBytes + 1024 * 1024, qPrintable(QString::number(peak)));
    }

    void secretsNeverLeave()
    {
        const QString secret = QStringLiteral("s3cret-gateway-token-value");
        Redactor::instance().addSecret(secret);
        const QJsonObject in{
            {QStringLiteral("token"), QStringLiteral("abc")},
            {QStringLiteral("tokenStorage"), QStringLiteral("file")},
            {QStringLiteral("nested"), QJsonObject{{QStringLiteral("gatewayToken"), QStringLiteral("xyz")}}},
            {QStringLiteral("lines"),
             QJsonArray{QStringLiteral("url #token=%1").arg(secret), QStringLiteral("env TOKEN=%1").arg(secret)}}};
        const QByteArray line = ControlProtocol::encodeReply(QStringLiteral("1"), in);
        QVERIFY(!line.contains(secret.toUtf8()));
        const ControlMessage m = ControlProtocol::parseMessage(line.trimmed()); // still valid JSON
        QVERIFY(m.ok);
        QCOMPARE(m.result.value(QLatin1String("token")).toString(), QString::fromLatin1(Redactor::kMask));
        QCOMPARE(m.result.value(QLatin1String("tokenStorage")).toString(), QStringLiteral("file"));
        QCOMPARE(m.result.value(QLatin1String("nested")).toObject().value(QLatin1String("gatewayToken")).toString(),
                 QString::fromLatin1(Redactor::kMask));
        QCOMPARE(m.result.value(QLatin1String("lines")).toArray().size(), 2);
        Redactor::instance().removeSecret(secret);
    }
};

QTEST_GUILESS_MAIN(TestControlServer)
#include "tst_control_server.moc"
