#include "supervisor/RunLoss.h"

#include "policy/StartupRecovery.h"

namespace clawtray::runloss {

namespace {
bool running(const Facts& f)
{
    return f.state == GatewayState::Running;
}
} // namespace

QString verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Ignore: return QStringLiteral("ignore");
    case Verdict::ReconnectExternal: return QStringLiteral("reconnect-external");
    case Verdict::AwaitExit: return QStringLiteral("await-exit");
    case Verdict::AwaitInProcessRestart: return QStringLiteral("await-in-process-restart");
    case Verdict::SettleThenReattach: return QStringLiteral("settle-then-reattach");
    case Verdict::KillAndRestart: return QStringLiteral("kill-and-restart");
    case Verdict::CheckHandoff: return QStringLiteral("check-handoff");
    case Verdict::Unexpected: return QStringLiteral("unexpected");
    }
    return {};
}

Verdict onSocketClosed(const Facts& f, bool requested, bool serviceRestart)
{
    // A start sequence handles its own connection; after a stop there is none to lose.
    if (requested || f.starting || !running(f))
        return Verdict::Ignore;
    if (!f.owned)
        return Verdict::ReconnectExternal;
    // Dying or dead (maybe not reaped yet): the exit handles it, without a detour.
    if (!f.processAlive || f.processExiting)
        return Verdict::AwaitExit;
    if (serviceRestart || f.restartAnnounced)
        return Verdict::AwaitInProcessRestart;
    return Verdict::SettleThenReattach;
}

Verdict onUnresponsive(const Facts& f)
{
    if (!running(f))
        return Verdict::Ignore;
    // A gateway that does not answer may not handle SIGTERM either (SIGSTOP, a busy loop).
    return f.owned ? Verdict::KillAndRestart : Verdict::ReconnectExternal;
}

Verdict onProcessExited(const Facts& f, const ExitInfo& e)
{
    if (f.starting)
        return Verdict::Ignore; // the start sequence reports it
    // An exit is ours to judge only while our gateway ran (Running, Reconnecting).
    if (!f.owned || (f.state != GatewayState::Running && f.state != GatewayState::Reconnecting))
        return Verdict::Ignore;
    if (e.kind == ExitInfo::Kind::Exited && e.exitCode == 0)
        return Verdict::CheckHandoff;
    return Verdict::Unexpected;
}

RecoveryMove recoveryMove(RecoveryKind kind, bool serviceManaged, bool processAlive)
{
    if (kind == RecoveryKind::ReconnectExternal)
        return serviceManaged ? RecoveryMove::AttachService : RecoveryMove::ReconnectExternal;
    // A reattach to a process that died meanwhile is a restart.
    if (kind == RecoveryKind::Reattach && processAlive)
        return RecoveryMove::ReattachOwned;
    return RecoveryMove::RestartProcess;
}

StartupFailure failureOf(const ExitInfo& e)
{
    StartupFailure f;
    if (e.kind == ExitInfo::Kind::Crashed)
        f.signal = e.signal;
    else
        f.exitCode = e.exitCode;
    f.stderrLines = e.lastLines;
    return f;
}

std::optional<GatewayProblem> problemAfterExit(const ExitInfo& e, qint64 nowMs)
{
    const auto cls = StartupRecovery::classify(failureOf(e));
    const bool cannotRestart = cls.kind == StartupRecovery::Kind::OtherInstanceOwnsStateDir
                               || cls.kind == StartupRecovery::Kind::NodeTooOld
                               || cls.kind == StartupRecovery::Kind::MigrationLock
                               || (cls.kind == StartupRecovery::Kind::InvalidConfig && e.exitCode == 78);
    if (!cannotRestart)
        return std::nullopt;
    return GatewayProblem{problemKindFor(cls.kind), cls.explanation, cls.suggestedAction,
                          cls.kind == StartupRecovery::Kind::InvalidConfig ? ProblemAction::DoctorFix : ProblemAction::None,
                          nowMs};
}

} // namespace clawtray::runloss
