#pragma once

#include "settings/Autostart.h"

#include <QMap>
#include <QStringList>

namespace clawtray {

// Linux/BSD desktops: an XDG autostart entry, $XDG_CONFIG_HOME/autostart/clawtray.desktop
// (Desktop Application Autostart Specification). Paths are computed at each call, so a test can
// point XDG_CONFIG_HOME / XDG_CONFIG_DIRS at a temp dir with qputenv().
//
// Semantics the spec gives and we keep: an entry with Hidden=true, or X-GNOME-Autostart-enabled=
// false, is disabled; a user entry overrides a system-wide one of the same name (XDG_CONFIG_DIRS,
// e.g. installed by a distribution package), so disabling while a system entry exists writes a
// user entry with Hidden=true instead of deleting ours (deleting would re-enable the system one).
// A user file that is not ours (its Exec does not name clawtray) is never deleted, only hidden.
class XdgAutostart final : public Autostart
{
public:
    explicit XdgAutostart(QString appPath);

    bool isEnabled() const override;
    Done setEnabled(bool enabled) override;
    QString description() const override;
    bool argumentsInEntry() const override;

    QString filePath() const;            // the user entry
    QStringList systemFilePaths() const; // where a system-wide entry could be
    QString desktopEntry() const;        // the content we write
    QString execLine() const;            // its Exec value: the app, --minimized, arguments()

    // Quotes one Exec argument per the Desktop Entry spec (reserved characters, escapes, %).
    static QString quoteExecArgument(const QString& argument);
    // The program of an Exec value (first argument, quoting and escapes removed).
    static QString execProgram(const QString& execValue);

private:
    struct Entry
    {
        bool exists = false;
        QStringList lines;
        QMap<QString, QString> values; // keys of the [Desktop Entry] group
    };
    static Entry readEntry(const QString& path);
    static bool isEntryEnabled(const Entry& entry);
    bool isOurs(const Entry& entry) const;
    Done writeFile(const QString& content) const;
    static QString withHiddenTrue(const Entry& entry);

    QString m_appPath;
};

} // namespace clawtray
