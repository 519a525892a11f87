// The activity model (issue #14) against the fake gateway: sessions active in the last hour and
// today's usage read on demand, again on sessions.changed only once someone looked (rate-limited),
// the gateway's version and an update it announces, nothing left once the gateway stops.
#include "companion/ActivityModel.h"
#include "logging/Logging.h"
#include "supervisor/GatewayManager.h"

#include "FakeGateway.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

#include <signal.h>

using namespace clawtray;

class TestCompanionActivity : public QObject
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
        return c;
    }

    static bool call(GatewayManager& m, const QString& method, const QJsonObject& params)
    {
        std::optional<CallResult> out;
        m.call(method, params, 5000, [&](const CallResult& r) { out = r; });
        testsupport::waitFor([&] { return out.has_value(); }, 10000);
        return out && out->ok();
    }

    static QString refresh(ActivityModel& model)
    {
        std::optional<QString> err;
        model.refresh([&](const QString& e) { err = e; });
        testsupport::waitFor([&] { return err.has_value(); }, 10000);
        return err.value_or(QStringLiteral("no answer"));
    }

    static QJsonObject sessions(int total, qint64 tokens, double cost)
    {
        return {{QStringLiteral("sessions"),
                 QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("agent:main:main")}, {QStringLiteral("displayName"), QStringLiteral("Main")},
                                        {QStringLiteral("agentId"), QStringLiteral("main")}, {QStringLiteral("hasActiveRun"), true},
                                        {QStringLiteral("updatedAt"), 1796304174887.0}},
                            QJsonObject{{QStringLiteral("key"), QStringLiteral("agent:main:cron")}, {QStringLiteral("label"), QStringLiteral("Nightly")}}}},
                {QStringLiteral("totalCount"), total},
                {QStringLiteral("usage"), QJsonObject{{QStringLiteral("totalTokens"), double(tokens)}, {QStringLiteral("totalCost"), cost}}}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions o;
        logging::init(o);
    }

    void sessionsUsageOnDemandAndOnChange()
    {
        GatewayManager m(config(), m_identity);
        ActivityModel model(&m);
        model.setMinRefreshMs(100);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running; }, 15000));
        QVERIFY(testsupport::waitFor([&] { return !model.version().isEmpty(); }, 5000));
        QCOMPARE(model.version(), m.status().gatewayVersion);
        QVERIFY(!model.loaded()); // nobody looked yet: nothing was read

        QVERIFY(call(m, QStringLiteral("fake.sessions"), sessions(7, 12345, 0.4234)));
        QVERIFY(!model.loaded()); // a sessions.changed before anyone looked reads nothing
        QCOMPARE(refresh(model), QString());
        QCOMPARE(model.activeSessions(), 7);
        QCOMPARE(model.recentSessions().size(), 2);
        QCOMPARE(model.recentSessions().at(0).name, QStringLiteral("Main"));
        QCOMPARE(model.recentSessions().at(1).name, QStringLiteral("Nightly"));
        QCOMPARE(model.sessionsText(), QStringLiteral("7 sessions active in the last hour (1 running now)"));
        QCOMPARE(model.usageText(), QStringLiteral("today: 12,345 tokens, about $0.42 (estimated)"));
        QCOMPARE(model.summaryJson().value(QLatin1String("tokensToday")).toInteger(), 12345);

        // Once looked at, a change the gateway announces is read again by itself.
        QVERIFY(call(m, QStringLiteral("fake.sessions"), sessions(1, 20, 0)));
        QVERIFY(testsupport::waitFor([&] { return model.activeSessions() == 1; }, 5000));
        QCOMPARE(model.sessionsText(), QStringLiteral("1 session active in the last hour (1 running now)"));
        QCOMPARE(model.usageText(), QStringLiteral("today: 20 tokens, about $0.00 (estimated)"));

        // The gateway crashes: while ClawTray reconnects there is no connection, and the Overview
        // must not show the old one's version and sessions as current (seen in a walk-through).
        const qint64 crashedPid = m.status().pid;
        QVERIFY(crashedPid > 0);
        ::kill(pid_t(crashedPid), SIGKILL);
        QVERIFY(testsupport::waitFor([&] { return m.status().state != GatewayState::Running; }, 10000));
        QVERIFY2(!model.loaded() && model.version().isEmpty() && model.recentSessions().isEmpty(),
                 qPrintable(gatewayStateName(m.status().state)));
        QVERIFY(testsupport::waitFor(
            [&] { return m.status().state == GatewayState::Running && m.status().pid != crashedPid; }, 20000));
        QVERIFY(testsupport::waitFor([&] { return !model.version().isEmpty(); }, 5000)); // read again

        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
        QVERIFY(!model.loaded() && model.version().isEmpty() && model.recentSessions().isEmpty());
        QCOMPARE(model.sessionsText(), QStringLiteral("sessions unknown"));
    }

    void updateAnnouncedAndWithdrawn()
    {
        GatewayManager m(config(), m_identity);
        ActivityModel model(&m);
        QSignalSpy updated(&model, &ActivityModel::updateChanged);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && !model.version().isEmpty(); }, 15000));
        QVERIFY(!model.update().available());
        QVERIFY(call(m, QStringLiteral("fake.event"),
                     {{QStringLiteral("event"), QStringLiteral("update.available")},
                      {QStringLiteral("payload"), QJsonObject{{QStringLiteral("updateAvailable"),
                                                               QJsonObject{{QStringLiteral("currentVersion"), QStringLiteral("2026.9.6")},
                                                                           {QStringLiteral("latestVersion"), QStringLiteral("2026.9.7")},
                                                                           {QStringLiteral("channel"), QStringLiteral("stable")}}}}}}));
        QVERIFY(testsupport::waitFor([&] { return model.update().available(); }, 5000));
        QCOMPARE(model.update().text(), QStringLiteral("OpenClaw 2026.9.6 → 2026.9.7 available (stable)"));
        QCOMPARE(model.summaryJson().value(QLatin1String("update")).toObject().value(QLatin1String("latestVersion")).toString(), QStringLiteral("2026.9.7"));
        QVERIFY(call(m, QStringLiteral("fake.event"),
                     {{QStringLiteral("event"), QStringLiteral("update.available")},
                      {QStringLiteral("payload"), QJsonObject{{QStringLiteral("updateAvailable"), QJsonValue()}}}}));
        QVERIFY(testsupport::waitFor([&] { return !model.update().available(); }, 5000));
        QCOMPARE(updated.size(), 2);
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
    }
};

QTEST_GUILESS_MAIN(TestCompanionActivity)
#include "tst_companion_activity.moc"
