#include "update/GatewayUpdater.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "policy/AnsiText.h"
#include "process/OpenClawCli.h"
#include "settings/RuntimeLocator.h"
#include "supervisor/GatewayManager.h"
#include "supervisor/StateWaiter.h"
#include "update/StateSnapshot.h"
#include "update/UpdateChecker.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <filesystem>

namespace clawtray {
namespace fs = std::filesystem;

namespace {

qint64 wallNow() { return QDateTime::currentMSecsSinceEpoch(); }

// The last lines of a command's output, without colour codes, secrets or blank lines.
QString tail(const QByteArray& output, int lines = 40)
{
    QStringList kept;
    const QStringList all = clawtray::stripAnsi(QString::fromUtf8(output)).split(QLatin1Char('\n'));
    for (const QString& l : all) {
        if (!l.trimmed().isEmpty())
            kept << l.trimmed();
    }
    return redacted(kept.mid(qMax(0, int(kept.size()) - lines)).join(QLatin1Char('\n')));
}

bool acceptablePreflight(const QString& status)
{
    return status == QLatin1String("exact") || status == QLatin1String("startup-repairable")
           || status == QLatin1String("migration-required");
}

} // namespace

// What one operation carries from step to step.
struct GatewayUpdater::Operation
{
    quint64 generation = 0;
    Request request;
    QString id;              // its directory name under workDir
    QString dir;
    QString from;
    QString to;
    bool installedHere = false; // the candidate was installed by this operation (removed if it fails)
    bool wasRunning = false;    // the gateway ran before: it runs again at the end
    QString backupArchive;
    QString restoreFrom;        // a roll-back across a migration: the state copy taken before that update
    QString doctorOutput;
    QString previousBefore;     // the roll-back target before this operation (kept if it fails)
    bool switched = false;
};

GatewayUpdater::GatewayUpdater(GatewayManager* manager, UpdateChecker* checker, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_checker(checker)
    , m_cli(std::make_unique<OpenClawCli>())
{
    m_poll.setSingleShot(true);
}

GatewayUpdater::~GatewayUpdater() = default;

QString GatewayUpdater::previousVersion() const
{
    return RuntimeLayout(m_config.runtimeDir).previousVersion();
}

QString GatewayUpdater::activeVersion() const
{
    return RuntimeLayout(m_config.runtimeDir).activeVersion();
}

QJsonObject GatewayUpdater::toJson(bool withDetail) const
{
    const RuntimeLayout layout(m_config.runtimeDir);
    QJsonObject o{{QStringLiteral("progress"), m_progress.toJson()},
                  {QStringLiteral("active"), layout.activeVersion()},
                  {QStringLiteral("previous"), layout.previousVersion()},
                  {QStringLiteral("installed"), QJsonArray::fromStringList(layout.installedVersions())},
                  {QStringLiteral("managed"), m_config.runtimeManaged}};
    QJsonObject last = m_last.toJson();
    if (withDetail && !m_last.detail.isEmpty())
        last.insert(QStringLiteral("detail"), m_last.detail);
    o.insert(QStringLiteral("last"), last);
    return o;
}

UserText GatewayUpdater::start(const Request& request)
{
    if (m_progress.running)
        return UserText(QT_TRANSLATE_NOOP("UserText", "Already updating (OpenClaw %1 → %2).")).arg(m_progress.from).arg(m_progress.to);
    if (!m_manager)
        return UserText(QT_TRANSLATE_NOOP("UserText", "ClawTray is still starting; try again in a moment."));
    if (!m_config.runtimeManaged)
        return UserText(QT_TRANSLATE_NOOP("UserText", "The Node and openclaw paths in Settings point to an install ClawTray did "
                                                      "not make; update that one the way it was installed, or clear the paths "
                                                      "to use ClawTray's runtime."));
    const GatewayStatus s = m_manager->status();
    if (!s.owned && (s.state == GatewayState::Running || s.state == GatewayState::Reconnecting))
        return UserText(QT_TRANSLATE_NOOP("UserText", "The gateway on the port was not started by ClawTray; update it with "
                                                      "`openclaw update` where it runs."));
    const RuntimeLayout layout(m_config.runtimeDir);
    const QString from = layout.activeVersion();
    if (from.isEmpty())
        return UserText(QT_TRANSLATE_NOOP("UserText", "No OpenClaw install is active in %1; install the runtime first "
                                                      "(clawtray-install-runtime)."))
            .arg(m_config.runtimeDir);
    QString to = request.to;
    if (request.rollback) {
        to = layout.previousVersion();
        if (to.isEmpty())
            return UserText(QT_TRANSLATE_NOOP("UserText", "There is no previous OpenClaw version to roll back to."));
    } else if (!to.isEmpty() && !RuntimeLayout::isPlausibleVersion(to)) {
        return UserText(QT_TRANSLATE_NOOP("UserText", "\"%1\" is not an OpenClaw version (like 2026.9.6).")).arg(to);
    }
    if (!to.isEmpty() && to == from)
        return UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 is already the version in use.")).arg(from);

    m_op = std::make_unique<Operation>();
    m_op->generation = ++m_generation;
    m_op->request = request;
    m_op->from = from;
    m_op->to = to;
    m_op->id = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    m_op->dir = QDir(m_config.workDir).filePath(m_op->id);
    m_progress = UpdateProgress{};
    m_progress.running = true;
    m_progress.rollback = request.rollback;
    m_progress.automatic = request.automatic;
    m_progress.from = from;
    m_progress.to = to;
    m_progress.startedAtMs = wallNow();
    m_last = UpdateOutcome{};
    if (!QDir().mkpath(m_op->dir)) {
        const UserText why = UserText(QT_TRANSLATE_NOOP("UserText", "Cannot create %1.")).arg(m_op->dir);
        m_progress = UpdateProgress{};
        m_op.reset();
        return why;
    }
    logInfo(QStringLiteral("update: %1 OpenClaw %2 → %3 (record in %4)")
                .arg(request.rollback ? QStringLiteral("rolling back") : QStringLiteral("updating"), from,
                     to.isEmpty() ? QStringLiteral("the newest version") : to, m_op->dir));
    if (to.isEmpty())
        resolveTarget();
    else
        install();
    return {};
}

void GatewayUpdater::setStep(UpdateStep step, const UserText& text)
{
    m_progress.step = step;
    m_progress.text = text;
    m_progress.to = m_op ? m_op->to : m_progress.to;
    logInfo(QStringLiteral("update: %1").arg(text.english()));
    Q_EMIT progressChanged(m_progress);
}

void GatewayUpdater::resolveTarget()
{
    setStep(UpdateStep::Resolving, UserText(QT_TRANSLATE_NOOP("UserText", "Asking the npm registry for the newest OpenClaw")));
    if (!m_checker)
        return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "No update check is available.")));
    const quint64 gen = m_op->generation;
    m_checker->checkNow([this, gen](const UpdateAvailability& a) {
        if (!m_op || m_op->generation != gen)
            return;
        if (a.latest.isEmpty())
            return refuse(a.note.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "The npm registry named no version.")) : a.note);
        if (a.latest == m_op->from || !a.available())
            return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 is the newest version of the %2 channel."))
                              .arg(m_op->from)
                              .arg(a.channel));
        m_op->to = a.latest;
        install();
    });
}

GatewayLaunchOptions GatewayUpdater::launchFor(const QString& version) const
{
    GatewayLaunchOptions o = m_manager ? m_manager->config().launch : GatewayLaunchOptions{};
    const QString prefix = RuntimeLayout(m_config.runtimeDir).versionDir(version);
    o.nodePath = RuntimeLayout::nodeIn(prefix);
    o.openclawDir = RuntimeLayout::openclawIn(prefix);
    return o;
}

void GatewayUpdater::runCli(const QString& version, const QStringList& args, int timeoutMs, const QString& label,
                            std::function<void(const CliResult&)> done)
{
    OpenClawCli::Options o;
    o.timeoutMs = timeoutMs;
    o.mergeChannels = true;
    o.maxOutputBytes = 1024 * 1024;
    o.logLabel = label;
    const quint64 gen = m_op->generation;
    m_cli->run(launchFor(version), args, o, [this, gen, done = std::move(done)](const CliResult& r) {
        if (m_op && m_op->generation == gen)
            done(r);
    });
}

void GatewayUpdater::install()
{
    const RuntimeLayout layout(m_config.runtimeDir);
    if (layout.isComplete(m_op->to)) {
        setStep(UpdateStep::Installing, UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 is already installed beside %2"))
                                            .arg(m_op->to)
                                            .arg(m_op->from));
        return backUp();
    }
    setStep(UpdateStep::Installing,
            UserText(QT_TRANSLATE_NOOP("UserText", "Installing OpenClaw %1 beside %2")).arg(m_op->to).arg(m_op->from));
    const QString prefix = layout.versionDir(m_op->to);
    RuntimeLayout(m_config.runtimeDir).removeVersion(m_op->to); // an earlier attempt's remains
    QDir().mkpath(prefix);
    QFile pkg(QDir(prefix).filePath(QStringLiteral("package.json")));
    if (!pkg.open(QIODevice::WriteOnly) || pkg.write(R"({"name":"clawtray-runtime","private":true})") < 0)
        return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "Cannot write to %1.")).arg(prefix));
    pkg.close();
    m_op->installedHere = true;
    OpenClawCli::Options o;
    o.timeoutMs = m_config.installTimeoutMs;
    o.mergeChannels = true;
    o.maxOutputBytes = 256 * 1024;
    o.logLabel = QStringLiteral("npm install openclaw@%1").arg(m_op->to);
    const QStringList args{QStringLiteral("install"), QStringLiteral("--prefix"), prefix, QStringLiteral("--no-audit"),
                           QStringLiteral("--no-fund"), QStringLiteral("--loglevel=error"), QStringLiteral("--save-exact"),
                           QStringLiteral("openclaw@%1").arg(m_op->to)};
    const quint64 gen = m_op->generation;
    m_cli->run(UpdateChecker::npmSpec(m_config.npmPath, m_config.runtimeDir, args), o, [this, gen, prefix](const CliResult& r) {
        if (!m_op || m_op->generation != gen)
            return;
        if (!r.ok() || !QFileInfo::exists(QDir(RuntimeLayout::openclawIn(prefix)).filePath(QStringLiteral("openclaw.mjs"))))
            return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "Installing OpenClaw %1 failed (npm: %2).")).arg(m_op->to).arg(r.describe()),
                          tail(r.output));
        const QString got = RuntimeLayout::packageVersion(prefix);
        if (got != m_op->to)
            return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "npm installed OpenClaw %1 instead of %2.")).arg(got).arg(m_op->to));
        linkNode();
    });
}

void GatewayUpdater::linkNode()
{
    // The candidate runs on the Node the current version runs on: its files are hard-linked (no
    // copy, no download), or copied where links are impossible.
    const RuntimeLayout layout(m_config.runtimeDir);
    const QString from = QFileInfo(RuntimeLayout::nodeIn(layout.versionDir(m_op->from))).absolutePath() + QStringLiteral("/..");
    const QString to = QDir(layout.versionDir(m_op->to)).filePath(QStringLiteral("node_modules/node"));
    const fs::path src(QFile::encodeName(QDir::cleanPath(from)).toStdString());
    const fs::path dst(QFile::encodeName(to).toStdString());
    std::error_code ec;
    fs::remove_all(dst, ec);
    fs::copy(src, dst, fs::copy_options::recursive | fs::copy_options::create_hard_links, ec);
    if (ec) {
        fs::remove_all(dst, ec);
        fs::copy(src, dst, fs::copy_options::recursive, ec);
    }
    const RuntimeCheck check = RuntimeLocator::validate(RuntimeLayout::nodeIn(layout.versionDir(m_op->to)),
                                                        RuntimeLayout::openclawIn(layout.versionDir(m_op->to)));
    if (ec || !check.ok)
        return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 was installed but cannot run: %2"))
                          .arg(m_op->to)
                          .arg(ec ? QString::fromLocal8Bit(ec.message().c_str()) : check.error));
    RuntimeLayout(m_config.runtimeDir).markInstalled(m_op->to, wallNow());
    backUp();
}

void GatewayUpdater::backUp()
{
    const QString stateDir = LaunchSpec::resolvedStateDir(launchFor(m_op->from));
    if (!QFileInfo(stateDir).isDir()) {
        logInfo(QStringLiteral("update: no state in %1 yet: nothing to back up or check").arg(stateDir));
        return waitSafe();
    }
    setStep(UpdateStep::BackingUp, UserText(QT_TRANSLATE_NOOP("UserText", "Backing up the gateway's state with OpenClaw %1"))
                                       .arg(m_op->from));
    runCli(m_op->from,
           {QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--verify"), QStringLiteral("--json"),
            QStringLiteral("--output"), m_op->dir},
           m_config.backupTimeoutMs, QStringLiteral("openclaw backup create --verify"), [this](const CliResult& r) {
               const QString archive = r.json().value(QLatin1String("archivePath")).toString();
               if (!r.ok() || archive.isEmpty())
                   return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "The backup before the update failed (%1); nothing "
                                                                        "was changed."))
                                     .arg(r.describe()),
                                 tail(r.output));
               m_op->backupArchive = archive;
               snapshotDatabase();
           });
}

void GatewayUpdater::snapshotDatabase()
{
    const QString stateDir = LaunchSpec::resolvedStateDir(launchFor(m_op->from));
    if (!QFileInfo::exists(QDir(stateDir).filePath(QStringLiteral("state/openclaw.sqlite")))) {
        logInfo(QStringLiteral("update: no state database yet: nothing to preflight"));
        return waitSafe();
    }
    runCli(m_op->from,
           {QStringLiteral("backup"), QStringLiteral("sqlite"), QStringLiteral("create"), QStringLiteral("--global"),
            QStringLiteral("--repository"), QDir(m_op->dir).filePath(QStringLiteral("database")), QStringLiteral("--json")},
           m_config.backupTimeoutMs, QStringLiteral("openclaw backup sqlite create"), [this](const CliResult& r) {
               const QJsonObject j = r.json();
               const QString snapshot = j.value(QLatin1String("snapshotPath")).toString();
               const QString artifact = j.value(QLatin1String("manifest")).toObject().value(QLatin1String("artifact")).toObject()
                                            .value(QLatin1String("path")).toString(QStringLiteral("database.sqlite"));
               const QString copy = QDir(snapshot).filePath(artifact);
               if (!r.ok() || snapshot.isEmpty() || !QFileInfo::exists(copy))
                   return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "Copying the state database for the check failed (%1); "
                                                                        "nothing was changed."))
                                     .arg(r.describe()),
                                 tail(r.output));
               preflight(copy);
           });
}

void GatewayUpdater::preflight(const QString& copy)
{
    setStep(UpdateStep::Preflight, UserText(QT_TRANSLATE_NOOP("UserText", "Checking that OpenClaw %1 can use the state database"))
                                       .arg(m_op->to));
    runCli(m_op->to, {QStringLiteral("database"), QStringLiteral("preflight"), copy, QStringLiteral("--json")},
           m_config.preflightTimeoutMs, QStringLiteral("openclaw database preflight (candidate)"), [this](const CliResult& r) {
               const QJsonObject j = r.json();
               const QString status = j.value(QLatin1String("status")).toString();
               logInfo(QStringLiteral("update: OpenClaw %1's preflight of the state database: %2 (schema %3, found %4)")
                           .arg(m_op->to, status.isEmpty() ? r.describe() : status)
                           .arg(j.value(QLatin1String("targetVersion")).toInt())
                           .arg(j.value(QLatin1String("foundVersion")).toInt()));
               if (acceptablePreflight(status))
                   return waitSafe();
               // A roll-back across a migration: the older version cannot read the newer schema; the
               // copy of the state taken before the update that migrated it can come back instead.
               if (m_op->request.rollback && status == QLatin1String("incompatible")) {
                   const QString before = stateCopyBefore(m_op->from);
                   if (!before.isEmpty()) {
                       m_op->restoreFrom = before;
                       logInfo(QStringLiteral("update: OpenClaw %1 cannot read the migrated state; the copy taken before "
                                              "the update to %2 comes back (%3)")
                                   .arg(m_op->to, m_op->from, before));
                       return waitSafe();
                   }
               }
               if (status.isEmpty())
                   return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 could not check the state database (%2); "
                                                                        "nothing was changed."))
                                     .arg(m_op->to)
                                     .arg(r.describe()),
                                 tail(r.output));
               QStringList issues;
               for (const auto& i : j.value(QLatin1String("issues")).toArray())
                   issues << (i.isObject() ? i.toObject().value(QLatin1String("message")).toString() : i.toString());
               issues.removeAll(QString());
               refuse(UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 cannot use this state database (%2, schema %3 found "
                                                             "%4); nothing was changed."))
                          .arg(m_op->to)
                          .arg(UserText::verbatim(status + (issues.isEmpty() ? QString() : QStringLiteral(": ") + issues.join(QStringLiteral("; ")))))
                          .arg(j.value(QLatin1String("targetVersion")).toInt())
                          .arg(j.value(QLatin1String("foundVersion")).toInt()),
                      tail(r.output));
           });
}

void GatewayUpdater::waitSafe()
{
    const GatewayStatus s = m_manager->status();
    m_op->wasRunning = s.state == GatewayState::Running || s.state == GatewayState::Starting
                       || s.state == GatewayState::Reconnecting;
    if (m_op->request.now || s.state != GatewayState::Running) {
        stopGateway();
        return;
    }
    setStep(UpdateStep::WaitingSafe, UserText(QT_TRANSLATE_NOOP("UserText", "Waiting until the gateway has no active runs")));
    const quint64 gen = m_op->generation;
    const qint64 deadline = wallNow() + m_config.safeWaitMs;
    auto ask = std::make_shared<std::function<void()>>();
    *ask = [this, gen, deadline, ask] {
        if (!m_op || m_op->generation != gen || !m_manager)
            return;
        m_manager->call(QStringLiteral("gateway.restart.preflight"), QJsonObject{}, 10000, [this, gen, deadline, ask](const CallResult& r) {
            if (!m_op || m_op->generation != gen)
                return;
            const QJsonObject p = r.payload.toObject();
            // A gateway that cannot answer the question is not busy with a run we could spoil.
            if (!r.ok() || p.value(QLatin1String("safe")).toBool(true))
                return stopGateway();
            if (wallNow() >= deadline)
                return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "The gateway stayed busy (%1); nothing was changed. Try "
                                                                     "again later, or update now anyway."))
                                  .arg(UserText::verbatim(p.value(QLatin1String("summary")).toString())));
            m_poll.callOnTimeout(this, [ask] { (*ask)(); }, Qt::SingleShotConnection);
            m_poll.start(m_config.safePollMs);
        });
    };
    (*ask)();
}

void GatewayUpdater::waitForStatus(int timeoutMs, std::function<bool()> pred, std::function<void(bool)> done)
{
    const quint64 gen = m_op->generation;
    StateWaiter::wait(
        m_manager, timeoutMs, [pred](const GatewayStatus&) { return pred(); },
        [this, gen, done = std::move(done), pred](const GatewayStatus&, bool timedOut) {
            if (m_op && m_op->generation == gen)
                done(!timedOut && pred());
        },
        this);
}

void GatewayUpdater::stopGateway()
{
    setStep(UpdateStep::Stopping, UserText(QT_TRANSLATE_NOOP("UserText", "Stopping OpenClaw %1")).arg(m_op->from));
    if (m_manager->status().state != GatewayState::Stopped)
        m_manager->stop();
    waitForStatus(m_config.stopTimeoutMs, [this] { return m_manager && m_manager->status().state == GatewayState::Stopped; },
                  [this](bool ok) {
                      if (!ok) {
                          if (m_op->wasRunning && m_manager)
                              m_manager->start();
                          return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "The gateway did not stop; nothing was changed.")));
                      }
                      switchOver();
                  });
}

void GatewayUpdater::switchOver()
{
    setStep(UpdateStep::Switching, UserText(QT_TRANSLATE_NOOP("UserText", "Switching to OpenClaw %1")).arg(m_op->to));
    const GatewayLaunchOptions launch = launchFor(m_op->from);
    const StateSnapshot snapshot(LaunchSpec::resolvedStateDir(launch), LaunchSpec::resolvedConfigPath(launch));
    const UserText copied = snapshot.take(QDir(m_op->dir).filePath(QStringLiteral("state-before")));
    if (!copied.isEmpty()) {
        if (m_op->wasRunning)
            m_manager->start();
        return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "Copying the state aside failed (%1); nothing was changed.")).arg(copied));
    }
    RuntimeLayout layout(m_config.runtimeDir);
    const LayoutChange sw = layout.switchTo(m_op->to);
    if (!sw.ok) {
        if (m_op->wasRunning)
            m_manager->start();
        return refuse(sw.error);
    }
    m_op->switched = true;
    m_op->previousBefore = layout.previousVersion();
    layout.setPreviousVersion(m_op->from);
    writeRecord();
    if (!m_op->restoreFrom.isEmpty()) {
        const UserText restored = snapshot.restore(QDir(m_op->restoreFrom).filePath(QStringLiteral("state-before")));
        if (!restored.isEmpty())
            return rollBackAfter(restored, {});
        Q_EMIT stateRestored(QDir(m_op->restoreFrom).filePath(QStringLiteral("state-before")));
    }
    runDoctor();
}

void GatewayUpdater::runDoctor()
{
    // Without a config file there is nothing to repair, and the doctor would write one without
    // gateway.mode that the gateway then refuses (it starts unconfigured until the user onboards).
    if (!QFileInfo::exists(LaunchSpec::resolvedConfigPath(launchFor(m_op->to)))) {
        logInfo(QStringLiteral("update: no openclaw.json yet: nothing for doctor --fix to repair"));
        return startCandidate();
    }
    runCli(m_op->to, {QStringLiteral("doctor"), QStringLiteral("--fix"), QStringLiteral("--yes"), QStringLiteral("--non-interactive")},
           m_config.doctorTimeoutMs, QStringLiteral("openclaw doctor --fix (candidate)"), [this](const CliResult& r) {
               m_op->doctorOutput = tail(r.output, 60);
               // The doctor's verdict is advice; whether the new version works is what the start shows.
               logInfo(QStringLiteral("update: OpenClaw %1's doctor --fix: %2").arg(m_op->to, r.ok() ? QStringLiteral("ok") : r.describe()));
               startCandidate();
           });
}

void GatewayUpdater::startCandidate()
{
    setStep(UpdateStep::Starting, UserText(QT_TRANSLATE_NOOP("UserText", "Starting OpenClaw %1 and checking it")).arg(m_op->to));
    m_manager->start();
    const QString to = m_op->to;
    waitForStatus(
        m_config.verifyTimeoutMs,
        [this, to] {
            const GatewayStatus s = m_manager ? m_manager->status() : GatewayStatus{};
            return (s.state == GatewayState::Running && s.owned && s.gatewayVersion == to) || s.state == GatewayState::Error;
        },
        [this, to](bool settled) {
            const GatewayStatus s = m_manager ? m_manager->status() : GatewayStatus{};
            if (settled && s.state == GatewayState::Running && s.gatewayVersion == to) {
                RuntimeLayout layout(m_config.runtimeDir);
                layout.markGood(to, wallNow());
                if (!m_op->wasRunning)
                    m_manager->stop(); // it was stopped before: leave it so, now that it is proven
                layout.prune(2);
                UserText note;
                if (!m_op->restoreFrom.isEmpty())
                    note = UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 cannot read the state the newer version "
                                                                  "migrated, so the state from before that update came back: "
                                                                  "changes made since then are not in it (the newer state is "
                                                                  "kept in %2)."))
                               .arg(to)
                               .arg(QDir(m_op->dir).filePath(QStringLiteral("state-before")));
                return finish(UpdateOutcome::Result::Updated, {}, note);
            }
            UserText why;
            if (s.state == GatewayState::Error && !s.lastError.summary.isEmpty())
                why = UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 did not start: %2")).arg(to).arg(s.lastError.summary);
            else if (s.state == GatewayState::Running)
                why = UserText(QT_TRANSLATE_NOOP("UserText", "The gateway that started reports version %1, not %2."))
                          .arg(s.gatewayVersion)
                          .arg(to);
            else
                why = UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 did not become ready within %2."))
                          .arg(to)
                          .duration(m_config.verifyTimeoutMs);
            rollBackAfter(why, gatewayOutput());
        });
}

QString GatewayUpdater::gatewayOutput() const
{
    QStringList lines = m_manager ? m_manager->gatewayOutputTail() : QStringList{};
    lines = lines.mid(qMax(0, int(lines.size()) - 60));
    QString out = redacted(clawtray::stripAnsi(lines.join(QLatin1Char('\n'))));
    if (!m_op->doctorOutput.isEmpty())
        out = QStringLiteral("doctor --fix:\n%1\n\ngateway:\n%2").arg(m_op->doctorOutput, out);
    return out;
}

void GatewayUpdater::rollBackAfter(const UserText& why, const QString& detail)
{
    logWarn(QStringLiteral("update: %1 — going back to OpenClaw %2").arg(why.english(), m_op->from));
    setStep(UpdateStep::RollingBack, UserText(QT_TRANSLATE_NOOP("UserText", "Going back to OpenClaw %1")).arg(m_op->from));
    if (m_manager->status().state != GatewayState::Stopped)
        m_manager->stop();
    waitForStatus(m_config.stopTimeoutMs, [this] { return m_manager && m_manager->status().state == GatewayState::Stopped; },
                  [this, why, detail](bool) {
                      RuntimeLayout layout(m_config.runtimeDir);
                      const GatewayLaunchOptions launch = launchFor(m_op->from);
                      const StateSnapshot snapshot(LaunchSpec::resolvedStateDir(launch), LaunchSpec::resolvedConfigPath(launch));
                      const LayoutChange back = layout.switchTo(m_op->from);
                      const UserText restored = snapshot.restore(QDir(m_op->dir).filePath(QStringLiteral("state-before")));
                      layout.setPreviousVersion(m_op->previousBefore);
                      if (restored.isEmpty())
                          Q_EMIT stateRestored(QDir(m_op->dir).filePath(QStringLiteral("state-before")));
                      if (!back.ok || !restored.isEmpty()) {
                          return finish(UpdateOutcome::Result::Failed, why,
                                        UserText(QT_TRANSLATE_NOOP("UserText", "Going back failed too (%1). Restore the backup %2 "
                                                                               "with `openclaw backup restore`, then start the "
                                                                               "gateway."))
                                            .arg(!back.ok ? back.error : restored)
                                            .arg(m_op->backupArchive),
                                        detail);
                      }
                      m_manager->start();
                      const QString from = m_op->from;
                      waitForStatus(
                          m_config.verifyTimeoutMs,
                          [this, from] {
                              const GatewayStatus s = m_manager ? m_manager->status() : GatewayStatus{};
                              return (s.state == GatewayState::Running && s.gatewayVersion == from) || s.state == GatewayState::Error;
                          },
                          [this, why, detail, from](bool) {
                              const GatewayStatus s = m_manager ? m_manager->status() : GatewayStatus{};
                              if (s.state == GatewayState::Running && s.gatewayVersion == from) {
                                  if (!m_op->wasRunning)
                                      m_manager->stop();
                                  return finish(UpdateOutcome::Result::RolledBack, why,
                                                UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 runs again with the state "
                                                                                       "it had before. The failed version's "
                                                                                       "output is in the diagnostics export."))
                                                    .arg(from),
                                                detail);
                              }
                              finish(UpdateOutcome::Result::Failed, why,
                                     UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 was put back but did not start either; see "
                                                                            "the gateway's problem in the window."))
                                         .arg(from),
                                     detail);
                          });
                  });
}

void GatewayUpdater::finish(UpdateOutcome::Result result, const UserText& reason, const UserText& action, const QString& detail)
{
    if (!m_op)
        return;
    m_poll.stop();
    UpdateOutcome out;
    out.result = result;
    out.rollback = m_op->request.rollback;
    out.automatic = m_op->request.automatic;
    out.from = m_op->from;
    out.to = m_op->to;
    out.reason = reason;
    out.action = action;
    out.detail = detail;
    out.startedAtMs = m_progress.startedAtMs;
    out.finishedAtMs = wallNow();
    const GatewayStatus s = m_manager ? m_manager->status() : GatewayStatus{};
    out.running = s.state == GatewayState::Running ? s.gatewayVersion : QString();
    // A candidate that never ran well and is not in use goes; its output is in the record.
    const RuntimeLayout layout(m_config.runtimeDir);
    if (result != UpdateOutcome::Result::Updated && m_op->installedHere && layout.activeVersion() != m_op->to
        && layout.record(m_op->to).lastGoodAtMs == 0 && !m_op->to.isEmpty()) {
        RuntimeLayout(m_config.runtimeDir).removeVersion(m_op->to);
    }
    m_last = out;
    writeRecord();
    pruneOperations();
    if (result == UpdateOutcome::Result::Updated)
        logInfo(QStringLiteral("update: OpenClaw %1 → %2 done, running %3").arg(out.from, out.to, out.running));
    else
        logWarn(QStringLiteral("update: %1 (%2 → %3): %4 %5")
                    .arg(QLatin1String(updateResultName(result)), out.from, out.to, reason.english(), action.english()));
    m_op.reset();
    m_progress = UpdateProgress{};
    Q_EMIT progressChanged(m_progress);
    Q_EMIT finished(out);
}

void GatewayUpdater::writeRecord() const
{
    if (!m_op)
        return;
    QJsonObject o{{QStringLiteral("from"), m_op->from},
                  {QStringLiteral("to"), m_op->to},
                  {QStringLiteral("rollback"), m_op->request.rollback},
                  {QStringLiteral("switched"), m_op->switched},
                  {QStringLiteral("backup"), m_op->backupArchive},
                  {QStringLiteral("outcome"), m_last.toJson()}};
    QSaveFile f(QDir(m_op->dir).filePath(QStringLiteral("update.json")));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit())
        logWarn(QStringLiteral("update: could not write the record in %1").arg(m_op->dir));
}

QString GatewayUpdater::stateCopyBefore(const QString& version) const
{
    // Newest first: the operation that switched to `version` and kept its state copy.
    QStringList ids = QDir(m_config.workDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
    for (const QString& id : ids) {
        const QString dir = QDir(m_config.workDir).filePath(id);
        QFile f(QDir(dir).filePath(QStringLiteral("update.json")));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        const QString result = o.value(QLatin1String("outcome")).toObject().value(QLatin1String("result")).toString();
        if (o.value(QLatin1String("to")).toString() == version && result == QLatin1String("updated")
            && QFileInfo(QDir(dir).filePath(QStringLiteral("state-before/state"))).isDir())
            return dir;
    }
    return {};
}

void GatewayUpdater::pruneOperations() const
{
    const QString keepForRollback = stateCopyBefore(activeVersion());
    const QStringList ids = QDir(m_config.workDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
    for (int i = m_config.keepOperations; i < ids.size(); ++i) {
        const QString dir = QDir(m_config.workDir).filePath(ids.at(i));
        if (dir != keepForRollback)
            QDir(dir).removeRecursively();
    }
}

} // namespace clawtray
