#pragma once

#include "policy/Result.h"

#include "settings/SettingsData.h"

#include <QString>
#include <QStringList>

namespace clawtray {

// What load() found. Loading never fails: a damaged file yields defaults for what was damaged.
struct SettingsLoadResult
{
    SettingsData data;
    bool fileExisted = false;
    bool unparseable = false; // the whole file was unusable (binary, not INI): everything is default
    QStringList resetKeys;    // fields that were reset to their default
    QStringList warnings;     // one human-readable line per problem, for the log and the UI
    QString backupPath;       // where the original bytes were kept, when anything was reset
};

// The settings store: SettingsData <-> an INI file (clawtray.ini in the config dir).
//
// A damaged file must never cost the user what they configured. So, before anything is rewritten,
// the original bytes are copied to `clawtray.ini.bad-<timestamp>`; then only the bad fields are
// reset (or all of them if the file cannot be parsed at all) and the repaired file is written
// back, so the warning appears once, not at every start. Keys this version does not know (written
// by a newer ClawTray) are kept. The gateway token is never written here: SettingsData has no
// field for it, and save() removes secret-looking keys a user may have pasted in by hand.
class Settings final
{
public:
    static constexpr int kSchemaVersion = 1;

    Settings(); // AppPaths::settingsFile()
    explicit Settings(QString filePath);

    QString filePath() const { return m_filePath; }

    SettingsLoadResult load() const;
    // Validates, then writes atomically (QSettings writes through QSaveFile), or says why not.
    // Invalid data is refused so the file always loads cleanly.
    Done save(const SettingsData& data) const;

private:
    Result<QString> backupOriginal() const; // the copy's path
    void repairInvalidCombinations(SettingsLoadResult& result) const;

    QString m_filePath;
};

} // namespace clawtray
