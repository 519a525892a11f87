// Help > About ClawTray: the versions from the running program and the gateway's hello, where the
// settings, logs, token and runtime are, licences; Copy gives the same lines and never the token.
#include "AboutDialog.h"
#include "GatewayActions.h"
#include "MainWindow.h"
#include "UiTestSupport.h"
#include "logging/LogRing.h"
#include "settings/AppPaths.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace clawtray;

class TestUiAbout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsWhatIsTrueNow()
    {
        uitest::FakeSettingsController settings;
        GatewayStatus running = uitest::statusIn(GatewayState::Running);
        running.gatewayVersion = QStringLiteral("2026.9.6");
        AboutDialog about(running, &settings);
        QCOMPARE(about.field(QStringLiteral("clawtray")), QStringLiteral(CLAWTRAY_VERSION));
        QCOMPARE(about.field(QStringLiteral("gateway")), QStringLiteral("OpenClaw 2026.9.6"));
        QCOMPARE(about.field(QStringLiteral("qt")), QString::fromLatin1(qVersion()));
        QCOMPARE(about.field(QStringLiteral("settings")), AppPaths::settingsFile());
        QCOMPARE(about.field(QStringLiteral("logs")), AppPaths::logDir());
        QCOMPARE(about.field(QStringLiteral("token")), settings.tokenLocation().english());
        QCOMPARE(about.field(QStringLiteral("runtime")), AppPaths::runtimeDir());

        // A stopped gateway has no version to show: none of the last run's stays.
        AboutDialog stopped(uitest::statusIn(GatewayState::Stopped), &settings);
        QCOMPARE(stopped.field(QStringLiteral("gateway")), QStringLiteral("not connected"));
    }

    void copyGivesTheLinesButNeverTheToken()
    {
        uitest::FakeSettingsController settings;
        AboutDialog about(uitest::statusIn(GatewayState::Running), &settings);
        auto* copy = about.findChild<QPushButton*>(QStringLiteral("about:copy"));
        QVERIFY(copy);
        copy->click();
        const QString text = QApplication::clipboard()->text();
        QVERIFY2(text.contains(AppPaths::settingsFile()) && text.contains(AppPaths::logDir()), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("ClawTray %1").arg(QStringLiteral(CLAWTRAY_VERSION))));
        QVERIFY(!text.contains(settings.currentToken));
    }

    void theWindowsHelpMenuAsksForIt()
    {
        GatewayActions actions;
        LogRing ring(10);
        MainWindow window(&actions, &ring);
        QSignalSpy asked(&window, &MainWindow::aboutRequested);
        QVERIFY(window.aboutAction());
        QCOMPARE(window.aboutAction()->text(), QStringLiteral("&About ClawTray"));
        window.aboutAction()->trigger();
        QCOMPARE(asked.size(), 1);
    }
};

QTEST_MAIN(TestUiAbout)
#include "tst_ui_about.moc"
