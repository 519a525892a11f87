#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <sys/types.h>

// Helpers shared by the tests. Nothing here is part of the product.
namespace testsupport {

// A TCP port on 127.0.0.1 that was free a moment ago (bound with port 0, then released).
quint16 freeTcpPort();

// An openclaw.json for a real gateway under test: `gateway` as given, `extra` top-level keys,
// plus what keeps the gateway off the network (no update check, no hosted model-catalog refresh:
// without the latter it resolves catalog.openclaw.ai at start even with OPENCLAW_OFFLINE=1).
QByteArray offlineGatewayConfig(const QJsonObject& gateway, const QJsonObject& extra = {});

// Paths handed to the tests by CTest (see tests/CMakeLists.txt).
QString fakeGatewayPath();   // $CLAWTRAY_FAKE_GATEWAY
QString runtimeDir();        // $CLAWTRAY_TEST_RUNTIME_DIR: node_modules/node/bin/node, node_modules/openclaw
QString runtimeNode();       // node binary in the runtime dir, empty if absent
QString runtimeOpenClawMjs();// openclaw.mjs in the runtime dir, empty if absent
QString sourceDir();

bool processAlive(pid_t pid);          // exists and is not a zombie
QStringList processCmdline(pid_t pid); // argv of a live process, empty if gone
QList<pid_t> processesInGroup(pid_t pgid);
// Live OpenClaw gateways (they retitle themselves "openclaw-gateway") whose environment holds
// `environEntry` ("HOME=/tmp/x", "OPENCLAW_STATE_DIR=/tmp/y"): how a test tells its own apart.
QList<pid_t> gatewaysWithEnvironment(const QByteArray& environEntry);
int fileMode(const QString& path);   // st_mode & 0777, -1 if missing
// Writes `text` to `path` (replacing it) as an 0700 executable: the stand-in scripts tests put on
// PATH or in place of node. False when it cannot.
bool writeExecutable(const QString& path, const QByteArray& text);

// Waits (spinning the event loop) until pred() is true or the timeout passes.
template<typename Pred>
bool waitFor(Pred pred, int timeoutMs);

} // namespace testsupport

#include <QDeadlineTimer>
#include <QTest>

template<typename Pred>
bool testsupport::waitFor(Pred pred, int timeoutMs)
{
    return QTest::qWaitFor(pred, timeoutMs);
}
