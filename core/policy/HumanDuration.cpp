#include "policy/HumanDuration.h"

namespace clawtray {

QString humanDuration(qint64 ms)
{
    if (ms <= 0) {
        return QStringLiteral("0 s");
    }
    const qint64 s = (ms + 999) / 1000;
    if (s < 60) {
        return QStringLiteral("%1 s").arg(s);
    }
    if (s < 3600) {
        return s % 60 ? QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60) : QStringLiteral("%1 min").arg(s / 60);
    }
    const qint64 minutes = (s + 59) / 60;
    const qint64 h = minutes / 60;
    return minutes % 60 ? QStringLiteral("%1 h %2 min").arg(h).arg(minutes % 60) : QStringLiteral("%1 h").arg(h);
}

QString elapsedText(qint64 ms)
{
    ms = qMax<qint64>(0, ms);
    if (ms < 10000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return s % 60 ? QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60) : QStringLiteral("%1 min").arg(s / 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

} // namespace clawtray
