#include "settings/WindowsRunKey.h"

#include <QDir>
#include <QSettings>

namespace clawtray {

WindowsRunKey::WindowsRunKey(QString appPath, QString valueName)
    : m_appPath(std::move(appPath))
    , m_valueName(std::move(valueName))
{}

QString WindowsRunKey::commandLine() const
{
    return QStringLiteral("\"%1\" --minimized").arg(QDir::toNativeSeparators(m_appPath));
}

QString WindowsRunKey::description() const
{
    return QStringLiteral("Registry value \"%1\" under %2").arg(m_valueName, QString::fromLatin1(kRunKey));
}

bool WindowsRunKey::isEnabled() const
{
#ifdef Q_OS_WIN
    // Task Manager's "Disable" leaves the Run value in place and records the choice under
    // Explorer\StartupApproved\Run; not consulted here (the value is binary and undocumented).
    QSettings run(QString::fromLatin1(kRunKey), QSettings::NativeFormat);
    return !run.value(m_valueName).toString().isEmpty();
#else
    return false;
#endif
}

Done WindowsRunKey::setEnabled(bool enabled)
{
#ifdef Q_OS_WIN
    QSettings run(QString::fromLatin1(kRunKey), QSettings::NativeFormat);
    if (enabled)
        run.setValue(m_valueName, commandLine());
    else
        run.remove(m_valueName);
    run.sync();
    if (run.status() != QSettings::NoError)
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not update the registry key %1")).arg(QString::fromLatin1(kRunKey)));
    return {};
#else
    Q_UNUSED(enabled);
    return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "The Windows Run key is only available on Windows")));
#endif
}

} // namespace clawtray
