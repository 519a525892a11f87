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

QString problemKindName(ProblemKind kind)
{
    switch (kind) {
    case ProblemKind::None: return QString();
    case ProblemKind::AuthRejected: return QStringLiteral("auth-rejected");
    case ProblemKind::AuthUnavailable: return QStringLiteral("auth-unavailable");
    case ProblemKind::TokenUnavailable: return QStringLiteral("token-unavailable");
    case ProblemKind::PortHeld: return QStringLiteral("port-held");
    case ProblemKind::PortInUse: return QStringLiteral("port-in-use");
    case ProblemKind::ForeignGateway: return QStringLiteral("foreign-gateway");
    case ProblemKind::OtherInstance: return QStringLiteral("other-instance");
    case ProblemKind::ProtocolMismatch: return QStringLiteral("protocol-mismatch");
    case ProblemKind::ConnectFailed: return QStringLiteral("connect-failed");
    case ProblemKind::NotReady: return QStringLiteral("not-ready");
    case ProblemKind::Exited: return QStringLiteral("exited");
    case ProblemKind::Busy: return QStringLiteral("busy");
    case ProblemKind::RuntimeMissing: return QStringLiteral("runtime-missing");
    case ProblemKind::Transient: return QStringLiteral("transient");
    case ProblemKind::InvalidConfig: return QStringLiteral("invalid-config");
    case ProblemKind::OtherInstanceOwnsStateDir: return QStringLiteral("other-instance-owns-state-dir");
    case ProblemKind::NodeTooOld: return QStringLiteral("node-too-old");
    case ProblemKind::MigrationLock: return QStringLiteral("migration-lock");
    case ProblemKind::Fatal: return QStringLiteral("fatal");
    case ProblemKind::ReconnectExhausted: return QStringLiteral("reconnect-exhausted");
    case ProblemKind::CircuitOpen: return QStringLiteral("circuit-open");
    case ProblemKind::ServiceFailed: return QStringLiteral("service-failed");
    }
    return QString();
}

ProblemKind problemKindFor(StartupRecovery::Kind kind)
{
    switch (kind) {
    case StartupRecovery::Kind::Transient: return ProblemKind::Transient;
    case StartupRecovery::Kind::PortInUse: return ProblemKind::PortInUse;
    case StartupRecovery::Kind::InvalidConfig: return ProblemKind::InvalidConfig;
    case StartupRecovery::Kind::OtherInstanceOwnsStateDir: return ProblemKind::OtherInstanceOwnsStateDir;
    case StartupRecovery::Kind::NodeTooOld: return ProblemKind::NodeTooOld;
    case StartupRecovery::Kind::MigrationLock: return ProblemKind::MigrationLock;
    case StartupRecovery::Kind::Fatal: return ProblemKind::Fatal;
    }
    return ProblemKind::Fatal;
}

QString problemActionName(ProblemAction action)
{
    switch (action) {
    case ProblemAction::None: return QString();
    case ProblemAction::DoctorFix: return QStringLiteral("doctor-fix");
    case ProblemAction::Start: return QStringLiteral("start");
    case ProblemAction::ChangePort: return QStringLiteral("change-port");
    case ProblemAction::Settings: return QStringLiteral("settings");
    case ProblemAction::ImportToken: return QStringLiteral("import-token");
    case ProblemAction::TokenStorage: return QStringLiteral("token-storage");
    case ProblemAction::Takeover: return QStringLiteral("takeover");
    case ProblemAction::RetryToken: return QStringLiteral("retry-token");
    }
    return QString();
}

QJsonObject GatewayProblem::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("kind"), problemKindName(kind));
    o.insert(QLatin1String("summary"), summary.english());
    o.insert(QLatin1String("action"), action.english());
    o.insert(QLatin1String("actionId"), problemActionName(actionId));
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
