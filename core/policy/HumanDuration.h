#pragma once

#include <QString>
#include <QtGlobal>

namespace clawtray {

// "0 s", "1 s" (for 1..1000 ms: a wait is rounded *up* so "in 0 s" never hides a real wait),
// "40 s", "2 min", "9 min 58 s", "1 h 5 min". Used in policy messages shown to the user.
QString humanDuration(qint64 ms);

// How long something took, as a person reads it: "0.4 s" (tenths below 10 s), "12 s",
// "1 min 34 s", "2 h 5 min". Rounded down: a past duration is never made longer.
QString elapsedText(qint64 ms);

} // namespace clawtray
