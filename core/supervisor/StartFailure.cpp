#include "supervisor/StartFailure.h"

#include "supervisor/RunLoss.h"

namespace clawtray::startfailure {

StartupRecovery::Classification classify(const StartSequence::Outcome& o)
{
    StartupFailure f = o.exit ? runloss::failureOf(*o.exit) : StartupFailure{};
    f.stderrLines = o.lastLines;
    if (!o.exit) // an exit is described by its code and the gateway's own lines, not our wording
        f.errorText = o.problem.summary.english();
    auto cls = StartupRecovery::classify(f);
    if (!o.exit && (o.problem.kind == ProblemKind::NotReady || o.problem.kind == ProblemKind::ConnectFailed
                    || o.problem.kind == ProblemKind::PortHeld)) {
        // Our own timeouts say nothing about the gateway's configuration: retry within the budget.
        cls.kind = StartupRecovery::Kind::Transient;
        cls.explanation = o.problem.summary;
        cls.suggestedAction = o.problem.action;
    }
    return cls;
}

QString verdictName(Verdict v)
{
    switch (v) {
    case Verdict::ShowAsReported: return QStringLiteral("show-as-reported");
    case Verdict::AttachToLockOwner: return QStringLiteral("attach-to-lock-owner");
    case Verdict::ShowClassified: return QStringLiteral("show-classified");
    case Verdict::StopThenRestart: return QStringLiteral("stop-then-restart");
    case Verdict::RecoverReconnect: return QStringLiteral("recover-reconnect");
    case Verdict::RecoverReattach: return QStringLiteral("recover-reattach");
    case Verdict::RecoverRestart: return QStringLiteral("recover-restart");
    case Verdict::NextAttempt: return QStringLiteral("next-attempt");
    }
    return {};
}

bool needsLockOwner(const Facts& f, const StartupRecovery::Classification& cls)
{
    return !f.fatal && cls.kind == StartupRecovery::Kind::OtherInstanceOwnsStateDir && !f.lockAttachRetried
           && !f.processAlive;
}

Verdict decide(const Facts& f, const StartupRecovery::Classification& cls)
{
    if (f.fatal)
        return Verdict::ShowAsReported;
    // Another gateway took the state dir between our look at its lock and the spawn: attach to
    // that one (the fresh start reads the lock again). Once per start(): never a loop.
    if (needsLockOwner(f, cls) && f.lockOwnerAlive)
        return Verdict::AttachToLockOwner;
    if (!cls.retryable() && cls.kind != StartupRecovery::Kind::InvalidConfig)
        return Verdict::ShowClassified;
    if (f.recovering) {
        // A recovery attempt failed: back off and try again (or give up, visibly).
        // Our process that never became ready is not waited on again: it is stopped and restarted.
        if (f.processAlive && f.neverReady)
            return Verdict::StopThenRestart;
        if (!f.owned)
            return Verdict::RecoverReconnect;
        return f.processAlive ? Verdict::RecoverReattach : Verdict::RecoverRestart;
    }
    return Verdict::NextAttempt;
}

GatewayProblem classifiedProblem(const GatewayProblem& reported, const StartupRecovery::Classification& cls)
{
    GatewayProblem p = reported;
    p.kind = problemKindFor(cls.kind);
    p.summary = cls.explanation.isEmpty() ? reported.summary : cls.explanation;
    p.action = cls.suggestedAction;
    return p;
}

} // namespace clawtray::startfailure
