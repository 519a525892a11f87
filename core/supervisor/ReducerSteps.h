#pragma once

// The reducer's steps, one function an event (supervisor/Reducer.h has the public face). Private to
// Reducer*.cpp: ReducerLoss (losing the gateway and getting it back), ReducerStart (the intents and
// how a start ends), ReducerStop (what follows a stop, the error state, OpenClaw's service),
// ReducerReload (a reload, the safe restart, the user's doctor, quitting).
#include "supervisor/ReducerTypes.h"

namespace clawtray::reducer::steps {

using K = Effect::Kind;
using runloss::RecoveryKind;

// Nothing to do, and why.
inline Step ignored(LifecycleRun run, const QString& why)
{
    Step s;
    s.run = std::move(run);
    s.ignoredBecause = why;
    return s;
}

// A recovery timer runs only while reconnecting, or in the error state after the governor paused
// restarts; a start or a stop cancels it.
inline bool recoveryMayRun(GatewayState s)
{
    return s == GatewayState::Reconnecting || s == GatewayState::Error;
}

Step socketClosed(LifecycleRun run, const Facts& f, const SocketClosed& c);
Step unresponsive(LifecycleRun run, const Facts& f, const Unresponsive& u);
Step processExited(LifecycleRun run, const Facts& f, const ProcessExited& x);
Step handoffAnswered(LifecycleRun run, const Facts& f, const HandoffAnswered& h);
Step socketLossSettled(LifecycleRun run, const Facts& f);
Step shutdownAnnounced(LifecycleRun run, const ShutdownAnnounced& a);
Step recoveryAsked(LifecycleRun run, const Facts& f, const RecoveryAsked& r);
Step recoveryDue(LifecycleRun run, const Facts& f);
Step governorAnswered(LifecycleRun run, const Facts& f, const GovernorAnswered& g);
Step startFailed(LifecycleRun run, const Facts& f, const StartFailed& sf);
Step concludeStart(LifecycleRun run, const Facts& f, const ConcludeStart& c);
Step attemptDecided(LifecycleRun run, const Facts& f, const AttemptDecided& a);
Step doctorDecided(LifecycleRun run, const Facts& f, const DoctorDecided& d);
Step retryDue(LifecycleRun run);
Step startAsked(LifecycleRun run, const Facts& f);
Step stopAsked(LifecycleRun run, const Facts& f, const StopAsked& a);
Step restartBegins(LifecycleRun run, const Facts& f, const RestartBegins& r);
Step restartAsked(LifecycleRun run, const Facts& f, const RestartAsked& r);
Step startSucceeded(LifecycleRun run, const Facts& f, const StartSucceeded& ok);
Step errorFound(LifecycleRun run, const Facts& f, const ErrorFound& e);
Step stopDone(LifecycleRun run, const Facts& f, const StopDone& d);
Step takeOverAsked(LifecycleRun run, const Facts& f, const TakeOverAsked& a);
Step handBackAsked(LifecycleRun run, const Facts& f, const HandBackAsked& a);
Step serviceAnswered(LifecycleRun run, const Facts& f, const ServiceAnswered& a);
Step reloadDue(LifecycleRun run, const Facts& f, const ReloadDue& r);
Step inProcessRestartAnswered(LifecycleRun run, const Facts& f, const InProcessRestartAnswered& a);
Step safeRestartAsked(LifecycleRun run, const Facts& f, const SafeRestartAsked& a);
Step safeRestartAnswered(LifecycleRun run, const Facts& f, const SafeRestartAnswered& a);
Step userDoctorFinished(LifecycleRun run, const Facts& f, const UserDoctorFinished& d);
Step quitAsked(LifecycleRun run, const Facts& f, const QuitAsked& q);
Step serviceProbed(LifecycleRun run, const ServiceProbed& p);
Step causeGone(LifecycleRun run, const Facts& f, const CauseGone& c);

} // namespace clawtray::reducer::steps
