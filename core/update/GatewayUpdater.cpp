#include "update/GatewayUpdater.h"

#include "update/UpdateOperation.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "policy/AnsiText.h"
#include "process/OpenClawCli.h"
#include "process/OwnershipLease.h"
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
using updater::tail;
using updater::wallNow;

namespace {

bool acceptablePreflight(const QString& status)
{
    return status == QLatin1String("exact") || status == QLatin1String("startup-repairable")
           || status == QLatin1String("migration-required");
}

} // namespace





GatewayUpdater::GatewayUpdater(GatewayManager* manager, UpdateChecker* checker, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_checker(checker)
    , m_cli(std::make_unique<OpenClawCli>())
{
    m_poll.setSingleShot(true);
    // A version that runs well under ClawTray counts for pruning (installed by the installer or an
    // older layout, it would otherwise never be removed).
    if (manager) {
        connect(manager, &GatewayManager::statusChanged, this, [this](const GatewayStatus& s) {
            if (isRunning() || s.state != GatewayState::Running || !s.owned || s.gatewayVersion.isEmpty()
                || s.gatewayVersion == m_markedGood || s.gatewayVersion != activeVersion())
                return;
            m_markedGood = s.gatewayVersion;
            RuntimeLayout(m_config.runtimeDir).markGood(s.gatewayVersion, wallNow());
        });
    }
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

void GatewayUpdater::considerAutomatic(const UpdateAvailability& a)
{
    if (!m_automatic || !a.available() || isRunning() || a.latest == m_autoTried || declinedVersions().contains(a.latest))
        return;
    m_autoTried = a.latest;
    Request req;
    req.to = a.latest;
    req.automatic = true;
    const UserText refused = start(req);
    if (!refused.isEmpty())
        logInfo(QStringLiteral("update: the automatic update to %1 did not start: %2").arg(a.latest, refused.english()));
}

QStringList GatewayUpdater::declinedVersions() const
{
    QFile f(QDir(m_config.workDir).filePath(QStringLiteral("declined.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(f.readAll()).array())
        out << v.toString();
    return out;
}

void GatewayUpdater::decline(const QString& version) const
{
    QStringList all = declinedVersions();
    if (version.isEmpty() || all.contains(version))
        return;
    all << version;
    QDir().mkpath(m_config.workDir);
    QSaveFile f(QDir(m_config.workDir).filePath(QStringLiteral("declined.json")));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(QJsonArray::fromStringList(all)).toJson()) < 0 || !f.commit())
        logWarn(QStringLiteral("update: could not write %1").arg(f.fileName()));
}

void GatewayUpdater::recoverInterrupted(const QString& leasePath)
{
    const QStringList ids = QDir(m_config.workDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
    if (ids.isEmpty() || !m_manager)
        return;
    const QString dir = QDir(m_config.workDir).filePath(ids.first()); // only the newest can be unfinished
    QFile f(QDir(dir).filePath(QStringLiteral("update.json")));
    if (!f.open(QIODevice::ReadOnly))
        return;
    QJsonObject record = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    const QString from = record.value(QLatin1String("from")).toString();
    const QString to = record.value(QLatin1String("to")).toString();
    const bool unfinished = record.value(QLatin1String("switched")).toBool()
                            && record.value(QLatin1String("outcome")).toObject().value(QLatin1String("result")).toString()
                                   == QLatin1String("none");
    RuntimeLayout layout(m_config.runtimeDir);
    if (!unfinished || layout.activeVersion() != to || !layout.isComplete(from))
        return;
    if (const auto lease = OwnershipLease::read(leasePath).lease; lease && lease->gatewayAlive()) {
        logWarn(QStringLiteral("update: the update to OpenClaw %1 was cut off, but a gateway of the last run still lives "
                               "(pid %2): left as it is")
                    .arg(to)
                    .arg(lease->pid));
        return;
    }
    const GatewayLaunchOptions launch = m_manager->config().launch;
    const StateSnapshot snapshot(LaunchSpec::resolvedStateDir(launch), LaunchSpec::resolvedConfigPath(launch));
    const LayoutChange back = layout.switchTo(from);
    const UserText restored = back.ok ? snapshot.restore(QDir(dir).filePath(QStringLiteral("state-before"))) : back.error;
    layout.setPreviousVersion(record.value(QLatin1String("previousBefore")).toString());
    UpdateOutcome out;
    out.result = restored.isEmpty() ? UpdateOutcome::Result::RolledBack : UpdateOutcome::Result::Failed;
    out.from = from;
    out.to = to;
    out.reason = UserText(QT_TRANSLATE_NOOP("UserText", "ClawTray stopped in the middle of the update to OpenClaw %1.")).arg(to);
    out.action = restored.isEmpty()
                     ? UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 is in use again with the state it had before."))
                           .arg(from)
                     : UserText(QT_TRANSLATE_NOOP("UserText", "Putting the state back failed (%1). Restore the backup in %2 "
                                                              "with `openclaw backup restore`."))
                           .arg(restored)
                           .arg(dir);
    out.finishedAtMs = wallNow();
    m_last = out;
    record.insert(QStringLiteral("outcome"), out.toJson());
    QSaveFile w(QDir(dir).filePath(QStringLiteral("update.json")));
    if (w.open(QIODevice::WriteOnly) && w.write(QJsonDocument(record).toJson()) >= 0)
        w.commit();
    logWarn(QStringLiteral("update: %1 %2").arg(out.reason.english(), out.action.english()));
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
    m_checker->lookUp(m_op->request.channel, [this, gen](const UpdateAvailability& a) {
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
        if (!r.ok())
            return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "Installing OpenClaw %1 failed (npm: %2).")).arg(m_op->to).arg(r.describe()),
                          tail(r.output));
        if (!QFileInfo::exists(QDir(RuntimeLayout::openclawIn(prefix)).filePath(QStringLiteral("openclaw.mjs"))))
            return refuse(UserText(QT_TRANSLATE_NOOP("UserText", "npm finished, but OpenClaw %1 is not in %2.")).arg(m_op->to).arg(prefix),
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

} // namespace clawtray
