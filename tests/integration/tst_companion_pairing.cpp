// The pairing model (issue #14) against the fake gateway: device and node requests listed after
// every connect and followed by events, approve / reject (by id or prefix), rename and remove of
// paired devices, a request answered by another client, a reconnect that neither doubles nor
// loses a request, what needs operator.admin, and a gateway that does not grant pairing.
#include "companion/PairingModel.h"
#include "logging/Logging.h"
#include "supervisor/GatewayManager.h"

#include "FakeGateway.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QSignalSpy>

#include <csignal>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace clawtray;

class TestCompanionPairing : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeviceIdentity m_identity = *DeviceIdentity::generate();

    ManagerConfig config() const
    {
        ManagerConfig c;
        c.launch = testsupport::fakeGatewayOptions(testsupport::freeTcpPort(), {});
        c.leasePath = m_dir.filePath(QStringLiteral("lease-%1.json").arg(c.launch.port));
        c.readyPollMs = 20;
        c.process.stopGraceMs = 1000;
        c.backoff.baseDelayMs = 50;
        c.socketLossSettleMs = 50;
        return c;
    }

    static CallResult call(GatewayManager& m, const QString& method, const QJsonObject& params = {})
    {
        std::optional<CallResult> out;
        m.call(method, params, 5000, [&](const CallResult& r) { out = r; });
        testsupport::waitFor([&] { return out.has_value(); }, 10000);
        return out.value_or(CallResult{});
    }

    template <typename F>
    static QString await(F start)
    {
        std::optional<QString> err;
        start([&](const QString& e) { err = e; });
        testsupport::waitFor([&] { return err.has_value(); }, 10000);
        return err.value_or(QStringLiteral("no answer"));
    }

    static QJsonObject phone(const QString& requestId)
    {
        return {{QStringLiteral("requestId"), requestId},
                {QStringLiteral("deviceId"), QStringLiteral("dev-") + requestId},
                {QStringLiteral("displayName"), QStringLiteral("Pixel 8")},
                {QStringLiteral("platform"), QStringLiteral("android")},
                {QStringLiteral("clientId"), QStringLiteral("openclaw-android")},
                {QStringLiteral("clientMode"), QStringLiteral("ui")},
                {QStringLiteral("remoteIp"), QStringLiteral("192.168.1.20")}};
    }

    static int count(const QSignalSpy& spy, const QString& requestId)
    {
        int n = 0;
        for (const auto& args : spy)
            n += args.at(0).value<PairingRequest>().requestId == requestId;
        return n;
    }

    static bool running(GatewayManager& m, PairingModel& model)
    {
        return testsupport::waitFor([&] { return m.status().state == GatewayState::Running && model.loaded(); }, 15000);
    }

    static void stop(GatewayManager& m)
    {
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<clawtray::PairingRequest>();
        LoggingOptions o;
        logging::init(o);
    }

    void requestApproveRenameRemove()
    {
        GatewayManager m(config(), m_identity);
        PairingModel model(&m);
        QSignalSpy requested(&model, &PairingModel::requested);
        m.start();
        QVERIFY(running(m, model));
        QVERIFY(model.permitted());
        QVERIFY(model.pending().isEmpty() && model.paired().isEmpty());

        QVERIFY(call(m, QStringLiteral("fake.pairRequest"), phone(QStringLiteral("req-phone-1"))).ok());
        QVERIFY(testsupport::waitFor([&] { return model.pending().size() == 1; }, 5000));
        QCOMPARE(count(requested, QStringLiteral("req-phone-1")), 1);
        const PairingRequest r = model.pending().first();
        QCOMPARE(r.name(), QStringLiteral("Pixel 8"));
        QCOMPARE(r.describe(), QStringLiteral("Pixel 8 (android, openclaw-android) wants to pair as operator with operator.read from 192.168.1.20"));
        QVERIFY(!r.needsAdmin());
        QCOMPARE(model.cannotApproveReason(r), QString());
        QCOMPARE(model.summaryJson().value(QLatin1String("pending")).toInt(), 1);

        // Approve by a unique prefix: the request closes, the device is paired.
        QSignalSpy closed(&model, &PairingModel::closed);
        QCOMPARE(await([&](auto done) { model.approve(QStringLiteral("req-phone"), done); }), QString());
        QVERIFY(model.pending().isEmpty());
        QCOMPARE(closed.size(), 1); // the gateway's resolved event and the answer close it once
        QVERIFY(closed.first().at(1).toString().startsWith(QStringLiteral("approved")));
        QVERIFY(testsupport::waitFor([&] { return model.paired().size() == 1; }, 5000));
        QCOMPARE(model.paired().first().name(), QStringLiteral("Pixel 8"));
        QCOMPARE(model.paired().first().id, QStringLiteral("dev-req-phone-1"));

        QCOMPARE(await([&](auto done) { model.rename(QStringLiteral("dev-req"), QStringLiteral("  Kitchen tablet "), done); }), QString());
        QCOMPARE(model.paired().first().name(), QStringLiteral("Kitchen tablet"));
        QVERIFY(await([&](auto done) { model.rename(QStringLiteral("dev-req"), QStringLiteral(" "), done); }).contains(QStringLiteral("1 to 64")));
        QVERIFY(await([&](auto done) { model.rename(QStringLiteral("nobody"), QStringLiteral("x"), done); }).contains(QStringLiteral("no paired device")));

        QCOMPARE(await([&](auto done) { model.remove(QStringLiteral("dev-req-phone-1"), done); }), QString());
        QVERIFY(model.paired().isEmpty());
        stop(m);
    }

    // The gateway crashes: the devices its process listed are not shown as current while ClawTray
    // brings up a new one (seen in a walk-through); the new process lists them again.
    void aCrashedGatewaysListIsNotShownAsCurrent()
    {
        GatewayManager m(config(), m_identity);
        PairingModel model(&m);
        m.start();
        QVERIFY(running(m, model));
        QVERIFY(call(m, QStringLiteral("fake.pairRequest"), phone(QStringLiteral("req-crash-1"))).ok());
        QVERIFY(testsupport::waitFor([&] { return model.pending().size() == 1; }, 5000));
        const qint64 crashedPid = m.status().pid;
        ::kill(pid_t(crashedPid), SIGKILL);
        QVERIFY(testsupport::waitFor([&] { return m.status().state != GatewayState::Running; }, 10000));
        QVERIFY2(model.pending().isEmpty() && !model.loaded(), qPrintable(gatewayStateName(m.status().state)));
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().pid != crashedPid; }, 20000));
        QVERIFY(testsupport::waitFor([&] { return model.loaded(); }, 5000)); // listed again by the new process
        stop(m);
    }

    // Rejected here, or answered by another client: either way the request closes, and the
    // answer is the gateway's (nothing is approved by ClawTray on its own).
    void rejectAndAnsweredElsewhere()
    {
        GatewayManager m(config(), m_identity);
        PairingModel model(&m);
        m.start();
        QVERIFY(running(m, model));
        QVERIFY(call(m, QStringLiteral("fake.pairRequest"), phone(QStringLiteral("a"))).ok());
        QVERIFY(call(m, QStringLiteral("fake.pairRequest"), phone(QStringLiteral("b"))).ok());
        QVERIFY(testsupport::waitFor([&] { return model.pending().size() == 2; }, 5000));

        QCOMPARE(await([&](auto done) { model.reject(QStringLiteral("a"), done); }), QString());
        QVERIFY(!model.findRequest(QStringLiteral("a")));

        QSignalSpy closed(&model, &PairingModel::closed);
        QVERIFY(call(m, QStringLiteral("device.pair.approve"), {{QStringLiteral("requestId"), QStringLiteral("b")}}).ok());
        QVERIFY(testsupport::waitFor([&] { return model.pending().isEmpty(); }, 5000));
        QCOMPARE(closed.first().at(0).toString(), QStringLiteral("b"));
        QCOMPARE(closed.first().at(1).toString(), QStringLiteral("approved"));
        QVERIFY(testsupport::waitFor([&] { return model.paired().size() == 1; }, 5000));
        QVERIFY(model.paired().first().id == QStringLiteral("dev-b"));
        // A late answer to a closed request is refused with the reason, without a call.
        QVERIFY(await([&](auto done) { model.approve(QStringLiteral("b"), done); }).contains(QStringLiteral("no pending pairing request")));
        stop(m);
        QVERIFY(model.paired().isEmpty() && !model.loaded()); // nothing stale once the gateway stopped
    }

    void aReconnectNeitherDuplicatesNorLoses()
    {
        GatewayManager m(config(), m_identity);
        PairingModel model(&m);
        QSignalSpy requested(&model, &PairingModel::requested);
        m.start();
        QVERIFY(running(m, model));
        QVERIFY(call(m, QStringLiteral("fake.pairRequest"), phone(QStringLiteral("shown"))).ok());
        QVERIFY(testsupport::waitFor([&] { return model.pending().size() == 1; }, 5000));
        // A request whose event ClawTray never got (it came while the connection was going).
        QJsonObject missed = phone(QStringLiteral("missed"));
        missed.insert(QStringLiteral("quiet"), true);
        QVERIFY(call(m, QStringLiteral("fake.pairRequest"), missed).ok());
        QCOMPARE(model.pending().size(), 1);
        const qint64 connectedAt = m.status().connectedAtMs;
        QVERIFY(call(m, QStringLiteral("fake.close"), {{QStringLiteral("code"), 4000}, {QStringLiteral("target"), QStringLiteral("self")}}).ok());
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().connectedAtMs != connectedAt; }, 15000));
        QVERIFY(testsupport::waitFor([&] { return model.pending().size() == 2; }, 5000));
        QCOMPARE(count(requested, QStringLiteral("shown")), 1);
        QCOMPARE(count(requested, QStringLiteral("missed")), 1);
        // A silent request is the gateway's own business: never shown.
        QJsonObject silent = phone(QStringLiteral("auto"));
        silent.insert(QStringLiteral("silent"), true);
        QVERIFY(call(m, QStringLiteral("fake.pairRequest"), silent).ok());
        QCOMPARE(await([&](auto done) { model.refresh(done); }), QString());
        QVERIFY(!model.findRequest(QStringLiteral("auto")));
        QCOMPARE(model.pending().size(), 2);
        stop(m);
        QVERIFY(model.pending().isEmpty());
    }

    // A node asking for admin-guarded commands needs operator.admin to approve; without it ClawTray
    // says so (and how to approve it on the gateway's machine) instead of sending a doomed call.
    void whatNeedsAdmin()
    {
        qputenv("FAKE_WITHHOLD_SCOPES", "operator.admin");
        GatewayManager m(config(), m_identity);
        PairingModel model(&m);
        m.start();
        QVERIFY(running(m, model));
        qunsetenv("FAKE_WITHHOLD_SCOPES");
        QVERIFY(model.permitted());
        QVERIFY(call(m, QStringLiteral("fake.pairRequest"),
                     {{QStringLiteral("kind"), QStringLiteral("node")},
                      {QStringLiteral("requestId"), QStringLiteral("node-1")},
                      {QStringLiteral("nodeId"), QStringLiteral("n1")},
                      {QStringLiteral("displayName"), QStringLiteral("build box")},
                      {QStringLiteral("commands"), QJsonArray{QStringLiteral("system.run")}},
                      {QStringLiteral("requiredApproveScopes"), QJsonArray{QStringLiteral("operator.pairing"), QStringLiteral("operator.admin")}}})
                    .ok());
        QVERIFY(call(m, QStringLiteral("fake.pairRequest"), phone(QStringLiteral("plain"))).ok());
        QVERIFY(testsupport::waitFor([&] { return model.pending().size() == 2; }, 5000));
        const PairingRequest node = *model.findRequest(QStringLiteral("node-1"));
        QVERIFY(node.needsAdmin());
        QCOMPARE(node.describe(), QStringLiteral("build box wants to pair as a node: system.run"));
        const QString why = model.cannotApproveReason(node);
        QVERIFY2(why.contains(QStringLiteral("needs operator.admin")) && why.contains(QStringLiteral("openclaw nodes approve node-1")), qPrintable(why));
        QCOMPARE(await([&](auto done) { model.approve(QStringLiteral("node-1"), done); }), why);
        QVERIFY(model.findRequest(QStringLiteral("node-1"))); // still waiting for someone who may
        // Rejecting needs no admin; an operator.read request is approvable with pairing alone.
        QCOMPARE(await([&](auto done) { model.reject(QStringLiteral("node-1"), done); }), QString());
        QCOMPARE(await([&](auto done) { model.approve(QStringLiteral("plain"), done); }), QString());
        QVERIFY(testsupport::waitFor([&] { return model.paired().size() == 1; }, 5000));
        stop(m);
    }

    void aGatewayThatWithholdsPairingIsSaidSo()
    {
        qputenv("FAKE_WITHHOLD_SCOPES", "operator.pairing,operator.admin");
        GatewayManager m(config(), m_identity);
        PairingModel model(&m);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running; }, 15000));
        qunsetenv("FAKE_WITHHOLD_SCOPES");
        QVERIFY(testsupport::waitFor([&] { return model.loaded(); }, 5000));
        QVERIFY(!model.permitted());
        QVERIFY2(model.unavailableReason().startsWith(QStringLiteral("pairing: not permitted for this device")),
                 qPrintable(model.unavailableReason()));
        QCOMPARE(model.summaryJson().value(QLatin1String("permitted")).toBool(true), false);
        stop(m);
    }
};

QTEST_GUILESS_MAIN(TestCompanionPairing)
#include "tst_companion_pairing.moc"
