#pragma once

#include "policy/Result.h"

#include "settings/NodeVersion.h"

#include <QString>
#include <QStringList>

namespace clawtray {

// What a validated gateway runtime consists of.
struct RuntimeInfo
{
    QString nodePath;        // absolute path of the node binary
    NodeVersion nodeVersion; // as reported by `node --version`
    QString openclawDir;     // the openclaw package directory
    QString openclawEntry;   // <openclawDir>/openclaw.mjs
    QString openclawVersion; // "version" from its package.json; empty when unreadable
};

// The outcome of locating/validating a runtime: expected failures are values, not exceptions.
struct RuntimeCheck
{
    bool ok = false;
    QString error;        // one sentence the user can act on; empty when ok
    QStringList warnings; // non-fatal findings (e.g. an unreadable package.json)
    RuntimeInfo info;     // filled as far as validation got
};

// Finds Node and the openclaw package that scripts/setup.sh installs into the runtime dir, and
// validates a (configured or detected) pair before anyone tries to spawn a gateway with it, so a
// wrong path or an old Node shows up as a clear message instead of a gateway that dies at start.
//
//   node:     <runtime>/openclaw/<active version>/node_modules/node/bin/node (RuntimeLayout), else
//             <runtime>/node_modules/node/bin/node, else <runtime>/node_modules/.bin/node
//   openclaw: <runtime>/openclaw/<active version>/node_modules/openclaw, else <runtime>/node_modules/openclaw
//
// No fallback to a `node` on PATH: distribution Nodes are usually too old for OpenClaw, and a
// supervisor should run the same runtime every time.
class RuntimeLocator final
{
public:
    // `node --version` answers in ~50 ms; 10 s leaves room for a machine under heavy load (a 5 s
    // limit tripped once in CI while ASan tests ran), and a hung node is still bounded.
    static constexpr int kVersionTimeoutMs = 10000;

    RuntimeLocator(); // AppPaths::runtimeDir()
    explicit RuntimeLocator(QString runtimeDir);

    QString runtimeDir() const { return m_runtimeDir; }
    QStringList nodeCandidates() const;
    // The first candidate that exists, else the preferred one (so an error can name it).
    QString detectNodePath() const;
    QString detectOpenClawDir() const;

    // Validates the configured paths; an empty path means "auto-detect in the runtime dir".
    // Blocking: runs `node --version` (bounded by timeoutMs).
    RuntimeCheck resolve(const QString& nodePath, const QString& openclawDir, int timeoutMs = kVersionTimeoutMs) const;

    // Validates an explicit pair. Blocking, see resolve(). What a missing file's message suggests:
    // installing the runtime (the default), or, for a path the user set, checking that setting.
    enum class Origin { RuntimeDir, Configured };
    static RuntimeCheck validate(const QString& nodePath, const QString& openclawDir,
                                 int timeoutMs = kVersionTimeoutMs, Origin nodeOrigin = Origin::RuntimeDir,
                                 Origin openclawOrigin = Origin::RuntimeDir);

    // Runs `<node> --version`: its output (trimmed), or why there is none.
    static Result<QString> queryNodeVersion(const QString& nodePath, int timeoutMs);
    // "version" from <openclawDir>/package.json, or why there is none.
    static Result<QString> readPackageVersion(const QString& openclawDir);

private:
    QString m_runtimeDir;
};

} // namespace clawtray
