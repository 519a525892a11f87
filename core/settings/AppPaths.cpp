#include "settings/AppPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <mutex>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace clawtray {
namespace {

const QString kAppName = QStringLiteral("clawtray");

std::mutex& overridesMutex()
{
    static std::mutex m;
    return m;
}

// The environment is read on every call (not cached) so a test can qputenv() a temp dir at any time.
QString envDir(const char* name)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? QString() : QDir::cleanPath(value);
}

// ${XDG_DATA_HOME:-~/.local/share}, computed by hand on Unix so it matches scripts/setup.sh exactly,
// whatever application name or QStandardPaths test mode is in effect.
QString xdgDataHome()
{
#ifdef Q_OS_UNIX
    const QString xdg = qEnvironmentVariable("XDG_DATA_HOME");
    // The XDG spec says a relative value is invalid and must be ignored.
    if (!xdg.isEmpty() && QDir::isAbsolutePath(xdg))
        return QDir::cleanPath(xdg);
    return QDir::homePath() + QStringLiteral("/.local/share");
#else
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
#endif
}

QString fallbackUserRuntimeDir()
{
#ifdef Q_OS_UNIX
    return QStringLiteral("%1/clawtray-%2").arg(QDir::tempPath()).arg(::getuid());
#else
    return QDir::tempPath() + QStringLiteral("/clawtray");
#endif
}

} // namespace

AppPathOverrides& AppPaths::state()
{
    static AppPathOverrides s;
    return s;
}

void AppPaths::setApplicationIdentity()
{
    QCoreApplication::setApplicationName(kAppName);
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setOrganizationDomain(QString());
}

void AppPaths::setOverrides(const AppPathOverrides& overrides)
{
    std::lock_guard<std::mutex> lock(overridesMutex());
    state() = overrides;
}

AppPathOverrides AppPaths::overrides()
{
    std::lock_guard<std::mutex> lock(overridesMutex());
    return state();
}

void AppPaths::clearOverrides()
{
    setOverrides({});
}

QString AppPaths::dataDir()
{
    if (const QString o = overrides().dataDir; !o.isEmpty())
        return QDir::cleanPath(o);
    if (const QString e = envDir("CLAWTRAY_DATA_DIR"); !e.isEmpty())
        return e;
    // GenericDataLocation + "clawtray" equals AppLocalDataLocation with our identity (app
    // "clawtray", no organisation) on Linux, macOS and Windows, but does not depend on
    // setApplicationIdentity() having run yet (tests, early start-up code).
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QLatin1Char('/') + kAppName;
}

QString AppPaths::configDir()
{
    if (const QString o = overrides().configDir; !o.isEmpty())
        return QDir::cleanPath(o);
    if (const QString e = envDir("CLAWTRAY_CONFIG_DIR"); !e.isEmpty())
        return e;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QLatin1Char('/') + kAppName;
}

QString AppPaths::runtimeDir()
{
    if (const QString o = overrides().runtimeDir; !o.isEmpty())
        return QDir::cleanPath(o);
    if (const QString e = envDir("CLAWTRAY_RUNTIME_DIR"); !e.isEmpty())
        return e;
    // Deliberately not under dataDir(): moving the data dir for a test must not lose the runtime
    // the setup script installed.
    return xdgDataHome() + QStringLiteral("/clawtray/runtime");
}

QString AppPaths::userRuntimeDir()
{
    if (const QString o = overrides().userRuntimeDir; !o.isEmpty())
        return QDir::cleanPath(o);
    const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty() && QDir::isAbsolutePath(xdg) && QFileInfo(xdg).isDir())
        return QDir::cleanPath(xdg);
    return fallbackUserRuntimeDir();
}

QString AppPaths::logDir()
{
    return dataDir() + QStringLiteral("/logs");
}

QString AppPaths::settingsFile()
{
    return configDir() + QStringLiteral("/clawtray.ini");
}

QString AppPaths::tokenFile()
{
    return configDir() + QStringLiteral("/gateway-token");
}

QString AppPaths::tokenLocationFile()
{
    return QDir(configDir()).filePath(QStringLiteral("gateway-token.location"));
}

Done AppPaths::ensureDir(const QString& path)
{
    if (path.isEmpty())
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "No directory given")));
    if (!QDir().mkpath(path))
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not create the directory %1")).arg(QDir::toNativeSeparators(path)));
#ifdef Q_OS_UNIX
    // A directory in a shared place (the /tmp fallback) could have been planted by another user:
    // refuse to use one we do not own rather than put our sockets into it.
    struct stat st
    {
    };
    const QByteArray native = QFile::encodeName(path);
    if (::stat(native.constData(), &st) != 0 || !S_ISDIR(st.st_mode))
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "%1 is not a directory")).arg(path));
    if (st.st_uid != ::getuid())
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "%1 belongs to another user; refusing to use it")).arg(path));
    if ((st.st_mode & 07777) != 0700 && ::chmod(native.constData(), 0700) != 0)
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not restrict %1 to its owner (chmod 0700)")).arg(path));
#else
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
#endif
    return {};
}

Done AppPaths::ensureAll()
{
    // The XDG runtime dir belongs to the session manager: only the /tmp fallback is ours to create.
    QStringList dirs{dataDir(), configDir()};
    const QString runDir = userRuntimeDir();
    if (runDir == fallbackUserRuntimeDir() || runDir == QDir::cleanPath(overrides().userRuntimeDir))
        dirs << runDir;
    for (const QString& dir : dirs) {
        if (Done made = ensureDir(dir); !made)
            return made;
    }
    return {};
}

} // namespace clawtray
