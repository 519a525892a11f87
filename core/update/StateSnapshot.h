#pragma once

#include "policy/UserText.h"

#include <QString>
#include <QStringList>

namespace clawtray {

// The gateway's state as an update can change it, copied aside while the gateway is stopped and
// put back byte for byte if the new version fails (its migrations then never happened). Covers the
// state dir (openclaw.json, the state and agent databases, credentials, devices, identity, ...)
// and a config file outside it; leaves out what no migration rewrites and what can be large: the
// agent workspaces, media, caches, temporary files and logs.
class StateSnapshot final
{
public:
    // `stateDir`: the gateway's state dir; `configPath`: its config file (may be inside stateDir).
    StateSnapshot(QString stateDir, QString configPath);

    static QStringList excludedNames(); // top-level names of stateDir left out

    // Copies into `into` (created; must not exist). Empty on success, else what failed.
    UserText take(const QString& into) const;
    // Makes stateDir (minus the excluded names) and the config file what `from` holds again:
    // entries the snapshot does not have are removed, the rest copied back. Empty on success.
    UserText restore(const QString& from) const;

    // For tests and the diagnostics: "relative path -> sha256" of everything the snapshot covers.
    QStringList fingerprint() const;

private:
    bool covered(const QString& topLevelName) const;
    QString m_stateDir;
    QString m_configPath;
};

} // namespace clawtray
