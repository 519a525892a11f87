#include "supervisor/GatewayStatus.h"

#include <QJsonArray>

namespace clawtray {

QString gatewayStateName(GatewayState s)
{
    switch (s) {
    case GatewayState::Stopped: return QStringLiteral("stopped");
    case GatewayState::Starting: return QStringLiteral("starting");
    case GatewayState::Running: return QStringLiteral("running");
    case GatewayState::Reconnecting: return QStringLiteral("reconnecting");
    case GatewayState::Stopping: return QStringLiteral("stopping");
    case GatewayState::Error: return QStringLiteral("error");
    }
    return QStringLiteral("unknown");
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    const qint64 s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return s % 60 ? QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60) : QStringLiteral("%1 min").arg(s / 60);
    if (s < 86400)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QJsonObject GatewayProblem::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("kind"), kind);
    o.insert(QLatin1String("summary"), summary);
    o.insert(QLatin1String("action"), action);
    o.insert(QLatin1String("actionId"), actionId);
    o.insert(QLatin1String("atMs"), atMs);
    return o;
}

QString GatewayStatus::managedBy() const
{
    if (!serviceUnit.isEmpty())
        return QStringLiteral("openclaw-service");
    if (!owned && (state == GatewayState::Running || state == GatewayState::Reconnecting))
        return QStringLiteral("external");
    return QStringLiteral("clawtray");
}

QString GatewayStatus::oneLine(qint64 nowMs) const
{
    QString s = gatewayStateName(state);
    switch (state) {
    case GatewayState::Running:
        if (!serviceUnit.isEmpty())
            s += QStringLiteral(" (OpenClaw's service)"); // the unit is in the details: the tray line stays short
        else if (!owned)
            s += QStringLiteral(" (external)");
        if (pid > 0)
            s += QStringLiteral(" · pid %1").arg(pid);
        s += QStringLiteral(" · up %1").arg(formatDuration(uptimeMs(nowMs)));
        if (readiness == QLatin1String("not-ready"))
            s += QStringLiteral(" · channels not ready: %1")
                     .arg(notReady.isEmpty() ? QStringLiteral("unknown") : notReady.join(QStringLiteral(", ")));
        break;
    case GatewayState::Error:
        if (!lastError.isEmpty())
            s += QStringLiteral(": ") + lastError.summary;
        if (!pendingAction.isEmpty())
            s += QStringLiteral(" · ") + pendingAction;
        break;
    case GatewayState::Reconnecting:
    case GatewayState::Starting:
        if (!pendingAction.isEmpty())
            s += QStringLiteral(" · ") + pendingAction;
        else if (!phase.isEmpty())
            s += QStringLiteral(" · ") + phase;
        break;
    default:
        break;
    }
    return s;
}

QJsonObject GatewayStatus::toJson(qint64 nowMs) const
{
    QJsonObject o;
    o.insert(QLatin1String("state"), gatewayStateName(state));
    o.insert(QLatin1String("owned"), owned);
    o.insert(QLatin1String("external"), !owned && (state == GatewayState::Running || state == GatewayState::Reconnecting));
    o.insert(QLatin1String("pid"), pid);
    o.insert(QLatin1String("port"), port);
    o.insert(QLatin1String("uptimeMs"), uptimeMs(nowMs));
    o.insert(QLatin1String("startedAtMs"), startedAtMs);
    o.insert(QLatin1String("connectedAtMs"), connectedAtMs);
    o.insert(QLatin1String("gatewayVersion"), gatewayVersion);
    o.insert(QLatin1String("bootId"), bootId);
    o.insert(QLatin1String("reconnectAttempt"), reconnectAttempt);
    o.insert(QLatin1String("nextRetryAtMs"), nextRetryAtMs);
    o.insert(QLatin1String("pendingAction"), pendingAction);
    o.insert(QLatin1String("phase"), phase);
    o.insert(QLatin1String("healthy"), healthy);
    o.insert(QLatin1String("summary"), oneLine(nowMs));
    o.insert(QLatin1String("tokenSource"), tokenSource);
    o.insert(QLatin1String("tokenStorage"), tokenStorage);
    if (!peer.isEmpty())
        o.insert(QLatin1String("peer"), peer);
    o.insert(QLatin1String("managedBy"), managedBy());
    if (!readiness.isEmpty()) {
        o.insert(QLatin1String("readiness"), readiness);
        o.insert(QLatin1String("notReady"), QJsonArray::fromStringList(notReady));
    }
    o.insert(QLatin1String("reload"), reload.toJson(nowMs));
    if (!serviceUnit.isEmpty())
        o.insert(QLatin1String("serviceUnit"), serviceUnit);
    if (!serviceHandBackUnit.isEmpty())
        o.insert(QLatin1String("serviceHandBackUnit"), serviceHandBackUnit);
    if (!lastError.isEmpty())
        o.insert(QLatin1String("lastError"), lastError.toJson());
    return o;
}

} // namespace clawtray
