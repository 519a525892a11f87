// The window's Overview tab, the pairing panel and the tray's pairing line (issue #14), offscreen,
// with the real manager and models against the fake gateway: what is shown follows the models,
// buttons send what they say, a log out or a removal is confirmed first (and a "no" sends
// nothing), what ClawTray's device may not do is disabled with the reason, and nothing stays on
// screen after the gateway stopped.
#include "GatewayActions.h"
#include "OverviewTab.h"
#include "PairingPrompt.h"
#include "TrayIcon.h"
#include "companion/ActivityModel.h"
#include "companion/ApprovalsModel.h"
#include "companion/ChannelsModel.h"
#include "companion/PairingModel.h"
#include "update/UpdateChecker.h"
#include "logging/Logging.h"

#include "UiTestSupport.h"

#include <QJsonArray>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace clawtray;

struct Rig
{
    GatewayManager manager;
    ApprovalsModel approvals{&manager};
    ChannelsModel channels{&manager};
    PairingModel pairing{&manager};
    ActivityModel activity{&manager};
    UpdateChecker checker; // the gateway's own update notice reaches the UI through it
    GatewayActions actions;
    TrayIcon tray{&actions, nullptr};
    OverviewTab overview;
    PairingPrompt prompt{&pairing};
    int confirmations = 0;
    bool answer = false;

    explicit Rig(const QString& dir)
        : manager(uitest::fastConfig(dir), uitest::identity())
    {
        actions.setManager(&manager);
        tray.setPairing(&pairing);
        tray.setActivity(&activity);
        checker.followGateway(&activity);
        tray.setUpdates(&checker, nullptr);
        overview.setCompanion({&approvals, &channels, &pairing, &activity, &checker, nullptr});
        overview.setConfirm([this](const QString&, const QString&) {
            ++confirmations;
            return answer;
        });
        QObject::connect(&tray, &TrayIcon::pairingRequested, &prompt, &PairingPrompt::showPending);
        QObject::connect(&overview, &OverviewTab::pairingRequested, &prompt, &PairingPrompt::showPending);
    }
    bool start()
    {
        manager.start();
        return testsupport::waitFor([&] { return manager.status().state == GatewayState::Running && pairing.loaded() && channels.loaded(); },
                                    15000);
    }
    bool stop()
    {
        manager.stop();
        return testsupport::waitFor([&] { return manager.status().state == GatewayState::Stopped; }, 15000);
    }
};

class TestUiCompanion : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static CallResult call(GatewayManager& m, const QString& method, const QJsonObject& params = {})
    {
        std::optional<CallResult> out;
        m.call(method, params, 5000, [&](const CallResult& r) { out = r; });
        testsupport::waitFor([&] { return out.has_value(); }, 10000);
        return out.value_or(CallResult{});
    }

    static int rowOf(const QTableWidget* t, const QString& text)
    {
        for (int row = 0; row < t->rowCount(); ++row)
            if (t->item(row, 0)->text() == text)
                return row;
        return -1;
    }

    static QJsonObject channelSpec()
    {
        return {{QStringLiteral("accounts"),
                 QJsonObject{{QStringLiteral("telegram"), QJsonArray{QJsonObject{{QStringLiteral("accountId"), QStringLiteral("default")},
                                                                                 {QStringLiteral("running"), true},
                                                                                 {QStringLiteral("connected"), true}}}},
                             {QStringLiteral("slack"), QJsonArray{QJsonObject{{QStringLiteral("accountId"), QStringLiteral("work")},
                                                                              {QStringLiteral("running"), true},
                                                                              {QStringLiteral("connected"), false},
                                                                              {QStringLiteral("lastError"), QStringLiteral("invalid_auth")}}}}}},
                {QStringLiteral("labels"), QJsonObject{{QStringLiteral("telegram"), QStringLiteral("Telegram")}, {QStringLiteral("slack"), QStringLiteral("Slack")}}},
                {QStringLiteral("issues"), QJsonArray{QJsonObject{{QStringLiteral("channel"), QStringLiteral("slack")},
                                                                  {QStringLiteral("accountId"), QStringLiteral("work")},
                                                                  {QStringLiteral("kind"), QStringLiteral("auth")},
                                                                  {QStringLiteral("message"), QStringLiteral("The bot token was revoked")},
                                                                  {QStringLiteral("fix"), QStringLiteral("openclaw channels login slack")}}}}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions lo;
        lo.toStderr = false;
        logging::init(lo);
    }

    void pairingPanelTrayAndDevices()
    {
        Rig rig(m_dir.path());
        QVERIFY(rig.start());
        QCOMPARE(rig.overview.text(QStringLiteral("pairing")), QStringLiteral("No paired devices; none waits to be paired."));
        QVERIFY(!rig.overview.button(QStringLiteral("pairing"))->isVisibleTo(&rig.overview));
        QVERIFY(!rig.tray.action(TrayIcon::Item::Pairing)->isVisible());

        QVERIFY(call(rig.manager, QStringLiteral("fake.pairRequest"),
                     {{QStringLiteral("requestId"), QStringLiteral("req-1")}, {QStringLiteral("deviceId"), QStringLiteral("dev-1")},
                      {QStringLiteral("displayName"), QStringLiteral("Pixel 8")}, {QStringLiteral("platform"), QStringLiteral("android")},
                      {QStringLiteral("clientId"), QStringLiteral("openclaw-android")}, {QStringLiteral("remoteIp"), QStringLiteral("192.168.1.20")}})
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.prompt.isVisible(), 5000); // no window shown anywhere
        QVERIFY(rig.prompt.windowFlags() & Qt::WindowStaysOnTopHint);
        QCOMPARE(rig.prompt.fieldText(QStringLiteral("title")), QStringLiteral("A device wants to pair: Pixel 8"));
        QVERIFY(rig.prompt.fieldText(QStringLiteral("who")).startsWith(QStringLiteral("android · client openclaw-android")));
        QCOMPARE(rig.prompt.fieldText(QStringLiteral("asks")), QStringLiteral("Asks for role operator with operator.read"));
        QVERIFY(rig.prompt.fieldText(QStringLiteral("from")).startsWith(QStringLiteral("from 192.168.1.20, asked ")));
        QVERIFY(rig.prompt.approveButton()->isEnabled());
        QVERIFY(!rig.prompt.approveButton()->autoDefault() && !rig.prompt.rejectButton()->autoDefault());
        QCOMPARE(rig.tray.action(TrayIcon::Item::Pairing)->text(), QStringLiteral("1 device waits to be paired…"));
        QVERIFY(rig.tray.action(TrayIcon::Item::Pairing)->isVisible());
        QVERIFY(rig.tray.toolTip().contains(QStringLiteral("1 device waiting to be paired")));
        QCOMPARE(rig.tray.iconName(), QStringLiteral("attention")); // the gateway is fine, the user is wanted
        QCOMPARE(rig.overview.text(QStringLiteral("pairing")), QStringLiteral("1 device waits to be paired."));
        if (const QString shots = qEnvironmentVariable("CLAWTRAY_SCREENSHOT_DIR"); !shots.isEmpty())
            rig.prompt.grab().save(shots + QStringLiteral("/pairing-prompt.png"));

        // Closing decides nothing; the tray brings it back.
        rig.prompt.close();
        QCOMPARE(rig.pairing.pending().size(), 1);
        rig.tray.action(TrayIcon::Item::Pairing)->trigger();
        QVERIFY(rig.prompt.isVisible());

        QTest::mouseClick(rig.prompt.approveButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.prompt.isVisible(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(rig.overview.devicesTable()->rowCount(), 1, 5000);
        QCOMPARE(call(rig.manager, QStringLiteral("device.pair.list")).payload.toObject().value(QLatin1String("paired")).toArray().size(), 1);
        QVERIFY(!rig.tray.action(TrayIcon::Item::Pairing)->isVisible());
        QCOMPARE(rig.tray.iconName(), QStringLiteral("running"));
        QCOMPARE(rig.overview.text(QStringLiteral("pairing")), QStringLiteral("No device waits to be paired."));

        // Rename and remove the selected device; a "no" to the removal sends nothing.
        rig.overview.devicesTable()->selectRow(0);
        rig.overview.setAskName([](const QString&, const QString& current) -> std::optional<QString> {
            return current == QLatin1String("Pixel 8") ? std::optional<QString>(QStringLiteral("Kitchen tablet")) : std::nullopt;
        });
        QTest::mouseClick(rig.overview.button(QStringLiteral("rename")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.overview.devicesTable()->item(0, 0)->text(), QStringLiteral("Kitchen tablet"), 5000);
        rig.overview.devicesTable()->selectRow(0);
        rig.answer = false;
        QTest::mouseClick(rig.overview.button(QStringLiteral("remove")), Qt::LeftButton);
        QCOMPARE(rig.confirmations, 1);
        QCOMPARE(call(rig.manager, QStringLiteral("device.pair.list")).payload.toObject().value(QLatin1String("paired")).toArray().size(), 1);
        rig.answer = true;
        QTest::mouseClick(rig.overview.button(QStringLiteral("remove")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.overview.devicesTable()->rowCount(), 0, 5000);
        QCOMPARE(call(rig.manager, QStringLiteral("device.pair.list")).payload.toObject().value(QLatin1String("paired")).toArray().size(), 0);
        QTRY_VERIFY(rig.overview.text(QStringLiteral("message")).startsWith(QStringLiteral("Removed Kitchen tablet")));
        QVERIFY(rig.stop());
        QTRY_COMPARE(rig.overview.text(QStringLiteral("pairing")), QStringLiteral("No device list: the gateway is not running."));
        QCOMPARE(rig.overview.text(QStringLiteral("approvals")), QStringLiteral("No approvals: the gateway is not connected."));
        QVERIFY(rig.overview.text(QStringLiteral("message")).isEmpty()); // the result line of before does not stick
    }

    // Sessions and usage are read when the Overview is looked at; an update the gateway announces
    // shows in the window and the tray; after a stop nothing of it stays.
    void activityAndUpdate()
    {
        Rig rig(m_dir.path());
        QVERIFY(rig.start());
        QVERIFY(call(rig.manager, QStringLiteral("fake.sessions"),
                     {{QStringLiteral("sessions"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("agent:main:main")},
                                                                          {QStringLiteral("displayName"), QStringLiteral("Main")},
                                                                          {QStringLiteral("hasActiveRun"), true}}}},
                      {QStringLiteral("usage"), QJsonObject{{QStringLiteral("totalTokens"), 4321}, {QStringLiteral("totalCost"), 0.07}}}})
                    .ok());
        QTRY_VERIFY(rig.overview.text(QStringLiteral("version")).startsWith(QStringLiteral("OpenClaw ")));
        QVERIFY(!rig.activity.loaded()); // not looked at yet
        // Connected, not read yet: the box says it is asking rather than showing nothing.
        QCOMPARE(rig.overview.text(QStringLiteral("sessions")), QStringLiteral("Sessions and usage: asking the gateway…"));
        rig.overview.show();
        QTRY_COMPARE_WITH_TIMEOUT(rig.overview.text(QStringLiteral("sessions")), QStringLiteral("1 session active in the last hour (1 running now)"), 5000);
        QCOMPARE(rig.overview.text(QStringLiteral("usage")), QStringLiteral("today: 4,321 tokens, about $0.07 (estimated)"));
        QCOMPARE(rig.overview.text(QStringLiteral("recent")), QStringLiteral("Main — running"));
        QVERIFY(rig.tray.action(TrayIcon::Item::Activity)->isVisible());
        QVERIFY(rig.tray.action(TrayIcon::Item::Activity)->text().startsWith(QStringLiteral("1 session active")));
        QVERIFY(!rig.tray.action(TrayIcon::Item::Update)->isVisible());
        QSignalSpy toOverview(&rig.tray, &TrayIcon::overviewRequested);
        rig.tray.action(TrayIcon::Item::Activity)->trigger(); // opens the window on the Overview
        QCOMPARE(toOverview.size(), 1);

        QVERIFY(call(rig.manager, QStringLiteral("fake.event"),
                     {{QStringLiteral("event"), QStringLiteral("update.available")},
                      {QStringLiteral("payload"), QJsonObject{{QStringLiteral("updateAvailable"),
                                                               QJsonObject{{QStringLiteral("currentVersion"), QStringLiteral("2026.9.6")},
                                                                           {QStringLiteral("latestVersion"), QStringLiteral("2026.9.7")},
                                                                           {QStringLiteral("channel"), QStringLiteral("stable")}}}}}})
                    .ok());
        QTRY_COMPARE_WITH_TIMEOUT(rig.overview.text(QStringLiteral("update")), QStringLiteral("OpenClaw 2026.9.6 → 2026.9.7 available (stable)"), 5000);
        QVERIFY(rig.tray.action(TrayIcon::Item::Update)->isVisible());
        QVERIFY(rig.tray.toolTip().contains(QStringLiteral("2026.9.7 available")));
        const int shown = rig.tray.notificationsShown();
        QVERIFY(shown >= 1);

        QVERIFY(rig.stop());
        QTRY_COMPARE(rig.overview.text(QStringLiteral("version")), QStringLiteral("The gateway is not connected: nothing to show."));
        QVERIFY(rig.overview.text(QStringLiteral("update")).isEmpty());
        QVERIFY(rig.overview.text(QStringLiteral("sessions")).isEmpty());
        QVERIFY(!rig.tray.action(TrayIcon::Item::Update)->isVisible());
        QVERIFY(!rig.tray.action(TrayIcon::Item::Activity)->isVisible());
        QVERIFY(!rig.tray.toolTip().contains(QStringLiteral("available")));
    }

    void channelsOnTheOverview()
    {
        Rig rig(m_dir.path());
        QVERIFY(rig.start());
        QCOMPARE(rig.overview.text(QStringLiteral("channels")), QStringLiteral("no channels configured"));
        QVERIFY(!rig.overview.channelsTable()->isVisibleTo(&rig.overview));
        QVERIFY(call(rig.manager, QStringLiteral("fake.channels"), channelSpec()).ok());
        QTest::mouseClick(rig.overview.button(QStringLiteral("refresh")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.overview.channelsTable()->rowCount(), 2, 5000);
        QVERIFY(rig.overview.text(QStringLiteral("channels")).startsWith(QStringLiteral("1 of 2 channel accounts need attention")));
        rig.tray.setChannels(&rig.channels);
        QCOMPARE(rig.tray.iconName(), QStringLiteral("attention"));
        QVERIFY(rig.tray.toolTip().contains(QStringLiteral("Attention needed")));
        QCOMPARE(rig.overview.text(QStringLiteral("issues")),
                 QStringLiteral("slack (work): The bot token was revoked — fix: openclaw channels login slack"));
        QVERIFY(!rig.overview.button(QStringLiteral("stop"))->isEnabled()); // nothing selected
        const int telegram = rowOf(rig.overview.channelsTable(), QStringLiteral("Telegram"));
        QVERIFY(telegram >= 0);
        rig.overview.channelsTable()->selectRow(telegram);
        QVERIFY(rig.overview.button(QStringLiteral("stop"))->isEnabled());
        if (const QString shots = qEnvironmentVariable("CLAWTRAY_SCREENSHOT_DIR"); !shots.isEmpty()) {
            rig.overview.resize(760, 560);
            rig.overview.grab().save(shots + QStringLiteral("/overview.png"));
        }

        QTest::mouseClick(rig.overview.button(QStringLiteral("stop")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.overview.channelsTable()->item(rowOf(rig.overview.channelsTable(), QStringLiteral("Telegram")), 2)->text(),
                                  QStringLiteral("stopped"), 5000);
        QVERIFY(rig.overview.button(QStringLiteral("start"))->isEnabled()); // still selected after the refresh

        // Log out asks first; "no" sends nothing.
        rig.answer = false;
        QTest::mouseClick(rig.overview.button(QStringLiteral("logout")), Qt::LeftButton);
        QCOMPARE(rig.confirmations, 1);
        const QJsonObject before = call(rig.manager, QStringLiteral("channels.status")).payload.toObject();
        QVERIFY(!before.value(QLatin1String("channelAccounts")).toObject().value(QLatin1String("telegram")).toArray().first().toObject().contains(QLatin1String("linked")));
        rig.answer = true;
        QTest::mouseClick(rig.overview.button(QStringLiteral("logout")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rig.overview.text(QStringLiteral("message")).contains(QStringLiteral("logout done")), 5000);
        const QJsonObject after = call(rig.manager, QStringLiteral("channels.status")).payload.toObject();
        QCOMPARE(after.value(QLatin1String("channelAccounts")).toObject().value(QLatin1String("telegram")).toArray().first().toObject().value(QLatin1String("linked")).toBool(true), false);

        QVERIFY(rig.stop());
        QTRY_COMPARE(rig.overview.channelsTable()->rowCount(), 0);
        QVERIFY(rig.overview.text(QStringLiteral("issues")).isEmpty());
        QCOMPARE(rig.overview.text(QStringLiteral("channels")), QStringLiteral("No channel status: the gateway is not running."));
    }

    // Without operator.admin: channel buttons are off with the reason; a node request that needs
    // admin cannot be approved here, and the panel says how to approve it instead.
    void withoutAdmin()
    {
        qputenv("FAKE_WITHHOLD_SCOPES", "operator.admin");
        Rig rig(m_dir.path());
        QVERIFY(rig.start());
        qunsetenv("FAKE_WITHHOLD_SCOPES");
        QVERIFY(call(rig.manager, QStringLiteral("fake.channels"), channelSpec()).ok());
        QTest::mouseClick(rig.overview.button(QStringLiteral("refresh")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.overview.channelsTable()->rowCount(), 2, 5000);
        rig.overview.channelsTable()->selectRow(0);
        QVERIFY(!rig.overview.button(QStringLiteral("stop"))->isEnabled());
        QVERIFY(rig.overview.button(QStringLiteral("stop"))->toolTip().contains(QStringLiteral("needs operator.admin")));

        QVERIFY(call(rig.manager, QStringLiteral("fake.pairRequest"),
                     {{QStringLiteral("kind"), QStringLiteral("node")}, {QStringLiteral("requestId"), QStringLiteral("node-1")},
                      {QStringLiteral("nodeId"), QStringLiteral("n1")}, {QStringLiteral("displayName"), QStringLiteral("build box")},
                      {QStringLiteral("commands"), QJsonArray{QStringLiteral("system.run")}},
                      {QStringLiteral("requiredApproveScopes"), QJsonArray{QStringLiteral("operator.pairing"), QStringLiteral("operator.admin")}}})
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.prompt.isVisible(), 5000);
        QCOMPARE(rig.prompt.fieldText(QStringLiteral("title")), QStringLiteral("A node wants to pair: build box"));
        QCOMPARE(rig.prompt.fieldText(QStringLiteral("asks")), QStringLiteral("Asks to run: system.run"));
        QVERIFY(!rig.prompt.approveButton()->isEnabled());
        QVERIFY(rig.prompt.fieldText(QStringLiteral("note")).contains(QStringLiteral("openclaw nodes approve node-1")));
        QVERIFY(rig.prompt.rejectButton()->isEnabled());
        QTest::mouseClick(rig.prompt.rejectButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.prompt.isVisible(), 5000);
        QVERIFY(call(rig.manager, QStringLiteral("node.pair.list")).payload.toObject().value(QLatin1String("pending")).toArray().isEmpty());
        QVERIFY(rig.stop());
    }
};

QTEST_MAIN(TestUiCompanion)
#include "tst_ui_companion.moc"
