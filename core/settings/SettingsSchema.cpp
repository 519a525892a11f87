#include "settings/SettingsSchema.h"

namespace clawtray {
namespace {

using Type = SettingsField::Type;

// Non-capturing lambdas, so each row stays a plain function pointer pair.
#define CT_FIELD(KEY, MEMBER, TYPE, QTYPE, CONVERT)                                                                    \
    SettingsField                                                                                                      \
    {                                                                                                                  \
        QString::fromLatin1(SettingsKey::KEY), TYPE, {},                                                               \
            [](const SettingsData& d) { return QVariant::fromValue<QTYPE>(d.MEMBER); },                                \
            [](SettingsData& d, const QVariant& v) {                                                                   \
                d.MEMBER = v.CONVERT();                                                                                \
                return true;                                                                                           \
            }                                                                                                          \
    }
#define CT_STRING(KEY, MEMBER) CT_FIELD(KEY, MEMBER, Type::String, QString, toString)
#define CT_INT(KEY, MEMBER) CT_FIELD(KEY, MEMBER, Type::Int, int, toInt)
#define CT_BOOL(KEY, MEMBER) CT_FIELD(KEY, MEMBER, Type::Bool, bool, toBool)
#define CT_LIST(KEY, MEMBER) CT_FIELD(KEY, MEMBER, Type::StringList, QStringList, toStringList)
#define CT_CHOICE(KEY, MEMBER, PARSE, ...)                                                                             \
    SettingsField                                                                                                      \
    {                                                                                                                  \
        QString::fromLatin1(SettingsKey::KEY), Type::Choice, QStringList{__VA_ARGS__},                                 \
            [](const SettingsData& d) { return QVariant(toString(d.MEMBER)); },                                        \
            [](SettingsData& d, const QVariant& v) {                                                                   \
                const auto parsed = PARSE(v.toString());                                                               \
                if (parsed)                                                                                            \
                    d.MEMBER = *parsed;                                                                                \
                return parsed.has_value();                                                                             \
            }                                                                                                          \
    }

std::vector<SettingsField> buildSchema()
{
    const auto s = [](const char* text) { return QString::fromLatin1(text); };
    return {
        CT_STRING(NodePath, runtime.nodePath),
        CT_STRING(OpenClawDir, runtime.openclawDir),
        CT_INT(Port, runtime.port),
        CT_STRING(StateDir, runtime.stateDir),
        CT_STRING(ConfigPath, runtime.configPath),
        CT_LIST(ExtraArgs, runtime.extraArgs),
        CT_BOOL(AllowNetworkExposure, runtime.allowNetworkExposure),
        CT_INT(PingIntervalMs, liveness.pingIntervalMs),
        CT_INT(DeadlineMs, liveness.deadlineMs),
        CT_INT(ProbeTimeoutMs, liveness.probeTimeoutMs),
        CT_INT(BackoffBaseMs, backoff.baseMs),
        CT_INT(BackoffCapMs, backoff.capMs),
        CT_INT(BackoffMaxAttempts, backoff.maxAttempts),
        CT_BOOL(BackoffJitter, backoff.jitter),
        CT_INT(GovernorBudget, governor.budget),
        CT_INT(GovernorWindowMs, governor.windowMs),
        CT_CHOICE(ReloadPolicy, reload.policy, reloadModeFromString, s("hot"), s("restart"), s("off")),
        CT_INT(ReloadDebounceMs, reload.debounceMs),
        CT_CHOICE(ForeignGateway, foreignGatewayPolicy, foreignGatewayPolicyFromString, s("attach"), s("takeover"),
                  s("fail")),
        CT_INT(StopGraceMs, stopGraceMs),
        CT_CHOICE(TokenStorageMode, tokenStorage, tokenStorageFromString, s("auto"), s("keychain"), s("file")),
        CT_BOOL(LaunchAtLogin, behaviour.launchAtLogin),
        CT_BOOL(StartMinimized, behaviour.startMinimized),
        CT_BOOL(StartGatewayOnLaunch, behaviour.startGatewayOnLaunch),
        CT_BOOL(AllowAutoDoctor, behaviour.allowAutoDoctor),
        CT_BOOL(ConfirmQuit, behaviour.confirmQuit),
        CT_CHOICE(Language, behaviour.language, uiLanguageFromString, s("system"), s("en"), s("zh_CN")),
        CT_CHOICE(TrayIcon, behaviour.trayIcon, trayIconStyleFromString, s("colour"), s("light"), s("dark")),
        CT_BOOL(UpdateCheck, updates.check),
        CT_CHOICE(UpdateChannelKey, updates.channel, updateChannelFromString, s("stable"), s("beta")),
        CT_BOOL(UpdateAutoWhenIdle, updates.autoWhenIdle),
    };
}

#undef CT_CHOICE
#undef CT_LIST
#undef CT_BOOL
#undef CT_INT
#undef CT_STRING
#undef CT_FIELD

} // namespace

const std::vector<SettingsField>& settingsSchema()
{
    static const std::vector<SettingsField> schema = buildSchema();
    return schema;
}

const SettingsField* findSettingsField(const QString& key)
{
    for (const SettingsField& f : settingsSchema()) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

} // namespace clawtray
