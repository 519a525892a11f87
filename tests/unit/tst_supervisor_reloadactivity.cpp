// What the tray and the window say of a configuration reload, from debounce to outcome.
#include "supervisor/ReloadActivity.h"

#include <QtTest>

using namespace clawtray;

namespace {
ReloadPolicy::Decision decision(ReloadPolicy::Action a, bool nextStart = false, const QString& why = {})
{
    ReloadPolicy::Decision d;
    d.action = a;
    d.appliesAtNextStart = nextStart;
    d.explanation = why;
    return d;
}
} // namespace

class TestReloadActivity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pendingSaysWhatWhenAndHow()
    {
        ReloadTracker t;
        QVERIFY(t.activity().line(0).isEmpty());
        t.debounced({QStringLiteral("port")}, 11200, decision(ReloadPolicy::Action::RestartProcess));
        QCOMPARE(t.activity().line(10000).english(), QStringLiteral("Applying the port change in 1.2 s — process restart"));
        t.debounced({QStringLiteral("port"), QStringLiteral("nodePath"), QStringLiteral("extraArgs")}, 12000,
                    decision(ReloadPolicy::Action::RestartInProcessRpc));
        QCOMPARE(t.activity().line(10000).english(), QStringLiteral("Applying 3 changed settings in 2.0 s — in-process restart"));
        t.debounced({}, 10500, decision(ReloadPolicy::Action::RestartInProcessRpc));
        QCOMPARE(t.activity().line(10000).english(), QStringLiteral("Reloading the configuration in 0.5 s — in-process restart"));
        QVERIFY(!t.activity().settled());
    }

    void aProcessRestartEndsWithHowLongItTook()
    {
        ReloadTracker t;
        t.debounced({QStringLiteral("port")}, 1000, decision(ReloadPolicy::Action::RestartProcess));
        t.executing({QStringLiteral("port")}, decision(ReloadPolicy::Action::RestartProcess), 42, 1000);
        QCOMPARE(t.activity().outcome, ReloadActivity::Outcome::Restarting);
        QVERIFY(!t.activity().pending);
        QVERIFY(!t.activity().settled());
        QCOMPARE(t.activity().line(1000).english(), QStringLiteral("Settings (port): restarting the gateway process"));
        t.restartFinished(true, QStringLiteral("ok"), 4200);
        QCOMPARE(t.activity().outcome, ReloadActivity::Outcome::Restarted);
        QCOMPARE(t.activity().line(5000).english(), QStringLiteral("Settings (port): restarted the gateway process in 3.2 s"));
        QVERIFY(t.activity().settled());
        // A later, unrelated restart does not rewrite it.
        t.restartFinished(false, QStringLiteral("failed"), 9000);
        QCOMPARE(t.activity().outcome, ReloadActivity::Outcome::Restarted);
    }

    void anInProcessRestartAndItsFailure()
    {
        ReloadTracker t;
        t.executing({}, decision(ReloadPolicy::Action::RestartInProcessRpc), 42, 0);
        t.deferred(QStringLiteral("2 active tasks"));
        QVERIFY(t.activity().line(0).english().contains(QStringLiteral("deferred by the gateway (2 active tasks)")));
        t.restartFinished(true, QStringLiteral("ok"), 1500);
        QCOMPARE(t.activity().line(0).english(), QStringLiteral("Reload: restarted in process in 1.5 s"));

        ReloadTracker f;
        f.executing({}, decision(ReloadPolicy::Action::RestartInProcessRpc), 42, 0);
        f.requestFailed(QStringLiteral("missing scope"), 10);
        QCOMPARE(f.activity().outcome, ReloadActivity::Outcome::Failed);
        QVERIFY(f.activity().text.english().contains(QStringLiteral("missing scope")));
    }

    void nextStartStaysUntilANewProcessRuns()
    {
        ReloadTracker t;
        ReloadState stopped;
        stopped.running = false; // the policy's own decision, with its reason
        t.executing({QStringLiteral("port")}, ReloadPolicy(ReloadConfig{}).decide({QStringLiteral("port")}, stopped), 0, 5);
        QCOMPARE(t.activity().line(0).english(),
                 QStringLiteral("Settings (port): saved; applies at the next start (gateway is not running)"));
        t.runEnded(); // a stop keeps it: it is still true
        QCOMPARE(t.activity().outcome, ReloadActivity::Outcome::NextStart);
        t.running(false, 77); // an external gateway is not ours: the change is still not in effect
        QCOMPARE(t.activity().outcome, ReloadActivity::Outcome::NextStart);
        t.running(true, 78);
        QCOMPARE(t.activity().outcome, ReloadActivity::Outcome::None);
        QVERIFY(t.activity().line(0).isEmpty());
    }

    void aPendingReloadCutShortByAStop()
    {
        ReloadTracker t;
        t.debounced({QStringLiteral("extraArgs")}, 1000, decision(ReloadPolicy::Action::RestartProcess));
        t.pendingDropped(500);
        QVERIFY(!t.activity().pending);
        QCOMPARE(t.activity().outcome, ReloadActivity::Outcome::NextStart);
        QCOMPARE(t.activity().line(0).english(), QStringLiteral("Settings (extra arguments): saved; applies when the gateway starts again"));
        // Other outcomes go with the run.
        t.appliedLive({QStringLiteral("liveness/pingIntervalMs")}, 600);
        t.runEnded();
        QCOMPARE(t.activity().outcome, ReloadActivity::Outcome::None);
    }

    void theGatewaysOwnConfigChange()
    {
        ReloadTracker t;
        t.gatewayConfigChanged(QStringLiteral("/home/u/.openclaw/openclaw.json"), 1000);
        QCOMPARE(t.activity().line(0).english(), QStringLiteral("openclaw.json changed: applied live by the gateway"));
        t.gatewayRestartAnnounced(3000);
        QCOMPARE(t.activity().outcome, ReloadActivity::Outcome::Restarting);
        t.restartFinished(true, QStringLiteral("ok"), 5000);
        QCOMPARE(t.activity().line(0).english(), QStringLiteral("openclaw.json changed: restarted in process in 2.0 s"));
        // A restart announced long after the change is not taken to be its effect.
        ReloadTracker late;
        late.gatewayConfigChanged(QString(), 0);
        late.gatewayRestartAnnounced(ReloadTracker::kConfigRestartWindowMs + 1);
        QCOMPARE(late.activity().outcome, ReloadActivity::Outcome::AppliedLive);
    }

    void jsonCarriesTheLine()
    {
        ReloadTracker t;
        t.debounced({QStringLiteral("port")}, 2000, decision(ReloadPolicy::Action::RestartProcess));
        const QJsonObject o = t.activity().toJson(1000);
        QCOMPARE(o.value(QLatin1String("pending")).toBool(), true);
        QCOMPARE(o.value(QLatin1String("dueInMs")).toInt(), 1000);
        QCOMPARE(o.value(QLatin1String("plan")).toString(), QStringLiteral("process restart"));
        QCOMPARE(o.value(QLatin1String("line")).toString(), QStringLiteral("Applying the port change in 1.0 s — process restart"));
    }
};

QTEST_GUILESS_MAIN(TestReloadActivity)
#include "tst_supervisor_reloadactivity.moc"
