#pragma once

#include "policy/Result.h"

#include <QString>

namespace clawtray {

// Directory overrides. An empty field means "no override": the environment variable, then the
// platform default, decides.
struct AppPathOverrides
{
    QString dataDir;
    QString configDir;
    QString runtimeDir;
    QString userRuntimeDir;
};

// Where ClawTray keeps things. One place, so tests and the CLI (`--config-dir`, `--data-dir`) can
// move everything with one call, and nobody hard-codes ~/.config in a corner of the code.
//
// Precedence for each directory: setOverrides() > environment variable > platform default.
//   dataDir        CLAWTRAY_DATA_DIR     ~/.local/share/clawtray     logs, lease, device identity
//   configDir      CLAWTRAY_CONFIG_DIR   ~/.config/clawtray          clawtray.ini, token file
//   runtimeDir     CLAWTRAY_RUNTIME_DIR  ${XDG_DATA_HOME:-~/.local/share}/clawtray/runtime (Node + openclaw)
//   userRuntimeDir XDG_RUNTIME_DIR       /tmp/clawtray-<uid> (0700)  sockets
//
// The getters only compute paths; ensureDir() creates one with 0700 (the data and config dirs hold
// the device key and possibly the token, so nobody else may list or read them).
class AppPaths final
{
public:
    // Application name "clawtray", no organisation: QStandardPaths and QSettings then agree with
    // the paths below on every platform. Call once, right after constructing the application.
    static void setApplicationIdentity();

    static void setOverrides(const AppPathOverrides& overrides);
    static AppPathOverrides overrides();
    static void clearOverrides();

    static QString dataDir();
    static QString configDir();
    static QString runtimeDir();
    static QString userRuntimeDir();

    // Well-known locations derived from the above.
    static QString logDir();       // <dataDir>/logs
    static QString settingsFile(); // <configDir>/clawtray.ini
    static QString tokenFile();    // <configDir>/gateway-token
    // <configDir>/gateway-token.location: where tokenStorage=auto put the token ("keychain")
    static QString tokenLocationFile();

    // Creates `path` (and parents) and restricts it to the owner (0700), or says why it cannot.
    // An existing directory is tightened to 0700 as well.
    static Done ensureDir(const QString& path);
    // ensureDir() for dataDir, configDir and userRuntimeDir (not runtimeDir: the setup script owns it).
    static Done ensureAll();

private:
    static AppPathOverrides& state();
};

} // namespace clawtray
