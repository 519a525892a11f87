#include "supervisor/ReducerTypes.h"

namespace clawtray::reducer {
namespace {

// A restart asked for while a start is under way waits for that start (the pending action says so).
const char* const kRestartAfterStartUp = QT_TRANSLATE_NOOP("UserText", "restart after start-up");

} // namespace

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
