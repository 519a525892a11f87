#include "supervisor/HealthEvaluator.h"

#include <QJsonArray>

namespace clawtray {

QString HealthSummary::levelName(Level l)
{
    switch (l) {
    case Level::Healthy: return QStringLiteral("healthy");
    case Level::Degraded: return QStringLiteral("degraded");
    case Level::Unresponsive: return QStringLiteral("unresponsive");
    case Level::NotRunning: return QStringLiteral("not-running");
    case Level::Down: return QStringLiteral("down");
    }
    return QStringLiteral("unknown");
}

QJsonObject HealthSummary::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("level"), levelName(level));
    o.insert(QLatin1String("title"), title);
    o.insert(QLatin1String("reasons"), QJsonArray::fromStringList(reasons));
    o.insert(QLatin1String("text"), text.isEmpty() ? title.toLower() : text.english());
    return o;
}

HealthSummary HealthEvaluator::evaluate(const GatewayStatus& status, const Diagnostics& d)
{
    HealthSummary h;
    UserText texts; // "a; b; c"
    auto say = [&](const UserText& text) {
        texts = texts.isEmpty() ? text : UserText(QT_TRANSLATE_NOOP("UserText", "%1; %2")).arg(texts).arg(text);
    };
    auto degrade = [&](const char* reason, const UserText& text) {
        h.reasons << QString::fromLatin1(reason);
        say(text);
        if (h.level == HealthSummary::Level::Healthy)
            h.level = HealthSummary::Level::Degraded;
    };
    auto notRunning = [&](const QString& title) {
        h.level = HealthSummary::Level::NotRunning;
        h.reasons << QStringLiteral("gateway_not_running");
        h.title = title;
    };
    switch (status.state) {
    case GatewayState::Error:
        h.level = HealthSummary::Level::Down;
        h.reasons << QStringLiteral("gateway_error");
        say(status.lastError.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "the gateway is in error")) : status.lastError.summary);
        break;
    case GatewayState::Stopped: notRunning(QStringLiteral("Stopped")); break;
    case GatewayState::Starting: notRunning(QStringLiteral("Starting…")); break;
    case GatewayState::Stopping: notRunning(QStringLiteral("Stopping…")); break;
    case GatewayState::Reconnecting:
        if (d.restartAnnounced)
            notRunning(QStringLiteral("Restarting…")); // the gateway restarts itself, as announced
        else
            degrade("gateway_not_running", UserText(QT_TRANSLATE_NOOP("UserText", "reconnecting to the gateway")));
        break;
    case GatewayState::Running:
        break;
    }
    if (d.circuitOpen)
        degrade("restart_circuit_open", UserText(QT_TRANSLATE_NOOP("UserText", "automatic restarts are paused")));
    if (status.state == GatewayState::Running) {
        if (d.consecutiveMisses > 0)
            degrade("heartbeat_misses", UserText(QT_TRANSLATE_NOOP("UserText", "%1 heartbeat(s) without an answer")).arg(d.consecutiveMisses));
        if (d.verifying)
            degrade("gateway_verifying", UserText(QT_TRANSLATE_NOOP("UserText", "checking whether the gateway still answers")));
        if (d.consecutiveRpcFailures > 0)
            degrade("rpc_transport_failures",
                    UserText(QT_TRANSLATE_NOOP("UserText", "%1 call(s) failed in transport (last: %2)"))
                        .arg(d.consecutiveRpcFailures)
                        .arg(d.lastRpcFailureMessage));
        if (status.readiness == QLatin1String("not-ready"))
            degrade("channels_not_ready",
                    status.notReady.isEmpty()
                        ? UserText(QT_TRANSLATE_NOOP("UserText", "gateway up, channels not ready: no detail"))
                        : UserText(QT_TRANSLATE_NOOP("UserText", "gateway up, channels not ready: %1")).arg(status.notReady.join(QStringLiteral(", "))));
        if (d.externalUnavailable)
            degrade("external_gateway_unavailable", UserText(QT_TRANSLATE_NOOP("UserText", "the external gateway does not answer")));
        if (d.unresponsive) {
            h.reasons << QStringLiteral("gateway_unresponsive");
            say(UserText(QT_TRANSLATE_NOOP("UserText", "the gateway does not answer")));
            h.level = HealthSummary::Level::Unresponsive;
        }
    }
    switch (h.level) {
    case HealthSummary::Level::Healthy: h.title = QStringLiteral("Healthy"); break;
    case HealthSummary::Level::Degraded: h.title = QStringLiteral("Degraded"); break;
    case HealthSummary::Level::Unresponsive: h.title = QStringLiteral("Unresponsive"); break;
    case HealthSummary::Level::Down: h.title = QStringLiteral("Down"); break;
    case HealthSummary::Level::NotRunning: break; // set with the state
    }
    h.text = texts;
    return h;
}

} // namespace clawtray
