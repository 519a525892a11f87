#include "policy/ReloadPolicy.h"

#include <QtTest>

using namespace clawtray;
using Action = ReloadPolicy::Action;

Q_DECLARE_METATYPE(clawtray::ReloadMode)
Q_DECLARE_METATYPE(clawtray::ReloadPolicy::Action)

namespace {

ReloadState running(bool rpc = true, bool owned = true)
{
    return ReloadState{true, owned, rpc};
}

} // namespace

class TestPolicyReload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        ReloadPolicy p;
        QCOMPARE(p.config().mode, ReloadMode::Hot);
        QCOMPARE(p.config().debounceMs, qint64(1200));
        const auto r = ReloadPolicy::parse(QVariant(), QVariant());
        QCOMPARE(r.config.mode, ReloadMode::Hot);
        QCOMPARE(r.config.debounceMs, qint64(1200));
        QVERIFY(r.warning.isEmpty()); // absent is not bad input
    }

    void parseMode_data()
    {
        QTest::addColumn<QVariant>("input");
        QTest::addColumn<ReloadMode>("mode");
        QTest::addColumn<bool>("warns");
        QTest::newRow("hot") << QVariant(QStringLiteral("hot")) << ReloadMode::Hot << false;
        QTest::newRow("restart") << QVariant(QStringLiteral("restart")) << ReloadMode::Restart << false;
        QTest::newRow("off") << QVariant(QStringLiteral("off")) << ReloadMode::Off << false;
        QTest::newRow("case and spaces") << QVariant(QStringLiteral("  ReStArT ")) << ReloadMode::Restart << false;
        QTest::newRow("hybrid alias") << QVariant(QStringLiteral("hybrid")) << ReloadMode::Hot << false;
        QTest::newRow("reload alias") << QVariant(QStringLiteral("reload")) << ReloadMode::Hot << false;
        QTest::newRow("unknown") << QVariant(QStringLiteral("sometimes")) << ReloadMode::Hot << true;
        QTest::newRow("empty string") << QVariant(QString()) << ReloadMode::Hot << true;
        QTest::newRow("number") << QVariant(3) << ReloadMode::Hot << true;
        QTest::newRow("bool") << QVariant(true) << ReloadMode::Hot << true;
    }
    void parseMode()
    {
        QFETCH(QVariant, input);
        QFETCH(ReloadMode, mode);
        QFETCH(bool, warns);
        const auto r = ReloadPolicy::parse(input, QVariant());
        QCOMPARE(r.config.mode, mode);
        QCOMPARE(!r.warning.isEmpty(), warns);
        QCOMPARE(r.config.debounceMs, qint64(1200));
    }

    void parseDebounce_data()
    {
        QTest::addColumn<QVariant>("input");
        QTest::addColumn<qint64>("debounceMs");
        QTest::addColumn<bool>("warns");
        QTest::newRow("int") << QVariant(500) << qint64(500) << false;
        QTest::newRow("zero") << QVariant(0) << qint64(0) << false;
        QTest::newRow("max") << QVariant(60000) << qint64(60000) << false;
        QTest::newRow("double rounds") << QVariant(250.6) << qint64(251) << false;
        QTest::newRow("longlong") << QVariant(qlonglong(3000)) << qint64(3000) << false;
        QTest::newRow("numeric string") << QVariant(QStringLiteral(" 2500 ")) << qint64(2500) << false;
        QTest::newRow("too big clamps") << QVariant(90000) << qint64(60000) << true;
        QTest::newRow("huge clamps") << QVariant(1e300) << qint64(60000) << true;
        QTest::newRow("negative clamps") << QVariant(-5) << qint64(0) << true;
        QTest::newRow("garbage string") << QVariant(QStringLiteral("soon")) << qint64(1200) << true;
        QTest::newRow("nan") << QVariant(std::numeric_limits<double>::quiet_NaN()) << qint64(1200) << true;
        QTest::newRow("infinity") << QVariant(std::numeric_limits<double>::infinity()) << qint64(1200) << true;
        QTest::newRow("bool") << QVariant(true) << qint64(1200) << true;
        QTest::newRow("list") << QVariant(QVariantList{1, 2}) << qint64(1200) << true;
    }
    void parseDebounce()
    {
        QFETCH(QVariant, input);
        QFETCH(qint64, debounceMs);
        QFETCH(bool, warns);
        const auto r = ReloadPolicy::parse(QStringLiteral("restart"), input);
        QCOMPARE(r.config.debounceMs, debounceMs);
        QCOMPARE(!r.warning.isEmpty(), warns);
        QCOMPARE(r.config.mode, ReloadMode::Restart); // a bad debounce does not reset the mode
    }

    void parseSectionAndCombinedWarnings()
    {
        const auto ok = ReloadPolicy::parseSection(
            {{QStringLiteral("mode"), QStringLiteral("off")}, {QStringLiteral("debounceMs"), 800}});
        QCOMPARE(ok.config.mode, ReloadMode::Off);
        QCOMPARE(ok.config.debounceMs, qint64(800));
        QVERIFY(ok.warning.isEmpty());
        const auto bad = ReloadPolicy::parseSection(
            {{QStringLiteral("mode"), QStringLiteral("bogus")}, {QStringLiteral("debounceMs"), QStringLiteral("x")}});
        QCOMPARE(bad.config.mode, ReloadMode::Hot);
        QCOMPARE(bad.config.debounceMs, qint64(1200));
        QVERIFY(bad.warning.contains(QStringLiteral("bogus")));
        QVERIFY(bad.warning.contains(QStringLiteral("debounce")));
    }

    void constructorClampsDebounce()
    {
        QCOMPARE(ReloadPolicy(ReloadConfig{ReloadMode::Hot, 999999}).config().debounceMs, qint64(60000));
        QCOMPARE(ReloadPolicy(ReloadConfig{ReloadMode::Hot, -1}).config().debounceMs, qint64(0));
    }

    void modeNamesRoundTrip()
    {
        for (ReloadMode m : {ReloadMode::Hot, ReloadMode::Restart, ReloadMode::Off}) {
            QCOMPARE(ReloadPolicy::parse(ReloadPolicy::modeName(m), QVariant()).config.mode, m);
        }
    }

    void launchKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("launch");
        for (const QString& k : ReloadPolicy::launchKeyNames()) {
            QTest::newRow(qPrintable(k)) << k << true;
        }
        QTest::newRow("case-insensitive") << QStringLiteral("NodePath") << true;
        QTest::newRow("grouped slash") << QStringLiteral("gateway/port") << true;
        QTest::newRow("grouped dot") << QStringLiteral("gateway.stateDir") << true;
        QTest::newRow("env var") << QStringLiteral("env.HTTPS_PROXY") << true;
        QTest::newRow("env var slash") << QStringLiteral("env/NO_PROXY") << true;
        QTest::newRow("model") << QStringLiteral("agents.defaults.model") << false;
        QTest::newRow("channel") << QStringLiteral("channels.telegram") << false;
        QTest::newRow("portable is not port") << QStringLiteral("portable") << false;
        QTest::newRow("environment is not env") << QStringLiteral("environmentName") << false;
    }
    void launchKeys()
    {
        QFETCH(QString, key);
        QFETCH(bool, launch);
        QCOMPARE(ReloadPolicy::isLaunchKey(key), launch);
    }

    void decide_data()
    {
        QTest::addColumn<ReloadMode>("mode");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<bool>("isRunning");
        QTest::addColumn<bool>("rpc");
        QTest::addColumn<bool>("owned");
        QTest::addColumn<Action>("action");
        QTest::addColumn<bool>("nextStart");
        const QStringList model = {QStringLiteral("agents.defaults.model")};
        const QStringList port = {QStringLiteral("agents.defaults.model"), QStringLiteral("port")};
        QTest::newRow("hot, other change, rpc")
            << ReloadMode::Hot << model << true << true << true << Action::RestartInProcessRpc << false;
        QTest::newRow("hot, other change, no rpc -> SIGUSR2")
            << ReloadMode::Hot << model << true << false << true << Action::RestartInProcessSignal << false;
        QTest::newRow("hot, unspecified change")
            << ReloadMode::Hot << QStringList() << true << true << true << Action::RestartInProcessRpc << false;
        QTest::newRow("hot, launch key") << ReloadMode::Hot << port << true << true << true << Action::RestartProcess
                                         << false;
        QTest::newRow("hot, env var") << ReloadMode::Hot << QStringList{QStringLiteral("env.FOO")} << true << true
                                      << true << Action::RestartProcess << false;
        QTest::newRow("restart mode, other change")
            << ReloadMode::Restart << model << true << true << true << Action::RestartProcess << false;
        QTest::newRow("off") << ReloadMode::Off << port << true << true << true << Action::None << true;
        QTest::newRow("not running, hot") << ReloadMode::Hot << model << false << false << true << Action::None << true;
        QTest::newRow("not running, launch key")
            << ReloadMode::Hot << port << false << false << true << Action::None << true;
        QTest::newRow("not running, restart mode")
            << ReloadMode::Restart << model << false << false << true << Action::None << true;
        QTest::newRow("external gateway, launch key")
            << ReloadMode::Hot << port << true << true << false << Action::None << true;
        QTest::newRow("external gateway, other change")
            << ReloadMode::Hot << model << true << true << false << Action::None << true;
    }
    void decide()
    {
        QFETCH(ReloadMode, mode);
        QFETCH(QStringList, keys);
        QFETCH(bool, isRunning);
        QFETCH(bool, rpc);
        QFETCH(bool, owned);
        QFETCH(Action, action);
        QFETCH(bool, nextStart);
        const ReloadPolicy p(ReloadConfig{mode, 1200});
        const auto d = p.decide(keys, ReloadState{isRunning, owned, rpc});
        QCOMPARE(d.action, action);
        QCOMPARE(d.appliesAtNextStart, nextStart);
        QVERIFY(!d.explanation.isEmpty());
        if (nextStart) {
            QVERIFY(d.explanation.contains(QStringLiteral("changes apply at next start")));
        }
    }

    void explanationsNameTheReason()
    {
        const ReloadPolicy hot;
        const auto d =
            hot.decide({QStringLiteral("port"), QStringLiteral("token"), QStringLiteral("agents.x")}, running());
        QCOMPARE(d.launchKeys, (QStringList{QStringLiteral("port"), QStringLiteral("token")}));
        QVERIFY(d.explanation.contains(QStringLiteral("port, token")));
        QVERIFY(
            hot.decide({QStringLiteral("agents.x")}, running(false)).explanation.contains(QStringLiteral("SIGUSR2")));
        QVERIFY(!hot.decide({}, running(false)).explanation.contains(QStringLiteral("SIGUSR1")));
        const ReloadPolicy off(ReloadConfig{ReloadMode::Off, 0});
        QVERIFY(off.decide({QStringLiteral("port")}, running()).explanation.contains(QStringLiteral("off")));
    }

    void rpcMethodName() { QCOMPARE(ReloadPolicy::restartRpcMethod(), QStringLiteral("gateway.restart.request")); }
};

QTEST_APPLESS_MAIN(TestPolicyReload)
#include "tst_policy_reload.moc"
