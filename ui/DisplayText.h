#pragma once

#include "supervisor/GatewayStatus.h"
#include "supervisor/HealthEvaluator.h"

#include <QString>

namespace clawtray {

class ActivityModel;
class ChannelsModel;

// Words the window and the tray compose from the core's structured state, in the desktop's
// language. The core's own texts stay English (they also go to logs, `ctl` and exports, which stay
// English); where the desktop shows a state it builds the sentence here from the values instead.
// Without a translator every function returns exactly the core's English text.
class DisplayText final
{
public:
    // A sentence of the core (a problem, its fix, a phase, a pending action) in the desktop's
    // language; its arguments — durations and nested sentences included — are said the same way,
    // words that are not ours (the gateway's reason, a path) as they are.
    static QString text(const UserText& text);
    // The words durations are said with ("%1 min %2 s", …), translated.
    static DurationWords durationWords();
    // "0 s", "1 min 34 s", "2 h 5 min", "3 d 4 h" (as formatDuration).
    static QString duration(qint64 ms);
    // The tray's status line: "Gateway running · pid 4242 · up 3 min", or an error with its summary.
    static QString trayLine(const GatewayStatus& status, qint64 nowMs);
    // The health box's word: "Healthy", "Degraded", "Unresponsive", "Down", "Stopped", "Starting…", …
    static QString healthTitle(const HealthSummary& health);
    // "no session active in the last hour", "2 sessions active in the last hour (1 running now)".
    static QString sessions(const ActivityModel& activity);
    // "today: 12,345 tokens, about $0.42 (estimated)".
    static QString usage(const ActivityModel& activity);
    // "no channels configured", "Telegram connected", "1 of 2 channel accounts need attention: …".
    static QString channelsSummary(const ChannelsModel& channels);
};

} // namespace clawtray
