#include "supervisor/Reducer.h"

#include "supervisor/ReducerSteps.h"

namespace clawtray::reducer {
namespace {

// A restart asked for while a start is under way waits for that start (the pending action says so).
const char* const kRestartAfterStartUp = QT_TRANSLATE_NOOP("UserText", "restart after start-up");

} // namespace

namespace steps {

intents::Facts intentFacts(const Facts& f)
{
    intents::Facts i;
    i.state = f.state;
    i.owned = f.owned;
    i.processAlive = f.processAlive;
    i.serviceManaged = f.serviceManaged;
    return i;
}

runloss::Facts lossFacts(const LifecycleRun& run, const Facts& f)
{
    runloss::Facts l;
    l.state = f.state;
    l.owned = f.owned;
    l.starting = f.starting;
    l.processAlive = f.processAlive;
    l.processExiting = f.processExiting;
    l.restartAnnounced = run.expectInProcessRestart;
    return l;
}

Step ignored(LifecycleRun run, const QString& why)
{
    Step s;
    s.run = std::move(run);
    s.ignoredBecause = why;
    return s;
}

// A recovery timer runs only while reconnecting, or in the error state after the governor paused
// restarts; a start or a stop cancels it.
bool recoveryMayRun(GatewayState s)
{
    return s == GatewayState::Reconnecting || s == GatewayState::Error;
}

} // namespace steps

namespace {

using namespace steps;

template <class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace

QString eventName(const Event& e)
{
    static const char* const names[] = {"socket closed",   "unresponsive",        "process exited",     "handoff answered",
                                        "socket loss settled", "shutdown announced", "recovery asked",   "recovery due",
                                        "governor answered", "start failed",      "attempt decided",    "conclude start",
                                        "doctor decided",  "retry due",         "start asked",        "stop asked",
                                        "restart asked",   "restart begins",    "stop done",          "error found",
                                        "start succeeded", "take-over asked",     "hand-back asked",    "service answered",
                                        "reload due",      "in-process restart answered", "safe restart asked",
                                        "safe restart answered", "user's doctor finished", "quit asked",
                                        "service probed",  "cause gone"};
    static_assert(std::variant_size_v<Event> == sizeof(names) / sizeof(names[0]));
    return QString::fromLatin1(names[e.index()]);
}

Step next(LifecycleRun run, const Facts& f, const Event& event)
{
    return std::visit(Overloaded{
                          [&](const SocketClosed& c) { return socketClosed(std::move(run), f, c); },
                          [&](const Unresponsive& u) { return unresponsive(std::move(run), f, u); },
                          [&](const ProcessExited& x) { return processExited(std::move(run), f, x); },
                          [&](const HandoffAnswered& h) { return handoffAnswered(std::move(run), f, h); },
                          [&](const SocketLossSettled&) { return socketLossSettled(std::move(run), f); },
                          [&](const ShutdownAnnounced& a) { return shutdownAnnounced(std::move(run), a); },
                          [&](const RecoveryAsked& r) { return recoveryAsked(std::move(run), f, r); },
                          [&](const RecoveryDue&) { return recoveryDue(std::move(run), f); },
                          [&](const GovernorAnswered& g) { return governorAnswered(std::move(run), f, g); },
                          [&](const StartFailed& sf) { return startFailed(std::move(run), f, sf); },
                          [&](const AttemptDecided& a) { return attemptDecided(std::move(run), f, a); },
                          [&](const ConcludeStart& c) { return concludeStart(std::move(run), f, c); },
                          [&](const DoctorDecided& d) { return doctorDecided(std::move(run), f, d); },
                          [&](const RetryDue&) { return retryDue(std::move(run)); },
                          [&](const StartAsked&) { return startAsked(std::move(run), f); },
                          [&](const StopAsked& a) { return stopAsked(std::move(run), f, a); },
                          [&](const RestartAsked& r) { return restartAsked(std::move(run), f, r); },
                          [&](const RestartBegins& r) { return restartBegins(std::move(run), f, r); },
                          [&](const StopDone& d) { return stopDone(std::move(run), f, d); },
                          [&](const ErrorFound& e) { return errorFound(std::move(run), f, e); },
                          [&](const StartSucceeded& o) { return startSucceeded(std::move(run), f, o); },
                          [&](const TakeOverAsked& a) { return takeOverAsked(std::move(run), f, a); },
                          [&](const HandBackAsked& a) { return handBackAsked(std::move(run), f, a); },
                          [&](const ServiceAnswered& a) { return serviceAnswered(std::move(run), f, a); },
                          [&](const ReloadDue& r) { return reloadDue(std::move(run), f, r); },
                          [&](const InProcessRestartAnswered& a) { return inProcessRestartAnswered(std::move(run), f, a); },
                          [&](const SafeRestartAsked& a) { return safeRestartAsked(std::move(run), f, a); },
                          [&](const SafeRestartAnswered& a) { return safeRestartAnswered(std::move(run), f, a); },
                          [&](const UserDoctorFinished& d) { return userDoctorFinished(std::move(run), f, d); },
                          [&](const QuitAsked& q) { return quitAsked(std::move(run), f, q); },
                          [&](const ServiceProbed& p) { return serviceProbed(std::move(run), p); },
                          [&](const CauseGone& c) { return causeGone(std::move(run), f, c); },
                      },
                      event);
}

bool restartMustWait(const Facts& f)
{
    return intents::restartMustWait(intentFacts(f), f.starting);
}

UserText restartAfterStartUp()
{
    return UserText(kRestartAfterStartUp);
}

startfailure::Facts startFailureFacts(const LifecycleRun& run, const Facts& f, const StartSequence::Outcome& o)
{
    startfailure::Facts sf;
    sf.fatal = o.fatal;
    sf.recovering = f.state == GatewayState::Reconnecting;
    sf.owned = o.owned;
    sf.processAlive = f.processAlive;
    sf.neverReady = o.problem.kind == ProblemKind::NotReady;
    sf.lockAttachRetried = run.lockAttachRetried;
    return sf;
}

} // namespace clawtray::reducer
