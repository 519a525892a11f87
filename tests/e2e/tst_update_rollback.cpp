// An update can never leave the user without a working gateway: the real OpenClaw gateway runs
// under the real GatewayManager, and GatewayUpdater is asked to update it to broken candidates —
// published on a loopback npm registry (FakeRegistry) and installed by the real npm — that fail
// the database preflight, exit at start, or never become ready. Each ends with the version before
// running, the reason said, and the state byte-identical to before. Also: a second update while
// one runs is refused, and an unreachable registry is a quiet note.
#include "FakeRegistry.h"
#include "RealGateway.h"
#include "TestSupport.h"

#include "logging/Logging.h"
#include "protocol/DeviceIdentity.h"
#include "settings/RuntimeLayout.h"
#include "settings/RuntimeLocator.h"
#include "supervisor/GatewayManager.h"
#include "update/GatewayUpdater.h"
#include "update/StateSnapshot.h"
#include "update/UpdateChecker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

using namespace clawtray;

namespace {

// A package named openclaw whose CLI answers what the updater asks, and whose gateway fails the
// way `mode` says — after rewriting the state database, as a migration would.
const char* const kCandidate = R"JS(#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
const mode = '@MODE@';
const args = process.argv.slice(2);
const is = (...words) => words.every((w, i) => args[i] === w);
if (args[0] === '--version') { console.log('OpenClaw @VERSION@'); process.exit(0); }
if (is('database', 'preflight')) {
  const incompatible = mode === 'preflight-fails';
  console.log(JSON.stringify({ schema: 'openclaw.state-schema-preflight.v1', targetVersion: incompatible ? 99 : 19,
    foundVersion: 18, issues: incompatible ? [{ message: 'unexpected column sessions.fixture' }] : [],
    status: incompatible ? 'incompatible' : 'migration-required', requiresWrite: !incompatible }));
  process.exit(incompatible ? 1 : 0);
}
if (is('gateway', 'run')) {
  const db = path.join(process.env.OPENCLAW_STATE_DIR, 'state', 'openclaw.sqlite');
  fs.appendFileSync(db, 'migrated by @VERSION@');
  fs.writeFileSync(path.join(process.env.OPENCLAW_STATE_DIR, 'state', 'added-by-@VERSION@.sqlite'), 'new');
  if (mode === 'exits-at-start') { console.error('fixture gateway: refusing to start'); process.exit(1); }
  setInterval(() => {}, 1 << 30); // never-ready: no listener, no answer
} else {
  // doctor --fix and anything else: nothing to do, but a doctor run is counted (beside the state).
  if (args[0] === 'doctor')
    fs.appendFileSync(path.join(path.dirname(process.env.OPENCLAW_STATE_DIR), 'doctor-runs-@VERSION@'), 'ran\n');
  process.exit(0);
}
)JS";

} // namespace

class TestUpdateRollback : public QObject
{
    Q_OBJECT

    testsupport::RealGatewayEnv m_env;
    testsupport::FakeRegistry m_registry;
    DeviceIdentity m_identity = *DeviceIdentity::generate();
    QString m_rt;
    QString m_current;
    std::unique_ptr<GatewayManager> m_manager;
    std::unique_ptr<UpdateChecker> m_checker;
    std::unique_ptr<GatewayUpdater> m_updater;

    ManagerConfig config() const
    {
        ManagerConfig c;
        c.launch = m_env.options();
        const RuntimeCheck rc = RuntimeLocator(m_rt).resolve(QString(), QString());
        c.launch.nodePath = rc.info.nodePath;
        c.launch.openclawDir = rc.info.openclawDir;
        c.leasePath = m_env.root.filePath(QStringLiteral("gateway.lease"));
        c.readyTimeoutMs = 120000;
        c.startAttempts.maxAttempts = 1; // a candidate that exits at start is not retried here
        return c;
    }

    // How often the candidate's doctor ran (the fixture counts it next to the state dir).
    int doctorRuns(const QString& version) const
    {
        QFile f(QFileInfo(m_env.options().stateDir).dir().filePath(QStringLiteral("doctor-runs-") + version));
        return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : 0;
    }

    StateSnapshot snapshot() const
    {
        return StateSnapshot(m_env.options().stateDir, m_env.options().configPath);
    }

    bool addCandidate(const QString& version, const QString& mode)
    {
        const QString dir = m_env.root.filePath(QStringLiteral("candidates/") + version);
        QDir().mkpath(dir);
        QFile pkg(QDir(dir).filePath(QStringLiteral("package.json")));
        QFile mjs(QDir(dir).filePath(QStringLiteral("openclaw.mjs")));
        if (!pkg.open(QIODevice::WriteOnly) || !mjs.open(QIODevice::WriteOnly))
            return false;
        pkg.write(QStringLiteral(R"({"name":"openclaw","version":"%1","type":"module"})").arg(version).toUtf8());
        mjs.write(QString::fromUtf8(kCandidate).replace(QStringLiteral("@MODE@"), mode).replace(QStringLiteral("@VERSION@"), version).toUtf8());
        pkg.close();
        mjs.close();
        return m_registry.addVersion(version, dir);
    }

    UpdateOutcome updateTo(const QString& version)
    {
        QSignalSpy finished(m_updater.get(), &GatewayUpdater::finished);
        GatewayUpdater::Request req;
        req.to = version;
        const UserText refused = m_updater->start(req);
        if (!refused.isEmpty()) {
            UpdateOutcome o;
            o.reason = refused;
            return o;
        }
        finished.wait(600000);
        return finished.isEmpty() ? UpdateOutcome{} : finished.first().first().value<UpdateOutcome>();
    }

    // Fingerprints of the state copy and of the state dir at the moment the copy was put back
    // (before the previous version starts and writes to its database again).
    struct Restored
    {
        QStringList copy;
        QStringList state;
        bool candidateTracesGone = false;
    };
    std::shared_ptr<Restored> watchRestore(const QString& candidate)
    {
        auto seen = std::make_shared<Restored>();
        connect(m_updater.get(), &GatewayUpdater::stateRestored, this, [this, seen, candidate](const QString& copyDir) {
            seen->copy = StateSnapshot(QDir(copyDir).filePath(QStringLiteral("state")), QString()).fingerprint();
            seen->state = snapshot().fingerprint();
            const QString stateDir = m_env.options().stateDir;
            QFile db(QDir(stateDir).filePath(QStringLiteral("state/openclaw.sqlite")));
            seen->candidateTracesGone = db.open(QIODevice::ReadOnly) && !db.readAll().contains("migrated by " + candidate.toUtf8())
                                        && !QFileInfo::exists(QDir(stateDir).filePath(QStringLiteral("state/added-by-%1.sqlite").arg(candidate)));
        }, Qt::DirectConnection);
        return seen;
    }

    bool candidateRan(const QString& candidate) const
    {
        return QFileInfo::exists(QDir(m_env.options().stateDir).filePath(QStringLiteral("state/added-by-%1.sqlite").arg(candidate)));
    }

    bool waitRunningVersion(const QString& version, int ms = 120000)
    {
        return testsupport::waitFor([&] {
            const GatewayStatus s = m_manager->status();
            return s.state == GatewayState::Running && s.gatewayVersion == version;
        }, ms);
    }

private Q_SLOTS:
    void initTestCase()
    {
        logging::init(LoggingOptions{});
        qRegisterMetaType<UpdateOutcome>();
        QVERIFY2(m_env.valid, qPrintable(m_env.error));
        // The current version is the real one setup.sh installed, linked into a runtime dir of
        // this test's own (so nothing here touches the user's runtime).
        const RuntimeLayout real(testsupport::runtimeDir());
        m_current = real.activeVersion();
        if (m_current.isEmpty())
            QSKIP("the test runtime is not in the versioned layout (run scripts/setup.sh)");
        m_rt = m_env.root.filePath(QStringLiteral("rt"));
        RuntimeLayout layout(m_rt);
        QVERIFY(QDir().mkpath(layout.versionsDir()));
        QVERIFY(QFile::link(real.activeDir(), layout.versionDir(m_current)));
        QVERIFY(layout.switchTo(m_current).ok);

        QVERIFY(m_registry.listen());
        QVERIFY(addCandidate(QStringLiteral("2099.1.1"), QStringLiteral("preflight-fails")));
        QVERIFY(addCandidate(QStringLiteral("2099.1.2"), QStringLiteral("exits-at-start")));
        QVERIFY(addCandidate(QStringLiteral("2099.1.3"), QStringLiteral("never-ready")));
        QVERIFY(addCandidate(QStringLiteral("2099.1.4"), QStringLiteral("exits-at-start")));
        m_registry.setDistTags({{QStringLiteral("latest"), QStringLiteral("2099.1.3")}});
        qputenv("npm_config_registry", m_registry.url().toUtf8());
        qputenv("npm_config_cache", m_env.root.filePath(QStringLiteral("npm-cache")).toUtf8());
        qputenv("npm_config_update_notifier", "false");

        m_manager = std::make_unique<GatewayManager>(config(), m_identity);
        m_manager->setConfigProvider([this] { return config(); });
        m_checker = std::make_unique<UpdateChecker>();
        UpdateChecker::Config cc;
        cc.runtimeDir = m_rt;
        cc.enabled = false;
        m_checker->setConfig(cc);
        m_updater = std::make_unique<GatewayUpdater>(m_manager.get(), m_checker.get());
        GatewayUpdater::Config uc;
        uc.runtimeDir = m_rt;
        uc.workDir = m_env.root.filePath(QStringLiteral("updates"));
        uc.verifyTimeoutMs = 45000;
        uc.safePollMs = 200;
        m_updater->setConfig(uc);
        m_manager->start();
        QVERIFY2(waitRunningVersion(m_current), qPrintable(m_manager->status().oneLine(0)));
    }

    void theChannelsNewestComesFromTheRegistry()
    {
        std::optional<UpdateAvailability> got;
        m_checker->checkNow([&](const UpdateAvailability& a) { got = a; });
        QVERIFY(testsupport::waitFor([&] { return got.has_value(); }, 60000));
        QCOMPARE(got->latest, QStringLiteral("2099.1.3"));
        QCOMPARE(got->current, m_current);
        QVERIFY(got->available());
        QVERIFY(got->note.isEmpty());
    }

    void aFailedPreflightStopsBeforeAnythingChanged()
    {
        const qint64 pid = m_manager->status().pid;
        const UpdateOutcome out = updateTo(QStringLiteral("2099.1.1"));
        QCOMPARE(out.result, UpdateOutcome::Result::Refused);
        QVERIFY2(out.reason.english().contains(QStringLiteral("cannot use this state database")), qPrintable(out.reason.english()));
        QVERIFY2(out.reason.english().contains(QStringLiteral("unexpected column sessions.fixture")), qPrintable(out.reason.english()));
        // Never stopped, never switched; the candidate is gone again.
        QCOMPARE(m_manager->status().state, GatewayState::Running);
        QCOMPARE(m_manager->status().pid, pid);
        QCOMPARE(RuntimeLayout(m_rt).activeVersion(), m_current);
        QVERIFY(!QFileInfo::exists(RuntimeLayout(m_rt).versionDir(QStringLiteral("2099.1.1"))));
        QVERIFY(!candidateRan(QStringLiteral("2099.1.1")));
        // Nothing changed, so nothing of it is kept (its backup was of the state as it still is).
        QVERIFY(QDir(m_updater->config().workDir).entryList({QStringLiteral("2*")}, QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
    }

    void aCandidateThatExitsAtStartIsRolledBack()
    {
        const auto restored = watchRestore(QStringLiteral("2099.1.2"));
        const UpdateOutcome out = updateTo(QStringLiteral("2099.1.2"));
        QCOMPARE(out.result, UpdateOutcome::Result::RolledBack);
        QVERIFY2(out.reason.english().contains(QStringLiteral("2099.1.2 did not start")), qPrintable(out.reason.english()));
        QCOMPARE(out.running, m_current);
        QVERIFY(waitRunningVersion(m_current, 5000));
        QCOMPARE(RuntimeLayout(m_rt).activeVersion(), m_current);
        // The candidate rewrote the state database and added one: both undone, byte for byte —
        // the state is what it was when the gateway stopped for the switch.
        QVERIFY(!restored->copy.isEmpty());
        QCOMPARE(restored->state, restored->copy);
        QVERIFY(restored->candidateTracesGone);
        QVERIFY2(out.detail.contains(QStringLiteral("refusing to start")), qPrintable(out.detail));
        QVERIFY(!QFileInfo::exists(RuntimeLayout(m_rt).versionDir(QStringLiteral("2099.1.2"))));
        QVERIFY(RuntimeLayout(m_rt).previousVersion().isEmpty()); // nothing to "roll back" to
        QVERIFY(m_updater->declinedVersions().contains(QStringLiteral("2099.1.2"))); // never again by itself
        // The doctor is not part of every update's outage: it ran once, after the refused start,
        // and the candidate was started once more before going back.
        QCOMPARE(doctorRuns(QStringLiteral("2099.1.2")), 1);
    }

    void aCandidateThatNeverBecomesReadyIsRolledBackAndASecondUpdateIsRefused()
    {
        const auto restored = watchRestore(QStringLiteral("2099.1.3"));
        QSignalSpy finished(m_updater.get(), &GatewayUpdater::finished);
        GatewayUpdater::Request req; // "" = the channel's newest: 2099.1.3
        QVERIFY(m_updater->start(req).isEmpty());
        const UserText second = m_updater->start(req);
        QVERIFY2(second.english().startsWith(QStringLiteral("Already updating")), qPrintable(second.english()));
        QVERIFY(finished.wait(600000));
        const auto out = finished.first().first().value<UpdateOutcome>();
        QCOMPARE(out.to, QStringLiteral("2099.1.3"));
        QCOMPARE(out.result, UpdateOutcome::Result::RolledBack);
        QVERIFY2(out.reason.english().contains(QStringLiteral("did not become ready")), qPrintable(out.reason.english()));
        QVERIFY(waitRunningVersion(m_current, 5000));
        QVERIFY(!restored->copy.isEmpty());
        QCOMPARE(restored->state, restored->copy);
        QVERIFY(restored->candidateTracesGone);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(doctorRuns(QStringLiteral("2099.1.3")), 0); // a start that only took too long: no doctor
    }

    // "Update automatically while idle": the version the registry names is applied by itself, a
    // broken one is rolled back, said to be automatic, and not tried again at the next check.
    void anAutomaticUpdateToABrokenVersionIsRolledBackOnceAndNotRetried()
    {
        m_registry.setDistTags({{QStringLiteral("latest"), QStringLiteral("2099.1.4")}});
        QSignalSpy finished(m_updater.get(), &GatewayUpdater::finished);
        connect(m_checker.get(), &UpdateChecker::changed, m_updater.get(), &GatewayUpdater::considerAutomatic);
        m_updater->setAutomatic(true);
        std::optional<bool> startedByItself;
        m_checker->checkNow([&](const UpdateAvailability&) { startedByItself = m_updater->isRunning(); });
        QVERIFY(testsupport::waitFor([&] { return startedByItself.has_value(); }, 60000));
        QVERIFY(*startedByItself); // by the check's news alone
        if (finished.isEmpty())
            QVERIFY(finished.wait(600000));
        const auto out = finished.first().first().value<UpdateOutcome>();
        QVERIFY(out.automatic);
        QCOMPARE(out.to, QStringLiteral("2099.1.4"));
        QCOMPARE(out.result, UpdateOutcome::Result::RolledBack);
        QVERIFY(waitRunningVersion(m_current, 5000));
        // The next check names the same broken version: nothing starts.
        std::optional<bool> startedAgain;
        m_checker->checkNow([&](const UpdateAvailability&) { startedAgain = m_updater->isRunning(); });
        QVERIFY(testsupport::waitFor([&] { return startedAgain.has_value(); }, 60000));
        QVERIFY(!*startedAgain);
        m_updater->setAutomatic(false);
        disconnect(m_checker.get(), &UpdateChecker::changed, m_updater.get(), &GatewayUpdater::considerAutomatic);
    }

    void anUnreachableRegistryIsAQuietNote()
    {
        const GatewayStatus before = m_manager->status();
        qputenv("npm_config_registry", "http://127.0.0.1:9/"); // nothing listens on port 9
        std::optional<UpdateAvailability> got;
        m_checker->checkNow([&](const UpdateAvailability& a) { got = a; });
        QVERIFY(testsupport::waitFor([&] { return got.has_value(); }, 60000));
        qputenv("npm_config_registry", m_registry.url().toUtf8());
        QVERIFY2(got->note.english().contains(QStringLiteral("Could not check for updates")), qPrintable(got->note.english()));
        QCOMPARE(m_manager->status().state, GatewayState::Running);
        QCOMPARE(m_manager->status().pid, before.pid);
        QVERIFY(m_manager->status().lastError.isEmpty());
    }

    void cleanupTestCase()
    {
        if (!m_manager)
            return;
        bool done = false;
        m_manager->shutdown(20000, [&] { done = true; });
        testsupport::waitFor([&] { return done; }, 30000);
    }
};

QTEST_GUILESS_MAIN(TestUpdateRollback)
#include "tst_update_rollback.moc"
