// GatewayClient, LivenessMonitor and ReadinessProbe against the fake gateway fixture.
#include "client/GatewayClient.h"
#include "client/LivenessMonitor.h"
#include "client/ReadinessProbe.h"

#include "FakeGateway.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace clawtray;
using testsupport::FakeGateway;

class TestClientGateway : public QObject
{
    Q_OBJECT

    DeviceIdentity m_identity = *DeviceIdentity::generate();

    std::unique_ptr<GatewayClient> makeClient(const QString& token = testsupport::kFakeToken)
    {
        auto c = std::make_unique<GatewayClient>();
        auto cfg = c->config();
        cfg.challengeTimeoutMs = 2000;
        cfg.helloTimeoutMs = 2000;
        cfg.startingBudgetMs = 15000;
        c->setConfig(cfg);
        c->setCredentials(token, m_identity);
        return c;
    }

    static bool connectAndWait(GatewayClient& c, quint16 port)
    {
        QSignalSpy ok(&c, &GatewayClient::connected);
        QSignalSpy failed(&c, &GatewayClient::connectFailed);
        c.connectToGateway(port);
        return testsupport::waitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, 20000) && !ok.isEmpty();
    }

    // Synchronous call helper for tests.
    static CallResult callAndWait(GatewayClient& c, const QString& method, const QJsonObject& params = {}, int timeoutMs = 5000)
    {
        std::optional<CallResult> out;
        c.call(method, params, timeoutMs, [&](const CallResult& r) { out = r; });
        testsupport::waitFor([&] { return out.has_value(); }, timeoutMs + 5000);
        return out.value_or(CallResult{});
    }

private Q_SLOTS:
    void happyHandshake()
    {
        FakeGateway gw;
        QVERIFY(gw.start());
        auto c = makeClient();
        QVERIFY(connectAndWait(*c, gw.port()));
        QVERIFY(c->isConnected());
        QCOMPARE(c->hello().protocol, 4);
        QVERIFY(!c->hello().bootId.isEmpty());
        QVERIFY(c->hello().serverVersion.contains(QLatin1String("fake")));
        const CallResult health = callAndWait(*c, QStringLiteral("health"));
        QVERIFY2(health.ok(), qPrintable(health.message));
        const CallResult status = callAndWait(*c, QStringLiteral("status"));
        QVERIFY(status.ok());
        QCOMPARE(status.payload.toObject().value(QLatin1String("pid")).toInteger(), gw.pid());
        const CallResult unknown = callAndWait(*c, QStringLiteral("no.such.method"));
        QCOMPARE(unknown.status, CallResult::Status::GatewayError);
        QCOMPARE(unknown.error->code, QStringLiteral("INVALID_REQUEST"));
        QVERIFY(!unknown.isTransportFailure());
    }

    void callBeforeHandshakeFailsImmediately()
    {
        auto c = makeClient();
        bool called = false;
        CallResult got;
        c->call(QStringLiteral("health"), QJsonObject(), 1000, [&](const CallResult& r) {
            called = true;
            got = r;
        });
        QVERIFY(called);
        QCOMPARE(got.status, CallResult::Status::NotConnected);
    }

    void wrongTokenIsAuthFailureOnce()
    {
        FakeGateway gw;
        QVERIFY(gw.start());
        auto c = makeClient(QStringLiteral("wrong-token-9876543210"));
        QSignalSpy failed(c.get(), &GatewayClient::connectFailed);
        QSignalSpy retries(c.get(), &GatewayClient::startingRetry);
        c->connectToGateway(gw.port());
        QVERIFY(failed.wait(10000));
        const auto f = failed.first().first().value<ConnectFailure>();
        QCOMPARE(f.kind, ConnectFailure::Kind::AuthRejected);
        QCOMPARE(f.attempts, 1);
        QVERIFY(f.error && f.error->detailsCode == QLatin1String("AUTH_TOKEN_MISMATCH"));
        QVERIFY(!f.retryable());
        QVERIFY(!f.message.isEmpty());
        QVERIFY(!f.action.isEmpty());
        QVERIFY(!f.message.english().contains(QLatin1String("wrong-token")));
        QTest::qWait(300); // nothing further may happen: no retry loop
        QCOMPARE(failed.count(), 1);
        QCOMPARE(retries.count(), 0);
        QVERIFY(!c->isConnected());
    }

    void startingIsRetriedThenConnects()
    {
        FakeGateway gw({QStringLiteral("--fake-starting-ms"), QStringLiteral("1500"), QStringLiteral("--fake-retry-after-ms"), QStringLiteral("200")});
        QVERIFY(gw.start(false));
        auto c = makeClient();
        QSignalSpy retries(c.get(), &GatewayClient::startingRetry);
        QVERIFY(connectAndWait(*c, gw.port()));
        QVERIFY2(retries.count() >= 2, qPrintable(QString::number(retries.count())));
    }

    void challengeNeverArrives()
    {
        FakeGateway gw({QStringLiteral("--fake-no-challenge")});
        QVERIFY(gw.start());
        auto c = makeClient();
        auto cfg = c->config();
        cfg.challengeTimeoutMs = 300;
        c->setConfig(cfg);
        QSignalSpy failed(c.get(), &GatewayClient::connectFailed);
        c->connectToGateway(gw.port());
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<ConnectFailure>().kind, ConnectFailure::Kind::ChallengeTimeout);
        QVERIFY(failed.first().first().value<ConnectFailure>().retryable());
    }

    void refusedPortIsSocketError()
    {
        auto c = makeClient();
        QSignalSpy failed(c.get(), &GatewayClient::connectFailed);
        c->connectToGateway(testsupport::freeTcpPort());
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<ConnectFailure>().kind, ConnectFailure::Kind::SocketError);
    }

    void thousandConcurrentCallsOutOfOrder()
    {
        FakeGateway gw;
        QVERIFY(gw.start());
        auto c = makeClient();
        QVERIFY(connectAndWait(*c, gw.port()));
        QVERIFY(callAndWait(*c, QStringLiteral("fake.outOfOrder"), {{QStringLiteral("count"), 1000}}).ok());
        const int n = 1000;
        QVector<int> got(n, -1);
        QVector<int> settled(n, 0);
        QStringList order;
        for (int i = 0; i < n; ++i)
            c->call(QStringLiteral("fake.echo"), QJsonObject{{QStringLiteral("i"), i}}, 20000, [&, i](const CallResult& r) {
                ++settled[i];
                if (r.ok())
                    got[i] = r.payload.toObject().value(QLatin1String("i")).toInt();
                order << QString::number(i);
            });
        QVERIFY(testsupport::waitFor([&] { return order.size() == n; }, 20000));
        for (int i = 0; i < n; ++i) {
            QCOMPARE(settled[i], 1);
            QCOMPARE(got[i], i);
        }
        QVERIFY2(order.first() != QLatin1String("0"), "responses were expected out of order");
        QCOMPARE(c->pendingCalls(), 0);
    }

    void timeoutSettlesOnce()
    {
        FakeGateway gw;
        QVERIFY(gw.start());
        auto c = makeClient();
        QVERIFY(connectAndWait(*c, gw.port()));
        QVERIFY(callAndWait(*c, QStringLiteral("fake.drop"), {{QStringLiteral("method"), QStringLiteral("health")}}).ok());
        int count = 0;
        CallResult got;
        c->call(QStringLiteral("health"), QJsonObject(), 200, [&](const CallResult& r) {
            ++count;
            got = r;
        });
        QTRY_COMPARE_WITH_TIMEOUT(count, 1, 3000);
        QCOMPARE(got.status, CallResult::Status::Timeout);
        QCOMPARE(got.message, QStringLiteral("RPC timeout: health"));
        QVERIFY(got.isTransportFailure());
        QTest::qWait(200);
        QCOMPARE(count, 1);
    }

    void disconnectFailsEveryPendingCallOnce_data()
    {
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("local") << 0 << "gateway stopped";
        QTest::newRow("restart-1012") << 1012 << "gateway restarting";
        QTest::newRow("away-1001") << 1001 << "gateway stopped";
        QTest::newRow("normal-1000") << 1000 << "gateway stopped";
        QTest::newRow("dropped-1006") << 1006 << "gateway stopped"; // TCP closed, no close frame
    }
    void disconnectFailsEveryPendingCallOnce()
    {
        QFETCH(int, closeCode);
        QFETCH(QString, message);
        FakeGateway gw;
        QVERIFY(gw.start());
        auto c = makeClient();
        QVERIFY(connectAndWait(*c, gw.port()));
        QVERIFY(callAndWait(*c, QStringLiteral("fake.drop"), {{QStringLiteral("method"), QStringLiteral("health")}}).ok());
        QVector<int> counts(5, 0);
        QStringList messages;
        for (int i = 0; i < 5; ++i)
            c->call(QStringLiteral("health"), QJsonObject(), 30000, [&, i](const CallResult& r) {
                ++counts[i];
                QCOMPARE(r.status, CallResult::Status::Disconnected);
                messages << r.message;
            });
        QSignalSpy disc(c.get(), &GatewayClient::disconnected);
        if (closeCode == 0) {
            c->disconnectFromGateway();
        } else {
            if (closeCode == 1012) // as the gateway does: announce, then close with 1012
                QVERIFY(callAndWait(*c, QStringLiteral("fake.event"),
                                    {{QStringLiteral("event"), QStringLiteral("shutdown")},
                                     {QStringLiteral("payload"), QJsonObject{{QStringLiteral("reason"), QStringLiteral("gateway restarting")},
                                                                            {QStringLiteral("restartExpectedMs"), 1500}}}})
                            .ok());
            c->call(QStringLiteral("fake.close"), QJsonObject{{QStringLiteral("code"), closeCode}}, 5000, [](const CallResult&) {});
        }
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 5, 5000);
        for (int n : counts)
            QCOMPARE(n, 1);
        QCOMPARE(messages.first(), message);
        QTRY_COMPARE_WITH_TIMEOUT(disc.count(), 1, 3000);
        if (closeCode)
            QCOMPARE(disc.first().first().value<DisconnectInfo>().closeCode, closeCode);
    }

    void inProcessRestartGivesNewBootId()
    {
        FakeGateway gw({QStringLiteral("--fake-restart-delay-ms"), QStringLiteral("500")});
        QVERIFY(gw.start());
        auto c = makeClient();
        QVERIFY(connectAndWait(*c, gw.port()));
        const QString boot1 = c->hello().bootId;
        QSignalSpy shutdown(c.get(), &GatewayClient::shutdownNotice);
        QSignalSpy disc(c.get(), &GatewayClient::disconnected);
        const CallResult r = callAndWait(*c, QStringLiteral("gateway.restart.request"), {{QStringLiteral("reason"), QStringLiteral("test")}});
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.payload.toObject().value(QLatin1String("status")).toString(), QStringLiteral("scheduled"));
        QVERIFY(disc.wait(5000));
        QCOMPARE(shutdown.count(), 1);
        QCOMPARE(shutdown.first().at(1).toLongLong(), 1500);
        QCOMPARE(disc.first().first().value<DisconnectInfo>().closeCode, 1012);
        QVERIFY(connectAndWait(*c, gw.port())); // "starting" for a while, then accepted
        QVERIFY(c->hello().bootId != boot1);
        QCOMPARE(callAndWait(*c, QStringLiteral("status")).payload.toObject().value(QLatin1String("pid")).toInteger(), gw.pid());
    }

    void malformedFramesAreSurvived()
    {
        FakeGateway gw;
        QVERIFY(gw.start());
        auto c = makeClient();
        QVERIFY(connectAndWait(*c, gw.port()));
        QSignalSpy bad(c.get(), &GatewayClient::malformedFrame);
        for (const char* kind : {"notjson", "array", "noid", "unknowntype", "wrongtypes"})
            QVERIFY(callAndWait(*c, QStringLiteral("fake.malformed"), {{QStringLiteral("kind"), QString::fromLatin1(kind)}}).ok());
        QVERIFY(bad.count() >= 4);
        QVERIFY(c->isConnected());
        QVERIFY(callAndWait(*c, QStringLiteral("health")).ok());
    }

    void livenessSilenceGivesOneVerdict()
    {
        FakeGateway gw;
        QVERIFY(gw.start());
        auto c = makeClient();
        LivenessMonitor m(c.get());
        m.setConfig({50, 300, 200, QStringLiteral("health")});
        QSignalSpy verifying(&m, &LivenessMonitor::verifying);
        QSignalSpy verdict(&m, &LivenessMonitor::unresponsive);
        QSignalSpy missed(&m, &LivenessMonitor::missed);
        QVERIFY(connectAndWait(*c, gw.port()));
        QVERIFY(m.isActive());
        // The fake stops answering anything (no frames, no pongs) for 3 s.
        c->call(QStringLiteral("fake.hang"), QJsonObject{{QStringLiteral("ms"), 3000}}, 100, [](const CallResult&) {});
        QVERIFY(verdict.wait(3000));
        QCOMPARE(verifying.count(), 1);
        QVERIFY(missed.count() >= 2);
        QTest::qWait(500);
        QCOMPARE(verdict.count(), 1); // a single verdict, never repeated
    }

    // A gateway that talks (its tick) is not pinged: an idle ClawTray sends nothing. A quiet one
    // is pinged once per quiet interval, and its pongs keep it from counting as missed.
    void pingsOnlyWhenTheGatewayIsQuiet()
    {
        FakeGateway talking({QStringLiteral("--fake-tick-ms"), QStringLiteral("100")});
        QVERIFY(talking.start());
        auto c = makeClient();
        LivenessMonitor m(c.get());
        m.setConfig({300, 60000, 1000, QStringLiteral("health")});
        int ticks = 0;
        connect(c.get(), &GatewayClient::eventReceived, this, [&](const QString& e, const QJsonValue&) {
            ticks += e == QLatin1String("tick") ? 1 : 0;
        });
        QVERIFY(connectAndWait(*c, talking.port()));
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= 12, 5000); // > 3 ping intervals of ticks
        QCOMPARE(m.pingsSent(), 0);
        QCOMPARE(m.totalMisses(), 0);

        FakeGateway quiet({QStringLiteral("--fake-tick-ms"), QStringLiteral("600000")});
        QVERIFY(quiet.start());
        auto q = makeClient();
        LivenessMonitor mq(q.get());
        mq.setConfig({100, 60000, 1000, QStringLiteral("health")});
        QVERIFY(connectAndWait(*q, quiet.port()));
        QTRY_VERIFY_WITH_TIMEOUT(mq.pingsSent() >= 4, 5000);
        QCOMPARE(mq.totalMisses(), 0); // every ping was answered
    }

    void trafficDuringVerificationCancelsIt()
    {
        FakeGateway gw;
        QVERIFY(gw.start());
        auto c = makeClient();
        LivenessMonitor m(c.get());
        m.setConfig({100000, 300, 1000, QStringLiteral("health")}); // no pings: silence is guaranteed
        QSignalSpy verified(&m, &LivenessMonitor::verified);
        QSignalSpy verdict(&m, &LivenessMonitor::unresponsive);
        QVERIFY(connectAndWait(*c, gw.port()));
        QVERIFY(callAndWait(*c, QStringLiteral("fake.drop"), {{QStringLiteral("method"), QStringLiteral("health")}}).ok());
        QSignalSpy verifying(&m, &LivenessMonitor::verifying);
        QVERIFY(verifying.wait(3000));
        QVERIFY(m.isVerifying());
        // Any traffic, e.g. an unrelated answer, proves the gateway alive.
        QVERIFY(callAndWait(*c, QStringLiteral("fake.echo")).ok());
        QCOMPARE(verified.count(), 1);
        QVERIFY(!m.isVerifying());
        QTest::qWait(1300); // the dropped probe's timeout passes: its late failure is ignored
        QCOMPARE(verdict.count(), 0);
    }

    void readinessProbes()
    {
        FakeGateway gw({QStringLiteral("--fake-starting-ms"), QStringLiteral("1000")});
        QVERIFY(gw.start(false));
        ReadinessProbe probe;
        QSignalSpy done(&probe, &ReadinessProbe::finished);
        probe.probe(gw.port(), ReadinessProbe::Method::Readyz, 2000);
        QVERIFY(done.wait(3000));
        auto r = done.takeFirst().first().value<ReadinessProbe::Result>();
        QVERIFY(r.reachable);
        QVERIFY(!r.ready);
        QCOMPARE(r.httpStatus, 503);
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            probe.probe(gw.port(), ReadinessProbe::Method::Readyz, 1000);
            done.wait(2000);
            return !done.isEmpty() && done.takeFirst().first().value<ReadinessProbe::Result>().ready;
        }(), 5000);
        probe.probe(gw.port(), ReadinessProbe::Method::Challenge, 2000);
        QVERIFY(done.wait(3000));
        QVERIFY(done.takeFirst().first().value<ReadinessProbe::Result>().ready);

        // A listener that is not a gateway: reachable or not, never "ready".
        QProcess holder;
        const quint16 port = testsupport::freeTcpPort();
        holder.start(QProcessEnvironment::systemEnvironment().value(QStringLiteral("CLAWTRAY_PORT_HOLDER")), {QString::number(port)});
        QVERIFY(holder.waitForReadyRead(5000));
        probe.probe(port, ReadinessProbe::Method::Challenge, 500);
        QVERIFY(done.wait(3000));
        QVERIFY(!done.takeFirst().first().value<ReadinessProbe::Result>().ready);
        holder.kill();
        holder.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(TestClientGateway)
#include "tst_client_gateway.moc"
