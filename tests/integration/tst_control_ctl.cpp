// A headless `clawtray` with isolated directories and the fake gateway, driven entirely by
// `clawtray ctl` subprocesses: the commands, their output and exit codes as a script sees them.
#include "tst_control_fixture.h"

#include <QJsonArray>
#include <QDir>
#include <QSettings>

#include <unistd.h>

using namespace ctltest;

class TestControlCtl : public QObject
{
    Q_OBJECT

    HeadlessFixture m_fx;

    Run ctl(const QString& words) { return m_fx.ctl(words); }
    QJsonObject gateway() { return m_fx.gateway(); }
    QString path(const QString& rel) const { return m_fx.path(rel); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_fx.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void noRunningInstanceExits3()
    {
        const QString missing = path(QStringLiteral("elsewhere/clawtray.sock"));
        Run r = ctl(QStringLiteral("status --socket ") + missing);
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QStringLiteral("No ClawTray is running (socket %1)").arg(missing)), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("clawtray --headless")));
        r = ctl(QStringLiteral("stop --json --socket ") + missing);
        QCOMPARE(r.code, 3);
        QCOMPARE(str(r.json(), "error.code"), QStringLiteral("not-running"));
    }

    void usageErrorsExit2()
    {
        QCOMPARE(ctl(QStringLiteral("")).code, 2);
        QCOMPARE(ctl(QStringLiteral("bogus")).code, 2);
        QCOMPARE(ctl(QStringLiteral("restart --safe --force")).code, 2);
        QCOMPARE(ctl(QStringLiteral("logs -n many")).code, 2);
        QCOMPARE(ctl(QStringLiteral("status --follow")).code, 2);
        QCOMPARE(ctl(QStringLiteral("status extra")).code, 2);
        const Run help = ctl(QStringLiteral("--help"));
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains(QStringLiteral("Exit codes:")));
        QVERIFY(help.out.contains(QStringLiteral("3  no running ClawTray")));
    }

    // The companion from a terminal: pairing requests answered, devices renamed and removed,
    // a channel account stopped; what cannot be undone needs --yes.
    void pairAndChannelsFromTheTerminal()
    {
        QCOMPARE(ctl(QStringLiteral("pair approve")).code, 2);
        QCOMPARE(ctl(QStringLiteral("pair remove dev-1")).code, 2); // needs --yes
        QCOMPARE(ctl(QStringLiteral("pair approve x --yes")).code, 2);
        QCOMPARE(ctl(QStringLiteral("pair list extra")).code, 2);
        QCOMPARE(ctl(QStringLiteral("channels logout telegram")).code, 2); // needs --yes
        QCOMPARE(ctl(QStringLiteral("channels restart telegram")).code, 2);
        QCOMPARE(ctl(QStringLiteral("status --yes")).code, 2);

        Run r = ctl(QStringLiteral("pair"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("No device is waiting to be paired.\nNo paired devices.")), qPrintable(r.out));
        QCOMPARE(ctl(QStringLiteral(R"(call fake.pairRequest {"requestId":"req-cli-1","deviceId":"dev-1","displayName":"laptop","platform":"linux"})")).code, 0);
        QVERIFY(testsupport::waitFor([&] { return num(ctl(QStringLiteral("status --json")).json(), "pairing.pending") == 1; }, 5000));
        r = ctl(QStringLiteral("status"));
        QVERIFY2(r.out.contains(QStringLiteral("pairing: 1 waiting (`clawtray ctl pair`)")), qPrintable(r.out));
        // Sessions and usage are read for the status itself (the fake has none).
        QVERIFY2(r.out.contains(QStringLiteral("  no session active in the last hour; today: 0 tokens, about $0.00 (estimated)")),
                 qPrintable(r.out));
        r = ctl(QStringLiteral("pair"));
        QVERIFY2(r.out.contains(QStringLiteral("1 pairing request is waiting:\n  req-cli-1  laptop (linux) wants to pair as operator with operator.read\n"
                                               "      device dev-1, asked ")),
                 qPrintable(r.out));
        QCOMPARE(ctl(QStringLiteral("pair approve nope")).code, 1);
        r = ctl(QStringLiteral("pair approve req-cli"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Approved laptop.")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Paired:\n  dev-1  laptop (linux, operator)")), qPrintable(r.out)); // the outcome, not the list before
        r = ctl(QStringLiteral("pair rename dev-1 work-laptop"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Renamed work-laptop.")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("  dev-1  work-laptop (linux, operator)")), qPrintable(r.out));
        r = ctl(QStringLiteral("pair remove dev-1 --yes --json"));
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(QLatin1String("devices")).toArray().size(), 0);

        QCOMPARE(ctl(QStringLiteral(R"(call fake.channels {"accounts":{"telegram":[{"accountId":"default","running":true,"connected":true}]}})")).code, 0);
        r = ctl(QStringLiteral("channels stop telegram"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("stop telegram: done.\nChannels: 1 of 1 channel accounts need attention: telegram (default): stopped")),
                 qPrintable(r.out));
        r = ctl(QStringLiteral("channels logout matrix --yes"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("unknown channel: matrix")), qPrintable(r.err));
        QCOMPARE(ctl(QStringLiteral("channels start telegram default")).code, 0);
        QCOMPARE(ctl(QStringLiteral(R"(call fake.channels {})")).code, 0);
    }

    void statusJsonFields()
    {
        const Run r = ctl(QStringLiteral("status --json"));
        QCOMPARE(r.code, 0);
        const QJsonObject o = r.json();
        const QJsonObject self = o.value(QLatin1String("clawtray")).toObject();
        QCOMPARE(num(self, "pid"), m_fx.headless.processId());
        QCOMPARE(str(self, "mode"), QStringLiteral("headless"));
        QCOMPARE(str(self, "socket"), m_fx.socket);
        QVERIFY(!str(self, "version").isEmpty());
        const QJsonObject gw = o.value(QLatin1String("gateway")).toObject();
        QCOMPARE(str(gw, "state"), QStringLiteral("running"));
        QCOMPARE(at(gw, "port").toInt(), int(m_fx.port));
        QVERIFY(at(gw, "owned").toBool());
        QVERIFY(at(gw, "healthy").toBool());
        QVERIFY(!str(gw, "bootId").isEmpty());
        const pid_t pid = pid_t(num(gw, "pid"));
        QVERIFY(testsupport::processAlive(pid));
        QVERIFY(testsupport::processCmdline(pid).join(QLatin1Char(' ')).contains(QStringLiteral("gateway run")));
        QCOMPARE(str(o, "health.level"), QStringLiteral("healthy"));
        const Run human = ctl(QStringLiteral("status"));
        QCOMPARE(human.code, 0);
        QVERIFY2(human.out.contains(QStringLiteral("Gateway: running · pid %1").arg(pid)), qPrintable(human.out));
    }

    void restartReplacesTheProcess()
    {
        const qint64 before = num(gateway(), "pid");
        const Run r = ctl(QStringLiteral("restart --json"));
        QCOMPARE(r.code, 0);
        const QJsonObject st = r.json().value(QLatin1String("status")).toObject();
        QCOMPARE(str(st, "state"), QStringLiteral("running"));
        QCOMPARE(num(r.json(), "previousPid"), before);
        QVERIFY(num(st, "pid") != before);
        QVERIFY(!testsupport::processAlive(pid_t(before)));
    }

    void safeRestartScheduledThenDeferred()
    {
        const QJsonObject before = gateway();
        Run r = ctl(QStringLiteral("restart --safe"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Restart: scheduled")) &&
                     r.out.contains(QStringLiteral("Blockers: none")),
                 qPrintable(r.out));
        const QJsonObject after = gateway(); // answered once the gateway was back: same pid, new boot
        QCOMPARE(num(after, "pid"), num(before, "pid"));
        QVERIFY(str(after, "bootId") != str(before, "bootId"));

        QCOMPARE(ctl(QStringLiteral("call fake.activeTasks {\"count\":2}")).code, 0);
        r = ctl(QStringLiteral("restart --safe"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Restart: deferred")) &&
                     r.out.contains(QStringLiteral("Active tasks: 2")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("  - 2 active task(s)")), qPrintable(r.out));
        r = ctl(QStringLiteral("restart --safe --json"));
        QCOMPARE(r.code, 0);
        const QJsonObject sr = r.json().value(QLatin1String("safeRestart")).toObject();
        QCOMPARE(str(sr, "status"), QStringLiteral("coalesced"));
        QCOMPARE(at(sr, "activeTasks").toInt(), 2);
        QVERIFY(!at(sr, "blockers").toArray().isEmpty());
        // Work drained: the deferred restart goes ahead by itself.
        QCOMPARE(ctl(QStringLiteral("call fake.activeTasks {\"count\":0}")).code, 0);
        QTRY_VERIFY_WITH_TIMEOUT(gateway().value(QLatin1String("bootId")) != after.value(QLatin1String("bootId")) &&
                                     str(gateway(), "state") == QLatin1String("running"),
                                 15000);
    }

    void forcedRestart()
    {
        const Run r = ctl(QStringLiteral("restart --force"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Restart: forced")) && r.out.contains(QStringLiteral("Gateway running")),
                 qPrintable(r.out));
    }

    void logsAndFollow()
    {
        Run r = ctl(QStringLiteral("logs -n 5"));
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed().split(QLatin1Char('\n')).size(), 5);
        r = ctl(QStringLiteral("logs -n 3 --json"));
        QCOMPARE(r.code, 0);
        for (const QString& line : r.out.trimmed().split(QLatin1Char('\n'))) {
            const QJsonObject l = QJsonDocument::fromJson(line.toUtf8()).object();
            QVERIFY(num(l, "seq") > 0 && !str(l, "level").isEmpty());
        }
        QProcess follower;
        follower.setProcessEnvironment(m_fx.environment(m_fx.socket));
        follower.start(binary(), {QStringLiteral("ctl"), QStringLiteral("logs"), QStringLiteral("-n"),
                                  QStringLiteral("1"), QStringLiteral("--follow")});
        QString followed;
        // The one backlog line shows the reply arrived, so the subscription is in place.
        QTRY_VERIFY_WITH_TIMEOUT(
            (followed += QString::fromUtf8(follower.readAllStandardOutput())).count(QLatin1Char('\n')) >= 1, 10000);
        const QString bootBeforeReload = str(gateway(), "bootId");
        const Run reloaded = ctl(QStringLiteral("reload"));
        QCOMPARE(reloaded.code, 0);
        // It answers once the reload has its outcome, in the words the tray and the window use.
        QVERIFY2(reloaded.out.contains(QStringLiteral("Reload: restarted in process in ")), qPrintable(reloaded.out));
        QTRY_VERIFY_WITH_TIMEOUT((followed += QString::fromUtf8(follower.readAllStandardOutput()))
                                     .contains(QStringLiteral("control: reload requested")),
                                 10000);
        follower.kill();
        follower.waitForFinished();
        m_fx.seen += followed;
        // The reload is debounced, then restarts the gateway in-process: wait for the new boot, not
        // merely for "running" (which may still be the old boot).
        QTRY_VERIFY_WITH_TIMEOUT(str(gateway(), "bootId") != bootBeforeReload
                                     && str(gateway(), "state") == QLatin1String("running"),
                                 20000);
    }

    // A server has no Settings dialog: clawtray.ini is edited by hand and `ctl reload` applies it
    // (before, the file was read only at start-up, so a changed value silently waited for a restart).
    void reloadAppliesAHandEditedSettingsFile()
    {
        const QString ini = path(QStringLiteral("config/clawtray.ini"));
        {
            QSettings s(ini, QSettings::IniFormat);
            s.setValue(QStringLiteral("governor/budget"), 7);
        }
        Run r = ctl(QStringLiteral("reload --json"));
        QCOMPARE(r.code, 0);
        QVERIFY2(at(r.json(), "settings.changed").toArray() == QJsonArray{QStringLiteral("governor/budget")}, qPrintable(r.out));
        r = ctl(QStringLiteral("logs -n 40"));
        QVERIFY2(r.out.contains(QStringLiteral("settings saved (governor/budget changed)")), qPrintable(r.out));
        r = ctl(QStringLiteral("reload"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("clawtray.ini: unchanged\n")), qPrintable(r.out));
        // A value this version refuses: said, reset to its default, the file's bytes kept aside.
        {
            QSettings s(ini, QSettings::IniFormat);
            s.setValue(QStringLiteral("governor/budget"), QStringLiteral("many"));
        }
        r = ctl(QStringLiteral("reload"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("clawtray.ini: ")) && r.out.contains(QStringLiteral("governor/budget")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("clawtray.ini: applied governor/budget")), qPrintable(r.out));
        QVERIFY(!QDir(path(QStringLiteral("config"))).entryList({QStringLiteral("clawtray.ini.bad-*")}).isEmpty());
    }

    void diagnosticsAndDoctor()
    {
        const QString file = path(QStringLiteral("diag.json"));
        Run r = ctl(QStringLiteral("diagnostics --output ") + file);
        QCOMPARE(r.code, 0);
        QCOMPARE(testsupport::fileMode(file), 0600);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        m_fx.seen += QString::fromUtf8(content);
        QVERIFY(QJsonDocument::fromJson(content).object().contains(QLatin1String("status")));
        r = ctl(QStringLiteral("diagnostics"));
        QCOMPARE(r.code, 0);
        QVERIFY(at(r.json(), "diagnostics").isObject());
        QCOMPARE(ctl(QStringLiteral("diagnostics --output ") + path(QStringLiteral("missing/dir/d.json"))).code, 1);
        r = ctl(QStringLiteral("doctor"));
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("fake doctor: nothing to fix")));
    }

    void stopThenStart()
    {
        const pid_t pid = pid_t(num(gateway(), "pid"));
        Run r = ctl(QStringLiteral("stop"));
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("Gateway stopped")));
        QVERIFY(!testsupport::processAlive(pid)); // answered at the end state, not before
        QCOMPARE(str(gateway(), "state"), QStringLiteral("stopped"));
        r = ctl(QStringLiteral("start --json"));
        QCOMPARE(r.code, 0);
        QCOMPARE(str(r.json(), "status.state"), QStringLiteral("running"));
    }

    void tokenNeverLeavesThroughTheChannel()
    {
        const QString t = m_fx.token();
        QVERIFY(t.size() >= 16);
        QVERIFY(!m_fx.seen.isEmpty());
        QVERIFY(!m_fx.seen.contains(t));
    }
};

QTEST_GUILESS_MAIN(TestControlCtl)
#include "tst_control_ctl.moc"
