// The channels model (issue #14) against the fake gateway: what channels.status says per account,
// "attention needed" for a configured account that is down, the gateway's diagnosis and fix,
// refresh on the gateway's health event (rate-limited), nothing left once the gateway stops.
#include "companion/ChannelsModel.h"
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

class TestCompanionChannels : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeviceIdentity m_identity = *DeviceIdentity::generate();

    ManagerConfig config(const QStringList& fakeArgs = {}) const
    {
        ManagerConfig c;
        c.launch = testsupport::fakeGatewayOptions(testsupport::freeTcpPort(), fakeArgs);
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

    static QString refresh(ChannelsModel& model)
    {
        std::optional<QString> err;
        model.refresh([&](const QString& e) { err = e; });
        testsupport::waitFor([&] { return err.has_value(); }, 10000);
        return err.value_or(QStringLiteral("no answer"));
    }

    static QJsonObject twoAccounts(bool slackUp)
    {
        QJsonObject slack{{QStringLiteral("accountId"), QStringLiteral("work")}, {QStringLiteral("running"), true},
                          {QStringLiteral("connected"), slackUp}};
        if (!slackUp)
            slack.insert(QStringLiteral("lastError"), QStringLiteral("invalid_auth"));
        QJsonObject spec{
            {QStringLiteral("accounts"),
             QJsonObject{{QStringLiteral("telegram"), QJsonArray{QJsonObject{{QStringLiteral("accountId"), QStringLiteral("default")},
                                                                             {QStringLiteral("running"), true},
                                                                             {QStringLiteral("connected"), true}}}},
                         {QStringLiteral("slack"), QJsonArray{slack}}}},
            {QStringLiteral("labels"), QJsonObject{{QStringLiteral("telegram"), QStringLiteral("Telegram")}, {QStringLiteral("slack"), QStringLiteral("Slack")}}}};
        if (!slackUp)
            spec.insert(QStringLiteral("issues"), QJsonArray{QJsonObject{{QStringLiteral("channel"), QStringLiteral("slack")},
                                                                         {QStringLiteral("accountId"), QStringLiteral("work")},
                                                                         {QStringLiteral("kind"), QStringLiteral("auth")},
                                                                         {QStringLiteral("message"), QStringLiteral("The bot token was revoked")},
                                                                         {QStringLiteral("fix"), QStringLiteral("openclaw channels login slack")}}});
        return spec;
    }

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions o;
        logging::init(o);
    }

    void accountsAttentionAndIssues()
    {
        GatewayManager m(config(), m_identity);
        ChannelsModel model(&m);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running; }, 15000));
        QVERIFY(testsupport::waitFor([&] { return model.loaded(); }, 5000)); // fetched on connect
        QVERIFY(model.accounts().isEmpty());
        QCOMPARE(model.summaryText(), QStringLiteral("no channels configured"));
        QCOMPARE(model.attentionCount(), 0);

        QVERIFY(call(m, QStringLiteral("fake.channels"), twoAccounts(false)));
        QCOMPARE(refresh(model), QString());
        QCOMPARE(model.accounts().size(), 2);
        QCOMPARE(model.attentionCount(), 1);
        QVERIFY2(model.summaryText().startsWith(QStringLiteral("1 of 2 channel accounts need attention: Slack (work): error: invalid_auth")),
                 qPrintable(model.summaryText()));
        QCOMPARE(model.issues().size(), 1);
        QCOMPARE(model.issues().first().fix, QStringLiteral("openclaw channels login slack"));
        QCOMPARE(model.summaryJson().value(QLatin1String("attention")).toInt(), 1);

        QVERIFY(call(m, QStringLiteral("fake.channels"), twoAccounts(true)));
        QCOMPARE(refresh(model), QString());
        QCOMPARE(model.attentionCount(), 0);
        QCOMPARE(model.summaryText(), QStringLiteral("Slack, Telegram connected")); // in the gateway's channelOrder
        QVERIFY(model.issues().isEmpty()); // nothing of the old diagnosis sticks

        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
        QVERIFY(!model.loaded() && model.accounts().isEmpty());
    }

    static QString control(ChannelsModel& model, const QString& action, const QString& channel, const QString& account)
    {
        std::optional<QString> err;
        model.control(action, channel, account, [&](const QString& e) { err = e; });
        testsupport::waitFor([&] { return err.has_value(); }, 10000);
        return err.value_or(QStringLiteral("no answer"));
    }

    static std::optional<ChannelAccount> account(const ChannelsModel& model, const QString& channel)
    {
        for (const ChannelAccount& a : model.accounts())
            if (a.channel == channel)
                return a;
        return std::nullopt;
    }

    // The gateway crashes: the accounts its process reported are not shown as current while ClawTray
    // brings up a new one (seen in a walk-through); the new process reports again.
    void aCrashedGatewaysAccountsAreNotShownAsCurrent()
    {
        GatewayManager m(config(), m_identity);
        ChannelsModel model(&m);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && model.loaded(); }, 15000));
        QVERIFY(call(m, QStringLiteral("fake.channels"), twoAccounts(false)));
        QCOMPARE(refresh(model), QString());
        QCOMPARE(model.accounts().size(), 2);
        const qint64 crashedPid = m.status().pid;
        ::kill(pid_t(crashedPid), SIGKILL);
        QVERIFY(testsupport::waitFor([&] { return m.status().state != GatewayState::Running; }, 10000));
        QVERIFY2(model.accounts().isEmpty() && !model.loaded(), qPrintable(gatewayStateName(m.status().state)));
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && m.status().pid != crashedPid; }, 20000));
        QVERIFY(testsupport::waitFor([&] { return model.loaded(); }, 5000));
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
    }

    // Stop / start / log out one account from ClawTray: the call the gateway gets, and what the
    // model shows afterwards comes from the gateway's next channels.status.
    void controlAnAccount()
    {
        GatewayManager m(config(), m_identity);
        ChannelsModel model(&m);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && model.loaded(); }, 15000));
        QVERIFY(model.canControl());
        QVERIFY(call(m, QStringLiteral("fake.channels"), twoAccounts(true)));
        QCOMPARE(refresh(model), QString());
        QCOMPARE(model.attentionCount(), 0);

        QCOMPARE(control(model, QStringLiteral("stop"), QStringLiteral("telegram"), QStringLiteral("default")), QString());
        QCOMPARE(account(model, QStringLiteral("telegram"))->stateText(), QStringLiteral("stopped"));
        QCOMPARE(model.attentionCount(), 1);
        QCOMPARE(control(model, QStringLiteral("start"), QStringLiteral("telegram"), QString()), QString());
        QCOMPARE(account(model, QStringLiteral("telegram"))->stateText(), QStringLiteral("connected"));
        QCOMPARE(model.attentionCount(), 0);

        // The gateway's refusal is the answer, with its reason; nothing changes.
        const QString refused = control(model, QStringLiteral("logout"), QStringLiteral("matrix"), QString());
        QVERIFY2(refused.contains(QStringLiteral("unknown channel: matrix")), qPrintable(refused));
        QVERIFY2(control(model, QStringLiteral("restart"), QStringLiteral("telegram"), QString()).contains(QStringLiteral("not a channel action")),
                 "only start, stop and logout");
        QCOMPARE(model.attentionCount(), 0);
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
        QVERIFY(!model.canControl());
        QCOMPARE(control(model, QStringLiteral("stop"), QStringLiteral("telegram"), QString()), QStringLiteral("the gateway is not running"));
    }

    // A device without operator.admin is told so before anything is sent.
    void controlWithoutAdminIsRefusedWithTheReason()
    {
        qputenv("FAKE_WITHHOLD_SCOPES", "operator.admin");
        GatewayManager m(config(), m_identity);
        ChannelsModel model(&m);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && model.loaded(); }, 15000));
        qunsetenv("FAKE_WITHHOLD_SCOPES");
        QVERIFY(call(m, QStringLiteral("fake.channels"), twoAccounts(true)));
        QVERIFY(!model.canControl());
        const QString refused = control(model, QStringLiteral("stop"), QStringLiteral("telegram"), QString());
        QVERIFY2(refused.contains(QStringLiteral("needs operator.admin")), qPrintable(refused));
        QCOMPARE(refresh(model), QString());
        QCOMPARE(account(model, QStringLiteral("telegram"))->stateText(), QStringLiteral("connected")); // untouched
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
    }

    // The gateway's periodic health event makes the model look again — no polling loop of its own.
    void aHealthEventRefreshes()
    {
        GatewayManager m(config({QStringLiteral("--fake-health-event-ms"), QStringLiteral("200")}), m_identity);
        ChannelsModel model(&m);
        model.setMinRefreshMs(100);
        m.start();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Running && model.loaded(); }, 15000));
        QCOMPARE(model.attentionCount(), 0);
        QVERIFY(call(m, QStringLiteral("fake.channels"), twoAccounts(false)));
        QVERIFY(testsupport::waitFor([&] { return model.attentionCount() == 1; }, 5000));
        m.stop();
        QVERIFY(testsupport::waitFor([&] { return m.status().state == GatewayState::Stopped; }, 15000));
    }
};

QTEST_GUILESS_MAIN(TestCompanionChannels)
#include "tst_companion_channels.moc"
