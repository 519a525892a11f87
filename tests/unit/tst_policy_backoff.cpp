#include "policy/ReconnectBackoff.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace clawtray;
using Action = ReconnectBackoff::Action;

Q_DECLARE_METATYPE(clawtray::ReconnectBackoff::Action)

class TestPolicyBackoff : public QObject
{
    Q_OBJECT

private:
    // Drives a backoff to `attempts` consumed attempts.
    static void consume(ReconnectBackoff& b, int attempts)
    {
        for (int i = 0; i < attempts; ++i) {
            QCOMPARE(b.decide(0, true, false).action, Action::Schedule);
        }
    }

private Q_SLOTS:
    // Reference §7.1, as a table: the decision order is disabled, armed timer, budget, schedule.
    void decisionOrder_data()
    {
        QTest::addColumn<int>("attemptsBefore");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<bool>("timerArmed");
        QTest::addColumn<Action>("action");
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("delayMs");
        QTest::newRow("disabled") << 0 << false << false << Action::Skip << 0 << qint64(0);
        QTest::newRow("disabled wins over armed") << 0 << false << true << Action::Skip << 0 << qint64(0);
        QTest::newRow("timer armed") << 3 << true << true << Action::AlreadyScheduled << 3 << qint64(0);
        QTest::newRow("armed wins over exhausted") << 10 << true << true << Action::AlreadyScheduled << 10 << qint64(0);
        QTest::newRow("10/10 exhausted") << 10 << true << false << Action::Exhausted << 10 << qint64(0);
        QTest::newRow("0 -> attempt 1 after 1 s") << 0 << true << false << Action::Schedule << 1 << qint64(1000);
        QTest::newRow("9 -> attempt 10 capped") << 9 << true << false << Action::Schedule << 10 << qint64(30000);
    }
    void decisionOrder()
    {
        QFETCH(int, attemptsBefore);
        QFETCH(bool, enabled);
        QFETCH(bool, timerArmed);
        QFETCH(Action, action);
        QFETCH(int, attempt);
        QFETCH(qint64, delayMs);
        ReconnectBackoff b;
        consume(b, attemptsBefore);
        const auto d = b.decide(0, enabled, timerArmed);
        QCOMPARE(d.action, action);
        QCOMPARE(d.attempt, attempt);
        QCOMPARE(d.delayMs, delayMs);
        // Only a Schedule consumes an attempt.
        QCOMPARE(b.attempts(), attemptsBefore + (action == Action::Schedule ? 1 : 0));
    }

    void scheduleMessage()
    {
        ReconnectBackoff b;
        QCOMPARE(b.decide(0, true, false).message.english(), QStringLiteral("Reconnect attempt 1/10 in 1 s"));
    }

    void exhaustedMessage()
    {
        ReconnectBackoff b;
        consume(b, 10);
        QCOMPARE(b.decide(0, true, false).message.english(), QStringLiteral("Gave up after 10 reconnect attempts"));
    }

    void scheduleDoublesAndCaps()
    {
        ReconnectBackoff b;
        const QList<qint64> expected = {1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000};
        for (int i = 0; i < expected.size(); ++i) {
            const auto d = b.decide(i, true, false);
            QCOMPARE(d.action, Action::Schedule);
            QCOMPARE(d.attempt, i + 1);
            QCOMPARE(d.delayMs, expected.at(i));
        }
        QCOMPARE(b.decide(99, true, false).action, Action::Exhausted);
    }

    void delaysNeverExceedMaxEvenForHugeAttemptCounts()
    {
        ReconnectBackoffConfig c;
        c.maxAttempts = 1000000;
        ReconnectBackoff b(c);
        for (int attempt : {1, 5, 6, 62, 63, 64, 100, 999999}) {
            QVERIFY2(b.nominalDelayMs(attempt) <= c.maxDelayMs, qPrintable(QString::number(attempt)));
            QVERIFY(b.nominalDelayMs(attempt) >= c.baseDelayMs);
        }
        for (int i = 0; i < 200; ++i) {
            QVERIFY(b.decide(i, true, false).delayMs <= c.maxDelayMs);
        }
    }

    void shortRunDoesNotResetAttempts()
    {
        // A gateway that connects and dies 5 s later is still crash-looping: keep backing off.
        ReconnectBackoff b;
        consume(b, 3);
        b.onConnected(10'000);
        b.onDisconnected(15'000);
        QCOMPARE(b.attempts(), 3);
        const auto d = b.decide(15'000, true, false);
        QCOMPARE(d.attempt, 4);
        QCOMPARE(d.delayMs, qint64(8000));
    }

    void stableRunResetsAndFirstRestartIsImmediate()
    {
        ReconnectBackoff b;
        consume(b, 5);
        b.onConnected(100'000);
        b.onDisconnected(100'000 + 120'000); // exactly stableRunMs: counts as stable
        QCOMPARE(b.attempts(), 0);
        auto d = b.decide(220'000, true, false);
        QCOMPARE(d.action, Action::Schedule);
        QCOMPARE(d.attempt, 1);
        QCOMPARE(d.delayMs, qint64(0));
        QCOMPARE(d.message.english(), QStringLiteral("Reconnect attempt 1/10 now"));
        // Only the first one: the series then continues normally.
        d = b.decide(220'001, true, false);
        QCOMPARE(d.attempt, 2);
        QCOMPARE(d.delayMs, qint64(2000));
    }

    void stableRunWithoutImmediateFirst()
    {
        ReconnectBackoffConfig c;
        c.immediateFirstAfterStableRun = false;
        ReconnectBackoff b(c);
        consume(b, 4);
        b.onConnected(0);
        b.onDisconnected(200'000);
        const auto d = b.decide(200'000, true, false);
        QCOMPARE(d.attempt, 1);
        QCOMPARE(d.delayMs, qint64(1000));
    }

    void decideImpliesDisconnect()
    {
        // The supervisor forgot onDisconnected: a reconnect decision still sees the stable run.
        ReconnectBackoff b;
        consume(b, 2);
        b.onConnected(0);
        const auto d = b.decide(130'000, true, false);
        QCOMPARE(d.attempt, 1);
        QCOMPARE(d.delayMs, qint64(0));
    }

    void clockGoingBackwardsIsNotAStableRun()
    {
        ReconnectBackoff b;
        consume(b, 3);
        b.onConnected(500'000);
        b.onDisconnected(1'000); // monotonic clock jumped back: negative run
        QCOMPARE(b.attempts(), 3);
        QCOMPARE(b.decide(1'000, true, false).delayMs, qint64(8000));
    }

    void resetStartsOver()
    {
        ReconnectBackoff b;
        consume(b, 10);
        QCOMPARE(b.decide(0, true, false).action, Action::Exhausted);
        b.reset();
        QCOMPARE(b.attempts(), 0);
        const auto d = b.decide(0, true, false);
        QCOMPARE(d.action, Action::Schedule);
        QCOMPARE(d.delayMs, qint64(1000)); // reset is not a stable run: no immediate restart
    }

    void zeroMaxAttemptsNeverSchedules()
    {
        ReconnectBackoffConfig c;
        c.maxAttempts = 0;
        ReconnectBackoff b(c);
        QCOMPARE(b.decide(0, true, false).action, Action::Exhausted);
    }

    void jitterStaysWithinBounds_data()
    {
        QTest::addColumn<double>("ratio");
        QTest::addColumn<double>("random");
        QTest::newRow("r=0 keeps nominal") << 0.5 << 0.0;
        QTest::newRow("r=0.5") << 0.5 << 0.5;
        QTest::newRow("r=0.999") << 0.5 << 0.999;
        QTest::newRow("full ratio") << 1.0 << 0.999;
        QTest::newRow("source out of range high") << 0.3 << 7.0;
        QTest::newRow("source out of range low") << 0.3 << -3.0;
        QTest::newRow("ratio above 1 is clamped") << 4.0 << 0.5;
    }
    void jitterStaysWithinBounds()
    {
        QFETCH(double, ratio);
        QFETCH(double, random);
        ReconnectBackoffConfig c;
        c.jitterRatio = ratio;
        c.maxAttempts = 20;
        ReconnectBackoff b(c, [random] { return random; });
        const double effRatio = std::min(ratio, 1.0);
        const double effRandom = std::clamp(random, 0.0, 1.0);
        for (int attempt = 1; attempt <= 20; ++attempt) {
            const auto d = b.decide(0, true, false);
            const qint64 nominal = b.nominalDelayMs(attempt);
            QVERIFY(d.delayMs <= nominal);
            QVERIFY(d.delayMs <= c.maxDelayMs);
            QVERIFY(d.delayMs >= qint64(nominal * (1.0 - effRatio)) - 1);
            QCOMPARE(d.delayMs, nominal - qint64(std::llround(nominal * effRatio * effRandom)));
        }
    }

    void jitterIsDeterministicWithInjectedSource()
    {
        ReconnectBackoffConfig c;
        c.jitterRatio = 0.5;
        auto makeSource = [] {
            auto state = std::make_shared<int>(0);
            return [state] { return ((*state)++ % 4) / 4.0; }; // 0, .25, .5, .75, 0, …
        };
        ReconnectBackoff a(c, makeSource());
        ReconnectBackoff b(c, makeSource());
        QList<qint64> seen;
        for (int i = 0; i < 8; ++i) {
            const qint64 da = a.decide(0, true, false).delayMs;
            QCOMPARE(da, b.decide(0, true, false).delayMs);
            seen << da;
        }
        QCOMPARE(seen.at(0), qint64(1000));        // r = 0
        QCOMPARE(seen.at(1), qint64(2000 - 250));  // r = .25 of 50 % of 2000
        QCOMPARE(seen.at(2), qint64(4000 - 1000)); // r = .5
        QCOMPARE(seen.at(3), qint64(8000 - 3000)); // r = .75
    }

    void defaultRandomSourceStaysWithinBounds()
    {
        ReconnectBackoffConfig c;
        c.jitterRatio = 0.25;
        c.maxAttempts = 50;
        ReconnectBackoff b(c);
        for (int attempt = 1; attempt <= 50; ++attempt) {
            const qint64 nominal = b.nominalDelayMs(attempt);
            const qint64 d = b.decide(0, true, false).delayMs;
            QVERIFY(d <= nominal && d >= nominal * 3 / 4);
        }
    }
};

QTEST_APPLESS_MAIN(TestPolicyBackoff)
#include "tst_policy_backoff.moc"
