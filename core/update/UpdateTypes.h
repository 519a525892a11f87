#pragma once

#include "policy/UserText.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace clawtray {

// What is known about a newer OpenClaw: from the npm registry (UpdateChecker) or from the gateway
// itself (hello-ok snapshot.updateAvailable, the `update.available` event).
struct UpdateAvailability
{
    QString current;       // the active install's version ("" when there is none)
    QString latest;        // the newest version of the channel ("" when unknown)
    QString channel;       // "stable" | "beta"
    QString source;        // "registry" | "gateway"
    qint64 checkedAtMs = 0;
    UserText note;         // a failed check: said quietly, never an error state
    bool available() const;
    // "OpenClaw 2026.9.6 → 2026.9.7 available (stable)"; empty when nothing is available.
    UserText text() const;
    QJsonObject toJson() const;
};

// One operation of the updater: an update to a version or a roll-back to the previous one.
enum class UpdateStep {
    Idle,
    Resolving,    // which version the channel names
    Installing,   // npm installs the candidate beside the current version
    BackingUp,    // `openclaw backup create --verify`, a WAL-consistent copy of the state database
    Preflight,    // the candidate's `openclaw database preflight <copy> --json`
    WaitingSafe,  // the gateway's restart preflight: no active runs (or the user said "now")
    Stopping,     // the gateway stops gracefully
    Switching,    // the state is copied aside, `current` points at the candidate
    Starting,     // the candidate starts (its doctor --fix first when a start failed); verified: listener, /startupz, hello-ok with its version
    RollingBack,  // something failed after the switch: the previous version and state come back
};
const char* updateStepName(UpdateStep step);
// 1-based position among the steps a person sees (Installing … Starting), for a progress bar.
int updateStepNumber(UpdateStep step);
constexpr int kUpdateStepCount = 6;

// Where an operation is (published on every change; the tray, window and `ctl update` show it).
struct UpdateProgress
{
    bool running = false;
    bool rollback = false;   // a "Roll back" the user asked for (not a failed update's rescue)
    bool automatic = false;  // started by "update automatically while idle", not by the user
    QString from;
    QString to;
    UpdateStep step = UpdateStep::Idle;
    UserText text;           // "Installing OpenClaw 2026.9.7 beside 2026.9.6"
    qint64 startedAtMs = 0;
    QJsonObject toJson() const;
};

// How an operation ended.
struct UpdateOutcome
{
    enum class Result {
        None,        // nothing ran yet
        Updated,     // running the new version
        RolledBack,  // the new version failed after the switch; the previous one runs again
        Refused,     // stopped before anything changed (preflight, busy gateway, install failed, ...)
        Failed,      // even the way back failed: the user must act (what to do is in `action`)
    };
    Result result = Result::None;
    bool rollback = false;
    bool automatic = false;
    QString from;
    QString to;
    QString running;         // the version running at the end ("" when none runs)
    UserText reason;         // why it was refused/rolled back; empty when updated
    UserText action;         // what the user can do about it
    QString detail;          // the failing command's output, cleaned and redacted (diagnostics only)
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    bool ok() const { return result == Result::Updated; }
    QJsonObject toJson() const;
};
const char* updateResultName(UpdateOutcome::Result result);

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::UpdateAvailability)
Q_DECLARE_METATYPE(clawtray::UpdateProgress)
Q_DECLARE_METATYPE(clawtray::UpdateOutcome)
