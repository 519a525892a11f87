#include "supervisor/Reducer.h"

#include "supervisor/ReducerSteps.h"

namespace clawtray::reducer {
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

} // namespace clawtray::reducer
