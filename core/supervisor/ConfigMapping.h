#pragma once

#include "settings/RuntimeLocator.h"
#include "settings/SettingsData.h"
#include "supervisor/ManagerConfig.h"

namespace clawtray {

// Turns what the user configured into what the manager runs with. The token, the resolved runtime
// and the data dir are passed in: settings never hold the token, and the runtime is detected.
ManagerConfig buildManagerConfig(const SettingsData& settings, const RuntimeInfo& runtime, const QString& token,
                                 const QString& dataDir);

// Settings keys → the keys the reload policy understands ("runtime/port" → "port"). Keys that only
// concern ClawTray itself (liveness, backoff, behaviour) are dropped: they never touch the gateway.
QStringList reloadKeysForSettings(const QStringList& changedSettingsKeys);
// The changed settings that need no gateway restart (ClawTray's own: liveness, backoff, …).
QStringList liveKeysForSettings(const QStringList& changedSettingsKeys);

} // namespace clawtray
