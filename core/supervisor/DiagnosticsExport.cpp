#include "supervisor/DiagnosticsExport.h"

#include "logging/LogRing.h"
#include "logging/Logging.h"
#include "logging/Redactor.h"

#include <QDateTime>
#include <QJsonArray>

namespace clawtray {

QJsonObject DiagnosticsExport::toJson(qint64 nowMs) const
{
    QJsonObject o;
    o.insert(QLatin1String("generatedAtMs"), nowMs);
    o.insert(QLatin1String("status"), status.toJson(nowMs));
    o.insert(QLatin1String("health"), health.toJson());
    o.insert(QLatin1String("diagnostics"), diagnostics.toJson());
    o.insert(QLatin1String("restartHistory"), restartHistory);
    QJsonObject cfg;
    cfg.insert(QLatin1String("port"), config.launch.port);
    cfg.insert(QLatin1String("nodePath"), config.launch.nodePath);
    cfg.insert(QLatin1String("openclawDir"), config.launch.openclawDir);
    cfg.insert(QLatin1String("stateDir"), config.launch.stateDir);
    cfg.insert(QLatin1String("configPath"), config.launch.configPath);
    cfg.insert(QLatin1String("extraArgs"), QJsonArray::fromStringList(Redactor::redactArguments(config.launch.extraArgs)));
    cfg.insert(QLatin1String("foreignPolicy"), toString(config.foreignPolicy));
    cfg.insert(QLatin1String("livenessDeadlineMs"), config.liveness.deadlineMs);
    cfg.insert(QLatin1String("pingIntervalMs"), config.liveness.pingIntervalMs);
    cfg.insert(QLatin1String("tokenConfigured"), !config.launch.token.isEmpty());
    o.insert(QLatin1String("config"), cfg);
    o.insert(QLatin1String("gatewayOutput"), QJsonArray::fromStringList(gatewayOutput));
    QJsonArray logs;
    for (const LogLine& l : logging::ring().lines(300))
        logs.append(QStringLiteral("%1 %2 [%3] %4")
                        .arg(QDateTime::fromMSecsSinceEpoch(l.timeMs).toString(Qt::ISODateWithMs), logLevelName(l.level), l.source, l.text));
    o.insert(QLatin1String("clawtrayLog"), logs);
    for (auto it = sections.cbegin(); it != sections.cend(); ++it)
        o.insert(it.key(), it.value()());
    // One last pass over every value: no secret leaves through an export.
    return Redactor::instance().redactJson(o);
}

} // namespace clawtray
