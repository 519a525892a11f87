#include "process/ExitInfo.h"

#include "policy/HumanDuration.h"

#include <string.h>

namespace clawtray {

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
        return QStringLiteral("stopped cleanly (exit code %1) in %2").arg(exitCode).arg(elapsedText(stopMs));
    case Kind::KilledAfterGrace:
        return QStringLiteral("did not stop within the grace period; killed (stop took %1)").arg(elapsedText(stopMs));
    case Kind::Exited:
        if (exitCode == 78)
            return QStringLiteral("exited with code 78 (EX_CONFIG) after %1").arg(elapsedText(runMs));
        return QStringLiteral("exited unexpectedly with code %1 after %2").arg(exitCode).arg(elapsedText(runMs));
    case Kind::Crashed:
        return QStringLiteral("crashed with signal %1 (%2) after %3")
            .arg(signal)
            .arg(QString::fromLocal8Bit(strsignal(signal)))
            .arg(elapsedText(runMs));
    case Kind::FailedToStart:
        return QStringLiteral("could not be started: %1").arg(error);
    }
    return {};
}

} // namespace clawtray
