#pragma once

#include "supervisor/GatewayStatus.h"

#include <QCoreApplication>
#include <QString>

namespace clawtray {

// Which user intents make sense for a gateway status. The tray menu and the main window's buttons
// both read this one table, so they can never disagree. Pure: no widgets, no manager.
//
//   state          start  stop  restart  safe restart  control UI
//   stopped          x
//   starting                x
//   running                 x       x          x             x
//   reconnecting            x       x   (restart now instead of waiting for the backoff)
//   stopping
//   error            x     (x)            (stop only while a retry is pending: it cancels it)
//
// "stop" on an external gateway only disconnects (ClawTray never stops what it did not start),
// so its label says so; OpenClaw's own service is stopped through systemd, so it says "Stop".
// "switch manager" is the reversible handover between OpenClaw's service and ClawTray: "Let
// ClawTray manage the gateway" while the service owns it, "Hand back to <unit>" after a takeover.
struct ActionAvailability
{
    bool start = false;
    bool stop = false;
    bool restart = false;
    bool safeRestart = false;
    bool openControlUi = false;
    bool switchManager = false;
    QString stopLabel = QCoreApplication::translate("ActionAvailability", "Stop");
    QString switchManagerLabel;

    static ActionAvailability forStatus(const GatewayStatus& status);
    // Everything disabled: used while the core is not ready (e.g. the token is still loading).
    static ActionAvailability none();

    friend bool operator==(const ActionAvailability& a, const ActionAvailability& b)
    {
        return a.start == b.start && a.stop == b.stop && a.restart == b.restart && a.safeRestart == b.safeRestart &&
               a.openControlUi == b.openControlUi && a.stopLabel == b.stopLabel &&
               a.switchManager == b.switchManager && a.switchManagerLabel == b.switchManagerLabel;
    }
};

} // namespace clawtray
