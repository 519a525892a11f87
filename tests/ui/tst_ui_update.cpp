// The Overview's "OpenClaw updates" box and the tray's update line render the checker's and the
// updater's state as it is now: a newer version offered with its buttons, the question before an
// update (Cancel changes nothing), the steps while it runs, why it did not go through afterwards,
// and no update button for an install that is not ClawTray's.
#include "FakeRegistry.h"
#include "GatewayActions.h"
#include "TrayIcon.h"
#include "UpdatePanel.h"
#include "UiTestSupport.h"

#include "logging/Logging.h"
#include "settings/RuntimeLayout.h"
#include "update/GatewayUpdater.h"
#include "update/UpdateChecker.h"

#include <QFile>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

namespace {

void makeInstall(const RuntimeLayout& layout, const QString& version)
{
    const QString prefix = layout.versionDir(version);
    QDir().mkpath(QFileInfo(RuntimeLayout::nodeIn(prefix)).absolutePath());
    QDir().mkpath(RuntimeLayout::openclawIn(prefix));
    // The real Node when the runtime is installed: npm (a Node script) runs with the Node ClawTray
    // puts first on its PATH.
    if (!testsupport::runtimeNode().isEmpty()) {
        QFile::link(testsupport::runtimeNode(), RuntimeLayout::nodeIn(prefix));
    } else {
        QFile node(RuntimeLayout::nodeIn(prefix));
        node.open(QIODevice::WriteOnly);
        node.write("#!/bin/sh\necho v24.21.0\n");
        node.close();
        node.setPermissions(node.permissions() | QFileDevice::ExeOwner);
    }
    QFile mjs(QDir(RuntimeLayout::openclawIn(prefix)).filePath(QStringLiteral("openclaw.mjs")));
    mjs.open(QIODevice::WriteOnly);
}

} // namespace

class TestUiUpdate : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        logging::init(LoggingOptions{});
        qRegisterMetaType<UpdateOutcome>();
    }

    void theBoxOffersTheNewVersionAndShowsEveryStepAndTheOutcome()
    {
        // A runtime of ClawTray's with 2026.9.6 active and 2026.9.5 kept from an earlier update.
        const QString rt = m_dir.filePath(QStringLiteral("rt"));
        RuntimeLayout layout(rt);
        makeInstall(layout, QStringLiteral("2026.9.5"));
        makeInstall(layout, QStringLiteral("2026.9.6"));
        QVERIFY(layout.switchTo(QStringLiteral("2026.9.6")).ok);
        layout.setPreviousVersion(QStringLiteral("2026.9.5"));
        // A registry that knows no such package: the install fails fast, on this machine.
        testsupport::FakeRegistry registry;
        QVERIFY(registry.listen());
        qputenv("npm_config_registry", registry.url().toUtf8());
        qputenv("npm_config_cache", m_dir.filePath(QStringLiteral("npm-cache")).toUtf8());

        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        UpdateChecker checker;
        UpdateChecker::Config cc;
        cc.runtimeDir = rt;
        cc.enabled = false;
        checker.setConfig(cc);
        GatewayUpdater updater(&manager, &checker);
        GatewayUpdater::Config uc;
        uc.runtimeDir = rt;
        uc.workDir = m_dir.filePath(QStringLiteral("updates"));
        updater.setConfig(uc);
        GatewayActions actions;
        actions.setManager(&manager);
        TrayIcon tray(&actions, nullptr);
        tray.setUpdates(&checker, &updater);
        UpdatePanel panel;
        panel.setUpdates(&checker, &updater);
        QStringList questions;
        bool answer = false;
        panel.setConfirm([&](const QString& title, const QString&) {
            questions << title;
            return answer;
        });

        // Nothing known yet: the version in use, no offer, no update button; roll back is there.
        QCOMPARE(panel.text(QStringLiteral("availability")), QStringLiteral("OpenClaw 2026.9.6; not checked for updates yet."));
        QVERIFY(panel.button(QStringLiteral("update"))->isHidden());
        QVERIFY(!panel.button(QStringLiteral("rollback"))->isHidden());
        QCOMPARE(panel.button(QStringLiteral("rollback"))->text(), QStringLiteral("Roll back to 2026.9.5…"));
        QVERIFY(!tray.action(TrayIcon::Item::Update)->isVisible());

        // The gateway says a newer version is out.
        checker.noteGateway({{QStringLiteral("currentVersion"), QStringLiteral("2026.9.6")},
                             {QStringLiteral("latestVersion"), QStringLiteral("2026.9.7")},
                             {QStringLiteral("channel"), QStringLiteral("stable")}});
        QCOMPARE(panel.text(QStringLiteral("offer")), QStringLiteral("OpenClaw 2026.9.6 → 2026.9.7 available (stable)"));
        QVERIFY(!panel.button(QStringLiteral("update"))->isHidden());
        QCOMPARE(panel.button(QStringLiteral("update"))->text(), QStringLiteral("Update to 2026.9.7…"));
        QVERIFY(tray.action(TrayIcon::Item::Update)->isVisible());
        QVERIFY(tray.toolTip().contains(QStringLiteral("2026.9.7 available")));

        // Cancel: asked, nothing started.
        panel.button(QStringLiteral("update"))->click();
        QCOMPARE(questions, QStringList{QStringLiteral("Update OpenClaw to 2026.9.7?")});
        QVERIFY(!updater.isRunning());
        QVERIFY(panel.progressBar()->isHidden());

        // Yes: the steps show while it runs, in the box and the tray; then why it stopped.
        answer = true;
        QSignalSpy finished(&updater, &GatewayUpdater::finished);
        panel.button(QStringLiteral("update"))->click();
        QVERIFY(updater.isRunning());
        QCOMPARE(panel.text(QStringLiteral("progress")), QStringLiteral("Installing OpenClaw 2026.9.7 beside 2026.9.6"));
        QVERIFY(!panel.progressBar()->isHidden());
        QCOMPARE(panel.progressBar()->value(), 1);
        QVERIFY(!panel.button(QStringLiteral("update"))->isEnabled());
        QVERIFY(!panel.button(QStringLiteral("rollback"))->isEnabled());
        QVERIFY(tray.action(TrayIcon::Item::Update)->text().startsWith(QStringLiteral("Updating OpenClaw (1/6)")));
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().value<UpdateOutcome>().result, UpdateOutcome::Result::Refused);
        QVERIFY(panel.progressBar()->isHidden());
        QVERIFY(panel.text(QStringLiteral("progress")).isEmpty());
        QVERIFY2(panel.text(QStringLiteral("outcome")).startsWith(QStringLiteral("Installing OpenClaw 2026.9.7 failed (npm:")),
                 qPrintable(panel.text(QStringLiteral("outcome"))));
        QVERIFY(panel.button(QStringLiteral("update"))->isEnabled());
        QVERIFY(!tray.action(TrayIcon::Item::Update)->text().startsWith(QStringLiteral("Updating")));
        QCOMPARE(layout.activeVersion(), QStringLiteral("2026.9.6")); // nothing changed
        QVERIFY(!QFileInfo::exists(layout.versionDir(QStringLiteral("2026.9.7"))));
        QVERIFY(tray.notificationsShown() >= 1); // an update the user started that did not go through is said

        // Settings name another install: not ClawTray's to update.
        uc.runtimeManaged = false;
        updater.setConfig(uc);
        panel.render();
        QVERIFY(panel.button(QStringLiteral("update"))->isHidden());
        QVERIFY(panel.button(QStringLiteral("rollback"))->isHidden());
    }
};

QTEST_MAIN(TestUiUpdate)
#include "tst_ui_update.moc"
