#include "supervisor/GatewayStatus.h"

#include "policy/UserText.h"

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
    return durationText(ms, DurationStyle::Span);
}

QJsonObject GatewayProblem::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("kind"), kind);
    o.insert(QLatin1String("summary"), summary.english());
    o.insert(QLatin1String("action"), action.english());
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
            s += QStringLiteral(": ") + lastError.summary.english();
        if (!pendingAction.isEmpty())
            s += QStringLiteral(" · ") + pendingAction.english();
        break;
    case GatewayState::Reconnecting:
    case GatewayState::Starting:
        if (!pendingAction.isEmpty())
            s += QStringLiteral(" · ") + pendingAction.english();
        else if (!phase.isEmpty())
            s += QStringLiteral(" · ") + phase.english();
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
    o.insert(QLatin1String("pendingAction"), pendingAction.english());
    o.insert(QLatin1String("phase"), phase.english());
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
