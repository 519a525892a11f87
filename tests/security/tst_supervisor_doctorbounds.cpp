// `openclaw doctor --fix` runs under ClawTray's control: a doctor that floods its output costs a
// bounded amount of memory, and neither it nor the helpers it starts outlive a timeout or its own
// exit. Before the fix the whole output was kept (only each read was capped) and helpers survived.
#include "TestSupport.h"
#include "process/ProcTable.h"
#include "supervisor/DoctorRunner.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

class TestSupervisorDoctorBounds : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    GatewayLaunchOptions fakeDoctor(const QByteArray& body)
    {
        const QString script = m_dir.filePath(QStringLiteral("node-%1").arg(++m_n));
        QFile f(script);
        f.open(QIODevice::WriteOnly);
        f.write("#!/bin/sh\n" + body);
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        GatewayLaunchOptions o;
        o.nodePath = script;
        o.openclawDir = m_dir.path();
        o.port = 1;
        return o;
    }
    static QList<pid_t> withArg(const QString& arg)
    {
        QList<pid_t> out;
        for (pid_t p : proctable::allPids())
            if (const auto info = proctable::read(p); info && !info->isZombie() && info->cmdline.contains(arg))
                out << p;
        return out;
    }
    int m_n = 0;

private Q_SLOTS:
    void floodedOutputIsBoundedAndHelpersGo()
    {
        DoctorRunner runner;
        bool finished = false, ok = false;
        QString output;
        // 20 MB of output, a helper left running in its group, then a last line and success.
        runner.run(fakeDoctor("head -c 20000000 /dev/zero | tr '\\000' x\n(sleep 313 &)\necho\necho END-OF-DOCTOR\n"),
                   60000, [&](bool o, const QString& out) {
                       finished = true;
                       ok = o;
                       output = out;
                   });
        QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
        QVERIFY(ok);
        QVERIFY(output.contains(QLatin1String("END-OF-DOCTOR")));
        QVERIFY(output.size() <= 16 * 1024);
        QVERIFY2(runner.peakBufferedBytes() <= DoctorRunner::kMaxOutputBytes, qPrintable(QString::number(runner.peakBufferedBytes())));
        QTRY_VERIFY_WITH_TIMEOUT(withArg(QStringLiteral("313")).isEmpty(), 5000);
    }

    void timeoutKillsTheWholeGroup()
    {
        DoctorRunner runner;
        bool finished = false, ok = true;
        runner.run(fakeDoctor("sleep 314 &\nsleep 315\n"), 500, [&](bool o, const QString&) {
            finished = true;
            ok = o;
        });
        QTRY_VERIFY(!withArg(QStringLiteral("315")).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
        QVERIFY(!ok);
        QTRY_VERIFY_WITH_TIMEOUT(withArg(QStringLiteral("314")).isEmpty() && withArg(QStringLiteral("315")).isEmpty(), 5000);
    }
};

QTEST_GUILESS_MAIN(TestSupervisorDoctorBounds)
#include "tst_supervisor_doctorbounds.moc"
