#include "process/ExitInfo.h"

#include <string.h>

namespace clawtray {

namespace {

// How long something took, as a person reads it: "0.4 s", "12 s", "1 min 34 s", "2 h 5 min".
QString took(qint64 ms)
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

} // namespace

QString ExitInfo::kindName(Kind k)
{
    switch (k) {
    case Kind::CleanStop: return QStringLiteral("clean-stop");
    case Kind::KilledAfterGrace: return QStringLiteral("killed-after-grace");
    case Kind::Exited: return QStringLiteral("exited");
    case Kind::Crashed: return QStringLiteral("crashed");
    case Kind::FailedToStart: return QStringLiteral("failed-to-start");
    }
    return QStringLiteral("unknown");
}

QString ExitInfo::describe() const
{
    switch (kind) {
    case Kind::CleanStop:
        return QStringLiteral("stopped cleanly (exit code %1) in %2").arg(exitCode).arg(took(stopMs));
    case Kind::KilledAfterGrace:
        return QStringLiteral("did not stop within the grace period; killed (stop took %1)").arg(took(stopMs));
    case Kind::Exited:
        if (exitCode == 78)
            return QStringLiteral("exited with code 78 (EX_CONFIG) after %1").arg(took(runMs));
        return QStringLiteral("exited unexpectedly with code %1 after %2").arg(exitCode).arg(took(runMs));
    case Kind::Crashed:
        return QStringLiteral("crashed with signal %1 (%2) after %3")
            .arg(signal)
            .arg(QString::fromLocal8Bit(strsignal(signal)))
            .arg(took(runMs));
    case Kind::FailedToStart:
        return QStringLiteral("could not be started: %1").arg(error);
    }
    return {};
}

} // namespace clawtray
