#pragma once

#include "ActionAvailability.h"
#include "BrowserOpener.h"
#include "supervisor/GatewayManager.h"
#include "supervisor/HealthEvaluator.h"

#include <QObject>
#include <QPointer>

namespace clawtray {

// The one place the tray and the main window send user intents through. It forwards them to the
// GatewayManager's public API (no decisions of its own), re-emits the manager's signals so the
// widgets can be built before the manager exists (while the token loads from the keychain), and
// tracks the operations the UI started that have not answered yet (safe restart, doctor) for the
// busy indicator.
class GatewayActions final : public QObject
{
    Q_OBJECT
public:
    explicit GatewayActions(QObject* parent = nullptr);
    ~GatewayActions() override;

    // Null while the core is not ready. The widgets keep working: they show the stand-in status.
    void setManager(GatewayManager* manager);
    GatewayManager* manager() const { return m_manager; }
    // What to show while there is no manager: "starting · loading the token", or why it failed.
    void setStandInStatus(const GatewayStatus& status);

    GatewayStatus status() const;
    HealthSummary health() const;
    Diagnostics diagnostics() const;
    QVector<RestartRecord> restartHistory() const;
    // What the user may do for `status` (nothing at all while there is no manager).
    ActionAvailability availability(const GatewayStatus& status) const;
    ActionAvailability availability() const { return availability(status()); }

    bool busy() const { return m_pending > 0; }
    // "deferred: N active tasks" after a safe restart the gateway deferred, until it restarts.
    QString safeRestartNote() const { return m_safeRestartNote; }

    // The user opened the tray menu or the window: what is cheap to ask again and may have moved
    // since the last look (channel readiness, at most every 10 s) is asked now.
    void lookedAt();

    void start();
    void stop();
    void restart();
    void safeRestart(bool force = false);
    // Makes the gateway re-read its configuration, through the manager's debounced reload path
    // and its reload policy; the status's `reload` shows it pending, then its outcome.
    void reloadConfiguration();
    void runDoctor();
    // Opens the gateway's Control UI in the browser through a one-time pairing link from
    // `openclaw dashboard --json` (a launcher file, so the link is on no command line; never the
    // shared token). Takes a CLI start (~12 s): shown as a busy operation; a failure says why.
    void openControlUi();
    Done exportDiagnostics(const QString& path);
    // Between OpenClaw's own service and ClawTray, whichever way availability() offers: take
    // over (stop and disable the unit, run ClawTray's own gateway) or hand back (enable --now).
    void switchManager();

    // A problem's suggested action (GatewayProblem::actionId).
    void perform(ProblemAction action);
    static QString actionLabel(ProblemAction action); // button text; empty: no button

Q_SIGNALS:
    void managerChanged();
    void statusChanged(const clawtray::GatewayStatus& status);
    void healthChanged(const clawtray::HealthSummary& health);
    void notice(const QString& kind, const QString& text);
    void busyChanged(bool busy);
    void safeRestartNoteChanged(const QString& note);
    // The outcome of an operation the user started, for a message in the window or the tray.
    void operationFinished(const QString& title, const QString& text, bool ok);
    // Actions the widgets cannot do themselves: open the settings ("runtime", "token").
    void settingsRequested(const QString& page);
    // Actions for the application itself (e.g. "retry-token" while there is no manager).
    void appActionRequested(clawtray::ProblemAction action);

private:
    void onManagerStatus(const GatewayStatus& status);
    void beginOperation();
    void endOperation();
    void setSafeRestartNote(const QString& note, const QString& bootId);

    QPointer<GatewayManager> m_manager;
    GatewayStatus m_standIn;
    BrowserOpener m_browser; // the Control UI page, watched until a browser has it
    int m_pending = 0;
    QString m_safeRestartNote;
    QString m_noteBootId;
};

} // namespace clawtray
