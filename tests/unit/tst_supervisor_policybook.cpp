// What the supervisor's policies remember (PolicyBook): the bookkeeping effects change only the book,
// the questions come back as the reducer's events, both clocks are the ones passed in, and the
// reload's debounce coalesces a burst, lets a restart win and drops what waited when the run ends.
#include "supervisor/PolicyBook.h"

#include <QTest>

using namespace clawtray;
using K = Effect::Kind;

class TestSupervisorPolicyBook : public QObject
{
    Q_OBJECT

    static PolicyBook::Context at(qint64 ms, qint64 epochMs = 1700000000000)
    {
        PolicyBook::Context c;
        c.now = {ms, epochMs};
        c.owned = true;
        c.pid = 4242;
        return c;
    }

    static ReloadState runningGateway()
    {
        ReloadState st;
        st.running = true;
        st.owned = true;
        st.rpcAvailable = true;
        return st;
    }

    static StartupRecovery::Classification transient()
    {
        StartupRecovery::Classification f;
        f.kind = StartupRecovery::Kind::Transient;
        f.explanation = UserText::verbatim(QStringLiteral("the port was busy"));
        return f;
    }

private Q_SLOTS:
    void onlyTheBooksEffectsAreAppliedHere()
    {
        const QList<K> bookKinds{K::ResetAttempts, K::Tell,        K::AskGovernor,     K::AskAttempts,
                                 K::ScheduleRecovery, K::OpenRestart, K::NoteRestart,  K::ProgressRestart,
                                 K::CloseRestart, K::ReloadExecuting, K::ReloadDeferred, K::ReloadRequestFailed};
        for (int k = 0; k <= int(K::ReplyQuitSoon); ++k) {
            PolicyBook book{ManagerConfig{}};
            const PolicyBook::Applied a = book.apply(Effect::of(K(k)), at(100));
            QVERIFY2(a.handled == bookKinds.contains(K(k)), qPrintable(Effect::of(K(k)).describe()));
            if (!a.handled) {
                QVERIFY(!a.answer);
                QVERIFY(book.history().records().isEmpty());
                QCOMPARE(book.reload().outcome, ReloadActivity::Outcome::None);
            }
        }
    }

    void questionsComeBackAsEvents()
    {
        ManagerConfig config;
        config.governor.budget = 1;
        PolicyBook book(config);

        auto governor = book.apply(Effect::of(K::AskGovernor), at(1000));
        QVERIFY(governor.handled);
        QVERIFY(std::get<reducer::GovernorAnswered>(*governor.answer).decision.allowed());
        // The restart the governor allowed is told; the next automatic one is over the budget.
        book.apply(Effect::tell(Effect::Policy::GovernorRestarted), at(1000));
        governor = book.apply(Effect::of(K::AskGovernor), at(1100));
        const auto suppressed = std::get<reducer::GovernorAnswered>(*governor.answer).decision;
        QVERIFY(!suppressed.allowed());
        QVERIFY(suppressed.retryAfterMs > 0);

        const Effect recover = Effect::scheduleRecovery(runloss::RecoveryKind::Reattach, QStringLiteral("socket lost"),
                                                        QStringLiteral("supervisor"));
        auto asked = std::get<reducer::RecoveryAsked>(*book.apply(recover, at(2000)).answer);
        QCOMPARE(asked.kind, runloss::RecoveryKind::Reattach);
        QCOMPARE(asked.reason, QStringLiteral("socket lost"));
        QCOMPARE(asked.requestedBy, QStringLiteral("supervisor"));
        QCOMPARE(asked.decision.action, ReconnectBackoff::Action::Schedule);
        QCOMPARE(asked.decision.attempt, 1);
        PolicyBook::Context stopping = at(2000);
        stopping.recoveryEnabled = false;
        QCOMPARE(std::get<reducer::RecoveryAsked>(*book.apply(recover, stopping).answer).decision.action,
                 ReconnectBackoff::Action::Skip);
        PolicyBook::Context armed = at(2000);
        armed.recoveryArmed = true;
        QCOMPARE(std::get<reducer::RecoveryAsked>(*book.apply(recover, armed).answer).decision.action,
                 ReconnectBackoff::Action::AlreadyScheduled);
    }

    void aFreshBudgetOfStartAttempts()
    {
        ManagerConfig config;
        config.startAttempts.maxAttempts = 2;
        PolicyBook book(config);
        const Effect ask = Effect::askAttempts(transient());
        auto decided = std::get<reducer::AttemptDecided>(*book.apply(ask, at(0)).answer);
        QCOMPARE(decided.step.action, StartAttempts::Action::Retry);
        QCOMPARE(decided.failure.explanation.english(), QStringLiteral("the port was busy"));
        decided = std::get<reducer::AttemptDecided>(*book.apply(ask, at(0)).answer);
        QCOMPARE(decided.step.action, StartAttempts::Action::Fail);
        QVERIFY(book.apply(Effect::of(K::ResetAttempts), at(0)).handled);
        decided = std::get<reducer::AttemptDecided>(*book.apply(ask, at(0)).answer);
        QCOMPARE(decided.step.action, StartAttempts::Action::Retry);
        // A budget set later is the one the next fresh start counts with.
        config.startAttempts.maxAttempts = 1;
        book.setConfig(config);
        book.apply(Effect::of(K::ResetAttempts), at(0));
        decided = std::get<reducer::AttemptDecided>(*book.apply(ask, at(0)).answer);
        QCOMPARE(decided.step.action, StartAttempts::Action::Fail);
    }

    void restartRowsCountOnTheMonotonicClock()
    {
        PolicyBook book{ManagerConfig{}};
        // A restart of ours is in flight: a second request joins it until its row closes.
        QCOMPARE(book.requestRestart(QStringLiteral("user"), false, 100).outcome, RestartCoordinator::Outcome::ExecuteNow);
        QCOMPARE(book.requestRestart(QStringLiteral("user"), false, 110).outcome, RestartCoordinator::Outcome::JoinInFlight);
        book.apply(Effect::openRestart(QStringLiteral("user"), QStringLiteral("user"), QStringLiteral("process"),
                                       QStringLiteral("in progress")),
                   at(100, 5000));
        QVERIFY(book.history().hasOpen());
        QVERIFY(book.apply(Effect::withResult(K::ProgressRestart, QStringLiteral("stopping")), at(200)).handled);
        QCOMPARE(book.history().records().last().result, QStringLiteral("stopping"));
        // The wall clock jumps; the duration does not.
        book.apply(Effect::closeRestart(QStringLiteral("ok"), true), at(350, 9999999));
        const RestartRecord r = book.history().records().last();
        QCOMPARE(r.atMs, qint64(5000));
        QCOMPARE(r.durationMs, qint64(250));
        QCOMPARE(r.result, QStringLiteral("ok"));
        QCOMPARE(book.requestRestart(QStringLiteral("user"), false, 400).outcome, RestartCoordinator::Outcome::ExecuteNow);

        book.apply(Effect::noteRestart(QStringLiteral("crash"), QStringLiteral("supervisor"), QStringLiteral("process"),
                                       QStringLiteral("postponed: restart in 40 s")),
                   at(500, 6000));
        QCOMPARE(book.history().records().last().durationMs, qint64(0));
        QCOMPARE(book.history().records().last().result, QStringLiteral("postponed: restart in 40 s"));
    }

    void aBurstOfChangesIsOneReload()
    {
        PolicyBook book{ManagerConfig{}};
        const qint64 debounce = ManagerConfig{}.reload.debounceMs;
        QCOMPARE(book.debounceReload({QStringLiteral("port")}, runningGateway(), {0, 1000}), debounce);
        QVERIFY(book.reload().pending);
        QCOMPARE(book.reload().dueAtMs, 1000 + debounce);
        QCOMPARE(book.debounceReload({QStringLiteral("nodePath"), QStringLiteral("port")}, runningGateway(), {500, 1500}),
                 debounce);
        QCOMPARE(book.reload().pendingKeys, (QStringList{QStringLiteral("port"), QStringLiteral("nodePath")}));

        // The timer fired early: the rest is waited out.
        PolicyBook::Fired early = book.debounceFired(runningGateway(), 1000);
        QVERIFY(!early.due);
        QCOMPARE(early.waitMs, 500 + debounce - 1000);

        PolicyBook::Fired fired = book.debounceFired(runningGateway(), 500 + debounce);
        QVERIFY(fired.due);
        QCOMPARE(fired.due->keys, (QStringList{QStringLiteral("port"), QStringLiteral("nodePath")}));
        QVERIFY(fired.due->restartReason.isEmpty());
        QCOMPARE(fired.due->decision.action, book.decideReload(fired.due->keys, runningGateway()).action);
        QCOMPARE(book.debounceFired(runningGateway(), 5000).waitMs, qint64(0)); // nothing armed any more

        // A restart asked for through the debounce wins over the reload it absorbs.
        book.debounceReload({QStringLiteral("port")}, runningGateway(), {6000, 7000});
        QCOMPARE(book.debounceRestart(QStringLiteral("update"), 100, 6050), qint64(100));
        fired = book.debounceFired(runningGateway(), 6150);
        QVERIFY(fired.due);
        QCOMPARE(fired.due->restartReason, QStringLiteral("update"));
        QCOMPARE(fired.due->keys, QStringList{QStringLiteral("port")});
    }

    void anAbandonedRunDropsWhatWaited()
    {
        PolicyBook book{ManagerConfig{}};
        book.debounceReload({QStringLiteral("port")}, runningGateway(), {0, 1000});
        QCOMPARE(book.requestRestart(QStringLiteral("user"), true, 10).outcome, RestartCoordinator::Outcome::Deferred);
        book.runAbandoned(2000);
        QVERIFY(!book.reload().pending);
        QCOMPARE(book.reload().outcome, ReloadActivity::Outcome::NextStart);
        QCOMPARE(book.debounceFired(runningGateway(), 100000).waitMs, qint64(0));
        QVERIFY(!book.debounceFired(runningGateway(), 100000).due);
        QVERIFY(!book.takeDeferred(3000)); // a stop must not be undone by the restart that waited
    }

    // A debounced restart waiting when the run ends is void (the debounce timer stops with the
    // run): a settings change made afterwards is a reload, not that restart, which a stopped
    // gateway would ignore, reload and all.
    void aDebouncedRestartEndsWithTheRun()
    {
        PolicyBook book{ManagerConfig{}};
        QCOMPARE(book.debounceRestart(QStringLiteral("chaos"), 100, 0), qint64(100));
        book.runAbandoned(1000); // the manager stops the debounce timer with it
        book.debounceReload({QStringLiteral("port")}, runningGateway(), {6000, 7000});
        const PolicyBook::Fired fired = book.debounceFired(runningGateway(), 6000 + ManagerConfig{}.reload.debounceMs);
        QVERIFY(fired.due);
        QVERIFY(fired.due->restartReason.isEmpty());
        QCOMPARE(fired.due->keys, QStringList{QStringLiteral("port")});
    }

    void theReloadTrackerHearsTheRun()
    {
        PolicyBook book{ManagerConfig{}};
        ReloadPolicy::Decision d = book.decideReload({QStringLiteral("port")}, runningGateway());
        Effect executing = Effect::of(K::ReloadExecuting);
        executing.keys = QStringList{QStringLiteral("port")};
        executing.decision = d;
        book.apply(executing, at(0, 1000));
        QCOMPARE(book.reload().outcome, ReloadActivity::Outcome::Restarting);
        QCOMPARE(book.reload().keys, QStringList{QStringLiteral("port")});
        QCOMPARE(book.reload().atMs, qint64(1000)); // the wall clock, not the monotonic one
        // The restart's row closes: the tracker hears how it went, on the wall clock.
        book.apply(Effect::closeRestart(QStringLiteral("ok"), true), at(500, 4500));
        QVERIFY(book.reload().outcome == ReloadActivity::Outcome::Restarted
                || book.reload().outcome == ReloadActivity::Outcome::RestartedInProcess);
        QCOMPARE(book.reload().atMs, qint64(4500));
        QVERIFY2(book.reload().text.english().contains(QStringLiteral("3.5 s")), qPrintable(book.reload().text.english()));
        book.apply(executing, at(600, 5000));
        book.apply(Effect::withResult(K::ReloadRequestFailed, QStringLiteral("not allowed")), at(100, 1100));
        QCOMPARE(book.reload().outcome, ReloadActivity::Outcome::Failed);
    }
};

QTEST_GUILESS_MAIN(TestSupervisorPolicyBook)
#include "tst_supervisor_policybook.moc"
