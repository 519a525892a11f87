#pragma once

#include "protocol/DeviceIdentity.h"
#include "settings/RuntimeLocator.h"
#include "settings/OpenClawAuth.h"
#include "settings/SecretStore.h"
#include "settings/Settings.h"
#include "supervisor/ConfiguredTokenResolver.h"
#include "companion/ActivityModel.h"
#include "companion/ApprovalsModel.h"
#include "companion/ChannelsModel.h"
#include "companion/Companion.h"
#include "companion/PairingModel.h"
#include "supervisor/GatewayManager.h"
#include "update/GatewayUpdater.h"
#include "update/UpdateChecker.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace clawtray {

// Command-line overrides shared by every mode.
struct AppOptions
{
    bool headless = false;
    bool minimized = false;
    std::optional<quint16> port;
    QString runtimeDir;
    QString stateDir;
    QString configDir;
    QString dataDir;
    QString logLevel;
};

// The composition root's state: paths, logging, settings, token, device identity and the manager,
// built in that order. Used by the headless and the desktop app alike.
class AppContext final : public QObject
{
    Q_OBJECT
public:
    explicit AppContext(const AppOptions& options, QObject* parent = nullptr);
    ~AppContext() override;

    // Paths, logging, settings, identity. Fails only if ClawTray cannot run at all (e.g. no
    // writable data dir). Settings problems are warnings; defaults are used.
    Done initialise();
    QStringList startupWarnings() const { return m_warnings; }

    // Resolves Node + openclaw from the settings or the runtime dir.
    RuntimeCheck checkRuntime() const;

    // Loads (or creates) the token, then builds the manager. `done(error)` — an empty error means
    // the manager exists. A keychain failure is reported, never silently replaced by a file.
    void prepareManager(std::function<void(const Done&)> done);

    GatewayManager* manager() const { return m_manager.get(); }
    // The exec approvals the gateway waits on (built with the manager; null before).
    ApprovalsModel* approvals() const { return m_approvals.get(); }
    ChannelsModel* channels() const { return m_channels.get(); }
    PairingModel* pairing() const { return m_pairing.get(); }
    ActivityModel* activity() const { return m_activity.get(); }
    UpdateChecker* updateChecker() const { return m_checker.get(); }
    GatewayUpdater* updater() const { return m_updater.get(); }
    Companion companion() const
    {
        return {m_approvals.get(), m_channels.get(), m_pairing.get(), m_activity.get(), m_checker.get(), m_updater.get()};
    }
    const SettingsData& settings() const { return m_settings; }
    Settings& settingsStore() { return *m_store; }
    SecretStore& secrets() { return *m_secrets; }
    const AppOptions& options() const { return m_options; }
    QString token() const { return m_token; }
    QString tokenSource() const { return m_tokenSource; }
    // The OpenClaw config file the gateway reads (openclaw.json), resolved like the gateway does.
    QString configPath() const;

    // Validates, saves and applies new settings through the manager's debounced reload. Refused:
    // the fields that are wrong, or why the values could not be taken (a changed token storage
    // moves the token first; the file must be written).
    SettingsApplied applySettings(const SettingsData& data);
    // Keeps the token in `storage` from now on: the token moves there (never a new one), the setting
    // is saved, and the copy in the old place is removed. Empty: done.
    Done switchTokenStorage(TokenStorage storage);
    // Reads clawtray.ini again (edited by hand) and applies what changed like a save in Settings:
    // {"changed": [keys], "error": "…" when it could not be applied, "warnings": [bad values reset]}.
    // What `ctl reload` does before it reloads the gateway.
    QJsonObject reloadSettingsFile();
    // A new token (regenerated or imported): stored, then the gateway is restarted with it.
    void replaceToken(const QString& token, std::function<void(const Done&)> done);

    static QString runtimeMissingHelp(const QString& detail);

    // Per settings key, where the value in effect comes from when it is not the saved one: a
    // command-line override (which saving that setting replaces), or the gateway's own config.
    QMap<QString, UserText> effectiveNotes() const;
    // The command-line overrides in effect, for the launch-at-login entry: at login ClawTray starts
    // with the same configuration as now.
    QStringList launchArguments() const;

private:
    SettingsData withOverrides(SettingsData data) const;
    QString configPathFor(const SettingsData& data) const; // openclaw.json for these settings
    ManagerConfig managerConfig() const;
    ManagerConfig freshManagerConfig();
    // The token follows the gateway's configuration (gateway.auth); ClawTray's own token only
    // when that names none.
    void adoptConfiguredAuth(const ConfiguredAuth& auth);
    void setAdoptedToken(const QString& secret, const QString& source);
    QString ownTokenSource() const; // "ClawTray's own token (<where it is kept>)"
    // A store of kind `storage` holding ClawTray's token (written there now), or why not.
    Result<std::unique_ptr<SecretStore>> storeHoldingToken(TokenStorage storage);
    // Makes `next` the token store and removes the token from the old one when it lives elsewhere.
    void replaceStore(std::unique_ptr<SecretStore> next);
    static constexpr int kResolveTimeoutMs = 60000;
    // The updater's and the checker's configuration from the settings (applied again on save).
    void configureUpdates();

    AppOptions m_options;
    std::unique_ptr<Settings> m_store;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<GatewayManager> m_manager;
    std::unique_ptr<ApprovalsModel> m_approvals; // declared after the manager: destroyed before it
    std::unique_ptr<ChannelsModel> m_channels;
    std::unique_ptr<PairingModel> m_pairing;
    std::unique_ptr<ActivityModel> m_activity;
    std::unique_ptr<UpdateChecker> m_checker;
    std::unique_ptr<GatewayUpdater> m_updater; // declared after the manager: destroyed before it
    std::optional<DeviceIdentity> m_identity;
    SettingsData m_settings;
    RuntimeInfo m_runtime;
    QString m_runtimeError; // why the configured (or detected) runtime is not usable; empty when it is
    QString m_token;         // what the gateway is reached with
    QString m_ownToken;      // what ClawTray's secret store holds
    QString m_resolvedRefToken; // what OpenClaw resolved a store/file/exec SecretRef to
    QString m_tokenSource;
    GatewayProblem m_authProblem;
    std::unique_ptr<ConfiguredTokenResolver> m_resolver;
    QStringList m_warnings;
};

} // namespace clawtray
