// The versioned runtime layout (RuntimeLayout), the version order, the state copy an update
// takes aside (StateSnapshot) and the update check's choice of version — all without a gateway.
#include "policy/VersionOrder.h"
#include "settings/RuntimeLayout.h"
#include "settings/RuntimeLocator.h"
#include "protocol/DeviceIdentity.h"
#include "supervisor/GatewayManager.h"
#include "update/GatewayUpdater.h"
#include "update/StateSnapshot.h"
#include "update/UpdateChecker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

namespace {

void writeFile(const QString& path, const QByteArray& bytes, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    if (executable)
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
}

// A prefix with a "node" and an openclaw package of `version` (enough for the layout's checks).
void makeInstall(const QString& prefix, const QString& version)
{
    writeFile(RuntimeLayout::nodeIn(prefix), "#!/bin/sh\necho v24.21.0\n", true);
    writeFile(QDir(RuntimeLayout::openclawIn(prefix)).filePath(QStringLiteral("openclaw.mjs")), "// fixture\n");
    writeFile(QDir(RuntimeLayout::openclawIn(prefix)).filePath(QStringLiteral("package.json")),
              QStringLiteral(R"({"name":"openclaw","version":"%1"})").arg(version).toUtf8());
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

class TestUpdateLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void versionsAreOrderedAsOpenClawNumbersThem()
    {
        QVERIFY(versionIsNewer(QStringLiteral("2026.9.6"), QStringLiteral("2026.9.5")));
        QVERIFY(versionIsNewer(QStringLiteral("2026.10.1"), QStringLiteral("2026.9.9"))); // not string order
        QVERIFY(versionIsNewer(QStringLiteral("2026.9.1"), QStringLiteral("2026.9.1-beta.1")));
        QVERIFY(versionIsNewer(QStringLiteral("2026.9.1-beta.2"), QStringLiteral("2026.9.1-beta.1")));
        QVERIFY(!versionIsNewer(QStringLiteral("2026.9.5"), QStringLiteral("2026.9.5")));
        QVERIFY(!versionIsNewer(QStringLiteral("2026.9.1-beta.1"), QStringLiteral("2026.9.1")));
        QVERIFY(RuntimeLayout::isPlausibleVersion(QStringLiteral("2026.9.1-beta.1")));
        QVERIFY(!RuntimeLayout::isPlausibleVersion(QStringLiteral("../../etc")));
        QVERIFY(!RuntimeLayout::isPlausibleVersion(QStringLiteral("latest")));
    }

    void theSinglePrefixLayoutMovesInPlaceAndItsPathsKeepWorking()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        makeInstall(root, QStringLiteral("2026.9.5")); // <root>/node_modules/... as ClawTray installed it before
        writeFile(QDir(root).filePath(QStringLiteral("package.json")), R"({"name":"clawtray-runtime"})");
        RuntimeLayout layout(root);
        QVERIFY(layout.hasLegacyLayout());
        QVERIFY(layout.activeVersion().isEmpty());

        const LayoutChange moved = layout.migrateLegacy();
        QVERIFY2(moved.ok, qPrintable(moved.error.english()));
        QCOMPARE(layout.activeVersion(), QStringLiteral("2026.9.5"));
        QVERIFY(QFileInfo(QDir(root).filePath(QStringLiteral("openclaw/2026.9.5/node_modules/openclaw/openclaw.mjs"))).isFile());
        QVERIFY(QFileInfo(QDir(root).filePath(QStringLiteral("openclaw/2026.9.5/package.json"))).isFile());
        // The old paths (a gateway running from them, settings naming them) still resolve.
        QVERIFY(QFileInfo(QDir(root).filePath(QStringLiteral("node_modules"))).isSymLink());
        QVERIFY(QFileInfo(QDir(root).filePath(QStringLiteral("node_modules/node/bin/node"))).isExecutable());
        QVERIFY(!layout.hasLegacyLayout());
        QVERIFY(layout.migrateLegacy().ok); // idempotent: nothing left to move
        QCOMPARE(layout.installedVersions(), QStringList{QStringLiteral("2026.9.5")});
        QVERIFY(layout.record(QStringLiteral("2026.9.5")).installedAtMs > 0);

        // The locator names the version's own directory, not `current`: a gateway started from it
        // keeps its files when an update switches `current`.
        const RuntimeLocator locator(root);
        QCOMPARE(locator.detectOpenClawDir(), layout.versionDir(QStringLiteral("2026.9.5")) + QStringLiteral("/node_modules/openclaw"));
        QCOMPARE(locator.detectNodePath(), RuntimeLayout::nodeIn(layout.versionDir(QStringLiteral("2026.9.5"))));
    }

    void switchingMovesCurrentAtOnceAndRefusesAnIncompleteInstall()
    {
        QTemporaryDir dir;
        RuntimeLayout layout(dir.path());
        makeInstall(layout.versionDir(QStringLiteral("2026.9.5")), QStringLiteral("2026.9.5"));
        makeInstall(layout.versionDir(QStringLiteral("2026.9.6")), QStringLiteral("2026.9.6"));
        QDir().mkpath(layout.versionDir(QStringLiteral("2026.9.7"))); // an install that never finished
        QVERIFY(layout.switchTo(QStringLiteral("2026.9.5")).ok);
        QCOMPARE(layout.activeVersion(), QStringLiteral("2026.9.5"));
        QVERIFY(layout.switchTo(QStringLiteral("2026.9.6")).ok);
        QCOMPARE(layout.activeVersion(), QStringLiteral("2026.9.6"));
        QCOMPARE(QFileInfo(layout.currentLink()).symLinkTarget(), QFileInfo(layout.versionDir(QStringLiteral("2026.9.6"))).absoluteFilePath());
        const LayoutChange refused = layout.switchTo(QStringLiteral("2026.9.7"));
        QVERIFY(!refused.ok);
        QVERIFY(refused.error.english().contains(QStringLiteral("not installed completely")));
        QCOMPARE(layout.activeVersion(), QStringLiteral("2026.9.6")); // unchanged
        QVERIFY(!QFileInfo::exists(layout.currentLink() + QStringLiteral(".new")));
        QCOMPARE(layout.installedVersions(), (QStringList{QStringLiteral("2026.9.6"), QStringLiteral("2026.9.5")}));
    }

    void pruningKeepsTheActiveThePreviousAndTheLastTwoThatRan()
    {
        QTemporaryDir dir;
        RuntimeLayout layout(dir.path());
        const QStringList versions{QStringLiteral("2026.9.3"), QStringLiteral("2026.9.4"), QStringLiteral("2026.9.5"),
                                   QStringLiteral("2026.9.6"), QStringLiteral("2026.9.7")};
        for (const QString& v : versions) {
            makeInstall(layout.versionDir(v), v);
            layout.markInstalled(v, 1);
        }
        for (const QString& v : {QStringLiteral("2026.9.3"), QStringLiteral("2026.9.4"), QStringLiteral("2026.9.5"), QStringLiteral("2026.9.6")})
            layout.markGood(v, 2);
        QVERIFY(layout.switchTo(QStringLiteral("2026.9.6")).ok);
        layout.setPreviousVersion(QStringLiteral("2026.9.3"));
        // 2026.9.7 never ran (an update in progress): kept. 9.6 active, 9.3 previous: kept.
        // Of the rest that ran, the two newest (9.6, 9.5) stay; 9.4 goes.
        QCOMPARE(layout.prune(2), QStringList{QStringLiteral("2026.9.4")});
        QCOMPARE(layout.installedVersions(), (QStringList{QStringLiteral("2026.9.7"), QStringLiteral("2026.9.6"),
                                                          QStringLiteral("2026.9.5"), QStringLiteral("2026.9.3")}));
        QVERIFY(layout.record(QStringLiteral("2026.9.4")).version.isEmpty());
    }

    void removingALinkedInstallRemovesOnlyTheLink()
    {
        QTemporaryDir elsewhere, dir;
        makeInstall(elsewhere.path(), QStringLiteral("2026.9.6"));
        RuntimeLayout layout(dir.path());
        QDir().mkpath(layout.versionsDir());
        QVERIFY(QFile::link(elsewhere.path(), layout.versionDir(QStringLiteral("2026.9.6"))));
        QVERIFY(layout.isComplete(QStringLiteral("2026.9.6")));
        QVERIFY(layout.removeVersion(QStringLiteral("2026.9.6")));
        QVERIFY(!QFileInfo::exists(layout.versionDir(QStringLiteral("2026.9.6"))));
        QVERIFY(QFileInfo(QDir(RuntimeLayout::openclawIn(elsewhere.path())).filePath(QStringLiteral("openclaw.mjs"))).isFile());
    }

    void theStateCopyComesBackByteForByteAndLeavesTheWorkspaceAlone()
    {
        QTemporaryDir dir;
        const QString state = QDir(dir.path()).filePath(QStringLiteral("state"));
        const QString outsideConfig = QDir(dir.path()).filePath(QStringLiteral("elsewhere/openclaw.json"));
        writeFile(QDir(state).filePath(QStringLiteral("state/openclaw.sqlite")), QByteArray(4096, 'a'));
        writeFile(QDir(state).filePath(QStringLiteral("agents/main/agent/openclaw-agent.sqlite")), "agent v17");
        writeFile(QDir(state).filePath(QStringLiteral("devices/paired.json")), R"({"d1":{}})");
        writeFile(QDir(state).filePath(QStringLiteral("workspace/notes.md")), "the user's files");
        writeFile(outsideConfig, R"({"gateway":{"mode":"local"}})");
        const StateSnapshot snapshot(state, outsideConfig);
        const QStringList before = snapshot.fingerprint();
        QVERIFY(!before.filter(QStringLiteral("openclaw.sqlite")).isEmpty());
        QVERIFY(before.filter(QStringLiteral("workspace")).isEmpty());

        const QString copy = QDir(dir.path()).filePath(QStringLiteral("copy"));
        QVERIFY(snapshot.take(copy).isEmpty());
        // What a new version's migration and start do: rewrite, add, remove; the user edits the workspace.
        writeFile(QDir(state).filePath(QStringLiteral("state/openclaw.sqlite")), QByteArray(8192, 'b'));
        writeFile(QDir(state).filePath(QStringLiteral("agents/main/agent/openclaw-agent.sqlite")), "agent v18");
        writeFile(QDir(state).filePath(QStringLiteral("state/new-table.sqlite")), "created by v18");
        QFile::remove(QDir(state).filePath(QStringLiteral("devices/paired.json")));
        writeFile(outsideConfig, R"({"gateway":{"mode":"local"},"meta":{"lastTouchedVersion":"v18"}})");
        writeFile(QDir(state).filePath(QStringLiteral("workspace/notes.md")), "edited meanwhile");
        QVERIFY(snapshot.fingerprint() != before);

        const UserText restored = snapshot.restore(copy);
        QVERIFY2(restored.isEmpty(), qPrintable(restored.english()));
        QCOMPARE(snapshot.fingerprint(), before);
        QVERIFY(!QFileInfo::exists(QDir(state).filePath(QStringLiteral("state/new-table.sqlite"))));
        QCOMPARE(readAll(outsideConfig), QByteArray(R"({"gateway":{"mode":"local"}})"));
        QCOMPARE(readAll(QDir(state).filePath(QStringLiteral("workspace/notes.md"))), QByteArray("edited meanwhile"));
    }

    void theChannelDecidesWhichDistTagIsOffered()
    {
        const QJsonObject tags{{QStringLiteral("latest"), QStringLiteral("2026.9.6")}, {QStringLiteral("beta"), QStringLiteral("2026.9.7-beta.1")}};
        QCOMPARE(UpdateChecker::pickVersion(tags, QStringLiteral("stable")), QStringLiteral("2026.9.6"));
        QCOMPARE(UpdateChecker::pickVersion(tags, QStringLiteral("beta")), QStringLiteral("2026.9.7-beta.1"));
        // A beta tag older than the release: the release is what beta users get too.
        const QJsonObject stale{{QStringLiteral("latest"), QStringLiteral("2026.9.6")}, {QStringLiteral("beta"), QStringLiteral("2026.9.1-beta.1")}};
        QCOMPARE(UpdateChecker::pickVersion(stale, QStringLiteral("beta")), QStringLiteral("2026.9.6"));
        QCOMPARE(UpdateChecker::pickVersion({}, QStringLiteral("stable")), QString());
    }

    // ClawTray quit (or crashed) after switching to a new version and before checking it: the next
    // start goes back to the version before, with the state copy, and says so.
    void anUpdateCutOffAfterTheSwitchIsUndoneAtTheNextStart()
    {
        QTemporaryDir dir;
        RuntimeLayout layout(QDir(dir.path()).filePath(QStringLiteral("rt")));
        makeInstall(layout.versionDir(QStringLiteral("2026.9.5")), QStringLiteral("2026.9.5"));
        makeInstall(layout.versionDir(QStringLiteral("2026.9.6")), QStringLiteral("2026.9.6"));
        QVERIFY(layout.switchTo(QStringLiteral("2026.9.6")).ok);
        layout.setPreviousVersion(QStringLiteral("2026.9.5"));
        const QString state = QDir(dir.path()).filePath(QStringLiteral("state"));
        writeFile(QDir(state).filePath(QStringLiteral("state/openclaw.sqlite")), "half-migrated by 2026.9.6");
        const QString op = QDir(dir.path()).filePath(QStringLiteral("updates/20261207-010000-000"));
        writeFile(QDir(op).filePath(QStringLiteral("state-before/state/state/openclaw.sqlite")), "as 2026.9.5 left it");
        writeFile(QDir(op).filePath(QStringLiteral("update.json")),
                  R"({"from":"2026.9.5","to":"2026.9.6","switched":true,"previousBefore":"","outcome":{"result":"none"}})");
        ManagerConfig c;
        c.launch.stateDir = state;
        GatewayManager manager(c, *DeviceIdentity::generate());
        GatewayUpdater updater(&manager, nullptr);
        GatewayUpdater::Config uc;
        uc.runtimeDir = layout.root();
        uc.workDir = QDir(dir.path()).filePath(QStringLiteral("updates"));
        updater.setConfig(uc);

        updater.recoverInterrupted(QDir(dir.path()).filePath(QStringLiteral("no-lease")));
        QCOMPARE(layout.activeVersion(), QStringLiteral("2026.9.5"));
        QCOMPARE(readAll(QDir(state).filePath(QStringLiteral("state/openclaw.sqlite"))), QByteArray("as 2026.9.5 left it"));
        QCOMPARE(updater.lastOutcome().result, UpdateOutcome::Result::RolledBack);
        QVERIFY(updater.lastOutcome().reason.english().contains(QStringLiteral("stopped in the middle of the update")));
        const QJsonObject record = QJsonDocument::fromJson(readAll(QDir(op).filePath(QStringLiteral("update.json")))).object();
        QCOMPARE(record.value(QLatin1String("outcome")).toObject().value(QLatin1String("result")).toString(), QStringLiteral("rolled-back"));
        QVERIFY(layout.previousVersion().isEmpty());
        // Done once: a second start finds nothing unfinished and changes nothing.
        QVERIFY(layout.switchTo(QStringLiteral("2026.9.6")).ok);
        updater.recoverInterrupted(QDir(dir.path()).filePath(QStringLiteral("no-lease")));
        QCOMPARE(layout.activeVersion(), QStringLiteral("2026.9.6"));
    }

    void npmRunsWithTheRuntimesNodeAndNoGatewaySecret()
    {
        QTemporaryDir dir;
        RuntimeLayout layout(dir.path());
        makeInstall(layout.versionDir(QStringLiteral("2026.9.6")), QStringLiteral("2026.9.6"));
        QVERIFY(layout.switchTo(QStringLiteral("2026.9.6")).ok);
        qputenv("OPENCLAW_GATEWAY_TOKEN", "secret-that-npm-must-not-see");
        const LaunchSpec spec = UpdateChecker::npmSpec(QString(), dir.path(), {QStringLiteral("view")});
        qunsetenv("OPENCLAW_GATEWAY_TOKEN");
        QCOMPARE(spec.program, QStringLiteral("npm"));
        QVERIFY(!spec.environment.contains(QStringLiteral("OPENCLAW_GATEWAY_TOKEN")));
        QVERIFY(spec.environment.value(QStringLiteral("PATH")).startsWith(
            QFileInfo(RuntimeLayout::nodeIn(layout.versionDir(QStringLiteral("2026.9.6")))).canonicalPath() + QLatin1Char(':')));
    }
};

QTEST_GUILESS_MAIN(TestUpdateLayout)
#include "tst_update_layout.moc"
