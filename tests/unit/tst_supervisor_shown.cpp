// The effects that only change what is shown (applyShown): each writes its own field of the status
// or the diagnostics and nothing else; every other effect is left to the executor.
#include "supervisor/ShownEffects.h"

#include <QTest>

using namespace clawtray;
using K = Effect::Kind;

class TestSupervisorShown : public QObject
{
    Q_OBJECT

    static GatewayStatus shown()
    {
        GatewayStatus s;
        s.state = GatewayState::Reconnecting;
        s.pid = 4242;
        s.owned = true;
        s.port = 18789;
        s.startedAtMs = 1000;
        s.reconnectAttempt = 2;
        s.pendingAction = UserText::verbatim(QStringLiteral("reconnecting in 4 s"));
        s.nextRetryAtMs = 5000;
        s.phase = UserText::verbatim(QStringLiteral("connecting"));
        s.lastError = {ProblemKind::Exited, UserText::verbatim(QStringLiteral("it exited")), {}, ProblemAction::None, 1};
        return s;
    }

private Q_SLOTS:
    void onlyWhatIsShownIsAppliedHere()
    {
        const QList<K> shownKinds{K::ForgetPid,  K::ForgetStartTime, K::Count,    K::Mark,         K::NoteSocketClose,
                                  K::SetLastError, K::SetAttempt,    K::SetPending, K::SetNextRetry, K::ClearNextRetry,
                                  K::SetPhase,   K::ForgetMisses,    K::ResetRunStatus, K::NoteRpcFailure};
        for (int k = 0; k <= int(K::ReplyQuitSoon); ++k) {
            GatewayStatus status = shown();
            Diagnostics diag;
            const bool applied = applyShown(Effect::of(K(k)), 9000, 18789, status, diag);
            QVERIFY2(applied == shownKinds.contains(K(k)), qPrintable(Effect::of(K(k)).describe()));
            if (!applied) {
                QCOMPARE(status.pid, qint64(4242));
                QCOMPARE(status.pendingAction.english(), QStringLiteral("reconnecting in 4 s"));
            }
        }
    }

    void eachWritesItsOwnField()
    {
        GatewayStatus s = shown();
        Diagnostics d;
        d.consecutiveMisses = 3;
        QVERIFY(applyShown(Effect::of(K::ForgetPid), 9000, 18789, s, d));
        QCOMPARE(s.pid, qint64(0));
        QCOMPARE(s.startedAtMs, qint64(1000));
        QVERIFY(applyShown(Effect::of(K::ForgetStartTime), 9000, 18789, s, d));
        QCOMPARE(s.startedAtMs, qint64(0));
        QVERIFY(applyShown(Effect::count(Effect::Counter::ReconnectAttempts), 9000, 18789, s, d));
        QVERIFY(applyShown(Effect::count(Effect::Counter::ReconnectAttempts), 9000, 18789, s, d));
        QCOMPARE(d.reconnectAttempts, quint64(2));
        QCOMPARE(d.unexpectedExits, quint64(0));
        QVERIFY(applyShown(Effect::mark(Effect::Flag::RestartAnnounced, true), 9000, 18789, s, d));
        QVERIFY(d.restartAnnounced);
        QVERIFY(!d.unresponsive);
        QVERIFY(applyShown(Effect::socketClose(1012), 9000, 18789, s, d));
        QCOMPARE(d.lastSocketCloseCode, 1012);
        QCOMPARE(d.lastSocketCloseAtMs, qint64(9000));
        QVERIFY(applyShown(Effect::nextRetryIn(4000), 9000, 18789, s, d));
        QCOMPARE(s.nextRetryAtMs, qint64(13000));
        QVERIFY(applyShown(Effect::attempt(3), 9000, 18789, s, d));
        QCOMPARE(s.reconnectAttempt, 3);
        QVERIFY(applyShown(Effect::pending(UserText()), 9000, 18789, s, d));
        QVERIFY(s.pendingAction.isEmpty());
        QVERIFY(applyShown(Effect::lastError(GatewayProblem{}), 9000, 18789, s, d));
        QVERIFY(s.lastError.summary.isEmpty());
        QVERIFY(applyShown(Effect::of(K::ForgetMisses), 9000, 18789, s, d));
        QCOMPARE(d.consecutiveMisses, 0);
        // A reset keeps only the state, and shows the configured port.
        s = shown();
        Effect failed = Effect::withResult(K::NoteRpcFailure, QStringLiteral("timed out"));
        failed.on = true; // a transport failure
        failed.what = QStringLiteral("gateway.restart.request");
        QVERIFY(applyShown(failed, 9000, 28789, s, d));
        QCOMPARE(d.lastRpcFailureAtMs, qint64(9000));
        QCOMPARE(d.lastRpcFailureMethod, QStringLiteral("gateway.restart.request"));
        QCOMPARE(d.lastRpcFailureMessage, QStringLiteral("timed out"));
        QCOMPARE(d.consecutiveRpcFailures, 1);
        QVERIFY(applyShown(Effect::of(K::ResetRunStatus), 9000, 28789, s, d));
        QCOMPARE(s.state, GatewayState::Reconnecting);
        QCOMPARE(s.port, 28789);
        QCOMPARE(s.pid, qint64(0));
        QVERIFY(s.phase.isEmpty());
        QVERIFY(s.lastError.summary.isEmpty());
    }

    // Every (state, event) pair: the state moves to the event's target, what belonged to the
    // state left is gone, and a pair the table does not list is carried out but counted.
    void aTransitionLeavesNothingOfTheStateItLeft()
    {
        for (const GatewayState from : lifecycle::allStates()) {
            for (const LifecycleEvent e : lifecycle::allEvents()) {
                GatewayStatus s = shown();
                s.state = from;
                s.readiness = QStringLiteral("ready");
                s.notReady = QStringList{QStringLiteral("telegram")};
                s.gatewayVersion = QStringLiteral("2026.11.30");
                s.bootId = QStringLiteral("boot-1");
                Diagnostics d;
                d.gatewayVersion = QStringLiteral("2026.11.30");
                d.gatewayBuildId = QStringLiteral("build-7");
                const GatewayState to = lifecycle::target(e);
                const StateMove m = applyTransition(e, s, d);
                const QString pair = lifecycle::eventName(e) + QStringLiteral(" in ") + gatewayStateName(from);
                QVERIFY2(m.changed == (from != to), qPrintable(pair));
                QCOMPARE(m.from, from);
                QCOMPARE(s.state, to);
                if (!m.changed) {
                    QCOMPARE(s.phase.english(), QStringLiteral("connecting"));
                    QCOMPARE(d.unlistedTransitions, 0);
                    continue;
                }
                QVERIFY2(m.listed == lifecycle::next(from, e).has_value(), qPrintable(pair));
                QCOMPARE(d.unlistedTransitions, m.listed ? 0 : 1);
                const bool running = to == GatewayState::Running;
                QVERIFY2(s.readiness.isEmpty() != running && s.notReady.isEmpty() != running, qPrintable(pair));
                QVERIFY2(s.gatewayVersion.isEmpty() != running && s.bootId.isEmpty() != running, qPrintable(pair));
                QVERIFY2(d.gatewayVersion.isEmpty() != running && d.gatewayBuildId.isEmpty() != running, qPrintable(pair));
                const bool keepsPhase = to == GatewayState::Starting || to == GatewayState::Reconnecting;
                QVERIFY2(s.phase.isEmpty() != keepsPhase, qPrintable(pair));
                QCOMPARE(s.pid, qint64(4242)); // the rest of the status is the effects' business
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSupervisorShown)
#include "tst_supervisor_shown.moc"
