// Which tray actions and main-window buttons are enabled, for every gateway state; what a
// problem's suggested action does. Offscreen; the manager exists but never starts.
#include "ActionAvailability.h"
#include "GatewayActions.h"
#include "MainWindow.h"
#include "ProblemPanel.h"
#include "StatusHeader.h"
#include "TrayIcon.h"
#include "UiTestSupport.h"
#include "logging/LogRing.h"

#include <QAction>
#include <QPushButton>
#include <QFontMetrics>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

class TestUiActions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void availabilityPerState_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("owned");
        QTest::addColumn<qint64>("nextRetry");
        // expected: start stop restart safeRestart controlUi, stop label
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("stopLabel");
        QTest::newRow("stopped") << int(GatewayState::Stopped) << false << qint64(0) << "10000"
                                 << "Stop";
        QTest::newRow("starting") << int(GatewayState::Starting) << true << qint64(0) << "01000"
                                  << "Stop";
        QTest::newRow("running owned") << int(GatewayState::Running) << true << qint64(0) << "01111"
                                       << "Stop";
        QTest::newRow("running external") << int(GatewayState::Running) << false << qint64(0) << "01111"
                                          << "Disconnect";
        QTest::newRow("reconnecting") << int(GatewayState::Reconnecting) << true << qint64(123) << "01100"
                                      << "Stop";
        QTest::newRow("stopping") << int(GatewayState::Stopping) << true << qint64(0) << "00000"
                                  << "Stop";
        QTest::newRow("error, nothing pending") << int(GatewayState::Error) << false << qint64(0) << "10000"
                                                << "Stop";
        QTest::newRow("error, retry pending") << int(GatewayState::Error) << false << qint64(99) << "11000"
                                              << "Stop";
    }

    void availabilityPerState()
    {
        QFETCH(int, state);
        QFETCH(bool, owned);
        QFETCH(qint64, nextRetry);
        QFETCH(QString, expected);
        QFETCH(QString, stopLabel);
        GatewayStatus s = uitest::statusIn(GatewayState(state), owned);
        s.nextRetryAtMs = nextRetry;
        const ActionAvailability a = ActionAvailability::forStatus(s);
        const QString got = QStringLiteral("%1%2%3%4%5")
                                .arg(int(a.start))
                                .arg(int(a.stop))
                                .arg(int(a.restart))
                                .arg(int(a.safeRestart))
                                .arg(int(a.openControlUi));
        QCOMPARE(got, expected);
        QCOMPARE(a.stopLabel, stopLabel);

        // The tray and the window show exactly that.
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        TrayIcon tray(&actions, nullptr);
        LogRing ring(50);
        MainWindow window(&actions, &ring);
        Q_EMIT actions.statusChanged(s);
        QCOMPARE(tray.action(TrayIcon::Item::Start)->isEnabled(), a.start);
        QCOMPARE(tray.action(TrayIcon::Item::Stop)->isEnabled(), a.stop);
        QCOMPARE(tray.action(TrayIcon::Item::Stop)->text(), a.stopLabel);
        QCOMPARE(tray.action(TrayIcon::Item::Restart)->isEnabled(), a.restart);
        QCOMPARE(tray.action(TrayIcon::Item::SafeRestart)->isEnabled(), a.safeRestart);
        QCOMPARE(tray.action(TrayIcon::Item::OpenControlUi)->isEnabled(), a.openControlUi);
        QVERIFY(tray.action(TrayIcon::Item::ShowWindow)->isEnabled());
        QVERIFY(tray.action(TrayIcon::Item::Quit)->isEnabled());
        QVERIFY(tray.action(TrayIcon::Item::Status)
                    ->text()
                    .startsWith(QStringLiteral("Gateway ") + gatewayStateName(s.state)));
        QCOMPARE(window.button(MainWindow::Button::Start)->isEnabled(), a.start);
        QCOMPARE(window.button(MainWindow::Button::Stop)->isEnabled(), a.stop);
        QCOMPARE(window.button(MainWindow::Button::Stop)->text(), a.stopLabel);
        QCOMPARE(window.button(MainWindow::Button::Restart)->isEnabled(), a.restart);
        QCOMPARE(window.button(MainWindow::Button::SafeRestart)->isEnabled(), a.safeRestart);
        QCOMPARE(window.button(MainWindow::Button::OpenControlUi)->isEnabled(), a.openControlUi);
        const bool transitional = s.state == GatewayState::Starting || s.state == GatewayState::Stopping ||
                                  s.state == GatewayState::Reconnecting;
        QCOMPARE(window.busyIndicatorShown(), transitional);
        // The error (and only the error) is shown in place.
        QCOMPARE(window.problemPanel()->isVisibleTo(&window), s.state == GatewayState::Error);
    }

    // OpenClaw's service owns the gateway: "Stop" stops it (through systemd, not a disconnect),
    // and the handover is offered both ways, in the window and in the tray, only when it applies.
    void serviceHandoverIsOfferedBothWays()
    {
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        TrayIcon tray(&actions, nullptr);
        LogRing ring(50);
        MainWindow window(&actions, &ring);
        QPushButton* button = window.button(MainWindow::Button::SwitchManager);
        QAction* item = tray.action(TrayIcon::Item::SwitchManager);

        GatewayStatus s = uitest::statusIn(GatewayState::Running, false);
        Q_EMIT actions.statusChanged(s);
        QVERIFY(!button->isVisibleTo(&window) && !item->isVisible()); // a plain external gateway: no service
        QCOMPARE(window.button(MainWindow::Button::Stop)->text(), QStringLiteral("Disconnect"));

        s.serviceUnit = QStringLiteral("openclaw-gateway.service");
        Q_EMIT actions.statusChanged(s);
        QCOMPARE(window.button(MainWindow::Button::Stop)->text(), QStringLiteral("Stop"));
        QCOMPARE(tray.action(TrayIcon::Item::Stop)->text(), QStringLiteral("Stop"));
        QVERIFY(button->isVisibleTo(&window) && button->isEnabled());
        QCOMPARE(button->text(), QStringLiteral("Let ClawTray manage the gateway"));
        QVERIFY(item->isVisible() && item->isEnabled());
        QCOMPARE(item->text(), button->text());
        QCOMPARE(window.header()->fieldText(QStringLiteral("ownership")),
                 QStringLiteral("managed by OpenClaw's service openclaw-gateway.service"));

        s.state = GatewayState::Stopping; // mid-switch: nothing to click
        Q_EMIT actions.statusChanged(s);
        QVERIFY(!button->isEnabled() && !item->isEnabled());

        s = uitest::statusIn(GatewayState::Running, true);
        s.readiness = QStringLiteral("not-ready");
        s.notReady = {QStringLiteral("telegram:default")};
        Q_EMIT actions.statusChanged(s);
        QCOMPARE(window.header()->fieldText(QStringLiteral("phase")), QStringLiteral("gateway up, channels not ready: telegram:default"));
        s.readiness = QStringLiteral("ready");
        s.notReady.clear();
        Q_EMIT actions.statusChanged(s);
        QCOMPARE(window.header()->fieldText(QStringLiteral("phase")), QString()); // nothing sticks
        s.serviceHandBackUnit = QStringLiteral("openclaw-gateway.service");
        Q_EMIT actions.statusChanged(s);
        QCOMPARE(button->text(), QStringLiteral("Hand back to openclaw-gateway.service"));
        QVERIFY(button->isEnabled() && item->isEnabled());
        QCOMPARE(window.header()->fieldText(QStringLiteral("ownership")), QStringLiteral("owned by ClawTray"));
    }

    void trayIconAndTooltipFollowTheState()
    {
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        TrayIcon tray(&actions, nullptr);
        GatewayStatus s = uitest::statusIn(GatewayState::Running);
        s.port = 18789;
        s.startedAtMs = QDateTime::currentMSecsSinceEpoch() - 125000;
        tray.render(s);
        QCOMPARE(tray.iconName(), QStringLiteral("running"));
        QVERIFY2(tray.toolTip().contains(QStringLiteral("running")), qPrintable(tray.toolTip()));
        QVERIFY2(tray.toolTip().contains(QStringLiteral("port 18789")), qPrintable(tray.toolTip()));
        QVERIFY2(tray.toolTip().contains(QStringLiteral("up 2 min")), qPrintable(tray.toolTip()));
        s.healthy = false;
        tray.render(s);
        QCOMPARE(tray.iconName(), QStringLiteral("degraded"));
        tray.render(uitest::statusIn(GatewayState::Reconnecting));
        QCOMPARE(tray.iconName(), QStringLiteral("starting"));
        tray.render(uitest::statusIn(GatewayState::Error));
        QCOMPARE(tray.iconName(), QStringLiteral("error"));
        QVERIFY(tray.toolTip().contains(QStringLiteral("configuration is invalid")));
        QVERIFY(tray.action(TrayIcon::Item::Status)->text().contains(QStringLiteral("configuration is invalid")));
        tray.render(uitest::statusIn(GatewayState::Stopped));
        QCOMPARE(tray.iconName(), QStringLiteral("stopped"));
    }

    void nothingIsEnabledWithoutAManager()
    {
        GatewayActions actions; // the token is still loading: no manager yet
        GatewayStatus loading;
        loading.state = GatewayState::Starting;
        loading.phase = UserText::verbatim(QStringLiteral("loading the gateway token"));
        actions.setStandInStatus(loading);
        TrayIcon tray(&actions, nullptr);
        LogRing ring(10);
        MainWindow window(&actions, &ring);
        for (auto item : {TrayIcon::Item::Start, TrayIcon::Item::Stop, TrayIcon::Item::Restart,
                          TrayIcon::Item::SafeRestart, TrayIcon::Item::OpenControlUi})
            QVERIFY(!tray.action(item)->isEnabled());
        for (auto b : {MainWindow::Button::Start, MainWindow::Button::Stop, MainWindow::Button::Restart,
                       MainWindow::Button::SafeRestart, MainWindow::Button::OpenControlUi})
            QVERIFY(!window.button(b)->isEnabled());
        QCOMPARE(tray.iconName(), QStringLiteral("starting"));
        // Launch at login needs the settings controller.
        QVERIFY(!tray.action(TrayIcon::Item::LaunchAtLogin)->isEnabled());
        // The same with a stand-in error (the token could not be loaded).
        GatewayStatus failed;
        failed.state = GatewayState::Error;
        failed.lastError.summary = UserText::verbatim(QStringLiteral("The gateway token could not be loaded: keychain unavailable"));
        failed.lastError.actionId = ProblemAction::TokenStorage;
        actions.setStandInStatus(failed);
        QVERIFY(!tray.action(TrayIcon::Item::Start)->isEnabled());
        QVERIFY(!window.button(MainWindow::Button::Start)->isEnabled());
        QVERIFY(window.problemPanel()->isVisibleTo(&window));
        QCOMPARE(window.problemPanel()->actionButton()->text(), QStringLiteral("Token storage…"));
    }

    // The tray menu keeps one width: a long line (an error's summary) is elided to it instead of
    // widening the menu, so it neither jumps nor runs off the screen's edge.
    void theTrayMenuKeepsItsWidth()
    {
        GatewayActions actions;
        actions.setStandInStatus(uitest::statusIn(GatewayState::Running));
        TrayIcon tray(&actions, nullptr);
        const int width = tray.menu()->sizeHint().width();
        QVERIFY(tray.lineWidth() > 100);
        GatewayStatus failed = uitest::statusIn(GatewayState::Error);
        failed.lastError.summary = UserText::verbatim(QStringLiteral("The gateway could not start: ") + QString(300, QLatin1Char('x')));
        actions.setStandInStatus(failed);
        const QString line = tray.action(TrayIcon::Item::Status)->text();
        QVERIFY2(line.endsWith(QChar(0x2026)), qPrintable(line));
        QFont bold = tray.menu()->font();
        bold.setBold(true);
        QVERIFY(QFontMetrics(bold).horizontalAdvance(line) <= tray.lineWidth());
        QCOMPARE(tray.menu()->sizeHint().width(), width);
    }

    void problemActionsAreForwarded()
    {
        GatewayActions actions;
        LogRing ring(10);
        MainWindow window(&actions, &ring);
        QSignalSpy settings(&window, &MainWindow::settingsRequested);
        QSignalSpy app(&actions, &GatewayActions::appActionRequested);
        struct Case
        {
            ProblemAction actionId;
            const char* label;
            const char* page; // expected settings page, or nullptr
        };
        const Case cases[] = {
            {ProblemAction::ChangePort, "Use another port…", "runtime"},
            {ProblemAction::Settings, "Open settings…", "runtime"},
            {ProblemAction::ImportToken, "Import the gateway's token…", "token"},
            {ProblemAction::TokenStorage, "Token storage…", "token"},
        };
        for (const Case& c : cases) {
            GatewayStatus s = uitest::statusIn(GatewayState::Error);
            s.lastError.actionId = c.actionId;
            actions.setStandInStatus(s);
            QPushButton* button = window.problemPanel()->actionButton();
            QCOMPARE(button->text(), QString::fromUtf8(c.label));
            settings.clear();
            QTest::mouseClick(button, Qt::LeftButton);
            QCOMPARE(settings.size(), 1);
            QCOMPARE(settings.at(0).at(0).toString(), QString::fromLatin1(c.page));
        }
        GatewayStatus s = uitest::statusIn(GatewayState::Error);
        QCOMPARE(GatewayActions::actionLabel(s.lastError.actionId), QStringLiteral("Run doctor --fix"));
        s.lastError.actionId = ProblemAction::RetryToken;
        actions.setStandInStatus(s);
        QTest::mouseClick(window.problemPanel()->actionButton(), Qt::LeftButton);
        QCOMPARE(app.size(), 1);
        QCOMPARE(app.at(0).at(0).value<ProblemAction>(), ProblemAction::RetryToken);
        // No actionId: no button.
        s.lastError.actionId = ProblemAction::None;
        actions.setStandInStatus(s);
        QVERIFY(window.problemPanel()->actionButton()->isHidden());
    }

    void closingHidesToTrayOrQuits()
    {
        GatewayActions actions;
        LogRing ring(10);
        MainWindow window(&actions, &ring);
        QSignalSpy quit(&window, &MainWindow::quitRequested);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setHidesToTray(true);
        window.close();
        QVERIFY(window.isHidden());
        QCOMPARE(quit.size(), 0);
        window.present();
        QVERIFY(window.isVisible());
        window.setHidesToTray(false); // no tray: closing the only window means quitting
        window.close();
        QCOMPARE(quit.size(), 1);
        QVERIFY(window.isVisible()); // the app's quit sequence decides what happens next
    }

    void statusLineAndShowOpenTheWindow()
    {
        GatewayActions actions;
        TrayIcon tray(&actions, nullptr);
        QSignalSpy show(&tray, &TrayIcon::showWindowRequested);
        QSignalSpy quit(&tray, &TrayIcon::quitRequested);
        tray.action(TrayIcon::Item::Status)->trigger();
        tray.action(TrayIcon::Item::ShowWindow)->trigger();
        QCOMPARE(show.size(), 2);
        QCOMPARE(quit.size(), 0);
        tray.action(TrayIcon::Item::Quit)->trigger();
        QCOMPARE(quit.size(), 1);
    }

    // A hidden window runs no periodic refresh (the tray app would otherwise wake every second).
    void hiddenWindowRunsNoTimers()
    {
        GatewayActions actions;
        LogRing ring(50);
        MainWindow window(&actions, &ring);
        QVERIFY(!window.refreshesDetails());
        QVERIFY(!window.header()->isTicking());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.refreshesDetails());
        QVERIFY(window.header()->isTicking());
        window.hide();
        QVERIFY(!window.refreshesDetails());
        QVERIFY(!window.header()->isTicking());
    }

    void launchAtLoginIsCheckable()
    {
        uitest::FakeSettingsController settings;
        GatewayActions actions;
        TrayIcon tray(&actions, &settings);
        QAction* item = tray.action(TrayIcon::Item::LaunchAtLogin);
        QVERIFY(item->isCheckable());
        QVERIFY(item->isEnabled());
        QVERIFY(!item->isChecked());
        item->trigger();
        QVERIFY(settings.autostart);
        QVERIFY(item->isChecked());
        item->trigger();
        QVERIFY(!settings.autostart);
        settings.autostart = true; // changed elsewhere (the settings dialog)
        Q_EMIT settings.changed();
        QVERIFY(item->isChecked());
    }
};

QTEST_MAIN(TestUiActions)
#include "tst_ui_actions.moc"
