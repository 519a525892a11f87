// An update between real published OpenClaw releases, the way a user does it: `clawtray
// --headless` runs OpenClaw 2026.9.5 (installed beside the pinned version by
// `scripts/setup.sh --tests`), `clawtray ctl update --to 2026.9.6` switches to 2026.9.6 — whose
// first start migrates the state database (schema 17 → 18) — and `ctl update --rollback` goes back
// to 2026.9.5, which cannot read schema 18, so the state from before the update comes back. The
// device paired before the update (a second operator, "the phone") and the user's config survive
// both: the phone connects again without pairing again. Also measures how long the gateway was unavailable (the bench reads it: see README).
#include "RealGateway.h"
#include "TestSupport.h"

#include "client/GatewayClient.h"
#include "logging/Logging.h"
#include "protocol/DeviceIdentity.h"
#include "settings/RuntimeLayout.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace clawtray;

namespace {
const QString kOld = QStringLiteral("2026.9.5");
const QString kNew = QStringLiteral("2026.9.6");
constexpr int kBootMs = 180000;
} // namespace

class TestUpdateRealVersions : public QObject
{
    Q_OBJECT

    testsupport::RealGatewayEnv m_env;
    QProcess m_headless;
    QString m_rt;
    const DeviceIdentity m_phone = *DeviceIdentity::generate(); // a device the user paired before updating

    // The phone connects as an operator with the gateway's token; pairs (approved through `ctl
    // pair approve` when the gateway asks) the first time. Returns whether it got in.
    bool phoneConnects()
    {
        QFile tokenFile(path(QStringLiteral("config/gateway-token")));
        if (!tokenFile.open(QIODevice::ReadOnly))
            return false;
        GatewayClient phone;
        GatewayClient::Config c;
        c.as.clientId = QStringLiteral("cli");
        c.as.clientMode = QStringLiteral("cli");
        c.as.displayName = QStringLiteral("phone-before-update");
        c.as.scopes = {QStringLiteral("operator.read")};
        c.as.caps = {};
        phone.setConfig(c);
        phone.setCredentials(QString::fromUtf8(tokenFile.readAll()).trimmed(), m_phone);
        QSignalSpy failed(&phone, &GatewayClient::connectFailed);
        QSignalSpy connected(&phone, &GatewayClient::connected);
        phone.connectToGateway(m_env.port);
        if (testsupport::waitFor([&] { return !connected.isEmpty() || !failed.isEmpty(); }, 30000) && !connected.isEmpty())
            return true;
        if (failed.isEmpty())
            return false;
        const ConnectFailure f = failed.first().at(0).value<ConnectFailure>();
        if (!f.error || f.error->code != QLatin1String("NOT_PAIRED"))
            return false;
        const QString requestId = f.error->details.value(QLatin1String("requestId")).toString();
        if (ctl({QStringLiteral("pair"), QStringLiteral("approve"), requestId}, 30000).code != 0)
            return false;
        phone.connectToGateway(m_env.port);
        return connected.wait(30000);
    }

    QString path(const QString& rel) const { return m_env.root.filePath(rel); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = testsupport::userEnvironment(m_env.root.path());
        env.insert(QStringLiteral("OPENCLAW_HOME"), path(QStringLiteral("home")));
        return env;
    }

    struct Run
    {
        int code = -1;
        QString out;
    };
    Run ctl(const QStringList& args, int ms = 600000)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(testsupport::clawtrayBinary(), QStringList{QStringLiteral("ctl")} + args);
        if (!p.waitForFinished(ms))
            return {};
        return {p.exitCode(), QString::fromUtf8(p.readAll())};
    }

    QJsonObject status()
    {
        const Run r = ctl({QStringLiteral("status"), QStringLiteral("--json")}, 30000);
        return QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("gateway")).toObject();
    }

    bool waitRunning(const QString& version)
    {
        return testsupport::waitFor([&] {
            const QJsonObject s = status();
            return s.value(QLatin1String("state")).toString() == QLatin1String("running")
                   && s.value(QLatin1String("gatewayVersion")).toString() == version;
        }, kBootMs);
    }

    QStringList pairedDevices()
    {
        const Run r = ctl({QStringLiteral("--json"), QStringLiteral("call"), QStringLiteral("device.pair.list")}, 30000);
        QStringList ids;
        const QJsonObject payload = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("payload")).toObject();
        for (const QJsonValue& d : payload.value(QLatin1String("paired")).toArray())
            ids << d.toObject().value(QLatin1String("deviceId")).toString();
        ids.sort();
        return ids;
    }

    QJsonObject gatewayConfig() const
    {
        QFile f(path(QStringLiteral("state/openclaw.json")));
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("gateway")).toObject()
                                           : QJsonObject{};
    }

    // How long the gateway was unavailable during the last switch, from ClawTray's own log: the
    // old version leaving Running → the new one Running (its hello-ok); and of that, how long the
    // new version took to boot (its start → Running).
    struct Outage
    {
        qint64 unavailableMs = -1;
        qint64 bootMs = -1;
    };
    Outage outage() const
    {
        QFile f(path(QStringLiteral("headless.log")));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        static const QRegularExpression line(QStringLiteral("^(\\S+ \\S+) .*gateway state: (\\w+) -> (\\w+)"),
                                             QRegularExpression::MultilineOption);
        QDateTime left, started, back;
        auto it = line.globalMatch(QString::fromUtf8(f.readAll()));
        while (it.hasNext()) {
            const auto m = it.next();
            const QDateTime t = QDateTime::fromString(m.captured(1), QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
            if (m.captured(2) == QLatin1String("running") && m.captured(3) == QLatin1String("stopping"))
                left = t;
            else if (m.captured(3) == QLatin1String("starting") && left.isValid())
                started = t;
            else if (m.captured(3) == QLatin1String("running") && left.isValid())
                back = t;
        }
        if (!left.isValid() || !started.isValid() || !back.isValid() || back <= left)
            return {};
        return {left.msecsTo(back), started.msecsTo(back)};
    }

private Q_SLOTS:
    void initTestCase()
    {
        logging::init(LoggingOptions{});
        qRegisterMetaType<ConnectFailure>();
        QVERIFY2(m_env.valid, qPrintable(m_env.error));
        const RuntimeLayout real(testsupport::runtimeDir());
        if (!real.isComplete(kOld) || !real.isComplete(kNew))
            QFAIL(qPrintable(QStringLiteral("OpenClaw %1 and %2 must be installed in %3 (scripts/setup.sh --tests)")
                                 .arg(kOld, kNew, testsupport::runtimeDir())));
        // This test's own runtime dir: both releases linked in, 2026.9.5 active.
        m_rt = path(QStringLiteral("rt"));
        RuntimeLayout layout(m_rt);
        QVERIFY(QDir().mkpath(layout.versionsDir()));
        for (const QString& v : {kOld, kNew})
            QVERIFY(QFile::link(QFileInfo(real.versionDir(v)).canonicalFilePath(), layout.versionDir(v)));
        QVERIFY(layout.switchTo(kOld).ok);
        for (const char* d : {"config", "data", "xdg-config", "xdg-data", "run"})
            QDir().mkpath(path(QString::fromLatin1(d)));
        QFile::setPermissions(path(QStringLiteral("run")), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

        m_headless.setProcessEnvironment(environment());
        m_headless.setProcessChannelMode(QProcess::MergedChannels);
        m_headless.setStandardOutputFile(path(QStringLiteral("headless.log")), QIODevice::Append);
        m_headless.start(testsupport::clawtrayBinary(),
                         {QStringLiteral("--headless"), QStringLiteral("--state-dir"), path(QStringLiteral("state")),
                          QStringLiteral("--port"), QString::number(m_env.port), QStringLiteral("--config-dir"),
                          path(QStringLiteral("config")), QStringLiteral("--data-dir"), path(QStringLiteral("data")),
                          QStringLiteral("--runtime-dir"), m_rt});
        QVERIFY(m_headless.waitForStarted());
        QVERIFY2(waitRunning(kOld), qPrintable(QJsonDocument(status()).toJson()));
    }

    void updatesToTheNextReleaseAndBackKeepingPairingAndConfig()
    {
        QVERIFY(phoneConnects());
        const QStringList pairedBefore = pairedDevices();
        QVERIFY2(pairedBefore.contains(m_phone.deviceId()), qPrintable(pairedBefore.join(QLatin1Char(','))));
        const QJsonObject configBefore = gatewayConfig();
        QCOMPARE(configBefore.value(QLatin1String("mode")).toString(), QStringLiteral("local"));

        // The update runs in one `ctl update`; a second one meanwhile is told, and starts nothing.
        QProcess first;
        first.setProcessEnvironment(environment());
        first.setProcessChannelMode(QProcess::MergedChannels);
        first.start(testsupport::clawtrayBinary(), {QStringLiteral("ctl"), QStringLiteral("update"), QStringLiteral("--to"), kNew});
        QVERIFY(testsupport::waitFor([&] {
            const QJsonObject st = QJsonDocument::fromJson(ctl({QStringLiteral("status"), QStringLiteral("--json")}, 30000).out.toUtf8()).object();
            return st.value(QLatin1String("update")).toObject().value(QLatin1String("progress")).toObject().value(QLatin1String("running")).toBool();
        }, 60000));
        const Run second = ctl({QStringLiteral("update"), QStringLiteral("--to"), kNew}, 30000);
        QCOMPARE(second.code, 1);
        QVERIFY2(second.out.contains(QStringLiteral("Already updating (OpenClaw %1 → %2)").arg(kOld, kNew)), qPrintable(second.out));
        QVERIFY(first.waitForFinished(600000));
        const Run up{first.exitCode(), QString::fromUtf8(first.readAll())};
        QVERIFY2(up.code == 0, qPrintable(up.out));
        QVERIFY2(up.out.contains(QStringLiteral("[2/6] Checking that OpenClaw %1 can use the state database").arg(kNew)), qPrintable(up.out));
        QVERIFY2(up.out.contains(QStringLiteral("OpenClaw %1 runs now (was %2).").arg(kNew, kOld)), qPrintable(up.out));
        QVERIFY(waitRunning(kNew));
        QCOMPARE(RuntimeLayout(m_rt).activeVersion(), kNew);
        QCOMPARE(RuntimeLayout(m_rt).previousVersion(), kOld);
        QCOMPARE(pairedDevices(), pairedBefore);
        QVERIFY(phoneConnects()); // still paired: no new request, straight in
        QCOMPARE(gatewayConfig(), configBefore);
        const Outage down = outage();
        QVERIFY(down.unavailableMs > 0 && down.bootMs > 0);
        qInfo("update %s -> %s: gateway unavailable for %lld ms, of which the new version's boot %lld ms", qPrintable(kOld),
              qPrintable(kNew), down.unavailableMs, down.bootMs);
        const QJsonObject st = QJsonDocument::fromJson(ctl({QStringLiteral("status"), QStringLiteral("--json")}).out.toUtf8()).object();
        QCOMPARE(st.value(QLatin1String("update")).toObject().value(QLatin1String("previous")).toString(), kOld);
        if (const QString out = qEnvironmentVariable("CLAWTRAY_BENCH_UPDATE_OUT"); !out.isEmpty()) {
            QFile f(out);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(QJsonObject{{QStringLiteral("from"), kOld}, {QStringLiteral("to"), kNew},
                                              {QStringLiteral("unavailableMs"), double(down.unavailableMs)},
                                              {QStringLiteral("newVersionBootMs"), double(down.bootMs)}})
                        .toJson());
        }

        const Run back = ctl({QStringLiteral("update"), QStringLiteral("--rollback")});
        QVERIFY2(back.code == 0, qPrintable(back.out));
        // 2026.9.5 cannot read the schema 2026.9.6 migrated to: the state from before came back.
        QVERIFY2(back.out.contains(QStringLiteral("state from before that update came back")), qPrintable(back.out));
        QVERIFY(waitRunning(kOld));
        QCOMPARE(RuntimeLayout(m_rt).activeVersion(), kOld);
        QCOMPARE(pairedDevices(), pairedBefore);
        QVERIFY(phoneConnects());
        QCOMPARE(gatewayConfig(), configBefore);
    }

    void cleanupTestCase()
    {
        if (m_headless.state() != QProcess::NotRunning) {
            ::kill(pid_t(m_headless.processId()), SIGTERM);
            m_headless.waitForFinished(30000);
        }
    }
};

QTEST_GUILESS_MAIN(TestUpdateRealVersions)
#include "tst_update_realversions.moc"
