#pragma once

#include "supervisor/Diagnostics.h"
#include "supervisor/GatewayStatus.h"

#include <QJsonObject>
#include <QStringList>

namespace clawtray {

// How the gateway is doing, with machine-readable reasons. Pure.
//   healthy, degraded, unresponsive: a gateway that runs, and how well;
//   not-running: stopped, starting, stopping or restarting as asked (a normal state, not a fault);
//   down: the error state (the problem itself is in GatewayStatus::lastError).
struct HealthSummary
{
    enum class Level { Healthy, Degraded, Unresponsive, NotRunning, Down };
    Level level = Level::Healthy;
    QStringList reasons;      // "gateway_not_running", "heartbeat_misses", "verifying", ...
    QString title;            // the word to show: "Healthy", "Degraded", "Stopped", "Starting…", "Down", ...
    UserText text;            // one sentence for the UI; empty when the title says it all
    static QString levelName(Level l);
    bool isFault() const { return level == Level::Degraded || level == Level::Unresponsive || level == Level::Down; }
    QJsonObject toJson() const;
    bool operator==(const HealthSummary& o) const
    {
        return level == o.level && reasons == o.reasons && title == o.title && text == o.text;
    }
    bool operator!=(const HealthSummary& o) const { return !(*this == o); }
};

class HealthEvaluator
{
public:
    static HealthSummary evaluate(const GatewayStatus& status, const Diagnostics& diag);
};

} // namespace clawtray
