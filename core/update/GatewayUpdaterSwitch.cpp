// GatewayUpdater, second half: the moment the gateway is down — wait for a safe moment, stop, copy
// the state aside, switch, doctor, start and verify — and the way back when that fails; the
// operation's record. (The first half, GatewayUpdater.cpp, prepares while the old version serves.)
#include "update/GatewayUpdater.h"

#include "update/UpdateOperation.h"

#include "client/ClientTypes.h"
#include "logging/Logging.h"
#include "process/OpenClawCli.h"
#include "supervisor/GatewayManager.h"
#include "supervisor/StateWaiter.h"
#include "update/StateSnapshot.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <memory>

namespace clawtray {
using updater::tail;
using updater::wallNow;

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
    // The new version may start as soon as the old one has let go of its ports and state: the rest
    // of its exit (Node writing its compile cache after a first run: seconds) is no outage. Not when
    // the state dir is to be put back (a roll-back across a migration): nothing may still write to it.
    if (m_manager->status().state != GatewayState::Stopped) {
        if (m_op->restoreFrom.isEmpty())
            m_manager->stopForSuccessor();
        else
            m_manager->stop();
    }
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
    // Straight to the new version: its gateway runs the upgrade's migrations itself before it is
    // ready, with verified backups ("routine upgrades should not require a separate doctor --fix
    // pass", OpenClaw's docs/install/docker.md), so the outage is the stop and its first boot. The
    // doctor is the way out when that start fails (startCandidate). See docs/ARCHITECTURE.md.
    startCandidate();
}

void GatewayUpdater::runDoctor(std::function<void()> then)
{
    // Without a config file there is nothing to repair, and the doctor would write one without
    // gateway.mode that the gateway then refuses (it starts unconfigured until the user onboards).
    if (!QFileInfo::exists(LaunchSpec::resolvedConfigPath(launchFor(m_op->to)))) {
        logInfo(QStringLiteral("update: no openclaw.json yet: nothing for doctor --fix to repair"));
        return then();
    }
    runCli(m_op->to, {QStringLiteral("doctor"), QStringLiteral("--fix"), QStringLiteral("--yes"), QStringLiteral("--non-interactive")},
           m_config.doctorTimeoutMs, QStringLiteral("openclaw doctor --fix (candidate)"), [this, then](const CliResult& r) {
               m_op->doctorOutput = tail(r.output, 60);
               // The doctor's verdict is advice; whether the new version works is what the gateway shows.
               logInfo(QStringLiteral("update: OpenClaw %1's doctor --fix: %2").arg(m_op->to, r.ok() ? QStringLiteral("ok") : r.describe()));
               then();
           });
}

bool GatewayUpdater::runningCandidate() const
{
    const GatewayStatus s = m_manager ? m_manager->status() : GatewayStatus{};
    return s.state == GatewayState::Running && s.owned && s.gatewayVersion == m_op->to;
}

void GatewayUpdater::startCandidate()
{
    setStep(UpdateStep::Starting, UserText(QT_TRANSLATE_NOOP("UserText", "Starting OpenClaw %1 and checking it")).arg(m_op->to));
    m_manager->start();
    waitForStatus(
        m_config.verifyTimeoutMs,
        [this] { return runningCandidate() || (m_manager && m_manager->status().state == GatewayState::Error); },
        [this](bool) {
            if (runningCandidate())
                return complete();
            if (!m_op->doctorTried && doctorMayHelp())
                return repairAndStartAgain();
            rollBackAfter(whyNotRunning(), gatewayOutput());
        });
}

bool GatewayUpdater::doctorMayHelp() const
{
    // What the new version refused at start (a config it no longer accepts, a migration it wants
    // the doctor to run, an exit at start) — not a start that merely took too long.
    const GatewayStatus s = m_manager ? m_manager->status() : GatewayStatus{};
    if (s.state != GatewayState::Error)
        return false;
    switch (s.lastError.kind) {
    case ProblemKind::InvalidConfig:
    case ProblemKind::MigrationLock:
    case ProblemKind::Fatal:
    case ProblemKind::Exited:
        return true;
    default:
        return false;
    }
}

void GatewayUpdater::repairAndStartAgain()
{
    m_op->doctorTried = true;
    logInfo(QStringLiteral("update: OpenClaw %1 did not start (%2); running its doctor --fix, then starting it once more")
                .arg(m_op->to, whyNotRunning().english()));
    setStep(UpdateStep::Starting, UserText(QT_TRANSLATE_NOOP("UserText", "Repairing with OpenClaw %1's doctor")).arg(m_op->to));
    m_manager->stop();
    waitForStatus(m_config.stopTimeoutMs, [this] { return m_manager && m_manager->status().state == GatewayState::Stopped; },
                  [this](bool stopped) {
                      if (!stopped)
                          return rollBackAfter(whyNotRunning(), gatewayOutput());
                      // Down again: the doctor may now enter maintenance.
                      runDoctor([this] { startCandidate(); });
                  });
}

UserText GatewayUpdater::whyNotRunning() const
{
    const GatewayStatus s = m_manager ? m_manager->status() : GatewayStatus{};
    const QString to = m_op->to;
    if (s.state == GatewayState::Error && !s.lastError.summary.isEmpty())
        return UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 did not start: %2")).arg(to).arg(s.lastError.summary);
    if (s.state == GatewayState::Running)
        return UserText(QT_TRANSLATE_NOOP("UserText", "The gateway that started reports version %1, not %2."))
            .arg(s.gatewayVersion)
            .arg(to);
    return UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 did not become ready within %2."))
        .arg(to)
        .duration(m_config.verifyTimeoutMs);
}

void GatewayUpdater::complete()
{
    const QString to = m_op->to;
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
    finish(UpdateOutcome::Result::Updated, {}, note);
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
        m_manager->stop(); // the whole exit: the state is put back next
    waitForStatus(m_config.stopTimeoutMs, [this] { return m_manager && m_manager->status().state == GatewayState::Stopped; },
                  [this, why, detail](bool stopped) {
                      // Never put the state back under a gateway that may still write to it.
                      if (!stopped)
                          return finish(UpdateOutcome::Result::Failed, why,
                                        UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 did not stop, so ClawTray "
                                                                               "left everything as it is. Stop it (or "
                                                                               "end its process), then roll back to %2 "
                                                                               "in the window or with `clawtray ctl "
                                                                               "update --rollback`."))
                                            .arg(m_op->to)
                                            .arg(m_op->from),
                                        detail);
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
    // "Update automatically" never goes back to a version that failed here or that the user left.
    if (result == UpdateOutcome::Result::RolledBack || result == UpdateOutcome::Result::Failed)
        decline(out.to);
    else if (result == UpdateOutcome::Result::Updated && out.rollback)
        decline(out.from);
    // Nothing changed in a refused operation: its backup and copies are not kept.
    if (result == UpdateOutcome::Result::Refused && !m_op->switched)
        QDir(m_op->dir).removeRecursively();
    m_last = out;
    // An automatic update that stopped before anything changed (a busy gateway, a failed
    // download) is tried again at the next check; one that was rolled back is not.
    if (out.automatic && result == UpdateOutcome::Result::Refused)
        m_autoTried.clear();
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
    if (!m_op || !QFileInfo(m_op->dir).isDir())
        return;
    QJsonObject o{{QStringLiteral("from"), m_op->from},
                  {QStringLiteral("to"), m_op->to},
                  {QStringLiteral("rollback"), m_op->request.rollback},
                  {QStringLiteral("switched"), m_op->switched},
                  {QStringLiteral("previousBefore"), m_op->previousBefore},
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
        QFile f(QDir(dir).filePath(QStringLiteral("update.json")));
        const QString result = f.open(QIODevice::ReadOnly)
                                   ? QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("outcome")).toObject()
                                         .value(QLatin1String("result")).toString()
                                   : QString();
        // Kept: the copy a roll-back needs, and whatever a failed way back told the user to restore.
        if (dir != keepForRollback && result != QLatin1String("failed"))
            QDir(dir).removeRecursively();
    }
}

} // namespace clawtray
