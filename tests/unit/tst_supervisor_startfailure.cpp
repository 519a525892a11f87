// A start that failed: what follows, for every combination of the facts it is decided from and the
// kinds of failure StartupRecovery tells apart. Pinned as one row of letters a kind (like the
// lifecycle table): a rule that changes fails here until the rows are written down again.
#include "supervisor/StartFailure.h"

#include <QTest>

using namespace clawtray;
using startfailure::Verdict;

class TestSupervisorStartFailure : public QObject
{
    Q_OBJECT

    static QChar letter(Verdict v)
    {
        switch (v) {
        case Verdict::ShowAsReported: return QLatin1Char('F');
        case Verdict::AttachToLockOwner: return QLatin1Char('A');
        case Verdict::ShowClassified: return QLatin1Char('E');
        case Verdict::StopThenRestart: return QLatin1Char('T');
        case Verdict::RecoverReconnect: return QLatin1Char('X');
        case Verdict::RecoverReattach: return QLatin1Char('R');
        case Verdict::RecoverRestart: return QLatin1Char('P');
        case Verdict::NextAttempt: return QLatin1Char('N');
        }
        return QLatin1Char('?');
    }

    // Bits 6..0: fatal, recovering, owned, processAlive, neverReady, lockAttachRetried, lockOwnerAlive.
    static QString row(StartupRecovery::Kind kind)
    {
        StartupRecovery::Classification cls;
        cls.kind = kind;
        QString s;
        for (int bits = 0; bits < 128; ++bits) {
            startfailure::Facts f;
            f.fatal = bits & 64;
            f.recovering = bits & 32;
            f.owned = bits & 16;
            f.processAlive = bits & 8;
            f.neverReady = bits & 4;
            f.lockAttachRetried = bits & 2;
            f.lockOwnerAlive = bits & 1;
            s += letter(startfailure::decide(f, cls));
        }
        return s;
    }

private Q_SLOTS:
    void everyVerdictHasAName()
    {
        for (Verdict v : {Verdict::ShowAsReported, Verdict::AttachToLockOwner, Verdict::ShowClassified, Verdict::StopThenRestart,
                          Verdict::RecoverReconnect, Verdict::RecoverReattach, Verdict::RecoverRestart, Verdict::NextAttempt})
            QVERIFY(!startfailure::verdictName(v).isEmpty());
    }

    void theTable_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        // A fatal failure (bits 64..127) is always shown as reported.
        const QString fatal(64, QLatin1Char('F'));
        // Retryable (transient, port in use) and an invalid configuration: the user's start takes
        // the next attempt; a recovery backs off — reconnect (external), reattach (our live
        // process), restart (our dead one) — except that our live process that never became ready
        // is stopped and restarted.
        const QString retry = QString(32, QLatin1Char('N'))           // the user's start
                              + QStringLiteral("XXXXXXXXXXXXTTTT")     // a recovery, not owned: dead, alive (ready?)
                              + QStringLiteral("PPPPPPPPRRRRTTTT");    // a recovery, owned: dead, alive (ready?)
        QTest::newRow("transient") << int(StartupRecovery::Kind::Transient) << (retry + fatal);
        QTest::newRow("port in use") << int(StartupRecovery::Kind::PortInUse) << (retry + fatal);
        QTest::newRow("invalid config") << int(StartupRecovery::Kind::InvalidConfig) << (retry + fatal);
        // Not fixable by retrying: shown in StartupRecovery's words.
        QTest::newRow("node too old") << int(StartupRecovery::Kind::NodeTooOld) << (QString(64, QLatin1Char('E')) + fatal);
        QTest::newRow("migration lock") << int(StartupRecovery::Kind::MigrationLock) << (QString(64, QLatin1Char('E')) + fatal);
        QTest::newRow("fatal") << int(StartupRecovery::Kind::Fatal) << (QString(64, QLatin1Char('E')) + fatal);
        // Another gateway owns the state dir: attach to it when it is alive, our process is gone and
        // this start() has not attached once already; otherwise shown.
        const QString owner8 = QStringLiteral("EAEEEAEE"); // neverReady x retried x ownerAlive, process dead
        const QString dead = owner8;
        const QString alive(8, QLatin1Char('E'));
        const QString quarter = dead + alive; // processAlive bit
        QTest::newRow("other instance") << int(StartupRecovery::Kind::OtherInstanceOwnsStateDir)
                                        << (quarter + quarter + quarter + quarter + fatal);
    }

    void theTable()
    {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        QCOMPARE(row(StartupRecovery::Kind(kind)), expected);
    }

    void lockOwnerIsAskedOnlyWhenItDecides()
    {
        StartupRecovery::Classification other;
        other.kind = StartupRecovery::Kind::OtherInstanceOwnsStateDir;
        startfailure::Facts f;
        QVERIFY(startfailure::needsLockOwner(f, other));
        f.lockAttachRetried = true;
        QVERIFY(!startfailure::needsLockOwner(f, other));
        f = {};
        f.processAlive = true;
        QVERIFY(!startfailure::needsLockOwner(f, other));
        StartupRecovery::Classification transient;
        transient.kind = StartupRecovery::Kind::Transient;
        QVERIFY(!startfailure::needsLockOwner({}, transient));
    }

    void ourOwnTimeoutsAreTransient()
    {
        StartSequence::Outcome o;
        o.problem.kind = ProblemKind::NotReady;
        o.problem.summary = UserText::verbatim(QStringLiteral("not ready after 30 s"));
        o.problem.action = UserText::verbatim(QStringLiteral("wait"));
        o.lastLines = {QStringLiteral("error: Config invalid: gateway.mode")}; // said before our timeout
        auto cls = startfailure::classify(o);
        QCOMPARE(cls.kind, StartupRecovery::Kind::Transient);
        QCOMPARE(cls.explanation.english(), QStringLiteral("not ready after 30 s"));
        QCOMPARE(cls.suggestedAction.english(), QStringLiteral("wait"));

        // The same lines with an exit: the gateway's own words decide.
        ExitInfo e;
        e.kind = ExitInfo::Kind::Exited;
        e.exitCode = 1;
        o.exit = e;
        cls = startfailure::classify(o);
        QCOMPARE(cls.kind, StartupRecovery::Kind::InvalidConfig);

        const GatewayProblem p = startfailure::classifiedProblem(o.problem, cls);
        QCOMPARE(p.kind, ProblemKind::InvalidConfig);
        QCOMPARE(p.summary, cls.explanation);
    }
};

QTEST_GUILESS_MAIN(TestSupervisorStartFailure)
#include "tst_supervisor_startfailure.moc"
