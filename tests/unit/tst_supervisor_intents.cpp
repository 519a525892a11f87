// The user's start, stop and restart: what each leads to for every state and every combination of
// who owns the gateway, whether our process runs and whether OpenClaw's service manages it. Pinned
// as one row of letters an intent: a rule that changes fails here until the row is written again.
#include "supervisor/Intents.h"

#include <QTest>

using namespace clawtray;

class TestSupervisorIntents : public QObject
{
    Q_OBJECT

    // For each state (Stopped, Starting, Running, Reconnecting, Stopping, Error), the 8 combinations
    // of owned, processAlive, serviceManaged (bits 2..0).
    template <class Fn>
    static QString row(Fn letter)
    {
        QString s;
        for (GatewayState st : {GatewayState::Stopped, GatewayState::Starting, GatewayState::Running, GatewayState::Reconnecting,
                                GatewayState::Stopping, GatewayState::Error}) {
            for (int bits = 0; bits < 8; ++bits) {
                intents::Facts f;
                f.state = st;
                f.owned = bits & 4;
                f.processAlive = bits & 2;
                f.serviceManaged = bits & 1;
                s += letter(f);
            }
            s += QLatin1Char(' ');
        }
        return s.trimmed();
    }

private Q_SLOTS:
    void start()
    {
        // Starting/Running: already; Stopping: after the stop; otherwise now.
        QCOMPARE(row([](const intents::Facts& f) { return QChar(u".AS"[int(intents::onStart(f))]); }),
                 QStringLiteral("SSSSSSSS ........ ........ SSSSSSSS AAAAAAAA SSSSSSSS"));
    }

    void stop()
    {
        // Stopped with nothing of ours: nothing to do; the service's gateway (no process of ours):
        // systemctl stop; anything else: stop our process / the connection.
        QCOMPARE(row([](const intents::Facts& f) { return QChar(u".VP"[int(intents::onStop(f))]); }),
                 QStringLiteral("..PP..PP PVPPPVPP PVPPPVPP PVPPPVPP PVPPPVPP PVPPPVPP"));
    }

    void restart()
    {
        // The service's gateway: systemctl restart; someone else's running gateway: reconnect only;
        // everything else: our process.
        QCOMPARE(row([](const intents::Facts& f) { return QChar(u"SRP"[int(intents::restartPath(f))]); }),
                 QStringLiteral("PSPPPSPP PSPPPSPP RSRRPSPP RSRRPSPP PSPPPSPP PSPPPSPP"));
    }

    void restartWaitsForWhatIsUnderWay()
    {
        intents::Facts f;
        f.state = GatewayState::Running;
        QVERIFY(!intents::restartMustWait(f, false));
        QVERIFY(intents::restartMustWait(f, true));
        f.state = GatewayState::Stopping;
        QVERIFY(intents::restartMustWait(f, false));
    }
};

QTEST_GUILESS_MAIN(TestSupervisorIntents)
#include "tst_supervisor_intents.moc"
