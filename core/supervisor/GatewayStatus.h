#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace clawtray {

enum class GatewayState { Stopped, Starting, Running, Reconnecting, Stopping, Error };

QString gatewayStateName(GatewayState s);

// A problem the user should see, with what to do about it.
struct GatewayProblem
{
    QString kind;     // stable machine name: "auth-rejected", "port-in-use", "invalid-config", ...
    QString summary;  // what happened, one sentence
    QString action;   // what to do, one sentence (may be empty)
    QString actionId; // a machine name for a button: "doctor-fix", "change-port", "import-token", "start"
    qint64 atMs = 0;  // epoch ms
    bool isEmpty() const { return summary.isEmpty(); }
    QJsonObject toJson() const;
};

// Everything the UI, the tray and `clawtray ctl status` show about the gateway. Emitted on every
// change; cheap to copy.
struct GatewayStatus
{
    GatewayState state = GatewayState::Stopped;
    bool owned = false;         // ClawTray started it (vs an external gateway it attached to)
    qint64 pid = 0;             // owned: our child; external: the listener, when known
    quint16 port = 0;
    qint64 startedAtMs = 0;     // epoch ms of the current run (process start or attach)
    qint64 connectedAtMs = 0;   // epoch ms of the current hello-ok
    QString gatewayVersion;
    QString bootId;
    int reconnectAttempt = 0;
    qint64 nextRetryAtMs = 0;   // epoch ms of the next scheduled (re)start/reconnect, 0 if none
    QString pendingAction;      // "restart in 40 s (cooldown)", "reconnecting in 4 s", ...
    QString phase;              // finer-grained progress: "waiting for readiness", "connecting", ...
    GatewayProblem lastError;
    bool healthy = false;       // set by the manager from the health evaluation

    qint64 uptimeMs(qint64 nowMs) const { return startedAtMs > 0 ? nowMs - startedAtMs : 0; }
    QString oneLine(qint64 nowMs) const; // "running · pid 123 · up 5 min" / the error
    QJsonObject toJson(qint64 nowMs) const;
};

QString formatDuration(qint64 ms); // "5 s", "3 min 20 s", "2 h 5 min"

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::GatewayStatus)
