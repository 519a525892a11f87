// The lifecycle reducer: next(run, facts, event) → (run, effects). Two things are pinned here:
// every (state, facts, event) either does something the lifecycle table allows, step by step, or
// is ignored with a reason; and what each kind of loss and recovery does, effect by effect.
#include "supervisor/Reducer.h"

#include <QTest>

using namespace clawtray;
using reducer::Facts;
using runloss::RecoveryKind;

class TestSupervisorReducer : public QObject
{
    Q_OBJECT

    static ExitInfo exited(int code, const QStringList& lines = {})
    {
        ExitInfo e;
        e.kind = ExitInfo::Kind::Exited;
        e.exitCode = code;
        e.pid = 4242;
        e.lastLines = lines;
        return e;
    }

    static ExitInfo crashed()
    {
        ExitInfo e;
        e.kind = ExitInfo::Kind::Crashed;
        e.signal = 9;
        e.pid = 4242;
        return e;
    }

    static ReconnectBackoff::Decision backoff(ReconnectBackoff::Action a)
    {
        ReconnectBackoff::Decision d;
        d.action = a;
        d.attempt = 2;
        d.delayMs = 4000;
        d.message = UserText::verbatim(QStringLiteral("gave up after 10 attempts"));
        return d;
    }

    static RestartGovernor::Decision governor(RestartGovernor::Verdict v, RestartGovernor::Reason r)
    {
        RestartGovernor::Decision d;
        d.verdict = v;
        d.reason = r;
        d.retryAfterMs = v == RestartGovernor::Verdict::Allow ? 0 : 30000;
        d.text = UserText::verbatim(QStringLiteral("restart in 30 s"));
        return d;
    }

    // One of each event, with each answer a policy can give.
    static QList<reducer::Event> sampleEvents()
    {
        using A = ReconnectBackoff::Action;
        using V = RestartGovernor::Verdict;
        using R = RestartGovernor::Reason;
        QList<reducer::Event> out;
        for (bool requested : {false, true})
            for (bool restart : {false, true})
                out << reducer::SocketClosed{requested, restart, restart ? 1012 : 1006};
        out << reducer::Unresponsive{QStringLiteral("3 ticks missed")};
        const ExitInfo otherInstance = exited(78, {QStringLiteral("another gateway instance holds the lock")});
        for (const ExitInfo& e : {exited(0), exited(1), crashed(), otherInstance})
            out << reducer::ProcessExited{e};
        out << reducer::HandoffAnswered{true, false, QStringLiteral("accepted"), exited(0)}
            << reducer::HandoffAnswered{false, false, QStringLiteral("none"), exited(0)}
            << reducer::HandoffAnswered{false, true, QStringLiteral("unsupported"), exited(0)};
        out << reducer::SocketLossSettled{} << reducer::ShutdownAnnounced{QStringLiteral("restart"), 2500}
            << reducer::ShutdownAnnounced{QStringLiteral("stop"), -1};
        for (RecoveryKind k : {RecoveryKind::ProcessRestart, RecoveryKind::Reattach, RecoveryKind::ReconnectExternal})
            for (A a : {A::Skip, A::AlreadyScheduled, A::Exhausted, A::Schedule})
                out << reducer::RecoveryAsked{k, QStringLiteral("it crashed"), QStringLiteral("supervisor"), backoff(a)};
        out << reducer::RecoveryDue{} << reducer::GovernorAnswered{governor(V::Allow, R::None)}
            << reducer::GovernorAnswered{governor(V::Suppress, R::Cooldown)}
            << reducer::GovernorAnswered{governor(V::Suppress, R::CircuitOpen)};
        return out;
    }

    static Facts facts(GatewayState state, int bits)
    {
        Facts f;
        f.state = state;
        f.owned = bits & 1;
        f.starting = bits & 2;
        f.processAlive = bits & 4;
        f.processExiting = bits & 8;
        f.serviceManaged = bits & 16;
        f.recoveryArmed = bits & 32;
        f.nowMs = 1000;
        f.defaultRestartExpectedMs = 1500;
        f.socketLossSettleMs = 100;
        return f;
    }

    static LifecycleRun run(int bits)
    {
        LifecycleRun r;
        r.epoch = 7;
        r.expectInProcessRestart = bits & 1;
        r.restartExpectedMs = (bits & 1) ? 2500 : -1;
        r.killOnRecovery = bits & 2;
        r.recoveryKind = RecoveryKind(bits >> 2);
        r.recoveryReason = QStringLiteral("it crashed");
        r.recoveryRequestedBy = QStringLiteral("supervisor");
        return r;
    }

    static reducer::Step step(GatewayState state, int factBits, int runBits, const reducer::Event& e)
    {
        return reducer::next(run(runBits), facts(state, factBits), e);
    }

private Q_SLOTS:
    void everyEventIsAListedTransitionOrIgnoredWithAReason()
    {
        // 6 states × 64 fact combinations × 12 runs × every event and answer. Each either does
        // something, every state change of which the lifecycle table lists from the state it is
        // in at that moment, or does nothing and says why.
        int pairs = 0, acted = 0;
        const QList<reducer::Event> events = sampleEvents();
        for (GatewayState state : lifecycle::allStates())
            for (int fb = 0; fb < 64; ++fb)
                for (int rb = 0; rb < 12; ++rb)
                    for (const reducer::Event& e : events) {
                        ++pairs;
                        const reducer::Step s = step(state, fb, rb, e);
                        const QString where = QStringLiteral("%1 in %2, facts %3, run %4: %5")
                                                  .arg(reducer::eventName(e), gatewayStateName(state))
                                                  .arg(fb)
                                                  .arg(rb)
                                                  .arg(describeAll(s.effects));
                        QVERIFY2(s.effects.isEmpty() != s.ignoredBecause.isEmpty(), qPrintable(where));
                        if (s.effects.isEmpty())
                            continue;
                        ++acted;
                        GatewayState now = state;
                        for (const Effect& fx : s.effects) {
                            std::optional<GatewayState> to;
                            if (fx.kind == Effect::Kind::Transition && lifecycle::target(fx.event) == now)
                                continue; // already there: no change (the table's "=")
                            if (fx.kind == Effect::Kind::Transition)
                                to = lifecycle::next(now, fx.event);
                            else if (fx.kind == Effect::Kind::Stop && facts(state, fb).processAlive)
                                to = lifecycle::next(now, LifecycleEvent::StopBegun);
                            else
                                continue;
                            QVERIFY2(to.has_value(), qPrintable(QStringLiteral("not in the table: ") + fx.describe() + QStringLiteral(" from ")
                                                                + gatewayStateName(now) + QStringLiteral(" — ") + where));
                            now = *to;
                        }
                    }
        QVERIFY(acted > 0 && acted < pairs);
    }

    void aLostSocketToALiveGatewaySettlesThenReattaches()
    {
        const reducer::Step s = step(GatewayState::Running, 1 | 4, 0, reducer::SocketClosed{false, false, 1006});
        QCOMPARE(describeAll(s.effects),
                 QStringLiteral("note socket close 1006; tell backoff: connection lost; transition connection lost; "
                                "pending \"connection lost; checking the gateway process\"; publish; arm socket-loss 100 ms"));
        QCOMPARE(s.run.recoveryReason, QStringLiteral("connection lost (code 1006)"));

        // The settle time is over and nothing else began: reattach, through the backoff.
        LifecycleRun r = s.run;
        const reducer::Step settled = reducer::next(r, facts(GatewayState::Reconnecting, 1 | 4), reducer::SocketLossSettled{});
        QCOMPARE(describeAll(settled.effects), QStringLiteral("schedule reattach (connection lost (code 1006), by supervisor)"));
        QVERIFY(!reducer::next(r, facts(GatewayState::Reconnecting, 1 | 4 | 32), reducer::SocketLossSettled{}).ignoredBecause.isEmpty());
    }

    void anAnnouncedRestartIsWaitedOutNotRecovered()
    {
        reducer::Step s = step(GatewayState::Running, 1 | 4, 1, reducer::SocketClosed{false, false, 1006});
        QCOMPARE(describeAll(s.effects),
                 QStringLiteral("note socket close 1006; tell backoff: connection lost; "
                                "open or continue restart row in-process (gateway restarting in-process, by gateway): in progress; "
                                "mark restart announced on; tell coordinator: restart completed; transition connection lost; "
                                "pending \"gateway restarting; reconnecting in 2 s\"; next retry in 2500 ms; publish; arm recovery 2500 ms"));
        QVERIFY(!s.run.expectInProcessRestart);
        QCOMPARE(s.run.restartExpectedMs, qint64(-1));
        QCOMPARE(s.run.recoveryKind, RecoveryKind::Reattach);

        // The announcement itself: remembered, and the reload tracker hears of it.
        s = reducer::next(LifecycleRun{}, facts(GatewayState::Running, 1 | 4), reducer::ShutdownAnnounced{QStringLiteral("restart"), 2500});
        QVERIFY(s.run.expectInProcessRestart);
        QCOMPARE(s.run.restartExpectedMs, qint64(2500));
        QVERIFY(describeAll(s.effects).endsWith(QStringLiteral("tell reload: restart announced; publish")));
    }

    void anUnresponsiveGatewayIsKilledAtTheRestart()
    {
        const reducer::Step s = step(GatewayState::Running, 1 | 4, 0, reducer::Unresponsive{QStringLiteral("3 ticks missed")});
        QCOMPARE(describeAll(s.effects),
                 QStringLiteral("mark unresponsive on; mark verifying off; publish; tell backoff: connection lost; disconnect; "
                                "schedule restart (unresponsive: 3 ticks missed, by supervisor)"));
        QVERIFY(s.run.killOnRecovery);

        // Its restart, once the governor allows it: stopped by killing, then spawned again.
        const reducer::Step allowed = reducer::next(s.run, facts(GatewayState::Reconnecting, 1 | 4),
                                                    reducer::GovernorAnswered{governor(RestartGovernor::Verdict::Allow, RestartGovernor::Reason::None)});
        QCOMPARE(describeAll(allowed.effects),
                 QStringLiteral("tell governor: restart; count restarts executed; open restart row process (it crashed, by supervisor): in progress; "
                                "transition recovery started; stop by killing, then the recovery's restart (run 7); "
                                "transition recovery started; publish"));
        QVERIFY(!allowed.run.killOnRecovery);
    }

    void aCleanExitAsksForTheHandoffInANewRun()
    {
        const reducer::Step s = step(GatewayState::Running, 1, 0, reducer::ProcessExited{exited(0)});
        QCOMPARE(describeAll(s.effects),
                 QStringLiteral("cancel timers; stop liveness; disconnect; release lease; forget pid; transition exited cleanly; "
                                "pending \"the gateway exited cleanly; checking for a restart it asked for\"; publish; consume handoff of pid 4242"));
        QCOMPARE(s.run.epoch, quint64(8));

        const reducer::Step accepted =
            reducer::next(s.run, facts(GatewayState::Reconnecting, 1), reducer::HandoffAnswered{true, false, QStringLiteral("accepted"), exited(0)});
        QVERIFY(describeAll(accepted.effects).endsWith(QStringLiteral("forget start time; reset attempts; transition handoff accepted; begin fresh start")));
        // No handoff: an exit nobody asked for after all.
        const reducer::Step none =
            reducer::next(s.run, facts(GatewayState::Reconnecting, 1), reducer::HandoffAnswered{false, true, QStringLiteral("unsupported"), exited(0)});
        QVERIFY(describeAll(none.effects).startsWith(QStringLiteral("no pending action; count unexpected exits")));
    }

    void anUnexpectedExitIsRestartedUnlessARestartCannotFixIt()
    {
        const QString lost = QStringLiteral("count unexpected exits; mark restart announced off; cancel socket-loss timer; release lease; "
                                            "stop liveness; disconnect; tell backoff: connection lost; tell governor: stopped; forget pid; "
                                            "forget start time; notice unexpected-exit: ");
        reducer::Step s = step(GatewayState::Running, 1, 0, reducer::ProcessExited{crashed()});
        QVERIFY2(describeAll(s.effects).startsWith(lost), qPrintable(describeAll(s.effects)));
        QCOMPARE(s.effects.last().kind, Effect::Kind::ScheduleRecovery);
        QCOMPARE(s.effects.last().recovery, RecoveryKind::ProcessRestart);

        s = step(GatewayState::Running, 1, 0, reducer::ProcessExited{exited(78, {QStringLiteral("another gateway instance holds the lock")})});
        QCOMPARE(s.effects.last().kind, Effect::Kind::EnterError);
        QCOMPARE(s.effects.last().problem.kind, ProblemKind::OtherInstanceOwnsStateDir);

        // Not ours, or during a start: not this table's to judge.
        QVERIFY(!step(GatewayState::Running, 0, 0, reducer::ProcessExited{crashed()}).ignoredBecause.isEmpty());
        QVERIFY(!step(GatewayState::Running, 1 | 2, 0, reducer::ProcessExited{crashed()}).ignoredBecause.isEmpty());
    }

    void theBackoffSchedulesOrGivesUp()
    {
        reducer::Step s = step(GatewayState::Running, 1, 0,
                               reducer::RecoveryAsked{RecoveryKind::ProcessRestart, QStringLiteral("it crashed"), QStringLiteral("supervisor"),
                                                      backoff(ReconnectBackoff::Action::Schedule)});
        QCOMPARE(describeAll(s.effects),
                 QStringLiteral("transition recovery scheduled; attempt 2; next retry in 4000 ms; pending \"restarting in 4 s (attempt 2)\"; "
                                "log warn it crashed; restarting in 4 s (attempt 2); publish; arm recovery 4000 ms"));
        QCOMPARE(s.run.recoveryKind, RecoveryKind::ProcessRestart);

        s = step(GatewayState::Running, 1, 0,
                 reducer::RecoveryAsked{RecoveryKind::ReconnectExternal, QStringLiteral("lost"), QStringLiteral("gateway"),
                                        backoff(ReconnectBackoff::Action::Exhausted)});
        QCOMPARE(s.effects.size(), 1);
        QCOMPARE(s.effects.first().kind, Effect::Kind::EnterError);
        QCOMPARE(s.effects.first().problem.kind, ProblemKind::ReconnectExhausted);
        QCOMPARE(s.effects.first().problem.summary.english(), QStringLiteral("gave up after 10 attempts (last problem: lost)"));
    }

    void aDueRecoveryTakesItsMove()
    {
        // run bits: recovery kind in bits 2..3; fact bits: 4 alive, 16 service.
        QCOMPARE(describeAll(step(GatewayState::Reconnecting, 4, 1 << 2, reducer::RecoveryDue{}).effects),
                 QStringLiteral("count reconnect attempts; no next retry; no pending action; begin start (reattach)"));
        QCOMPARE(describeAll(step(GatewayState::Reconnecting, 16, 2 << 2, reducer::RecoveryDue{}).effects),
                 QStringLiteral("count reconnect attempts; no next retry; no pending action; begin start (attach to the service)"));
        QCOMPARE(describeAll(step(GatewayState::Reconnecting, 0, 2 << 2, reducer::RecoveryDue{}).effects),
                 QStringLiteral("count reconnect attempts; no next retry; no pending action; begin start (reconnect)"));
        QCOMPARE(describeAll(step(GatewayState::Error, 0, 0, reducer::RecoveryDue{}).effects),
                 QStringLiteral("count reconnect attempts; no next retry; no pending action; ask governor"));
        QVERIFY(!step(GatewayState::Stopped, 0, 0, reducer::RecoveryDue{}).ignoredBecause.isEmpty());
    }

    void theGovernorsPauseIsShownAndNoticedOnce()
    {
        const auto circuit = reducer::GovernorAnswered{governor(RestartGovernor::Verdict::Suppress, RestartGovernor::Reason::CircuitOpen)};
        const QString first = describeAll(step(GatewayState::Reconnecting, 1, 0, circuit).effects);
        QVERIFY2(first.contains(QStringLiteral("notice circuit-open")), qPrintable(first));
        QVERIFY(first.contains(QStringLiteral("transition problem found")));
        QVERIFY(first.endsWith(QStringLiteral("publish; arm recovery 30000 ms")));
        // Already in error (the pause goes on): no second notice.
        const QString again = describeAll(step(GatewayState::Error, 1, 0, circuit).effects);
        QVERIFY(!again.contains(QStringLiteral("notice")));
        const QString cooldown =
            describeAll(step(GatewayState::Reconnecting, 1, 0,
                             reducer::GovernorAnswered{governor(RestartGovernor::Verdict::Suppress, RestartGovernor::Reason::Cooldown)})
                            .effects);
        QCOMPARE(cooldown, QStringLiteral("note restart row process (it crashed, by supervisor): postponed: restart in 30 s; "
                                          "pending \"restart in 30 s\"; next retry in 30000 ms; publish; arm recovery 30000 ms"));
    }
};

QTEST_GUILESS_MAIN(TestSupervisorReducer)
#include "tst_supervisor_reducer.moc"
