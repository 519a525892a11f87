#pragma once

#include "process/LaunchSpec.h"

#include <QTemporaryDir>

// Launch options for the real OpenClaw gateway from the test runtime dir, with all of its state
// isolated in a temporary directory (never the user's ~/.openclaw) and a free port.
namespace testsupport {

struct RealGatewayEnv
{
    QTemporaryDir root;
    quint16 port = 0;
    QString token = QStringLiteral("e2e-token-0123456789abcdef");
    bool valid = false;
    QString error;

    RealGatewayEnv();
    clawtray::GatewayLaunchOptions options() const;
};

// The `clawtray` binary of this build ($CLAWTRAY_BINARY_DIR/app/clawtray).
QString clawtrayBinary();

// The environment a user's shell would give a `clawtray` whose whole world lives under `root`:
// HOME (root/home), TMPDIR, XDG_RUNTIME_DIR (root/run, make it 0700), XDG config and data, the
// control socket root/run/clawtray.sock; no display, no D-Bus session (a server), no OpenClaw
// variables of the caller's; channels and updates off so nothing leaves the machine.
QProcessEnvironment userEnvironment(const QString& root);

// Polls GET http://127.0.0.1:<port>/readyz until it answers 200 or the timeout passes.
// Returns the milliseconds it took, or -1.
qint64 waitForReadyz(quint16 port, int timeoutMs);
int httpGetStatus(quint16 port, const QString& path, int timeoutMs = 2000);

} // namespace testsupport
