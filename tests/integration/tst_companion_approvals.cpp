// The exec-approvals model (issue #14) against the fake gateway: backfill after every connect,
// events, one entry per id across a reconnect, expiry without a decision, resolving, and a
// gateway that does not grant the approvals scope.
#include "companion/ApprovalsModel.h"
#include "logging/Logging.h"
#include "supervisor/GatewayManager.h"

#include "FakeGateway.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace clawtray;

class TestCompanionApprovals : public QObject
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

    static QString resolve(ApprovalsModel& model, const QString& id, const QString& decision)
    {
        std::optional<QString> err;
        model.resolve(id, decision, [&](const QString& e) { err = e; });
        testsupport::waitFor([&] { return err.has_value(); }, 10000);
        return err.value_or(QStringLiteral("no answer"));
    }

    static QStringList ids(const ApprovalsModel& model)
    {
        QStringList out;
        for (const ExecApproval& a : model.pending())
            out << a.id;
        return out;
    }

    static int count(const QSignalSpy& spy, const QString& id)
    {
        int n = 0;
        for (const auto& args : spy)
            n += args.at(0).value<ExecApproval>().id == id;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<clawtray::ExecApproval>();
        LoggingOptions o;
        logging::init(o);
    }

    void backfillEventsAndResolve()
    {
        GatewayManager m(config(), m_identity);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running; }, 15000));
        // Raised before anyone listened (no event reaches the model): the backfill finds it.
        QVERIFY(call(m, QStringLiteral("fake.approval"), {{QStringLiteral("id"), QStringLiteral("early")}, {QStringLiteral("silent"), true}}).ok());
        ApprovalsModel model(&m);
        QSignalSpy requested(&model, &ApprovalsModel::requested);
        QVERIFY(testsupport::waitFor([&] { return ids(model) == QStringList{QStringLiteral("early")}; }, 5000));
        QVERIFY(model.permitted());
        const ExecApproval early = *model.find(QStringLiteral("early"));
        QCOMPARE(early.command, QStringLiteral("echo hello"));
        QCOMPARE(early.cwd, QStringLiteral("/tmp"));
        QCOMPARE(early.agentId, QStringLiteral("main"));
        QVERIFY(early.expiresAtMs > early.createdAtMs);

        QVERIFY(call(m, QStringLiteral("fake.approval"), {{QStringLiteral("id"), QStringLiteral("live-0001")}, {QStringLiteral("command"), QStringLiteral("rm -rf build")}}).ok());
        QVERIFY(testsupport::waitFor([&] { return model.pending().size() == 2; }, 5000));
        QCOMPARE(count(requested, QStringLiteral("live-0001")), 1);
        QCOMPARE(model.summaryJson().value(QLatin1String("pending")).toInt(), 2);

        QSignalSpy closed(&model, &ApprovalsModel::closed);
        QCOMPARE(resolve(model, QStringLiteral("live"), QStringLiteral("deny")), QString()); // a unique prefix
        QCOMPARE(ids(model), QStringList{QStringLiteral("early")});
        QVERIFY(!closed.isEmpty() && closed.first().at(0).toString() == QLatin1String("live-0001"));
        QVERIFY(call(m, QStringLiteral("exec.approval.list")).payload.toArray().size() == 1); // the gateway took it

        // Resolved by another client: its event closes the entry.
        QVERIFY(call(m, QStringLiteral("exec.approval.resolve"), {{QStringLiteral("id"), QStringLiteral("early")}, {QStringLiteral("decision"), QStringLiteral("allow-once")}}).ok());
        QVERIFY(testsupport::waitFor([&] { return model.pending().isEmpty(); }, 5000));
        QVERIFY(!resolve(model, QStringLiteral("early"), QStringLiteral("deny")).isEmpty()); // gone: nothing to answer
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
    }

    // The connection drops with one request shown and one whose event was missed: after the
    // reconnect both are listed once, and the shown one is not announced again.
    void aReconnectNeitherDuplicatesNorLoses()
    {
        GatewayManager m(config(), m_identity);
        ApprovalsModel model(&m);
        QSignalSpy requested(&model, &ApprovalsModel::requested);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running; }, 15000));
        QVERIFY(call(m, QStringLiteral("fake.approval"), {{QStringLiteral("id"), QStringLiteral("shown")}}).ok());
        QVERIFY(testsupport::waitFor([&] { return model.pending().size() == 1; }, 5000));
        QVERIFY(call(m, QStringLiteral("fake.approval"), {{QStringLiteral("id"), QStringLiteral("missed")}, {QStringLiteral("silent"), true}}).ok());
        const qint64 connectedAt = m.status().connectedAtMs;
        QVERIFY(call(m, QStringLiteral("fake.close"), {{QStringLiteral("code"), 4000}, {QStringLiteral("target"), QStringLiteral("self")}}).ok());
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().connectedAtMs != connectedAt; }, 15000));
        QVERIFY(testsupport::waitFor([&] { return model.pending().size() == 2; }, 5000));
        QVERIFY(model.find(QStringLiteral("shown")) && model.find(QStringLiteral("missed")));
        QCOMPARE(count(requested, QStringLiteral("shown")), 1);
        QCOMPARE(count(requested, QStringLiteral("missed")), 1);
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
        QVERIFY(model.pending().isEmpty()); // a stopped gateway has nothing to answer
    }

    // Expiry closes the entry without any decision from ClawTray; a decision the request does not
    // offer is refused before anything is sent.
    void expiryAndOfferedDecisions()
    {
        GatewayManager m(config(), m_identity);
        ApprovalsModel model(&m);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running; }, 15000));
        QVERIFY(call(m, QStringLiteral("fake.approval"), {{QStringLiteral("id"), QStringLiteral("once-only")},
                                                          {QStringLiteral("allowedDecisions"), QJsonArray{QStringLiteral("allow-once"), QStringLiteral("deny")}}}).ok());
        QVERIFY(testsupport::waitFor([&] { return model.find(QStringLiteral("once-only")).has_value(); }, 5000));
        QVERIFY(resolve(model, QStringLiteral("once-only"), QStringLiteral("allow-always")).contains(QStringLiteral("does not offer")));
        QVERIFY(resolve(model, QStringLiteral("once-only"), QStringLiteral("maybe")).contains(QStringLiteral("not a decision")));
        QVERIFY(model.find(QStringLiteral("once-only")).has_value());

        QSignalSpy closed(&model, &ApprovalsModel::closed);
        QVERIFY(call(m, QStringLiteral("fake.approval"), {{QStringLiteral("id"), QStringLiteral("short")}, {QStringLiteral("expiresInMs"), 300}}).ok());
        QVERIFY(testsupport::waitFor([&] { return model.find(QStringLiteral("short")).has_value(); }, 5000));
        QVERIFY(closed.wait(5000));
        QCOMPARE(closed.last().at(0).toString(), QStringLiteral("short"));
        QCOMPARE(closed.last().at(1).toString(), QStringLiteral("expired"));
        QVERIFY(!model.find(QStringLiteral("short")));
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
    }

    void aGatewayThatWithholdsTheScopeIsSaidSo()
    {
        qputenv("FAKE_WITHHOLD_SCOPES", "operator.approvals,operator.admin");
        GatewayManager m(config(), m_identity);
        ApprovalsModel model(&m);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running; }, 15000));
        qunsetenv("FAKE_WITHHOLD_SCOPES");
        QVERIFY(testsupport::waitFor([&] { return !model.permitted(); }, 5000));
        QVERIFY2(model.unavailableReason().startsWith(QStringLiteral("approvals: not permitted for this device")),
                 qPrintable(model.unavailableReason()));
        QCOMPARE(model.summaryJson().value(QLatin1String("permitted")).toBool(), false);
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
    }
};

QTEST_GUILESS_MAIN(TestCompanionApprovals)
#include "tst_companion_approvals.moc"
