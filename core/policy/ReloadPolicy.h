#pragma once

#include "policy/UserText.h"

#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

namespace clawtray {

// hot: apply changes by restarting the gateway in-process when possible, a process restart only
// when a launch parameter changed. restart: always a process restart. off: ClawTray never restarts
// for a config change; changes apply at the next start.
enum class ReloadMode { Hot, Restart, Off };

struct ReloadConfig
{
    ReloadMode mode = ReloadMode::Hot;
    qint64 debounceMs = 1200; // quiet period that coalesces a burst of saves into one reload
};

struct ReloadState
{
    bool running = false;      // the gateway is up and connected
    bool owned = true;         // we spawned it (an external gateway is never restarted by us)
    bool rpcAvailable = false; // gateway.restart.request can be called now (connected, admin scope)
};

// Decides how a configuration change reaches the gateway. Pure: the caller executes the action.
class ReloadPolicy
{
public:
    static constexpr qint64 kDefaultDebounceMs = 1200;
    static constexpr qint64 kMaxDebounceMs = 60000;

    enum class Action {
        None,                   // nothing to do now (see appliesAtNextStart)
        RestartProcess,         // stop + start: launch parameters are read only at spawn
        RestartInProcessRpc,    // `gateway.restart.request`: same pid, keeps the port
        RestartInProcessSignal, // SIGUSR2 when the RPC is unavailable; never SIGUSR1 (Node debugger)
    };
    struct Decision
    {
        Action action = Action::None;
        bool appliesAtNextStart = false; // the change is saved but takes effect at the next start
        QStringList launchKeys;          // the changed keys that forced a process restart
        QString explanation;             // for the log and `ctl reload`
        UserText whyNextStart;           // appliesAtNextStart: why nothing restarts now, for a person
    };
    struct ParseResult
    {
        ReloadConfig config;
        QString warning; // empty when the input was valid (or absent); else what was replaced
    };

    explicit ReloadPolicy(const ReloadConfig& config = {});

    // Empty changedKeys means "unspecified change" (the user pressed Reload) and is treated as a
    // non-launch change. Key names: see launchKeyNames(); an `env.NAME` / `env/NAME` key is env.
    Decision decide(const QStringList& changedKeys, const ReloadState& state) const;
    const ReloadConfig& config() const { return m_config; }

    // Bad or out-of-range input never fails: it falls back to defaults (or is clamped) and says so.
    static ParseResult parse(const QVariant& mode, const QVariant& debounceMs);
    // The gateway config's `gateway.reload` object: {"mode": …, "debounceMs": …}.
    static ParseResult parseSection(const QVariantMap& section);
    static QString modeName(ReloadMode mode);
    static bool isLaunchKey(const QString& key);
    static QStringList launchKeyNames();
    static QString restartRpcMethod() { return QStringLiteral("gateway.restart.request"); }

private:
    ReloadConfig m_config;
};

} // namespace clawtray
