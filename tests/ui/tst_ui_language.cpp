// The desktop in Simplified Chinese: the language follows the system locale (zh_CN, zh_SG, zh; not
// the Traditional zh_TW / zh_HK) unless the setting says otherwise; the built-in translation is
// found and turns the window, the tray menu, the state words and Qt's own buttons into Chinese;
// taken out again, everything is English.
#include "DisplayText.h"
#include "GatewayActions.h"
#include "MainWindow.h"
#include "RestartHistoryTable.h"
#include "ProblemPanel.h"
#include "SettingsDialog.h"
#include "SettingsForm.h"
#include "StatusHeader.h"
#include "StatusVisual.h"
#include "TokenPanel.h"
#include "settings/FileSecretBackend.h"
#include "settings/SecretStore.h"
#include "Translations.h"
#include "TrayIcon.h"
#include "UiTestSupport.h"
#include "logging/LogRing.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace clawtray;

class TestUiLanguage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Translations::uninstall(); }

    void theSystemLocaleDecidesUnlessTheSettingDoes()
    {
        QCOMPARE(Translations::resolve(UiLanguage::System, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(Translations::resolve(UiLanguage::System, QStringLiteral("zh_SG")), QStringLiteral("zh_CN"));
        QCOMPARE(Translations::resolve(UiLanguage::System, QStringLiteral("zh_TW")), QStringLiteral("en"));
        QCOMPARE(Translations::resolve(UiLanguage::System, QStringLiteral("zh_HK")), QStringLiteral("en"));
        QCOMPARE(Translations::resolve(UiLanguage::System, QStringLiteral("en_US")), QStringLiteral("en"));
        QCOMPARE(Translations::resolve(UiLanguage::System, QStringLiteral("de_DE")), QStringLiteral("en"));
        QCOMPARE(Translations::resolve(UiLanguage::English, QStringLiteral("zh_CN")), QStringLiteral("en"));
        QCOMPARE(Translations::resolve(UiLanguage::SimplifiedChinese, QStringLiteral("en_US")),
                 QStringLiteral("zh_CN"));
        QVERIFY(uiLanguageFromString(QStringLiteral("zh_CN")) == UiLanguage::SimplifiedChinese);
        QVERIFY(!uiLanguageFromString(QStringLiteral("klingon")));
        QVERIFY2(Translations::available().contains(QStringLiteral("zh_CN")),
                 qPrintable(Translations::available().join(QLatin1Char(','))));
    }

    void theWindowAndTheTraySpeakChinese()
    {
        QCOMPARE(Translations::install(UiLanguage::SimplifiedChinese), QStringLiteral("zh_CN"));
        GatewayActions actions;
        actions.setStandInStatus(uitest::statusIn(GatewayState::Running));
        LogRing ring(10);
        MainWindow window(&actions, &ring);
        TrayIcon tray(&actions, nullptr);
        QCOMPARE(window.button(MainWindow::Button::Start)->text(), QStringLiteral("启动"));
        QCOMPARE(window.button(MainWindow::Button::Stop)->text(), QStringLiteral("停止"));
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("概览"));
        QCOMPARE(window.header()->fieldText(QStringLiteral("state")), QStringLiteral("运行中"));
        QCOMPARE(tray.action(TrayIcon::Item::Quit)->text(), QStringLiteral("退出"));
        QCOMPARE(tray.action(TrayIcon::Item::SafeRestart)->text(), QStringLiteral("安全重启"));
        // The core's words the desktop composes again: the health word (also those with '…'), durations.
        HealthSummary starting;
        starting.level = HealthSummary::Level::NotRunning;
        starting.title = QStringLiteral("Starting…");
        QCOMPARE(DisplayText::healthTitle(starting), QStringLiteral("正在启动…"));
        HealthSummary healthy;
        healthy.level = HealthSummary::Level::Healthy;
        healthy.title = QStringLiteral("Healthy");
        QCOMPARE(DisplayText::healthTitle(healthy), QStringLiteral("健康"));
        QCOMPARE(DisplayText::duration(94000), QStringLiteral("1 分 34 秒"));
        QVERIFY(DisplayText::trayLine(uitest::statusIn(GatewayState::Running), 61000)
                    .startsWith(QStringLiteral("网关运行中")));
        // Qt's own words too (from Debian's qt6-translations-l10n).
        QDialogButtonBox box(QDialogButtonBox::Cancel);
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("取消"));
        if (const QString dir = qEnvironmentVariable("CLAWTRAY_SCREENSHOT_DIR"); !dir.isEmpty()) {
            window.resize(900, 640);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.grab().save(QDir(dir).filePath(QStringLiteral("window-zh_CN.png")));
        }
    }

    // The settings' choices read in Chinese and are still saved as their values.
    void settingsChoicesAreTranslatedButKeepTheirValues()
    {
        Translations::install(UiLanguage::SimplifiedChinese);
        uitest::FakeSettingsController c;
        c.data.reload.policy = ReloadMode::Restart;
        c.data.behaviour.language = UiLanguage::SimplifiedChinese;
        SettingsDialog d(&c);
        auto* policy = d.findChild<QComboBox*>(QString::fromLatin1(SettingsKey::ReloadPolicy));
        auto* language = d.findChild<QComboBox*>(QString::fromLatin1(SettingsKey::Language));
        QVERIFY(policy && language);
        QCOMPARE(policy->currentText(), QStringLiteral("重启（restart）"));
        QCOMPARE(language->currentText(), QStringLiteral("简体中文"));
        QCOMPARE(d.form()->read(c.data), c.data); // unchanged: read back exactly
        policy->setCurrentIndex(policy->findData(QStringLiteral("off")));
        QVERIFY(d.form()->read(c.data).reload.policy == ReloadMode::Off);
    }

    // ui/DisplayText composes again what the core says (so it can say it in Chinese). Without a
    // translator its words must be the core's, word for word: this keeps the two from drifting.
    void withoutATranslatorDisplayTextIsTheCoresText()
    {
        Translations::uninstall();
        for (qint64 ms :
             {qint64(-5), qint64(0), qint64(999), qint64(59999), qint64(60000), qint64(94000), qint64(3599999),
              qint64(3600000), qint64(5400000), qint64(86399999), qint64(90061000), qint64(400000000000)})
            QCOMPARE(DisplayText::duration(ms), formatDuration(ms));

        QVector<GatewayStatus> statuses;
        for (GatewayState st : {GatewayState::Stopped, GatewayState::Starting, GatewayState::Running,
                                GatewayState::Reconnecting, GatewayState::Stopping, GatewayState::Error})
            statuses << uitest::statusIn(st) << uitest::statusIn(st, /*owned*/ false);
        GatewayStatus service = uitest::statusIn(GatewayState::Running);
        service.serviceUnit = QStringLiteral("openclaw-gateway.service");
        GatewayStatus notReady = uitest::statusIn(GatewayState::Running);
        notReady.readiness = QStringLiteral("not-ready");
        notReady.notReady = QStringList{QStringLiteral("telegram:default")};
        GatewayStatus notReadyUnknown = notReady;
        notReadyUnknown.notReady.clear();
        GatewayStatus phase = uitest::statusIn(GatewayState::Starting);
        phase.phase = UserText("waiting for the gateway to become ready");
        GatewayStatus pending = uitest::statusIn(GatewayState::Error);
        pending.lastError.summary = UserText("The gateway rejected its configuration: %1").arg(QStringLiteral("x"));
        pending.pendingAction = UserText("retrying every %1").duration(180000);
        GatewayStatus reconnecting = uitest::statusIn(GatewayState::Reconnecting);
        reconnecting.pendingAction = UserText("reconnecting in %1 (attempt %2)").duration(2000).arg(2);
        statuses << service << notReady << notReadyUnknown << phase << pending << reconnecting;
        for (const GatewayStatus& st : statuses)
            QCOMPARE(DisplayText::trayLine(st, 4242000), QStringLiteral("Gateway ") + st.oneLine(4242000));

        // The health words: whatever the core's evaluator titles a state, DisplayText says the same.
        for (auto level :
             {HealthSummary::Level::Healthy, HealthSummary::Level::Degraded, HealthSummary::Level::Unresponsive,
              HealthSummary::Level::Down, HealthSummary::Level::NotRunning}) {
            HealthSummary h;
            h.level = level;
            QCOMPARE(DisplayText::healthTitle(h), HealthSummary::levelName(level));
        }
        for (const char* title : {"Healthy", "Degraded", "Unresponsive", "Down", "Stopped", "Starting…", "Stopping…",
                                  "Restarting…", "a title the desktop does not know"}) {
            HealthSummary h;
            h.title = QString::fromUtf8(title);
            QCOMPARE(DisplayText::healthTitle(h), h.title);
        }
    }

    // The core's sentences — a problem, its fix, what ClawTray waits for — travel as (source text,
    // arguments) and are said in Chinese on the desktop, with their durations; the gateway's own
    // words and paths stay as they are. Logs, ctl and exports keep the English (english()).
    void theCoresSentencesAreSaidInChinese()
    {
        QCOMPARE(Translations::install(UiLanguage::SimplifiedChinese), QStringLiteral("zh_CN"));
        GatewayStatus s = uitest::statusIn(GatewayState::Error);
        s.lastError.kind = ProblemKind::InvalidConfig;
        s.lastError.summary = UserText("The gateway rejected its configuration: %1")
                                  .arg(QStringLiteral("gateway.mode is missing"));
        s.lastError.action = UserText("Fix %1 (or run doctor --fix); ClawTray starts the gateway again when the file "
                                      "changes.")
                                 .arg(QStringLiteral("/home/u/.openclaw/openclaw.json"));
        s.lastError.actionId = ProblemAction::DoctorFix;
        s.pendingAction = UserText("%1; %2")
                              .arg(UserText("watching %1 for a change").arg(QStringLiteral("openclaw.json")))
                              .arg(UserText("retrying every %1").duration(94000));
        GatewayActions actions;
        actions.setStandInStatus(s);
        LogRing ring(10);
        MainWindow window(&actions, &ring);
        const QString summary = window.problemPanel()->summaryText();
        const QString action = window.problemPanel()->actionText();
        QVERIFY2(summary.contains(QStringLiteral("网关")) && summary.contains(QStringLiteral("gateway.mode is missing")),
                 qPrintable(summary));
        QVERIFY2(!summary.contains(QStringLiteral("rejected")), qPrintable(summary));
        QVERIFY2(action.contains(QStringLiteral("/home/u/.openclaw/openclaw.json")) && !action.contains(QStringLiteral("Fix")),
                 qPrintable(action));
        const QString line = DisplayText::trayLine(s, 0);
        QVERIFY2(line.contains(QStringLiteral("1 分 34 秒")) && line.contains(QStringLiteral("openclaw.json"))
                     && !line.contains(QStringLiteral("retrying")) && !line.contains(QStringLiteral("watching")),
                 qPrintable(line));
        // The same values, English for logs and ctl.
        QCOMPARE(s.lastError.summary.english(),
                 QStringLiteral("The gateway rejected its configuration: gateway.mode is missing"));
        QCOMPARE(s.pendingAction.english(), QStringLiteral("watching openclaw.json for a change; retrying every 1 min 34 s"));
    }

    // Seen in a walk-through: on a Chinese desktop the restart history and the Settings' "in effect"
    // notes were still English. Fixed words and the notes' sentences are said in Chinese; the
    // gateway's own words after a known prefix stay as they are.
    void theHistoryAndTheSettingsNotesAreChineseToo()
    {
        QCOMPARE(Translations::install(UiLanguage::SimplifiedChinese), QStringLiteral("zh_CN"));
        RestartHistoryTable table;
        RestartRecord r;
        r.atMs = 1;
        r.reason = QStringLiteral("safe restart");
        r.requestedBy = QStringLiteral("user");
        r.kind = QStringLiteral("in-process");
        r.result = QStringLiteral("failed: Gateway start blocked");
        r.durationMs = 94000;
        table.render({r});
        QCOMPARE(table.item(0, 1)->text(), QStringLiteral("安全重启"));
        QCOMPARE(table.item(0, 2)->text(), QStringLiteral("用户"));
        QCOMPARE(table.item(0, 3)->text(), QStringLiteral("进程内"));
        QCOMPARE(table.item(0, 4)->text(), QStringLiteral("失败：Gateway start blocked"));
        QCOMPARE(table.item(0, 5)->text(), QStringLiteral("1 分 34 秒"));
        const UserText note = UserText("In effect: %1 — set by --port on the command line. Saving another port here replaces it.")
                                  .arg(qint64(28811));
        const QString shown = DisplayText::text(note);
        QVERIFY2(shown.startsWith(QStringLiteral("当前生效：28811")) && shown.contains(QStringLiteral("--port")), qPrintable(shown));
    }

    // Seen in a walk-through: where the token lives, the keychain's errors and the port check's
    // findings were English on a Chinese desktop (they came from the core as plain strings). They
    // travel as sentences now; the paths and the keychain's own words stay as they are.
    void theTokenPlaceAndThePortFindingsAreChinese()
    {
        QCOMPARE(Translations::install(UiLanguage::SimplifiedChinese), QStringLiteral("zh_CN"));
        uitest::FakeSettingsController c;
        c.currentToken.clear();
        c.problem = SecretStore::noAnswerMessage();
        SettingsDialog d(&c);
        const QString problem = d.tokenPanel()->problemText();
        QVERIFY2(problem.contains(QStringLiteral("密钥环")) && problem.contains(QStringLiteral("密码"))
                     && !problem.contains(QStringLiteral("keychain")),
                 qPrintable(problem));
        const QString file = DisplayText::text(FileSecretBackend(QStringLiteral("/home/u/.config/clawtray/gateway-token")).description());
        QVERIFY2(file.contains(QStringLiteral("/home/u/.config/clawtray/gateway-token")) && !file.contains(QStringLiteral("readable")),
                 qPrintable(file));
        const QString denied = DisplayText::text(SecretStore::unavailableMessage(QStringLiteral("org.freedesktop.DBus.Error.ServiceUnknown")));
        QVERIFY2(denied.contains(QStringLiteral("org.freedesktop.DBus.Error.ServiceUnknown")) && !denied.contains(QStringLiteral("not available")),
                 qPrintable(denied));
        const QString port = DisplayText::text(UserText("Port %1 is used by %2, which is not an OpenClaw gateway. ClawTray will "
                                                        "not stop it: stop it yourself or choose another port in Settings.")
                                                   .arg(qint64(18789))
                                                   .arg(UserText::verbatim(QStringLiteral("pid 4242 (python3 -m http.server)"))));
        QVERIFY2(port.contains(QStringLiteral("18789")) && port.contains(QStringLiteral("python3 -m http.server"))
                     && !port.contains(QStringLiteral("is used by")),
                 qPrintable(port));
        // Waiting for the keychain is not "Starting" the gateway.
        GatewayStatus waiting;
        waiting.state = GatewayState::Starting;
        waiting.phase = StatusVisual::keychainWaitPhase();
        QCOMPARE(StatusVisual::stateLabel(waiting), QStringLiteral("等待中"));
    }

    void englishAgainWithoutTheTranslation()
    {
        QCOMPARE(Translations::install(UiLanguage::English), QStringLiteral("en"));
        GatewayActions actions;
        LogRing ring(10);
        MainWindow window(&actions, &ring);
        QCOMPARE(window.button(MainWindow::Button::Start)->text(), QStringLiteral("Start"));
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Overview"));
    }
};

QTEST_MAIN(TestUiLanguage)
#include "tst_ui_language.moc"
