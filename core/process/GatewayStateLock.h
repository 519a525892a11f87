#pragma once

#include <QString>

#include <optional>

namespace clawtray {

// The gateway that owns a state dir, from OpenClaw's own ownership lock
// (<stateDir>/tmp/openclaw-<uid>/gateway.state.lock, JSON with pid, port, stateDir, startTime).
// A second gateway on that state dir would wait for the lock and exit 78; ClawTray reads the lock
// first and attaches to its owner instead of spawning one that cannot run.
struct StateLockOwner
{
    qint64 pid = 0;
    quint16 port = 0;
    QString lockPath;
    QString describe() const; // "pid 123 on port 18789"
};

namespace gatewaylock {

QString lockPath(const QString& stateDir);
// The live OpenClaw gateway of this user that holds the lock (its pid alive with the recorded
// start time, its command line a gateway's), or nothing: no lock, a stale one, or garbage.
std::optional<StateLockOwner> liveOwner(const QString& stateDir);
// Whether the gateway `pid`, asked to stop, has let go of what a successor on this state dir needs:
// OpenClaw's state lock no longer names it, and neither it nor any process of its group listens on
// a TCP port. False while that cannot be told (GatewayProcess::stopForSuccessor then waits for the
// whole exit).
bool letGo(qint64 pid, const QString& stateDir);
// Parses the lock file's text (it may be padded after the JSON object).
std::optional<StateLockOwner> parse(const QByteArray& text, quint64* startTime = nullptr);

} // namespace gatewaylock
} // namespace clawtray
