// The main window's and the tray's buttons drive a real GatewayManager against the fake gateway:
// Start / Stop / Restart / Safe restart, Open Control UI (token only in the fragment, never logged)
// and Export diagnostics (a file without the token). Offscreen; waits on signals, never sleeps.
#include "DiagnosticsTable.h"
#include "GatewayActions.h"
#include "MainWindow.h"
#include "RestartHistoryTable.h"
#include "StatusHeader.h"
#include "TrayIcon.h"
#include "UiTestSupport.h"
#include "logging/Logging.h"

#include <QAction>
#include <QDesktopServices>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <signal.h>

using namespace clawtray;

// Receives the URL QDesktopServices would give the browser.
// An xdg-open first on PATH (what ClawTray runs to open the Control UI page), recording what it
// was asked to open and answering like the real one: 0, or 3 "no method available" without a browser.
class FakeXdgOpen
{
public:
    explicit FakeXdgOpen(bool browserInstalled)
        : m_oldPath(qgetenv("PATH"))
    {
        const QByteArray fail = "echo \"xdg-open: no method available for opening '$1'\" >&2\nexit 3\n";
        testsupport::writeExecutable(m_dir.filePath(QStringLiteral("xdg-open")),
                                     "#!/bin/sh\necho \"$1\" >> '" + m_dir.filePath(QStringLiteral("opened")).toUtf8() + "'\n"
                                         + (browserInstalled ? QByteArray("exit 0\n") : fail));
        qputenv("PATH", m_dir.path().toUtf8() + ':' + m_oldPath);
    }
    ~FakeXdgOpen() { qputenv("PATH", m_oldPath); }
    QList<QUrl> urls() const
    {
        QFile f(m_dir.filePath(QStringLiteral("opened")));
        QList<QUrl> out;
        if (f.open(QIODevice::ReadOnly))
            for (const QByteArray& line : f.readAll().split('\n'))
                if (!line.isEmpty())
                    out << QUrl::fromLocalFile(QString::fromUtf8(line));
        return out;
    }

private:
    QTemporaryDir m_dir;
    QByteArray m_oldPath;
};

class TestUiGateway : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static bool waitState(GatewayManager& m, GatewayState s, int ms = 15000)
    {
        return testsupport::waitFor([&] { return m.status().state == s; }, ms);
    }

    static bool ringContains(const QString& text)
    {
        for (const LogLine& l : logging::ring().lines())
            if (l.text.contains(text))
                return true;
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(testsupport::fakeGatewayPath()), "CLAWTRAY_FAKE_GATEWAY must point at the fake gateway");
        LoggingOptions lo;
        lo.toStderr = false;
        logging::init(lo);
    }

    void buttonsDriveTheManager()
    {
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        MainWindow window(&actions, &logging::ring());
        window.show();
        QPushButton* start = window.button(MainWindow::Button::Start);
        QPushButton* stop = window.button(MainWindow::Button::Stop);
        QPushButton* restart = window.button(MainWindow::Button::Restart);
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());

        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(waitState(manager, GatewayState::Running));
        const qint64 pid1 = manager.status().pid;
        QVERIFY(pid1 > 0);
        QTRY_COMPARE(window.diagnosticsTable()->valueOf(QStringLiteral("process.pid")), QString::number(pid1));
        QCOMPARE(window.header()->fieldText(QStringLiteral("port")), QString::number(manager.config().launch.port));
        QCOMPARE(window.header()->fieldText(QStringLiteral("state")), QStringLiteral("Running"));
        QCOMPARE(window.header()->fieldText(QStringLiteral("ownership")), QStringLiteral("owned by ClawTray"));
        QVERIFY(window.header()->fieldText(QStringLiteral("version")).contains(QStringLiteral("fake")));
        QCOMPARE(window.diagnosticsTable()->valueOf(QStringLiteral("process.bootId")), manager.status().bootId);
        QVERIFY(!start->isEnabled());
        QVERIFY(stop->isEnabled() && restart->isEnabled());
        QVERIFY(!window.busyIndicatorShown());

        QTest::mouseClick(restart, Qt::LeftButton);
        QVERIFY(testsupport::waitFor(
            [&] { return manager.status().state == GatewayState::Running && manager.status().pid != pid1; }, 15000));
        QVERIFY(!testsupport::processAlive(pid_t(pid1)));
        QTRY_COMPARE(window.diagnosticsTable()->valueOf(QStringLiteral("process.pid")), QString::number(manager.status().pid));
        QTRY_VERIFY(window.historyTable()->rowCount() >= 1);
        QTRY_COMPARE(window.diagnosticsTable()->valueOf(QStringLiteral("counters.restartsExecuted")),
                     QStringLiteral("1"));
        QVERIFY(
            window.diagnosticsTable()->valueOf(QStringLiteral("versions.gateway")).contains(QStringLiteral("fake")));

        const qint64 pid2 = manager.status().pid;
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY(waitState(manager, GatewayState::Stopped));
        QVERIFY(!testsupport::processAlive(pid_t(pid2)));
        QTRY_COMPARE(window.header()->fieldText(QStringLiteral("state")), QStringLiteral("Stopped"));
        QTRY_COMPARE(window.diagnosticsTable()->valueOf(QStringLiteral("process.pid")), QStringLiteral("—")); // nothing stale
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());
    }

    void trayActionsDriveTheManager()
    {
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        TrayIcon tray(&actions, nullptr);
        tray.action(TrayIcon::Item::Start)->trigger();
        QVERIFY(waitState(manager, GatewayState::Running));
        QTRY_COMPARE(tray.iconName(), QStringLiteral("running"));
        QVERIFY(
            tray.action(TrayIcon::Item::Status)->text().contains(QStringLiteral("pid %1").arg(manager.status().pid)));
        QVERIFY(!tray.action(TrayIcon::Item::Start)->isEnabled());
        const qint64 pid1 = manager.status().pid;
        tray.action(TrayIcon::Item::Restart)->trigger();
        QVERIFY(testsupport::waitFor(
            [&] { return manager.status().state == GatewayState::Running && manager.status().pid != pid1; }, 15000));
        tray.action(TrayIcon::Item::Stop)->trigger();
        QVERIFY(waitState(manager, GatewayState::Stopped));
        QTRY_COMPARE(tray.iconName(), QStringLiteral("stopped"));
        QVERIFY(tray.action(TrayIcon::Item::Start)->isEnabled());
    }

    void deferredSafeRestartIsShown()
    {
        GatewayManager manager(
            uitest::fastConfig(m_dir.path(), {QStringLiteral("--fake-active-tasks"), QStringLiteral("3")}),
            uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        TrayIcon tray(&actions, nullptr);
        MainWindow window(&actions, &logging::ring());
        QSignalSpy busy(&actions, &GatewayActions::busyChanged);
        manager.start();
        QVERIFY(waitState(manager, GatewayState::Running));
        QSignalSpy finished(&actions, &GatewayActions::operationFinished);
        QTest::mouseClick(window.button(MainWindow::Button::SafeRestart), Qt::LeftButton);
        QVERIFY(!busy.isEmpty() && busy.first().at(0).toBool()); // busy while the gateway answers
        QVERIFY(finished.wait(10000));
        QCOMPARE(actions.safeRestartNote(), QStringLiteral("deferred: 3 active tasks"));
        QCOMPARE(tray.action(TrayIcon::Item::SafeRestart)->text(),
                 QStringLiteral("Safe restart (deferred: 3 active tasks)"));
        QVERIFY2(window.safeRestartNoteText().contains(QStringLiteral("deferred: 3 active tasks")),
                 qPrintable(window.safeRestartNoteText()));
        QVERIFY(window.messageText().contains(QStringLiteral("deferred: 3 active tasks")));
        QVERIFY(!window.button(MainWindow::Button::ForceRestart)->isHidden());
        QVERIFY(!actions.busy());
        // Forcing it restarts the process; the note goes once the gateway is back with a new boot.
        const QString boot = manager.status().bootId;
        QTest::mouseClick(window.button(MainWindow::Button::ForceRestart), Qt::LeftButton);
        QVERIFY(testsupport::waitFor(
            [&] { return manager.status().state == GatewayState::Running && manager.status().bootId != boot; }, 15000));
        QTRY_VERIFY(actions.safeRestartNote().isEmpty());
        QCOMPARE(tray.action(TrayIcon::Item::SafeRestart)->text(), QStringLiteral("Safe restart"));
        QVERIFY(window.safeRestartNoteText().isEmpty());
        manager.stop();
        QVERIFY(waitState(manager, GatewayState::Stopped));
    }

    void openControlUiKeepsTheTokenOutOfLogsAndUrl()
    {
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        TrayIcon tray(&actions, nullptr);
        FakeXdgOpen browser(true);
        QSignalSpy finished(&actions, &GatewayActions::operationFinished);
        manager.start();
        QVERIFY(waitState(manager, GatewayState::Running));
        QTRY_VERIFY(tray.action(TrayIcon::Item::OpenControlUi)->isEnabled());
        tray.action(TrayIcon::Item::OpenControlUi)->trigger();
        QVERIFY(actions.busy()); // `openclaw dashboard --json` takes a CLI start: shown as busy
        QTRY_VERIFY_WITH_TIMEOUT(!browser.urls().isEmpty(), 20000);
        QTRY_VERIFY(!actions.busy());
        QCOMPARE(browser.urls().size(), 1);
        QVERIFY(!finished.wait(500)); // a browser took it: nothing to say
        // The browser gets a local launcher file, so neither the one-time link nor the shared
        // token is on the opener's command line; the file holds the one-time link only.
        const QUrl url = browser.urls().first();
        QVERIFY(url.isLocalFile());
        QVERIFY(!url.toString().contains(testsupport::kFakeToken));
        QVERIFY(!url.toString().contains(QLatin1String("bootstrap")));
        QFile launcher(url.toLocalFile());
        QVERIFY(launcher.open(QIODevice::ReadOnly));
        const QByteArray page = launcher.readAll();
        QVERIFY(page.contains("http://127.0.0.1:" + QByteArray::number(manager.config().launch.port) + "/#bootstrapToken="));
        QVERIFY(!page.contains(QString(testsupport::kFakeToken).toUtf8()));
        QVERIFY(ringContains(QStringLiteral("opening the Control UI")));
        QVERIFY(!ringContains(testsupport::kFakeToken));
        const QString bootstrap = QRegularExpression(QStringLiteral("bootstrapToken=([a-z0-9]+)")).match(QString::fromUtf8(page)).captured(1);
        QVERIFY(!bootstrap.isEmpty());
        QVERIFY(!ringContains(bootstrap)); // the one-time link is a secret too
        manager.stop();
        QVERIFY(waitState(manager, GatewayState::Stopped));
    }

    // The CLI cannot issue a link: the user is told why, and no browser is opened with anything.
    void openControlUiSaysWhyWhenTheCliFails()
    {
        qputenv("FAKE_DASHBOARD_FAIL", "1");
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        MainWindow window(&actions, &logging::ring());
        FakeXdgOpen browser(true);
        QSignalSpy finished(&actions, &GatewayActions::operationFinished);
        manager.start();
        QVERIFY(waitState(manager, GatewayState::Running));
        QTest::mouseClick(window.button(MainWindow::Button::OpenControlUi), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        qunsetenv("FAKE_DASHBOARD_FAIL");
        QVERIFY(browser.urls().isEmpty());
        QCOMPARE(finished.first().at(2).toBool(), false);
        QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("gateway not reachable")),
                 qPrintable(finished.first().at(1).toString()));
        QVERIFY2(window.messageText().contains(QStringLiteral("gateway not reachable")), qPrintable(window.messageText()));
        manager.stop();
        QVERIFY(waitState(manager, GatewayState::Stopped));
    }

    // Seen in a walk-through: on a machine without a browser, "Open Control UI" did nothing at all
    // (xdg-open started, found no browser and exited 3; nobody heard of it). Now the user is told,
    // with xdg-open's words and the page to open by hand.
    void openControlUiSaysSoWhenNoBrowserOpensIt()
    {
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        MainWindow window(&actions, &logging::ring());
        FakeXdgOpen browser(false);
        QSignalSpy finished(&actions, &GatewayActions::operationFinished);
        manager.start();
        QVERIFY(waitState(manager, GatewayState::Running));
        QTest::mouseClick(window.button(MainWindow::Button::OpenControlUi), Qt::LeftButton);
        QVERIFY(finished.wait(25000));
        QCOMPARE(browser.urls().size(), 1);
        QCOMPARE(finished.first().at(2).toBool(), false);
        const QString text = finished.first().at(1).toString();
        QVERIFY2(text.contains(QStringLiteral("No browser opened the Control UI"))
                     && text.contains(QStringLiteral("no method available"))
                     && text.contains(browser.urls().first().toLocalFile()),
                 qPrintable(text));
        QVERIFY(!text.contains(testsupport::kFakeToken));
        QVERIFY2(window.messageText().contains(QStringLiteral("No browser opened")), qPrintable(window.messageText()));
        manager.stop();
        QVERIFY(waitState(manager, GatewayState::Stopped));
    }

    void exportWritesAFileWithoutTheToken()
    {
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        MainWindow window(&actions, &logging::ring());
        manager.start();
        QVERIFY(waitState(manager, GatewayState::Running));
        // Put the token somewhere an export could pick it up from: the gateway's output tail and
        // the log ring (both are redacted, as they must be).
        logInfo(QStringLiteral("a line that mentions token %1 by accident").arg(testsupport::kFakeToken));
        const QString path = m_dir.filePath(QStringLiteral("diagnostics.json"));
        QVERIFY(window.exportDiagnosticsTo(path));
        QVERIFY(window.messageText().contains(QStringLiteral("exported")));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(testsupport::kFakeToken.toUtf8()));
        const QJsonObject doc = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(doc.value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("running"));
        QVERIFY(doc.contains(QStringLiteral("diagnostics")));
        QVERIFY(doc.contains(QStringLiteral("restartHistory")));
        QCOMPARE(testsupport::fileMode(path), 0600);
        // A path that cannot be written is reported in place, not silently ignored.
        QVERIFY(!window.exportDiagnosticsTo(m_dir.filePath(QStringLiteral("missing/dir/d.json"))));
        QVERIFY(window.messageText().startsWith(QStringLiteral("Could not export")));
        manager.stop();
        QVERIFY(waitState(manager, GatewayState::Stopped));
    }

    void noticesBecomeRateLimitedNotifications()
    {
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        TrayIcon tray(&actions, nullptr);
        manager.start();
        QVERIFY(waitState(manager, GatewayState::Running));
        QSignalSpy notices(&manager, &GatewayManager::notice);
        for (int i = 0; i < 3; ++i) {
            const qint64 pid = manager.status().pid;
            ::kill(pid_t(pid), SIGKILL); // an unexpected exit, then recovery
            QVERIFY(testsupport::waitFor(
                [&] { return manager.status().state == GatewayState::Running && manager.status().pid != pid; }, 15000));
        }
        QTRY_VERIFY(notices.size() >= 6); // 3 × (unexpected-exit, recovered)
        // One per kind within the interval: the loop does not bury the desktop in bubbles.
        QCOMPARE(tray.notificationsShown(), 2);
        manager.stop();
        QVERIFY(waitState(manager, GatewayState::Stopped));
    }
};

QTEST_MAIN(TestUiGateway)
#include "tst_ui_gateway.moc"
