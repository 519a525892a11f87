#pragma once

#include "settings/SettingsData.h"

#include <QVariant>

#include <vector>

namespace clawtray {

// One row per persisted field of SettingsData: its key, its type in the file, and how to read and
// write it on the struct. Loading, saving, resetting a bad field and changedKeys() all walk this
// table, so adding a setting is one row here plus one member, and they can never disagree.
struct SettingsField
{
    enum class Type { String, Int, Bool, StringList, Choice };

    QString key;
    Type type;
    QStringList choices; // Type::Choice: the accepted spellings
    // Value as stored: QString, int, bool, QStringList, or (Choice) the QString spelling.
    QVariant (*get)(const SettingsData&);
    // Takes a value of the stored type; returns false when it is not acceptable (unknown choice).
    bool (*set)(SettingsData&, const QVariant&);

    void resetToDefault(SettingsData& data) const { set(data, get(SettingsData{})); }
};

const std::vector<SettingsField>& settingsSchema();
const SettingsField* findSettingsField(const QString& key);

} // namespace clawtray
