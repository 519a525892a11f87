#pragma once

#include "SettingsController.h"

#include "AppContext.h"
#include "settings/Autostart.h"

#include <functional>
#include <memory>

namespace clawtray {

// SettingsController over the composition root (AppContext): what the settings dialog and the
// tray need, forwarded to the core. The token storage switch needs the app when there is no
// manager yet (the token could not be loaded at start): then `reprepare` rebuilds the core.
class DesktopSettingsController final : public SettingsController
{
    Q_OBJECT
public:
    using ContextGetter = std::function<AppContext*()>;
    // rebuildContext: the token storage changed, so the AppContext must be built anew.
    using Reprepare = std::function<void(bool rebuildContext, Reply done)>;

    DesktopSettingsController(ContextGetter context, Reprepare reprepare, QObject* parent = nullptr);
    ~DesktopSettingsController() override;

    // Set by the app when the token could not be loaded (empty: fine).
    void setTokenProblem(const UserText& problem);

    SettingsData settings() const override;
    SettingsApplied apply(const SettingsData& data) override;
    QString token() const override;
    UserText tokenLocation() const override;
    UserText tokenProblem() const override { return m_tokenProblem; }
    bool usesKeychain() const override;
    void replaceToken(const QString& token, Reply done) override;
    void setTokenStorage(TokenStorage storage, Reply done) override;
    void retryTokenStorage(Reply done) override;
    bool launchAtLogin() const override;
    clawtray::Done setLaunchAtLogin(bool enabled) override;
    QString launchAtLoginDescription() const override;
    QMap<QString, UserText> effectiveNotes() const override;

private:
    ContextGetter m_context;
    Reprepare m_reprepare;
    std::unique_ptr<Autostart> m_autostart;
    UserText m_tokenProblem;
};

} // namespace clawtray
