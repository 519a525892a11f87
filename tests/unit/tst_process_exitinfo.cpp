#include "process/ExitInfo.h"

#include <QTest>

#include <signal.h>

using namespace clawtray;

// How an exit reads in a notification and the log: durations as a person says them, never raw
// milliseconds ("after 1 min 34 s", not "after 94076 ms").
class TestProcessExitInfo : public QObject
{
    Q_OBJECT

    static ExitInfo exit(ExitInfo::Kind kind, qint64 runMs, qint64 stopMs = -1)
    {
        ExitInfo e;
        e.kind = kind;
        e.exitCode = kind == ExitInfo::Kind::Crashed ? -1 : 1;
        e.signal = kind == ExitInfo::Kind::Crashed ? SIGSEGV : 0;
        e.runMs = runMs;
        e.stopMs = stopMs;
        return e;
    }

private Q_SLOTS:
    void durationsReadAsTime_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("runMs");
        QTest::addColumn<qint64>("stopMs");
        QTest::addColumn<QString>("expected");
        QTest::newRow("crash after minutes") << int(ExitInfo::Kind::Crashed) << qint64(94076) << qint64(-1)
                                             << QStringLiteral("crashed with signal 11 (Segmentation fault) after 1 min 34 s");
        QTest::newRow("exit within a second") << int(ExitInfo::Kind::Exited) << qint64(350) << qint64(-1)
                                              << QStringLiteral("exited unexpectedly with code 1 after 0.3 s");
        QTest::newRow("exit after hours") << int(ExitInfo::Kind::Exited) << qint64(2 * 3600000 + 5 * 60000 + 7000) << qint64(-1)
                                          << QStringLiteral("exited unexpectedly with code 1 after 2 h 5 min");
        QTest::newRow("clean stop") << int(ExitInfo::Kind::CleanStop) << qint64(5000) << qint64(420)
                                    << QStringLiteral("stopped cleanly (exit code 1) in 0.4 s");
        QTest::newRow("killed") << int(ExitInfo::Kind::KilledAfterGrace) << qint64(5000) << qint64(15200)
                                << QStringLiteral("did not stop within the grace period; killed (stop took 15 s)");
    }

    void durationsReadAsTime()
    {
        QFETCH(int, kind);
        QFETCH(qint64, runMs);
        QFETCH(qint64, stopMs);
        QFETCH(QString, expected);
        const QString text = exit(ExitInfo::Kind(kind), runMs, stopMs).describe();
        QCOMPARE(text, expected);
        QVERIFY(!text.contains(QLatin1String(" ms")));
    }
};

QTEST_GUILESS_MAIN(TestProcessExitInfo)
#include "tst_process_exitinfo.moc"
