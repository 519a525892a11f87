#pragma once

#include "settings/SettingsData.h"

#include <QString>
#include <QStringList>

namespace clawtray {

// The desktop's language: ClawTray's own translation (embedded as :/i18n/clawtray_<lang>.qm) and
// Qt's for its standard buttons and dialogs. Installed once at start, before any widget exists.
class Translations final
{
public:
    // The languages ClawTray has besides English ("zh_CN").
    static QStringList available();
    // The language `choice` resolves to on this system: "en" or one of available().
    static QString resolve(UiLanguage choice, const QString& systemLocale);
    // Installs the translators for `choice` into the application; returns the language in use.
    static QString install(UiLanguage choice);
    // Takes the installed translators out again (tests switch languages within one process).
    static void uninstall();
};

} // namespace clawtray
