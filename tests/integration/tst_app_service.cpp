// `clawtray service install|uninstall|status` (issue #11), run as the user types it, against a
// stub systemctl (no user manager runs in CI) and a stub loginctl on PATH.
#include "RealGateway.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestAppService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_out;

    QString path(const QString& rel) const { return m_dir.filePath(rel); }
    QString unitFile() const { return path(QStringLiteral("config/systemd/user/clawtray.service")); }
    static QString binary() { return testsupport::clawtrayBinary(); }

    void writeExecutable(const QString& rel, const QByteArray& text) { QVERIFY(testsupport::writeExecutable(path(rel), text)); }

    int service(const QStringList& args, const QString& binDir = QStringLiteral("bin"))
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
        env.insert(QStringLiteral("PATH"), path(binDir) + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        env.insert(QStringLiteral("FAKE_SYSTEMCTL_DIR"), path(QStringLiteral("svc")));
        env.insert(QStringLiteral("FAKE_SYSTEMCTL_UNIT"), QStringLiteral("clawtray.service"));
        env.insert(QStringLiteral("FAKE_SYSTEMCTL_EXEC"), path(QStringLiteral("sleeper.sh")));
        QProcess p;
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(binary(), QStringList{QStringLiteral("service")} + args);
        if (!p.waitForFinished(60000))
            return -1;
        m_out = QString::fromUtf8(p.readAll());
        return p.exitCode();
    }

    QStringList calls() const
    {
        QFile f(path(QStringLiteral("svc/calls")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts) : QStringList{};
    }

    QByteArray unitText() const
    {
        QFile f(unitFile());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        for (const char* d : {"home", "config", "bin", "nobus", "svc"})
            QDir().mkpath(path(QString::fromLatin1(d)));
        QVERIFY(QFile::copy(QStringLiteral(CLAWTRAY_TEST_TOOLS_DIR "/fake_systemctl"), path(QStringLiteral("bin/systemctl"))));
        writeExecutable(QStringLiteral("bin/loginctl"), "#!/bin/sh\necho no\n");
        writeExecutable(QStringLiteral("nobus/systemctl"), "#!/bin/sh\necho 'Failed to connect to bus: No medium found' >&2\nexit 1\n");
        writeExecutable(QStringLiteral("sleeper.sh"), "#!/bin/sh\nexec sleep 300\n");
    }

    void cleanupTestCase()
    {
        service({QStringLiteral("uninstall")});
    }

    void installWritesEnablesAndReports()
    {
        QVERIFY2(service({QStringLiteral("install")}) == 0, qPrintable(m_out));
        const QByteArray unit = unitText();
        QVERIFY(unit.startsWith("# Written by `clawtray service install`"));
        QVERIFY2(unit.contains("\nExecStart=" + QFileInfo(binary()).absoluteFilePath().toUtf8() + " --headless\n"), unit.constData());
        QVERIFY(unit.contains("\nType=notify\n"));
        QVERIFY(unit.contains("\nRestartPreventExitStatus=78\n"));
        QVERIFY(!unit.contains('@')); // every placeholder filled
        QVERIFY(calls().contains(QStringLiteral("--user daemon-reload")));
        QVERIFY(calls().contains(QStringLiteral("--user enable --now clawtray.service")));
        QVERIFY2(m_out.contains(QStringLiteral("sudo loginctl enable-linger")), qPrintable(m_out));

        QCOMPARE(service({QStringLiteral("status"), QStringLiteral("--json")}), 0);
        const QJsonObject s = QJsonDocument::fromJson(m_out.toUtf8()).object();
        QVERIFY(s.value(QLatin1String("writtenByClawTray")).toBool());
        QCOMPARE(s.value(QLatin1String("activeState")).toString(), QStringLiteral("active"));
        QCOMPARE(s.value(QLatin1String("unitFileState")).toString(), QStringLiteral("enabled"));
        QCOMPARE(s.value(QLatin1String("linger")).toString(), QStringLiteral("no"));
        QCOMPARE(service({QStringLiteral("status")}), 0);
        QVERIFY2(m_out.contains(QStringLiteral("Service: clawtray.service (active, enabled)")), qPrintable(m_out));

        QCOMPARE(service({QStringLiteral("uninstall")}), 0);
        QVERIFY(calls().contains(QStringLiteral("--user disable --now clawtray.service")));
        QVERIFY(!QFile::exists(unitFile()));
    }

    void aUnitFileClawTrayDidNotWriteIsLeftAlone()
    {
        QDir().mkpath(QFileInfo(unitFile()).path());
        QFile f(unitFile());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[Service]\nExecStart=/usr/local/bin/my-own-clawtray\n");
        f.close();
        QCOMPARE(service({QStringLiteral("install")}), 1);
        QVERIFY2(m_out.contains(QStringLiteral("--force")), qPrintable(m_out));
        QCOMPARE(unitText(), QByteArray("[Service]\nExecStart=/usr/local/bin/my-own-clawtray\n"));
        QCOMPARE(service({QStringLiteral("uninstall")}), 1);
        QVERIFY(QFile::exists(unitFile()));
        QVERIFY2(service({QStringLiteral("install"), QStringLiteral("--force")}) == 0, qPrintable(m_out));
        QVERIFY(unitText().startsWith("# Written by `clawtray service install`"));
        QCOMPARE(service({QStringLiteral("uninstall")}), 0);
    }

    // No user manager (a container, a server without a session): the file is written and the
    // message says exactly what to run later; nothing pretends it is enabled.
    void withoutAUserManagerItSaysWhatToDo()
    {
        QCOMPARE(service({QStringLiteral("install")}, QStringLiteral("nobus")), 1);
        QVERIFY2(m_out.contains(QStringLiteral("No systemd user manager answers here (Failed to connect to bus")), qPrintable(m_out));
        QVERIFY(m_out.contains(QStringLiteral("systemctl --user enable --now clawtray")));
        QVERIFY(QFile::exists(unitFile()));
        QCOMPARE(service({QStringLiteral("status")}, QStringLiteral("nobus")), 0);
        QVERIFY2(m_out.contains(QStringLiteral("Service: unknown")), qPrintable(m_out));
        QFile::remove(unitFile());
    }

    void usageErrors()
    {
        QCOMPARE(service({}), 2);
        QCOMPARE(service({QStringLiteral("enable")}), 2);
        QCOMPARE(service({QStringLiteral("install"), QStringLiteral("--json")}), 2);
        QCOMPARE(service({QStringLiteral("--help")}), 0);
        QVERIFY(m_out.contains(QStringLiteral("enable-linger")) || m_out.contains(QStringLiteral("lingering")));
    }
};

QTEST_GUILESS_MAIN(TestAppService)
#include "tst_app_service.moc"
