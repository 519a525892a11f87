#pragma once

#include "settings/RuntimeLayout.h"
#include "update/UpdateTypes.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace clawtray {

class GatewayManager;
class OpenClawCli;
class UpdateChecker;
struct CliResult;
struct GatewayLaunchOptions;

// Updates the OpenClaw gateway ClawTray runs, or rolls it back, so that an update can never leave
// the user without a working gateway (OpenClaw refuses to update itself under an external
// supervisor; this is the supervisor's half of that contract). One operation at a time:
//
//   1 install the candidate beside the current version (npm, into <runtime>/openclaw/<version>/)
//   2 back up (`openclaw backup create --verify`, current version) and copy the state database
//     WAL-consistently (`openclaw backup sqlite create`); the candidate's `openclaw database
//     preflight <copy> --json` must accept it — otherwise stop here, nothing changed
//   3 wait until the gateway's restart preflight says no run is active (or the user said "now")
//   4 stop the gateway, copy its state aside, switch `current`
//   5 start it and verify: the manager's own start (listener owned, /startupz started; the new
//     gateway runs the upgrade's migrations itself before it is ready) and hello-ok naming the
//     candidate's version, within a budget; when the candidate refuses to start (a config it no
//     longer accepts, a migration it leaves to the doctor), its `doctor --fix --yes
//     --non-interactive` (bounded) runs with the gateway down and it starts once more
//   any failure in 4–5: stop the candidate, switch back, put the state copy back, start the previous
//   version, verify it, and say what failed.
//
// A roll-back is the same operation towards the previous version; when that version cannot read
// the state the newer one migrated, the copy taken before that update is put back (the user is
// told that changes since then are lost). See docs/ARCHITECTURE.md, "Updating the gateway".
class GatewayUpdater final : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QString runtimeDir;
        QString workDir;            // <dataDir>/updates: backups, state copies, each operation's record
        bool runtimeManaged = true; // false: Settings name other Node/openclaw paths (not ours to update)
        QString npmPath;            // "" = `npm` on PATH
        int installTimeoutMs = 15 * 60 * 1000;
        int backupTimeoutMs = 10 * 60 * 1000;
        int preflightTimeoutMs = 120000;
        int doctorTimeoutMs = 120000;
        int stopTimeoutMs = 120000;
        int verifyTimeoutMs = 240000; // start → hello-ok of the new version
        int safeWaitMs = 10 * 60 * 1000;
        int safePollMs = 2000;
        int keepOperations = 3;       // records/backups kept in workDir (plus the one a roll-back needs)
    };
    struct Request
    {
        QString to;          // a version; "" = the newest of the channel
        QString channel;     // "" = the checker's
        bool now = false;    // do not wait for active runs to finish
        bool rollback = false;
        bool automatic = false; // "update automatically while idle" (never waits past a busy gateway)
    };

    GatewayUpdater(GatewayManager* manager, UpdateChecker* checker, QObject* parent = nullptr);
    ~GatewayUpdater() override;

    void setConfig(const Config& config) { m_config = config; }
    const Config& config() const { return m_config; }

    // Starts an operation. Returns an empty text when it started, else why not (already updating,
    // nothing to roll back to, ...) — in that case nothing happened.
    UserText start(const Request& request);
    // "Update automatically while idle": a newer version the checker found is applied by itself
    // (waiting for no active run); a version already tried automatically is never tried again.
    void setAutomatic(bool on) { m_automatic = on; }
    bool automatic() const { return m_automatic; }
    void considerAutomatic(const UpdateAvailability& availability);
    // At start-up, before the gateway starts: an update that ClawTray did not see to its end (it
    // quit or crashed after the switch) is undone — the version before it active again, the state
    // copy put back — and said as the last outcome. Not while a gateway of the lease still lives.
    void recoverInterrupted(const QString& leasePath);
    // Versions "update automatically" does not go to: ones rolled back from, by hand or after a
    // failure (kept in <workDir>/declined.json; a user may still pick one by hand).
    QStringList declinedVersions() const;
    bool isRunning() const { return m_progress.running; }
    UpdateProgress progress() const { return m_progress; }
    UpdateOutcome lastOutcome() const { return m_last; }
    // The version "Roll back" returns to ("" when none is kept).
    QString previousVersion() const;
    QString activeVersion() const;
    // For `ctl status` and the diagnostics: progress, last outcome (with the failing output),
    // installed versions.
    QJsonObject toJson(bool withDetail) const;

Q_SIGNALS:
    void progressChanged(const clawtray::UpdateProgress& progress);
    void finished(const clawtray::UpdateOutcome& outcome);
    // The state copy in `copyDir` was put back (after a failed switch, or a roll-back across a
    // migration), before any gateway starts on it: what tests compare byte for byte.
    void stateRestored(const QString& copyDir);

private:
    struct Operation;
    void setStep(UpdateStep step, const UserText& text);
    void resolveTarget();
    void install();
    void linkNode();
    void backUp();
    void snapshotDatabase();
    void preflight(const QString& databaseCopy);
    void waitSafe();
    void stopGateway();
    void switchOver();
    void runDoctor(std::function<void()> then);
    void startCandidate();
    // The candidate's start failed in a way its doctor can repair: stop, doctor --fix, start once more.
    bool doctorMayHelp() const;
    void repairAndStartAgain();
    void complete();
    bool runningCandidate() const;
    UserText whyNotRunning() const;
    void rollBackAfter(const UserText& why, const QString& detail);
    void finish(UpdateOutcome::Result result, const UserText& reason = {}, const UserText& action = {},
                const QString& detail = {});
    void refuse(const UserText& reason, const QString& detail = {}) { finish(UpdateOutcome::Result::Refused, reason, {}, detail); }

    GatewayLaunchOptions launchFor(const QString& version) const;
    void runCli(const QString& version, const QStringList& args, int timeoutMs, const QString& label,
                std::function<void(const CliResult&)> done);
    // Waits for the manager's status to satisfy `pred` (or `fail`), or the timeout.
    void waitForStatus(int timeoutMs, std::function<bool()> pred, std::function<void(bool ok)> done);
    QString gatewayOutput() const;
    void writeRecord() const;
    void decline(const QString& version) const;
    void pruneOperations() const;
    // The directory of the update that made `version` active, if its state copy is still there.
    QString stateCopyBefore(const QString& version) const;

    QPointer<GatewayManager> m_manager;
    QPointer<UpdateChecker> m_checker;
    Config m_config;
    std::unique_ptr<OpenClawCli> m_cli;
    std::unique_ptr<Operation> m_op;
    UpdateProgress m_progress;
    UpdateOutcome m_last;
    QTimer m_poll;
    quint64 m_generation = 0;
    bool m_automatic = false;
    QString m_autoTried; // the version an automatic update last went for
    QString m_markedGood; // the version last recorded as running well
};

} // namespace clawtray
