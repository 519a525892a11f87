#include "process/ExitInfo.h"


#include <string.h>

namespace clawtray {

QString ExitInfo::kindName(Kind k)
{
    switch (k) {
    case Kind::CleanStop: return QStringLiteral("clean-stop");
    case Kind::KilledAfterGrace: return QStringLiteral("killed-after-grace");
    case Kind::Killed: return QStringLiteral("killed");
    case Kind::Exited: return QStringLiteral("exited");
    case Kind::Crashed: return QStringLiteral("crashed");
    case Kind::FailedToStart: return QStringLiteral("failed-to-start");
    case Kind::LetGo: return QStringLiteral("let-go");
    }
    return QStringLiteral("unknown");
}

QString ExitInfo::describe() const
{
    return describeText().english();
}

UserText ExitInfo::describeText() const
{
    switch (kind) {
    case Kind::CleanStop:
        return UserText(QT_TRANSLATE_NOOP("UserText", "stopped cleanly (exit code %1) in %2"))
            .arg(exitCode)
            .duration(stopMs, DurationStyle::Elapsed);
    case Kind::KilledAfterGrace:
        return UserText(QT_TRANSLATE_NOOP("UserText", "did not stop within the grace period; killed (stop took %1)"))
            .duration(stopMs, DurationStyle::Elapsed);
    case Kind::Killed:
        return UserText(QT_TRANSLATE_NOOP("UserText", "was killed without a grace period (stop took %1)"))
            .duration(stopMs, DurationStyle::Elapsed);
    case Kind::Exited:
        if (exitCode == 78)
            return UserText(QT_TRANSLATE_NOOP("UserText", "exited with code 78 (EX_CONFIG) after %1"))
                .duration(runMs, DurationStyle::Elapsed);
        return UserText(QT_TRANSLATE_NOOP("UserText", "exited unexpectedly with code %1 after %2"))
            .arg(exitCode)
            .duration(runMs, DurationStyle::Elapsed);
    case Kind::Crashed:
        return UserText(QT_TRANSLATE_NOOP("UserText", "crashed with signal %1 (%2) after %3"))
            .arg(signal)
            .arg(QString::fromLocal8Bit(strsignal(signal)))
            .duration(runMs, DurationStyle::Elapsed);
    case Kind::FailedToStart:
        return UserText(QT_TRANSLATE_NOOP("UserText", "could not be started: %1")).arg(error);
    case Kind::LetGo:
        return UserText(QT_TRANSLATE_NOOP("UserText", "let go of its ports and state in %1 (its exit goes on in the background)"))
            .duration(stopMs, DurationStyle::Elapsed);
    }
    return {};
}

} // namespace clawtray
