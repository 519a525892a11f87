#include "policy/StartAttempts.h"
#include "policy/StartupRecovery.h"

#include "policy/AnsiText.h"

#include <QtTest>

using namespace clawtray;
using Kind = StartupRecovery::Kind;
using StepAction = StartAttempts::Action;

Q_DECLARE_METATYPE(clawtray::StartupRecovery::Kind)

namespace {

StartupFailure failure(std::optional<int> exitCode, QStringList stderrLines, QString errorText = QString(),
                       std::optional<int> signal = std::nullopt)
{
    return StartupFailure{exitCode, signal, std::move(stderrLines), std::move(errorText)};
}

StartupRecovery::Classification classified(Kind kind)
{
    StartupRecovery::Classification c;
    c.kind = kind;
    c.explanation = UserText::verbatim(QStringLiteral("explained %1.").arg(StartupRecovery::kindName(kind)));
    c.suggestedAction = UserText::verbatim(QStringLiteral("act on %1").arg(StartupRecovery::kindName(kind)));
    return c;
}

} // namespace

class TestPolicyRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<int>("exitCode"); // -1 = none
        QTest::addColumn<int>("signal");   // -1 = none
        QTest::addColumn<QStringList>("stderrLines");
        QTest::addColumn<QString>("errorText");
        QTest::addColumn<Kind>("kind");
        const QString notReady1 = QStringLiteral("Gateway exited before becoming ready (code=1)");
        const QString notReady78 = QStringLiteral("Gateway exited before becoming ready (code=78)");

        // Invalid config (#446): the generic "exited before becoming ready" must not hide it.
        QTest::newRow("invalid config") << 1 << -1
                                        << QStringList{QStringLiteral("Invalid config at ~/.openclaw/openclaw.json")}
                                        << notReady1 << Kind::InvalidConfig;
        QTest::newRow("config invalid") << 1 << -1 << QStringList{QStringLiteral("error: Config invalid: gateway.mode")}
                                        << notReady1 << Kind::InvalidConfig;
        QTest::newRow("unrecognized key") << 1 << -1 << QStringList{QStringLiteral("  - Unrecognized key: \"foo\"")}
                                          << notReady1 << Kind::InvalidConfig;
        QTest::newRow("doctor hint") << 1 << -1 << QStringList{QStringLiteral("Run: openclaw doctor --fix")}
                                     << QString() << Kind::InvalidConfig;
        QTest::newRow("ANSI coloured") << 1 << -1
                                       << QStringList{QStringLiteral("\x1b[31mInvalid\x1b[0m \x1b[1mconfig\x1b[22m")}
                                       << notReady1 << Kind::InvalidConfig;
        // 78: another instance only WITH such text; alone it is EX_CONFIG.
        QTest::newRow("78 + misleading migration text")
            << 78 << -1 << QStringList{QStringLiteral("Gateway requires state migration; aborting")} << notReady78
            << Kind::OtherInstanceOwnsStateDir;
        QTest::newRow("78 + another instance")
            << 78 << -1 << QStringList{QStringLiteral("another gateway instance holds the lock")} << QString()
            << Kind::OtherInstanceOwnsStateDir;
        QTest::newRow("78 + lock file") << 78 << -1 << QStringList{QStringLiteral("could not acquire LOCK FILE")}
                                        << QString() << Kind::OtherInstanceOwnsStateDir;
        QTest::newRow("78 + state dir") << 78 << -1 << QStringList{QStringLiteral("state dir /x is in use")}
                                        << QString() << Kind::OtherInstanceOwnsStateDir;
        QTest::newRow("78 alone") << 78 << -1 << QStringList() << notReady78 << Kind::InvalidConfig;
        QTest::newRow("78 + unrelated text")
            << 78 << -1 << QStringList{QStringLiteral("bye")} << QString() << Kind::InvalidConfig;
        QTest::newRow("migration text without 78")
            << 1 << -1 << QStringList{QStringLiteral("requires state migration")} << QString() << Kind::Fatal;
        QTest::newRow("clock is not a lock")
            << 78 << -1 << QStringList{QStringLiteral("clock skew detected")} << QString() << Kind::InvalidConfig;
        // Node too old.
        QTest::newRow("requires node") << 1 << -1 << QStringList{QStringLiteral("openclaw requires Node >= 24.16")}
                                       << notReady1 << Kind::NodeTooOld;
        QTest::newRow("supported range") << 1 << -1
                                         << QStringList{QStringLiteral("Node v20.19.0 is outside the supported range")}
                                         << notReady1 << Kind::NodeTooOld;
        QTest::newRow("version text") << 1 << -1 << QStringList{QStringLiteral("Node.js v20.11.1 is not supported")}
                                      << QString() << Kind::NodeTooOld;
        // Port in use.
        QTest::newRow("another gateway listening")
            << 1 << -1 << QStringList{QStringLiteral("Error: another gateway instance is already listening on 18789")}
            << notReady1 << Kind::PortInUse;
        QTest::newRow("EADDRINUSE") << 1 << -1 << QStringList{QStringLiteral("listen EADDRINUSE: 127.0.0.1:18789")}
                                    << notReady1 << Kind::PortInUse;
        QTest::newRow("port still occupied")
            << -1 << -1 << QStringList() << QStringLiteral("Port 18789 still occupied after 30000ms")
            << Kind::PortInUse;
        // Migration lock.
        QTest::newRow("migration lock") << 1 << -1
                                        << QStringList{QStringLiteral("startup migration is already running (pid 42)")}
                                        << notReady1 << Kind::MigrationLock;
        QTest::newRow("migration lock beats 78 lock text")
            << 78 << -1 << QStringList{QStringLiteral("startup migration is already running; lock held")} << QString()
            << Kind::MigrationLock;
        // Transient.
        QTest::newRow("closed before handshake")
            << -1 << -1 << QStringList() << QStringLiteral("WebSocket closed before handshake") << Kind::Transient;
        QTest::newRow("ECONNREFUSED") << -1 << -1 << QStringList() << QStringLiteral("connect ECONNREFUSED 127.0.0.1")
                                      << Kind::Transient;
        QTest::newRow("exited before ready")
            << 1 << -1 << QStringList{QStringLiteral("something else")} << notReady1 << Kind::Transient;
        QTest::newRow("handshake timeout")
            << -1 << -1 << QStringList() << QStringLiteral("Connect handshake timeout") << Kind::Transient;
        QTest::newRow("challenge timeout")
            << -1 << -1 << QStringList() << QStringLiteral("Challenge timeout") << Kind::Transient;
        QTest::newRow("gateway starting")
            << -1 << -1 << QStringList() << QStringLiteral("UNAVAILABLE: gateway starting; retry shortly")
            << Kind::Transient;
        QTest::newRow("killed by a signal") << -1 << 9 << QStringList() << QString() << Kind::Transient;
        // Fatal.
        QTest::newRow("unknown exit") << 1 << -1 << QStringList{QStringLiteral("TypeError: x is not a function")}
                                      << QString() << Kind::Fatal;
        QTest::newRow("nothing known") << -1 << -1 << QStringList() << QString() << Kind::Fatal;
        QTest::newRow("damaged database")
            << 1 << -1 << QStringList{QStringLiteral("SQLITE_CORRUPT: database disk image is malformed")} << notReady1
            << Kind::Fatal;
    }
    void classify()
    {
        QFETCH(int, exitCode);
        QFETCH(int, signal);
        QFETCH(QStringList, stderrLines);
        QFETCH(QString, errorText);
        QFETCH(Kind, kind);
        const auto c =
            StartupRecovery::classify(failure(exitCode < 0 ? std::nullopt : std::optional<int>(exitCode), stderrLines,
                                              errorText, signal < 0 ? std::nullopt : std::optional<int>(signal)));
        QCOMPARE(c.kind, kind);
        QVERIFY(!c.explanation.isEmpty());
        QVERIFY(!c.suggestedAction.isEmpty());
        QCOMPARE(c.retryable(), kind == Kind::Transient || kind == Kind::PortInUse);
    }

    void suggestedActions_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QStringList>("stderrLines");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("action");
        QTest::newRow("doctor") << Kind::InvalidConfig << QStringList{QStringLiteral("invalid config")} << 1
                                << QStringLiteral("Run doctor --fix");
        QTest::newRow("port") << Kind::PortInUse << QStringList{QStringLiteral("EADDRINUSE")} << 1
                              << QStringLiteral("Use another port");
        QTest::newRow("node") << Kind::NodeTooOld << QStringList{QStringLiteral("requires Node 24")} << 1
                              << QStringLiteral("Install Node 24 with scripts/setup.sh");
        QTest::newRow("instance") << Kind::OtherInstanceOwnsStateDir << QStringList{QStringLiteral("state dir locked")}
                                  << 78 << QStringLiteral("Stop the other gateway or choose another state dir");
    }
    void suggestedActions()
    {
        QFETCH(Kind, kind);
        QFETCH(QStringList, stderrLines);
        QFETCH(int, exitCode);
        QFETCH(QString, action);
        const auto c = StartupRecovery::classify(failure(exitCode, stderrLines));
        QCOMPARE(c.kind, kind);
        QVERIFY2(c.suggestedAction.english().startsWith(action), qPrintable(c.suggestedAction.english()));
    }

    void explanationMentionsMisleadingMigrationText()
    {
        const auto c = StartupRecovery::classify(failure(78, {QStringLiteral("requires state migration")}));
        QVERIFY(c.explanation.english().contains(QStringLiteral("requires state migration")));
    }

    void matchedPatternIsOursNotRawStderr()
    {
        // stderr may carry the token; only the pattern that matched is kept.
        const auto c = StartupRecovery::classify(
            failure(1, {QStringLiteral("token=clawx-secret123 Invalid config: gateway.auth")}));
        QCOMPARE(c.kind, Kind::InvalidConfig);
        QCOMPARE(c.matchedPattern, QStringLiteral("invalid config"));
        QVERIFY(!c.explanation.english().contains(QStringLiteral("secret")));
        // The gateway's own reason is kept apart, for a caller that redacts it before showing it.
        QVERIFY(c.gatewayReason.contains(QStringLiteral("Invalid config: gateway.auth")));
    }

    void bareExit78KeepsTheGatewaysReason()
    {
        const auto c = StartupRecovery::classify(
            failure(78, {QStringLiteral("starting…"), QStringLiteral("Gateway failed to start: missing gateway.mode")}));
        QCOMPARE(c.kind, Kind::InvalidConfig);
        QCOMPARE(c.gatewayReason, QStringLiteral("Gateway failed to start: missing gateway.mode"));
    }

    void fatalExplanationNamesExitCodeOrSignal()
    {
        QVERIFY(StartupRecovery::classify(failure(3, {})).explanation.english().contains(QStringLiteral("code 3")));
        const auto sig = StartupRecovery::classify(failure(std::nullopt, {}, QString(), 11));
        QCOMPARE(sig.kind, Kind::Transient);
    }

    void stripAnsi()
    {
        QCOMPARE(clawtray::stripAnsi(QStringLiteral("\x1b[1;31mred\x1b[0m plain \x1b]0;title\x07"
                                                           "end")),
                 QStringLiteral("red plain end"));
        QCOMPARE(clawtray::stripAnsi(QStringLiteral("no codes")), QStringLiteral("no codes"));
    }

    void doctorArguments()
    {
        QCOMPARE(StartupRecovery::doctorArguments(),
                 (QStringList{QStringLiteral("doctor"), QStringLiteral("--fix"), QStringLiteral("--yes"),
                              QStringLiteral("--non-interactive")}));
    }

    // Reference §7.15: "closed before handshake" retried after 1 s, up to 3 attempts.
    void transientRetriesWithinBudget()
    {
        StartAttempts a;
        const auto transient =
            StartupRecovery::classify(failure(std::nullopt, {}, QStringLiteral("closed before handshake")));
        QCOMPARE(a.attempt(), 1);
        auto s = a.next(transient);
        QCOMPARE(s.action, StepAction::Retry);
        QCOMPARE(s.delayMs, qint64(1000));
        QCOMPARE(a.attempt(), 2);
        s = a.next(transient);
        QCOMPARE(s.action, StepAction::Retry);
        QCOMPARE(a.attempt(), 3);
        s = a.next(transient);
        QCOMPARE(s.action, StepAction::Fail);
        QVERIFY(s.explanation.english().contains(QStringLiteral("3 start attempts")));
        QCOMPARE(a.attempt(), 3);
    }

    void portInUseRetriesThenFailsWithAdvice()
    {
        StartAttemptsConfig cfg;
        cfg.maxAttempts = 2;
        StartAttempts a(cfg);
        const auto port = StartupRecovery::classify(failure(1, {QStringLiteral("EADDRINUSE")}));
        QCOMPARE(a.next(port).action, StepAction::Retry);
        const auto s = a.next(port);
        QCOMPARE(s.action, StepAction::Fail);
        QVERIFY(s.suggestedAction.english().startsWith(QStringLiteral("Use another port")));
    }

    void neverRetryFatalClasses_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::newRow("fatal") << Kind::Fatal;
        QTest::newRow("node") << Kind::NodeTooOld;
        QTest::newRow("migration lock") << Kind::MigrationLock;
        QTest::newRow("other instance") << Kind::OtherInstanceOwnsStateDir;
    }
    void neverRetryFatalClasses()
    {
        QFETCH(Kind, kind);
        StartAttemptsConfig cfg;
        cfg.autoRunDoctor = true;
        StartAttempts a(cfg);
        const auto s = a.next(classified(kind));
        QCOMPARE(s.action, StepAction::Fail);
        QCOMPARE(s.explanation, classified(kind).explanation);
        QCOMPARE(s.suggestedAction, classified(kind).suggestedAction);
        QCOMPARE(a.attempt(), 1);
        QVERIFY(!a.doctorRan());
    }

    // Reference §7.16: invalid config → doctor once → same error again → fail.
    void invalidConfigRunsDoctorOnceThenFails()
    {
        StartAttemptsConfig cfg;
        cfg.autoRunDoctor = true;
        StartAttempts a(cfg);
        const auto invalid =
            StartupRecovery::classify(failure(1, {QStringLiteral("Invalid config: unrecognized key")},
                                              QStringLiteral("exited before becoming ready (code=1)")));
        QCOMPARE(invalid.kind, Kind::InvalidConfig);
        auto s = a.next(invalid);
        QCOMPARE(s.action, StepAction::RunDoctor);
        QVERIFY(a.doctorRan());
        s = a.onDoctorFinished(true);
        QCOMPARE(s.action, StepAction::Retry);
        QCOMPARE(s.delayMs, qint64(0));
        QCOMPARE(a.attempt(), 2);
        s = a.next(invalid);
        QCOMPARE(s.action, StepAction::Fail);
        QVERIFY(s.explanation.english().contains(QStringLiteral("still invalid")));
    }

    void doctorRunsEvenWhenTheRetryBudgetIsSpent()
    {
        StartAttemptsConfig cfg;
        cfg.autoRunDoctor = true;
        StartAttempts a(cfg);
        a.next(classified(Kind::Transient));
        a.next(classified(Kind::Transient));
        QCOMPARE(a.attempt(), 3);
        QCOMPARE(a.next(classified(Kind::InvalidConfig)).action, StepAction::RunDoctor);
        QCOMPARE(a.onDoctorFinished(true).action, StepAction::Retry);
        QCOMPARE(a.next(classified(Kind::Transient)).action, StepAction::Fail); // and then no more
    }

    void doctorFailureFails()
    {
        StartAttemptsConfig cfg;
        cfg.autoRunDoctor = true;
        StartAttempts a(cfg);
        QCOMPARE(a.next(classified(Kind::InvalidConfig)).action, StepAction::RunDoctor);
        const auto s = a.onDoctorFinished(false);
        QCOMPARE(s.action, StepAction::Fail);
        QVERIFY(!s.explanation.isEmpty());
    }

    void invalidConfigWithoutPermissionOffersDoctor()
    {
        StartAttempts a; // autoRunDoctor defaults to false
        const auto s = a.next(StartupRecovery::classify(failure(78, {})));
        QCOMPARE(s.action, StepAction::Fail);
        QCOMPARE(s.suggestedAction.english(), QStringLiteral("Run doctor --fix"));
        QVERIFY(!a.doctorRan());
    }
};

QTEST_APPLESS_MAIN(TestPolicyRecovery)
#include "tst_policy_recovery.moc"
