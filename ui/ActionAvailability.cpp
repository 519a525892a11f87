#include "ActionAvailability.h"

#include <QCoreApplication>

namespace clawtray {

ActionAvailability ActionAvailability::forStatus(const GatewayStatus& status)
{
    ActionAvailability a;
    const bool external = !status.owned && status.serviceUnit.isEmpty() && status.state != GatewayState::Stopped
                          && status.state != GatewayState::Error;
    if (external && (status.state == GatewayState::Running || status.state == GatewayState::Reconnecting))
        a.stopLabel = QCoreApplication::translate("ActionAvailability", "Disconnect");
    switch (status.state) {
    case GatewayState::Stopped:
        a.start = true;
        break;
    case GatewayState::Starting:
        a.stop = true;
        break;
    case GatewayState::Running:
        a.stop = true;
        a.restart = true;
        a.safeRestart = true;
        a.openControlUi = true;
        break;
    case GatewayState::Reconnecting:
        a.stop = true;
        a.restart = true;
        break;
    case GatewayState::Stopping:
        break;
    case GatewayState::Error:
        a.start = true;
        a.stop = status.nextRetryAtMs > 0;
        break;
    }
    const bool settled = status.state == GatewayState::Running || status.state == GatewayState::Stopped
                         || status.state == GatewayState::Error;
    if (!status.serviceUnit.isEmpty()) {
        a.switchManager = settled || status.state == GatewayState::Reconnecting;
        a.switchManagerLabel = QCoreApplication::translate("ActionAvailability", "Let ClawTray manage the gateway");
    } else if (!status.serviceHandBackUnit.isEmpty()) {
        a.switchManager = settled;
        a.switchManagerLabel = QCoreApplication::translate("ActionAvailability", "Hand back to %1").arg(status.serviceHandBackUnit);
    }
    return a;
}

ActionAvailability ActionAvailability::none()
{
    return ActionAvailability{};
}

} // namespace clawtray
