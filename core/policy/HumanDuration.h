#pragma once

#include <QString>
#include <QtGlobal>

namespace clawtray {

// "0 s", "1 s" (for 1..1000 ms: a wait is rounded *up* so "in 0 s" never hides a real wait),
// "40 s", "2 min", "9 min 58 s", "1 h 5 min". Used in policy messages shown to the user.
QString humanDuration(qint64 ms);

} // namespace clawtray
