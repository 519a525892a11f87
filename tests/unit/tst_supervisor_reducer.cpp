// The lifecycle reducer: next(run, facts, event) → (run, effects). Two things are pinned here:
// every (state, facts, event) either does something the lifecycle table allows, step by step, or
// is ignored with a reason; and what each kind of loss and recovery does, effect by effect.
#include "supervisor/Reducer.h"

#include <optional>

#include <QJsonObject>

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

    static StartupRecovery::Classification failure(StartupRecovery::Kind k)
    {
        StartupRecovery::Classification c;
        c.kind = k;
        c.explanation = UserText::verbatim(QStringLiteral("it failed"));
        c.suggestedAction = UserText::verbatim(QStringLiteral("look at it"));
        return c;
    }

    static QList<StartAttempts::Step> attemptSteps()
    {
        StartAttempts::Step retry;
        retry.action = StartAttempts::Action::Retry;
        retry.delayMs = 2000;
        StartAttempts::Step doctor;
        doctor.action = StartAttempts::Action::RunDoctor;
        StartAttempts::Step fail;
        fail.action = StartAttempts::Action::Fail;
        fail.explanation = UserText::verbatim(QStringLiteral("gave up after 3 attempts"));
        return {retry, doctor, fail};
    }

    // Failed starts: the process exited (code 1, or 78 with the lock named), not ready in time,
    // a fatal refusal; each ours and not ours.
    static QList<StartSequence::Outcome> failedStarts()
    {
        QList<StartSequence::Outcome> out;
        for (bool owned : {false, true}) {
            StartSequence::Outcome exit1;
            exit1.owned = owned;
            exit1.problem = {ProblemKind::Exited, UserText::verbatim(QStringLiteral("it exited")), {}, ProblemAction::None, 1};
            exit1.exit = exited(1, {QStringLiteral("boom")});
            StartSequence::Outcome lock = exit1;
            lock.exit = exited(78, {QStringLiteral("another gateway instance holds the lock")});
            lock.lastLines = lock.exit->lastLines;
            StartSequence::Outcome notReady;
            notReady.owned = owned;
            notReady.problem = {ProblemKind::NotReady, UserText::verbatim(QStringLiteral("not ready in time")), {}, ProblemAction::None, 1};
            StartSequence::Outcome fatal;
            fatal.owned = owned;
            fatal.fatal = true;
            fatal.problem = {ProblemKind::AuthRejected, UserText::verbatim(QStringLiteral("token rejected")), {}, ProblemAction::None, 1};
            out << exit1 << lock << notReady << fatal;
        }
        return out;
    }

    static StartSequence::Outcome running(bool owned)
    {
        StartSequence::Outcome o;
        o.ok = true;
        o.owned = owned;
        o.pid = 4243;
        o.port = 18789;
        return o;
    }

    // What may follow a stop: each kind; the recovery's restart of this run (7, which its stop
    // made 8) and of an older one.
    static QList<AfterStop> afterStops()
    {
        QList<AfterStop> out;
        for (AfterStop::Kind k : {AfterStop::Kind::Nothing, AfterStop::Kind::FinishStop, AfterStop::Kind::RestartFresh,
                                  AfterStop::Kind::RecoverProcess, AfterStop::Kind::ShowProblem, AfterStop::Kind::HandBackToService}) {
            AfterStop a{k};
            a.reason = QStringLiteral("gateway never became ready");
            a.problem = {ProblemKind::NotReady, UserText::verbatim(QStringLiteral("not ready in time")), {}, ProblemAction::None, 1};
            a.unit = QStringLiteral("openclaw-gateway.service");
            out << a;
        }
        for (const StartAttempts::Step& st : attemptSteps()) {
            AfterStop a{AfterStop::Kind::ConcludeStartFailure};
            a.step = st;
            a.failure = failure(StartupRecovery::Kind::Transient);
            out << a;
        }
        for (quint64 generation : {quint64(6), quint64(7), quint64(5)}) {
            AfterStop a{AfterStop::Kind::RecoveryRestart};
            a.generation = generation;
            out << a;
        }
        return out;
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
        for (const StartSequence::Outcome& o : failedStarts())
            for (bool lockOwner : {false, true})
                out << reducer::StartFailed{o, lockOwner};
        for (const StartAttempts::Step& st : attemptSteps())
            for (StartupRecovery::Kind k : {StartupRecovery::Kind::Transient, StartupRecovery::Kind::InvalidConfig, StartupRecovery::Kind::PortInUse}) {
                out << reducer::AttemptDecided{st, failure(k)} << reducer::ConcludeStart{st, failure(k)};
            }
        for (const StartAttempts::Step& st : attemptSteps())
            out << reducer::DoctorDecided{st};
        out << reducer::RetryDue{} << reducer::StartAsked{};
        for (StopHow how : {StopHow::Graceful, StopHow::Kill, StopHow::ForSuccessor})
            out << reducer::StopAsked{how};
        using O = RestartCoordinator::Outcome;
        for (O o : {O::ExecuteNow, O::Deferred, O::JoinInFlight})
            out << reducer::RestartAsked{QStringLiteral("user"), o};
        out << reducer::RestartBegins{QStringLiteral("deferred restart")};
        for (const AfterStop& then : afterStops())
            out << reducer::StopDone{then};
        out << reducer::ErrorFound{{ProblemKind::PortInUse, UserText::verbatim(QStringLiteral("port 18789 is in use")), {}, ProblemAction::ChangePort, 1}}
            << reducer::ErrorFound{{ProblemKind::AuthRejected, UserText::verbatim(QStringLiteral("token rejected")), {}, ProblemAction::None, 1}};
        for (bool owned : {false, true})
            out << reducer::StartSucceeded{running(owned)};
        out << reducer::TakeOverAsked{} << reducer::HandBackAsked{};
        using SA = OpenClawService::Action;
        for (SA a : {SA::Start, SA::Stop, SA::Restart, SA::TakeOver, SA::HandBack})
            for (bool ok : {true, false})
                out << reducer::ServiceAnswered{a, ok ? Done{} : Done::failure(UserText::verbatim(QStringLiteral("unit failed"))), {}};
        using RA = ReloadPolicy::Action;
        for (RA a : {RA::None, RA::RestartProcess, RA::RestartInProcessRpc, RA::RestartInProcessSignal})
            out << reducer::ReloadDue{{QStringLiteral("port")}, {}, reload(a)};
        out << reducer::ReloadDue{{QStringLiteral("port")}, QStringLiteral("chaos debounced"), reload(RA::RestartProcess)};
        for (const CallResult& r : restartReplies())
            for (qint64 pid : {qint64(4242), qint64(999)})
                out << reducer::InProcessRestartAnswered{r, pid, true} << reducer::SafeRestartAnswered{r, {}};
        out << reducer::InProcessRestartAnswered{restartReplies().last(), 4242, false};
        out << reducer::SafeRestartAsked{false, {}} << reducer::SafeRestartAsked{true, {}} << reducer::UserDoctorFinished{true}
            << reducer::UserDoctorFinished{false} << reducer::QuitAsked{2000, {}};
        for (bool owns : {false, true})
            for (bool active : {false, true})
                out << reducer::ServiceProbed{owns, active, QStringLiteral("openclaw-gateway.service")};
        out << reducer::CauseGone{QStringLiteral("port 18789 is free")};
        return out;
    }

    static ReloadPolicy::Decision reload(ReloadPolicy::Action a)
    {
        ReloadPolicy::Decision d;
        d.action = a;
        d.launchKeys = {QStringLiteral("port")};
        d.explanation = QStringLiteral("port changed");
        return d;
    }

    // gateway.restart.request's answers: scheduled, deferred (with the preflight's summary),
    // coalesced, and a call that timed out.
    static QList<CallResult> restartReplies()
    {
        QList<CallResult> out;
        for (const char* status : {"scheduled", "deferred", "coalesced"}) {
            CallResult r;
            r.method = QStringLiteral("gateway.restart.request");
            QJsonObject p{{QStringLiteral("status"), QLatin1String(status)}};
            if (QLatin1String(status) == QLatin1String("deferred"))
                p[QStringLiteral("preflight")] = QJsonObject{{QStringLiteral("summary"), QStringLiteral("2 active tasks")},
                                                             {QStringLiteral("counts"), QJsonObject{{QStringLiteral("totalActive"), 2}}}};
            r.payload = p;
            out << r;
        }
        CallResult timeout;
        timeout.status = CallResult::Status::Timeout;
        timeout.method = QStringLiteral("gateway.restart.request");
        timeout.message = QStringLiteral("RPC timeout: gateway.restart.request");
        out << timeout;
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
        f.allowAutoDoctor = bits & 64;
        f.configRefreshable = bits & 64;
        f.restartAnnounced = bits & 64;
        f.handoffSupportKnown = bits & 64;
        f.serviceOwnsGateway = bits & 16;
        f.serviceCanHandBack = !(bits & 16) && (bits & 64);
        f.connected = bits & 64;
        f.processPid = f.processAlive || f.owned ? 4242 : 0; // kept after our process exits
        f.openRestartKind = (bits & 32) ? QStringLiteral("in-process") : QString();
        f.serviceUnit = QStringLiteral("openclaw-gateway.service");
        f.configPath = QStringLiteral("/home/u/.openclaw/openclaw.json");
        f.lastError = {ProblemKind::Exited, UserText::verbatim(QStringLiteral("it exited")), {}, ProblemAction::None, 1};
        f.nowMs = 1000;
        f.defaultRestartExpectedMs = 1500;
        f.socketLossSettleMs = 100;
        return f;
    }

    // What the reducer is fed: the process is exiting only while alive; a gateway OpenClaw's
    // service runs is not ours; a start sequence runs only while starting or reconnecting.
    static bool possible(GatewayState state, const Facts& f)
    {
        if (f.processExiting && !f.processAlive)
            return false;
        if (f.serviceManaged && f.owned)
            return false;
        return !f.starting || state == GatewayState::Starting || state == GatewayState::Reconnecting;
    }

    // bits: in-process restart announced (1), kill on recovery (2), lock attach retried (4); the
    // recovery kind turns with bits + `turn`.
    static LifecycleRun run(int bits, int turn = 0)
    {
        LifecycleRun r;
        r.generation = 7;
        r.expectInProcessRestart = bits & 1;
        r.restartExpectedMs = (bits & 1) ? 2500 : -1;
        r.killOnRecovery = bits & 2;
        r.recoveryKind = RecoveryKind((bits + turn) % 3);
        r.lockAttachRetried = bits & 4;
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
        // Every state × every combination of the facts that can hold together × 4 runs × every
        // event and answer. No event reads more than one of the run's flags (an announced
        // restart, kill on recovery, the lock attach retried), so the runs set all three or none;
        // the recovery kind turns so that each meets every combination of facts. Each either does something,
        // every state change of which the lifecycle table lists from the state it is in at that
        // moment, or does nothing and says why.
        int pairs = 0, acted = 0;
        const QList<reducer::Event> events = sampleEvents();
        for (GatewayState state : lifecycle::allStates())
            for (int fb = 0; fb < 128; ++fb) {
                if (!possible(state, facts(state, fb)))
                    continue;
                for (int rb = 0; rb < 4; ++rb)
                    for (const reducer::Event& e : events) {
                        ++pairs;
                        const reducer::Step s = reducer::next(run((rb & 1) ? 7 : 0, rb + fb), facts(state, fb), e);
                        const auto where = [&] {
                            return QStringLiteral("%1 in %2, facts %3, run %4: %5")
                                .arg(reducer::eventName(e), gatewayStateName(state))
                                .arg(fb)
                                .arg(rb)
                                .arg(describeAll(s.effects));
                        };
                        if (s.effects.isEmpty() == s.ignoredBecause.isEmpty())
                            QFAIL(qPrintable(where()));
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
                            else if (fx.kind == Effect::Kind::Stop && facts(state, fb).processAlive && now != GatewayState::Stopping)
                                to = lifecycle::next(now, LifecycleEvent::StopBegun);
                            else
                                continue;
                            if (!to)
                                QFAIL(qPrintable(QStringLiteral("not in the table: ") + fx.describe() + QStringLiteral(" from ")
                                                 + gatewayStateName(now) + QStringLiteral(" — ") + where()));
                            now = *to;
                        }
                    }
            }
        qInfo("%d cases, %d acted", pairs, acted);
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
                                "pending \"gateway restarting; reconnecting in 3 s\"; next retry in 2500 ms; publish; arm recovery 2500 ms"));
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
        QCOMPARE(s.run.generation, quint64(8));

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
        // A wait still to come is said rounded up: never "in 0 s" while 400 ms remain.
        ReconnectBackoff::Decision soon = backoff(ReconnectBackoff::Action::Schedule);
        soon.delayMs = 400;
        s = step(GatewayState::Running, 0, 0, reducer::RecoveryAsked{RecoveryKind::ReconnectExternal, QStringLiteral("lost"), QStringLiteral("gateway"), soon});
        QVERIFY2(describeAll(s.effects).contains(QStringLiteral("pending \"reconnecting in 1 s (attempt 2)\"")), qPrintable(describeAll(s.effects)));

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
        // The recovery kind is run bits % 3 (restart, reattach, reconnect); fact bits: 4 alive, 16 service.
        QCOMPARE(describeAll(step(GatewayState::Reconnecting, 4, 1, reducer::RecoveryDue{}).effects),
                 QStringLiteral("count reconnect attempts; no next retry; no pending action; begin start (reattach)"));
        QCOMPARE(describeAll(step(GatewayState::Reconnecting, 16, 2, reducer::RecoveryDue{}).effects),
                 QStringLiteral("count reconnect attempts; no next retry; no pending action; begin start (attach to the service)"));
        QCOMPARE(describeAll(step(GatewayState::Reconnecting, 0, 2, reducer::RecoveryDue{}).effects),
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

    void aFailedStartTakesTheNextAttempt()
    {
        const StartSequence::Outcome notReady = failedStarts()[6]; // ours, not ready in time
        reducer::Step s = step(GatewayState::Starting, 1, 0, reducer::StartFailed{notReady, false});
        QCOMPARE(describeAll(s.effects), QStringLiteral("mark restart announced off; last error not-ready: not ready in time; ask attempts (transient)"));
        // The gateway's own exit that a retry cannot fix: shown at once.
        s = step(GatewayState::Starting, 1, 0, reducer::StartFailed{failedStarts()[4], false});
        QCOMPARE(s.effects.last().kind, Effect::Kind::EnterError);

        const StartAttempts::Step retry = attemptSteps()[0];
        // Our process still runs: stop it first, then conclude.
        s = step(GatewayState::Starting, 1 | 4, 0, reducer::AttemptDecided{retry, failure(StartupRecovery::Kind::Transient)});
        QCOMPARE(describeAll(s.effects), QStringLiteral("stop gracefully, then conclude the failed start"));
        // Nothing runs: the retry, at once.
        s = step(GatewayState::Starting, 1, 0, reducer::AttemptDecided{retry, failure(StartupRecovery::Kind::Transient)});
        QCOMPARE(describeAll(s.effects), QStringLiteral("transition start retried; pending \"retrying start in 2 s\"; next retry in 2000 ms; "
                                                        "publish; arm retry 2000 ms"));
        QCOMPARE(describeAll(step(GatewayState::Starting, 1, 0, reducer::RetryDue{}).effects), QStringLiteral("cancel timers; begin fresh start"));
        StartAttempts::Step soon = retry;
        soon.delayMs = 1500;
        s = step(GatewayState::Starting, 1, 0, reducer::AttemptDecided{soon, failure(StartupRecovery::Kind::Transient)});
        QVERIFY2(describeAll(s.effects).contains(QStringLiteral("pending \"retrying start in 2 s\"")), qPrintable(describeAll(s.effects)));
    }

    void theDoctorRunsOnlyWhenAllowed()
    {
        const StartAttempts::Step doctor = attemptSteps()[1];
        reducer::Step s = step(GatewayState::Starting, 1, 0, reducer::AttemptDecided{doctor, failure(StartupRecovery::Kind::InvalidConfig)});
        QCOMPARE(s.effects.size(), 1);
        QCOMPARE(s.effects.first().kind, Effect::Kind::EnterError);
        QCOMPARE(s.effects.first().problem.kind, ProblemKind::InvalidConfig);
        QCOMPARE(s.effects.first().problem.actionId, ProblemAction::DoctorFix);
        QVERIFY(s.effects.first().problem.action.english().contains(QStringLiteral("/home/u/.openclaw/openclaw.json")));

        s = step(GatewayState::Starting, 1 | 64, 0, reducer::AttemptDecided{doctor, failure(StartupRecovery::Kind::InvalidConfig)});
        QCOMPARE(describeAll(s.effects),
                 QStringLiteral("transition start retried; phase \"running openclaw doctor --fix\"; publish; run doctor"));
        // The doctor did not help: the problem, with its words.
        s = step(GatewayState::Starting, 1 | 64, 0, reducer::DoctorDecided{attemptSteps()[2]});
        QCOMPARE(s.effects.last().problem.summary.english(), QStringLiteral("gave up after 3 attempts"));
    }

    void aStartThatGivesUpSaysWhy()
    {
        const StartAttempts::Step fail = attemptSteps()[2];
        reducer::Step s = step(GatewayState::Starting, 1, 0, reducer::ConcludeStart{fail, failure(StartupRecovery::Kind::PortInUse)});
        QCOMPARE(s.effects.last().kind, Effect::Kind::EnterError);
        QCOMPARE(s.effects.last().problem.kind, ProblemKind::PortInUse);
        QCOMPARE(s.effects.last().problem.actionId, ProblemAction::ChangePort);
        QCOMPARE(s.effects.last().problem.summary.english(), QStringLiteral("gave up after 3 attempts"));
        QVERIFY(!step(GatewayState::Running, 1, 0, reducer::ConcludeStart{fail, failure(StartupRecovery::Kind::PortInUse)}).ignoredBecause.isEmpty());
    }

    void aRecoveryThatFailsBacksOffOrAttachesToTheLockOwner()
    {
        // A recovery of our live process that never became ready: stop it, then restart it.
        const StartSequence::Outcome notReady = failedStarts()[6];
        reducer::Step s = step(GatewayState::Reconnecting, 1 | 4, 0, reducer::StartFailed{notReady, false});
        QVERIFY(describeAll(s.effects).endsWith(QStringLiteral("stop gracefully, then recover the process")));
        // Exit 78 with a live owner of the state dir: attach to it, once per start.
        const StartSequence::Outcome lock = failedStarts()[5];
        s = step(GatewayState::Starting, 1, 0, reducer::StartFailed{lock, true});
        QVERIFY2(describeAll(s.effects).endsWith(QStringLiteral("begin fresh start")), qPrintable(describeAll(s.effects)));
        QVERIFY(s.run.lockAttachRetried);
        s = reducer::next(s.run, facts(GatewayState::Starting, 1), reducer::StartFailed{lock, true});
        QVERIFY(!describeAll(s.effects).endsWith(QStringLiteral("begin fresh start")));
    }

    void theUsersStart()
    {
        reducer::Step s = step(GatewayState::Stopped, 64, 0, reducer::StartAsked{});
        QCOMPARE(describeAll(s.effects),
                 QStringLiteral("cancel timers; refresh config; tell backoff: reset; reset attempts; no last error; attempt 0; "
                                "mark unresponsive off; mark external unavailable off; transition start requested; begin fresh start"));
        QCOMPARE(s.run.generation, quint64(8));
        // Not while our process still runs (a reconnect's start keeps the config it runs with).
        QVERIFY(!describeAll(step(GatewayState::Error, 64 | 4, 0, reducer::StartAsked{}).effects).contains(QStringLiteral("refresh config")));
        // While stopping: it follows the stop. Starting or running: nothing to do.
        s = step(GatewayState::Stopping, 4, 0, reducer::StartAsked{});
        QVERIFY(s.run.startAfterStop);
        QCOMPARE(s.run.generation, quint64(7));
        QVERIFY(!step(GatewayState::Running, 1 | 4, 0, reducer::StartAsked{}).ignoredBecause.isEmpty());
        QVERIFY(!step(GatewayState::Starting, 1 | 4, 0, reducer::StartAsked{}).ignoredBecause.isEmpty());
    }

    void theUsersStop()
    {
        reducer::Step s = step(GatewayState::Running, 16, 0, reducer::StopAsked{StopHow::Graceful});
        QCOMPARE(describeAll(s.effects), QStringLiteral("abandon the run; transition stop begun; phase \"stopping openclaw-gateway.service\"; "
                                                        "publish; systemctl stop"));
        // systemctl stopped it: Stopped, saying the unit stays enabled.
        s = reducer::next(s.run, facts(GatewayState::Stopping, 16), reducer::ServiceAnswered{OpenClawService::Action::Stop, Done{}, {}});
        QVERIFY2(describeAll(s.effects).contains(QStringLiteral("transition stop finished")), qPrintable(describeAll(s.effects)));
        QVERIFY(describeAll(s.effects).contains(QStringLiteral("log info openclaw-gateway.service stopped (it stays enabled)")));
        QVERIFY(s.run.stopRequested);
        s = step(GatewayState::Running, 1 | 4, 0, reducer::StopAsked{StopHow::ForSuccessor});
        QCOMPARE(describeAll(s.effects), QStringLiteral("stop for a successor, then finish"));
        QVERIFY(!step(GatewayState::Stopped, 0, 0, reducer::StopAsked{StopHow::Graceful}).ignoredBecause.isEmpty());
    }

    void theUsersRestartTakesItsPath()
    {
        const QString opened = QStringLiteral("tell coordinator: restart started; tell governor: the user's restart; count restarts executed; "
                                              "open restart row %1 (user, by user): in progress; reset attempts; ");
        reducer::Step s = step(GatewayState::Running, 1 | 4, 0, reducer::RestartAsked{QStringLiteral("user"), RestartCoordinator::Outcome::ExecuteNow});
        QCOMPARE(describeAll(s.effects), opened.arg(QStringLiteral("process"))
                                             + QStringLiteral("stop gracefully, then restart; phase \"restarting\"; publish"));
        s = step(GatewayState::Running, 0, 0, reducer::RestartAsked{QStringLiteral("user"), RestartCoordinator::Outcome::ExecuteNow});
        QCOMPARE(describeAll(s.effects), opened.arg(QStringLiteral("reconnect"))
                                             + QStringLiteral("cancel timers; disconnect; transition restart begun; begin start (reconnect)"));
        QCOMPARE(s.run.generation, quint64(8));
        s = step(GatewayState::Running, 16, 0, reducer::RestartAsked{QStringLiteral("user"), RestartCoordinator::Outcome::ExecuteNow});
        QCOMPARE(describeAll(s.effects), opened.arg(QStringLiteral("service"))
                                             + QStringLiteral("cancel timers; stop liveness; disconnect; transition restart begun; forget pid; "
                                                              "phase \"restarting openclaw-gateway.service\"; publish; systemctl restart"));
        // Busy: it waits, and says so.
        QVERIFY(reducer::restartMustWait(facts(GatewayState::Starting, 2)));
        QVERIFY(reducer::restartMustWait(facts(GatewayState::Stopping, 4)));
        QVERIFY(!reducer::restartMustWait(facts(GatewayState::Running, 1 | 4)));
        s = step(GatewayState::Starting, 1 | 2 | 4, 0, reducer::RestartAsked{QStringLiteral("user"), RestartCoordinator::Outcome::Deferred});
        QVERIFY(describeAll(s.effects).endsWith(QStringLiteral("pending \"restart after start-up\"; publish")));
    }

    void aStopEndsInStoppedAndSaysWhatStopped()
    {
        AfterStop finish{AfterStop::Kind::FinishStop};
        LifecycleRun r = run(0);
        r.stopRequested = true;
        r.startAfterStop = true;
        reducer::Step s = reducer::next(r, facts(GatewayState::Stopping, 1), reducer::StopDone{finish});
        QCOMPARE(describeAll(s.effects),
                 QStringLiteral("release lease; cancel shutdown timer; close restart row (failed): cancelled: the gateway was stopped; "
                                "transition stop finished; reset run status; tell reload: run ended; mark verifying off; "
                                "mark unresponsive off; mark external unavailable off; forget missed ticks; log info gateway stopped; "
                                "publish; announce stopped; start again"));
        QVERIFY(!s.run.startAfterStop);
        // Someone else's gateway: only our connection ends, and the log says it keeps running.
        Facts external = facts(GatewayState::Stopping, 16);
        external.wasConnected = true;
        QVERIFY(describeAll(reducer::next(run(0), external, reducer::StopDone{finish}).effects)
                    .contains(QStringLiteral("log info disconnected; OpenClaw's service openclaw-gateway.service keeps running")));
        // systemctl stopped it.
        r = run(0);
        r.stoppingService = true;
        s = reducer::next(r, external, reducer::StopDone{finish});
        QVERIFY(describeAll(s.effects).contains(QStringLiteral("log info openclaw-gateway.service stopped (it stays enabled)")));
        QVERIFY(!s.run.stoppingService);
    }

    void aRecoverysRestartFollowsOnlyItsOwnStop()
    {
        AfterStop then{AfterStop::Kind::RecoveryRestart};
        then.generation = 7; // armed in run 7; its stop made it 8
        LifecycleRun r = run(0);
        r.generation = 8;
        QCOMPARE(describeAll(reducer::next(r, facts(GatewayState::Stopping, 1), reducer::StopDone{then}).effects),
                 QStringLiteral("transition recovery started; begin fresh start"));
        r.generation = 9; // a newer run began meanwhile
        QVERIFY(!reducer::next(r, facts(GatewayState::Stopping, 1), reducer::StopDone{then}).ignoredBecause.isEmpty());
    }

    void anErrorStopsWhatIsOursFirst()
    {
        const GatewayProblem auth{ProblemKind::AuthRejected, UserText::verbatim(QStringLiteral("token rejected")), {}, ProblemAction::None, 1};
        reducer::Step s = step(GatewayState::Starting, 1 | 4, 0, reducer::ErrorFound{auth});
        QCOMPARE(describeAll(s.effects),
                 QStringLiteral("log error gateway error: token rejected; last error auth-rejected: token rejected; "
                                "close restart row (failed): failed: token rejected; notice auth-failed: token rejected; "
                                "stop gracefully, then show the problem"));
        // Nothing of ours runs: the error state at once; an external gateway's pid stays shown.
        s = step(GatewayState::Running, 0, 0, reducer::ErrorFound{auth});
        QVERIFY(describeAll(s.effects).endsWith(QStringLiteral("transition problem found; watch the cause of auth-rejected; publish")));
        s = step(GatewayState::Running, 1, 0, reducer::ErrorFound{auth});
        QVERIFY(describeAll(s.effects).endsWith(QStringLiteral("transition problem found; forget pid; watch the cause of auth-rejected; publish")));
    }

    void aGatewayBackAfterAFailureIsNoticedButNotAfterAnAnnouncedRestart()
    {
        reducer::Step s = step(GatewayState::Reconnecting, 1 | 4, 1, reducer::StartSucceeded{running(true)});
        QCOMPARE(describeAll(s.effects),
                 QStringLiteral("cancel timers; mark restart announced off; record running (ours, pid 4243, port 18789); "
                                "count reconnect successes; tell backoff: connected; tell governor: running; transition ready; "
                                "close restart row (ok): ok; tell reload: running; notice recovered: The gateway is running again.; "
                                "begin readiness; probe handoff; publish; flush deferred restart"));
        QVERIFY(!s.run.expectInProcessRestart);
        // The restart the gateway announced (bit 64: announced, and the handoff support is known).
        QVERIFY(!describeAll(step(GatewayState::Reconnecting, 1 | 4 | 64, 0, reducer::StartSucceeded{running(true)}).effects)
                     .contains(QStringLiteral("notice")));
        // The user's start: no notice, no reconnect counted; someone else's gateway: no handoff probe.
        const QString fresh = describeAll(step(GatewayState::Starting, 0, 0, reducer::StartSucceeded{running(false)}).effects);
        QVERIFY(!fresh.contains(QStringLiteral("notice")));
        QVERIFY(!fresh.contains(QStringLiteral("reconnect successes")));
        QVERIFY(!fresh.contains(QStringLiteral("probe handoff")));
        // Whatever restart the gateway had announced is over once it runs (after a handoff the
        // start is a fresh one, Starting): the next loss is a failure again, noticed when it is back.
        QVERIFY(fresh.contains(QStringLiteral("mark restart announced off")));
        QVERIFY(!step(GatewayState::Stopped, 0, 0, reducer::StartSucceeded{running(true)}).ignoredBecause.isEmpty());
    }

    void takingTheGatewayOverFromOpenClawsServiceAndBack()
    {
        QStringList replies;
        const auto reply = [&replies](const Done& d) { replies << (d ? QStringLiteral("ok") : d.error().english()); };
        // Not the service's: refused, in words.
        reducer::Step s = step(GatewayState::Running, 1 | 4, 0, reducer::TakeOverAsked{reply});
        QCOMPARE(describeAll(s.effects), QStringLiteral("reply \"OpenClaw's service does not manage this gateway; ClawTray already does\""));
        s = step(GatewayState::Running, 16, 0, reducer::TakeOverAsked{reply});
        QCOMPARE(describeAll(s.effects), QStringLiteral("abandon the run; transition stop begun; phase \"stopping and disabling "
                                                        "openclaw-gateway.service\"; publish; systemctl disable --now"));
        QVERIFY(s.effects.last().reply);
        s = step(GatewayState::Stopping, 16, 0, reducer::ServiceAnswered{OpenClawService::Action::TakeOver, Done{}, reply});
        QCOMPARE(describeAll(s.effects), QStringLiteral("log info openclaw-gateway.service is stopped and disabled; ClawTray manages the gateway now; "
                                                        "reset run status; reset attempts; transition restart begun; begin fresh start; reply done"));
        s.effects.last().reply(s.effects.last().done);
        QCOMPARE(replies, QStringList{QStringLiteral("ok")});
        // systemctl failed: the problem (take over instead), and the requester hears why.
        s = step(GatewayState::Stopping, 16, 0,
                 reducer::ServiceAnswered{OpenClawService::Action::TakeOver, Done::failure(UserText::verbatim(QStringLiteral("unit failed"))), reply});
        QCOMPARE(s.effects.first().kind, Effect::Kind::EnterError);
        QCOMPARE(s.effects.first().problem.kind, ProblemKind::ServiceFailed);
        QCOMPARE(s.effects.first().problem.actionId, ProblemAction::Takeover);
        QCOMPARE(describeAll({s.effects.last()}), QStringLiteral("reply \"unit failed\""));

        // Back: ours stops first, then systemctl enables and starts the unit.
        s = step(GatewayState::Running, 1 | 4 | 64, 0, reducer::HandBackAsked{reply});
        QCOMPARE(describeAll(s.effects), QStringLiteral("stop gracefully, then hand back to openclaw-gateway.service"));
        QVERIFY(s.run.stopRequested);
        s = reducer::next(s.run, facts(GatewayState::Stopping, 1 | 64), reducer::StopDone{*s.effects.first().then});
        QCOMPARE(describeAll(s.effects), QStringLiteral("release lease; reset run status; transition restart begun; "
                                                        "phase \"enabling and starting openclaw-gateway.service\"; publish; systemctl enable --now"));
        QVERIFY(!s.run.stopRequested);
        QVERIFY(s.effects.last().reply);
        QCOMPARE(describeAll(step(GatewayState::Running, 16, 0, reducer::HandBackAsked{reply}).effects),
                 QStringLiteral("reply \"OpenClaw's service openclaw-gateway.service already manages the gateway\""));
    }

    void aReloadTakesThePathThePolicyDecided()
    {
        using RA = ReloadPolicy::Action;
        const QString begun = QStringLiteral("log info reload: port changed; reload executing [port]: port changed; publish");
        QCOMPARE(describeAll(step(GatewayState::Running, 1 | 4, 0, reducer::ReloadDue{{QStringLiteral("port")}, {}, reload(RA::None)}).effects), begun);
        QCOMPARE(describeAll(step(GatewayState::Running, 1 | 4, 0, reducer::ReloadDue{{QStringLiteral("port")}, {}, reload(RA::RestartProcess)}).effects),
                 begun + QStringLiteral("; ask restart (settings changed (port))"));
        QCOMPARE(describeAll(step(GatewayState::Running, 1 | 4, 0, reducer::ReloadDue{{QStringLiteral("port")}, {}, reload(RA::RestartInProcessRpc)}).effects),
                 begun + QStringLiteral("; open restart row in-process (settings changed, by settings): requested; request in-process restart"));
        QCOMPARE(describeAll(step(GatewayState::Running, 1 | 4, 0, reducer::ReloadDue{{QStringLiteral("port")}, {}, reload(RA::RestartInProcessSignal)}).effects),
                 begun + QStringLiteral("; open restart row in-process (settings changed, by settings): SIGUSR2; signal in-process restart"));
        // SIGUSR2 goes only to a process of ours.
        QCOMPARE(describeAll(step(GatewayState::Running, 4, 0, reducer::ReloadDue{{QStringLiteral("port")}, {}, reload(RA::RestartInProcessSignal)}).effects), begun);
        // A debounced restart wins over the reload it absorbed, while there is a gateway to restart.
        const reducer::ReloadDue debounced{{QStringLiteral("port")}, QStringLiteral("chaos debounced"), reload(RA::None)};
        QCOMPARE(describeAll(step(GatewayState::Reconnecting, 1 | 4, 0, debounced).effects), QStringLiteral("ask restart (chaos debounced)"));
        QVERIFY(!step(GatewayState::Stopped, 0, 0, debounced).ignoredBecause.isEmpty());
    }

    void theReloadsRestartRequestIsAnswered()
    {
        const QList<CallResult> replies = restartReplies(); // scheduled, deferred, coalesced, timeout
        QVERIFY(!step(GatewayState::Running, 1 | 4, 0, reducer::InProcessRestartAnswered{replies[0], 4242, true}).ignoredBecause.isEmpty());
        QCOMPARE(describeAll(step(GatewayState::Running, 1 | 4, 0, reducer::InProcessRestartAnswered{replies[1], 4242, true}).effects),
                 QStringLiteral("reload deferred: 2 active tasks; publish"));
        const QString failed = QStringLiteral("log warn gateway.restart.request failed (RPC timeout: gateway.restart.request); sending SIGUSR2; ");
        // Failed: SIGUSR2 to the process it was meant for, if that is still ours...
        QCOMPARE(describeAll(step(GatewayState::Running, 1 | 4, 0, reducer::InProcessRestartAnswered{replies[3], 4242, true}).effects),
                 failed + QStringLiteral("restart row goes on: SIGUSR2 (the request failed); signal in-process restart"));
        // ...else the row ends, failed: another process runs now, or it was never ours.
        const QString ended = failed + QStringLiteral("reload request failed: RPC timeout: gateway.restart.request; publish");
        QCOMPARE(describeAll(step(GatewayState::Running, 1 | 4, 0, reducer::InProcessRestartAnswered{replies[3], 999, true}).effects), ended);
        QCOMPARE(describeAll(step(GatewayState::Running, 4, 0, reducer::InProcessRestartAnswered{replies[3], 4242, false}).effects), ended);
    }

    void aSafeRestartAsksTheGatewayOrSaysWhyNot()
    {
        QCOMPARE(describeAll(step(GatewayState::Running, 64, 0, reducer::SafeRestartAsked{false, {}}).effects), QStringLiteral("request safe restart"));
        QCOMPARE(describeAll(step(GatewayState::Stopped, 0, 0, reducer::SafeRestartAsked{false, {}}).effects),
                 QStringLiteral("reply safe restart failed: the gateway is not running"));
        QCOMPARE(describeAll(step(GatewayState::Stopped, 0, 0, reducer::SafeRestartAsked{true, {}}).effects),
                 QStringLiteral("ask restart (forced restart); reply safe restart forced: restarting the gateway process now"));
        const QList<CallResult> replies = restartReplies();
        QCOMPARE(describeAll(step(GatewayState::Running, 64, 0, reducer::SafeRestartAnswered{replies[0], {}}).effects),
                 QStringLiteral("open restart row in-process (safe restart, by user): scheduled; reply safe restart scheduled: "));
        QCOMPARE(describeAll(step(GatewayState::Running, 64, 0, reducer::SafeRestartAnswered{replies[1], {}}).effects),
                 QStringLiteral("open restart row in-process (safe restart, by user): deferred: 2 active tasks; "
                                "reply safe restart deferred: 2 active tasks"));
        // Joining a restart already scheduled adds no row, unless none is open.
        QCOMPARE(describeAll(step(GatewayState::Running, 64 | 32, 0, reducer::SafeRestartAnswered{replies[2], {}}).effects),
                 QStringLiteral("reply safe restart coalesced: "));
        QCOMPARE(describeAll(step(GatewayState::Running, 64, 0, reducer::SafeRestartAnswered{replies[2], {}}).effects),
                 QStringLiteral("open restart row in-process (safe restart, by user): coalesced; reply safe restart coalesced: "));
        QCOMPARE(describeAll(step(GatewayState::Running, 64, 0, reducer::SafeRestartAnswered{replies[3], {}}).effects),
                 QStringLiteral("note transport failure of gateway.restart.request: RPC timeout: gateway.restart.request; "
                                "reply safe restart failed: RPC timeout: gateway.restart.request"));
        // The reply goes to whoever asked.
        SafeRestartResult heard;
        const reducer::Step s = step(GatewayState::Running, 64, 0, reducer::SafeRestartAnswered{replies[1], [&](const SafeRestartResult& r) { heard = r; }});
        s.effects.last().safeReply(s.effects.last().safe);
        QCOMPARE(heard.status, QStringLiteral("deferred"));
        QCOMPARE(heard.activeTasks, 2);
    }

    void theUsersDoctorStartsAgainOnlyWhenItFixedTheShownProblem()
    {
        Facts f = facts(GatewayState::Error, 0);
        f.lastError.actionId = ProblemAction::DoctorFix;
        QCOMPARE(describeAll(reducer::next(run(0), f, reducer::UserDoctorFinished{true}).effects), QStringLiteral("start again"));
        QVERIFY(!reducer::next(run(0), f, reducer::UserDoctorFinished{false}).ignoredBecause.isEmpty());
        QVERIFY(!step(GatewayState::Error, 0, 0, reducer::UserDoctorFinished{true}).ignoredBecause.isEmpty()); // another problem
        f.state = GatewayState::Running;
        QVERIFY(!reducer::next(run(0), f, reducer::UserDoctorFinished{true}).ignoredBecause.isEmpty());
    }

    void quitStopsWhatRunsAndSaysWhenItIsDone()
    {
        reducer::Step s = step(GatewayState::Running, 1 | 4, 0, reducer::QuitAsked{2000, {}});
        QCOMPARE(describeAll(s.effects), QStringLiteral("await stopped; stop gracefully, then finish; arm shutdown 2000 ms"));
        QVERIFY(s.run.stopRequested);
        // Already stopping: the stop under way goes on, nothing starts after it.
        LifecycleRun r = run(0);
        r.startAfterStop = true;
        s = reducer::next(r, facts(GatewayState::Stopping, 1 | 4), reducer::QuitAsked{2000, {}});
        QCOMPARE(describeAll(s.effects), QStringLiteral("await stopped; arm shutdown 2000 ms"));
        QVERIFY(!s.run.startAfterStop);
        // Nothing of ours runs: what is shown ends, quit goes on at once.
        s = step(GatewayState::Error, 0, 0, reducer::QuitAsked{2000, {}});
        QCOMPARE(describeAll(s.effects), QStringLiteral("stop gracefully, then finish; reply quit soon"));
        QCOMPARE(describeAll(step(GatewayState::Stopped, 0, 0, reducer::QuitAsked{2000, {}}).effects), QStringLiteral("reply quit soon"));
    }

    void aFreshStartAttachesToOpenClawsServiceOrSpawnsOurs()
    {
        const QString unit = QStringLiteral("openclaw-gateway.service");
        QCOMPARE(describeAll(step(GatewayState::Starting, 2, 0, reducer::ServiceProbed{false, false, unit}).effects), QStringLiteral("begin start (fresh)"));
        QCOMPARE(describeAll(step(GatewayState::Starting, 2, 0, reducer::ServiceProbed{true, true, unit}).effects),
                 QStringLiteral("begin start (attach to the service)"));
        QCOMPARE(describeAll(step(GatewayState::Starting, 2, 0, reducer::ServiceProbed{true, false, unit}).effects),
                 QStringLiteral("phase \"starting openclaw-gateway.service\"; publish; systemctl start"));
    }

    void theErrorStateStartsAgainWhenItsCauseMayBeGone()
    {
        QCOMPARE(describeAll(step(GatewayState::Error, 0, 0, reducer::CauseGone{QStringLiteral("port 18789 is free")}).effects),
                 QStringLiteral("log info port 18789 is free: starting the gateway again; start again"));
        QVERIFY(!step(GatewayState::Running, 1 | 4, 0, reducer::CauseGone{QStringLiteral("port 18789 is free")}).ignoredBecause.isEmpty());
        QVERIFY(!step(GatewayState::Stopped, 0, 0, reducer::CauseGone{QStringLiteral("port 18789 is free")}).ignoredBecause.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSupervisorReducer)
#include "tst_supervisor_reducer.moc"
