#pragma once

#include "settings/Autostart.h"

namespace clawtray {

// Windows: a value under HKCU\Software\Microsoft\Windows\CurrentVersion\Run (per user, no admin
// rights), written through QSettings' NativeFormat. Compiles everywhere; on other systems it
// reports itself unavailable instead of writing a file that looks like a registry path.
class WindowsRunKey final : public Autostart
{
public:
    static constexpr const char* kRunKey = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";

    explicit WindowsRunKey(QString appPath, QString valueName = QStringLiteral("ClawTray"));

    bool isEnabled() const override;
    Done setEnabled(bool enabled) override;
    QString description() const override;

    // The value written: "C:\Program Files\ClawTray\clawtray.exe" --minimized (always quoted).
    QString commandLine() const;

private:
    QString m_appPath;
    QString m_valueName;
};

} // namespace clawtray
