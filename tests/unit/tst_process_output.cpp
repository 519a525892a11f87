#include "process/OutputClassifier.h"

#include "policy/AnsiText.h"

#include <QTest>

using namespace clawtray;

class TestProcessOutput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void assemblesLinesAcrossChunks()
    {
        LineAssembler a;
        QCOMPARE(a.feed("hel"), QStringList{});
        QCOMPARE(a.feed("lo\r\nwor"), QStringList{QStringLiteral("hello")});
        QCOMPARE(a.feed("ld\n\n"), (QStringList{QStringLiteral("world"), QString()}));
        QCOMPARE(a.feed("tail"), QStringList{});
        QCOMPARE(a.flush(), QStringList{QStringLiteral("tail")});
    }

    void boundsEndlessLines()
    {
        LineAssembler a;
        const QStringList out = a.feed(QByteArray(LineAssembler::kMaxLine * 2 + 10, 'x'));
        QCOMPARE(out.size(), 1);
        QCOMPARE(out.first().size(), LineAssembler::kMaxLine);
    }

    void stripsAnsi()
    {
        QCOMPARE(stripAnsi(QStringLiteral("\x1b[31mred\x1b[0m and \x1b[1;32mgreen\x1b[m")),
                 QStringLiteral("red and green"));
    }

    void classifies_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("cls");
        QTest::newRow("empty") << "   " << int(OutputClass::Drop);
        QTest::newRow("trace") << "startup trace: config 12ms [total=12ms]" << int(OutputClass::Info);
        QTest::newRow("probe-noise") << "[ws] closed before connect conn=abc code=1006" << int(OutputClass::Debug);
        QTest::newRow("experimental") << "(node:1) ExperimentalWarning: SQLite is experimental" << int(OutputClass::Debug);
        QTest::newRow("deprecation") << "(node:1) [DEP0040] DeprecationWarning: punycode" << int(OutputClass::Debug);
        QTest::newRow("normal") << "2026-11-22T02:25:40.593+00:00 [gateway] loading configuration…" << int(OutputClass::Info);
        QTest::newRow("error") << "[gateway] Error: listen EADDRINUSE 127.0.0.1:18789" << int(OutputClass::Warn);
        QTest::newRow("invalid-config") << "Invalid config at openclaw.json: unrecognized key" << int(OutputClass::Warn);
        QTest::newRow("control-ui-mismatch") << "[ws] control-ui unauthorized: gateway token mismatch" << int(OutputClass::Drop);
    }
    void classifies()
    {
        QFETCH(QString, line);
        QFETCH(int, cls);
        QCOMPARE(int(OutputClassifier::classify(line)), cls);
    }

    void parsesStartupTrace()
    {
        auto t = OutputClassifier::parseStartupTrace(QStringLiteral("2026 [gateway] startup trace: plugins 1234.5ms [total=4000ms]"));
        QVERIFY(t);
        QCOMPARE(t->stage, QStringLiteral("plugins"));
        QCOMPARE(t->ms, 1234.5);
        QVERIFY(t->totalMs);
        QCOMPARE(*t->totalMs, 4000.0);
        auto noTotal = OutputClassifier::parseStartupTrace(QStringLiteral("startup trace: config 12ms"));
        QVERIFY(noTotal && !noTotal->totalMs);
        QVERIFY(!OutputClassifier::parseStartupTrace(QStringLiteral("startup finished")));

        StartupTraceSummary s;
        s.add(*t);
        s.add(*noTotal);
        QCOMPARE(s.slowestStage, QStringLiteral("plugins"));
        QCOMPARE(s.maxTotalMs, 4000.0);
        QCOMPARE(s.count, 2);
    }

    void deduplicates()
    {
        OutputDeduplicator d(50);
        QCOMPARE(d.admit(QStringLiteral("same")), std::optional<QString>(QStringLiteral("same")));
        int admitted = 0;
        QString reminder;
        for (int i = 0; i < 100; ++i)
            if (auto s = d.admit(QStringLiteral("same"))) {
                ++admitted;
                reminder = *s;
            }
        QCOMPARE(admitted, 2); // the 50th and 100th repeats
        QCOMPARE(reminder, QStringLiteral("(suppressed 100 repeats) same"));
        QVERIFY(d.admit(QStringLiteral("other")));
        QCOMPARE(d.suppressedTotal(), 100);
    }

    void dedupMemoryIsBounded()
    {
        OutputDeduplicator d(50, 10);
        for (int i = 0; i < 25; ++i)
            QVERIFY(d.admit(QString::number(i)));
        // The table was reset when full, so an old line is admitted again rather than suppressed.
        QVERIFY(d.admit(QStringLiteral("0")));
    }

    void tailKeepsLastNonEmpty()
    {
        OutputTail t(3);
        for (const char* s : {"a", "", "b", "c", "  ", "d"})
            t.add(QString::fromLatin1(s));
        QCOMPARE(t.lines(), (QStringList{QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}));
    }
};

QTEST_GUILESS_MAIN(TestProcessOutput)
#include "tst_process_output.moc"
