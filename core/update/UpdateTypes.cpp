#include "update/UpdateTypes.h"

#include "policy/VersionOrder.h"

namespace clawtray {

bool UpdateAvailability::available() const
{
    return !current.isEmpty() && !latest.isEmpty() && versionIsNewer(latest, current);
}

UserText UpdateAvailability::text() const
{
    if (!available())
        return {};
    return UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 → %2 available (%3)")).arg(current).arg(latest).arg(channel);
}

QJsonObject UpdateAvailability::toJson() const
{
    QJsonObject o{{QStringLiteral("current"), current},
                  {QStringLiteral("latest"), latest},
                  {QStringLiteral("channel"), channel},
                  {QStringLiteral("source"), source},
                  {QStringLiteral("available"), available()},
                  {QStringLiteral("text"), text().english()}};
    if (checkedAtMs > 0)
        o.insert(QStringLiteral("checkedAtMs"), checkedAtMs);
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note.english());
    return o;
}

const char* updateStepName(UpdateStep step)
{
    switch (step) {
    case UpdateStep::Idle: return "idle";
    case UpdateStep::Resolving: return "resolving";
    case UpdateStep::Installing: return "installing";
    case UpdateStep::BackingUp: return "backing-up";
    case UpdateStep::Preflight: return "preflight";
    case UpdateStep::WaitingSafe: return "waiting-safe";
    case UpdateStep::Stopping: return "stopping";
    case UpdateStep::Switching: return "switching";
    case UpdateStep::Starting: return "starting";
    case UpdateStep::RollingBack: return "rolling-back";
    }
    return "idle";
}

int updateStepNumber(UpdateStep step)
{
    switch (step) {
    case UpdateStep::Idle: return 0;
    case UpdateStep::Resolving:
    case UpdateStep::Installing: return 1;
    case UpdateStep::BackingUp:
    case UpdateStep::Preflight: return 2;
    case UpdateStep::WaitingSafe: return 3;
    case UpdateStep::Stopping:
    case UpdateStep::Switching: return 4;
    case UpdateStep::Starting: return 5;
    case UpdateStep::RollingBack: return 6;
    }
    return 0;
}

QJsonObject UpdateProgress::toJson() const
{
    QJsonObject o{{QStringLiteral("running"), running}};
    if (!running)
        return o;
    o.insert(QStringLiteral("rollback"), rollback);
    o.insert(QStringLiteral("automatic"), automatic);
    o.insert(QStringLiteral("from"), from);
    o.insert(QStringLiteral("to"), to);
    o.insert(QStringLiteral("step"), QLatin1String(updateStepName(step)));
    o.insert(QStringLiteral("stepNumber"), updateStepNumber(step));
    o.insert(QStringLiteral("stepCount"), kUpdateStepCount);
    o.insert(QStringLiteral("text"), text.english());
    o.insert(QStringLiteral("startedAtMs"), startedAtMs);
    return o;
}

const char* updateResultName(UpdateOutcome::Result result)
{
    switch (result) {
    case UpdateOutcome::Result::None: return "none";
    case UpdateOutcome::Result::Updated: return "updated";
    case UpdateOutcome::Result::RolledBack: return "rolled-back";
    case UpdateOutcome::Result::Refused: return "refused";
    case UpdateOutcome::Result::Failed: return "failed";
    }
    return "none";
}

QJsonObject UpdateOutcome::toJson() const
{
    QJsonObject o{{QStringLiteral("result"), QLatin1String(updateResultName(result))}};
    if (result == Result::None)
        return o;
    o.insert(QStringLiteral("rollback"), rollback);
    o.insert(QStringLiteral("automatic"), automatic);
    o.insert(QStringLiteral("from"), from);
    o.insert(QStringLiteral("to"), to);
    o.insert(QStringLiteral("running"), running);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason.english());
    if (!action.isEmpty())
        o.insert(QStringLiteral("action"), action.english());
    o.insert(QStringLiteral("startedAtMs"), startedAtMs);
    o.insert(QStringLiteral("finishedAtMs"), finishedAtMs);
    return o;
}

} // namespace clawtray
