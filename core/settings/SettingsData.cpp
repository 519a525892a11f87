#include "settings/SettingsData.h"

#include "settings/SettingsSchema.h"

#include <QDir>

namespace clawtray {
namespace {

constexpr int kDay = 24 * 60 * 60 * 1000;

QString key(const char* k)
{
    return QString::fromLatin1(k);
}

// Records the first problem per field: one clear message beats three about the same value.
void addError(SettingsErrors& errors, const char* field, const QString& message)
{
    if (!errors.contains(key(field)))
        errors.insert(key(field), message);
}

void checkRange(SettingsErrors& errors, const char* field, int value, int min, int max, const QString& message)
{
    if (value < min || value > max)
        addError(errors, field, message);
}

void checkPath(SettingsErrors& errors, const char* field, const QString& path, const QString& what,
               const QString& emptyMeans)
{
    if (!path.isEmpty() && !QDir::isAbsolutePath(path))
        addError(errors, field, QStringLiteral("%1 must be an absolute path (or empty to %2)").arg(what, emptyMeans));
}

// The gateway's port and token are set by ClawTray itself (the token through the environment, so
// it never shows in `ps`); a second value in the extra arguments would silently win or conflict.
QString extraArgumentProblem(const QStringList& args, bool allowNetworkExposure)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString& raw = args.at(i);
        const QString arg = raw.trimmed();
        const QString flag = arg.section(QLatin1Char('='), 0, 0).toLower();
        // The value of "--flag value" or "--flag=value".
        const QString value = arg.contains(QLatin1Char('=')) ? arg.section(QLatin1Char('='), 1).trimmed().toLower()
                                                             : (i + 1 < args.size() ? args.at(i + 1).trimmed().toLower() : QString());
        if (!allowNetworkExposure) {
            if (flag == QLatin1String("--bind") && value != QLatin1String("loopback"))
                return QStringLiteral("Extra arguments must not contain --bind %1: ClawTray keeps the gateway on "
                                      "loopback (127.0.0.1). To let other machines reach it, turn on \"Allow "
                                      "listening beyond this computer\" (runtime/allowNetworkExposure) first")
                    .arg(value.isEmpty() ? QStringLiteral("(no value)") : value);
            if (flag == QLatin1String("--tailscale") && value != QLatin1String("off"))
                return QStringLiteral("Extra arguments must not contain --tailscale: it exposes the gateway beyond this "
                                      "computer; turn on \"Allow listening beyond this computer\" "
                                      "(runtime/allowNetworkExposure) first");
        }
        if (flag == QLatin1String("--auth") || flag == QLatin1String("--password-file"))
            return QStringLiteral("Extra arguments must not contain %1: the gateway's authentication is taken from its "
                                  "configuration (gateway.auth in openclaw.json) and ClawTray's token, never from "
                                  "the settings file")
                .arg(flag);
        if (flag == QLatin1String("--force") || flag == QLatin1String("--reset"))
            return QStringLiteral("Extra arguments must not contain %1: it kills listeners or erases state behind "
                                  "ClawTray's back (ClawTray checks the port itself)")
                .arg(flag);
        if (flag == QLatin1String("--token"))
            return QStringLiteral(
                "Extra arguments must not contain --token: the token is managed by ClawTray (it passes "
                "the token from the keychain itself, and a token does not belong in the settings file)");
        if (flag == QLatin1String("--password"))
            return QStringLiteral("Extra arguments must not contain --password: a secret does not belong in the "
                                  "settings file");
        if (flag == QLatin1String("--port"))
            return QStringLiteral("Extra arguments must not contain --port: the port is managed by ClawTray; set it in "
                                  "the Port field instead");
        if (raw.contains(QLatin1Char('\n')) || raw.contains(QLatin1Char('\r')) || raw.contains(QChar(0)))
            return QStringLiteral("Extra arguments must not contain line breaks");
    }
    return {};
}

} // namespace

QString toString(ReloadMode mode)
{
    switch (mode) {
    case ReloadMode::Hot:
        return QStringLiteral("hot");
    case ReloadMode::Restart:
        return QStringLiteral("restart");
    case ReloadMode::Off:
        return QStringLiteral("off");
    }
    return {};
}

QString toString(ForeignGatewayPolicy policy)
{
    switch (policy) {
    case ForeignGatewayPolicy::Attach:
        return QStringLiteral("attach");
    case ForeignGatewayPolicy::Takeover:
        return QStringLiteral("takeover");
    case ForeignGatewayPolicy::Fail:
        return QStringLiteral("fail");
    }
    return {};
}

QString toString(TokenStorage storage)
{
    switch (storage) {
    case TokenStorage::Auto:
        return QStringLiteral("auto");
    case TokenStorage::Keychain:
        return QStringLiteral("keychain");
    case TokenStorage::File:
        return QStringLiteral("file");
    }
    return {};
}

QString toString(TrayIconStyle style)
{
    switch (style) {
    case TrayIconStyle::Colour:
        return QStringLiteral("colour");
    case TrayIconStyle::Light:
        return QStringLiteral("light");
    case TrayIconStyle::Dark:
        return QStringLiteral("dark");
    }
    return {};
}

std::optional<TrayIconStyle> trayIconStyleFromString(const QString& text)
{
    const QString t = text.trimmed().toLower();
    for (auto s : {TrayIconStyle::Colour, TrayIconStyle::Light, TrayIconStyle::Dark}) {
        if (t == toString(s))
            return s;
    }
    return std::nullopt;
}

QString toString(UiLanguage language)
{
    switch (language) {
    case UiLanguage::System:
        return QStringLiteral("system");
    case UiLanguage::English:
        return QStringLiteral("en");
    case UiLanguage::SimplifiedChinese:
        return QStringLiteral("zh_CN");
    }
    return {};
}

std::optional<UiLanguage> uiLanguageFromString(const QString& text)
{
    const QString t = text.trimmed();
    for (auto l : {UiLanguage::System, UiLanguage::English, UiLanguage::SimplifiedChinese}) {
        if (t.compare(toString(l), Qt::CaseInsensitive) == 0)
            return l;
    }
    return std::nullopt;
}

QString toString(UpdateChannel channel)
{
    return channel == UpdateChannel::Beta ? QStringLiteral("beta") : QStringLiteral("stable");
}

std::optional<UpdateChannel> updateChannelFromString(const QString& text)
{
    const QString t = text.trimmed().toLower();
    for (auto c : {UpdateChannel::Stable, UpdateChannel::Beta}) {
        if (t == toString(c))
            return c;
    }
    return std::nullopt;
}

std::optional<ReloadMode> reloadModeFromString(const QString& text)
{
    const QString t = text.trimmed().toLower();
    for (ReloadMode m : {ReloadMode::Hot, ReloadMode::Restart, ReloadMode::Off}) {
        if (t == toString(m))
            return m;
    }
    return std::nullopt;
}

std::optional<ForeignGatewayPolicy> foreignGatewayPolicyFromString(const QString& text)
{
    const QString t = text.trimmed().toLower();
    for (auto p : {ForeignGatewayPolicy::Attach, ForeignGatewayPolicy::Takeover, ForeignGatewayPolicy::Fail}) {
        if (t == toString(p))
            return p;
    }
    return std::nullopt;
}

std::optional<TokenStorage> tokenStorageFromString(const QString& text)
{
    const QString t = text.trimmed().toLower();
    for (auto s : {TokenStorage::Auto, TokenStorage::Keychain, TokenStorage::File}) {
        if (t == toString(s))
            return s;
    }
    return std::nullopt;
}

SettingsErrors SettingsData::validate() const
{
    using namespace SettingsKey;
    SettingsErrors e;

    checkPath(e, NodePath, runtime.nodePath, QStringLiteral("The Node path"),
              QStringLiteral("use the bundled runtime"));
    checkPath(e, OpenClawDir, runtime.openclawDir, QStringLiteral("The OpenClaw directory"),
              QStringLiteral("use the bundled runtime"));
    checkPath(e, StateDir, runtime.stateDir, QStringLiteral("The state directory"),
              QStringLiteral("use OpenClaw's default"));
    checkPath(e, ConfigPath, runtime.configPath, QStringLiteral("The OpenClaw config file"),
              QStringLiteral("use OpenClaw's default"));

    checkRange(e, Port, runtime.port, 1, 65535, QStringLiteral("Port must be between 1 and 65535"));
    if (runtime.port >= 1 && runtime.port < 1024)
        addError(e, Port,
                 QStringLiteral("Port %1 is below 1024: those ports are reserved for system services and the gateway, "
                                "which runs as your user, cannot listen on them. Choose a port between 1024 and 65535")
                     .arg(runtime.port));
    if (QString problem = extraArgumentProblem(runtime.extraArgs, runtime.allowNetworkExposure); !problem.isEmpty())
        addError(e, ExtraArgs, problem);

    // Liveness: silence is only judged after the deadline, so the deadline must leave room for at
    // least one ping, and the verifying probe must be able to finish before the deadline.
    checkRange(e, PingIntervalMs, liveness.pingIntervalMs, 1, kDay,
               QStringLiteral("Ping interval must be a positive number of milliseconds (at most 24 h)"));
    checkRange(e, DeadlineMs, liveness.deadlineMs, 1, kDay,
               QStringLiteral("Liveness deadline must be a positive number of milliseconds (at most 24 h)"));
    checkRange(e, ProbeTimeoutMs, liveness.probeTimeoutMs, 1, kDay,
               QStringLiteral("Probe timeout must be a positive number of milliseconds (at most 24 h)"));
    if (liveness.deadlineMs <= liveness.pingIntervalMs)
        addError(e, DeadlineMs,
                 QStringLiteral("Liveness deadline (%1 ms) must be longer than the ping interval (%2 ms), or every "
                                "quiet moment between two pings would look like a hang")
                     .arg(liveness.deadlineMs)
                     .arg(liveness.pingIntervalMs));
    if (liveness.probeTimeoutMs >= liveness.deadlineMs)
        addError(e, ProbeTimeoutMs,
                 QStringLiteral("Probe timeout (%1 ms) must be shorter than the liveness deadline (%2 ms)")
                     .arg(liveness.probeTimeoutMs)
                     .arg(liveness.deadlineMs));

    checkRange(e, BackoffBaseMs, backoff.baseMs, 1, kDay,
               QStringLiteral("Backoff base delay must be a positive number of milliseconds (at most 24 h)"));
    checkRange(e, BackoffCapMs, backoff.capMs, 1, kDay,
               QStringLiteral("Backoff cap must be a positive number of milliseconds (at most 24 h)"));
    if (backoff.capMs < backoff.baseMs)
        addError(e, BackoffCapMs,
                 QStringLiteral("Backoff cap (%1 ms) must not be smaller than the base delay (%2 ms)")
                     .arg(backoff.capMs)
                     .arg(backoff.baseMs));
    checkRange(e, BackoffMaxAttempts, backoff.maxAttempts, 1, 1000,
               QStringLiteral("Reconnect attempts must be between 1 and 1000"));

    checkRange(e, GovernorBudget, governor.budget, 1, 100,
               QStringLiteral("Restart budget must be between 1 and 100 restarts"));
    checkRange(e, GovernorWindowMs, governor.windowMs, 1000, kDay,
               QStringLiteral("Restart window must be between 1 second and 24 hours"));

    checkRange(e, ReloadDebounceMs, reload.debounceMs, 0, 60000,
               QStringLiteral("Reload debounce must be between 0 and 60000 ms"));
    checkRange(e, StopGraceMs, stopGraceMs, 1, 10 * 60 * 1000,
               QStringLiteral("Stop grace period must be a positive number of milliseconds (at most 10 minutes)"));
    return e;
}

QStringList SettingsData::changedKeys(const SettingsData& before, const SettingsData& after)
{
    QStringList keys;
    for (const SettingsField& field : settingsSchema()) {
        if (field.get(before) != field.get(after))
            keys << field.key;
    }
    return keys;
}

QString SettingsRefusal::english() const
{
    QStringList parts;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        parts << QStringLiteral("%1: %2").arg(it.key(), it.value());
    if (!why.isEmpty())
        parts << why.english();
    return parts.join(QLatin1String("; "));
}

} // namespace clawtray
