#pragma once

#include "supervisor/Diagnostics.h"
#include "supervisor/GatewayStatus.h"

#include <QJsonObject>
#include <QStringList>

namespace clawtray {

// healthy / degraded / unresponsive with machine-readable reasons. Pure.
struct HealthSummary
{
    enum class Level { Healthy, Degraded, Unresponsive };
    Level level = Level::Healthy;
    QStringList reasons;      // "gateway_not_running", "heartbeat_misses", "verifying", ...
    QString text;             // one sentence for the UI
    static QString levelName(Level l);
    QJsonObject toJson() const;
};

class HealthEvaluator
{
public:
    static HealthSummary evaluate(const GatewayStatus& status, const Diagnostics& diag);
};

} // namespace clawtray
