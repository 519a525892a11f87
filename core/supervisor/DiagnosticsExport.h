#pragma once

#include "supervisor/Diagnostics.h"
#include "supervisor/GatewayStatus.h"
#include "supervisor/HealthEvaluator.h"
#include "supervisor/ManagerConfig.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QStringList>

#include <functional>

namespace clawtray {

// What "Export diagnostics" writes, put together from the supervisor's current values: the status,
// health, diagnostics, restart history, the configuration that matters (no token: only whether one
// is set; extra arguments redacted), the gateway's last output lines, ClawTray's last 300 log lines
// and the sections others add (the updater's record). The whole object passes the Redactor last, so
// no secret leaves through an export whatever a section holds.
struct DiagnosticsExport
{
    GatewayStatus status;
    HealthSummary health;
    Diagnostics diagnostics;
    QJsonValue restartHistory;
    ManagerConfig config;
    QStringList gatewayOutput;
    QMap<QString, std::function<QJsonValue()>> sections;

    QJsonObject toJson(qint64 nowMs) const;
};

} // namespace clawtray
