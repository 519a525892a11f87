// UserText: a sentence kept as its source text and arguments, so the core says it in English (logs,
// ctl, exports) and the desktop in its language; and the one duration formatter behind both.
#include "policy/HumanDuration.h"
#include "policy/UserText.h"

#include <QTest>

using namespace clawtray;

class TestUserText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void englishIsTheSourceWithItsArguments()
    {
        UserText t("The gateway %1 on port %2");
        t.arg(QStringLiteral("listens")).arg(18789);
        QCOMPARE(t.english(), QStringLiteral("The gateway listens on port 18789"));
        QVERIFY(t.is("The gateway %1 on port %2"));
        QVERIFY(!t.is("The gateway"));
        QVERIFY(!t.isEmpty());
        QVERIFY(UserText().isEmpty());
        QVERIFY(UserText::verbatim(QString()).isEmpty());
    }

    // An argument is substituted once: text that itself holds "%2" (a gateway's message, a path)
    // stays as it is, and a missing argument leaves its marker visible rather than shifting others.
    void argumentsAreSubstitutedInOnePass()
    {
        UserText t("%1 and %2");
        t.arg(QStringLiteral("100%2 sure")).arg(QStringLiteral("B"));
        QCOMPARE(t.english(), QStringLiteral("100%2 sure and B"));
        QCOMPARE(UserText("only %1 of %2").arg(QStringLiteral("one")).english(), QStringLiteral("only one of %2"));
    }

    void nestedSentencesAndDurationsAreRenderedWithTheSameWords()
    {
        UserText inner("retrying every %1");
        inner.duration(94000);
        UserText outer("%1; %2");
        outer.arg(UserText("watching %1 for a change").arg(QStringLiteral("openclaw.json"))).arg(inner);
        QCOMPARE(outer.english(), QStringLiteral("watching openclaw.json for a change; retrying every 1 min 34 s"));

        // A translator sees every source, nested ones included, and every duration in its words.
        QStringList asked;
        DurationWords words;
        words.minutesSeconds = QStringLiteral("%1分%2秒");
        const QString said = outer.render(
            [&](const char* s) {
                asked << QString::fromUtf8(s);
                return QStringLiteral("<") + QString::fromUtf8(s) + QStringLiteral(">");
            },
            words);
        QCOMPARE(said, QStringLiteral("<<watching openclaw.json for a change>; <retrying every 1分34秒>>"));
        QCOMPARE(asked.size(), 3);
        // Verbatim words are never handed to the translator.
        asked.clear();
        UserText::verbatim(QStringLiteral("gateway.mode is missing")).render([&](const char* s) {
            asked << QString::fromUtf8(s);
            return QString();
        }, words);
        QVERIFY(asked.isEmpty());
    }

    void thenJoinsSentencesAndMappedReachesEveryArgument()
    {
        UserText a("It failed.");
        const UserText both = a.then(UserText("Gave up after %1 start attempts.").arg(3));
        QCOMPARE(both.english(), QStringLiteral("It failed. Gave up after 3 start attempts."));
        QCOMPARE(UserText().then(a).english(), a.english());
        QVERIFY(both.is("It failed."));

        UserText secret("token %1 in %2");
        secret.arg(QStringLiteral("abc")).arg(UserText("the file %1").arg(QStringLiteral("abc.json")));
        const UserText masked = secret.mapped([](const QString& t) {
            QString out = t;
            return out.replace(QStringLiteral("abc"), QStringLiteral("***"));
        });
        QCOMPARE(masked.english(), QStringLiteral("token *** in the file ***.json"));
        QCOMPARE(secret.english(), QStringLiteral("token abc in the file abc.json")); // the original is untouched
    }

    void oneDurationFormatterThreeStyles_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("span");
        QTest::addColumn<QString>("wait");
        QTest::addColumn<QString>("elapsed");
        QTest::newRow("negative") << qint64(-5) << "0 s" << "0 s" << "0.0 s";
        QTest::newRow("0") << qint64(0) << "0 s" << "0 s" << "0.0 s";
        QTest::newRow("1 ms") << qint64(1) << "0 s" << "1 s" << "0.0 s";
        QTest::newRow("999 ms") << qint64(999) << "0 s" << "1 s" << "1.0 s";
        QTest::newRow("9.94 s") << qint64(9940) << "9 s" << "10 s" << "9.9 s";
        QTest::newRow("59.5 s") << qint64(59500) << "59 s" << "1 min" << "59 s";
        QTest::newRow("94 s") << qint64(94000) << "1 min 34 s" << "1 min 34 s" << "1 min 34 s";
        QTest::newRow("1 h") << qint64(3600000) << "1 h" << "1 h" << "1 h";
        QTest::newRow("just under 2 h") << qint64(7199000) << "1 h 59 min" << "2 h" << "1 h 59 min";
        QTest::newRow("1 d 1 h 1 min") << qint64(90061000) << "1 d 1 h" << "1 d 1 h" << "1 d 1 h";
        QTest::newRow("2 d") << qint64(172800000) << "2 d" << "2 d" << "2 d";
    }
    void oneDurationFormatterThreeStyles()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, span);
        QFETCH(QString, wait);
        QFETCH(QString, elapsed);
        QCOMPARE(durationText(ms, DurationStyle::Span), span);
        QCOMPARE(durationText(ms, DurationStyle::Wait), wait);
        QCOMPARE(durationText(ms, DurationStyle::Elapsed), elapsed);
        // The older names are this formatter (formatDuration, in supervisor/, is Span).
        QCOMPARE(humanDuration(ms), wait);
        QCOMPARE(elapsedText(ms), elapsed);
    }
};

QTEST_MAIN(TestUserText)
#include "tst_policy_usertext.moc"
