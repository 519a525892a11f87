#pragma once

#include "settings/Autostart.h"

namespace clawtray {

// macOS: a per-user LaunchAgent, ~/Library/LaunchAgents/<label>.plist, with RunAtLoad so launchd
// starts ClawTray once at login. Deliberately no KeepAlive: launchd would restart ClawTray every
// time the user quits it. Plain file code, so it compiles (and its content is tested) everywhere.
class MacLaunchAgent final : public Autostart
{
public:
    static constexpr const char* kDefaultLabel = "ai.openclaw.clawtray";

    // homeDir: empty = QDir::homePath() (tests pass a temp dir).
    explicit MacLaunchAgent(QString appPath, QString homeDir = {}, QString label = QString::fromLatin1(kDefaultLabel));

    bool isEnabled() const override;
    Done setEnabled(bool enabled) override;
    QString description() const override;

    QString filePath() const;
    QString plistContent() const;

private:
    QString m_appPath;
    QString m_homeDir;
    QString m_label;
};

} // namespace clawtray
