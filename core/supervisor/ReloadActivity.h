#pragma once

#include "policy/ReloadPolicy.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace clawtray {

// What the user can see of configuration reloads: the one waiting out its debounce (what changed,
// when it runs, what it will do), and what the last one did. Part of GatewayStatus; plain data.
struct ReloadActivity
{
    enum class Outcome {
        None,
        AppliedLive,        // taken into use without touching the gateway (or the gateway applied it)
        Restarting,         // a restart for it is under way
        RestartedInProcess, // the gateway restarted in process (same pid) and is back
        Restarted,          // the gateway process was restarted and is back
        NextStart,          // saved; takes effect when the gateway starts next
        Failed,             // the restart for it failed or was cancelled
    };

    // Waiting out the debounce.
    bool pending = false;
    QStringList pendingKeys;  // reload keys ("port", "nodePath", …); empty: a reload the user asked for
    qint64 dueAtMs = 0;       // epoch ms at which it runs
    UserText plan;            // "in-process restart", "process restart", "applies at next start"

    // The last outcome.
    Outcome outcome = Outcome::None;
    QString source;           // "settings", "reload" (asked for in the tray, window or ctl), "openclaw.json"
    QStringList keys;         // what it was for (reload keys or settings keys)
    UserText text;            // "restarted in process in 3.1 s", "applied live", …
    qint64 atMs = 0;          // epoch ms of the outcome (of its start while Restarting)

    // "Applying the port change in 1.2 s — process restart"; empty when nothing is pending.
    UserText pendingText(qint64 nowMs) const;
    // "Settings (port): restarted the gateway process in 3.2 s"; empty when there is none.
    UserText outcomeText() const;
    // The pending reload, else the last outcome: the one line the tray and the window show.
    UserText line(qint64 nowMs) const;
    // Nothing is pending and the last outcome is final (not Restarting).
    bool settled() const { return !pending && outcome != Outcome::Restarting; }
    QJsonObject toJson(qint64 nowMs) const;

    static QString outcomeName(Outcome o);
    // "port", "Node path", "OpenClaw folder", … for a reload key; the key itself otherwise.
    static UserText keyLabel(const QString& key);
    static UserText planText(const ReloadPolicy::Decision& d);
};

// The transitions of ReloadActivity, driven by the GatewayManager. Pure: time is passed in, no
// timers or I/O; the manager still owns the debounce timer and executes the decisions.
class ReloadTracker
{
public:
    const ReloadActivity& activity() const { return m_a; }

    // A reload is (re)armed: `keys` are all keys pending so far.
    void debounced(const QStringList& keys, qint64 dueAtMs, const ReloadPolicy::Decision& planned);
    // The debounce ran out and `d` is what is done now; `pid` is the gateway's (0 when none).
    void executing(const QStringList& keys, const ReloadPolicy::Decision& d, qint64 pid, qint64 nowMs);
    // The in-process restart request was refused and there is no fallback.
    void requestFailed(const QString& why, qint64 nowMs);
    // The gateway deferred the in-process restart (active work): still under way, with why.
    void deferred(const QString& summary);
    // A restart ended (the gateway is back, or the run ended): closes a Restarting outcome.
    void restartFinished(bool ok, const QString& result, qint64 nowMs);
    // ClawTray-only settings (liveness, backoff, …): in use at once, nothing restarts.
    void appliedLive(const QStringList& settingsKeys, qint64 nowMs);
    // The gateway's own `config.changed` event (openclaw.json was written and committed).
    void gatewayConfigChanged(const QString& path, qint64 nowMs);
    // The gateway announced an in-process restart: if it follows its own config change, it is
    // that change being applied.
    void gatewayRestartAnnounced(qint64 nowMs);
    // The run is abandoned (a stop or a restart) while a reload waits: its change applies when the
    // gateway starts again.
    void pendingDropped(qint64 nowMs);
    // The gateway was stopped: outcomes were about the run that is gone (a "next start" one stays).
    void runEnded();
    // A gateway is running again: a "next start" outcome is done once a new process of ours runs.
    void running(bool owned, qint64 pid);

    // How long after the gateway's config.changed a restart announcement is taken to be its effect.
    static constexpr qint64 kConfigRestartWindowMs = 30000;

private:
    void setOutcome(ReloadActivity::Outcome o, const QString& source, const QStringList& keys, const UserText& text,
                    qint64 nowMs);

    ReloadActivity m_a;
    qint64 m_restartStartedAtMs = 0;
    bool m_inProcess = false;
    qint64 m_nextStartPid = 0; // the gateway's pid when the "next start" outcome was set
};

} // namespace clawtray
