#include "StatusVisual.h"

#include <QFile>

static void initClawTrayResources()
{
    // Outside the namespace: Q_INIT_RESOURCE declares a global function.
    Q_INIT_RESOURCE(resources);
}

namespace clawtray {

void StatusVisual::ensureResources()
{
    static const bool done = [] {
        initClawTrayResources();
        return true;
    }();
    Q_UNUSED(done);
}

QString StatusVisual::iconName(const GatewayStatus& status)
{
    switch (status.state) {
    case GatewayState::Running:
        return status.healthy ? QStringLiteral("running") : QStringLiteral("degraded");
    case GatewayState::Starting:
    case GatewayState::Reconnecting:
    case GatewayState::Stopping:
        return QStringLiteral("starting");
    case GatewayState::Stopped:
        return QStringLiteral("stopped");
    case GatewayState::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("stopped");
}

QIcon StatusVisual::iconByName(const QString& name)
{
    ensureResources();
    return QIcon(QStringLiteral(":/icons/status/clawtray-%1.svg").arg(name));
}

QIcon StatusVisual::icon(const GatewayStatus& status)
{
    return iconByName(iconName(status));
}

QIcon StatusVisual::appIcon()
{
    ensureResources();
    return QIcon(QStringLiteral(":/icons/clawtray.svg"));
}

QString StatusVisual::stateLabel(const GatewayStatus& status)
{
    switch (status.state) {
    case GatewayState::Running:
        return status.healthy ? QStringLiteral("Running") : QStringLiteral("Running (degraded)");
    case GatewayState::Starting:
        return QStringLiteral("Starting");
    case GatewayState::Reconnecting:
        return QStringLiteral("Reconnecting");
    case GatewayState::Stopping:
        return QStringLiteral("Stopping");
    case GatewayState::Stopped:
        return QStringLiteral("Stopped");
    case GatewayState::Error:
        return QStringLiteral("Error");
    }
    return QString();
}

QColor StatusVisual::stateColour(const GatewayStatus& status)
{
    const QString name = iconName(status);
    if (name == QLatin1String("running"))
        return QColor(0x1e, 0x8e, 0x4e);
    if (name == QLatin1String("degraded"))
        return QColor(0xc9, 0x8a, 0x00);
    if (name == QLatin1String("starting"))
        return QColor(0x2f, 0x6f, 0xde);
    if (name == QLatin1String("error"))
        return QColor(0xb0, 0x10, 0x1a);
    return QColor(0x6b, 0x71, 0x7a);
}

QString StatusVisual::tooltip(const GatewayStatus& status, qint64 nowMs)
{
    QStringList parts;
    parts << QStringLiteral("Gateway: %1").arg(stateLabel(status).toLower());
    if (status.state == GatewayState::Running) {
        if (!status.owned)
            parts.last() += QStringLiteral(" (external)");
        parts << QStringLiteral("up %1").arg(formatDuration(status.uptimeMs(nowMs)));
    }
    if (status.port > 0)
        parts << QStringLiteral("port %1").arg(status.port);
    QString text = QStringLiteral("ClawTray\n") + parts.join(QStringLiteral(" · "));
    if (status.state == GatewayState::Error && !status.lastError.isEmpty())
        text += QLatin1Char('\n') + status.lastError.summary;
    else if (!status.pendingAction.isEmpty())
        text += QLatin1Char('\n') + status.pendingAction;
    return text;
}

} // namespace clawtray
