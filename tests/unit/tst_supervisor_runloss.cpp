// Losing the gateway: what the supervisor does when the socket closes, the gateway stops answering
// or its process exits, for every combination of the facts it decides from. The verdicts are
// pinned as a matrix (one letter a combination): a rule that changes fails here until the matrix
// is written down again, like the lifecycle table.
#include "supervisor/RunLoss.h"

#include <QTest>

using namespace clawtray;
using runloss::Verdict;

class TestSupervisorRunLoss : public QObject
{
    Q_OBJECT

    static QChar letter(Verdict v)
    {
        switch (v) {
        case Verdict::Ignore: return QLatin1Char('.');
        case Verdict::ReconnectExternal: return QLatin1Char('X');
        case Verdict::AwaitExit: return QLatin1Char('W');
        case Verdict::AwaitInProcessRestart: return QLatin1Char('I');
        case Verdict::SettleThenReattach: return QLatin1Char('S');
        case Verdict::KillAndRestart: return QLatin1Char('K');
        case Verdict::CheckHandoff: return QLatin1Char('H');
        case Verdict::Unexpected: return QLatin1Char('U');
        }
        return QLatin1Char('?');
    }

    // Every combination of owned, starting, alive, exiting, announced (bits 4..0), for one state.
    static QList<runloss::Facts> combinations(GatewayState state)
    {
        QList<runloss::Facts> out;
        for (int bits = 0; bits < 32; ++bits) {
            runloss::Facts f;
            f.state = state;
            f.owned = bits & 16;
            f.starting = bits & 8;
            f.processAlive = bits & 4;
            f.processExiting = bits & 2;
            f.restartAnnounced = bits & 1;
            out << f;
        }
        return out;
    }

    template <class Fn>
    static QString row(GatewayState state, Fn verdict)
    {
        QString s;
        for (const runloss::Facts& f : combinations(state))
            s += letter(verdict(f));
        return s;
    }

private Q_SLOTS:
    void everyVerdictHasAName()
    {
        for (Verdict v : {Verdict::Ignore, Verdict::ReconnectExternal, Verdict::AwaitExit, Verdict::AwaitInProcessRestart,
                          Verdict::SettleThenReattach, Verdict::KillAndRestart, Verdict::CheckHandoff, Verdict::Unexpected})
            QVERIFY(!runloss::verdictName(v).isEmpty());
    }

    void onlyARunningGatewayLosesItsSocket()
    {
        for (GatewayState s : {GatewayState::Stopped, GatewayState::Starting, GatewayState::Reconnecting,
                               GatewayState::Stopping, GatewayState::Error}) {
            QCOMPARE(row(s, [](const runloss::Facts& f) { return runloss::onSocketClosed(f, false, false); }), QString(32, QLatin1Char('.')));
            QCOMPARE(row(s, [](const runloss::Facts& f) { return runloss::onUnresponsive(f); }), QString(32, QLatin1Char('.')));
        }
        // A close ClawTray asked for is never a loss.
        QCOMPARE(row(GatewayState::Running, [](const runloss::Facts& f) { return runloss::onSocketClosed(f, true, true); }),
                 QString(32, QLatin1Char('.')));
    }

    void socketClosedWhileRunning()
    {
        // External: reconnect; a start under way: its own business; ours and gone or going: its exit
        // decides; ours and alive: an announced restart (or 1012) is awaited, else settle, reattach.
        QCOMPARE(row(GatewayState::Running, [](const runloss::Facts& f) { return runloss::onSocketClosed(f, false, false); }),
                 QStringLiteral("XXXXXXXX........WWWWSIWW........"));
        QCOMPARE(row(GatewayState::Running, [](const runloss::Facts& f) { return runloss::onSocketClosed(f, false, true); }),
                 QStringLiteral("XXXXXXXX........WWWWIIWW........"));
    }

    void unresponsiveWhileRunning()
    {
        QCOMPARE(row(GatewayState::Running, [](const runloss::Facts& f) { return runloss::onUnresponsive(f); }),
                 QString(16, QLatin1Char('X')) + QString(16, QLatin1Char('K')));
    }

    void processExited()
    {
        ExitInfo clean;
        clean.kind = ExitInfo::Kind::Exited;
        clean.exitCode = 0;
        ExitInfo failed = clean;
        failed.exitCode = 1;
        ExitInfo crashed;
        crashed.kind = ExitInfo::Kind::Crashed;
        crashed.signal = 9;
        const QString ignored(32, QLatin1Char('.'));
        for (GatewayState s : {GatewayState::Stopped, GatewayState::Starting, GatewayState::Stopping, GatewayState::Error})
            QCOMPARE(row(s, [&](const runloss::Facts& f) { return runloss::onProcessExited(f, crashed); }), ignored);
        // Ours while it ran (not during a start): a clean exit may be a handoff; anything else is unexpected.
        const QString handoff = QString(16, QLatin1Char('.')) + QStringLiteral("HHHHHHHH........");
        const QString unexpected = QString(16, QLatin1Char('.')) + QStringLiteral("UUUUUUUU........");
        for (GatewayState s : {GatewayState::Running, GatewayState::Reconnecting}) {
            QCOMPARE(row(s, [&](const runloss::Facts& f) { return runloss::onProcessExited(f, clean); }), handoff);
            QCOMPARE(row(s, [&](const runloss::Facts& f) { return runloss::onProcessExited(f, failed); }), unexpected);
            QCOMPARE(row(s, [&](const runloss::Facts& f) { return runloss::onProcessExited(f, crashed); }), unexpected);
        }
    }

    void howARecoveryIsCarriedOut()
    {
        using runloss::RecoveryKind;
        using runloss::RecoveryMove;
        QString s;
        for (RecoveryKind k : {RecoveryKind::ProcessRestart, RecoveryKind::Reattach, RecoveryKind::ReconnectExternal})
            for (bool service : {false, true})
                for (bool alive : {false, true})
                    s += QChar(u"SXOP"[int(runloss::recoveryMove(k, service, alive))]);
        // Restart: always restarts; reattach: only to a live process; external: the service's is attached.
        QCOMPARE(s, QStringLiteral("PPPP" "POPO" "XXSS"));
    }

    void problemsARestartCannotFix()
    {
        ExitInfo e;
        e.kind = ExitInfo::Kind::Exited;
        e.exitCode = 78;
        e.lastLines = {QStringLiteral("another gateway instance holds the lock")};
        auto p = runloss::problemAfterExit(e, 42);
        QVERIFY(p);
        QCOMPARE(p->kind, ProblemKind::OtherInstanceOwnsStateDir);
        QCOMPARE(p->atMs, qint64(42));
        QVERIFY(!p->summary.isEmpty());

        e.lastLines = {QStringLiteral("error: Config invalid: gateway.mode")};
        p = runloss::problemAfterExit(e, 1);
        QVERIFY(p);
        QCOMPARE(p->kind, ProblemKind::InvalidConfig);
        QCOMPARE(p->actionId, ProblemAction::DoctorFix);
        e.exitCode = 1; // the same line with another exit code: a restart may help
        QVERIFY(!runloss::problemAfterExit(e, 1));

        e.lastLines = {QStringLiteral("openclaw requires Node >= 24.16")};
        p = runloss::problemAfterExit(e, 1);
        QVERIFY(p);
        QCOMPARE(p->kind, ProblemKind::NodeTooOld);

        ExitInfo crash;
        crash.kind = ExitInfo::Kind::Crashed;
        crash.signal = 11;
        crash.lastLines = {QStringLiteral("segfault")};
        QVERIFY(!runloss::problemAfterExit(crash, 1)); // a crash is restarted
    }
};

QTEST_GUILESS_MAIN(TestSupervisorRunLoss)
#include "tst_supervisor_runloss.moc"
