#pragma once

#include "policy/Result.h"

#include <QString>
#include <QStringList>

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
    // Done, or why the entry could not be written or removed. Idempotent.
    virtual Done setEnabled(bool enabled) = 0;
    // What the entry is and where it lives, for the settings dialog and diagnostics.
    virtual QString description() const = 0;
    // Arguments the entry passes after --minimized (the command-line overrides ClawTray runs with
    // now: --port, --state-dir, …), so ClawTray at login runs with the same configuration. Takes
    // effect at the next setEnabled(true); whether the entry carries them is argumentsInEntry().
    void setArguments(const QStringList& arguments) { m_arguments = arguments; }
    QStringList arguments() const { return m_arguments; }
    // Whether the entry starts ClawTray with arguments(). A platform that writes no arguments
    // carries them only when there are none.
    virtual bool argumentsInEntry() const { return m_arguments.isEmpty(); }

    // appPath: the absolute path of the ClawTray executable (QCoreApplication::applicationFilePath()).
    // On Linux, inside an AppImage, $APPIMAGE wins: the executable path is a mount that vanishes.
    static std::unique_ptr<Autostart> forCurrentPlatform(const QString& appPath);

protected:
    QStringList m_arguments;
};

} // namespace clawtray
