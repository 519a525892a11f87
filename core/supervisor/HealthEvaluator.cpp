#include "supervisor/HealthEvaluator.h"

#include <QJsonArray>

namespace clawtray {

QString HealthSummary::levelName(Level l)
{
    switch (l) {
    case Level::Healthy: return QStringLiteral("healthy");
    case Level::Degraded: return QStringLiteral("degraded");
    case Level::Unresponsive: return QStringLiteral("unresponsive");
    }
    return QStringLiteral("unknown");
}

QJsonObject HealthSummary::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("level"), levelName(level));
    o.insert(QLatin1String("reasons"), QJsonArray::fromStringList(reasons));
    o.insert(QLatin1String("text"), text);
    return o;
}

HealthSummary HealthEvaluator::evaluate(const GatewayStatus& status, const Diagnostics& d)
{
    HealthSummary h;
    QStringList texts;
    auto degrade = [&](const char* reason, const QString& text) {
        h.reasons << QString::fromLatin1(reason);
        texts << text;
        if (h.level == HealthSummary::Level::Healthy)
            h.level = HealthSummary::Level::Degraded;
    };
    if (status.state == GatewayState::Error) {
        degrade("gateway_error", status.lastError.isEmpty() ? QStringLiteral("the gateway is in error") : status.lastError.summary);
    } else if (status.state != GatewayState::Running) {
        degrade("gateway_not_running", QStringLiteral("the gateway is %1").arg(gatewayStateName(status.state)));
    }
    if (d.circuitOpen)
        degrade("restart_circuit_open", d.circuitText.isEmpty() ? QStringLiteral("automatic restarts are paused") : d.circuitText);
    if (status.state == GatewayState::Running) {
        if (d.consecutiveMisses > 0)
            degrade("heartbeat_misses", QStringLiteral("%1 heartbeat(s) without an answer").arg(d.consecutiveMisses));
        if (d.verifying)
            degrade("gateway_verifying", QStringLiteral("checking whether the gateway still answers"));
        if (d.consecutiveRpcFailures > 0)
            degrade("rpc_transport_failures",
                    QStringLiteral("%1 call(s) failed in transport (last: %2)").arg(d.consecutiveRpcFailures).arg(d.lastRpcFailureMessage));
        if (status.readiness == QLatin1String("not-ready"))
            degrade("channels_not_ready", QStringLiteral("gateway up, channels not ready: %1")
                                              .arg(status.notReady.isEmpty() ? QStringLiteral("no detail")
                                                                             : status.notReady.join(QStringLiteral(", "))));
        if (d.externalUnavailable)
            degrade("external_gateway_unavailable", QStringLiteral("the external gateway does not answer"));
        if (d.unresponsive) {
            h.reasons << QStringLiteral("gateway_unresponsive");
            texts << QStringLiteral("the gateway does not answer");
            h.level = HealthSummary::Level::Unresponsive;
        }
    }
    h.text = h.level == HealthSummary::Level::Healthy ? QStringLiteral("healthy") : texts.join(QLatin1String("; "));
    return h;
}

} // namespace clawtray
