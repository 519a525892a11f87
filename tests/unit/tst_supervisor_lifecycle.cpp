// The lifecycle table: every (state, event) pair is a listed transition or ignored with a reason,
// the table is exactly the one below (a row added or changed fails here until it is written down),
// and docs/ARCHITECTURE.md shows the table the code has.
#include "supervisor/Lifecycle.h"

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace clawtray;

class TestSupervisorLifecycle : public QObject
{
    Q_OBJECT

    // One letter per state the event leads to from Stopped, Starting, Running, Reconnecting,
    // Stopping, Error (in that order); '.' where the table ignores it.
    static QChar letter(GatewayState s)
    {
        switch (s) {
        case GatewayState::Stopped: return QLatin1Char('S');
        case GatewayState::Starting: return QLatin1Char('B');
        case GatewayState::Running: return QLatin1Char('R');
        case GatewayState::Reconnecting: return QLatin1Char('C');
        case GatewayState::Stopping: return QLatin1Char('T');
        case GatewayState::Error: return QLatin1Char('E');
        }
        return QLatin1Char('?');
    }

private Q_SLOTS:
    void everyPairIsATransitionOrIgnoredWithAReason()
    {
        QCOMPARE(lifecycle::allStates().size(), 6);
        for (LifecycleEvent e : lifecycle::allEvents()) {
            QVERIFY(!lifecycle::eventName(e).isEmpty());
            for (GatewayState s : lifecycle::allStates()) {
                const auto to = lifecycle::next(s, e);
                const QString why = lifecycle::ignoredBecause(s, e);
                const QString pair = QStringLiteral("%1 on %2").arg(gatewayStateName(s), lifecycle::eventName(e));
                if (to) {
                    QCOMPARE(*to, lifecycle::target(e));
                    QVERIFY2(*to != s, qPrintable(pair + QStringLiteral(": a listed transition changes the state")));
                    QVERIFY2(why.isEmpty(), qPrintable(pair));
                } else {
                    QVERIFY2(!why.isEmpty(), qPrintable(pair + QStringLiteral(": ignored without a reason")));
                }
            }
        }
    }

    void theTableIsExactlyThis()
    {
        QStringList actual;
        for (LifecycleEvent e : lifecycle::allEvents()) {
            QString row;
            for (GatewayState s : lifecycle::allStates()) {
                const auto to = lifecycle::next(s, e);
                row += to ? letter(*to) : QLatin1Char('.');
            }
            actual << QStringLiteral("%1: %2").arg(lifecycle::eventName(e), row);
        }
        const QStringList table = {
            QStringLiteral("start requested: B..B.B"),
            QStringLiteral("restart begun: B.BBBB"),
            QStringLiteral("start retried: ...BB."),
            QStringLiteral("handoff accepted: ...B.."),
            QStringLiteral("stop begun: TTTT.T"),
            QStringLiteral("stop finished: .SSSSS"),
            QStringLiteral("ready: .R.R.."),
            QStringLiteral("exited cleanly: ..C..."),
            QStringLiteral("connection lost: ..C..."),
            QStringLiteral("recovery scheduled: .CC.CC"),
            QStringLiteral("recovery started: ....CC"),
            QStringLiteral("problem found: EEEEE."),
        };
        QCOMPARE(actual, table);
    }

    void theArchitectureDocumentShowsThisTable()
    {
        QFile doc(QDir(testsupport::sourceDir()).filePath(QStringLiteral("docs/ARCHITECTURE.md")));
        QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
        const QString text = QString::fromUtf8(doc.readAll());
        if (!text.contains(lifecycle::markdownTable()))
            qInfo().noquote() << "docs/ARCHITECTURE.md must carry the table as the code has it:\n" + lifecycle::markdownTable();
        QVERIFY(text.contains(lifecycle::markdownTable()));
    }
};

QTEST_GUILESS_MAIN(TestSupervisorLifecycle)
#include "tst_supervisor_lifecycle.moc"
