#include "settings/Autostart.h"
#include "settings/MacLaunchAgent.h"
#include "settings/WindowsRunKey.h"
#include "settings/XdgAutostart.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

namespace {

QString readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void writeText(const QString& path, const QString& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

} // namespace

class TestSettingsAutostart : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_system;
    const QString m_app = QStringLiteral("/opt/ClawTray/bin/clawtray");
    QString entryPath() const { return m_home.filePath(QStringLiteral("autostart/clawtray.desktop")); }
    QString systemEntryPath() const { return m_system.filePath(QStringLiteral("autostart/clawtray.desktop")); }

private slots:
    void initTestCase()
    {
        // Before anything computes a path: nothing in this test may touch the real ~/.config.
        qputenv("XDG_CONFIG_HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_DIRS", m_system.path().toUtf8());
    }

    void cleanup()
    {
        QFile::remove(entryPath());
        QFile::remove(systemEntryPath());
    }

    void factoryPicksXdgOnLinux()
    {
        const auto a = Autostart::forCurrentPlatform(m_app);
        QVERIFY(dynamic_cast<XdgAutostart*>(a.get()));
        QVERIFY(a->description().contains(entryPath()));
    }

    void enableWritesExpectedEntry()
    {
        XdgAutostart a(m_app);
        QCOMPARE(a.filePath(), entryPath());
        QVERIFY(!a.isEnabled());
        QVERIFY(a.setEnabled(true));
        QVERIFY(a.isEnabled());
        const QString text = readText(entryPath());
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("[Desktop Entry]"));
        for (const char* expected :
             {"Type=Application", "Name=ClawTray", "Exec=/opt/ClawTray/bin/clawtray --minimized", "Icon=clawtray",
              "Terminal=false", "Categories=Utility;", "X-GNOME-Autostart-enabled=true"})
            QVERIFY2(lines.contains(QString::fromLatin1(expected)), expected);
        QVERIFY(text.contains(QStringLiteral("\nComment=")));
        QVERIFY(!text.contains(QStringLiteral("Hidden")));
        QVERIFY(a.setEnabled(true)); // idempotent
    }

    void entryCarriesTheOverridesInEffect()
    {
        // ClawTray run with --port / --state-dir starts at login with them too; a change of them
        // is seen as an entry to rewrite.
        XdgAutostart a(m_app);
        a.setArguments({QStringLiteral("--port"), QStringLiteral("28811"), QStringLiteral("--state-dir"),
                        QStringLiteral("/home/me/My State")});
        QVERIFY(!a.argumentsInEntry()); // no entry yet
        QVERIFY(a.setEnabled(true));
        QVERIFY(readText(entryPath()).contains(
            QStringLiteral("\nExec=/opt/ClawTray/bin/clawtray --minimized --port 28811 --state-dir \"/home/me/My State\"\n")));
        QVERIFY(a.argumentsInEntry());
        a.setArguments({QStringLiteral("--state-dir"), QStringLiteral("/home/me/My State")}); // --port replaced
        QVERIFY(!a.argumentsInEntry());
        QVERIFY(a.setEnabled(true));
        QVERIFY(a.argumentsInEntry());
        QVERIFY(!readText(entryPath()).contains(QStringLiteral("--port")));
    }

    void entryPassesDesktopFileValidate()
    {
        const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        if (validator.isEmpty())
            QSKIP("desktop-file-validate is not installed (package desktop-file-utils)");
        for (const QString& app : {m_app, QStringLiteral("/home/me/My Apps/clawtray"),
                                   QStringLiteral("/tmp/odd \"name\" $HOME 100%/clawtray")}) {
            XdgAutostart a(app);
            QVERIFY(a.setEnabled(true));
            QProcess p;
            p.start(validator, {entryPath()});
            QVERIFY(p.waitForFinished(10000));
            const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
            QVERIFY2(p.exitCode() == 0 && !out.contains(QStringLiteral("error")), qPrintable(app + ": " + out));
            // And the program reads back as what we wrote.
            const QString exec =
                readText(entryPath()).section(QStringLiteral("Exec="), 1).section(QLatin1Char('\n'), 0, 0);
            QCOMPARE(XdgAutostart::execProgram(exec), app);
        }
    }

    void execQuoting()
    {
        QCOMPARE(XdgAutostart::quoteExecArgument(QStringLiteral("/usr/bin/clawtray")),
                 QStringLiteral("/usr/bin/clawtray"));
        QCOMPARE(XdgAutostart::quoteExecArgument(QStringLiteral("/home/me/My Apps/clawtray")),
                 QStringLiteral("\"/home/me/My Apps/clawtray\""));
        // One literal backslash inside quotes is four in the file; % is doubled.
        QCOMPARE(XdgAutostart::quoteExecArgument(QStringLiteral("/a b\\c%d")), QStringLiteral("\"/a b\\\\\\\\c%%d\""));
        QCOMPARE(XdgAutostart::quoteExecArgument(QStringLiteral("/a\"$`")), QStringLiteral("\"/a\\\\\"\\\\$\\\\`\""));
    }

    void hiddenOrGnomeDisabledMeansDisabled()
    {
        XdgAutostart a(m_app);
        QVERIFY(a.setEnabled(true));
        writeText(entryPath(), readText(entryPath()) + QStringLiteral("Hidden=true\n"));
        QVERIFY(!a.isEnabled());

        writeText(entryPath(), readText(entryPath())
                                   .replace(QStringLiteral("Hidden=true\n"), QString())
                                   .replace(QStringLiteral("X-GNOME-Autostart-enabled=true"),
                                            QStringLiteral("X-GNOME-Autostart-enabled=false")));
        QVERIFY(!a.isEnabled());
    }

    void disableRemovesOurFile()
    {
        XdgAutostart a(m_app);
        QVERIFY(a.setEnabled(true));
        QVERIFY(a.setEnabled(false));
        QVERIFY(!QFile::exists(entryPath()));
        QVERIFY(!a.isEnabled());
        QVERIFY(a.setEnabled(false)); // idempotent
    }

    void disableHidesAFileThatIsNotOurs()
    {
        const QString userFile = QStringLiteral("[Desktop Entry]\nType=Application\nName=My tray\n"
                                                "Exec=/home/me/bin/start-my-tray.sh\n\n[Desktop Action x]\nName=X\n");
        writeText(entryPath(), userFile);
        XdgAutostart a(m_app);
        QVERIFY(a.isEnabled());
        QVERIFY(a.setEnabled(false));
        QVERIFY(QFile::exists(entryPath())); // the user's file is kept...
        QVERIFY(!a.isEnabled());             // ...but hidden
        const QString text = readText(entryPath());
        QVERIFY(text.contains(QStringLiteral("Exec=/home/me/bin/start-my-tray.sh")));
        QVERIFY(text.indexOf(QStringLiteral("Hidden=true")) < text.indexOf(QStringLiteral("[Desktop Action x]")));
    }

    void systemEntryIsMaskedNotReEnabled()
    {
        writeText(systemEntryPath(), XdgAutostart(QStringLiteral("/usr/bin/clawtray")).desktopEntry());
        XdgAutostart a(m_app);
        QVERIFY(a.isEnabled()); // the distribution's entry applies
        QVERIFY(a.setEnabled(false));
        QVERIFY(!a.isEnabled());
        QVERIFY(readText(entryPath()).contains(QStringLiteral("Hidden=true")));
        QVERIFY(a.setEnabled(true));
        QVERIFY(a.isEnabled());
    }

    void launchAgentPlist()
    {
        QTemporaryDir home;
        MacLaunchAgent agent(QStringLiteral("/Applications/ClawTray.app/Contents/MacOS/ClawTray"), home.path());
        const QString plist = agent.plistContent();
        QVERIFY(plist.contains(QStringLiteral("<key>RunAtLoad</key>\n    <true/>")));
        QVERIFY(!plist.contains(QStringLiteral("KeepAlive")));
        QVERIFY(plist.contains(QStringLiteral("<string>/Applications/ClawTray.app/Contents/MacOS/ClawTray</string>")));
        QVERIFY(plist.contains(QStringLiteral("<string>--minimized</string>")));
        QVERIFY(plist.contains(QStringLiteral("<key>Label</key>\n    <string>%1</string>")
                                   .arg(QString::fromLatin1(MacLaunchAgent::kDefaultLabel))));

        QCOMPARE(agent.filePath(), home.path() + QStringLiteral("/Library/LaunchAgents/ai.openclaw.clawtray.plist"));
        QVERIFY(!agent.isEnabled());
        QVERIFY(agent.setEnabled(true));
        QVERIFY(agent.isEnabled());
        QCOMPARE(readText(agent.filePath()), plist);
        // A user who set Disabled by hand is respected.
        writeText(agent.filePath(), QString(plist).replace(QStringLiteral("</dict>"),
                                                           QStringLiteral("<key>Disabled</key><true/>\n</dict>")));
        QVERIFY(!agent.isEnabled());
        QVERIFY(agent.setEnabled(false));
        QVERIFY(!QFile::exists(agent.filePath()));
    }

    void launchAgentEscapesXml()
    {
        MacLaunchAgent agent(QStringLiteral("/Users/a&b/<x>/ClawTray"), QStringLiteral("/tmp"));
        QVERIFY(agent.plistContent().contains(QStringLiteral("<string>/Users/a&amp;b/&lt;x&gt;/ClawTray</string>")));
    }

    void windowsRunKeyCommandLine()
    {
        WindowsRunKey key(QStringLiteral("C:/Program Files/ClawTray/clawtray.exe"));
#ifdef Q_OS_WIN
        QCOMPARE(key.commandLine(), QStringLiteral("\"C:\\Program Files\\ClawTray\\clawtray.exe\" --minimized"));
#else
        QCOMPARE(key.commandLine(), QStringLiteral("\"C:/Program Files/ClawTray/clawtray.exe\" --minimized"));
        QVERIFY(!key.isEnabled());
        QVERIFY(!key.setEnabled(true)); // refuses instead of writing a stray INI file
#endif
    }
};

QTEST_GUILESS_MAIN(TestSettingsAutostart)
#include "tst_settings_autostart.moc"
