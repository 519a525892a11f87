// What the window shows is the current status, at every step of start / restart / safe restart /
// stop against the fake gateway: nothing of a previous run or request stays on screen, normal states
// read "Starting…" / "Stopped" (never "Degraded"), every restart-history row is closed with its
// outcome and duration, and nothing the user asked for raises a notice. Offscreen; waits on signals.
#include "DiagnosticsTable.h"
#include "GatewayActions.h"
#include "HealthPanel.h"
#include "MainWindow.h"
#include "StatusHeader.h"
#include "TrayIcon.h"
#include "UiTestSupport.h"
#include "logging/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFontMetrics>
#include <QPushButton>
#include <QTabWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

namespace {

// One look at the window, as a user would read it.
struct Seen
{
    QString state, ownership, phase, version, health, healthText, message, bootId, gatewayVersion;
};

Seen look(MainWindow& w)
{
    return {w.header()->fieldText(QStringLiteral("state")),
            w.header()->fieldText(QStringLiteral("ownership")),
            w.header()->fieldText(QStringLiteral("phase")),
            w.header()->fieldText(QStringLiteral("version")),
            w.healthPanel()->levelText(),
            w.healthPanel()->summaryText(),
            w.messageText(),
            w.diagnosticsTable()->valueOf(QStringLiteral("process.bootId")),
            w.diagnosticsTable()->valueOf(QStringLiteral("versions.gateway"))};
}

QString describe(const QVector<RestartRecord>& rows)
{
    QStringList out;
    for (const RestartRecord& r : rows)
        out << QStringLiteral("[%1 | %2 | %3 | %4 ms]").arg(r.reason, r.kind, r.result).arg(r.durationMs);
    return out.join(QLatin1Char(' '));
}

// With CLAWTRAY_SCREENSHOT_DIR set, what the test looked at is saved for a person to look at too.
void shoot(QWidget& w, const QString& name)
{
    if (const QString dir = qEnvironmentVariable("CLAWTRAY_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QCoreApplication::sendPostedEvents(); // the layout that follows the last text change
        w.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }
}

} // namespace

class TestUiStatus : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static bool waitRunning(GatewayManager& m, const std::function<bool(const GatewayStatus&)>& also = {})
    {
        return testsupport::waitFor(
            [&] { return m.status().state == GatewayState::Running && (!also || also(m.status())); }, 15000);
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

    void eachStepShowsOnlyTheCurrentStatus()
    {
        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        MainWindow window(&actions, &logging::ring());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy notices(&actions, &GatewayActions::notice);
        // Every look taken while it runs: after each status and each health change (the window's
        // own slots were connected first, so it has rendered when these run).
        QVector<Seen> seen; // since the last step
        QVector<Seen> all;  // the whole drive
        QObject watching;   // goes before `seen` and `all` do
        auto record = [&] {
            seen << look(window);
            all << seen.last();
        };
        connect(&actions, &GatewayActions::statusChanged, &watching, record);
        connect(&actions, &GatewayActions::healthChanged, &watching, record);

        Seen now = look(window);
        QCOMPARE(now.state, QStringLiteral("Stopped"));
        QCOMPARE(now.health, QStringLiteral("Stopped"));
        QCOMPARE(now.healthText, QString());
        QCOMPARE(now.ownership, QString());
        QCOMPARE(now.version, QStringLiteral("—"));

        // Start.
        QTest::mouseClick(window.button(MainWindow::Button::Start), Qt::LeftButton);
        QVERIFY(waitRunning(manager));
        QTRY_COMPARE(look(window).health, QStringLiteral("Healthy"));
        now = look(window);
        shoot(window, QStringLiteral("window-running"));
        QCOMPARE(now.ownership, QStringLiteral("owned by ClawTray"));
        QVERIFY2(now.version.contains(QStringLiteral("fake")), qPrintable(now.version));
        QCOMPARE(now.bootId, manager.status().bootId);
        QStringList healths;
        for (const Seen& s : seen)
            healths << s.state + QLatin1Char('/') + s.health;
        QVERIFY2(std::any_of(seen.cbegin(), seen.cend(), [](const Seen& s) { return s.health == QStringLiteral("Starting…"); }),
                 qPrintable(healths.join(QLatin1Char(' '))));

        // Restart: nothing of the old process is shown while the new one starts.
        const QString boot1 = manager.status().bootId;
        const qint64 pid1 = manager.status().pid;
        seen.clear();
        QTest::mouseClick(window.button(MainWindow::Button::Restart), Qt::LeftButton);
        QVERIFY(waitRunning(manager, [&](const GatewayStatus& s) { return s.pid != pid1; }));
        QTRY_COMPARE(look(window).health, QStringLiteral("Healthy"));
        bool sawGap = false;
        for (const Seen& s : seen) {
            if (s.state == QLatin1String("Running"))
                continue;
            sawGap = true;
            QCOMPARE(s.version, QStringLiteral("—"));
            QVERIFY2(s.bootId != boot1, "the previous boot id stays on screen during a restart");
            QVERIFY2(s.gatewayVersion.isEmpty() || s.gatewayVersion == QStringLiteral("—"), qPrintable(s.gatewayVersion));
        }
        QVERIFY(sawGap);
        QVector<RestartRecord> rows = manager.restartHistory();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.last().reason, QStringLiteral("Restart from the tray or window"));
        QCOMPARE(rows.last().result, QStringLiteral("ok"));
        QVERIFY(rows.last().durationMs >= 0);

        // Safe restart (nothing active: the gateway restarts in-process at once).
        const QString boot2 = manager.status().bootId;
        QSignalSpy finished(&actions, &GatewayActions::operationFinished);
        seen.clear();
        QTest::mouseClick(window.button(MainWindow::Button::SafeRestart), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.first().at(2).toBool());
        QVERIFY(waitRunning(manager, [&](const GatewayStatus& s) { return !s.bootId.isEmpty() && s.bootId != boot2; }));
        QTRY_COMPARE(look(window).health, QStringLiteral("Healthy"));
        now = look(window);
        QVERIFY2(now.message.isEmpty(), qPrintable(now.message)); // "scheduled" went with the restart
        QCOMPARE(now.bootId, manager.status().bootId);
        QVERIFY(std::any_of(seen.cbegin(), seen.cend(), [](const Seen& s) { return s.health == QStringLiteral("Restarting…"); }));
        rows = manager.restartHistory();
        QVERIFY2(rows.size() == 2, qPrintable(describe(rows))); // one row for the one safe restart
        QCOMPARE(rows.last().reason, QStringLiteral("safe restart"));
        QCOMPARE(rows.last().result, QStringLiteral("ok"));
        QVERIFY(rows.last().durationMs >= 0);

        // Stop.
        seen.clear();
        QTest::mouseClick(window.button(MainWindow::Button::Stop), Qt::LeftButton);
        QVERIFY(testsupport::waitFor([&] { return manager.status().state == GatewayState::Stopped; }, 15000));
        QTRY_COMPARE(look(window).health, QStringLiteral("Stopped"));
        now = look(window);
        QCOMPARE(now.state, QStringLiteral("Stopped"));
        QCOMPARE(now.healthText, QString());
        QCOMPARE(now.ownership, QString());
        QCOMPARE(now.version, QStringLiteral("—"));
        QCOMPARE(now.phase, QString());
        QVERIFY(now.gatewayVersion.isEmpty() || now.gatewayVersion == QStringLiteral("—"));
        window.tabs()->setCurrentIndex(3); // the restart history, every row closed
        shoot(window, QStringLiteral("window-stopped-history"));
        QVERIFY(std::any_of(seen.cbegin(), seen.cend(), [](const Seen& s) { return s.health == QStringLiteral("Stopping…"); }));

        // Normal states only, all along: the health box says a word of the state, never
        // "Degraded", and the gateway is never someone else's.
        const QStringList allowed{QStringLiteral("Healthy"), QStringLiteral("Starting…"), QStringLiteral("Stopping…"),
                                  QStringLiteral("Stopped"), QStringLiteral("Restarting…")};
        for (const Seen& s : all) {
            QVERIFY2(allowed.contains(s.health), qPrintable(s.health + QStringLiteral(" ") + s.healthText));
            QVERIFY2(!s.ownership.startsWith(QLatin1String("external")), qPrintable(s.ownership));
        }
        for (const RestartRecord& r : manager.restartHistory())
            QVERIFY2(!r.open(), qPrintable(describe(manager.restartHistory())));
        QVERIFY2(notices.isEmpty(), notices.isEmpty() ? "" : qPrintable(notices.first().at(1).toString()));
    }

    void aDeferredSafeRestartEndsWithTheRun()
    {
        // The gateway defers the restart (3 active tasks); the user stops it before it happens:
        // the row is closed as cancelled, with its duration, and the note goes.
        GatewayManager manager(
            uitest::fastConfig(m_dir.path(), {QStringLiteral("--fake-active-tasks"), QStringLiteral("3")}),
            uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        MainWindow window(&actions, &logging::ring());
        window.show();
        manager.start();
        QVERIFY(waitRunning(manager));
        QSignalSpy finished(&actions, &GatewayActions::operationFinished);
        QTest::mouseClick(window.button(MainWindow::Button::SafeRestart), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVector<RestartRecord> rows = manager.restartHistory();
        QVERIFY2(rows.size() == 1 && rows.last().open(), qPrintable(describe(rows)));
        QCOMPARE(rows.last().result, QStringLiteral("deferred: 3 active tasks"));
        manager.stop();
        QVERIFY(testsupport::waitFor([&] { return manager.status().state == GatewayState::Stopped; }, 15000));
        rows = manager.restartHistory();
        QVERIFY2(rows.size() == 1 && !rows.last().open(), qPrintable(describe(rows)));
        QCOMPARE(rows.last().result, QStringLiteral("cancelled: the gateway was stopped"));
        QTRY_VERIFY(window.safeRestartNoteText().isEmpty());
        QVERIFY(window.messageText().isEmpty());
    }

    void fiveSavesInASecondAreOnePendingReloadThenOneOutcome()
    {
        const ManagerConfig config = uitest::fastConfig(m_dir.path());
        GatewayManager manager(config, uitest::identity());
        GatewayActions actions;
        actions.setManager(&manager);
        MainWindow window(&actions, &logging::ring());
        TrayIcon tray(&actions, nullptr);
        window.show();
        manager.start();
        QVERIFY(waitRunning(manager));
        QStringList shown; // the window's reload line, each time it changed
        QObject watching;
        connect(&actions, &GatewayActions::statusChanged, &watching, [&] {
            const QString t = window.reloadText();
            if (shown.isEmpty() || shown.last() != t)
                shown << t;
        });
        for (int i = 0; i < 5; ++i) { // what a user saving the Settings dialog five times does
            manager.applyConfig(config, {QStringLiteral("extraArgs")});
            QTest::qWait(150);
        }
        const QString pending = QStringLiteral("Configuration: Applying the extra arguments change in ");
        QVERIFY2(window.reloadText().startsWith(pending), qPrintable(window.reloadText()));
        QVERIFY(tray.action(TrayIcon::Item::ReloadStatus)->isVisible());
        QVERIFY(tray.action(TrayIcon::Item::ReloadStatus)->text().startsWith(QStringLiteral("Applying the extra arguments change")));
        QTRY_VERIFY_WITH_TIMEOUT(window.reloadText().contains(QStringLiteral("restarted the gateway process in")), 20000);
        // One pending stretch, then restarting, then one outcome: nothing in between, nothing after.
        QStringList phases;
        for (const QString& t : shown) {
            const QString phase = t.startsWith(pending) ? QStringLiteral("pending") : t;
            if (phases.isEmpty() || phases.last() != phase)
                phases << phase;
        }
        QVERIFY2(phases.size() == 3 && phases[0] == QLatin1String("pending")
                     && phases[1] == QStringLiteral("Configuration: Settings (extra arguments): restarting the gateway process"),
                 qPrintable(phases.join(QLatin1String(" | "))));
        // The same line as the window's, elided to the menu's width.
        QCOMPARE(tray.action(TrayIcon::Item::ReloadStatus)->text(),
                 QFontMetrics(tray.menu()->font()).elidedText(window.reloadText().mid(15), Qt::ElideRight, tray.lineWidth()));
        // The menu item runs the same debounced path: an in-process restart.
        tray.action(TrayIcon::Item::ReloadConfig)->trigger();
        QVERIFY(window.reloadText().startsWith(QStringLiteral("Configuration: Reloading the configuration in ")));
        QTRY_VERIFY_WITH_TIMEOUT(window.reloadText().contains(QStringLiteral("Reload: restarted in process in")), 20000);
        manager.stop();
        QVERIFY(testsupport::waitFor([&] { return manager.status().state == GatewayState::Stopped; }, 15000));
        QTRY_VERIFY(window.reloadText().isEmpty());
    }
};

QTEST_MAIN(TestUiStatus)
#include "tst_ui_status.moc"
