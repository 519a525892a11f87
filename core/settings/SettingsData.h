#pragma once

#include "policy/ReloadPolicy.h" // ReloadMode: one enum for the setting and the policy
#include "policy/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace clawtray {

enum class ForeignGatewayPolicy { Attach, Takeover, Fail };
enum class TokenStorage { Auto, Keychain, File };
// The tray icon: in colour, or one-colour shapes for panels where colour clashes (light: white shapes
// for a dark panel; dark: black shapes for a light panel).
enum class TrayIconStyle { Colour, Light, Dark };
// The language of the desktop: the system's (when ClawTray has it), English, or Simplified Chinese.
enum class UiLanguage { System, English, SimplifiedChinese };
enum class UpdateChannel { Stable, Beta };

QString toString(ReloadMode mode);             // "hot" | "restart" | "off"
QString toString(ForeignGatewayPolicy policy); // "attach" | "takeover" | "fail"
QString toString(TokenStorage storage);        // "auto" | "keychain" | "file"
QString toString(TrayIconStyle style);         // "colour" | "light" | "dark"
QString toString(UiLanguage language);         // "system" | "en" | "zh_CN"
QString toString(UpdateChannel channel);       // "stable" | "beta"
std::optional<ReloadMode> reloadModeFromString(const QString& text);
std::optional<ForeignGatewayPolicy> foreignGatewayPolicyFromString(const QString& text);
std::optional<TokenStorage> tokenStorageFromString(const QString& text);
std::optional<TrayIconStyle> trayIconStyleFromString(const QString& text);
std::optional<UiLanguage> uiLanguageFromString(const QString& text);
std::optional<UpdateChannel> updateChannelFromString(const QString& text);

// Field keys: the INI keys (group/name) and the names validate() and changedKeys() report.
// Consumers (the reload policy, the settings dialog) compare against these, never literals.
namespace SettingsKey {
inline constexpr const char* SchemaVersion = "meta/schemaVersion";
inline constexpr const char* NodePath = "runtime/nodePath";
inline constexpr const char* OpenClawDir = "runtime/openclawDir";
inline constexpr const char* Port = "runtime/port";
inline constexpr const char* StateDir = "runtime/stateDir";
inline constexpr const char* ConfigPath = "runtime/configPath";
inline constexpr const char* ExtraArgs = "runtime/extraArgs";
inline constexpr const char* AllowNetworkExposure = "runtime/allowNetworkExposure";
inline constexpr const char* PingIntervalMs = "liveness/pingIntervalMs";
inline constexpr const char* DeadlineMs = "liveness/deadlineMs";
inline constexpr const char* ProbeTimeoutMs = "liveness/probeTimeoutMs";
inline constexpr const char* BackoffBaseMs = "backoff/baseMs";
inline constexpr const char* BackoffCapMs = "backoff/capMs";
inline constexpr const char* BackoffMaxAttempts = "backoff/maxAttempts";
inline constexpr const char* BackoffJitter = "backoff/jitter";
inline constexpr const char* GovernorBudget = "governor/budget";
inline constexpr const char* GovernorWindowMs = "governor/windowMs";
inline constexpr const char* ReloadPolicy = "reload/policy";
inline constexpr const char* ReloadDebounceMs = "reload/debounceMs";
inline constexpr const char* ForeignGateway = "gateway/foreignGatewayPolicy";
inline constexpr const char* StopGraceMs = "gateway/stopGraceMs";
inline constexpr const char* TokenStorageMode = "secrets/tokenStorage";
inline constexpr const char* LaunchAtLogin = "behaviour/launchAtLogin";
inline constexpr const char* StartMinimized = "behaviour/startMinimized";
inline constexpr const char* StartGatewayOnLaunch = "behaviour/startGatewayOnLaunch";
inline constexpr const char* AllowAutoDoctor = "behaviour/allowAutoDoctor";
inline constexpr const char* TrayIcon = "behaviour/trayIcon";
inline constexpr const char* ConfirmQuit = "behaviour/confirmQuit";
inline constexpr const char* Language = "behaviour/language";
inline constexpr const char* UpdateCheck = "updates/check";
inline constexpr const char* UpdateChannelKey = "updates/channel";
inline constexpr const char* UpdateAutoWhenIdle = "updates/autoWhenIdle";
} // namespace SettingsKey

struct RuntimeSettings
{
    QString nodePath;    // empty: auto-detect in the runtime dir
    QString openclawDir; // empty: auto-detect in the runtime dir
    int port = 18789;
    QString stateDir;   // empty: OpenClaw's default
    QString configPath; // empty: OpenClaw's default
    QStringList extraArgs;
    // Off (the default): the gateway listens on loopback only and extraArgs may not change that
    // (--bind other than loopback, --tailscale) nor its authentication (--auth, --password-file).
    bool allowNetworkExposure = false;
};

struct LivenessSettings
{
    int pingIntervalMs = 30000;
    int deadlineMs = 180000;
    int probeTimeoutMs = 5000;
};

struct BackoffSettings
{
    int baseMs = 1000;
    int capMs = 30000;
    int maxAttempts = 10;
    bool jitter = false;
};

struct GovernorSettings
{
    int budget = 4;
    int windowMs = 600000;
};

struct ReloadSettings
{
    ReloadMode policy = ReloadMode::Hot;
    int debounceMs = 1200;
};

struct BehaviourSettings
{
    bool launchAtLogin = false;
    bool startMinimized = false;
    bool startGatewayOnLaunch = true;
    bool allowAutoDoctor = false;
    TrayIconStyle trayIcon = TrayIconStyle::Colour;
    bool confirmQuit = true; // Quit asks while ClawTray's own gateway runs
    UiLanguage language = UiLanguage::System; // takes effect when ClawTray starts
};

// OpenClaw updates (see GatewayUpdater): ClawTray-only, in use at once.
struct UpdateSettings
{
    bool check = true;                       // ask the npm registry once a day
    UpdateChannel channel = UpdateChannel::Stable;
    bool autoWhenIdle = false;               // apply a found update by itself while no run is active
};

// Field key -> human-readable message, e.g. {"runtime/port", "Port must be between 1 and 65535"}.
using SettingsErrors = QMap<QString, QString>;

// Why settings were not applied: the fields whose values are wrong (each shown beside its field),
// or, with valid values, why they could not be taken (the token could not move, the file could
// not be written). Nothing of the settings in effect changed.
struct SettingsRefusal
{
    SettingsErrors fields;
    UserText why;
    // One line for logs and `ctl`: "key: message; …" or `why`.
    QString english() const;
};
// Applying settings: done, or refused (SettingsRefusal).
using SettingsApplied = Result<void, SettingsRefusal>;

// Everything the user can configure, as a plain value (copyable, comparable, no I/O). The token is
// deliberately not here: it lives in SecretStore, so it can never end up in clawtray.ini.
struct SettingsData
{
    RuntimeSettings runtime;
    LivenessSettings liveness;
    BackoffSettings backoff;
    GovernorSettings governor;
    ReloadSettings reload;
    ForeignGatewayPolicy foreignGatewayPolicy = ForeignGatewayPolicy::Attach;
    BehaviourSettings behaviour;
    UpdateSettings updates;
    int stopGraceMs = 7000; // see GatewayProcess::Config::stopGraceMs
    TokenStorage tokenStorage = TokenStorage::Auto;

    // Every problem, one message per field key; empty when the settings are usable.
    SettingsErrors validate() const;

    // Keys whose value differs, in schema order (the reload policy decides hot vs restart from them).
    static QStringList changedKeys(const SettingsData& before, const SettingsData& after);

    friend bool operator==(const SettingsData& a, const SettingsData& b) { return changedKeys(a, b).isEmpty(); }
    friend bool operator!=(const SettingsData& a, const SettingsData& b) { return !(a == b); }
};

} // namespace clawtray
