#include "settings/AppPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace clawtray;

namespace {

int modeOf(const QString& path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

} // namespace

class TestSettingsPaths : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void init()
    {
        AppPaths::clearOverrides();
        for (const char* v : {"CLAWTRAY_DATA_DIR", "CLAWTRAY_CONFIG_DIR", "CLAWTRAY_RUNTIME_DIR", "XDG_DATA_HOME",
                              "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR"})
            qunsetenv(v);
    }

    void defaultsFollowXdg()
    {
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        QCOMPARE(AppPaths::dataDir(), m_dir.filePath(QStringLiteral("data/clawtray")));
        QCOMPARE(AppPaths::configDir(), m_dir.filePath(QStringLiteral("config/clawtray")));
        QCOMPARE(AppPaths::runtimeDir(), m_dir.filePath(QStringLiteral("data/clawtray/runtime")));
        QCOMPARE(AppPaths::settingsFile(), m_dir.filePath(QStringLiteral("config/clawtray/clawtray.ini")));
        QCOMPARE(AppPaths::tokenFile(), m_dir.filePath(QStringLiteral("config/clawtray/gateway-token")));
        QCOMPARE(AppPaths::logDir(), m_dir.filePath(QStringLiteral("data/clawtray/logs")));
    }

    void defaultsWithoutXdg()
    {
        QCOMPARE(AppPaths::dataDir(), QDir::homePath() + QStringLiteral("/.local/share/clawtray"));
        QCOMPARE(AppPaths::configDir(), QDir::homePath() + QStringLiteral("/.config/clawtray"));
        QCOMPARE(AppPaths::runtimeDir(), QDir::homePath() + QStringLiteral("/.local/share/clawtray/runtime"));
        QCOMPARE(AppPaths::userRuntimeDir(), QStringLiteral("%1/clawtray-%2").arg(QDir::tempPath()).arg(::getuid()));
    }

    void applicationIdentityAgrees()
    {
        const QString before = QCoreApplication::applicationName();
        AppPaths::setApplicationIdentity();
        QCOMPARE(QCoreApplication::applicationName(), QStringLiteral("clawtray"));
        QVERIFY(QCoreApplication::organizationName().isEmpty());
        QCOMPARE(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation), AppPaths::dataDir());
        QCoreApplication::setApplicationName(before);
    }

    void environmentThenOverrides()
    {
        qputenv("CLAWTRAY_DATA_DIR", "/env/data");
        qputenv("CLAWTRAY_CONFIG_DIR", "/env/config/");
        qputenv("CLAWTRAY_RUNTIME_DIR", "/env/runtime");
        qputenv("XDG_RUNTIME_DIR", m_dir.path().toUtf8());
        QCOMPARE(AppPaths::dataDir(), QStringLiteral("/env/data"));
        QCOMPARE(AppPaths::configDir(), QStringLiteral("/env/config"));
        QCOMPARE(AppPaths::runtimeDir(), QStringLiteral("/env/runtime"));
        QCOMPARE(AppPaths::userRuntimeDir(), m_dir.path());

        AppPaths::setOverrides({QStringLiteral("/o/data"), QStringLiteral("/o/config"), {}, {}});
        QCOMPARE(AppPaths::dataDir(), QStringLiteral("/o/data"));
        QCOMPARE(AppPaths::configDir(), QStringLiteral("/o/config"));
        QCOMPARE(AppPaths::runtimeDir(), QStringLiteral("/env/runtime")); // not overridden: env still applies
        AppPaths::clearOverrides();
        QCOMPARE(AppPaths::dataDir(), QStringLiteral("/env/data"));
    }

    void ensureDirIs0700()
    {
        const QString dir = m_dir.filePath(QStringLiteral("a/b/c"));
        QVERIFY(AppPaths::ensureDir(dir));
        QVERIFY(QFileInfo(dir).isDir());
        QCOMPARE(modeOf(dir), 0700);
        // An existing, too-open directory is tightened.
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                       QFileDevice::ReadOther | QFileDevice::ExeOther);
        QVERIFY(AppPaths::ensureDir(dir));
        QCOMPARE(modeOf(dir), 0700);
    }

    void ensureAllCreatesDataConfigAndRuntimeFallback()
    {
        AppPaths::setOverrides({m_dir.filePath(QStringLiteral("d")),
                                m_dir.filePath(QStringLiteral("c")),
                                {},
                                m_dir.filePath(QStringLiteral("run"))});
        QVERIFY(AppPaths::ensureAll());
        for (const char* sub : {"d", "c", "run"})
            QCOMPARE(modeOf(m_dir.filePath(QString::fromLatin1(sub))), 0700);
    }
};

QTEST_GUILESS_MAIN(TestSettingsPaths)
#include "tst_settings_paths.moc"
