#include "settings/Autostart.h"

#include "settings/MacLaunchAgent.h"
#include "settings/WindowsRunKey.h"
#include "settings/XdgAutostart.h"

#include <QDir>

namespace clawtray {

std::unique_ptr<Autostart> Autostart::forCurrentPlatform(const QString& appPath)
{
#if defined(Q_OS_MACOS)
    return std::make_unique<MacLaunchAgent>(appPath);
#elif defined(Q_OS_WIN)
    return std::make_unique<WindowsRunKey>(appPath);
#else
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    return std::make_unique<XdgAutostart>(appImage.isEmpty() ? appPath : appImage);
#endif
}

} // namespace clawtray
