#pragma once

#include <QString>

#include <memory>

namespace clawtray {

// Launch at login. One interface, one class per platform (XdgAutostart, MacLaunchAgent,
// WindowsRunKey), chosen once by forCurrentPlatform(); callers never test the OS themselves.
// The entry starts ClawTray with --minimized: at login it belongs in the tray, not in a window.
class Autostart
{
public:
    virtual ~Autostart() = default;

    virtual bool isEnabled() const = 0;
    // Returns an error message, empty on success. Idempotent.
    virtual QString setEnabled(bool enabled) = 0;
    // What the entry is and where it lives, for the settings dialog and diagnostics.
    virtual QString description() const = 0;

    // appPath: the absolute path of the ClawTray executable (QCoreApplication::applicationFilePath()).
    // On Linux, inside an AppImage, $APPIMAGE wins: the executable path is a mount that vanishes.
    static std::unique_ptr<Autostart> forCurrentPlatform(const QString& appPath);
};

} // namespace clawtray
