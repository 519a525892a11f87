#pragma once

#include "settings/SettingsData.h"
#include "supervisor/GatewayStatus.h"

#include <QString>

class QMessageBox;
class QWidget;

namespace clawtray {

class SettingsController;

// Quitting ClawTray stops the gateway it runs: channels go offline and running sessions end. While
// such a gateway runs (or is on its way up), Quit from the tray or the window asks first, with
// "Don't ask again". A gateway ClawTray only attached to keeps running, so there is nothing to ask;
// a quit from a signal, `ctl` or the session ending never asks.
class QuitConfirmation final
{
public:
    static bool needed(const GatewayStatus& status, const SettingsData& settings);
    static QString question();
    // Asks (modal) when needed(); true when ClawTray should quit. "Don't ask again" is saved
    // through `settings` (behaviour/confirmQuit) before returning.
    static bool confirm(QWidget* parent, const GatewayStatus& status, SettingsController* settings);
};

} // namespace clawtray
