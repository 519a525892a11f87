#pragma once

#include "policy/UserText.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace clawtray {

// One OpenClaw install in the runtime dir, as the runtime's record (versions.json) knows it.
struct RuntimeVersionRecord
{
    QString version;
    qint64 installedAtMs = 0; // when its install finished
    qint64 lastGoodAtMs = 0;  // when a gateway of this version last became ready; 0: never
};

// The outcome of one change to the layout: nothing or a sentence saying what failed.
struct LayoutChange
{
    bool ok = true;
    UserText error;
    static LayoutChange failed(UserText why) { return {false, std::move(why)}; }
};

// The runtime dir holds OpenClaw installs side by side, each a self-contained npm prefix with the
// Node it runs on, and a symlink naming the active one:
//
//   <runtime>/openclaw/<version>/node_modules/{node,openclaw}/
//   <runtime>/current -> openclaw/<version>     switched atomically (a new link renamed over it)
//   <runtime>/node_modules -> current/node_modules   what the single-install layout used to be,
//                                                     kept so its paths go on resolving
//   <runtime>/versions.json                     installed/last-good times, the previous version
//
// An install in the old single-prefix layout (<runtime>/node_modules/...) is moved into the new one
// in place by renames (migrateLegacy: idempotent, no copy, a gateway running from it keeps working
// through the compatibility link). See docs/ARCHITECTURE.md, "Updating the gateway".
class RuntimeLayout final
{
public:
    explicit RuntimeLayout(QString runtimeDir);

    QString root() const { return m_root; }
    QString versionsDir() const;
    QString versionDir(const QString& version) const;
    QString currentLink() const;
    static QString nodeIn(const QString& prefix);
    static QString openclawIn(const QString& prefix);

    // The version `current` names, "" when there is none (no link, or a link to nowhere).
    QString activeVersion() const;
    QString activeDir() const;
    // Installs that have both Node and openclaw.mjs, newest version first.
    QStringList installedVersions() const;
    bool isComplete(const QString& version) const;

    bool hasLegacyLayout() const;
    LayoutChange migrateLegacy();
    // Points `current` at an installed version (atomic: a reader sees the old or the new target).
    LayoutChange switchTo(const QString& version);

    QVector<RuntimeVersionRecord> records() const;
    RuntimeVersionRecord record(const QString& version) const;
    void markInstalled(const QString& version, qint64 nowMs);
    void markGood(const QString& version, qint64 nowMs);
    void forget(const QString& version);
    // The version that was active before the last switch by an update: what "Roll back" returns to.
    QString previousVersion() const;
    void setPreviousVersion(const QString& version);

    // Removes installs beyond the `keep` newest that ran successfully, never the active one nor
    // the previous one nor one that never ran (it may be an update in progress). Returns the
    // versions removed.
    QStringList prune(int keep = 2);

    // Removes an install (a symlinked one only loses its link). False when something stayed.
    bool removeVersion(const QString& version);

    // Reads "version" from <prefix>/node_modules/openclaw/package.json ("" when unreadable).
    static QString packageVersion(const QString& prefix);
    // A version string that is safe as a directory name and an npm spec ("2026.9.6", "2026.9.1-beta.1").
    static bool isPlausibleVersion(const QString& version);

private:
    QString recordFile() const;
    QJsonObject readRecord() const;
    void writeRecord(const QJsonObject& record) const;

    QString m_root;
};

} // namespace clawtray
