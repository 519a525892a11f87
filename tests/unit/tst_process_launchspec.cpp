#include "process/LaunchSpec.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

class TestProcessLaunchSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void buildsTheGatewayCommand()
    {
        GatewayLaunchOptions o;
        o.nodePath = QStringLiteral("/rt/node");
        o.openclawDir = QStringLiteral("/rt/node_modules/openclaw");
        o.port = 28789;
        o.token = QStringLiteral("clawtray-secret-token-1234");
        o.extraArgs = QStringList{QStringLiteral("--verbose")};
        o.baseEnvironment = QProcessEnvironment();
        o.baseEnvironment.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent-home"));
        const LaunchSpec s = LaunchSpec::forGateway(o);
        QCOMPARE(s.program, QStringLiteral("/rt/node"));
        QCOMPARE(s.arguments,
                 (QStringList{QStringLiteral("--disable-sigusr1"), QStringLiteral("/rt/node_modules/openclaw/openclaw.mjs"),
                              QStringLiteral("gateway"), QStringLiteral("run"), QStringLiteral("--port"),
                              QStringLiteral("28789"), QStringLiteral("--bind"), QStringLiteral("loopback"),
                              QStringLiteral("--allow-unconfigured"), QStringLiteral("--verbose")}));
        QCOMPARE(s.workingDirectory, o.openclawDir);
        // The token travels only in the environment.
        QVERIFY(!s.arguments.join(QLatin1Char(' ')).contains(o.token));
        QCOMPARE(s.environment.value(QStringLiteral("OPENCLAW_GATEWAY_TOKEN")), o.token);
        QVERIFY(!s.redactedCommandLine().contains(o.token));
    }

    // Without a config file the gateway refuses to start unless told --allow-unconfigured.
    void allowsUnconfiguredOnlyWithoutConfig()
    {
        QTemporaryDir dir;
        GatewayLaunchOptions o;
        o.stateDir = dir.path();
        QVERIFY(LaunchSpec::forGateway(o).arguments.contains(QStringLiteral("--allow-unconfigured")));
        QFile cfg(dir.filePath(QStringLiteral("openclaw.json")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write("{}");
        cfg.close();
        QVERIFY(!LaunchSpec::forGateway(o).arguments.contains(QStringLiteral("--allow-unconfigured")));
        QCOMPARE(LaunchSpec::resolvedConfigPath(o), cfg.fileName());
        o.configPath = QStringLiteral("/elsewhere/c.json");
        QCOMPARE(LaunchSpec::resolvedConfigPath(o), o.configPath);
    }

    void sanitisesEnvironment()
    {
        GatewayLaunchOptions o;
        QProcessEnvironment base;
        for (const char* k : {"NODE_OPTIONS", "NODE_COMPILE_CACHE", "INVOCATION_ID", "JOURNAL_STREAM", "SYSTEMD_EXEC_PID",
                              "OPENCLAW_SYSTEMD_UNIT", "OPENCLAW_GATEWAY_TOKEN"})
            base.insert(QString::fromLatin1(k), QStringLiteral("x"));
        base.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin"));
        o.baseEnvironment = base;
        o.stateDir = QStringLiteral("/s/state");
        o.configPath = QStringLiteral("/s/state/openclaw.json");
        o.leaseTag = QStringLiteral("tag-1");
        const QProcessEnvironment env = LaunchSpec::childEnvironment(o);
        for (const char* k : {"NODE_OPTIONS", "NODE_COMPILE_CACHE", "INVOCATION_ID", "JOURNAL_STREAM", "SYSTEMD_EXEC_PID",
                              "OPENCLAW_SYSTEMD_UNIT", "OPENCLAW_GATEWAY_TOKEN"})
            QVERIFY2(!env.contains(QString::fromLatin1(k)), k);
        QCOMPARE(env.value(QStringLiteral("PATH")), QStringLiteral("/usr/bin"));
        QCOMPARE(env.value(QStringLiteral("OPENCLAW_NO_RESPAWN")), QStringLiteral("1"));
        QCOMPARE(env.value(QStringLiteral("OPENCLAW_DISABLE_BONJOUR")), QStringLiteral("1"));
        QCOMPARE(env.value(QStringLiteral("NO_COLOR")), QStringLiteral("1"));
        QCOMPARE(env.value(QStringLiteral("OPENCLAW_SUPERVISOR_MODE")), QStringLiteral("external"));
        QCOMPARE(env.value(QStringLiteral("OPENCLAW_SERVICE_REPAIR_POLICY")), QStringLiteral("external"));
        QCOMPARE(env.value(QStringLiteral("OPENCLAW_STATE_DIR")), o.stateDir);
        QCOMPARE(env.value(QStringLiteral("OPENCLAW_CONFIG_PATH")), o.configPath);
        QCOMPARE(env.value(QString::fromLatin1(LaunchSpec::kLeaseTagVariable)), QStringLiteral("tag-1"));
    }

    void extraEnvironmentWins()
    {
        GatewayLaunchOptions o;
        o.extraEnvironment.insert(QStringLiteral("HOME"), QStringLiteral("/isolated"));
        QCOMPARE(LaunchSpec::childEnvironment(o).value(QStringLiteral("HOME")), QStringLiteral("/isolated"));
    }

    void redactsSecretsInExtraArgs()
    {
        GatewayLaunchOptions o;
        o.nodePath = QStringLiteral("node");
        o.extraArgs = QStringList{QStringLiteral("--token"), QStringLiteral("leaked-value-123")};
        QVERIFY(!LaunchSpec::forGateway(o).redactedCommandLine().contains(QLatin1String("leaked-value-123")));
    }
};

QTEST_GUILESS_MAIN(TestProcessLaunchSpec)
#include "tst_process_launchspec.moc"
