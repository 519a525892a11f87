#include "supervisor/Lifecycle.h"

#include <QStringList>

namespace clawtray::lifecycle {
namespace {

using S = GatewayState;
using E = LifecycleEvent;

struct Row
{
    E event;
    const char* name;
    S to;
    QList<S> from;      // the states in which the event changes the state to `to`
    const char* others; // why it does not happen in any other state
};

// The lifecycle, written down once. Each event leads to one state; `from` lists where it may
// happen. Everything else is ignored for the reason given (and in its own target state an event
// changes nothing).
const QList<Row>& rows()
{
    static const QList<Row> table = {
        {E::StartRequested, "start requested", S::Starting, {S::Stopped, S::Error, S::Reconnecting},
         "already starting or running; while stopping the start waits for the stop to finish"},
        {E::RestartBegun, "restart begun", S::Starting, {S::Stopped, S::Running, S::Reconnecting, S::Stopping, S::Error},
         "a restart asked for while a start runs waits for it (RestartCoordinator)"},
        {E::StartRetried, "start retried", S::Starting, {S::Stopping, S::Reconnecting},
         "a failed start is retried from the start that failed (Starting, Reconnecting) or after stopping its process"},
        {E::HandoffAccepted, "handoff accepted", S::Starting, {S::Reconnecting},
         "the handoff is checked only after a clean exit (Reconnecting)"},
        {E::StopBegun, "stop begun", S::Stopping, {S::Stopped, S::Starting, S::Running, S::Reconnecting, S::Error},
         "already stopping"},
        {E::StopFinished, "stop finished", S::Stopped, {S::Starting, S::Running, S::Reconnecting, S::Stopping, S::Error},
         "already stopped"},
        {E::Ready, "ready", S::Running, {S::Starting, S::Reconnecting},
         "a start or reconnect sequence runs only while Starting or Reconnecting; a stop abandons it"},
        {E::ExitedCleanly, "exited cleanly", S::Reconnecting, {S::Running},
         "an exit is ours to judge only while the gateway ran (Running, Reconnecting); in a start the sequence reports it"},
        {E::ConnectionLost, "connection lost", S::Reconnecting, {S::Running},
         "a start sequence handles its own connection; after a stop there is none"},
        {E::RecoveryScheduled, "recovery scheduled", S::Reconnecting, {S::Starting, S::Running, S::Stopping, S::Error},
         "nothing recovers a gateway the user stopped"},
        {E::RecoveryStarted, "recovery started", S::Reconnecting, {S::Stopping, S::Error},
         "a recovery runs only once scheduled (Reconnecting), or after the restart pause (Error)"},
        {E::ProblemFound, "problem found", S::Error, {S::Stopped, S::Starting, S::Running, S::Reconnecting, S::Stopping},
         "already in error"},
    };
    return table;
}

const Row* rowFor(E e)
{
    for (const Row& r : rows())
        if (r.event == e)
            return &r;
    return nullptr;
}

} // namespace

QList<LifecycleEvent> allEvents()
{
    QList<LifecycleEvent> out;
    for (const Row& r : rows())
        out << r.event;
    return out;
}

QList<GatewayState> allStates()
{
    return {S::Stopped, S::Starting, S::Running, S::Reconnecting, S::Stopping, S::Error};
}

QString eventName(LifecycleEvent e)
{
    const Row* r = rowFor(e);
    return r ? QString::fromLatin1(r->name) : QStringLiteral("unknown");
}

GatewayState target(LifecycleEvent e)
{
    const Row* r = rowFor(e);
    return r ? r->to : S::Error;
}

std::optional<GatewayState> next(GatewayState from, LifecycleEvent e)
{
    const Row* r = rowFor(e);
    if (!r || !r->from.contains(from))
        return std::nullopt;
    return r->to;
}

QString ignoredBecause(GatewayState from, LifecycleEvent e)
{
    const Row* r = rowFor(e);
    if (!r || r->from.contains(from))
        return {};
    if (from == r->to)
        return QStringLiteral("no change");
    return QString::fromLatin1(r->others);
}

QString markdownTable()
{
    QStringList out;
    QStringList head{QStringLiteral("event")};
    QStringList rule{QStringLiteral("---")};
    for (GatewayState s : allStates()) {
        head << gatewayStateName(s);
        rule << QStringLiteral(":-:");
    }
    head << QStringLiteral("elsewhere ignored, because");
    rule << QStringLiteral("---");
    out << QStringLiteral("| %1 |").arg(head.join(QLatin1String(" | "))) << QStringLiteral("| %1 |").arg(rule.join(QLatin1String(" | ")));
    for (const Row& r : rows()) {
        QStringList cells{QString::fromLatin1(r.name)};
        for (GatewayState s : allStates())
            cells << (r.from.contains(s) ? QStringLiteral("→ %1").arg(gatewayStateName(r.to)) : s == r.to ? QStringLiteral("=") : QStringLiteral("·"));
        cells << QString::fromLatin1(r.others);
        out << QStringLiteral("| %1 |").arg(cells.join(QLatin1String(" | ")));
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace clawtray::lifecycle
